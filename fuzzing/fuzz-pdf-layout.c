/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: the PDF table and paragraph rebuilder on made-up pages, as
 * poppler would give them (characters with boxes) with ruling lines.
 *
 * The bytes are records: an opening byte, then
 *   bit 0 set: a rule, four 16-bit coordinates (1/64 pt); bit 1: horizontal
 *   (y2 = y1) else vertical (x2 = x1);
 *   bit 0 clear: a character, a 16-bit code (a digit if bit 2, else a CJK
 *   character), x and y (16-bit, 1/64 pt), width and height (8-bit, 1/8 pt);
 *   bit 7: a new page before this record (up to 8 pages).
 * The same bytes, repeated, are also a small page image on which the rules
 * are looked for (nb_pdf_layout_find_rules).
 * tests/fuzz/pdf-layout/ holds seeds in this form. */
#include "config.h"

#include "fuzz.h"
#include "nb-pdf-layout.h"

#define MAX_PAGES 8

static guint
u16 (const uint8_t *p)
{
  return p[0] | (p[1] << 8);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GArray *chars[MAX_PAGES], *rules[MAX_PAGES];
  NbPdfPage pages[MAX_PAGES];
  NbSourceDoc *doc;
  guint n_pages = 1;
  size_t i = 0;

  if (size > NB_FUZZ_MAX_INPUT)
    return 0;
  nb_fuzz_set_logging ();
  doc = nb_source_doc_new ("pdf");

  for (guint p = 0; p < MAX_PAGES; p++)
    {
      chars[p] = g_array_new (FALSE, FALSE, sizeof (NbPdfChar));
      rules[p] = g_array_new (FALSE, FALSE, sizeof (NbPdfRule));
    }
  while (i < size)
    {
      uint8_t op = data[i++];

      if ((op & 0x80) && n_pages < MAX_PAGES)
        n_pages++;
      if (op & 1)
        {
          NbPdfRule r;

          if (i + 8 > size)
            break;
          r.x1 = u16 (data + i) / 64.0;
          r.y1 = u16 (data + i + 2) / 64.0;
          r.x2 = u16 (data + i + 4) / 64.0;
          r.y2 = u16 (data + i + 6) / 64.0;
          if (op & 2)
            r.y2 = r.y1;
          else
            r.x2 = r.x1;
          g_array_append_val (rules[n_pages - 1], r);
          i += 8;
        }
      else
        {
          NbPdfChar ch;
          guint code;

          if (i + 8 > size)
            break;
          code = u16 (data + i);
          ch.c = (op & 4) ? '0' + code % 10 : 0x4e00 + code % 0x5000;
          ch.x1 = u16 (data + i + 2) / 64.0;
          ch.y1 = u16 (data + i + 4) / 64.0;
          ch.x2 = ch.x1 + data[i + 6] / 8.0;
          ch.y2 = ch.y1 + data[i + 7] / 8.0;
          g_array_append_val (chars[n_pages - 1], ch);
          i += 8;
        }
    }
  for (guint p = 0; p < n_pages; p++)
    pages[p] = (NbPdfPage) { 595, 842, (NbPdfChar *) chars[p]->data, chars[p]->len,
                             (NbPdfRule *) rules[p]->data, rules[p]->len };
  nb_pdf_layout_rebuild (pages, n_pages, doc);
  nb_source_doc_free (doc);

  if (size > 0)
    {
      enum { W = 61, H = 47 };
      g_autofree guint8 *image = g_malloc (W * 4 * H);
      g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (NbPdfRule));

      for (size_t k = 0; k < W * 4 * H; k++)
        image[k] = data[k % size];
      nb_pdf_layout_find_rules (image, W, H, W * 4, 0.5 + data[0] % 4, (NbPdfChar *) chars[0]->data,
                                chars[0]->len, found);
      pages[0].rules = (NbPdfRule *) found->data;
      pages[0].n_rules = found->len;
      doc = nb_source_doc_new ("pdf");
      nb_pdf_layout_rebuild (pages, 1, doc);
      nb_source_doc_free (doc);
    }
  for (guint p = 0; p < MAX_PAGES; p++)
    {
      g_array_unref (chars[p]);
      g_array_unref (rules[p]);
    }
  return 0;
}
