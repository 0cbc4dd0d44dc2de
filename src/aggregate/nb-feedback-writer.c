/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-feedback-writer.c — the feedback documents, as text and as PDF */
#include "config.h"

#include <string.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "nb-error.h"
#include "nb-feedback-writer.h"
#include "nb-safe-write.h"
#include "nb-page-layout.h"
#include "nb-pdf-writer.h"

/* The report's faces and sizes (docs/typesetting.md): 3号 仿宋 body, 2号
 * title, 4号 宋体 page numbers. */
#define BODY_SIZE  16.0
#define TITLE_SIZE 22.0
#define FOLIO_SIZE 14.0
#define LINES_PER_PAGE 22

static const char *const numerals[] = { "一", "二", "三", "四" };

char *
nb_feedback_file_stem (const NbAggregateEntry *entry)
{
  g_autofree char *who = NULL;
  GString *s;

  if (entry->agency && *entry->agency)
    who = g_strdup (entry->agency);
  else if (entry->path)
    {
      g_autofree char *base = g_path_get_basename (entry->path);
      char *dot = strrchr (base, '.');

      if (dot && dot != base)
        *dot = '\0';
      who = g_steal_pointer (&base);
    }
  else
    who = g_strdup ("未署名");
  /* Characters no file system takes. */
  s = g_string_new (NULL);
  for (const char *p = who; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (s, (c < 0x20 || strchr ("/\\:*?\"<>|", (int) c)) && c < 0x80 ? '_' : c);
    }
  g_string_append (s, "-反馈意见");
  return g_string_free (s, FALSE);
}

/* A problem as the letter lists it: one about a section's words (本段有 3 处
 * 半角标点…) says which section, as the window shows it in place. */
static void
append_problem (GString     *s,
                guint        n,
                NbFormat    *format,
                NbProblem   *p)
{
  const char *key = nb_problem_get_section (p);
  const NbSectionDef *section = key && format ? nb_format_find_section (format, key) : NULL;
  const char *message = nb_problem_get_message (p);

  if (section && !strstr (message, section->heading))
    g_string_append_printf (s, "%u. “%s”：%s\n", n, section->heading, message);
  else
    g_string_append_printf (s, "%u. %s\n", n, message);
}

char *
nb_feedback_text (NbAggregate            *aggregate,
                  const NbAggregateEntry *e,
                  const char             *from)
{
  g_autoptr(GString) s = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *file = e->path ? g_path_get_basename (e->path) : NULL;
  guint n_errors = 0, n_warnings = 0, section = 0;
  gboolean has_notes = e->notes && e->notes->len > 0;
  int year = e->year ? e->year : nb_aggregate_get_year (aggregate);
  /* The report's own format: one not counted may be of another. */
  NbFormat *format = e->version ? nb_format_get (e->version, NULL) : nb_aggregate_get_format (aggregate);

  for (guint i = 0; e->problems && i < e->problems->len; i++)
    if (nb_problem_get_severity (g_ptr_array_index (e->problems, i)) == NB_SEVERITY_ERROR)
      n_errors++;
    else
      n_warnings++;
  if (!has_notes && n_errors == 0 && n_warnings == 0 && e->n_errors == 0 && e->n_warnings == 0)
    return NULL;

  s = g_string_new (NULL);
  g_string_append_printf (s, "关于%s%d年政府信息公开工作年度报告的反馈意见\n",
                          e->agency && *e->agency ? e->agency : "", year);
  g_string_append_printf (s, "%s：\n", e->agency && *e->agency ? e->agency : (file ? file : ""));
  if (e->state == NB_ENTRY_MISSING)
    g_string_append_printf (s, "截至%d年%d月%d日，我办尚未收到你单位%d年政府信息公开工作年度报告，请尽快报送。\n",
                            g_date_time_get_year (now), g_date_time_get_month (now),
                            g_date_time_get_day_of_month (now), year);
  else
    g_string_append_printf (s, "你单位报送的%d年政府信息公开工作年度报告（文件“%s”）经审核，存在以下问题，请逐项核实，"
                            "修改后重新报送。\n", year, file ? file : "");

  if (has_notes && e->state != NB_ENTRY_MISSING)
    {
      g_string_append_printf (s, "%s、报送情况\n", numerals[section++]);
      for (guint i = 0; i < e->notes->len; i++)
        g_string_append_printf (s, "%u. %s\n", i + 1, (const char *) g_ptr_array_index (e->notes, i));
    }
  if (n_errors)
    {
      guint k = 0;

      g_string_append_printf (s, "%s、需要改正的错误（%u项）\n", numerals[section++], n_errors);
      for (guint i = 0; i < e->problems->len; i++)
        {
          NbProblem *p = g_ptr_array_index (e->problems, i);

          if (nb_problem_get_severity (p) == NB_SEVERITY_ERROR)
            append_problem (s, ++k, format, p);
        }
    }
  if (n_warnings)
    {
      guint k = 0;

      g_string_append_printf (s, "%s、需要核实的问题（%u项）\n", numerals[section++], n_warnings);
      for (guint i = 0; i < e->problems->len; i++)
        {
          NbProblem *p = g_ptr_array_index (e->problems, i);

          if (nb_problem_get_severity (p) == NB_SEVERITY_WARNING)
            append_problem (s, ++k, format, p);
        }
    }
  if (!e->problems && (e->n_errors || e->n_warnings))
    g_string_append_printf (s, "%s、检查发现错误%u项、需要核实的问题%u项，请用 nianbao 打开报告逐项查看。\n",
                            numerals[section++], e->n_errors, e->n_warnings);
  g_string_append (s, "\n");
  g_string_append_printf (s, "%s\n", from && *from ? from : "");
  g_string_append_printf (s, "%d年%d月%d日\n", g_date_time_get_year (now), g_date_time_get_month (now),
                          g_date_time_get_day_of_month (now));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* ---- PDF ---- */

typedef struct
{
  cairo_t *cr;
  double   x, y, width, height;  /* the type area */
  double   pitch;                /* one of 22 lines */
  guint    line;                 /* next line on the page */
  guint    page;
  NbPageLayout *layout;          /* the report's page: its faces */
} Pager;

static void
draw_folio (Pager *p)
{
  g_autofree char *text = g_strdup_printf ("— %u —", p->page);
  PangoLayout *layout = nb_page_layout_new_text (p->layout, NB_FONT_SONG, FOLIO_SIZE, text, -1);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  /* Odd pages right, even pages left, 7 mm under the type area (GB/T 9704). */
  cairo_move_to (p->cr, p->page % 2 ? p->x + p->width - w / (double) PANGO_SCALE - 14 : p->x + 14,
                 p->y + p->height + 7 * 72 / 25.4);
  pango_cairo_show_layout (p->cr, layout);
  g_object_unref (layout);
}

static void
next_page (Pager *p)
{
  draw_folio (p);
  cairo_show_page (p->cr);
  p->page++;
  p->line = 0;
}

/* Lays out one paragraph: @indent the first line by two characters, @center,
 * or @right (sign-off and date). */
static void
draw_paragraph (Pager          *p,
                const char     *text,
                NbFontRole      role,
                double          size,
                gboolean        indent,
                PangoAlignment  align,
                guint           lines_per_line)
{
  PangoLayout *layout = nb_page_layout_new_text (p->layout, role, size, text, p->width);
  PangoLayoutIter *iter;

  pango_layout_set_alignment (layout, align);
  if (indent)
    pango_layout_set_indent (layout, (int) (2 * size * PANGO_SCALE));

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      double baseline;

      if (p->line + lines_per_line > LINES_PER_PAGE)
        next_page (p);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      /* The baseline sits 0.8 of the way down its line box. */
      baseline = p->y + p->pitch * (p->line + lines_per_line * 0.8);
      cairo_move_to (p->cr, p->x + logical.x / (double) PANGO_SCALE, baseline);
      pango_cairo_show_layout_line (p->cr, line);
      p->line += lines_per_line;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  g_object_unref (layout);
}

/* A title too long for a line breaks after the agency and year (关于温县
 *交通运输局2020年 / 政府信息公开工作年度报告的反馈意见), as the report's
 * own title does, not wherever the width runs out. */
static char *
break_title (Pager      *p,
             const char *title)
{
  g_autoptr(PangoLayout) plain = nb_page_layout_new_text (p->layout, NB_FONT_TITLE, TITLE_SIZE, title, p->width);
  g_autoptr(GRegex) year = g_regex_new ("^(.*?[0-9]{4}年)(.+)$", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *head = NULL, *tail = NULL, *broken = NULL;
  g_autoptr(PangoLayout) two = NULL;

  if (pango_layout_get_line_count (plain) <= 1 || !g_regex_match (year, title, 0, &match))
    return g_strdup (title);
  head = g_match_info_fetch (match, 1);
  tail = g_match_info_fetch (match, 2);
  broken = g_strconcat (head, "\n", tail, NULL);
  two = nb_page_layout_new_text (p->layout, NB_FONT_TITLE, TITLE_SIZE, broken, p->width);
  /* A part that still wraps: the width decides after all. */
  return pango_layout_get_line_count (two) == 2 ? g_steal_pointer (&broken) : g_strdup (title);
}

/* The letter's pages, in the report's type area (NbPageLayout's). */
static void
draw_feedback (cairo_t         *cr,
               cairo_surface_t *surface,
               gpointer         user_data)
{
  const char *text = user_data;
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(NbReport) blank = nb_report_new (nb_format_get ("2021", NULL), 2024, "");
  g_autoptr(NbPageLayout) layout = nb_page_layout_new (blank);
  Pager p = { 0 };
  guint n = g_strv_length (lines);

  nb_page_layout_paginate (layout, NULL, NB_PAGE_A4_WIDTH, NB_PAGE_A4_HEIGHT);
  nb_page_layout_get_type_area (layout, &p.x, &p.y, &p.width, &p.height);
  p.pitch = p.height / LINES_PER_PAGE;
  p.page = 1;
  p.layout = layout;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, lines[0]);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "nianbao " PACKAGE_VERSION);
  p.cr = cr;
  cairo_set_source_rgb (p.cr, 0, 0, 0);

  /* Trailing empty lines are no paragraphs. */
  while (n > 0 && !*lines[n - 1])
    n--;
  for (guint i = 0; i < n; i++)
    {
      const char *line = lines[i];
      gboolean is_from = i + 2 >= n;   /* the office and the date */

      if (i == 0)
        {
          g_autofree char *title = break_title (&p, line);

          draw_paragraph (&p, title, NB_FONT_TITLE, TITLE_SIZE, FALSE, PANGO_ALIGN_CENTER, 1);
          p.line++;   /* a blank line under the title */
        }
      else if (!*line)
        p.line++;
      else if (i == 1)
        draw_paragraph (&p, line, NB_FONT_FANGSONG, BODY_SIZE, FALSE, PANGO_ALIGN_LEFT, 1);
      else if (is_from)
        draw_paragraph (&p, line, NB_FONT_FANGSONG, BODY_SIZE, FALSE, PANGO_ALIGN_RIGHT, 1);
      else
        draw_paragraph (&p, line, NB_FONT_FANGSONG, BODY_SIZE, TRUE, PANGO_ALIGN_LEFT, 1);
    }
  draw_folio (&p);
  cairo_show_page (p.cr);
}

gboolean
nb_feedback_write_pdf (const char  *text,
                       const char  *path,
                       GError     **error)
{
  /* Written as the report's PDF is: through GIO (UTF-8 paths on Windows
   * too), read back whole before it replaces @path. */
  return nb_pdf_write_pages (path, draw_feedback, (gpointer) text, NB_SAFE_WRITE_NONE, error);
}

gboolean
nb_feedback_write_all (NbAggregate        *agg,
                       const char         *folder,
                       const char         *from,
                       GCancellable       *cancellable,
                       NbFeedbackProgress  progress,
                       gpointer            user_data,
                       guint              *n_written,
                       GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *native = g_filename_from_utf8 (folder, -1, NULL, NULL, NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (native ? native : folder);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = nb_aggregate_get_n_entries (agg);

  if (!g_file_make_directory_with_parents (dir, cancellable, &local_error)
      && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_set_error (error, NB_ERROR, NB_ERROR_EXPORT, _("Cannot create the folder “%s”: %s"),
                   folder, local_error->message);
      return FALSE;
    }
  g_clear_error (&local_error);
  *n_written = 0;
  for (guint i = 0; i < n; i++)
    {
      const NbAggregateEntry *e = nb_aggregate_get_entry (agg, i);
      g_autofree char *text = nb_feedback_text (agg, e, from);
      g_autofree char *stem = NULL, *base = NULL, *txt = NULL, *pdf = NULL, *txt_native = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress)
        progress (i, n, user_data);
      if (!text)
        continue;
      base = nb_feedback_file_stem (e);
      stem = g_strdup (base);
      /* The same agency twice: each file its own feedback. */
      for (guint k = 2; g_hash_table_contains (used, stem); k++)
        {
          g_free (stem);
          stem = g_strdup_printf ("%s-%u", base, k);
        }
      g_hash_table_add (used, g_strdup (stem));
      txt = g_strconcat (folder, G_DIR_SEPARATOR_S, stem, ".txt", NULL);
      pdf = g_strconcat (folder, G_DIR_SEPARATOR_S, stem, ".pdf", NULL);
      if (nb_aggregate_is_input (agg, NULL, txt) || nb_aggregate_is_input (agg, NULL, pdf))
        {
          g_set_error (error, NB_ERROR, NB_ERROR_EXPORT,
                       _("“%s” is one of the reports read: the feedback is not written over it"), txt);
          return FALSE;
        }
      txt_native = g_filename_from_utf8 (txt, -1, NULL, NULL, NULL);
      if (!txt_native || !g_file_set_contents (txt_native, text, -1, &local_error))
        {
          g_set_error (error, NB_ERROR, NB_ERROR_EXPORT, _("Could not write “%s”: %s"), txt,
                       local_error ? local_error->message : "");
          return FALSE;
        }
      if (!nb_feedback_write_pdf (text, pdf, error))
        return FALSE;
      (*n_written)++;
    }
  if (progress)
    progress (n, n, user_data);
  return TRUE;
}
