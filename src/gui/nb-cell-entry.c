/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-cell-entry.c — an entry bound to one cell of a report
 *
 * Accepts only what the cell's kind allows (full-width digits become ASCII,
 * a minus sign only where signed, a point only where decimal) and says why
 * when it refuses something; commits to the model on Enter or when focus
 * leaves, so the model's history holds one step per edited cell.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "nb-cell-entry.h"

struct _NbCellEntry
{
  GtkWidget        parent_instance;

  GtkWidget       *entry;
  NbReport        *report;
  const NbCellDef *cell;
  gboolean         inserting;
  /* Set when a minus sign or a point was refused while typing: the clerk
   * meant another number ("-5", "2.5"), so committing what is left ("5",
   * "25") would store a wrong figure; the edit is dropped instead. */
  char            *refused_intent;
  guint            select_idle;
  gboolean         just_focused;
  /* What the mark shows now (0 none, 1 warning, 2 error) and its tooltip:
   * after each edit only the cells whose mark changes are touched, since
   * restyling hundreds of entries is what would make typing lag. */
  int              shown_state;
  char            *shown_tooltip;
};

G_DEFINE_FINAL_TYPE (NbCellEntry, nb_cell_entry, GTK_TYPE_WIDGET)

enum { REFUSED, MOVE, PASTE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
nb_cell_entry_dispose (GObject *object)
{
  NbCellEntry *self = NB_CELL_ENTRY (object);

  g_clear_pointer (&self->entry, gtk_widget_unparent);
  g_clear_object (&self->report);
  g_clear_pointer (&self->refused_intent, g_free);
  g_clear_pointer (&self->shown_tooltip, g_free);

  G_OBJECT_CLASS (nb_cell_entry_parent_class)->dispose (object);
}

static void
nb_cell_entry_class_init (NbCellEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nb_cell_entry_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nb-cell");

  signals[REFUSED] = g_signal_new ("refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[MOVE] = g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);
  signals[PASTE] = g_signal_new ("paste", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
nb_cell_entry_init (NbCellEntry *self)
{
}

static void
refuse (NbCellEntry *self,
        const char  *message)
{
  gtk_widget_error_bell (GTK_WIDGET (self));
  g_signal_emit (self, signals[REFUSED], 0, message);
}

/* Filters typed or pasted text to what the kind allows. */
static void
on_insert_text (GtkEditable *editable,
                const char  *text,
                int          length,
                int         *position,
                NbCellEntry *self)
{
  g_autoptr(GString) ok = g_string_new (NULL);
  const char *current = gtk_editable_get_text (editable);
  gboolean has_point = strchr (current, '.') != NULL;
  const char *refused = NULL;
  gboolean intent = FALSE;
  const char *end;

  if (self->inserting)
    return;
  if (length < 0)
    length = (int) strlen (text);
  end = text + length;

  /* A block copied from a spreadsheet fills several cells. */
  if (memchr (text, '\t', length) || memchr (text, '\n', length))
    {
      g_autofree char *block = g_strndup (text, length);
      g_signal_stop_emission_by_name (editable, "insert-text");
      g_signal_emit (self, signals[PASTE], 0, block);
      return;
    }

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF10 && c <= 0xFF19)      /* full-width ０–９ */
        c = '0' + (c - 0xFF10);
      else if (c == 0xFF0E)                /* ． */
        c = '.';
      else if (c == 0xFF0D || c == 0x2212) /* － − */
        c = '-';

      if (c >= '0' && c <= '9')
        g_string_append_c (ok, (char) c);
      else if (c == '-' && self->cell->kind.type == NB_KIND_SIGNED)
        {
          if (*position == 0 && ok->len == 0 && current[0] != '-')
            g_string_append_c (ok, '-');
          else
            refused = _("A minus sign can only come first"), intent = TRUE;
        }
      else if (c == '-')
        refused = _("This cell takes no negative numbers"), intent = TRUE;
      else if (c == '.' && self->cell->kind.type == NB_KIND_DECIMAL)
        {
          if (!has_point)
            {
              g_string_append_c (ok, '.');
              has_point = TRUE;
            }
          else
            refused = _("A number has only one decimal point"), intent = TRUE;
        }
      else if (c == '.')
        refused = _("This cell takes whole numbers only"), intent = TRUE;
      else if (c == ',' || c == 0xFF0C || c == ' ' || c == 0x3000)
        ;   /* thousands separators and spaces from pasted figures: dropped */
      else
        refused = _("Only digits can be typed here");
    }

  if (refused)
    {
      if (intent)
        {
          g_free (self->refused_intent);
          self->refused_intent = g_strdup (refused);
        }
      refuse (self, refused);
    }

  if (ok->len != (gsize) length || memcmp (ok->str, text, length) != 0)
    {
      g_signal_stop_emission_by_name (editable, "insert-text");
      if (ok->len > 0)
        {
          self->inserting = TRUE;
          gtk_editable_insert_text (editable, ok->str, (int) ok->len, position);
          self->inserting = FALSE;
        }
    }
}

gboolean
nb_cell_entry_commit (NbCellEntry *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *current = nb_report_dup_field (self->report, self->cell->key, NULL);
  g_autoptr(GError) error = NULL;

  if (self->refused_intent)
    {
      g_autofree char *intent = g_steal_pointer (&self->refused_intent);
      g_autofree char *message = g_strdup_printf (_("%s — the value was not changed"), intent);

      refuse (self, message);
      nb_cell_entry_refresh (self);
      gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
      return FALSE;
    }
  if (g_strcmp0 (text, current) == 0)
    return TRUE;
  /* An emptied table cell means 0 (a blank cell is a defect); a field may be blank. */
  if (*text == '\0' && self->cell->table)
    text = "0";
  if (!nb_report_set_value_from_string (self->report, self->cell->key, text, &error))
    {
      g_autofree char *message = g_strdup_printf (_("%s — the value was not changed"), error->message);
      refuse (self, message);
      nb_cell_entry_refresh (self);
      return FALSE;
    }
  nb_cell_entry_refresh (self);
  return TRUE;
}

void
nb_cell_entry_refresh (NbCellEntry *self)
{
  g_autofree char *value = nb_report_dup_field (self->report, self->cell->key, NULL);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), value) != 0)
    {
      self->inserting = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->entry), value ? value : "");
      self->inserting = FALSE;
    }
}

static void
on_activate (GtkEntry    *entry,
             NbCellEntry *self)
{
  if (nb_cell_entry_commit (self))
    g_signal_emit (self, signals[MOVE], 0, 1, 0);
}

static gboolean
select_all_cb (gpointer user_data)
{
  NbCellEntry *self = user_data;

  self->select_idle = 0;
  if (self->entry && gtk_widget_has_focus (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->entry)))))
    gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
  return G_SOURCE_REMOVE;
}

static void
select_all_later (NbCellEntry *self)
{
  if (!self->select_idle)
    self->select_idle = g_idle_add_full (G_PRIORITY_DEFAULT, select_all_cb,
                                         g_object_ref (self), g_object_unref);
}

static void
on_focus_enter (GtkEventControllerFocus *controller,
                NbCellEntry             *self)
{
  g_clear_pointer (&self->refused_intent, g_free);
  self->just_focused = TRUE;
  select_all_later (self);
}

/* Like a spreadsheet: typing into a clicked cell replaces its figure. The
 * entry places the cursor where the click was (before the "0") when the
 * button is released, so select everything once that is done; a second
 * click in a focused cell places the cursor as usual. */
static gboolean
on_pointer_event (GtkEventControllerLegacy *controller,
                  GdkEvent                 *event,
                  NbCellEntry              *self)
{
  /* A legacy controller: the entry's own click gesture claims the
   * sequence, so a gesture of ours would not see the release. */
  if (gdk_event_get_event_type (event) == GDK_BUTTON_RELEASE)
    {
      if (self->just_focused)
        select_all_later (self);
      self->just_focused = FALSE;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                NbCellEntry             *self)
{
  nb_cell_entry_commit (self);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                NbCellEntry           *self)
{
  GtkEditable *editable = GTK_EDITABLE (self->entry);
  int pos = gtk_editable_get_position (editable);
  int len = (int) g_utf8_strlen (gtk_editable_get_text (editable), -1);
  int start, end;
  gboolean selection = gtk_editable_get_selection_bounds (editable, &start, &end);

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (nb_cell_entry_commit (self))
        g_signal_emit (self, signals[MOVE], 0, -1, 0);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (nb_cell_entry_commit (self))
        g_signal_emit (self, signals[MOVE], 0, 1, 0);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      /* Like a spreadsheet: arrows leave the cell at its edge. */
      if (pos == 0 && !selection)
        {
          if (nb_cell_entry_commit (self))
            g_signal_emit (self, signals[MOVE], 0, 0, -1);
          return TRUE;
        }
      return FALSE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      if (pos >= len && !selection)
        {
          if (nb_cell_entry_commit (self))
            g_signal_emit (self, signals[MOVE], 0, 0, 1);
          return TRUE;
        }
      return FALSE;
    case GDK_KEY_Escape:
      nb_cell_entry_refresh (self);
      return TRUE;
    default:
      return FALSE;
    }
}

GtkWidget *
nb_cell_entry_new (NbReport        *report,
                   const NbCellDef *cell)
{
  NbCellEntry *self = g_object_new (NB_TYPE_CELL_ENTRY, NULL);
  GtkEventController *focus, *keys;
  GtkEditable *delegate;
  g_autofree char *kind = nb_kind_describe (&cell->kind);

  self->report = g_object_ref (report);
  self->cell = cell;
  self->entry = gtk_entry_new ();
  gtk_widget_set_parent (self->entry, GTK_WIDGET (self));
  gtk_entry_set_alignment (GTK_ENTRY (self->entry), 1.0);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 3);
  gtk_entry_set_input_purpose (GTK_ENTRY (self->entry),
                               cell->kind.type == NB_KIND_COUNT ? GTK_INPUT_PURPOSE_DIGITS
                                                                : GTK_INPUT_PURPOSE_NUMBER);
  /* The model owns undo: the entry's own would fight it. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->entry), FALSE);
  gtk_widget_set_tooltip_text (self->entry, kind);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, cell->label, -1);

  delegate = gtk_editable_get_delegate (GTK_EDITABLE (self->entry));
  g_signal_connect (delegate, "insert-text", G_CALLBACK (on_insert_text), self);
  g_signal_connect (self->entry, "activate", G_CALLBACK (on_activate), self);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "enter", G_CALLBACK (on_focus_enter), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (self->entry, focus);

  {
    GtkEventController *pointer = gtk_event_controller_legacy_new ();

    gtk_event_controller_set_propagation_phase (pointer, GTK_PHASE_CAPTURE);
    g_signal_connect (pointer, "event", G_CALLBACK (on_pointer_event), self);
    gtk_widget_add_controller (self->entry, pointer);
  }

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (self->entry, keys);

  nb_cell_entry_refresh (self);
  return GTK_WIDGET (self);
}

const NbCellDef *
nb_cell_entry_get_cell (NbCellEntry *self)
{
  return self->cell;
}

GtkEditable *
nb_cell_entry_get_editable (NbCellEntry *self)
{
  return GTK_EDITABLE (self->entry);
}

void
nb_cell_entry_focus (NbCellEntry *self)
{
  gtk_widget_grab_focus (self->entry);
}

void
nb_cell_entry_set_problems (NbCellEntry *self,
                            GPtrArray   *problems)
{
  NbProblem *worst = NULL;
  g_autoptr(GString) tooltip = g_string_new (NULL);

  for (guint i = 0; problems && i < problems->len; i++)
    {
      NbProblem *p = g_ptr_array_index (problems, i);

      if (!nb_problem_has_key (p, self->cell->key))
        continue;
      if (!worst || (nb_problem_get_severity (p) == NB_SEVERITY_ERROR &&
                     nb_problem_get_severity (worst) != NB_SEVERITY_ERROR))
        worst = p;
      if (tooltip->len)
        g_string_append_c (tooltip, '\n');
      g_string_append (tooltip, nb_problem_get_message (p));
    }

  {
    int state = !worst ? 0 : nb_problem_get_severity (worst) == NB_SEVERITY_ERROR ? 2 : 1;

    if (state == self->shown_state && g_strcmp0 (tooltip->str, self->shown_tooltip) == 0 &&
        self->shown_tooltip != NULL)
      return;
    self->shown_state = state;
    g_free (self->shown_tooltip);
    self->shown_tooltip = g_strdup (tooltip->str);
  }
  gtk_widget_remove_css_class (self->entry, "error");
  gtk_widget_remove_css_class (self->entry, "warning");
  if (worst)
    {
      gboolean error = nb_problem_get_severity (worst) == NB_SEVERITY_ERROR;

      /* Not by colour alone: an icon tells errors and warnings apart too. */
      gtk_widget_add_css_class (self->entry, error ? "error" : "warning");
      gtk_entry_set_icon_from_icon_name (GTK_ENTRY (self->entry), GTK_ENTRY_ICON_PRIMARY,
                                         error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
      gtk_widget_set_tooltip_text (self->entry, tooltip->str);
    }
  else
    {
      g_autofree char *kind = nb_kind_describe (&self->cell->kind);

      /* Clearing an icon that was never set still reserves its room. */
      if (gtk_entry_get_icon_name (GTK_ENTRY (self->entry), GTK_ENTRY_ICON_PRIMARY))
        gtk_entry_set_icon_from_icon_name (GTK_ENTRY (self->entry), GTK_ENTRY_ICON_PRIMARY, NULL);
      gtk_widget_set_tooltip_text (self->entry, kind);
    }
}
