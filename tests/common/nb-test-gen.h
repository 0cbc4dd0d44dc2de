/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-test-gen.h — varied reports for tests and benchmarks (not shipped) */
#pragma once

#include "nb-report.h"

G_BEGIN_DECLS

/* A report of @version for @year and @agency, every input cell filled from
 * @seed: counts 0–60, signed −20…20, decimals with 0 to the cell's places
 * (the procurement amount with 4), dates, sign-off, texts (some with
 * several paragraphs, quotes and an emoji; @long_text adds a text of
 * 40 000 characters). The same seed gives the same report. */
NbReport *nb_test_gen_report (const char *version,
                              int         year,
                              const char *agency,
                              guint32     seed,
                              gboolean    long_text);

G_END_DECLS
