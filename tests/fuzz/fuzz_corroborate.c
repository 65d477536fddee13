/* fuzz_corroborate.c — ranking and judging source passages for any claim,
 * against the default corpus. The first byte picks the number of hits asked
 * for and whether features are asked for. Checked: counts, ranges of the
 * evidence inside the claim and the article, stances that agree with their
 * evidence and with the verdict; and, for one input in four, its lines as a
 * batch on two threads, with the same answers. */
#include "fuzz.h"

/* The input's lines as one batch on two threads (dossier_batch_*): each
 * answer is the one dossier_corroborate gives the same line. */
static void check_batch(dossier_corpus *c, const uint8_t *data, size_t size,
                        const dossier_corroborate_opts *opts) {
    enum { MAX_LINES = 8 };
    const char *texts[MAX_LINES];
    size_t lens[MAX_LINES], n = 0, start = 1; /* the first byte picked the options */
    for (size_t i = 1; i <= size && n < MAX_LINES; i++)
        if (i == size || data[i] == '\n') {
            texts[n] = (const char *)data + start;
            lens[n++] = i - start;
            start = i + 1;
        }
    dossier_batch *b = NULL;
    dossier_error err;
    if (dossier_batch_start(c, texts, lens, n, opts, 2, &b, &err) != DOSSIER_OK) return;
    for (size_t k = 0; k < n; k++) {
        const dossier_corroboration *got = NULL;
        dossier_corroboration want = {0};
        FUZZ_CHECK(dossier_batch_result(b, k, 1, &got, NULL, &err) == 1);
        dossier_status s = dossier_corroborate(c, texts[k], lens[k], opts, &want, &err);
        FUZZ_CHECK((s == DOSSIER_OK) == (got != NULL));
        if (got)
            FUZZ_CHECK(got->verdict == want.verdict && got->n == want.n &&
                       (!got->n || got->hits[0].passage == want.hits[0].passage));
        dossier_corroboration_free(&want);
    }
    dossier_batch_free(b);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    fuzz_default_corpus();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    dossier_corpus *c = fuzz_default_corpus();
    dossier_corroborate_opts opts = {.limit = size ? data[0] % 16 : 0,
                                     .features = size && (data[0] & 0x10)};
    dossier_corroboration r = {0};
    dossier_error err;
    if (dossier_corroborate(c, (const char *)data, size, &opts, &r, &err) == DOSSIER_OK) {
        FUZZ_CHECK(r.n <= (opts.limit ? opts.limit : 5));
        FUZZ_CHECK(r.n_sources <= dossier_article_count(c));
        FUZZ_CHECK(r.verdict <= DOSSIER_CONTRADICTED);
        FUZZ_CHECK(r.corroborated == (r.verdict == DOSSIER_SUPPORTED));
        FUZZ_CHECK((r.n_sources > 0) == (r.verdict == DOSSIER_SUPPORTED));
        size_t supports = 0, contradicts = 0;
        for (size_t i = 0; i < r.n; i++) {
            const dossier_hit *h = &r.hits[i];
            FUZZ_CHECK(h->passage < dossier_passage_count(c) && h->matched);
            FUZZ_CHECK(h->coverage >= 0.0 && h->coverage <= 1.0 + 1e-9);
            FUZZ_CHECK(h->support >= 0.0 && h->support <= 1.0);
            FUZZ_CHECK(h->stance <= DOSSIER_CONTRADICTS);
            FUZZ_CHECK(!opts.features == !h->features && !opts.features == !h->features_resolved);
            const dossier_passage *p = dossier_passage_at(c, h->passage);
            const dossier_article *a = dossier_article_at(c, p->article);
            FUZZ_CHECK(p->kind != DOSSIER_FURNITURE);
            const dossier_evidence *e = &h->evidence;
            for (size_t k = 0; k < e->n_aligned; k++)
                FUZZ_CHECK(e->aligned[k].claim_start < e->aligned[k].claim_end &&
                           e->aligned[k].claim_end <= size &&
                           e->aligned[k].source_start < e->aligned[k].source_end &&
                           e->aligned[k].source_end <= a->text_len);
            for (size_t k = 0; k < e->n_missing; k++)
                FUZZ_CHECK(e->missing[k].start < e->missing[k].end && e->missing[k].end <= size);
            for (size_t k = 0; k < e->n_conflicts; k++) {
                const dossier_conflict *x = &e->conflicts[k];
                FUZZ_CHECK(x->kind <= DOSSIER_CONFLICT_ANTONYM);
                FUZZ_CHECK(x->claim_start <= x->claim_end && x->claim_end <= size);
                FUZZ_CHECK(x->source_start <= x->source_end && x->source_end <= a->text_len);
                FUZZ_CHECK(x->context_start <= x->source_start && x->context_end >= x->source_end);
                FUZZ_CHECK(x->line >= 1 && x->col >= 1);
            }
            FUZZ_CHECK(h->stance != DOSSIER_SUPPORTS || e->n_conflicts == 0);
            FUZZ_CHECK(h->stance != DOSSIER_CONTRADICTS || e->n_conflicts > 0);
            supports += h->stance == DOSSIER_SUPPORTS;
            contradicts += h->stance == DOSSIER_CONTRADICTS;
        }
        /* the passage a verdict stands on is among the hits */
        if (r.n && r.verdict == DOSSIER_SUPPORTED) FUZZ_CHECK(supports > 0);
        if (r.n && r.verdict == DOSSIER_CONTRADICTED) FUZZ_CHECK(contradicts > 0);
    }
    dossier_corroboration_free(&r);
    if (size && (data[0] & 0x60) == 0x60) check_batch(c, data, size, &opts);
    return 0;
}
