/* nb-sentence.c — sentences generated from the tables, so that the figures a
 * text quotes are the tables' own (and the text checks can verify them). */
#include "config.h"

#include <string.h>

#include "nb-sentence.h"

static gint64
value (NbReport   *report,
       const char *key)
{
  const NbNumber *n = nb_report_get_value (report, key);
  return n ? nb_number_integer_part (n) : 0;
}

/* Sum of a column group over the legal-person columns. */
static gint64
legal_persons (NbReport   *report,
               const char *row)
{
  static const char *const columns[] = { "business", "research", "nonprofit", "legal", "other" };
  gint64 sum = 0;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *key = g_strdup_printf ("requests/%s/%s", row, columns[i]);
      sum += value (report, key);
    }
  return sum;
}

static gint64
row_total (NbReport   *report,
           const char *row)
{
  g_autofree char *key = g_strdup_printf ("requests/%s/total", row);
  return value (report, key);
}

static gint64
rows_with_prefix (NbReport   *report,
                  const char *prefix)
{
  const NbTableDef *t = nb_format_find_table (nb_report_get_format (report), "requests");
  gint64 sum = 0;

  for (guint i = 0; t && i < t->rows->len; i++)
    {
      const NbRowDef *r = g_ptr_array_index (t->rows, i);
      if (g_str_has_prefix (r->key, prefix))
        sum += row_total (report, r->key);
    }
  return sum;
}

char *
nb_sentence_requests (NbReport *report)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%d年，本机关共收到政府信息公开申请%" G_GINT64_FORMAT "件，"
                             "其中自然人%" G_GINT64_FORMAT "件、法人或其他组织%" G_GINT64_FORMAT "件；",
                          nb_report_get_year (report), row_total (report, "new"),
                          value (report, "requests/new/natural"), legal_persons (report, "new"));
  g_string_append_printf (s, "上年结转%" G_GINT64_FORMAT "件。", row_total (report, "carried_in"));
  g_string_append_printf (s, "共办结政府信息公开申请%" G_GINT64_FORMAT "件，其中予以公开%" G_GINT64_FORMAT "件，"
                             "部分公开%" G_GINT64_FORMAT "件，不予公开%" G_GINT64_FORMAT "件，"
                             "无法提供%" G_GINT64_FORMAT "件，不予处理%" G_GINT64_FORMAT "件，"
                             "其他处理%" G_GINT64_FORMAT "件；",
                          row_total (report, "results_total"), row_total (report, "open"),
                          row_total (report, "partial"), rows_with_prefix (report, "withheld_"),
                          rows_with_prefix (report, "unable_"), rows_with_prefix (report, "rejected_"),
                          rows_with_prefix (report, "other"));
  g_string_append_printf (s, "结转下年度继续办理%" G_GINT64_FORMAT "件。", row_total (report, "carried_out"));
  return g_string_free (s, FALSE);
}

char *
nb_sentence_review (NbReport *report)
{
  gint64 reconsideration = value (report, "review/count/reconsideration_total");
  gint64 litigation = value (report, "review/count/direct_total") + value (report, "review/count/after_total");

  if (reconsideration == 0 && litigation == 0)
    return g_strdup_printf ("%d年，本机关未发生因政府信息公开被申请行政复议、提起行政诉讼的情况。",
                            nb_report_get_year (report));
  return g_strdup_printf ("%d年，本机关发生政府信息公开行政复议%" G_GINT64_FORMAT "件、"
                          "行政诉讼%" G_GINT64_FORMAT "件。",
                          nb_report_get_year (report), reconsideration, litigation);
}

char *
nb_sentence_fees (NbReport *report)
{
  const NbSectionDef *other = nb_format_find_section (nb_report_get_format (report), "other");
  gboolean all_zero = TRUE;
  g_autoptr(GString) s = NULL;
  g_autofree char *year = NULL;

  if (!other || other->fields->len == 0 || !other->fee_sentence_none || !other->fee_sentence_some)
    return NULL;
  for (guint i = 0; i < other->fields->len; i++)
    {
      const NbCellDef *def = g_ptr_array_index (other->fields, i);
      const NbNumber *n = nb_report_get_value_at (report, def->index);

      if (n->blank)
        return NULL;
      if (n->units != 0)
        all_zero = FALSE;
    }

  year = g_strdup_printf ("%d", nb_report_get_year (report));
  s = g_string_new (all_zero ? other->fee_sentence_none : other->fee_sentence_some);
  g_string_replace (s, "{year}", year, 0);
  for (guint i = 0; i < other->fields->len; i++)
    {
      const NbCellDef *def = g_ptr_array_index (other->fields, i);
      const char *name = strchr (def->key, '/') + 1;
      g_autofree char *placeholder = g_strdup_printf ("{%s}", name);
      char buf[NB_NUMBER_BUF];

      g_string_replace (s, placeholder, nb_number_format (nb_report_get_value_at (report, def->index), buf), 0);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}
