/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-convert.h — a report moved to another format version */
#pragma once

#include "nb-report.h"

G_BEGIN_DECLS

/* A copy of @report in @format: the details, the texts of sections both
 * formats have, and every figure whose cell key exists in both (and is
 * entered, not computed, in @format). The keys of non-zero figures that
 * have no place in @format are added to @lost (may be NULL) so the clerk
 * can be told before anything is dropped. */
NbReport *nb_report_convert (NbReport  *report,
                             NbFormat  *format,
                             GPtrArray *lost);

G_END_DECLS
