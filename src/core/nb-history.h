/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-history.h — undo/redo of report edits
 *
 * Each step records a field key (see nb-report.h) with its text before and
 * after; undo writes the old text back through the report. Consecutive typing
 * in one text section within a short time merges into one step.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define NB_TYPE_HISTORY (nb_history_get_type ())
G_DECLARE_FINAL_TYPE (NbHistory, nb_history, NB, HISTORY, GObject)

NbHistory *nb_history_new        (void);

/* Record an edit (old/new may be NULL for blank). */
void       nb_history_record     (NbHistory  *self,
                                  const char *key,
                                  const char *old_value,
                                  const char *new_value);
void       nb_history_begin_group (NbHistory *self);
void       nb_history_end_group  (NbHistory  *self);
/* Stop merging typing into the current step (focus left the text, …). */
void       nb_history_seal       (NbHistory  *self);
void       nb_history_clear      (NbHistory  *self);

gboolean   nb_history_can_undo   (NbHistory  *self);
gboolean   nb_history_can_redo   (NbHistory  *self);

/* Moves one step to the other stack and returns what to apply: an array of
 * (key, value) pairs in order. NULL when there is nothing to do. The caller
 * (NbReport) applies them without recording. */
typedef struct
{
  char *key;
  char *value;  /* NULL = blank */
} NbHistoryChange;

GPtrArray *nb_history_take_undo  (NbHistory  *self);  /* NbHistoryChange* */
GPtrArray *nb_history_take_redo  (NbHistory  *self);

/* An id of the current state (the step on top of the undo stack; a merged
 * step gets a new id): "is the document back at its saved state". */
guint      nb_history_get_position (NbHistory *self);

/* Properties: can-undo, can-redo (notify on change). */

G_END_DECLS
