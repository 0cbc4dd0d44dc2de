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

static gboolean
restore_if_emptied (gpointer user_data)
{
  NbCellEntry *self = user_data;

  /* Typing over a selection deletes it before the key is refused: put the
   * value back rather than leave a cell that looks blank. */
  if (self->entry && *gtk_editable_get_text (GTK_EDITABLE (self->entry)) == '\0')
    nb_cell_entry_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
refuse (NbCellEntry *self,
        const char  *message)
{
  gtk_widget_error_bell (GTK_WIDGET (self));
  g_signal_emit (self, signals[REFUSED], 0, message);
  g_idle_add_full (G_PRIORITY_DEFAULT, restore_if_emptied, g_object_ref (self), g_object_unref);
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
            refused = _("A minus sign can only come first");
        }
      else if (c == '-')
        refused = _("This cell takes no negative numbers");
      else if (c == '.' && self->cell->kind.type == NB_KIND_DECIMAL)
        {
          if (!has_point)
            {
              g_string_append_c (ok, '.');
              has_point = TRUE;
            }
          else
            refused = _("A number has only one decimal point");
        }
      else if (c == '.')
        refused = _("This cell takes whole numbers only");
      else if (c == ',' || c == 0xFF0C || c == ' ' || c == 0x3000)
        ;   /* thousands separators and spaces from pasted figures: dropped */
      else
        refused = _("Only digits can be typed here");
    }

  if (refused)
    refuse (self, refused);

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
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 5);
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
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (self->entry, focus);

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

      gtk_entry_set_icon_from_icon_name (GTK_ENTRY (self->entry), GTK_ENTRY_ICON_PRIMARY, NULL);
      gtk_widget_set_tooltip_text (self->entry, kind);
    }
}
