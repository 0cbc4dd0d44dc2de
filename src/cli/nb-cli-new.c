/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nianbao-cli new — create a report */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "nb-carry-over.h"
#include "nb-cli-common.h"
#include "nb-error.h"

int
nb_cli_new (int    argc,
            char **argv)
{
  int year = 0;
  g_autofree char *agency = NULL;
  g_autofree char *version = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *output = NULL;
  g_autofree char *from = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("Report year"), N_("YEAR") },
    { "agency", 0, 0, G_OPTION_ARG_STRING, &agency, N_("Agency name"), N_("NAME") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &version, N_("Format version (default: the one in force for the year)"), "2019|2021" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("Agency kind (default: department)"), "department|government" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The document to create"), N_("FILE") },
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from,
      N_("Start from last year's report: its agency and the figures carried over (requests carried in, items in force)"),
      N_("LASTYEAR.nianbao") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Overwrite an existing file"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbReport) previous = NULL;
  g_autoptr(GError) error = NULL;
  NbFormat *format;

  g_option_context_set_summary (context, _("Create a new report."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!nb_cli_parse (context, &argc, &argv))
    return NB_CLI_USAGE;
  if (argc > 1)
    {
      nb_cli_error (_("unexpected argument “%s”"), argv[1]);
      return NB_CLI_USAGE;
    }
  if (year < 1990 || year > 2999)
    {
      nb_cli_error (_("--year is required: the report year, e.g. --year 2024"));
      return NB_CLI_USAGE;
    }
  if (from && !(previous = nb_cli_load (from)))
    return NB_CLI_USAGE;
  if ((agency == NULL || *agency == '\0') && previous)
    {
      g_free (agency);
      agency = g_strdup (nb_report_get_agency (previous));
    }
  if (agency == NULL || *agency == '\0')
    {
      nb_cli_error (_("--agency is required: the agency's name"));
      return NB_CLI_USAGE;
    }
  if (output == NULL)
    {
      nb_cli_error (_("-o FILE is required: the document to create"));
      return NB_CLI_USAGE;
    }

  if (version)
    {
      if (!(format = nb_format_get (version, &error)))
        {
          nb_cli_error ("%s", error->message);
          return NB_CLI_USAGE;
        }
      if (!nb_format_covers_year (format, year))
        nb_cli_error (_("warning: format %s is not the one in force for %d"), version, year);
    }
  else if (!(format = nb_format_for_year (year)))
    {
      nb_cli_error (_("no official format covers the year %d (the first is 2019); give --format"), year);
      return NB_CLI_USAGE;
    }

  if (!force && g_file_test (output, G_FILE_TEST_EXISTS))
    {
      nb_cli_error (_("“%s” already exists; use --force to overwrite it"), output);
      return NB_CLI_USAGE;
    }

  if (previous)
    {
      if (version && format != nb_format_for_year (year))
        {
          nb_cli_error (_("--from starts a report in the format in force for %d; leave out --format"), year);
          return NB_CLI_USAGE;
        }
      if (!(report = nb_carry_over (previous, year, agency, &error)))
        {
          nb_cli_error ("%s", error->message);
          return NB_CLI_USAGE;
        }
    }
  else
    report = nb_report_new (format, year, agency);
  if (kind && !nb_report_set_field (report, "agency_kind", kind, &error))
    {
      nb_cli_error ("%s", error->message);
      return NB_CLI_USAGE;
    }
  if (!nb_cli_save (report, output))
    return NB_CLI_USAGE;
  return NB_CLI_OK;
}
