/* verdict.h — the decision on a claim from its alignments (verdict.c): two
 * logistic models over the features of align.h, fitted on the development
 * sets by `make calibrate` (tests/dev/calibrate.lua) into verdict_model.h. */
#ifndef DOSSIER_VERDICT_H
#define DOSSIER_VERDICT_H

#include "align.h"

/* The probability that a passage with features f says the claim. */
HIDDEN double verdict_support(const double *f);
/* The order of candidates: the probability that it is the passage a
 * fact-checker would cite for the claim. */
HIDDEN double verdict_rank(const double *f);

/* A passage supports the claim when it has no conflict and its support is
 * at least this; it contradicts the claim when it has a conflict and its
 * support, with the details in conflict counted as held, is at least the
 * other: it is about the same thing and says otherwise. */
HIDDEN double verdict_support_threshold(void);
HIDDEN double verdict_contradict_threshold(void);

/* Whether alignment a may support at all: no conflict, and every number and
 * date of the claim in the paragraph (a claim with another figure is not
 * supported by a passage without one). */
HIDDEN int verdict_may_support(const alignment *a);

/* Whether alignment a may contradict at all: a conflict, and at least half
 * of what it would hold without the conflicts held as it stands (a passage
 * where every detail differs is about something else: "Putin left Paris"
 * is not contradicted by "Kim left Pyongyang"). */
HIDDEN int verdict_may_contradict(const alignment *a);

/* The claim's verdict from the best support of a supporting passage and
 * the best (resolved) support of a contradicting one (0 when none):
 * contradicted when the contradicting passage is the surer of the two. */
HIDDEN dossier_verdict verdict_decide(double best_support, double best_contra);

#endif
