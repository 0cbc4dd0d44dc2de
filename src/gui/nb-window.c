/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-window.c — NbWindow: one report, a tab per section, live checks
 *
 * The window only reads and writes through the NbReport; the pages are
 * built from the format's sections, so no code here knows a table. Here:
 * the report shown and its file, saving and the save-changes question,
 * the inline messages and the title; what comes in (open, drop, recovery)
 * is in nb-window-open.c, the checks and the problems list in
 * nb-window-problems.c, the tabs in nb-window-pages.c, the actions in
 * nb-window-actions.c, export and print in nb-window-export.c.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "nb-autosave.h"
#include "nb-dialogs.h"
#include "nb-open-guard.h"
#include "nb-report-file.h"
#include "nb-tooltip.h"
#include "nb-window-private.h"

G_DEFINE_FINAL_TYPE (NbWindow, nb_window, GTK_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_REPORT, PROP_FILE, N_PROPS };

static GParamSpec *properties[N_PROPS];

/* The document shown and where it is saved: properties, so that what
 * follows them (the autosave) is bound, not told. */
static void
set_report_and_file (NbWindow *self,
                     NbReport *report,
                     GFile    *file)
{
  if (g_set_object (&self->report, report))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

NbApplication *
_nb_window_get_app (NbWindow *self)
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
void
_nb_window_show_message (NbWindow   *self,
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
void
_nb_window_show_message_with_folder (NbWindow   *self,
                          const char *icon,
                          const char *text,
                          GFile      *folder)
{
  _nb_window_show_message (self, icon, text);
  g_set_object (&self->message_folder, folder);
  if (folder)
    {
      gtk_button_set_label (self->message_button, _("Open _Folder"));
      gtk_button_set_use_underline (self->message_button, TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->message_button), TRUE);
    }
}

void
_nb_window_hide_message (NbWindow *self)
{
  g_clear_handle_id (&self->message_timeout, g_source_remove);
  gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
}

static void
on_message_close_clicked (GtkButton *button,
                          NbWindow  *self)
{
  _nb_window_hide_message (self);
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

/* ---- title, actions ---------------------------------------------------- */

void
_nb_window_update_title (NbWindow *self)
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

/* ---- the document ------------------------------------------------------ */

static void
on_report_changed (NbReport *report,
                   NbWindow *self)
{
  /* A refusal is about the last thing typed: stale once an edit is taken. */
  if (self->message_is_refusal)
    _nb_window_hide_message (self);
  _nb_window_queue_check (self);
  _nb_window_update_title (self);
  _nb_window_actions_update (self);
}

static void
on_report_modified (NbReport   *report,
                    GParamSpec *pspec,
                    NbWindow   *self)
{
  _nb_window_update_title (self);
  _nb_window_actions_update (self);
  /* A draft marked as reviewed changes no field, only the checks. */
  _nb_window_queue_check (self);
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
  _nb_window_pages_clear (self);
  g_ptr_array_set_size (self->problems, 0);
  set_report_and_file (self, NULL, NULL);
  g_clear_object (&self->previous);
  nb_autosave_discard (self->autosave);
}

void
nb_window_set_report (NbWindow *self,
                      NbReport *report,
                      GFile    *file)
{
  g_return_if_fail (NB_IS_WINDOW (self));

  clear_document (self);
  nb_open_guard_hold_lock (self, NULL, NULL);
  if (!report)
    {
      _nb_window_fill_recent (self);
      gtk_stack_set_visible_child_name (self->stack, "start");
      _nb_window_update_title (self);
      _nb_window_actions_update (self);
      return;
    }

  set_report_and_file (self, report, file);
  {
    g_autoptr(GError) lock_error = NULL;

    /* Held while shown: nianbao-cli set is refused meanwhile, and a
     * document open elsewhere is said before edits are made. */
    if (!nb_open_guard_hold_lock (self, file, &lock_error))
      _nb_window_show_message (self, "dialog-warning-symbolic", lock_error->message);
  }
  load_previous (self);

  /* A new report starts at its details, an opened one at its first section. */
  _nb_window_pages_build (self, nb_report_get_modified (report) ? 0 : 1);
  gtk_stack_set_visible_child_name (self->stack, "document");
  nb_window_check_now (self);
  _nb_window_update_title (self);
  _nb_window_actions_update (self);
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
      set_report_and_file (self, self->report, file);
      nb_open_guard_hold_lock (self, file, NULL);
    }
  nb_report_set_modified (self->report, FALSE);
  nb_autosave_discard (self->autosave);
  if (_nb_window_get_app (self))
    nb_application_add_recent (_nb_window_get_app (self), file);
  _nb_window_update_title (self);
  return TRUE;
}

/* ---- saving, and the save-changes question ------------------------------ */

gboolean
_nb_window_save_or_report (NbWindow  *self,
                           GFile     *file,
                           GError   **error)
{
  g_autoptr(GError) local_error = NULL;

  if (nb_window_save_to (self, file, &local_error))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *text = g_strdup_printf (_("Saved “%s”"), name);

      _nb_window_show_message (self, "document-save-symbolic", text);
      return TRUE;
    }
  nb_alert_error (GTK_WINDOW (self), _("The report could not be saved"), local_error->message);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static void
on_save_as_chosen (GFile   *file,
                   gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  NbWindow *self = g_task_get_source_object (task);
  g_autoptr(GFile) target = NULL;
  g_autofree char *name = NULL;
  GError *error = NULL;

  if (!file || !self->report)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "No file was chosen");
      return;
    }
  name = g_file_get_basename (file);
  /* The filter cannot add the extension; do it so the file opens again. */
  if (!g_str_has_suffix (name, NB_FILE_EXTENSION))
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *with_ext = g_strconcat (name, NB_FILE_EXTENSION, NULL);

      target = g_file_get_child (parent, with_ext);
    }
  else
    target = g_object_ref (file);
  if (_nb_window_save_or_report (self, target, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
_nb_window_save_as_async (NbWindow            *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = self->file ? g_file_get_parent (self->file) : NULL;

  g_task_set_source_tag (task, _nb_window_save_as_async);
  if (self->file)
    name = g_file_get_basename (self->file);
  else
    {
      g_autofree char *title = nb_report_dup_title (self->report);

      name = g_strconcat (title, NB_FILE_EXTENSION, NULL);
    }
  nb_choose_file (GTK_WINDOW (self), TRUE, _("Save Report"), nb_report_file_filters (), folder, name,
                  on_save_as_chosen, task);
}

gboolean
_nb_window_save_as_finish (NbWindow      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_saved_as (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (_nb_window_save_as_finish (NB_WINDOW (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_unsaved_answer (int      response,
                   gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  NbWindow *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (response == 0 && self->report)   /* save */
    {
      if (!self->file)
        _nb_window_save_as_async (self, g_task_get_cancellable (task), on_saved_as, g_steal_pointer (&task));
      else if (_nb_window_save_or_report (self, self->file, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
    }
  else if (response == 1)             /* discard */
    g_task_return_boolean (task, TRUE);
  else                                /* cancel: nothing happens */
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The clerk kept the changes");
}

void
nb_window_confirm_discard_async (NbWindow            *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *buttons[] = { _("_Save"), _("_Discard Changes"), _("_Cancel"), NULL };
  g_autofree char *heading = NULL;

  g_return_if_fail (NB_IS_WINDOW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nb_window_confirm_discard_async);
  if (!self->report || !nb_report_get_modified (self->report))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  heading = g_strdup_printf (_("Save the changes to the %d report of %s?"),
                             nb_report_get_year (self->report), nb_report_get_agency (self->report));
  nb_alert (GTK_WINDOW (self), heading,
            self->file ? _("If you don't save, the changes since the last save are lost.")
                       : _("This report has never been saved. If you don't save it, it is lost."),
            buttons, 0, 1, 2, on_unsaved_answer, g_steal_pointer (&task));
}

gboolean
nb_window_confirm_discard_finish (NbWindow      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_close_confirmed (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  NbWindow *self = NB_WINDOW (source);

  if (!nb_window_confirm_discard_finish (self, result, NULL))
    return;
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* ---- window ------------------------------------------------------------ */

static gboolean
nb_window_close_request (GtkWindow *window)
{
  NbWindow *self = NB_WINDOW (window);
  NbApplication *app = _nb_window_get_app (self);
  GSettings *settings = app ? nb_application_get_settings (app) : NULL;

  if (!self->close_confirmed && self->report && nb_report_get_modified (self->report))
    {
      nb_window_confirm_discard_async (self, NULL, on_close_confirmed, NULL);
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
  nb_autosave_discard (self->autosave);
  return GTK_WINDOW_CLASS (nb_window_parent_class)->close_request (window);
}

static void
nb_window_dispose (GObject *object)
{
  NbWindow *self = NB_WINDOW (object);

  g_clear_handle_id (&self->message_timeout, g_source_remove);
  g_clear_handle_id (&self->check_idle, g_source_remove);
  g_clear_handle_id (&self->problems_size_idle, g_source_remove);
  /* Unreffed, the group disconnects from the report (which may outlive us). */
  g_clear_object (&self->report_signals);
  g_clear_object (&self->report);
  g_clear_object (&self->previous);
  g_clear_object (&self->file);
  g_clear_object (&self->message_folder);
  g_clear_object (&self->autosave);
  /* The notebook switches pages while its children go: with no pages
   * left to address, the switch does not reach widgets already freed. */
  if (self->pages)
    g_ptr_array_set_size (self->pages, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), NB_TYPE_WINDOW);

  G_OBJECT_CLASS (nb_window_parent_class)->dispose (object);
}

static void
nb_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  NbWindow *self = NB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_window_finalize (GObject *object)
{
  NbWindow *self = NB_WINDOW (object);

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);

  G_OBJECT_CLASS (nb_window_parent_class)->finalize (object);
}

static void
nb_window_class_init (NbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = nb_window_dispose;
  object_class->finalize = nb_window_finalize;
  object_class->get_property = nb_window_get_property;
  window_class->close_request = nb_window_close_request;

  properties[PROP_REPORT] = g_param_spec_object ("report", NULL, NULL, NB_TYPE_REPORT,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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
  gtk_widget_class_bind_template_callback_full (widget_class, "on_switch_page",
                                                G_CALLBACK (_nb_window_on_switch_page));

  _nb_window_class_problems_init (widget_class);
  _nb_window_class_open_init (widget_class);
  _nb_window_class_actions_init (widget_class);
}

static void
nb_window_init (NbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->pages = g_ptr_array_new_with_free_func (_nb_window_page_free);
  self->autosave = nb_autosave_new ();
  g_object_bind_property (self, "report", self->autosave, "report", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "file", self->autosave, "file", G_BINDING_SYNC_CREATE);
  _nb_window_problems_init (self);
  _nb_window_open_init (self);
  g_signal_connect_after (self->notebook, "switch-page", G_CALLBACK (_nb_window_on_switch_page_after), self);
  /* The document followed: the group's target is whatever report is shown. */
  self->report_signals = g_signal_group_new (NB_TYPE_REPORT);
  g_signal_group_connect_object (self->report_signals, "changed", G_CALLBACK (on_report_changed), self, 0);
  g_signal_group_connect_object (self->report_signals, "notify::modified", G_CALLBACK (on_report_modified),
                                 self, 0);
  g_object_bind_property (self, "report", self->report_signals, "target", G_BINDING_SYNC_CREATE);
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
      _nb_window_problems_restore (self, settings);
    }
  nb_window_set_report (self, NULL, NULL);
  return self;
}
