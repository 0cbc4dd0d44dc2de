/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-number.c — exact values: integers and scaled decimals */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "nb-error.h"
#include "nb-number.h"

static const gint64 pow10_table[] = {
  1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
  1000000000, G_GINT64_CONSTANT (10000000000), G_GINT64_CONSTANT (100000000000),
  G_GINT64_CONSTANT (1000000000000),
};

NbNumber
nb_number_from_int (gint64 value)
{
  NbNumber n = { value, 0, FALSE };
  return n;
}

NbNumber
nb_number_blank (void)
{
  NbNumber n = { 0, 0, TRUE };
  return n;
}

/* Map full-width forms to ASCII; returns 0 for anything else we reject. */
static char
normalize_char (gunichar c)
{
  if (c < 0x80)
    return (char) c;
  if (c >= 0xFF10 && c <= 0xFF19)   /* ０–９ */
    return (char) ('0' + (c - 0xFF10));
  switch (c)
    {
    case 0xFF0E: case 0x3002: return '.';   /* ． 。 */
    case 0xFF0D: case 0x2212: case 0x2013: case 0x2014: return '-';  /* － − – — */
    case 0xFF0B: return '+';
    case 0xFF0C: return ',';
    case 0x3000: return ' ';
    default: return 0;
    }
}

gboolean
nb_number_parse (const char  *text,
                 NbNumber    *out,
                 GError     **error)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const char *p;
  gboolean negative = FALSE;
  gboolean seen_point = FALSE;
  guint places = 0;
  guint int_digits = 0;
  gint64 units = 0;
  gsize i = 0;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, NB_ERROR, NB_ERROR_PARSE, _("“%s” is not a number"), text ? "?" : "");
      return FALSE;
    }

  for (p = text; *p; p = g_utf8_next_char (p))
    {
      char c = normalize_char (g_utf8_get_char (p));
      if (c == 0)
        {
          g_set_error (error, NB_ERROR, NB_ERROR_PARSE,
                       _("“%s” is not a number"), text);
          return FALSE;
        }
      g_string_append_c (s, c);
    }
  g_strstrip (s->str);
  s->len = strlen (s->str);

  if (s->len == 0)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_PARSE, _("A number is required"));
      return FALSE;
    }

  if (s->str[0] == '-' || s->str[0] == '+')
    {
      negative = s->str[0] == '-';
      i++;
    }
  if (i >= s->len)
    goto bad;

  /* Thousands separators only between groups of three digits. */
  {
    gssize last_comma = -1;
    gsize digits_since_comma = 0;

    for (; i < s->len; i++)
      {
        char c = s->str[i];

        if (c >= '0' && c <= '9')
          {
            if (seen_point)
              {
                if (places >= NB_NUMBER_MAX_PLACES)
                  {
                    g_set_error (error, NB_ERROR, NB_ERROR_RANGE,
                                 _("“%s” has more than %d decimal places"), text, NB_NUMBER_MAX_PLACES);
                    return FALSE;
                  }
                places++;
              }
            else
              {
                if (int_digits > 0 || c != '0')
                  int_digits++;
                digits_since_comma++;
              }
            if (int_digits > 11)
              {
                g_set_error (error, NB_ERROR, NB_ERROR_RANGE,
                             _("“%s” is too large"), text);
                return FALSE;
              }
            units = units * 10 + (c - '0');
          }
        else if (c == ',' && !seen_point)
          {
            if ((last_comma < 0 && (digits_since_comma == 0 || digits_since_comma > 3)) ||
                (last_comma >= 0 && digits_since_comma != 3))
              goto bad;
            last_comma = i;
            digits_since_comma = 0;
          }
        else if (c == '.' && !seen_point)
          {
            if (last_comma >= 0 && digits_since_comma != 3)
              goto bad;
            if (i + 1 >= s->len)
              goto bad;   /* "12." */
            seen_point = TRUE;
          }
        else
          goto bad;
      }
    if (!seen_point && last_comma >= 0 && digits_since_comma != 3)
      goto bad;
    if (s->str[negative || s->str[0] == '+' ? 1 : 0] == '.')
      goto bad;   /* ".5" */
  }

  out->units = negative ? -units : units;
  out->places = places;
  out->blank = FALSE;
  return TRUE;

bad:
  g_set_error (error, NB_ERROR, NB_ERROR_PARSE, _("“%s” is not a number"), text);
  return FALSE;
}

gboolean
nb_number_validate (const NbNumber  *number,
                    const NbKind    *kind,
                    GError         **error)
{
  char buf[NB_NUMBER_BUF];

  if (number->blank)
    return TRUE;

  if (number->places > NB_NUMBER_MAX_PLACES ||
      ABS (number->units) / pow10_table[number->places] > NB_NUMBER_MAX_INTEGER)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_RANGE,
                   _("%s is out of range"), nb_number_format (number, buf));
      return FALSE;
    }

  switch (kind->type)
    {
    case NB_KIND_COUNT:
    case NB_KIND_SIGNED:
      if (number->places > 0)
        {
          /* 12.00 is still a whole number; 12.5 is not. */
          if (number->units % pow10_table[number->places] != 0)
            {
              g_set_error (error, NB_ERROR, NB_ERROR_KIND,
                           _("%s is not a whole number"), nb_number_format (number, buf));
              return FALSE;
            }
        }
      if (kind->type == NB_KIND_COUNT && number->units < 0)
        {
          g_set_error (error, NB_ERROR, NB_ERROR_KIND,
                       _("%s is negative; this cell takes a whole number of 0 or more"),
                       nb_number_format (number, buf));
          return FALSE;
        }
      return TRUE;

    case NB_KIND_DECIMAL:
      if (number->units < 0)
        {
          g_set_error (error, NB_ERROR, NB_ERROR_KIND,
                       _("%s is negative; this cell takes an amount of 0 or more"),
                       nb_number_format (number, buf));
          return FALSE;
        }
      if (number->places > kind->places)
        {
          g_set_error (error, NB_ERROR, NB_ERROR_RANGE,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%s has more than %u decimal place",
                                    "%s has more than %u decimal places", kind->places),
                       nb_number_format (number, buf), kind->places);
          return FALSE;
        }
      return TRUE;

    case NB_KIND_TEXT:
    default:
      g_set_error (error, NB_ERROR, NB_ERROR_KIND, _("This field takes text, not a number"));
      return FALSE;
    }
}

gboolean
nb_number_parse_for_kind (const char    *text,
                          const NbKind  *kind,
                          NbNumber      *out,
                          GError       **error)
{
  NbNumber n;

  if (!nb_number_parse (text, &n, error))
    return FALSE;
  if (!nb_number_validate (&n, kind, error))
    return FALSE;
  /* Whole-number cells store 12.00 as 12. */
  if ((kind->type == NB_KIND_COUNT || kind->type == NB_KIND_SIGNED) && n.places > 0)
    {
      n.units /= pow10_table[n.places];
      n.places = 0;
    }
  *out = n;
  return TRUE;
}

const char *
nb_number_format (const NbNumber *number,
                  char           *buf)
{
  gint64 a, ip, fp;

  if (number->blank)
    {
      buf[0] = '\0';
      return buf;
    }
  if (number->places == 0)
    {
      g_snprintf (buf, NB_NUMBER_BUF, "%" G_GINT64_FORMAT, number->units);
      return buf;
    }
  a = ABS (number->units);
  ip = a / pow10_table[number->places];
  fp = a % pow10_table[number->places];
  g_snprintf (buf, NB_NUMBER_BUF, "%s%" G_GINT64_FORMAT ".%0*" G_GINT64_FORMAT,
              number->units < 0 ? "-" : "", ip, (int) number->places, fp);
  return buf;
}

char *
nb_number_to_string (const NbNumber *number)
{
  char buf[NB_NUMBER_BUF];
  return g_strdup (nb_number_format (number, buf));
}

/* Align both to the larger number of places; FALSE on overflow. */
static gboolean
align (const NbNumber *a,
       const NbNumber *b,
       gint64         *ua,
       gint64         *ub,
       guint          *places)
{
  guint p = MAX (a->places, b->places);
  gint64 x = a->blank ? 0 : a->units;
  gint64 y = b->blank ? 0 : b->units;

  if (p > NB_NUMBER_MAX_PLACES)
    return FALSE;
  if (__builtin_mul_overflow (x, pow10_table[p - (a->blank ? p : a->places)], &x) ||
      __builtin_mul_overflow (y, pow10_table[p - (b->blank ? p : b->places)], &y))
    return FALSE;
  *ua = x;
  *ub = y;
  *places = p;
  return TRUE;
}

int
nb_number_compare (const NbNumber *a,
                   const NbNumber *b)
{
  gint64 x, y;
  guint p;

  if (!align (a, b, &x, &y, &p))
    return 0;
  return x < y ? -1 : x > y ? 1 : 0;
}

gboolean
nb_number_equal (const NbNumber *a,
                 const NbNumber *b)
{
  if (a->blank != b->blank)
    return FALSE;
  return nb_number_compare (a, b) == 0;
}

gboolean
nb_number_add (NbNumber       *acc,
               const NbNumber *value)
{
  gint64 x, y, r;
  guint p;

  if (!align (acc, value, &x, &y, &p) || __builtin_add_overflow (x, y, &r))
    return FALSE;
  acc->units = r;
  acc->places = p;
  acc->blank = FALSE;
  return TRUE;
}

gboolean
nb_number_sub (NbNumber       *acc,
               const NbNumber *value)
{
  NbNumber neg = nb_number_negate (value);
  return nb_number_add (acc, &neg);
}

NbNumber
nb_number_negate (const NbNumber *value)
{
  NbNumber n = *value;
  n.units = -n.units;
  return n;
}

gint64
nb_number_integer_part (const NbNumber *number)
{
  if (number->blank)
    return 0;
  return number->units / pow10_table[number->places];
}

const char *
nb_kind_type_to_string (NbKindType type)
{
  switch (type)
    {
    case NB_KIND_COUNT: return "count";
    case NB_KIND_SIGNED: return "signed";
    case NB_KIND_DECIMAL: return "decimal";
    case NB_KIND_TEXT: return "text";
    default: return "?";
    }
}

gboolean
nb_kind_type_from_string (const char *text,
                          NbKindType *out)
{
  static const char *names[] = { "count", "signed", "decimal", "text" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *out = (NbKindType) i;
        return TRUE;
      }
  return FALSE;
}

char *
nb_kind_describe (const NbKind *kind)
{
  switch (kind->type)
    {
    case NB_KIND_COUNT:
      return g_strdup (_("a whole number, 0 or more"));
    case NB_KIND_SIGNED:
      return g_strdup (_("a whole number, may be negative"));
    case NB_KIND_DECIMAL:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "an amount, 0 or more, at most %u decimal place",
                                           "an amount, 0 or more, at most %u decimal places",
                                           kind->places),
                              kind->places);
    case NB_KIND_TEXT:
    default:
      return g_strdup (_("text"));
    }
}
