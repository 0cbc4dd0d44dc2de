/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-preview-window.c — the printed pages on screen
 *
 * Draws NbPageLayout's pages, the very ones the PDF and the printer get,
 * scaled to the window; a person checks the layout before printing or
 * exporting. */
#include "config.h"

#include <glib/gi18n.h>

#include "nb-page-layout.h"
#include "nb-preview-window.h"

struct _NbPreviewWindow
{
  GtkWindow       parent_instance;

  GtkDrawingArea *area;
  GtkLabel       *page_label;

  NbPageLayout   *layout;
  guint           page;
};

G_DEFINE_FINAL_TYPE (NbPreviewWindow, nb_preview_window, GTK_TYPE_WINDOW)

static void
update_page_label (NbPreviewWindow *self)
{
  guint n = nb_page_layout_get_n_pages (self->layout);
  g_autofree char *text = g_strdup_printf (_("Page %u of %u"), self->page + 1, n);

  gtk_label_set_text (self->page_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.previous", self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.next", self->page + 1 < n);
}

static void
draw_page (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  NbPreviewWindow *self = user_data;
  double margin = 16;
  double scale = MIN ((width - 2 * margin) / NB_PAGE_A4_WIDTH, (height - 2 * margin) / NB_PAGE_A4_HEIGHT);
  double pw, ph, x, y;

  if (scale <= 0 || nb_page_layout_get_n_pages (self->layout) == 0)
    return;
  pw = NB_PAGE_A4_WIDTH * scale;
  ph = NB_PAGE_A4_HEIGHT * scale;
  x = (width - pw) / 2;
  y = (height - ph) / 2;

  /* The sheet: a shadow, white paper, then the page itself. */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_rectangle (cr, x + 3, y + 3, pw, ph);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, pw, ph);
  cairo_fill (cr);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  cairo_set_source_rgb (cr, 0, 0, 0);
  nb_page_layout_draw_page (self->layout, cr, self->page);
  cairo_restore (cr);
}

static void
previous_activated (GtkWidget  *widget,
                    const char *action,
                    GVariant   *param)
{
  NbPreviewWindow *self = NB_PREVIEW_WINDOW (widget);

  if (self->page > 0)
    nb_preview_window_set_page (self, self->page - 1);
}

static void
next_activated (GtkWidget  *widget,
                const char *action,
                GVariant   *param)
{
  NbPreviewWindow *self = NB_PREVIEW_WINDOW (widget);

  nb_preview_window_set_page (self, self->page + 1);
}

static void
print_activated (GtkWidget  *widget,
                 const char *action,
                 GVariant   *param)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

  if (parent)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.print", NULL);
}

/* Paging keys, caught before the focused button sees them (Space would
 * press "Print…"). */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                NbPreviewWindow       *self)
{
  guint n = nb_page_layout_get_n_pages (self->layout);

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_Up: case GDK_KEY_Page_Up: case GDK_KEY_BackSpace:
      if (self->page > 0)
        nb_preview_window_set_page (self, self->page - 1);
      return TRUE;
    case GDK_KEY_Right: case GDK_KEY_Down: case GDK_KEY_Page_Down: case GDK_KEY_space:
      nb_preview_window_set_page (self, self->page + 1);
      return TRUE;
    case GDK_KEY_Home:
      nb_preview_window_set_page (self, 0);
      return TRUE;
    case GDK_KEY_End:
      if (n > 0)
        nb_preview_window_set_page (self, n - 1);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
nb_preview_window_dispose (GObject *object)
{
  NbPreviewWindow *self = NB_PREVIEW_WINDOW (object);

  g_clear_object (&self->layout);
  /* No gtk_widget_dispose_template(): the drawing area is the window's own
   * child, which GtkWindow disposes of itself. */

  G_OBJECT_CLASS (nb_preview_window_parent_class)->dispose (object);
}

static void
nb_preview_window_class_init (NbPreviewWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nb_preview_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/nianbao/Nianbao/ui/nb-preview-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NbPreviewWindow, area);
  gtk_widget_class_bind_template_child (widget_class, NbPreviewWindow, page_label);

  gtk_widget_class_install_action (widget_class, "preview.previous", NULL, previous_activated);
  gtk_widget_class_install_action (widget_class, "preview.next", NULL, next_activated);
  gtk_widget_class_install_action (widget_class, "preview.print", NULL, print_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
nb_preview_window_init (NbPreviewWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->area, draw_page, self, NULL);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  /* The page has the focus, not the Print button. */
  gtk_widget_set_focusable (GTK_WIDGET (self->area), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->area));
}

NbPreviewWindow *
nb_preview_window_new (GtkWindow *parent,
                       NbReport  *report)
{
  NbPreviewWindow *self = g_object_new (NB_TYPE_PREVIEW_WINDOW,
                                        "transient-for", parent,
                                        NULL);
  g_autofree char *title = nb_report_dup_title (report);
  g_autofree char *window_title = g_strdup_printf (_("Print Preview — %s"), title);

  gtk_window_set_title (GTK_WINDOW (self), window_title);
  self->layout = nb_page_layout_new (report);
  /* The screen's font map measures like the printer's: the layout fixes
   * 72 dpi and turns hinting off. */
  nb_page_layout_paginate (self->layout, NULL, NB_PAGE_A4_WIDTH, NB_PAGE_A4_HEIGHT);
  update_page_label (self);
  return self;
}

guint
nb_preview_window_get_n_pages (NbPreviewWindow *self)
{
  g_return_val_if_fail (NB_IS_PREVIEW_WINDOW (self), 0);
  return nb_page_layout_get_n_pages (self->layout);
}

guint
nb_preview_window_get_page (NbPreviewWindow *self)
{
  g_return_val_if_fail (NB_IS_PREVIEW_WINDOW (self), 0);
  return self->page;
}

void
nb_preview_window_set_page (NbPreviewWindow *self,
                            guint            page)
{
  g_return_if_fail (NB_IS_PREVIEW_WINDOW (self));
  if (page >= nb_page_layout_get_n_pages (self->layout))
    return;
  self->page = page;
  update_page_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}
