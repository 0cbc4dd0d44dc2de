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
#include "nb-new-dialog.h"
#include "nb-problems-view.h"
#include "nb-report-file.h"
#include "nb-table-view.h"
#include "nb-text-view.h"
#include "nb-window.h"

static char *tmpdir;

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
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
    g_assert_nonnull (strstr (message, "2"));   /* 2 values fell outside */
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
  if (!gtk_init_check ())
    {
      g_test_skip ("No display (run under xvfb-run)");
      return 77;
    }

  g_test_add_func ("/window/typing", test_typing_updates_model_and_totals);
  g_test_add_func ("/window/refused", test_refused_keys_say_why);
  g_test_add_func ("/window/paste", test_paste_block_fills_cells);
  g_test_add_func ("/window/checks", test_failing_check_marks_cell_and_lists_problem);
  g_test_add_func ("/window/text", test_text_edits_go_to_model);
  g_test_add_func ("/window/sentence-drift", test_inserted_sentence_is_marked_when_tables_drift);
  g_test_add_func ("/window/save-reopen", test_save_and_reopen);
  g_test_add_func ("/window/recovery", test_autosave_and_recovery);
  g_test_add_func ("/window/bad-file", test_bad_file_shows_error_dialog);
  g_test_add_func ("/window/close-unsaved", test_close_with_unsaved_changes_asks);
  g_test_add_func ("/window/export", test_export_from_window);
  g_test_add_func ("/window/export-web-word", test_export_web_and_word);
  g_test_add_func ("/window/pdf-without-date", test_pdf_without_date_asks);
  g_test_add_func ("/window/new-from-last-year", test_new_report_from_last_year);
  g_test_add_func ("/window/details-date", test_details_date_is_checked);
  g_test_add_func ("/window/details-problem", test_problem_without_cell_goes_to_details);
  g_test_add_func ("/window/export-errors", test_export_with_errors_asks_first);
  g_test_add_func ("/window/print", test_print_pages_are_the_pdf_pages);
  status = g_test_run ();
  return status;
}
