/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-docx-reader.c — a Word file (.docx) as an NbSourceDoc
 *
 * The zip is opened with libgsf (GsfInfileZip), word/document.xml parsed
 * with libxml2.  Paragraphs become paragraph blocks (a manual line break
 * starts a new one: published reports break headings off that way);
 * tables become table blocks with w:gridSpan as colspan and a w:vMerge
 * run as one cell with its rowspan, as HTML would give them.  Text in
 * content controls, insertions, hyperlinks and fields is kept; deletions,
 * field codes and drawings (text boxes) are not.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gsf/gsf.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "nb-docx-reader.h"
#include "nb-error.h"

#define W_NS        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"

/* Bounds that keep a crafted file from costing much: a table this wide
 * or a cell spanning more is not a report's. */
#define MAX_GRID_COLS 512
#define MAX_GRID_SPAN 64

static gboolean
is_w (xmlNode    *node,
      const char *name)
{
  if (node->type != XML_ELEMENT_NODE || !node->ns || !node->ns->href)
    return FALSE;
  if (strcmp ((const char *) node->ns->href, W_NS) != 0
      && strcmp ((const char *) node->ns->href, W_NS_STRICT) != 0)
    return FALSE;
  return name == NULL || strcmp ((const char *) node->name, name) == 0;
}

static xmlNode *
w_child (xmlNode    *node,
         const char *name)
{
  for (xmlNode *c = node ? node->children : NULL; c; c = c->next)
    if (is_w (c, name))
      return c;
  return NULL;
}

/* w:val, with or without its namespace prefix (producers differ). */
static char *
w_val (xmlNode *node)
{
  xmlChar *v = xmlGetNsProp (node, (const xmlChar *) "val", (const xmlChar *) W_NS);

  if (!v)
    v = xmlGetNsProp (node, (const xmlChar *) "val", (const xmlChar *) W_NS_STRICT);
  if (!v)
    v = xmlGetNoNsProp (node, (const xmlChar *) "val");
  if (!v)
    return NULL;
  {
    char *s = g_strdup ((const char *) v);
    xmlFree (v);
    return s;
  }
}

static guint
w_val_uint (xmlNode *node,
            guint    fallback,
            guint    max)
{
  g_autofree char *v = node ? w_val (node) : NULL;
  guint64 n;

  if (!v || !g_ascii_string_to_unsigned (v, 10, 1, max, &n, NULL))
    return fallback;
  return (guint) n;
}

/* Run-level text of a paragraph (or of anything inside one). */
static void
collect_inline (xmlNode *node,
                GString *out)
{
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (!is_w (c, NULL))
        continue;   /* mc:AlternateContent, math, …: drawings and the like */

      if (is_w (c, "t"))
        {
          xmlChar *text = xmlNodeGetContent (c);
          if (text)
            g_string_append (out, (const char *) text);
          xmlFree (text);
        }
      else if (is_w (c, "tab") || is_w (c, "ptab"))
        g_string_append_c (out, '\t');
      else if (is_w (c, "br") || is_w (c, "cr"))
        g_string_append_c (out, '\n');
      else if (is_w (c, "noBreakHyphen"))
        g_string_append_c (out, '-');
      else if (is_w (c, "del") || is_w (c, "moveFrom") || is_w (c, "delText")
               || is_w (c, "instrText") || is_w (c, "delInstrText")
               || is_w (c, "pPr") || is_w (c, "rPr") || is_w (c, "sdtPr")
               || is_w (c, "sdtEndPr") || is_w (c, "drawing") || is_w (c, "pict")
               || is_w (c, "object") || is_w (c, "footnoteReference")
               || is_w (c, "endnoteReference") || is_w (c, "commentReference"))
        continue;
      else
        collect_inline (c, out);   /* w:r, w:ins, w:hyperlink, w:sdt, w:fldSimple, w:smartTag, … */
    }
}

typedef struct
{
  NbSourceDoc *doc;
  guint        n_tables;
} Reader;

/* Where block-level content goes: the document, or one cell's text. */
typedef struct
{
  NbSourceDoc *doc;     /* non-NULL: add blocks to the document */
  GString     *cell;    /* otherwise: append to this cell's text */
} Sink;

static void read_blocks (Reader *r, xmlNode *parent, Sink *sink);

static gboolean
is_centred (xmlNode *p)
{
  xmlNode *jc = w_child (w_child (p, "pPr"), "jc");
  g_autofree char *val = jc ? w_val (jc) : NULL;

  return val && strcmp (val, "center") == 0;
}

static void
sink_paragraph (Sink       *sink,
                const char *text)
{
  if (sink->doc)
    {
      /* A manual line break ends a paragraph as far as the matcher goes. */
      g_auto(GStrv) parts = g_strsplit (text, "\n", -1);

      for (guint i = 0; parts[i]; i++)
        {
          g_autofree char *bare = g_strstrip (g_strdup (parts[i]));
          g_autoptr(GString) joined = g_string_new (NULL);

          if (!bare[0])
            continue;
          for (const char *q = parts[i]; *q; q++)
            if (*q != '\r')
              g_string_append_c (joined, *q);
          nb_source_doc_add_paragraph (sink->doc, joined->str, 0);
        }
    }
  else
    {
      if (sink->cell->len > 0)
        g_string_append_c (sink->cell, '\n');
      g_string_append (sink->cell, text);
    }
}

/* The rows of a table, through content controls and custom XML. */
static void
collect_children (xmlNode    *node,
                  const char *name,
                  GPtrArray  *out)
{
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (is_w (c, name))
        g_ptr_array_add (out, c);
      else if (is_w (c, "sdt"))
        {
          xmlNode *content = w_child (c, "sdtContent");
          if (content)
            collect_children (content, name, out);
        }
      else if (is_w (c, "customXml") || is_w (c, "ins") || is_w (c, "moveTo"))
        collect_children (c, name, out);
    }
}

static gboolean
row_deleted (xmlNode *tr)
{
  xmlNode *pr = w_child (tr, "trPr");

  return pr && w_child (pr, "del") != NULL;
}

/* A table of one cell is a frame around the real content (a layout
 * table): its paragraphs and tables are read as the document's own. */
static xmlNode *
single_cell (xmlNode *tbl)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();

  collect_children (tbl, "tr", rows);
  if (rows->len != 1)
    return NULL;
  collect_children (rows->pdata[0], "tc", cells);
  return cells->len == 1 ? cells->pdata[0] : NULL;
}

/* A table inside a cell: its rows as lines, its cells separated by tabs. */
static void
nested_table_text (Reader  *r,
                   xmlNode *tbl,
                   GString *out)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_children (tbl, "tr", rows);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GPtrArray) cells = g_ptr_array_new ();
      g_autoptr(GString) line = g_string_new (NULL);

      if (row_deleted (rows->pdata[i]))
        continue;
      collect_children (rows->pdata[i], "tc", cells);
      for (guint j = 0; j < cells->len; j++)
        {
          g_autoptr(GString) text = g_string_new (NULL);
          Sink sink = { NULL, text };

          read_blocks (r, cells->pdata[j], &sink);
          g_strdelimit (text->str, "\n\t", ' ');
          if (j > 0)
            g_string_append_c (line, '\t');
          g_string_append (line, text->str);
        }
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, line->str);
    }
}

typedef struct
{
  NbSourceCell *cell;   /* the cell a vertical merge started in, or NULL */
  guint         start;  /* its first grid column */
} OpenMerge;

static void
read_table (Reader  *r,
            xmlNode *tbl)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  OpenMerge open[MAX_GRID_COLS] = { { 0 } };
  NbSourceBlock *table;

  r->n_tables++;
  table = nb_source_doc_add_table (r->doc, 0);
  table->where = g_strdup_printf (_("table %u"), r->n_tables);

  collect_children (tbl, "tr", rows);
  for (guint i = 0; i < rows->len; i++)
    {
      xmlNode *tr = rows->pdata[i];
      xmlNode *trpr = w_child (tr, "trPr");
      g_autoptr(GPtrArray) cells = g_ptr_array_new ();
      OpenMerge next[MAX_GRID_COLS] = { { 0 } };
      NbSourceRow *row;
      guint col = 0;

      if (row_deleted (tr))
        continue;
      row = nb_source_block_add_row (table, 0);

      /* Cells missing on the left of a row (w:gridBefore) still take grid
       * columns; an empty cell keeps the others in their place. */
      col = w_val_uint (w_child (trpr, "gridBefore"), 0, MAX_GRID_COLS - 1);
      if (col > 0)
        nb_source_row_add_cell (row, "", col, 1);

      collect_children (tr, "tc", cells);
      for (guint j = 0; j < cells->len && col < MAX_GRID_COLS; j++)
        {
          xmlNode *tc = cells->pdata[j];
          xmlNode *tcpr = w_child (tc, "tcPr");
          xmlNode *vmerge = w_child (tcpr, "vMerge");
          guint span = w_val_uint (w_child (tcpr, "gridSpan"), 1, MAX_GRID_SPAN);
          g_autofree char *merge = vmerge ? w_val (vmerge) : NULL;
          gboolean restart = vmerge && merge && strcmp (merge, "restart") == 0;
          gboolean cont = vmerge && !restart;

          span = MIN (span, MAX_GRID_COLS - col);
          if (cont && open[col].cell && open[col].start == col)
            {
              /* The cell above goes on down: no cell of its own. */
              open[col].cell->rowspan++;
              next[col] = open[col];
            }
          else
            {
              g_autoptr(GString) text = g_string_new (NULL);
              Sink sink = { NULL, text };
              NbSourceCell *cell;

              read_blocks (r, tc, &sink);
              cell = nb_source_row_add_cell (row, text->str, span, 1);
              if (restart)
                next[col] = (OpenMerge) { cell, col };
            }
          col += span;
        }
      memcpy (open, next, sizeof open);
    }
}

static void
read_blocks (Reader  *r,
             xmlNode *parent,
             Sink    *sink)
{
  for (xmlNode *c = parent->children; c; c = c->next)
    {
      if (is_w (c, "p"))
        {
          g_autoptr(GString) text = g_string_new (NULL);

          collect_inline (c, text);
          /* A centred paragraph broken by hand is a title set on two
           * lines ("某局2020年" / "政府信息公开工作年度报告"): one text. */
          if (sink->doc && is_centred (c))
            g_strdelimit (text->str, "\n", '\r');
          sink_paragraph (sink, text->str);
        }
      else if (is_w (c, "tbl"))
        {
          xmlNode *frame = single_cell (c);

          if (frame)
            read_blocks (r, frame, sink);
          else if (sink->doc)
            read_table (r, c);
          else
            {
              g_autoptr(GString) text = g_string_new (NULL);

              nested_table_text (r, c, text);
              sink_paragraph (sink, text->str);
            }
        }
      else if (is_w (c, "sdt"))
        {
          xmlNode *content = w_child (c, "sdtContent");
          if (content)
            read_blocks (r, content, sink);
        }
      else if (is_w (c, "customXml") || is_w (c, "ins") || is_w (c, "moveTo")
               || is_w (c, "sdtContent"))
        read_blocks (r, c, sink);
      /* w:del, w:moveFrom, w:sectPr, w:tcPr, bookmarks: nothing to read */
    }
}

/* An OLE compound file: a password-protected .docx (Word keeps the
 * encrypted package in one) or an old binary .doc. */
static gboolean
is_ole (GBytes *data)
{
  static const guint8 magic[] = { 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1 };
  gsize len;
  const guint8 *p = g_bytes_get_data (data, &len);

  return len >= sizeof magic && memcmp (p, magic, sizeof magic) == 0;
}

static void
ole_error (GBytes  *data,
           GError **error)
{
  /* libgsf 1.14 has no autoptr cleanups: unreferenced by hand */
  GsfInput *input = gsf_input_memory_new (g_bytes_get_data (data, NULL),
                                          g_bytes_get_size (data), FALSE);
  GsfInfile *ole = gsf_infile_msole_new (input, NULL);
  GsfInput *encrypted = ole ? gsf_infile_child_by_name (ole, "EncryptedPackage") : NULL;
  gboolean is_encrypted = encrypted != NULL;

  g_clear_object (&encrypted);
  g_clear_object (&ole);
  g_object_unref (input);
  if (is_encrypted)
    g_set_error_literal (error, NB_ERROR, NB_ERROR_IMPORT,
                         _("The Word file is protected by a password. Open it in Word or WPS, "
                           "remove the password and save it again, then import it."));
  else
    g_set_error_literal (error, NB_ERROR, NB_ERROR_IMPORT,
                         _("This is an old Word file (.doc), not a .docx. Save it as .docx "
                           "in Word or WPS, then import it."));
}

static GBytes *
read_member (GsfInput *member,
             GError  **error)
{
  g_autoptr(GByteArray) buf = NULL;
  gsf_off_t size;

  if (!member)
    {
      g_set_error_literal (error, NB_ERROR, NB_ERROR_IMPORT,
                           _("The file is a zip archive but not a Word document "
                             "(it has no word/document.xml)."));
      return NULL;
    }
  size = gsf_input_size (member);
  if (size < 0 || size > NB_DOCX_MAX_XML_SIZE)
    {
      g_set_error_literal (error, NB_ERROR, NB_ERROR_IMPORT,
                           _("The Word document's text is too large to be a report "
                             "(over 16 MB once unpacked)."));
      return NULL;
    }
  buf = g_byte_array_sized_new ((guint) size);
  while (buf->len < (guint) size)
    {
      guint8 chunk[65536];
      gsf_off_t want = MIN ((gsf_off_t) sizeof chunk, size - (gsf_off_t) buf->len);

      if (!gsf_input_read (member, (size_t) want, chunk))
        {
          g_set_error_literal (error, NB_ERROR, NB_ERROR_IMPORT,
                               _("The Word file is damaged: its text cannot be unpacked."));
          return NULL;
        }
      g_byte_array_append (buf, chunk, (guint) want);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buf));
}

gboolean
nb_docx_reader_read (GBytes       *data,
                     NbSourceDoc **out,
                     GError      **error)
{
  GsfInput *input, *member;
  GsfInfile *zip;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GError) zip_error = NULL;
  g_autoptr(NbSourceDoc) doc = NULL;
  xmlDoc *dom;
  xmlNode *root, *body;
  Reader r = { 0 };
  Sink sink = { 0 };

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (is_ole (data))
    {
      ole_error (data, error);
      return FALSE;
    }

  input = gsf_input_memory_new (g_bytes_get_data (data, NULL), g_bytes_get_size (data), FALSE);
  zip = gsf_infile_zip_new (input, &zip_error);
  g_object_unref (input);
  if (!zip)
    {
      g_set_error_literal (error, NB_ERROR, NB_ERROR_IMPORT,
                           _("The file is not a Word document (.docx): it is not a zip archive "
                             "or it is damaged."));
      return FALSE;
    }
  member = gsf_infile_child_by_vname (zip, "word", "document.xml", NULL);
  xml = read_member (member, error);
  g_clear_object (&member);
  g_object_unref (zip);
  if (!xml)
    return FALSE;

  dom = xmlReadMemory (g_bytes_get_data (xml, NULL), (int) g_bytes_get_size (xml),
                       "document.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  root = dom ? xmlDocGetRootElement (dom) : NULL;
  body = root && is_w (root, "document") ? w_child (root, "body") : NULL;
  if (!body)
    {
      xmlFreeDoc (dom);
      g_set_error_literal (error, NB_ERROR, NB_ERROR_IMPORT,
                           _("The Word file is damaged: its text (word/document.xml) "
                             "cannot be read."));
      return FALSE;
    }

  doc = nb_source_doc_new ("docx");
  doc->encoding = g_strdup ("UTF-8");
  r.doc = doc;
  sink.doc = doc;
  read_blocks (&r, body, &sink);
  xmlFreeDoc (dom);

  *out = g_steal_pointer (&doc);
  return TRUE;
}
