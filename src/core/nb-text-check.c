/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-text-check.c — which characters a report's texts may hold
 *
 * A lone surrogate or a control character typed, pasted or loaded into a
 * text was saved as a file that no longer loads, and went raw into the
 * workbook's XML, which LibreOffice then showed empty. Every string is
 * checked here when it is set and when it is loaded.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "nb-error.h"
#include "nb-text-check.h"

gboolean
nb_text_char_is_allowed (gunichar c)
{
  if (c == '\n' || c == '\t')
    return TRUE;
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
    return FALSE;
  if (c >= 0xD800 && c <= 0xDFFF)
    return FALSE;
  if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE)
    return FALSE;
  return c <= 0x10FFFF;
}

gboolean
nb_text_check (const char  *field,
               const char  *text,
               gssize       max_chars,
               GError     **error)
{
  const char *end;
  guint n = 0;

  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, &end))
    {
      g_set_error (error, NB_ERROR, NB_ERROR_PARSE,
                   _("%s is not valid UTF-8 text (bad byte at offset %u)"), field, (guint) (end - text));
      return FALSE;
    }
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      n++;
      if (!nb_text_char_is_allowed (c))
        {
          if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
            g_set_error (error, NB_ERROR, NB_ERROR_PARSE,
                         _("%s contains a control character (U+%04X) at character %u; remove it"),
                         field, (guint) c, n);
          else
            g_set_error (error, NB_ERROR, NB_ERROR_PARSE,
                         _("%s contains U+%04X at character %u, which is not a character of any text; remove it"),
                         field, (guint) c, n);
          return FALSE;
        }
    }
  if (max_chars >= 0 && n > (guint) max_chars)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_RANGE,
                   _("%s is too long: %u characters, at most %u (a workbook cell holds no more)"),
                   field, n, (guint) max_chars);
      return FALSE;
    }
  return TRUE;
}

char *
nb_text_sanitize (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\v' || c == '\f')
        g_string_append_c (out, '\n');
      else if (c == '\r')
        {
          if (p[1] != '\n')
            g_string_append_c (out, '\n');
        }
      else if (nb_text_char_is_allowed (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}
