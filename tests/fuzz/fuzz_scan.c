/* fuzz_scan.c — actor mentions in any text, against the default corpus.
 *
 * The fuzz build compiles scan.c with CHUNK_BYTES of 64 (see fuzz.mk), so
 * dossier_scan cuts even short inputs into pieces; its spans must equal those
 * of one scan over the whole text. */
#include "fuzz.h"
#include "scan.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    fuzz_default_corpus();
    return 0;
}

static void same_matches(const dossier_matches *a, const dossier_matches *b) {
    FUZZ_CHECK(a->n == b->n && a->n_candidates == b->n_candidates);
    for (size_t i = 0; i < a->n; i++) {
        const dossier_span *x = &a->spans[i], *y = &b->spans[i];
        FUZZ_CHECK(x->start == y->start && x->end == y->end && x->actor == y->actor &&
                   x->flags == y->flags && x->n_cand == y->n_cand &&
                   x->cand_start == y->cand_start);
    }
    for (size_t i = 0; i < a->n_candidates; i++)
        FUZZ_CHECK(a->candidates[i] == b->candidates[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    dossier_corpus *c = fuzz_default_corpus();
    const char *text = (const char *)data;
    dossier_matches m = {0}, whole = {0};
    dossier_error err;
    dossier_status s = dossier_scan(c, text, size, &m, &err);
    if (s == DOSSIER_OK) fuzz_check_matches(c, &m, size);
    token_list t;
    if (tokenize(text, size, &t) == DOSSIER_OK &&
        scan_text(c, text, size, &t, &whole, &err) == DOSSIER_OK && s == DOSSIER_OK)
        same_matches(&m, &whole);
    token_list_free(&t);
    dossier_matches_free(&whole);
    dossier_matches_free(&m);
    return 0;
}
