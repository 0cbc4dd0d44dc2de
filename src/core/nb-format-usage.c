/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-format-usage.c — what the area's summary, the importers and the
 * exporters take from the format data, compiled once at load
 * (docs/formats.md: "The area's summary", "Figures quoted in the text",
 * "Kinds of agency", "信息处理费", "Documents"). */
#include "config.h"

#include <string.h>

#include "nb-error.h"
#include "nb-format-private.h"

static const NbTableDef *
read_table (NbFormat    *self,
            JsonObject  *obj,
            const char  *member,
            const char  *where,
            GError     **error)
{
  const char *key = nb_format_read_string (obj, member, FALSE, where, error);
  const NbTableDef *table;

  if (!key)
    return NULL;
  if (!(table = nb_format_find_table (self, key)))
    g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                 "format data: %s: “%s” is not a table of the format", where, key);
  return table;
}

/* "summary": {"figures": [cell keys], "groups": table, "chart": table,
 *             "roster_heading": {"contains": […], "is": […]}} */
static gboolean
load_summary (NbFormat     *self,
              JsonObject   *root,
              NbSummaryDef *summary,
              GError      **error)
{
  JsonObject *obj;
  JsonObject *roster = NULL;
  const char *const *figures;
  const NbCellDef **cells;
  guint n;

  if (!json_object_has_member (root, "summary"))
    {
      static const char *const none[] = { NULL };

      summary->figures = (const NbCellDef *const *) none;
      summary->roster_contains = summary->roster_is = none;
      return TRUE;
    }
  if (!(obj = nb_format_read_object (root, "summary", "format", error)) ||
      !(figures = nb_format_read_strv (self, obj, "figures", "summary", error)))
    return FALSE;
  n = g_strv_length ((char **) figures);
  cells = nb_format_keep (self, g_new0 (const NbCellDef *, n + 1));
  for (guint i = 0; i < n; i++)
    if (!(cells[i] = nb_format_find_cell (self, figures[i])))
      {
        g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                     "format data: summary: “%s” is not a cell of the format", figures[i]);
        return FALSE;
      }
  summary->n_figures = n;
  summary->figures = cells;
  summary->groups = read_table (self, obj, "groups", "summary", error);
  if (*error)
    return FALSE;
  summary->chart = read_table (self, obj, "chart", "summary", error);
  if (*error)
    return FALSE;
  if (json_object_has_member (obj, "roster_heading") &&
      !(roster = nb_format_read_object (obj, "roster_heading", "summary", error)))
    return FALSE;
  if (!roster)
    {
      static const char *const none[] = { NULL };

      summary->roster_contains = summary->roster_is = none;
      return TRUE;
    }
  summary->roster_contains = nb_format_read_strv (self, roster, "contains", "summary.roster_heading", error);
  summary->roster_is = nb_format_read_strv (self, roster, "is", "summary.roster_heading", error);
  return *error == NULL;
}

/* "text_figure_words": {"filler": "共计…", "unit": "件", "other_year": […]}:
 * required once the format has text-figure rules. */
static gboolean
load_figure_words (NbFormat         *self,
                   JsonObject       *root,
                   NbFigureWordsDef *words,
                   GError          **error)
{
  const char *where = "text_figure_words";
  JsonObject *obj;

  if (!json_object_has_member (root, where) && nb_format_get_n_figure_rules (self) == 0)
    {
      static const char *const none[] = { NULL };

      words->filler = "";
      words->unit = "";
      words->other_year = none;
      return TRUE;
    }
  if (!(obj = nb_format_read_object (root, where, "format", error)) ||
      !(words->filler = nb_format_read_string (obj, "filler", TRUE, where, error)) ||
      !(words->unit = nb_format_read_string (obj, "unit", TRUE, where, error)) ||
      !(words->other_year = nb_format_read_strv (self, obj, "other_year", where, error)))
    return FALSE;
  return TRUE;
}

/* "agency_kinds": {"department": "部门", "government": "本级人民政府"} */
static gboolean
load_agency_kinds (JsonObject   *root,
                   const char  **words,
                   GError      **error)
{
  JsonObject *obj = nb_format_read_object (root, "agency_kinds", "format", error);

  return obj &&
         (words[NB_AGENCY_DEPARTMENT] = nb_format_read_string (obj, "department", TRUE, "agency_kinds", error)) &&
         (words[NB_AGENCY_GOVERNMENT] = nb_format_read_string (obj, "government", TRUE, "agency_kinds", error));
}

static const NbCellDef *const *
read_fields (NbFormat           *self,
             JsonObject         *obj,
             const char         *member,
             const NbSectionDef *section,
             const char         *where,
             GError            **error)
{
  const char *const *keys = nb_format_read_strv (self, obj, member, where, error);
  const NbCellDef **fields;
  guint n;

  if (!keys)
    return NULL;
  n = g_strv_length ((char **) keys);
  fields = nb_format_keep (self, g_new0 (const NbCellDef *, n + 1));
  for (guint i = 0; i < n; i++)
    {
      fields[i] = nb_format_find_cell (self, keys[i]);
      if (!fields[i] || g_strcmp0 (fields[i]->section, section->key) != 0 || fields[i]->table)
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                       "format data: %s: “%s” is not a field of section “%s”", where, keys[i], section->key);
          return NULL;
        }
    }
  return fields;
}

/* A section's "fields_reading": {"mentions": […], "notice": {"starts": …,
 * "ends": […], "fields": […]}, "collected": {"starts": …, "fields": […]},
 * "none": regex}. */
static gboolean
load_fields_reading (NbFormat    *self,
                     JsonObject  *root,
                     GError     **error)
{
  JsonArray *sections = json_object_get_array_member (root, "sections");

  for (guint i = 0; i < json_array_get_length (sections); i++)
    {
      JsonObject *s = json_array_get_object_element (sections, i);
      NbSectionDef *section = (NbSectionDef *) nb_format_get_section (self, i);
      g_autofree char *where = g_strdup_printf ("section “%s” fields_reading", section->key);
      GRegex *none;
      NbFieldsReadingDef *def;
      JsonObject *obj, *notice, *collected;

      if (!json_object_has_member (s, "fields_reading"))
        continue;
      def = nb_format_keep (self, g_new0 (NbFieldsReadingDef, 1));
      if (!(obj = nb_format_read_object (s, "fields_reading", where, error)) ||
          !(notice = nb_format_read_object (obj, "notice", where, error)) ||
          !(collected = nb_format_read_object (obj, "collected", where, error)) ||
          !(def->mentions = nb_format_read_strv (self, obj, "mentions", where, error)) ||
          !(def->none = nb_format_read_string (obj, "none", TRUE, where, error)) ||
          !(def->notice_starts = nb_format_read_string (notice, "starts", TRUE, where, error)) ||
          !(def->notice_ends = nb_format_read_strv (self, notice, "ends", where, error)) ||
          !(def->notice_fields = read_fields (self, notice, "fields", section, where, error)) ||
          !(def->collected_starts = nb_format_read_string (collected, "starts", TRUE, where, error)) ||
          !(def->collected_fields = read_fields (self, collected, "fields", section, where, error)))
        return FALSE;
      if (!(none = g_regex_new (def->none, G_REGEX_OPTIMIZE, 0, NULL)))
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                       "format data: %s: “none” is not a regular expression", where);
          return FALSE;
        }
      g_ptr_array_add (nb_format_get_usage (self)->regexes, none);
      def->none_regex = none;
      section->fields_reading = def;
    }
  return TRUE;
}

void
nb_format_usage_clear (NbFormatUsage *usage)
{
  g_clear_pointer (&usage->regexes, g_ptr_array_unref);
}

/* "documents": the exporters' words, each with the {names} it may use. */
static gboolean
load_documents (JsonObject          *root,
                NbDocumentTextsDef  *texts,
                GError             **error)
{
  static const char *const subject[] = { "year", "version", "issued_by", NULL };
  static const char *const pdf_subject[] = { "year", "name", NULL };
  static const char *const program[] = { "program", NULL };
  static const char *const field[] = { "label", "value", "unit", NULL };
  static const char *const label[] = { "label", NULL };
  static const char *const sheet[] = { "sheet", NULL };
  static const char *const places[] = { "places", NULL };
  static const char *const none[] = { NULL };
  const struct { const char *member; const char **text; const char *const *names; } parts[] = {
    { "workbook_subject", &texts->workbook_subject, subject },
    { "pdf_subject", &texts->pdf_subject, pdf_subject },
    { "keywords", &texts->keywords, none },
    { "generated_by", &texts->generated_by, program },
    { "field", &texts->field, field },
    { "field_blank", &texts->field_blank, label },
    { "table_link", &texts->table_link, sheet },
    { "invalid_title", &texts->invalid_title, none },
    { "invalid_count", &texts->invalid_count, none },
    { "invalid_signed", &texts->invalid_signed, none },
    { "invalid_decimal", &texts->invalid_decimal, places },
  };
  JsonObject *obj = nb_format_read_object (root, "documents", "format", error);

  if (!obj)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (!(*parts[i].text = nb_format_read_string (obj, parts[i].member, TRUE, "documents", error)) ||
        !nb_format_check_names (*parts[i].text, parts[i].names, "documents", error))
      return FALSE;
  return TRUE;
}

gboolean
nb_format_load_usage (NbFormat    *self,
                      JsonObject  *root,
                      GError     **error)
{
  NbFormatUsage *usage = nb_format_get_usage (self);

  usage->regexes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_regex_unref);

  return load_summary (self, root, &usage->summary, error) &&
         load_figure_words (self, root, &usage->figure_words, error) &&
         load_agency_kinds (root, usage->agency_kinds, error) &&
         load_fields_reading (self, root, error) &&
         load_documents (root, &usage->documents, error);
}

const NbSummaryDef *
nb_format_get_summary (NbFormat *self)
{
  g_return_val_if_fail (NB_IS_FORMAT (self), NULL);
  return &nb_format_get_usage (self)->summary;
}

const NbFigureWordsDef *
nb_format_get_figure_words (NbFormat *self)
{
  g_return_val_if_fail (NB_IS_FORMAT (self), NULL);
  return &nb_format_get_usage (self)->figure_words;
}

const char *
nb_format_get_agency_kind_word (NbFormat     *self,
                                NbAgencyKind  kind)
{
  g_return_val_if_fail (NB_IS_FORMAT (self), NULL);
  g_return_val_if_fail (kind <= NB_AGENCY_GOVERNMENT, NULL);
  return nb_format_get_usage (self)->agency_kinds[kind];
}

gboolean
nb_format_parse_agency_kind (NbFormat     *self,
                             const char   *word,
                             NbAgencyKind *kind)
{
  static const char *const names[] = { "department", "government" };

  g_return_val_if_fail (NB_IS_FORMAT (self), FALSE);
  for (NbAgencyKind k = NB_AGENCY_DEPARTMENT; k <= NB_AGENCY_GOVERNMENT; k++)
    if (g_strcmp0 (word, names[k]) == 0 ||
        g_strcmp0 (word, nb_format_get_usage (self)->agency_kinds[k]) == 0)
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
}

const NbDocumentTextsDef *
nb_format_get_document_texts (NbFormat *self)
{
  g_return_val_if_fail (NB_IS_FORMAT (self), NULL);
  return &nb_format_get_usage (self)->documents;
}

char *
nb_format_fill (const char *template,
                ...)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new ();
  GString *s = g_string_new (NULL);
  const char *name;
  va_list args;

  va_start (args, template);
  while ((name = va_arg (args, const char *)))
    {
      g_ptr_array_add (pairs, (gpointer) name);
      g_ptr_array_add (pairs, va_arg (args, char *));
    }
  va_end (args);
  /* One pass: a value is never read as a template ("{year}" in an agency). */
  for (const char *p = template; *p;)
    {
      const char *close = *p == '{' ? strchr (p, '}') : NULL;
      guint i;

      for (i = 0; close && i < pairs->len; i += 2)
        {
          const char *n = pairs->pdata[i];

          if ((gsize) (close - p - 1) == strlen (n) && strncmp (p + 1, n, close - p - 1) == 0)
            break;
        }
      if (close && i < pairs->len)
        {
          g_string_append (s, pairs->pdata[i + 1] ? pairs->pdata[i + 1] : "");
          p = close + 1;
        }
      else
        g_string_append_c (s, *p++);
    }
  return g_string_free (s, FALSE);
}
