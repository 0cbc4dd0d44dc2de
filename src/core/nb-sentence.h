/* nb-sentence.h — sentences generated from the tables, for the text sections
 *
 * Figures quoted in a text are where reports most often contradict their
 * tables; the editor offers these sentences and keeps them in step.
 */
#pragma once

#include "nb-report.h"

G_BEGIN_DECLS

/* 依申请公开: "2024年，本机关共收到政府信息公开申请N件，其中自然人N件、…" */
char *nb_sentence_requests (NbReport *report);
/* 行政复议/诉讼: "2024年，本机关发生政府信息公开行政复议N件、行政诉讼N件。" */
char *nb_sentence_review   (NbReport *report);
/* 六 (version 2021): the 信息处理费 sentence from the section's fee fields,
 * or NULL when the format has none or the fields are blank. */
char *nb_sentence_fees     (NbReport *report);

G_END_DECLS
