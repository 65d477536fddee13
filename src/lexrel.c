/* lexrel.c — synonyms, derived forms, hyponyms and antonyms from WordNet
 * (see lexrel.h).
 *
 * Only the frequent senses of a word are followed: WordNet lists every sense
 * ("pledge" is also a toast, so "drink" is its synonym there), and a rare
 * sense's synonyms would align unrelated passages. Lemmas of several words
 * ("weapon_system") are skipped: the alignment compares single words. */
#include "lexrel.h"

#include <string.h>

typedef struct {
    const wordnet *wn;
    lex_visit visit;
    void *ctx;
    unsigned visits;
    int stop;
} walk;

static void emit(walk *w, const wn_word *word, lex_rel rel) {
    if (w->stop) return;
    char buf[WN_MAX_LEMMA];
    if (word->n == 0 || word->n >= sizeof buf) return;
    for (unsigned i = 0; i < word->n; i++) {
        char ch = word->s[i];
        if (ch >= 'A' && ch <= 'Z') ch = (char)(ch + 32);
        if (!(ch >= 'a' && ch <= 'z')) return; /* several words, a hyphen, a digit */
        buf[i] = ch;
    }
    buf[word->n] = '\0';
    if (++w->visits > LEX_MAX_VISITS || w->visit(w->ctx, buf, word->n, rel)) w->stop = 1;
}

static void emit_all(walk *w, const wn_synset *s, lex_rel rel) {
    for (unsigned k = 0; k < s->n_words && !w->stop; k++)
        emit(w, &s->words[k], rel);
}

/* The word numbers are 1-based; a pointer's target word 0 means the whole synset. */
static void emit_target(walk *w, const wn_pointer *p, lex_rel rel, int with_derived) {
    wn_synset t;
    if (!wn_read_synset(w->wn, p->pos, p->offset, &t)) return;
    if (p->dst == 0) {
        emit_all(w, &t, rel);
        return;
    }
    if (p->dst > t.n_words) return;
    emit(w, &t.words[p->dst - 1], rel);
    if (!with_derived) return;
    /* the antonym's own derived forms: fail ! succeed, + success */
    wn_pointer_iter it;
    wn_pointer q;
    wn_pointers(&t, &it);
    while (!w->stop && wn_next_pointer(&t, &it, &q))
        if ((!strcmp(q.sym, "+") || !strcmp(q.sym, "\\")) && q.src == p->dst)
            emit_target(w, &q, rel, 0);
}

/* A concept with more kinds than this (travel, move, person) is too general
 * for its kinds to stand for it in a claim. */
#define MAX_KINDS 24

static void hyponyms(walk *w, const wn_synset *s, int depth) {
    wn_pointer_iter it;
    wn_pointer p;
    unsigned kinds = 0;
    wn_pointers(s, &it);
    while (wn_next_pointer(s, &it, &p))
        kinds += strcmp(p.sym, "~") == 0;
    if (kinds > MAX_KINDS) return;
    wn_pointers(s, &it);
    while (!w->stop && wn_next_pointer(s, &it, &p)) {
        if (strcmp(p.sym, "~") != 0) continue;
        wn_synset t;
        if (!wn_read_synset(w->wn, p.pos, p.offset, &t)) continue;
        emit_all(w, &t, LEX_HYPONYM);
        if (depth > 1) hyponyms(w, &t, depth - 1);
    }
}

static unsigned word_number(const wn_synset *s, const char *lemma) {
    size_t n = strlen(lemma);
    for (unsigned k = 0; k < s->n_words; k++) {
        if (s->words[k].n != n) continue;
        unsigned i = 0;
        for (; i < n; i++) {
            char ch = s->words[k].s[i];
            if (ch >= 'A' && ch <= 'Z') ch = (char)(ch + 32);
            if (ch != lemma[i]) break;
        }
        if (i == n) return k + 1;
    }
    return 0;
}

static void synset_relations(walk *w, const wn_synset *s, const char *lemma) {
    unsigned me = word_number(s, lemma);
    for (unsigned k = 0; k < s->n_words && !w->stop; k++)
        if (k + 1 != me) emit(w, &s->words[k], LEX_SYNONYM);
    wn_pointer_iter it;
    wn_pointer p;
    wn_pointers(s, &it);
    while (!w->stop && wn_next_pointer(s, &it, &p)) {
        int mine = p.src == 0 || p.src == me;
        if ((!strcmp(p.sym, "+") || !strcmp(p.sym, "\\")) && mine)
            emit_target(w, &p, LEX_DERIVED, 0);
        else if (!strcmp(p.sym, "&"))
            emit_target(w, &p, LEX_SYNONYM, 0);
        else if (!strcmp(p.sym, "!") && mine)
            emit_target(w, &p, LEX_ANTONYM, 1);
    }
    if (s->pos == WN_NOUN)
        hyponyms(w, s, 2);
    else if (s->pos == WN_VERB)
        hyponyms(w, s, 1);
}

void lex_related(const wordnet *wn, const char *word, size_t n, lex_visit visit, void *ctx) {
    walk w = {wn, visit, ctx, 0, 0};
    if (!wn || n == 0 || n >= WN_MAX_LEMMA) return;
    for (int pos = 0; pos < WN_NPOS && !w.stop; pos++) {
        char base[4][WN_MAX_LEMMA];
        size_t nb = wn_base_forms(wn, (wn_pos)pos, word, n, base, 4);
        for (size_t b = 0; b < nb && !w.stop; b++) {
            uint32_t off[LEX_SENSES];
            unsigned tagged;
            size_t ns =
                wn_lookup(wn, (wn_pos)pos, base[b], strlen(base[b]), off, LEX_SENSES, &tagged);
            size_t use = tagged < 1 ? 1 : tagged;
            if (use > LEX_SENSES) use = LEX_SENSES;
            if (use > ns) use = ns;
            for (size_t k = 0; k < use && !w.stop; k++) {
                wn_synset s;
                if (wn_read_synset(wn, (wn_pos)pos, off[k], &s)) synset_relations(&w, &s, base[b]);
            }
        }
    }
}
