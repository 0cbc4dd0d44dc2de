/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-parts.c — the window's parts since it was split: the
 * save-changes question as an async/finish pair, NbAutosave, the
 * NbSectionPage interface and pages built on first use.
 *
 * Driven through the real widgets: the question's buttons are clicked,
 * cells are typed into, tabs are switched. Needs a display: skipped
 * without one.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <stdarg.h>
#include <gtk/gtk.h>

#include "nb-aggregate-window.h"
#include "nb-application.h"
#include "nb-autosave.h"
#include "nb-cell-entry.h"
#include "nb-new-dialog.h"
#include "nb-report-file.h"
#include "nb-table-view.h"
#include "nb-text-view.h"
#include "nb-window.h"
#include "nb-gui-test.h"

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

static void
destroy (NbWindow *window)
{
  NbReport *report = nb_window_get_report (window);

  if (report)
    nb_report_set_modified (report, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

/* The alert transient for @parent, or NULL. */
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
collect_buttons (GtkWidget *widget,
                 GPtrArray *out)
{
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

/* Types @text into a table cell and presses Enter. */
static void
type_into (NbWindow   *window,
           const char *section,
           const char *key,
           const char *text)
{
  GtkWidget *page = nb_window_get_page (window, section);
  NbCellEntry *cell;
  GtkEditable *editable;
  int pos = 0;

  g_assert_true (NB_IS_TABLE_VIEW (page));
  cell = nb_table_view_get_entry (NB_TABLE_VIEW (page), key);
  g_assert_nonnull (cell);
  editable = nb_cell_entry_get_editable (cell);
  gtk_editable_delete_text (editable, 0, -1);
  gtk_editable_insert_text (editable, text, -1, &pos);
  g_signal_emit_by_name (editable, "activate");
  drain ();
}

/* ---- the save-changes question ----------------------------------------- */

typedef struct
{
  gboolean  done;
  gboolean  go_on;
  GError   *error;
} Answer;

static void
on_confirmed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Answer *answer = user_data;

  answer->go_on = nb_window_confirm_discard_finish (NB_WINDOW (source), result, &answer->error);
  answer->done = TRUE;
}

/* Asks, and returns the alert shown (the question is not answered yet). */
static GtkWindow *
ask (NbWindow *window,
     Answer   *answer)
{
  GtkWindow *alert;

  *answer = (Answer) { FALSE, FALSE, NULL };
  nb_window_confirm_discard_async (window, NULL, on_confirmed, answer);
  drain ();
  g_assert_false (answer->done);   /* waits for the clerk */
  alert = find_alert_for (GTK_WINDOW (window));
  g_assert_nonnull (alert);
  return alert;
}

static void
test_confirm_nothing_unsaved (void)
{
  NbWindow *window = window_with_new_report (2024);
  Answer answer = { FALSE, FALSE, NULL };

  /* A report just set is not modified: no question, go on. */
  nb_window_confirm_discard_async (window, NULL, on_confirmed, &answer);
  drain ();
  g_assert_true (answer.done);
  g_assert_true (answer.go_on);
  g_assert_no_error (answer.error);
  g_assert_null (find_alert_for (GTK_WINDOW (window)));
  destroy (window);
}

static void
test_confirm_cancel_discard (void)
{
  NbWindow *window = window_with_new_report (2024);
  NbReport *report = nb_window_get_report (window);
  Answer answer;
  g_autofree char *value = NULL;

  type_into (window, "requests", "requests/new/natural", "4");
  g_assert_true (nb_report_get_modified (report));

  /* Cancel (the third button): FALSE, cancelled, nothing changed. */
  click_alert_button (ask (window, &answer), 2);
  g_assert_true (answer.done);
  g_assert_false (answer.go_on);
  g_assert_error (answer.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&answer.error);
  g_assert_true (nb_report_get_modified (report));
  g_assert_null (find_alert_for (GTK_WINDOW (window)));

  /* Escape (the alert's close) is Cancel too. */
  gtk_window_close (ask (window, &answer));
  drain ();
  g_assert_true (answer.done);
  g_assert_error (answer.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&answer.error);

  /* Discard (the second): TRUE; the caller drops the document, the
   * question itself changes nothing. */
  click_alert_button (ask (window, &answer), 1);
  g_assert_true (answer.done);
  g_assert_true (answer.go_on);
  g_assert_no_error (answer.error);
  value = nb_report_dup_field (report, "requests/new/natural", NULL);
  g_assert_cmpstr (value, ==, "4");
  g_assert_true (nb_report_get_modified (report));
  destroy (window);
}

static void
test_confirm_save (void)
{
  NbWindow *window = window_with_new_report (2024);
  g_autofree char *folder = g_build_filename (tmpdir, "文件夹", NULL);
  g_autofree char *path = g_build_filename (folder, "问一下.nianbao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NbReport) saved = NULL;
  g_autofree char *value = NULL;
  Answer answer;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  /* A document with a file: Save (the first button) writes it there. */
  g_assert_true (nb_window_save_to (window, file, NULL));
  type_into (window, "requests", "requests/new/natural", "6");
  g_assert_true (nb_report_get_modified (nb_window_get_report (window)));
  click_alert_button (ask (window, &answer), 0);
  g_assert_true (answer.done);
  g_assert_true (answer.go_on);
  g_assert_no_error (answer.error);
  g_assert_false (nb_report_get_modified (nb_window_get_report (window)));
  saved = nb_report_file_load (file, NULL, NULL);
  g_assert_nonnull (saved);
  value = nb_report_dup_field (saved, "requests/new/natural", NULL);
  g_assert_cmpstr (value, ==, "6");

  /* A save that fails: FALSE with the save's error, said in an alert,
   * and the work is still unsaved. */
  type_into (window, "requests", "requests/new/natural", "7");
  /* The folder is gone and a file has its name: nothing can be written
   * there (whoever runs the test). */
  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)))
      {
        g_autofree char *child = g_build_filename (folder, name, NULL);
        g_assert_cmpint (g_remove (child), ==, 0);
      }
    g_assert_cmpint (g_rmdir (folder), ==, 0);
    g_assert_true (g_file_set_contents (folder, "not a folder", -1, NULL));
  }
  click_alert_button (ask (window, &answer), 0);
  g_assert_true (answer.done);
  g_assert_false (answer.go_on);
  g_assert_nonnull (answer.error);
  g_assert_false (g_error_matches (answer.error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_clear_error (&answer.error);
  g_assert_nonnull (find_alert_for (GTK_WINDOW (window)));   /* "could not be saved" */
  gtk_window_close (find_alert_for (GTK_WINDOW (window)));
  drain ();
  g_assert_true (nb_report_get_modified (nb_window_get_report (window)));
  destroy (window);
}

static GtkWindow *
find_new_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l; l = l->next)
    if (NB_IS_NEW_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

/* The callers use it: New asks first, and goes on only after Discard. */
static void
test_new_asks_through_the_question (void)
{
  NbWindow *window = window_with_new_report (2024);
  GtkWindow *alert, *dialog;

  type_into (window, "requests", "requests/new/natural", "2");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  drain ();
  alert = find_alert_for (GTK_WINDOW (window));
  g_assert_nonnull (alert);
  g_assert_null (find_new_dialog ());
  click_alert_button (alert, 2);   /* cancel: no New Report dialog */
  g_assert_null (find_new_dialog ());

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  drain ();
  click_alert_button (find_alert_for (GTK_WINDOW (window)), 1);   /* discard */
  dialog = find_new_dialog ();
  g_assert_nonnull (dialog);
  gtk_window_destroy (dialog);
  drain ();
  destroy (window);
}

/* After Create, typing goes into the first section's text: the keyboard is
 * not left on the start page's button that the dialog came from. */
static void
test_new_focuses_first_section (void)
{
  NbWindow *window = nb_window_new (NULL);
  GtkWindow *dialog;
  GtkWidget *agency, *focus, *text_view;

  gtk_window_present (GTK_WINDOW (window));
  drain ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  drain ();
  dialog = find_new_dialog ();
  g_assert_nonnull (dialog);
  agency = gtk_window_get_focus (dialog);   /* the agency's entry */
  g_assert_true (GTK_IS_EDITABLE (agency));
  gtk_editable_set_text (GTK_EDITABLE (agency), "温县交通运输局");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.create", NULL));
  drain ();

  g_assert_nonnull (nb_window_get_report (window));
  text_view = GTK_WIDGET (nb_text_view_get_text_view (NB_TEXT_VIEW (nb_window_get_page (window, "overview"))));
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_true (focus == text_view);
  destroy (window);
}

static guint
count_stack_pages (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_STACK (widget))
    {
      g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (GTK_STACK (widget));

      n = MAX (n, g_list_model_get_n_items (G_LIST_MODEL (pages)));
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    n = MAX (n, count_stack_pages (c));
  return n;
}

static GtkWidget *
find_section (GtkWidget *widget)
{
  if (GTK_IS_SHORTCUTS_SECTION (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_section (c);

      if (found)
        return found;
    }
  return NULL;
}

/* Ctrl+? shows every shortcut on one page: on two, the sections' keys
 * (Ctrl+Page Down, F8, F9) were behind a page button, and GTK 4.8 warned
 * that the page buttons' labels had a negative width. */
static void
test_help_overlay_one_page (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/org/nianbao/Nianbao/gtk/help-overlay.ui");
  GtkWidget *overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  GtkWidget *section;

  g_assert_nonnull (overlay);
  gtk_window_present (GTK_WINDOW (overlay));
  drain ();
  section = find_section (overlay);
  g_assert_nonnull (section);
  g_assert_cmpuint (count_stack_pages (section), ==, 1);
  gtk_window_destroy (GTK_WINDOW (overlay));
  drain ();
}

/* The letter after "_" in @label (lower case), or 0. */
static gunichar
mnemonic_of (const char *label)
{
  const char *u = label ? strchr (label, '_') : NULL;

  return u && u[1] ? g_unichar_tolower (g_utf8_get_char (u + 1)) : 0;
}

static void
collect_menu_mnemonics (GMenuModel *model,
                        GHashTable *seen)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      GMenuModel *section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      gunichar m;

      if (section)
        {
          collect_menu_mnemonics (section, seen);
          g_object_unref (section);
          continue;
        }
      if (!g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        continue;
      m = mnemonic_of (label);
      if (m == 0)
        continue;
      if (g_hash_table_contains (seen, GUINT_TO_POINTER (m)))
        g_test_message ("“%s” has the mnemonic of “%s”", label,
                        (char *) g_hash_table_lookup (seen, GUINT_TO_POINTER (m)));
      g_assert_false (g_hash_table_contains (seen, GUINT_TO_POINTER (m)));
      g_hash_table_insert (seen, GUINT_TO_POINTER (m), g_strdup (label));
    }
}

static void
collect_label_mnemonics (GtkWidget  *widget,
                         GHashTable *seen)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)))
    {
      guint key = gtk_label_get_mnemonic_keyval (GTK_LABEL (widget));

      if (key != GDK_KEY_VoidSymbol)
        {
          guint m = gdk_keyval_to_lower (key);
          const char *text = gtk_label_get_label (GTK_LABEL (widget));

          if (g_hash_table_contains (seen, GUINT_TO_POINTER (m)))
            g_test_message ("“%s” has the mnemonic of “%s”", text,
                            (char *) g_hash_table_lookup (seen, GUINT_TO_POINTER (m)));
          g_assert_false (g_hash_table_contains (seen, GUINT_TO_POINTER (m)));
          g_hash_table_insert (seen, GUINT_TO_POINTER (m), g_strdup (text));
        }
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_label_mnemonics (c, seen);
}

static GtkWidget *
find_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_menu_button (c);

      if (found)
        return found;
    }
  return NULL;
}

/* Alt+letter reaches one thing: no two items of the main menu, and no two
 * controls of the 汇总 window, share a mnemonic (导出 Word 文档 and 打开 were
 * both O; 添加文件 and 反馈意见 both F, so Alt+F only went to the first). */
static void
test_mnemonics_unique (void)
{
  NbWindow *window = window_with_new_report (2024);
  GtkWidget *button = find_menu_button (gtk_window_get_titlebar (GTK_WINDOW (window)));
  g_autoptr(GHashTable) menu = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_autoptr(GHashTable) summary = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  GtkWidget *aggregate;

  g_assert_nonnull (button);
  collect_menu_mnemonics (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)), menu);
  g_assert_cmpuint (g_hash_table_size (menu), >, 10);

  aggregate = GTK_WIDGET (nb_aggregate_window_new (NULL));
  gtk_window_present (GTK_WINDOW (aggregate));
  drain ();
  collect_label_mnemonics (aggregate, summary);
  g_assert_cmpuint (g_hash_table_size (summary), >, 5);
  gtk_window_destroy (GTK_WINDOW (aggregate));
  destroy (window);
}

/* Closing asks through the same question; Save closes once saved. */
static void
test_close_saves_then_closes (void)
{
  NbWindow *window = window_with_new_report (2024);
  g_autofree char *path = g_build_filename (tmpdir, "关闭前保存.nianbao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NbReport) saved = NULL;
  g_autofree char *value = NULL;

  g_assert_true (nb_window_save_to (window, file, NULL));
  type_into (window, "requests", "requests/new/legal", "3");
  g_object_ref (window);
  gtk_window_close (GTK_WINDOW (window));
  drain ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  click_alert_button (find_alert_for (GTK_WINDOW (window)), 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  saved = nb_report_file_load (file, NULL, NULL);
  value = nb_report_dup_field (saved, "requests/new/legal", NULL);
  g_assert_cmpstr (value, ==, "3");
  g_object_unref (window);
}

/* ---- NbAutosave -------------------------------------------------------- */

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_autosave_object (void)
{
  g_autoptr(NbAutosave) autosave = nb_autosave_new ();
  g_autoptr(NbReport) report = nb_report_new (nb_format_for_year (2024), 2024, "某县教育局");
  g_autoptr(NbReport) back = NULL;
  g_autoptr(GFile) original = NULL;
  g_autoptr(GFile) belongs = g_file_new_for_path ("/某处/报告.nianbao");
  g_autofree char *path = NULL;
  guint notified = 0;

  g_signal_connect (autosave, "notify::path", G_CALLBACK (count_notify), &notified);
  g_object_set (autosave, "report", report, "file", belongs, "interval", 1, NULL);
  g_assert_null (nb_autosave_get_path (autosave));

  /* An edit starts the timer (interval 1 s): a copy appears by itself. */
  g_assert_true (nb_report_set_field (report, "requests/new/natural", "8", NULL));
  {
    gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (!nb_autosave_get_path (autosave) && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_nonnull (nb_autosave_get_path (autosave));
  g_assert_cmpuint (notified, ==, 1);
  path = g_strdup (nb_autosave_get_path (autosave));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* The copy reads back, with where it belongs. */
  back = nb_autosave_load_copy (path, &original, NULL);
  g_assert_nonnull (back);
  g_assert_nonnull (original);
  g_assert_true (g_file_equal (original, belongs));
  {
    g_autofree char *v = nb_report_dup_field (back, "requests/new/natural", NULL);
    g_assert_cmpstr (v, ==, "8");
  }

  /* Discarded: the copy and its note go. */
  nb_autosave_discard (autosave);
  g_assert_null (nb_autosave_get_path (autosave));
  g_assert_cmpuint (notified, ==, 2);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  {
    g_autofree char *info = g_strconcat (path, ".info", NULL);
    g_assert_false (g_file_test (info, G_FILE_TEST_EXISTS));
  }
}

/* ---- following the model ---------------------------------------------- */

/* The window follows the report it shows, and only that one: a report it
 * showed before, or one that outlives the window, no longer reaches it. */
static void
test_follows_the_report_shown (void)
{
  NbWindow *window = window_with_new_report (2024);
  g_autoptr(NbReport) first = g_object_ref (nb_window_get_report (window));
  g_autoptr(NbReport) second = nb_report_new (nb_format_for_year (2024), 2024, "某县民政局");
  g_autofree char *title = NULL;

  nb_window_set_report (window, second, NULL);
  drain ();
  title = g_strdup (gtk_window_get_title (GTK_WINDOW (window)));
  g_assert_null (strstr (title, "•"));
  g_assert_nonnull (strstr (title, "某县民政局"));

  /* An edit of the report shown before: the window does not hear it. */
  g_assert_true (nb_report_set_field (first, "requests/new/natural", "5", NULL));
  drain ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, title);

  /* An edit of the one shown: the title marks unsaved changes. */
  g_assert_true (nb_report_set_field (second, "requests/new/natural", "5", NULL));
  drain ();
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));

  /* The window goes, the report stays: editing it must not reach the
   * disposed window (criticals are fatal here). */
  g_object_ref (window);
  destroy (window);
  g_assert_true (nb_report_set_field (second, "requests/new/business", "2", NULL));
  nb_report_set_modified (second, TRUE);
  drain ();
  g_object_unref (window);
}

/* ---- pages built when first shown -------------------------------------- */

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Presents @window and returns once its first frame is painted. */
static void
present_until_painted (NbWindow *window)
{
  gboolean painted = FALSE;
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  gulong id;

  gtk_widget_realize (GTK_WIDGET (window));
  id = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                         G_CALLBACK (on_after_paint), &painted);
  gtk_window_present (GTK_WINDOW (window));
  while (!painted && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), id);
  g_assert_true (painted);
  drain ();
}

/* The pages of the sections named (NULL-terminated) are built, no other. */
static void
assert_only_built (NbWindow   *window,
                   const char *first,
                   ...)
{
  NbFormat *format = nb_report_get_format (nb_window_get_report (window));
  g_autoptr(GPtrArray) sections = g_ptr_array_new ();
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *s = first; s; s = va_arg (args, const char *))
    g_ptr_array_add (wanted, (gpointer) s);
  va_end (args);
  g_ptr_array_add (sections, (gpointer) "details");
  for (guint i = 0; i < nb_format_get_n_sections (format); i++)
    g_ptr_array_add (sections, (gpointer) nb_format_get_section (format, i)->key);
  for (guint i = 0; i < sections->len; i++)
    {
      const char *section = g_ptr_array_index (sections, i);
      gboolean want = g_ptr_array_find_with_equal_func (wanted, section, g_str_equal, NULL);

      if (nb_window_is_page_built (window, section) != want)
        g_error ("page “%s” is %s", section, want ? "not built" : "built before it was shown");
    }
}

static gboolean
focus_is_in (NbWindow  *window,
             GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The first frame builds and lays out the tab shown, not the others
 * (GtkNotebook measures every page it holds); the rest are built when a
 * tab is switched to (the keyboard too), or when a problem or an undo
 * takes the clerk there. */
static void
test_pages_built_when_shown (void)
{
  NbWindow *window = nb_window_new (NULL);
  g_autofree char *path = g_build_filename (g_getenv ("NB_FIXTURES"), "wenxian-transport-2020.nianbao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  NbReport *report;
  GtkNotebook *notebook;
  NbProblemsView *view;
  GPtrArray *problems;
  NbCellEntry *cell;
  GtkWidget *page;
  guint index = G_MAXUINT;
  gboolean handled = FALSE;

  g_assert_true (nb_window_load_file (window, file, &error));
  g_assert_no_error (error);
  present_until_painted (window);
  report = nb_window_get_report (window);
  /* An opened report starts at its first section: only that one is built. */
  g_assert_cmpstr (nb_window_get_current_section (window), ==, "overview");
  assert_only_built (window, "overview", NULL);

  /* Ctrl+PageDown (the notebook's key binding) builds the next tab's page. */
  notebook = GTK_NOTEBOOK (gtk_widget_get_ancestor (nb_window_get_page (window, "overview"), GTK_TYPE_NOTEBOOK));
  g_signal_emit_by_name (notebook, "change-current-page", 1, &handled);
  g_assert_true (handled);
  drain ();
  g_assert_cmpstr (nb_window_get_current_section (window), ==, "active");
  assert_only_built (window, "overview", "active", NULL);
  g_signal_emit_by_name (notebook, "change-current-page", -1, &handled);
  drain ();
  g_assert_cmpstr (nb_window_get_current_section (window), ==, "overview");

  /* A problem on a tab never shown: activating it builds the page, marks
   * the cell and focuses it. (5 more new requests: the table no longer balances.) */
  g_assert_true (nb_report_set_field (report, "requests/new/natural", "5", NULL));
  nb_window_check_now (window);
  assert_only_built (window, "overview", "active", NULL);
  g_assert_cmpstr (nb_window_get_tab_count (window, "requests"), !=, "");
  problems = nb_window_get_problems (window);
  for (guint i = 0; i < problems->len && index == G_MAXUINT; i++)
    if (nb_problem_has_key (g_ptr_array_index (problems, i), "requests/new/natural"))
      index = i;
  g_assert_cmpuint (index, !=, G_MAXUINT);
  view = nb_window_get_problems_view (window);
  nb_problems_view_activate (view, index);
  drain ();
  g_assert_cmpstr (nb_window_get_current_section (window), ==, "requests");
  assert_only_built (window, "overview", "active", "requests", NULL);
  page = nb_window_get_page (window, "requests");
  cell = nb_table_view_get_entry (NB_TABLE_VIEW (page), "requests/new/natural");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (nb_cell_entry_get_editable (cell)), "error"));
  g_assert_true (focus_is_in (window, GTK_WIDGET (cell)));

  /* Undo of an edit on a tab never shown: its page is built, the cell focused. */
  g_assert_true (nb_report_set_field (report, "review/count/reconsideration_upheld", "7", NULL));
  g_assert_true (nb_report_set_field (report, "requests/new/natural", "0", NULL));
  drain ();
  assert_only_built (window, "overview", "active", "requests", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  drain ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  drain ();
  g_assert_cmpstr (nb_window_get_current_section (window), ==, "review");
  assert_only_built (window, "overview", "active", "requests", "review", NULL);

  /* A warning about the date: the details' page is built for it. */
  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (nb_problem_get_id (g_ptr_array_index (problems, i)), "publish.deadline"))
      {
        nb_problems_view_activate (view, i);
        break;
      }
  drain ();
  g_assert_cmpstr (nb_window_get_current_section (window), ==, "details");
  assert_only_built (window, "details", "overview", "active", "requests", "review", NULL);
  destroy (window);
}

/* ---- start-up ----------------------------------------------------------- */

static void
count_theme_reloads (GtkSettings *settings,
                     GParamSpec  *pspec,
                     guint       *count)
{
  (*count)++;
}

/* Following the desktop's colour scheme sets GTK's dark-theme preference,
 * and every set reloads the whole theme (tens of ms at start-up): only a
 * change may set it. */
static void
test_color_scheme_set_only_when_changed (void)
{
  g_autoptr(NbApplication) app = nb_application_new ();
  g_autoptr(GSettingsSchema) schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                                                       "org.gnome.desktop.interface", TRUE);
  GtkSettings *gtk_settings = gtk_settings_get_default ();
  g_autoptr(GError) error = NULL;
  guint reloads = 0;
  gboolean dark = TRUE;

  g_signal_connect (gtk_settings, "notify::gtk-application-prefer-dark-theme",
                    G_CALLBACK (count_theme_reloads), &reloads);
  /* Start-up in a light session: the preference is already light. */
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reloads, ==, 0);
  if (schema && g_settings_schema_has_key (schema, "color-scheme"))
    {
      g_autoptr(GSettings) interface = g_settings_new ("org.gnome.desktop.interface");

      /* The desktop turns dark: set once; back to light: once; light
       * again in other words: not at all. */
      g_settings_set_string (interface, "color-scheme", "prefer-dark");
      drain ();
      g_object_get (gtk_settings, "gtk-application-prefer-dark-theme", &dark, NULL);
      g_assert_true (dark);
      g_assert_cmpuint (reloads, ==, 1);
      g_settings_set_string (interface, "color-scheme", "default");
      drain ();
      g_assert_cmpuint (reloads, ==, 2);
      g_settings_set_string (interface, "color-scheme", "prefer-light");
      drain ();
      g_assert_cmpuint (reloads, ==, 2);
    }
  g_object_get (gtk_settings, "gtk-application-prefer-dark-theme", &dark, NULL);
  g_assert_false (dark);
  g_signal_handlers_disconnect_by_func (gtk_settings, count_theme_reloads, &reloads);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;

  tmpdir = g_dir_make_tmp ("nb-parts-XXXXXX", NULL);
  data_home = g_build_filename (tmpdir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);

  g_test_init (&argc, &argv, NULL);
  nb_gui_test_init_logging ();
  if (!gtk_init_check ())
    {
      g_test_skip ("No display (run under xvfb-run)");
      return 77;
    }

  g_test_add_func ("/window-parts/confirm/nothing-unsaved", test_confirm_nothing_unsaved);
  g_test_add_func ("/window-parts/confirm/cancel-discard", test_confirm_cancel_discard);
  g_test_add_func ("/window-parts/confirm/save", test_confirm_save);
  g_test_add_func ("/window-parts/confirm/new", test_new_asks_through_the_question);
  g_test_add_func ("/window-parts/confirm/close-save", test_close_saves_then_closes);
  g_test_add_func ("/window-parts/new/focus", test_new_focuses_first_section);
  g_test_add_func ("/window-parts/help-overlay", test_help_overlay_one_page);
  g_test_add_func ("/window-parts/mnemonics", test_mnemonics_unique);
  g_test_add_func ("/window-parts/autosave", test_autosave_object);
  g_test_add_func ("/window-parts/follows-report", test_follows_the_report_shown);
  g_test_add_func ("/window-parts/pages-built-when-shown", test_pages_built_when_shown);
  g_test_add_func ("/window-parts/start-up/color-scheme", test_color_scheme_set_only_when_changed);
  return g_test_run ();
}
