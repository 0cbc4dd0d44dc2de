/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-open-guard.c — a document that does not load offers FILE~ and
 * autosaved copies with their age; damaged copies are said; a document
 * whose opening crashed is not reopened at start (issue 13) */
#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "nb-application.h"
#include "nb-report-file.h"
#include "nb-window.h"
#include "nb-gui-test.h"

#define KEY "requests/new/natural"

static char *tmpdir;

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GtkWindow *
find_alert (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l; l = l->next)
    if (g_strcmp0 (gtk_widget_get_name (l->data), "nb-alert") == 0 && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static void
collect (GtkWidget *widget,
         GPtrArray *buttons,
         GString   *text)
{
  if (GTK_IS_BUTTON (widget) && g_object_get_data (G_OBJECT (widget), "nb-response"))
    g_ptr_array_add (buttons, widget);
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect (c, buttons, text);
}

/* The alert's text (heading, body, button labels). */
static char *
alert_text (GtkWindow *alert)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GString *text = g_string_new (NULL);

  collect (GTK_WIDGET (alert), buttons, text);
  return g_string_free (text, FALSE);
}

static void
click (GtkWindow *alert,
       guint      i)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  collect (GTK_WIDGET (alert), buttons, text);
  g_assert_cmpuint (i, <, buttons->len);
  g_signal_emit_by_name (g_ptr_array_index (buttons, i), "clicked");
  drain ();
}

static void
save_document (const char *path,
               int         value)
{
  g_autoptr(NbReport) r = nb_report_new (nb_format_get ("2021", NULL), 2024, "某县教育局");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *v = g_strdup_printf ("%d", value);

  g_assert_true (nb_report_set_field (r, KEY, v, NULL));
  g_assert_true (nb_report_file_save (r, file, NULL, NULL));
}

static void
destroy (NbWindow *window)
{
  if (nb_window_get_report (window))
    nb_report_set_modified (nb_window_get_report (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

static void
test_damaged_document_offers_backup (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "损坏的报告.nianbao", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  NbWindow *window = nb_window_new (NULL);
  GtkWindow *alert;
  g_autofree char *text = NULL;
  NbReport *report;

  save_document (path, 1);
  save_document (path, 2);   /* FILE~ holds 1 */
  g_assert_true (g_file_set_contents (path, "{\"nianbao\": 1, \"form", -1, NULL));

  gtk_window_present (GTK_WINDOW (window));
  nb_window_open_file (window, file);
  drain ();
  alert = find_alert ();
  g_assert_nonnull (alert);
  text = alert_text (alert);
  /* What is wrong, which copy, and how old it is. */
  g_assert_nonnull (strstr (text, "damaged or truncated"));
  g_assert_nonnull (strstr (text, "the backup"));
  g_assert_nonnull (strstr (text, "损坏的报告.nianbao~"));
  g_assert_nonnull (strstr (text, "just now"));

  click (alert, 0);
  report = nb_window_get_report (window);
  g_assert_nonnull (report);
  g_assert_cmpint (nb_report_get_value (report, KEY)->units, ==, 1);
  /* It stands in for the document: unsaved, saved to the document's name. */
  g_assert_true (g_file_equal (nb_window_get_file (window), file));
  g_assert_true (nb_report_get_modified (report));
  g_assert_true (nb_window_save_to (window, file, NULL));
  {
    g_autoptr(NbReport) back = nb_report_file_load (file, NULL, NULL);
    g_autoptr(GFile) bfile = g_file_new_for_path (backup);
    g_autoptr(NbReport) bak = nb_report_file_load (bfile, NULL, NULL);

    g_assert_nonnull (back);
    /* The damaged file did not become the backup. */
    g_assert_nonnull (bak);
    g_assert_cmpint (nb_report_get_value (bak, KEY)->units, ==, 1);
  }
  destroy (window);
}

static void
test_damaged_document_offers_autosaved_copy (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "有自动保存.nianbao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *dir = nb_application_dup_recovery_dir ();
  g_autofree char *copy = g_build_filename (dir, "copy-1.nianbao", NULL);
  g_autofree char *info = g_strconcat (copy, ".info", NULL);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *keyfile = g_strdup_printf ("[recovery]\nuri=%s\nsaved=2024-01-01 10:00\n", uri);
  NbWindow *window = nb_window_new (NULL);
  GtkWindow *alert;
  g_autofree char *text = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  save_document (copy, 7);
  g_assert_true (g_file_set_contents (info, keyfile, -1, NULL));
  g_assert_true (g_file_set_contents (path, "", -1, NULL));   /* an empty file */

  gtk_window_present (GTK_WINDOW (window));
  nb_window_open_file (window, file);
  drain ();
  alert = find_alert ();
  g_assert_nonnull (alert);
  text = alert_text (alert);
  g_assert_nonnull (strstr (text, "autosaved"));
  click (alert, 0);
  g_assert_nonnull (nb_window_get_report (window));
  g_assert_cmpint (nb_report_get_value (nb_window_get_report (window), KEY)->units, ==, 7);
  destroy (window);
  g_remove (copy);
  g_remove (info);
}

static void
test_damaged_recovery_copy_is_said (void)
{
  g_autofree char *dir = nb_application_dup_recovery_dir ();
  g_autofree char *copy = g_build_filename (dir, "damaged.nianbao", NULL);
  NbWindow *window = nb_window_new (NULL);
  GtkWindow *alert;
  g_autofree char *text = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (copy, "{\"nianbao\": 1, \"cells", -1, NULL));
  gtk_window_present (GTK_WINDOW (window));
  nb_window_offer_recovery (window);
  drain ();
  alert = find_alert ();
  g_assert_nonnull (alert);   /* not skipped silently */
  text = alert_text (alert);
  g_assert_nonnull (strstr (text, "damaged"));
  g_assert_nonnull (strstr (text, "damaged.nianbao"));
  click (alert, 0);
  /* Kept for whoever wants to look at it. */
  g_assert_true (g_file_test (copy, G_FILE_TEST_EXISTS));
  destroy (window);
  g_remove (copy);
}

/* The last run died while opening the last document: the next start does
 * not open it again (it would die again) and says so. */
static void
test_no_crash_loop (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "崩溃.nianbao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *state = g_build_filename (g_get_user_data_dir (), "nianbao", "opening", NULL);
  g_autofree char *state_dir = g_path_get_dirname (state);
  g_autoptr(GSettings) settings = g_settings_new ("org.nianbao.Nianbao");
  g_autoptr(NbApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *last = NULL;
  GtkWindow *alert;
  GtkWindow *window;

  save_document (path, 3);
  g_settings_set_string (settings, "last-document", uri);
  g_assert_cmpint (g_mkdir_with_parents (state_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (state, uri, -1, NULL));   /* as a crash leaves it */

  app = nb_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  drain ();

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_nonnull (window);
  g_assert_null (nb_window_get_report (NB_WINDOW (window)));
  alert = find_alert ();
  g_assert_nonnull (alert);
  text = alert_text (alert);
  g_assert_nonnull (strstr (text, "not opened again"));
  g_assert_nonnull (strstr (text, "崩溃.nianbao"));
  last = g_settings_get_string (settings, "last-document");
  g_assert_cmpstr (last, ==, "");
  click (alert, 0);
  gtk_window_destroy (window);
  drain ();
}

/* While the window shows a document, nianbao-cli set does not write it
 * (the window's next save would silently undo that change). */
static void
test_window_holds_lock (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "窗口打开.nianbao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  NbWindow *window = nb_window_new (NULL);
  const char *argv[] = { g_getenv ("NB_CLI"), "set", path, KEY "=9", NULL };
  g_autofree char *err = NULL, *err2 = NULL;
  int status;

  save_document (path, 1);
  g_assert_true (nb_window_load_file (window, file, NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, &err, &status, NULL));
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "is open in"));
  /* The window itself still saves. */
  g_assert_true (nb_report_set_field (nb_window_get_report (window), KEY, "2", NULL));
  g_assert_true (nb_window_save_to (window, file, NULL));
  destroy (window);

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, &err2, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  {
    g_autoptr(NbReport) r = nb_report_file_load (file, NULL, NULL);
    g_assert_cmpint (nb_report_get_value (r, KEY)->units, ==, 9);
  }
}

/* Exporting onto a read-only file asks first; Replace replaces it. */
static void
test_export_read_only_asks (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "只读导出.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  NbWindow *window = nb_window_new (NULL);
  g_autoptr(NbReport) report = nb_report_new (nb_format_get ("2021", NULL), 2024, "某县教育局");
  GtkWindow *alert;
  g_autofree char *text = NULL, *data = NULL;
  gint64 deadline;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  nb_window_set_report (window, report, NULL);
  gtk_window_present (GTK_WINDOW (window));

  nb_window_export_to (window, file);
  drain ();
  alert = find_alert ();
  g_assert_nonnull (alert);
  text = alert_text (alert);
  g_assert_nonnull (strstr (text, "read-only"));
  click (alert, 1);   /* Cancel: nothing written */
  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  g_assert_cmpstr (data, ==, "old");
  g_clear_pointer (&data, g_free);

  nb_window_export_to (window, file);
  drain ();
  click (find_alert (), 0);   /* Replace */
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_clear_pointer (&data, g_free);
      if (g_file_get_contents (path, &data, NULL, NULL) && g_str_has_prefix (data, "PK"))
        break;
      g_usleep (10000);
    }
  g_assert_true (g_str_has_prefix (data, "PK"));
  g_assert_null (find_alert ());   /* no error shown */
  destroy (window);
  g_chmod (path, 0644);
  g_remove (path);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = NULL;

  tmpdir = g_dir_make_tmp ("nb-open-guard-XXXXXX", NULL);
  data_home = g_build_filename (tmpdir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("NB_NON_UNIQUE", "1", TRUE);

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
  /* First: the mark is read once per process, as at a real start. */
  g_test_add_func ("/open-guard/no-crash-loop", test_no_crash_loop);
  g_test_add_func ("/open-guard/backup-offered", test_damaged_document_offers_backup);
  g_test_add_func ("/open-guard/autosaved-offered", test_damaged_document_offers_autosaved_copy);
  g_test_add_func ("/open-guard/damaged-recovery-said", test_damaged_recovery_copy_is_said);
  g_test_add_func ("/open-guard/window-holds-lock", test_window_holds_lock);
  g_test_add_func ("/open-guard/export-read-only-asks", test_export_read_only_asks);
  return g_test_run ();
}
