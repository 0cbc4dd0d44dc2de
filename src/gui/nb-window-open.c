/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-window-open.c — how a report comes into NbWindow
 *
 * The start page's recent list, a file opened, dropped or chosen from the
 * list (after the save-changes question), what is offered when it does not
 * load, and the unsaved work a stopped session left (NbAutosave's copies).
 * nb-window.c shows the report once it is here.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "nb-dialogs.h"
#include "nb-import.h"
#include "nb-open-guard.h"
#include "nb-report-file.h"
#include "nb-window-import.h"
#include "nb-window-private.h"

/* ---- opening ---------------------------------------------------------- */

void
_nb_window_fill_recent (NbWindow *self)
{
  NbApplication *app = _nb_window_get_app (self);
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
  if (_nb_window_get_app (self))
    nb_application_add_recent (_nb_window_get_app (self), file);
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
      if (_nb_window_get_app (self))
        {
          g_autofree char *uri = g_file_get_uri (file);
          GSettings *settings = nb_application_get_settings (_nb_window_get_app (self));

          nb_application_remove_recent (_nb_window_get_app (self), uri);
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

/* A recent or dropped document, once unsaved changes are dealt with. */
static void
on_open_confirmed (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  NbWindow *self = NB_WINDOW (source);
  g_autoptr(GFile) file = user_data;

  if (!nb_window_confirm_discard_finish (self, result, NULL))
    return;
  if (!g_file_query_exists (file, NULL) && _nb_window_get_app (self))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *uri = g_file_get_uri (file);

      nb_application_remove_recent (_nb_window_get_app (self), uri);
      _nb_window_fill_recent (self);
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
    nb_window_confirm_discard_async (self, NULL, on_open_confirmed, g_file_new_for_uri (uri));
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
  nb_window_confirm_discard_async (self, NULL, on_open_confirmed, g_object_ref (file));
  return TRUE;
}

/* ---- recovery --------------------------------------------------------- */

gboolean
nb_window_recover (NbWindow    *self,
                   const char  *recovery_path,
                   GError     **error)
{
  g_autoptr(NbReport) report = NULL;
  g_autoptr(GFile) original = NULL;

  g_return_val_if_fail (NB_IS_WINDOW (self), FALSE);
  if (!(report = nb_autosave_load_copy (recovery_path, &original, error)))
    return FALSE;
  nb_window_set_report (self, report, original);
  /* Unsaved work still: keep autosaving into the same copy until saved. */
  nb_autosave_adopt (self->autosave, recovery_path);
  nb_report_set_modified (report, TRUE);
  _nb_window_update_title (self);
  _nb_window_show_message (self, "document-revert-symbolic",
                           _("Recovered the unsaved changes. Save to keep them."));
  return TRUE;
}

/* The clerk chose Recover for a copy a stopped session left. */
static void
on_recover (NbAutosave *autosave,
            const char *path,
            NbWindow   *self)
{
  NbWindow *target = self;
  g_autoptr(GError) error = NULL;

  /* Keep a document already open here; recover into a new window. */
  if (self->report && _nb_window_get_app (self))
    {
      target = nb_window_new (_nb_window_get_app (self));
      gtk_window_present (GTK_WINDOW (target));
    }
  if (!nb_window_recover (target, path, &error))
    nb_alert_error (GTK_WINDOW (target), _("The autosaved copy could not be read"), error->message);
}

void
nb_window_offer_recovery (NbWindow *self)
{
  g_return_if_fail (NB_IS_WINDOW (self));
  nb_autosave_offer_recovery (self->autosave, GTK_WINDOW (self));
}

gboolean
nb_window_autosave_now (NbWindow  *self,
                        GError   **error)
{
  g_return_val_if_fail (NB_IS_WINDOW (self), FALSE);
  return nb_autosave_save_now (self->autosave, error);
}

const char *
nb_window_get_recovery_path (NbWindow *self)
{
  g_return_val_if_fail (NB_IS_WINDOW (self), NULL);
  return nb_autosave_get_path (self->autosave);
}

/* ---- set-up ------------------------------------------------------------ */

void
_nb_window_class_open_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_recent_activated);
}

void
_nb_window_open_init (NbWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);

  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  g_signal_connect_object (self->autosave, "recover", G_CALLBACK (on_recover), self, 0);
}
