/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-format.c — one official report format, loaded from JSON data */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "nb-error.h"
#include "nb-format-private.h"
#include "nb-grid.h"
#include "nb-core-resources.h"

struct _NbFormat
{
  GObject       parent_instance;

  JsonNode     *root;       /* keeps the strings we point into alive */
  GHashTable   *check_texts;  /* name → wording the checks share */
  GStringChunk *strings;    /* strings we build (cell keys, labels) */

  const char   *version;
  const char   *name;
  const char   *issued_by;
  NbTitleDef    title;
  int           from_year;
  int           to_year;

  GPtrArray    *sections;   /* NbSectionDef* */
  GPtrArray    *tables;     /* NbTableDef* */
  GPtrArray    *cells;      /* NbCellDef*, by index */
  GPtrArray    *computed;   /* NbCellDef*, dependency order */
  GHashTable   *cell_index; /* key → NbCellDef* */

  GPtrArray    *checks;        /* NbCheckDef*, kept in allocs */
  GArray       *figure_rules;  /* NbFigureRuleDef */
  GPtrArray    *allocs;        /* arrays the typed parts point to */
  GArray       *sentences;     /* NbSentenceDef */
  GArray       *chart;         /* NbChartFigureDef */
  NbFormatUsage usage;
};

G_DEFINE_FINAL_TYPE (NbFormat, nb_format, G_TYPE_OBJECT)

NbFormatUsage *
nb_format_get_usage (NbFormat *self)
{
  return &self->usage;
}

/* The versions are the data files: VERSION.json in the GResource, and in
 * $NB_FORMATS_DIR (a revision given as one file, no rebuild; a file there
 * replaces the built-in one of that name). */
static char **registered_versions;

static void
table_def_free (gpointer data)
{
  NbTableDef *t = data;

  g_clear_pointer (&t->columns, g_ptr_array_unref);
  g_clear_pointer (&t->rows, g_ptr_array_unref);
  g_clear_pointer (&t->cells, g_ptr_array_unref);
  g_clear_object (&t->grid);
  g_free (t);
}

static void
row_def_free (gpointer data)
{
  NbRowDef *r = data;

  g_clear_pointer (&r->columns, g_ptr_array_unref);
  g_free (r);
}

static void
section_def_free (gpointer data)
{
  NbSectionDef *s = data;

  g_clear_pointer (&s->fields, g_ptr_array_unref);
  g_free ((gpointer) s->subheadings);
  g_free (s);
}

static void
cell_def_free (gpointer data)
{
  NbCellDef *c = data;

  g_free ((gpointer) c->terms);
  g_free (c);
}

static void
chart_figure_clear (gpointer data)
{
  NbChartFigureDef *f = data;

  g_free ((gpointer) f->cells);
}

static void
nb_format_finalize (GObject *object)
{
  NbFormat *self = NB_FORMAT (object);

  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->tables, g_ptr_array_unref);
  g_clear_pointer (&self->computed, g_ptr_array_unref);
  g_clear_pointer (&self->cell_index, g_hash_table_unref);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_pointer (&self->sentences, g_array_unref);
  g_clear_pointer (&self->check_texts, g_hash_table_unref);
  g_clear_pointer (&self->figure_rules, g_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->allocs, g_ptr_array_unref);
  g_clear_pointer (&self->chart, g_array_unref);
  nb_format_usage_clear (&self->usage);
  g_clear_pointer (&self->root, json_node_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (nb_format_parent_class)->finalize (object);
}

static void
nb_format_class_init (NbFormatClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nb_format_finalize;
}

static void
nb_format_init (NbFormat *self)
{
  self->strings = g_string_chunk_new (4096);
  self->sections = g_ptr_array_new_with_free_func (section_def_free);
  self->tables = g_ptr_array_new_with_free_func (table_def_free);
  self->cells = g_ptr_array_new_with_free_func (cell_def_free);
  self->computed = g_ptr_array_new ();
  self->cell_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->sentences = g_array_new (FALSE, TRUE, sizeof (NbSentenceDef));
  self->figure_rules = g_array_new (FALSE, TRUE, sizeof (NbFigureRuleDef));
  self->allocs = g_ptr_array_new_with_free_func (g_free);
  self->checks = g_ptr_array_new ();
  self->check_texts = g_hash_table_new (g_str_hash, g_str_equal);
  self->chart = g_array_new (FALSE, TRUE, sizeof (NbChartFigureDef));
  g_array_set_clear_func (self->chart, chart_figure_clear);
}

/* ---- reading helpers: each failure names where in the data it is ---- */

const char *
nb_format_read_string (JsonObject  *obj,
                       const char  *member,
                       gboolean     required,
                       const char  *where,
                       GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                     "format data: %s: missing “%s”", where, member);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                   "format data: %s: “%s” must be a string", where, member);
      return NULL;
    }
  return json_node_get_string (node);
}

JsonArray *
nb_format_read_array (JsonObject  *obj,
                      const char  *member,
                      gboolean     required,
                      const char  *where,
                      GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL)
    {
      if (required)
        g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                     "format data: %s: missing “%s”", where, member);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                   "format data: %s: “%s” must be an array", where, member);
      return NULL;
    }
  return json_node_get_array (node);
}

JsonObject *
nb_format_read_object (JsonObject  *obj,
                       const char  *member,
                       const char  *where,
                       GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (!node || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                   "format data: %s: “%s” must be an object", where, member);
      return NULL;
    }
  return json_node_get_object (node);
}

JsonObject *
nb_format_read_element (JsonArray   *array,
                        guint        i,
                        const char  *where,
                        GError     **error)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                   "format data: %s[%u] must be an object", where, i);
      return NULL;
    }
  return json_node_get_object (node);
}

static gboolean
read_kind (JsonObject  *obj,
           NbKind      *kind,
           const char  *where,
           GError     **error)
{
  JsonNode *node = json_object_get_member (obj, "kind");
  JsonObject *k;
  const char *type;

  if (node == NULL)
    return TRUE;   /* keep the default */
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                   "format data: %s: “kind” must be an object", where);
      return FALSE;
    }
  k = json_node_get_object (node);
  if (!(type = nb_format_read_string (k, "type", TRUE, where, error)))
    return FALSE;
  if (!nb_kind_type_from_string (type, &kind->type))
    {
      g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                   "format data: %s: unknown cell kind “%s”", where, type);
      return FALSE;
    }
  kind->places = 0;
  if (kind->type == NB_KIND_DECIMAL)
    {
      gint64 places = json_object_get_int_member_with_default (k, "places", 2);
      if (places < 0 || places > NB_NUMBER_MAX_PLACES)
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                       "format data: %s: decimal places must be 0–%d", where, NB_NUMBER_MAX_PLACES);
          return FALSE;
        }
      kind->places = (guint) places;
    }
  return TRUE;
}

static NbCellDef *
add_cell (NbFormat   *self,
          const char *key,
          GError    **error)
{
  NbCellDef *cell;

  if (g_hash_table_contains (self->cell_index, key))
    {
      g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                   "format data: cell key “%s” is defined twice", key);
      return NULL;
    }
  cell = g_new0 (NbCellDef, 1);
  cell->key = g_string_chunk_insert_const (self->strings, key);
  cell->index = self->cells->len;
  g_ptr_array_add (self->cells, cell);
  g_hash_table_insert (self->cell_index, (gpointer) cell->key, cell);
  return cell;
}

/* "requests/{R}/total" with R=new → "requests/new/total" */
static char *
substitute (const char *pattern,
            const char *var,
            const char *value)
{
  g_autofree char *needle = g_strdup_printf ("{%s}", var);
  g_auto(GStrv) parts = g_strsplit (pattern, needle, -1);

  return g_strjoinv (value, parts);
}

static gboolean
load_computed (NbFormat    *self,
               JsonArray   *computed,
               const char  *where,
               GError     **error)
{
  for (guint i = 0; computed && i < json_array_get_length (computed); i++)
    {
      JsonObject *rule = nb_format_read_element (computed, i, where, error);
      JsonObject *foreach = NULL;
      JsonArray *keys = NULL;
      JsonArray *sum;
      const char *var = NULL;
      const char *cell_pattern;
      guint n_iter = 1;

      if (!rule)
        return FALSE;
      if (!(cell_pattern = nb_format_read_string (rule, "cell", TRUE, where, error)))
        return FALSE;
      if (!(sum = nb_format_read_array (rule, "sum", TRUE, where, error)))
        return FALSE;
      if (json_object_has_member (rule, "foreach"))
        {
          foreach = json_object_get_object_member (rule, "foreach");
          if (!foreach ||
              !(var = nb_format_read_string (foreach, "var", TRUE, where, error)) ||
              !(keys = nb_format_read_array (foreach, "keys", TRUE, where, error)))
            {
              if (!*error)
                g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                             "format data: %s: bad “foreach”", where);
              return FALSE;
            }
          n_iter = json_array_get_length (keys);
        }

      for (guint k = 0; k < n_iter; k++)
        {
          const char *value = keys ? json_array_get_string_element (keys, k) : NULL;
          g_autofree char *target_key = var ? substitute (cell_pattern, var, value) : g_strdup (cell_pattern);
          NbCellDef *target = g_hash_table_lookup (self->cell_index, target_key);
          guint *terms;

          if (!target)
            {
              g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                           "format data: %s: computed cell “%s” is not a cell of the table",
                           where, target_key);
              return FALSE;
            }
          if (target->computed)
            {
              g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                           "format data: %s: “%s” is computed twice", where, target_key);
              return FALSE;
            }
          terms = g_new (guint, json_array_get_length (sum));
          for (guint t = 0; t < json_array_get_length (sum); t++)
            {
              const char *term_pattern = json_array_get_string_element (sum, t);
              g_autofree char *term_key = NULL;
              NbCellDef *term;

              if (!term_pattern)
                {
                  g_free (terms);
                  g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                               "format data: %s: “sum” must list cell keys", where);
                  return FALSE;
                }
              term_key = var ? substitute (term_pattern, var, value) : g_strdup (term_pattern);
              term = g_hash_table_lookup (self->cell_index, term_key);
              if (!term)
                {
                  g_free (terms);
                  g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                               "format data: %s: “%s” sums unknown cell “%s”",
                               where, target_key, term_key);
                  return FALSE;
                }
              terms[t] = term->index;
            }
          target->computed = TRUE;
          target->n_terms = json_array_get_length (sum);
          target->terms = terms;
        }
    }
  return TRUE;
}

static gboolean
load_table (NbFormat    *self,
            JsonObject  *obj,
            guint        position,
            GError     **error)
{
  NbTableDef *table = g_new0 (NbTableDef, 1);
  g_autofree char *where = NULL;
  JsonArray *columns, *rows, *computed;
  NbKind default_kind = { NB_KIND_COUNT, 0 };

  table->columns = g_ptr_array_new_with_free_func (g_free);
  table->rows = g_ptr_array_new_with_free_func (row_def_free);
  table->cells = g_ptr_array_new ();
  g_ptr_array_add (self->tables, table);

  if (!(table->key = nb_format_read_string (obj, "key", TRUE, "table", error)))
    return FALSE;
  where = g_strdup_printf ("table “%s”", table->key);
  if (!(table->title = nb_format_read_string (obj, "title", TRUE, where, error)))
    return FALSE;
  if (!read_kind (obj, &default_kind, where, error))
    return FALSE;

  if (!(columns = nb_format_read_array (obj, "columns", TRUE, where, error)))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (columns); i++)
    {
      JsonObject *c = nb_format_read_element (columns, i, where, error);
      NbColumnDef *col;

      if (!c)
        return FALSE;
      col = g_new0 (NbColumnDef, 1);
      g_ptr_array_add (table->columns, col);
      col->position = i;
      col->kind = default_kind;
      if (!(col->key = nb_format_read_string (c, "key", TRUE, where, error)) ||
          !(col->label = nb_format_read_string (c, "label", TRUE, where, error)))
        return FALSE;
      col->short_label = nb_format_read_string (c, "short", FALSE, where, error);
      col->ordinal = nb_format_read_string (c, "ordinal", FALSE, where, error);
      col->group = nb_format_read_string (c, "group", FALSE, where, error);
      col->unit = nb_format_read_string (c, "unit", FALSE, where, error);
      col->finer_unit = nb_format_read_string (c, "finer_unit", FALSE, where, error);
      if (*error)
        return FALSE;
      if (col->finer_unit)
        {
          gint64 places = json_object_get_int_member_with_default (c, "finer_places", 0);

          if (!col->unit || places < 1 || places > NB_NUMBER_MAX_PLACES)
            {
              g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                           "format data: %s: column “%s”: “finer_unit” needs “unit” and “finer_places” 1–%d",
                           where, col->key, NB_NUMBER_MAX_PLACES);
              return FALSE;
            }
          col->finer_places = (guint) places;
        }
      if (!col->short_label)
        col->short_label = col->label;
      if (!read_kind (c, &col->kind, where, error))
        return FALSE;
    }

  if (!(rows = nb_format_read_array (obj, "rows", TRUE, where, error)))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *r = nb_format_read_element (rows, i, where, error);
      JsonArray *row_columns;
      NbRowDef *row;

      if (!r)
        return FALSE;
      row = g_new0 (NbRowDef, 1);
      g_ptr_array_add (table->rows, row);
      row->position = i;
      row->columns = g_ptr_array_new ();
      if (!(row->key = nb_format_read_string (r, "key", TRUE, where, error)) ||
          !(row->label = nb_format_read_string (r, "label", TRUE, where, error)))
        return FALSE;
      row->short_label = nb_format_read_string (r, "short", FALSE, where, error);
      row->group = nb_format_read_string (r, "group", FALSE, where, error);
      if (*error)
        return FALSE;
      if (!row->short_label)
        row->short_label = row->label;

      row_columns = nb_format_read_array (r, "columns", FALSE, where, error);
      if (*error)
        return FALSE;
      if (row_columns)
        {
          for (guint k = 0; k < json_array_get_length (row_columns); k++)
            {
              const char *ck = json_array_get_string_element (row_columns, k);
              const NbColumnDef *col = ck ? nb_table_def_find_column (table, ck) : NULL;

              if (!col)
                {
                  g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                               "format data: %s: row “%s” names unknown column “%s”",
                               where, row->key, ck ? ck : "?");
                  return FALSE;
                }
              g_ptr_array_add (row->columns, (gpointer) col);
            }
        }
      else
        {
          for (guint k = 0; k < table->columns->len; k++)
            g_ptr_array_add (row->columns, g_ptr_array_index (table->columns, k));
        }

      for (guint k = 0; k < row->columns->len; k++)
        {
          const NbColumnDef *col = g_ptr_array_index (row->columns, k);
          g_autofree char *key = g_strdup_printf ("%s/%s/%s", table->key, row->key, col->key);
          g_autofree char *label = g_strdup_printf ("%s · %s", row->short_label, col->short_label);
          NbCellDef *cell = add_cell (self, key, error);

          if (!cell)
            return FALSE;
          cell->kind = col->kind;
          cell->table = table;
          cell->row = row;
          cell->column = col;
          cell->section = table->key;
          cell->label = g_string_chunk_insert_const (self->strings, label);
          g_ptr_array_add (table->cells, cell);
        }
    }

  (void) position;
  computed = nb_format_read_array (obj, "computed", FALSE, where, error);
  if (*error)
    return FALSE;
  return load_computed (self, computed, where, error);
}

static gboolean
load_section (NbFormat    *self,
              JsonObject  *obj,
              guint        position,
              GError     **error)
{
  NbSectionDef *section = g_new0 (NbSectionDef, 1);
  g_autofree char *where = NULL;
  const char *kind;
  JsonArray *subheadings, *fields;

  g_ptr_array_add (self->sections, section);
  section->position = position;
  section->fields = g_ptr_array_new ();

  if (!(section->key = nb_format_read_string (obj, "key", TRUE, "section", error)))
    return FALSE;
  where = g_strdup_printf ("section “%s”", section->key);
  if (!(section->heading = nb_format_read_string (obj, "heading", TRUE, where, error)) ||
      !(kind = nb_format_read_string (obj, "kind", TRUE, where, error)))
    return FALSE;
  section->guidance = nb_format_read_string (obj, "guidance", FALSE, where, error);
  section->short_heading = nb_format_read_string (obj, "short_heading", FALSE, where, error);
  if (*error)
    return FALSE;
  if (!section->short_heading)
    section->short_heading = section->heading;

  if (g_str_equal (kind, "text"))
    section->kind = NB_SECTION_TEXT;
  else if (g_str_equal (kind, "table"))
    {
      const char *table_key = nb_format_read_string (obj, "table", TRUE, where, error);

      section->kind = NB_SECTION_TABLE;
      if (!table_key)
        return FALSE;
      if (!(section->table = nb_format_find_table (self, table_key)))
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                       "format data: %s: unknown table “%s”", where, table_key);
          return FALSE;
        }
    }
  else
    {
      g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                   "format data: %s: kind must be “text” or “table”, not “%s”", where, kind);
      return FALSE;
    }

  subheadings = nb_format_read_array (obj, "subheadings", FALSE, where, error);
  if (*error)
    return FALSE;
  {
    guint n = subheadings ? json_array_get_length (subheadings) : 0;
    const char **v = g_new0 (const char *, n + 1);

    section->subheadings = v;
    for (guint i = 0; i < n; i++)
      if (!(v[i] = json_array_get_string_element (subheadings, i)))
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                       "format data: %s: “subheadings” must list strings", where);
          return FALSE;
        }
  }

  fields = nb_format_read_array (obj, "fields", FALSE, where, error);
  if (*error)
    return FALSE;
  for (guint i = 0; fields && i < json_array_get_length (fields); i++)
    {
      JsonObject *f = nb_format_read_element (fields, i, where, error);
      const char *key;
      NbCellDef *cell;

      if (!f || !(key = nb_format_read_string (f, "key", TRUE, where, error)))
        return FALSE;
      if (!g_str_has_prefix (key, section->key) || key[strlen (section->key)] != '/')
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                       "format data: %s: field key “%s” must start with “%s/”",
                       where, key, section->key);
          return FALSE;
        }
      if (!(cell = add_cell (self, key, error)))
        return FALSE;
      cell->kind.type = NB_KIND_COUNT;
      if (!read_kind (f, &cell->kind, where, error))
        return FALSE;
      cell->section = section->key;
      if (!(cell->label = nb_format_read_string (f, "label", TRUE, where, error)))
        return FALSE;
      cell->unit = nb_format_read_string (f, "unit", FALSE, where, error);
      if (*error)
        return FALSE;
      g_ptr_array_add (section->fields, cell);
    }

  return TRUE;
}

/* Depth-first order so every computed cell follows the computed cells it sums. */
static gboolean
order_computed (NbFormat  *self,
                NbCellDef *cell,
                guint8    *state,
                GError   **error)
{
  if (state[cell->index] == 2)
    return TRUE;
  if (state[cell->index] == 1)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                   "format data: computed cell “%s” depends on itself", cell->key);
      return FALSE;
    }
  state[cell->index] = 1;
  for (guint t = 0; t < cell->n_terms; t++)
    {
      NbCellDef *term = g_ptr_array_index (self->cells, cell->terms[t]);
      if (term->computed && !order_computed (self, term, state, error))
        return FALSE;
    }
  state[cell->index] = 2;
  g_ptr_array_add (self->computed, cell);
  return TRUE;
}

const char *
nb_format_intern (NbFormat   *self,
                  const char *text)
{
  return g_string_chunk_insert_const (self->strings, text);
}

gpointer
nb_format_keep (NbFormat *self,
                gpointer  data)
{
  g_ptr_array_add (self->allocs, data);
  return data;
}

/* An optional list of strings as a NULL-terminated vector (empty, not NULL,
 * when absent); owned by @self. */
const char *const *
nb_format_read_strv (NbFormat    *self,
                     JsonObject  *obj,
                     const char  *member,
                     const char  *where,
                     GError     **error)
{
  JsonArray *array = nb_format_read_array (obj, member, FALSE, where, error);
  guint n = array ? json_array_get_length (array) : 0;
  const char **v;

  if (*error)
    return NULL;
  v = nb_format_keep (self, g_new0 (const char *, n + 1));
  for (guint i = 0; i < n; i++)
    if (!(v[i] = json_array_get_string_element (array, i)))
      {
        g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                     "format data: %s: “%s” must list strings", where, member);
        return NULL;
      }
  return v;
}

gboolean
nb_format_read_boolean (JsonObject  *obj,
                        const char  *member,
                        gboolean    *value,
                        const char  *where,
                        GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  *value = FALSE;
  if (!node)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                   "format data: %s: “%s” must be true or false", where, member);
      return FALSE;
    }
  *value = json_node_get_boolean (node);
  return TRUE;
}

/* "expect": [{"cells": [...], "text": "…{value}"}, …]; the cells are
 * resolved by NbChecker (they may be patterns). */
static gboolean
load_expect (NbFormat                 *self,
             JsonArray                *expect,
             const char               *where,
             guint                    *n_out,
             const NbFigureExpectDef **out,
             GError                  **error)
{
  guint n = expect ? json_array_get_length (expect) : 0;
  NbFigureExpectDef *defs = nb_format_keep (self, g_new0 (NbFigureExpectDef, n + 1));

  *n_out = n;
  *out = defs;
  for (guint a = 0; a < n; a++)
    {
      JsonObject *obj = nb_format_read_element (expect, a, where, error);

      if (!obj)
        return FALSE;
      if (!json_object_has_member (obj, "cells") || !json_object_has_member (obj, "text"))
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                       "format data: %s: each “expect” needs “cells” and “text”", where);
          return FALSE;
        }
      if (!(defs[a].cells = nb_format_read_strv (self, obj, "cells", where, error)) ||
          !(defs[a].text = nb_format_read_string (obj, "text", TRUE, where, error)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_figure_rules (NbFormat   *self,
                   JsonArray  *rules,
                   GError    **error)
{
  if (*error)
    return FALSE;
  for (guint i = 0; rules && i < json_array_get_length (rules); i++)
    {
      JsonObject *obj = nb_format_read_element (rules, i, "text_figures", error);
      g_autofree char *where = g_strdup_printf ("text_figures[%u]", i);
      NbFigureRuleDef def = { 0 };
      JsonArray *expect, *scopes;
      JsonObject *places = NULL;
      guint *unit_places;
      guint n_units;

      if (!obj ||
          !(def.triggers = nb_format_read_strv (self, obj, "triggers", where, error)) ||
          !(def.between = nb_format_read_strv (self, obj, "between", where, error)) ||
          !(def.context = nb_format_read_strv (self, obj, "context", where, error)) ||
          !(def.exclude = nb_format_read_strv (self, obj, "exclude", where, error)) ||
          !(def.units = nb_format_read_strv (self, obj, "units", where, error)) ||
          !nb_format_read_boolean (obj, "context_before", &def.context_before, where, error) ||
          !nb_format_read_boolean (obj, "decimal", &def.decimal, where, error) ||
          !nb_format_read_boolean (obj, "claim", &def.claim, where, error))
        return FALSE;
      if (!def.triggers[0])
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                       "format data: %s has no triggers", where);
          return FALSE;
        }
      def.filler = nb_format_read_string (obj, "filler", FALSE, where, error);
      def.message = nb_format_read_string (obj, "message", FALSE, where, error);
      expect = nb_format_read_array (obj, "expect", FALSE, where, error);
      scopes = nb_format_read_array (obj, "scopes", FALSE, where, error);
      if (*error)
        return FALSE;
      if (!def.filler)
        def.filler = "";
      if ((!expect && !scopes) || !def.message)
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                       "format data: %s needs “expect” or “scopes”, and “message”", where);
          return FALSE;
        }

      if (json_object_has_member (obj, "unit_places") &&
          !(places = nb_format_read_object (obj, "unit_places", where, error)))
        return FALSE;
      n_units = g_strv_length ((char **) def.units);
      unit_places = nb_format_keep (self, g_new0 (guint, n_units + 1));
      def.unit_places = unit_places;
      for (guint u = 0; places && u < n_units; u++)
        if (json_object_has_member (places, def.units[u]))
          {
            gint64 n = json_object_get_int_member (places, def.units[u]);
            if (n < 0 || n > NB_NUMBER_MAX_PLACES)
              {
                g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                             "format data: %s: “unit_places” must be 0–%d", where, NB_NUMBER_MAX_PLACES);
                return FALSE;
              }
            unit_places[u] = (guint) n;
          }

      if (!load_expect (self, expect, where, &def.n_expect, &def.expect, error))
        return FALSE;
      def.n_scopes = scopes ? json_array_get_length (scopes) : 0;
      def.scopes = nb_format_keep (self, g_new0 (NbFigureScopeDef, def.n_scopes + 1));
      for (guint k = 0; k < def.n_scopes; k++)
        {
          NbFigureScopeDef *scope = (NbFigureScopeDef *) &def.scopes[k];
          JsonObject *o = nb_format_read_element (scopes, k, where, error);
          JsonArray *e;

          if (!o)
            return FALSE;
          if (!json_object_has_member (o, "expect"))
            {
              g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                           "format data: %s: each scope needs “expect”", where);
              return FALSE;
            }
          if (!(scope->keywords = nb_format_read_strv (self, o, "keywords", where, error)) ||
              !(e = nb_format_read_array (o, "expect", TRUE, where, error)) ||
              !load_expect (self, e, where, &scope->n_expect, &scope->expect, error))
            return FALSE;
        }
      g_array_append_val (self->figure_rules, def);
    }
  return TRUE;
}

/* Only the shape here; nb_sentence_check_format() resolves the cells. */
static gboolean
load_sentences (NbFormat   *self,
                JsonArray  *sentences,
                GError    **error)
{
  if (*error)
    return FALSE;
  for (guint i = 0; sentences && i < json_array_get_length (sentences); i++)
    {
      JsonObject *obj = nb_format_read_element (sentences, i, "sentences", error);
      g_autofree char *where = g_strdup_printf ("sentences[%u]", i);
      NbSentenceDef def = { 0 };

      if (!obj ||
          !(def.id = nb_format_read_string (obj, "id", TRUE, where, error)) ||
          !(def.label = nb_format_read_string (obj, "label", TRUE, where, error)) ||
          !(def.template = nb_format_read_string (obj, "template", TRUE, where, error)))
        return FALSE;
      if (json_object_has_member (obj, "section"))
        {
          const char *key = nb_format_read_string (obj, "section", TRUE, where, error);

          if (!key)
            return FALSE;
          if (!(def.section = nb_format_find_section (self, key)))
            {
              g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                           "format data: %s: unknown section “%s”", where, key);
              return FALSE;
            }
        }
      if (!nb_format_read_boolean (obj, "needs_all", &def.needs_all, where, error))
        return FALSE;
      if (json_object_has_member (obj, "when_zero"))
        {
          JsonObject *zero = nb_format_read_object (obj, "when_zero", where, error);

          if (!zero ||
              !(def.zero_sum = nb_format_read_string (zero, "sum", TRUE, where, error)) ||
              !(def.zero_template = nb_format_read_string (zero, "template", TRUE, where, error)))
            return FALSE;
        }
      if (nb_format_find_sentence (self, def.id))
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                       "format data: sentence “%s” is defined twice", def.id);
          return FALSE;
        }
      g_array_append_val (self->sentences, def);
    }
  return TRUE;
}

static gboolean
load_chart (NbFormat   *self,
            JsonArray  *chart,
            GError    **error)
{
  if (*error)
    return FALSE;
  for (guint i = 0; chart && i < json_array_get_length (chart); i++)
    {
      JsonObject *obj = nb_format_read_element (chart, i, "comparison_chart", error);
      g_autofree char *where = g_strdup_printf ("comparison_chart[%u]", i);
      NbChartFigureDef def = { 0 };
      JsonArray *cells;
      const char **v;

      if (!obj ||
          !(def.label = nb_format_read_string (obj, "label", TRUE, where, error)) ||
          !(cells = nb_format_read_array (obj, "cells", TRUE, where, error)))
        return FALSE;
      v = g_new0 (const char *, json_array_get_length (cells) + 1);
      def.cells = v;
      g_array_append_val (self->chart, def);
      for (guint k = 0; k < json_array_get_length (cells); k++)
        if (!(v[k] = json_array_get_string_element (cells, k)) || !nb_format_find_cell (self, v[k]))
          {
            g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                         "format data: %s: “%s” is not a cell of the format",
                         where, v[k] ? v[k] : "?");
            return FALSE;
          }
    }
  return TRUE;
}

/* Only {names} of @allowed (NULL-terminated) in @text. */
gboolean
nb_format_check_names (const char         *text,
                       const char *const  *allowed,
                       const char         *where,
                       GError            **error)
{
  for (const char *p = text; (p = strchr (p, '{'));)
    {
      const char *close = strchr (p, '}');
      g_autofree char *name = close ? g_strndup (p + 1, close - p - 1) : NULL;

      if (!name || !g_strv_contains (allowed, name))
        {
          g_autofree char *names = g_strjoinv ("} {", (char **) allowed);

          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                       "format data: %s: “%s” may use only {%s}", where, text, names);
          return FALSE;
        }
      p = close + 1;
    }
  return TRUE;
}

/* "title": {"template", "second_line", "date"}. */
static gboolean
load_title (NbFormat    *self,
            JsonObject  *root,
            GError     **error)
{
  static const char *const title_names[] = { "agency", "year", NULL };
  static const char *const date_names[] = { "year", "month", "day", NULL };
  static const char *const none[] = { NULL };
  JsonObject *title = nb_format_read_object (root, "title", "format", error);
  NbTitleDef *t = &self->title;

  if (!title ||
      !(t->template = nb_format_read_string (title, "template", TRUE, "title", error)) ||
      !(t->second_line = nb_format_read_string (title, "second_line", TRUE, "title", error)) ||
      !(t->date = nb_format_read_string (title, "date", TRUE, "title", error)) ||
      !nb_format_check_names (t->template, title_names, "title", error) ||
      !nb_format_check_names (t->second_line, none, "title", error) ||
      !nb_format_check_names (t->date, date_names, "title", error))
    return FALSE;
  if (!g_str_has_suffix (t->template, t->second_line))
    {
      g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                   "format data: title: “second_line” “%s” must be how “template” ends", t->second_line);
      return FALSE;
    }
  return TRUE;
}

/* A section's "fields_sentence": the sentence that states its fields. */
static gboolean
link_fields_sentences (NbFormat    *self,
                       JsonArray   *sections,
                       GError     **error)
{
  for (guint i = 0; i < self->sections->len; i++)
    {
      NbSectionDef *section = g_ptr_array_index (self->sections, i);
      g_autofree char *where = g_strdup_printf ("section “%s”", section->key);
      JsonObject *obj = json_array_get_object_element (sections, i);
      const char *id = nb_format_read_string (obj, "fields_sentence", FALSE, where, error);

      if (*error)
        return FALSE;
      if (!id)
        continue;
      if (!(section->fields_sentence = nb_format_find_sentence (self, id)))
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                       "format data: %s: “fields_sentence” names no sentence “%s”", where, id);
          return FALSE;
        }
      if (section->fields_sentence->section != section || section->fields->len == 0)
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                       "format data: %s: sentence “%s” must name this section, which must have fields",
                       where, id);
          return FALSE;
        }
    }
  return TRUE;
}

/* @error is never NULL here: every step tests *error, so that bad data is
 * refused whatever the caller passed (see nb_format_new_from_data). */
static NbFormat *
format_load (const char  *data,
             gsize        length,
             GError     **error)
{
  g_autoptr(NbFormat) self = g_object_new (NB_TYPE_FORMAT, NULL);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *state = NULL;
  JsonObject *root;
  JsonObject *years;
  JsonArray *tables, *sections;

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                   "format data is not valid JSON: %s", local_error->message);
      return NULL;
    }
  self->root = json_parser_steal_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (self->root))
    {
      g_set_error (error, NB_ERROR, NB_ERROR_FORMAT, "format data must be a JSON object");
      return NULL;
    }
  root = json_node_get_object (self->root);

  if (json_object_get_int_member_with_default (root, "nianbao_format", 0) != 1)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                   "format data: “nianbao_format” must be 1");
      return NULL;
    }
  if (!(self->version = nb_format_read_string (root, "version", TRUE, "format", error)) ||
      !(self->name = nb_format_read_string (root, "name", TRUE, "format", error)) ||
      !load_title (self, root, error))
    return NULL;
  self->issued_by = nb_format_read_string (root, "issued_by", FALSE, "format", error);
  if (*error)
    return NULL;

  if (!(years = nb_format_read_object (root, "years", "format", error)))
    return NULL;
  self->from_year = (int) json_object_get_int_member_with_default (years, "from", 0);
  self->to_year = (int) json_object_get_int_member_with_default (years, "to", G_MAXINT);

  if (!(tables = nb_format_read_array (root, "tables", TRUE, "format", error)))
    return NULL;
  for (guint i = 0; i < json_array_get_length (tables); i++)
    {
      JsonObject *t = nb_format_read_element (tables, i, "tables", error);
      if (!t || !load_table (self, t, i, error))
        return NULL;
    }

  if (!(sections = nb_format_read_array (root, "sections", TRUE, "format", error)))
    return NULL;
  for (guint i = 0; i < json_array_get_length (sections); i++)
    {
      JsonObject *s = nb_format_read_element (sections, i, "sections", error);
      if (!s || !load_section (self, s, i, error))
        return NULL;
    }

  /* Grids last: they refer to cells by key. */
  for (guint i = 0; i < json_array_get_length (tables); i++)
    {
      JsonObject *t = json_array_get_object_element (tables, i);
      NbTableDef *table = g_ptr_array_index (self->tables, i);
      JsonObject *grid;

      g_autofree char *where = g_strdup_printf ("table “%s”", table->key);

      if (!(grid = nb_format_read_object (t, "grid", where, error)))
        return NULL;
      if (!(table->grid = nb_grid_new_from_json (grid, self, table, error)))
        return NULL;
    }

  state = g_new0 (guint8, self->cells->len);
  for (guint i = 0; i < self->cells->len; i++)
    {
      NbCellDef *cell = g_ptr_array_index (self->cells, i);
      if (cell->computed && !order_computed (self, cell, state, error))
        return NULL;
    }

  if (!load_figure_rules (self, nb_format_read_array (root, "text_figures", FALSE, "format", error), error))
    return NULL;
  if (!load_sentences (self, nb_format_read_array (root, "sentences", FALSE, "format", error), error) ||
      !link_fields_sentences (self, sections, error))
    return NULL;
  if (!load_chart (self, nb_format_read_array (root, "comparison_chart", FALSE, "format", error), error))
    return NULL;
  if (json_object_has_member (root, "check_texts"))
    {
      JsonObject *texts = nb_format_read_object (root, "check_texts", "format", error);
      g_autoptr(GList) names = NULL;

      if (!texts)
        return NULL;
      names = json_object_get_members (texts);
      for (GList *l = names; l; l = l->next)
        {
          const char *text = nb_format_read_string (texts, l->data, TRUE, "check_texts", error);
          if (!text)
            return NULL;
          g_hash_table_insert (self->check_texts, l->data, (gpointer) text);
        }
    }
  /* Before the checks: they quote some of it (the agency kinds). */
  if (!nb_format_load_usage (self, root, error))
    return NULL;
  {
    JsonArray *checks = nb_format_read_array (root, "checks", FALSE, "format", error);

    if (*error || !nb_format_load_checks (self, checks, self->checks, error))
      return NULL;
  }

  return g_steal_pointer (&self);
}

NbFormat *
nb_format_new_from_data (const char  *data,
                         gsize        length,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  NbFormat *self = format_load (data, length, &local_error);

  if (!self)
    {
      /* A load that failed without saying why is a bug, never a format. */
      if (!local_error)
        g_set_error (&local_error, NB_ERROR, NB_ERROR_FORMAT, "format data: could not be read");
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return self;
}

static int
compare_versions (gconstpointer a,
                  gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static void
add_version (GPtrArray  *names,
             const char *file)
{
  if (g_str_has_suffix (file, ".json"))
    {
      g_autofree char *name = g_strndup (file, strlen (file) - strlen (".json"));

      if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, g_steal_pointer (&name));
    }
}

const char *const *
nb_format_list_versions (void)
{
  static gsize once;

  if (g_once_init_enter (&once))
    {
      GPtrArray *names = g_ptr_array_new ();
      g_auto(GStrv) built_in = NULL;
      const char *dir_name = g_getenv ("NB_FORMATS_DIR");

      nb_core_register_resource ();
      built_in = g_resources_enumerate_children ("/org/nianbao/core/formats/", 0, NULL);
      for (guint i = 0; built_in && built_in[i]; i++)
        add_version (names, built_in[i]);
      if (dir_name && *dir_name)
        {
          g_autoptr(GDir) dir = g_dir_open (dir_name, 0, NULL);
          const char *file;

          while (dir && (file = g_dir_read_name (dir)))
            add_version (names, file);
        }
      g_ptr_array_sort (names, compare_versions);
      g_ptr_array_add (names, NULL);
      registered_versions = (char **) g_ptr_array_free (names, FALSE);
      g_once_init_leave (&once, 1);
    }
  return (const char *const *) registered_versions;
}

/* VERSION.json of $NB_FORMATS_DIR, or NULL (then the built-in one). */
static char *
revision_file (const char *version)
{
  const char *dir = g_getenv ("NB_FORMATS_DIR");
  g_autofree char *name = g_strconcat (version, ".json", NULL);
  g_autofree char *path = dir && *dir ? g_build_filename (dir, name, NULL) : NULL;

  return path && g_file_test (path, G_FILE_TEST_IS_REGULAR) ? g_steal_pointer (&path) : NULL;
}

static GHashTable *format_cache;
G_LOCK_DEFINE_STATIC (format_cache);

NbFormat *
nb_format_get (const char  *version,
               GError     **error)
{
  NbFormat *format;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data;

  if (version == NULL || !g_strv_contains (nb_format_list_versions (), version))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) registered_versions);
      g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                   _("Unknown report format version “%s” (known: %s)"),
                   version ? version : "", known);
      return NULL;
    }

  G_LOCK (format_cache);
  if (format_cache == NULL)
    {
      nb_core_register_resource ();
      format_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
    }
  format = g_hash_table_lookup (format_cache, version);
  if (format)
    {
      G_UNLOCK (format_cache);
      return format;
    }

  if ((path = revision_file (version)))
    {
      g_autoptr(GError) local = NULL;
      g_autofree char *contents = NULL;

      if (g_file_get_contents (path, &contents, &length, &local))
        bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      else
        g_set_error (error, NB_ERROR, NB_ERROR_FORMAT, "%s", local->message);
    }
  else
    {
      path = g_strdup_printf ("/org/nianbao/core/formats/%s.json", version);
      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
    }
  if (!bytes)
    {
      G_UNLOCK (format_cache);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &length);
  {
    g_autoptr(GError) local = NULL;

    /* The file in the message: a revision's author must find the mistake. */
    format = nb_format_new_from_data (data, length, &local);
    if (!format)
      g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", path);
  }
  if (format)
    g_hash_table_insert (format_cache, g_strdup (version), format);
  G_UNLOCK (format_cache);
  return format;
}

/* The latest revision in force: an open-ended version ends where a later
 * one begins. */
NbFormat *
nb_format_for_year (int year)
{
  const char *const *versions = nb_format_list_versions ();
  NbFormat *best = NULL;

  for (guint i = 0; versions[i]; i++)
    {
      NbFormat *format = nb_format_get (versions[i], NULL);

      if (format && nb_format_covers_year (format, year) &&
          (!best || format->from_year > best->from_year))
        best = format;
    }
  return best;
}

const char *nb_format_get_version (NbFormat *self) { return self->version; }
const char *nb_format_get_name (NbFormat *self) { return self->name; }
const char *nb_format_get_issued_by (NbFormat *self) { return self->issued_by; }
int nb_format_get_from_year (NbFormat *self) { return self->from_year; }
int nb_format_get_to_year (NbFormat *self) { return self->to_year; }
const char *nb_format_get_title_template (NbFormat *self) { return self->title.template; }
const NbTitleDef *nb_format_get_title (NbFormat *self) { return &self->title; }

static char *
fill_names (const char         *template,
            const char *const  *names,
            const char *const  *values)
{
  GString *s = g_string_new (template);

  for (guint i = 0; names[i]; i++)
    g_string_replace (s, names[i], values[i], 0);
  return g_string_free (s, FALSE);
}

char *
nb_format_dup_title (NbFormat   *self,
                     const char *agency,
                     int         year)
{
  g_autofree char *y = g_strdup_printf ("%d", year);
  const char *names[] = { "{agency}", "{year}", NULL };
  const char *values[] = { agency ? agency : "", y, NULL };

  g_return_val_if_fail (NB_IS_FORMAT (self), NULL);
  return fill_names (self->title.template, names, values);
}

gsize
nb_format_title_break (NbFormat   *self,
                       const char *title)
{
  const char *found;

  g_return_val_if_fail (NB_IS_FORMAT (self), 0);
  if (title == NULL || *self->title.second_line == '\0')
    return 0;
  found = strstr (title, self->title.second_line);
  return found != NULL && found != title ? (gsize) (found - title) : 0;
}

char *
nb_format_dup_date (NbFormat   *self,
                    const char *iso_date)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *y = NULL, *m = NULL, *d = NULL;
  const char *names[] = { "{year}", "{month}", "{day}", NULL };

  g_return_val_if_fail (NB_IS_FORMAT (self), NULL);
  if (iso_date == NULL)
    return NULL;
  parts = g_strsplit (iso_date, "-", 3);
  if (g_strv_length (parts) != 3)
    return g_strdup (iso_date);
  y = g_strdup_printf ("%d", (int) g_ascii_strtoll (parts[0], NULL, 10));
  m = g_strdup_printf ("%d", (int) g_ascii_strtoll (parts[1], NULL, 10));
  d = g_strdup_printf ("%d", (int) g_ascii_strtoll (parts[2], NULL, 10));
  {
    const char *values[] = { y, m, d, NULL };
    return fill_names (self->title.date, names, values);
  }
}

gboolean
nb_format_covers_year (NbFormat *self,
                       int       year)
{
  return year >= self->from_year && year <= self->to_year;
}

guint
nb_format_get_n_sections (NbFormat *self)
{
  return self->sections->len;
}

const NbSectionDef *
nb_format_get_section (NbFormat *self,
                       guint     position)
{
  g_return_val_if_fail (position < self->sections->len, NULL);
  return g_ptr_array_index (self->sections, position);
}

const NbSectionDef *
nb_format_find_section (NbFormat   *self,
                        const char *key)
{
  for (guint i = 0; i < self->sections->len; i++)
    {
      const NbSectionDef *s = g_ptr_array_index (self->sections, i);
      if (g_strcmp0 (s->key, key) == 0)
        return s;
    }
  return NULL;
}

guint
nb_format_get_n_tables (NbFormat *self)
{
  return self->tables->len;
}

const NbTableDef *
nb_format_get_table (NbFormat *self,
                     guint     position)
{
  g_return_val_if_fail (position < self->tables->len, NULL);
  return g_ptr_array_index (self->tables, position);
}

const NbTableDef *
nb_format_find_table (NbFormat   *self,
                      const char *key)
{
  for (guint i = 0; i < self->tables->len; i++)
    {
      const NbTableDef *t = g_ptr_array_index (self->tables, i);
      if (g_strcmp0 (t->key, key) == 0)
        return t;
    }
  return NULL;
}

const NbRowDef *
nb_table_def_find_row (const NbTableDef *table,
                       const char       *key)
{
  for (guint i = 0; i < table->rows->len; i++)
    {
      const NbRowDef *r = g_ptr_array_index (table->rows, i);
      if (g_strcmp0 (r->key, key) == 0)
        return r;
    }
  return NULL;
}

const NbColumnDef *
nb_table_def_find_column (const NbTableDef *table,
                          const char       *key)
{
  for (guint i = 0; i < table->columns->len; i++)
    {
      const NbColumnDef *c = g_ptr_array_index (table->columns, i);
      if (g_strcmp0 (c->key, key) == 0)
        return c;
    }
  return NULL;
}

guint
nb_format_get_n_cells (NbFormat *self)
{
  return self->cells->len;
}

const NbCellDef *
nb_format_get_cell (NbFormat *self,
                    guint     index)
{
  g_return_val_if_fail (index < self->cells->len, NULL);
  return g_ptr_array_index (self->cells, index);
}

const NbCellDef *
nb_format_find_cell (NbFormat   *self,
                     const char *key)
{
  if (key == NULL)
    return NULL;
  return g_hash_table_lookup (self->cell_index, key);
}

char *
nb_format_dup_cell_title (NbFormat        *self,
                          const NbCellDef *cell)
{
  const NbSectionDef *section;

  g_return_val_if_fail (NB_IS_FORMAT (self), NULL);
  g_return_val_if_fail (cell != NULL, NULL);

  section = nb_format_find_section (self, cell->section);
  if (!section)
    return g_strdup (cell->label);
  return g_strdup_printf ("%s · %s", section->short_heading, cell->label);
}

guint
nb_format_get_n_computed (NbFormat *self)
{
  return self->computed->len;
}

const NbCellDef *
nb_format_get_computed (NbFormat *self,
                        guint     i)
{
  g_return_val_if_fail (i < self->computed->len, NULL);
  return g_ptr_array_index (self->computed, i);
}

guint
nb_format_get_n_checks (NbFormat *self)
{
  return self->checks->len;
}

const NbCheckDef *
nb_format_get_check (NbFormat *self,
                     guint     i)
{
  g_return_val_if_fail (i < self->checks->len, NULL);
  return g_ptr_array_index (self->checks, i);
}

const NbCheckDef *
nb_format_find_check (NbFormat   *self,
                      const char *id)
{
  for (guint i = 0; i < self->checks->len; i++)
    if (g_str_equal (((const NbCheckDef *) self->checks->pdata[i])->id, id))
      return self->checks->pdata[i];
  return NULL;
}

const char *
nb_format_get_check_text (NbFormat   *self,
                          const char *name)
{
  return g_hash_table_lookup (self->check_texts, name);
}

guint
nb_format_get_n_figure_rules (NbFormat *self)
{
  return self->figure_rules->len;
}

const NbFigureRuleDef *
nb_format_get_figure_rule (NbFormat *self,
                           guint     i)
{
  g_return_val_if_fail (i < self->figure_rules->len, NULL);
  return &g_array_index (self->figure_rules, NbFigureRuleDef, i);
}

guint
nb_format_get_n_sentences (NbFormat *self)
{
  return self->sentences->len;
}

const NbSentenceDef *
nb_format_get_sentence (NbFormat *self,
                        guint     i)
{
  g_return_val_if_fail (i < self->sentences->len, NULL);
  return &g_array_index (self->sentences, NbSentenceDef, i);
}

const NbSentenceDef *
nb_format_find_sentence (NbFormat   *self,
                         const char *id)
{
  for (guint i = 0; i < self->sentences->len; i++)
    if (g_strcmp0 (g_array_index (self->sentences, NbSentenceDef, i).id, id) == 0)
      return &g_array_index (self->sentences, NbSentenceDef, i);
  return NULL;
}

const NbSectionDef *
nb_format_get_fee_section (NbFormat *self)
{
  for (guint i = 0; i < self->sections->len; i++)
    {
      const NbSectionDef *s = g_ptr_array_index (self->sections, i);
      if (s->fields_sentence)
        return s;
    }
  return NULL;
}

guint
nb_format_get_n_chart_figures (NbFormat *self)
{
  return self->chart->len;
}

const NbChartFigureDef *
nb_format_get_chart_figure (NbFormat *self,
                            guint     i)
{
  g_return_val_if_fail (i < self->chart->len, NULL);
  return &g_array_index (self->chart, NbChartFigureDef, i);
}

const NbChartFigureDef *
nb_format_find_chart_figure (NbFormat   *self,
                             const char *label)
{
  for (guint i = 0; i < self->chart->len; i++)
    if (g_strcmp0 (g_array_index (self->chart, NbChartFigureDef, i).label, label) == 0)
      return &g_array_index (self->chart, NbChartFigureDef, i);
  return NULL;
}
