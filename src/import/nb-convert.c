/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-convert.c — a report moved to another format version
 *
 * For a report begun in the wrong format: evaluators mark a wrong format,
 * and retyping every figure is what a clerk would otherwise face. */
#include "config.h"

#include "nb-convert.h"

NbReport *
nb_report_convert (NbReport  *report,
                   NbFormat  *format,
                   GPtrArray *lost)
{
  NbFormat *from;
  g_autoptr(NbReport) copy = NULL;
  const char *fields[] = { "agency_kind", "date", "signoff", "title" };

  g_return_val_if_fail (NB_IS_REPORT (report), NULL);
  g_return_val_if_fail (NB_IS_FORMAT (format), NULL);

  from = nb_report_get_format (report);
  copy = nb_report_new (format, nb_report_get_year (report), nb_report_get_agency (report));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *value = nb_report_dup_field (report, fields[i], NULL);

      if (value && *value)
        nb_report_set_field (copy, fields[i], value, NULL);
    }

  for (guint i = 0; i < nb_format_get_n_sections (format); i++)
    {
      const NbSectionDef *section = nb_format_get_section (format, i);

      if (section->kind == NB_SECTION_TEXT && nb_format_find_section (from, section->key))
        nb_report_set_text (copy, section->key, nb_report_get_text (report, section->key), NULL);
    }

  for (guint i = 0; i < nb_format_get_n_cells (from); i++)
    {
      const NbCellDef *def = nb_format_get_cell (from, i);
      const NbCellDef *target = nb_format_find_cell (format, def->key);
      const NbNumber *value = nb_report_get_value_at (report, i);

      if (def->computed)
        continue;
      if (target && !target->computed && nb_report_set_value (copy, def->key, value, NULL))
        continue;
      /* No place for it (or not of the new cell's kind): say so if it matters. */
      if (lost && !value->blank && value->units != 0)
        g_ptr_array_add (lost, g_strdup (def->key));
    }

  nb_history_clear (nb_report_get_history (copy));
  return g_steal_pointer (&copy);
}
