/* fuzz_check_quote.c — finding the quotations of a draft and checking each
 * against the default corpus; the whole input is checked as one quotation too. */
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    fuzz_default_corpus();
    return 0;
}

static void check(const dossier_corpus *c, const char *text, size_t len) {
    dossier_quote_result r = {0};
    dossier_error err;
    if (dossier_check_quote(c, text, len, &r, &err) == DOSSIER_OK) {
        if (r.verdict == DOSSIER_QUOTE_NONE) {
            FUZZ_CHECK(r.source == NULL);
        } else {
            FUZZ_CHECK(r.verdict <= DOSSIER_QUOTE_ALTERED && r.source);
            const dossier_article *a = dossier_article_at(c, r.article);
            FUZZ_CHECK(a && r.start <= r.end && r.end <= a->text_len);
            FUZZ_CHECK(r.passage < dossier_passage_count(c));
            FUZZ_CHECK(r.similarity >= 0.0 && r.similarity <= 1.0 + 1e-9);
        }
    }
    dossier_quote_result_free(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    dossier_corpus *c = fuzz_default_corpus();
    const char *text = (const char *)data;
    check(c, text, size);
    dossier_range *q = NULL;
    size_t n = 0;
    dossier_error err;
    if (dossier_find_quotations(text, size, &q, &n, &err) == DOSSIER_OK) {
        fuzz_check_ranges(q, n, size);
        for (size_t i = 0; i < n && i < 4; i++)
            check(c, text + q[i].start, q[i].end - q[i].start);
    }
    dossier_free(q);
    return 0;
}
