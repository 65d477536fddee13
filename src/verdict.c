/* verdict.c — the model that weighs an alignment (see verdict.h), and the
 * names of verdicts, stances, conflicts and features. */
#include "verdict.h"
#include "verdict_model.h"

#include <math.h>

_Static_assert(MODEL_FEATURES == N_FEATURES,
               "verdict_model.h is stale: run make calibrate after changing align.h's features");

static double logistic(const double *w, double b, const double *f) {
    double z = b;
    for (size_t k = 0; k < N_FEATURES; k++)
        z += w[k] * f[k];
    return 1.0 / (1.0 + exp(-z));
}

/* logistic() at its greatest over [lo, hi]: each weight times the end of
 * its feature's range it grows with. */
static double logistic_max(const double *w, double b, const double *lo, const double *hi) {
    double z = b;
    for (size_t k = 0; k < N_FEATURES; k++)
        z += w[k] * (w[k] > 0 ? hi[k] : lo[k]);
    return 1.0 / (1.0 + exp(-z));
}

double verdict_support_max(const double *lo, const double *hi) {
    return logistic_max(support_weights, support_bias, lo, hi);
}

double verdict_contradict_max(const double *lo, const double *hi) {
    return logistic_max(contradict_weights, contradict_bias, lo, hi);
}

double verdict_rank_max(const double *lo, const double *hi) {
    return logistic_max(rank_weights, rank_bias, lo, hi);
}

double verdict_support(const double *f) {
    return logistic(support_weights, support_bias, f);
}

double verdict_contradict(const double *f) {
    return logistic(contradict_weights, contradict_bias, f);
}

double verdict_rank(const double *f) {
    return logistic(rank_weights, rank_bias, f);
}

double verdict_support_threshold(void) {
    return support_threshold;
}

double verdict_contradict_threshold(void) {
    return contradict_threshold;
}

/* The share of what the region holds that the passage itself must hold: a
 * passage whose neighbour says the claim is not the one that supports it
 * (the neighbour is a candidate of its own, and may say otherwise). The
 * same of what the claim reports, its attribution left out: a passage that
 * names who said it ("Denny Roy, an Asia-Pacific specialist at the
 * East-West Center, notes that") and leaves what was said to the sentences
 * beside it does not say the claim either. */
#define MAIN_SHARE 0.5

int verdict_may_support(const alignment *a) {
    return a->n_conflicts == 0 && a->f[F_facts_missing] == 0 && a->f[F_names_missing] < 2 &&
           a->f[F_cov_actors] > 1 - 1e-9 && a->f[F_cov_main] >= MAIN_SHARE * a->f[F_cov] &&
           a->f[F_cov_main_content] >= MAIN_SHARE * a->f[F_cov_content] && a->f[F_cov_words] > 0;
}

/* A passage about the same thing holds at least half of what the claim
 * says besides the details in conflict (their share is what resolving them
 * adds): "the San José mine collapsed on 15 August" against "the collapse
 * of the San Jose mine on 5 August", the date most of the claim's weight;
 * and something besides them: a claim that is all one detail ("None of
 * this is new") is not contradicted by any passage with another ("new
 * stance on Taiwan"). */
int verdict_may_contradict(const alignment *a) {
    double rest = 1 - (a->f_resolved[F_cov] - a->f[F_cov]);
    return a->n_conflicts > 0 && a->f[F_cov] > 0 && a->f[F_cov] >= 0.5 * rest &&
           a->f[F_cov_main] >= MAIN_SHARE * a->f[F_cov];
}

dossier_verdict verdict_decide(double best_support, double support_cov, double best_contra,
                               double contra_cov) {
    int sup = best_support >= support_threshold, con = best_contra >= contradict_threshold;
    if (con && (!sup || contra_cov > support_cov)) return DOSSIER_CONTRADICTED;
    return sup ? DOSSIER_SUPPORTED : DOSSIER_UNVERIFIED;
}

const char *dossier_verdict_name(dossier_verdict v) {
    static const char *const names[] = {[DOSSIER_UNVERIFIED] = "unverified",
                                        [DOSSIER_SUPPORTED] = "supported",
                                        [DOSSIER_CONTRADICTED] = "contradicted"};
    return (unsigned)v < sizeof names / sizeof *names ? names[v] : "unknown";
}

const char *dossier_stance_name(dossier_stance s) {
    static const char *const names[] = {[DOSSIER_RELATED] = "related",
                                        [DOSSIER_SUPPORTS] = "supports",
                                        [DOSSIER_CONTRADICTS] = "contradicts"};
    return (unsigned)s < sizeof names / sizeof *names ? names[s] : "unknown";
}

const char *dossier_conflict_name(dossier_conflict_kind k) {
    static const char *const names[] = {
        [DOSSIER_CONFLICT_NUMBER] = "number",     [DOSSIER_CONFLICT_DATE] = "date",
        [DOSSIER_CONFLICT_PLACE] = "place",       [DOSSIER_CONFLICT_ACTOR] = "actor",
        [DOSSIER_CONFLICT_NEGATION] = "negation", [DOSSIER_CONFLICT_ANTONYM] = "antonym"};
    return (unsigned)k < sizeof names / sizeof *names ? names[k] : "unknown";
}

size_t dossier_feature_count(void) {
    return N_FEATURES;
}

const char *dossier_feature_name(size_t i) {
    static const char *const names[] = {
#define FEATURE_NAME(name, doc) #name,
        ALIGN_FEATURES(FEATURE_NAME)
#undef FEATURE_NAME
    };
    return i < N_FEATURES ? names[i] : NULL;
}
