/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-report-file.c — the .nianbao document file (JSON through json-glib)
 *
 * Loading is strict: every member is checked for its type and range, and the
 * error says which field, what was expected and what was found, so a person
 * can repair a damaged file. Values go through the model's own setters, so
 * the validation is the same as when typing them.
 */
#include "config.h"

#include <stdio.h>

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "nb-error.h"
#include "nb-json-check.h"
#include "nb-report-file.h"
#include "nb-safe-write.h"
#include "nb-text-check.h"

static const char *const known_members[] = {
  "nianbao", "format", "agency", "agency_kind", "year", "date", "signoff", "title",
  "texts", "cells", "stated", "untouched",
  "import",   /* where an imported report came from (issue 8) */
  "review", "previous",   /* year over year (issue 10) */
  NULL
};

/* "review": text sections still last year's draft; "previous": where last
 * year's report is. Both optional. */
static gboolean
read_year_over_year (JsonObject  *root,
                     NbReport    *report,
                     GError     **error);
static void
write_year_over_year (JsonBuilder *b,
                      NbReport    *report);

/* "untouched": the input cells nobody has set yet (kept 0 by default). A
 * file without it (older versions) counts every cell as touched. */
static gboolean
read_untouched (JsonObject  *root,
                NbReport    *report,
                GError     **error);
static void
write_untouched (JsonBuilder *b,
                 NbReport    *report);

static const char *
node_type_name (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return _("null");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("an array");
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING: return _("a string");
    case G_TYPE_BOOLEAN: return _("true/false");
    case G_TYPE_DOUBLE: return _("a decimal number");
    default: return _("a number");
    }
}

static gboolean
file_error (GError    **error,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static gboolean
file_error (GError    **error,
            const char *format,
            ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, NB_ERROR, NB_ERROR_FILE, message);
  return FALSE;
}

/* A string member; NULL members allowed when @nullable. */
static gboolean
get_string (JsonObject  *root,
            const char  *member,
            gboolean     required,
            gboolean     nullable,
            const char **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (root, member);

  *out = NULL;
  if (node == NULL)
    {
      if (required)
        return file_error (error, _("The field “%s” is missing"), member);
      return TRUE;
    }
  if (JSON_NODE_HOLDS_NULL (node) && nullable)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return file_error (error, _("The field “%s” must be text, but it is %s"),
                       member, node_type_name (node));
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
is_integer_node (JsonNode *node)
{
  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

/* A cell value from JSON: integers as JSON integers, decimals as strings
 * ("793.9397"), blank as null. JSON floats are refused: they lose places. */
static gboolean
read_number (JsonNode    *node,
             const char  *key,
             NbNumber    *out,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      *out = nb_number_blank ();
      return TRUE;
    }
  if (is_integer_node (node))
    {
      gint64 v = json_node_get_int (node);
      if (v > NB_NUMBER_MAX_INTEGER || v < -NB_NUMBER_MAX_INTEGER)
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, v);
          return file_error (error, _("Cell “%s”: %s is out of range"), key, text);
        }
      *out = nb_number_from_int (v);
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      if (!nb_number_parse (json_node_get_string (node), out, &local_error))
        return file_error (error, _("Cell “%s”: %s"), key, local_error->message);
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return file_error (error,
                       _("Cell “%s”: decimal numbers must be written as text (\"793.9397\") so that no digit is lost"),
                       key);
  return file_error (error, _("Cell “%s” must hold a number, but it is %s"), key, node_type_name (node));
}

/* "import": { …, "headings": [ "一、总体情况", … ] }: the headings as printed (optional). */
static gboolean
read_import_headings (JsonObject  *obj,
                      NbReport    *report,
                      GError     **error)
{
  JsonNode *node = json_object_get_member (obj, "headings");
  g_autoptr(GPtrArray) headings = g_ptr_array_new ();
  JsonArray *array;

  if (!node || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      file_error (error, _("The field “import.headings” must be an array, but it is %s"), node_type_name (node));
      return FALSE;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        {
          file_error (error, _("The field “import.headings” must hold strings, but item %u is %s"),
                      i + 1, node_type_name (item));
          return FALSE;
        }
      g_ptr_array_add (headings, (gpointer) json_node_get_string (item));
    }
  g_ptr_array_add (headings, NULL);
  nb_report_set_import_headings (report, (const char *const *) headings->pdata);
  return TRUE;
}

/* "import": { "file": "…", "kind": "html", "encoding": "GB18030", "warnings": [ "…" ] }:
 * where an imported report came from (optional). */
static gboolean
read_import_source (JsonObject  *root,
                    NbReport    *report,
                    GError     **error)
{
  JsonNode *node = json_object_get_member (root, "import");
  g_autoptr(GPtrArray) warnings = g_ptr_array_new ();
  JsonObject *obj;
  JsonArray *array = NULL;
  const char *fields[3] = { NULL, NULL, NULL };
  static const char *const names[3] = { "file", "kind", "encoding" };

  if (!node || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      file_error (error, _("The field “import” must be an object, but it is %s"), node_type_name (node));
      return FALSE;
    }
  obj = json_node_get_object (node);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonNode *member = json_object_get_member (obj, names[i]);

      if (!member || JSON_NODE_HOLDS_NULL (member))
        continue;
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING)
        {
          file_error (error, _("The field “import.%s” must be a string, but it is %s"),
                      names[i], node_type_name (member));
          return FALSE;
        }
      fields[i] = json_node_get_string (member);
    }
  node = json_object_get_member (obj, "warnings");
  if (node && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          file_error (error, _("The field “import.warnings” must be an array, but it is %s"),
                      node_type_name (node));
          return FALSE;
        }
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
            {
              file_error (error, _("The field “import.warnings” must hold strings, but item %u is %s"),
                          i + 1, node_type_name (item));
              return FALSE;
            }
          g_ptr_array_add (warnings, (gpointer) json_node_get_string (item));
        }
    }
  g_ptr_array_add (warnings, NULL);
  nb_report_set_import_source (report, fields[0], fields[1], fields[2],
                               (const char *const *) warnings->pdata);
  return read_import_headings (obj, report, error);
}

/* A 64-bit number as text: translated formats take only %s and %d. */
static const char *
int64_text (gint64  v,
            char   *buf)
{
  g_snprintf (buf, 24, "%" G_GINT64_FORMAT, v);
  return buf;
}

static NbReport *
load_root (JsonNode  *root_node,
           GError   **error)
{
  char buf[24];
  g_autoptr(NbReport) report = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  JsonNode *node;
  NbFormat *format;
  const char *version, *agency, *agency_kind, *date, *signoff, *title;
  gint64 file_version, year;
  g_autoptr(GList) members = NULL;
  JsonObject *texts, *cells, *stated = NULL;
  guint n_cells;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      file_error (error, _("This is not a nianbao document: the file holds %s, not a JSON object"),
                  node_type_name (root_node));
      return NULL;
    }
  root = json_node_get_object (root_node);

  node = json_object_get_member (root, "nianbao");
  if (node == NULL)
    {
      file_error (error, _("This is not a nianbao document: the field “nianbao” (file version) is missing"));
      return NULL;
    }
  if (!is_integer_node (node))
    {
      file_error (error, _("The field “nianbao” (file version) must be a whole number, but it is %s"),
                  node_type_name (node));
      return NULL;
    }
  file_version = json_node_get_int (node);
  if (file_version > NB_FILE_VERSION)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_NEWER,
                   _("This file was written by a newer version of nianbao (file version %s; "
                     "this version reads version %d). Please update nianbao to open it."),
                   int64_text (file_version, buf), NB_FILE_VERSION);
      return NULL;
    }
  if (file_version < 1)
    {
      file_error (error, _("The field “nianbao” (file version) must be 1 or more, but it is %s"),
                  int64_text (file_version, buf));
      return NULL;
    }

  members = json_object_get_members (root);
  for (GList *l = members; l; l = l->next)
    if (!g_strv_contains (known_members, l->data))
      {
        file_error (error, _("Unknown field “%s” in the document"), (const char *) l->data);
        return NULL;
      }

  if (!get_string (root, "format", TRUE, FALSE, &version, error))
    return NULL;
  if (!(format = nb_format_get (version, &local_error)))
    {
      file_error (error, _("The field “format”: %s"), local_error->message);
      return NULL;
    }

  node = json_object_get_member (root, "year");
  if (node == NULL)
    {
      file_error (error, _("The field “%s” is missing"), "year");
      return NULL;
    }
  if (!is_integer_node (node))
    {
      file_error (error, _("The field “year” must be a whole number such as 2024, but it is %s"),
                  node_type_name (node));
      return NULL;
    }
  year = json_node_get_int (node);
  if (year < 1990 || year > 2999)
    {
      file_error (error, _("The field “year” must be a report year (1990–2999), but it is %s"),
                  int64_text (year, buf));
      return NULL;
    }

  if (!get_string (root, "agency", TRUE, FALSE, &agency, error) ||
      !get_string (root, "agency_kind", FALSE, FALSE, &agency_kind, error) ||
      !get_string (root, "date", FALSE, TRUE, &date, error) ||
      !get_string (root, "signoff", FALSE, TRUE, &signoff, error) ||
      !get_string (root, "title", FALSE, TRUE, &title, error))
    return NULL;

  /* Characters were checked with their position by nb_json_check; the
   * one-cell fields also have a length limit. */
  if (!nb_text_check (_("The agency"), agency, NB_TEXT_MAX_CELL_CHARS, &local_error) ||
      !nb_text_check (_("The sign-off"), signoff, NB_TEXT_MAX_CELL_CHARS, &local_error) ||
      !nb_text_check (_("The title"), title, NB_TEXT_MAX_CELL_CHARS, &local_error))
    {
      file_error (error, "%s", local_error->message);
      return NULL;
    }

  report = nb_report_new (format, (int) year, agency);

  if (agency_kind && !nb_report_set_field (report, "agency_kind", agency_kind, &local_error))
    {
      file_error (error, _("The field “%s”: %s"), "agency_kind", local_error->message);
      return NULL;
    }
  if (date && !nb_report_set_date (report, date, &local_error))
    {
      file_error (error, _("The field “%s”: %s"), "date", local_error->message);
      return NULL;
    }
  nb_report_set_signoff (report, signoff);
  nb_report_set_stated_title (report, title);

  /* Texts: every text section of the format, nothing else. */
  node = json_object_get_member (root, "texts");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      file_error (error, node ? _("The field “texts” must be an object, but it is %s")
                              : _("The field “texts” is missing"),
                  node_type_name (node));
      return NULL;
    }
  texts = json_node_get_object (node);
  {
    g_autoptr(GList) keys = json_object_get_members (texts);
    for (GList *l = keys; l; l = l->next)
      {
        const NbSectionDef *s = nb_format_find_section (format, l->data);
        JsonNode *t = json_object_get_member (texts, l->data);

        if (!s || s->kind != NB_SECTION_TEXT)
          {
            file_error (error, _("“texts” has an unknown section “%s” (expected overview, problems, other)"),
                        (const char *) l->data);
            return NULL;
          }
        if (!JSON_NODE_HOLDS_VALUE (t) || json_node_get_value_type (t) != G_TYPE_STRING)
          {
            file_error (error, _("The text of section “%s” must be text, but it is %s"),
                        (const char *) l->data, node_type_name (t));
            return NULL;
          }
        if (!nb_report_set_text (report, l->data, json_node_get_string (t), &local_error))
          {
            file_error (error, _("The text of section “%s”: %s"), (const char *) l->data, local_error->message);
            return NULL;
          }
      }
  }

  /* Cells: exactly the input cells of the format. */
  node = json_object_get_member (root, "cells");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      file_error (error, node ? _("The field “cells” must be an object, but it is %s")
                              : _("The field “cells” is missing"),
                  node_type_name (node));
      return NULL;
    }
  cells = json_node_get_object (node);
  {
    g_autoptr(GList) keys = json_object_get_members (cells);
    for (GList *l = keys; l; l = l->next)
      {
        const char *key = l->data;
        const NbCellDef *def = nb_format_find_cell (format, key);
        NbNumber value;

        if (!def)
          {
            file_error (error, _("Unknown cell “%s”: the %s format has no such cell"), key, version);
            return NULL;
          }
        if (def->computed)
          {
            file_error (error, _("Cell “%s” is a computed total; it cannot be stored under “cells”"), key);
            return NULL;
          }
        if (!read_number (json_object_get_member (cells, key), key, &value, error))
          return NULL;
        if (!nb_report_set_value (report, key, &value, &local_error))
          {
            /* The model's message already names the cell. */
            file_error (error, "%s", local_error->message);
            return NULL;
          }
      }
  }
  n_cells = nb_format_get_n_cells (format);
  for (guint i = 0; i < n_cells; i++)
    {
      const NbCellDef *def = nb_format_get_cell (format, i);
      if (!def->computed && !json_object_has_member (cells, def->key))
        {
          file_error (error, _("Cell “%s” is missing from the document"), def->key);
          return NULL;
        }
    }

  /* Stated values: what an imported report printed, kept as printed. */
  node = json_object_get_member (root, "stated");
  if (node && !JSON_NODE_HOLDS_NULL (node))
    {
      g_autoptr(GList) keys = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          file_error (error, _("The field “stated” must be an object, but it is %s"), node_type_name (node));
          return NULL;
        }
      stated = json_node_get_object (node);
      keys = json_object_get_members (stated);
      for (GList *l = keys; l; l = l->next)
        {
          const char *key = l->data;
          NbNumber value;

          if (!nb_format_find_cell (format, key))
            {
              file_error (error, _("Unknown cell “%s”: the %s format has no such cell"), key, version);
              return NULL;
            }
          if (!read_number (json_object_get_member (stated, key), key, &value, error))
            return NULL;
          nb_report_set_stated_value (report, key, &value);
        }
    }

  if (!read_untouched (root, report, error) || !read_year_over_year (root, report, error))
    return NULL;
  if (!read_import_source (root, report, error))
    return NULL;

  /* A loaded document starts clean: nothing to undo, nothing unsaved. */
  nb_history_clear (nb_report_get_history (report));
  nb_report_set_modified (report, FALSE);
  return g_steal_pointer (&report);
}

NbReport *
nb_report_file_load_from_data (const char  *data,
                               gssize       length,
                               GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  len = length < 0 ? strlen (data) : (gsize) length;
  if (len == 0)
    {
      file_error (error, _("The file is empty"));
      return NULL;
    }
  if (!g_utf8_validate_len (data, len, NULL))
    {
      const char *end;
      g_utf8_validate_len (data, len, &end);
      file_error (error, _("The file is not valid UTF-8 text (bad byte at offset %u)"),
                  (guint) (end - data));
      return NULL;
    }

  if (!nb_json_check (data, len, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local_error))
    {
      int line = 0, column = 0;

      /* json-glib's own words are English and technical; keep only where. */
      if (sscanf (local_error->message, "<data>:%d:%d", &line, &column) == 2)
        file_error (error, _("The file is not a valid nianbao document: it is damaged or truncated "
                             "(unreadable JSON at line %d, column %d)"), line, column);
      else
        file_error (error, _("The file is not a valid nianbao document (damaged or truncated JSON): %s"),
                    local_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      file_error (error, _("The file is empty"));
      return NULL;
    }
  return load_root (json_parser_get_root (parser), error);
}

NbReport *
nb_report_file_load (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  NbReport *report;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  if (!g_file_load_contents (file, cancellable, &data, &length, NULL, &local_error))
    {
      g_set_error (error, NB_ERROR, NB_ERROR_FILE, _("Cannot read “%s”: %s"), name, local_error->message);
      return NULL;
    }
  report = nb_report_file_load_from_data (data, (gssize) length, &local_error);
  if (!report)
    {
      g_set_error (error, NB_ERROR, local_error->code, "%s: %s", name, local_error->message);
      return NULL;
    }
  return report;
}

static JsonNode *
number_node (const NbNumber *n)
{
  char buf[NB_NUMBER_BUF];

  if (n->blank)
    return json_node_new (JSON_NODE_NULL);
  if (n->places == 0)
    return json_node_init_int (json_node_alloc (), n->units);
  return json_node_init_string (json_node_alloc (), nb_number_format (n, buf));
}

static void
set_nullable_string (JsonBuilder *b,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (b, member);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_import_headings (JsonBuilder *b,
                     NbReport    *report)
{
  const char *const *headings = nb_report_get_import_headings (report);

  if (!headings)
    return;
  json_builder_set_member_name (b, "headings");
  json_builder_begin_array (b);
  for (guint i = 0; headings[i]; i++)
    json_builder_add_string_value (b, headings[i]);
  json_builder_end_array (b);
}

static void
add_import_source (JsonBuilder *b,
                   NbReport    *report)
{
  const char *const *warnings = nb_report_get_import_warnings (report);

  if (!nb_report_has_import_source (report))
    return;
  json_builder_set_member_name (b, "import");
  json_builder_begin_object (b);
  set_nullable_string (b, "file", nb_report_get_import_file (report));
  set_nullable_string (b, "kind", nb_report_get_import_kind (report));
  set_nullable_string (b, "encoding", nb_report_get_import_encoding (report));
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; warnings && warnings[i]; i++)
    json_builder_add_string_value (b, warnings[i]);
  json_builder_end_array (b);
  add_import_headings (b, report);
  json_builder_end_object (b);
}

char *
nb_report_file_to_data (NbReport *report,
                        gsize    *length)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  NbFormat *format = nb_report_get_format (report);
  guint n_cells = nb_format_get_n_cells (format);
  gboolean any_stated = FALSE;
  g_autofree char *text = NULL;
  gsize len;
  char *result;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "nianbao");
  json_builder_add_int_value (b, NB_FILE_VERSION);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, nb_format_get_version (format));
  json_builder_set_member_name (b, "agency");
  json_builder_add_string_value (b, nb_report_get_agency (report));
  json_builder_set_member_name (b, "agency_kind");
  json_builder_add_string_value (b, nb_report_get_agency_kind (report) == NB_AGENCY_GOVERNMENT
                                      ? "government" : "department");
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, nb_report_get_year (report));
  set_nullable_string (b, "date", nb_report_get_date (report));
  set_nullable_string (b, "signoff", nb_report_get_signoff (report));
  set_nullable_string (b, "title", nb_report_get_stated_title (report));

  json_builder_set_member_name (b, "texts");
  json_builder_begin_object (b);
  for (guint i = 0; i < nb_format_get_n_sections (format); i++)
    {
      const NbSectionDef *s = nb_format_get_section (format, i);
      if (s->kind != NB_SECTION_TEXT)
        continue;
      json_builder_set_member_name (b, s->key);
      json_builder_add_string_value (b, nb_report_get_text (report, s->key));
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "cells");
  json_builder_begin_object (b);
  for (guint i = 0; i < n_cells; i++)
    {
      const NbCellDef *def = nb_format_get_cell (format, i);
      NbNumber value;

      if (def->computed)
        {
          any_stated |= nb_report_has_stated_value (report, i);
          continue;
        }
      value = nb_report_compute_at (report, i);   /* the input value */
      json_builder_set_member_name (b, def->key);
      /* An imported value of the wrong kind (a negative count…) is kept
       * as printed under "stated", so the file still loads. */
      if (!nb_number_validate (&value, &def->kind, NULL))
        {
          any_stated = TRUE;
          json_builder_add_null_value (b);
        }
      else
        json_builder_add_value (b, number_node (&value));
    }
  json_builder_end_object (b);

  if (any_stated)
    {
      json_builder_set_member_name (b, "stated");
      json_builder_begin_object (b);
      for (guint i = 0; i < n_cells; i++)
        {
          const NbCellDef *def = nb_format_get_cell (format, i);
          const NbNumber *value = nb_report_get_value_at (report, i);

          if (def->computed ? nb_report_has_stated_value (report, i)
                            : !nb_number_validate (value, &def->kind, NULL))
            {
              json_builder_set_member_name (b, def->key);
              json_builder_add_value (b, number_node (value));
            }
        }
      json_builder_end_object (b);
    }
  write_untouched (b, report);
  add_import_source (b, report);
  write_year_over_year (b, report);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  text = json_generator_to_data (gen, &len);
  result = g_strconcat (text, "\n", NULL);
  if (length)
    *length = len + 1;
  return result;
}

/* A document file that loads: the check before it replaces the old one,
 * and before the old one becomes FILE~ . */
static gboolean
verify_document (const char  *path,
                 gpointer     user_data,
                 GError     **error)
{
  g_autofree char *data = NULL;
  g_autoptr(NbReport) report = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, error))
    return FALSE;
  report = nb_report_file_load_from_data (data, (gssize) length, error);
  return report != NULL;
}

gboolean
nb_report_file_save (NbReport      *report,
                     GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  char *data;
  gsize length;

  g_return_val_if_fail (NB_IS_REPORT (report), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  data = nb_report_file_to_data (report, &length);
  bytes = g_bytes_new_take (data, length);

  /* Not g_file_replace_contents: GLib 2.74 renames a partial file over the
   * document after a write error and rewrites symlinked or hard-linked
   * documents in place. nb-safe-write never replaces it with a file that
   * does not load, and makes FILE~ only from one that does. */
  if (!nb_safe_write_bytes (file, bytes, NB_SAFE_WRITE_BACKUP,
                            verify_document, NULL, cancellable, error))
    return FALSE;
  nb_report_set_modified (report, FALSE);
  return TRUE;
}

static gboolean
read_untouched (JsonObject  *root,
                NbReport    *report,
                GError     **error)
{
  JsonNode *node = json_object_get_member (root, "untouched");
  NbFormat *format = nb_report_get_format (report);
  JsonArray *keys;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return file_error (error, _("The field “untouched” must be a list of cell keys, but it is %s"),
                       node_type_name (node));
  keys = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (keys); i++)
    {
      JsonNode *k = json_array_get_element (keys, i);
      const char *key = JSON_NODE_HOLDS_VALUE (k) && json_node_get_value_type (k) == G_TYPE_STRING
                        ? json_node_get_string (k) : NULL;
      const NbCellDef *def = key ? nb_format_find_cell (format, key) : NULL;

      if (!def || def->computed)
        return file_error (error, _("The field “untouched” lists “%s”, which is not an input cell of the %s format"),
                           key ? key : "?", nb_format_get_version (format));
      nb_report_set_touched (report, key, FALSE);
    }
  return TRUE;
}

static void
write_untouched (JsonBuilder *b,
                 NbReport    *report)
{
  NbFormat *format = nb_report_get_format (report);
  guint n_cells = nb_format_get_n_cells (format);
  gboolean any = FALSE;

  for (guint i = 0; i < n_cells; i++)
    {
      const NbCellDef *def = nb_format_get_cell (format, i);

      if (def->computed || nb_report_is_touched (report, i))
        continue;
      if (!any)
        {
          json_builder_set_member_name (b, "untouched");
          json_builder_begin_array (b);
          any = TRUE;
        }
      json_builder_add_string_value (b, def->key);
    }
  if (any)
    json_builder_end_array (b);
}

static gboolean
read_year_over_year (JsonObject  *root,
                     NbReport    *report,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (root, "review");
  NbFormat *format = nb_report_get_format (report);

  if (node && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonArray *sections;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return file_error (error, _("The field “review” must be a list of text sections, but it is %s"),
                           node_type_name (node));
      sections = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (sections); i++)
        {
          JsonNode *k = json_array_get_element (sections, i);
          const char *key = JSON_NODE_HOLDS_VALUE (k) && json_node_get_value_type (k) == G_TYPE_STRING
                            ? json_node_get_string (k) : NULL;
          const NbSectionDef *s = key ? nb_format_find_section (format, key) : NULL;

          if (!s || s->kind != NB_SECTION_TEXT)
            return file_error (error, _("The field “review” lists “%s”, which is not a text section"),
                               key ? key : "?");
          nb_report_set_needs_review (report, key, TRUE);
        }
    }
  node = json_object_get_member (root, "previous");
  if (node && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          !g_utf8_validate (json_node_get_string (node), -1, NULL))
        return file_error (error, _("The field “previous” must be the address of last year's report"));
      nb_report_set_previous_uri (report, json_node_get_string (node));
    }
  return TRUE;
}

static void
write_year_over_year (JsonBuilder *b,
                      NbReport    *report)
{
  NbFormat *format = nb_report_get_format (report);
  gboolean any = FALSE;

  for (guint i = 0; i < nb_format_get_n_sections (format); i++)
    {
      const NbSectionDef *s = nb_format_get_section (format, i);

      if (!nb_report_get_needs_review (report, s->key))
        continue;
      if (!any)
        {
          json_builder_set_member_name (b, "review");
          json_builder_begin_array (b);
          any = TRUE;
        }
      json_builder_add_string_value (b, s->key);
    }
  if (any)
    json_builder_end_array (b);
  if (nb_report_get_previous_uri (report))
    {
      json_builder_set_member_name (b, "previous");
      json_builder_add_string_value (b, nb_report_get_previous_uri (report));
    }
}
