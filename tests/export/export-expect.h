/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Expectations for the document exporters' tests (HTML, Word), made from
 * the model and the official grid, never from an exporter's output: what
 * an independent reader of the exported file must find. */
#pragma once

#include "nb-report.h"

/* A report with a distinct figure in every input cell, subheadings of
 * levels 2 and 3, a date and (2021) the fee fields. */
NbReport *export_expect_synthetic_report (const char *version);

/* Exports @report through nianbao-cli (what a user runs) into @dir as
 * @name; returns the output's path. Asserts the CLI wrote it. */
char     *export_expect_run_cli          (NbReport   *report,
                                          const char *dir,
                                          const char *name);

/* JSON: { "title", "title_lines": [..], "headings": [..],
 * "paragraphs": [..], "signoff", "date",
 * "tables": [ { "key", "n_rows", "n_columns", "header_rows",
 *               "cells": [ { "row", "column", "rowspan", "colspan",
 *                            "text", "header": bool } ] } ] } */
char     *export_expect_json             (NbReport   *report);

/* Runs "python3 SCRIPT ARGS…" (NULL-terminated) with the first python3
 * that can import @module; returns its exit status, 77 when there is
 * none. */
int       export_expect_run_python       (const char *module,
                                          const char *script,
                                          ...) G_GNUC_NULL_TERMINATED;

char     *export_expect_make_tmpdir      (void);
void      export_expect_rm_rf            (const char *path);
