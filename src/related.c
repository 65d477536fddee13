/* related.c — words related to a claim's word, as the corpus' terms (see
 * related.h).
 *
 * Sources: the word's other spellings (spelling.c), its base forms and
 * WordNet relations (wordnet.c, lexrel.c), the synonym groups and antonym
 * pairs of lexicon.c. Each candidate word is made a term the way the index
 * makes one (word_term: stemmed, stop words dropped) and kept only when a
 * passage has it, with the strongest relation found. The answer for each
 * word is kept in the cache, in an arena, so a pointer handed out stays
 * valid. A corpus is used by one thread at a time (dossier.h), so the cache
 * needs no lock. */
#include "related.h"
#include "index.h"
#include "lexicon.h"
#include "lexrel.h"
#include "relfile.h"
#include "spelling.h"

#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_WORDNET "/usr/share/wordnet"
#define MAX_RELATED 512 /* terms kept per word */

struct related_cache {
    arena mem;
    strmap words;  /* folded word -> index into sets */
    strmap verbs;  /* folded word -> whether WordNet has it as a verb form (related_verb) */
    strmap lemmas; /* a WordNet lemma -> its term id, -2 when no passage has it */
    related_set *sets;
    size_t n_sets, cap_sets;
    strmap groups;    /* term of a lexicon word -> its group + 1 */
    char **ant_terms; /* lexicon antonyms as terms: [2k] and [2k + 1] oppose */
    size_t n_ant;     /* pairs */
    int lexicon_ready;
    char *wordnet_dir; /* "" when none */
    wordnet *wn;
    struct sb_stemmer *ascii; /* for ASCII lemmas (lemma_stemmer), made on first need */
    int ascii_state;          /* 0 not yet made, 1 made, -1 failed */
    int wn_state;             /* -1 not yet opened, 0 failed or off, 1 open */
    char wn_why[sizeof((dossier_error *)0)->message];
    strmap reporting; /* folded word -> related_reporting's answer */
    /* the related-terms file (relfile.h): read on first need, its sets
     * pointing into its mapping; what was worked out since is saved by
     * related_save */
    char *store_path; /* NULL: not kept */
    relf_key store_key;
    int store_read;  /* 1 once looked for */
    void *store_map; /* the file read, mapped */
    size_t store_len, loaded, computed, unsaved, warmed;
    char store_why[sizeof((dossier_error *)0)->message];
};

static void read_store(const dossier_corpus *c, related_cache *rc);

/* One more word's answer worked out, to save. */
static void computed(related_cache *rc) {
    rc->computed++;
    rc->unsaved++;
}

related_cache *related_new(const char *wordnet_dir, const char *store_path, uint64_t image_id) {
    related_cache *rc = calloc(1, sizeof *rc);
    if (!rc) return NULL;
    rc->store_key.image = image_id;
    if (store_path && *store_path && image_id &&
        !(rc->store_path = arena_strdup(&rc->mem, store_path))) {
        related_free(rc);
        return NULL;
    }
    const char *dir = wordnet_dir;
    if (!dir) {
        const char *env = getenv("DOSSIER_WORDNET");
        dir = env ? (strcmp(env, "none") == 0 ? "" : env) : DEFAULT_WORDNET;
    }
    rc->wordnet_dir = arena_strdup(&rc->mem, dir);
    if (!rc->wordnet_dir) {
        related_free(rc);
        return NULL;
    }
    rc->wn_state = -1;
    if (!*dir) {
        rc->wn_state = 0;
        snprintf(rc->wn_why, sizeof rc->wn_why, "switched off");
    }
    return rc;
}

related_cache *related_twin(const related_cache *rc) {
    return related_new(rc->wordnet_dir, rc->store_path, rc->store_key.image);
}

void related_free(related_cache *rc) {
    if (!rc) return;
    wn_close(rc->wn);
    if (rc->ascii) sb_stemmer_delete(rc->ascii);
    strmap_free(&rc->words);
    strmap_free(&rc->verbs);
    strmap_free(&rc->lemmas);
    strmap_free(&rc->groups);
    strmap_free(&rc->reporting);
    relf_unmap(rc->store_map, rc->store_len);
    free(rc->sets);
    arena_free(&rc->mem);
    free(rc);
}

static const wordnet *open_wordnet(related_cache *rc) {
    if (rc->wn_state < 0) {
        dossier_error err;
        if (wn_open(rc->wordnet_dir, &rc->wn, &err) == DOSSIER_OK) {
            rc->wn_state = 1;
        } else {
            rc->wn_state = 0;
            snprintf(rc->wn_why, sizeof rc->wn_why, "%s", err.message);
        }
    }
    return rc->wn_state == 1 ? rc->wn : NULL;
}

int related_wordnet(const dossier_corpus *c, const char **dir, const char **why) {
    related_cache *rc = c->related;
    if (dir) *dir = rc ? rc->wordnet_dir : "";
    if (why) *why = rc ? rc->wn_why : "out of memory";
    return rc ? rc->wn_state : 0;
}

/* The word's related set keeps it (a corpus word's is in <cache>.related
 * once the second handle has written it): no WordNet lookup at check time,
 * which a session with the related terms kept otherwise never opens. */
double related_general(const dossier_corpus *c, const char *w, size_t n) {
    related_set s;
    return related_terms(c, w, n, &s) == DOSSIER_OK ? s.general : 1.0;
}

int related_verb(const dossier_corpus *c, const char *w, size_t n) {
    related_cache *rc = c->related;
    if (!rc) return 0;
    read_store(c, rc);
    long known = strmap_get(&rc->verbs, w, n);
    if (known >= 0) return (int)known;
    const wordnet *wn = open_wordnet(rc);
    char base[4][WN_MAX_LEMMA], noun[1][WN_MAX_LEMMA];
    size_t k = wn ? wn_base_forms(wn, WN_VERB, w, n, base, 4) : 0;
    int is = k > 0, other = 0;
    for (size_t j = 0; j < k; j++)
        if (strlen(base[j]) != n || memcmp(base[j], w, n) != 0) other = 1;
    if (other) {
        /* a base of another spelling: the exception list's irregular
         * forms (fell, went) when the word has no regular ending, and a
         * third person (enforces) that no noun reads as a plural */
        int ends_s = n > 3 && w[n - 1] == 's' && w[n - 2] != 's';
        int regular =
            ends_s || (n > 4 && (!memcmp(w + n - 2, "ed", 2) || !memcmp(w + n - 3, "ing", 3)));
        if (!regular || (ends_s && wn_base_forms(wn, WN_NOUN, w, n, noun, 1) == 0)) is = 2;
    }
    if (strmap_put(&rc->verbs, w, n, is)) /* out of memory: looked up again next time */
        computed(rc);
    return is;
}

int related_reporting(const dossier_corpus *c, const char *w, size_t n) {
    related_cache *rc = c->related;
    if (!rc) return 0;
    read_store(c, rc);
    long known = strmap_get(&rc->reporting, w, n);
    if (known >= 0) return (int)known;
    const wordnet *wn = open_wordnet(rc);
    char base[1][WN_MAX_LEMMA];
    uint32_t off[1];
    wn_synset s;
    int is = wn && wn_base_forms(wn, WN_VERB, w, n, base, 1) &&
             wn_lookup(wn, WN_VERB, base[0], strlen(base[0]), off, 1, NULL) &&
             wn_read_synset(wn, WN_VERB, off[0], &s) &&
             (s.lexfile == WN_LEX_COGNITION || s.lexfile == WN_LEX_COMMUNICATION);
    if (strmap_put(&rc->reporting, w, n, is)) computed(rc); /* out of memory: again next time */
    return is;
}

int related_wordnet_open(const dossier_corpus *c) {
    if (c->related) open_wordnet(c->related);
    return related_wordnet(c, NULL, NULL);
}

/* ------------------------------------------------------------ the lexicon */

/* Terms of the lexicon's words, made once per corpus (they depend on its
 * stemmer and stop words only, but live with the cache). */
static dossier_status lexicon_terms(const dossier_corpus *c, related_cache *rc) {
    if (rc->lexicon_ready) return DOSSIER_OK;
    const index_data *ix = c->index;
    char t[128], u[128];
    for (size_t g = 0; dossier_synonyms[g]; g++)
        for (const char *p = dossier_synonyms[g]; *p;) {
            size_t n = strcspn(p, " ");
            size_t tn = word_term(ix, ix->stemmer, p, n, t, sizeof t);
            if (tn && strmap_get(&rc->groups, t, tn) < 0 &&
                !strmap_put(&rc->groups, t, tn, (long)g + 1))
                return DOSSIER_ERR_NOMEM;
            p += n;
            while (*p == ' ')
                p++;
        }
    /* each class entry as pairs of terms: every left word with every right one */
    size_t np = 0;
    for (size_t k = 0; dossier_antonyms[k]; k++) {
        size_t l = 0, rgt = 0, *side = &l;
        for (const char *p = dossier_antonyms[k]; *p;) {
            size_t n = strcspn(p, " ");
            if (n == 1 && *p == '|')
                side = &rgt;
            else if (n)
                (*side)++;
            p += n;
            while (*p == ' ')
                p++;
        }
        np += l * rgt;
    }
    if (!(rc->ant_terms = arena_alloc(&rc->mem, (2 * np + 1) * sizeof *rc->ant_terms)))
        return DOSSIER_ERR_NOMEM;
    for (size_t k = 0; dossier_antonyms[k]; k++) {
        const char *bar = strchr(dossier_antonyms[k], '|');
        if (!bar) continue;
        for (const char *p = dossier_antonyms[k]; p < bar;) {
            size_t an = strcspn(p, " ");
            size_t tn = an ? word_term(ix, ix->stemmer, p, an, t, sizeof t) : 0;
            for (const char *q = bar + 1; tn && *q;) {
                while (*q == ' ')
                    q++;
                size_t bn = strcspn(q, " ");
                size_t un = bn ? word_term(ix, ix->stemmer, q, bn, u, sizeof u) : 0;
                if (un && rc->n_ant < np) {
                    char *x = arena_strndup(&rc->mem, t, tn), *y = arena_strndup(&rc->mem, u, un);
                    if (!x || !y) return DOSSIER_ERR_NOMEM;
                    rc->ant_terms[2 * rc->n_ant] = x;
                    rc->ant_terms[2 * rc->n_ant + 1] = y;
                    rc->n_ant++;
                }
                q += bn;
            }
            p += an;
            while (*p == ' ')
                p++;
        }
    }
    rc->lexicon_ready = 1;
    return DOSSIER_OK;
}

/* ------------------------------------------------------------ one word */

typedef struct {
    const dossier_corpus *c;
    related_cache *rc;
    long own; /* the word's own term, or -1 */
    lex_forms forms;
    related_term v[MAX_RELATED];
    size_t n;
    int failed;
} gathering;

/* An antonym stays one unless the same term is also this closely related
 * otherwise: "rise" is a rare sense's gloss word of "fall"'s neighbours,
 * not its synonym. */
#define ANTONYM_OVERRIDE 0.7

static void put(gathering *g, long id, rel_kind rel, double strength) {
    if (id < 0 || id == g->own) return;
    if (strength > 1) strength = 1;
    uint16_t st = (uint16_t)(strength * 1000.0 + 0.5);
    for (size_t k = 0; k < g->n; k++) {
        related_term *t = &g->v[k];
        if (t->term != (uint32_t)id) continue;
        if (t->rel == REL_ANTONYM) {
            if (rel != REL_ANTONYM && strength >= ANTONYM_OVERRIDE)
                t->rel = (uint16_t)rel, t->strength = st;
        } else if (rel == REL_ANTONYM) {
            if (t->strength < ANTONYM_OVERRIDE * 1000) t->rel = (uint16_t)rel, t->strength = st;
        } else if (st > t->strength || (st == t->strength && rel < t->rel)) {
            t->rel = (uint16_t)rel, t->strength = st;
        }
        return;
    }
    if (g->n < MAX_RELATED) g->v[g->n++] = (related_term){(uint32_t)id, (uint16_t)rel, st};
}

/* The stemmer for lemma s[0, n): the index's (English, UTF-8), or for an
 * ASCII lemma - all of WordNet's - English for ISO-8859-1 text, which gives
 * the same stems there (one algorithm, the same bytes; test_wordnet checks
 * WordNet's lemmas) a quarter faster: stemming the lemmas WordNet offers
 * was a quarter of relating a word the first time. */
static struct sb_stemmer *lemma_stemmer(related_cache *rc, const index_data *ix, const char *s,
                                        size_t n) {
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80) return ix->stemmer;
    if (rc->ascii_state == 0) {
        rc->ascii = sb_stemmer_new("english", "ISO_8859_1");
        rc->ascii_state = rc->ascii ? 1 : -1;
    }
    return rc->ascii ? rc->ascii : ix->stemmer;
}

/* Adds the term of `lemma` with relation rel, keeping the strongest. A
 * lemma's term is remembered: WordNet's words come back word after word
 * ("act", "person"), and stemming is most of the cost of one. */
static void gather(gathering *g, const char *lemma, size_t n, rel_kind rel, double strength) {
    const index_data *ix = g->c->index;
    long id = strmap_get(&g->rc->lemmas, lemma, n);
    if (id < -1) return; /* not known: -1 is strmap_get's */
    if (id == -1) {
        char t[128];
        size_t tn = word_term(ix, lemma_stemmer(g->rc, ix, lemma, n), lemma, n, t, sizeof t);
        id = tn ? index_term(ix, t, tn) : -1;
        strmap_put(&g->rc->lemmas, lemma, n, id < 0 ? -2 : id); /* out of memory: again later */
        if (id < 0) return;
    }
    put(g, id, rel, strength);
}

/* Adds a term (already a stem) with relation rel. */
static void gather_term(gathering *g, const char *term, rel_kind rel) {
    put(g, index_term(g->c->index, term, strlen(term)), rel, 1.0);
}

/* The comparative and superlative of an adjective written regularly (old:
 * older, oldest; late: later, latest; early: earlier, earliest), which the
 * stemmer leaves apart from it: a superlative's opposite is a superlative
 * ("the youngest" / "the oldest"). */
static void gather_degrees(gathering *g, const char *lemma, size_t n, rel_kind rel,
                           double strength) {
    static const char *const endings[2] = {"er", "est"};
    char buf[WN_MAX_LEMMA + 4];
    if (n < 2 || n + 4 > sizeof buf) return;
    for (int k = 0; k < 2; k++) {
        size_t m = n;
        memcpy(buf, lemma, n);
        if (lemma[n - 1] == 'e')
            m--; /* late: later */
        else if (lemma[n - 1] == 'y')
            buf[m - 1] = 'i'; /* early: earlier */
        size_t el = strlen(endings[k]);
        memcpy(buf + m, endings[k], el);
        gather(g, buf, m + el, rel, strength);
    }
}

/* The irregular forms of a verb that a source may write it in, which the
 * stemmer keeps apart from it (seek: sought; drive: driven): the exception
 * list read the other way round (wn_inflections). Not those of a verb as
 * common as "go", "take" or "make" (seen more than INFLECT_COMMON times in
 * the concordance): "gone", "took", "made" stand for any of its many
 * senses; nor a form that is a word of its own in general English, seen
 * more than INFLECT_OWN times ("given", "left", "found"): it would bring
 * that word's meaning. */
#define INFLECT_COMMON 200
#define INFLECT_OWN 3

static void gather_inflections(gathering *g, const char *lemma, size_t n, rel_kind rel,
                               double strength) {
    const wordnet *wn = g->rc->wn;
    char forms[8][WN_MAX_LEMMA];
    size_t k = wn_inflections(wn, WN_VERB, lemma, n, forms, 8);
    if (k == 0 || wn_tag_count(wn, lemma, n, NULL) > INFLECT_COMMON) return;
    for (size_t i = 0; i < k; i++) {
        size_t fl = strlen(forms[i]);
        if (wn_tag_count(wn, forms[i], fl, NULL) <= INFLECT_OWN)
            gather(g, forms[i], fl, rel, strength);
    }
}

static int from_wordnet(void *ctx, const char *lemma, size_t n, lex_rel rel, double strength) {
    static const rel_kind map[] = {
        [LEX_SYNONYM] = REL_SYNONYM,   [LEX_DERIVED] = REL_DERIVED, [LEX_HYPONYM] = REL_HYPONYM,
        [LEX_HYPERNYM] = REL_HYPERNYM, [LEX_GLOSS] = REL_GLOSS,     [LEX_ANTONYM] = REL_ANTONYM};
    gather(ctx, lemma, n, map[rel], strength);
    if (rel == LEX_ANTONYM) gather_degrees(ctx, lemma, n, map[rel], strength);
    /* not a gloss's words (a definition's, as written), nor an antonym's
     * forms: on the development sets those called a true claim
     * contradicted */
    if (rel != LEX_ANTONYM && rel != LEX_GLOSS)
        gather_inflections(ctx, lemma, n, map[rel], strength);
    return 0;
}

static int cmp_related(const void *a, const void *b) {
    uint32_t x = ((const related_term *)a)->term, y = ((const related_term *)b)->term;
    return x < y ? -1 : x > y;
}

static void lexicon_relations(gathering *g, related_cache *rc, const char *own_term, size_t own_n) {
    long grp = strmap_get(&rc->groups, own_term, own_n);
    if (grp > 0)
        for (const char *p = dossier_synonyms[grp - 1]; *p;) {
            size_t n = strcspn(p, " ");
            gather(g, p, n, REL_SYNONYM, LEX_W_SYNONYM);
            p += n;
            while (*p == ' ')
                p++;
        }
    /* the other side of each pair the word is on, as a term: gather() takes
     * words, and a stem is a word whose stem is itself for these */
    for (size_t k = 0; k < 2 * rc->n_ant; k++) /* the first letter first: most differ there */
        if (rc->ant_terms[k][0] == own_term[0] && strlen(rc->ant_terms[k]) == own_n &&
            memcmp(rc->ant_terms[k], own_term, own_n) == 0)
            gather_term(g, rc->ant_terms[k ^ 1], REL_ANTONYM);
}

/* A new gathering for word w[0, n), its own term found; NULL when out of
 * memory. */
static gathering *new_gathering(const dossier_corpus *c, related_cache *rc, const char *w, size_t n,
                                char *own, size_t own_cap, size_t *own_n) {
    gathering *g = malloc(sizeof *g);
    if (!g) return NULL;
    g->c = c;
    g->rc = rc;
    g->n = 0;
    g->failed = 0;
    const index_data *ix = c->index;
    *own_n = word_term(ix, ix->stemmer, w, n, own, own_cap);
    g->own = *own_n ? index_term(ix, own, *own_n) : -1;
    return g;
}

/* Keeps set s under key in the cache (s.v not copied). */
static dossier_status remember_set(related_cache *rc, const char *key, size_t kn, related_set s) {
    if (!grow((void **)&rc->sets, &rc->cap_sets, rc->n_sets + 1, sizeof *rc->sets) ||
        !strmap_put(&rc->words, key, kn, (long)rc->n_sets))
        return DOSSIER_ERR_NOMEM;
    rc->sets[rc->n_sets++] = s;
    return DOSSIER_OK;
}

/* Keeps the first n of g's terms, sorted, as the set of `key` in the cache;
 * frees g. */
static dossier_status keep_set(related_cache *rc, const char *key, size_t kn, gathering *g,
                               size_t n, double general, related_set *out) {
    related_set s = {NULL, n, general};
    related_term *v = n ? arena_alloc(&rc->mem, n * sizeof *v) : NULL;
    if (n && !v) {
        free(g);
        return DOSSIER_ERR_NOMEM;
    }
    if (n) {
        memcpy(v, g->v, n * sizeof *v);
        qsort(v, n, sizeof *v, cmp_related);
    }
    free(g);
    s.v = v;
    if (remember_set(rc, key, kn, s)) return DOSSIER_ERR_NOMEM;
    computed(rc);
    *out = s;
    return DOSSIER_OK;
}

/* related_terms, and related_verb_terms when verb_only: the WordNet
 * relations of the word's verb senses only (kept under the word with a
 * '+' before it, which no word holds: no clash with the other keys). */
static dossier_status terms_of(const dossier_corpus *c, const char *w, size_t n, int verb_only,
                               related_set *out) {
    related_cache *rc = c->related;
    out->v = NULL;
    out->n = 0;
    out->general = 1.0;
    if (!rc || n == 0) return DOSSIER_OK;
    char vkey[WN_MAX_LEMMA + 1];
    const char *key = w;
    size_t kn = n;
    if (verb_only) {
        if (n + 1 > sizeof vkey) return terms_of(c, w, n, 0, out);
        vkey[0] = '+';
        memcpy(vkey + 1, w, n);
        key = vkey, kn = n + 1;
    }
    read_store(c, rc);
    long at = strmap_get(&rc->words, key, kn);
    if (at >= 0) {
        *out = rc->sets[at];
        return DOSSIER_OK;
    }
    if (lexicon_terms(c, rc)) return DOSSIER_ERR_NOMEM;
    char own[128];
    size_t own_n;
    gathering *g = new_gathering(c, rc, w, n, own, sizeof own, &own_n);
    if (!g) return DOSSIER_ERR_NOMEM;
    double general = 1.0;
    if (own_n) {
        char sp[16][SPELLING_MAX];
        size_t k = spelling_variants(w, n, sp, 16);
        for (size_t i = 0; i < k; i++)
            gather(g, sp[i], strlen(sp[i]), REL_SAME, 1.0);
        const wordnet *wn = open_wordnet(rc);
        if (wn) {
            lex_forms_of(wn, w, n, &g->forms);
            for (int pos = 0; pos < WN_NPOS; pos++)
                for (size_t b = 0; b < g->forms.n[pos]; b++)
                    gather(g, g->forms.form[pos][b], strlen(g->forms.form[pos][b]), REL_SAME, 1.0);
            /* and its own irregular forms: "seek" is "sought" in a source */
            for (size_t b = 0; b < g->forms.n[WN_VERB]; b++)
                gather_inflections(g, g->forms.form[WN_VERB][b], strlen(g->forms.form[WN_VERB][b]),
                                   REL_SAME, 1.0);
            general = lex_general_weight(wn, &g->forms);
            if (verb_only && g->forms.n[WN_VERB]) {
                /* the word in use as a verb: its noun and adjective senses
                 * are other words ("to object" is no "objective", "kept" no
                 * "observer"); derivation still reaches the nouns of the
                 * verb's own senses (object: objection) */
                lex_forms v = g->forms;
                for (int pos = 0; pos < WN_NPOS; pos++)
                    if (pos != WN_VERB) v.n[pos] = 0;
                v.total = v.n[WN_VERB];
                lex_related(wn, &v, from_wordnet, g);
            } else {
                lex_related(wn, &g->forms, from_wordnet, g);
            }
        }
        lexicon_relations(g, rc, own, own_n);
    }
    return keep_set(rc, key, kn, g, g->n, general, out);
}

dossier_status related_terms(const dossier_corpus *c, const char *w, size_t n, related_set *out) {
    return terms_of(c, w, n, 0, out);
}

dossier_status related_verb_terms(const dossier_corpus *c, const char *w, size_t n,
                                  related_set *out) {
    return terms_of(c, w, n, 1, out);
}

/* The one lemma WordNet has for verb w[0, n) with `next` after it
 * ("went" "back": "go_back"), as lex_forms of the verb only; 0 when none. */
static int phrase_forms(const wordnet *wn, const char *w, size_t n, const char *next, size_t nn,
                        lex_forms *out) {
    char base[LEX_MAX_FORMS][WN_MAX_LEMMA];
    size_t k = wn_base_forms(wn, WN_VERB, w, n, base, LEX_MAX_FORMS);
    memset(out->n, 0, sizeof out->n);
    out->total = 0;
    for (size_t j = 0; j < k; j++) {
        size_t bl = strlen(base[j]);
        if (bl + 1 + nn >= WN_MAX_LEMMA) continue;
        char lemma[WN_MAX_LEMMA];
        memcpy(lemma, base[j], bl);
        lemma[bl] = '_';
        memcpy(lemma + bl + 1, next, nn);
        lemma[bl + 1 + nn] = '\0';
        uint32_t off[1];
        unsigned tagged;
        if (!wn_lookup(wn, WN_VERB, lemma, bl + 1 + nn, off, 1, &tagged)) continue;
        memcpy(out->form[WN_VERB][0], lemma, bl + 2 + nn);
        out->n[WN_VERB] = out->total = 1;
        return 1;
    }
    return 0;
}

/* The particles a verb takes to make one verb WordNet has ("went back":
 * return; "shot up": a kind of increase), by length, each length's run
 * back to back: up, on, in, out, off, down, back, over, away, into, along,
 * ahead, around, through, forward, together. */
static const char *const particles_of_length[] = {
    NULL,         NULL,     "uponin",         "outoff",  "downbackoverawayinto",
    "alongahead", "around", "throughforward", "together"};

/* Asked of every word of a passage the verdict aligns, about 100,000 times
 * a 300-line check: only the entries of the word's length are compared,
 * their first two bytes before the rest. */
int related_particle(const char *w, size_t n) {
    if (n < 2 || n > 8) return 0;
    for (const char *p = particles_of_length[n]; *p; p += n)
        if (p[0] == w[0] && p[1] == w[1] && memcmp(p + 2, w + 2, n - 2) == 0) return 1;
    return 0;
}

dossier_status related_phrase(const dossier_corpus *c, const char *w, size_t n, const char *next,
                              size_t nn, related_set *out) {
    related_cache *rc = c->related;
    out->v = NULL;
    out->n = 0;
    out->general = 1.0;
    char key[2 * WN_MAX_LEMMA];
    if (!rc || n == 0 || nn == 0 || n + nn + 1 >= sizeof key) return DOSSIER_OK;
    memcpy(key, w, n);
    key[n] = '_'; /* no word holds one: no clash with related_terms' keys */
    memcpy(key + n + 1, next, nn);
    size_t kn = n + 1 + nn;
    read_store(c, rc);
    long at = strmap_get(&rc->words, key, kn);
    if (at >= 0) {
        *out = rc->sets[at];
        return DOSSIER_OK;
    }
    const wordnet *wn = open_wordnet(rc);
    related_set own;
    if (related_terms(c, w, n, &own)) return DOSSIER_ERR_NOMEM;
    char term[128];
    size_t tn;
    gathering *g = new_gathering(c, rc, w, n, term, sizeof term, &tn);
    if (!g) return DOSSIER_ERR_NOMEM;
    size_t found = 0; /* the set stays empty when WordNet has no such verb */
    if (wn && phrase_forms(wn, w, n, next, nn, &g->forms)) {
        for (size_t k = 0; k < own.n; k++)
            put(g, own.v[k].term, (rel_kind)own.v[k].rel, RELATED_STRENGTH(&own.v[k]));
        lex_related(wn, &g->forms, from_wordnet, g);
        found = g->n;
    }
    return keep_set(rc, key, kn, g, found, own.general, out);
}

const related_term *related_find(const related_set *s, uint32_t term) {
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->v[mid].term < term)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->n && s->v[lo].term == term ? &s->v[lo] : NULL;
}

/* ------------------------------------------------------------ the related-terms file */

/* Takes one entry of the file into the cache, unless the word is known. */
static int take_entry(void *ctx, const relf_entry *e) {
    related_cache *rc = ctx;
    strmap *m = e->kind == RELF_SET    ? &rc->words
                : e->kind == RELF_VERB ? &rc->verbs
                                       : &rc->reporting;
    if (strmap_get(m, e->key, e->key_len) >= 0) return 0;
    int ok = e->kind == RELF_SET ? !remember_set(rc, e->key, e->key_len,
                                                 (related_set){e->terms, e->n_terms, e->general})
                                 : strmap_put(m, e->key, e->key_len, e->value);
    rc->loaded += ok;
    return !ok; /* out of memory: the rest is worked out when needed */
}

/* The file read into the cache, once, before the first word is looked up. */
static void read_store(const dossier_corpus *c, related_cache *rc) {
    if (rc->store_read) return;
    rc->store_read = 1;
    if (!rc->store_path) return;
    rc->store_key.wordnet = relf_wordnet_id(rc->wordnet_dir);
    char why[256];
    if (relf_map(rc->store_path, &rc->store_key, c->index ? c->index->n_terms : 0, take_entry, rc,
                 &rc->store_map, &rc->store_len, why, sizeof why) == DOSSIER_ERR_INVALID)
        snprintf(rc->store_why, sizeof rc->store_why, "%.300s: not read: %.190s", rc->store_path,
                 why);
}

/* The answers for every word of the corpus's own vocabulary (c->words), as
 * a claim's word of that spelling would ask them: its related terms, and
 * for a word WordNet has as a verb form its verb senses' and whether it
 * reports. Nothing when the file held answers for this image already. */
dossier_status related_precompute(const dossier_corpus *c, dossier_progress_fn stop, void *ctx,
                                  size_t articles, size_t *words) {
    related_cache *rc = c->related;
    *words = 0;
    if (!rc) return DOSSIER_OK;
    read_store(c, rc);
    if (rc->loaded) return DOSSIER_OK;
    const keytab *vocab = &c->words.vocab;
    dossier_status s = DOSSIER_OK;
    for (size_t i = 0; i < vocab->n && !s; i++) {
        /* asked every 64 words (some 3 ms): an editor closing stops it soon */
        if (stop && i % 64 == 0 && stop(ctx, articles, articles)) s = DOSSIER_ERR_CANCELLED;
        size_t n;
        const char *w = s ? NULL : keytab_key(vocab, i, &n);
        if (!w || !n) continue;
        related_set set;
        s = related_terms(c, w, n, &set);
        if (!s && related_verb(c, w, n)) {
            s = related_verb_terms(c, w, n, &set);
            related_reporting(c, w, n);
        }
        *words += !s;
    }
    /* and each verb and particle the articles put side by side, as the
     * verdict asks them of a passage's "shot up" (align.c) */
    for (size_t a = 0; a < c->n_articles && !s; a++) {
        if (stop && stop(ctx, articles, articles)) s = DOSSIER_ERR_CANCELLED;
        const article_words *aw = s ? NULL : article_words_of(c, a);
        const token_list *t = aw ? &aw->t : NULL;
        for (size_t k = 0; t && k + 1 < t->n && !s; k++) {
            const token *v = &t->tok[k], *p = &t->tok[k + 1];
            if (p->start != v->end + 1 || !related_particle(t->folded + p->fstart, p->flen))
                continue;
            related_set set;
            s = related_phrase(c, t->folded + v->fstart, v->flen, t->folded + p->fstart, p->flen,
                               &set);
        }
    }
    rc->warmed = rc->computed;
    return s;
}

/* A save: the entries put so far, by kind and key. */
typedef struct {
    relf_writer w;
    strmap seen;
    int failed; /* out of memory */
} saving;

static int seen(saving *sv, const relf_entry *e) {
    char k[RELF_MAX_KEY + 1];
    if (e->key_len > RELF_MAX_KEY) return 1;
    k[0] = (char)e->kind;
    memcpy(k + 1, e->key, e->key_len);
    return strmap_get(&sv->seen, k, e->key_len + 1) >= 0;
}

/* Puts e unless put already; nonzero when the file is full. */
static int save_entry(void *ctx, const relf_entry *e) {
    saving *sv = ctx;
    if (seen(sv, e)) return 0;
    if (!relf_put(&sv->w, e)) return 1;
    char k[RELF_MAX_KEY + 1];
    k[0] = (char)e->kind;
    memcpy(k + 1, e->key, e->key_len);
    if (!strmap_put(&sv->seen, k, e->key_len + 1, 1)) sv->failed = 1;
    return sv->failed;
}

/* The answers of map (kind) put into sv; nonzero when full. */
static int save_map(saving *sv, const related_cache *rc, const strmap *m, relf_kind kind) {
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i]) continue;
        relf_entry e = {kind, m->keys[i], m->key_lens[i], (int)m->values[i], 0, NULL, 0};
        if (kind == RELF_SET) {
            const related_set *set = &rc->sets[m->values[i]];
            e.value = 0;
            e.general = set->general;
            e.terms = set->v;
            e.n_terms = set->n;
        }
        if (save_entry(sv, &e)) return 1;
    }
    return 0;
}

dossier_status related_save(const dossier_corpus *c, size_t *saved, char *why, size_t why_size) {
    related_cache *rc = c->related;
    *saved = 0;
    why[0] = '\0';
    if (!rc || !rc->store_path || !rc->unsaved) return DOSSIER_OK;
    saving sv;
    memset(&sv, 0, sizeof sv);
    relf_begin(&sv.w, &rc->store_key);
    /* this process's answers first, then those another one saved since
     * (the file as it is now, when made for the same image and WordNet) */
    int full = save_map(&sv, rc, &rc->words, RELF_SET) ||
               save_map(&sv, rc, &rc->verbs, RELF_VERB) ||
               save_map(&sv, rc, &rc->reporting, RELF_REPORTING);
    void *map = NULL;
    size_t len = 0;
    char ignored[256];
    if (!full && !sv.failed)
        relf_map(rc->store_path, &rc->store_key, c->index ? c->index->n_terms : 0, save_entry, &sv,
                 &map, &len, ignored, sizeof ignored);
    dossier_status s = sv.failed ? (refuse(why, why_size, "out of memory"), DOSSIER_ERR_NOMEM)
                                 : relf_write(&sv.w, rc->store_path, why, why_size);
    if (!s) *saved = sv.w.n, rc->unsaved = 0;
    relf_unmap(map, len);
    strmap_free(&sv.seen);
    sb_free(&sv.w.b);
    if (s) snprintf(rc->store_why, sizeof rc->store_why, "%s", why);
    return s;
}

void related_info(const dossier_corpus *c, dossier_related_info *out) {
    related_cache *rc = c->related;
    memset(out, 0, sizeof *out);
    out->path = rc && rc->store_path ? rc->store_path : "";
    out->notice = rc ? rc->store_why : "";
    if (rc)
        out->loaded = rc->loaded, out->computed = rc->computed, out->unsaved = rc->unsaved,
        out->warmed = rc->warmed;
}
