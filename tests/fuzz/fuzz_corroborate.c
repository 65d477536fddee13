/* fuzz_corroborate.c — ranking source passages for any claim, against the
 * default corpus. The first byte picks the number of hits asked for. */
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    fuzz_default_corpus();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    dossier_corpus *c = fuzz_default_corpus();
    dossier_corroborate_opts opts = {size ? data[0] % 16 : 0};
    dossier_corroboration r = {0};
    dossier_error err;
    if (dossier_corroborate(c, (const char *)data, size, &opts, &r, &err) == DOSSIER_OK) {
        FUZZ_CHECK(r.n <= (opts.limit ? opts.limit : 5));
        FUZZ_CHECK(r.n_sources <= dossier_article_count(c));
        for (size_t i = 0; i < r.n; i++) {
            const dossier_hit *h = &r.hits[i];
            FUZZ_CHECK(h->passage < dossier_passage_count(c) && h->matched);
            FUZZ_CHECK(h->coverage >= 0.0 && h->coverage <= 1.0 + 1e-9);
            FUZZ_CHECK(i == 0 || h->score <= r.hits[i - 1].score);
        }
    }
    dossier_corroboration_free(&r);
    return 0;
}
