/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-json-check.c — what json-glib 1.6 lets through, refused before it parses
 *
 * json-glib is the parser; this is one bounded pass over the text first,
 * for what it gets wrong on Debian 12: ~75 000 nested "[" overflow its
 * recursive parser's stack; duplicate keys (last wins), a second document
 * after the first, 'single-quoted' names and comments are accepted
 * silently; "\u0000" cuts a string short; a lone surrogate ("\ud800")
 * becomes invalid UTF-8; an integer beyond 64 bits wraps around. Each is
 * refused here with its line and column.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "nb-error.h"
#include "nb-json-check.h"
#include "nb-number.h"
#include "nb-text-check.h"

typedef struct
{
  const char *data;
  gsize       len;
  gsize       i;
  int         line;
  int         column;   /* in characters, from 1 */
  GError    **error;
} Scan;

static gboolean
scan_error (Scan       *s,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static gboolean
scan_error (Scan       *s,
            const char *format,
            ...)
{
  va_list args;
  g_autofree char *what = NULL;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (s->error, NB_ERROR, NB_ERROR_FILE,
               _("The file is not a valid nianbao document: at line %d, column %d, %s"),
               s->line, s->column, what);
  return FALSE;
}

/* One byte on; columns count characters, not UTF-8 continuation bytes. */
static void
advance (Scan *s)
{
  char c = s->data[s->i++];

  if (c == '\n')
    {
      s->line++;
      s->column = 1;
    }
  else if (((guchar) c & 0xC0) != 0x80)
    s->column++;
}

static int
hex4 (const char *p)
{
  int v = 0;

  for (int k = 0; k < 4; k++)
    {
      int d = g_ascii_xdigit_value (p[k]);
      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* A string from its opening quote; @key, if not NULL, gets its decoded text. */
static gboolean
scan_string (Scan    *s,
             GString *key)
{
  advance (s);   /* the opening quote */
  while (s->i < s->len)
    {
      guchar c = (guchar) s->data[s->i];

      if (c == '"')
        {
          advance (s);
          return TRUE;
        }
      if (c < 0x20)
        return scan_error (s, _("the text contains a control character (U+%04X); only line breaks and tabs are allowed, written as \\n and \\t"), c);
      if (c != '\\')
        {
          gunichar ch = c < 0x80 ? c : g_utf8_get_char (s->data + s->i);
          gsize n = c < 0x80 ? 1 : (gsize) (g_utf8_next_char (s->data + s->i) - (s->data + s->i));

          if (ch >= 0x80 && !nb_text_char_is_allowed (ch))
            return scan_error (s, _("the text contains U+%04X, which is not a character of any text"), (guint) ch);
          if (key)
            g_string_append_len (key, s->data + s->i, (gssize) n);
          for (gsize k = 0; k < n; k++)
            advance (s);
          continue;
        }
      if (s->i + 1 >= s->len)
        return TRUE;   /* cut short: json-glib says so */
      switch (s->data[s->i + 1])
        {
        case 'u':
          {
            int v = s->i + 6 <= s->len ? hex4 (s->data + s->i + 2) : -1;
            gunichar ch;

            if (v < 0)
              return scan_error (s, _("“\\u” must be followed by four hexadecimal digits"));
            if (v == 0)
              return scan_error (s, _("the text contains “\\u0000” (a null character), which would cut it short"));
            if (v >= 0xDC00 && v <= 0xDFFF)
              return scan_error (s, _("the text contains a lone low surrogate (\\u%04x), which is not a character"), (guint) v);
            ch = (gunichar) v;
            if (v >= 0xD800 && v <= 0xDBFF)
              {
                int low = (s->i + 12 <= s->len && s->data[s->i + 6] == '\\' && s->data[s->i + 7] == 'u')
                          ? hex4 (s->data + s->i + 8) : -1;
                if (low < 0xDC00 || low > 0xDFFF)
                  return scan_error (s, _("the text contains a lone high surrogate (\\u%04x), which is not a character"), (guint) v);
                ch = 0x10000 + (((gunichar) v - 0xD800) << 10) + ((gunichar) low - 0xDC00);
                for (int k = 0; k < 6; k++)
                  advance (s);
              }
            /* A carriage return is let through: older files hold "\r\n",
             * which the model turns into "\n". */
            if (ch != '\r' && !nb_text_char_is_allowed (ch))
              {
                if (ch < 0x20 || (ch >= 0x7F && ch <= 0x9F))
                  return scan_error (s, _("the text contains a control character (\\u%04x); only line breaks and tabs are allowed"), (guint) ch);
                return scan_error (s, _("the text contains U+%04X, which is not a character of any text"), (guint) ch);
              }
            if (key)
              g_string_append_unichar (key, ch);
            for (int k = 0; k < 6; k++)
              advance (s);
            break;
          }
        case 'b': case 'f':
          return scan_error (s, _("the text contains a control character (\\%c); only line breaks and tabs are allowed"),
                             s->data[s->i + 1]);
        case '"': case '\\': case '/': case 'n': case 'r': case 't':
          if (key)
            g_string_append_c (key, s->data[s->i + 1]);
          advance (s);
          advance (s);
          break;
        default:
          /* The data is valid UTF-8 (checked before), but the byte after the
           * backslash may begin a character of several bytes, or be a control
           * character: not a byte to print alone in a message. */
          if ((guchar) s->data[s->i + 1] < 0x20 || (guchar) s->data[s->i + 1] >= 0x7F)
            return scan_error (s, _("a backslash followed by U+%04X is not a valid escape in a text"),
                               (guint) g_utf8_get_char (s->data + s->i + 1));
          return scan_error (s, _("“\\%c” is not a valid escape in a text"), s->data[s->i + 1]);
        }
    }
  return TRUE;   /* unterminated: json-glib reports it */
}

static gboolean
scan_number (Scan *s)
{
  gsize start = s->i;
  gboolean integer = TRUE;
  g_autofree char *text = NULL;
  int line = s->line, column = s->column;
  gint64 v;

  while (s->i < s->len && strchr ("+-0123456789.eE", s->data[s->i]) && s->data[s->i])
    {
      if (strchr (".eE", s->data[s->i]))
        integer = FALSE;
      advance (s);
    }
  if (!integer)
    return TRUE;   /* decimals are refused later, by field */
  text = g_strndup (s->data + start, MIN (s->i - start, 40));
  /* The range on the text, before any conversion can wrap around. */
  if (s->i - start > 40 ||
      !g_ascii_string_to_signed (text, 10, -NB_NUMBER_MAX_INTEGER, NB_NUMBER_MAX_INTEGER, &v, NULL))
    {
      char max[24];

      g_snprintf (max, sizeof max, "%" G_GINT64_FORMAT, NB_NUMBER_MAX_INTEGER);
      s->line = line;
      s->column = column;
      if (s->i - start > 40)
        return scan_error (s, _("the number %s… is out of range (at most %s)"), text, max);
      return scan_error (s, _("the number %s is out of range (at most %s)"), text, max);
    }
  return TRUE;
}

typedef struct
{
  gboolean    object;
  gboolean    expect_key;
  GHashTable *keys;
} Level;

static void
level_clear (gpointer data)
{
  Level *l = data;

  g_clear_pointer (&l->keys, g_hash_table_unref);
}

gboolean
nb_json_check (const char  *data,
               gsize        length,
               GError     **error)
{
  Scan s = { data, length, 0, 1, 1, error };
  g_autoptr(GArray) stack = g_array_new (FALSE, TRUE, sizeof (Level));
  gboolean root_done = FALSE;

  g_array_set_clear_func (stack, level_clear);

  while (s.i < s.len)
    {
      char c = data[s.i];
      Level *top = stack->len ? &g_array_index (stack, Level, stack->len - 1) : NULL;

      if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
        {
          advance (&s);
          continue;
        }
      if (root_done)
        return scan_error (&s, _("more follows after the end of the document (a file holds one document)"));

      switch (c)
        {
        case '{':
        case '[':
          {
            Level l = { c == '{', c == '{', NULL };

            /* A document has three levels; anything deep is not one, and
             * json-glib's recursion would overflow the stack on it. */
            if (stack->len >= NB_JSON_MAX_DEPTH)
              return scan_error (&s, _("the data is nested more than %d levels deep"), NB_JSON_MAX_DEPTH);
            if (l.object)
              l.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
            g_array_append_val (stack, l);
            advance (&s);
            break;
          }
        case '}':
        case ']':
          if (top == NULL)
            return scan_error (&s, _("“%c” closes nothing"), c);
          g_array_set_size (stack, stack->len - 1);
          advance (&s);
          if (stack->len == 0)
            root_done = TRUE;
          break;
        case ',':
          if (top && top->object)
            top->expect_key = TRUE;
          advance (&s);
          break;
        case ':':
          advance (&s);
          break;
        case '"':
          if (top && top->object && top->expect_key)
            {
              g_autoptr(GString) key = g_string_new (NULL);
              int line = s.line, column = s.column;

              if (!scan_string (&s, key))
                return FALSE;
              top = &g_array_index (stack, Level, stack->len - 1);
              top->expect_key = FALSE;
              if (g_hash_table_contains (top->keys, key->str))
                {
                  s.line = line;
                  s.column = column;
                  return scan_error (&s, _("the name “%s” appears twice in the same object"), key->str);
                }
              g_hash_table_add (top->keys, g_string_free (g_steal_pointer (&key), FALSE));
            }
          else if (!scan_string (&s, NULL))
            return FALSE;
          if (stack->len == 0)
            root_done = TRUE;
          break;
        case '\'':
          return scan_error (&s, _("names and texts must be in double quotes (\"), not single quotes"));
        case '/':
        case '#':
          return scan_error (&s, _("comments are not allowed"));
        default:
          if (c == '-' || g_ascii_isdigit (c))
            {
              if (!scan_number (&s))
                return FALSE;
            }
          else if (g_ascii_isalpha (c))
            {
              gsize start = s.i;
              g_autofree char *word = NULL;

              while (s.i < s.len && g_ascii_isalnum (data[s.i]))
                advance (&s);
              word = g_strndup (data + start, MIN (s.i - start, 20));
              if (!g_str_equal (word, "true") && !g_str_equal (word, "false") && !g_str_equal (word, "null"))
                {
                  s.column -= (int) (s.i - start);
                  return scan_error (&s, _("“%s” is not a value (texts must be in double quotes)"), word);
                }
            }
          else
            {
              gunichar u = g_utf8_get_char_validated (data + s.i, (gssize) (s.len - s.i));
              char buf[8] = "?";

              if (u < 0x110000)
                buf[g_unichar_to_utf8 (u, buf)] = '\0';
              return scan_error (&s, _("the character “%s” does not belong here (this is not JSON text)"), buf);
            }
          if (stack->len == 0)
            root_done = TRUE;
          break;
        }
    }
  return TRUE;
}
