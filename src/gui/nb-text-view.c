/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-text-view.c — one text section: the text, the format's guidance beside
 * it, a character count, sentences generated from the tables and, for
 * section 六 of version 2021, the 信息处理费 fields.
 *
 * Every edit goes into the model (which owns undo); model changes (undo,
 * load) come back into the buffer.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "nb-cell-entry.h"
#include "nb-sentence.h"
#include "nb-text-view.h"
#include "nb-section-page.h"

struct _NbTextView
{
  GtkWidget           parent_instance;

  GtkWidget          *paned;
  GtkLabel           *heading;
  GtkTextView        *text_view;
  GtkLabel           *count_label;
  GtkMenuButton      *insert_button;
  GtkLabel           *guidance;
  GtkWidget          *guidance_heading;
  GtkToggleButton    *guidance_button;
  GtkWidget          *side_scroller;
  GtkWidget          *review_bar;
  GtkLabel           *review_label;
  GtkButton          *review_button;
  GtkGrid            *fields;
  gboolean            show_guidance;

  NbReport           *report;
  const NbSectionDef *section;
  GtkTextBuffer      *buffer;
  GtkTextTag         *error_tag;
  GtkTextTag         *warning_tag;
  GPtrArray          *entries;    /* NbCellEntry */
  gboolean            syncing;
  GSignalGroup       *report_signals;  /* on the report, emptied before the report is let go */
};

static void section_page_iface_init (NbSectionPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NbTextView, nb_text_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (NB_TYPE_SECTION_PAGE, section_page_iface_init))

enum { PROP_0, PROP_SHOW_GUIDANCE, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* On a small screen the text gets the room; 六's fee fields stay. */
static void
apply_show_guidance (NbTextView *self)
{
  gboolean has_fields = gtk_widget_get_visible (GTK_WIDGET (self->fields));

  gtk_widget_set_visible (self->guidance_heading, self->show_guidance);
  gtk_widget_set_visible (GTK_WIDGET (self->guidance), self->show_guidance);
  gtk_widget_set_visible (self->side_scroller, self->show_guidance || has_fields);
  if (gtk_toggle_button_get_active (self->guidance_button) != self->show_guidance)
    gtk_toggle_button_set_active (self->guidance_button, self->show_guidance);
}

void
nb_text_view_set_show_guidance (NbTextView *self,
                                gboolean    show)
{
  g_return_if_fail (NB_IS_TEXT_VIEW (self));

  show = !!show;
  if (show == self->show_guidance)
    return;
  self->show_guidance = show;
  apply_show_guidance (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_GUIDANCE]);
}

gboolean
nb_text_view_get_show_guidance (NbTextView *self)
{
  g_return_val_if_fail (NB_IS_TEXT_VIEW (self), FALSE);
  return self->show_guidance;
}

static void
on_guidance_toggled (GtkToggleButton *button,
                     NbTextView      *self)
{
  nb_text_view_set_show_guidance (self, gtk_toggle_button_get_active (button));
}

static void
nb_text_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  NbTextView *self = NB_TEXT_VIEW (object);

  if (prop_id == PROP_SHOW_GUIDANCE)
    g_value_set_boolean (value, self->show_guidance);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
nb_text_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  NbTextView *self = NB_TEXT_VIEW (object);

  if (prop_id == PROP_SHOW_GUIDANCE)
    nb_text_view_set_show_guidance (self, g_value_get_boolean (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
nb_text_view_dispose (GObject *object)
{
  NbTextView *self = NB_TEXT_VIEW (object);

  g_clear_object (&self->report_signals);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_object (&self->report);
  gtk_widget_dispose_template (GTK_WIDGET (self), NB_TYPE_TEXT_VIEW);

  G_OBJECT_CLASS (nb_text_view_parent_class)->dispose (object);
}

static gboolean
scroll_to_cursor_later (gpointer user_data)
{
  NbTextView *self = user_data;

  if (self->text_view)
    gtk_text_view_scroll_to_mark (self->text_view, gtk_text_buffer_get_insert (self->buffer), 0.1, FALSE, 0, 0);
  return G_SOURCE_REMOVE;
}

static void
insert_sentence (NbTextView *self,
                 char       *sentence)
{
  GtkTextIter iter;

  if (sentence == NULL)
    return;
  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  {
    /* A paragraph of its own after the one the cursor is in (never inside
     * it), separated as the text's paragraphs are (a blank line or not). */
    g_autoptr(GString) text = g_string_new (NULL);
    GtkTextIter start, end;
    g_autofree char *all = NULL;
    const char *separator;

    gtk_text_buffer_get_bounds (self->buffer, &start, &end);
    all = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
    separator = strstr (all, "\n\n") ? "\n\n" : "\n";
    if (gtk_text_iter_starts_line (&iter) && gtk_text_iter_ends_line (&iter))
      g_string_append (text, sentence);        /* an empty line: right here */
    else
      {
        if (!gtk_text_iter_ends_line (&iter))
          gtk_text_iter_forward_to_line_end (&iter);
        g_string_append (text, separator);
        g_string_append (text, sentence);
      }
    gtk_text_buffer_insert (self->buffer, &iter, text->str, -1);
    gtk_text_buffer_place_cursor (self->buffer, &iter);
  }
  gtk_text_buffer_end_user_action (self->buffer);
  g_free (sentence);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  /* The clerk sees what went in, also at the end of a long text. A mark,
   * not an iter: it is scrolled to once the new lines are laid out. */
  gtk_text_view_scroll_to_mark (self->text_view, gtk_text_buffer_get_insert (self->buffer), 0.1, FALSE, 0, 0);
  /* Lines above it are measured while scrolling there, which can move it
   * again: once more when that is done. */
  g_timeout_add_full (G_PRIORITY_LOW, 150, scroll_to_cursor_later, g_object_ref (self), g_object_unref);
}

/* "text.insert-sentence('requests')": one of the format's sentences. */
static void
insert_from_tables (GtkWidget  *widget,
                    const char *action,
                    GVariant   *param)
{
  NbTextView *self = NB_TEXT_VIEW (widget);

  insert_sentence (self, nb_sentence_render (self->report, g_variant_get_string (param, NULL)));
}

static void
insert_fees (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  NbTextView *self = NB_TEXT_VIEW (widget);
  char *sentence = nb_sentence_fees (self->report);

  if (sentence == NULL)
    {
      nb_section_page_emit_refused (NB_SECTION_PAGE (self),
                                    _("Fill in the four information-processing-fee fields first (0 when there were none)"));
      return;
    }
  insert_sentence (self, sentence);
}

/* Tab into the page starts in the text: GTK would order the children by
 * where they are drawn, and a page built by the tab switch that shows it is
 * not laid out yet (the guidance button came first). */
static gboolean
nb_text_view_focus (GtkWidget        *widget,
                    GtkDirectionType  direction)
{
  NbTextView *self = NB_TEXT_VIEW (widget);

  if (gtk_widget_get_focus_child (widget) == NULL && direction == GTK_DIR_TAB_FORWARD &&
      gtk_widget_grab_focus (GTK_WIDGET (self->text_view)))
    return TRUE;
  return GTK_WIDGET_CLASS (nb_text_view_parent_class)->focus (widget, direction);
}

static void
nb_text_view_class_init (NbTextViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nb_text_view_dispose;
  object_class->get_property = nb_text_view_get_property;
  object_class->set_property = nb_text_view_set_property;
  widget_class->focus = nb_text_view_focus;
  properties[PROP_SHOW_GUIDANCE] =
    g_param_spec_boolean ("show-guidance", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/nianbao/Nianbao/ui/nb-text-view.ui");
  gtk_widget_class_bind_template_child (widget_class, NbTextView, paned);
  gtk_widget_class_bind_template_child (widget_class, NbTextView, heading);
  gtk_widget_class_bind_template_child (widget_class, NbTextView, text_view);
  gtk_widget_class_bind_template_child (widget_class, NbTextView, count_label);
  gtk_widget_class_bind_template_child (widget_class, NbTextView, insert_button);
  gtk_widget_class_bind_template_child (widget_class, NbTextView, guidance);
  gtk_widget_class_bind_template_child (widget_class, NbTextView, fields);
  gtk_widget_class_bind_template_child (widget_class, NbTextView, guidance_heading);
  gtk_widget_class_bind_template_child (widget_class, NbTextView, guidance_button);
  gtk_widget_class_bind_template_child (widget_class, NbTextView, side_scroller);
  gtk_widget_class_bind_template_child (widget_class, NbTextView, review_bar);
  gtk_widget_class_bind_template_child (widget_class, NbTextView, review_label);
  gtk_widget_class_bind_template_child (widget_class, NbTextView, review_button);

  gtk_widget_class_install_action (widget_class, "text.insert-sentence", "s", insert_from_tables);
  gtk_widget_class_install_action (widget_class, "text.insert-fees", NULL, insert_fees);
}

/* Ctrl+Page Down/Up go to the next/previous section from the text too, as
 * from the tables: GtkTextView would take them to scroll sideways, which a
 * wrapped text never does. Capture phase: before the text view's bindings. */
static gboolean
on_text_key_pressed (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     NbTextView            *self)
{
  GtkWidget *notebook;
  gboolean handled = FALSE;
  int offset;

  if ((state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK)) != GDK_CONTROL_MASK)
    return FALSE;
  if (keyval == GDK_KEY_Page_Down || keyval == GDK_KEY_KP_Page_Down)
    offset = 1;
  else if (keyval == GDK_KEY_Page_Up || keyval == GDK_KEY_KP_Page_Up)
    offset = -1;
  else
    return FALSE;
  notebook = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_NOTEBOOK);
  if (notebook)
    g_signal_emit_by_name (notebook, "change-current-page", offset, &handled);
  return handled;
}

static void
nb_text_view_init (NbTextView *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->show_guidance = TRUE;
  gtk_toggle_button_set_active (self->guidance_button, TRUE);
  g_signal_connect (self->guidance_button, "toggled", G_CALLBACK (on_guidance_toggled), self);
  self->entries = g_ptr_array_new ();
  self->buffer = gtk_text_view_get_buffer (self->text_view);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_text_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), keys);
  /* The model owns undo (Ctrl+Z is the window's); the buffer keeps none. */
  gtk_text_buffer_set_enable_undo (self->buffer, FALSE);
  self->error_tag = gtk_text_buffer_create_tag (self->buffer, "nb-error",
                                                "underline", PANGO_UNDERLINE_ERROR,
                                                "underline-rgba", &(GdkRGBA) { 0.85, 0.1, 0.1, 1 },
                                                NULL);
  self->warning_tag = gtk_text_buffer_create_tag (self->buffer, "nb-warning",
                                                  "underline", PANGO_UNDERLINE_DOUBLE,
                                                  "underline-rgba", &(GdkRGBA) { 0.8, 0.5, 0.0, 1 },
                                                  "background-rgba", &(GdkRGBA) { 1.0, 0.85, 0.3, 0.25 },
                                                  NULL);
}

static void
update_count (NbTextView *self)
{
  int chars = gtk_text_buffer_get_char_count (self->buffer);
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d character", "%d characters", chars),
                                           chars);
  gtk_label_set_text (self->count_label, text);
}

static void
on_buffer_changed (GtkTextBuffer *buffer,
                   NbTextView    *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  update_count (self);
  if (self->syncing)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  self->syncing = TRUE;
  nb_report_set_text (self->report, self->section->key, text, NULL);
  self->syncing = FALSE;
}

static void
on_text_changed (NbReport   *report,
                 const char *section,
                 NbTextView *self)
{
  GtkTextIter start, end;
  g_autofree char *current = NULL;
  const char *text;

  if (self->syncing || g_strcmp0 (section, self->section->key) != 0)
    return;
  text = nb_report_get_text (report, section);
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  current = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
  if (g_strcmp0 (current, text) == 0)
    return;
  self->syncing = TRUE;
  gtk_text_buffer_set_text (self->buffer, text, -1);
  self->syncing = FALSE;
}

/* A draft carried from last year says so above the text until edited. */
static void
update_review_bar (NbTextView *self)
{
  gboolean draft = nb_report_get_needs_review (self->report, self->section->key);

  if (draft)
    gtk_label_set_text (self->review_label,
                        _("Last year's text, carried over as a draft. Bring its year, figures and work "
                          "up to date; the mark goes when you edit it."));
  gtk_widget_set_visible (self->review_bar, draft);
}

static void
on_review_clicked (GtkButton  *button,
                   NbTextView *self)
{
  nb_report_set_needs_review (self->report, self->section->key, FALSE);
  /* Not an edit of a field, but the file changes: it needs saving. */
  nb_report_set_modified (self->report, TRUE);
  update_review_bar (self);
}

static void
on_changed (NbReport   *report,
            NbTextView *self)
{
  update_review_bar (self);
  for (guint i = 0; i < self->entries->len; i++)
    nb_cell_entry_refresh (g_ptr_array_index (self->entries, i));
}

static void
on_field_refused (NbCellEntry *entry,
                  const char  *message,
                  NbTextView  *self)
{
  g_autofree char *text = g_strdup_printf (_("“%s”: %s"), nb_cell_entry_get_cell (entry)->label, message);
  nb_section_page_emit_refused (NB_SECTION_PAGE (self), text);
}

static void
on_field_move (NbCellEntry *entry,
               int          rows,
               int          columns,
               NbTextView  *self)
{
  for (guint i = 0; i < self->entries->len; i++)
    if (g_ptr_array_index (self->entries, i) == entry)
      {
        int next = (int) i + (rows != 0 ? rows : columns);
        if (next >= 0 && next < (int) self->entries->len)
          nb_cell_entry_focus (g_ptr_array_index (self->entries, next));
        return;
      }
}

GtkWidget *
nb_text_view_new (NbReport           *report,
                  const NbSectionDef *section)
{
  NbTextView *self = g_object_new (NB_TYPE_TEXT_VIEW, NULL);
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkTextIter start;

  g_return_val_if_fail (section->kind == NB_SECTION_TEXT, NULL);

  self->report = g_object_ref (report);
  self->section = section;
  gtk_label_set_text (self->heading, section->heading);
  {
    /* "统计期限为YYYY年1月1日至YYYY年12月31日" with this report's year. */
    g_autofree char *year = g_strdup_printf ("%d", nb_report_get_year (report));
    g_autoptr(GString) guidance = g_string_new (section->guidance ? section->guidance : "");

    g_string_replace (guidance, "YYYY", year, 0);
    gtk_label_set_text (self->guidance, guidance->str);
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, section->heading, -1);

  /* The format's own sentences, labelled by its data ("依申请公开（表三）"). */
  {
    NbFormat *format = nb_report_get_format (report);

    if (nb_sentence_check_format (format, NULL))
      for (guint i = 0; i < nb_sentence_get_n_sentences (format); i++)
        {
          g_autoptr(GMenuItem) item = g_menu_item_new (nb_sentence_get_label (format, i), NULL);

          g_menu_item_set_action_and_target (item, "text.insert-sentence", "s", nb_sentence_get_id (format, i));
          g_menu_append_item (menu, item);
        }
  }
  if (section->fields->len > 0)
    g_menu_append (menu, _("Information processing fees (the fields beside)"), "text.insert-fees");
  gtk_menu_button_set_menu_model (self->insert_button, G_MENU_MODEL (menu));

  /* Section fields (the 2021 信息处理费 figures). */
  for (guint i = 0; i < section->fields->len; i++)
    {
      const NbCellDef *def = g_ptr_array_index (section->fields, i);
      GtkWidget *label = gtk_label_new (def->label);
      GtkWidget *entry = nb_cell_entry_new (report, def);
      GtkWidget *unit = gtk_label_new (def->unit ? def->unit : "");

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_grid_attach (self->fields, label, 0, (int) i, 1, 1);
      gtk_grid_attach (self->fields, entry, 1, (int) i, 1, 1);
      gtk_grid_attach (self->fields, unit, 2, (int) i, 1, 1);
      g_signal_connect (entry, "refused", G_CALLBACK (on_field_refused), self);
      g_signal_connect (entry, "move", G_CALLBACK (on_field_move), self);
      g_ptr_array_add (self->entries, entry);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->fields), section->fields->len > 0);

  self->syncing = TRUE;
  gtk_text_buffer_set_text (self->buffer, nb_report_get_text (report, section->key), -1);
  self->syncing = FALSE;
  gtk_text_buffer_get_start_iter (self->buffer, &start);
  gtk_text_buffer_place_cursor (self->buffer, &start);
  update_count (self);

  g_signal_connect (self->buffer, "changed", G_CALLBACK (on_buffer_changed), self);
  self->report_signals = g_signal_group_new (NB_TYPE_REPORT);
  g_signal_group_connect (self->report_signals, "text-changed", G_CALLBACK (on_text_changed), self);
  g_signal_group_connect (self->report_signals, "changed", G_CALLBACK (on_changed), self);
  g_signal_group_set_target (self->report_signals, report);
  g_signal_connect (self->review_button, "clicked", G_CALLBACK (on_review_clicked), self);
  update_review_bar (self);
  return GTK_WIDGET (self);
}

const char *
nb_text_view_get_section (NbTextView *self)
{
  return self->section->key;
}

GtkTextView *
nb_text_view_get_text_view (NbTextView *self)
{
  return self->text_view;
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const guint *x = a, *y = b;

  return x[0] < y[0] ? -1 : x[0] > y[0];
}

typedef struct
{
  guint start;
  guint end;
} Range;

/* The problems' ranges for @tag as the buffer would hold them: sorted,
 * overlapping and touching ones merged. */
static GArray *
wanted_ranges (NbTextView *self,
               GPtrArray  *problems,
               GtkTextTag *tag)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  GArray *merged = g_array_new (FALSE, FALSE, sizeof (Range));

  for (guint i = 0; problems && i < problems->len; i++)
    {
      NbProblem *p = g_ptr_array_index (problems, i);
      GtkTextTag *t = nb_problem_get_severity (p) == NB_SEVERITY_ERROR ? self->error_tag : self->warning_tag;

      if (t == tag && g_strcmp0 (nb_problem_get_section (p), self->section->key) == 0 &&
          nb_problem_get_end (p) > nb_problem_get_start (p))
        {
          Range r = { nb_problem_get_start (p), nb_problem_get_end (p) };
          g_array_append_val (ranges, r);
        }
    }
  g_array_sort (ranges, compare_ranges);
  for (guint i = 0; i < ranges->len; i++)
    {
      Range *r = &g_array_index (ranges, Range, i);
      Range *last = merged->len > 0 ? &g_array_index (merged, Range, merged->len - 1) : NULL;

      if (last != NULL && r->start <= last->end)
        last->end = MAX (last->end, r->end);
      else
        g_array_append_val (merged, *r);
    }
  g_array_unref (ranges);
  return merged;
}

/* The ranges @tag covers in the buffer now. */
static GArray *
shown_ranges (NbTextView *self,
              GtkTextTag *tag)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  GtkTextIter start, end;

  gtk_text_buffer_get_start_iter (self->buffer, &start);
  if (!gtk_text_iter_starts_tag (&start, tag))
    gtk_text_iter_forward_to_tag_toggle (&start, tag);
  while (!gtk_text_iter_is_end (&start))
    {
      Range r;

      end = start;
      gtk_text_iter_forward_to_tag_toggle (&end, tag);
      r.start = gtk_text_iter_get_offset (&start);
      r.end = gtk_text_iter_get_offset (&end);
      g_array_append_val (ranges, r);
      start = end;
      if (!gtk_text_iter_forward_to_tag_toggle (&start, tag))
        break;
    }
  return ranges;
}

/* Calls @apply on every part of @a that @b does not cover (both sorted and
 * disjoint). */
static void
for_each_difference (GArray     *a,
                     GArray     *b,
                     NbTextView *self,
                     GtkTextTag *tag,
                     void      (*apply) (GtkTextBuffer *, GtkTextTag *,
                                         const GtkTextIter *, const GtkTextIter *))
{
  guint j = 0;

  for (guint i = 0; i < a->len; i++)
    {
      Range r = g_array_index (a, Range, i);
      guint at = r.start;

      while (j < b->len && g_array_index (b, Range, j).end <= at)
        j++;
      for (guint k = j; at < r.end; k++)
        {
          guint stop = r.end;

          if (k < b->len && g_array_index (b, Range, k).start < r.end)
            stop = MAX (at, g_array_index (b, Range, k).start);
          if (stop > at)
            {
              GtkTextIter s, e;

              gtk_text_buffer_get_iter_at_offset (self->buffer, &s, (int) at);
              gtk_text_buffer_get_iter_at_offset (self->buffer, &e, (int) stop);
              apply (self->buffer, tag, &s, &e);
            }
          if (k >= b->len || g_array_index (b, Range, k).start >= r.end)
            break;
          at = MAX (at, g_array_index (b, Range, k).end);
        }
    }
}

void
nb_text_view_set_problems (NbTextView *self,
                           GPtrArray  *problems)
{
  GtkTextTag *tags[] = { self->error_tag, self->warning_tag };

  for (guint i = 0; i < self->entries->len; i++)
    nb_cell_entry_set_problems (g_ptr_array_index (self->entries, i), problems);

  /* Tags move with the text, so after typing they are usually still right;
   * after a table edit only a few figures change their verdict. Only what
   * differs is touched: restyling the whole text relays it out, which is
   * what would make typing and table edits lag in a long report. */
  for (guint t = 0; t < G_N_ELEMENTS (tags); t++)
    {
      g_autoptr(GArray) wanted = wanted_ranges (self, problems, tags[t]);
      g_autoptr(GArray) shown = shown_ranges (self, tags[t]);

      for_each_difference (shown, wanted, self, tags[t], gtk_text_buffer_remove_tag);
      for_each_difference (wanted, shown, self, tags[t], gtk_text_buffer_apply_tag);
    }
}

void
nb_text_view_select (NbTextView *self,
                     guint       start,
                     guint       end)
{
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &a, (int) start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &b, (int) end);
  gtk_text_buffer_select_range (self->buffer, &a, &b);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  gtk_text_view_scroll_to_mark (self->text_view, gtk_text_buffer_get_insert (self->buffer), 0.1, FALSE, 0, 0);
}

gboolean
nb_text_view_focus_field (NbTextView *self,
                          const char *key)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      NbCellEntry *entry = g_ptr_array_index (self->entries, i);
      if (g_strcmp0 (nb_cell_entry_get_cell (entry)->key, key) == 0)
        {
          nb_cell_entry_focus (entry);
          return TRUE;
        }
    }
  return FALSE;
}

/* ---- NbSectionPage ----------------------------------------------------- */

static void
section_page_set_problems (NbSectionPage *page,
                           GPtrArray     *problems)
{
  nb_text_view_set_problems (NB_TEXT_VIEW (page), problems);
}

static gboolean
section_page_focus_key (NbSectionPage *page,
                        const char    *key)
{
  return nb_text_view_focus_field (NB_TEXT_VIEW (page), key);
}

static gboolean
section_page_select_range (NbSectionPage *page,
                           guint          start,
                           guint          end)
{
  nb_text_view_select (NB_TEXT_VIEW (page), start, end);
  return TRUE;
}

static void
section_page_iface_init (NbSectionPageInterface *iface)
{
  iface->set_problems = section_page_set_problems;
  iface->focus_key = section_page_focus_key;
  iface->select_range = section_page_select_range;
}
