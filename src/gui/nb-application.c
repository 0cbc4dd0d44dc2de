/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-application.c — NbApplication: windows, settings, recent documents
 *
 * One process per session (GtkApplication is unique): files given on the
 * command line or double-clicked arrive through "open". Autosaved copies
 * found at start-up can only be from a session that did not end cleanly.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "nb-aggregate-window.h"
#include "nb-application.h"
#include "nb-dialogs.h"
#include "nb-open-guard.h"
#include "nb-window.h"

#define MAX_RECENT 10

struct _NbApplication
{
  GtkApplication  parent_instance;

  GSettings      *settings;
  GSettings      *interface_settings;  /* org.gnome.desktop.interface, if present */
  char          **recent_fallback;      /* when there is no schema */
  gboolean        offered_recovery;
};

G_DEFINE_FINAL_TYPE (NbApplication, nb_application, GTK_TYPE_APPLICATION)

static GSettings *
settings_if_installed (const char *schema_id)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source)
    schema = g_settings_schema_source_lookup (source, schema_id, TRUE);
  return schema ? g_settings_new (schema_id) : NULL;
}

/* Follow the desktop's light or dark preference: GTK 4 without libadwaita
 * does not read it itself. NB_COLOR_SCHEME=dark|light overrides (tests). */
static void
update_color_scheme (NbApplication *self)
{
  const char *forced = g_getenv ("NB_COLOR_SCHEME");
  gboolean dark = FALSE;

  if (forced && *forced)
    dark = g_str_equal (forced, "dark");
  else if (self->interface_settings)
    {
      g_autofree char *scheme = g_settings_get_string (self->interface_settings, "color-scheme");
      dark = g_strcmp0 (scheme, "prefer-dark") == 0;
    }
  /* Only when it changes: every set reloads the whole theme (35–80 ms at
   * start-up on the bench machine), even to the value it had. */
  {
    GtkSettings *settings = gtk_settings_get_default ();
    gboolean now = FALSE;

    g_object_get (settings, "gtk-application-prefer-dark-theme", &now, NULL);
    if (now != dark)
      g_object_set (settings, "gtk-application-prefer-dark-theme", dark, NULL);
  }
}

static void
on_color_scheme_changed (GSettings     *settings,
                         const char    *key,
                         NbApplication *self)
{
  update_color_scheme (self);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  /* Each window asks about its own unsaved changes. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *authors[] = { "nianbao contributors", NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (app),
                         "program-name", _("Annual Report"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Prepare the annual report on open government information"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
new_window_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (nb_window_new (NB_APPLICATION (user_data))));
}

/* 汇总: the superior's window (nb-aggregate-window.c). */
static void
aggregate_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (nb_aggregate_window_new (GTK_APPLICATION (user_data))));
}

static const GActionEntry app_actions[] = {
  { "aggregate", aggregate_activated },
  { "quit", quit_activated },
  { "about", about_activated },
  { "new-window", new_window_activated },
};

static void
nb_application_startup (GApplication *application)
{
  NbApplication *self = NB_APPLICATION (application);
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.new", { "<Control>n", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.import", { "<Control>i", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.export-pdf", { "<Control><Shift>e", NULL } },
    { "win.print", { "<Control>p", NULL } },
    { "win.print-preview", { "<Control><Shift>p", NULL } },
    { "win.close", { "<Control>w", NULL } },
    { "win.next-problem", { "F8", NULL } },
    { "win.show-problems", { "F9", NULL } },
  };

  G_APPLICATION_CLASS (nb_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);

  gtk_css_provider_load_from_resource (css, "/org/nianbao/Nianbao/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_window_set_default_icon_name (APP_ID);

  self->settings = settings_if_installed (APP_ID);
  if (!self->settings)
    g_message ("Settings schema %s not installed: window size and recent documents are not remembered", APP_ID);
  self->interface_settings = settings_if_installed ("org.gnome.desktop.interface");
  if (self->interface_settings)
    {
      g_autoptr(GSettingsSchema) schema = NULL;

      g_object_get (self->interface_settings, "settings-schema", &schema, NULL);
      if (g_settings_schema_has_key (schema, "color-scheme"))
        g_signal_connect (self->interface_settings, "changed::color-scheme",
                          G_CALLBACK (on_color_scheme_changed), self);
      else
        g_clear_object (&self->interface_settings);
    }
  update_color_scheme (self);
}

/* Offers back what a crashed session had not saved, once per run. */
static void
offer_recovery (NbApplication *self,
                NbWindow      *window)
{
  if (self->offered_recovery)
    return;
  self->offered_recovery = TRUE;
  nb_window_offer_recovery (window);
}

static void
nb_application_activate (GApplication *application)
{
  NbApplication *self = NB_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (!window)
    {
      NbWindow *nb = nb_window_new (self);

      window = GTK_WINDOW (nb);
      /* Shown first, so an error about the file comes up in front of it. */
      gtk_window_present (window);
      /* Reopen the last document, as a clerk expects to pick up where she left. */
      if (self->settings && !g_getenv ("NB_NO_REOPEN"))
        {
          g_autofree char *last = g_settings_get_string (self->settings, "last-document");

          if (last && *last)
            {
              g_autoptr(GFile) file = g_file_new_for_uri (last);

              /* Not the file whose opening crashed last time: that would
               * crash at every start. */
              if (nb_open_guard_crashed_on (last))
                {
                  g_autofree char *name = g_file_get_parse_name (file);
                  g_autofree char *body = g_strdup_printf (_("nianbao stopped while opening “%s” last time, "
                                                             "so it was not opened again. Use Open to try it."),
                                                           name);

                  g_settings_set_string (self->settings, "last-document", "");
                  nb_alert_error (window, _("The last report was not reopened"), body);
                }
              else if (g_file_query_exists (file, NULL))
                nb_window_open_file (nb, file);
            }
        }
      offer_recovery (self, nb);
      return;
    }
  gtk_window_present (window);
}

static void
nb_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  NbApplication *self = NB_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
      NbWindow *window;

      /* Reuse a window that shows no document; otherwise one window per file. */
      if (active && NB_IS_WINDOW (active) && !nb_window_get_report (NB_WINDOW (active)))
        window = NB_WINDOW (active);
      else
        window = nb_window_new (self);
      gtk_window_present (GTK_WINDOW (window));
      nb_window_open_file (window, files[i]);
      offer_recovery (self, window);
    }
}

static void
nb_application_dispose (GObject *object)
{
  NbApplication *self = NB_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->interface_settings);
  g_clear_pointer (&self->recent_fallback, g_strfreev);

  G_OBJECT_CLASS (nb_application_parent_class)->dispose (object);
}

static void
nb_application_class_init (NbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = nb_application_dispose;
  app_class->startup = nb_application_startup;
  app_class->activate = nb_application_activate;
  app_class->open = nb_application_open;
}

static void
nb_application_init (NbApplication *self)
{
  self->recent_fallback = g_new0 (char *, 1);
}

NbApplication *
nb_application_new (void)
{
  /* NB_NON_UNIQUE lets tests and the screenshot script run beside a
   * running instance without handing their files to it. */
  GApplicationFlags flags = G_APPLICATION_HANDLES_OPEN;

  if (g_getenv ("NB_NON_UNIQUE"))
    flags |= G_APPLICATION_NON_UNIQUE;
  return g_object_new (NB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags,
                       "resource-base-path", "/org/nianbao/Nianbao",
                       NULL);
}

GSettings *
nb_application_get_settings (NbApplication *self)
{
  g_return_val_if_fail (NB_IS_APPLICATION (self), NULL);
  return self->settings;
}

char **
nb_application_dup_recent (NbApplication *self)
{
  g_return_val_if_fail (NB_IS_APPLICATION (self), NULL);
  if (self->settings)
    return g_settings_get_strv (self->settings, "recent-files");
  return g_strdupv (self->recent_fallback);
}

static void
store_recent (NbApplication *self,
              GPtrArray     *uris)
{
  g_ptr_array_add (uris, NULL);
  if (self->settings)
    g_settings_set_strv (self->settings, "recent-files", (const char *const *) uris->pdata);
  else
    {
      g_strfreev (self->recent_fallback);
      self->recent_fallback = g_strdupv ((char **) uris->pdata);
    }
}

void
nb_application_add_recent (NbApplication *self,
                           GFile         *file)
{
  g_auto(GStrv) old = nb_application_dup_recent (self);
  g_autoptr(GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *uri = g_file_get_uri (file);

  g_ptr_array_add (uris, g_strdup (uri));
  for (guint i = 0; old[i] && uris->len < MAX_RECENT; i++)
    if (!g_str_equal (old[i], uri))
      g_ptr_array_add (uris, g_strdup (old[i]));
  store_recent (self, uris);
  if (self->settings)
    g_settings_set_string (self->settings, "last-document", uri);
}

void
nb_application_remove_recent (NbApplication *self,
                              const char    *uri)
{
  g_auto(GStrv) old = nb_application_dup_recent (self);
  g_autoptr(GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; old[i]; i++)
    if (!g_str_equal (old[i], uri))
      g_ptr_array_add (uris, g_strdup (old[i]));
  store_recent (self, uris);
}

char *
nb_application_dup_recovery_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "nianbao", "recovery", NULL);
}
