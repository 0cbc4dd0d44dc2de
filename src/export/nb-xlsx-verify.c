/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-xlsx-verify.c — check a written workbook reads back
 *
 * A workbook whose XML is malformed (a character XML forbids, a part cut
 * short) opens in LibreOffice as an empty sheet while the export said
 * success. Reading the zip directory with libgsf and every XML part with
 * libxml2 before the rename keeps the previous good file in that case.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gsf/gsf.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "nb-error.h"
#include "nb-xlsx-verify.h"

/* Whether @data is well-formed XML, parsed without building a tree (the
 * check is all that is wanted: a tree cost twice the time of the parse). */
static gboolean
well_formed (const char *data,
             int         size,
             int        *line)
{
  xmlSAXHandler sax = { 0 };
  xmlParserCtxtPtr ctxt;
  gboolean ok;

  sax.initialized = XML_SAX2_MAGIC;
  ctxt = xmlCreateMemoryParserCtxt (data, size);
  if (ctxt == NULL)
    return FALSE;
  /* An empty handler: no callbacks, no tree; errors stay in the context. */
  memcpy (ctxt->sax, &sax, sizeof sax);
  ctxt->userData = NULL;
  xmlCtxtUseOptions (ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlParseDocument (ctxt);
  ok = ctxt->wellFormed != 0;
  if (!ok)
    *line = ctxt->lastError.line;
  xmlFreeParserCtxt (ctxt);
  return ok;
}

static gboolean
verify_member (GsfInfile   *dir,
               const char  *prefix,
               guint       *n_xml,
               GError     **error)
{
  int n = gsf_infile_num_children (dir);

  for (int i = 0; i < n; i++)
    {
      /* libgsf 1.14.50 (Debian 12) has no g_autoptr support. */
      g_autoptr(GObject) child_ref = (GObject *) gsf_infile_child_by_index (dir, i);
      GsfInput *child = (GsfInput *) child_ref;
      const char *name = gsf_infile_name_by_index (dir, i);
      g_autofree char *full = g_strconcat (prefix, name ? name : "?", NULL);

      if (child == NULL)
        {
          g_set_error (error, NB_ERROR, NB_ERROR_EXPORT, _("the part “%s” of the workbook cannot be read"), full);
          return FALSE;
        }
      if (GSF_IS_INFILE (child) && gsf_infile_num_children (GSF_INFILE (child)) >= 0)
        {
          g_autofree char *sub = g_strconcat (full, "/", NULL);
          if (!verify_member (GSF_INFILE (child), sub, n_xml, error))
            return FALSE;
          continue;
        }
      if (name && (g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".rels")))
        {
          gsf_off_t size = gsf_input_size (child);
          const guint8 *data = size > 0 ? gsf_input_read (child, size, NULL) : NULL;
          int line = 0;

          if (size <= 0 || size > G_MAXINT || data == NULL)
            {
              g_set_error (error, NB_ERROR, NB_ERROR_EXPORT, _("the part “%s” of the workbook is empty or unreadable"), full);
              return FALSE;
            }
          if (!well_formed ((const char *) data, (int) size, &line))
            {
              g_set_error (error, NB_ERROR, NB_ERROR_EXPORT,
                           _("the part “%s” of the workbook is not well-formed XML (line %d)"),
                           full, line);
              return FALSE;
            }
          (*n_xml)++;
        }
    }
  return TRUE;
}

gboolean
nb_xlsx_verify (const char  *path,
                gpointer     user_data,
                GError     **error)
{
  g_autoptr(GObject) input = NULL;
  g_autoptr(GObject) zip_ref = NULL;
  g_autoptr(GObject) types = NULL;
  g_autoptr(GError) local_error = NULL;
  GsfInfile *zip = NULL;
  guint n_xml = 0;

  input = (GObject *) gsf_input_stdio_new (path, &local_error);
  if (input != NULL)
    zip_ref = (GObject *) gsf_infile_zip_new (GSF_INPUT (input), &local_error);
  zip = (GsfInfile *) zip_ref;
  if (zip == NULL)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_EXPORT, _("the workbook is not a readable zip file (%s)"),
                   local_error ? local_error->message : "?");
      return FALSE;
    }
  if (!verify_member (zip, "", &n_xml, error))
    return FALSE;
  types = (GObject *) gsf_infile_child_by_name (zip, "[Content_Types].xml");
  if (types == NULL || n_xml < 3)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_EXPORT, _("the workbook is incomplete"));
      return FALSE;
    }
  return TRUE;
}
