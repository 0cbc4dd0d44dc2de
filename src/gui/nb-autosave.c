/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-autosave.c — NbAutosave: copies of unsaved work, and offering them back
 *
 * A copy is FOLDER/UUID.nianbao in the recovery folder, beside
 * UUID.nianbao.info (a key file: where the document belongs, when the copy
 * was written). A copy exists only while its window has unsaved work:
 * saving, closing or discarding removes it, so any copy found at start is
 * from a session that stopped.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "nb-application.h"
#include "nb-autosave.h"
#include "nb-dialogs.h"
#include "nb-open-guard.h"
#include "nb-report-file.h"
#include "nb-safe-write.h"

#define DEFAULT_INTERVAL 30

struct _NbAutosave
{
  GObject       parent_instance;

  NbReport     *report;
  GFile        *file;
  char         *path;        /* our copy, once written */
  guint         interval;
  guint         timeout_id;
  GSignalGroup *report_signals;
};

G_DEFINE_FINAL_TYPE (NbAutosave, nb_autosave, G_TYPE_OBJECT)

enum { PROP_0, PROP_REPORT, PROP_FILE, PROP_PATH, PROP_INTERVAL, N_PROPS };
enum { RECOVER, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
info_path_of (const char *path)
{
  return g_strconcat (path, ".info", NULL);
}

static void
remove_copy (const char *path)
{
  g_autofree char *info = info_path_of (path);

  g_remove (path);
  g_remove (info);
}

static gboolean
timeout_cb (gpointer user_data)
{
  NbAutosave *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!self->report || !nb_report_get_modified (self->report))
    {
      self->timeout_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (!nb_autosave_save_now (self, &error))
    g_warning ("Autosave failed: %s", error->message);
  return G_SOURCE_CONTINUE;
}

static void
on_report_changed (NbReport   *report,
                   NbAutosave *self)
{
  if (nb_report_get_modified (report) && !self->timeout_id)
    self->timeout_id = g_timeout_add_seconds (self->interval, timeout_cb, self);
}

gboolean
nb_autosave_save_now (NbAutosave  *self,
                      GError     **error)
{
  g_autofree char *dir = nb_application_dup_recovery_dir ();
  g_autofree char *data = NULL;
  g_autofree char *info_path = NULL;
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* Shown to the clerk as is when offering the copy back. */
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d %H:%M");
  gsize length;

  g_return_val_if_fail (NB_IS_AUTOSAVE (self), FALSE);
  if (!self->report)
    return TRUE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot create the folder for autosaved copies, %s"), dir);
      return FALSE;
    }
  if (!self->path)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *name = g_strconcat (uuid, NB_FILE_EXTENSION, NULL);

      self->path = g_build_filename (dir, name, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
    }
  data = nb_report_file_to_data (self->report, &length);
  {
    /* Through the one atomic writer, as every file nianbao writes. */
    g_autoptr(GFile) copy = g_file_new_for_path (self->path);
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
  info_path = info_path_of (self->path);
  return g_key_file_save_to_file (info, info_path, error);
}

void
nb_autosave_discard (NbAutosave *self)
{
  g_return_if_fail (NB_IS_AUTOSAVE (self));

  if (self->path)
    {
      remove_copy (self->path);
      g_clear_pointer (&self->path, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
    }
  g_clear_handle_id (&self->timeout_id, g_source_remove);
}

void
nb_autosave_adopt (NbAutosave *self,
                   const char *path)
{
  g_return_if_fail (NB_IS_AUTOSAVE (self));

  if (g_strcmp0 (self->path, path) == 0)
    return;
  g_free (self->path);
  self->path = g_strdup (path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

NbReport *
nb_autosave_load_copy (const char  *path,
                       GFile      **original,
                       GError     **error)
{
  g_autofree char *info_path = info_path_of (path);
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autoptr(GFile) copy = g_file_new_for_path (path);
  g_autofree char *uri = NULL;
  NbReport *report;

  if (original)
    *original = NULL;
  if (!(report = nb_report_file_load (copy, NULL, error)))
    return NULL;
  if (original && g_key_file_load_from_file (info, info_path, G_KEY_FILE_NONE, NULL) &&
      (uri = g_key_file_get_string (info, "recovery", "uri", NULL)))
    *original = g_file_new_for_uri (uri);
  return report;
}

/* ---- offering copies back ---------------------------------------------- */

static char **
find_copies (void)
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

typedef struct
{
  NbAutosave *self;
  char       *path;
} Offer;

static void
on_offer_response (int      response,
                   gpointer user_data)
{
  Offer *offer = user_data;

  if (response == 0)
    g_signal_emit (offer->self, signals[RECOVER], 0, offer->path);
  else if (response == 1)
    remove_copy (offer->path);
  g_object_unref (offer->self);
  g_free (offer->path);
  g_free (offer);
}

/* The question for one copy, or NULL once the copy was said to be
 * unreadable (@parent got an error alert). */
static char *
describe_copy (const char *path,
               GtkWindow  *parent)
{
  g_autofree char *info_path = info_path_of (path);
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autofree char *when = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *what = NULL;
  g_autoptr(NbReport) report = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  if (g_key_file_load_from_file (info, info_path, G_KEY_FILE_NONE, NULL))
    {
      when = g_key_file_get_string (info, "recovery", "saved", NULL);
      uri = g_key_file_get_string (info, "recovery", "uri", NULL);
    }
  /* A copy that crashed the loader last time is not loaded again; one
   * that does not load is said, never skipped silently. */
  if (nb_open_guard_crashed_on (path))
    {
      g_autofree char *body = g_strdup_printf (_("nianbao stopped while reading the autosaved copy “%s” "
                                                 "last time, so it was not read again. It is kept in "
                                                 "that folder."), path);
      nb_alert_error (parent, _("An autosaved copy was not opened"), body);
      return NULL;
    }
  nb_open_guard_begin (path);
  report = nb_report_file_load (file, NULL, &error);
  nb_open_guard_end ();
  if (!report)
    {
      g_autofree char *body = g_strdup_printf (_("The copy autosaved at %s cannot be read: %s\n"
                                                 "It is kept as “%s”."),
                                               when ? when : "?", error->message, path);
      nb_alert_error (parent, _("An autosaved copy is damaged"), body);
      return NULL;
    }
  what = nb_report_dup_title (report);
  if (uri)
    {
      g_autoptr(GFile) original = g_file_new_for_uri (uri);
      g_autofree char *name = g_file_get_parse_name (original);

      return g_strdup_printf (_("Changes to “%s” (%s) were not saved when the application last stopped. "
                                "The copy was autosaved at %s."), what, name, when ? when : "?");
    }
  return g_strdup_printf (_("“%s”, never saved, was open when the application last stopped. "
                            "The copy was autosaved at %s."), what, when ? when : "?");
}

void
nb_autosave_offer_recovery (NbAutosave *self,
                            GtkWindow  *parent)
{
  g_auto(GStrv) files = find_copies ();

  g_return_if_fail (NB_IS_AUTOSAVE (self));

  for (guint i = 0; files[i]; i++)
    {
      const char *buttons[] = { _("_Recover"), _("_Discard"), _("_Later"), NULL };
      g_autofree char *body = NULL;
      Offer *offer;

      /* A copy of the document open here is not from a crash. */
      if (g_strcmp0 (files[i], self->path) == 0)
        continue;
      if (!(body = describe_copy (files[i], parent)))
        continue;
      offer = g_new0 (Offer, 1);
      offer->self = g_object_ref (self);
      offer->path = g_strdup (files[i]);
      nb_alert (parent, _("Recover unsaved changes?"), body, buttons, 0, 1, 2, on_offer_response, offer);
    }
}

/* ---- the object -------------------------------------------------------- */

NbReport *
nb_autosave_get_report (NbAutosave *self)
{
  g_return_val_if_fail (NB_IS_AUTOSAVE (self), NULL);
  return self->report;
}

void
nb_autosave_set_report (NbAutosave *self,
                        NbReport   *report)
{
  g_return_if_fail (NB_IS_AUTOSAVE (self));

  if (!g_set_object (&self->report, report))
    return;
  g_signal_group_set_target (self->report_signals, report);
  if (!report)
    g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
}

GFile *
nb_autosave_get_file (NbAutosave *self)
{
  g_return_val_if_fail (NB_IS_AUTOSAVE (self), NULL);
  return self->file;
}

void
nb_autosave_set_file (NbAutosave *self,
                      GFile      *file)
{
  g_return_if_fail (NB_IS_AUTOSAVE (self));

  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

const char *
nb_autosave_get_path (NbAutosave *self)
{
  g_return_val_if_fail (NB_IS_AUTOSAVE (self), NULL);
  return self->path;
}

static void
nb_autosave_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  NbAutosave *self = NB_AUTOSAVE (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_autosave_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  NbAutosave *self = NB_AUTOSAVE (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      nb_autosave_set_report (self, g_value_get_object (value));
      break;
    case PROP_FILE:
      nb_autosave_set_file (self, g_value_get_object (value));
      break;
    case PROP_INTERVAL:
      self->interval = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_autosave_dispose (GObject *object)
{
  NbAutosave *self = NB_AUTOSAVE (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->report_signals)
    g_signal_group_set_target (self->report_signals, NULL);
  g_clear_object (&self->report_signals);
  g_clear_object (&self->report);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (nb_autosave_parent_class)->dispose (object);
}

static void
nb_autosave_finalize (GObject *object)
{
  NbAutosave *self = NB_AUTOSAVE (object);

  /* Left on disk: a copy still here is what the next start offers back. */
  g_free (self->path);

  G_OBJECT_CLASS (nb_autosave_parent_class)->finalize (object);
}

static void
nb_autosave_class_init (NbAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = nb_autosave_get_property;
  object_class->set_property = nb_autosave_set_property;
  object_class->dispose = nb_autosave_dispose;
  object_class->finalize = nb_autosave_finalize;

  properties[PROP_REPORT] = g_param_spec_object ("report", NULL, NULL, NB_TYPE_REPORT, rw);
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, rw);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] = g_param_spec_uint ("interval", NULL, NULL, 1, G_MAXUINT, DEFAULT_INTERVAL,
                                                 G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RECOVER] = g_signal_new ("recover", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
nb_autosave_init (NbAutosave *self)
{
  self->interval = DEFAULT_INTERVAL;
  self->report_signals = g_signal_group_new (NB_TYPE_REPORT);
  g_signal_group_connect_object (self->report_signals, "changed", G_CALLBACK (on_report_changed),
                                 self, 0);
}

NbAutosave *
nb_autosave_new (void)
{
  return g_object_new (NB_TYPE_AUTOSAVE, NULL);
}
