/* fuzz_wordnet.c — the WordNet reader over corrupted database files.
 *
 * The input is the thirteen files of a database separated by NUL bytes, in
 * the order of wordnet.h (noun index, data, exceptions, then verb, adjective,
 * adverb; then cntlist.rev); missing ones are empty. Every line start of
 * each data file is read as a synset with all its pointers and its gloss,
 * every lemma of each index is looked up, reduced to its base forms, counted
 * in cntlist.rev, weighed and walked by lex_related: nothing may be read
 * outside the files, and what is returned must point inside them. */
#include "fuzz.h"
#include "lexrel.h"
#include "wordnet.h"

static int count(void *ctx, const char *lemma, size_t n, lex_rel rel, double strength) {
    FUZZ_CHECK(n > 0 && n < WN_MAX_LEMMA && strlen(lemma) == n);
    FUZZ_CHECK(rel >= LEX_SYNONYM && rel <= LEX_ANTONYM);
    FUZZ_CHECK(strength > 0 && strength <= 1);
    ++*(unsigned *)ctx;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    wn_file files[WN_NFILES] = {{0}};
    const char *p = (const char *)data, *end = p + size;
    for (int i = 0; i < WN_NFILES && p <= end; i++) {
        const char *z = memchr(p, '\0', (size_t)(end - p));
        const char *e = z ? z : end;
        files[i] = (wn_file){e > p ? p : NULL, (size_t)(e - p)};
        if (!z) break;
        p = z + 1;
    }
    wordnet *wn;
    if (wn_open_buffers(files, &wn, NULL) != DOSSIER_OK) return 0;
    for (int pos = 0; pos < WN_NPOS; pos++) {
        const wn_file *d = &files[pos * WN_FILES_PER_POS + WN_DATA];
        for (size_t at = 0; d->data && at < d->len;) {
            wn_synset s;
            if (wn_read_synset(wn, (wn_pos)pos, (uint32_t)at, &s)) {
                FUZZ_CHECK(s.n_words <= WN_MAX_WORDS);
                FUZZ_CHECK(!s.gloss || (s.gloss >= d->data && s.gloss + s.gloss_len <= d->data + d->len));
                for (unsigned k = 0; k < s.n_words; k++)
                    FUZZ_CHECK(s.words[k].s >= d->data &&
                               s.words[k].s + s.words[k].n <= d->data + d->len);
                wn_pointer_iter it;
                wn_pointer ptr;
                unsigned n = 0;
                wn_pointers(&s, &it);
                while (wn_next_pointer(&s, &it, &ptr)) {
                    FUZZ_CHECK(ptr.pos < WN_NPOS && strlen(ptr.sym) <= 2);
                    FUZZ_CHECK(++n <= s.n_ptrs);
                }
            }
            const char *nl = memchr(d->data + at, '\n', d->len - at);
            if (!nl || at > UINT32_MAX) break;
            at = (size_t)(nl - d->data) + 1;
        }
        const wn_file *ix = &files[pos * WN_FILES_PER_POS + WN_INDEX];
        for (size_t at = 0; ix->data && at < ix->len;) {
            const char *nl = memchr(ix->data + at, '\n', ix->len - at);
            size_t le = nl ? (size_t)(nl - ix->data) : ix->len;
            const char *sp = memchr(ix->data + at, ' ', le - at);
            size_t wl = sp ? (size_t)(sp - (ix->data + at)) : le - at;
            char w[WN_MAX_LEMMA];
            if (wl > 0 && wl < sizeof w) {
                memcpy(w, ix->data + at, wl);
                w[wl] = '\0';
                uint32_t off[8];
                unsigned tagged;
                size_t n = wn_lookup(wn, (wn_pos)pos, w, wl, off, 8, &tagged);
                FUZZ_CHECK(tagged <= n);
                char base[4][WN_MAX_LEMMA];
                size_t nb = wn_base_forms(wn, (wn_pos)pos, w, wl, base, 4);
                for (size_t b = 0; b < nb; b++)
                    FUZZ_CHECK(strlen(base[b]) < WN_MAX_LEMMA);
                unsigned per[WN_NPOS], all = wn_tag_count(wn, w, wl, per);
                FUZZ_CHECK(per[0] + per[1] + per[2] + per[3] <= all);
                lex_forms forms;
                lex_forms_of(wn, w, wl, &forms);
                double g = lex_general_weight(wn, &forms);
                FUZZ_CHECK(g > 0 && g <= 1);
                unsigned visits = 0;
                lex_related(wn, &forms, count, &visits);
                FUZZ_CHECK(visits <= LEX_MAX_VISITS);
            }
            if (!nl) break;
            at = le + 1;
        }
    }
    wn_close(wn);
    return 0;
}
