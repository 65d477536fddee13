/* test_bounds.c — the bounds pruning stands on (src/align.c "bounds" and
 * "bounds before matching", src/rank.c "pruning"): a candidate is left
 * unaligned when its bounds show it cannot matter, so every feature of the
 * finished alignment must lie within every bound made for it (before its
 * words are matched, after), as it stands and resolved. Checked
 * for every claim of both development sets against its 30 candidates and a
 * spread of other passages, whatever the thresholds: a bound that leaves a
 * rule out fails here even when no answer of the sets changes
 * (tests/lua/pruning_spec.lua checks the answers). */
#include "align.h"
#include "dossier.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The bounds align_passage_unless asked about, in order: a pair (as it
 * stands, then resolved) before the words are matched and one after.
 * Answering "skip" to the first of each pair and "keep" to the second makes
 * it make every pair and align to the end. */
#define ASKED_MAX 4
typedef struct {
    align_bounds b[ASKED_MAX];
    int resolved[ASKED_MAX];
    size_t n;
} asked;

static int record(void *ctx, align_bounds *b, int resolved) {
    asked *a = ctx;
    if (a->n < ASKED_MAX) {
        a->b[a->n] = *b;
        a->resolved[a->n] = resolved;
        a->n++;
    }
    return !resolved;
}

#define SLACK 1e-12

/* Features f outside [lo, hi]: how many. */
static size_t outside(const double *f, const double *lo, const double *hi, size_t *which) {
    size_t bad = 0;
    for (size_t j = 0; j < N_FEATURES; j++)
        if (f[j] < lo[j] - SLACK || f[j] > hi[j] + SLACK) bad++, *which = j;
    return bad;
}

/* The claims of a development set: the quoted text of its `claim:` lines. */
static char **claims_of(const char *path, size_t *n) {
    FILE *f = fopen(path, "r");
    char line[4096], **out = NULL;
    size_t cap = 0;
    *n = 0;
    if (!f) return NULL;
    while (fgets(line, sizeof line, f)) {
        char *at = strstr(line, "claim: \"");
        if (!at) continue;
        at += 8;
        char *end = strrchr(at, '"');
        if (!end || end == at) continue;
        size_t len = 0;
        for (char *p = at; p < end; p++) { /* \" and \\ as YAML writes them */
            if (*p == '\\' && p + 1 < end) p++;
            at[len++] = *p;
        }
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            char **grown = realloc(out, cap * sizeof *out);
            if (!grown) break;
            out = grown;
        }
        if (!(out[*n] = malloc(len + 1))) break;
        memcpy(out[*n], at, len);
        out[*n][len] = 0;
        (*n)++;
    }
    fclose(f);
    return out;
}

static void check_set(const char *corpus, const char *claims_path) {
    dossier_corpus *c;
    dossier_error err;
    if (dossier_open(corpus, &c, &err) != DOSSIER_OK) {
        ok(0, "%s opens: %s", corpus, err.message);
        return;
    }
    size_t nclaims = 0;
    char **claims = claims_of(claims_path, &nclaims);
    size_t np = dossier_passage_count(c), stride = np / 40 + 1;
    size_t aligned = 0, bounded = 0, bad_within = 0, bad_calls = 0, narrower = 0, pairs_asked = 0;
    const char *example = NULL;
    size_t example_feature = 0;
    /* under the sanitizers and valgrind every tenth claim: the same code runs */
    size_t step = getenv("DOSSIER_SANITIZED") ? 10 : 1;
    for (size_t q = 0; q < nclaims; q += step) {
        const char *text = claims[q];
        dossier_corroboration r;
        dossier_corroborate_opts o = {.limit = 30};
        if (dossier_corroborate(c, text, strlen(text), &o, &r, &err) != DOSSIER_OK) continue;
        claim cl;
        if (claim_make(c, text, strlen(text), &cl) != DOSSIER_OK) {
            dossier_corroboration_free(&r);
            continue;
        }
        /* the candidates, then passages spread over the corpus */
        for (size_t k = 0; k < r.n + (np + stride - 1) / stride; k++) {
            size_t p = k < r.n ? r.hits[k].passage : (k - r.n) * stride;
            if (!dossier_passage_at(c, p)) continue;
            asked a = {.n = 0};
            alignment out;
            int skipped = 0;
            if (align_passage_unless(c, &cl, p, 0, record, &a, &out, &skipped) != DOSSIER_OK)
                continue;
            aligned++;
            if (cl.n > 64) { /* aligned in full, no bounds asked */
                alignment_free(&out);
                continue;
            }
            bounded++;
            int pairs = a.n >= 2 && a.n % 2 == 0 && !skipped;
            for (size_t x = 0; pairs && x < a.n; x++)
                pairs = a.resolved[x] == (int)(x % 2);
            if (!pairs) {
                bad_calls++;
                alignment_free(&out);
                continue;
            }
            size_t bad = 0, j = 0;
            for (size_t x = 0; x < a.n; x += 2)
                bad += outside(out.f, a.b[x].lo, a.b[x].hi, &j) +
                       outside(out.f_resolved, a.b[x + 1].lo_res, a.b[x + 1].hi_res, &j);
            if (bad && !example) example = text, example_feature = j;
            bad_within += bad != 0;
            /* the bounds made earlier (before matching) are the wider */
            for (size_t x = 2; x < a.n; x += 2)
                for (size_t f = 0; f < N_FEATURES; f++)
                    if (a.b[x - 2].lo[f] > a.b[x].lo[f] + SLACK ||
                        a.b[x - 2].hi[f] < a.b[x].hi[f] - SLACK ||
                        a.b[x - 1].lo_res[f] > a.b[x + 1].lo_res[f] + SLACK ||
                        a.b[x - 1].hi_res[f] < a.b[x + 1].hi_res[f] - SLACK)
                        narrower++;
            pairs_asked += a.n / 2;
            alignment_free(&out);
        }
        claim_free(&cl);
        dossier_corroboration_free(&r);
    }
    note("%s: %zu claims, %zu alignments, %zu with bounds", corpus, nclaims, aligned, bounded);
    ok(nclaims >= 100 && bounded * step > 1000, "%s: claims and alignments to check (%zu, %zu)",
       corpus, nclaims, bounded);
    ok(bad_calls == 0, "%s: bounds asked in pairs, as it stands then resolved (%zu pairs)", corpus,
       pairs_asked);
    ok(bad_within == 0, "%s: every feature within every bound asked (%zu alignments outside)",
       corpus, bad_within);
    ok(narrower == 0, "%s: the bounds before matching hold those after (%zu narrower)", corpus,
       narrower);
    if (example) diag("for example %s, feature %s", example, dossier_feature_name(example_feature));
    for (size_t q = 0; q < nclaims; q++)
        free(claims[q]);
    free(claims);
    dossier_close(c);
}

int main(void) {
    check_set("corpus", "tests/dev/claims.yaml");
    check_set("tests/corpora/chile-miners", "tests/dev/chile-miners/claims.yaml");
    return done_testing();
}
