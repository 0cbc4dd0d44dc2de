/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-decode.c — the bytes of a published report as UTF-8 text
 *
 * Chinese agencies' files come as UTF-8, as UTF-16 (Notepad's "Unicode")
 * and as GBK/GB18030 (Notepad's "ANSI" on Chinese Windows). BOMs are
 * certain; for the rest the detector decides. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <uchardet.h>

#include "nb-decode.h"
#include "nb-error.h"

static char *
convert (const char  *bytes,
         gsize        len,
         const char  *from,
         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize written = 0;
  char *text = g_convert (bytes, len, "UTF-8", from, NULL, &written, &local_error);

  if (!text)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_IMPORT,
                   _("The file could not be read as %s: %s"), from, local_error->message);
      return NULL;
    }
  return text;
}

/* GB18030, or GBK where the converter lacks it: GLib on Windows converts
 * through the system's code pages, and Wine (unlike Windows) has no 54936.
 * GBK (936) is what Notepad's "ANSI" writes on Chinese Windows. */
static const char *
gb_charset (void)
{
  static gsize name = 0;

  if (g_once_init_enter (&name))
    {
      GIConv cd = g_iconv_open ("UTF-8", "GB18030");
      const char *found = "GBK";

      if (cd != (GIConv) -1)
        {
          g_iconv_close (cd);
          found = "GB18030";
        }
      g_once_init_leave (&name, (gsize) found);
    }
  return (const char *) name;
}

/* GB2312 and GBK are subsets of GB18030: converting from the superset
 * keeps the characters a file mislabelled as the smaller set holds. */
static const char *
widen_charset (const char *charset)
{
  if (g_ascii_strcasecmp (charset, "GB2312") == 0 ||
      g_ascii_strcasecmp (charset, "GBK") == 0 ||
      g_ascii_strcasecmp (charset, "GB18030") == 0 ||
      g_ascii_strcasecmp (charset, "EUC-CN") == 0 ||
      g_ascii_strcasecmp (charset, "HZ-GB-2312") == 0)
    return gb_charset ();
  return charset;
}

static gboolean
is_western (const char *charset)
{
  static const char *const prefixes[] = { "ISO-8859", "WINDOWS-125", "MAC", "IBM", "KOI8", "CP", "VISCII",
                                          "TIS-620", NULL };

  for (guint i = 0; prefixes[i]; i++)
    if (g_ascii_strncasecmp (charset, prefixes[i], strlen (prefixes[i])) == 0)
      return TRUE;
  return FALSE;
}

char *
nb_decode_text (GBytes  *data,
                char   **encoding,
                GError **error)
{
  gsize len = 0;
  const char *bytes = g_bytes_get_data (data, &len);
  g_autofree char *charset = NULL;
  char *text;

  if (len == 0)
    {
      /* An empty GBytes has no data pointer at all. */
      if (encoding)
        *encoding = g_strdup ("UTF-8");
      return g_strdup ("");
    }
  if (len >= 3 && memcmp (bytes, "\xEF\xBB\xBF", 3) == 0)
    {
      if (!g_utf8_validate_len (bytes + 3, len - 3, NULL))
        {
          g_set_error (error, NB_ERROR, NB_ERROR_IMPORT,
                       _("The file starts as UTF-8 but is not valid UTF-8"));
          return NULL;
        }
      if (encoding)
        *encoding = g_strdup ("UTF-8");
      return g_strndup (bytes + 3, len - 3);
    }
  if (len >= 2 && (memcmp (bytes, "\xFF\xFE", 2) == 0 || memcmp (bytes, "\xFE\xFF", 2) == 0))
    {
      const char *from = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";

      if (!(text = convert (bytes + 2, len - 2, from, error)))
        return NULL;
      if (encoding)
        *encoding = g_strdup (from);
      return text;
    }
  if (g_utf8_validate_len (bytes, len, NULL))
    {
      if (encoding)
        *encoding = g_strdup ("UTF-8");
      return g_strndup (bytes, len);
    }

  {
    uchardet_t detector = uchardet_new ();

    /* The first 256 KB decide: enough text, and a 1 MB page stays fast. */
    uchardet_handle_data (detector, bytes, MIN (len, 256 * 1024));
    uchardet_data_end (detector);
    charset = g_strdup (uchardet_get_charset (detector));
    uchardet_delete (detector);
  }
  if (!charset || !*charset || g_ascii_strcasecmp (charset, "ASCII") == 0 ||
      g_ascii_strcasecmp (charset, "UTF-8") == 0 || is_western (charset))
    {
      /* Too little Chinese for the detector (a short file, a page that is
       * mostly ASCII markup: it says "UTF-8" or nothing), or a Western
       * guess: these are Chinese agencies' files, and what is not UTF-8 is
       * GB18030/GBK when it converts as such without a fault. */
      text = g_convert (bytes, len, "UTF-8", gb_charset (), NULL, NULL, NULL);
      if (!text)
        {
          g_set_error (error, NB_ERROR, NB_ERROR_IMPORT,
                       _("The file is not text in an encoding nianbao can recognise "
                         "(UTF-8, UTF-16 with a byte-order mark, GB18030/GBK)"));
          return NULL;
        }
      if (encoding)
        *encoding = g_strdup (gb_charset ());
      return text;
    }
  if (!(text = convert (bytes, len, widen_charset (charset), error)))
    return NULL;
  if (encoding)
    *encoding = g_strdup (widen_charset (charset));
  return text;
}
