/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nianbao-cli aggregate — total the reports of an area's agencies */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "nb-aggregate.h"
#include "nb-cli-common.h"
#include "nb-feedback-writer.h"
#include "nb-report-file.h"
#include "nb-summary-writer.h"
#include "nb-xlsx-reader.h"

static char *
to_utf8 (const char *arg)
{
  char *utf8 = g_filename_to_utf8 (arg, -1, NULL, NULL, NULL);

  return utf8 ? utf8 : g_strdup (arg);
}

int
nb_cli_aggregate (int    argc,
                  char **argv)
{
  g_autofree char *output = NULL, *roster = NULL, *against = NULL, *feedback = NULL, *name = NULL;
  int year = 0;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Where to write: the summary workbook (.xlsx) or the summary report (.nianbao)"), N_("OUT") },
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The report year to total (default: the year most reports have)"), N_("YEAR") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The area's name, the summary report's agency"), N_("AREA") },
    { "roster", 0, 0, G_OPTION_ARG_FILENAME, &roster,
      N_("The agencies expected: one a line (.txt) or the first column of a workbook (.xlsx)"), N_("AGENCIES") },
    { "against", 0, 0, G_OPTION_ARG_FILENAME, &against,
      N_("The area's own report, compared figure by figure with the totals"), N_("AREA_REPORT") },
    { "feedback", 0, 0, G_OPTION_ARG_FILENAME, &feedback,
      N_("Write, for each agency with problems, a text and a PDF listing them into this folder"), N_("FOLDER") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILES…|FOLDER -o SUMMARY.xlsx|SUMMARY.nianbao"));
  g_autoptr(NbAggregate) agg = nb_aggregate_new ();
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) differences = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_utf8 = NULL, *lower = NULL;
  gboolean to_xlsx;
  gboolean trouble = FALSE;

  g_option_context_set_summary (context,
                                _("Total the reports (.nianbao documents and workbooks exported by nianbao) of an "
                                  "area's agencies, cell by cell, into a summary report or a summary workbook. "
                                  "Files that cannot be read, of another year or format, or sent twice are listed "
                                  "and do not stop the run. Exit status 1 when any report has errors or was not "
                                  "counted, or an agency of the roster is missing."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!nb_cli_parse (context, &argc, &argv))
    return NB_CLI_USAGE;
  if (argc < 2 || !output)
    {
      nb_cli_error (_("usage: nianbao-cli aggregate FILES…|FOLDER -o SUMMARY.xlsx|SUMMARY.nianbao"));
      return NB_CLI_USAGE;
    }
  out_utf8 = to_utf8 (output);
  lower = g_utf8_strdown (out_utf8, -1);
  to_xlsx = g_str_has_suffix (lower, ".xlsx");
  if (!to_xlsx && !g_str_has_suffix (lower, NB_FILE_EXTENSION))
    {
      nb_cli_error (_("“%s”: the output name must end in .xlsx or .nianbao"), out_utf8);
      return NB_CLI_USAGE;
    }
  if (year && (year < 1990 || year > 2999))
    {
      nb_cli_error (_("--year %d is not a report year"), year);
      return NB_CLI_USAGE;
    }

  /* The files: each argument a file, or a folder of them. */
  {
    g_autoptr(GFile) out_file = g_file_new_for_path (output);

    for (int i = 1; i < argc; i++)
      {
        g_autofree char *arg = to_utf8 (argv[i]);

        if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
          {
            g_autoptr(GPtrArray) files = nb_aggregate_list_folder (arg, &error);

            if (!files)
              {
                nb_cli_error ("%s", error->message);
                return NB_CLI_USAGE;
              }
            for (guint k = 0; k < files->len; k++)
              {
                g_autoptr(GFile) f = g_file_new_for_path (g_ptr_array_index (files, k));
                NbXlsxKind kind;

                /* The summary of an earlier run in the same folder is no
                 * report; anything else named by -o is refused below. */
                if (g_file_equal (f, out_file) && nb_xlsx_probe (g_ptr_array_index (files, k), &kind, NULL)
                    && kind == NB_XLSX_SUMMARY)
                  continue;
                /* Moved, not copied: 10 000 paths are worth keeping once. */
                g_ptr_array_add (inputs, g_steal_pointer (&files->pdata[k]));
              }
          }
        else
          g_ptr_array_add (inputs, g_steal_pointer (&arg));
      }
  }
  if (inputs->len == 0)
    {
      nb_cli_error (_("No report file (.nianbao, .xlsx) was given or found"));
      return NB_CLI_USAGE;
    }
  if (nb_aggregate_is_input (agg, inputs, out_utf8))
    {
      nb_cli_error (_("“%s” is one of the reports read: the summary is not written over it"), out_utf8);
      return NB_CLI_USAGE;
    }

  nb_aggregate_set_year (agg, year);
  nb_aggregate_set_name (agg, name ? name : _("Summary"));
  /* Problems are kept only where they are written out. */
  nb_aggregate_set_keep_details (agg, to_xlsx || feedback);
  if (roster)
    {
      g_autofree char *r = to_utf8 (roster);

      if (!nb_aggregate_load_roster (agg, r, &error))
        {
          nb_cli_error ("%s", error->message);
          return NB_CLI_USAGE;
        }
    }

  /* Each path let go once added: the entry keeps its own copy. */
  for (guint i = 0; i < inputs->len; i++)
    {
      nb_aggregate_add_file (agg, g_ptr_array_index (inputs, i));
      g_clear_pointer (&inputs->pdata[i], g_free);
    }

  if (!nb_aggregate_finish (agg, &error))
    {
      for (guint i = 0; i < nb_aggregate_get_n_entries (agg); i++)
        {
          const NbAggregateEntry *e = nb_aggregate_get_entry (agg, i);

          for (guint k = 0; e->notes && k < e->notes->len; k++)
            g_printerr ("%s\n", (const char *) g_ptr_array_index (e->notes, k));
        }
      nb_cli_error ("%s", error->message);
      return NB_CLI_USAGE;
    }

  if (against)
    {
      g_autofree char *a = to_utf8 (against);
      g_autoptr(NbReport) area = nb_aggregate_read_report (a, NULL, &error);

      if (!area || !(differences = nb_aggregate_compare (agg, area, &error)))
        {
          nb_cli_error ("%s", error->message);
          return NB_CLI_USAGE;
        }
    }

  /* What happened to each file, one line each. */
  for (guint i = 0; i < nb_aggregate_get_n_entries (agg); i++)
    {
      const NbAggregateEntry *e = nb_aggregate_get_entry (agg, i);
      g_autofree char *base = e->path ? g_path_get_basename (e->path) : g_strdup ("-");

      if (e->state != NB_ENTRY_FINE && e->state != NB_ENTRY_WARNINGS)
        trouble = TRUE;
      if (e->state == NB_ENTRY_FINE && !e->notes)
        continue;
      g_print ("%s\t%s\t%s", base, e->agency ? e->agency : "", nb_entry_state_to_string (e->state));
      if (e->state == NB_ENTRY_ERRORS || e->state == NB_ENTRY_WARNINGS)
        g_print (_("\t%u errors, %u warnings"), e->n_errors, e->n_warnings);
      g_print ("\n");
      for (guint k = 0; e->notes && k < e->notes->len; k++)
        g_print ("\t%s\n", (const char *) g_ptr_array_index (e->notes, k));
    }
  for (guint i = 0; differences && i < differences->len; i++)
    {
      g_print ("%s: %s\n", _("difference"), (const char *) g_ptr_array_index (differences, i));
      trouble = TRUE;
    }

  if (to_xlsx)
    {
      if (!nb_summary_write (agg, differences, out_utf8, &error))
        {
          nb_cli_error ("%s", error->message);
          return NB_CLI_USAGE;
        }
    }
  else if (!nb_cli_save (nb_aggregate_get_summary (agg), output))
    return NB_CLI_USAGE;

  if (feedback)
    {
      g_autofree char *folder = to_utf8 (feedback);
      guint n = 0;

      if (!nb_feedback_write_all (agg, folder, name ? name : _("Summary"), NULL, NULL, NULL, &n, &error))
        {
          nb_cli_error ("%s", error->message);
          return NB_CLI_USAGE;
        }
      g_print (g_dngettext (GETTEXT_PACKAGE, "Feedback for %u agency written to %s\n",
                            "Feedback for %u agencies written to %s\n", n), n, folder);
    }

  g_print (_("%u of %u files counted for %d (%s format); %u with errors, %u unreadable, %u not counted, %u missing. "
             "Written: %s\n"),
           nb_aggregate_get_n_counted (agg), inputs->len, nb_aggregate_get_year (agg),
           nb_format_get_version (nb_aggregate_get_format (agg)),
           nb_aggregate_count_state (agg, NB_ENTRY_ERRORS), nb_aggregate_count_state (agg, NB_ENTRY_UNREADABLE),
           nb_aggregate_count_state (agg, NB_ENTRY_EXCLUDED) + nb_aggregate_count_state (agg, NB_ENTRY_REPLACED),
           nb_aggregate_count_state (agg, NB_ENTRY_MISSING), out_utf8);
  return trouble ? NB_CLI_REPORT_ERRORS : NB_CLI_OK;
}
