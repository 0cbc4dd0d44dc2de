/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-section-page.c — NbSectionPage: one interface for the window's pages
 *
 * The window distributes problems, goes to a problem's key and replays an
 * undo through this interface, so it needs no case per kind of page.
 */
#include "config.h"

#include "nb-section-page.h"

G_DEFINE_INTERFACE (NbSectionPage, nb_section_page, GTK_TYPE_WIDGET)

enum { REFUSED, N_SIGNALS };

static guint signals[N_SIGNALS];

static gboolean
nb_section_page_real_select_range (NbSectionPage *self,
                                   guint          start,
                                   guint          end)
{
  return FALSE;
}

static void
nb_section_page_default_init (NbSectionPageInterface *iface)
{
  iface->select_range = nb_section_page_real_select_range;

  signals[REFUSED] = g_signal_new ("refused", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

void
nb_section_page_set_problems (NbSectionPage *self,
                              GPtrArray     *problems)
{
  g_return_if_fail (NB_IS_SECTION_PAGE (self));
  NB_SECTION_PAGE_GET_IFACE (self)->set_problems (self, problems);
}

gboolean
nb_section_page_focus_key (NbSectionPage *self,
                           const char    *key)
{
  g_return_val_if_fail (NB_IS_SECTION_PAGE (self), FALSE);
  return key && NB_SECTION_PAGE_GET_IFACE (self)->focus_key (self, key);
}

gboolean
nb_section_page_select_range (NbSectionPage *self,
                              guint          start,
                              guint          end)
{
  g_return_val_if_fail (NB_IS_SECTION_PAGE (self), FALSE);
  return NB_SECTION_PAGE_GET_IFACE (self)->select_range (self, start, end);
}

void
nb_section_page_emit_refused (NbSectionPage *self,
                              const char    *message)
{
  g_return_if_fail (NB_IS_SECTION_PAGE (self));
  g_signal_emit (self, signals[REFUSED], 0, message);
}
