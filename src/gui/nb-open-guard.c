/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-open-guard.c — opening a document safely (see nb-open-guard.h)
 *
 * A document that crashed the loader used to be reopened at every start:
 * the window never came up again. The state file names what is being
 * opened while it is; one left behind means that open crashed.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "nb-application.h"
#include "nb-dialogs.h"
#include "nb-open-guard.h"
#include "nb-report-file.h"
#include "nb-safe-write.h"

static char *crashed_on;         /* what the last run was opening, or "" */
static gboolean crashed_read;

static char *
state_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "nianbao", "opening", NULL);
}

static void
read_crashed (void)
{
  g_autofree char *path = NULL;

  if (crashed_read)
    return;
  crashed_read = TRUE;
  path = state_path ();
  if (!g_file_get_contents (path, &crashed_on, NULL, NULL))
    crashed_on = g_strdup ("");
  g_strchomp (crashed_on);
  g_remove (path);
}

void
nb_open_guard_begin (const char *what)
{
  g_autofree char *path = state_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  read_crashed ();   /* before this run's own mark replaces it */
  g_mkdir_with_parents (dir, 0700);
  /* Not nb-safe-write: a small file whose loss costs nothing, written
   * before every open; a plain write keeps opening fast. */
  g_file_set_contents (path, what, -1, NULL);
}

void
nb_open_guard_end (void)
{
  g_autofree char *path = state_path ();

  g_remove (path);
}

gboolean
nb_open_guard_crashed_on (const char *what)
{
  read_crashed ();
  return what && *crashed_on && g_str_equal (crashed_on, what);
}

static void
alternative_free (gpointer data)
{
  NbOpenAlternative *a = data;

  g_clear_object (&a->file);
  g_free (a->recovery_path);
  g_clear_pointer (&a->modified, g_date_time_unref);
  g_free (a);
}

static void
add_if_loads (GPtrArray  *found,
              GFile      *file,
              const char *recovery_path)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(NbReport) report = NULL;
  NbOpenAlternative *a;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL || !(report = nb_report_file_load (file, NULL, NULL)))
    return;
  a = g_new0 (NbOpenAlternative, 1);
  a->file = g_object_ref (file);
  a->recovery_path = g_strdup (recovery_path);
  a->modified = g_file_info_get_modification_date_time (info);
  g_ptr_array_add (found, a);
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const NbOpenAlternative *x = *(NbOpenAlternative **) a, *y = *(NbOpenAlternative **) b;

  return g_date_time_compare (y->modified, x->modified);
}

GPtrArray *
nb_open_alternatives (GFile      *file,
                      const char *recovery_dir)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (alternative_free);
  g_autoptr(GFile) backup = nb_safe_write_backup_file (file);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GDir) dir = recovery_dir ? g_dir_open (recovery_dir, 0, NULL) : NULL;
  const char *name;

  if (backup)
    add_if_loads (found, backup, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = NULL, *info_path = NULL, *of = NULL;
      g_autoptr(GKeyFile) info = g_key_file_new ();

      if (!g_str_has_suffix (name, NB_FILE_EXTENSION))
        continue;
      path = g_build_filename (recovery_dir, name, NULL);
      info_path = g_strconcat (path, ".info", NULL);
      if (g_key_file_load_from_file (info, info_path, G_KEY_FILE_NONE, NULL) &&
          (of = g_key_file_get_string (info, "recovery", "uri", NULL)) && g_str_equal (of, uri))
        {
          g_autoptr(GFile) copy = g_file_new_for_path (path);
          add_if_loads (found, copy, path);
        }
    }
  g_ptr_array_sort (found, newest_first);
  return found;
}

char *
nb_open_describe_age (GDateTime *when)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GTimeSpan span = g_date_time_difference (now, when);
  gint64 minutes = MAX (span / G_TIME_SPAN_MINUTE, 0);

  if (minutes < 1)
    return g_strdup (_("just now"));
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago", (gulong) minutes),
                            (int) minutes);
  if (minutes < 48 * 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", (gulong) (minutes / 60)),
                            (int) (minutes / 60));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", (gulong) (minutes / 1440)),
                          (int) (minutes / 1440));
}

typedef struct
{
  NbWindow  *window;
  GFile     *file;
  GPtrArray *alternatives;
} Offer;

static void
on_alternative_chosen (int      response,
                       gpointer user_data)
{
  Offer *offer = user_data;
  g_autoptr(GError) error = NULL;

  if (response >= 0 && (guint) response < offer->alternatives->len)
    {
      NbOpenAlternative *a = g_ptr_array_index (offer->alternatives, response);

      if (a->recovery_path)
        {
          if (!nb_window_recover (offer->window, a->recovery_path, &error))
            nb_alert_error (GTK_WINDOW (offer->window), _("The autosaved copy could not be read"), error->message);
        }
      else
        {
          g_autoptr(NbReport) report = nb_report_file_load (a->file, NULL, &error);

          if (report == NULL)
            nb_alert_error (GTK_WINDOW (offer->window), _("The backup could not be read"), error->message);
          else
            {
              /* Shown as the document itself, unsaved: Save writes it back
               * over the damaged file (which, not loading, never becomes
               * the new FILE~). */
              nb_window_set_report (offer->window, report, offer->file);
              nb_report_set_modified (report, TRUE);
            }
        }
    }
  g_object_unref (offer->window);
  g_object_unref (offer->file);
  g_ptr_array_unref (offer->alternatives);
  g_free (offer);
}

void
nb_open_offer_alternatives (NbWindow   *window,
                            GFile      *file,
                            const char *heading,
                            const char *message)
{
  g_autofree char *recovery_dir = nb_application_dup_recovery_dir ();
  g_autoptr(GPtrArray) found = nb_open_alternatives (file, recovery_dir);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) body = g_string_new (message);
  Offer *offer;

  if (found->len == 0)
    {
      nb_alert_error (GTK_WINDOW (window), heading, message);
      return;
    }
  /* At most the two newest copies: a choice a person can take in. */
  if (found->len > 2)
    g_ptr_array_set_size (found, 2);
  g_string_append (body, "\n\n");
  g_string_append (body, _("An older copy can be opened instead:"));
  for (guint i = 0; i < found->len; i++)
    {
      NbOpenAlternative *a = g_ptr_array_index (found, i);
      g_autofree char *age = nb_open_describe_age (a->modified);
      g_autofree char *stamp = g_date_time_format (a->modified, "%Y-%m-%d %H:%M");
      g_autofree char *name = g_file_get_parse_name (a->file);

      g_string_append_c (body, '\n');
      if (a->recovery_path)
        {
          g_string_append_printf (body, _("• the copy autosaved %s (%s)"), age, stamp);
          g_ptr_array_add (labels, g_strdup_printf (_("Open the _autosaved copy (%s)"), age));
        }
      else
        {
          g_string_append_printf (body, _("• the backup “%s”, saved %s (%s)"), name, age, stamp);
          g_ptr_array_add (labels, g_strdup_printf (_("Open the _backup (%s)"), age));
        }
    }
  g_ptr_array_add (labels, g_strdup (_("_Close")));
  g_ptr_array_add (labels, NULL);

  offer = g_new0 (Offer, 1);
  offer->window = g_object_ref (window);
  offer->file = g_object_ref (file);
  offer->alternatives = g_ptr_array_ref (found);
  nb_alert (GTK_WINDOW (window), heading, body->str, (const char *const *) labels->pdata,
            0, -1, (int) found->len, on_alternative_chosen, offer);
}

gboolean
nb_open_guard_hold_lock (NbWindow  *window,
                         GFile     *file,
                         GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  NbFileLock *lock;

  /* The old one first: a lock of this process would pass as ours. */
  g_object_set_data (G_OBJECT (window), "nb-file-lock", NULL);
  if (file == NULL)
    return TRUE;
  lock = nb_file_lock_acquire (file, &local_error);
  if (lock == NULL)
    {
      if (g_error_matches (local_error, NB_SAFE_WRITE_ERROR, NB_SAFE_WRITE_ERROR_LOCKED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return TRUE;   /* a read-only folder: saving will say so */
    }
  g_object_set_data_full (G_OBJECT (window), "nb-file-lock", lock, (GDestroyNotify) nb_file_lock_release);
  return TRUE;
}
