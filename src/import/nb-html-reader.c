/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-html-reader.c — a saved web page as an NbSourceDoc
 *
 * Government sites wrap the report in menus, scripts, breadcrumbs and
 * footers; pages exported from Word carry mso- styles, text split over
 * nested <span>/<font>, &nbsp;, <o:p>, and labels broken by <br> or by the
 * line breaks Word puts between spans (社会公益 组织). The article is the
 * smallest element holding the title and every data table; inside it,
 * blocks made mostly of links (menus) and hidden elements are skipped. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "nb-decode.h"
#include "nb-error.h"
#include "nb-html-reader.h"

typedef struct
{
  guint text;   /* characters of text below */
  guint links;  /* of which inside <a> */
} Weight;

typedef struct
{
  NbSourceDoc *doc;
  GHashTable  *weights;   /* xmlNode* → Weight* */
  GString     *para;
  guint        para_line;
  guint        n_tables;
} Reader;

static gboolean
name_is (const xmlNode *node,
         const char    *name)
{
  return node->type == XML_ELEMENT_NODE && node->name &&
         g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static gboolean
name_in (const xmlNode     *node,
         const char *const *names)
{
  for (guint i = 0; names[i]; i++)
    if (name_is (node, names[i]))
      return TRUE;
  return FALSE;
}

static const char *const skipped[] = {
  "script", "style", "noscript", "iframe", "form", "select", "button", "head", "nav",
  "textarea", "object", "embed", "svg", "canvas", "template", "xml", NULL
};

static const char *const blocks[] = {
  "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "section",
  "article", "center", "pre", "dd", "dt", "dl", "tr", "td", "th", "table", "tbody", "thead",
  "tfoot", "caption", "main", "header", "footer", "aside", "hr", "address", NULL
};

static gboolean
hidden (const xmlNode *node)
{
  xmlChar *attr;
  gboolean hide = FALSE;

  if (node->type != XML_ELEMENT_NODE || !node->properties)
    return FALSE;
  if (xmlHasProp (node, (const xmlChar *) "hidden"))
    return TRUE;
  if (!(attr = xmlGetProp (node, (const xmlChar *) "style")))
    return FALSE;
  /* "display: none", "mso-hide:all" (Word's hidden text); Word's styles
   * are on every element, so the common case is decided by one search. */
  if (strstr ((const char *) attr, "none") || strstr ((const char *) attr, "hid") ||
      strstr ((const char *) attr, "NONE") || strstr ((const char *) attr, "HID"))
    {
      g_autofree char *style = g_ascii_strdown ((const char *) attr, -1);
      g_autoptr(GString) s = g_string_new (NULL);

      for (const char *p = style; *p; p++)
        if (!g_ascii_isspace (*p))
          g_string_append_c (s, *p);
      hide = strstr (s->str, "display:none") || strstr (s->str, "mso-hide:all") ||
             strstr (s->str, "visibility:hidden");
    }
  xmlFree (attr);
  return hide;
}

static Weight *
weigh (Reader  *r,
       xmlNode *node,
       gboolean in_link)
{
  Weight *w = g_new0 (Weight, 1);

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      const char *text = (const char *) node->content;
      for (const char *p = text; p && *p; p = g_utf8_next_char (p))
        if (!g_unichar_isspace (g_utf8_get_char (p)) && g_utf8_get_char (p) != 0xA0)
          w->text++;
      if (in_link)
        w->links = w->text;
      return w;
    }
  if (node->type != XML_ELEMENT_NODE && node->type != XML_DOCUMENT_NODE &&
      node->type != XML_HTML_DOCUMENT_NODE)
    return w;
  if (node->type == XML_ELEMENT_NODE && (name_in (node, skipped) || hidden (node)))
    {
      g_hash_table_insert (r->weights, node, w);
      return w;
    }
  in_link |= name_is (node, "a");
  for (xmlNode *c = node->children; c; c = c->next)
    {
      Weight *cw = weigh (r, c, in_link);
      w->text += cw->text;
      w->links += cw->links;
      if (c->type != XML_ELEMENT_NODE)
        g_free (cw);
    }
  g_hash_table_insert (r->weights, node, w);
  return w;
}

/* A menu, a list of related links, a breadcrumb: mostly link text. */
static gboolean
is_menu (Reader  *r,
         xmlNode *node)
{
  Weight *w = g_hash_table_lookup (r->weights, node);
  return w && w->text > 0 && w->links * 10 >= w->text * 6;
}

/* Text nodes' whitespace: &nbsp; and runs of spaces are one space. */
static void
append_text (GString    *s,
             const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c) || c == 0xA0 || c == 0x3000 || c == 0xFEFF)
        {
          if (s->len && s->str[s->len - 1] != ' ')
            g_string_append_c (s, ' ');
        }
      else
        g_string_append_unichar (s, c);
    }
}

static gboolean
is_cjk (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN ||
         (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) ||
         c == 0x201C || c == 0x201D;
}

/* Trimmed, and no space between two Chinese characters: Word breaks its
 * source lines between spans, which a browser shows as nothing in Chinese. */
static char *
clean (const char *text)
{
  GString *out = g_string_new (NULL);
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  for (const char *p = trimmed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == ' ' && out->len)
        {
          const char *prev = g_utf8_prev_char (out->str + out->len);
          const char *next = g_utf8_next_char (p);
          while (*next == ' ')
            next++;
          if (*next && is_cjk (g_utf8_get_char (prev)) && is_cjk (g_utf8_get_char (next)))
            continue;
        }
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
flush (Reader *r)
{
  g_autofree char *text = clean (r->para->str);

  if (*text)
    nb_source_doc_add_paragraph (r->doc, text, r->para_line);
  g_string_truncate (r->para, 0);
  r->para_line = 0;
}

static gboolean
has_table_below (xmlNode *node)
{
  for (xmlNode *c = node->children; c; c = c->next)
    if (name_is (c, "table") || (c->type == XML_ELEMENT_NODE && has_table_below (c)))
      return TRUE;
  return FALSE;
}

/* All text below a table cell, <br> and paragraphs joined without a gap. */
static void
cell_text (Reader  *r,
           xmlNode *node,
           GString *s)
{
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
        append_text (s, (const char *) c->content);
      else if (c->type == XML_ELEMENT_NODE && !name_in (c, skipped) && !hidden (c))
        {
          if (name_is (c, "br") || name_is (c, "p") || name_is (c, "div"))
            g_string_append_c (s, ' ');
          cell_text (r, c, s);
        }
    }
}

static guint
span_attr (xmlNode    *node,
           const char *name)
{
  xmlChar *attr = xmlGetProp (node, (const xmlChar *) name);
  gint64 n;

  if (!attr)
    return 1;
  n = g_ascii_strtoll ((const char *) attr, NULL, 10);
  xmlFree (attr);
  return (guint) CLAMP (n, 1, 1000);
}

static void
collect_rows (Reader        *r,
              xmlNode       *node,
              NbSourceBlock *table)
{
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE || name_in (c, skipped) || hidden (c))
        continue;
      if (name_is (c, "tr"))
        {
          NbSourceRow *row = nb_source_block_add_row (table, (guint) xmlGetLineNo (c));
          for (xmlNode *td = c->children; td; td = td->next)
            if (name_is (td, "td") || name_is (td, "th"))
              {
                g_autoptr(GString) s = g_string_new (NULL);
                g_autofree char *text = NULL;

                if (hidden (td))
                  continue;
                cell_text (r, td, s);
                text = clean (s->str);
                nb_source_row_add_cell (row, text, span_attr (td, "colspan"), span_attr (td, "rowspan"));
              }
        }
      else
        collect_rows (r, c, table);   /* thead, tbody, tfoot */
    }
}

static void walk (Reader *r, xmlNode *node);

static void
walk_one (Reader  *r,
          xmlNode *c)
{
  if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
    {
      if (!r->para_line)
        r->para_line = (guint) xmlGetLineNo (c);
      append_text (r->para, (const char *) c->content);
      return;
    }
  if (c->type != XML_ELEMENT_NODE || name_in (c, skipped) || hidden (c))
    return;
  if (name_is (c, "br"))
    {
      flush (r);
      return;
    }
  if (name_is (c, "table") && !has_table_below (c))
    {
      NbSourceBlock *table;

      flush (r);
      table = nb_source_doc_add_table (r->doc, (guint) xmlGetLineNo (c));
      /* TRANSLATORS: where a table is in a web page: "第2个表格" */
      table->where = g_strdup_printf (_("table %u"), ++r->n_tables);
      collect_rows (r, c, table);
      return;
    }
  if (name_in (c, blocks))
    {
      flush (r);
      if (!is_menu (r, c))
        walk (r, c);
      flush (r);
      return;
    }
  walk (r, c);   /* span, font, b, o:p, a, … */
}

static void
walk (Reader  *r,
      xmlNode *node)
{
  for (xmlNode *c = node->children; c; c = c->next)
    walk_one (r, c);
}

/* The element holding the title, found by what every report's title says. */
static xmlNode *
find_title (xmlNode *node)
{
  for (xmlNode *c = node->children; c; c = c->next)
    {
      xmlNode *found;

      if (c->type == XML_TEXT_NODE && c->content && strstr ((const char *) c->content, "年度报告"))
        {
          glong len = g_utf8_strlen ((const char *) c->content, -1);
          if (len < 120)
            return node;
        }
      if (c->type == XML_ELEMENT_NODE && !name_in (c, skipped) && (found = find_title (c)))
        return found;
    }
  return NULL;
}

static void
find_tables (xmlNode   *node,
             GPtrArray *tables)
{
  for (xmlNode *c = node->children; c; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE || name_in (c, skipped))
        continue;
      if (name_is (c, "table") && !has_table_below (c))
        g_ptr_array_add (tables, c);
      else
        find_tables (c, tables);
    }
}

static gboolean
is_ancestor (xmlNode *a,
             xmlNode *n)
{
  for (; n; n = n->parent)
    if (n == a)
      return TRUE;
  return FALSE;
}

static xmlNode *
common_ancestor (xmlNode *a,
                 xmlNode *b)
{
  for (; a; a = a->parent)
    if (is_ancestor (a, b))
      return a;
  return NULL;
}

/* The article: the smallest element with the title and the data tables.
 * Tables of a site's layout hold no figures and are not counted. */
static xmlNode *
find_article (xmlNode *body)
{
  xmlNode *title = find_title (body);
  g_autoptr(GPtrArray) tables = g_ptr_array_new ();
  xmlNode *root = title;

  find_tables (body, tables);
  for (guint i = 0; i < tables->len; i++)
    {
      xmlNode *t = g_ptr_array_index (tables, i);
      xmlChar *content = xmlNodeGetContent (t);
      gboolean digits = FALSE;

      for (const xmlChar *p = content; p && *p && !digits; p++)
        digits = g_ascii_isdigit (*p);
      xmlFree (content);
      if (!digits)
        continue;
      root = root ? common_ancestor (root, t) : t;
    }
  if (!root)
    return body;
  /* The title's own element or a lone table is too small: go up to a block
   * that holds the text around it. */
  if (root == title || name_is (root, "table"))
    while (root->parent && root->parent != body && root->parent->type == XML_ELEMENT_NODE &&
           (name_is (root, "table") || !name_in (root, (const char *const[]) { "div", "article", "section", "td", NULL })))
      root = root->parent;
  return root;
}

gboolean
nb_html_reader_read (GBytes       *data,
                     NbSourceDoc **out,
                     GError      **error)
{
  g_autofree char *encoding = NULL;
  g_autofree char *text = nb_decode_text (data, &encoding, error);
  htmlDocPtr html;
  xmlNode *body = NULL, *article;
  Reader r = { 0, };

  if (!text)
    return FALSE;
  html = htmlReadMemory (text, (int) MIN (strlen (text), G_MAXINT), NULL, "UTF-8",
                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                         HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT);
  if (!html)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_IMPORT, _("The web page could not be read"));
      return FALSE;
    }
  {
    xmlNode *root = xmlDocGetRootElement (html);
    for (xmlNode *c = root ? root->children : NULL; c && !body; c = c->next)
      if (name_is (c, "body"))
        body = c;
    if (!body)
      body = root;
  }
  if (!body)
    {
      xmlFreeDoc (html);
      g_set_error (error, NB_ERROR, NB_ERROR_IMPORT, _("The web page is empty"));
      return FALSE;
    }

  r.doc = nb_source_doc_new ("html");
  r.doc->encoding = g_steal_pointer (&encoding);
  r.weights = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  r.para = g_string_new (NULL);
  weigh (&r, body, FALSE);   /* body is an element: the table owns its weight */

  article = find_article (body);
  if (article == body)
    walk (&r, body);
  else
    walk_one (&r, article);
  flush (&r);

  g_string_free (r.para, TRUE);
  g_hash_table_unref (r.weights);
  xmlFreeDoc (html);
  *out = r.doc;
  return TRUE;
}
