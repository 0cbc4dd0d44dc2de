/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-problems-view.c — the list of every problem; activating one takes the
 * clerk to its cell or its words.
 *
 * A GtkListView: only the visible rows are widgets, so a report with
 * hundreds of problems (an imported text quoting figures that all
 * disagree) updates as fast as one with none. */
#include "config.h"

#include <glib/gi18n.h>

#include "nb-problem-row.h"
#include "nb-problems-view.h"

struct _NbProblemsView
{
  GtkWidget           parent_instance;

  GtkLabel           *summary;
  GtkWidget          *scroller;
  GtkListView        *list;

  GListStore         *store;       /* NbProblemRow, one per position */
  GtkSingleSelection *selection;
  GPtrArray          *problems;    /* what activating a row gives (current offsets) */
  /* What the rows estimate their lines from (nb_problem_row_set_metrics):
   * the list's width and each character's advance, measured once. */
  int                 width;
  GHashTable         *advances;    /* gunichar → Pango units */
  guint               generation;  /* of the font the advances are in */
  int                 overhead;    /* a row's width beside its message */
  int                 fix_width;   /* the Fix button and its spacing */
  gboolean            measured;    /* overhead read off a row on screen */
  guint               tick;        /* waiting for a row on screen to read it */
  guint               n_ticks;
  char               *font;
  guint               metrics_idle;
};

G_DEFINE_FINAL_TYPE (NbProblemsView, nb_problems_view, GTK_TYPE_WIDGET)

enum { PROBLEM_ACTIVATED, PROBLEM_FIX, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
on_activate (GtkListView    *list,
             guint           position,
             NbProblemsView *self)
{
  /* The array, not the store: its problems carry the current offsets. */
  if (self->problems && position < self->problems->len)
    g_signal_emit (self, signals[PROBLEM_ACTIVATED], 0, g_ptr_array_index (self->problems, position));
}

static void
nb_problems_view_dispose (GObject *object)
{
  NbProblemsView *self = NB_PROBLEMS_VIEW (object);

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_handle_id (&self->metrics_idle, g_source_remove);
  if (self->tick)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list), self->tick);
  self->tick = 0;
  g_clear_pointer (&self->advances, g_hash_table_unref);
  g_clear_pointer (&self->font, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), NB_TYPE_PROBLEMS_VIEW);
  /* The template's root has no id, so dispose_template leaves it to us. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->selection);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nb_problems_view_parent_class)->dispose (object);
}

static int
advance_of (gunichar c,
            gpointer user_data)
{
  NbProblemsView *self = user_data;
  gpointer cached;

  if (g_hash_table_lookup_extended (self->advances, GUINT_TO_POINTER (c), NULL, &cached))
    return GPOINTER_TO_INT (cached);
  {
    char text[8] = { 0 };
    g_autoptr(PangoLayout) layout = NULL;
    PangoRectangle logical;

    g_unichar_to_utf8 (c, text);
    layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->list), text);
    pango_layout_get_extents (layout, NULL, &logical);
    g_hash_table_insert (self->advances, GUINT_TO_POINTER (c), GINT_TO_POINTER (logical.width));
    return logical.width;
  }
}

static gboolean measure_tick (GtkWidget     *widget,
                              GdkFrameClock *clock,
                              gpointer       data);

/* A shown row's message and, if it shows, its Fix button. */
static gboolean
find_shown_row (GtkWidget  *widget,
                GtkWidget **inscription,
                GtkWidget **button)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_INSCRIPTION (c) && gtk_widget_get_mapped (c) && gtk_widget_get_width (c) > 0)
        {
          GtkWidget *next = gtk_widget_get_next_sibling (c);

          *inscription = c;
          *button = next && GTK_IS_BUTTON (next) && gtk_widget_get_visible (next) ? next : NULL;
          return TRUE;
        }
      if (find_shown_row (c, inscription, button))
        return TRUE;
    }
  return FALSE;
}

/* The list's width changed (its horizontal adjustment's page is the width
 * it was given), or its font: the rows' line estimates follow. What a row
 * keeps beside its message (icon, kind word, margins, the theme's padding)
 * is read off a row on screen once there is one; until then a guess. */
static void
update_metrics (NbProblemsView *self)
{
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->list));
  int width = h ? (int) gtk_adjustment_get_page_size (h) : 0;
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self->list));
  const PangoFontDescription *desc = pango_context_get_font_description (context);
  /* A context may hold no description (pango_context_set_font_description
   * with NULL): its advances are then the font map's default's. */
  g_autofree char *font = desc ? pango_font_description_to_string (desc) : g_strdup ("");
  GtkWidget *inscription = NULL, *button = NULL;
  int em, fix_width;
  guint n;

  if (g_strcmp0 (font, self->font) != 0)
    {
      g_hash_table_remove_all (self->advances);
      g_free (self->font);
      self->font = g_steal_pointer (&font);
      self->generation++;
    }
  if (width <= 0)
    return;
  em = advance_of (0x56FD /* 国 */, self) / PANGO_SCALE;
  if (find_shown_row (GTK_WIDGET (self->list), &inscription, &button))
    {
      int overhead = width - gtk_widget_get_width (inscription);

      if (button)
        overhead -= gtk_widget_get_width (button) + 8;
      self->overhead = overhead;
      self->measured = TRUE;
      if (button)
        self->fix_width = gtk_widget_get_width (button) + 8;
    }
  /* Margins 24, icon 16, two spacings 16, the kind word (at least 48). */
  if (self->overhead <= 0)
    self->overhead = 24 + 16 + 16 + MAX (48, 4 * em) + 8;
  fix_width = self->fix_width > 0 ? self->fix_width : 2 * em + 24 + 8;
  self->width = width;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NbProblemRow) row = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      nb_problem_row_set_metrics (row, width - self->overhead, fix_width, advance_of, self, self->generation);
    }
  /* Read the real overhead at the next frames, once rows are laid out. */
  if (!self->measured && n > 0 && self->tick == 0)
    {
      self->n_ticks = 0;
      self->tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list), measure_tick, self, NULL);
    }
}

static gboolean
measure_tick (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       data)
{
  NbProblemsView *self = data;

  update_metrics (self);
  if (self->measured || ++self->n_ticks > 10)
    {
      self->tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
metrics_idle (gpointer data)
{
  NbProblemsView *self = data;

  self->metrics_idle = 0;
  update_metrics (self);
  return G_SOURCE_REMOVE;
}

/* The page size changes while the list is being allocated, when a row's
 * new height would be lost: the rows follow right after, before the next
 * frame is laid out. */
static void
on_page_size (NbProblemsView *self)
{
  if (self->metrics_idle == 0)
    self->metrics_idle = g_idle_add_full (GTK_PRIORITY_RESIZE - 1, metrics_idle, self, NULL);
}

static void
on_hadjustment (NbProblemsView *self)
{
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->list));

  if (h)
    g_signal_connect_object (h, "notify::page-size", G_CALLBACK (on_page_size), self,
                             G_CONNECT_SWAPPED);
  update_metrics (self);
}

/* The fix button of a row (a problem with a one-click fix). */
static void
fix_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NbProblemsView *self = NB_PROBLEMS_VIEW (widget);
  guint position = g_variant_get_uint32 (parameter);

  if (self->problems && position < self->problems->len)
    g_signal_emit (self, signals[PROBLEM_FIX], 0, g_ptr_array_index (self->problems, position));
}

static void
nb_problems_view_class_init (NbProblemsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nb_problems_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/nianbao/Nianbao/ui/nb-problems-view.ui");
  gtk_widget_class_bind_template_child (widget_class, NbProblemsView, summary);
  gtk_widget_class_bind_template_child (widget_class, NbProblemsView, scroller);
  gtk_widget_class_bind_template_child (widget_class, NbProblemsView, list);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);

  signals[PROBLEM_ACTIVATED] = g_signal_new ("problem-activated", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, NB_TYPE_PROBLEM);
  /* "problem-fix" (NbProblem): the clerk asked for the problem's fix. */
  signals[PROBLEM_FIX] = g_signal_new ("problem-fix", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, NB_TYPE_PROBLEM);
  gtk_widget_class_install_action (widget_class, "problems.fix", "u", fix_activated);
}

static void
nb_problems_view_init (NbProblemsView *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  g_type_ensure (NB_TYPE_PROBLEM_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->store = g_list_store_new (NB_TYPE_PROBLEM_ROW);
  self->advances = g_hash_table_new (NULL, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->store)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  factory = gtk_builder_list_item_factory_new_from_resource (NULL, "/org/nianbao/Nianbao/ui/nb-problem-row.ui");
  gtk_list_view_set_factory (self->list, factory);
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (self->selection));
  /* The scrolled window gives the list its adjustments; the horizontal
   * one's page is the list's width. */
  g_signal_connect_object (self->list, "notify::hadjustment", G_CALLBACK (on_hadjustment), self,
                           G_CONNECT_SWAPPED);
  on_hadjustment (self);
  nb_problems_view_set_problems (self, NULL);
}

GtkWidget *
nb_problems_view_new (void)
{
  return g_object_new (NB_TYPE_PROBLEMS_VIEW, NULL);
}

void
nb_problems_view_set_problems (NbProblemsView *self,
                               GPtrArray      *problems)
{
  guint errors = 0, warnings = 0;
  g_autofree char *summary = NULL;
  guint n_rows;

  for (guint i = 0; problems && i < problems->len; i++)
    {
      NbProblem *p = g_ptr_array_index (problems, i);

      nb_problem_get_severity (p) == NB_SEVERITY_ERROR ? errors++ : warnings++;
    }

  if (problems != self->problems)
    {
      g_clear_pointer (&self->problems, g_ptr_array_unref);
      if (problems)
        self->problems = g_ptr_array_ref (problems);
    }

  /* Rows stay where they are and take the problem now at their place: a
   * row whose words did not change is not touched, and no row widget is
   * rebuilt (a splice of every row made the list rebuild up to two hundred
   * of them, ~0.3 s, when a table figure reworded hundreds of messages).
   * Only a change in number adds or drops rows at the end. */
  n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < MIN (n_rows, problems ? problems->len : 0); i++)
    {
      g_autoptr(NbProblemRow) row = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      nb_problem_row_set_problem (row, g_ptr_array_index (problems, i));
    }
  if (problems && problems->len > n_rows)
    {
      g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = n_rows; i < problems->len; i++)
        {
          NbProblemRow *row = nb_problem_row_new (g_ptr_array_index (problems, i), i);

          if (self->width > 0)
            nb_problem_row_set_metrics (row, self->width - self->overhead,
                                        self->fix_width > 0 ? self->fix_width : 64,
                                        advance_of, self, self->generation);
          g_ptr_array_add (added, row);
        }
      g_list_store_splice (self->store, n_rows, 0, added->pdata, added->len);
    }
  else if ((problems ? problems->len : 0) < n_rows)
    {
      guint keep = problems ? problems->len : 0;

      g_list_store_splice (self->store, keep, n_rows - keep, NULL, 0);
    }

  if (errors == 0 && warnings == 0)
    summary = g_strdup (_("No problems found"));
  else
    {
      g_autofree char *e = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", errors), errors);
      g_autofree char *w = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", warnings), warnings);
      summary = g_strdup_printf (_("Problems: %s, %s"), e, w);
    }
  gtk_label_set_text (self->summary, summary);
  gtk_widget_set_visible (self->scroller, errors + warnings > 0);
}

guint
nb_problems_view_get_n_rows (NbProblemsView *self)
{
  g_return_val_if_fail (NB_IS_PROBLEMS_VIEW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->store));
}

void
nb_problems_view_activate (NbProblemsView *self,
                           guint           i)
{
  g_return_if_fail (NB_IS_PROBLEMS_VIEW (self));
  if (i >= g_list_model_get_n_items (G_LIST_MODEL (self->store)))
    return;
  /* Show which one it is, as a click would. */
  gtk_single_selection_set_selected (self->selection, i);
  gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u", i);
  on_activate (self->list, i, self);
}

int
nb_problems_view_get_wanted_height (NbProblemsView *self,
                                    int             width)
{
  guint n = self->problems ? self->problems->len : 0;
  int summary = 0, line = 0;
  g_autoptr(GtkWidget) probe = NULL;

  g_return_val_if_fail (NB_IS_PROBLEMS_VIEW (self), 0);

  gtk_widget_measure (GTK_WIDGET (self->summary), GTK_ORIENTATION_VERTICAL, width, NULL, &summary, NULL, NULL);
  summary += gtk_widget_get_margin_top (GTK_WIDGET (self->summary)) +
             gtk_widget_get_margin_bottom (GTK_WIDGET (self->summary));
  if (n == 0)
    return summary;
  /* A row is its message's lines and its margins (ui/nb-problem-row.ui);
   * the window caps the pane and the list scrolls. */
  probe = g_object_ref_sink (gtk_label_new ("国"));
  gtk_widget_measure (probe, GTK_ORIENTATION_VERTICAL, -1, NULL, &line, NULL, NULL);
  {
    guint lines = 0, n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->store));

    for (guint i = 0; i < n_rows; i++)
      {
        g_autoptr(NbProblemRow) row = g_list_model_get_item (G_LIST_MODEL (self->store), i);

        lines += nb_problem_row_get_lines (row);
      }
    return summary + (int) MAX (lines, n) * line + (int) n * (8 + 4);
  }
}
