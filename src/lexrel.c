/* lexrel.c — synonyms, derived forms, hyponyms, hypernyms, gloss words and
 * antonyms from WordNet (see lexrel.h).
 *
 * Every sense of a word is searched, but a sense the semantic concordance
 * never saw weighs less: WordNet lists every sense ("pledge" is also a
 * toast, so "drink" is its synonym there), and a rare sense's synonyms would
 * align unrelated passages at full strength. The walks that fan out
 * (hyponyms, hypernyms, glosses) follow the frequent senses only. Lemmas of
 * several words ("weapon_system") are skipped: the alignment compares single
 * words; a lemma written with a hyphen ("cease-fire") is visited closed up
 * too ("ceasefire"), the way many sources write it. */
#include "lexrel.h"

#include <math.h>
#include <string.h>

typedef struct {
    const wordnet *wn;
    lex_visit visit;
    void *ctx;
    unsigned visits;
    int stop;
} walk;

static void visit_form(walk *w, const char *s, size_t n, lex_rel rel, double strength) {
    if (w->stop || n == 0) return;
    if (++w->visits > LEX_MAX_VISITS || w->visit(w->ctx, s, n, rel, strength)) w->stop = 1;
}

static void emit(walk *w, const wn_word *word, lex_rel rel, double strength) {
    if (w->stop) return;
    char buf[WN_MAX_LEMMA];
    size_t k = 0;
    if (word->n == 0 || word->n >= sizeof buf) return;
    for (unsigned i = 0; i < word->n; i++) {
        char ch = word->s[i];
        if (ch >= 'A' && ch <= 'Z') ch = (char)(ch + 32);
        if (ch == '-' && i > 0 && i + 1 < word->n) continue; /* "cease-fire": "ceasefire" */
        if (!(ch >= 'a' && ch <= 'z')) return;               /* several words, a digit */
        buf[k++] = ch;
    }
    buf[k] = '\0';
    visit_form(w, buf, k, rel, strength);
}

static void emit_all(walk *w, const wn_synset *s, lex_rel rel, double strength, unsigned skip) {
    for (unsigned k = 0; k < s->n_words && !w->stop; k++)
        if (k + 1 != skip) emit(w, &s->words[k], rel, strength);
}

static int sym_is(const wn_pointer *p, const char *sym) {
    return strcmp(p->sym, sym) == 0;
}

/* A lexical or semantic pointer's target: its word (dst), or the whole
 * synset (dst 0); with `second`, the target synset's other words too at
 * that strength (a synonym of the derived form). */
static void emit_target(walk *w, const wn_pointer *p, lex_rel rel, double strength, double second) {
    wn_synset t;
    if (!wn_read_synset(w->wn, p->pos, p->offset, &t)) return;
    if (p->dst == 0) {
        emit_all(w, &t, rel, strength, 0);
        return;
    }
    if (p->dst > t.n_words) return;
    emit(w, &t.words[p->dst - 1], rel, strength);
    if (second > 0) emit_all(w, &t, rel, second, p->dst);
}

/* The antonym, and for a frequent sense its own neighbours: its derived
 * forms (fail ! succeed, + success), its synset's other words (rise ! fall:
 * descend) and, for an adjective, its similar-to cluster (wet ! dry:
 * arid). A rare sense's neighbours would oppose words that agree. */
static void emit_antonym(walk *w, const wn_pointer *p, double strength, int neighbours) {
    wn_synset t;
    if (!wn_read_synset(w->wn, p->pos, p->offset, &t)) return;
    if (p->dst == 0 || p->dst > t.n_words) {
        if (neighbours) emit_all(w, &t, LEX_ANTONYM, strength, 0);
        return;
    }
    emit(w, &t.words[p->dst - 1], LEX_ANTONYM, strength);
    if (!neighbours) return;
    emit_all(w, &t, LEX_ANTONYM, strength, p->dst);
    wn_pointer_iter it;
    wn_pointer q;
    wn_pointers(&t, &it);
    while (!w->stop && wn_next_pointer(&t, &it, &q)) {
        if ((sym_is(&q, "+") || sym_is(&q, "\\")) && q.src == p->dst)
            emit_target(w, &q, LEX_ANTONYM, strength, 0);
        else if (sym_is(&q, "&"))
            emit_target(w, &q, LEX_ANTONYM, strength, 0);
    }
}

/* A concept with more kinds than this (travel, move, person) is too general
 * for its kinds to stand for it in a claim, or for it to stand for them. */
#define MAX_KINDS 24
#define MAX_KINDS_UP 60

static void hyponyms(walk *w, const wn_synset *s, int depth, double strength) {
    unsigned kinds = wn_kinds(w->wn, s);
    if (kinds > MAX_KINDS) return;
    if (kinds > MAX_KINDS / 2) depth = 1; /* a wide level: its kinds' kinds are far off */
    wn_pointer_iter it;
    wn_pointer p;
    wn_pointers(s, &it);
    /* until the last kind: the pointers after it are no kinds */
    for (unsigned seen = 0; seen < kinds && !w->stop && wn_next_pointer(s, &it, &p);) {
        if (!sym_is(&p, "~") && !sym_is(&p, "~i")) continue;
        seen++;
        wn_synset t;
        if (!wn_read_synset(w->wn, p.pos, p.offset, &t)) continue;
        emit_all(w, &t, LEX_HYPONYM, strength, 0);
        if (depth > 1) hyponyms(w, &t, depth - 1, strength * LEX_W_LEVEL);
    }
}

static void hypernyms(walk *w, const wn_synset *s, int depth, double strength) {
    wn_pointer_iter it;
    wn_pointer p;
    wn_pointers(s, &it);
    unsigned supers = wn_supers(w->wn, s);
    for (unsigned seen = 0; seen < supers && !w->stop && wn_next_pointer(s, &it, &p);) {
        if (!sym_is(&p, "@") && !sym_is(&p, "@i")) continue;
        seen++;
        wn_synset t;
        if (!wn_read_synset(w->wn, p.pos, p.offset, &t)) continue;
        if (wn_kinds(w->wn, &t) > MAX_KINDS_UP) continue; /* "person", "act": too general */
        emit_all(w, &t, LEX_HYPERNYM, strength, 0);
        if (depth > 1) hypernyms(w, &t, depth - 1, strength * LEX_W_LEVEL);
    }
}

/* The content words of a gloss's definition (before its examples): words
 * of three letters or more, lower case; the caller's terms drop stop
 * words. */
static void gloss_words(walk *w, const wn_synset *s, double strength) {
    const char *g = s->gloss, *end = s->gloss ? s->gloss + s->gloss_len : NULL;
    for (const char *p = g; p && p < end && !w->stop;) {
        if (*p == ';' || *p == '"') break; /* the examples */
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) {
            p++;
            continue;
        }
        const char *q = p;
        while (q < end && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z')))
            q++;
        if (q - p >= 3 && q - p < WN_MAX_LEMMA) {
            wn_word word = {p, (unsigned)(q - p)};
            emit(w, &word, LEX_GLOSS, strength);
        }
        p = q;
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

/* A satellite adjective's head: its antonyms are the satellite's (an
 * indirect antonym: "arid" & "dry" ! "wet"), and its other satellites are
 * the satellite's sisters at `sisters` ("wealthy" & "rich" & "prosperous",
 * "affluent"), one cluster of like meaning that the head's antonym opposes
 * whole. A head with more than MAX_CLUSTER satellites (good, bad) groups
 * meanings too loose to stand for each other. */
#define MAX_CLUSTER 24

static void satellite_head(walk *w, const wn_synset *s, double sisters) {
    wn_pointer_iter it;
    wn_pointer p;
    wn_pointers(s, &it);
    while (!w->stop && wn_next_pointer(s, &it, &p)) {
        if (!sym_is(&p, "&")) continue;
        wn_synset head;
        if (!wn_read_synset(w->wn, p.pos, p.offset, &head) || head.type != 'a') continue;
        wn_pointer_iter jt;
        wn_pointer q;
        unsigned n = 0;
        wn_pointers(&head, &jt);
        while (!w->stop && wn_next_pointer(&head, &jt, &q)) {
            if (sym_is(&q, "!")) emit_antonym(w, &q, 1.0, 0);
            n += sym_is(&q, "&");
        }
        if (n > MAX_CLUSTER) continue;
        wn_pointers(&head, &jt);
        while (!w->stop && wn_next_pointer(&head, &jt, &q))
            if (sym_is(&q, "&") && q.offset != s->offset)
                emit_target(w, &q, LEX_SYNONYM, sisters, 0);
    }
}

/* The relations of `lemma` in synset s, sf the sense's strength; `deep`
 * for a frequent sense: its kinds, its more general words, its gloss, its
 * antonyms' neighbours. */
static void synset_relations(walk *w, const wn_synset *s, const char *lemma, double sf, int deep) {
    unsigned me = word_number(s, lemma);
    emit_all(w, s, LEX_SYNONYM, LEX_W_SYNONYM * sf, me);
    wn_pointer_iter it;
    wn_pointer p;
    wn_pointers(s, &it);
    while (!w->stop && wn_next_pointer(s, &it, &p)) {
        int mine = p.src == 0 || p.src == me;
        if ((sym_is(&p, "+") || sym_is(&p, "\\")) && mine)
            emit_target(w, &p, LEX_DERIVED, LEX_W_DERIVED * sf, LEX_W_SECOND * sf);
        else if (sym_is(&p, "&") ||
                 ((sym_is(&p, "^") || sym_is(&p, "<") || sym_is(&p, "=")) && mine))
            emit_target(w, &p, LEX_SYNONYM, LEX_W_SIMILAR * sf, LEX_W_SECOND * sf);
        else if (sym_is(&p, "!") && mine)
            emit_antonym(w, &p, 1.0, deep);
    }
    if (!deep) {
        /* a sense past the frequent ones: its more general word, one level
         * (a partnership is a relationship); it fans out little, unlike its
         * kinds */
        if (s->pos == WN_NOUN) hypernyms(w, s, 1, LEX_W_HYPERNYM * sf);
        return;
    }
    if (s->type == 's') satellite_head(w, s, LEX_W_CLUSTER * sf);
    if (s->pos == WN_NOUN) {
        hyponyms(w, s, 2, LEX_W_HYPONYM * sf);
        hypernyms(w, s, 2, LEX_W_HYPERNYM * sf);
    } else if (s->pos == WN_VERB) {
        hyponyms(w, s, 1, LEX_W_HYPONYM * sf);
        hypernyms(w, s, 1, LEX_W_HYPERNYM * sf);
    }
    gloss_words(w, s, LEX_W_GLOSS * sf);
}

static void forms_in(const wordnet *wn, const char *w, size_t n, lex_forms *out) {
    out->total = 0;
    for (int pos = 0; pos < WN_NPOS; pos++) {
        out->n[pos] = wn_base_forms(wn, (wn_pos)pos, w, n, out->form[pos], LEX_MAX_FORMS);
        out->total += out->n[pos];
    }
}

void lex_forms_of(const wordnet *wn, const char *w, size_t n, lex_forms *out) {
    memset(out->n, 0, sizeof out->n);
    out->total = 0;
    if (!wn || n == 0 || n + 2 >= WN_MAX_LEMMA) return;
    forms_in(wn, w, n, out);
    /* a closed compound: each cut into two words of three letters or more */
    char buf[WN_MAX_LEMMA];
    for (size_t cut = 3; !out->total && n >= 6 && cut + 3 <= n; cut++) {
        memcpy(buf, w, cut);
        buf[cut] = '-';
        memcpy(buf + cut + 1, w + cut, n - cut);
        buf[n + 1] = '\0';
        /* a cheap test first: the noun or verb index has the compound */
        char probe[2][WN_MAX_LEMMA];
        if (wn_base_forms(wn, WN_NOUN, buf, n + 1, probe, 2) ||
            wn_base_forms(wn, WN_VERB, buf, n + 1, probe, 2))
            forms_in(wn, buf, n + 1, out);
    }
}

void lex_related(const wordnet *wn, const lex_forms *forms, lex_visit visit, void *ctx) {
    walk w = {wn, visit, ctx, 0, 0};
    if (!wn) return;
    for (int pos = 0; pos < WN_NPOS && !w.stop; pos++) {
        for (size_t b = 0; b < forms->n[pos] && !w.stop; b++) {
            const char *base = forms->form[pos][b];
            uint32_t off[LEX_SENSES];
            unsigned tagged;
            size_t ns = wn_lookup(wn, (wn_pos)pos, base, strlen(base), off, LEX_SENSES, &tagged);
            if (ns > LEX_SENSES) ns = LEX_SENSES;
            /* the concordance's senses; when it saw none, WordNet's order
             * says nothing of frequency: the first few alike */
            size_t frequent = tagged ? tagged : LEX_DEEP_SENSES;
            double ff = tagged ? 1.0 : LEX_UNSEEN_SENSE;
            for (size_t k = 0; k < ns && !w.stop; k++) {
                wn_synset s;
                if (!wn_read_synset(wn, (wn_pos)pos, off[k], &s)) continue;
                double sf = k < frequent ? ff : LEX_RARE_SENSE;
                synset_relations(&w, &s, base, sf, k < frequent && k < LEX_DEEP_SENSES);
            }
        }
    }
}

double lex_general_weight(const wordnet *wn, const lex_forms *forms) {
    if (!wn || !forms->total) return 1.0;
    unsigned best = 0, adverb = 0;
    for (int pos = 0; pos < WN_NPOS; pos++)
        for (size_t b = 0; b < forms->n[pos]; b++) {
            unsigned per[WN_NPOS];
            unsigned c = wn_tag_count(wn, forms->form[pos][b], strlen(forms->form[pos][b]), per);
            if (c > best) best = c, adverb = 2 * per[WN_ADV] > c;
        }
    /* 0 sightings: 1; 10: 0.74; 100: 0.5; 1,000 ("give", "see"): 0.25 */
    double g = 1.0 - log10(1.0 + best) / 4.0;
    if (g < 0.15) g = 0.15;
    /* mostly an adverb (meanwhile, also, certainly), or only one */
    if (adverb || forms->n[WN_ADV] == forms->total) g *= 0.5;
    return g;
}
