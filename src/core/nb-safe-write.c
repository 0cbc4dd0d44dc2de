/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-safe-write.c — the one atomic writer (see nb-safe-write.h)
 *
 * Written against plain file descriptors rather than GFileOutputStream:
 * GLib 2.74's g_file_replace_contents renames a partial file over the
 * target after a write error, and for a symlink or a file with a second
 * hard link it rewrites the target in place. Here every write, fsync and
 * close is checked and the target is only ever replaced by rename().
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#ifdef G_OS_UNIX
#include <signal.h>
#include <unistd.h>
#include <sys/stat.h>
#endif
#ifdef G_OS_WIN32
#include <io.h>
#include <windows.h>
#endif

#include "nb-safe-write.h"

/* Windows' C library turns every "\n" written through a descriptor not
 * opened in binary mode into "\r\n" (and reads ^Z as the end): every
 * file here is opened with O_BINARY, which is 0 elsewhere. */
#ifndef O_BINARY
#define O_BINARY 0
#endif

#define TMP_INFIX ".nb-tmp-"
#define LOCK_SUFFIX ".nb-lock"
#define LOCK_MAGIC "nianbao-lock 1"
/* A lock from another computer (a shared folder) cannot be checked for a
 * living process; after this long it is taken to be left by a crash. */
#define LOCK_FOREIGN_STALE_SECONDS (12 * 3600)

G_DEFINE_QUARK (nb-safe-write-error-quark, nb_safe_write_error)

struct _NbFileLock
{
  char *path;       /* the lock file (GLib filename encoding) */
  gboolean owned;   /* we created it, so we remove it */
};

/* The error for a failed system call on @what (display name). */
static gboolean
set_errno_error (GError    **error,
                 int         saved_errno,
                 const char *what)
{
  switch (saved_errno)
    {
#ifdef EDQUOT
    case EDQUOT:
#endif
    case ENOSPC:
      g_set_error (error, NB_SAFE_WRITE_ERROR, NB_SAFE_WRITE_ERROR_NO_SPACE,
                   _("The disk is full: “%s” could not be written and the previous file is unchanged. "
                     "Free some space and try again."), what);
      break;
    case EACCES:
    case EPERM:
    case EROFS:
      g_set_error (error, NB_SAFE_WRITE_ERROR, NB_SAFE_WRITE_ERROR_PERMISSION,
                   _("Cannot write “%s”: the folder is read-only or you lack permission to write in it (%s). "
                     "Choose another folder."), what, g_strerror (saved_errno));
      break;
    default:
      g_set_error (error, NB_SAFE_WRITE_ERROR, NB_SAFE_WRITE_ERROR_FAILED,
                   _("Cannot write “%s”: %s"), what, g_strerror (saved_errno));
      break;
    }
  return FALSE;
}

GFile *
nb_safe_write_resolve (GFile   *target,
                       GError **error)
{
  g_autoptr(GFile) current = g_object_ref (target);

  g_return_val_if_fail (G_IS_FILE (target), NULL);

  /* As the kernel does: at most 40 links in a chain. */
  for (int i = 0; i < 40; i++)
    {
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GFile) parent = NULL;
      const char *link;

      info = g_file_query_info (current,
                                G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK ","
                                G_FILE_ATTRIBUTE_STANDARD_SYMLINK_TARGET,
                                G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &local_error);
      if (info == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            return g_steal_pointer (&current);   /* a new file */
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (!g_file_info_get_is_symlink (info))
        return g_steal_pointer (&current);
      link = g_file_info_get_symlink_target (info);
      parent = g_file_get_parent (current);
      if (link == NULL || parent == NULL)
        return g_steal_pointer (&current);
      {
        GFile *next = g_file_resolve_relative_path (parent, link);
        g_object_unref (current);
        current = next;
      }
    }
  {
    g_autofree char *name = g_file_get_parse_name (target);
    g_set_error (error, NB_SAFE_WRITE_ERROR, NB_SAFE_WRITE_ERROR_FAILED,
                 _("Cannot write “%s”: it is a symbolic link that leads round in a circle"), name);
  }
  return NULL;
}

static gboolean
stat_is_read_only (const char     *path,
                   const GStatBuf *st)
{
  /* Root may write anything; the mode still says "read-only". */
  return (st->st_mode & S_IWUSR) == 0 || g_access (path, W_OK) != 0;
}

gboolean
nb_safe_write_is_read_only (GFile *target)
{
  g_autoptr(GFile) real = nb_safe_write_resolve (target, NULL);
  g_autofree char *path = real ? g_file_get_path (real) : NULL;
  GStatBuf st;

  return path && g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && stat_is_read_only (path, &st);
}

GFile *
nb_safe_write_backup_file (GFile *target)
{
  g_autoptr(GFile) real = nb_safe_write_resolve (target, NULL);
  g_autofree char *path = g_file_get_path (real ? real : target);
  g_autofree char *backup = NULL;

  if (path == NULL)
    return NULL;
  backup = g_strconcat (path, "~", NULL);
  return g_file_new_for_path (backup);
}

/* ---- the lock ---------------------------------------------------------- */

static gboolean
process_is_alive (gint64 pid)
{
#ifdef G_OS_UNIX
  if (pid <= 0 || pid > G_MAXINT)
    return FALSE;
  return kill ((pid_t) pid, 0) == 0 || errno == EPERM;
#elif defined (G_OS_WIN32)
  HANDLE h = OpenProcess (SYNCHRONIZE, FALSE, (DWORD) pid);
  gboolean alive;

  if (h == NULL)
    return GetLastError () == ERROR_ACCESS_DENIED;
  alive = WaitForSingleObject (h, 0) == WAIT_TIMEOUT;
  CloseHandle (h);
  return alive;
#else
  return TRUE;
#endif
}

static gint64
current_pid (void)
{
#ifdef G_OS_WIN32
  return (gint64) GetCurrentProcessId ();
#else
  return (gint64) getpid ();
#endif
}

static char *
lock_path_for (const char *real_path)
{
  g_autofree char *dir = g_path_get_dirname (real_path);
  g_autofree char *base = g_path_get_basename (real_path);
  g_autofree char *name = g_strconcat (".", base, LOCK_SUFFIX, NULL);

  return g_build_filename (dir, name, NULL);
}

typedef enum { LOCK_FREE, LOCK_OURS, LOCK_HELD } LockState;

/* Who holds the lock file at @path: nobody (absent or left by a dead
 * process), this process, or another living one (@holder describes it). */
static LockState
lock_state (const char  *path,
            char       **holder)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GStatBuf st;
  gint64 pid = 0, age;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return g_file_test (path, G_FILE_TEST_EXISTS) ? LOCK_HELD : LOCK_FREE;
  age = g_stat (path, &st) == 0 ? (gint64) time (NULL) - (gint64) st.st_mtime : 0;

  lines = g_strsplit (text, "\n", 4);
  if (g_strv_length (lines) < 3 || strcmp (lines[0], LOCK_MAGIC) != 0 ||
      !g_ascii_string_to_signed (lines[1], 10, 1, G_MAXINT64, &pid, NULL))
    {
      /* Being written by its creator this very moment, or garbage. */
      *holder = g_strdup (_("another nianbao process"));
      return age > 10 ? LOCK_FREE : LOCK_HELD;
    }
  if (g_strcmp0 (lines[2], g_get_host_name ()) == 0)
    {
      if (pid == current_pid ())
        return LOCK_OURS;
      if (!process_is_alive (pid))
        return LOCK_FREE;
      {
        char number[24];
        g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, pid);
        *holder = g_strdup_printf (_("nianbao process %s on this computer"), number);
      }
      return LOCK_HELD;
    }
  *holder = g_strdup_printf (_("nianbao on the computer “%s”"), lines[2]);
  return age > LOCK_FOREIGN_STALE_SECONDS ? LOCK_FREE : LOCK_HELD;
}

static gboolean
write_all (int           fd,
           const char   *data,
           gsize         length,
           int          *saved_errno)
{
  while (length > 0)
    {
      gssize n = write (fd, data, MIN (length, (gsize) G_MAXINT / 2));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          *saved_errno = errno;
          return FALSE;
        }
      if (n == 0)
        {
          *saved_errno = ENOSPC;
          return FALSE;
        }
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

/* Creates the lock file at @path holding @content, or fails with EEXIST
 * when there is one. On POSIX it appears whole or not at all (written
 * aside, then linked into place), so a kill never leaves an empty lock. */
static gboolean
create_lock_file (const char *path,
                  const char *content,
                  int        *saved_errno)
{
#ifdef G_OS_UNIX
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmpl = NULL;
  gboolean ok;
  int fd;

  /* The lock's base is ".NAME.nb-lock"; its temporary is one of ours for
   * NAME, removed as stale by the next writer if a kill leaves it. */
  base[strlen (base) - strlen (LOCK_SUFFIX)] = '\0';
  tmpl = g_strconcat (dir, G_DIR_SEPARATOR_S, base, TMP_INFIX "XXXXXX", NULL);
  fd = g_mkstemp_full (tmpl, O_RDWR | O_BINARY, 0644);
  if (fd < 0)
    {
      *saved_errno = errno;
      return FALSE;
    }
  ok = write_all (fd, content, strlen (content), saved_errno);
  ok = g_close (fd, NULL) && ok;
  if (ok && link (tmpl, path) != 0)
    {
      *saved_errno = errno;
      ok = FALSE;
    }
  g_unlink (tmpl);
  /* No hard links here (a FAT stick, some shares): create it in place. */
  if (!ok && *saved_errno != EEXIST && *saved_errno != ENOSPC)
    {
      fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_BINARY, 0644);
      if (fd < 0)
        {
          *saved_errno = errno;
          return FALSE;
        }
      ok = write_all (fd, content, strlen (content), saved_errno);
      ok = g_close (fd, NULL) && ok;
      if (!ok)
        g_unlink (path);
    }
  return ok;
#else
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_BINARY, 0644);
  gboolean ok;

  if (fd < 0)
    {
      *saved_errno = errno;
      return FALSE;
    }
  ok = write_all (fd, content, strlen (content), saved_errno);
  ok = g_close (fd, NULL) && ok;
  if (!ok)
    g_unlink (path);
  return ok;
#endif
}

static NbFileLock *
lock_acquire_path (const char  *real_path,
                   const char  *display,
                   GError     **error)
{
  g_autofree char *path = lock_path_for (real_path);
  g_autofree char *content = NULL;

  content = g_strdup_printf (LOCK_MAGIC "\n%" G_GINT64_FORMAT "\n%s\n",
                             current_pid (), g_get_host_name ());

  for (int attempt = 0; attempt < 3; attempt++)
    {
      g_autofree char *holder = NULL;
      int saved = 0;

      if (create_lock_file (path, content, &saved))
        {
          NbFileLock *lock = g_new0 (NbFileLock, 1);
          lock->path = g_steal_pointer (&path);
          lock->owned = TRUE;
          return lock;
        }
      if (saved != EEXIST)
        {
          g_autofree char *dir = g_path_get_dirname (display);
          if (saved == ENOENT || saved == ENOTDIR)
            g_set_error (error, NB_SAFE_WRITE_ERROR, NB_SAFE_WRITE_ERROR_FAILED,
                         _("Cannot write “%s”: the folder “%s” does not exist"), display, dir);
          else if (saved == EACCES || saved == EPERM || saved == EROFS)
            g_set_error (error, NB_SAFE_WRITE_ERROR, NB_SAFE_WRITE_ERROR_PERMISSION,
                         _("Cannot write “%s”: the folder “%s” is read-only or you lack permission to "
                           "write in it. Choose another folder."), display, dir);
          else
            set_errno_error (error, saved, display);
          return NULL;
        }
      switch (lock_state (path, &holder))
        {
        case LOCK_OURS:
          {
            NbFileLock *lock = g_new0 (NbFileLock, 1);
            lock->path = g_steal_pointer (&path);
            lock->owned = FALSE;
            return lock;
          }
        case LOCK_FREE:
          g_unlink (path);   /* left by a process that died */
          continue;
        case LOCK_HELD:
        default:
          g_set_error (error, NB_SAFE_WRITE_ERROR, NB_SAFE_WRITE_ERROR_LOCKED,
                       _("“%s” is open in %s: close it there first, so that neither overwrites "
                         "the other's changes"), display, holder);
          return NULL;
        }
    }
  g_set_error (error, NB_SAFE_WRITE_ERROR, NB_SAFE_WRITE_ERROR_LOCKED,
               _("“%s” is being written by another nianbao process; try again"), display);
  return NULL;
}

NbFileLock *
nb_file_lock_acquire (GFile   *target,
                      GError **error)
{
  g_autoptr(GFile) real = NULL;
  g_autofree char *real_path = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (G_IS_FILE (target), NULL);

  display = g_file_get_parse_name (target);
  if (!(real = nb_safe_write_resolve (target, error)))
    return NULL;
  if (!(real_path = g_file_get_path (real)))
    {
      g_set_error (error, NB_SAFE_WRITE_ERROR, NB_SAFE_WRITE_ERROR_FAILED,
                   _("Cannot write “%s”: only files on this computer or a mounted share can be written"),
                   display);
      return NULL;
    }
  return lock_acquire_path (real_path, display, error);
}

void
nb_file_lock_release (NbFileLock *lock)
{
  if (lock == NULL)
    return;
  if (lock->owned)
    g_unlink (lock->path);
  g_free (lock->path);
  g_free (lock);
}

/* ---- the write --------------------------------------------------------- */

/* Temporary files of ours for @base in @dir: left by a kill or a crash
 * (we hold the lock, so no other writer of this file is at work). */
static void
remove_stale_temporaries (const char *dir,
                          const char *base)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strconcat (".", base, TMP_INFIX, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)))
    if (g_str_has_prefix (name, prefix) && strlen (name) == strlen (prefix) + 6)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
}

static gboolean
sync_path (const char  *path,
           int         *saved_errno)
{
  int fd = g_open (path, O_RDWR | O_BINARY, 0);
  gboolean ok;

  if (fd < 0)
    {
      *saved_errno = errno;
      return FALSE;
    }
  ok = g_fsync (fd) == 0;
  *saved_errno = errno;
  ok = g_close (fd, NULL) && ok;
  return ok;
}

static void
sync_folder (const char *dir)
{
#ifdef G_OS_UNIX
  /* The rename is only durable once the folder's entry is on disk. */
  int fd = g_open (dir, O_RDONLY
#ifdef O_DIRECTORY
                   | O_DIRECTORY
#endif
                   , 0);
  if (fd >= 0)
    {
      g_fsync (fd);
      g_close (fd, NULL);
    }
#else
  (void) dir;   /* Windows flushes the entry with MoveFileEx */
#endif
}

/* A new temporary file beside @real_path; its name in @tmp_out. */
static int
create_temporary (const char  *dir,
                  const char  *base,
                  int          mode,
                  char       **tmp_out,
                  int         *saved_errno)
{
  g_autofree char *name = g_strconcat (".", base, TMP_INFIX "XXXXXX", NULL);
  char *tmpl = g_build_filename (dir, name, NULL);
  int fd = g_mkstemp_full (tmpl, O_RDWR | O_BINARY, mode);

  *saved_errno = errno;
  if (fd < 0)
    {
      g_free (tmpl);
      return -1;
    }
  *tmp_out = tmpl;
  return fd;
}

/* FILE~ from the old file: a second name for it made atomically (a hard
 * link renamed into place), or a copy where links do not exist. */
static gboolean
make_backup (const char  *real_path,
             const char  *dir,
             const char  *base,
             int          mode,
             int         *saved_errno)
{
  g_autofree char *backup = g_strconcat (real_path, "~", NULL);
  g_autofree char *tmp = NULL;
  gboolean linked = FALSE;
  int fd;

  fd = create_temporary (dir, base, mode, &tmp, saved_errno);
  if (fd < 0)
    return FALSE;
#ifdef G_OS_UNIX
  g_close (fd, NULL);
  fd = -1;
  if (g_unlink (tmp) == 0 && link (real_path, tmp) == 0)
    linked = TRUE;
#endif
  if (!linked)
    {
      g_autofree char *data = NULL;
      gsize length;
      gboolean ok;

      if (fd < 0)
        {
          fd = g_open (tmp, O_RDWR | O_CREAT | O_TRUNC | O_BINARY, mode);
          if (fd < 0)
            {
              *saved_errno = errno;
              return FALSE;
            }
        }
      ok = g_file_get_contents (real_path, &data, &length, NULL) &&
           write_all (fd, data, length, saved_errno) &&
           g_fsync (fd) == 0;
      ok = g_close (fd, NULL) && ok;
      if (!ok)
        {
          g_unlink (tmp);
          return FALSE;
        }
    }
  if (g_rename (tmp, backup) != 0)
    {
      *saved_errno = errno;
      g_unlink (tmp);
      return FALSE;
    }
  /* When FILE~ already was this very file (a save killed after making the
   * backup), rename() of one link onto another does nothing and leaves
   * the temporary name behind. */
  g_unlink (tmp);
  return TRUE;
}

static gboolean
safe_write (GFile            *target,
            GBytes           *contents,
            NbSafeWriteFunc   write_func,
            gpointer          write_data,
            NbSafeWriteFlags  flags,
            NbSafeVerifyFunc  verify,
            gpointer          verify_data,
            GCancellable     *cancellable,
            GError          **error)
{
  g_autoptr(GFile) real = NULL;
  g_autoptr(NbFileLock) lock = NULL;
  g_autofree char *display = NULL;
  g_autofree char *real_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gboolean exists;
  int mode = 0666, fd, saved = 0;

  display = g_file_get_parse_name (target);
  if (!(real = nb_safe_write_resolve (target, error)))
    return FALSE;
  if (!(real_path = g_file_get_path (real)))
    {
      g_set_error (error, NB_SAFE_WRITE_ERROR, NB_SAFE_WRITE_ERROR_FAILED,
                   _("Cannot write “%s”: only files on this computer or a mounted share can be written"),
                   display);
      return FALSE;
    }
  dir = g_path_get_dirname (real_path);
  base = g_path_get_basename (real_path);

  exists = g_stat (real_path, &st) == 0;
  if (exists && S_ISDIR (st.st_mode))
    {
      g_set_error (error, NB_SAFE_WRITE_ERROR, NB_SAFE_WRITE_ERROR_IS_DIRECTORY,
                   _("Cannot write “%s”: that is the name of a folder; give the name of a file "
                     "(for example one inside that folder)"), display);
      return FALSE;
    }
  if (exists && !S_ISREG (st.st_mode))
    {
      g_set_error (error, NB_SAFE_WRITE_ERROR, NB_SAFE_WRITE_ERROR_FAILED,
                   _("Cannot write “%s”: it is not an ordinary file"), display);
      return FALSE;
    }
  if (!exists && errno != ENOENT)
    return set_errno_error (error, errno, display);
  if (exists)
    {
      if (!(flags & NB_SAFE_WRITE_FORCE) && stat_is_read_only (real_path, &st))
        {
          g_set_error (error, NB_SAFE_WRITE_ERROR, NB_SAFE_WRITE_ERROR_READ_ONLY,
                       _("“%s” is read-only: it was not replaced"), display);
          return FALSE;
        }
      mode = st.st_mode & 07777;
    }

  if (!(lock = lock_acquire_path (real_path, display, error)))
    return FALSE;
  remove_stale_temporaries (dir, base);

  /* Writable while we work on it (libxlsxwriter reopens it by name); the
   * old file's exact mode is set just before the rename. */
  fd = create_temporary (dir, base, mode | S_IWUSR, &tmp, &saved);
  if (fd < 0)
    {
      if (saved == ENOENT || saved == ENOTDIR)
        {
          g_autofree char *udir = g_filename_display_name (dir);
          g_set_error (error, NB_SAFE_WRITE_ERROR, NB_SAFE_WRITE_ERROR_FAILED,
                       _("Cannot write “%s”: the folder “%s” does not exist"), display, udir);
          return FALSE;
        }
      if (saved == EACCES || saved == EPERM || saved == EROFS)
        {
          g_autofree char *udir = g_filename_display_name (dir);
          g_set_error (error, NB_SAFE_WRITE_ERROR, NB_SAFE_WRITE_ERROR_PERMISSION,
                       _("Cannot write “%s”: the folder “%s” is read-only or you lack permission to "
                         "write in it. Choose another folder."), display, udir);
          return FALSE;
        }
      return set_errno_error (error, saved, display);
    }
  if (exists)
    g_chmod (tmp, mode | S_IWUSR);

  if (contents)
    {
      gsize length;
      const char *data = g_bytes_get_data (contents, &length);
      gboolean ok = write_all (fd, data, length, &saved);

      if (ok && g_fsync (fd) != 0)
        ok = FALSE, saved = errno;
      if (!g_close (fd, NULL) && ok)
        ok = FALSE, saved = errno;
      if (!ok)
        {
          g_unlink (tmp);
          return set_errno_error (error, saved, display);
        }
      /* What the disk gives back is what we meant to write. */
      {
        g_autofree char *back = NULL;
        gsize back_length;

        if (!g_file_get_contents (tmp, &back, &back_length, NULL) ||
            back_length != length || memcmp (back, data, length) != 0)
          {
            g_unlink (tmp);
            g_set_error (error, NB_SAFE_WRITE_ERROR, NB_SAFE_WRITE_ERROR_VERIFY,
                         _("Cannot write “%s”: the file read back differs from what was written; "
                           "the previous file is unchanged"), display);
            return FALSE;
          }
      }
    }
  else
    {
      g_close (fd, NULL);
      if (!write_func (tmp, write_data, error))
        {
          g_unlink (tmp);
          return FALSE;
        }
      if (exists)
        g_chmod (tmp, mode | S_IWUSR);
      if (!sync_path (tmp, &saved))
        {
          g_unlink (tmp);
          return set_errno_error (error, saved, display);
        }
    }

  if (verify && !verify (tmp, verify_data, &local_error))
    {
      g_unlink (tmp);
      g_set_error (error, NB_SAFE_WRITE_ERROR, NB_SAFE_WRITE_ERROR_VERIFY,
                   _("The new “%s” did not read back correctly, so the previous file was kept: %s"),
                   display, local_error->message);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (tmp);
      return FALSE;
    }

  /* FILE~ only from a file that still reads: a damaged old file must not
   * push out the last good backup. */
  if (exists && (flags & NB_SAFE_WRITE_BACKUP))
    {
      g_autoptr(GError) old_error = NULL;

      if (verify == NULL || verify (real_path, verify_data, &old_error))
        {
          if (!make_backup (real_path, dir, base, mode, &saved))
            g_debug ("No backup of %s: %s", display, g_strerror (saved));
        }
      else
        g_debug ("The old %s does not read (%s); FILE~ kept as it was",
                 display, old_error->message);
    }

  /* Exactly the old file's mode, whatever the umask (a read-only file
   * replaced with --force stays read-only). */
  if (exists)
    g_chmod (tmp, mode);
  if (g_rename (tmp, real_path) != 0)
    {
      saved = errno;
      g_unlink (tmp);
      return set_errno_error (error, saved, display);
    }
  sync_folder (dir);
  return TRUE;
}

gboolean
nb_safe_write_bytes (GFile            *target,
                     GBytes           *contents,
                     NbSafeWriteFlags  flags,
                     NbSafeVerifyFunc  verify,
                     gpointer          verify_data,
                     GCancellable     *cancellable,
                     GError          **error)
{
  g_return_val_if_fail (G_IS_FILE (target), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return safe_write (target, contents, NULL, NULL, flags, verify, verify_data, cancellable, error);
}

gboolean
nb_safe_write_file (GFile            *target,
                    NbSafeWriteFunc   write_func,
                    gpointer          write_data,
                    NbSafeWriteFlags  flags,
                    NbSafeVerifyFunc  verify,
                    gpointer          verify_data,
                    GCancellable     *cancellable,
                    GError          **error)
{
  g_return_val_if_fail (G_IS_FILE (target), FALSE);
  g_return_val_if_fail (write_func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return safe_write (target, NULL, write_func, write_data, flags, verify, verify_data, cancellable, error);
}
