/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nianbao-cli check — every problem of a report */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "nb-checker.h"
#include "nb-cli-common.h"

static void
print_json (GPtrArray *problems)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < problems->len; i++)
    {
      NbProblem *p = g_ptr_array_index (problems, i);
      const char *const *keys = nb_problem_get_keys (p);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, nb_problem_get_id (p));
      json_builder_set_member_name (b, "severity");
      json_builder_add_string_value (b, nb_severity_to_string (nb_problem_get_severity (p)));
      json_builder_set_member_name (b, "keys");
      json_builder_begin_array (b);
      for (guint k = 0; keys && keys[k]; k++)
        json_builder_add_string_value (b, keys[k]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "section");
      if (nb_problem_get_section (p))
        {
          json_builder_add_string_value (b, nb_problem_get_section (p));
          json_builder_set_member_name (b, "start");
          json_builder_add_int_value (b, nb_problem_get_start (p));
          json_builder_set_member_name (b, "end");
          json_builder_add_int_value (b, nb_problem_get_end (p));
        }
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, nb_problem_get_message (p));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  nb_cli_print_json (b);
}

int
nb_cli_check (int    argc,
              char **argv)
{
  g_autofree char *previous_path = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "previous", 'p', 0, G_OPTION_ARG_FILENAME, &previous_path,
      N_("Last year's report, for the checks across years"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the problems as a JSON array"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbReport) previous = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  guint n_errors, n_warnings;

  g_option_context_set_summary (context,
                                _("Check the report: every problem on a line, then a summary. "
                                  "Exit status 1 if it has errors."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!nb_cli_parse (context, &argc, &argv))
    return NB_CLI_USAGE;
  if (argc != 2)
    {
      nb_cli_error (_("usage: nianbao-cli check FILE [--previous LASTYEAR.nianbao] [--json]"));
      return NB_CLI_USAGE;
    }
  if (!(report = nb_cli_load (argv[1])))
    return NB_CLI_USAGE;
  if (previous_path && !(previous = nb_cli_load (previous_path)))
    return NB_CLI_USAGE;
  /* As the window does: the checks across years hold one year to the next,
   * so another year's report is refused, not read as last year's. */
  if (previous && nb_report_get_year (previous) != nb_report_get_year (report) - 1)
    {
      g_autofree char *message =
        g_strdup_printf (_("That is the report for %d; the %d report is checked against the one for %d."),
                         nb_report_get_year (previous), nb_report_get_year (report),
                         nb_report_get_year (report) - 1);

      nb_cli_error ("%s: %s", previous_path, message);
      return NB_CLI_USAGE;
    }

  problems = nb_check_report (report, previous);
  n_errors = nb_problems_count (problems, NB_SEVERITY_ERROR);
  n_warnings = nb_problems_count (problems, NB_SEVERITY_WARNING);

  {
    g_autofree char *errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", n_errors),
                                               n_errors);
    g_autofree char *warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                                              n_warnings),
                                                 n_warnings);

    if (json)
      {
        print_json (problems);
        /* stdout stays pure JSON; the summary goes to stderr. */
        /* TRANSLATORS: the summary line of “nianbao-cli check”, e.g. “2 errors, 1 warning” */
        g_printerr (_("%s, %s\n"), errors, warnings);
      }
    else
      {
        for (guint i = 0; i < problems->len; i++)
          {
            NbProblem *p = g_ptr_array_index (problems, i);
            g_autofree char *keys = g_strjoinv (", ", (char **) nb_problem_get_keys (p));

            g_print ("%s %s: %s%s%s%s\n",
                     nb_problem_get_severity (p) == NB_SEVERITY_ERROR ? _("error") : _("warning"),
                     nb_problem_get_id (p), nb_problem_get_message (p),
                     *keys ? " [" : "", keys, *keys ? "]" : "");
          }
        g_print (_("%s, %s\n"), errors, warnings);
      }
  }
  return n_errors > 0 ? NB_CLI_REPORT_ERRORS : NB_CLI_OK;
}
