/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-safe-write.h — the one atomic writer for documents and exports
 *
 * Every file nianbao writes (the .nianbao document, its FILE~ backup, the
 * exported .xlsx and .pdf) goes through here, so that a full disk, a kill
 * or a crash at any moment leaves the previous good file or the new one,
 * never a truncated mix:
 *
 *  1. the target's symlinks are resolved; all work happens in the real
 *     file's folder (so FILE~ sits beside the real file, and the rename
 *     stays within one file system);
 *  2. the folder's lock file is taken (another nianbao process writing
 *     the same file is refused with NB_SAFE_WRITE_ERROR_LOCKED);
 *     stale temporary files of ours for this target are removed;
 *  3. the contents go to a temporary file ".NAME.nb-tmp-XXXXXX" in that
 *     folder with the old file's mode, checked for every write error, and
 *     fsync'ed;
 *  4. the optional verify callback reads the temporary file back (load
 *     and compare, open the zip and parse its XML, …); a failure stops here
 *     and the old file is untouched;
 *  5. with NB_SAFE_WRITE_BACKUP the old file becomes FILE~ — only if the
 *     verify callback accepts it too (a damaged file never overwrites a
 *     good backup);
 *  6. the temporary file is renamed over the real target and the folder
 *     is fsync'ed.
 *
 * Errors are in NB_SAFE_WRITE_ERROR (below) with a message a person can
 * act on ("the disk is full", "… is a folder", "… is read-only").
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define NB_SAFE_WRITE_ERROR (nb_safe_write_error_quark ())

typedef enum
{
  NB_SAFE_WRITE_ERROR_FAILED,       /* any I/O failure (message says which) */
  NB_SAFE_WRITE_ERROR_NO_SPACE,     /* the disk or quota is full */
  NB_SAFE_WRITE_ERROR_IS_DIRECTORY, /* the target names a folder */
  NB_SAFE_WRITE_ERROR_READ_ONLY,    /* the target is read-only (see FORCE) */
  NB_SAFE_WRITE_ERROR_PERMISSION,   /* the folder cannot be written */
  NB_SAFE_WRITE_ERROR_LOCKED,       /* another nianbao process writes it */
  NB_SAFE_WRITE_ERROR_VERIFY,       /* the written file did not read back */
} NbSafeWriteError;

typedef enum
{
  NB_SAFE_WRITE_NONE   = 0,
  NB_SAFE_WRITE_BACKUP = 1 << 0,  /* keep the previous file as FILE~ */
  NB_SAFE_WRITE_FORCE  = 1 << 1,  /* replace a read-only target */
} NbSafeWriteFlags;

/* Writes the whole file at @tmp_path (a file name in the GLib filename
 * encoding, already created, empty, mode set). For libraries that only
 * write to a name (libxlsxwriter, cairo). Return FALSE with @error set on
 * failure; the temporary file is then removed by the caller. */
typedef gboolean (*NbSafeWriteFunc)  (const char  *tmp_path,
                                      gpointer     user_data,
                                      GError     **error);

/* Checks the file at @path reads back correctly. Called on the new
 * temporary file before it replaces the target, and on the old target
 * before it becomes FILE~ . */
typedef gboolean (*NbSafeVerifyFunc) (const char  *path,
                                      gpointer     user_data,
                                      GError     **error);

GQuark   nb_safe_write_error_quark (void);

/* Replaces @target with @contents. @verify may be NULL. */
gboolean nb_safe_write_bytes (GFile            *target,
                              GBytes           *contents,
                              NbSafeWriteFlags  flags,
                              NbSafeVerifyFunc  verify,
                              gpointer          verify_data,
                              GCancellable     *cancellable,
                              GError          **error);

/* Replaces @target with what @write_func writes to a temporary file. */
gboolean nb_safe_write_file  (GFile            *target,
                              NbSafeWriteFunc   write_func,
                              gpointer          write_data,
                              NbSafeWriteFlags  flags,
                              NbSafeVerifyFunc  verify,
                              gpointer          verify_data,
                              GCancellable     *cancellable,
                              GError          **error);

/* Where the bytes really go: @target with its symlinks resolved (a new
 * GFile; @target itself when it is not a link or does not exist yet). */
GFile   *nb_safe_write_resolve (GFile  *target,
                                GError **error);

/* TRUE when @target (symlinks resolved) exists and is read-only, so a
 * write without NB_SAFE_WRITE_FORCE would be refused; to ask first. */
gboolean nb_safe_write_is_read_only (GFile *target);

/* The FILE~ backup that a save with NB_SAFE_WRITE_BACKUP keeps. */
GFile   *nb_safe_write_backup_file (GFile *target);

/* A lock held for longer than one write: the window takes it while a
 * document is open, so `nianbao-cli set` on the same file is refused.
 * Writes by the holder's own process pass. The lock is a small file
 * ".NAME.nb-lock" beside the real file naming the process and host; a
 * lock left by a process that died is taken over. */
typedef struct _NbFileLock NbFileLock;

NbFileLock *nb_file_lock_acquire (GFile       *target,
                                  GError     **error);
void        nb_file_lock_release (NbFileLock  *lock);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NbFileLock, nb_file_lock_release)

G_END_DECLS
