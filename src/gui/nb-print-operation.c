/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-print-operation.c — printing a report with the PDF's page layout */
#include "config.h"

#include "nb-page-layout.h"
#include "nb-preview-window.h"
#include "nb-print-operation.h"

struct _NbPrintOperation
{
  GtkPrintOperation  parent_instance;

  NbReport          *report;
  NbPageLayout      *layout;
};

G_DEFINE_FINAL_TYPE (NbPrintOperation, nb_print_operation, GTK_TYPE_PRINT_OPERATION)

static void
nb_print_operation_begin_print (GtkPrintOperation *operation,
                                GtkPrintContext   *context)
{
  NbPrintOperation *self = NB_PRINT_OPERATION (operation);

  g_clear_object (&self->layout);
  self->layout = nb_page_layout_new (self->report);
  /* The print context's font map, so measures match what it renders; the
   * page is always A4 as the official format requires. */
  nb_page_layout_paginate (self->layout, gtk_print_context_get_pango_fontmap (context),
                           NB_PAGE_A4_WIDTH, NB_PAGE_A4_HEIGHT);
  gtk_print_operation_set_n_pages (operation, (int) nb_page_layout_get_n_pages (self->layout));
}

static void
nb_print_operation_draw_page (GtkPrintOperation *operation,
                              GtkPrintContext   *context,
                              int                page_nr)
{
  NbPrintOperation *self = NB_PRINT_OPERATION (operation);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double sx = gtk_print_context_get_width (context) / NB_PAGE_A4_WIDTH;
  double sy = gtk_print_context_get_height (context) / NB_PAGE_A4_HEIGHT;

  /* Full page in points already; scale covers a printer whose page size
   * differs slightly (Letter trays print A4 pages shrunk, not cut). */
  cairo_save (cr);
  if (sx > 0 && sy > 0 && (ABS (sx - 1.0) > 0.001 || ABS (sy - 1.0) > 0.001))
    cairo_scale (cr, MIN (sx, sy), MIN (sx, sy));
  nb_page_layout_draw_page (self->layout, cr, (guint) page_nr);
  cairo_restore (cr);
}

static void
nb_print_operation_end_print (GtkPrintOperation *operation,
                              GtkPrintContext   *context)
{
  g_clear_object (&NB_PRINT_OPERATION (operation)->layout);
}

/* The print dialog's Preview button shows our own preview window (the
 * same pages), not an external viewer that may not be installed. GTK's
 * preview stays open until end_preview(), which may only come after it is
 * "ready" (paginated): so it is ended when the window closes, or when ready
 * if the window closed first. */
static void
end_when_ready (GtkPrintOperationPreview *preview,
                GtkPrintContext          *context,
                gpointer                  user_data)
{
  g_signal_handlers_disconnect_by_func (preview, end_when_ready, user_data);
  gtk_print_operation_preview_end_preview (preview);
}

static void
on_ready (GtkPrintOperationPreview *preview,
          GtkPrintContext          *context,
          gpointer                  user_data)
{
  g_object_set_data (G_OBJECT (preview), "nb-ready", GINT_TO_POINTER (1));
}

static void
on_preview_window_destroyed (GtkWidget                *window,
                             GtkPrintOperationPreview *preview)
{
  if (g_object_get_data (G_OBJECT (preview), "nb-ready"))
    gtk_print_operation_preview_end_preview (preview);
  else
    g_signal_connect (preview, "ready", G_CALLBACK (end_when_ready), NULL);
  g_object_unref (preview);
}

static gboolean
nb_print_operation_preview (GtkPrintOperation        *operation,
                            GtkPrintOperationPreview *preview,
                            GtkPrintContext          *context,
                            GtkWindow                *parent)
{
  NbPrintOperation *self = NB_PRINT_OPERATION (operation);
  NbPreviewWindow *window = nb_preview_window_new (parent, self->report);
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);

  /* GTK paginates a handled preview too and wants somewhere to draw:
   * a recording surface that nobody shows. */
  gtk_print_context_set_cairo_context (context, cr, 72, 72);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_signal_connect (preview, "ready", G_CALLBACK (on_ready), NULL);
  g_signal_connect (window, "destroy", G_CALLBACK (on_preview_window_destroyed), g_object_ref (preview));
  gtk_window_present (GTK_WINDOW (window));
  return TRUE;
}

static void
nb_print_operation_finalize (GObject *object)
{
  NbPrintOperation *self = NB_PRINT_OPERATION (object);

  g_clear_object (&self->layout);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (nb_print_operation_parent_class)->finalize (object);
}

static void
nb_print_operation_class_init (NbPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *print_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = nb_print_operation_finalize;
  print_class->begin_print = nb_print_operation_begin_print;
  print_class->draw_page = nb_print_operation_draw_page;
  print_class->end_print = nb_print_operation_end_print;
  print_class->preview = nb_print_operation_preview;
}

static void
nb_print_operation_init (NbPrintOperation *self)
{
}

NbPrintOperation *
nb_print_operation_new (NbReport *report)
{
  NbPrintOperation *self = g_object_new (NB_TYPE_PRINT_OPERATION, NULL);
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autofree char *title = nb_report_dup_title (report);

  self->report = g_object_ref (report);
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);
  gtk_print_operation_set_use_full_page (GTK_PRINT_OPERATION (self), TRUE);
  gtk_print_operation_set_unit (GTK_PRINT_OPERATION (self), GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), title);
  {
    /* Printing to a file offers the report's title, not GTK's “output”
     * (输出.pdf, replaced by the next report printed). */
    g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
    g_autofree char *name = g_strdelimit (g_strdup (title), "/\\", '_');

    gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, name);
    gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (self), settings);
  }
  gtk_print_operation_set_embed_page_setup (GTK_PRINT_OPERATION (self), FALSE);
  return self;
}
