/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-import-text.c — the closing lines and the 信息处理费 statement of a published report
 *
 * Both are read from sentences, so the patterns are few and strict: a line
 * is taken for a date or a sign-off only when it is nothing else, and a
 * fee sentence that does not fit is said, never guessed. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "nb-format.h"
#include "nb-import-text.h"
#include "nb-text-figures.h"

/* GRegex finishes compiling (JIT) on a pattern's first match, unlocked:
 * done here, inside the once-block, before import --check's threads share it. */
static void
jit_now (GRegex *re)
{
  g_regex_match (re, "", 0, NULL);
}

/* ---- the date line ---- */

typedef enum { DATE_ARABIC, DATE_ISO, DATE_CHINESE, N_DATE_FORMS } DateForm;

static GRegex *
date_regex (DateForm form)
{
  static gsize once;
  static GRegex *re[N_DATE_FORMS];

  /* Compiled once: safe from the threads of import --check. */
  if (g_once_init_enter (&once))
    {
      re[DATE_ARABIC] = g_regex_new ("^(.*?)\\s*((?:19|20)\\d\\d)\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日\\s*[。.]?$",
                                     G_REGEX_OPTIMIZE, 0, NULL);
      re[DATE_ISO] = g_regex_new ("^(.*?)\\s*((?:19|20)\\d\\d)\\s*[-./]\\s*(\\d{1,2})\\s*[-./]\\s*(\\d{1,2})$",
                                  G_REGEX_OPTIMIZE, 0, NULL);
      re[DATE_CHINESE] = g_regex_new ("^(.*?)\\s*([〇零○Ｏ一二三四五六七八九]{4})\\s*年\\s*([一二三四五六七八九十]{1,3})\\s*月"
                                      "\\s*([一二三四五六七八九十]{1,3})\\s*日\\s*[。.]?$",
                                      G_REGEX_OPTIMIZE, 0, NULL);
      for (guint i = 0; i < N_DATE_FORMS; i++)
        jit_now (re[i]);
      g_once_init_leave (&once, 1);
    }
  return re[form];
}

/* "二〇二一" → 2021, digit by digit. */
static int
chinese_year (const char *text)
{
  static const char *const digits[] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
  int year = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      int d = -1;
      for (guint i = 0; i < G_N_ELEMENTS (digits) && d < 0; i++)
        if (g_str_has_prefix (p, digits[i]))
          d = (int) i;
      if (d < 0 && (g_str_has_prefix (p, "零") || g_str_has_prefix (p, "○") || g_str_has_prefix (p, "Ｏ")))
        d = 0;
      if (d < 0)
        return 0;
      year = year * 10 + d;
    }
  return year;
}

static gboolean
is_closing_punctuation (gunichar c)
{
  return c == 0x3002 /*。*/ || c == 0xFF0C /*，*/ || c == 0xFF1B /*；*/ || c == 0xFF1A /*：*/ ||
         c == 0x3001 /*、*/ || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
         c == 0xFF01 || c == 0xFF1F || c == 0xFF08 /*（*/ || c == '(';
}

/* A line that is only a name: short, no sentence punctuation, no figure. */
static gboolean
is_name_line (const char *text)
{
  glong len = g_utf8_strlen (text, -1);

  if (len < 2 || len > 40)
    return FALSE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (is_closing_punctuation (c) || g_unichar_isdigit (c))
        return FALSE;
    }
  return TRUE;
}

gboolean
nb_import_text_parse_date (const char  *line,
                           char       **date,
                           char       **before)
{
  g_autofree char *nfkc = NULL;

  *date = NULL;
  *before = NULL;
  if (strlen (line) > 100 * 3)
    return FALSE;
  nfkc = g_utf8_normalize (line, -1, G_NORMALIZE_ALL_COMPOSE);
  if (!nfkc)
    return FALSE;
  g_strstrip (nfkc);
  for (DateForm form = 0; form < N_DATE_FORMS; form++)
    {
      g_autoptr(GMatchInfo) info = NULL;
      g_autofree char *b = NULL, *y = NULL, *mo = NULL, *d = NULL;
      gint64 year, month, day;

      if (!g_regex_match (date_regex (form), nfkc, 0, &info))
        continue;
      b = g_strstrip (g_match_info_fetch (info, 1));
      y = g_match_info_fetch (info, 2);
      mo = g_match_info_fetch (info, 3);
      d = g_match_info_fetch (info, 4);
      /* "…统计期限为2021年1月1日至2021年12月31日" ends with a date but is a sentence. */
      if (*b && !is_name_line (b))
        return FALSE;
      if (form == DATE_CHINESE)
        {
          year = chinese_year (y);
          if (!nb_text_parse_count (mo, -1, &month) || !nb_text_parse_count (d, -1, &day))
            return FALSE;
        }
      else
        {
          year = g_ascii_strtoll (y, NULL, 10);
          month = g_ascii_strtoll (mo, NULL, 10);
          day = g_ascii_strtoll (d, NULL, 10);
        }
      if (year < 1900 || month < 1 || month > 12 || day < 1 ||
          !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
        return FALSE;
      *date = g_strdup_printf ("%04d-%02d-%02d", (int) year, (int) month, (int) day);
      *before = *b ? g_steal_pointer (&b) : NULL;
      return TRUE;
    }
  return FALSE;
}

/* ---- the sign-off ---- */

/* How the names of agencies end (a sign-off not spelled as in the title). */
static const char *const agency_endings[] = {
  "局", "委员会", "委", "政府", "办公室", "办公厅", "办事处", "厅", "院", "中心", "处", "所", "馆",
  "站", "队", "会", "部", "署", "司", "行", "社", "公司", "街道", "办", "室", "组", NULL
};

static gboolean
looks_like_signoff (const char *text,
                    const char *agency,
                    gboolean    after_date)
{
  g_autofree char *line = g_strstrip (g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE));

  if (!line || !is_name_line (line))
    return FALSE;
  if (agency && *agency && (strstr (line, agency) || strstr (agency, line)))
    return TRUE;
  /* Beside a date, a name that ends as an agency's does is the sign-off. */
  for (guint i = 0; after_date && agency_endings[i]; i++)
    if (g_str_has_suffix (line, agency_endings[i]))
      return TRUE;
  return FALSE;
}

void
nb_import_text_take_closing (GPtrArray   *paras,
                             const char  *agency,
                             char       **signoff,
                             char       **date)
{
  *signoff = NULL;
  *date = NULL;

  /* The date is the last line, or the one before a sign-off under it. */
  for (guint back = 1; back <= 2 && paras->len > back; back++)
    {
      guint k = paras->len - back;
      g_autofree char *before = NULL;

      if (nb_import_text_parse_date (g_ptr_array_index (paras, k), date, &before))
        {
          if (before && looks_like_signoff (before, agency, TRUE))
            *signoff = g_steal_pointer (&before);
          g_ptr_array_remove_index (paras, k);
          break;
        }
    }
  if (!*signoff && paras->len > 1 && looks_like_signoff (g_ptr_array_index (paras, paras->len - 1), agency, *date != NULL))
    {
      *signoff = g_strstrip (g_strdup (g_ptr_array_index (paras, paras->len - 1)));
      g_ptr_array_remove_index (paras, paras->len - 1);
    }
}

/* ---- the 信息处理费 statement ---- */

typedef struct
{
  gboolean found;
  gdouble  value;
} Figure;

/* The figure before @unit in @clause ("3件", "1,200元", "0.12万元" in 元), first one. */
static Figure
figure_before (const char *clause,
               const char *unit)
{
  static gsize once;
  static GRegex *re;
  g_autoptr(GMatchInfo) info = NULL;
  Figure f = { FALSE, 0 };

  if (g_once_init_enter (&once))
    {
      re = g_regex_new ("([0-9][0-9,]*(?:\\.[0-9]+)?|[零〇一二两三四五六七八九十百千]+)\\s*(件|万元|元)",
                        G_REGEX_OPTIMIZE, 0, NULL);
      jit_now (re);
      g_once_init_leave (&once, 1);
    }
  g_regex_match (re, clause, 0, &info);
  for (; g_match_info_matches (info); g_match_info_next (info, NULL))
    {
      g_autofree char *number = g_match_info_fetch (info, 1);
      g_autofree char *u = g_match_info_fetch (info, 2);
      gboolean wan = g_str_equal (u, "万元");

      if (!g_str_equal (unit, wan ? "元" : u))
        continue;
      if (g_ascii_isdigit (number[0]))
        {
          GString *digits = g_string_new (NULL);
          for (const char *p = number; *p; p++)
            if (*p != ',')
              g_string_append_c (digits, *p);
          f.value = g_ascii_strtod (digits->str, NULL);
          g_string_free (digits, TRUE);
        }
      else
        {
          gint64 n;
          if (!nb_text_parse_count (number, -1, &n))
            continue;
          f.value = (gdouble) n;
        }
      if (wan)
        f.value *= 10000;
      f.found = TRUE;
      return f;
    }
  return f;
}

static void
set_fee (NbReport        *report,
         const NbCellDef *def,
         Figure           f,
         gboolean        *set)
{
  g_autofree char *value = NULL;

  if (!f.found)
    return;
  value = g_strdup_printf ("%.2f", f.value);
  if (g_str_has_suffix (value, ".00"))
    value[strlen (value) - 3] = '\0';
  if (nb_report_set_field (report, def->key, value, NULL))
    *set = TRUE;
}

static gboolean
any_in (const char        *text,
        const char *const *words)
{
  for (guint i = 0; words[i]; i++)
    if (strstr (text, words[i]))
      return TRUE;
  return FALSE;
}

/* The figure of each field (by its unit, 件 or 元) in @clause; what was
 * collected: an amount of 0 without a count means no case either. */
static void
read_fields (NbReport               *report,
             const NbCellDef *const *fields,
             const char             *clause,
             gboolean                collected,
             gboolean               *set)
{
  Figure zero_amount = { FALSE, 0 };
  Figure figures[8] = { { FALSE, 0 } };
  guint n = 0;

  for (; fields[n] && n < G_N_ELEMENTS (figures); n++)
    {
      figures[n] = figure_before (clause, fields[n]->unit ? fields[n]->unit : "");
      if (figures[n].found && figures[n].value == 0 && fields[n]->kind.type != NB_KIND_COUNT)
        zero_amount = figures[n];
    }
  for (guint i = 0; i < n; i++)
    {
      if (collected && !figures[i].found && zero_amount.found && fields[i]->kind.type == NB_KIND_COUNT)
        figures[i] = zero_amount;
      set_fee (report, fields[i], figures[i], set);
    }
}

static gboolean
figure_in (const char             *text,
           const NbCellDef *const *fields)
{
  for (guint i = 0; fields[i]; i++)
    if (figure_before (text, fields[i]->unit ? fields[i]->unit : "").found)
      return TRUE;
  return FALSE;
}

void
nb_import_text_read_fees (NbReport   *report,
                          const char *section_key,
                          const char *text,
                          GPtrArray  *warnings)
{
  static gsize once;
  static GRegex *years, *sentences;
  NbFormat *format = nb_report_get_format (report);
  const NbSectionDef *section = nb_format_find_section (format, section_key);
  const NbFieldsReadingDef *reading = section ? section->fields_reading : NULL;
  g_auto(GStrv) parts = NULL;

  if (!reading || !text)
    return;
  if (g_once_init_enter (&once))
    {
      /* A year is no figure of the statement ("2023年对25件…"). */
      years = g_regex_new ("(?:19|20)[0-9][0-9]\\s*年(?:度)?|[0-9]{1,2}月[0-9]{1,2}日|[0-9]{1,2}月", G_REGEX_OPTIMIZE, 0, NULL);
      sentences = g_regex_new ("(?<=[。；;！？\n])", G_REGEX_OPTIMIZE, 0, NULL);
      jit_now (years);
      jit_now (sentences);
      g_once_init_leave (&once, 1);
    }
  parts = g_regex_split (sentences, text, 0);
  for (guint i = 0; parts[i]; i++)
    {
      g_autofree char *nfkc = g_utf8_normalize (parts[i], -1, G_NORMALIZE_ALL_COMPOSE);
      g_autofree char *s = NULL;
      const char *notice;
      g_autofree char *notice_clause = NULL;
      const char *collected_clause = NULL;
      gboolean set = FALSE;

      if (!nfkc || !any_in (nfkc, reading->mentions))
        continue;
      s = g_regex_replace_literal (years, nfkc, -1, 0, "", 0, NULL);
      notice = strstr (s, reading->notice_starts);
      if (notice)
        {
          /* 发出收费通知书3件，金额共计1200元 — up to 实际/收取 of the collected part. */
          const char *end = NULL;

          for (guint k = 0; reading->notice_ends[k]; k++)
            {
              const char *at = strstr (notice, reading->notice_ends[k]);

              if (at && (!end || at < end))
                end = at;
            }
          notice_clause = end ? g_strndup (notice, end - notice) : g_strdup (notice);
          collected_clause = end;
        }
      else
        collected_clause = strstr (s, reading->collected_starts) ? s : NULL;

      if (notice_clause)
        read_fields (report, reading->notice_fields, notice_clause, FALSE, &set);
      if (collected_clause)
        read_fields (report, reading->collected_fields, collected_clause, TRUE, &set);
      if (!set && g_regex_match (reading->none_regex, s, 0, NULL) &&
          !figure_in (s, reading->notice_fields) && !figure_in (s, reading->collected_fields))
        {
          Figure zero = { TRUE, 0 };

          for (guint k = 0; reading->notice_fields[k]; k++)
            set_fee (report, reading->notice_fields[k], zero, &set);
          for (guint k = 0; reading->collected_fields[k]; k++)
            set_fee (report, reading->collected_fields[k], zero, &set);
        }
      if (!set)
        {
          g_autofree char *sentence = g_strstrip (g_strdup (parts[i]));
          g_ptr_array_add (warnings,
                           g_strdup_printf (_("“%s”: the sentence “%s” about 信息处理费 was not understood; "
                                              "the fee fields were left blank"),
                                            section->heading, sentence));
        }
    }
}
