/* fuzz_facts.c — the fact-token reader (numbers, dates, versions, amounts)
 * over any text: facts inside the text, in order, never overlapping, on
 * words that exist; their terms and canonical forms bounded. */
#include "facts.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *text = (const char *)data;
    token_list t;
    if (tokenize(text, size, &t) != DOSSIER_OK) return 0;
    fact_list f;
    if (find_facts(text, size, &t, &f) == DOSSIER_OK) {
        size_t prev_end = 0, prev_tok = 0;
        for (size_t i = 0; i < f.n; i++) {
            const fact *x = &f.v[i];
            FUZZ_CHECK(x->kind >= FACT_NUMBER && x->kind <= FACT_TIME);
            FUZZ_CHECK(x->start < x->end && x->end <= size && x->start >= prev_end);
            FUZZ_CHECK(x->tok_first <= x->tok_last && x->tok_last < t.n);
            FUZZ_CHECK(i == 0 || x->tok_first > prev_tok);
            FUZZ_CHECK(memchr(x->unit, '\0', sizeof x->unit) &&
                       memchr(x->version, '\0', sizeof x->version));
            if (x->kind == FACT_DATE)
                FUZZ_CHECK(x->month >= 0 && x->month <= 12 && x->day >= 0 && x->day <= 31 &&
                           x->weekday >= 0 && x->weekday <= 7);
            if (x->kind == FACT_TIME) /* minutes after midnight */
                FUZZ_CHECK(x->value >= 0 && x->value < 24 * 60 && x->value == (int)x->value);
            char buf[48];
            for (unsigned k = 0; k < 8; k++) {
                size_t n = fact_term(x, k, buf, sizeof buf);
                FUZZ_CHECK(n < sizeof buf && strlen(buf) == n);
                if (!n) break;
                FUZZ_CHECK(buf[0] == '#');
            }
            FUZZ_CHECK(fact_format(x, buf, sizeof buf) < sizeof buf);
            fact_relation r = fact_compare(x, &f.v[0]);
            FUZZ_CHECK(r == FACT_UNRELATED || r == FACT_SAME || r == FACT_CONFLICT);
            FUZZ_CHECK(fact_compare(x, x) != FACT_CONFLICT);
            prev_end = x->end;
            prev_tok = x->tok_last;
        }
        fact_list_free(&f);
    }
    token_list_free(&t);
    return 0;
}
