/* verdict.h — the decision on a claim from its alignments (verdict.c): three
 * logistic models over the features of align.h, fitted on the development
 * sets by `make calibrate` (tests/dev/calibrate.lua) into verdict_model.h. */
#ifndef DOSSIER_VERDICT_H
#define DOSSIER_VERDICT_H

#include "align.h"

/* The probability that a passage with features f says the claim. */
HIDDEN double verdict_support(const double *f);
/* The probability that a passage with a conflict, with resolved features f
 * (the details in conflict counted as held), is about the same thing as the
 * claim and says otherwise. */
HIDDEN double verdict_contradict(const double *f);
/* The order of candidates: the probability that it is the passage a
 * fact-checker would cite for the claim. */
HIDDEN double verdict_rank(const double *f);

/* The greatest each of the three can be for features anywhere in the box
 * [lo, hi]: what pruning asks before aligning a candidate to the end. Never
 * below what the model gives for any f in the box, to the last bit (each
 * term taken at its larger end, summed in the same order). */
HIDDEN double verdict_support_max(const double *lo, const double *hi);
HIDDEN double verdict_contradict_max(const double *lo, const double *hi);
HIDDEN double verdict_rank_max(const double *lo, const double *hi);

/* A passage supports the claim when it may (below) and its support is at
 * least the first; it contradicts the claim when it may and its
 * verdict_contradict is at least the second. */
HIDDEN double verdict_support_threshold(void);
HIDDEN double verdict_contradict_threshold(void);

/* Whether alignment a may support at all: no conflict, every number and
 * date of the claim in the paragraph (a claim with another figure is not
 * supported by a passage without one), no name of two words or more
 * missing ("at the Vostochny Cosmodrome" is not said by a passage that
 * names no place), every actor held, at least half of what it holds
 * held by the passage itself, and one of its words at least (a passage
 * that names the claim's actors and figures but none of its words says
 * nothing of what they did: "the North would never go back to the talks"
 * and "North Korea is ready to return to the Six Party Talks"). */
HIDDEN int verdict_may_support(const alignment *a);

/* Whether alignment a may contradict at all: a conflict, and at least half
 * of what it would hold without the conflicts held as it stands (a passage
 * where every detail differs is about something else: "Putin left Paris"
 * is not contradicted by "Kim left Pyongyang"), something besides them
 * held (a claim that is all one detail, "None of this is new", is about
 * nothing a passage can be shown to share), and half of what it would
 * hold held by the passage itself. */
HIDDEN int verdict_may_contradict(const alignment *a);

/* The claim's verdict from the best support of a supporting passage and
 * the best contradiction of a contradicting one (0 when none), with the
 * share of the claim each holds (the contradicting one's with its details
 * in conflict counted as held): contradicted when the contradicting passage
 * is about more of the claim than the supporting one says. Two probabilities
 * of two models are not compared: a passage that says every word of the
 * claim is not outweighed by one that lists other versions. */
HIDDEN dossier_verdict verdict_decide(double best_support, double support_cov, double best_contra,
                                      double contra_cov);

#endif
