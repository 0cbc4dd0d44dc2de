/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-document.c — the printed report as one document, before any renderer */
#include "config.h"

#include <string.h>

#include "nb-document.h"
#include "nb-number.h"
#include "nb-sentence.h"

/* The title face 方正小标宋 is heavy by itself; only the plain 宋体
 * substitutes are set bold. */
static const NbFace title_faces[] = {
  { "方正小标宋简体", FALSE },
  { "方正小标宋_GBK", FALSE },
  { "FZXiaoBiaoSong-B05S", FALSE },
  { "华文中宋", FALSE },
  { "STZhongsong", FALSE },
  { "宋体", TRUE },
  { "SimSun", TRUE },
  { "Noto Serif CJK SC", TRUE },
  { "AR PL UMing CN", TRUE },
  { NULL, FALSE }
};
static const NbFace hei_faces[] = {
  { "黑体", FALSE },
  { "SimHei", FALSE },
  { "Noto Sans CJK SC", FALSE },
  { NULL, FALSE }
};
static const NbFace kai_faces[] = {
  { "楷体", FALSE },
  { "KaiTi", FALSE },
  { "楷体_GB2312", FALSE },
  { "KaiTi_GB2312", FALSE },
  { "AR PL UKai CN", FALSE },
  { NULL, FALSE }
};
static const NbFace fangsong_faces[] = {
  { "仿宋", FALSE },
  { "FangSong", FALSE },
  { "仿宋_GB2312", FALSE },
  { "FangSong_GB2312", FALSE },
  { "Noto Serif CJK SC", FALSE },
  { NULL, FALSE }
};
static const NbFace song_faces[] = {
  { "宋体", FALSE },
  { "SimSun", FALSE },
  { "Noto Serif CJK SC", FALSE },
  { "AR PL UMing CN", FALSE },
  { NULL, FALSE }
};

const NbFace *
nb_document_get_faces (NbFontRole role)
{
  static const NbFace *const faces[NB_N_FONT_ROLES] = {
    title_faces, hei_faces, kai_faces, fangsong_faces, song_faces,
  };

  g_return_val_if_fail (role < NB_N_FONT_ROLES, song_faces);
  return faces[role];
}

struct _NbDocument
{
  GObject     parent_instance;

  NbReport   *report;
  GArray     *blocks;    /* NbBlock */
  GPtrArray  *strings;   /* what the blocks' texts point into */
};

G_DEFINE_FINAL_TYPE (NbDocument, nb_document, G_TYPE_OBJECT)

static void
nb_document_finalize (GObject *object)
{
  NbDocument *self = NB_DOCUMENT (object);

  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->strings, g_ptr_array_unref);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (nb_document_parent_class)->finalize (object);
}

static void
nb_document_class_init (NbDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nb_document_finalize;
}

static void
nb_document_init (NbDocument *self)
{
  self->blocks = g_array_new (FALSE, TRUE, sizeof (NbBlock));
  self->strings = g_ptr_array_new_with_free_func (g_free);
}

static const char *
keep (NbDocument *self,
      char       *string)
{
  g_ptr_array_add (self->strings, string);
  return string;
}

static NbBlock *
add_block (NbDocument         *self,
           NbBlockKind         kind,
           const NbSectionDef *section)
{
  NbBlock block = { 0, };

  block.kind = kind;
  block.section = section;
  g_array_append_val (self->blocks, block);
  return &g_array_index (self->blocks, NbBlock, self->blocks->len - 1);
}

/* Title --------------------------------------------------------------- */

char **
nb_document_dup_title_lines (const NbBlock *title)
{
  char **lines;

  g_return_val_if_fail (title != NULL && title->kind == NB_BLOCK_TITLE, NULL);

  if (title->break_at == 0)
    {
      lines = g_new0 (char *, 2);
      lines[0] = g_strdup (title->text);
      return lines;
    }
  lines = g_new0 (char *, 3);
  lines[0] = g_strndup (title->text, title->break_at);
  lines[1] = g_strdup (title->text + title->break_at);
  return lines;
}

/* Paragraphs ------------------------------------------------------------ */

/* "（一）…" / "(一)…" → 2; "1.…" / "1．…" / "1、…" → 3; else 0. */
static guint
paragraph_level (const char *line)
{
  static const char numerals[] = "一二三四五六七八九十";
  const char *p;

  if (g_str_has_prefix (line, "（") || g_str_has_prefix (line, "("))
    {
      guint n = 0;

      p = line + (line[0] == '(' ? 1 : strlen ("（"));
      while (*p != '\0')
        {
          gunichar c = g_utf8_get_char (p);
          char buf[8] = { 0, };

          g_unichar_to_utf8 (c, buf);
          if (c < 0x80 || strstr (numerals, buf) == NULL)
            break;
          n++;
          p = g_utf8_next_char (p);
        }
      return n > 0 && (g_str_has_prefix (p, "）") || *p == ')') ? 2 : 0;
    }

  p = line;
  while (g_unichar_isdigit (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (p != line && (*p == '.' || g_str_has_prefix (p, "．") || g_str_has_prefix (p, "、")))
    return 3;
  return 0;
}

static const char *
skip_leading_space (const char *text)
{
  while (*text != '\0')
    {
      gunichar c = g_utf8_get_char (text);

      if (!g_unichar_isspace (c) && c != 0x3000)
        break;
      text = g_utf8_next_char (text);
    }
  return text;
}

static void
add_paragraph (NbDocument         *self,
               const NbSectionDef *section,
               const char         *text,
               gboolean            generated)
{
  NbBlock *block = add_block (self, NB_BLOCK_PARAGRAPH, section);

  block->text = keep (self, g_strdup (text));
  block->generated = generated;
  block->level = generated ? 0 : paragraph_level (text);
  if (block->level > 0)
    {
      /* A subheading often runs on into its text in the same paragraph:
       * the heading is what comes up to the first full stop. */
      const char *stop = strstr (text, "。");

      if (stop != NULL && stop[strlen ("。")] != '\0')
        block->lead_len = stop + strlen ("。") - text;
      else
        {
          block->lead_len = strlen (text);
          block->heading_only = TRUE;
        }
    }
}

/* One paragraph a line; blank lines only separate. */
static void
add_text (NbDocument         *self,
          const NbSectionDef *section,
          const char         *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = (char *) skip_leading_space (lines[i]);

      g_strchomp (line);
      if (*line != '\0')
        add_paragraph (self, section, line, FALSE);
    }
}

/* The section's fields (2021: 信息处理费): the sentence made from them,
 * unless the text states it already; while they are incomplete, the
 * fields themselves. */
static void
add_fields (NbDocument         *self,
            const NbSectionDef *section,
            const char         *text)
{
  const NbDocumentTextsDef *texts = nb_format_get_document_texts (nb_report_get_format (self->report));
  g_autofree char *fees = NULL;

  if (section->fields == NULL || section->fields->len == 0)
    return;
  fees = nb_sentence_fees (self->report);
  if (fees != NULL)
    {
      if (strstr (text, fees) == NULL)
        add_paragraph (self, section, fees, TRUE);
      return;
    }
  for (guint f = 0; f < section->fields->len; f++)
    {
      const NbCellDef *field = g_ptr_array_index (section->fields, f);
      g_autofree char *value = nb_report_dup_field (self->report, field->key, NULL);
      NbBlock *block = add_block (self, NB_BLOCK_FIELD, section);

      if (value != NULL && *value != '\0')
        block->text = keep (self, nb_format_fill (texts->field, "label", field->label, "value", value,
                                                  "unit", field->unit, NULL));
      else
        block->text = keep (self, nb_format_fill (texts->field_blank, "label", field->label, NULL));
    }
}

static void
build (NbDocument *self)
{
  NbFormat *format = nb_report_get_format (self->report);
  const char *signoff;
  char *date;
  NbBlock *block;

  block = add_block (self, NB_BLOCK_TITLE, NULL);
  block->text = keep (self, nb_report_dup_title (self->report));
  block->break_at = nb_format_title_break (format, block->text);

  for (guint s = 0; s < nb_format_get_n_sections (format); s++)
    {
      const NbSectionDef *section = nb_format_get_section (format, s);

      block = add_block (self, NB_BLOCK_HEADING, section);
      block->level = 1;
      block->text = section->heading;

      if (section->kind == NB_SECTION_TABLE)
        {
          if (section->table != NULL && section->table->grid != NULL)
            {
              block = add_block (self, NB_BLOCK_TABLE, section);
              block->table = section->table;
              block->grid = section->table->grid;
            }
        }
      else
        {
          const char *text = nb_report_get_text (self->report, section->key);

          add_text (self, section, text);
          add_fields (self, section, text != NULL ? text : "");
        }
    }

  /* Signed by the agency unless the report names another signer; the
   * date ends the report. */
  signoff = nb_report_get_signoff (self->report);
  if (signoff == NULL || *signoff == '\0')
    signoff = nb_report_get_agency (self->report);
  if (signoff == NULL)
    signoff = "";
  date = nb_report_get_date (self->report) != NULL && *nb_report_get_date (self->report) != '\0'
           ? nb_format_dup_date (nb_report_get_format (self->report), nb_report_get_date (self->report)) : NULL;
  if (*signoff != '\0' || date != NULL)
    {
      block = add_block (self, NB_BLOCK_SIGNOFF, NULL);
      block->text = keep (self, g_strdup (signoff));
      block->date = date != NULL ? keep (self, date) : NULL;
    }
}

NbDocument *
nb_document_new (NbReport *report)
{
  NbDocument *self;

  g_return_val_if_fail (NB_IS_REPORT (report), NULL);

  self = g_object_new (NB_TYPE_DOCUMENT, NULL);
  self->report = g_object_ref (report);
  build (self);
  return self;
}

NbReport *
nb_document_get_report (NbDocument *self)
{
  g_return_val_if_fail (NB_IS_DOCUMENT (self), NULL);

  return self->report;
}

guint
nb_document_get_n_blocks (NbDocument *self)
{
  g_return_val_if_fail (NB_IS_DOCUMENT (self), 0);

  return self->blocks->len;
}

const NbBlock *
nb_document_get_block (NbDocument *self,
                       guint       i)
{
  g_return_val_if_fail (NB_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (i < self->blocks->len, NULL);

  return &g_array_index (self->blocks, NbBlock, i);
}

char *
nb_document_dup_cell_text (NbDocument       *self,
                           const NbGridCell *cell)
{
  g_return_val_if_fail (NB_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (cell != NULL, NULL);

  if (cell->role == NB_GRID_VALUE)
    {
      const NbNumber *value = nb_report_get_value_at (self->report, cell->cell->index);

      return value != NULL ? nb_number_to_string (value) : g_strdup ("");
    }
  return g_strdup (cell->text != NULL ? cell->text : "");
}
