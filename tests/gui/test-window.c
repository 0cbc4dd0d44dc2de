/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window.c — the editor window, driven through its widgets under Xvfb
 *
 * Values are typed into the cells' GtkEntry and committed with "activate"
 * (what Enter does); the model, the totals, the marks and the problems list
 * are then read back. Needs a display: skipped without one.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <gtk/gtk.h>

#include "nb-cell-entry.h"
#include "nb-checker.h"
#include "nb-details-view.h"
#include "nb-error.h"
#include "nb-pdf-writer.h"
#include "nb-preview-window.h"
#include "nb-print-operation.h"
#include "nb-new-dialog.h"
#include "nb-problems-view.h"
#include "nb-report-file.h"
#include "nb-table-view.h"
#include "nb-text-view.h"
#include "nb-window.h"
#include "nb-gui-test.h"

static char *tmpdir;

static NbWindow *window_with_fixture (void);
static char *alert_text (GtkWindow *alert);

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Lets the frame clock lay the window out (sizes, scrolling). */
static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + 300 * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

static NbWindow *
window_with_new_report (int year)
{
  NbWindow *window = nb_window_new (NULL);
  g_autoptr(NbReport) report = nb_report_new (nb_format_for_year (year), year, "某县教育局");

  nb_window_set_report (window, report, NULL);
  gtk_window_present (GTK_WINDOW (window));
  drain ();
  return window;
}

static NbCellEntry *
entry_for (NbWindow   *window,
           const char *section,
           const char *key)
{
  GtkWidget *page = nb_window_get_page (window, section);

  g_assert_true (NB_IS_TABLE_VIEW (page));
  return nb_table_view_get_entry (NB_TABLE_VIEW (page), key);
}

/* Types @text into the cell as a person would (through the entry's
 * insert-text filtering), then presses Enter. */
static void
type_into (NbWindow   *window,
           const char *section,
           const char *key,
           const char *text)
{
  NbCellEntry *cell = entry_for (window, section, key);
  GtkEditable *editable;
  int pos = 0;

  g_assert_nonnull (cell);
  editable = nb_cell_entry_get_editable (cell);
  gtk_editable_delete_text (editable, 0, -1);
  gtk_editable_insert_text (editable, text, -1, &pos);
  g_signal_emit_by_name (editable, "activate");
  drain ();
}

static char *
value_of (NbWindow   *window,
          const char *key)
{
  return nb_report_dup_field (nb_window_get_report (window), key, NULL);
}

static void
destroy (NbWindow *window)
{
  NbReport *report = nb_window_get_report (window);

  /* Tests leave documents unsaved on purpose: close without asking. */
  if (report)
    nb_report_set_modified (report, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

static void
test_typing_updates_model_and_totals (void)
{
  NbWindow *window = window_with_new_report (2024);
  g_autofree char *v1 = NULL, *v2 = NULL, *total = NULL, *after_undo = NULL, *total_undo = NULL;
  GtkWidget *details = nb_window_get_page (window, "details");

  g_assert_true (NB_IS_DETAILS_VIEW (details));
  g_assert_true (NB_IS_TEXT_VIEW (nb_window_get_page (window, "overview")));
  g_assert_true (NB_IS_TABLE_VIEW (nb_window_get_page (window, "requests")));

  type_into (window, "requests", "requests/new/natural", "12");
  /* Enter moves down a row, as in a spreadsheet. */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
    GtkWidget *below = GTK_WIDGET (entry_for (window, "requests", "requests/carried_in/natural"));

    g_assert_nonnull (focus);
    g_assert_true (focus == below || gtk_widget_is_ancestor (focus, below));
  }
  /* Full-width digits typed through a Chinese input method become ASCII. */
  type_into (window, "requests", "requests/new/business", "３");
  v1 = value_of (window, "requests/new/natural");
  v2 = value_of (window, "requests/new/business");
  total = value_of (window, "requests/new/total");
  g_assert_cmpstr (v1, ==, "12");
  g_assert_cmpstr (v2, ==, "3");
  g_assert_cmpstr (total, ==, "15");

  /* Undo goes through the window's action, as Ctrl+Z does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  drain ();
  after_undo = value_of (window, "requests/new/business");
  total_undo = value_of (window, "requests/new/total");
  g_assert_cmpstr (after_undo, ==, "0");
  g_assert_cmpstr (total_undo, ==, "12");
  /* … and the entry shows it. */
  g_assert_cmpstr (gtk_editable_get_text (nb_cell_entry_get_editable (entry_for (window, "requests", "requests/new/business"))),
                   ==, "0");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  drain ();
  g_free (v2);
  v2 = value_of (window, "requests/new/business");
  g_assert_cmpstr (v2, ==, "3");
  destroy (window);
}

static void
on_refused (NbTableView *view,
            const char  *message,
            char       **out)
{
  g_free (*out);
  *out = g_strdup (message);
}

static void
test_refused_keys_say_why (void)
{
  NbWindow *window = window_with_new_report (2024);
  GtkWidget *page = nb_window_get_page (window, "requests");
  g_autofree char *message = NULL;
  g_autofree char *value = NULL;

  g_signal_connect (page, "refused", G_CALLBACK (on_refused), &message);
  type_into (window, "requests", "requests/new/natural", "7");
  type_into (window, "requests", "requests/new/natural", "-4");
  g_assert_nonnull (message);   /* a count takes no minus sign, and says so */
  /* "-4" was meant: storing the "4" that is left would be a wrong figure,
   * so the cell keeps what it had. */
  value = value_of (window, "requests/new/natural");
  g_assert_cmpstr (value, ==, "7");

  /* Same for a point in a whole-number cell: "2.5" must not become 25. */
  g_clear_pointer (&message, g_free);
  type_into (window, "requests", "requests/new/business", "2.5");
  g_assert_nonnull (message);
  g_free (value);
  value = value_of (window, "requests/new/business");
  g_assert_cmpstr (value, ==, "0");

  g_clear_pointer (&message, g_free);
  type_into (window, "requests", "requests/new/legal", "abc");
  g_assert_nonnull (message);
  g_free (value);
  value = value_of (window, "requests/new/legal");
  g_assert_cmpstr (value, ==, "0");
  destroy (window);
}

/* A key press as the entry's key controller receives it (GTK 4 has no
 * public way to synthesize events; this runs the handlers a key runs). */
static gboolean
press_key (NbCellEntry     *cell,
           guint            keyval,
           GdkModifierType  state)
{
  GtkWidget *entry = GTK_WIDGET (nb_cell_entry_get_editable (cell));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (entry);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c))
        g_signal_emit_by_name (c, "key-pressed", keyval, 0, state, &handled);
    }
  drain ();
  return handled;
}

/* Tab into the cell (its figure selected) and type over it, as a clerk does. */
static NbCellEntry *
tab_in_and_type (NbWindow   *window,
                 const char *section,
                 const char *key,
                 const char *text)
{
  NbCellEntry *cell = entry_for (window, section, key);
  GtkEditable *editable = nb_cell_entry_get_editable (cell);
  int pos = 0;

  nb_cell_entry_focus (cell);
  drain ();
  gtk_editable_select_region (editable, 0, -1);
  gtk_editable_delete_selection (editable);
  gtk_editable_insert_text (editable, text, -1, &pos);
  drain ();
  return cell;
}

static gboolean
has_focus_in (NbWindow    *window,
              NbCellEntry *cell)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus && (focus == GTK_WIDGET (cell) || gtk_widget_is_ancestor (focus, GTK_WIDGET (cell)));
}

/* The cases: a letter typed over a figure, then Tab; five decimals
 * where four are allowed. The stored value never changes, what was typed
 * stays visible and marked, the reason is on the cell, and messages name
 * the cell by its labels. */
static void
test_refused_entry_keeps_value (void)
{
  NbWindow *window = window_with_new_report (2020);   /* 2019 format: 采购总金额, 4 places */
  GtkWidget *requests = nb_window_get_page (window, "requests");
  GtkWidget *active = nb_window_get_page (window, "active");
  g_autofree char *message = NULL;
  NbCellEntry *cell;
  GtkEditable *editable;

  g_signal_connect (requests, "refused", G_CALLBACK (on_refused), &message);
  g_signal_connect (active, "refused", G_CALLBACK (on_refused), &message);
  type_into (window, "requests", "requests/new/natural", "7");

  cell = tab_in_and_type (window, "requests", "requests/new/natural", "a");
  editable = nb_cell_entry_get_editable (cell);
  g_assert_true (press_key (cell, GDK_KEY_Tab, 0));
  {
    g_autofree char *v = value_of (window, "requests/new/natural");
    g_assert_cmpstr (v, ==, "7");
  }
  g_assert_cmpstr (gtk_editable_get_text (editable), ==, "a");
  g_assert_true (nb_cell_entry_is_refused (cell));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (editable), "nb-refused"));
  g_assert_true (has_focus_in (window, cell));      /* kept in the cell */
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (editable)), nb_cell_entry_get_refused_reason (cell)));
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "三、依申请公开 · 一、本年新收 · 自然人"));
  g_assert_null (strstr (message, "requests/"));

  /* Checks and totals that run after other edits leave the typed text alone. */
  type_into (window, "requests", "requests/new/business", "2");
  g_assert_cmpstr (gtk_editable_get_text (editable), ==, "a");
  g_assert_true (nb_cell_entry_is_refused (cell));

  /* Esc: the stored figure comes back. */
  nb_cell_entry_focus (cell);
  drain ();
  g_assert_true (press_key (cell, GDK_KEY_Escape, 0));
  g_assert_cmpstr (gtk_editable_get_text (editable), ==, "7");
  g_assert_false (nb_cell_entry_is_refused (cell));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (editable), "nb-refused"));

  /* Too many places: kept and refused, not thrown away. */
  g_clear_pointer (&message, g_free);
  type_into (window, "active", "active/procurement/amount", "793.93975");
  cell = entry_for (window, "active", "active/procurement/amount");
  {
    g_autofree char *v = value_of (window, "active/procurement/amount");
    g_assert_cmpstr (v, ==, "0");
  }
  g_assert_cmpstr (gtk_editable_get_text (nb_cell_entry_get_editable (cell)), ==, "793.93975");
  g_assert_true (nb_cell_entry_is_refused (cell));
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "二、主动公开 · 政府集中采购 · 采购总金额"));
  /* Corrected: taken, the mark goes. */
  type_into (window, "active", "active/procurement/amount", "793.9397");
  {
    g_autofree char *v = value_of (window, "active/procurement/amount");
    g_assert_cmpstr (v, ==, "793.9397");
  }
  g_assert_false (nb_cell_entry_is_refused (cell));

  /* An undo that changes the refused cell's stored value replaces the text. */
  cell = tab_in_and_type (window, "requests", "requests/new/natural", "x");
  g_assert_false (nb_cell_entry_commit (cell));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);   /* 793.9397 */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);   /* business 2 */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);   /* natural 7 */
  drain ();
  g_assert_cmpstr (gtk_editable_get_text (nb_cell_entry_get_editable (cell)), ==, "0");
  g_assert_false (nb_cell_entry_is_refused (cell));
  destroy (window);
}

static void
assert_focus (NbWindow   *window,
              const char *section,
              const char *key)
{
  g_assert_true (has_focus_in (window, entry_for (window, section, key)));
}

/* A spreadsheet's keys: arrows leave a selected figure, Tab–Tab–Enter goes
 * to the next row where the tabbing began, Home/End, Ctrl+Home/End, Page
 * Up/Down. */
static void
test_spreadsheet_keys (void)
{
  NbWindow *window = window_with_new_report (2024);
  NbCellEntry *cell = entry_for (window, "requests", "requests/new/natural");

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_notebook_set_current_page (GTK_NOTEBOOK (gtk_widget_get_ancestor (nb_window_get_page (window, "requests"),
                                                                        GTK_TYPE_NOTEBOOK)),
                                 3);
  settle ();
  nb_cell_entry_focus (cell);
  drain ();
  g_assert_true (press_key (cell, GDK_KEY_Right, 0));   /* "0" all selected */
  assert_focus (window, "requests", "requests/new/business");
  g_assert_true (press_key (entry_for (window, "requests", "requests/new/business"), GDK_KEY_Left, 0));
  assert_focus (window, "requests", "requests/new/natural");

  /* Tab, Tab, Enter: the row below, in the column where Tab began. */
  g_assert_true (press_key (cell, GDK_KEY_Tab, 0));
  assert_focus (window, "requests", "requests/new/business");
  g_assert_true (press_key (entry_for (window, "requests", "requests/new/business"), GDK_KEY_Tab, 0));
  assert_focus (window, "requests", "requests/new/research");
  g_signal_emit_by_name (nb_cell_entry_get_editable (entry_for (window, "requests", "requests/new/research")), "activate");
  drain ();
  assert_focus (window, "requests", "requests/carried_in/natural");
  /* Without Tab before, Enter just goes down. */
  type_into (window, "requests", "requests/carried_in/research", "2");
  assert_focus (window, "requests", "requests/open/research");

  /* Home/End: the row's first and last input cells (the total is skipped). */
  cell = entry_for (window, "requests", "requests/open/research");
  g_assert_true (press_key (cell, GDK_KEY_End, 0));
  assert_focus (window, "requests", "requests/open/other");
  g_assert_true (press_key (entry_for (window, "requests", "requests/open/other"), GDK_KEY_Home, 0));
  assert_focus (window, "requests", "requests/open/natural");
  /* Inside a figure being edited, Home moves the cursor, not the cell. */
  {
    GtkEditable *e = nb_cell_entry_get_editable (entry_for (window, "requests", "requests/open/natural"));
    int pos = 0;

    gtk_editable_delete_text (e, 0, -1);
    gtk_editable_insert_text (e, "12", -1, &pos);
    gtk_editable_set_position (e, 2);
    g_assert_false (press_key (entry_for (window, "requests", "requests/open/natural"), GDK_KEY_Home, 0));
    assert_focus (window, "requests", "requests/open/natural");
    g_assert_true (press_key (entry_for (window, "requests", "requests/open/natural"), GDK_KEY_Escape, 0));
  }

  /* Ctrl+End, Ctrl+Home: the table's last and first input cells. */
  g_assert_true (press_key (entry_for (window, "requests", "requests/open/natural"), GDK_KEY_End, GDK_CONTROL_MASK));
  assert_focus (window, "requests", "requests/carried_out/other");
  g_assert_true (press_key (entry_for (window, "requests", "requests/carried_out/other"), GDK_KEY_Home, GDK_CONTROL_MASK));
  assert_focus (window, "requests", "requests/new/natural");

  /* Page Down goes several rows down the same column, Page Up back. */
  g_assert_true (press_key (entry_for (window, "requests", "requests/new/natural"), GDK_KEY_Page_Down, 0));
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
    NbCellEntry *now = NB_CELL_ENTRY (gtk_widget_get_ancestor (focus, NB_TYPE_CELL_ENTRY));
    const char *key = nb_cell_entry_get_cell (now)->key;

    g_assert_true (g_str_has_suffix (key, "/natural"));
    g_assert_cmpstr (key, !=, "requests/new/natural");
    g_assert_cmpstr (key, !=, "requests/carried_in/natural");
    g_assert_true (press_key (now, GDK_KEY_Page_Up, 0));
    assert_focus (window, "requests", "requests/new/natural");
  }
  destroy (window);
}

/* A block copied with its row label and the total column: the label and the
 * total are skipped and the message says so in words; a total row in the
 * middle of a block is skipped, the rows around it land where they belong. */
static void
test_paste_skips_totals_and_labels (void)
{
  NbWindow *window = window_with_new_report (2024);
  GtkWidget *page = nb_window_get_page (window, "requests");
  NbCellEntry *cell = entry_for (window, "requests", "requests/new/natural");
  GtkEditable *editable = nb_cell_entry_get_editable (cell);
  g_autofree char *message = NULL;
  int pos = 0;

  g_signal_connect (page, "refused", G_CALLBACK (on_refused), &message);
  gtk_editable_insert_text (editable, "一、本年新收政府信息公开申请数量\t1\t2\t3\t4\t5\t6\t21\r\n", -1, &pos);
  drain ();
  {
    const char *keys[] = { "natural", "business", "research", "nonprofit", "legal", "other" };
    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      {
        g_autofree char *key = g_strconcat ("requests/new/", keys[i], NULL);
        g_autofree char *v = value_of (window, key);
        g_autofree char *want = g_strdup_printf ("%u", i + 1);
        g_assert_cmpstr (v, ==, want);
      }
  }
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "Totals are computed"));
  g_assert_nonnull (strstr (message, "label"));
  g_assert_null (strstr (message, "outside"));

  /* other_other, results_total (computed row), carried_out. */
  g_clear_pointer (&message, g_free);
  cell = entry_for (window, "requests", "requests/other_other/natural");
  editable = nb_cell_entry_get_editable (cell);
  pos = 0;
  gtk_editable_insert_text (editable, "7\t8\n99\t99\n9\t10\n", -1, &pos);
  drain ();
  {
    g_autofree char *a = value_of (window, "requests/other_other/natural");
    g_autofree char *b = value_of (window, "requests/other_other/business");
    g_autofree char *c = value_of (window, "requests/carried_out/natural");
    g_autofree char *d = value_of (window, "requests/carried_out/business");
    g_assert_cmpstr (a, ==, "7");
    g_assert_cmpstr (b, ==, "8");
    g_assert_cmpstr (c, ==, "9");
    g_assert_cmpstr (d, ==, "10");
  }
  g_assert_nonnull (strstr (message, "Totals are computed: 2 figures"));
  destroy (window);
}

/* Undo and redo take the clerk to what they change: the tab, the cell
 * (focused, so scrolled to), the changed words selected. */
static void
test_undo_shows_what_changed (void)
{
  NbWindow *window = window_with_new_report (2024);
  GtkWidget *overview = nb_window_get_page (window, "overview");
  NbReport *report = nb_window_get_report (window);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (nb_text_view_get_text_view (NB_TEXT_VIEW (overview)));

  type_into (window, "requests", "requests/carried_out/other", "5");
  g_assert_true (nb_report_set_text (report, "overview", "第一段。", NULL));
  nb_history_seal (nb_report_get_history (report));
  g_assert_true (nb_report_set_text (report, "overview", "第一段。补充的一句。", NULL));
  nb_history_seal (nb_report_get_history (report));
  drain ();
  gtk_notebook_set_current_page (GTK_NOTEBOOK (gtk_widget_get_ancestor (overview, GTK_TYPE_NOTEBOOK)), 0);
  drain ();

  /* Undo the added sentence: its place selected (empty now: the cursor). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  drain ();
  g_assert_cmpstr (nb_window_get_current_section (window), ==, "overview");
  /* Redo: the sentence comes back selected. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  drain ();
  {
    GtkTextIter a, b;
    g_autofree char *selected = NULL;

    g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &a, &b));
    selected = gtk_text_buffer_get_text (buffer, &a, &b, FALSE);
    g_assert_cmpstr (selected, ==, "补充的一句。");
  }

  /* Undo both texts, then the cell at the bottom of table 三: focused. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  drain ();
  g_assert_cmpstr (nb_report_get_text (report, "overview"), ==, "");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  drain ();
  g_assert_cmpstr (nb_window_get_current_section (window), ==, "requests");
  assert_focus (window, "requests", "requests/carried_out/other");
  {
    g_autofree char *v = value_of (window, "requests/carried_out/other");
    g_assert_cmpstr (v, ==, "0");
  }
  destroy (window);
}

/* A sentence inserted at the end of a long text is scrolled into view. */
static void
test_inserted_sentence_scrolled_into_view (void)
{
  NbWindow *window = window_with_new_report (2024);
  GtkWidget *page = nb_window_get_page (window, "overview");
  GtkTextView *view = nb_text_view_get_text_view (NB_TEXT_VIEW (page));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autoptr(GString) text = g_string_new (NULL);
  GtkTextIter end;
  GdkRectangle visible, at;

  for (guint i = 0; i < 120; i++)
    g_string_append_printf (text, "第%u段，说明本年度的工作情况。\n", i + 1);
  g_assert_true (nb_report_set_text (nb_window_get_report (window), "overview", text->str, NULL));
  gtk_notebook_set_current_page (GTK_NOTEBOOK (gtk_widget_get_ancestor (page, GTK_TYPE_NOTEBOOK)), 1);
  settle ();
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)), 0);
  settle ();

  g_assert_true (gtk_widget_activate_action (page, "text.insert-sentence", "s", "requests"));
  /* The view scrolls once the text is laid out, which takes longer on a
   * loaded machine: wait for it (a few seconds at most). */
  for (guint tries = 0; tries < 15; tries++)
    {
      settle ();
      gtk_text_view_get_visible_rect (view, &visible);
      gtk_text_buffer_get_iter_at_mark (buffer, &end, gtk_text_buffer_get_insert (buffer));
      gtk_text_view_get_iter_location (view, &end, &at);
      if (visible.y > 0 && at.y >= visible.y && at.y + at.height <= visible.y + visible.height)
        break;
    }
  g_assert_cmpint (visible.y, >, 0);
  g_assert_cmpint (at.y, >=, visible.y);
  g_assert_cmpint (at.y, <, visible.y + visible.height);   /* its line is in view */
  destroy (window);
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c, text);
      if (found)
        return found;
    }
  return NULL;
}

/* Table 三 (25 rows) scrolled down: its column headings are still at the
 * top of what is visible; table 四 scrolled sideways at 1024 px: its
 * first column stays at the left. */
static void
test_sticky_headers (void)
{
  NbWindow *window = window_with_new_report (2024);
  GtkWidget *page = nb_window_get_page (window, "requests");
  GtkWidget *viewport = NULL, *heading, *row_label;
  GtkAdjustment *vadj;
  graphene_point_t zero = GRAPHENE_POINT_INIT (0, 0), at;

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_notebook_set_current_page (GTK_NOTEBOOK (gtk_widget_get_ancestor (page, GTK_TYPE_NOTEBOOK)), 3);
  settle ();
  heading = find_label (page, "自然人");
  row_label = find_label (page, "一、本年新收政府信息公开申请数量");
  g_assert_nonnull (heading);
  g_assert_nonnull (row_label);
  viewport = gtk_widget_get_ancestor (heading, GTK_TYPE_VIEWPORT);
  vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (viewport));
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadj), >, gtk_adjustment_get_page_size (vadj));
  gtk_adjustment_set_value (vadj, 400);
  settle ();
  g_assert_true (gtk_widget_compute_point (heading, viewport, &zero, &at));
  g_assert_cmpfloat (at.y, >=, 0);
  g_assert_cmpfloat (at.y, <, gtk_widget_get_height (viewport) / 3);
  /* A row label is not a heading: it scrolls away. */
  g_assert_true (gtk_widget_compute_point (row_label, viewport, &zero, &at));
  g_assert_cmpfloat (at.y, <, 0);

  /* Focusing a cell that would sit under the headings scrolls it out. */
  {
    NbCellEntry *cell = entry_for (window, "requests", "requests/carried_in/natural");
    graphene_point_t cell_at, head_at;

    nb_cell_entry_focus (cell);
    settle ();
    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (cell), viewport, &zero, &cell_at));
    g_assert_true (gtk_widget_compute_point (heading, viewport, &zero, &head_at));
    g_assert_cmpfloat (cell_at.y, >=, head_at.y + gtk_widget_get_height (heading) - 1);
  }
  destroy (window);
}

static void
collect_header_buttons (GtkWidget *widget,
                        GPtrArray *out)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)))
    g_ptr_array_add (out, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_header_buttons (c, out);
}

/* An office laptop's screen: the problems list takes only the room its
 * rows need (its summary line alone when there are none), Save is the
 * suggested action only while unsaved, header buttons carry no "(_O)"
 * mnemonics, and the guidance beside a text can be put away. */
static void
test_small_screen_layout (void)
{
  NbWindow *window = window_with_fixture ();   /* one warning: no date */
  GtkWidget *save = NULL;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  int one, none;

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 600);
  /* Texts the text checks find nothing in: only the missing date is left. */
  {
    NbReport *report = nb_window_get_report (window);
    g_autofree char *overview = g_strconcat (nb_report_get_text (report, "overview"),
                                             "\n本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。", NULL);

    g_assert_true (nb_report_set_text (report, "overview", overview, NULL));
    g_assert_true (nb_report_set_text (report, "problems", "存在的问题是公开内容不够全面。下一步将加强培训。", NULL));
    nb_window_check_now (window);
    g_assert_cmpuint (nb_window_get_problems (window)->len, ==, 1);
  }
  settle ();
  one = nb_window_get_problems_height (window);
  g_assert_cmpint (one, >, 0);
  g_assert_cmpint (one, <=, 190);   /* one row, however its message wraps */
  g_assert_true (nb_report_set_date (nb_window_get_report (window), "2021-01-20", NULL));
  nb_window_check_now (window);
  /* Laid out again after the list changed; a loaded machine takes longer. */
  for (int i = 0; i < 10 && nb_window_get_problems_height (window) >= one; i++)
    settle ();
  none = nb_window_get_problems_height (window);
  g_assert_cmpint (none, <, one);
  g_assert_cmpint (none, <, 50);

  /* Five problems: room for them, up to the remembered 180 pixels. */
  {
    NbWindow *many = window_with_new_report (2024);
    int h;

    gtk_window_set_default_size (GTK_WINDOW (many), 1024, 600);
    settle ();
    h = nb_window_get_problems_height (many);
    g_assert_cmpuint (nb_window_get_problems (many)->len, >=, 4);
    g_assert_cmpint (h, >, none + 60);
    g_assert_cmpint (h, <=, 190);
    destroy (many);
  }

  collect_header_buttons (gtk_window_get_titlebar (GTK_WINDOW (window)), buttons);
  g_assert_cmpuint (buttons->len, >=, 3);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkButton *b = g_ptr_array_index (buttons, i);

      g_assert_false (gtk_button_get_use_underline (b));
      g_assert_null (strchr (gtk_button_get_label (b), '_'));
      if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (b)), "win.save") == 0)
        save = GTK_WIDGET (b);
    }
  g_assert_nonnull (save);
  /* Modified by the date above. */
  g_assert_true (gtk_widget_has_css_class (save, "suggested-action"));
  {
    g_autofree char *path = g_build_filename (tmpdir, "small-screen.nianbao", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    g_assert_true (nb_window_save_to (window, file, NULL));
    drain ();
    g_assert_false (gtk_widget_has_css_class (save, "suggested-action"));
  }

  /* The guidance goes; the text keeps the room. */
  {
    NbTextView *overview = NB_TEXT_VIEW (nb_window_get_page (window, "overview"));
    GtkWidget *guidance = find_label (GTK_WIDGET (overview), "What this section covers");

    g_assert_nonnull (guidance);
    g_assert_true (gtk_widget_is_visible (guidance) || !gtk_widget_get_mapped (GTK_WIDGET (overview)));
    nb_text_view_set_show_guidance (overview, FALSE);
    g_assert_false (gtk_widget_get_visible (guidance));
    nb_text_view_set_show_guidance (overview, TRUE);
    g_assert_true (gtk_widget_get_visible (guidance));
  }
  destroy (window);
}

static void
test_paste_block_fills_cells (void)
{
  NbWindow *window = window_with_new_report (2024);
  NbCellEntry *cell = entry_for (window, "requests", "requests/new/natural");
  GtkEditable *editable = nb_cell_entry_get_editable (cell);
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;
  int pos = 0;

  /* A 2×2 block as Excel/WPS copy it. */
  gtk_editable_delete_text (editable, 0, -1);
  gtk_editable_insert_text (editable, "5\t6\r\n7\t8\r\n", -1, &pos);
  drain ();
  a = value_of (window, "requests/new/natural");
  b = value_of (window, "requests/new/business");
  c = value_of (window, "requests/carried_in/natural");
  d = value_of (window, "requests/carried_in/business");
  g_assert_cmpstr (a, ==, "5");
  g_assert_cmpstr (b, ==, "6");
  g_assert_cmpstr (c, ==, "7");
  g_assert_cmpstr (d, ==, "8");

  /* One paste, one undo step. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  drain ();
  g_free (a);
  g_free (d);
  a = value_of (window, "requests/new/natural");
  d = value_of (window, "requests/carried_in/business");
  g_assert_cmpstr (a, ==, "0");
  g_assert_cmpstr (d, ==, "0");

  /* A block wider than the table: what does not fit is reported, not lost silently. */
  {
    GtkWidget *page = nb_window_get_page (window, "requests");
    NbCellEntry *last = entry_for (window, "requests", "requests/new/other");
    g_autofree char *message = NULL;
    g_autofree char *v = NULL;

    g_signal_connect (page, "refused", G_CALLBACK (on_refused), &message);
    editable = nb_cell_entry_get_editable (last);
    pos = 0;
    gtk_editable_delete_text (editable, 0, -1);
    gtk_editable_insert_text (editable, "1\t2\t3\n", -1, &pos);
    drain ();
    v = value_of (window, "requests/new/other");
    g_assert_cmpstr (v, ==, "1");
    g_assert_nonnull (message);
    /* The 2 falls on the total column (skipped), the 3 outside the table. */
    g_assert_nonnull (strstr (message, "Totals are computed: 1 figure"));
    g_assert_nonnull (strstr (message, "1 value fell outside"));
  }
  destroy (window);
}

static void
test_failing_check_marks_cell_and_lists_problem (void)
{
  NbWindow *window = window_with_new_report (2024);
  NbCellEntry *cell;
  GtkWidget *editable;
  NbProblemsView *view = nb_window_get_problems_view (window);
  guint n_before;
  GPtrArray *problems;
  gboolean found = FALSE;

  nb_window_check_now (window);
  n_before = nb_window_get_problems (window)->len;

  /* 5 new requests and no result: the request table does not balance. */
  type_into (window, "requests", "requests/new/natural", "5");
  nb_window_check_now (window);
  problems = nb_window_get_problems (window);
  g_assert_cmpuint (problems->len, >, n_before);
  for (guint i = 0; i < problems->len; i++)
    if (nb_problem_get_severity (g_ptr_array_index (problems, i)) == NB_SEVERITY_ERROR &&
        nb_problem_has_key (g_ptr_array_index (problems, i), "requests/new/natural"))
      found = TRUE;
  g_assert_true (found);
  g_assert_cmpuint (nb_problems_view_get_n_rows (view), ==, problems->len);

  cell = entry_for (window, "requests", "requests/new/natural");
  editable = GTK_WIDGET (nb_cell_entry_get_editable (cell));
  g_assert_true (gtk_widget_has_css_class (editable, "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (editable));
  g_assert_cmpstr (nb_window_get_tab_count (window, "requests"), !=, "");

  /* Activating the problem goes to its tab and cell. */
  gtk_notebook_set_current_page (GTK_NOTEBOOK (gtk_widget_get_ancestor (nb_window_get_page (window, "overview"), GTK_TYPE_NOTEBOOK)), 0);
  g_assert_cmpstr (nb_window_get_current_section (window), ==, "details");
  for (guint i = 0; i < problems->len; i++)
    if (nb_problem_has_key (g_ptr_array_index (problems, i), "requests/new/natural"))
      {
        nb_problems_view_activate (view, i);
        break;
      }
  drain ();
  g_assert_cmpstr (nb_window_get_current_section (window), ==, "requests");

  /* Fixing it (5 opened) clears the mark. */
  type_into (window, "requests", "requests/open/natural", "5");
  nb_window_check_now (window);
  g_assert_false (gtk_widget_has_css_class (editable, "error"));

  /* Undo brings the problem back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  drain ();
  nb_window_check_now (window);
  g_assert_true (gtk_widget_has_css_class (editable, "error"));
  destroy (window);
}

static void
test_text_edits_go_to_model (void)
{
  NbWindow *window = window_with_new_report (2024);
  NbTextView *page = NB_TEXT_VIEW (nb_window_get_page (window, "problems"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (nb_text_view_get_text_view (page));
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "一是宣传不够。", -1);
  drain ();
  g_assert_cmpstr (nb_report_get_text (nb_window_get_report (window), "problems"), ==, "一是宣传不够。");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  drain ();
  g_assert_cmpstr (nb_report_get_text (nb_window_get_report (window), "problems"), ==, "");
  destroy (window);
}

static void
test_save_and_reopen (void)
{
  NbWindow *window = window_with_new_report (2024);
  NbWindow *again;
  g_autofree char *path = g_build_filename (tmpdir, "某县教育局2024年报.nianbao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *second = NULL;
  gsize len;

  type_into (window, "requests", "requests/new/natural", "7");
  type_into (window, "active", "active/regulation/issued", "2");
  g_assert_true (nb_report_get_modified (nb_window_get_report (window)));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));

  g_assert_true (nb_window_save_to (window, file, &error));
  g_assert_no_error (error);
  g_assert_false (nb_report_get_modified (nb_window_get_report (window)));
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));
  first = nb_report_file_to_data (nb_window_get_report (window), &len);

  again = nb_window_new (NULL);
  g_assert_true (nb_window_load_file (again, file, &error));
  g_assert_no_error (error);
  second = nb_report_file_to_data (nb_window_get_report (again), &len);
  g_assert_cmpstr (first, ==, second);
  {
    g_autofree char *v = value_of (again, "requests/new/natural");
    g_assert_cmpstr (v, ==, "7");
  }
  destroy (again);
  destroy (window);
}

static void
test_autosave_and_recovery (void)
{
  NbWindow *window = window_with_new_report (2024);
  NbWindow *after_crash;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *v = NULL;

  type_into (window, "requests", "requests/new/research", "9");
  g_assert_true (nb_window_autosave_now (window, &error));
  g_assert_no_error (error);
  path = g_strdup (nb_window_get_recovery_path (window));
  g_assert_nonnull (path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  dir = g_path_get_dirname (path);
  g_assert_true (g_str_has_prefix (dir, tmpdir));   /* under XDG_DATA_HOME */

  /* "Crash": the window goes away without a close request, so nothing
   * cleans up; the copy must survive for the next start. */
  destroy (window);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  after_crash = nb_window_new (NULL);
  g_assert_true (nb_window_recover (after_crash, path, &error));
  g_assert_no_error (error);
  v = value_of (after_crash, "requests/new/research");
  g_assert_cmpstr (v, ==, "9");
  g_assert_true (nb_report_get_modified (nb_window_get_report (after_crash)));

  /* Saving the recovered report removes the autosaved copy. */
  {
    g_autofree char *target = g_build_filename (tmpdir, "recovered.nianbao", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (target);

    g_assert_true (nb_window_save_to (after_crash, file, &error));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  destroy (after_crash);
}

static GtkWindow *find_alert_for (GtkWindow *parent);
static void click_alert_button (GtkWindow *alert, guint i);

/* The sequence: recover, edit once, Ctrl+Z. The recovered value is
 * still not saved anywhere, so the window stays "unsaved" and closing asks
 * (and keeps the autosaved copy until the clerk answers). */
static void
test_undo_after_recovery_stays_unsaved (void)
{
  NbWindow *window = window_with_new_report (2024);
  NbWindow *after_crash;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWindow *alert;

  type_into (window, "requests", "requests/new/research", "9");
  g_assert_true (nb_window_autosave_now (window, &error));
  path = g_strdup (nb_window_get_recovery_path (window));
  destroy (window);

  after_crash = nb_window_new (NULL);
  gtk_window_present (GTK_WINDOW (after_crash));
  g_assert_true (nb_window_recover (after_crash, path, &error));
  g_assert_no_error (error);
  drain ();
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (after_crash)), "• "));

  type_into (after_crash, "requests", "requests/new/natural", "4");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (after_crash), "win.undo", NULL));
  drain ();
  {
    g_autofree char *v = value_of (after_crash, "requests/new/natural");
    g_autofree char *r = value_of (after_crash, "requests/new/research");
    g_assert_cmpstr (v, ==, "0");
    g_assert_cmpstr (r, ==, "9");
  }
  g_assert_true (nb_report_get_modified (nb_window_get_report (after_crash)));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (after_crash)), "• "));

  g_object_ref (after_crash);
  gtk_window_close (GTK_WINDOW (after_crash));
  drain ();
  alert = find_alert_for (GTK_WINDOW (after_crash));
  g_assert_nonnull (alert);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  click_alert_button (alert, 2);   /* cancel */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (after_crash)));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  destroy (after_crash);
  g_object_unref (after_crash);
}

static GtkWindow *
find_alert_for (GtkWindow *parent)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l; l = l->next)
    if (gtk_window_get_transient_for (l->data) == parent &&
        g_strcmp0 (gtk_widget_get_name (l->data), "nb-alert") == 0)
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static void
test_bad_file_shows_error_dialog (void)
{
  NbWindow *window = nb_window_new (NULL);
  g_autofree char *path = g_build_filename (tmpdir, "坏文件.nianbao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *alert;

  g_assert_true (g_file_set_contents (path, "{\"nianbao\": 1, \"format\": ", -1, NULL));
  gtk_window_present (GTK_WINDOW (window));
  nb_window_open_file (window, file);
  drain ();

  alert = find_alert_for (GTK_WINDOW (window));
  g_assert_nonnull (alert);
  g_assert_null (nb_window_get_report (window));   /* still usable: the start page */
  gtk_window_close (alert);
  drain ();
  g_assert_null (find_alert_for (GTK_WINDOW (window)));

  /* The window still opens a good file afterwards. */
  {
    g_autofree char *good = g_build_filename (g_getenv ("NB_FIXTURES"), "wenxian-transport-2020.nianbao", NULL);
    g_autoptr(GFile) gfile = g_file_new_for_path (good);

    nb_window_open_file (window, gfile);
    drain ();
    g_assert_nonnull (nb_window_get_report (window));
    g_assert_null (find_alert_for (GTK_WINDOW (window)));
    g_assert_cmpuint (nb_problems_count (nb_window_get_problems (window), NB_SEVERITY_ERROR), ==, 0);
  }
  destroy (window);
}

static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *out)
{
  /* The alert's answers, not the title bar's window controls. */
  if (GTK_IS_BUTTON (widget) && g_object_get_data (G_OBJECT (widget), "nb-response"))
    g_ptr_array_add (out, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_buttons (c, out);
}

/* Clicks the alert's button @i, as the clerk would. */
static void
click_alert_button (GtkWindow *alert,
                    guint      i)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_buttons (GTK_WIDGET (alert), buttons);
  g_assert_cmpuint (i, <, buttons->len);
  g_signal_emit_by_name (g_ptr_array_index (buttons, i), "clicked");
  drain ();
}

static void
test_close_with_unsaved_changes_asks (void)
{
  NbWindow *window = window_with_new_report (2024);
  GtkWindow *alert;
  g_autofree char *recovery = NULL;

  type_into (window, "requests", "requests/new/natural", "1");
  g_assert_true (nb_window_autosave_now (window, NULL));
  recovery = g_strdup (nb_window_get_recovery_path (window));
  g_object_ref (window);

  /* Close: a question, and the window stays. */
  gtk_window_close (GTK_WINDOW (window));
  drain ();
  alert = find_alert_for (GTK_WINDOW (window));
  g_assert_nonnull (alert);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  /* Cancel (the third answer) keeps everything. */
  click_alert_button (alert, 2);
  g_assert_null (find_alert_for (GTK_WINDOW (window)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (nb_report_get_modified (nb_window_get_report (window)));

  /* Close again and discard (second button): the window closes and the
   * autosaved copy goes, since the clerk chose to drop the changes. */
  gtk_window_close (GTK_WINDOW (window));
  drain ();
  alert = find_alert_for (GTK_WINDOW (window));
  g_assert_nonnull (alert);
  click_alert_button (alert, 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_false (g_file_test (recovery, G_FILE_TEST_EXISTS));
  g_object_unref (window);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;

  if (!nb_window_export_finish (NB_WINDOW (source), result, error) && !*error)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "failed without a message");
  g_object_set_data (source, "nb-test-done", GINT_TO_POINTER (1));
}

static void
export_and_wait (NbWindow   *window,
                 const char *path,
                 GError    **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_object_set_data (G_OBJECT (window), "nb-test-done", NULL);
  nb_window_export_async (window, file, NULL, on_exported, error);
  while (!g_object_get_data (G_OBJECT (window), "nb-test-done"))
    g_main_context_iteration (NULL, TRUE);
}

static NbWindow *
window_with_fixture (void)
{
  NbWindow *window = nb_window_new (NULL);
  g_autofree char *path = g_build_filename (g_getenv ("NB_FIXTURES"), "wenxian-transport-2020.nianbao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (nb_window_load_file (window, file, NULL));
  gtk_window_present (GTK_WINDOW (window));
  drain ();
  return window;
}

static void
test_export_from_window (void)
{
  NbWindow *window = window_with_fixture ();
  g_autofree char *xlsx = g_build_filename (tmpdir, "导出.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "导出.pdf", NULL);
  g_autofree char *bad = g_build_filename (tmpdir, "导出.doc", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  export_and_wait (window, xlsx, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (xlsx, &data, &length, NULL));
  g_assert_cmpuint (length, >, 4);
  g_assert_true (memcmp (data, "PK\x03\x04", 4) == 0);
  g_clear_pointer (&data, g_free);

  export_and_wait (window, pdf, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &data, &length, NULL));
  g_assert_true (g_str_has_prefix (data, "%PDF-"));

  /* An unknown extension is refused with a message, and writes nothing. */
  export_and_wait (window, bad, &error);
  g_assert_error (error, NB_ERROR, NB_ERROR_EXPORT);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  destroy (window);
}

/* The web page and the Word file from the window: the same export path. */
static void
test_export_web_and_word (void)
{
  NbWindow *window = window_with_fixture ();
  g_autofree char *html = g_build_filename (tmpdir, "导出.html", NULL);
  g_autofree char *docx = g_build_filename (tmpdir, "导出.docx", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  export_and_wait (window, html, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (html, &data, &length, NULL));
  g_assert_true (g_str_has_prefix (data, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (data, "温县交通运输局"));
  g_clear_pointer (&data, g_free);

  export_and_wait (window, docx, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (docx, &data, &length, NULL));
  g_assert_cmpuint (length, >, 4);
  g_assert_true (memcmp (data, "PK\x03\x04", 4) == 0);
  destroy (window);
}

static void
test_export_with_errors_asks_first (void)
{
  NbWindow *window = window_with_new_report (2024);
  GtkWindow *alert;
  NbProblem *first = NULL;
  GPtrArray *problems;
  const char *expected;

  type_into (window, "requests", "requests/new/natural", "5");
  nb_window_check_now (window);
  problems = nb_window_get_problems (window);
  for (guint i = 0; i < problems->len && !first; i++)
    if (nb_problem_get_severity (g_ptr_array_index (problems, i)) == NB_SEVERITY_ERROR)
      first = g_ptr_array_index (problems, i);
  g_assert_nonnull (first);
  expected = nb_problem_get_section (first);
  if (!expected)
    expected = nb_format_find_cell (nb_report_get_format (nb_window_get_report (window)),
                                    nb_problem_get_keys (first)[0])->section;

  gtk_notebook_set_current_page (GTK_NOTEBOOK (gtk_widget_get_ancestor (nb_window_get_page (window, "overview"),
                                                                         GTK_TYPE_NOTEBOOK)), 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  drain ();
  alert = find_alert_for (GTK_WINDOW (window));
  g_assert_nonnull (alert);
  click_alert_button (alert, 0);   /* Go to Problems */
  g_assert_null (find_alert_for (GTK_WINDOW (window)));
  g_assert_cmpstr (nb_window_get_current_section (window), ==, expected);
  destroy (window);
}

static char *
run_tool (const char *tool,
          const char *arg1,
          const char *arg2)
{
  const char *argv[] = { tool, arg1, arg2, NULL };
  g_autofree char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL) || !g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_steal_pointer (&out);
}

static char *
squeeze (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p) && *p != '\f')
      g_string_append_c (s, *p);
  return g_string_free (s, FALSE);
}

/* Print → 打印到文件 offers the report's title as the file's name (GTK's
 * default is “output”: 输出.pdf, replaced by the next report printed). */
static void
test_print_to_file_name (void)
{
  g_autoptr(NbReport) report = nb_report_new (nb_format_for_year (2024), 2024, "某县/教育局");
  g_autoptr(NbPrintOperation) op = nb_print_operation_new (report);
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (GTK_PRINT_OPERATION (op));

  g_assert_nonnull (settings);
  g_assert_cmpstr (gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME), ==,
                   "某县_教育局2024年政府信息公开工作年度报告");
}

static void
test_print_pages_are_the_pdf_pages (void)
{
  NbWindow *window;
  g_autofree char *printed = g_build_filename (tmpdir, "printed.pdf", NULL);
  g_autofree char *exported = g_build_filename (tmpdir, "exported.pdf", NULL);
  g_autofree char *info_p = NULL, *info_e = NULL, *text_p = NULL, *text_e = NULL;
  g_autofree char *sq_p = NULL, *sq_e = NULL;
  g_autoptr(GError) error = NULL;
  const char *pages_p, *pages_e;

  if (!g_find_program_in_path ("pdftotext") || !g_find_program_in_path ("pdfinfo"))
    {
      g_test_skip ("poppler-utils not installed");
      return;
    }
  window = window_with_fixture ();
  g_assert_true (nb_window_print_to_pdf (window, printed, &error));
  g_assert_no_error (error);
  g_assert_true (nb_pdf_write (nb_window_get_report (window), exported, &error));
  g_assert_no_error (error);

  info_p = run_tool ("pdfinfo", printed, NULL);
  info_e = run_tool ("pdfinfo", exported, NULL);
  g_assert_nonnull (info_p);
  g_assert_nonnull (info_e);
  pages_p = strstr (info_p, "Pages:");
  pages_e = strstr (info_e, "Pages:");
  g_assert_nonnull (pages_p);
  g_assert_nonnull (pages_e);
  g_assert_cmpint (atoi (pages_p + 6), >, 1);
  g_assert_cmpint (atoi (pages_p + 6), ==, atoi (pages_e + 6));
  g_assert_nonnull (strstr (info_p, "595.276 x 841.89"));   /* A4 */

  /* The same words on the same pages. */
  text_p = run_tool ("pdftotext", printed, "-");
  text_e = run_tool ("pdftotext", exported, "-");
  sq_p = squeeze (text_p);
  sq_e = squeeze (text_e);
  g_assert_cmpstr (sq_p, ==, sq_e);
  g_assert_nonnull (strstr (sq_p, "温县交通运输局"));

  /* The on-screen preview shows as many pages, and pages through them. */
  {
    GList *toplevels;
    NbPreviewWindow *preview = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print-preview", NULL));
    drain ();
    toplevels = gtk_window_list_toplevels ();
    for (GList *l = toplevels; l; l = l->next)
      if (NB_IS_PREVIEW_WINDOW (l->data))
        preview = l->data;
    g_list_free (toplevels);
    g_assert_nonnull (preview);
    g_assert_cmpint ((int) nb_preview_window_get_n_pages (preview), ==, atoi (pages_e + 6));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.next", NULL));
    g_assert_cmpuint (nb_preview_window_get_page (preview), ==, 1);
    gtk_window_destroy (GTK_WINDOW (preview));
  }
  destroy (window);
}

static guint
problems_in_section (NbWindow   *window,
                     const char *section)
{
  GPtrArray *problems = nb_window_get_problems (window);
  guint n = 0;

  for (guint i = 0; i < problems->len; i++)
    if (g_strcmp0 (nb_problem_get_section (g_ptr_array_index (problems, i)), section) == 0)
      n++;
  return n;
}

static void
test_inserted_sentence_is_marked_when_tables_drift (void)
{
  NbWindow *window = window_with_new_report (2024);
  GtkWidget *page = nb_window_get_page (window, "overview");
  const char *text;
  guint before;

  type_into (window, "requests", "requests/new/natural", "4");
  type_into (window, "requests", "requests/open/natural", "4");
  g_assert_true (gtk_widget_activate_action (page, "text.insert-sentence", "s", "requests"));
  drain ();
  text = nb_report_get_text (nb_window_get_report (window), "overview");
  g_assert_nonnull (strstr (text, "收到政府信息公开申请4件"));
  nb_window_check_now (window);
  before = problems_in_section (window, "overview");

  /* The table changes, the sentence does not: the text is marked. */
  type_into (window, "requests", "requests/new/natural", "6");
  type_into (window, "requests", "requests/open/natural", "6");
  nb_window_check_now (window);
  g_assert_cmpuint (problems_in_section (window, "overview"), >, before);
  g_assert_cmpstr (nb_window_get_tab_count (window, "overview"), !=, "");
  /* …and its words are underlined in the text, and stay so while typing
   * elsewhere moves them. */
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (nb_text_view_get_text_view (NB_TEXT_VIEW (page)));
    GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
    GtkTextTag *warning = gtk_text_tag_table_lookup (table, "nb-warning");
    GtkTextTag *error = gtk_text_tag_table_lookup (table, "nb-error");
    GtkTextIter iter;
    int before_offset, after_offset;

    gtk_text_buffer_get_start_iter (buffer, &iter);
    g_assert_true (gtk_text_iter_forward_to_tag_toggle (&iter, warning) ||
                   gtk_text_iter_forward_to_tag_toggle (&iter, error));
    before_offset = gtk_text_iter_get_offset (&iter);
    gtk_text_buffer_get_start_iter (buffer, &iter);
    gtk_text_buffer_insert (buffer, &iter, "前言。", -1);
    drain ();
    nb_window_check_now (window);
    gtk_text_buffer_get_start_iter (buffer, &iter);
    g_assert_true (gtk_text_iter_forward_to_tag_toggle (&iter, warning) ||
                   gtk_text_iter_forward_to_tag_toggle (&iter, error));
    after_offset = gtk_text_iter_get_offset (&iter);
    g_assert_cmpint (after_offset, ==, before_offset + 3);
  }

  /* Inserted with the cursor inside a paragraph: after that paragraph, as
   * one of its own, never splitting it. */
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (nb_text_view_get_text_view (NB_TEXT_VIEW (nb_window_get_page (window, "problems"))));
    GtkWidget *problems_page = nb_window_get_page (window, "problems");
    GtkTextIter iter;

    gtk_text_buffer_set_text (buffer, "一是《条例》宣传不够。\n\n二是平台更新不及时。", -1);
    gtk_text_buffer_get_iter_at_offset (buffer, &iter, 3);   /* inside 《条例》 */
    gtk_text_buffer_place_cursor (buffer, &iter);
    g_assert_true (gtk_widget_activate_action (problems_page, "text.insert-sentence", "s", "requests"));
    drain ();
    text = nb_report_get_text (nb_window_get_report (window), "problems");
    g_assert_true (g_str_has_prefix (text, "一是《条例》宣传不够。\n\n"));
    g_assert_true (g_str_has_suffix (text, "\n\n二是平台更新不及时。"));
    g_assert_nonnull (strstr (text, "收到政府信息公开申请6件"));
  }
  destroy (window);
}

static void
test_problem_without_cell_goes_to_details (void)
{
  NbWindow *window = nb_window_new (NULL);
  /* The 2021 format for a 2019 report: wrong format, a problem of the whole report. */
  g_autoptr(NbReport) report = nb_report_new (nb_format_get ("2021", NULL), 2019, "某局");
  GPtrArray *problems;
  gboolean found = FALSE;

  nb_window_set_report (window, report, NULL);
  gtk_window_present (GTK_WINDOW (window));
  drain ();
  gtk_notebook_set_current_page (GTK_NOTEBOOK (gtk_widget_get_ancestor (nb_window_get_page (window, "requests"),
                                                                         GTK_TYPE_NOTEBOOK)), 3);
  problems = nb_window_get_problems (window);
  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (nb_problem_get_id (g_ptr_array_index (problems, i)), "format.year"))
      {
        nb_problems_view_activate (nb_window_get_problems_view (window), i);
        found = TRUE;
      }
  g_assert_true (found);
  drain ();
  g_assert_cmpstr (nb_window_get_current_section (window), ==, "details");
  g_assert_cmpstr (nb_window_get_tab_count (window, "details"), !=, "");

  /* And it is fixed there: converted to the format in force, figures kept. */
  g_assert_true (nb_report_set_field (nb_window_get_report (window), "requests/new/natural", "4", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.convert-format", NULL));
  drain ();
  click_alert_button (find_alert_for (GTK_WINDOW (window)), 0);
  g_assert_cmpstr (nb_format_get_version (nb_report_get_format (nb_window_get_report (window))), ==, "2019");
  {
    g_autofree char *v = value_of (window, "requests/new/natural");
    g_assert_cmpstr (v, ==, "4");
  }
  g_assert_true (nb_report_get_modified (nb_window_get_report (window)));
  found = FALSE;
  problems = nb_window_get_problems (window);
  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (nb_problem_get_id (g_ptr_array_index (problems, i)), "format.year"))
      found = TRUE;
  g_assert_false (found);
  destroy (window);
}

static void
collect_entries (GtkWidget *widget,
                 GPtrArray *out)
{
  if (GTK_IS_ENTRY (widget))
    g_ptr_array_add (out, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_entries (c, out);
}

static void
test_details_date_is_checked (void)
{
  NbWindow *window = window_with_new_report (2024);
  GtkWidget *details = nb_window_get_page (window, "details");
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  GtkWidget *date_entry = NULL;

  collect_entries (details, entries);
  for (guint i = 0; i < entries->len; i++)
    {
      const char *placeholder = gtk_entry_get_placeholder_text (g_ptr_array_index (entries, i));
      if (placeholder && strstr (placeholder, "2025-01-20"))
        date_entry = g_ptr_array_index (entries, i);
    }
  g_assert_nonnull (date_entry);

  /* Typed and entered in the details tab: the model takes it… */
  gtk_editable_set_text (GTK_EDITABLE (date_entry), "2024-06-01");
  g_signal_emit_by_name (date_entry, "activate");
  drain ();
  g_assert_cmpstr (nb_report_get_date (nb_window_get_report (window)), ==, "2024-06-01");
  /* …and a date inside the report year is marked there. */
  nb_window_check_now (window);
  g_assert_true (gtk_widget_has_css_class (date_entry, "warning"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (date_entry));

  gtk_editable_set_text (GTK_EDITABLE (date_entry), "2025-01-15");
  g_signal_emit_by_name (date_entry, "activate");
  drain ();
  nb_window_check_now (window);
  g_assert_false (gtk_widget_has_css_class (date_entry, "warning"));

  /* A date that is not one is refused and the model keeps the last. */
  gtk_editable_set_text (GTK_EDITABLE (date_entry), "2025-02-30");
  g_signal_emit_by_name (date_entry, "activate");
  drain ();
  g_assert_cmpstr (nb_report_get_date (nb_window_get_report (window)), ==, "2025-01-15");
  destroy (window);
}

static void
on_create (NbNewDialog *dialog,
           NbReport    *report,
           NbReport   **out)
{
  *out = g_object_ref (report);
}

static gboolean
press_key_on (GtkWidget       *widget,
              guint            keyval,
              GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c))
        g_signal_emit_by_name (c, "key-pressed", keyval, 0, state, &handled);
    }
  drain ();
  return handled;
}

/* Ctrl+Page Down/Up (the shortcuts window's "next or previous section")
 * also work from a section's text, which GtkTextView would keep for itself. */
static void
test_section_keys_from_text (void)
{
  NbWindow *window = window_with_new_report (2024);
  GtkWidget *page = nb_window_get_page (window, "overview");
  GtkWidget *text_view = GTK_WIDGET (nb_text_view_get_text_view (NB_TEXT_VIEW (page)));
  GtkNotebook *notebook = GTK_NOTEBOOK (gtk_widget_get_ancestor (page, GTK_TYPE_NOTEBOOK));
  int overview;

  gtk_notebook_set_current_page (notebook, 1);
  drain ();
  overview = gtk_notebook_get_current_page (notebook);
  gtk_widget_grab_focus (text_view);
  g_assert_true (press_key_on (text_view, GDK_KEY_Page_Down, GDK_CONTROL_MASK));
  g_assert_cmpint (gtk_notebook_get_current_page (notebook), ==, overview + 1);
  gtk_notebook_set_current_page (notebook, overview);
  drain ();
  gtk_widget_grab_focus (text_view);
  g_assert_true (press_key_on (text_view, GDK_KEY_Page_Up, GDK_CONTROL_MASK));
  g_assert_cmpint (gtk_notebook_get_current_page (notebook), ==, overview - 1);
  /* Without Control, Page Down is the text's own. */
  gtk_notebook_set_current_page (notebook, overview);
  drain ();
  gtk_widget_grab_focus (text_view);
  press_key_on (text_view, GDK_KEY_Page_Down, 0);
  g_assert_cmpint (gtk_notebook_get_current_page (notebook), ==, overview);
  destroy (window);
}

/* The focused cell of the table page shown, or NULL. */
static const char *
focused_key (NbWindow *window)
{
  GtkWidget *f = gtk_window_get_focus (GTK_WINDOW (window));

  while (f && !NB_IS_CELL_ENTRY (f))
    f = gtk_widget_get_parent (f);
  return f ? nb_cell_entry_get_cell (NB_CELL_ENTRY (f))->key : NULL;
}

/* Going to a section not shown before (its page built by that switch, not
 * yet laid out), the keyboard lands on its first figure or on its text,
 * not on the second cell or the guidance button. */
static void
test_new_page_focus_starts_at_top (void)
{
  NbWindow *window = window_with_new_report (2024);
  NbFormat *format = nb_report_get_format (nb_window_get_report (window));
  GtkWidget *overview = nb_window_get_page (window, "overview");
  GtkNotebook *notebook = GTK_NOTEBOOK (gtk_widget_get_ancestor (overview, GTK_TYPE_NOTEBOOK));
  GtkWidget *problems;
  gboolean handled;

  gtk_notebook_set_current_page (notebook, 1);   /* 一、总体情况 */
  drain ();
  gtk_widget_grab_focus (GTK_WIDGET (nb_text_view_get_text_view (NB_TEXT_VIEW (overview))));
  /* 二、三、四: tables, each built by the switch to it. */
  for (guint t = 0; t < 3; t++)
    {
      const NbTableDef *table = nb_format_get_table (format, t);
      const NbCellDef *first = NULL;

      for (guint c = 0; c < table->cells->len && !first; c++)
        if (!((const NbCellDef *) g_ptr_array_index (table->cells, c))->computed)
          first = g_ptr_array_index (table->cells, c);
      g_signal_emit_by_name (notebook, "change-current-page", 1, &handled);
      g_assert_cmpstr (focused_key (window), ==, first->key);
    }
  /* 五: a text, built by the switch to it. */
  g_signal_emit_by_name (notebook, "change-current-page", 1, &handled);
  problems = nb_window_get_page (window, "problems");
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window))
                 == GTK_WIDGET (nb_text_view_get_text_view (NB_TEXT_VIEW (problems))));
  /* Back to a table: to the cell the keyboard left, not the one after it. */
  g_signal_emit_by_name (notebook, "change-current-page", -2, &handled);
  g_assert_cmpstr (focused_key (window), ==, "requests/new/natural");
  g_assert_true (nb_table_view_focus_cell (NB_TABLE_VIEW (nb_window_get_page (window, "requests")),
                                          "requests/new/research"));
  g_signal_emit_by_name (notebook, "change-current-page", 2, &handled);
  g_signal_emit_by_name (notebook, "change-current-page", -2, &handled);
  g_assert_cmpstr (focused_key (window), ==, "requests/new/research");
  destroy (window);
}

/* Dates as printed (2021年1月25日) are taken; a refused one stays visibly
 * refused (checks running after it do not make it look accepted) until Esc;
 * the calendar opens on January of the next year and sets the date. */
static void
test_details_date_forms_and_calendar (void)
{
  NbWindow *window = window_with_new_report (2020);
  NbDetailsView *details = NB_DETAILS_VIEW (nb_window_get_page (window, "details"));
  GtkEntry *entry = nb_details_view_get_date_entry (details);
  GtkCalendar *calendar = nb_details_view_get_calendar (details);
  NbReport *report = nb_window_get_report (window);
  GtkWidget *popover;

  /* Before any date: the calendar suggests January 2021. */
  popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  gtk_popover_popup (GTK_POPOVER (popover));
  drain ();
  {
    g_autoptr(GDateTime) shown = gtk_calendar_get_date (calendar);
    g_assert_cmpint (g_date_time_get_year (shown), ==, 2021);
    g_assert_cmpint (g_date_time_get_month (shown), ==, 1);
  }
  {
    g_autoptr(GDateTime) day = g_date_time_new_local (2021, 1, 22, 0, 0, 0);
    gtk_calendar_select_day (calendar, day);
    g_signal_emit_by_name (calendar, "day-selected");
    drain ();
  }
  g_assert_cmpstr (nb_report_get_date (report), ==, "2021-01-22");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "2021-01-22");

  /* As printed at the end of the report. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "2021年1月25日");
  g_signal_emit_by_name (entry, "activate");
  drain ();
  g_assert_cmpstr (nb_report_get_date (report), ==, "2021-01-25");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "2021-01-25");

  /* Refused: kept, marked, and still marked after the checks ran. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "2021年2月30日");
  g_signal_emit_by_name (entry, "activate");
  drain ();
  g_assert_cmpstr (nb_report_get_date (report), ==, "2021-01-25");
  nb_window_check_now (window);
  type_into (window, "requests", "requests/new/natural", "3");
  nb_window_check_now (window);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "2021年2月30日");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "nb-refused"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (entry)), "2021年2月30日"));

  g_assert_true (press_key_on (GTK_WIDGET (entry), GDK_KEY_Escape, 0));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "2021-01-25");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "nb-refused"));
  gtk_popover_popdown (GTK_POPOVER (popover));
  destroy (window);
}

static guint
count_problems (NbWindow   *window,
                const char *id)
{
  GPtrArray *problems = nb_window_get_problems (window);
  guint n = 0;

  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (nb_problem_get_id (g_ptr_array_index (problems, i)), id))
      n++;
  return n;
}

/* Year over year in the window: New Report from last year's copies its
 * texts as drafts (marked until edited) and says what it carried and what
 * not; the carry.* checks run in the window against last year's report,
 * also after saving and opening again. */
static void
test_year_over_year (void)
{
  NbWindow *window = nb_window_new (NULL);
  g_autofree char *fixture = g_build_filename (g_getenv ("NB_FIXTURES"), "wenxian-transport-2020.nianbao", NULL);
  g_autofree char *last_path = g_build_filename (tmpdir, "上年报告.nianbao", NULL);
  g_autofree char *this_path = g_build_filename (tmpdir, "本年报告.nianbao", NULL);
  g_autoptr(GFile) fixture_file = g_file_new_for_path (fixture);
  g_autoptr(GFile) last_file = g_file_new_for_path (last_path);
  g_autoptr(GFile) this_file = g_file_new_for_path (this_path);
  g_autoptr(NbReport) last = nb_report_file_load (fixture_file, NULL, NULL);
  NbNewDialog *dialog = NULL;
  NbReport *report;
  GtkWindow *alert;
  g_autofree char *summary = NULL;

  g_assert_nonnull (last);
  g_assert_true (nb_report_file_save (last, last_file, NULL, NULL));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  drain ();
  {
    GList *toplevels = gtk_window_list_toplevels ();
    for (GList *l = toplevels; l; l = l->next)
      if (NB_IS_NEW_DIALOG (l->data))
        dialog = l->data;
    g_list_free (toplevels);
  }
  g_assert_nonnull (dialog);
  nb_new_dialog_set_previous (dialog, last);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.create", NULL));
  drain ();

  report = nb_window_get_report (window);
  g_assert_nonnull (report);
  g_assert_cmpint (nb_report_get_year (report), ==, 2021);
  g_assert_cmpstr (nb_report_get_text (report, "overview"), ==, nb_report_get_text (last, "overview"));
  g_assert_true (nb_report_get_needs_review (report, "overview"));
  g_assert_nonnull (nb_window_get_previous (window));

  /* What came over and what did not, in words. */
  alert = find_alert_for (GTK_WINDOW (window));
  g_assert_nonnull (alert);
  summary = alert_text (alert);
  g_assert_nonnull (strstr (summary, "Carried over from the 2020 report"));
  g_assert_nonnull (strstr (summary, "Not carried over"));
  g_assert_nonnull (strstr (summary, "as drafts"));
  click_alert_button (alert, 0);

  /* Each draft is a warning until edited. */
  nb_window_check_now (window);
  g_assert_cmpuint (count_problems (window, "text.review"), ==, 3);
  g_assert_true (nb_report_set_text (report, "overview", "2021年，温县交通运输局……", NULL));
  nb_window_check_now (window);
  g_assert_cmpuint (count_problems (window, "text.review"), ==, 2);
  g_assert_false (nb_report_get_needs_review (report, "overview"));

  /* The across-years checks, in the window: carried in ≠ last year's carried out. */
  g_assert_cmpuint (count_problems (window, "carry.requests"), ==, 0);
  type_into (window, "requests", "requests/carried_in/natural", "5");
  nb_window_check_now (window);
  g_assert_cmpuint (count_problems (window, "carry.requests"), >, 0);

  /* Known again after saving and opening: kept in the document. */
  g_assert_true (nb_window_set_previous_file (window, last_file, NULL));
  g_assert_true (nb_window_save_to (window, this_file, NULL));
  destroy (window);
  window = nb_window_new (NULL);
  g_assert_true (nb_window_load_file (window, this_file, NULL));
  gtk_window_present (GTK_WINDOW (window));
  drain ();
  g_assert_nonnull (nb_window_get_previous (window));
  g_assert_cmpuint (count_problems (window, "carry.requests"), >, 0);
  g_assert_cmpuint (count_problems (window, "text.review"), ==, 2);   /* still drafts: 五, 六 */
  destroy (window);
}

static void
test_new_report_from_last_year (void)
{
  NbWindow *window = nb_window_new (NULL);
  g_autoptr(NbReport) last = nb_report_new (nb_format_get ("2021", NULL), 2023, "某市教育局");
  g_autoptr(NbReport) created = NULL;
  NbNewDialog *dialog;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (nb_report_set_field (last, "requests/carried_out/research", "3", NULL));
  dialog = nb_new_dialog_new (GTK_WINDOW (window));
  g_signal_connect (dialog, "create", G_CALLBACK (on_create), &created);
  gtk_window_present (GTK_WINDOW (dialog));
  drain ();
  nb_new_dialog_set_previous (dialog, last);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.create", NULL));
  drain ();

  g_assert_nonnull (created);
  g_assert_cmpint (nb_report_get_year (created), ==, 2024);          /* the year after */
  g_assert_cmpstr (nb_report_get_agency (created), ==, "某市教育局");  /* its agency */
  {
    g_autofree char *v = nb_report_dup_field (created, "requests/carried_in/research", NULL);
    g_assert_cmpstr (v, ==, "3");
  }
  destroy (window);
}

static void
collect_label_text (GtkWidget *widget,
                    GString   *out)
{
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (out, '\n');
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_label_text (c, out);
}

static char *
alert_text (GtkWindow *alert)
{
  GString *out = g_string_new (NULL);

  collect_label_text (GTK_WIDGET (alert), out);
  return g_string_free (out, FALSE);
}

/* Untouched is not zero: a table nobody filled in is named before export,
 * after the errors; typing 0 over the default 0 counts as filling it. */
static void
test_export_warns_untouched_tables (void)
{
  NbWindow *window = window_with_new_report (2024);
  GtkWindow *alert;
  g_autofree char *text = NULL;

  type_into (window, "requests", "requests/new/natural", "0");
  type_into (window, "review", "review/count/reconsideration_upheld", "0");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  drain ();
  alert = find_alert_for (GTK_WINDOW (window));
  g_assert_nonnull (alert);            /* the errors (empty texts) first */
  click_alert_button (alert, 1);       /* Export Anyway */
  alert = find_alert_for (GTK_WINDOW (window));
  g_assert_nonnull (alert);
  text = alert_text (alert);
  g_assert_nonnull (strstr (text, "二、主动公开政府信息情况"));
  g_assert_null (strstr (text, "三、收到和处理"));
  g_assert_null (strstr (text, "四、政府信息公开行政复议"));
  click_alert_button (alert, 0);       /* Go to the Table */
  g_assert_null (find_alert_for (GTK_WINDOW (window)));
  g_assert_cmpstr (nb_window_get_current_section (window), ==, "active");
  destroy (window);
}

static void
test_pdf_without_date_asks (void)
{
  NbWindow *window = window_with_fixture ();   /* no errors, no date */
  GtkWindow *alert;

  g_assert_null (nb_report_get_date (nb_window_get_report (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-pdf", NULL));
  drain ();
  alert = find_alert_for (GTK_WINDOW (window));
  g_assert_nonnull (alert);
  click_alert_button (alert, 0);   /* Fill In the Date */
  g_assert_cmpstr (nb_window_get_current_section (window), ==, "details");
  destroy (window);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_descendant (c, type);
      if (found)
        return found;
    }
  return NULL;
}

static gboolean
any_label_contains (GtkWidget  *widget,
                    const char *needle)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), needle))
    return TRUE;
  /* The problems' messages are inscriptions. */
  if (GTK_IS_INSCRIPTION (widget) && gtk_inscription_get_text (GTK_INSCRIPTION (widget))
      && strstr (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), needle))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (any_label_contains (c, needle))
      return TRUE;
  return FALSE;
}

/* A table edit that rewords the problems (figures quoted in the text)
 * updates the rows where they are: the clerk's selected problem stays
 * selected, and the rows say the new figure. (Replacing every row lost the
 * selection and rebuilt the list's widgets, ~0.3 s with 600 problems.) */
static void
test_problems_reworded_in_place (void)
{
  NbWindow *window = window_with_new_report (2024);
  NbProblemsView *view = nb_window_get_problems_view (window);
  NbReport *report = nb_window_get_report (window);
  g_autoptr(GString) text = g_string_new (NULL);
  GtkListView *list;
  GtkSelectionModel *selection;
  GPtrArray *problems;
  guint selected = G_MAXUINT;

  for (int i = 0; i < 6; i++)
    g_string_append_printf (text, "第%d段：本机关共收到政府信息公开申请%d件。\n\n", i, 100 + i);
  g_assert_true (nb_report_set_text (report, "overview", text->str, NULL));
  type_into (window, "requests", "requests/new/natural", "7");
  nb_window_check_now (window);
  drain ();
  problems = nb_window_get_problems (window);
  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (nb_problem_get_id (g_ptr_array_index (problems, i)), "text.figures"))
      selected = i + 2;
  g_assert_cmpuint (selected, !=, G_MAXUINT);
  selected -= 2;   /* the last text.figures problem */
  nb_problems_view_activate (view, selected);
  drain ();
  list = GTK_LIST_VIEW (find_descendant (GTK_WIDGET (view), GTK_TYPE_LIST_VIEW));
  selection = gtk_list_view_get_model (list);
  g_assert_true (gtk_selection_model_is_selected (selection, selected));
  g_assert_true (any_label_contains (GTK_WIDGET (list), "7"));

  type_into (window, "requests", "requests/new/natural", "9");
  nb_window_check_now (window);
  drain ();
  g_assert_cmpuint (nb_problems_view_get_n_rows (view), ==, nb_window_get_problems (window)->len);
  g_assert_true (gtk_selection_model_is_selected (selection, selected));
  g_assert_true (any_label_contains (GTK_WIDGET (list), "9"));
  destroy (window);
}

/* Every inscription below @widget that shows text: its text laid out at its
 * width, wrapped as it wraps, fits the lines it was given. */
static guint
check_inscriptions_fit (GtkWidget *widget,
                        guint     *n_long)
{
  guint n = 0;

  if (GTK_IS_INSCRIPTION (widget) && gtk_widget_get_mapped (widget)
      && gtk_inscription_get_text (GTK_INSCRIPTION (widget)))
    {
      const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
      int width = gtk_widget_get_width (widget);
      int lines, height;

      pango_layout_set_width (layout, width * PANGO_SCALE);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      lines = pango_layout_get_line_count (layout);
      pango_layout_get_pixel_size (layout, NULL, &height);
      /* What it asks for and what it is given (a list gives its rows their
       * minimum height unless told otherwise). */
      if ((guint) lines > gtk_inscription_get_nat_lines (GTK_INSCRIPTION (widget))
          || gtk_widget_get_height (widget) < height)
        g_error ("“%s” needs %d lines (%d px) at %d px, shown in %u lines, %d px", text, lines, height,
                 width, gtk_inscription_get_nat_lines (GTK_INSCRIPTION (widget)),
                 gtk_widget_get_height (widget));
      /* Not needlessly tall either: at most one line more than needed. */
      g_assert_cmpuint (gtk_inscription_get_nat_lines (GTK_INSCRIPTION (widget)), <=, (guint) lines + 1);
      if (lines > 1)
        (*n_long)++;
      n++;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    n += check_inscriptions_fit (c, n_long);
  return n;
}

/* A problem's message is shown whole, however long, at the width the
 * window has: the rows give each message the lines it needs (estimated
 * without laying it out, for speed) — never one line cut short. */
static void
test_problem_messages_not_cut (void)
{
  NbWindow *window = window_with_new_report (2024);
  NbProblemsView *view = nb_window_get_problems_view (window);
  NbReport *report = nb_window_get_report (window);
  g_autoptr(GString) text = g_string_new (NULL);
  const int widths[] = { 1300, 900, 640 };

  for (int i = 0; i < 8; i++)
    g_string_append_printf (text, "第%d段：本机关共收到政府信息公开申请%d件，其中自然人申请%d件。\n\n",
                            i, 100 + i, 50 + i);
  g_assert_true (nb_report_set_text (report, "overview", text->str, NULL));
  g_assert_true (nb_report_set_text (report, "problems",
                                     "一是公开的及时性有待提高,部分信息更新滞后;二是解读形式单一。", NULL));
  type_into (window, "requests", "requests/new/natural", "7");
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      guint n_long = 0, n;

      gtk_window_set_default_size (GTK_WINDOW (window), widths[w], 900);
      gtk_window_unmaximize (GTK_WINDOW (window));
      nb_window_check_now (window);
      settle ();
      n = check_inscriptions_fit (GTK_WIDGET (view), &n_long);
      g_test_message ("%d px: %u messages shown, %u of them on several lines", widths[w], n, n_long);
      g_assert_cmpuint (n, >=, 3);
      /* The narrowest window wraps some: the test sees long messages. */
      if (widths[w] == 640)
        g_assert_cmpuint (n_long, >, 0);
    }
  destroy (window);
}

static GtkWidget *
find_visible_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_visible_button (c);
      if (found)
        return found;
    }
  return NULL;
}

/* Half-width punctuation in a paragraph: its problem row has a Fix button;
 * one click puts the marks in full width (one undo step) and the problem
 * goes. */
static void
test_punctuation_fix_button (void)
{
  NbWindow *window = window_with_new_report (2024);
  NbProblemsView *view = nb_window_get_problems_view (window);
  NbReport *report = nb_window_get_report (window);
  GtkWidget *list, *button;
  GPtrArray *problems;
  gboolean found = FALSE;

  g_assert_true (nb_report_set_text (report, "problems",
                                     "一是公开的及时性有待提高,部分信息更新滞后;二是解读形式单一。"
                                     "下一步,我局将加强培训:完善制度。", NULL));
  nb_window_check_now (window);
  settle ();
  problems = nb_window_get_problems (window);
  for (guint i = 0; i < problems->len; i++)
    found |= g_str_equal (nb_problem_get_id (g_ptr_array_index (problems, i)), "text.punctuation");
  g_assert_true (found);

  /* No other row of a new report has a fix: the one button is this one. */
  list = find_descendant (GTK_WIDGET (view), GTK_TYPE_LIST_VIEW);
  button = find_visible_button (list);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  drain ();
  g_assert_cmpstr (nb_report_get_text (report, "problems"), ==,
                   "一是公开的及时性有待提高，部分信息更新滞后；二是解读形式单一。"
                   "下一步，我局将加强培训：完善制度。");
  problems = nb_window_get_problems (window);
  for (guint i = 0; i < problems->len; i++)
    g_assert_cmpstr (nb_problem_get_id (g_ptr_array_index (problems, i)), !=, "text.punctuation");

  /* One undo step brings the text back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  drain ();
  g_assert_nonnull (strstr (nb_report_get_text (report, "problems"), "提高,部分"));
  destroy (window);
}

/* Closing a window whose current tab is not the first: the notebook's
 * disposal switched pages and the window addressed pages whose widgets
 * were already gone ("invalid unclassed pointer in cast to NbSectionPage",
 * fatal here; seen when bench-window closed its windows). */
static void
count_message (const char     *domain,
               GLogLevelFlags  level,
               const char     *message,
               gpointer        user_data)
{
  g_test_message ("%s: %s", domain, message);
  (*(guint *) user_data)++;
}

static void
test_close_on_later_tab (void)
{
  guint n_warnings = 0;
  guint handler = g_log_set_handler ("GLib-GObject", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL,
                                     count_message, &n_warnings);

  for (int current = 0; current < 4; current++)
    {
      NbWindow *window = window_with_fixture ();
      GtkWidget *page = nb_window_get_page (window, "requests");
      GtkNotebook *notebook = GTK_NOTEBOOK (gtk_widget_get_ancestor (page, GTK_TYPE_NOTEBOOK));

      g_assert_nonnull (nb_window_get_page (window, "overview"));
      gtk_notebook_set_current_page (notebook, current);
      drain ();
      destroy (window);
    }
  g_log_remove_handler ("GLib-GObject", handler);
  g_assert_cmpuint (n_warnings, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  tmpdir = g_dir_make_tmp ("nb-gui-XXXXXX", NULL);
  data_home = g_build_filename (tmpdir, "data", NULL);
  /* Before GLib caches them: autosaves land in the temporary folder. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);

  g_test_init (&argc, &argv, NULL);

  /* Criticals stay fatal (G_DEBUG=fatal-criticals, as the window tests are
   * run); warnings do not: on a loaded machine GTK 4.8 may warn that it
   * snapshots one of its own internal widgets before their first
   * allocation ("Trying to snapshot GtkGizmo … without a current
   * allocation"), which says nothing about nianbao. */
  nb_gui_test_init_logging ();
  if (!gtk_init_check ())
    {
      g_test_skip ("No display (run under xvfb-run)");
      return 77;
    }

  g_test_add_func ("/window/typing", test_typing_updates_model_and_totals);
  g_test_add_func ("/window/close-on-later-tab", test_close_on_later_tab);
  g_test_add_func ("/window/problem-messages-not-cut", test_problem_messages_not_cut);
  g_test_add_func ("/window/refused", test_refused_keys_say_why);
  g_test_add_func ("/window/refused-keeps-value", test_refused_entry_keeps_value);
  g_test_add_func ("/window/spreadsheet-keys", test_spreadsheet_keys);
  g_test_add_func ("/window/paste-totals", test_paste_skips_totals_and_labels);
  g_test_add_func ("/window/undo-shows-change", test_undo_shows_what_changed);
  g_test_add_func ("/window/sentence-scrolled", test_inserted_sentence_scrolled_into_view);
  g_test_add_func ("/window/sticky-headers", test_sticky_headers);
  g_test_add_func ("/window/small-screen", test_small_screen_layout);
  g_test_add_func ("/window/paste", test_paste_block_fills_cells);
  g_test_add_func ("/window/checks", test_failing_check_marks_cell_and_lists_problem);
  g_test_add_func ("/window/problems-in-place", test_problems_reworded_in_place);
  g_test_add_func ("/window/punctuation-fix", test_punctuation_fix_button);
  g_test_add_func ("/window/text", test_text_edits_go_to_model);
  g_test_add_func ("/window/text-section-keys", test_section_keys_from_text);
  g_test_add_func ("/window/new-page-focus", test_new_page_focus_starts_at_top);
  g_test_add_func ("/window/sentence-drift", test_inserted_sentence_is_marked_when_tables_drift);
  g_test_add_func ("/window/save-reopen", test_save_and_reopen);
  g_test_add_func ("/window/recovery", test_autosave_and_recovery);
  g_test_add_func ("/window/undo-after-recovery", test_undo_after_recovery_stays_unsaved);
  g_test_add_func ("/window/bad-file", test_bad_file_shows_error_dialog);
  g_test_add_func ("/window/close-unsaved", test_close_with_unsaved_changes_asks);
  g_test_add_func ("/window/export", test_export_from_window);
  g_test_add_func ("/window/export-untouched", test_export_warns_untouched_tables);
  g_test_add_func ("/window/export-web-word", test_export_web_and_word);
  g_test_add_func ("/window/pdf-without-date", test_pdf_without_date_asks);
  g_test_add_func ("/window/year-over-year", test_year_over_year);
  g_test_add_func ("/window/new-from-last-year", test_new_report_from_last_year);
  g_test_add_func ("/window/details-date", test_details_date_is_checked);
  g_test_add_func ("/window/details-date-forms", test_details_date_forms_and_calendar);
  g_test_add_func ("/window/details-problem", test_problem_without_cell_goes_to_details);
  g_test_add_func ("/window/export-errors", test_export_with_errors_asks_first);
  g_test_add_func ("/window/print", test_print_pages_are_the_pdf_pages);
  g_test_add_func ("/window/print-file-name", test_print_to_file_name);
  status = g_test_run ();
  return status;
}
