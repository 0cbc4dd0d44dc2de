/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-window-import.c — File → Import…: a published report into the window
 *
 * Kept apart from nb-window.c, which only routes files that are no
 * .nianbao document here (Open, Import, dropping a file on the window). */
#include "config.h"

#include <glib/gi18n.h>

#include "nb-import.h"
#include "nb-window-import.h"

const NbFileFilter *
nb_import_file_filters (void)
{
  static NbFileFilter filters[4] = { { NULL, NULL }, };

  /* Translated on first use, after the locale is set. */
  if (!filters[0].name)
    {
      filters[0].name = _("Published reports (*.txt, *.html, *.docx, *.pdf)");
      filters[0].pattern = "*.txt;*.TXT;*.htm;*.html;*.HTM;*.HTML;*.shtml;*.docx;*.DOCX;*.pdf;*.PDF";
      filters[1].name = _("Annual reports (*.nianbao)");
      filters[1].pattern = "*.nianbao";
      filters[2].name = _("All files");
      filters[2].pattern = "*";
    }
  return filters;
}

gboolean
nb_window_import_file (NbWindow  *self,
                       GFile     *file,
                       GError   **error)
{
  g_autoptr(NbImport) import = NULL;

  g_return_val_if_fail (NB_IS_WINDOW (self), FALSE);
  if (!(import = nb_import_file (file, NULL, error)))
    return FALSE;
  /* Not saved anywhere yet: Save asks where (never over the published file). */
  nb_window_set_report (self, import->report, NULL);
  return TRUE;
}

void
nb_window_clear_import_warnings (NbWindow *self)
{
  NbReport *report = nb_window_get_report (self);

  if (!report || !nb_report_has_import_source (report))
    return;
  nb_report_clear_import_source (report);
  nb_report_set_modified (report, TRUE);
  nb_window_check_now (self);
}
