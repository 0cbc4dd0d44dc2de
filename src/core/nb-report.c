/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-report.c — NbReport, the document */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "nb-error.h"
#include "nb-report.h"
#include "nb-text-check.h"

struct _NbReport
{
  GObject       parent_instance;

  NbFormat     *format;
  char         *agency;
  NbAgencyKind  agency_kind;
  int           year;
  char         *date;
  char         *signoff;
  char         *stated_title;
  GHashTable   *texts;        /* section key → text */

  guint         n_cells;
  NbNumber     *input;        /* by cell index; unused for computed cells */
  NbNumber     *stated;       /* imported values as printed */
  gboolean     *has_stated;
  NbNumber     *derived;      /* computed cells' sums */
  gboolean     *touched;      /* set by the clerk or an import (0 is also a default) */
  GHashTable   *to_review;    /* sections whose text is last year's draft */
  char         *previous_uri; /* last year's report, when known */

  NbHistory    *history;
  gboolean      replaying;    /* applying undo/redo: don't record */
  guint         group_depth;
  gboolean      group_changed;
  gboolean      modified;
  /* The history position of the saved state, or NO_POSITION when the saved
   * state is not in the history at all (recovered work, an import, a new
   * report): then no undo gets back to "unmodified". */
  guint         saved_position;
};

#define NO_POSITION G_MAXUINT

G_DEFINE_FINAL_TYPE (NbReport, nb_report, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FORMAT,
  PROP_AGENCY,
  PROP_AGENCY_KIND,
  PROP_YEAR,
  PROP_DATE,
  PROP_SIGNOFF,
  PROP_TITLE,
  PROP_MODIFIED,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum { CELL_CHANGED, TEXT_CHANGED, CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static gboolean apply_field (NbReport *self, const char *key, const char *value, GError **error);

/* A change the history cannot undo: the saved state is out of its reach. */
static void
modified_without_history (NbReport *self)
{
  self->saved_position = NO_POSITION;
}

static void
recompute (NbReport *self)
{
  guint n = nb_format_get_n_computed (self->format);

  for (guint i = 0; i < n; i++)
    {
      const NbCellDef *def = nb_format_get_computed (self->format, i);
      self->derived[def->index] = nb_report_compute_at (self, def->index);
    }
}

static void
changed (NbReport *self)
{
  if (!self->modified)
    {
      self->modified = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  if (self->group_depth > 0)
    self->group_changed = TRUE;
  else
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
nb_report_constructed (GObject *object)
{
  NbReport *self = NB_REPORT (object);

  G_OBJECT_CLASS (nb_report_parent_class)->constructed (object);

  if (self->format == NULL)
    self->format = g_object_ref (nb_format_get ("2021", NULL));

  self->n_cells = nb_format_get_n_cells (self->format);
  self->input = g_new0 (NbNumber, self->n_cells);
  self->stated = g_new0 (NbNumber, self->n_cells);
  self->has_stated = g_new0 (gboolean, self->n_cells);
  self->derived = g_new0 (NbNumber, self->n_cells);
  self->touched = g_new0 (gboolean, self->n_cells);

  /* Table cells start at 0; section fields (信息处理费) start blank, so the
   * clerk is asked to state them. */
  for (guint i = 0; i < self->n_cells; i++)
    {
      const NbCellDef *def = nb_format_get_cell (self->format, i);
      self->input[i] = def->table ? nb_number_from_int (0) : nb_number_blank ();
    }

  for (guint i = 0; i < nb_format_get_n_sections (self->format); i++)
    {
      const NbSectionDef *s = nb_format_get_section (self->format, i);
      if (s->kind == NB_SECTION_TEXT)
        g_hash_table_insert (self->texts, g_strdup (s->key), g_strdup (""));
    }
  recompute (self);
}

static void
nb_report_finalize (GObject *object)
{
  NbReport *self = NB_REPORT (object);

  g_clear_object (&self->format);
  g_clear_object (&self->history);
  g_clear_pointer (&self->agency, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->signoff, g_free);
  g_clear_pointer (&self->stated_title, g_free);
  g_clear_pointer (&self->texts, g_hash_table_unref);
  g_clear_pointer (&self->input, g_free);
  g_clear_pointer (&self->stated, g_free);
  g_clear_pointer (&self->has_stated, g_free);
  g_clear_pointer (&self->derived, g_free);
  g_clear_pointer (&self->touched, g_free);
  g_clear_pointer (&self->to_review, g_hash_table_unref);
  g_clear_pointer (&self->previous_uri, g_free);

  G_OBJECT_CLASS (nb_report_parent_class)->finalize (object);
}

static void
nb_report_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  NbReport *self = NB_REPORT (object);

  switch (prop_id)
    {
    case PROP_FORMAT: g_value_set_object (value, self->format); break;
    case PROP_AGENCY: g_value_set_string (value, self->agency); break;
    case PROP_AGENCY_KIND: g_value_set_int (value, self->agency_kind); break;
    case PROP_YEAR: g_value_set_int (value, self->year); break;
    case PROP_DATE: g_value_set_string (value, self->date); break;
    case PROP_SIGNOFF: g_value_set_string (value, self->signoff); break;
    case PROP_TITLE: g_value_set_string (value, self->stated_title); break;
    case PROP_MODIFIED: g_value_set_boolean (value, self->modified); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_report_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  NbReport *self = NB_REPORT (object);

  switch (prop_id)
    {
    case PROP_FORMAT: self->format = g_value_dup_object (value); break;
    case PROP_AGENCY: nb_report_set_agency (self, g_value_get_string (value)); break;
    case PROP_AGENCY_KIND: nb_report_set_agency_kind (self, g_value_get_int (value)); break;
    case PROP_YEAR: nb_report_set_year (self, g_value_get_int (value)); break;
    case PROP_DATE: nb_report_set_date (self, g_value_get_string (value), NULL); break;
    case PROP_SIGNOFF: nb_report_set_signoff (self, g_value_get_string (value)); break;
    case PROP_TITLE: nb_report_set_stated_title (self, g_value_get_string (value)); break;
    case PROP_MODIFIED: nb_report_set_modified (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_report_class_init (NbReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = nb_report_constructed;
  object_class->finalize = nb_report_finalize;
  object_class->get_property = nb_report_get_property;
  object_class->set_property = nb_report_set_property;

  properties[PROP_FORMAT] =
    g_param_spec_object ("format", NULL, NULL, NB_TYPE_FORMAT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AGENCY] = g_param_spec_string ("agency", NULL, NULL, "", rw);
  properties[PROP_AGENCY_KIND] =
    g_param_spec_int ("agency-kind", NULL, NULL, NB_AGENCY_DEPARTMENT, NB_AGENCY_GOVERNMENT,
                      NB_AGENCY_DEPARTMENT, rw);
  properties[PROP_YEAR] = g_param_spec_int ("year", NULL, NULL, 0, 9999, 2024, rw);
  properties[PROP_DATE] = g_param_spec_string ("date", NULL, NULL, NULL, rw);
  properties[PROP_SIGNOFF] = g_param_spec_string ("signoff", NULL, NULL, NULL, rw);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CELL_CHANGED] =
    g_signal_new ("cell-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);
  signals[TEXT_CHANGED] =
    g_signal_new ("text-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
nb_report_init (NbReport *self)
{
  self->agency = g_strdup ("");
  self->year = 2024;
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->to_review = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->history = nb_history_new ();
}

NbReport *
nb_report_new (NbFormat   *format,
               int         year,
               const char *agency)
{
  NbReport *self;

  g_return_val_if_fail (NB_IS_FORMAT (format), NULL);

  self = g_object_new (NB_TYPE_REPORT, "format", format, NULL);
  /* Initial values are not edits: no history, not modified. */
  self->year = year;
  g_free (self->agency);
  self->agency = g_strdup (agency ? agency : "");
  return self;
}

NbFormat *
nb_report_get_format (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), NULL);
  return self->format;
}

/* Record (unless replaying) and notify a change of a field. */
static void
record (NbReport   *self,
        const char *key,
        const char *before,
        const char *after)
{
  if (!self->replaying)
    nb_history_record (self->history, key, before, after);
}

static void
set_string_prop (NbReport   *self,
                 char      **field,
                 const char *key,
                 const char *value,
                 guint       prop)
{
  if (value && *value == '\0' && prop != PROP_AGENCY)
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;
  record (self, key, *field, value);
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  changed (self);
}

const char *
nb_report_get_agency (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), NULL);
  return self->agency;
}

void
nb_report_set_agency (NbReport   *self,
                      const char *agency)
{
  g_return_if_fail (NB_IS_REPORT (self));
  set_string_prop (self, &self->agency, "agency", agency ? agency : "", PROP_AGENCY);
}

NbAgencyKind
nb_report_get_agency_kind (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), NB_AGENCY_DEPARTMENT);
  return self->agency_kind;
}

static const char *
agency_kind_name (NbAgencyKind kind)
{
  return kind == NB_AGENCY_GOVERNMENT ? "government" : "department";
}

void
nb_report_set_agency_kind (NbReport     *self,
                           NbAgencyKind  kind)
{
  g_return_if_fail (NB_IS_REPORT (self));

  if (kind == self->agency_kind)
    return;
  record (self, "agency_kind", agency_kind_name (self->agency_kind), agency_kind_name (kind));
  self->agency_kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENCY_KIND]);
  changed (self);
}

int
nb_report_get_year (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), 0);
  return self->year;
}

void
nb_report_set_year (NbReport *self,
                    int       year)
{
  char before[16], after[16];

  g_return_if_fail (NB_IS_REPORT (self));

  if (year == self->year)
    return;
  g_snprintf (before, sizeof before, "%d", self->year);
  g_snprintf (after, sizeof after, "%d", year);
  record (self, "year", before, after);
  self->year = year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
  changed (self);
}

const char *
nb_report_get_date (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), NULL);
  return self->date;
}

/* A date as clerks write it: 2025-01-20, 2025年1月20日 (as printed at the
 * end of the report), 2025/1/20 or 2025.1.20, in full-width digits too. */
static gboolean
parse_date (const char  *text,
            GDate       *date,
            GError     **error)
{
  g_autoptr(GRegex) pattern = NULL;
  g_autoptr(GString) ascii = g_string_new (NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint v[3] = { 0, 0, 0 };
  gboolean ok = text != NULL && g_utf8_validate (text, -1, NULL);

  pattern = g_regex_new ("^\\s*([0-9]{4})\\s*(?:年|-|/|\\.)\\s*([0-9]{1,2})\\s*"
                         "(?:月|-|/|\\.)\\s*([0-9]{1,2})\\s*日?\\s*$", 0, 0, NULL);
  for (const char *p = ok ? text : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF10 && c <= 0xFF19)        /* full-width ０–９ */
        c = '0' + (c - 0xFF10);
      else if (c == 0xFF0D || c == 0x2014)   /* － — */
        c = '-';
      else if (c == 0xFF0F)                  /* ／ */
        c = '/';
      else if (c == 0xFF0E)                  /* ． */
        c = '.';
      else if (c == 0x3000)
        c = ' ';
      g_string_append_unichar (ascii, c);
    }
  ok = ok && g_regex_match (pattern, ascii->str, 0, &match);
  for (guint part = 0; ok && part < 3; part++)
    {
      g_autofree char *digits = g_match_info_fetch (match, (int) part + 1);
      v[part] = (guint) g_ascii_strtoull (digits, NULL, 10);
    }
  if (!ok || v[0] < 1 || !g_date_valid_dmy ((GDateDay) v[2], (GDateMonth) v[1], (GDateYear) v[0]))
    {
      g_set_error (error, NB_ERROR, NB_ERROR_PARSE,
                   _("“%s” is not a date; write it as 2025-01-20 or 2025年1月20日"),
                   text ? text : "");
      return FALSE;
    }
  if (date)
    g_date_set_dmy (date, (GDateDay) v[2], (GDateMonth) v[1], (GDateYear) v[0]);
  return TRUE;
}

char *
nb_report_normalize_date (const char  *text,
                          GError     **error)
{
  GDate date;

  if (!parse_date (text, &date, error))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date),
                          (guint) g_date_get_month (&date), (guint) g_date_get_day (&date));
}

gboolean
nb_report_set_date (NbReport    *self,
                    const char  *date,
                    GError     **error)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);
  if (date && *date && !(normalized = nb_report_normalize_date (date, error)))
    return FALSE;
  set_string_prop (self, &self->date, "date", normalized, PROP_DATE);
  return TRUE;
}

const char *
nb_report_get_signoff (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), NULL);
  return self->signoff;
}

void
nb_report_set_signoff (NbReport   *self,
                       const char *signoff)
{
  g_return_if_fail (NB_IS_REPORT (self));
  set_string_prop (self, &self->signoff, "signoff", signoff, PROP_SIGNOFF);
}

const char *
nb_report_get_stated_title (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), NULL);
  return self->stated_title;
}

void
nb_report_set_stated_title (NbReport   *self,
                            const char *title)
{
  g_return_if_fail (NB_IS_REPORT (self));
  set_string_prop (self, &self->stated_title, "title", title, PROP_TITLE);
}

char *
nb_report_dup_title (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), NULL);

  if (self->stated_title)
    return g_strdup (self->stated_title);

  return nb_format_dup_title (self->format, self->agency, self->year);
}

const char *
nb_report_get_text (NbReport   *self,
                    const char *section)
{
  const char *text;

  g_return_val_if_fail (NB_IS_REPORT (self), "");

  text = g_hash_table_lookup (self->texts, section);
  return text ? text : "";
}

gboolean
nb_report_set_text (NbReport    *self,
                    const char  *section,
                    const char  *text,
                    GError     **error)
{
  const NbSectionDef *def;
  const char *old;
  g_autofree char *key = NULL;
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);

  def = nb_format_find_section (self->format, section);
  if (!def || def->kind != NB_SECTION_TEXT)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_KEY,
                   _("“%s” is not a text section (text sections: overview, problems, other)"),
                   section ? section : "");
      return FALSE;
    }
  if (text == NULL)
    text = "";
  /* Line ends from Windows or old Macs become plain line breaks; any other
   * control character is refused (see nb-text-check). */
  if (strchr (text, '\r'))
    {
      g_autoptr(GString) s = g_string_new (text);
      g_string_replace (s, "\r\n", "\n", 0);
      g_string_replace (s, "\r", "\n", 0);
      normalized = g_string_free (g_steal_pointer (&s), FALSE);
      text = normalized;
    }
  if (!nb_text_check (_("The text"), text, -1, error))
    return FALSE;

  old = g_hash_table_lookup (self->texts, section);
  if (g_strcmp0 (old, text) == 0)
    return TRUE;

  key = g_strconcat ("text/", section, NULL);
  /* Edited by the clerk: the draft from last year has been looked at. */
  if (!self->replaying)
    g_hash_table_remove (self->to_review, section);
  record (self, key, old, text);
  g_hash_table_insert (self->texts, g_strdup (section), g_strdup (text));
  g_signal_emit (self, signals[TEXT_CHANGED], 0, section);
  changed (self);
  return TRUE;
}

const NbNumber *
nb_report_get_value_at (NbReport *self,
                        guint     index)
{
  const NbCellDef *def;

  g_return_val_if_fail (index < self->n_cells, NULL);

  if (self->has_stated[index])
    return &self->stated[index];
  def = nb_format_get_cell (self->format, index);
  return def->computed ? &self->derived[index] : &self->input[index];
}

const NbNumber *
nb_report_get_value (NbReport   *self,
                     const char *key)
{
  const NbCellDef *def;

  g_return_val_if_fail (NB_IS_REPORT (self), NULL);

  def = nb_format_find_cell (self->format, key);
  return def ? nb_report_get_value_at (self, def->index) : NULL;
}

NbNumber
nb_report_compute_at (NbReport *self,
                      guint     index)
{
  const NbCellDef *def = nb_format_get_cell (self->format, index);
  NbNumber sum = nb_number_from_int (0);
  gboolean all_blank = def->n_terms > 0;

  if (!def->computed)
    return self->input[index];
  for (guint t = 0; t < def->n_terms; t++)
    {
      const NbNumber *v = nb_report_get_value_at (self, def->terms[t]);
      all_blank = all_blank && v->blank;
      if (!nb_number_add (&sum, v))
        break;   /* cannot happen within NB_NUMBER_MAX_INTEGER */
    }
  /* A total of blanks is blank, not 0: blank is not zero. */
  sum.blank = all_blank;
  return sum;
}

/* A figure set by the clerk makes the printed totals over it stale: they
 * are computed again (else the report kept printing an imported total
 * that no longer adds up, and a computed cell cannot be set). */
static void
drop_stated_totals_over (NbReport *self,
                         guint     index)
{
  g_autofree gboolean *affected = g_new0 (gboolean, self->n_cells);

  affected[index] = TRUE;
  self->has_stated[index] = FALSE;
  /* In dependency order, so totals of totals follow. */
  for (guint i = 0; i < nb_format_get_n_computed (self->format); i++)
    {
      const NbCellDef *total = nb_format_get_computed (self->format, i);

      for (guint t = 0; t < total->n_terms && !affected[total->index]; t++)
        if (affected[total->terms[t]])
          {
            affected[total->index] = TRUE;
            self->has_stated[total->index] = FALSE;
          }
    }
}

static gboolean
store_value (NbReport        *self,
             const NbCellDef *def,
             const NbNumber  *value)
{
  char before[NB_NUMBER_BUF], after[NB_NUMBER_BUF];
  NbNumber *slot = &self->input[def->index];

  self->touched[def->index] = TRUE;
  drop_stated_totals_over (self, def->index);
  if (slot->blank == value->blank && slot->places == value->places && slot->units == value->units)
    return TRUE;

  nb_number_format (slot, before);
  nb_number_format (value, after);
  record (self, def->key, slot->blank ? NULL : before, value->blank ? NULL : after);
  *slot = *value;
  recompute (self);
  g_signal_emit (self, signals[CELL_CHANGED], 0, def->key, def->index);
  changed (self);
  return TRUE;
}

gboolean
nb_report_set_value (NbReport        *self,
                     const char      *key,
                     const NbNumber  *value,
                     GError         **error)
{
  const NbCellDef *def;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  def = nb_format_find_cell (self->format, key);
  if (!def)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_KEY,
                   _("“%s” is not a cell of the %s format"),
                   key ? key : "", nb_format_get_version (self->format));
      return FALSE;
    }
  if (def->computed)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_COMPUTED,
                   _("“%s” is a total computed from other cells and cannot be set"), key);
      return FALSE;
    }
  if (!nb_number_validate (value, &def->kind, &local_error))
    {
      g_autofree char *title = nb_format_dup_cell_title (self->format, def);
      g_set_error (error, NB_ERROR, local_error->code, "%s: %s", title, local_error->message);
      return FALSE;
    }
  return store_value (self, def, value);
}

gboolean
nb_report_set_value_from_string (NbReport    *self,
                                 const char  *key,
                                 const char  *text,
                                 GError     **error)
{
  const NbCellDef *def;
  g_autoptr(GError) local_error = NULL;
  NbNumber value;

  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);

  def = nb_format_find_cell (self->format, key);
  if (!def)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_KEY,
                   _("“%s” is not a cell of the %s format"),
                   key ? key : "", nb_format_get_version (self->format));
      return FALSE;
    }
  if (def->computed)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_COMPUTED,
                   _("“%s” is a total computed from other cells and cannot be set"), key);
      return FALSE;
    }
  if (text == NULL || *text == '\0')
    value = nb_number_blank ();
  else if (!nb_number_parse_for_kind (text, &def->kind, &value, &local_error))
    {
      g_autofree char *title = nb_format_dup_cell_title (self->format, def);
      g_set_error (error, NB_ERROR, local_error->code, "%s: %s", title, local_error->message);
      return FALSE;
    }
  return store_value (self, def, &value);
}

void
nb_report_set_stated_value (NbReport       *self,
                            const char     *key,
                            const NbNumber *value)
{
  const NbCellDef *def;

  g_return_if_fail (NB_IS_REPORT (self));

  def = nb_format_find_cell (self->format, key);
  g_return_if_fail (def != NULL);

  if (def->computed)
    {
      self->stated[def->index] = *value;
      self->has_stated[def->index] = TRUE;
    }
  else
    {
      /* Input cells hold what was printed, even of the wrong kind:
       * cell.kind reports it. */
      self->input[def->index] = *value;
    }
  self->touched[def->index] = TRUE;
  modified_without_history (self);
  recompute (self);
  g_signal_emit (self, signals[CELL_CHANGED], 0, def->key, def->index);
  changed (self);
}

void
nb_report_load_inputs (NbReport       *self,
                       const NbNumber *values,
                       const gboolean *present)
{
  g_return_if_fail (NB_IS_REPORT (self));

  for (guint i = 0; i < self->n_cells; i++)
    if (present[i] && !nb_format_get_cell (self->format, i)->computed)
      {
        self->input[i] = values[i];
        /* What a file or a workbook holds was set by someone. */
        self->touched[i] = TRUE;
      }
  recompute (self);
  changed (self);
}

gboolean
nb_report_has_stated_value (NbReport *self,
                            guint     index)
{
  g_return_val_if_fail (index < self->n_cells, FALSE);
  return self->has_stated[index];
}

void
nb_report_clear_stated_values (NbReport *self)
{
  g_return_if_fail (NB_IS_REPORT (self));

  memset (self->has_stated, 0, sizeof (gboolean) * self->n_cells);
  modified_without_history (self);
  recompute (self);
  changed (self);
}

gboolean
nb_report_is_touched (NbReport *self,
                      guint     index)
{
  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);
  g_return_val_if_fail (index < self->n_cells, FALSE);
  return self->touched[index];
}

void
nb_report_set_touched (NbReport   *self,
                       const char *key,
                       gboolean    touched)
{
  const NbCellDef *def;

  g_return_if_fail (NB_IS_REPORT (self));
  def = nb_format_find_cell (self->format, key);
  g_return_if_fail (def != NULL);
  self->touched[def->index] = touched;
}

GPtrArray *
nb_report_dup_untouched_tables (NbReport *self)
{
  GPtrArray *untouched = g_ptr_array_new ();

  g_return_val_if_fail (NB_IS_REPORT (self), untouched);

  for (guint t = 0; t < nb_format_get_n_tables (self->format); t++)
    {
      const NbTableDef *table = nb_format_get_table (self->format, t);
      gboolean any = FALSE;

      for (guint i = 0; i < table->cells->len && !any; i++)
        {
          const NbCellDef *def = g_ptr_array_index (table->cells, i);
          any = !def->computed && self->touched[def->index];
        }
      if (!any)
        g_ptr_array_add (untouched, (gpointer) table);
    }
  return untouched;
}

void
nb_report_set_needs_review (NbReport   *self,
                            const char *section,
                            gboolean    needs_review)
{
  g_return_if_fail (NB_IS_REPORT (self));
  g_return_if_fail (section != NULL);

  if (needs_review)
    g_hash_table_add (self->to_review, g_strdup (section));
  else
    g_hash_table_remove (self->to_review, section);
}

gboolean
nb_report_get_needs_review (NbReport   *self,
                            const char *section)
{
  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);
  return section && g_hash_table_contains (self->to_review, section);
}

const char *
nb_report_get_previous_uri (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), NULL);
  return self->previous_uri;
}

void
nb_report_set_previous_uri (NbReport   *self,
                            const char *uri)
{
  g_return_if_fail (NB_IS_REPORT (self));

  if (uri && !*uri)
    uri = NULL;
  g_free (self->previous_uri);
  self->previous_uri = g_strdup (uri);
}

char *
nb_report_describe_untouched (NbReport *self)
{
  g_autoptr(GPtrArray) tables = nb_report_dup_untouched_tables (self);
  g_autoptr(GString) names = g_string_new (NULL);

  if (tables->len == 0)
    return NULL;
  for (guint i = 0; i < tables->len; i++)
    {
      const NbTableDef *t = g_ptr_array_index (tables, i);

      if (names->len)
        g_string_append (names, _("; "));
      g_string_append_printf (names, _("“%s”"), t->title);
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Nobody has filled in the table %s: every figure in it is still the default 0.",
                                       "Nobody has filled in the tables %s: every figure in them is still the default 0.",
                                       tables->len),
                          names->str);
}

static gboolean
parse_year (const char  *text,
            int         *year,
            GError     **error)
{
  gint64 v;

  if (!text || !g_ascii_string_to_signed (text, 10, 1990, 2999, &v, NULL))
    {
      g_set_error (error, NB_ERROR, NB_ERROR_PARSE,
                   _("“%s” is not a report year (1990–2999)"), text ? text : "");
      return FALSE;
    }
  *year = (int) v;
  return TRUE;
}

static gboolean
apply_field (NbReport    *self,
             const char  *key,
             const char  *value,
             GError     **error)
{
  if (key == NULL)
    key = "";

  if (g_str_equal (key, "agency"))
    {
      if (!nb_text_check (_("The agency"), value, NB_TEXT_MAX_CELL_CHARS, error))
        return FALSE;
      nb_report_set_agency (self, value);
      return TRUE;
    }
  if (g_str_equal (key, "agency_kind"))
    {
      NbAgencyKind kind;

      if (!nb_format_parse_agency_kind (self->format, value, &kind))
        {
          g_set_error (error, NB_ERROR, NB_ERROR_PARSE,
                       _("agency_kind must be “department” (%s) or “government” (%s), not “%s”"),
                       nb_format_get_agency_kind_word (self->format, NB_AGENCY_DEPARTMENT),
                       nb_format_get_agency_kind_word (self->format, NB_AGENCY_GOVERNMENT),
                       value ? value : "");
          return FALSE;
        }
      nb_report_set_agency_kind (self, kind);
      return TRUE;
    }
  if (g_str_equal (key, "year"))
    {
      int year;
      if (!parse_year (value, &year, error))
        return FALSE;
      nb_report_set_year (self, year);
      return TRUE;
    }
  if (g_str_equal (key, "date"))
    return nb_report_set_date (self, value, error);
  if (g_str_equal (key, "signoff") || g_str_equal (key, "title"))
    {
      if (!nb_text_check (key[0] == 's' ? _("The sign-off") : _("The title"), value,
                          NB_TEXT_MAX_CELL_CHARS, error))
        return FALSE;
      if (key[0] == 's')
        nb_report_set_signoff (self, value);
      else
        nb_report_set_stated_title (self, value);
      return TRUE;
    }
  if (g_str_equal (key, "format"))
    {
      if (g_strcmp0 (value, nb_format_get_version (self->format)) == 0)
        return TRUE;
      g_set_error (error, NB_ERROR, NB_ERROR_KEY,
                   _("The format version of a report cannot be changed; create a new report in format %s"),
                   value ? value : "");
      return FALSE;
    }
  if (g_str_has_prefix (key, "text/"))
    return nb_report_set_text (self, key + 5, value, error);

  if (nb_format_find_cell (self->format, key))
    return nb_report_set_value_from_string (self, key, value, error);

  g_set_error (error, NB_ERROR, NB_ERROR_KEY,
               _("Unknown key “%s”: expected a cell key such as requests/new/natural, "
                 "text/overview, or one of agency, agency_kind, year, date, signoff, title"),
               key);
  return FALSE;
}

gboolean
nb_report_set_field (NbReport    *self,
                     const char  *key,
                     const char  *value,
                     GError     **error)
{
  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);
  return apply_field (self, key, value, error);
}

char *
nb_report_dup_field (NbReport    *self,
                     const char  *key,
                     GError     **error)
{
  const NbCellDef *def;

  g_return_val_if_fail (NB_IS_REPORT (self), NULL);

  if (key == NULL)
    key = "";
  if (g_str_equal (key, "agency"))
    return g_strdup (self->agency);
  if (g_str_equal (key, "agency_kind"))
    return g_strdup (agency_kind_name (self->agency_kind));
  if (g_str_equal (key, "year"))
    return g_strdup_printf ("%d", self->year);
  if (g_str_equal (key, "date"))
    return g_strdup (self->date ? self->date : "");
  if (g_str_equal (key, "signoff"))
    return g_strdup (self->signoff ? self->signoff : "");
  if (g_str_equal (key, "title"))
    return nb_report_dup_title (self);
  if (g_str_equal (key, "format"))
    return g_strdup (nb_format_get_version (self->format));
  if (g_str_has_prefix (key, "text/"))
    {
      const NbSectionDef *s = nb_format_find_section (self->format, key + 5);
      if (s && s->kind == NB_SECTION_TEXT)
        return g_strdup (nb_report_get_text (self, key + 5));
    }
  else if ((def = nb_format_find_cell (self->format, key)))
    return nb_number_to_string (nb_report_get_value_at (self, def->index));

  g_set_error (error, NB_ERROR, NB_ERROR_KEY, _("Unknown key “%s”"), key);
  return NULL;
}

NbHistory *
nb_report_get_history (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), NULL);
  return self->history;
}

static void
update_modified_from_history (NbReport *self)
{
  gboolean modified = nb_history_get_position (self->history) != self->saved_position;

  if (modified != self->modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
}

static gboolean
replay (NbReport  *self,
        GPtrArray *changes)
{
  if (changes == NULL)
    return FALSE;

  self->replaying = TRUE;
  nb_report_begin_group (self);
  for (guint i = 0; i < changes->len; i++)
    {
      NbHistoryChange *c = g_ptr_array_index (changes, i);
      g_autoptr(GError) error = NULL;

      if (!apply_field (self, c->key, c->value, &error))
        g_warning ("Cannot undo/redo %s: %s", c->key, error->message);
    }
  nb_report_end_group (self);
  self->replaying = FALSE;
  g_ptr_array_unref (changes);
  update_modified_from_history (self);
  return TRUE;
}

gboolean
nb_report_undo (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);
  return replay (self, nb_history_take_undo (self->history));
}

gboolean
nb_report_redo (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);
  return replay (self, nb_history_take_redo (self->history));
}

void
nb_report_begin_group (NbReport *self)
{
  g_return_if_fail (NB_IS_REPORT (self));

  if (self->group_depth++ == 0)
    self->group_changed = FALSE;
  if (!self->replaying)
    nb_history_begin_group (self->history);
}

void
nb_report_end_group (NbReport *self)
{
  g_return_if_fail (NB_IS_REPORT (self));
  g_return_if_fail (self->group_depth > 0);

  if (!self->replaying)
    nb_history_end_group (self->history);
  if (--self->group_depth == 0 && self->group_changed)
    {
      self->group_changed = FALSE;
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

gboolean
nb_report_get_modified (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);
  return self->modified;
}

void
nb_report_set_modified (NbReport *self,
                        gboolean  modified)
{
  g_return_if_fail (NB_IS_REPORT (self));

  if (!modified)
    self->saved_position = nb_history_get_position (self->history);
  else
    modified_without_history (self);
  if (modified != self->modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
}

/* Import source: kept as object data so that the document's own fields
 * (which other work edits) stay as they are; it is no undoable edit. */
typedef struct
{
  char  *file_name;
  char  *kind;
  char  *encoding;
  char **warnings;
} ImportSource;

static void
import_source_free (gpointer data)
{
  ImportSource *source = data;

  g_free (source->file_name);
  g_free (source->kind);
  g_free (source->encoding);
  g_strfreev (source->warnings);
  g_free (source);
}

static ImportSource *
get_import_source (NbReport *self)
{
  return g_object_get_data (G_OBJECT (self), "nb-import-source");
}

void
nb_report_set_import_source (NbReport          *self,
                             const char        *file_name,
                             const char        *kind,
                             const char        *encoding,
                             const char *const *warnings)
{
  ImportSource *source;
  static const char *const none[] = { NULL };

  g_return_if_fail (NB_IS_REPORT (self));

  /* Warnings quote the source (a row's label), which may hold characters a
   * document cannot (a C1 control from a damaged page): mapped as the
   * exporters map them, or the saved document would not load again. */
  if (!warnings)
    warnings = none;
  source = g_new0 (ImportSource, 1);
  source->file_name = nb_text_sanitize (file_name);
  source->kind = nb_text_sanitize (kind);
  source->encoding = nb_text_sanitize (encoding);
  source->warnings = g_new0 (char *, g_strv_length ((char **) warnings) + 1);
  for (guint i = 0; warnings[i]; i++)
    source->warnings[i] = nb_text_sanitize (warnings[i]);
  g_object_set_data_full (G_OBJECT (self), "nb-import-source", source, import_source_free);
}

gboolean
nb_report_has_import_source (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);
  return get_import_source (self) != NULL;
}

const char *
nb_report_get_import_file (NbReport *self)
{
  ImportSource *source;

  g_return_val_if_fail (NB_IS_REPORT (self), NULL);
  source = get_import_source (self);
  return source ? source->file_name : NULL;
}

const char *
nb_report_get_import_kind (NbReport *self)
{
  ImportSource *source;

  g_return_val_if_fail (NB_IS_REPORT (self), NULL);
  source = get_import_source (self);
  return source ? source->kind : NULL;
}

const char *
nb_report_get_import_encoding (NbReport *self)
{
  ImportSource *source;

  g_return_val_if_fail (NB_IS_REPORT (self), NULL);
  source = get_import_source (self);
  return source ? source->encoding : NULL;
}

const char *const *
nb_report_get_import_warnings (NbReport *self)
{
  ImportSource *source;

  g_return_val_if_fail (NB_IS_REPORT (self), NULL);
  source = get_import_source (self);
  return source ? (const char *const *) source->warnings : NULL;
}

void
nb_report_clear_import_source (NbReport *self)
{
  g_return_if_fail (NB_IS_REPORT (self));
  g_object_set_data (G_OBJECT (self), "nb-import-source", NULL);
  g_object_set_data (G_OBJECT (self), "nb-import-headings", NULL);
}

void
nb_report_set_import_headings (NbReport          *self,
                               const char *const *headings)
{
  g_return_if_fail (NB_IS_REPORT (self));
  g_object_set_data_full (G_OBJECT (self), "nb-import-headings",
                          headings ? g_strdupv ((char **) headings) : NULL, (GDestroyNotify) g_strfreev);
}

const char *const *
nb_report_get_import_headings (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), NULL);
  return g_object_get_data (G_OBJECT (self), "nb-import-headings");
}

/* Many stated values at once (an import sets hundreds): the totals are
 * recomputed once, not after each. */
void
nb_report_set_stated_values (NbReport          *self,
                             const char *const *keys,
                             const NbNumber    *values,
                             guint              n)
{
  g_return_if_fail (NB_IS_REPORT (self));

  for (guint i = 0; i < n; i++)
    {
      const NbCellDef *def = nb_format_find_cell (self->format, keys[i]);

      g_return_if_fail (def != NULL);
      if (def->computed)
        {
          self->stated[def->index] = values[i];
          self->has_stated[def->index] = TRUE;
        }
      else
        self->input[def->index] = values[i];
      /* As nb_report_set_stated_value(): what was printed was set by someone. */
      self->touched[def->index] = TRUE;
    }
  modified_without_history (self);
  recompute (self);
  for (guint i = 0; i < n; i++)
    {
      const NbCellDef *def = nb_format_find_cell (self->format, keys[i]);
      g_signal_emit (self, signals[CELL_CHANGED], 0, def->key, def->index);
    }
  changed (self);
}
