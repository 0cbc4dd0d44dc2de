/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nianbao-cli compare — this year's report beside last year's */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "nb-cli-common.h"
#include "nb-comparison.h"
#include "nb-problem.h"
#include "nb-import.h"

/* A .nianbao document, or a published report in any
 * form import reads: text, web page, Word file, PDF. */
static NbReport *
load_report (const char *path)
{
  if (!g_str_has_suffix (path, ".nianbao"))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(NbImport) import = nb_import_file (file, NULL, &error);

      if (!import)
        {
          nb_cli_error ("%s", error->message);
          return NULL;
        }
      if (import->warnings->len > 0)
        /* TRANSLATORS: %s is a file; the import's own warnings are for nianbao-cli import */
        g_printerr (g_dngettext (GETTEXT_PACKAGE, "%s: read with %u import warning\n",
                                 "%s: read with %u import warnings\n", import->warnings->len),
                    path, import->warnings->len);
      return g_object_ref (import->report);
    }
  return nb_cli_load (path);
}

static const char *
kind_name (NbDiffKind kind)
{
  static const char *const names[] = { "unchanged", "changed", "added", "removed" };

  return names[kind];
}

static void
print_json (NbComparison *cmp)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GPtrArray *figures = nb_comparison_get_figures (cmp);
  GPtrArray *sections = nb_comparison_get_sections (cmp);
  GPtrArray *problems = nb_comparison_get_problems (cmp);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "last_year");
  json_builder_add_int_value (b, nb_report_get_year (nb_comparison_get_last (cmp)));
  json_builder_set_member_name (b, "this_year");
  json_builder_add_int_value (b, nb_report_get_year (nb_comparison_get_this (cmp)));

  json_builder_set_member_name (b, "figures");
  json_builder_begin_array (b);
  for (guint i = 0; i < figures->len; i++)
    {
      NbFigureChange *f = figures->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "key");
      json_builder_add_string_value (b, f->key);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, f->label);
      json_builder_set_member_name (b, "last");
      if (f->in_last)
        json_builder_add_string_value (b, f->last);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "this");
      json_builder_add_string_value (b, f->this);
      json_builder_set_member_name (b, "change");
      json_builder_add_string_value (b, f->change);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "checks");
  json_builder_begin_array (b);
  for (guint i = 0; i < problems->len; i++)
    {
      NbProblem *p = problems->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, nb_problem_get_id (p));
      json_builder_set_member_name (b, "severity");
      json_builder_add_string_value (b, nb_severity_to_string (nb_problem_get_severity (p)));
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, nb_problem_get_message (p));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "sections");
  json_builder_begin_array (b);
  for (guint i = 0; i < sections->len; i++)
    {
      NbSectionChange *s = sections->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "key");
      json_builder_add_string_value (b, s->key);
      json_builder_set_member_name (b, "heading");
      json_builder_add_string_value (b, s->heading);
      json_builder_set_member_name (b, "paragraphs");
      json_builder_begin_array (b);
      for (guint k = 0; k < s->paragraphs->len; k++)
        {
          NbParagraphChange *p = s->paragraphs->pdata[k];

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, kind_name (p->kind));
          if (p->last)
            {
              json_builder_set_member_name (b, "last");
              json_builder_add_string_value (b, p->last);
            }
          if (p->this)
            {
              json_builder_set_member_name (b, "this");
              json_builder_add_string_value (b, p->this);
            }
          if (p->kind == NB_DIFF_CHANGED)
            {
              json_builder_set_member_name (b, "similarity");
              json_builder_add_int_value (b, p->similarity);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  nb_cli_print_json (b);
}

static void
print_text (NbComparison *cmp,
            gboolean      changed_only)
{
  GPtrArray *figures = nb_comparison_get_figures (cmp);
  GPtrArray *sections = nb_comparison_get_sections (cmp);
  GPtrArray *problems = nb_comparison_get_problems (cmp);
  int last_year = nb_report_get_year (nb_comparison_get_last (cmp));
  int this_year = nb_report_get_year (nb_comparison_get_this (cmp));
  guint n_changed = nb_comparison_count_changed (cmp);

  /* TRANSLATORS: a heading: “Figures (2019 → 2020): 12 of 198 changed” */
  g_print (_("Figures (%d → %d): %u of %u changed\n"), last_year, this_year, n_changed, figures->len);
  for (guint i = 0; i < figures->len; i++)
    {
      NbFigureChange *f = figures->pdata[i];
      gboolean same = g_str_equal (f->last, f->this);

      if (changed_only && same)
        continue;
      g_print ("%s %s  %s: %s → %s%s%s%s\n", same ? " " : "*", f->key, f->label,
               f->in_last ? (*f->last ? f->last : _("(blank)")) : _("(not in last year's format)"),
               *f->this ? f->this : _("(blank)"),
               *f->change ? "  (" : "", f->change, *f->change ? ")" : "");
    }

  g_print ("\n");
  g_print (_("Checks across the two years: %u\n"), problems->len);
  for (guint i = 0; i < problems->len; i++)
    {
      NbProblem *p = problems->pdata[i];
      g_print ("%s %s: %s\n",
               nb_problem_get_severity (p) == NB_SEVERITY_ERROR ? _("error") : _("warning"),
               nb_problem_get_id (p), nb_problem_get_message (p));
    }

  for (guint i = 0; i < sections->len; i++)
    {
      NbSectionChange *s = sections->pdata[i];

      g_print ("\n");
      /* TRANSLATORS: “一、总体情况: 3 unchanged, 1 changed, 2 added, 0 removed” */
      g_print (_("%s: %u unchanged, %u changed, %u added, %u removed\n"), s->heading,
               s->n[NB_DIFF_UNCHANGED], s->n[NB_DIFF_CHANGED], s->n[NB_DIFF_ADDED],
               s->n[NB_DIFF_REMOVED]);
      for (guint k = 0; k < s->paragraphs->len; k++)
        {
          NbParagraphChange *p = s->paragraphs->pdata[k];

          switch (p->kind)
            {
            case NB_DIFF_UNCHANGED:
              if (!changed_only)
                g_print ("= %s\n", p->this);
              break;
            case NB_DIFF_CHANGED:
              /* TRANSLATORS: a changed paragraph; %u is how much of it is the same */
              g_print (_("~ (%u%% the same)\n"), p->similarity);
              g_print ("  - %s\n  + %s\n", p->last, p->this);
              break;
            case NB_DIFF_ADDED:
              g_print ("+ %s\n", p->this);
              break;
            case NB_DIFF_REMOVED:
              g_print ("- %s\n", p->last);
              break;
            }
        }
    }
}

int
nb_cli_compare (int    argc,
                char **argv)
{
  gboolean json = FALSE, changed_only = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the comparison as JSON"), NULL },
    { "changed", 0, 0, G_OPTION_ARG_NONE, &changed_only,
      N_("Leave out the figures and paragraphs that did not change"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("LAST THIS"));
  g_autoptr(NbReport) last = NULL;
  g_autoptr(NbReport) this = NULL;
  g_autoptr(NbComparison) cmp = NULL;

  g_option_context_set_summary (context,
                                _("Compare this year's report with last year's: every figure "
                                  "side by side with its change, the checks across the two "
                                  "years, and the texts paragraph by paragraph (= unchanged, "
                                  "~ changed, + added, - removed)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!nb_cli_parse (context, &argc, &argv))
    return NB_CLI_USAGE;
  if (argc != 3)
    {
      nb_cli_error (_("usage: nianbao-cli compare LAST THIS [--changed] [--json]"));
      return NB_CLI_USAGE;
    }
  if (!(last = load_report (argv[1])) || !(this = load_report (argv[2])))
    return NB_CLI_USAGE;

  cmp = nb_comparison_new (last, this);
  if (json)
    print_json (cmp);
  else
    print_text (cmp, changed_only);
  return NB_CLI_OK;
}
