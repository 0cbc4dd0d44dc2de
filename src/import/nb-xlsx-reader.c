/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-xlsx-reader.c — .xlsx workbooks read back: libgsf opens the package
 * (zip, relationships), libxml2 streams each part (xmlTextReader for the
 * small workbook part, SAX2 for sheets and shared strings), so a large
 * sheet is never held as a tree.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gsf/gsf.h>
#include <libxml/xmlreader.h>

#include "nb-error.h"
#include "nb-report-file.h"
#include "nb-xlsx-reader.h"
#include "nb-import.h"
#include "nb-xlsx-writer.h"

/* libgsf 1.14 declares no g_autoptr cleanups of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)

#define REL_OFFICE_DOCUMENT "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
#define REL_SHARED_STRINGS  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"

/* A sheet bigger than this (rows × columns used) is not a report form. */
#define MAX_SOURCE_CELLS 200000
/* A sheet is walked as a grid: its extent is bounded, not only its number
 * of cells (one cell in XFD1048576 made a grid of 1.7e10 places). The
 * matcher reads 256 columns at most; a report's longest sheet (报告正文, a
 * paragraph a row) has a few hundred rows. */
#define MAX_SOURCE_ROWS    8192
#define MAX_SOURCE_COLUMNS 256

typedef struct
{
  char     *name;
  char     *rel_id;
  gboolean  hidden;
} SheetInfo;

typedef struct
{
  const char *path;       /* UTF-8, for messages */
  GsfInfile  *zip;
  GsfInput   *workbook;   /* xl/workbook.xml */
  GPtrArray  *sheets;     /* SheetInfo* */
  GPtrArray  *strings;    /* shared strings, char* */
} Package;

static void
sheet_info_free (gpointer data)
{
  SheetInfo *s = data;

  g_free (s->name);
  g_free (s->rel_id);
  g_free (s);
}

static void
package_clear (Package *p)
{
  g_clear_object (&p->workbook);
  g_clear_object (&p->zip);
  g_clear_pointer (&p->sheets, g_ptr_array_unref);
  g_clear_pointer (&p->strings, g_ptr_array_unref);
}

static gboolean
import_error (GError    **error,
              const char *path,
              const char *format,
              ...) G_GNUC_PRINTF (3, 4);

/* “FILE”: MESSAGE — every failure names its file, since one run reads many. */
static gboolean
import_error (GError    **error,
              const char *path,
              const char *format,
              ...)
{
  va_list args;
  g_autofree char *message = NULL;
  g_autofree char *base = g_path_get_basename (path);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, NB_ERROR, NB_ERROR_IMPORT, _("“%s”: %s"), base, message);
  return FALSE;
}

/* ---- libxml2 reading from a GsfInput ---- */

static int
gsf_read_cb (void *context,
             char *buffer,
             int   len)
{
  GsfInput *input = context;
  gsf_off_t left = gsf_input_remaining (input);
  int n = (int) MIN ((gsf_off_t) len, left);

  if (n <= 0)
    return 0;
  if (!gsf_input_read (input, n, (guint8 *) buffer))
    return -1;
  return n;
}

static int
gsf_close_cb (void *context)
{
  return 0;
}

static xmlTextReaderPtr
reader_for (GsfInput *input)
{
  /* No network, no entities: a workbook is data, never instructions. */
  return xmlReaderForIO (gsf_read_cb, gsf_close_cb, input, NULL, NULL,
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
}

static gboolean
is_element (xmlTextReaderPtr r,
            const char      *name)
{
  return xmlTextReaderNodeType (r) == XML_READER_TYPE_ELEMENT
         && g_str_equal ((const char *) xmlTextReaderConstLocalName (r), name);
}

static char *
attribute (xmlTextReaderPtr r,
           const char      *name)
{
  xmlChar *v = xmlTextReaderGetAttribute (r, (const xmlChar *) name);
  char *copy;

  if (!v)
    return NULL;
  copy = g_strdup ((const char *) v);
  xmlFree (v);
  return copy;
}

/* OOXML escapes characters XML cannot hold as _xHHHH_ (and a literal
 * "_x" as _x005F_x). */
static void
append_unescaped (GString    *out,
                  const char *text)
{
  const char *p = text;

  while (*p)
    {
      if (p[0] == '_' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3])
          && g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]) && p[6] == '_')
        {
          gunichar c = (gunichar) g_ascii_strtoull (p + 2, NULL, 16);

          if (c != 0 && g_unichar_validate (c))
            g_string_append_unichar (out, c);
          p += 7;
          continue;
        }
      g_string_append_c (out, *p++);
    }
}

/* ---- numbers as Excel stores them ---- */

/* "793.93970000000002" → "793.9397", "1.5E-3" → "0.0015": the decimal
 * Excel shows (15 significant digits), made from the text, never through a
 * double. Anything that is not a number is returned as it is. */
static char *
excel_number_text (const char *v)
{
  const char *p = v;
  gboolean negative = FALSE;
  char digits[64];
  int n = 0, point = -1, exponent = 0;
  GString *out;
  int int_digits;

  while (g_ascii_isspace (*p))
    p++;
  if (*p == '-' || *p == '+')
    negative = *p++ == '-';
  for (; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (n == 0 && *p == '0')
            {
              /* Leading zeros carry no digit, only place. */
              if (point >= 0)
                exponent--;
              continue;
            }
          if (n < (int) sizeof digits - 1)
            {
              digits[n++] = *p;
              if (point < 0)
                exponent++;
            }
          else if (point < 0)
            exponent++;
        }
      else if (*p == '.' && point < 0)
        point = n;
      else
        break;
    }
  if (*p == 'e' || *p == 'E')
    {
      gint64 e;
      char *end;

      e = g_ascii_strtoll (p + 1, &end, 10);
      if (end == p + 1 || *end || e > 30 || e < -30)
        return g_strdup (v);
      exponent += (int) e;
      p = end;
    }
  while (g_ascii_isspace (*p))
    p++;
  if (*p || (n == 0 && !strpbrk (v, "0")))
    return g_strdup (v);
  if (n == 0)
    return g_strdup ("0");

  /* Round to 15 significant digits, half up, as Excel displays. */
  if (n > 15)
    {
      gboolean up = digits[15] >= '5';

      n = 15;
      for (int i = 14; up && i >= 0; i--)
        {
          if (digits[i] == '9')
            digits[i] = '0';
          else
            {
              digits[i]++;
              up = FALSE;
            }
        }
      if (up)
        {
          memmove (digits + 1, digits, n);
          digits[0] = '1';
          n = 15;
          exponent++;
        }
    }
  while (n > 0 && digits[n - 1] == '0' && n > exponent)
    n--;
  if (n == 0)
    return g_strdup ("0");

  /* value = 0.digits × 10^exponent */
  out = g_string_new (negative ? "-" : "");
  int_digits = exponent;
  if (int_digits <= 0)
    {
      g_string_append (out, "0.");
      for (int i = 0; i < -int_digits; i++)
        g_string_append_c (out, '0');
      g_string_append_len (out, digits, n);
    }
  else
    {
      for (int i = 0; i < int_digits; i++)
        g_string_append_c (out, i < n ? digits[i] : '0');
      if (n > int_digits)
        {
          g_string_append_c (out, '.');
          g_string_append_len (out, digits + int_digits, n - int_digits);
        }
    }
  return g_string_free (out, FALSE);
}

/* "AB12" → column 27, row 11 (0-based). */
static gboolean
parse_ref (const char *ref,
           guint      *row,
           guint      *column)
{
  guint c = 0, r = 0;
  const char *p = ref;

  if (!ref)
    return FALSE;
  while (g_ascii_isalpha (*p))
    {
      c = c * 26 + (guint) (g_ascii_toupper (*p) - 'A' + 1);
      if (c > 16384)
        return FALSE;
      p++;
    }
  if (c == 0 || !g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    {
      r = r * 10 + (guint) (*p - '0');
      if (r > 1048576)
        return FALSE;
      p++;
    }
  if (*p || r == 0)
    return FALSE;
  *row = r - 1;
  *column = c - 1;
  return TRUE;
}

/* ---- the package ---- */

static gboolean
is_ole_file (const guint8 *head,
             gsize         len)
{
  static const guint8 ole[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

  return len >= 8 && memcmp (head, ole, 8) == 0;
}

/* An OLE compound file: an encrypted .xlsx (EncryptedPackage inside) or an
 * old binary .xls / .et. */
static gboolean
ole_error (GsfInput   *input,
           const char *path,
           GError    **error)
{
  g_autoptr(GsfInfile) ole = NULL;
  g_autoptr(GsfInput) encrypted = NULL;

  gsf_input_seek (input, 0, G_SEEK_SET);
  ole = gsf_infile_msole_new (input, NULL);
  if (ole && (encrypted = gsf_infile_child_by_name (ole, "EncryptedPackage")))
    return import_error (error, path,
                         _("the workbook is protected with a password. Open it in Excel or WPS, "
                           "remove the password (File → Info → Protect Workbook) and save it again"));
  return import_error (error, path,
                       _("this is an old-style Excel file (.xls), not an .xlsx workbook. "
                         "Open it in Excel or WPS and save it as .xlsx"));
}

static gboolean
read_workbook_part (Package *p,
                    GError **error)
{
  xmlTextReaderPtr r = reader_for (p->workbook);
  gboolean root_seen = FALSE;
  int ret;

  if (!r)
    return import_error (error, p->path, _("the workbook could not be read (out of memory?)"));
  while ((ret = xmlTextReaderRead (r)) == 1)
    {
      if (xmlTextReaderNodeType (r) != XML_READER_TYPE_ELEMENT)
        continue;
      if (!root_seen)
        {
          const char *root = (const char *) xmlTextReaderConstLocalName (r);

          root_seen = TRUE;
          if (g_str_equal (root, "document"))
            {
              xmlFreeTextReader (r);
              return import_error (error, p->path, _("this is a Word document, not a workbook"));
            }
          if (g_str_equal (root, "presentation"))
            {
              xmlFreeTextReader (r);
              return import_error (error, p->path, _("this is a PowerPoint presentation, not a workbook"));
            }
          if (!g_str_equal (root, "workbook"))
            {
              xmlFreeTextReader (r);
              return import_error (error, p->path, _("this file is not a spreadsheet workbook"));
            }
          continue;
        }
      if (is_element (r, "sheet"))
        {
          SheetInfo *s = g_new0 (SheetInfo, 1);
          g_autofree char *state = attribute (r, "state");

          s->name = attribute (r, "name");
          {
            xmlChar *id = xmlTextReaderGetAttributeNs (r, (const xmlChar *) "id",
                            (const xmlChar *) "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
            if (id)
              {
                s->rel_id = g_strdup ((const char *) id);
                xmlFree (id);
              }
          }
          s->hidden = state && !g_str_equal (state, "visible");
          if (!s->name)
            s->name = g_strdup ("");
          g_ptr_array_add (p->sheets, s);
        }
    }
  xmlFreeTextReader (r);
  if (ret < 0 || !root_seen)
    return import_error (error, p->path, _("the workbook is damaged (its sheet list cannot be read)"));
  if (p->sheets->len == 0)
    return import_error (error, p->path, _("the workbook has no sheets"));
  return TRUE;
}

/* ---- SAX2 streaming of the big parts (sheets, shared strings) ----
 *
 * The parts of a workbook that grow with its content are read with
 * libxml2's SAX2 push parser, fed chunk by chunk from libgsf: nothing but
 * the current cell is held, and no node is built per element, which makes
 * it about twice as fast as xmlTextReader (bench/bench-aggregate --read). */

typedef void (*CellFunc) (guint       row,
                          guint       column,
                          const char *text,
                          gpointer    user_data);
typedef void (*MergeFunc) (guint    row,
                           guint    column,
                           guint    last_row,
                           guint    last_column,
                           gpointer user_data);

typedef struct
{
  Package   *p;
  /* shared strings */
  gboolean   strings;
  /* sheets */
  CellFunc   cell_func;
  MergeFunc  merge_func;
  gpointer   user_data;
  guint      row, column;
  gboolean   row_seen;
  char       type[16];    /* the cell's t="" */
  gboolean   in_cell;
  gboolean   has_value;
  /* text being collected */
  GString   *text;
  GString   *raw;
  int        capture;     /* inside <v> or <t> */
  int        phonetic;    /* inside <rPh> */
} Sax;

static const xmlChar *
sax_attribute (int             nb_attributes,
               const xmlChar **attributes,
               const char     *name,
               int            *len)
{
  for (int i = 0; i < nb_attributes; i++)
    if (g_str_equal ((const char *) attributes[5 * i], name))
      {
        *len = (int) (attributes[5 * i + 4] - attributes[5 * i + 3]);
        return attributes[5 * i + 3];
      }
  return NULL;
}

static char *
sax_attribute_dup (int             nb_attributes,
                   const xmlChar **attributes,
                   const char     *name)
{
  int len;
  const xmlChar *v = sax_attribute (nb_attributes, attributes, name, &len);

  return v ? g_strndup ((const char *) v, len) : NULL;
}

static void
sax_start (void           *ctx,
           const xmlChar  *localname,
           const xmlChar  *prefix,
           const xmlChar  *uri,
           int             nb_namespaces,
           const xmlChar **namespaces,
           int             nb_attributes,
           int             nb_defaulted,
           const xmlChar **attributes)
{
  Sax *x = ctx;
  const char *name = (const char *) localname;

  if (x->strings)
    {
      if (g_str_equal (name, "si"))
        g_string_truncate (x->raw, 0);
      else if (g_str_equal (name, "t"))
        x->capture++;
      else if (g_str_equal (name, "rPh"))
        x->phonetic++;
      return;
    }
  if (g_str_equal (name, "c"))
    {
      g_autofree char *ref = sax_attribute_dup (nb_attributes, attributes, "r");
      int len;
      const xmlChar *t = sax_attribute (nb_attributes, attributes, "t", &len);
      guint r, c;

      if (parse_ref (ref, &r, &c))
        {
          x->row = r;
          x->column = c;
        }
      if (t && len > 0 && len < (int) sizeof x->type)
        {
          memcpy (x->type, t, len);
          x->type[len] = '\0';
        }
      else
        x->type[0] = '\0';
      x->in_cell = TRUE;
      x->has_value = FALSE;
      g_string_truncate (x->raw, 0);
    }
  else if (!x->in_cell)
    {
      if (g_str_equal (name, "row"))
        {
          g_autofree char *rr = sax_attribute_dup (nb_attributes, attributes, "r");
          guint64 v;

          if (rr && g_ascii_string_to_unsigned (rr, 10, 1, 1048576, &v, NULL))
            x->row = (guint) v - 1;
          else if (x->row_seen)
            x->row++;
          x->row_seen = TRUE;
          x->column = 0;
        }
      else if (g_str_equal (name, "mergeCell") && x->merge_func)
        {
          g_autofree char *ref = sax_attribute_dup (nb_attributes, attributes, "ref");
          g_auto(GStrv) parts = ref ? g_strsplit (ref, ":", 2) : NULL;
          guint r0, c0, r1, c1;

          if (parts && parts[0] && parts[1] && parse_ref (parts[0], &r0, &c0)
              && parse_ref (parts[1], &r1, &c1) && r1 >= r0 && c1 >= c0)
            x->merge_func (r0, c0, r1, c1, x->user_data);
        }
    }
  else if (g_str_equal (name, "v"))
    {
      g_string_truncate (x->raw, 0);
      x->has_value = TRUE;
      x->capture++;
    }
  else if (g_str_equal (name, "is"))
    {
      g_string_truncate (x->raw, 0);
      x->has_value = TRUE;
      g_strlcpy (x->type, "inlineStr", sizeof x->type);
    }
  else if (g_str_equal (name, "t"))
    x->capture++;
  else if (g_str_equal (name, "rPh"))
    x->phonetic++;
}

static void
emit_cell (Sax *x)
{
  const char *type = x->type;
  g_autofree char *value = NULL;

  g_string_truncate (x->text, 0);
  append_unescaped (x->text, x->raw->str);
  if (g_str_equal (type, "s"))
    {
      guint64 index;

      if (g_ascii_string_to_unsigned (x->text->str, 10, 0, G_MAXUINT, &index, NULL)
          && index < x->p->strings->len)
        x->cell_func (x->row, x->column, g_ptr_array_index (x->p->strings, index), x->user_data);
      else
        x->cell_func (x->row, x->column, "", x->user_data);
      return;
    }
  if (g_str_equal (type, "inlineStr") || g_str_equal (type, "str") || g_str_equal (type, "e")
      || g_str_equal (type, "d"))
    {
      x->cell_func (x->row, x->column, x->text->str, x->user_data);
      return;
    }
  if (g_str_equal (type, "b"))
    {
      x->cell_func (x->row, x->column, g_str_equal (x->text->str, "1") ? "TRUE" : "FALSE", x->user_data);
      return;
    }
  value = excel_number_text (x->text->str);
  x->cell_func (x->row, x->column, value, x->user_data);
}

static void
sax_end (void          *ctx,
         const xmlChar *localname,
         const xmlChar *prefix,
         const xmlChar *uri)
{
  Sax *x = ctx;
  const char *name = (const char *) localname;

  if (g_str_equal (name, "t") || g_str_equal (name, "v"))
    x->capture = MAX (x->capture - 1, 0);
  else if (g_str_equal (name, "rPh"))
    x->phonetic = MAX (x->phonetic - 1, 0);
  else if (x->strings && g_str_equal (name, "si"))
    {
      GString *text = g_string_sized_new (x->raw->len);

      append_unescaped (text, x->raw->str);
      g_ptr_array_add (x->p->strings, g_string_free (text, FALSE));
    }
  else if (!x->strings && g_str_equal (name, "c"))
    {
      if (x->has_value && x->cell_func)
        emit_cell (x);
      x->in_cell = FALSE;
      x->column++;
    }
}

static void
sax_characters (void          *ctx,
                const xmlChar *ch,
                int            len)
{
  Sax *x = ctx;

  if (x->capture > 0 && x->phonetic == 0)
    g_string_append_len (x->raw, (const char *) ch, len);
}

/* Streams @input through the SAX handlers; FALSE on malformed XML. */
static gboolean
sax_parse (GsfInput *input,
           Sax      *x)
{
  xmlSAXHandler sax = { 0 };
  xmlParserCtxtPtr ctxt;
  gboolean ok = TRUE;
  guint8 buf[16384];

  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = sax_start;
  sax.endElementNs = sax_end;
  sax.characters = sax_characters;
  sax.cdataBlock = sax_characters;
  x->text = g_string_new (NULL);
  x->raw = g_string_new (NULL);

  ctxt = xmlCreatePushParserCtxt (&sax, x, NULL, 0, NULL);
  if (!ctxt)
    ok = FALSE;
  else
    {
      xmlCtxtUseOptions (ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
      for (;;)
        {
          gsf_off_t left = gsf_input_remaining (input);
          int n = (int) MIN ((gsf_off_t) sizeof buf, left);

          if (n <= 0 || !gsf_input_read (input, n, buf))
            {
              ok = xmlParseChunk (ctxt, NULL, 0, 1) == 0 && ok;
              break;
            }
          if (xmlParseChunk (ctxt, (const char *) buf, n, 0) != 0)
            {
              ok = FALSE;
              break;
            }
        }
      ok = ok && ctxt->wellFormed;
      xmlFreeParserCtxt (ctxt);
    }
  g_string_free (x->text, TRUE);
  g_string_free (x->raw, TRUE);
  return ok;
}

/* gsf_open_pkg_open_rel with its target's folders checked first: libgsf
 * 1.14 asserts (a critical, and leaks) when a folder on the way is missing
 * or is a file, as in a damaged workbook; then the part is just missing. */
static GsfInput *
open_rel (GsfInput      *opkg,
          GsfOpenPkgRel *rel)
{
  g_auto(GStrv) elems = NULL;
  g_autoptr(GsfInfile) parent = NULL;

  if (!rel)
    return NULL;
  parent = g_object_ref (gsf_input_name (opkg) ? gsf_input_container (opkg) : GSF_INFILE (opkg));
  elems = g_strsplit (gsf_open_pkg_rel_get_target (rel), "/", 0);
  for (guint i = 0; elems[i] && elems[i + 1]; i++)
    {
      GsfInput *child;

      if (g_str_equal (elems[i], ".") || !*elems[i])
        continue;
      if (g_str_equal (elems[i], ".."))
        {
          GsfInfile *up = gsf_input_container (GSF_INPUT (parent));

          if (!up)
            return NULL;
          g_set_object (&parent, up);
          continue;
        }
      child = gsf_infile_child_by_name (parent, elems[i]);
      if (!child || !GSF_IS_INFILE (child))
        {
          g_clear_object (&child);
          return NULL;
        }
      g_object_unref (parent);
      parent = GSF_INFILE (child);
    }
  return gsf_open_pkg_open_rel (opkg, rel, NULL);
}

static void
read_shared_strings (Package *p)
{
  g_autoptr(GsfInput) input = open_rel (p->workbook, gsf_open_pkg_lookup_rel_by_type (p->workbook, REL_SHARED_STRINGS));
  Sax x = { 0 };

  if (!input)
    return;
  x.p = p;
  x.strings = TRUE;
  sax_parse (input, &x);
}

static gboolean
package_open (Package    *p,
              const char *path,
              GError    **error)
{
  g_autofree char *filename = NULL;
  g_autoptr(GsfInput) input = NULL;
  g_autoptr(GError) local_error = NULL;
  guint8 head[8] = { 0 };
  gsf_off_t size;

  memset (p, 0, sizeof *p);
  p->path = path;
  p->sheets = g_ptr_array_new_with_free_func (sheet_info_free);
  p->strings = g_ptr_array_new_with_free_func (g_free);

  filename = g_filename_from_utf8 (path, -1, NULL, NULL, &local_error);
  if (!filename)
    return import_error (error, path, "%s", local_error->message);
  if (g_file_test (filename, G_FILE_TEST_IS_DIR))
    return import_error (error, path, _("this is a folder, not a file"));
  input = gsf_input_stdio_new (filename, &local_error);
  if (!input)
    return import_error (error, path, _("the file cannot be opened: %s"),
                         local_error ? local_error->message : "");
  size = gsf_input_size (input);
  if (size == 0)
    return import_error (error, path, _("the file is empty"));
  if (size >= 8)
    gsf_input_read (input, 8, head);
  if (is_ole_file (head, size >= 8 ? 8 : 0))
    return ole_error (input, path, error);
  if (size < 4 || head[0] != 'P' || head[1] != 'K')
    return import_error (error, path, _("this file is not an Excel workbook (.xlsx)"));
  gsf_input_seek (input, 0, G_SEEK_SET);

  p->zip = gsf_infile_zip_new (input, NULL);
  if (!p->zip)
    return import_error (error, path, _("the workbook is damaged (its zip archive cannot be read); "
                                        "it may have been cut short while copying"));
  p->workbook = open_rel (GSF_INPUT (p->zip), gsf_open_pkg_lookup_rel_by_type (GSF_INPUT (p->zip), REL_OFFICE_DOCUMENT));
  if (!p->workbook)
    return import_error (error, path, _("this zip file is not an Office document (no workbook inside)"));
  return read_workbook_part (p, error);
}

/* ---- sheets, streamed cell by cell ---- */

static gboolean
read_sheet (Package         *p,
            const SheetInfo *sheet,
            CellFunc         cell_func,
            MergeFunc        merge_func,
            gpointer         user_data,
            GError         **error)
{
  g_autoptr(GsfInput) input = NULL;
  Sax x = { 0 };

  if (sheet->rel_id)
    input = open_rel (p->workbook, gsf_open_pkg_lookup_rel_by_id (p->workbook, sheet->rel_id));
  if (!input)
    return import_error (error, p->path, _("the sheet “%s” is missing from the workbook"), sheet->name);
  x.p = p;
  x.cell_func = cell_func;
  x.merge_func = merge_func;
  x.user_data = user_data;
  if (!sax_parse (input, &x))
    return import_error (error, p->path, _("the sheet “%s” is damaged (unreadable XML)"), sheet->name);
  return TRUE;
}

static const SheetInfo *
find_sheet (Package    *p,
            const char *name)
{
  for (guint i = 0; i < p->sheets->len; i++)
    {
      const SheetInfo *s = g_ptr_array_index (p->sheets, i);

      if (g_str_equal (s->name, name))
        return s;
    }
  return NULL;
}

/* ---- nianbao's own workbooks: the 数据 sheet ---- */

typedef struct
{
  GPtrArray *keys;     /* by row; NULL where none */
  GPtrArray *values;
} DataRows;

static void
data_cell (guint       row,
           guint       column,
           const char *text,
           gpointer    user_data)
{
  DataRows *d = user_data;
  GPtrArray *array;

  if (column > 1 || row > 100000)
    return;
  array = column == 0 ? d->keys : d->values;
  if (array->len <= row)
    {
      g_ptr_array_set_size (d->keys, row + 1);
      g_ptr_array_set_size (d->values, row + 1);
    }
  g_free (array->pdata[row]);
  array->pdata[row] = g_strdup (text);
}

static const char *
data_lookup (DataRows   *d,
             const char *key)
{
  for (guint i = 0; i < d->keys->len; i++)
    if (g_strcmp0 (d->keys->pdata[i], key) == 0)
      return d->values->pdata[i] ? d->values->pdata[i] : "";
  return NULL;
}

static void
free_gstring (gpointer data)
{
  g_string_free (data, TRUE);
}

static NbReport *
report_from_data (Package    *p,
                  DataRows   *d,
                  GPtrArray  *warnings,
                  GError    **error)
{
  g_autoptr(NbReport) report = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, NULL);
  g_autoptr(GPtrArray) text_values = g_ptr_array_new_with_free_func (free_gstring);
  g_autofree gboolean *seen = NULL;
  g_autofree NbNumber *inputs = NULL;
  const char *version, *year_text, *agency, *stated_totals;
  NbFormat *format;
  guint64 year;
  guint n_cells;

  if (d->keys->len == 0 || g_strcmp0 (d->keys->pdata[0], "key") != 0)
    {
      import_error (error, p->path, _("the sheet “%s” is not nianbao's data sheet (no key | value header)"),
                    NB_XLSX_DATA_SHEET);
      return NULL;
    }
  version = data_lookup (d, "format");
  year_text = data_lookup (d, "year");
  agency = data_lookup (d, "agency");
  if (!version || !year_text)
    {
      import_error (error, p->path, _("the data sheet lacks the report's format or year"));
      return NULL;
    }
  if (!(format = nb_format_get (version, &local_error)))
    {
      import_error (error, p->path, _("unknown report format “%s”: %s"), version, local_error->message);
      return NULL;
    }
  if (!g_ascii_string_to_unsigned (year_text, 10, 1990, 2999, &year, NULL))
    {
      import_error (error, p->path, _("the report year “%s” is not a year"), year_text);
      return NULL;
    }

  report = nb_report_new (format, (int) year, agency ? agency : "");
  n_cells = nb_format_get_n_cells (format);
  seen = g_new0 (gboolean, n_cells);
  inputs = g_new0 (NbNumber, n_cells);
  stated_totals = data_lookup (d, "stated_totals");

  nb_report_begin_group (report);
  for (guint i = 1; i < d->keys->len; i++)
    {
      const char *key = d->keys->pdata[i];
      const char *value = d->values->pdata[i] ? d->values->pdata[i] : "";
      const NbCellDef *def;

      if (!key || g_str_equal (key, "format") || g_str_equal (key, "year")
          || g_str_equal (key, "agency") || g_str_equal (key, "stated_totals"))
        continue;
      if (g_str_equal (key, "agency_kind") || g_str_equal (key, "date") || g_str_equal (key, "signoff"))
        {
          if (!nb_report_set_field (report, key, *value ? value : NULL, &local_error))
            {
              if (warnings)
                g_ptr_array_add (warnings, g_strdup_printf (_("Data sheet row %u (%s): %s"),
                                                            i + 1, key, local_error->message));
              g_clear_error (&local_error);
            }
          continue;
        }
      if (g_str_equal (key, "stated_title"))
        {
          nb_report_set_stated_title (report, *value ? value : NULL);
          continue;
        }
      if (g_str_has_prefix (key, "text/"))
        {
          GString *text = g_hash_table_lookup (texts, key);

          if (!text)
            {
              text = g_string_new (NULL);
              g_ptr_array_add (text_values, text);
              g_hash_table_insert (texts, (gpointer) key, text);
            }
          g_string_append (text, value);
          continue;
        }
      if (!(def = nb_format_find_cell (format, key)))
        {
          if (warnings)
            g_ptr_array_add (warnings, g_strdup_printf (_("Data sheet row %u: unknown key “%s” ignored"),
                                                        i + 1, key));
          continue;
        }
      if (!def->computed)
        {
          NbNumber number = nb_number_blank ();

          if (*value && !nb_number_parse (value, &number, &local_error))
            {
              if (warnings)
                g_ptr_array_add (warnings, g_strdup_printf (_("Data sheet row %u (%s): %s"),
                                                            i + 1, key, local_error->message));
              g_clear_error (&local_error);
              continue;
            }
          /* A value of the wrong kind came from an imported report: kept
           * as exported, for the checks to point at. */
          inputs[def->index] = number;
        }
      seen[def->index] = TRUE;
    }
  nb_report_load_inputs (report, inputs, seen);

  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, texts);
    while (g_hash_table_iter_next (&iter, &key, &value))
      if (!nb_report_set_text (report, (const char *) key + 5, ((GString *) value)->str, &local_error))
        {
          if (warnings)
            g_ptr_array_add (warnings, g_strdup_printf ("%s: %s", (const char *) key, local_error->message));
          g_clear_error (&local_error);
        }
  }

  /* Totals: stated ones as listed; a workbook from before stated_totals
   * existed marks a total stated where it differs from the sum. */
  for (guint i = 1; i < d->keys->len; i++)
    {
      const char *key = d->keys->pdata[i];
      const char *value = d->values->pdata[i] ? d->values->pdata[i] : "";
      const NbCellDef *def = key ? nb_format_find_cell (format, key) : NULL;
      NbNumber number = nb_number_blank (), sum;
      gboolean stated;

      if (!def || !def->computed)
        continue;
      if (*value && !nb_number_parse (value, &number, NULL))
        continue;
      if (stated_totals)
        {
          g_auto(GStrv) list = g_strsplit (stated_totals, " ", -1);

          stated = g_strv_contains ((const char *const *) list, key);
        }
      else
        {
          sum = nb_report_compute_at (report, def->index);
          stated = !nb_number_equal (&sum, &number);
        }
      if (stated)
        nb_report_set_stated_value (report, key, &number);
    }
  nb_report_end_group (report);

  for (guint i = 0; i < n_cells; i++)
    {
      const NbCellDef *def = nb_format_get_cell (format, i);

      if (!seen[i] && !def->computed && warnings)
        g_ptr_array_add (warnings, g_strdup_printf (_("The data sheet has no row for cell “%s”; it is left at its default"),
                                                    def->key));
    }

  nb_history_clear (nb_report_get_history (report));
  nb_report_set_modified (report, FALSE);
  return g_steal_pointer (&report);
}

static NbReport *
read_nianbao (Package    *p,
              GPtrArray  *warnings,
              GError    **error)
{
  const SheetInfo *sheet = find_sheet (p, NB_XLSX_DATA_SHEET);
  DataRows d = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free) };
  NbReport *report = NULL;

  read_shared_strings (p);
  if (read_sheet (p, sheet, data_cell, NULL, &d, error))
    report = report_from_data (p, &d, warnings, error);
  g_ptr_array_unref (d.keys);
  g_ptr_array_unref (d.values);
  return report;
}

/* ---- other workbooks: each sheet as a table ---- */

typedef struct
{
  GHashTable *cells;    /* (row << 16 | column) → text */
  GArray     *merges;   /* guint[4] each */
  guint       n_rows, n_columns;
  gboolean    too_big;
} SheetGrid;

#define GRID_KEY(r, c) GSIZE_TO_POINTER (((gsize) (r) << 16) | (gsize) (c))

static void
grid_cell (guint       row,
           guint       column,
           const char *text,
           gpointer    user_data)
{
  SheetGrid *g = user_data;
  char *copy;

  if (!*text || column >= 0x10000)
    return;
  if (g_hash_table_size (g->cells) >= MAX_SOURCE_CELLS || row >= MAX_SOURCE_ROWS
      || column >= MAX_SOURCE_COLUMNS)
    {
      g->too_big = TRUE;
      return;
    }
  copy = g_strdup (text);
  g_strstrip (copy);
  g_hash_table_insert (g->cells, GRID_KEY (row, column), copy);
  g->n_rows = MAX (g->n_rows, row + 1);
  g->n_columns = MAX (g->n_columns, column + 1);
}

static void
grid_merge (guint    row,
            guint    column,
            guint    last_row,
            guint    last_column,
            gpointer user_data)
{
  SheetGrid *g = user_data;
  guint m[4] = { row, column, last_row, last_column };

  g_array_append_vals (g->merges, m, 1);
}

static void
grid_to_source (SheetGrid   *g,
                const char  *sheet_name,
                NbSourceDoc *doc)
{
  g_autofree char *where = g_strdup_printf (_("sheet “%s”"), sheet_name);
  NbSourceBlock *table;
  g_autoptr(GHashTable) covered = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) spans = g_hash_table_new (NULL, NULL);
  /* Merged ranges that do not overlap cover at most the grid: beyond that
   * they overlap (a damaged or hostile sheet) and would cost n × area. */
  guint64 budget = (guint64) g->n_rows * g->n_columns;

  if (g->n_rows == 0)
    return;
  for (guint i = 0; i < g->merges->len; i++)
    {
      guint *m = &g_array_index (g->merges, guint, 4 * i);
      guint64 area;

      if (m[0] >= g->n_rows || m[1] >= g->n_columns || m[2] < m[0] || m[3] < m[1])
        continue;
      m[2] = MIN (m[2], g->n_rows - 1);
      m[3] = MIN (m[3], g->n_columns - 1);
      area = (guint64) (m[2] - m[0] + 1) * (m[3] - m[1] + 1);
      if (area > budget)
        break;
      budget -= area;
      g_hash_table_insert (spans, GRID_KEY (m[0], m[1]), m);
      for (guint r = m[0]; r <= m[2]; r++)
        for (guint c = m[1]; c <= m[3]; c++)
          if (r != m[0] || c != m[1])
            g_hash_table_add (covered, GRID_KEY (r, c));
    }

  /* A sheet of one column is running text (a 报告正文 sheet). */
  if (g->n_columns == 1)
    {
      for (guint r = 0; r < g->n_rows; r++)
        {
          const char *text = g_hash_table_lookup (g->cells, GRID_KEY (r, 0));

          if (text)
            {
              NbSourceBlock *b = nb_source_doc_add_paragraph (doc, text, r + 1);

              b->where = g_strdup (where);
            }
        }
      return;
    }

  table = nb_source_doc_add_table (doc, 1);
  table->where = g_strdup (where);
  /* One grid unit per column: fully empty rows are skipped unless a merged
   * cell spans them (then its rowspan would be wrong). */
  for (guint r = 0; r < g->n_rows; r++)
    {
      gboolean empty = TRUE;
      NbSourceRow *row;

      for (guint c = 0; c < g->n_columns && empty; c++)
        if (g_hash_table_contains (g->cells, GRID_KEY (r, c)) || g_hash_table_contains (covered, GRID_KEY (r, c))
            || g_hash_table_contains (spans, GRID_KEY (r, c)))
          empty = FALSE;
      if (empty)
        continue;
      row = nb_source_block_add_row (table, r + 1);
      for (guint c = 0; c < g->n_columns; c++)
        {
          const char *text = g_hash_table_lookup (g->cells, GRID_KEY (r, c));
          const guint *m = g_hash_table_lookup (spans, GRID_KEY (r, c));

          if (g_hash_table_contains (covered, GRID_KEY (r, c)))
            continue;
          nb_source_row_add_cell (row, text ? text : "",
                                  m ? m[3] - m[1] + 1 : 1, m ? m[2] - m[0] + 1 : 1);
        }
    }
}

static NbSourceDoc *
read_source (Package  *p,
             GError  **error)
{
  g_autoptr(NbSourceDoc) doc = nb_source_doc_new ("xlsx");

  read_shared_strings (p);
  for (guint i = 0; i < p->sheets->len; i++)
    {
      const SheetInfo *sheet = g_ptr_array_index (p->sheets, i);
      SheetGrid g = { g_hash_table_new_full (NULL, NULL, NULL, g_free),
                      g_array_new (FALSE, FALSE, sizeof (guint) * 4), 0, 0, FALSE };
      gboolean ok;

      if (sheet->hidden)
        continue;
      ok = read_sheet (p, sheet, grid_cell, grid_merge, &g, error);
      if (ok && g.too_big)
        nb_source_doc_warn (doc, _("The sheet “%s” is too big for a report form; only its first %u cells were read"),
                            sheet->name, MAX_SOURCE_CELLS);
      if (ok)
        grid_to_source (&g, sheet->name, doc);
      g_hash_table_unref (g.cells);
      g_array_unref (g.merges);
      if (!ok)
        return NULL;
    }
  return g_steal_pointer (&doc);
}

/* ---- public ---- */

gboolean
nb_xlsx_probe (const char  *path,
               NbXlsxKind  *kind,
               GError     **error)
{
  Package p;
  gboolean ok = package_open (&p, path, error);

  if (ok && kind)
    *kind = find_sheet (&p, NB_XLSX_DATA_SHEET) ? NB_XLSX_NIANBAO
            : find_sheet (&p, NB_SUMMARY_AGENCIES_SHEET) && find_sheet (&p, NB_SUMMARY_PROBLEMS_SHEET) ? NB_XLSX_SUMMARY
            : NB_XLSX_OTHER;
  package_clear (&p);
  return ok;
}

NbSourceDoc *
nb_xlsx_read_source (const char  *path,
                     GError     **error)
{
  Package p;
  NbSourceDoc *doc = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (package_open (&p, path, error))
    doc = read_source (&p, error);
  package_clear (&p);
  return doc;
}

NbReport *
nb_xlsx_read (const char  *path,
              GPtrArray   *warnings,
              GError     **error)
{
  Package p;
  NbReport *report = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!package_open (&p, path, error))
    {
      package_clear (&p);
      return NULL;
    }
  if (find_sheet (&p, NB_XLSX_DATA_SHEET))
    report = read_nianbao (&p, warnings, error);
  else if (find_sheet (&p, NB_SUMMARY_AGENCIES_SHEET) && find_sheet (&p, NB_SUMMARY_PROBLEMS_SHEET))
    import_error (error, path, _("this is a summary workbook made by nianbao from several reports, "
                                 "not an agency's report"));
  else
    {
      g_autoptr(NbSourceDoc) doc = read_source (&p, error);
      g_autoptr(NbImport) import = NULL;
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *display = g_filename_display_name (name);

      /* Another workbook: its sheets by the official tables' labels,
       * through the importers' one matcher; what it could not place is a
       * warning. */
      if (doc && (import = nb_import_match (doc, display, error)))
        {
          report = g_object_ref (import->report);
          for (guint i = 0; warnings && i < import->warnings->len; i++)
            g_ptr_array_add (warnings, g_strdup (g_ptr_array_index (import->warnings, i)));
        }
    }
  package_clear (&p);
  return report;
}

void
nb_xlsx_reader_init_threads (void)
{
  xmlInitParser ();
  /* Every libgsf class the reader may create (GSF_CLASS registers its
   * type on first use, with no lock: two threads would register it twice). */
  GType types[] = { GSF_INPUT_STDIO_TYPE, GSF_INPUT_MEMORY_TYPE, GSF_INPUT_PROXY_TYPE,
                    GSF_INPUT_GZIP_TYPE, GSF_INFILE_ZIP_TYPE, GSF_INFILE_MSOLE_TYPE };

  /* Classes made too (static types: they stay). */
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    g_type_class_unref (g_type_class_ref (types[i]));
}
