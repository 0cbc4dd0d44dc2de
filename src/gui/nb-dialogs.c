/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-dialogs.c — message and file dialogs for GTK 4.8 and newer */
#include "config.h"

#include <glib/gi18n.h>

#include "nb-dialogs.h"

typedef struct
{
  NbAlertCallback callback;
  gpointer        user_data;
  int             cancel;
  gboolean        answered;
} AlertData;

static void
alert_respond (GtkWindow *alert,
               int        response)
{
  AlertData *data = g_object_get_data (G_OBJECT (alert), "nb-alert-data");

  NbAlertCallback callback;
  gpointer user_data;

  if (data->answered)
    return;
  data->answered = TRUE;
  /* Destroying the alert frees @data. */
  callback = data->callback;
  user_data = data->user_data;
  gtk_window_destroy (alert);
  if (callback)
    callback (response, user_data);
}

static void
on_alert_button (GtkButton *button,
                 GtkWindow *alert)
{
  /* Stored +1 so that no answer is a NULL pointer. */
  alert_respond (alert, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "nb-response")) - 1);
}

static gboolean
on_alert_close_request (GtkWindow *alert,
                        gpointer   user_data)
{
  AlertData *data = g_object_get_data (G_OBJECT (alert), "nb-alert-data");

  alert_respond (alert, data->cancel);
  return TRUE;
}

GtkWindow *
nb_alert (GtkWindow          *parent,
          const char         *heading,
          const char         *body,
          const char *const  *buttons,
          int                 default_button,
          int                 destructive_button,
          int                 cancel,
          NbAlertCallback     callback,
          gpointer            user_data)
{
  GtkWindow *alert = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *button_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label;
  GtkEventController *keys;
  AlertData *data = g_new0 (AlertData, 1);

  data->callback = callback;
  data->user_data = user_data;
  data->cancel = cancel;
  g_object_set_data_full (G_OBJECT (alert), "nb-alert-data", data, g_free);

  gtk_widget_set_name (GTK_WIDGET (alert), "nb-alert");
  gtk_widget_add_css_class (GTK_WIDGET (alert), "nb-alert");
  gtk_window_set_title (alert, heading);
  gtk_window_set_modal (alert, TRUE);
  gtk_window_set_resizable (alert, FALSE);
  gtk_window_set_default_size (alert, 420, -1);
  if (parent)
    {
      gtk_window_set_transient_for (alert, parent);
      gtk_window_set_destroy_with_parent (alert, TRUE);
    }

  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_set_margin_top (box, 20);
  gtk_widget_set_margin_bottom (box, 20);

  label = gtk_label_new (heading);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  gtk_widget_add_css_class (label, "title-4");
  gtk_box_append (GTK_BOX (box), label);
  if (body && *body)
    {
      label = gtk_label_new (body);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_name (label, "nb-alert-body");
      gtk_box_append (GTK_BOX (box), label);
    }

  gtk_widget_set_halign (button_box, GTK_ALIGN_END);
  gtk_widget_set_margin_top (button_box, 8);
  for (int i = 0; buttons && buttons[i]; i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (buttons[i]);

      g_object_set_data (G_OBJECT (button), "nb-response", GINT_TO_POINTER (i + 1));
      g_signal_connect (button, "clicked", G_CALLBACK (on_alert_button), alert);
      if (i == default_button)
        {
          gtk_widget_add_css_class (button, "suggested-action");
          gtk_window_set_default_widget (alert, button);
        }
      if (i == destructive_button)
        gtk_widget_add_css_class (button, "destructive-action");
      gtk_box_append (GTK_BOX (button_box), button);
    }
  gtk_box_append (GTK_BOX (box), button_box);
  gtk_window_set_child (alert, box);

  g_signal_connect (alert, "close-request", G_CALLBACK (on_alert_close_request), NULL);
  /* Escape answers "cancel", as in every dialog. */
  keys = GTK_EVENT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (GTK_WIDGET (alert), keys);

  gtk_window_present (alert);
  if (default_button >= 0)
    {
      GtkWidget *def = gtk_window_get_default_widget (alert);

      if (def)
        gtk_widget_grab_focus (def);
    }
  return alert;
}

GtkWindow *
nb_alert_error (GtkWindow  *parent,
                const char *heading,
                const char *body)
{
  const char *buttons[] = { _("_Close"), NULL };

  return nb_alert (parent, heading, body, buttons, 0, -1, 0, NULL, NULL);
}

const NbFileFilter *
nb_report_file_filters (void)
{
  static NbFileFilter filters[2] = { { NULL, NULL }, { NULL, NULL } };

  /* Translated on first use, after the locale is set. */
  if (!filters[0].name)
    {
      filters[0].name = _("Annual reports (*.nianbao)");
      filters[0].pattern = "*.nianbao";
    }
  return filters;
}

/* "*.txt;*.html": a filter may take several patterns. */
static void
add_patterns (GtkFileFilter *filter,
              const char    *patterns)
{
  g_auto(GStrv) list = g_strsplit (patterns, ";", -1);

  for (guint i = 0; list[i]; i++)
    gtk_file_filter_add_pattern (filter, list[i]);
}

typedef enum
{
  CHOOSE_OPEN,
  CHOOSE_SAVE,
  CHOOSE_OPEN_MULTIPLE,
  CHOOSE_FOLDER,
} ChooseMode;

/* What a chooser answers, and to whom: one file (nb_choose_file) or a list
 * (nb_choose_files). */
typedef struct
{
  ChooseMode      mode;
  NbFileCallback  file_callback;
  NbFilesCallback files_callback;
  gpointer        user_data;
} Chosen;

static void
chosen_deliver (Chosen     *chosen,
                GListModel *files)
{
  if (chosen->files_callback)
    chosen->files_callback (files, chosen->user_data);
  else
    {
      g_autoptr(GFile) file = files ? g_list_model_get_item (files, 0) : NULL;

      chosen->file_callback (file, chosen->user_data);
    }
  g_free (chosen);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
set_dialog_filters (GtkFileDialog      *dialog,
                    const NbFileFilter *filters)
{
  g_autoptr(GListStore) list = g_list_store_new (GTK_TYPE_FILE_FILTER);

  for (guint i = 0; filters && filters[i].name; i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, filters[i].name);
      add_patterns (filter, filters[i].pattern);
      g_list_store_append (list, filter);
      if (i == 0)
        gtk_file_dialog_set_default_filter (dialog, filter);
    }
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (list));
}

static void
on_file_dialog_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GtkFileDialog *dialog = GTK_FILE_DIALOG (source);
  Chosen *chosen = user_data;
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  switch (chosen->mode)
    {
    case CHOOSE_OPEN:
      file = gtk_file_dialog_open_finish (dialog, result, &error);
      break;
    case CHOOSE_SAVE:
      file = gtk_file_dialog_save_finish (dialog, result, &error);
      break;
    case CHOOSE_FOLDER:
      file = gtk_file_dialog_select_folder_finish (dialog, result, &error);
      break;
    case CHOOSE_OPEN_MULTIPLE:
      files = gtk_file_dialog_open_multiple_finish (dialog, result, &error);
      break;
    }
  if (file)
    {
      GListStore *one = g_list_store_new (G_TYPE_FILE);

      g_list_store_append (one, file);
      files = G_LIST_MODEL (one);
    }
  if (error && !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    g_warning ("File dialog failed: %s", error->message);
  chosen_deliver (chosen, files);
}
#else
static void
on_native_response (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(GListModel) files = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_destroy (native);
  chosen_deliver (user_data, files);
  g_object_unref (native);
}
#endif

/* The one chooser behind nb_choose_file() and nb_choose_files(). */
static void
choose (GtkWindow          *parent,
        Chosen             *chosen,
        const char         *title,
        const char         *accept,
        const NbFileFilter *filters,
        GFile              *initial_folder,
        const char         *initial_name)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  if (accept)
    gtk_file_dialog_set_accept_label (dialog, accept);
  if (chosen->mode != CHOOSE_FOLDER)
    set_dialog_filters (dialog, filters);
  if (initial_folder)
    gtk_file_dialog_set_initial_folder (dialog, initial_folder);
  if (initial_name)
    gtk_file_dialog_set_initial_name (dialog, initial_name);
  switch (chosen->mode)
    {
    case CHOOSE_OPEN:
      gtk_file_dialog_open (dialog, parent, NULL, on_file_dialog_done, chosen);
      break;
    case CHOOSE_SAVE:
      gtk_file_dialog_save (dialog, parent, NULL, on_file_dialog_done, chosen);
      break;
    case CHOOSE_FOLDER:
      gtk_file_dialog_select_folder (dialog, parent, NULL, on_file_dialog_done, chosen);
      break;
    case CHOOSE_OPEN_MULTIPLE:
      gtk_file_dialog_open_multiple (dialog, parent, NULL, on_file_dialog_done, chosen);
      break;
    }
#else
  GtkFileChooserAction action = chosen->mode == CHOOSE_SAVE ? GTK_FILE_CHOOSER_ACTION_SAVE
                                : chosen->mode == CHOOSE_FOLDER ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                : GTK_FILE_CHOOSER_ACTION_OPEN;
  GtkFileChooserNative *native;

  if (!accept)
    accept = chosen->mode == CHOOSE_SAVE ? _("_Save") : _("_Open");
  native = gtk_file_chooser_native_new (title, parent, action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), chosen->mode == CHOOSE_OPEN_MULTIPLE);
  for (guint i = 0; chosen->mode != CHOOSE_FOLDER && filters && filters[i].name; i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, filters[i].name);
      add_patterns (filter, filters[i].pattern);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
    }
  if (initial_folder)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), initial_folder, NULL);
  if (chosen->mode == CHOOSE_SAVE && initial_name)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), initial_name);
  g_signal_connect (native, "response", G_CALLBACK (on_native_response), chosen);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
#endif
}

void
nb_choose_file (GtkWindow          *parent,
                gboolean            save,
                const char         *title,
                const NbFileFilter *filters,
                GFile              *initial_folder,
                const char         *initial_name,
                NbFileCallback      callback,
                gpointer            user_data)
{
  Chosen *chosen = g_new0 (Chosen, 1);

  chosen->mode = save ? CHOOSE_SAVE : CHOOSE_OPEN;
  chosen->file_callback = callback;
  chosen->user_data = user_data;
  choose (parent, chosen, title, NULL, filters, initial_folder, initial_name);
}

void
nb_choose_files (GtkWindow          *parent,
                 gboolean            folder,
                 const char         *title,
                 const char         *accept,
                 const NbFileFilter *filters,
                 NbFilesCallback     callback,
                 gpointer            user_data)
{
  Chosen *chosen = g_new0 (Chosen, 1);

  chosen->mode = folder ? CHOOSE_FOLDER : CHOOSE_OPEN_MULTIPLE;
  chosen->files_callback = callback;
  chosen->user_data = user_data;
  choose (parent, chosen, title, accept, filters, NULL, NULL);
}
