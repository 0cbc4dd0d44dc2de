/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-cell-entry.c — an entry bound to one cell of a report
 *
 * Commits to the model on Enter, Tab, an arrow or when focus leaves, so the
 * model's history holds one step per edited cell. Full-width digits become
 * ASCII as they are typed. What the cell's kind does not take ("a", "-4" in a
 * count, 793.93975 where four places are allowed) never reaches the model:
 * the typed text stays in the cell, marked as not accepted with the reason on
 * the cell, until the clerk corrects it or presses Esc (the stored value
 * comes back). Nothing typed is thrown away and no figure changes silently.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "nb-cell-entry.h"
#include "nb-tooltip.h"

struct _NbCellEntry
{
  GtkWidget        parent_instance;

  GtkWidget       *entry;
  NbReport        *report;
  const NbCellDef *cell;
  gboolean         inserting;
  gboolean         edited;     /* typed into since the last commit */
  /* A refused entry: the reason, and the model's value when it was refused
   * (the typed text is kept until that value changes by undo or paste). */
  char            *refused_reason;
  char            *refused_base;
  GtkWidget       *refused_popover;
  guint            select_idle;
  gboolean         just_focused;
  /* What the mark shows now (0 none, 1 warning, 2 error) and its tooltip:
   * after each edit only the cells whose mark changes are touched, since
   * restyling hundreds of entries is what would make typing lag. */
  int              shown_state;
  char            *shown_tooltip;
};

G_DEFINE_FINAL_TYPE (NbCellEntry, nb_cell_entry, GTK_TYPE_WIDGET)

enum { REFUSED, MOVE, NAVIGATE, PASTE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
nb_cell_entry_dispose (GObject *object)
{
  NbCellEntry *self = NB_CELL_ENTRY (object);

  g_clear_pointer (&self->entry, gtk_widget_unparent);
  g_clear_object (&self->report);
  g_clear_pointer (&self->refused_reason, g_free);
  g_clear_pointer (&self->refused_base, g_free);
  g_clear_pointer (&self->refused_popover, gtk_widget_unparent);
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
  signals[NAVIGATE] = g_signal_new ("navigate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, g_signal_accumulator_true_handled, NULL, NULL,
                                    G_TYPE_BOOLEAN, 1, G_TYPE_INT);
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

/* Typed or pasted text: full-width figures from a Chinese input method
 * become ASCII; separators and spaces of pasted figures go. Anything else
 * is kept as typed, so that what the clerk meant stays visible when the
 * cell refuses it. */
static void
on_insert_text (GtkEditable *editable,
                const char  *text,
                int          length,
                int         *position,
                NbCellEntry *self)
{
  g_autoptr(GString) ok = g_string_new (NULL);
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
      else if (c == 0xFF0E || c == 0x3002) /* ． 。 */
        c = '.';
      else if (c == 0xFF0D || c == 0x2212) /* － − */
        c = '-';

      if (c == ',' || c == 0xFF0C || c == ' ' || c == 0x3000)
        continue;   /* thousands separators and spaces from pasted figures */
      g_string_append_unichar (ok, c);
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

static void update_tooltip (NbCellEntry *self);

static void
on_text_changed (GtkEditable *editable,
                 NbCellEntry *self)
{
  if (!self->inserting)
    self->edited = TRUE;
}

static void
hide_refused_popover (NbCellEntry *self)
{
  if (self->refused_popover)
    gtk_popover_popdown (GTK_POPOVER (self->refused_popover));
}

/* The typed text stays; the cell says it was not taken, and why. */
static void
mark_refused (NbCellEntry *self,
              const char  *reason)
{
  g_autofree char *base = nb_report_dup_field (self->report, self->cell->key, NULL);
  g_autofree char *note = NULL;

  g_free (self->refused_reason);
  self->refused_reason = g_strdup (reason);
  g_free (self->refused_base);
  self->refused_base = g_steal_pointer (&base);
  gtk_widget_add_css_class (self->entry, "nb-refused");
  gtk_entry_set_icon_from_icon_name (GTK_ENTRY (self->entry), GTK_ENTRY_ICON_SECONDARY,
                                     "action-unavailable-symbolic");
  note = g_strdup_printf (_("Not accepted: %s. The cell still holds %s; correct the figure or press Esc."),
                          reason, *self->refused_base ? self->refused_base : _("nothing"));
  gtk_entry_set_icon_tooltip_text (GTK_ENTRY (self->entry), GTK_ENTRY_ICON_SECONDARY, note);
  update_tooltip (self);

  if (!self->refused_popover)
    {
      GtkWidget *label = gtk_label_new (NULL);

      self->refused_popover = gtk_popover_new ();
      gtk_popover_set_autohide (GTK_POPOVER (self->refused_popover), FALSE);
      gtk_popover_set_position (GTK_POPOVER (self->refused_popover), GTK_POS_BOTTOM);
      gtk_widget_set_can_focus (self->refused_popover, FALSE);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
      gtk_popover_set_child (GTK_POPOVER (self->refused_popover), label);
      gtk_widget_set_parent (self->refused_popover, GTK_WIDGET (self));
      gtk_widget_add_css_class (self->refused_popover, "nb-refused-note");
    }
  gtk_label_set_text (GTK_LABEL (gtk_popover_get_child (GTK_POPOVER (self->refused_popover))), note);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      gtk_widget_has_focus (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->entry)))))
    gtk_popover_popup (GTK_POPOVER (self->refused_popover));
}

static void
clear_refused (NbCellEntry *self)
{
  if (!self->refused_reason)
    return;
  g_clear_pointer (&self->refused_reason, g_free);
  g_clear_pointer (&self->refused_base, g_free);
  gtk_widget_remove_css_class (self->entry, "nb-refused");
  gtk_entry_set_icon_from_icon_name (GTK_ENTRY (self->entry), GTK_ENTRY_ICON_SECONDARY, NULL);
  hide_refused_popover (self);
  update_tooltip (self);
}

gboolean
nb_cell_entry_is_refused (NbCellEntry *self)
{
  g_return_val_if_fail (NB_IS_CELL_ENTRY (self), FALSE);
  return self->refused_reason != NULL;
}

const char *
nb_cell_entry_get_refused_reason (NbCellEntry *self)
{
  g_return_val_if_fail (NB_IS_CELL_ENTRY (self), NULL);
  return self->refused_reason;
}

gboolean
nb_cell_entry_commit (NbCellEntry *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *current = nb_report_dup_field (self->report, self->cell->key, NULL);
  g_autoptr(GError) error = NULL;
  NbNumber value;

  if (g_strcmp0 (text, current) == 0)
    {
      clear_refused (self);
      /* "0" typed over the default 0 states the figure: the cell is touched. */
      if (self->edited && !nb_report_is_touched (self->report, self->cell->index))
        {
          nb_report_set_touched (self->report, self->cell->key, TRUE);
          nb_report_set_modified (self->report, TRUE);
        }
      self->edited = FALSE;
      return TRUE;
    }
  /* An emptied table cell means 0 (a blank cell is a defect); a field may be blank. */
  if (*text == '\0' && self->cell->table)
    text = "0";
  if (*text == '\0')
    value = nb_number_blank ();
  else if (!nb_number_parse_for_kind (text, &self->cell->kind, &value, &error))
    {
      g_autofree char *message = NULL;

      mark_refused (self, error->message);
      message = g_strdup_printf (_("%s — not accepted; the cell still holds %s"),
                                 error->message, *current ? current : _("nothing"));
      refuse (self, message);
      return FALSE;
    }
  if (!nb_report_set_value (self->report, self->cell->key, &value, &error))
    {
      mark_refused (self, error->message);
      refuse (self, error->message);
      return FALSE;
    }
  clear_refused (self);
  self->edited = FALSE;
  nb_cell_entry_refresh (self);
  return TRUE;
}

void
nb_cell_entry_refresh (NbCellEntry *self)
{
  g_autofree char *value = nb_report_dup_field (self->report, self->cell->key, NULL);

  /* A refused text stays until the stored value itself changes. */
  if (self->refused_reason)
    {
      if (g_strcmp0 (value, self->refused_base) == 0)
        return;
      clear_refused (self);
    }
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), value) != 0)
    {
      self->inserting = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->entry), value ? value : "");
      self->inserting = FALSE;
    }
}

/* Esc: the stored value comes back. */
void
nb_cell_entry_revert (NbCellEntry *self)
{
  g_return_if_fail (NB_IS_CELL_ENTRY (self));

  clear_refused (self);
  nb_cell_entry_refresh (self);
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

static gboolean
navigate (NbCellEntry *self,
          NbCellNav    nav)
{
  gboolean handled = FALSE;

  g_signal_emit (self, signals[NAVIGATE], 0, (int) nav, &handled);
  return handled;
}

static void
on_activate (GtkEntry    *entry,
             NbCellEntry *self)
{
  if (nb_cell_entry_commit (self) && !navigate (self, NB_CELL_NAV_ENTER))
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
  self->just_focused = TRUE;
  if (self->refused_reason && self->refused_popover)
    gtk_popover_popup (GTK_POPOVER (self->refused_popover));
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
  hide_refused_popover (self);
  nb_cell_entry_commit (self);
  /* Shown again only when the clerk comes back to the cell. */
  hide_refused_popover (self);
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
  /* Not editing inside the figure: it is all selected (as after Tab), or
   * empty. Then arrows, Home and End move between cells as in a spreadsheet. */
  gboolean whole = len == 0 || (selection && start == 0 && end == len);
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK);

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_ISO_Left_Tab || keyval == GDK_KEY_KP_Tab)
    {
      gboolean back = keyval == GDK_KEY_ISO_Left_Tab || (mods & GDK_SHIFT_MASK);

      if (mods & (GDK_CONTROL_MASK | GDK_ALT_MASK))
        return FALSE;
      /* A refused figure keeps the cell: the clerk sees why at once. */
      if (!nb_cell_entry_commit (self))
        return TRUE;
      return navigate (self, back ? NB_CELL_NAV_BACKTAB : NB_CELL_NAV_TAB);
    }
  if (mods == GDK_CONTROL_MASK && (keyval == GDK_KEY_Home || keyval == GDK_KEY_KP_Home ||
                                   keyval == GDK_KEY_End || keyval == GDK_KEY_KP_End))
    {
      if (!nb_cell_entry_commit (self))
        return TRUE;
      return navigate (self, keyval == GDK_KEY_Home || keyval == GDK_KEY_KP_Home
                             ? NB_CELL_NAV_FIRST : NB_CELL_NAV_LAST);
    }
  if (mods)
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
      if (whole || (pos == 0 && !selection))
        {
          if (nb_cell_entry_commit (self))
            g_signal_emit (self, signals[MOVE], 0, 0, -1);
          return TRUE;
        }
      return FALSE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      if (whole || (pos >= len && !selection))
        {
          if (nb_cell_entry_commit (self))
            g_signal_emit (self, signals[MOVE], 0, 0, 1);
          return TRUE;
        }
      return FALSE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      if (!whole)
        return FALSE;   /* inside the figure: the cursor moves */
      if (!nb_cell_entry_commit (self))
        return TRUE;
      return navigate (self, keyval == GDK_KEY_Home || keyval == GDK_KEY_KP_Home
                             ? NB_CELL_NAV_ROW_START : NB_CELL_NAV_ROW_END);
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      if (!nb_cell_entry_commit (self))
        return TRUE;
      return navigate (self, keyval == GDK_KEY_Page_Up || keyval == GDK_KEY_KP_Page_Up
                             ? NB_CELL_NAV_PAGE_UP : NB_CELL_NAV_PAGE_DOWN);
    case GDK_KEY_Escape:
      nb_cell_entry_revert (self);
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
  update_tooltip (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, cell->label, -1);

  delegate = gtk_editable_get_delegate (GTK_EDITABLE (self->entry));
  g_signal_connect (delegate, "insert-text", G_CALLBACK (on_insert_text), self);
  g_signal_connect (self->entry, "activate", G_CALLBACK (on_activate), self);
  g_signal_connect (self->entry, "changed", G_CALLBACK (on_text_changed), self);

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
    }
  else
    {
      /* Clearing an icon that was never set still reserves its room. */
      if (gtk_entry_get_icon_name (GTK_ENTRY (self->entry), GTK_ENTRY_ICON_PRIMARY))
        gtk_entry_set_icon_from_icon_name (GTK_ENTRY (self->entry), GTK_ENTRY_ICON_PRIMARY, NULL);
    }
  update_tooltip (self);
}

/* The cell's tooltip: a refusal first, then the problems, else what it takes. */
static void
update_tooltip (NbCellEntry *self)
{
  g_autoptr(GString) tip = g_string_new (NULL);

  if (self->refused_reason)
    g_string_append_printf (tip, _("Not accepted: %s (Esc restores %s)"), self->refused_reason,
                            self->refused_base && *self->refused_base ? self->refused_base : _("nothing"));
  if (self->shown_tooltip && *self->shown_tooltip)
    {
      if (tip->len)
        g_string_append_c (tip, '\n');
      g_string_append (tip, self->shown_tooltip);
    }
  if (tip->len == 0)
    {
      g_autofree char *kind = nb_kind_describe (&self->cell->kind);
      g_string_append (tip, kind);
    }
  nb_tooltip_set_text (self->entry, tip->str);
}
