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

/* GB2312 and GBK are subsets of GB18030: converting from the superset
 * keeps the characters a file mislabelled as the smaller set holds. */
static const char *
widen_charset (const char *charset)
{
  if (g_ascii_strcasecmp (charset, "GB2312") == 0 ||
      g_ascii_strcasecmp (charset, "GBK") == 0 ||
      g_ascii_strcasecmp (charset, "EUC-CN") == 0 ||
      g_ascii_strcasecmp (charset, "HZ-GB-2312") == 0)
    return "GB18030";
  return charset;
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
      g_ascii_strcasecmp (charset, "UTF-8") == 0)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_IMPORT,
                   _("The file is not text in an encoding nianbao can recognise "
                     "(UTF-8, UTF-16 with a byte-order mark, GB18030/GBK)"));
      return NULL;
    }
  if (!(text = convert (bytes, len, widen_charset (charset), error)))
    return NULL;
  if (encoding)
    *encoding = g_strdup (widen_charset (charset));
  return text;
}
