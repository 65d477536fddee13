/* fuzz_segment.c — sentence segmentation of any text, and the tokenizer
 * underneath every matcher. */
#include "fuzz.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *text = (const char *)data;
    dossier_range *r = NULL;
    size_t n = 0;
    dossier_error err;
    if (dossier_segment(text, size, &r, &n, &err) == DOSSIER_OK) {
        fuzz_check_ranges(r, n, size);
        for (size_t i = 0; i < n; i++)
            FUZZ_CHECK(r[i].start < r[i].end);
    }
    dossier_free(r);

    token_list t;
    if (tokenize(text, size, &t) == DOSSIER_OK) {
        size_t prev_end = 0;
        for (size_t i = 0; i < t.n; i++) {
            const token *k = &t.tok[i];
            FUZZ_CHECK(k->start < k->end && k->end <= size && k->start >= prev_end);
            FUZZ_CHECK(k->flen > 0 && k->fstart + k->flen <= t.flen);
            prev_end = k->end;
        }
    }
    token_list_free(&t);
    return 0;
}
