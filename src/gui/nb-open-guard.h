/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-open-guard.h — opening a document safely: no crash loop at start,
 * and the older copies offered when a document does not load */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Marks @what (a document URI or a recovery copy's path) as being opened,
 * in a small state file, until nb_open_guard_end(): if the process dies
 * while loading it, the next start knows. */
void       nb_open_guard_begin       (const char *what);
void       nb_open_guard_end         (void);

/* TRUE when the last run stopped while opening @what (read once per run). */
gboolean   nb_open_guard_crashed_on  (const char *what);

typedef struct
{
  GFile     *file;            /* what to load */
  char      *recovery_path;   /* an autosaved copy, or NULL for FILE~ */
  GDateTime *modified;        /* when it was written */
} NbOpenAlternative;

/* For @file that does not load: its FILE~ and the autosaved copies of it
 * (in @recovery_dir) that do load, newest first. Each is an
 * NbOpenAlternative*; the array frees them. */
GPtrArray *nb_open_alternatives      (GFile      *file,
                                      const char *recovery_dir);

/* "5 minutes ago", "3 hours ago", "2 days ago" (translated). */
char      *nb_open_describe_age      (GDateTime  *when);

G_END_DECLS

#include "nb-window.h"

G_BEGIN_DECLS

/* @file did not load (@heading, @message say why): offers the newest
 * alternative copies, each with its age, or just shows the error. */
void       nb_open_offer_alternatives (NbWindow   *window,
                                       GFile      *file,
                                       const char *heading,
                                       const char *message);

G_END_DECLS

G_BEGIN_DECLS

/* @window holds the lock of @file (NULL: none) while it shows it, so that
 * `nianbao-cli set` — or another window — does not write it meanwhile.
 * FALSE + @error (NB_SAFE_WRITE_ERROR_LOCKED) when another process holds
 * it; a folder where no lock can be made is not an error here. */
gboolean   nb_open_guard_hold_lock    (NbWindow   *window,
                                       GFile      *file,
                                       GError    **error);

G_END_DECLS
