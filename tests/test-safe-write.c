/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-safe-write.c — the save path under a full disk, kill -9, links,
 * locks and damaged files, through nianbao-cli as a user runs it.
 *
 * NB_KILL_ROUNDS sets the kills per variant (plain, symlink, hard link);
 * the default keeps the suite short, build-aux/kill-save.sh runs 500 each.
 */
#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#ifdef G_OS_UNIX
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

#include "nb-report-file.h"
#include "nb-safe-write.h"

#ifdef G_OS_UNIX

#define KEY "requests/new/natural"

/* A report with a long overview (@kib KiB of text), saved at @path. */
static void
make_document (const char *path,
               guint       kib,
               int         value)
{
  NbFormat *format = nb_format_get ("2021", NULL);
  g_autoptr(NbReport) r = nb_report_new (format, 2024, "某市交通运输局");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *v = g_strdup_printf ("%d", value);

  while (text->len < kib * 1024)
    g_string_append (text, "本机关依法主动公开政府信息，及时回应社会关切。\n");
  g_assert_true (nb_report_set_text (r, "overview", text->str, &error));
  g_assert_true (nb_report_set_field (r, KEY, v, &error));
  g_assert_true (nb_report_file_save (r, file, NULL, &error));
  g_assert_no_error (error);
}

/* The value of KEY in the document at @path; -1 when it does not load. */
static gint64
document_value (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NbReport) r = nb_report_file_load (file, NULL, NULL);

  return r ? nb_report_get_value (r, KEY)->units : -1;
}

static char **
cli_argv (const char *first,
          va_list     args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;

  g_ptr_array_add (argv, g_strdup (g_getenv ("NB_CLI")));
  for (arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  g_ptr_array_add (argv, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&argv), FALSE);
}

/* Runs nianbao-cli; returns its exit status, its stderr in @err. */
static int
run_cli (char       **envp,
         char       **err,
         const char  *first,
         ...)
{
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) env = envp ? g_strdupv (envp) : g_get_environ ();
  g_autoptr(GError) error = NULL;
  va_list args;
  int status;

  va_start (args, first);
  argv = cli_argv (first, args);
  va_end (args);
  g_assert_true (g_spawn_sync (NULL, argv, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* Names in @dir that are ours and left over (temporaries, locks). */
static guint
count_leftovers (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)))
    if (strstr (name, ".nb-tmp-") || g_str_has_suffix (name, ".nb-lock"))
      {
        g_test_message ("left over: %s", name);
        n++;
      }
  return n;
}

static void
remove_tree (const char *path)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", path);
  g_assert_cmpint (system (cmd), ==, 0);
}

static char *
read_all (const char *path)
{
  char *data = NULL;

  if (!g_file_get_contents (path, &data, NULL, NULL))
    return NULL;
  return data;
}

/* ---- a full disk ------------------------------------------------------ */

static void
test_enospc_shim (void)
{
  const char *shim = g_getenv ("NB_ENOSPC_SHIM");
  g_autofree char *dir = g_dir_make_tmp ("nb-enospc-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "年度报告.nianbao", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *big = g_build_filename (dir, "long.txt", NULL);
  g_autofree char *big_arg = g_strconcat ("text/overview=@", big, NULL);
  g_autofree char *before = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) env = g_get_environ ();

  if (shim == NULL || !g_file_test (shim, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the ENOSPC shim was not built");
      return;
    }
  make_document (path, 4, 7);
  before = read_all (path);
  while (text->len < 200 * 1024)
    g_string_append (text, "新的概述文字，比磁盘剩余的空间更长。");
  g_assert_true (g_file_set_contents (big, text->str, -1, NULL));

  env = g_environ_setenv (env, "LD_PRELOAD", shim, TRUE);
  env = g_environ_setenv (env, "NB_ENOSPC_AFTER", "65536", TRUE);
  /* The shim is not ASan's runtime; let the sanitized build load it. */
  env = g_environ_setenv (env, "ASAN_OPTIONS", "verify_asan_link_order=0:detect_leaks=0", TRUE);

  /* Twice: the second save must not push a truncated file into FILE~. */
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *err = NULL;
      g_autofree char *after = NULL;
      int status = run_cli (env, &err, "set", path, big_arg, KEY "=8", NULL);

      after = read_all (path);
      g_assert_cmpstr (after, ==, before);
      g_assert_cmpint (document_value (path), ==, 7);
      g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
      g_assert_cmpint (status, ==, 2);
      g_assert_nonnull (strstr (err, "disk is full"));
      g_assert_cmpuint (count_leftovers (dir), ==, 0);
    }

  /* With room on the disk the same command succeeds. */
  g_assert_cmpint (run_cli (NULL, NULL, "set", path, big_arg, KEY "=8", NULL), ==, 0);
  g_assert_cmpint (document_value (path), ==, 8);
  g_assert_cmpint (document_value (backup), ==, 7);
  remove_tree (dir);
}

static gboolean
run_quiet (const char *command)
{
  int status;

  return g_spawn_command_line_sync (command, NULL, NULL, &status, NULL) &&
         g_spawn_check_wait_status (status, NULL);
}

/* A real small file system (tmpfs), where mounting is allowed (root). */
static void
test_enospc_tmpfs (void)
{
  g_autofree char *dir = g_dir_make_tmp ("nb-tmpfs-XXXXXX", NULL);
  g_autofree char *mount = g_strdup_printf ("mount -t tmpfs -o size=1m nbtest '%s'", dir);
  g_autofree char *remount = g_strdup_printf ("mount -o remount,ro '%s'", dir);
  g_autofree char *umount = g_strdup_printf ("umount '%s'", dir);
  g_autofree char *path = g_build_filename (dir, "报告.nianbao", NULL);
  g_autofree char *big = NULL, *big_arg = NULL, *before = NULL, *err = NULL, *after = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *outside = g_dir_make_tmp ("nb-tmpfs-text-XXXXXX", NULL);

  if (getuid () != 0 || !run_quiet (mount))
    {
      g_test_skip ("cannot mount a tmpfs here (needs root)");
      g_rmdir (dir);
      remove_tree (outside);
      return;
    }
  make_document (path, 30, 3);
  before = read_all (path);
  big = g_build_filename (outside, "long.txt", NULL);
  big_arg = g_strconcat ("text/overview=@", big, NULL);
  while (text->len < 1100 * 1024)
    g_string_append (text, "新的概述文字，比磁盘剩余的空间更长。");
  g_assert_true (g_file_set_contents (big, text->str, -1, NULL));

  g_assert_cmpint (run_cli (NULL, &err, "set", path, big_arg, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "disk is full"));
  after = read_all (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (count_leftovers (dir), ==, 0);

  /* Exports alike: a full disk keeps the previous workbook and PDF. */
  {
    g_autofree char *xlsx = g_build_filename (dir, "报告.xlsx", NULL);
    g_autofree char *pdf = g_build_filename (dir, "报告.pdf", NULL);
    g_autofree char *filler = g_build_filename (dir, "filler", NULL);
    g_autofree char *old_xlsx = NULL, *old_pdf = NULL, *now_xlsx = NULL, *now_pdf = NULL;
    g_autofree char *small = g_build_filename (dir, "小.nianbao", NULL);
    gsize old_xlsx_len, old_pdf_len, now_len;
    FILE *f;

    g_assert_cmpint (g_unlink (path), ==, 0);   /* room for the first exports */
    make_document (small, 1, 3);
    g_assert_cmpint (run_cli (NULL, NULL, "export", small, "-o", xlsx, NULL), <=, 1);
    g_assert_cmpint (run_cli (NULL, NULL, "export", small, "-o", pdf, NULL), <=, 1);
    g_assert_true (g_file_get_contents (xlsx, &old_xlsx, &old_xlsx_len, NULL));
    g_assert_true (g_file_get_contents (pdf, &old_pdf, &old_pdf_len, NULL));
    /* Fill what is left. */
    f = g_fopen (filler, "wb");
    g_assert_nonnull (f);
    while (fputc ('x', f) != EOF && !ferror (f) && fflush (f) == 0)
      ;
    fclose (f);

    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (NULL, &err, "export", small, "-o", xlsx, NULL), ==, 2);
    g_assert_true (g_file_get_contents (xlsx, &now_xlsx, &now_len, NULL));
    g_assert_true (now_len == old_xlsx_len && memcmp (now_xlsx, old_xlsx, now_len) == 0);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (NULL, &err, "export", small, "-o", pdf, NULL), ==, 2);
    g_assert_true (g_file_get_contents (pdf, &now_pdf, &now_len, NULL));
    g_assert_true (now_len == old_pdf_len && memcmp (now_pdf, old_pdf, now_len) == 0);
    g_assert_cmpuint (count_leftovers (dir), ==, 0);
    g_unlink (filler);
    g_unlink (xlsx);
    g_unlink (pdf);
    g_unlink (small);
    make_document (path, 1, 3);
  }

  /* A read-only file system: say what is wrong, change nothing. */
  g_clear_pointer (&err, g_free);
  if (run_quiet (remount))
    {
      g_assert_cmpint (run_cli (NULL, &err, "set", path, KEY "=4", NULL), ==, 2);
      g_assert_nonnull (strstr (err, "read-only"));
      g_assert_cmpint (document_value (path), ==, 3);
    }
  g_assert_true (run_quiet (umount));
  g_rmdir (dir);
  remove_tree (outside);
}

/* ---- links, mode, backups, leftovers ---------------------------------- */

static void
test_symlink_and_mode (void)
{
  g_autofree char *dir = g_dir_make_tmp ("nb-link-XXXXXX", NULL);
  g_autofree char *sub = g_build_filename (dir, "真实文件夹", NULL);
  g_autofree char *real = g_build_filename (sub, "报告.nianbao", NULL);
  g_autofree char *link = g_build_filename (dir, "链接.nianbao", NULL);
  g_autofree char *link_backup = g_strconcat (link, "~", NULL);
  g_autofree char *real_backup = g_strconcat (real, "~", NULL);
  GStatBuf st;

  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  make_document (real, 1, 1);
  g_assert_cmpint (g_chmod (real, 0640), ==, 0);
  g_assert_cmpint (symlink ("真实文件夹/报告.nianbao", link), ==, 0);

  g_assert_cmpint (run_cli (NULL, NULL, "set", link, KEY "=2", NULL), ==, 0);
  /* The link is still a link; the real file has the new contents. */
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpint (document_value (real), ==, 2);
  /* FILE~ beside the real file, none beside the link, modes kept. */
  g_assert_false (g_file_test (link_backup, G_FILE_TEST_EXISTS));
  g_assert_cmpint (document_value (real_backup), ==, 1);
  g_assert_cmpint (g_stat (real, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
  g_assert_cmpint (g_stat (real_backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
  g_assert_cmpuint (count_leftovers (sub), ==, 0);
  g_assert_cmpuint (count_leftovers (dir), ==, 0);
  remove_tree (dir);
}

static void
test_backup_only_from_good_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("nb-backup-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "报告.nianbao", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NbReport) r = NULL;
  g_autoptr(GError) error = NULL;

  make_document (path, 1, 1);
  make_document (path, 1, 2);       /* FILE~ now holds value 1 */
  g_assert_cmpint (document_value (backup), ==, 1);
  r = nb_report_file_load (file, NULL, &error);
  g_assert_no_error (error);

  /* The document gets damaged on disk; the next save must not make the
   * damaged file the backup. */
  g_assert_true (g_file_set_contents (path, "{\"nianbao\": 1, \"forma", -1, NULL));
  g_assert_true (nb_report_file_save (r, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (document_value (path), ==, 2);
  g_assert_cmpint (document_value (backup), ==, 1);
  remove_tree (dir);
}

static void
test_stale_temporaries (void)
{
  g_autofree char *dir = g_dir_make_tmp ("nb-stale-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "报告.nianbao", NULL);
  g_autofree char *stale = g_build_filename (dir, ".报告.nianbao.nb-tmp-Ab12Cd", NULL);
  g_autofree char *other = g_build_filename (dir, ".别的.nianbao.nb-tmp-Ab12Cd", NULL);

  make_document (path, 1, 1);
  g_assert_true (g_file_set_contents (stale, "half a document", -1, NULL));
  g_assert_true (g_file_set_contents (other, "another file's", -1, NULL));
  g_assert_cmpint (run_cli (NULL, NULL, "set", path, KEY "=5", NULL), ==, 0);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  /* Only our own target's leftovers: another writer may be at work. */
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_unlink (other);

  /* A save killed after making FILE~ leaves FILE~ a second name of the
   * document itself; the next backup must not leave its temporary behind
   * (found by the kill test). */
  {
    g_autofree char *backup = g_strconcat (path, "~", NULL);

    g_unlink (backup);
    g_assert_cmpint (link (path, backup), ==, 0);
    g_assert_cmpint (run_cli (NULL, NULL, "set", path, KEY "=6", NULL), ==, 0);
    g_assert_cmpuint (count_leftovers (dir), ==, 0);
    g_assert_cmpint (document_value (backup), ==, 5);
  }
  remove_tree (dir);
}

static void
test_read_only_document (void)
{
  g_autofree char *dir = g_dir_make_tmp ("nb-ro-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "报告.nianbao", NULL);
  g_autofree char *err = NULL;

  make_document (path, 1, 1);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (run_cli (NULL, &err, "set", path, KEY "=5", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "read-only"));
  g_assert_cmpint (document_value (path), ==, 1);
  remove_tree (dir);
}

/* ---- the lock --------------------------------------------------------- */

static void
test_lock (void)
{
  g_autofree char *dir = g_dir_make_tmp ("nb-lock-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "报告.nianbao", NULL);
  g_autofree char *lock_path = g_build_filename (dir, ".报告.nianbao.nb-lock", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *dead = NULL;
  NbFileLock *lock;
  GPid pid;
  const char *argv[] = { "true", NULL };

  make_document (path, 1, 1);

  /* This process (a window) has the document open: the CLI is refused. */
  lock = nb_file_lock_acquire (file, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (lock_path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run_cli (NULL, &err, "set", path, KEY "=9", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "is open in"));
  g_assert_cmpint (document_value (path), ==, 1);
  /* The holder itself saves freely. */
  make_document (path, 1, 3);
  g_assert_true (g_file_test (lock_path, G_FILE_TEST_EXISTS));
  nb_file_lock_release (lock);
  g_assert_false (g_file_test (lock_path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run_cli (NULL, NULL, "set", path, KEY "=9", NULL), ==, 0);
  g_assert_cmpint (document_value (path), ==, 9);

  /* A lock left by a process that died is taken over. */
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, NULL));
  g_assert_cmpint (waitpid (pid, NULL, 0), ==, pid);
  dead = g_strdup_printf ("nianbao-lock 1\n%d\n%s\n", (int) pid, g_get_host_name ());
  g_assert_true (g_file_set_contents (lock_path, dead, -1, NULL));
  g_assert_cmpint (run_cli (NULL, NULL, "set", path, KEY "=10", NULL), ==, 0);
  g_assert_cmpint (document_value (path), ==, 10);
  g_assert_false (g_file_test (lock_path, G_FILE_TEST_EXISTS));
  remove_tree (dir);
}

/* ---- kill -9 while saving --------------------------------------------- */

typedef enum { VARIANT_PLAIN, VARIANT_SYMLINK, VARIANT_HARDLINK } Variant;

static void
test_kill (gconstpointer data)
{
  Variant variant = GPOINTER_TO_INT (data);
  g_autofree char *dir = g_dir_make_tmp ("nb-kill-XXXXXX", NULL);
  g_autofree char *real = g_build_filename (dir, "报告.nianbao", NULL);
  g_autofree char *backup = g_strconcat (real, "~", NULL);
  g_autofree char *other = g_build_filename (dir, "第二个名字.nianbao", NULL);
  g_autofree char *target = NULL;
  guint rounds = 60, old_seen = 0, new_seen = 0;
  gint64 t0, duration;
  const char *env = g_getenv ("NB_KILL_ROUNDS");

  if (env)
    rounds = (guint) g_ascii_strtoull (env, NULL, 10);
  make_document (real, 600, 0);
  switch (variant)
    {
    case VARIANT_SYMLINK:
      target = g_build_filename (dir, "链接.nianbao", NULL);
      g_assert_cmpint (symlink ("报告.nianbao", target), ==, 0);
      break;
    case VARIANT_HARDLINK:
      g_assert_cmpint (link (real, other), ==, 0);
      target = g_strdup (real);
      break;
    case VARIANT_PLAIN:
    default:
      target = g_strdup (real);
      break;
    }

  /* How long one unhindered save takes: the kills fall within it. */
  t0 = g_get_monotonic_time ();
  g_assert_cmpint (run_cli (NULL, NULL, "set", target, KEY "=1", NULL), ==, 0);
  duration = MAX (g_get_monotonic_time () - t0, 1000);

  for (guint i = 0; i < rounds; i++)
    {
      gint64 before = document_value (target), after;
      g_autofree char *arg = g_strdup_printf (KEY "=%" G_GINT64_FORMAT, before + 1);
      const char *argv[] = { g_getenv ("NB_CLI"), "set", target, arg, NULL };
      GPid pid;
      int status;

      g_assert_cmpint (before, >=, 0);
      g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                    G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                                    G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, NULL));
      g_usleep ((gulong) g_random_int_range (0, (gint32) MIN (duration * 11 / 10, G_MAXINT32)));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);

      /* The old document or the new one, never anything else. */
      after = document_value (target);
      if (after != before && after != before + 1)
        g_error ("round %u: the document holds %" G_GINT64_FORMAT " (expected %" G_GINT64_FORMAT
                 " or %" G_GINT64_FORMAT ")", i, after, before, before + 1);
      if (after == before)
        old_seen++;
      else
        new_seen++;
      if (g_file_test (backup, G_FILE_TEST_EXISTS))
        g_assert_cmpint (document_value (backup), >=, 0);
      if (variant == VARIANT_SYMLINK)
        g_assert_true (g_file_test (target, G_FILE_TEST_IS_SYMLINK));
      if (variant == VARIANT_HARDLINK)
        g_assert_cmpint (document_value (other), >=, 0);
    }
  g_test_message ("%u kills: %u left the old document, %u the new one", rounds, old_seen, new_seen);

  /* What kills left behind goes with the next save. */
  g_assert_cmpint (run_cli (NULL, NULL, "set", target, KEY "=0", NULL), ==, 0);
  g_assert_cmpuint (count_leftovers (dir), ==, 0);
  remove_tree (dir);
}

#endif /* G_OS_UNIX */

/* Bytes are written as given on every platform: no "\n" becomes "\r\n"
 * and ^Z ends nothing (Windows' text mode does both), in the file, in
 * FILE~ (copied where there are no hard links) and in the lock. */
static void
test_binary_bytes (void)
{
  static const char first[] = "a\nb\r\nc\x1a after ^Z\0 after NUL\n";
  static const char second[] = "\n\n\r\r\n\x1a";
  g_autofree char *dir = g_dir_make_tmp ("nb-binary-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "报告.nianbao", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *lock_path = g_build_filename (dir, ".报告.nianbao.nb-lock", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) b1 = g_bytes_new_static (first, sizeof first - 1);
  g_autoptr(GBytes) b2 = g_bytes_new_static (second, sizeof second - 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *lock_text = NULL;
  gsize length;
  NbFileLock *lock;

  g_assert_true (nb_safe_write_bytes (file, b1, NB_SAFE_WRITE_BACKUP, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpmem (data, length, first, sizeof first - 1);
  g_clear_pointer (&data, g_free);

  /* Saved again while this process holds the lock (a window has it open):
   * the lock must read back as this process's own. */
  lock = nb_file_lock_acquire (file, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (lock_path, &lock_text, NULL, NULL));
  g_assert_null (strchr (lock_text, '\r'));
  g_assert_true (nb_safe_write_bytes (file, b2, NB_SAFE_WRITE_BACKUP, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  nb_file_lock_release (lock);
  g_assert_false (g_file_test (lock_path, G_FILE_TEST_EXISTS));

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpmem (data, length, second, sizeof second - 1);
  g_clear_pointer (&data, g_free);
  g_assert_true (g_file_get_contents (backup, &data, &length, NULL));
  g_assert_cmpmem (data, length, first, sizeof first - 1);

  g_unlink (backup);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/safe-write/binary-bytes", test_binary_bytes);
#ifdef G_OS_UNIX
  g_test_add_func ("/safe-write/enospc/shim", test_enospc_shim);
  g_test_add_func ("/safe-write/enospc/tmpfs", test_enospc_tmpfs);
  g_test_add_func ("/safe-write/symlink-and-mode", test_symlink_and_mode);
  g_test_add_func ("/safe-write/backup-only-from-good-file", test_backup_only_from_good_file);
  g_test_add_func ("/safe-write/stale-temporaries", test_stale_temporaries);
  g_test_add_func ("/safe-write/read-only-document", test_read_only_document);
  g_test_add_func ("/safe-write/lock", test_lock);
  g_test_add_data_func ("/safe-write/kill/plain", GINT_TO_POINTER (VARIANT_PLAIN), test_kill);
  g_test_add_data_func ("/safe-write/kill/symlink", GINT_TO_POINTER (VARIANT_SYMLINK), test_kill);
  g_test_add_data_func ("/safe-write/kill/hardlink", GINT_TO_POINTER (VARIANT_HARDLINK), test_kill);
#endif
  return g_test_run ();
}
