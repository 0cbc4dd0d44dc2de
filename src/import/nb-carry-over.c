/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-carry-over.c — a new year's report started from last year's */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "nb-carry-over.h"
#include "nb-checker.h"
#include "nb-error.h"

NbReport *
nb_carry_over (NbReport    *previous,
               int          year,
               const char  *agency,
               GError     **error)
{
  NbFormat *format;
  g_autoptr(NbReport) report = NULL;

  g_return_val_if_fail (NB_IS_REPORT (previous), NULL);

  if (nb_report_get_year (previous) != year - 1)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_IMPORT,
                   _("A report for %d starts from the report for %d, but this one is for %d"),
                   year, year - 1, nb_report_get_year (previous));
      return NULL;
    }
  if (!(format = nb_format_for_year (year)))
    {
      g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                   _("There is no official format for %d"), year);
      return NULL;
    }

  report = nb_report_new (format, year, agency && *agency ? agency : nb_report_get_agency (previous));
  nb_report_set_agency_kind (report, nb_report_get_agency_kind (previous));
  if (nb_report_get_signoff (previous))
    nb_report_set_signoff (report, nb_report_get_signoff (previous));
  nb_checker_carry_over (nb_checker_for_format (format), report, previous);
  g_ptr_array_unref (nb_carry_over_texts (report, previous));

  /* A fresh document: nothing to undo back to. */
  nb_history_clear (nb_report_get_history (report));
  return g_steal_pointer (&report);
}

GPtrArray *
nb_carry_over_texts (NbReport *report,
                     NbReport *previous)
{
  NbFormat *format = nb_report_get_format (report);
  NbFormat *last = nb_report_get_format (previous);
  GPtrArray *carried = g_ptr_array_new ();

  g_return_val_if_fail (NB_IS_REPORT (report), carried);
  g_return_val_if_fail (NB_IS_REPORT (previous), carried);

  for (guint i = 0; i < nb_format_get_n_sections (format); i++)
    {
      const NbSectionDef *s = nb_format_get_section (format, i);
      const NbSectionDef *before = nb_format_find_section (last, s->key);
      const char *text;

      if (s->kind != NB_SECTION_TEXT || !before || before->kind != NB_SECTION_TEXT)
        continue;
      text = nb_report_get_text (previous, s->key);
      if (!*text || !nb_report_set_text (report, s->key, text, NULL))
        continue;
      /* Last year's words, years and figures: the clerk goes over them. */
      nb_report_set_needs_review (report, s->key, TRUE);
      g_ptr_array_add (carried, (gpointer) s->key);
    }
  return carried;
}
