/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-xlsx-workbook.c — opening, closing and measuring, for every workbook */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#ifdef G_OS_UNIX
#include <unistd.h>   /* W_OK */
#endif

#include "nb-error.h"
#include "nb-xlsx-workbook.h"

/* libxlsxwriter opens its files with the C library's ANSI fopen (its MinGW
 * build #undefs _WIN32), which cannot open a UTF-8 name such as a folder
 * called 年报: on Windows it is given the system-codepage name, or the 8.3
 * short name where a part does not fit the codepage (the file must exist). */
static char *
lxw_filename (const char *filename)
{
#ifdef G_OS_WIN32
  return g_win32_locale_filename_from_utf8 (filename);
#else
  return g_strdup (filename);
#endif
}

/* libxlsxwriter assembles each part of a workbook in a scratch file of its
 * own (a score of them, created and deleted at every export). In a desktop
 * session's runtime folder, a tmpfs, that costs a fraction of what it costs
 * on a disk's file system (ext4 searches its inode tables for each); the
 * temporary folder otherwise. */
static char *
scratch_dir (void)
{
#ifdef G_OS_UNIX
  const char *runtime = g_getenv ("XDG_RUNTIME_DIR");

  if (runtime && g_path_is_absolute (runtime) && g_file_test (runtime, G_FILE_TEST_IS_DIR)
      && g_access (runtime, W_OK) == 0)
    return g_strdup (runtime);
#endif
  return lxw_filename (g_get_tmp_dir ());
}

lxw_workbook *
nb_xlsx_workbook_new (const char  *utf8_path,
                      GError     **error)
{
  g_autofree char *filename = lxw_filename (utf8_path);
  g_autofree char *tmpdir = scratch_dir ();
  lxw_workbook_options options = { .constant_memory = LXW_FALSE, .tmpdir = tmpdir };
  lxw_workbook *workbook;

  if (!filename)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_EXPORT,
                   _("The folder’s name cannot be passed to the workbook library; save into a folder with a shorter or plainer name"));
      return NULL;
    }
  workbook = workbook_new_opt (filename, &options);
  if (!workbook)
    g_set_error (error, NB_ERROR, NB_ERROR_EXPORT, _("Could not start the workbook (out of memory?)"));
  return workbook;
}

void
nb_xlsx_keep_error (lxw_error *first,
                    lxw_error  err)
{
  if (err != LXW_NO_ERROR && *first == LXW_NO_ERROR)
    *first = err;
}

/* libxlsxwriter's messages are English and about its internals. */
static const char *
describe_lxw_error (lxw_error err)
{
  switch (err)
    {
    case LXW_ERROR_MEMORY_MALLOC_FAILED:
      return _("there is not enough memory");
    case LXW_ERROR_CREATING_XLSX_FILE:
    case LXW_ERROR_CREATING_TMPFILE:
    case LXW_ERROR_READING_TMPFILE:
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE:
      return _("the file or its temporary parts could not be written (is the disk full?)");
    case LXW_ERROR_32_STRING_LENGTH_EXCEEDED:
    case LXW_ERROR_128_STRING_LENGTH_EXCEEDED:
    case LXW_ERROR_255_STRING_LENGTH_EXCEEDED:
    case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
      return _("a text is longer than a workbook cell can hold (32 767 characters)");
    case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED:
    case LXW_ERROR_INVALID_SHEETNAME_CHARACTER:
    case LXW_ERROR_SHEETNAME_START_END_APOSTROPHE:
    case LXW_ERROR_SHEETNAME_ALREADY_USED:
      return _("a sheet name is not allowed in a workbook");
    default:
      return lxw_strerror (err);
    }
}

gboolean
nb_xlsx_check_error (lxw_error   first,
                     GError    **error)
{
  if (first != LXW_NO_ERROR)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_EXPORT,
                   _("Could not write the workbook: %s"), describe_lxw_error (first));
      return FALSE;
    }
  return TRUE;
}

gboolean
nb_xlsx_workbook_close (lxw_workbook  *workbook,
                        lxw_error      first,
                        GError       **error)
{
  nb_xlsx_keep_error (&first, workbook_close (workbook));
  return nb_xlsx_check_error (first, error);
}

/* ---- measuring text ---- */

static double
text_units (const char *text,
            double      size)
{
  double units = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      /* Quotation marks, dashes and ellipses are full width in Chinese
       * faces although Unicode calls them ambiguous. */
      gboolean wide = g_unichar_iswide (c) || g_unichar_iswide_cjk (c)
                      || (c >= 0x2010 && c <= 0x2027);

      units += wide ? 2.1 : 1.1;
    }
  return units * size / 11.0;
}

/* Excel's unit is the width of a digit of Calibri 11, 7 pixels; the cell
 * loses about half a unit to its padding. */
guint
nb_xlsx_text_lines (const char *text,
                    double      size,
                    double      width)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  double avail = MAX (width - 0.5, 2.0);
  guint n = 0;

  for (guint i = 0; lines[i]; i++)
    {
      /* 2 % slack: characters wrap whole, never half, and Excel does not
       * hang a line-end comma into the margin as LibreOffice does. */
      double units = text_units (lines[i], size) * 1.02;

      n += MAX (1, (guint) ((units + avail - 0.01) / avail));
    }
  return MAX (n, 1);
}

double
nb_xlsx_line_height (double size)
{
  return size * 1.4;
}
