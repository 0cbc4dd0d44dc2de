/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nianbao-cli get / dump — read values */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "nb-cli-common.h"

int
nb_cli_get (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE KEY"));
  g_autoptr(NbReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  g_option_context_set_summary (context, _("Print one value: a cell (computed totals too) or a field."));
  if (!nb_cli_parse (context, &argc, &argv))
    return NB_CLI_USAGE;
  if (argc != 3)
    {
      nb_cli_error (_("usage: nianbao-cli get FILE KEY"));
      return NB_CLI_USAGE;
    }
  if (!(report = nb_cli_load (argv[1])))
    return NB_CLI_USAGE;
  if (!(value = nb_report_dup_field (report, argv[2], &error)))
    {
      nb_cli_error ("%s", error->message);
      return NB_CLI_USAGE;
    }
  g_print ("%s\n", value);
  return NB_CLI_OK;
}

int
nb_cli_dump (int    argc,
             char **argv)
{
  static const char *const fields[] = { "format", "agency", "agency_kind", "year", "date", "signoff", "title" };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  g_autoptr(NbReport) report = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  NbFormat *format;

  g_option_context_set_summary (context,
                                _("Print every key and its value as one JSON object, computed totals "
                                  "included. Whole numbers are JSON numbers, decimals strings, blanks null."));
  if (!nb_cli_parse (context, &argc, &argv))
    return NB_CLI_USAGE;
  if (argc != 2)
    {
      nb_cli_error (_("usage: nianbao-cli dump FILE"));
      return NB_CLI_USAGE;
    }
  if (!(report = nb_cli_load (argv[1])))
    return NB_CLI_USAGE;
  format = nb_report_get_format (report);

  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *value = nb_report_dup_field (report, fields[i], NULL);

      json_builder_set_member_name (b, fields[i]);
      if (g_str_equal (fields[i], "year"))
        json_builder_add_int_value (b, nb_report_get_year (report));
      else
        json_builder_add_string_value (b, value);
    }
  for (guint i = 0; i < nb_format_get_n_sections (format); i++)
    {
      const NbSectionDef *s = nb_format_get_section (format, i);
      g_autofree char *key = NULL;

      if (s->kind != NB_SECTION_TEXT)
        continue;
      key = g_strconcat ("text/", s->key, NULL);
      json_builder_set_member_name (b, key);
      json_builder_add_string_value (b, nb_report_get_text (report, s->key));
    }
  for (guint i = 0; i < nb_format_get_n_cells (format); i++)
    {
      const NbCellDef *def = nb_format_get_cell (format, i);
      const NbNumber *v = nb_report_get_value_at (report, i);
      char buf[NB_NUMBER_BUF];

      json_builder_set_member_name (b, def->key);
      if (v->blank)
        json_builder_add_null_value (b);
      else if (v->places == 0)
        json_builder_add_int_value (b, v->units);
      else
        json_builder_add_string_value (b, nb_number_format (v, buf));
    }
  json_builder_end_object (b);

  nb_cli_print_json (b);
  return NB_CLI_OK;
}
