/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-section-page.h — NbSectionPage: what the window asks of a tab's page
 * (the details, a text section, a table), whatever kind it is */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define NB_TYPE_SECTION_PAGE (nb_section_page_get_type ())
G_DECLARE_INTERFACE (NbSectionPage, nb_section_page, NB, SECTION_PAGE, GtkWidget)

struct _NbSectionPageInterface
{
  GTypeInterface parent_iface;

  /* Marks what the problems (NbProblem*; all of the report's) are about. */
  void     (*set_problems) (NbSectionPage *self,
                            GPtrArray     *problems);
  /* Focuses (scrolled to) the field or cell of @key; FALSE if not here. */
  gboolean (*focus_key)    (NbSectionPage *self,
                            const char    *key);
  /* Optional: selects characters [start, end) of the page's text and
   * scrolls to them; FALSE (the default) for a page without one. */
  gboolean (*select_range) (NbSectionPage *self,
                            guint          start,
                            guint          end);
};

void     nb_section_page_set_problems (NbSectionPage *self,
                                       GPtrArray     *problems);
gboolean nb_section_page_focus_key    (NbSectionPage *self,
                                       const char    *key);
gboolean nb_section_page_select_range (NbSectionPage *self,
                                       guint          start,
                                       guint          end);

/* Signal "refused" (const char *message): a value typed on the page that
 * the model did not take, and why. Declared here once; pages emit it. */
void     nb_section_page_emit_refused (NbSectionPage *self,
                                       const char    *message);

G_END_DECLS
