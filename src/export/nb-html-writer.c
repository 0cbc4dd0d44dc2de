/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-html-writer.c — the report as a self-contained web page
 *
 * Written with libxml2's xmlTextWriter, so every text and attribute is
 * escaped by the library. HTML is not XML: elements that may hold content
 * are always closed with an end tag (xmlTextWriterFullEndElement), only
 * void elements (meta, br) are written empty.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libxml/xmlwriter.h>

#include "nb-document.h"
#include "nb-error.h"
#include "nb-html-writer.h"

typedef struct
{
  xmlTextWriterPtr  writer;
  NbDocument       *document;
} Html;

static void
start (Html       *h,
       const char *element)
{
  xmlTextWriterStartElement (h->writer, BAD_CAST element);
}

static void
attr (Html       *h,
      const char *name,
      const char *value)
{
  xmlTextWriterWriteAttribute (h->writer, BAD_CAST name, BAD_CAST value);
}

static void
text (Html       *h,
      const char *string)
{
  xmlTextWriterWriteString (h->writer, BAD_CAST string);
}

/* Content elements always get an end tag ("<td></td>", never "<td/>"). */
static void
end (Html *h)
{
  xmlTextWriterFullEndElement (h->writer);
}

/* A void element: "<br/>", which HTML5 reads as <br>. */
static void
line_break (Html *h)
{
  start (h, "br");
  xmlTextWriterEndElement (h->writer);
}

static void
newline (Html *h)
{
  xmlTextWriterWriteRaw (h->writer, BAD_CAST "\n");
}

static void
element (Html       *h,
         const char *name,
         const char *class,
         const char *content)
{
  start (h, name);
  if (class != NULL)
    attr (h, "class", class);
  text (h, content);
  end (h);
  newline (h);
}

/* Style ------------------------------------------------------------------- */

/* A CSS font-family list from the faces every renderer uses. */
static void
append_families (GString    *css,
                 NbFontRole  role,
                 const char *generic)
{
  const NbFace *faces = nb_document_get_faces (role);

  for (guint i = 0; faces[i].family != NULL; i++)
    g_string_append_printf (css, "\"%s\",", faces[i].family);
  g_string_append (css, generic);
}

/* On screen the page reads like a site's article (one column, at most
 * about 40 characters of text a line); printed it is the PDF's page
 * (docs/typesetting.md). No selector uses ">" so the sheet needs no
 * escaping. */
static char *
style_sheet (void)
{
  GString *css = g_string_new (NULL);

  g_string_append (css, "\n:root{color:#000;background:#fff}\n"
                        "body{margin:0;font-family:");
  append_families (css, NB_FONT_FANGSONG, "serif");
  g_string_append (css, ";font-size:1.125rem;line-height:1.8}\n"
                        "main{max-width:46em;margin:0 auto;padding:1.5em 1em 3em}\n"
                        "h1{font-family:");
  append_families (css, NB_FONT_TITLE, "serif");
  g_string_append (css, ";font-size:1.6em;font-weight:bold;line-height:1.5;text-align:center;margin:0 0 1.2em}\n"
                        "h2{font-family:");
  append_families (css, NB_FONT_HEI, "sans-serif");
  g_string_append (css, ";font-size:1em;font-weight:normal;margin:1.2em 0 .3em;text-indent:2em}\n"
                        "h3,.l2{font-family:");
  append_families (css, NB_FONT_KAI, "serif");
  g_string_append (css, ";font-size:1em;font-weight:normal}\n"
                        "h3,h4{margin:.3em 0;text-indent:2em}\n"
                        "h4,.l3{font-size:1em;font-weight:bold}\n"
                        "p{margin:0 0 .3em;text-indent:2em;text-align:justify}\n"
                        "p.signoff{text-indent:0;text-align:right;margin-top:2em}\n"
                        ".table{overflow-x:auto;margin:.5em 0 1em}\n"
                        "table{border-collapse:collapse;min-width:100%;font-family:");
  append_families (css, NB_FONT_SONG, "serif");
  g_string_append (css, ";font-size:.8rem;line-height:1.4}\n"
                        ".wide table{min-width:62em;font-size:.75rem}\n"
                        "th,td{border:1px solid #000;padding:.3em .4em;text-align:center;vertical-align:middle;font-weight:normal}\n"
                        "th[scope=row]{text-align:left}\n"
                        "@media screen and (max-width:40em){main{padding:1em .75em 2em}table{min-width:36em}}\n"
                        "@media print{\n"
                        "@page{size:A4;margin:37mm 26mm 35mm 28mm}\n"
                        "body{font-size:16pt;line-height:1.75}\n"
                        "main{max-width:none;padding:0}\n"
                        "h1{font-size:22pt}\n"
                        ".table{overflow:visible}\n"
                        "table,.wide table{min-width:0;width:100%;font-size:10.5pt}\n"
                        ".wide table{font-size:8pt}\n"
                        "thead{display:table-header-group}\n"
                        "tr{break-inside:avoid}\n"
                        "h2,h3,h4{break-after:avoid}\n"
                        "}\n");
  return g_string_free (css, FALSE);
}

/* Blocks ------------------------------------------------------------------ */

static void
write_title (Html          *h,
             const NbBlock *block)
{
  g_auto(GStrv) lines = nb_document_dup_title_lines (block);

  /* On a wide screen the title breaks where the PDF's does. */
  start (h, "h1");
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        {
          line_break (h);
        }
      text (h, lines[i]);
    }
  end (h);
  newline (h);
}

static void
write_paragraph (Html          *h,
                 const NbBlock *block)
{
  /* A subheading on its own line is a heading of the page's outline;
   * run on into its text, it is the paragraph's lead. */
  if (block->level > 0 && block->heading_only)
    {
      element (h, block->level == 2 ? "h3" : "h4", NULL, block->text);
      return;
    }
  start (h, "p");
  if (block->level > 0)
    {
      start (h, "span");
      attr (h, "class", block->level == 2 ? "l2" : "l3");
      /* Escaped as text () is. */
      xmlTextWriterWriteFormatString (h->writer, "%.*s", (int) block->lead_len, block->text);
      end (h);
      text (h, block->text + block->lead_len);
    }
  else
    text (h, block->text);
  end (h);
  newline (h);
}

static void
write_cell (Html             *h,
            const NbGridCell *cell,
            guint             header_rows)
{
  g_autofree char *content = nb_document_dup_cell_text (h->document, cell);
  gboolean is_th = cell->role == NB_GRID_HEADER || cell->role == NB_GRID_LABEL
                   || cell->role == NB_GRID_CAPTION;

  start (h, is_th ? "th" : "td");
  if (cell->colspan > 1)
    xmlTextWriterWriteFormatAttribute (h->writer, BAD_CAST "colspan", "%u", cell->colspan);
  if (cell->rowspan > 1)
    xmlTextWriterWriteFormatAttribute (h->writer, BAD_CAST "rowspan", "%u", cell->rowspan);
  switch (cell->role)
    {
    case NB_GRID_HEADER:
      attr (h, "scope", cell->colspan > 1 ? "colgroup" : "col");
      break;
    case NB_GRID_LABEL:
      attr (h, "scope", "row");
      break;
    case NB_GRID_CAPTION:
      /* A caption opens its own row group (see write_table). */
      attr (h, "scope", cell->row < header_rows ? "colgroup" : "rowgroup");
      break;
    default:
      break;
    }
  text (h, content);
  end (h);
}

static gboolean
row_opens_with_caption (NbGrid *grid,
                        guint   row)
{
  const NbGridCell *cell = nb_grid_cell_at (grid, row, 0);

  return cell != NULL && cell->row == row && cell->role == NB_GRID_CAPTION;
}

static void
write_table (Html          *h,
             const NbBlock *block)
{
  NbGrid *grid = block->grid;
  guint header_rows = MIN (nb_grid_get_header_rows (grid), nb_grid_get_n_rows (grid));
  guint n_cells = nb_grid_get_n_cells (grid);
  guint i = 0;
  gboolean open = FALSE;

  start (h, "div");
  attr (h, "class", nb_grid_is_wide (grid) ? "table wide" : "table");
  newline (h);
  start (h, "table");
  attr (h, "id", block->table->key);
  newline (h);
  for (guint r = 0; r < nb_grid_get_n_rows (grid); r++)
    {
      /* The header rows are the thead (repeated on printed pages); each
       * group caption ("第二十条第（一）项") opens a row group. */
      if (r == 0 || r == header_rows || (r > header_rows && row_opens_with_caption (grid, r)))
        {
          if (open)
            {
              end (h);
              newline (h);
            }
          start (h, r < header_rows ? "thead" : "tbody");
          newline (h);
          open = TRUE;
        }
      start (h, "tr");
      for (; i < n_cells && nb_grid_get_cell (grid, i)->row == r; i++)
        write_cell (h, nb_grid_get_cell (grid, i), header_rows);
      end (h);
      newline (h);
    }
  if (open)
    end (h);
  newline (h);
  end (h);     /* table */
  newline (h);
  end (h);     /* div */
  newline (h);
}

static void
write_signoff (Html          *h,
               const NbBlock *block)
{
  start (h, "p");
  attr (h, "class", "signoff");
  text (h, block->text);
  if (block->date != NULL)
    {
      if (*block->text != '\0')
        {
          line_break (h);
        }
      text (h, block->date);
    }
  end (h);
  newline (h);
}

GBytes *
nb_html_render (NbReport *report)
{
  g_autoptr(NbDocument) document = NULL;
  g_autofree char *css = style_sheet ();
  const NbBlock *title;
  xmlBufferPtr buffer;
  GBytes *bytes;
  Html h = { 0, };

  g_return_val_if_fail (NB_IS_REPORT (report), NULL);

  document = nb_document_new (report);
  title = nb_document_get_block (document, 0);
  buffer = xmlBufferCreate ();
  h.writer = xmlNewTextWriterMemory (buffer, 0);
  h.document = document;

  xmlTextWriterWriteRaw (h.writer, BAD_CAST "<!DOCTYPE html>\n");
  start (&h, "html");
  attr (&h, "lang", "zh-CN");
  newline (&h);
  start (&h, "head");
  newline (&h);
  start (&h, "meta");
  attr (&h, "charset", "utf-8");
  xmlTextWriterEndElement (h.writer);
  newline (&h);
  start (&h, "meta");
  attr (&h, "name", "viewport");
  attr (&h, "content", "width=device-width, initial-scale=1");
  xmlTextWriterEndElement (h.writer);
  newline (&h);
  start (&h, "meta");
  attr (&h, "name", "generator");
  attr (&h, "content", "nianbao " PACKAGE_VERSION);
  xmlTextWriterEndElement (h.writer);
  newline (&h);
  element (&h, "title", NULL, title->text);
  start (&h, "style");
  xmlTextWriterWriteRaw (h.writer, BAD_CAST css);
  end (&h);
  newline (&h);
  end (&h);   /* head */
  newline (&h);
  start (&h, "body");
  newline (&h);
  start (&h, "main");
  newline (&h);
  start (&h, "article");
  newline (&h);

  for (guint i = 0; i < nb_document_get_n_blocks (document); i++)
    {
      const NbBlock *block = nb_document_get_block (document, i);

      switch (block->kind)
        {
        case NB_BLOCK_TITLE:
          write_title (&h, block);
          break;
        case NB_BLOCK_HEADING:
          element (&h, "h2", NULL, block->text);
          break;
        case NB_BLOCK_PARAGRAPH:
          write_paragraph (&h, block);
          break;
        case NB_BLOCK_TABLE:
          write_table (&h, block);
          break;
        case NB_BLOCK_SIGNOFF:
          write_signoff (&h, block);
          break;
        case NB_BLOCK_FIELD:   /* the workbook's, not printed */
        default:
          break;
        }
    }

  end (&h);   /* article */
  newline (&h);
  end (&h);   /* main */
  newline (&h);
  end (&h);   /* body */
  newline (&h);
  end (&h);   /* html */
  newline (&h);
  xmlFreeTextWriter (h.writer);

  bytes = g_bytes_new (xmlBufferContent (buffer), xmlBufferLength (buffer));
  xmlBufferFree (buffer);
  return bytes;
}
