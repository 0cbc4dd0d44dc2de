/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nianbao-cli export — the workbook, the PDF, the web page or the Word file, chosen by the extension */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "nb-checker.h"
#include "nb-cli-common.h"
#include "nb-export.h"
#include "nb-safe-write.h"

int
nb_cli_export (int    argc,
               char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *output_utf8 = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Where to write: a name ending in .xlsx, .pdf, .html or .docx"), N_("OUT") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      N_("Replace OUT even if it is read-only"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE -o OUT.xlsx|OUT.pdf|OUT.html|OUT.docx"));
  g_autoptr(NbReport) report = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) out_file = NULL;
  guint n_errors;

  g_option_context_set_summary (context,
                                _("Export the report as an Excel workbook (.xlsx), a printable PDF (.pdf), a web page (.html) or a Word document (.docx). "
                                  "The file is written even if the report has errors; they are listed and "
                                  "the exit status is 1."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!nb_cli_parse (context, &argc, &argv))
    return NB_CLI_USAGE;
  if (argc != 2 || !output)
    {
      nb_cli_error (_("usage: nianbao-cli export FILE -o OUT.xlsx|OUT.pdf|OUT.html|OUT.docx"));
      return NB_CLI_USAGE;
    }
  if (!(output_utf8 = g_filename_to_utf8 (output, -1, NULL, NULL, &error)))
    {
      nb_cli_error ("%s", error->message);
      return NB_CLI_USAGE;
    }
  if (nb_export_kind_for_path (output_utf8) == NB_EXPORT_UNKNOWN)
    {
      nb_cli_error (_("“%s”: the output name must end in .xlsx, .pdf, .html or .docx"), output_utf8);
      return NB_CLI_USAGE;
    }
  if (!(report = nb_cli_load (argv[1])))
    return NB_CLI_USAGE;
  out_file = g_file_new_for_path (output_utf8);

  if (!force && nb_safe_write_is_read_only (out_file))
    {
      nb_cli_error (_("“%s” is read-only: it was not replaced (use --force to replace it)"), output_utf8);
      return NB_CLI_USAGE;
    }
  if (!nb_export_to_path_full (report, output_utf8,
                               force ? NB_SAFE_WRITE_FORCE : NB_SAFE_WRITE_NONE, &error))
    {
      nb_cli_error ("%s", error->message);
      return NB_CLI_USAGE;
    }

  /* Untouched is not zero: a table nobody filled passes every check. */
  {
    g_autofree char *untouched = nb_report_describe_untouched (report);
    if (untouched)
      g_printerr ("%s: %s\n", _("warning"), untouched);
  }

  /* Superiors receive what is exported: say plainly if it is wrong. */
  problems = nb_check_report (report, NULL);
  n_errors = nb_problems_count (problems, NB_SEVERITY_ERROR);
  for (guint i = 0; i < problems->len; i++)
    {
      NbProblem *p = g_ptr_array_index (problems, i);

      if (nb_problem_get_severity (p) == NB_SEVERITY_ERROR)
        g_printerr ("%s %s: %s\n", _("error"), nb_problem_get_id (p), nb_problem_get_message (p));
    }
  if (n_errors > 0)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "Exported %s, but the report has %u error\n",
                               "Exported %s, but the report has %u errors\n", n_errors),
                  output_utf8, n_errors);
      return NB_CLI_REPORT_ERRORS;
    }
  return NB_CLI_OK;
}
