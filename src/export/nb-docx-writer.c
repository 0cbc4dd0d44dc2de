/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-docx-writer.c — the report as a WordprocessingML package
 *
 * libgsf's GsfOutfileOpenPkg over a GsfOutfileZip keeps the package's
 * bookkeeping ([Content_Types].xml and the _rels parts); each part is an
 * XML document made with xmlTextWriter. Measures are twentieths of a
 * point (twips) and font sizes half-points, as WordprocessingML has them.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gsf/gsf.h>
#include <libxml/xmlwriter.h>

#include "nb-document.h"
#include "nb-docx-writer.h"
#include "nb-error.h"

#define NS_W   "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R   "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define REL    NS_R "/"
#define CT     "application/vnd.openxmlformats-officedocument.wordprocessingml."

/* GB/T 9704: A4, margins 37/28/26/35 mm, 22 lines of 28 characters. */
#define TWIPS_PER_MM   (1440.0 / 25.4)
#define PAGE_W         11906
#define PAGE_H         16838
#define MARGIN_TOP     ((int) (37 * TWIPS_PER_MM + 0.5))
#define MARGIN_LEFT    ((int) (28 * TWIPS_PER_MM + 0.5))
#define MARGIN_RIGHT   ((int) (26 * TWIPS_PER_MM + 0.5))
#define MARGIN_BOTTOM  ((int) (35 * TWIPS_PER_MM + 0.5))
#define TYPE_WIDTH     (PAGE_W - MARGIN_LEFT - MARGIN_RIGHT)
/* 225 mm / 22 lines. */
#define LINE_PITCH     ((int) (225 * TWIPS_PER_MM / 22))
/* 156 mm / 28 characters is 15.79 pt a character for 16 pt type. */
#define CHAR_SPACING   "-4"
/* The page number's dashes 7 mm below the type area: its line's foot
 * about 35 − 7 − 5 mm above the page's edge. */
#define FOOTER_FROM_EDGE ((int) (23 * TWIPS_PER_MM))

#define SIZE_BODY   "32"   /* 3号, half-points */
#define SIZE_TITLE  "44"   /* 2号 */
#define SIZE_FOLIO  "28"   /* 4号 */
#define SIZE_TABLE  21     /* 5号 */
#define SIZE_WIDE   18     /* 小五, the 15-column table */

typedef xmlTextWriterPtr W;

/* libgsf 1.14 declares no cleanups of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfOutput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfOutfile, g_object_unref)

/* XML helpers -------------------------------------------------------------- */

static W
part_begin (xmlBufferPtr *buffer)
{
  W w;

  *buffer = xmlBufferCreate ();
  w = xmlNewTextWriterMemory (*buffer, 0);
  xmlTextWriterStartDocument (w, NULL, "UTF-8", "yes");
  return w;
}

/* Finishes the part and writes it into @part, which it closes. */
static gboolean
part_end (W             w,
          xmlBufferPtr  buffer,
          GsfOutput    *part)
{
  gboolean ok;

  xmlTextWriterEndDocument (w);
  xmlFreeTextWriter (w);
  ok = gsf_output_write (part, xmlBufferLength (buffer), xmlBufferContent (buffer));
  xmlBufferFree (buffer);
  return gsf_output_close (part) && ok;
}

static void
start (W           w,
       const char *name)
{
  xmlTextWriterStartElement (w, BAD_CAST name);
}

static void
end (W w)
{
  xmlTextWriterEndElement (w);
}

static void
attr (W           w,
      const char *name,
      const char *value)
{
  xmlTextWriterWriteAttribute (w, BAD_CAST name, BAD_CAST value);
}

static void
attr_int (W           w,
          const char *name,
          int         value)
{
  xmlTextWriterWriteFormatAttribute (w, BAD_CAST name, "%d", value);
}

/* <name w:val="value"/> */
static void
val (W           w,
     const char *name,
     const char *value)
{
  start (w, name);
  attr (w, "w:val", value);
  end (w);
}

static void
empty (W           w,
       const char *name)
{
  start (w, name);
  end (w);
}

static void
fonts (W           w,
       const char *family)
{
  start (w, "w:rFonts");
  attr (w, "w:ascii", family);
  attr (w, "w:hAnsi", family);
  attr (w, "w:eastAsia", family);
  attr (w, "w:cs", family);
  end (w);
}

/* The face Word is asked for: the first (Windows) name of the role. */
static const char *
face (NbFontRole role)
{
  return nb_document_get_faces (role)[0].family;
}

/* Another name of the same face, for a Word that knows it by that. */
static const char *
alt_face (NbFontRole role)
{
  const NbFace *faces = nb_document_get_faces (role);

  return faces[1].family != NULL ? faces[1].family : NULL;
}

/* A run of @len bytes of @text (-1: all) in character style @style and,
 * when @half_points is not 0, at that size. */
static void
run_sized (W           w,
           const char *style,
           int         half_points,
           const char *text,
           gssize      len)
{
  g_autofree char *part = len < 0 ? g_strdup (text) : g_strndup (text, len);

  start (w, "w:r");
  if (style != NULL || half_points != 0)
    {
      start (w, "w:rPr");
      if (style != NULL)
        val (w, "w:rStyle", style);
      if (half_points != 0)
        {
          char sz[12];

          g_snprintf (sz, sizeof sz, "%d", half_points);
          val (w, "w:sz", sz);
          val (w, "w:szCs", sz);
        }
      end (w);
    }
  start (w, "w:t");
  attr (w, "xml:space", "preserve");
  xmlTextWriterWriteString (w, BAD_CAST part);
  end (w);
  end (w);
}

static void
run (W           w,
     const char *style,
     const char *text,
     gssize      len)
{
  run_sized (w, style, 0, text, len);
}

static void
paragraph_start (W           w,
                 const char *style)
{
  start (w, "w:p");
  if (style != NULL)
    {
      start (w, "w:pPr");
      val (w, "w:pStyle", style);
      end (w);
    }
}

/* Parts -------------------------------------------------------------------- */

/* A paragraph style with its font, size and paragraph properties. */
static void
style_begin (W           w,
             const char *type,
             const char *id,
             const char *name,
             gboolean    is_default)
{
  start (w, "w:style");
  attr (w, "w:type", type);
  attr (w, "w:styleId", id);
  if (is_default)
    attr (w, "w:default", "1");
  val (w, "w:name", name);
  if (!is_default && g_str_equal (type, "paragraph"))
    val (w, "w:basedOn", "Normal");
}

static void
line_spacing (W   w,
              int twips)
{
  start (w, "w:spacing");
  attr (w, "w:before", "0");
  attr (w, "w:after", "0");
  attr_int (w, "w:line", twips);
  attr (w, "w:lineRule", "exact");
  end (w);
}

static void
no_indent (W w)
{
  start (w, "w:ind");
  attr (w, "w:firstLineChars", "0");
  attr (w, "w:firstLine", "0");
  end (w);
}

/* A centred paragraph style off the body's grid: the title, table text,
 * page numbers. @line in twips, "exact" or "auto" (240 = single). */
static void
centred_style (W           w,
               const char *id,
               const char *name,
               NbFontRole  role,
               const char *size,
               int         after,
               int         line,
               const char *rule)
{
  style_begin (w, "paragraph", id, name, FALSE);
  start (w, "w:pPr");
  val (w, "w:snapToGrid", "0");
  start (w, "w:spacing");
  attr (w, "w:before", "0");
  attr_int (w, "w:after", after);
  attr_int (w, "w:line", line);
  attr (w, "w:lineRule", rule);
  end (w);
  no_indent (w);
  val (w, "w:jc", "center");
  end (w);
  start (w, "w:rPr");
  fonts (w, face (role));
  val (w, "w:spacing", "0");
  val (w, "w:sz", size);
  val (w, "w:szCs", size);
  end (w);
  end (w);
}

static void
write_styles (W w)
{
  start (w, "w:styles");
  attr (w, "xmlns:w", NS_W);

  start (w, "w:docDefaults");
  start (w, "w:rPrDefault");
  start (w, "w:rPr");
  fonts (w, face (NB_FONT_FANGSONG));
  val (w, "w:sz", SIZE_BODY);
  val (w, "w:szCs", SIZE_BODY);
  start (w, "w:lang");
  attr (w, "w:val", "zh-CN");
  attr (w, "w:eastAsia", "zh-CN");
  end (w);
  end (w);
  end (w);
  start (w, "w:pPrDefault");
  start (w, "w:pPr");
  /* (Children of pPr in the schema's order: Word refuses others.)
   * Punctuation stays inside the type area; no extra space between Han
   * characters and digits, as in the PDF. */
  val (w, "w:overflowPunct", "0");
  val (w, "w:autoSpaceDE", "0");
  val (w, "w:autoSpaceDN", "0");
  line_spacing (w, LINE_PITCH);
  end (w);
  end (w);
  end (w);

  /* Body: 2 characters' first-line indent, justified, 28 a line. */
  style_begin (w, "paragraph", "Normal", "Normal", TRUE);
  start (w, "w:pPr");
  start (w, "w:ind");
  attr (w, "w:firstLineChars", "200");
  attr (w, "w:firstLine", "640");
  end (w);
  val (w, "w:jc", "both");
  end (w);
  start (w, "w:rPr");
  val (w, "w:spacing", CHAR_SPACING);
  end (w);
  end (w);

  /* 2号 on 1.5 lines of itself, then a blank body line. */
  centred_style (w, "Title", "Title", NB_FONT_TITLE, SIZE_TITLE, LINE_PITCH, 660, "exact");

  /* Heading levels: 黑体, 楷体, 仿宋 bold, kept with what follows. */
  {
    static const struct { const char *id, *name; NbFontRole role; gboolean bold; const char *level; } headings[] = {
      { "Heading1", "heading 1", NB_FONT_HEI, FALSE, "0" },
      { "Heading2", "heading 2", NB_FONT_KAI, FALSE, "1" },
      { "Heading3", "heading 3", NB_FONT_FANGSONG, TRUE, "2" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
      {
        style_begin (w, "paragraph", headings[i].id, headings[i].name, FALSE);
        val (w, "w:next", "Normal");
        start (w, "w:pPr");
        empty (w, "w:keepNext");
        val (w, "w:outlineLvl", headings[i].level);
        end (w);
        start (w, "w:rPr");
        fonts (w, face (headings[i].role));
        if (headings[i].bold)
          empty (w, "w:b");
        end (w);
        end (w);
      }
  }

  /* The lead of a paragraph that opens with its subheading. */
  style_begin (w, "character", "Lead2", "Lead 2", FALSE);
  start (w, "w:rPr");
  fonts (w, face (NB_FONT_KAI));
  end (w);
  end (w);
  style_begin (w, "character", "Lead3", "Lead 3", FALSE);
  start (w, "w:rPr");
  empty (w, "w:b");
  end (w);
  end (w);

  style_begin (w, "paragraph", "Signoff", "Sign-off", FALSE);
  start (w, "w:pPr");
  no_indent (w);
  val (w, "w:jc", "right");
  end (w);
  end (w);

  /* Table text and page numbers: centred, single-spaced in their own
   * line height rather than the body's grid. */
  centred_style (w, "TableText", "Table Text", NB_FONT_SONG, "21", 0, 240, "auto");
  centred_style (w, "Footer", "footer", NB_FONT_SONG, SIZE_FOLIO, 0, 240, "auto");

  start (w, "w:style");
  attr (w, "w:type", "table");
  attr (w, "w:default", "1");
  attr (w, "w:styleId", "TableNormal");
  val (w, "w:name", "Normal Table");
  end (w);

  end (w);
}

static void
write_settings (W w)
{
  start (w, "w:settings");
  attr (w, "xmlns:w", NS_W);
  start (w, "w:zoom");
  attr (w, "w:percent", "100");
  end (w);
  val (w, "w:defaultTabStop", "640");
  val (w, "w:characterSpacingControl", "compressPunctuation");
  start (w, "w:compat");
  start (w, "w:compatSetting");
  attr (w, "w:name", "compatibilityMode");
  attr (w, "w:uri", "http://schemas.microsoft.com/office/word");
  attr (w, "w:val", "15");
  end (w);
  end (w);
  end (w);
}

/* The faces by name, with the other name each is known by and the GB2312
 * character set, so Word on any system picks a Chinese face. */
static void
write_font_table (W w)
{
  start (w, "w:fonts");
  attr (w, "xmlns:w", NS_W);
  for (NbFontRole role = 0; role < NB_N_FONT_ROLES; role++)
    {
      start (w, "w:font");
      attr (w, "w:name", face (role));
      if (alt_face (role) != NULL)
        val (w, "w:altName", alt_face (role));
      val (w, "w:charset", "86");
      val (w, "w:family", role == NB_FONT_HEI ? "modern" : "roman");
      end (w);
    }
  end (w);
}

/* "— 1 —": the PAGE field between the dashes. */
static void
write_footer (W w)
{
  start (w, "w:ftr");
  attr (w, "xmlns:w", NS_W);
  attr (w, "xmlns:r", NS_R);
  paragraph_start (w, "Footer");
  run (w, NULL, "— ", -1);
  start (w, "w:fldSimple");
  attr (w, "w:instr", " PAGE ");
  run (w, NULL, "1", -1);
  end (w);
  run (w, NULL, " —", -1);
  end (w);
  end (w);
}

static void
write_core_properties (W           w,
                       NbDocument *document)
{
  NbReport *report = nb_document_get_report (document);
  const char *agency = nb_report_get_agency (report);

  start (w, "cp:coreProperties");
  attr (w, "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
  attr (w, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
  start (w, "dc:title");
  xmlTextWriterWriteString (w, BAD_CAST nb_document_get_block (document, 0)->text);
  end (w);
  start (w, "dc:creator");
  xmlTextWriterWriteString (w, BAD_CAST (agency != NULL ? agency : ""));
  end (w);
  start (w, "cp:keywords");
  xmlTextWriterWriteString (w, BAD_CAST nb_format_get_document_texts (nb_report_get_format (report))->keywords);
  end (w);
  end (w);
}

/* The document ------------------------------------------------------------- */

/* Characters of 1 em (CJK) or ½ em (others) in @text. */
static double
text_ems (const char *text)
{
  double ems = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      ems += g_unichar_iswide (c) || g_unichar_iswide_cjk (c) ? 1.0 : 0.55;
    }
  return ems;
}

static void
write_title (W              w,
             const NbBlock *block)
{
  g_auto(GStrv) lines = nb_document_dup_title_lines (block);
  /* Broken after the agency only when it does not fit on one line of 2号. */
  gboolean broken = block->break_at > 0 && text_ems (block->text) * 22 * 20 > TYPE_WIDTH;

  paragraph_start (w, "Title");
  if (broken)
    {
      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (i > 0)
            {
              start (w, "w:r");
              empty (w, "w:br");
              end (w);
            }
          run (w, NULL, lines[i], -1);
        }
    }
  else
    run (w, NULL, block->text, -1);
  end (w);
}

static void
write_paragraph (W              w,
                 const NbBlock *block)
{
  if (block->level > 0 && block->heading_only)
    {
      paragraph_start (w, block->level == 2 ? "Heading2" : "Heading3");
      run (w, NULL, block->text, -1);
      end (w);
      return;
    }
  paragraph_start (w, NULL);
  if (block->level > 0)
    {
      run (w, block->level == 2 ? "Lead2" : "Lead3", block->text, block->lead_len);
      if (block->text[block->lead_len] != '\0')
        run (w, NULL, block->text + block->lead_len, -1);
    }
  else
    run (w, NULL, block->text, -1);
  end (w);
}

static void
cell_borders (W w)
{
  static const char *const sides[] = { "w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV" };

  start (w, "w:tblBorders");
  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      start (w, sides[i]);
      attr (w, "w:val", "single");
      attr (w, "w:sz", "4");
      attr (w, "w:space", "0");
      attr (w, "w:color", "000000");
      end (w);
    }
  end (w);
}

static void
write_table (W              w,
             NbDocument    *document,
             const NbBlock *block)
{
  NbGrid *grid = block->grid;
  guint n_rows = nb_grid_get_n_rows (grid);
  guint n_columns = nb_grid_get_n_columns (grid);
  guint header_rows = MIN (nb_grid_get_header_rows (grid), n_rows);
  gboolean wide = nb_grid_is_wide (grid);
  int size = wide ? SIZE_WIDE : SIZE_TABLE;
  int margin = wide ? 28 : 57;   /* 0.5 / 1 mm each side */
  g_autofree int *widths = g_new0 (int, n_columns + 1);
  g_autoptr(GHashTable) wrapped = g_hash_table_new (NULL, NULL);
  double total = 0;

  for (guint c = 0; c < n_columns; c++)
    total += MAX (nb_grid_get_column_width (grid, c), 0.01);
  for (guint c = 0; c < n_columns; c++)
    widths[c] = (int) (TYPE_WIDTH * MAX (nb_grid_get_column_width (grid, c), 0.01) / total);

  /* As in the PDF: the labels of a column are left-aligned when one of
   * them needs more than a line, so a list of items reads as a list. */
  for (guint i = 0; i < nb_grid_get_n_cells (grid); i++)
    {
      const NbGridCell *cell = nb_grid_get_cell (grid, i);
      int width = -2 * margin;

      if (cell->role != NB_GRID_LABEL || cell->text == NULL)
        continue;
      for (guint c = cell->column; c < cell->column + cell->colspan && c < n_columns; c++)
        width += widths[c];
      if (text_ems (cell->text) * size * 10 > width)
        g_hash_table_add (wrapped, GUINT_TO_POINTER (cell->column * 1000 + cell->colspan));
    }

  start (w, "w:tbl");
  start (w, "w:tblPr");
  start (w, "w:tblW");
  attr_int (w, "w:w", TYPE_WIDTH);
  attr (w, "w:type", "dxa");
  end (w);
  val (w, "w:jc", "center");
  cell_borders (w);
  start (w, "w:tblLayout");
  attr (w, "w:type", "fixed");
  end (w);
  start (w, "w:tblCellMar");
  start (w, "w:left");
  attr_int (w, "w:w", margin);
  attr (w, "w:type", "dxa");
  end (w);
  start (w, "w:right");
  attr_int (w, "w:w", margin);
  attr (w, "w:type", "dxa");
  end (w);
  end (w);
  end (w);

  start (w, "w:tblGrid");
  for (guint c = 0; c < n_columns; c++)
    {
      start (w, "w:gridCol");
      attr_int (w, "w:w", widths[c]);
      end (w);
    }
  end (w);

  for (guint r = 0; r < n_rows; r++)
    {
      start (w, "w:tr");
      start (w, "w:trPr");
      /* No w:cantSplit: LibreOffice then drops the rows of a vertical merge
       * that, with the repeated header rows, is taller than a page. */
      /* At least 1.8 times the type, as the PDF's rows. */
      start (w, "w:trHeight");
      attr_int (w, "w:val", size * 18);
      attr (w, "w:hRule", "atLeast");
      end (w);
      if (r < header_rows)
        empty (w, "w:tblHeader");
      end (w);

      for (guint c = 0; c < n_columns;)
        {
          const NbGridCell *cell = nb_grid_cell_at (grid, r, c);
          guint span = cell != NULL ? cell->colspan : 1;
          int width = 0;
          g_autofree char *text = NULL;

          if (cell != NULL && cell->column != c)
            {
              /* Inside a span begun to the left: cannot happen for a
               * well-formed grid, whose spans are rectangles. */
              c++;
              continue;
            }
          for (guint k = c; k < c + span && k < n_columns; k++)
            width += widths[k];

          start (w, "w:tc");
          start (w, "w:tcPr");
          start (w, "w:tcW");
          attr_int (w, "w:w", width);
          attr (w, "w:type", "dxa");
          end (w);
          if (span > 1)
            {
              start (w, "w:gridSpan");
              attr_int (w, "w:val", span);
              end (w);
            }
          /* A cell merged down: "restart" where it begins, an empty
           * continuation below. */
          if (cell != NULL && cell->rowspan > 1)
            {
              if (cell->row == r)
                val (w, "w:vMerge", "restart");
              else
                empty (w, "w:vMerge");
            }
          val (w, "w:vAlign", "center");
          end (w);

          start (w, "w:p");
          start (w, "w:pPr");
          val (w, "w:pStyle", "TableText");
          if (cell != NULL && cell->role == NB_GRID_LABEL
              && g_hash_table_contains (wrapped, GUINT_TO_POINTER (cell->column * 1000 + cell->colspan)))
            val (w, "w:jc", "left");
          end (w);
          if (cell != NULL && cell->row == r && cell->role != NB_GRID_EMPTY)
            text = nb_document_dup_cell_text (document, cell);
          if (text != NULL && *text != '\0')
            run_sized (w, NULL, size != SIZE_TABLE ? size : 0, text, -1);
          end (w);   /* p */
          end (w);   /* tc */
          c += span;
        }
      end (w);   /* tr */
    }
  end (w);   /* tbl */

  /* Some air below the table, as in the PDF (and Word wants a paragraph
   * after a table anyway). */
  paragraph_start (w, NULL);
  end (w);
}

static void
write_signoff (W              w,
               const NbBlock *block)
{
  /* A blank line, then the agency and the date. */
  paragraph_start (w, "Signoff");
  end (w);
  if (*block->text != '\0')
    {
      paragraph_start (w, "Signoff");
      run (w, NULL, block->text, -1);
      end (w);
    }
  if (block->date != NULL)
    {
      paragraph_start (w, "Signoff");
      run (w, NULL, block->date, -1);
      end (w);
    }
}

static void
write_section_properties (W           w,
                          const char *footer_id)
{
  start (w, "w:sectPr");
  start (w, "w:footerReference");
  attr (w, "w:type", "default");
  attr (w, "r:id", footer_id);
  end (w);
  start (w, "w:pgSz");
  attr_int (w, "w:w", PAGE_W);
  attr_int (w, "w:h", PAGE_H);
  end (w);
  start (w, "w:pgMar");
  attr_int (w, "w:top", MARGIN_TOP);
  attr_int (w, "w:right", MARGIN_RIGHT);
  attr_int (w, "w:bottom", MARGIN_BOTTOM);
  attr_int (w, "w:left", MARGIN_LEFT);
  attr (w, "w:header", "851");
  attr_int (w, "w:footer", FOOTER_FROM_EDGE);
  attr (w, "w:gutter", "0");
  end (w);
  /* The text grid: 22 lines a page. */
  start (w, "w:docGrid");
  attr (w, "w:type", "lines");
  attr_int (w, "w:linePitch", LINE_PITCH);
  end (w);
  end (w);
}

static void
write_document (W           w,
                NbDocument *document,
                const char *footer_id)
{
  start (w, "w:document");
  attr (w, "xmlns:w", NS_W);
  attr (w, "xmlns:r", NS_R);
  start (w, "w:body");
  for (guint i = 0; i < nb_document_get_n_blocks (document); i++)
    {
      const NbBlock *block = nb_document_get_block (document, i);

      switch (block->kind)
        {
        case NB_BLOCK_TITLE:
          write_title (w, block);
          break;
        case NB_BLOCK_HEADING:
          paragraph_start (w, "Heading1");
          run (w, NULL, block->text, -1);
          end (w);
          break;
        case NB_BLOCK_PARAGRAPH:
          write_paragraph (w, block);
          break;
        case NB_BLOCK_TABLE:
          write_table (w, document, block);
          break;
        case NB_BLOCK_SIGNOFF:
          write_signoff (w, block);
          break;
        case NB_BLOCK_FIELD:   /* the workbook's, not printed */
        default:
          break;
        }
    }
  write_section_properties (w, footer_id);
  end (w);
  end (w);
}

/* The package -------------------------------------------------------------- */

GBytes *
nb_docx_render (NbReport  *report,
                GError   **error)
{
  g_autoptr(NbDocument) document = NULL;
  g_autoptr(GsfOutput) memory = NULL;
  g_autoptr(GsfOutfile) zip = NULL;
  g_autoptr(GsfOutfile) root = NULL;
  g_autoptr(GsfOutfile) word = NULL;
  g_autoptr(GsfOutfile) props = NULL;
  g_autoptr(GsfOutput) main_part = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *footer_id;
  gboolean ok = TRUE;
  xmlBufferPtr buffer;
  W w;

  g_return_val_if_fail (NB_IS_REPORT (report), NULL);

  document = nb_document_new (report);
  memory = gsf_output_memory_new ();
  zip = gsf_outfile_zip_new (memory, &local_error);
  if (zip == NULL)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_EXPORT, _("Could not make the Word file: %s"),
                   local_error != NULL ? local_error->message : "zip");
      return NULL;
    }
  root = gsf_outfile_open_pkg_new (zip);
  word = GSF_OUTFILE (gsf_outfile_new_child (root, "word", TRUE));
  main_part = gsf_outfile_open_pkg_add_rel (word, "document.xml", CT "document.main+xml",
                                            root, REL "officeDocument");

  {
    static const struct { const char *name, *type, *rel; void (*write) (W); } parts[] = {
      { "styles.xml", CT "styles+xml", REL "styles", write_styles },
      { "settings.xml", CT "settings+xml", REL "settings", write_settings },
      { "fontTable.xml", CT "fontTable+xml", REL "fontTable", write_font_table },
    };

    for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
      {
        g_autoptr(GsfOutput) part = gsf_outfile_open_pkg_add_rel (word, parts[i].name, parts[i].type,
                                                                  GSF_OUTFILE (main_part), parts[i].rel);

        w = part_begin (&buffer);
        parts[i].write (w);
        ok &= part_end (w, buffer, part);
      }
  }

  {
    g_autoptr(GsfOutput) footer = gsf_outfile_new_child_full (word, "footer1.xml", FALSE,
                                                              "content-type", CT "footer+xml", NULL);

    footer_id = gsf_outfile_open_pkg_relate (GSF_OUTFILE_OPEN_PKG (footer), GSF_OUTFILE_OPEN_PKG (main_part),
                                             REL "footer");
    w = part_begin (&buffer);
    write_footer (w);
    ok &= part_end (w, buffer, footer);
  }

  w = part_begin (&buffer);
  write_document (w, document, footer_id);
  ok &= part_end (w, buffer, main_part);
  ok &= gsf_output_close (GSF_OUTPUT (word));

  props = GSF_OUTFILE (gsf_outfile_new_child (root, "docProps", TRUE));
  {
    g_autoptr(GsfOutput) core = gsf_outfile_open_pkg_add_rel (props, "core.xml",
                                                              "application/vnd.openxmlformats-package.core-properties+xml",
                                                              root,
                                                              "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties");

    w = part_begin (&buffer);
    write_core_properties (w, document);
    ok &= part_end (w, buffer, core);
  }
  ok &= gsf_output_close (GSF_OUTPUT (props));
  /* Writes the relationships and [Content_Types].xml, closes the zip. */
  ok &= gsf_output_close (GSF_OUTPUT (root));
  if (!gsf_output_is_closed (GSF_OUTPUT (zip)))
    ok &= gsf_output_close (GSF_OUTPUT (zip));

  if (!ok || gsf_output_error (memory) != NULL)
    {
      const GError *err = gsf_output_error (memory);

      g_set_error (error, NB_ERROR, NB_ERROR_EXPORT, _("Could not make the Word file: %s"),
                   err != NULL ? err->message : _("the package could not be written"));
      return NULL;
    }
  return g_bytes_new (gsf_output_memory_get_bytes (GSF_OUTPUT_MEMORY (memory)),
                      gsf_output_size (memory));
}
