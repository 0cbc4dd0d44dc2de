/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-report-file.h — the .nianbao document file (JSON)
 *
 * {
 *   "nianbao": 1,                      file version
 *   "format": "2019",
 *   "agency": "温县交通运输局", "agency_kind": "department", "year": 2020,
 *   "date": "2021-01-20" | null, "signoff": null | "…", "title": null | "…",
 *   "texts": { "overview": "…", "problems": "…", "other": "…" },
 *   "cells": { "requests/new/natural": 0, "active/procurement/amount": "793.9397",
 *              "other/fee_notices": null, … }     every input cell, exactly
 *   "stated": { "requests/results_total/total": 21, … }   optional (imported)
 * }
 * Integers are JSON integers; decimals are strings so their places survive.
 */
#pragma once

#include <gio/gio.h>

#include "nb-report.h"

G_BEGIN_DECLS

#define NB_FILE_VERSION 1
#define NB_FILE_EXTENSION ".nianbao"
#define NB_FILE_MIME_TYPE "application/x-nianbao"

NbReport *nb_report_file_load            (GFile        *file,
                                          GCancellable *cancellable,
                                          GError      **error);
NbReport *nb_report_file_load_from_data  (const char   *data,
                                          gssize        length,
                                          GError      **error);
/* Through nb-safe-write (atomic, verified, FILE~ kept only from a file
 * that loads, refused while another process holds the lock); errors are in
 * NB_SAFE_WRITE_ERROR. Clears the report's modified flag. */
gboolean  nb_report_file_save            (NbReport     *report,
                                          GFile        *file,
                                          GCancellable *cancellable,
                                          GError      **error);
/* The JSON text (pretty-printed, UTF-8, ends in a newline). */
char     *nb_report_file_to_data         (NbReport     *report,
                                          gsize        *length);

G_END_DECLS
