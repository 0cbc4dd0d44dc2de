/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-window-pages.c — NbWindow's notebook: a tab per section of the format
 *
 * Each tab holds a slot; its NbSectionPage (details, text or table view)
 * is built into the slot the first time it is needed — shown, or addressed
 * by a problem, an undo or a test — and then pulls the current problems.
 * The window talks to pages only through NbSectionPage.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "nb-details-view.h"
#include "nb-section-page.h"
#include "nb-table-view.h"
#include "nb-text-view.h"
#include "nb-tooltip.h"
#include "nb-window-private.h"

struct _NbWindowPage
{
  char               *section;   /* "details" or the format's section key */
  const NbSectionDef *def;       /* NULL for the details */
  GtkWidget          *slot;      /* the notebook's child */
  GtkWidget          *page;      /* the NbSectionPage, once built */
  GtkLabel           *count;     /* the problem count on the tab */
  GtkWidget          *last_focus;   /* weak: where the keyboard left the page */
};

void
_nb_window_page_free (gpointer data)
{
  NbWindowPage *wp = data;

  g_clear_weak_pointer (&wp->last_focus);
  g_free (wp->section);
  g_free (wp);
}

static void
on_refused (NbSectionPage *page,
            const char    *message,
            NbWindow      *self)
{
  _nb_window_show_message (self, "dialog-warning-symbolic", message);
  self->message_is_refusal = TRUE;
}

static NbSectionPage *
ensure_page (NbWindow     *self,
             NbWindowPage *wp)
{
  NbApplication *app;
  GSettings *settings;
  GtkWidget *page;

  if (wp->page)
    return NB_SECTION_PAGE (wp->page);
  if (!wp->def)
    page = nb_details_view_new (self->report);
  else if (wp->def->kind == NB_SECTION_TABLE)
    page = nb_table_view_new (self->report, wp->def);
  else
    page = nb_text_view_new (self->report, wp->def);
  gtk_widget_set_hexpand (page, TRUE);
  gtk_widget_set_vexpand (page, TRUE);
  g_signal_connect (page, "refused", G_CALLBACK (on_refused), self);
  /* Whether the guidance beside the texts shows: one setting for all. */
  app = _nb_window_get_app (self);
  settings = app ? nb_application_get_settings (app) : NULL;
  if (settings && g_object_class_find_property (G_OBJECT_GET_CLASS (page), "show-guidance"))
    g_settings_bind (settings, "show-guidance", page, "show-guidance", G_SETTINGS_BIND_DEFAULT);
  nb_tooltip_fix_tree (page);
  gtk_box_append (GTK_BOX (wp->slot), page);
  wp->page = page;
  nb_section_page_set_problems (NB_SECTION_PAGE (page), self->problems);
  return NB_SECTION_PAGE (page);
}

static NbWindowPage *
find_page (NbWindow   *self,
           const char *section)
{
  for (guint i = 0; section && i < self->pages->len; i++)
    {
      NbWindowPage *wp = g_ptr_array_index (self->pages, i);

      if (g_str_equal (wp->section, section))
        return wp;
    }
  return NULL;
}

static void
add_tab (NbWindow           *self,
         const char         *section,
         const NbSectionDef *def,
         const char         *tab_text,
         const char         *tooltip)
{
  NbWindowPage *wp = g_new0 (NbWindowPage, 1);
  GtkWidget *tab = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *count = gtk_label_new ("");

  wp->section = g_strdup (section);
  wp->def = def;
  wp->slot = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  wp->count = GTK_LABEL (count);
  gtk_widget_add_css_class (count, "nb-tab-count");
  gtk_widget_add_css_class (count, "empty");
  gtk_box_append (GTK_BOX (tab), gtk_label_new (tab_text));
  gtk_box_append (GTK_BOX (tab), count);
  gtk_widget_set_tooltip_text (tab, tooltip);
  nb_tooltip_fix_tree (tab);
  g_ptr_array_add (self->pages, wp);
  gtk_notebook_append_page (self->notebook, wp->slot, tab);
}

void
_nb_window_pages_build (NbWindow *self,
                        int       current)
{
  NbFormat *format = nb_report_get_format (self->report);

  /* Appending selects the first tab: not a reason to build it. */
  self->adding_tabs = TRUE;
  add_tab (self, "details", NULL, _("Details"), _("Agency, year, date and sign-off"));
  for (guint i = 0; i < nb_format_get_n_sections (format); i++)
    {
      const NbSectionDef *section = nb_format_get_section (format, i);

      add_tab (self, section->key, section, section->short_heading, section->heading);
    }
  self->adding_tabs = FALSE;
  gtk_notebook_set_current_page (self->notebook, current);
  /* Only the tab shown: GtkNotebook measures every child it holds, so a
   * page built now would be laid out before the first frame for nothing. */
  ensure_page (self, g_ptr_array_index (self->pages, gtk_notebook_get_current_page (self->notebook)));
}

void
_nb_window_pages_clear (NbWindow *self)
{
  /* Forgotten first: removing a tab switches to another, which must not
   * build a page on its way out. */
  g_ptr_array_set_size (self->pages, 0);
  while (gtk_notebook_get_n_pages (self->notebook) > 0)
    gtk_notebook_remove_page (self->notebook, -1);
}

/* Switching tabs from inside a page (Ctrl+Page Down), GTK 4.8 moves the
 * focus into the new page twice: GtkStack to where it was left (or the first
 * widget), then GtkNotebook on by Tab, one widget too far. The window does
 * it once instead: the tabs hold the focus during the switch (so neither
 * moves it) and it goes back into the page after. */
void
_nb_window_on_switch_page (GtkNotebook *notebook,
                           GtkWidget   *slot,
                           guint        page_num,
                           NbWindow    *self)
{
  int current = gtk_notebook_get_current_page (notebook);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  self->focus_into_page = FALSE;
  if (!self->adding_tabs && current >= 0 && (guint) current < self->pages->len && focus)
    {
      NbWindowPage *old = g_ptr_array_index (self->pages, current);

      if (gtk_widget_is_ancestor (focus, old->slot))
        {
          g_set_weak_pointer (&old->last_focus, focus);
          self->focus_into_page = gtk_widget_grab_focus (GTK_WIDGET (notebook));
        }
    }
  if (!self->adding_tabs && self->report && page_num < self->pages->len)
    ensure_page (self, g_ptr_array_index (self->pages, page_num));
}

void
_nb_window_on_switch_page_after (GtkNotebook *notebook,
                                 GtkWidget   *slot,
                                 guint        page_num,
                                 NbWindow    *self)
{
  NbWindowPage *wp;

  if (!self->focus_into_page || page_num >= self->pages->len)
    return;
  self->focus_into_page = FALSE;
  wp = g_ptr_array_index (self->pages, page_num);
  if (wp->last_focus && gtk_widget_is_ancestor (wp->last_focus, wp->slot) &&
      gtk_widget_grab_focus (wp->last_focus))
    return;
  gtk_widget_child_focus (wp->slot, GTK_DIR_TAB_FORWARD);
}

/* ---- problems ---------------------------------------------------------- */

static const char *
problem_section (NbWindow  *self,
                 NbProblem *problem)
{
  const char *const *keys = nb_problem_get_keys (problem);

  if (nb_problem_get_section (problem))
    return nb_problem_get_section (problem);
  if (keys && keys[0])
    {
      const NbCellDef *cell = nb_format_find_cell (nb_report_get_format (self->report), keys[0]);

      if (cell)
        return cell->section;
    }
  /* The report's own details (format, date, agency…). */
  return "details";
}

/* The tabs' counts, and the problems to every page built. */
void
_nb_window_pages_set_problems (NbWindow *self)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) errors = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->problems->len; i++)
    {
      NbProblem *problem = g_ptr_array_index (self->problems, i);
      const char *section = problem_section (self, problem);

      g_hash_table_insert (counts, (gpointer) section,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, section)) + 1));
      if (nb_problem_get_severity (problem) == NB_SEVERITY_ERROR)
        g_hash_table_add (errors, (gpointer) section);
    }

  for (guint i = 0; i < self->pages->len; i++)
    {
      NbWindowPage *wp = g_ptr_array_index (self->pages, i);
      GtkWidget *label = GTK_WIDGET (wp->count);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, wp->section));
      g_autofree char *text = n ? g_strdup_printf ("%u", n) : g_strdup ("");

      gtk_label_set_text (wp->count, text);
      /* Kept in place when empty so the tab bar does not jump. */
      if (n > 0)
        gtk_widget_remove_css_class (label, "empty");
      else
        gtk_widget_add_css_class (label, "empty");
      if (n > 0 && !g_hash_table_contains (errors, wp->section))
        gtk_widget_add_css_class (label, "warning-only");
      else
        gtk_widget_remove_css_class (label, "warning-only");
      if (wp->page)
        nb_section_page_set_problems (NB_SECTION_PAGE (wp->page), self->problems);
    }
}

/* ---- going to a key ---------------------------------------------------- */

/* Shows @section's tab (built if need be) and returns its page. */
NbSectionPage *
_nb_window_show_section (NbWindow   *self,
                         const char *section)
{
  NbWindowPage *wp = find_page (self, section);
  int index;

  if (!wp)
    return NULL;
  index = gtk_notebook_page_num (self->notebook, wp->slot);
  gtk_notebook_set_current_page (self->notebook, index);
  return ensure_page (self, wp);
}

gboolean
_nb_window_go_to_key (NbWindow   *self,
                      const char *section,
                      const char *key)
{
  NbSectionPage *page = _nb_window_show_section (self, section);

  return page && nb_section_page_focus_key (page, key);
}

/* Takes the clerk to the cell or the words a problem is about. */
void
_nb_window_go_to_problem (NbWindow  *self,
                          NbProblem *problem)
{
  const char *const *keys = nb_problem_get_keys (problem);
  NbSectionPage *page = _nb_window_show_section (self, problem_section (self, problem));

  if (!page)
    return;
  if (keys && keys[0] && nb_section_page_focus_key (page, keys[0]))
    return;
  nb_section_page_select_range (page, nb_problem_get_start (problem), nb_problem_get_end (problem));
}

/* Shows the clerk what an undo or redo changed: its tab, the cell focused
 * (scrolled to, figure selected) or the changed words selected. */
void
_nb_window_reveal_change (NbWindow   *self,
                          const char *key,
                          GHashTable *texts_before)
{
  NbFormat *format = nb_report_get_format (self->report);
  const NbCellDef *def = nb_format_find_cell (format, key);
  const char *section = def ? def->section : g_str_has_prefix (key, "text/") ? key + 5 : "details";
  NbSectionPage *page = _nb_window_show_section (self, section);

  if (!page || nb_section_page_focus_key (page, key) || def)
    return;
  if (g_str_has_prefix (key, "text/"))
    {
      const char *old = g_hash_table_lookup (texts_before, section);
      const char *now = nb_report_get_text (self->report, section);
      const char *a = old ? old : "", *b = now;
      glong start, new_len = g_utf8_strlen (b, -1), tail = 0;

      /* The changed stretch: what differs between the common beginning and end. */
      for (start = 0; *a && *b && g_utf8_get_char (a) == g_utf8_get_char (b); start++)
        {
          a = g_utf8_next_char (a);
          b = g_utf8_next_char (b);
        }
      {
        const char *ea = old ? old + strlen (old) : "", *eb = now + strlen (now);
        const char *sa = a, *sb = b;

        while (ea > sa && eb > sb)
          {
            const char *pa = g_utf8_prev_char (ea), *pb = g_utf8_prev_char (eb);

            if (g_utf8_get_char (pa) != g_utf8_get_char (pb))
              break;
            ea = pa;
            eb = pb;
            tail++;
          }
      }
      nb_section_page_select_range (page, (guint) start, (guint) MAX (start, new_len - tail));
    }
}

/* ---- for tests --------------------------------------------------------- */

GtkWidget *
nb_window_get_page (NbWindow   *self,
                    const char *section)
{
  NbWindowPage *wp;

  g_return_val_if_fail (NB_IS_WINDOW (self), NULL);
  wp = find_page (self, section);
  return wp ? GTK_WIDGET (ensure_page (self, wp)) : NULL;
}

const char *
nb_window_get_tab_count (NbWindow   *self,
                         const char *section)
{
  NbWindowPage *wp;

  g_return_val_if_fail (NB_IS_WINDOW (self), NULL);
  wp = find_page (self, section);
  return wp ? gtk_label_get_text (wp->count) : NULL;
}

const char *
nb_window_get_current_section (NbWindow *self)
{
  int i;

  g_return_val_if_fail (NB_IS_WINDOW (self), NULL);
  i = gtk_notebook_get_current_page (self->notebook);
  return i < 0 || (guint) i >= self->pages->len ? NULL : ((NbWindowPage *) g_ptr_array_index (self->pages, i))->section;
}

gboolean
nb_window_is_page_built (NbWindow   *self,
                         const char *section)
{
  NbWindowPage *wp;

  g_return_val_if_fail (NB_IS_WINDOW (self), FALSE);
  wp = find_page (self, section);
  return wp && wp->page;
}
