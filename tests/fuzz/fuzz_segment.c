/* fuzz_segment.c — sentence segmentation of any text, the tokenizer
 * underneath every matcher, and where a citation goes in each sentence. */
#include "fuzz.h"
#include "text.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *text = (const char *)data;
    dossier_range *r = NULL;
    size_t n = 0;
    dossier_error err;
    if (dossier_segment(text, size, &r, &n, &err) == DOSSIER_OK) {
        fuzz_check_ranges(r, n, size);
        for (size_t i = 0; i < n; i++) {
            FUZZ_CHECK(r[i].start < r[i].end);
            for (size_t st = 0; st < dossier_cite_style_count(); st++) {
                dossier_cite_edit e;
                size_t len = r[i].end - r[i].start;
                if (dossier_cite_place(text + r[i].start, len, (dossier_cite_style)st, "[@k]", &e,
                                       &err) != DOSSIER_OK)
                    continue;
                FUZZ_CHECK(e.start <= e.end && e.end <= len && e.text);
                FUZZ_CHECK(strstr(e.text, "[@k]") != NULL);
                dossier_free(e.text);
            }
        }
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
