/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-autosave.h — NbAutosave: a window's unsaved work, copied aside every
 * half minute, and the copies a stopped session left offered back */
#pragma once

#include <gtk/gtk.h>

#include "nb-report.h"

G_BEGIN_DECLS

#define NB_TYPE_AUTOSAVE (nb_autosave_get_type ())
G_DECLARE_FINAL_TYPE (NbAutosave, nb_autosave, NB, AUTOSAVE, GObject)

/* Properties: "report" (NbReport: while it is modified, a copy is written
 * every "interval" seconds), "file" (GFile: where the document belongs,
 * kept beside the copy so that a recovered copy saves back there), "path"
 * (read-only: the copy written, or NULL). Signal "recover" (const char
 * *path): the clerk chose to recover that copy. */
NbAutosave *nb_autosave_new          (void);
NbReport   *nb_autosave_get_report   (NbAutosave  *self);
void        nb_autosave_set_report   (NbAutosave  *self,
                                      NbReport    *report);
GFile      *nb_autosave_get_file     (NbAutosave  *self);
void        nb_autosave_set_file     (NbAutosave  *self,
                                      GFile       *file);
const char *nb_autosave_get_path     (NbAutosave  *self);

/* Writes the copy now (through the one atomic writer). */
gboolean    nb_autosave_save_now     (NbAutosave  *self,
                                      GError     **error);
/* The work is saved or knowingly dropped: the copy goes, the timer stops. */
void        nb_autosave_discard      (NbAutosave  *self);
/* Goes on writing into @path, a copy just recovered (still unsaved work). */
void        nb_autosave_adopt        (NbAutosave  *self,
                                      const char  *path);

/* Reads a copy; @original (if not NULL) is set to where it belongs, or
 * NULL for a report never saved. */
NbReport   *nb_autosave_load_copy    (const char  *path,
                                      GFile      **original,
                                      GError     **error);
/* For each copy a stopped session left (not this one's own), asks over
 * @parent: Recover (emits "recover"), Discard (removes it) or Later. A
 * copy that does not load, or whose loading crashed the last run (the open
 * guard's marker), is said and kept. */
void        nb_autosave_offer_recovery (NbAutosave *self,
                                        GtkWindow  *parent);

G_END_DECLS
