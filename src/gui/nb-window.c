/* nb-window.c — NbWindow: one report, a tab per section, live checks
 *
 * The window only reads and writes through the NbReport; the pages are
 * built from the format's sections, so no code here knows a table. After
 * every change the checks run at the next idle (they take ~0.1 ms) and each
 * page, tab and the problems list are told.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "nb-checker.h"
#include "nb-details-view.h"
#include "nb-convert.h"
#include "nb-dialogs.h"
#include "nb-export.h"
#include "nb-new-dialog.h"
#include "nb-preview-window.h"
#include "nb-compare-window.h"
#include "nb-print-operation.h"
#include "nb-report-file.h"
#include "nb-table-view.h"
#include "nb-text-view.h"
#include "nb-tooltip.h"
#include "nb-window.h"
#include "nb-open-guard.h"
#include "nb-safe-write.h"
#include "nb-window-import.h"
#include "nb-import.h"

#define AUTOSAVE_SECONDS 30
#define MESSAGE_SECONDS 8

struct _NbWindow
{
  GtkApplicationWindow parent_instance;

  /* template */
  GtkLabel          *title_label;
  GtkLabel          *subtitle_label;
  GtkRevealer       *message_revealer;
  GtkImage          *message_icon;
  GtkLabel          *message_label;
  GtkButton         *message_button;
  GtkStack          *stack;
  GtkWidget         *recent_box;
  GtkListBox        *recent_list;
  GtkPaned          *paned;
  GtkNotebook       *notebook;
  NbProblemsView    *problems_view;
  GtkButton         *save_button;

  /* The problems list: as tall as its rows, at most problems_height
   * (what the clerk last dragged it to); collapsed to its summary line. */
  int                problems_height;
  gboolean           problems_collapsed;
  gboolean           setting_position;
  gboolean           paned_pressed;     /* a pointer button is down on the divider */
  gboolean           problems_height_chosen;  /* dragged by the clerk (now or before) */
  guint              problems_size_idle;

  /* document */
  NbReport          *report;
  NbReport          *previous;        /* last year's, for the carry.* checks */
  GFile             *file;
  GPtrArray         *problems;
  GPtrArray         *page_sections;   /* char*: section key per notebook page */
  GHashTable        *tab_counts;      /* section key → GtkLabel */
  gulong             changed_id;
  gulong             modified_id;
  guint              check_idle;
  guint              autosave_id;
  guint              message_timeout;
  char              *recovery_path;   /* our autosave file, once written */
  guint              next_problem;
  gboolean           close_confirmed;
  GFile             *message_folder;  /* "Open Folder" after an export */
  gboolean           exporting;
  gboolean           message_is_refusal;
  GFile             *pending_open;    /* to open once unsaved changes are dealt with */
};

G_DEFINE_FINAL_TYPE (NbWindow, nb_window, GTK_TYPE_APPLICATION_WINDOW)

typedef void (*Continuation) (NbWindow *self, gpointer data);

static void save_as (NbWindow *self, Continuation then, gpointer data);

static NbApplication *
get_app (NbWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app ? NB_APPLICATION (app) : NULL;
}

/* ---- messages ---------------------------------------------------------- */

static gboolean
hide_message (gpointer user_data)
{
  NbWindow *self = user_data;

  self->message_timeout = 0;
  gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
  return G_SOURCE_REMOVE;
}

/* An inline note above the pages: a refused key, a saved file. */
static void
show_message (NbWindow   *self,
              const char *icon,
              const char *text)
{
  gtk_image_set_from_icon_name (self->message_icon, icon);
  gtk_label_set_text (self->message_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->message_button), FALSE);
  self->message_is_refusal = FALSE;
  gtk_revealer_set_reveal_child (self->message_revealer, TRUE);
  g_clear_handle_id (&self->message_timeout, g_source_remove);
  self->message_timeout = g_timeout_add_seconds (MESSAGE_SECONDS, hide_message, self);
}

/* A note with a button, e.g. "Exported … [Open Folder]". */
static void
show_message_with_folder (NbWindow   *self,
                          const char *icon,
                          const char *text,
                          GFile      *folder)
{
  show_message (self, icon, text);
  g_set_object (&self->message_folder, folder);
  if (folder)
    {
      gtk_button_set_label (self->message_button, _("Open _Folder"));
      gtk_button_set_use_underline (self->message_button, TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->message_button), TRUE);
    }
}

static void
on_message_close_clicked (GtkButton *button,
                          NbWindow  *self)
{
  g_clear_handle_id (&self->message_timeout, g_source_remove);
  gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
}

static void
on_message_button_clicked (GtkButton *button,
                           NbWindow  *self)
{
  if (self->message_folder)
    {
      g_autofree char *uri = g_file_get_uri (self->message_folder);
      g_autoptr(GError) error = NULL;

      /* The file manager shows the folder (Explorer on Windows). */
      if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
        g_warning ("Could not open %s: %s", uri, error->message);
    }
  on_message_close_clicked (button, self);
}

static void
on_refused (GtkWidget  *page,
            const char *message,
            NbWindow   *self)
{
  show_message (self, "dialog-warning-symbolic", message);
  self->message_is_refusal = TRUE;
}

/* ---- title, actions ---------------------------------------------------- */

static void
update_title (NbWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (!self->report)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->save_button), "suggested-action");
      gtk_window_set_title (GTK_WINDOW (self), _("Annual Report"));
      gtk_label_set_text (self->title_label, _("Annual Report"));
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
      return;
    }

  {
    const char *agency = nb_report_get_agency (self->report);
    gboolean modified = nb_report_get_modified (self->report);

    /* Save is the suggested action only while there is something to save. */
    if (modified)
      gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "suggested-action");
    else
      gtk_widget_remove_css_class (GTK_WIDGET (self->save_button), "suggested-action");
    /* "• 温县交通运输局 2020年" — the dot marks unsaved changes, as GNOME apps do. */
    title = g_strdup_printf (_("%s%s %d Report"), modified ? "• " : "",
                             agency && *agency ? agency : _("Unnamed agency"),
                             nb_report_get_year (self->report));
  }
  if (self->file)
    {
      g_autofree char *name = g_file_get_basename (self->file);
      subtitle = g_strdup_printf (_("%s — format %s"), name,
                                  nb_format_get_version (nb_report_get_format (self->report)));
    }
  else
    subtitle = g_strdup_printf (_("Not saved yet — format %s"),
                                nb_format_get_version (nb_report_get_format (self->report)));
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), TRUE);
}

/* ---- the problems list's height ---------------------------------------- */

static void
apply_problems_height (NbWindow *self)
{
  int max_pos, min_h, nat_h, width = gtk_widget_get_width (GTK_WIDGET (self->paned));
  int wanted;

  if (width <= 0)
    return;
  g_object_get (self->paned, "max-position", &max_pos, NULL);
  gtk_widget_measure (GTK_WIDGET (self->problems_view), GTK_ORIENTATION_VERTICAL, width,
                      &min_h, &nat_h, NULL, NULL);
  nat_h = MAX (nat_h, nb_problems_view_get_wanted_height (self->problems_view, width));
  {
    int most = self->problems_height;

    /* Until the clerk chooses, a small screen keeps most of its height for the pages. */
    if (!self->problems_height_chosen)
      most = MIN (most, (max_pos + min_h) / 4);
    wanted = self->problems_collapsed ? min_h : CLAMP (nat_h, min_h, MAX (min_h, most));
  }
  self->setting_position = TRUE;
  gtk_paned_set_position (self->paned, MAX (0, max_pos - (wanted - min_h)));
  self->setting_position = FALSE;
}

static gboolean
problems_size_cb (gpointer user_data)
{
  NbWindow *self = user_data;

  self->problems_size_idle = 0;
  apply_problems_height (self);
  return G_SOURCE_REMOVE;
}

static void
queue_problems_height (NbWindow *self)
{
  if (!self->problems_size_idle)
    self->problems_size_idle = g_idle_add (problems_size_cb, self);
}

static void
on_paned_resized (GtkPaned   *paned,
                  GParamSpec *pspec,
                  NbWindow   *self)
{
  queue_problems_height (self);
}

/* The clerk dragged the divider: remember how tall they want the list. */
static void
on_paned_position (GtkPaned   *paned,
                   GParamSpec *pspec,
                   NbWindow   *self)
{
  NbApplication *app;
  GSettings *settings;
  int max_pos, min_h, nat_h, height;

  /* Only the clerk's drags: GTK also moves it when the window shrinks. */
  if (self->setting_position || !self->paned_pressed || !gtk_widget_get_mapped (GTK_WIDGET (paned)))
    return;
  g_object_get (paned, "max-position", &max_pos, NULL);
  gtk_widget_measure (GTK_WIDGET (self->problems_view), GTK_ORIENTATION_VERTICAL,
                      gtk_widget_get_width (GTK_WIDGET (paned)), &min_h, &nat_h, NULL, NULL);
  height = max_pos - gtk_paned_get_position (paned) + min_h;
  self->problems_collapsed = height <= min_h;
  if (self->problems_collapsed)
    return;
  self->problems_height = height;
  self->problems_height_chosen = TRUE;
  app = get_app (self);
  settings = app ? nb_application_get_settings (app) : NULL;
  if (settings)
    g_settings_set_int (settings, "problems-height", height);
}

static gboolean
on_paned_event (GtkEventControllerLegacy *controller,
                GdkEvent                 *event,
                NbWindow                 *self)
{
  GdkEventType type = gdk_event_get_event_type (event);

  if (type == GDK_BUTTON_PRESS || type == GDK_TOUCH_BEGIN)
    self->paned_pressed = TRUE;
  else if (type == GDK_BUTTON_RELEASE || type == GDK_TOUCH_END || type == GDK_TOUCH_CANCEL)
    self->paned_pressed = FALSE;
  return GDK_EVENT_PROPAGATE;
}

int
nb_window_get_problems_height (NbWindow *self)
{
  g_return_val_if_fail (NB_IS_WINDOW (self), 0);
  return gtk_widget_get_height (GTK_WIDGET (self->problems_view));
}

static void
update_actions (NbWindow *self)
{
  gboolean has = self->report != NULL;
  NbHistory *history = has ? nb_report_get_history (self->report) : NULL;
  const char *doc_actions[] = { "win.save", "win.save-as", "win.show-problems", "win.next-problem",
                                "win.clear-import-warnings", "win.choose-previous" };

  for (guint i = 0; i < G_N_ELEMENTS (doc_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), doc_actions[i], has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", has && nb_history_can_undo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", has && nb_history_can_redo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has && !self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-pdf", has && !self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-html", has && !self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-docx", has && !self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-preview", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare", has);
}

/* ---- checks ------------------------------------------------------------ */

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

static void
distribute_problems (NbWindow *self)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) errors = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, label;

  for (guint i = 0; i < self->problems->len; i++)
    {
      NbProblem *problem = g_ptr_array_index (self->problems, i);
      const char *section = problem_section (self, problem);

      if (!section)
        continue;
      g_hash_table_insert (counts, (gpointer) section,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, section)) + 1));
      if (nb_problem_get_severity (problem) == NB_SEVERITY_ERROR)
        g_hash_table_add (errors, (gpointer) section);
    }

  g_hash_table_iter_init (&iter, self->tab_counts);
  while (g_hash_table_iter_next (&iter, &key, &label))
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));
      g_autofree char *text = n ? g_strdup_printf ("%u", n) : g_strdup ("");

      gtk_label_set_text (label, text);
      /* Kept in place when empty so the tab bar does not jump. */
      if (n > 0)
        gtk_widget_remove_css_class (label, "empty");
      else
        gtk_widget_add_css_class (label, "empty");
      if (n > 0 && !g_hash_table_contains (errors, key))
        gtk_widget_add_css_class (label, "warning-only");
      else
        gtk_widget_remove_css_class (label, "warning-only");
    }

  for (int i = 0; i < gtk_notebook_get_n_pages (self->notebook); i++)
    {
      GtkWidget *page = gtk_notebook_get_nth_page (self->notebook, i);

      if (NB_IS_TABLE_VIEW (page))
        nb_table_view_set_problems (NB_TABLE_VIEW (page), self->problems);
      else if (NB_IS_DETAILS_VIEW (page))
        nb_details_view_set_problems (NB_DETAILS_VIEW (page), self->problems);
      else if (NB_IS_TEXT_VIEW (page))
        nb_text_view_set_problems (NB_TEXT_VIEW (page), self->problems);
    }
  nb_problems_view_set_problems (self->problems_view, self->problems);
  queue_problems_height (self);
}

/* Texts carried from last year are drafts: one warning each until edited. */
static void
add_review_problems (NbWindow *self)
{
  NbFormat *format = nb_report_get_format (self->report);

  for (guint i = 0; i < nb_format_get_n_sections (format); i++)
    {
      const NbSectionDef *s = nb_format_get_section (format, i);
      g_autofree char *message = NULL;

      if (!nb_report_get_needs_review (self->report, s->key))
        continue;
      message = g_strdup_printf (_("“%s” is last year's text, carried over as a draft: "
                                   "bring its year, figures and work up to date"), s->heading);
      g_ptr_array_add (self->problems,
                       nb_problem_new ("text.review", NB_SEVERITY_WARNING, NULL, s->key, 0, 0, message));
    }
}

void
nb_window_check_now (NbWindow *self)
{
  g_return_if_fail (NB_IS_WINDOW (self));

  g_clear_handle_id (&self->check_idle, g_source_remove);
  g_ptr_array_set_size (self->problems, 0);
  if (self->report)
    {
      g_autoptr(GPtrArray) found = nb_check_report (self->report, self->previous);

      for (guint i = 0; i < found->len; i++)
        g_ptr_array_add (self->problems, g_object_ref (g_ptr_array_index (found, i)));
      nb_import_add_problems (self->report, self->problems);
      add_review_problems (self);
    }
  self->next_problem = 0;
  distribute_problems (self);
}

static gboolean
check_idle_cb (gpointer user_data)
{
  NbWindow *self = user_data;

  self->check_idle = 0;
  nb_window_check_now (self);
  return G_SOURCE_REMOVE;
}

/* ---- autosave ---------------------------------------------------------- */

static gboolean
autosave_cb (gpointer user_data)
{
  NbWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!self->report || !nb_report_get_modified (self->report))
    {
      self->autosave_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (!nb_window_autosave_now (self, &error))
    g_warning ("Autosave failed: %s", error->message);
  return G_SOURCE_CONTINUE;
}

static void
remove_recovery (NbWindow *self)
{
  if (self->recovery_path)
    {
      g_autofree char *info = g_strconcat (self->recovery_path, ".info", NULL);

      g_remove (self->recovery_path);
      g_remove (info);
      g_clear_pointer (&self->recovery_path, g_free);
    }
  g_clear_handle_id (&self->autosave_id, g_source_remove);
}

gboolean
nb_window_autosave_now (NbWindow  *self,
                        GError   **error)
{
  g_autofree char *dir = nb_application_dup_recovery_dir ();
  g_autofree char *data = NULL;
  g_autofree char *info_path = NULL;
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* Shown to the clerk as is when offering the copy back. */
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d %H:%M");
  gsize length;

  g_return_val_if_fail (NB_IS_WINDOW (self), FALSE);
  if (!self->report)
    return TRUE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot create the folder for autosaved copies, %s"), dir);
      return FALSE;
    }
  if (!self->recovery_path)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *name = g_strconcat (uuid, NB_FILE_EXTENSION, NULL);

      self->recovery_path = g_build_filename (dir, name, NULL);
    }
  data = nb_report_file_to_data (self->report, &length);
  {
    /* Through the one atomic writer, as every file nianbao writes. */
    g_autoptr(GFile) copy = g_file_new_for_path (self->recovery_path);
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&data), length);

    if (!nb_safe_write_bytes (copy, bytes, NB_SAFE_WRITE_NONE, NULL, NULL, NULL, error))
      return FALSE;
  }

  /* Where the document belongs, so a recovered copy saves back there. */
  if (self->file)
    {
      g_autofree char *uri = g_file_get_uri (self->file);
      g_key_file_set_string (info, "recovery", "uri", uri);
    }
  g_key_file_set_string (info, "recovery", "saved", stamp);
  info_path = g_strconcat (self->recovery_path, ".info", NULL);
  return g_key_file_save_to_file (info, info_path, error);
}

const char *
nb_window_get_recovery_path (NbWindow *self)
{
  g_return_val_if_fail (NB_IS_WINDOW (self), NULL);
  return self->recovery_path;
}

/* ---- the document ------------------------------------------------------ */

static void
on_report_changed (NbReport *report,
                   NbWindow *self)
{
  /* A refusal is about the last thing typed: stale once an edit is taken. */
  if (self->message_is_refusal)
    on_message_close_clicked (NULL, self);
  if (!self->check_idle)
    self->check_idle = g_idle_add (check_idle_cb, self);
  if (nb_report_get_modified (report) && !self->autosave_id)
    self->autosave_id = g_timeout_add_seconds (AUTOSAVE_SECONDS, autosave_cb, self);
  update_title (self);
  update_actions (self);
}

static void
on_report_modified (NbReport   *report,
                    GParamSpec *pspec,
                    NbWindow   *self)
{
  update_title (self);
  update_actions (self);
  /* A draft marked as reviewed changes no field, only the checks. */
  if (!self->check_idle)
    self->check_idle = g_idle_add (check_idle_cb, self);
}

static GtkWidget *
make_tab_label (NbWindow   *self,
                const char *section,
                const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *count = gtk_label_new ("");

  gtk_widget_add_css_class (count, "nb-tab-count");
  gtk_widget_add_css_class (count, "empty");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), count);
  g_hash_table_insert (self->tab_counts, g_strdup (section), count);
  return box;
}

static void
add_page (NbWindow   *self,
          GtkWidget  *page,
          const char *section,
          const char *tab_text,
          const char *tooltip)
{
  GtkWidget *tab = make_tab_label (self, section, tab_text);

  gtk_widget_set_tooltip_text (tab, tooltip);
  g_signal_connect (page, "refused", G_CALLBACK (on_refused), self);
  gtk_notebook_append_page (self->notebook, page, tab);
  g_ptr_array_add (self->page_sections, g_strdup (section));
}

/* Last year's report, if the document says where it is and it is there
 * (and is last year's): the across-years checks run against it. */
static void
load_previous (NbWindow *self)
{
  const char *uri = nb_report_get_previous_uri (self->report);
  g_autoptr(GFile) file = NULL;
  g_autoptr(NbReport) previous = NULL;

  g_clear_object (&self->previous);
  if (!uri)
    return;
  file = g_file_new_for_uri (uri);
  previous = nb_report_file_load (file, NULL, NULL);
  if (previous && nb_report_get_year (previous) == nb_report_get_year (self->report) - 1)
    self->previous = g_steal_pointer (&previous);
}

NbReport *
nb_window_get_previous (NbWindow *self)
{
  g_return_val_if_fail (NB_IS_WINDOW (self), NULL);
  return self->previous;
}

static void
clear_document (NbWindow *self)
{
  g_clear_handle_id (&self->check_idle, g_source_remove);
  if (self->report)
    {
      g_clear_signal_handler (&self->changed_id, self->report);
      g_clear_signal_handler (&self->modified_id, self->report);
    }
  while (gtk_notebook_get_n_pages (self->notebook) > 0)
    gtk_notebook_remove_page (self->notebook, -1);
  g_ptr_array_set_size (self->page_sections, 0);
  g_hash_table_remove_all (self->tab_counts);
  g_ptr_array_set_size (self->problems, 0);
  g_clear_object (&self->report);
  g_clear_object (&self->previous);
  g_clear_object (&self->file);
  remove_recovery (self);
}

static void
fill_recent (NbWindow *self)
{
  NbApplication *app = get_app (self);
  g_auto(GStrv) recent = app ? nb_application_dup_recent (app) : NULL;
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))))
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; recent && recent[i]; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (recent[i]);
      g_autofree char *name = g_file_get_basename (file);
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *where = parent ? g_file_get_parse_name (parent) : g_strdup ("");
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *title = gtk_label_new (name);
      GtkWidget *sub = gtk_label_new (where);

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_xalign (GTK_LABEL (sub), 0);
      gtk_label_set_ellipsize (GTK_LABEL (sub), PANGO_ELLIPSIZE_START);
      gtk_widget_add_css_class (sub, "dim-label");
      gtk_widget_add_css_class (sub, "caption");
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_widget_set_margin_top (box, 8);
      gtk_widget_set_margin_bottom (box, 8);
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), sub);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "nb-uri", g_strdup (recent[i]), g_free);
      gtk_list_box_append (self->recent_list, row);
      shown++;
    }
  gtk_widget_set_visible (self->recent_box, shown > 0);
}

/* Whether the guidance beside the texts shows: one setting for all. */
static void
bind_page_settings (NbWindow *self)
{
  NbApplication *app = get_app (self);
  GSettings *settings = app ? nb_application_get_settings (app) : NULL;

  if (!settings)
    return;
  for (int i = 0; i < gtk_notebook_get_n_pages (self->notebook); i++)
    {
      GtkWidget *page = gtk_notebook_get_nth_page (self->notebook, i);

      if (NB_IS_TEXT_VIEW (page))
        g_settings_bind (settings, "show-guidance", page, "show-guidance", G_SETTINGS_BIND_DEFAULT);
    }
}

void
nb_window_set_report (NbWindow *self,
                      NbReport *report,
                      GFile    *file)
{
  NbFormat *format;

  g_return_if_fail (NB_IS_WINDOW (self));

  clear_document (self);
  nb_open_guard_hold_lock (self, NULL, NULL);
  if (!report)
    {
      fill_recent (self);
      gtk_stack_set_visible_child_name (self->stack, "start");
      update_title (self);
      update_actions (self);
      return;
    }

  self->report = g_object_ref (report);
  self->file = file ? g_object_ref (file) : NULL;
  format = nb_report_get_format (report);
  {
    g_autoptr(GError) lock_error = NULL;

    /* Held while shown: nianbao-cli set is refused meanwhile, and a
     * document open elsewhere is said before edits are made. */
    if (!nb_open_guard_hold_lock (self, file, &lock_error))
      show_message (self, "dialog-warning-symbolic", lock_error->message);
  }
  load_previous (self);

  add_page (self, nb_details_view_new (report), "details", _("Details"),
            _("Agency, year, date and sign-off"));
  for (guint i = 0; i < nb_format_get_n_sections (format); i++)
    {
      const NbSectionDef *section = nb_format_get_section (format, i);
      GtkWidget *page;

      if (section->kind == NB_SECTION_TABLE)
        page = nb_table_view_new (report, section);
      else
        page = nb_text_view_new (report, section);
      add_page (self, page, section->key, section->short_heading, section->heading);
    }
  self->changed_id = g_signal_connect (report, "changed", G_CALLBACK (on_report_changed), self);
  self->modified_id = g_signal_connect (report, "notify::modified", G_CALLBACK (on_report_modified), self);
  bind_page_settings (self);
  nb_tooltip_fix_tree (GTK_WIDGET (self->notebook));

  gtk_stack_set_visible_child_name (self->stack, "document");
  gtk_notebook_set_current_page (self->notebook, nb_report_get_modified (report) ? 0 : 1);
  nb_window_check_now (self);
  update_title (self);
  update_actions (self);
}

NbReport *
nb_window_get_report (NbWindow *self)
{
  g_return_val_if_fail (NB_IS_WINDOW (self), NULL);
  return self->report;
}

GFile *
nb_window_get_file (NbWindow *self)
{
  g_return_val_if_fail (NB_IS_WINDOW (self), NULL);
  return self->file;
}

gboolean
nb_window_load_file (NbWindow  *self,
                     GFile     *file,
                     GError   **error)
{
  g_autoptr(NbReport) report = NULL;

  g_return_val_if_fail (NB_IS_WINDOW (self), FALSE);
  /* A published report (text, web page, Word, PDF) is imported instead. */
  if (!nb_import_is_document (file))
    return nb_window_import_file (self, file, error);
  {
    /* Marked while loading: a crash here is not repeated at next start. */
    g_autofree char *uri = g_file_get_uri (file);
    nb_open_guard_begin (uri);
    report = nb_report_file_load (file, NULL, error);
    nb_open_guard_end ();
  }
  if (!report)
    return FALSE;
  nb_window_set_report (self, report, file);
  if (get_app (self))
    nb_application_add_recent (get_app (self), file);
  return TRUE;
}

void
nb_window_open_file (NbWindow *self,
                     GFile    *file)
{
  g_autoptr(GError) error = NULL;

  if (!nb_window_load_file (self, file, &error))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *heading = g_strdup_printf (_("Could not open “%s”"), name);

      /* Not offered again (recent list, reopening at start) until it opens. */
      if (get_app (self))
        {
          g_autofree char *uri = g_file_get_uri (file);
          GSettings *settings = nb_application_get_settings (get_app (self));

          nb_application_remove_recent (get_app (self), uri);
          if (settings)
            {
              g_autofree char *last = g_settings_get_string (settings, "last-document");
              if (g_strcmp0 (last, uri) == 0)
                g_settings_set_string (settings, "last-document", "");
            }
        }
      if (!self->report)
        nb_window_set_report (self, NULL, NULL);
      /* FILE~ and autosaved copies of it, with their age, if any loads. */
      nb_open_offer_alternatives (self, file, heading, error->message);
    }
}

gboolean
nb_window_save_to (NbWindow  *self,
                   GFile     *file,
                   GError   **error)
{
  g_return_val_if_fail (NB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->report != NULL, FALSE);

  if (!nb_report_file_save (self->report, file, NULL, error))
    return FALSE;
  if (file != self->file)
    {
      g_clear_object (&self->file);
      self->file = g_object_ref (file);
      nb_open_guard_hold_lock (self, file, NULL);
    }
  nb_report_set_modified (self->report, FALSE);
  remove_recovery (self);
  if (get_app (self))
    nb_application_add_recent (get_app (self), file);
  update_title (self);
  return TRUE;
}

/* ---- unsaved changes --------------------------------------------------- */

typedef struct
{
  NbWindow     *self;
  Continuation  then;
  gpointer      data;
} Pending;

static gboolean
save_or_report (NbWindow *self,
                GFile    *file)
{
  g_autoptr(GError) error = NULL;

  if (nb_window_save_to (self, file, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *text = g_strdup_printf (_("Saved “%s”"), name);

      show_message (self, "document-save-symbolic", text);
      return TRUE;
    }
  nb_alert_error (GTK_WINDOW (self), _("The report could not be saved"), error->message);
  return FALSE;
}

static void
on_unsaved_response (int      response,
                     gpointer user_data)
{
  g_autofree Pending *pending = user_data;
  NbWindow *self = pending->self;

  switch (response)
    {
    case 0: /* save */
      if (self->file)
        {
          if (save_or_report (self, self->file))
            pending->then (self, pending->data);
        }
      else
        save_as (self, pending->then, pending->data);
      break;
    case 1: /* discard */
      pending->then (self, pending->data);
      break;
    default: /* cancel: nothing happens */
      break;
    }
  g_object_unref (self);
}

/* Runs @then once unsaved changes are saved or knowingly discarded. */
static void
maybe_discard (NbWindow     *self,
               Continuation  then,
               gpointer      data)
{
  Pending *pending;
  const char *buttons[] = { _("_Save"), _("_Discard Changes"), _("_Cancel"), NULL };
  g_autofree char *heading = NULL;

  if (!self->report || !nb_report_get_modified (self->report))
    {
      then (self, data);
      return;
    }
  pending = g_new0 (Pending, 1);
  pending->self = g_object_ref (self);
  pending->then = then;
  pending->data = data;
  heading = g_strdup_printf (_("Save the changes to the %d report of %s?"),
                             nb_report_get_year (self->report), nb_report_get_agency (self->report));
  nb_alert (GTK_WINDOW (self), heading,
            self->file ? _("If you don't save, the changes since the last save are lost.")
                       : _("This report has never been saved. If you don't save it, it is lost."),
            buttons, 0, 1, 2, on_unsaved_response, pending);
}

/* ---- actions ----------------------------------------------------------- */

typedef struct
{
  Continuation then;
  gpointer     data;
} SaveAsData;

static void
on_save_as_chosen (GFile   *file,
                   gpointer user_data)
{
  g_autofree SaveAsData *sa = g_object_steal_data (G_OBJECT (user_data), "nb-save-as");
  NbWindow *self = user_data;
  g_autoptr(GFile) target = NULL;

  if (file && self->report)
    {
      g_autofree char *name = g_file_get_basename (file);

      /* The filter cannot add the extension; do it so the file opens again. */
      if (!g_str_has_suffix (name, NB_FILE_EXTENSION))
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *with_ext = g_strconcat (name, NB_FILE_EXTENSION, NULL);
          target = g_file_get_child (parent, with_ext);
        }
      else
        target = g_object_ref (file);
      if (save_or_report (self, target) && sa && sa->then)
        sa->then (self, sa->data);
    }
  g_object_unref (self);
}

static void
save_as (NbWindow     *self,
         Continuation  then,
         gpointer      data)
{
  SaveAsData *sa = g_new0 (SaveAsData, 1);
  g_autofree char *title = nb_report_dup_title (self->report);
  g_autofree char *name = g_strconcat (title, NB_FILE_EXTENSION, NULL);
  g_autoptr(GFile) folder = self->file ? g_file_get_parent (self->file) : NULL;
  sa->then = then;
  sa->data = data;
  g_object_set_data (G_OBJECT (self), "nb-save-as", sa);
  if (self->file)
    {
      g_free (name);
      name = g_file_get_basename (self->file);
    }
  nb_choose_file (GTK_WINDOW (self), TRUE, _("Save Report"), nb_report_file_filters (), folder, name,
                  on_save_as_chosen, g_object_ref (self));
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);

  if (!self->report)
    return;
  if (self->file)
    save_or_report (self, self->file);
  else
    save_as (self, NULL, NULL);
}

static void
save_as_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);

  if (self->report)
    save_as (self, NULL, NULL);
}

static void
on_summary_response (int      response,
                     gpointer user_data)
{
}

/* After "start from last year's report": what came over and what did not. */
char *
nb_window_describe_carry_over (NbReport *report,
                               NbReport *previous)
{
  NbFormat *format = nb_report_get_format (report);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GString) drafts = g_string_new (NULL);
  g_autoptr(GString) empty = g_string_new (NULL);
  guint n_figures = 0;

  g_string_append_printf (body, _("Carried over from the %d report:"), nb_report_get_year (previous));
  g_string_append (body, "\n• ");
  g_string_append (body, _("the agency, its kind and the sign-off"));
  for (guint i = 0; i < nb_format_get_n_cells (format); i++)
    {
      const NbCellDef *def = nb_format_get_cell (format, i);

      if (def->computed || !nb_report_is_touched (report, i))
        continue;
      if (n_figures++ < 8)
        {
          g_autofree char *title = nb_format_dup_cell_title (format, def);
          g_autofree char *value = nb_report_dup_field (report, def->key, NULL);

          g_string_append_printf (body, "\n• %s：%s", title, value);
        }
    }
  if (n_figures > 8)
    {
      g_string_append (body, "\n• ");
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more figure",
                                                 "and %u more figures", n_figures - 8), n_figures - 8);
    }
  for (guint i = 0; i < nb_format_get_n_sections (format); i++)
    {
      const NbSectionDef *s = nb_format_get_section (format, i);
      GString *into;

      if (s->kind != NB_SECTION_TEXT)
        continue;
      into = nb_report_get_needs_review (report, s->key) ? drafts : empty;
      if (into->len)
        g_string_append (into, _("; "));
      g_string_append (into, s->short_heading);
    }
  if (drafts->len)
    {
      g_string_append (body, "\n• ");
      g_string_append_printf (body, _("the texts of %s, as drafts marked for review until you edit them"),
                              drafts->str);
    }
  g_string_append (body, "\n\n");
  g_string_append (body, _("Not carried over:"));
  g_string_append (body, "\n• ");
  g_string_append (body, _("this year's figures (the tables start at 0 and count as not filled in)"));
  g_string_append (body, "\n• ");
  g_string_append (body, _("the report date"));
  if (empty->len)
    {
      g_string_append (body, "\n• ");
      g_string_append_printf (body, _("texts that were empty last year: %s"), empty->str);
    }
  return g_string_free (g_steal_pointer (&body), FALSE);
}

static void
on_new_report (NbNewDialog *dialog,
               NbReport    *report,
               NbWindow    *self)
{
  NbReport *previous = nb_new_dialog_get_previous (dialog);

  nb_window_set_report (self, report, NULL);
  /* A new report is unsaved work from the first keystroke. */
  nb_report_set_modified (report, TRUE);
  gtk_notebook_set_current_page (self->notebook, 1);
  if (previous && nb_report_get_previous_uri (report))
    {
      const char *buttons[] = { _("_OK"), NULL };
      g_autofree char *body = nb_window_describe_carry_over (report, previous);
      g_autofree char *heading = g_strdup_printf (_("Started from the %d report"), nb_report_get_year (previous));

      /* The checks across years run against it from now on. */
      g_set_object (&self->previous, previous);
      nb_window_check_now (self);
      nb_alert (GTK_WINDOW (self), heading, body, buttons, 0, -1, 0, on_summary_response, NULL);
    }
}

static void
do_new (NbWindow *self,
        gpointer  data)
{
  NbNewDialog *dialog = nb_new_dialog_new (GTK_WINDOW (self));

  g_signal_connect_object (dialog, "create", G_CALLBACK (on_new_report), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  maybe_discard (NB_WINDOW (widget), do_new, NULL);
}

static void
on_open_chosen (GFile   *file,
                gpointer user_data)
{
  NbWindow *self = user_data;

  if (file)
    nb_window_open_file (self, file);
  g_object_unref (self);
}

static void
do_open (NbWindow *self,
         gpointer  data)
{
  g_autoptr(GFile) folder = self->file ? g_file_get_parent (self->file) : NULL;
  nb_choose_file (GTK_WINDOW (self), FALSE, _("Open Report"), nb_report_file_filters (), folder, NULL,
                  on_open_chosen, g_object_ref (self));
}

static void
do_import (NbWindow *self,
           gpointer  data)
{
  nb_choose_file (GTK_WINDOW (self), FALSE, _("Import Published Report"), nb_import_file_filters (), NULL, NULL,
                  on_open_chosen, g_object_ref (self));
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  maybe_discard (NB_WINDOW (widget), do_import, NULL);
}

static void
clear_import_warnings_activated (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  nb_window_clear_import_warnings (NB_WINDOW (widget));
}

static void
open_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  maybe_discard (NB_WINDOW (widget), do_open, NULL);
}

/* Opens self->pending_open: set before asking about unsaved changes, so
 * nothing is owned by a question that may be cancelled. */
static void
do_open_pending (NbWindow *self,
                 gpointer  data)
{
  g_autoptr(GFile) file = g_steal_pointer (&self->pending_open);

  if (!file)
    return;
  if (!g_file_query_exists (file, NULL) && get_app (self))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *uri = g_file_get_uri (file);

      nb_application_remove_recent (get_app (self), uri);
      fill_recent (self);
      nb_alert_error (GTK_WINDOW (self), _("The report is no longer there"), name);
      return;
    }
  nb_window_open_file (self, file);
}

static void
on_recent_activated (GtkListBox    *list,
                     GtkListBoxRow *row,
                     NbWindow      *self)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "nb-uri");

  if (uri)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uri);

      g_set_object (&self->pending_open, file);
      maybe_discard (self, do_open_pending, NULL);
    }
}

static int page_of_section (NbWindow *self, const char *section);

/* What an undo or redo changes: field keys as the history has them. */
static void
on_replay_cell (NbReport   *report,
                const char *key,
                guint       index,
                GPtrArray  *keys)
{
  g_ptr_array_add (keys, g_strdup (key));
}

static void
on_replay_text (NbReport   *report,
                const char *section,
                GPtrArray  *keys)
{
  g_ptr_array_add (keys, g_strconcat ("text/", section, NULL));
}

static void
on_replay_notify (NbReport   *report,
                  GParamSpec *pspec,
                  GPtrArray  *keys)
{
  if (g_str_equal (pspec->name, "modified"))
    return;
  g_ptr_array_add (keys, g_strdelimit (g_strdup (pspec->name), "-", '_'));
}

/* Shows the clerk what an undo or redo changed: its tab, the cell focused
 * (scrolled to, figure selected) or the changed words selected. */
static void
reveal_change (NbWindow   *self,
               const char *key,
               GHashTable *texts_before)
{
  NbFormat *format = nb_report_get_format (self->report);
  const NbCellDef *def = nb_format_find_cell (format, key);
  const char *section = def ? def->section : g_str_has_prefix (key, "text/") ? key + 5 : "details";
  int page_index = page_of_section (self, section);
  GtkWidget *page;

  if (page_index < 0)
    return;
  gtk_notebook_set_current_page (self->notebook, page_index);
  page = gtk_notebook_get_nth_page (self->notebook, page_index);
  if (def && NB_IS_TABLE_VIEW (page))
    nb_table_view_focus_cell (NB_TABLE_VIEW (page), key);
  else if (def && NB_IS_TEXT_VIEW (page))
    nb_text_view_focus_field (NB_TEXT_VIEW (page), key);
  else if (NB_IS_TEXT_VIEW (page))
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
      nb_text_view_select (NB_TEXT_VIEW (page), (guint) start, (guint) MAX (start, new_len - tail));
    }
  else if (NB_IS_DETAILS_VIEW (page))
    nb_details_view_focus_field (NB_DETAILS_VIEW (page), key);
}

static void
replay (NbWindow *self,
        gboolean  undo)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  NbFormat *format;
  gulong ids[3];
  gboolean done;

  if (!self->report)
    return;
  format = nb_report_get_format (self->report);
  for (guint i = 0; i < nb_format_get_n_sections (format); i++)
    {
      const NbSectionDef *s = nb_format_get_section (format, i);
      if (s->kind == NB_SECTION_TEXT)
        g_hash_table_insert (texts, (gpointer) s->key, g_strdup (nb_report_get_text (self->report, s->key)));
    }
  ids[0] = g_signal_connect (self->report, "cell-changed", G_CALLBACK (on_replay_cell), keys);
  ids[1] = g_signal_connect (self->report, "text-changed", G_CALLBACK (on_replay_text), keys);
  ids[2] = g_signal_connect (self->report, "notify", G_CALLBACK (on_replay_notify), keys);
  done = undo ? nb_report_undo (self->report) : nb_report_redo (self->report);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_signal_handler_disconnect (self->report, ids[i]);
  if (done && keys->len > 0)
    reveal_change (self, g_ptr_array_index (keys, 0), texts);
}

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  replay (NB_WINDOW (widget), TRUE);
}

static void
redo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  replay (NB_WINDOW (widget), FALSE);
}

static void
do_close (NbWindow *self,
          gpointer  data)
{
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
close_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static int
page_of_section (NbWindow   *self,
                 const char *section)
{
  for (guint i = 0; i < self->page_sections->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->page_sections, i), section) == 0)
      return (int) i;
  return -1;
}

/* Takes the clerk to the cell or the words a problem is about. */
static void
go_to_problem (NbWindow  *self,
               NbProblem *problem)
{
  const char *section = problem_section (self, problem);
  const char *const *keys = nb_problem_get_keys (problem);
  int page_index = section ? page_of_section (self, section) : -1;
  GtkWidget *page;

  if (page_index < 0)
    return;
  gtk_notebook_set_current_page (self->notebook, page_index);
  page = gtk_notebook_get_nth_page (self->notebook, page_index);
  if (NB_IS_TABLE_VIEW (page) && keys && keys[0])
    nb_table_view_focus_cell (NB_TABLE_VIEW (page), keys[0]);
  else if (NB_IS_DETAILS_VIEW (page) && keys && keys[0])
    nb_details_view_focus_field (NB_DETAILS_VIEW (page), keys[0]);
  else if (NB_IS_TEXT_VIEW (page))
    {
      if (keys && keys[0] && nb_text_view_focus_field (NB_TEXT_VIEW (page), keys[0]))
        return;
      nb_text_view_select (NB_TEXT_VIEW (page), nb_problem_get_start (problem), nb_problem_get_end (problem));
    }
}

static void
on_problem_activated (NbProblemsView *view,
                      NbProblem      *problem,
                      NbWindow       *self)
{
  go_to_problem (self, problem);
}

/* The one-click fix of a problem (half-width punctuation in a paragraph):
 * applied as one undoable edit, then checked again. */
static void
on_problem_fix (NbProblemsView *view,
                NbProblem      *problem,
                NbWindow       *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->report)
    return;
  if (!nb_checker_apply_fix (self->report, problem, &error))
    show_message (self, "dialog-warning-symbolic", error->message);
  nb_window_check_now (self);
}

static void
next_problem_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);

  if (!self->problems->len)
    {
      show_message (self, "emblem-ok-symbolic", _("No problems found"));
      return;
    }
  self->next_problem %= self->problems->len;
  nb_problems_view_activate (self->problems_view, self->next_problem++);
}

static void
show_problems_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);

  /* Toggle between the summary line alone and the list. */
  self->problems_collapsed = !self->problems_collapsed;
  apply_problems_height (self);
}

static void
on_switch_page (GtkNotebook *notebook,
                GtkWidget   *page,
                guint        page_num,
                NbWindow    *self)
{
  /* Nothing to do yet; kept so the current section is always known. */
}

/* ---- export and print -------------------------------------------------- */

typedef struct
{
  char             *path;
  char             *data;
  gsize             length;
  NbSafeWriteFlags  flags;   /* FORCE: the clerk agreed to replace a read-only file */
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->path);
  g_free (job->data);
  g_free (job);
}

/* Runs in a worker thread on a private copy of the report, so the clerk
 * can go on typing while a long report is written. */
static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) copy = nb_report_file_load_from_data (job->data, (gssize) job->length, &error);

  if (!copy || !nb_export_to_path_full (copy, job->path, job->flags, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
nb_window_export_async (NbWindow            *self,
                        GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (NB_IS_WINDOW (self));
  g_return_if_fail (self->report != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nb_window_export_async);
  job = g_new0 (ExportJob, 1);
  job->path = g_file_get_path (file);
  job->data = nb_report_file_to_data (self->report, &job->length);
  /* Set by start_export once the clerk said to replace a read-only file. */
  if (g_object_get_data (G_OBJECT (self), "nb-export-force"))
    job->flags = NB_SAFE_WRITE_FORCE;
  g_object_set_data (G_OBJECT (self), "nb-export-force", NULL);
  g_task_set_task_data (task, job, export_job_free);
  if (!job->path)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Can only export to a local folder"));
      return;
    }
  g_task_run_in_thread (task, export_thread);
}

gboolean
nb_window_export_finish (NbWindow      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  NbWindow *self = NB_WINDOW (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);

  self->exporting = FALSE;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  update_actions (self);
  if (!nb_window_export_finish (self, result, &error))
    {
      g_autofree char *heading = g_strdup_printf (_("Could not export “%s”"), name);

      on_message_close_clicked (NULL, self);
      nb_alert_error (GTK_WINDOW (self), heading, error->message);
      return;
    }
  {
    g_autoptr(GFile) folder = g_file_get_parent (file);
    g_autofree char *text = g_strdup_printf (_("Exported “%s”"), name);

    show_message_with_folder (self, "emblem-ok-symbolic", text, folder);
  }
}

static void start_export (NbWindow *self, GFile *file);

typedef struct
{
  NbWindow *self;
  GFile    *file;
} ReadOnlyAsk;

static void
on_read_only_answer (int      response,
                     gpointer user_data)
{
  ReadOnlyAsk *ask = user_data;

  if (response == 0)
    {
      g_object_set_data (G_OBJECT (ask->self), "nb-export-force", GINT_TO_POINTER (TRUE));
      start_export (ask->self, ask->file);
    }
  g_object_unref (ask->self);
  g_object_unref (ask->file);
  g_free (ask);
}

static void
start_export (NbWindow *self,
              GFile    *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = g_strdup_printf (_("Exporting “%s”…"), name);

  /* A read-only file is replaced only when the clerk says so. */
  if (!g_object_get_data (G_OBJECT (self), "nb-export-force") && nb_safe_write_is_read_only (file))
    {
      const char *buttons[] = { _("_Replace"), _("_Cancel"), NULL };
      g_autofree char *body = g_strdup_printf (_("“%s” is read-only. Replace it with the new export?"), name);
      ReadOnlyAsk *ask = g_new0 (ReadOnlyAsk, 1);

      ask->self = g_object_ref (self);
      ask->file = g_object_ref (file);
      nb_alert (GTK_WINDOW (self), _("Replace a read-only file?"), body, buttons, 1, 0, 1,
                on_read_only_answer, ask);
      return;
    }
  self->exporting = TRUE;
  update_actions (self);
  show_message (self, "document-send-symbolic", text);
  {
    g_autoptr(GdkCursor) busy = gdk_cursor_new_from_name ("progress", NULL);
    gtk_widget_set_cursor (GTK_WIDGET (self), busy);
  }
  nb_window_export_async (self, file, NULL, on_export_done, g_object_ref (file));
}

void
nb_window_export_to (NbWindow *self,
                     GFile    *file)
{
  g_return_if_fail (NB_IS_WINDOW (self));
  g_return_if_fail (self->report != NULL);
  start_export (self, file);
}

static void
on_export_chosen (GFile   *file,
                  gpointer user_data)
{
  NbWindow *self = user_data;
  const char *default_ext = g_object_get_data (G_OBJECT (self), "nb-export-ext");

  if (file && self->report)
    {
      g_autofree char *name = g_file_get_basename (file);

      /* No known extension typed: use the one the clerk asked for. */
      if (nb_export_kind_for_path (name) == NB_EXPORT_UNKNOWN)
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *with_ext = g_strconcat (name, default_ext, NULL);
          g_autoptr(GFile) target = g_file_get_child (parent, with_ext);

          start_export (self, target);
        }
      else
        start_export (self, file);
    }
  g_object_unref (self);
}

static void
choose_export_file (NbWindow   *self,
                    const char *ext)
{
  g_autofree char *title = nb_report_dup_title (self->report);
  g_autofree char *name = g_strconcat (title, ext, NULL);
  g_autoptr(GFile) folder = self->file ? g_file_get_parent (self->file) : NULL;
  const struct { const char *ext; NbFileFilter filter; } kinds[] = {
    { ".xlsx", { _("Excel workbook for superiors (*.xlsx)"), "*.xlsx" } },
    { ".pdf", { _("PDF for printing and publishing (*.pdf)"), "*.pdf" } },
    { ".html", { _("Web page for the site’s information disclosure column (*.html)"), "*.html" } },
    { ".docx", { _("Word document for editors and leaders (*.docx)"), "*.docx" } },
  };
  NbFileFilter filters[G_N_ELEMENTS (kinds) + 1] = { { NULL, NULL }, };
  guint n = 0, chosen = 0;

  /* The asked-for format first: it is the default filter. */
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (ext, kinds[i].ext))
      chosen = i;
  filters[n++] = kinds[chosen].filter;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (i != chosen)
      filters[n++] = kinds[i].filter;
  g_object_set_data (G_OBJECT (self), "nb-export-ext", (gpointer) kinds[chosen].ext);
  nb_choose_file (GTK_WINDOW (self), TRUE, _("Export Report"), filters, folder, name,
                  on_export_chosen, g_object_ref (self));
}

/* Before exporting, in order: errors, tables nobody filled, a PDF without
 * a date. "Export anyway" goes on to the next question. */
typedef enum
{
  EXPORT_ASK_ERRORS,
  EXPORT_ASK_UNTOUCHED,
  EXPORT_ASK_DATE,
  EXPORT_ASK_DONE,
} ExportStage;

typedef struct
{
  NbWindow    *self;
  const char  *ext;
  ExportStage  stage;
} ExportAsk;

static void export_from (NbWindow *self, const char *ext, ExportStage stage);

static void
go_to_untouched_table (NbWindow *self)
{
  g_autoptr(GPtrArray) tables = nb_report_dup_untouched_tables (self->report);
  const NbTableDef *table = tables->len ? g_ptr_array_index (tables, 0) : NULL;
  int page = table ? page_of_section (self, table->key) : -1;

  if (page < 0)
    return;
  gtk_notebook_set_current_page (self->notebook, page);
  for (guint i = 0; i < table->cells->len; i++)
    {
      const NbCellDef *def = g_ptr_array_index (table->cells, i);
      if (!def->computed)
        {
          nb_table_view_focus_cell (NB_TABLE_VIEW (gtk_notebook_get_nth_page (self->notebook, page)), def->key);
          break;
        }
    }
}

static void
on_export_ask_response (int      response,
                        gpointer user_data)
{
  g_autofree ExportAsk *ask = user_data;
  NbWindow *self = ask->self;

  if (response == 0 && self->report)          /* go and correct it */
    {
      switch (ask->stage)
        {
        case EXPORT_ASK_ERRORS:
          for (guint i = 0; i < self->problems->len; i++)
            if (nb_problem_get_severity (g_ptr_array_index (self->problems, i)) == NB_SEVERITY_ERROR)
              {
                nb_problems_view_activate (self->problems_view, i);
                break;
              }
          break;
        case EXPORT_ASK_UNTOUCHED:
          go_to_untouched_table (self);
          break;
        case EXPORT_ASK_DATE:
          {
            int page = page_of_section (self, "details");

            if (page >= 0)
              {
                gtk_notebook_set_current_page (self->notebook, page);
                nb_details_view_focus_field (NB_DETAILS_VIEW (gtk_notebook_get_nth_page (self->notebook, page)), "date");
              }
          }
          break;
        default:
          break;
        }
    }
  else if (response == 1 && self->report)     /* export anyway */
    export_from (self, ask->ext, ask->stage + 1);
  g_object_unref (self);
}

static void
export_ask (NbWindow    *self,
            const char  *ext,
            ExportStage  stage,
            const char  *heading,
            const char  *body,
            const char  *go_label)
{
  const char *buttons[] = { go_label, _("Export _Anyway"), _("_Cancel"), NULL };
  ExportAsk *ask = g_new0 (ExportAsk, 1);

  ask->self = g_object_ref (self);
  ask->ext = ext;
  ask->stage = stage;
  nb_alert (GTK_WINDOW (self), heading, body, buttons, 0, -1, 2, on_export_ask_response, ask);
}

static void
export_from (NbWindow    *self,
             const char  *ext,
             ExportStage  stage)
{
  if (!self->report || self->exporting)
    return;
  if (stage <= EXPORT_ASK_ERRORS)
    {
      guint n_errors;

      nb_window_check_now (self);
      n_errors = nb_problems_count (self->problems, NB_SEVERITY_ERROR);
      if (n_errors > 0)
        {
          g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                   "The report has %u error",
                                                                   "The report has %u errors", n_errors),
                                                      n_errors);

          export_ask (self, ext, EXPORT_ASK_ERRORS, heading,
                      _("What you export still contains these errors, and superiors and evaluators "
                        "will find them. Go to them to correct them, or export anyway."),
                      _("_Go to Problems"));
          return;
        }
    }
  if (stage <= EXPORT_ASK_UNTOUCHED)
    {
      g_autofree char *untouched = nb_report_describe_untouched (self->report);

      if (untouched)
        {
          g_autofree char *body = g_strconcat (untouched, " ",
                                               _("Zeros nobody typed pass every check. If the agency really "
                                                 "had none, type 0 in a cell of the table to say so."),
                                               NULL);

          export_ask (self, ext, EXPORT_ASK_UNTOUCHED, _("A table was never filled in"), body,
                      _("_Go to the Table"));
          return;
        }
    }
  /* The printed report ends with its date: say so before a PDF without one. */
  if (stage <= EXPORT_ASK_DATE && g_str_equal (ext, ".pdf") && !nb_report_get_date (self->report))
    {
      export_ask (self, ext, EXPORT_ASK_DATE, _("The report date is not filled in"),
                  _("The printed report ends with the agency and the date it was issued. "
                    "Without a date the PDF ends with the agency only."),
                  _("_Fill In the Date"));
      return;
    }
  choose_export_file (self, ext);
}

static void
export_with (NbWindow   *self,
             const char *ext)
{
  export_from (self, ext, EXPORT_ASK_ERRORS);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  export_with (NB_WINDOW (widget), ".xlsx");
}

static void
export_pdf_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  export_with (NB_WINDOW (widget), ".pdf");
}

static void
export_html_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  export_with (NB_WINDOW (widget), ".html");
}

static void
export_docx_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  export_with (NB_WINDOW (widget), ".docx");
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               NbWindow                *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      nb_alert_error (GTK_WINDOW (self), _("The report could not be printed"),
                      error ? error->message : NULL);
    }
}

gboolean
nb_window_print_to_pdf (NbWindow    *self,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(NbPrintOperation) op = NULL;

  g_return_val_if_fail (NB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->report != NULL, FALSE);

  op = nb_print_operation_new (self->report);
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (op), path);
  return gtk_print_operation_run (GTK_PRINT_OPERATION (op), GTK_PRINT_OPERATION_ACTION_EXPORT,
                                  GTK_WINDOW (self), error) != GTK_PRINT_OPERATION_RESULT_ERROR;
}

static void
on_convert_response (int      response,
                     gpointer user_data)
{
  NbWindow *self = user_data;

  if (response == 0 && self->report)
    {
      NbFormat *target = nb_format_for_year (nb_report_get_year (self->report));
      g_autoptr(NbReport) converted = nb_report_convert (self->report, target, NULL);
      g_autoptr(GFile) file = self->file ? g_object_ref (self->file) : NULL;
      g_autofree char *text = g_strdup_printf (_("Converted to the %s format. Save to keep it."),
                                               nb_format_get_version (target));

      /* Same file: saving replaces it, the old one is kept as a backup (~). */
      nb_window_set_report (self, converted, file);
      nb_report_set_modified (converted, TRUE);
      show_message (self, "emblem-ok-symbolic", text);
    }
  g_object_unref (self);
}

static void
convert_format_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);
  NbFormat *target;
  g_autoptr(GPtrArray) lost = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(NbReport) trial = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  const char *buttons[] = { _("_Convert"), _("_Cancel"), NULL };

  if (!self->report || !(target = nb_format_for_year (nb_report_get_year (self->report))))
    return;
  trial = nb_report_convert (self->report, target, lost);
  heading = g_strdup_printf (_("Convert the report to the %s format?"), nb_format_get_version (target));
  g_string_append_printf (body, _("The details, the texts and every figure both formats have are kept (%s)."),
                          nb_format_get_name (target));
  if (lost->len > 0)
    {
      g_string_append (body, "\n\n");
      g_string_append (body, _("These figures have no place in the new format and are dropped:"));
      for (guint i = 0; i < lost->len; i++)
        {
          const NbCellDef *def = nb_format_find_cell (nb_report_get_format (self->report),
                                                      g_ptr_array_index (lost, i));
          g_autofree char *value = nb_report_dup_field (self->report, def->key, NULL);

          g_string_append_printf (body, "\n• %s: %s", def->label, value);
        }
    }
  nb_alert (GTK_WINDOW (self), heading, body->str, buttons, 0, -1, 1,
            on_convert_response, g_object_ref (self));
}

/* Last year's report for the across-years checks (carry.*), kept in the
 * document so that they run whenever it is opened. */
gboolean
nb_window_set_previous_file (NbWindow  *self,
                             GFile     *file,
                             GError   **error)
{
  g_autoptr(NbReport) previous = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (NB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->report != NULL, FALSE);

  if (!(previous = nb_report_file_load (file, NULL, error)))
    return FALSE;
  if (nb_report_get_year (previous) != nb_report_get_year (self->report) - 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("That is the report for %d; the %d report is checked against the one for %d."),
                   nb_report_get_year (previous), nb_report_get_year (self->report),
                   nb_report_get_year (self->report) - 1);
      return FALSE;
    }
  uri = g_file_get_uri (file);
  nb_report_set_previous_uri (self->report, uri);
  nb_report_set_modified (self->report, TRUE);
  g_set_object (&self->previous, previous);
  nb_window_check_now (self);
  return TRUE;
}

static void
on_previous_chosen (GFile   *file,
                    gpointer user_data)
{
  NbWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (file && self->report)
    {
      if (nb_window_set_previous_file (self, file, &error))
        {
          g_autofree char *text = g_strdup_printf (_("The report is now checked against the %d report as well"),
                                                   nb_report_get_year (self->previous));
          show_message (self, "emblem-ok-symbolic", text);
        }
      else
        nb_alert_error (GTK_WINDOW (self), _("Last year's report could not be used"), error->message);
    }
  g_object_unref (self);
}

static void
choose_previous_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);
  g_autoptr(GFile) folder = self->file ? g_file_get_parent (self->file) : NULL;

  if (self->report)
    nb_choose_file (GTK_WINDOW (self), FALSE, _("Last Year's Report"), nb_report_file_filters (), folder, NULL,
                    on_previous_chosen, g_object_ref (self));
}

static void
print_preview_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);

  if (self->report)
    gtk_window_present (GTK_WINDOW (nb_preview_window_new (GTK_WINDOW (self), self->report)));
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);
  g_autoptr(NbPrintOperation) op = NULL;
  g_autoptr(GError) error = NULL;

  if (!self->report)
    return;
  op = nb_print_operation_new (self->report);
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (op), TRUE);
  g_signal_connect_object (op, "done", G_CALLBACK (on_print_done), self, 0);
  if (gtk_print_operation_run (GTK_PRINT_OPERATION (op), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    nb_alert_error (GTK_WINDOW (self), _("The report could not be printed"), error->message);
}

/* ---- recovery ---------------------------------------------------------- */

static char **
find_recovery_files (void)
{
  g_autofree char *dir_path = nb_application_dup_recovery_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    if (g_str_has_suffix (name, NB_FILE_EXTENSION))
      g_ptr_array_add (found, g_build_filename (dir_path, name, NULL));
  g_ptr_array_add (found, NULL);
  return (char **) g_ptr_array_steal (found, NULL);
}

gboolean
nb_window_recover (NbWindow    *self,
                   const char  *recovery_path,
                   GError     **error)
{
  g_autofree char *info_path = g_strconcat (recovery_path, ".info", NULL);
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autoptr(GFile) recovery = g_file_new_for_path (recovery_path);
  g_autoptr(NbReport) report = NULL;
  g_autoptr(GFile) original = NULL;
  g_autofree char *uri = NULL;

  if (!(report = nb_report_file_load (recovery, NULL, error)))
    return FALSE;
  if (g_key_file_load_from_file (info, info_path, G_KEY_FILE_NONE, NULL) &&
      (uri = g_key_file_get_string (info, "recovery", "uri", NULL)))
    original = g_file_new_for_uri (uri);
  nb_window_set_report (self, report, original);
  /* Unsaved work still: keep autosaving into the same copy until saved. */
  self->recovery_path = g_strdup (recovery_path);
  nb_report_set_modified (report, TRUE);
  update_title (self);
  show_message (self, "document-revert-symbolic",
                _("Recovered the unsaved changes. Save to keep them."));
  return TRUE;
}

typedef struct
{
  NbWindow *self;
  char     *path;
} Recovery;

static void
on_recovery_response (int      response,
                      gpointer user_data)
{
  Recovery *r = user_data;
  g_autoptr(GError) error = NULL;

  if (response == 0)
    {
      NbWindow *target = r->self;

      /* Keep a document already open here; recover into a new window. */
      if (r->self->report && get_app (r->self))
        {
          target = nb_window_new (get_app (r->self));
          gtk_window_present (GTK_WINDOW (target));
        }
      if (!nb_window_recover (target, r->path, &error))
        nb_alert_error (GTK_WINDOW (target), _("The autosaved copy could not be read"), error->message);
    }
  else if (response == 1)
    {
      g_autofree char *info = g_strconcat (r->path, ".info", NULL);

      g_remove (r->path);
      g_remove (info);
    }
  g_object_unref (r->self);
  g_free (r->path);
  g_free (r);
}

void
nb_window_offer_recovery (NbWindow *self)
{
  g_auto(GStrv) files = find_recovery_files ();

  for (guint i = 0; files[i]; i++)
    {
      const char *buttons[] = { _("_Recover"), _("_Discard"), _("_Later"), NULL };
      g_autofree char *info_path = g_strconcat (files[i], ".info", NULL);
      g_autoptr(GKeyFile) info = g_key_file_new ();
      g_autofree char *when = NULL;
      g_autofree char *uri = NULL;
      g_autofree char *body = NULL;
      g_autofree char *what = NULL;
      g_autoptr(NbReport) report = NULL;
      Recovery *r;

      /* A copy of the document open here is not from a crash. */
      if (g_strcmp0 (files[i], self->recovery_path) == 0)
        continue;
      if (g_key_file_load_from_file (info, info_path, G_KEY_FILE_NONE, NULL))
        {
          when = g_key_file_get_string (info, "recovery", "saved", NULL);
          uri = g_key_file_get_string (info, "recovery", "uri", NULL);
        }
      {
        g_autoptr(GFile) file = g_file_new_for_path (files[i]);
        g_autoptr(GError) error = NULL;

        /* A copy that crashed the loader last time is not loaded again;
         * one that does not load is said, never skipped silently. */
        if (nb_open_guard_crashed_on (files[i]))
          {
            g_autofree char *body = g_strdup_printf (_("nianbao stopped while reading the autosaved copy “%s” "
                                                       "last time, so it was not read again. It is kept in "
                                                       "that folder."), files[i]);
            nb_alert_error (GTK_WINDOW (self), _("An autosaved copy was not opened"), body);
            continue;
          }
        nb_open_guard_begin (files[i]);
        report = nb_report_file_load (file, NULL, &error);
        nb_open_guard_end ();
        if (!report)
          {
            g_autofree char *body = g_strdup_printf (_("The copy autosaved at %s cannot be read: %s\n"
                                                       "It is kept as “%s”."),
                                                     when ? when : "?", error->message, files[i]);
            nb_alert_error (GTK_WINDOW (self), _("An autosaved copy is damaged"), body);
            continue;
          }
      }
      what = nb_report_dup_title (report);
      if (uri)
        {
          g_autoptr(GFile) file = g_file_new_for_uri (uri);
          g_autofree char *name = g_file_get_parse_name (file);
          body = g_strdup_printf (_("Changes to “%s” (%s) were not saved when the application last stopped. "
                                    "The copy was autosaved at %s."), what, name, when ? when : "?");
        }
      else
        body = g_strdup_printf (_("“%s”, never saved, was open when the application last stopped. "
                                  "The copy was autosaved at %s."), what, when ? when : "?");
      r = g_new0 (Recovery, 1);
      r->self = g_object_ref (self);
      r->path = g_strdup (files[i]);
      nb_alert (GTK_WINDOW (self), _("Recover unsaved changes?"), body,
                buttons, 0, 1, 2, on_recovery_response, r);
    }
}

/* ---- window ------------------------------------------------------------ */

static gboolean
nb_window_close_request (GtkWindow *window)
{
  NbWindow *self = NB_WINDOW (window);
  NbApplication *app = get_app (self);
  GSettings *settings = app ? nb_application_get_settings (app) : NULL;

  if (!self->close_confirmed && self->report && nb_report_get_modified (self->report))
    {
      maybe_discard (self, do_close, NULL);
      return TRUE;
    }

  if (settings)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      if (self->file)
        {
          g_autofree char *uri = g_file_get_uri (self->file);
          g_settings_set_string (settings, "last-document", uri);
        }
      else
        g_settings_set_string (settings, "last-document", "");
    }
  /* Closed knowingly: the autosaved copy is not needed any more. */
  remove_recovery (self);
  return GTK_WINDOW_CLASS (nb_window_parent_class)->close_request (window);
}

static void
nb_window_dispose (GObject *object)
{
  NbWindow *self = NB_WINDOW (object);

  g_clear_handle_id (&self->message_timeout, g_source_remove);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_handle_id (&self->check_idle, g_source_remove);
  g_clear_handle_id (&self->problems_size_idle, g_source_remove);
  if (self->report)
    {
      g_clear_signal_handler (&self->changed_id, self->report);
      g_clear_signal_handler (&self->modified_id, self->report);
    }
  g_clear_object (&self->report);
  g_clear_object (&self->previous);
  g_clear_object (&self->file);
  g_clear_object (&self->message_folder);
  g_clear_object (&self->pending_open);
  g_clear_pointer (&self->recovery_path, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), NB_TYPE_WINDOW);

  G_OBJECT_CLASS (nb_window_parent_class)->dispose (object);
}

static void
nb_window_finalize (GObject *object)
{
  NbWindow *self = NB_WINDOW (object);

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->page_sections, g_ptr_array_unref);
  g_clear_pointer (&self->tab_counts, g_hash_table_unref);

  G_OBJECT_CLASS (nb_window_parent_class)->finalize (object);
}

/* ---- 与上年对比 (the comparison window is nb-compare-window.c) -------- */

GtkWindow *
nb_window_compare_with (NbWindow *self,
                        NbReport *last)
{
  NbCompareWindow *compare;

  g_return_val_if_fail (NB_IS_WINDOW (self), NULL);
  g_return_val_if_fail (self->report != NULL, NULL);
  compare = nb_compare_window_new (GTK_WINDOW (self), last, self->report);
  gtk_window_present (GTK_WINDOW (compare));
  return GTK_WINDOW (compare);
}

static void
on_compare_chosen (GFile   *file,
                   gpointer user_data)
{
  g_autoptr(NbWindow) self = user_data;
  g_autoptr(NbReport) last = NULL;
  g_autoptr(GError) error = NULL;

  if (!file || !self->report)
    return;
  if (!(last = nb_report_file_load (file, NULL, &error)))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *heading = g_strdup_printf (_("Could not open “%s”"), name);

      nb_alert_error (GTK_WINDOW (self), heading, error->message);
      return;
    }
  nb_window_compare_with (self, last);
}

static void
compare_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);
  g_autoptr(GFile) folder = self->file ? g_file_get_parent (self->file) : NULL;

  nb_choose_file (GTK_WINDOW (self), FALSE, _("Last Year's Report"), nb_report_file_filters (), folder,
                  NULL, on_compare_chosen, g_object_ref (self));
}

static void
nb_window_class_init (NbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = nb_window_dispose;
  object_class->finalize = nb_window_finalize;
  window_class->close_request = nb_window_close_request;

  g_type_ensure (NB_TYPE_PROBLEMS_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/nianbao/Nianbao/ui/nb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NbWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, message_icon);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, message_button);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, recent_box);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, notebook);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, problems_view);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_message_close_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_message_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_fix);
  gtk_widget_class_bind_template_callback (widget_class, on_switch_page);
  gtk_widget_class_bind_template_callback (widget_class, on_paned_position);
  gtk_widget_class_bind_template_callback (widget_class, on_paned_resized);

  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "win.clear-import-warnings", NULL,
                                   clear_import_warnings_activated);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_activated);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_activated);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_activated);
  gtk_widget_class_install_action (widget_class, "win.next-problem", NULL, next_problem_activated);
  gtk_widget_class_install_action (widget_class, "win.show-problems", NULL, show_problems_activated);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, export_pdf_activated);
  gtk_widget_class_install_action (widget_class, "win.export-html", NULL, export_html_activated);
  gtk_widget_class_install_action (widget_class, "win.export-docx", NULL, export_docx_activated);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "win.print-preview", NULL, print_preview_activated);
  gtk_widget_class_install_action (widget_class, "win.convert-format", NULL, convert_format_activated);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_activated);
  gtk_widget_class_install_action (widget_class, "win.choose-previous", NULL, choose_previous_activated);
}

/* A .nianbao file dropped from the file manager opens here; a published
 * report (text, web page, Word, PDF) is imported. */
static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         NbWindow      *self)
{
  GFile *file = g_value_get_object (value);

  if (!file)
    return FALSE;
  g_set_object (&self->pending_open, file);
  maybe_discard (self, do_open_pending, NULL);
  return TRUE;
}

static void
nb_window_init (NbWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  self->problems = g_ptr_array_new_with_free_func (g_object_unref);
  self->page_sections = g_ptr_array_new_with_free_func (g_free);
  self->tab_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->problems_height = 180;
  {
    GtkEventController *legacy = gtk_event_controller_legacy_new ();

    gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
    g_signal_connect (legacy, "event", G_CALLBACK (on_paned_event), self);
    gtk_widget_add_controller (GTK_WIDGET (self->paned), legacy);
  }
  nb_tooltip_fix_tree (GTK_WIDGET (self));
}

NbWindow *
nb_window_new (NbApplication *app)
{
  NbWindow *self = g_object_new (NB_TYPE_WINDOW, "application", app, NULL);
  GSettings *settings = app ? nb_application_get_settings (app) : NULL;

  if (settings)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      g_autoptr(GVariant) chosen = g_settings_get_user_value (settings, "problems-height");

      self->problems_height = g_settings_get_int (settings, "problems-height");
      self->problems_height_chosen = chosen != NULL;
    }
  nb_window_set_report (self, NULL, NULL);
  return self;
}

GPtrArray *
nb_window_get_problems (NbWindow *self)
{
  g_return_val_if_fail (NB_IS_WINDOW (self), NULL);
  return self->problems;
}

NbProblemsView *
nb_window_get_problems_view (NbWindow *self)
{
  g_return_val_if_fail (NB_IS_WINDOW (self), NULL);
  return self->problems_view;
}

GtkWidget *
nb_window_get_page (NbWindow   *self,
                    const char *section)
{
  int i;

  g_return_val_if_fail (NB_IS_WINDOW (self), NULL);
  i = page_of_section (self, section);
  return i < 0 ? NULL : gtk_notebook_get_nth_page (self->notebook, i);
}

const char *
nb_window_get_tab_count (NbWindow   *self,
                         const char *section)
{
  GtkLabel *label;

  g_return_val_if_fail (NB_IS_WINDOW (self), NULL);
  label = g_hash_table_lookup (self->tab_counts, section);
  return label ? gtk_label_get_text (label) : NULL;
}

const char *
nb_window_get_current_section (NbWindow *self)
{
  int i;

  g_return_val_if_fail (NB_IS_WINDOW (self), NULL);
  i = gtk_notebook_get_current_page (self->notebook);
  return i < 0 || (guint) i >= self->page_sections->len ? NULL : g_ptr_array_index (self->page_sections, i);
}
