/* nb-pdf-export-tool — writes a .nianbao document as PDF (for tools/pdf-pages.sh)
 *
 *   nb-pdf-export-tool IN.nianbao OUT.pdf
 *
 * Prints the page count on success; exit status 1 with the message on
 * failure. Until nianbao-cli has an export command this is how a person
 * gets at the PDF without the window.
 */
#include "config.h"

#include <locale.h>

#include "nb-page-layout.h"
#include "nb-pdf-writer.h"
#include "nb-report-file.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbPageLayout) layout = NULL;
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  if (argc != 3)
    {
      g_printerr ("usage: %s IN.nianbao OUT.pdf\n", argv[0]);
      return 2;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  report = nb_report_file_load (file, NULL, &error);
  if (report == NULL || !nb_pdf_write (report, argv[2], &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  layout = nb_page_layout_new (report);
  nb_page_layout_paginate (layout, NULL, NB_PAGE_A4_WIDTH, NB_PAGE_A4_HEIGHT);
  g_print ("%u\n", nb_page_layout_get_n_pages (layout));
  return 0;
}
