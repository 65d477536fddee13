/* index.c — the passage index and corroboration ranking.
 *
 * A passage's terms are its actors ("@north-korea", whatever alias the text
 * used: the DPRK, Pyongyang) and its other words, folded, stop words dropped,
 * stemmed with Snowball's English stemmer and mapped through the synonym
 * groups of lexicon.c. Passages are ranked by BM25, plus a share of the best
 * neighbouring sentence's score in the same paragraph (a claim often leans on
 * the sentence before). A claim counts as corroborated when the best passage
 * covers enough of the claim's term weight (idf), a threshold chosen on the
 * development set (tests/dev/claims.yaml). Furniture and headings are not
 * indexed at all. */
#include "index.h"
#include "lexicon.h"
#include "scan.h"

#include <libstemmer.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define BM25_K1 1.2
#define BM25_B 0.75
#define CONTEXT_WEIGHT 0.25
#define COVERAGE_THRESHOLD 0.5
#define WORD_COVERAGE_FLOOR 0.5
#define MIN_MATCHED 3
#define MAX_QUERY_TERMS 512
#define SOURCE_WINDOW 50 /* ranked passages looked at when counting sources */

struct index_data {
    struct sb_stemmer *stemmer;
    strmap stop;    /* folded stop word -> 1 */
    strmap concept; /* stem or word -> synonym group */
    strmap vocab;   /* term -> term id */
    char **names;   /* term id -> term */
    size_t n_terms, names_cap;
    uint32_t *df;
    size_t *post_start; /* postings: term -> (passage, tf), CSR */
    uint32_t *post_passage, *post_tf;
    size_t *fwd_start; /* forward lists: passage -> sorted term ids */
    uint32_t *fwd_term;
    uint32_t *plen;
    double *norm; /* per passage: BM25's length normalisation k1 (1 - b + b len / avglen) */
    double avglen;
    size_t n_docs;
};

typedef struct {
    strbuf buf; /* NUL-separated terms */
    size_t n;
} termlist;

typedef struct {
    size_t start, end;
    long actor;
} actor_span;

static void add_term(termlist *tl, const char *s, size_t n) {
    sb_append(&tl->buf, s, n);
    sb_putc(&tl->buf, '\0');
    tl->n++;
}

static void word_term(index_data *ix, const char *w, size_t n, termlist *out) {
    if (n < 2 && !(w[0] >= '0' && w[0] <= '9')) return;
    if (strmap_get(&ix->stop, w, n) >= 0) return;
    size_t digits = 0;
    while (digits < n && w[digits] >= '0' && w[digits] <= '9')
        digits++;
    if (digits == n) {
        add_term(out, w, n);
        return;
    }
    long g = strmap_get(&ix->concept, w, n);
    const sb_symbol *st = sb_stemmer_stem(ix->stemmer, (const sb_symbol *)w, (int)n);
    const char *stem = st ? (const char *)st : w;
    size_t sn = st ? (size_t)sb_stemmer_length(ix->stemmer) : n;
    if (g < 0) g = strmap_get(&ix->concept, stem, sn);
    if (g >= 0) {
        const char *head = dossier_synonyms[g];
        char term[64];
        size_t hn = strcspn(head, " ");
        if (hn > sizeof term - 2) hn = sizeof term - 2;
        term[0] = '~';
        memcpy(term + 1, head, hn);
        add_term(out, term, hn + 1);
        return;
    }
    add_term(out, stem, sn);
}

static void actor_term(const dossier_corpus *c, long actor, termlist *out) {
    const char *id = c->actors[actor].id;
    char term[160];
    size_t n = strlen(id);
    if (n > sizeof term - 2) n = sizeof term - 2;
    term[0] = '@';
    memcpy(term + 1, id, n);
    add_term(out, term, n + 1);
}

/* Terms of a tokenized text whose actor spans are given (same offsets). */
static void text_terms(index_data *ix, const dossier_corpus *c, const token_list *t,
                       const actor_span *spans, size_t ns, termlist *out) {
    size_t k = 0;
    for (size_t i = 0; i < t->n; i++) {
        const token *w = &t->tok[i];
        while (k < ns && spans[k].end <= w->start)
            actor_term(c, spans[k++].actor, out);
        if (k < ns && spans[k].start <= w->start) continue; /* inside an actor's name */
        word_term(ix, t->folded + w->fstart, w->flen, out);
    }
    while (k < ns)
        actor_term(c, spans[k++].actor, out);
}

static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Sorts a passage's few term ids: insertion sort beats qsort's calls on
 * lists this short; long ones still go to qsort. */
/* By position; mentions never share a start (spans do not overlap), the
 * actor (in flags here) only keeps the order total. */
static int cmp_mention_start(const void *x, const void *y) {
    const dossier_mention *a = x, *b = y;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    return a->flags < b->flags ? -1 : a->flags > b->flags;
}

static void sort_terms(uint32_t *v, size_t n) {
    if (n > 48) {
        qsort(v, n, sizeof *v, cmp_u32);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        uint32_t x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

static dossier_status setup_lexicon(index_data *ix) {
    for (size_t i = 0; dossier_stopwords[i]; i++)
        if (!strmap_put(&ix->stop, dossier_stopwords[i], strlen(dossier_stopwords[i]), 1))
            return DOSSIER_ERR_NOMEM;
    for (size_t g = 0; dossier_synonyms[g]; g++) {
        const char *p = dossier_synonyms[g];
        while (*p) {
            size_t n = strcspn(p, " ");
            const sb_symbol *st = sb_stemmer_stem(ix->stemmer, (const sb_symbol *)p, (int)n);
            if (!st) return DOSSIER_ERR_NOMEM;
            int sn = sb_stemmer_length(ix->stemmer);
            if (strmap_get(&ix->concept, (const char *)st, (size_t)sn) < 0 &&
                !strmap_put(&ix->concept, (const char *)st, (size_t)sn, (long)g))
                return DOSSIER_ERR_NOMEM;
            if (strmap_get(&ix->concept, p, n) < 0 && !strmap_put(&ix->concept, p, n, (long)g))
                return DOSSIER_ERR_NOMEM;
            p += n;
            while (*p == ' ')
                p++;
        }
    }
    return DOSSIER_OK;
}

static long term_id(index_data *ix, const char *s, size_t n, int add) {
    long id = strmap_get(&ix->vocab, s, n);
    if (id >= 0 || !add) return id;
    if (!grow((void **)&ix->names, &ix->names_cap, ix->n_terms + 1, sizeof *ix->names)) return -2;
    char *copy = malloc(n + 1);
    if (!copy) return -2;
    memcpy(copy, s, n);
    copy[n] = '\0';
    id = (long)ix->n_terms;
    if (!strmap_put(&ix->vocab, s, n, id)) {
        free(copy);
        return -2;
    }
    ix->names[ix->n_terms++] = copy;
    return id;
}

/* Term id of a folded corpus word, through `cache` (folded word -> term id, or
 * WORD_DROPPED): stemming and the stop and synonym lookups run once per
 * distinct word instead of once per occurrence. */
#define WORD_DROPPED (-2)

static long cached_word_term(index_data *ix, strmap *cache, termlist *tl, const char *w, size_t n) {
    long id = strmap_get(cache, w, n);
    if (id != -1) return id;
    tl->buf.len = 0;
    tl->n = 0;
    word_term(ix, w, n, tl);
    if (tl->buf.failed) return -3;
    id = WORD_DROPPED;
    if (tl->n && (id = term_id(ix, tl->buf.data, strlen(tl->buf.data), 1)) < 0) return -3;
    return strmap_put(cache, w, n, id) ? id : -3;
}

/* Term id of actor a's term, made once (actor_tid caches it; -1 = not yet). */
static long actor_term_id(index_data *ix, const dossier_corpus *c, long *actor_tid, long a,
                          termlist *tl) {
    if (actor_tid[a] >= 0) return actor_tid[a];
    tl->buf.len = 0;
    tl->n = 0;
    actor_term(c, a, tl);
    if (tl->buf.failed) return -2;
    return actor_tid[a] = term_id(ix, tl->buf.data, strlen(tl->buf.data), 1);
}

static int push_u32(uint32_t **v, size_t *n, size_t *cap, long x) {
    if (x < 0 || !grow((void **)v, cap, *n + 1, sizeof **v)) return 0;
    (*v)[(*n)++] = (uint32_t)x;
    return 1;
}

dossier_status build_index(dossier_corpus *c, dossier_error *err) {
    index_data *ix = calloc(1, sizeof *ix);
    if (!ix) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    c->index = ix;
    ix->stemmer = sb_stemmer_new("english", "UTF_8");
    if (!ix->stemmer || setup_lexicon(ix))
        return set_error(err, DOSSIER_ERR_NOMEM, "out of memory (stemmer)");

    /* all mentions by passage, for the actor terms */
    size_t nm = 0;
    for (size_t a = 0; a < c->n_actors; a++)
        nm += c->mentions[a].n;
    dossier_mention *all = malloc((nm ? nm : 1) * sizeof *all);
    actor_span *spans = malloc((nm ? nm : 1) * sizeof *spans);
    long *actor_tid = malloc((c->n_actors ? c->n_actors : 1) * sizeof *actor_tid);
    ix->fwd_start = calloc(c->n_passages + 1, sizeof *ix->fwd_start);
    ix->plen = calloc(c->n_passages ? c->n_passages : 1, sizeof *ix->plen);
    uint32_t *fwd = NULL;
    size_t fwd_n = 0, fwd_cap = 0;
    termlist tl = {{0}, 0};
    strmap cache = {0};
    dossier_status s = DOSSIER_OK;
    if (!all || !spans || !actor_tid || !ix->fwd_start || !ix->plen) {
        s = DOSSIER_ERR_NOMEM;
        goto done;
    }
    for (size_t a = 0; a < c->n_actors; a++)
        actor_tid[a] = -1;
    /* Bucketed by passage (a counting sort: the mentions are many), then by
     * position within each passage, where there are few. */
    size_t *first = calloc(c->n_passages + 1, sizeof *first);
    if (!first) goto nomem;
    for (size_t a = 0; a < c->n_actors; a++)
        for (size_t k = 0; k < c->mentions[a].n; k++)
            first[c->mentions[a].items[k].passage + 1]++;
    for (size_t p = 0; p < c->n_passages; p++)
        first[p + 1] += first[p];
    for (size_t a = 0; a < c->n_actors; a++)
        for (size_t k = 0; k < c->mentions[a].n; k++) {
            dossier_mention m = c->mentions[a].items[k];
            m.flags = (unsigned)a; /* reuse: remember the actor */
            all[first[m.passage]++] = m;
        }
    /* now first[p] is where passage p's mentions end; a passage of many
     * mentions (a hostile corpus) must not make this quadratic */
    for (size_t p = 0, b = 0; p < c->n_passages; b = first[p++]) {
        if (first[p] - b > 32) {
            qsort(all + b, first[p] - b, sizeof *all, cmp_mention_start);
            continue;
        }
        for (size_t i = b + 1; i < first[p]; i++) {
            dossier_mention m = all[i];
            size_t j = i;
            for (; j > b && all[j - 1].start > m.start; j--)
                all[j] = all[j - 1];
            all[j] = m;
        }
    }
    free(first);
    size_t mi = 0, wi = 0;
    double total = 0;
    /* The words of a passage are those of its article's body (tokenized once at
     * open) that start inside it; sentences never end inside a word. The terms
     * come in the order text_terms() gives them for the same text. */
    for (size_t p = 0; p < c->n_passages; p++) {
        const dossier_passage *ps = &c->passages[p];
        const dossier_article *art = &c->articles[ps->article];
        const token_list *t = &c->body_words[ps->article];
        if (p == 0 || ps->article != c->passages[p - 1].article) wi = 0;
        ix->fwd_start[p] = fwd_n;
        size_t ns = 0;
        for (; mi < nm && all[mi].passage == p; mi++)
            spans[ns++] = (actor_span){all[mi].start, all[mi].end, (long)all[mi].flags};
        while (wi < t->n && t->tok[wi].start + art->body_start < ps->start)
            wi++;
        if (ps->kind != DOSSIER_PROSE) continue;
        size_t start = fwd_n, k = 0;
        for (; wi < t->n && t->tok[wi].start + art->body_start < ps->end; wi++) {
            const token *w = &t->tok[wi];
            size_t at = w->start + art->body_start;
            for (; k < ns && spans[k].end <= at; k++)
                if (!push_u32(&fwd, &fwd_n, &fwd_cap,
                              actor_term_id(ix, c, actor_tid, spans[k].actor, &tl)))
                    goto nomem;
            if (k < ns && spans[k].start <= at) continue; /* inside an actor's name */
            long id = cached_word_term(ix, &cache, &tl, t->folded + w->fstart, w->flen);
            if (id == WORD_DROPPED) continue;
            if (!push_u32(&fwd, &fwd_n, &fwd_cap, id)) goto nomem;
        }
        for (; k < ns; k++)
            if (!push_u32(&fwd, &fwd_n, &fwd_cap,
                          actor_term_id(ix, c, actor_tid, spans[k].actor, &tl)))
                goto nomem;
        ix->plen[p] = (uint32_t)(fwd_n - start);
        total += (double)(fwd_n - start);
        ix->n_docs++;
        if (fwd_n > start) /* fwd is still NULL before the first term */
            sort_terms(fwd + start, fwd_n - start);
    }
    ix->fwd_start[c->n_passages] = fwd_n;
    ix->fwd_term = fwd;
    fwd = NULL;
    ix->avglen = ix->n_docs ? total / (double)ix->n_docs : 1.0;
    ix->norm = malloc((c->n_passages ? c->n_passages : 1) * sizeof *ix->norm);
    if (!ix->norm) goto nomem;
    for (size_t p = 0; p < c->n_passages; p++)
        ix->norm[p] = BM25_K1 * (1.0 - BM25_B + BM25_B * ix->plen[p] / ix->avglen);

    /* postings from the forward lists */
    ix->df = calloc(ix->n_terms ? ix->n_terms : 1, sizeof *ix->df);
    ix->post_start = calloc(ix->n_terms + 1, sizeof *ix->post_start);
    if (!ix->df || !ix->post_start) {
        s = DOSSIER_ERR_NOMEM;
        goto done;
    }
    for (size_t p = 0; p < c->n_passages; p++)
        for (size_t k = ix->fwd_start[p]; k < ix->fwd_start[p + 1]; k++)
            if (k == ix->fwd_start[p] || ix->fwd_term[k] != ix->fwd_term[k - 1])
                ix->df[ix->fwd_term[k]]++;
    for (size_t t = 0; t < ix->n_terms; t++)
        ix->post_start[t + 1] = ix->post_start[t] + ix->df[t];
    size_t np = ix->post_start[ix->n_terms];
    ix->post_passage = malloc((np ? np : 1) * sizeof *ix->post_passage);
    ix->post_tf = malloc((np ? np : 1) * sizeof *ix->post_tf);
    size_t *fill = calloc(ix->n_terms ? ix->n_terms : 1, sizeof *fill);
    if (!ix->post_passage || !ix->post_tf || !fill) {
        free(fill);
        s = DOSSIER_ERR_NOMEM;
        goto done;
    }
    for (size_t p = 0; p < c->n_passages; p++) {
        size_t k = ix->fwd_start[p], e = ix->fwd_start[p + 1];
        while (k < e) {
            uint32_t term = ix->fwd_term[k];
            size_t j = k;
            while (j < e && ix->fwd_term[j] == term)
                j++;
            size_t at = ix->post_start[term] + fill[term]++;
            ix->post_passage[at] = (uint32_t)p;
            ix->post_tf[at] = (uint32_t)(j - k);
            k = j;
        }
    }
    free(fill);
    goto done;
nomem:
    s = DOSSIER_ERR_NOMEM;
done:
    free(fwd);
    free(all);
    free(spans);
    free(actor_tid);
    strmap_free(&cache);
    sb_free(&tl.buf);
    if (s) return set_error(err, s, "out of memory while indexing");
    return DOSSIER_OK;
}

void free_index(index_data *ix) {
    if (!ix) return;
    if (ix->stemmer) sb_stemmer_delete(ix->stemmer);
    strmap_free(&ix->stop);
    strmap_free(&ix->concept);
    strmap_free(&ix->vocab);
    for (size_t i = 0; i < ix->n_terms; i++)
        free(ix->names[i]);
    free(ix->names);
    free(ix->df);
    free(ix->post_start);
    free(ix->post_passage);
    free(ix->post_tf);
    free(ix->fwd_start);
    free(ix->fwd_term);
    free(ix->plen);
    free(ix->norm);
    free(ix);
}

/* ------------------------------------------------------------ queries */

typedef struct {
    long id; /* term id, or -1 when no passage has it */
    double idf;
    const char *name;
    int specific; /* a number, month or weekday: a supporting passage must have it */
} query_term;

static const char *const specific_words[] = {
    "januari",   "februari", "march",  "april",    "may",    "june",   "juli",
    "august",    "septemb",  "octob",  "novemb",   "decemb", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", NULL};

static int is_specific(const char *term) {
    if (*term >= '0' && *term <= '9') return 1;
    for (size_t k = 0; specific_words[k]; k++)
        if (strcmp(term, specific_words[k]) == 0) return 1;
    return 0;
}

static double idf_of(const index_data *ix, size_t df) {
    double n = (double)ix->n_docs;
    return log(1.0 + (n - (double)df + 0.5) / ((double)df + 0.5));
}

static int passage_has(const index_data *ix, size_t p, long term) {
    size_t lo = ix->fwd_start[p], hi = ix->fwd_start[p + 1];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ix->fwd_term[mid] < (uint32_t)term)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ix->fwd_start[p + 1] && ix->fwd_term[lo] == (uint32_t)term;
}

static int same_paragraph(const dossier_corpus *c, size_t p, size_t o) {
    return o < c->n_passages && c->passages[o].article == c->passages[p].article &&
           c->passages[o].paragraph == c->passages[p].paragraph;
}

static int paragraph_has(const dossier_corpus *c, size_t p, long term) {
    size_t b = p, e = p + 1;
    while (b > 0 && same_paragraph(c, p, b - 1))
        b--;
    while (same_paragraph(c, p, e))
        e++;
    for (size_t k = b; k < e; k++)
        if (passage_has(c->index, k, term)) return 1;
    return 0;
}

/* Share of the query's idf found in passage p or the sentences beside it in its
 * paragraph. 0 — no support — when a number or date of the query is nowhere in
 * the paragraph (a claim with another date or figure is not supported here),
 * when fewer than MIN_MATCHED terms match, or when less than half the weight of
 * its words other than actor names is there: the actors alone prove nothing. */
static double coverage(const dossier_corpus *c, size_t p, const query_term *q, size_t nq,
                       double total) {
    const index_data *ix = c->index;
    double got = 0, wgot = 0, wtot = 0;
    size_t matched = 0, words = 0;
    for (size_t k = 0; k < nq; k++) {
        int actor = q[k].name[0] == '@';
        if (!actor) wtot += q[k].idf;
        int has = q[k].id >= 0 &&
                  (passage_has(ix, p, q[k].id) ||
                   (p > 0 && same_paragraph(c, p, p - 1) && passage_has(ix, p - 1, q[k].id)) ||
                   (same_paragraph(c, p, p + 1) && passage_has(ix, p + 1, q[k].id)));
        if (has) {
            got += q[k].idf;
            matched++;
            if (!actor) wgot += q[k].idf, words++;
        } else if (q[k].specific && (q[k].id < 0 || !paragraph_has(c, p, q[k].id))) {
            return 0;
        }
    }
    if (matched < MIN_MATCHED || words == 0) return 0;
    if (wtot > 0 && wgot / wtot < WORD_COVERAGE_FLOOR) return 0;
    return total > 0 ? got / total : 0;
}

/* The query's distinct terms; names point into tl's buffer. */
static dossier_status query_terms(const dossier_corpus *c, const char *text, size_t len,
                                  termlist *tl, query_term **out, size_t *nq) {
    index_data *ix = c->index;
    token_list t;
    dossier_matches m;
    *out = NULL;
    *nq = 0;
    if (tokenize(text, len, &t)) return DOSSIER_ERR_NOMEM;
    if (scan_tokens(c, text, len, &t, &m)) {
        token_list_free(&t);
        return DOSSIER_ERR_NOMEM;
    }
    actor_span *spans = malloc((m.n ? m.n : 1) * sizeof *spans);
    size_t ns = 0;
    if (spans) {
        for (size_t k = 0; k < m.n; k++)
            if (m.spans[k].actor >= 0)
                spans[ns++] = (actor_span){m.spans[k].start, m.spans[k].end, m.spans[k].actor};
        text_terms(ix, c, &t, spans, ns, tl);
    }
    free(spans);
    dossier_matches_free(&m);
    token_list_free(&t);
    if (!spans || tl->buf.failed) return DOSSIER_ERR_NOMEM;
    query_term *q = malloc((tl->n ? tl->n : 1) * sizeof *q);
    if (!q) return DOSSIER_ERR_NOMEM;
    const char *s = tl->buf.data;
    size_t n = 0;
    for (size_t k = 0; k < tl->n; k++) {
        size_t sl = strlen(s);
        int seen = 0;
        for (size_t j = 0; j < n && !seen; j++)
            seen = strcmp(q[j].name, s) == 0;
        if (!seen && n < MAX_QUERY_TERMS) {
            long id = term_id(ix, s, sl, 0);
            q[n++] = (query_term){id, idf_of(ix, id >= 0 ? ix->df[id] : 0), s, is_specific(s)};
        }
        s += sl + 1;
    }
    *out = q;
    *nq = n;
    return DOSSIER_OK;
}

typedef struct {
    size_t passage;
    double score;
} scored;

static int cmp_scored(const void *a, const void *b) {
    const scored *x = a, *y = b;
    if (x->score != y->score) return x->score < y->score ? 1 : -1;
    return x->passage < y->passage ? -1 : x->passage > y->passage;
}

/* Restores the heap v[0..n) below i: each entry ranks after its children. */
static void sift_down(scored *v, size_t n, size_t i) {
    for (;;) {
        size_t worst = i, l = 2 * i + 1, r = l + 1;
        if (l < n && cmp_scored(&v[l], &v[worst]) > 0) worst = l;
        if (r < n && cmp_scored(&v[r], &v[worst]) > 0) worst = r;
        if (worst == i) return;
        scored t = v[i];
        v[i] = v[worst];
        v[worst] = t;
        i = worst;
    }
}

/* Moves the `keep` best of v[0..n) to the front, best first, and returns how
 * many that is. A heap of the `keep` best so far (worst on top) costs
 * n log(keep) instead of sorting everything, which is most of the corpus when
 * a query names a common actor. cmp_scored is a total order, so the result is
 * the same as sorting all of v. */
static size_t best_first(scored *v, size_t n, size_t keep) {
    if (n <= keep) {
        qsort(v, n, sizeof *v, cmp_scored);
        return n;
    }
    for (size_t i = keep / 2; i-- > 0;)
        sift_down(v, keep, i);
    for (size_t i = keep; i < n; i++)
        if (cmp_scored(&v[i], &v[0]) < 0) {
            v[0] = v[i];
            sift_down(v, keep, 0);
        }
    qsort(v, keep, sizeof *v, cmp_scored);
    return keep;
}

dossier_status dossier_corroborate(const dossier_corpus *c, const char *text, size_t len,
                                   const dossier_corroborate_opts *opts, dossier_corroboration *out,
                                   dossier_error *err) {
    if (!c || !out || (!text && len))
        return set_error(err, DOSSIER_ERR_ARG, "dossier_corroborate: NULL argument");
    memset(out, 0, sizeof *out);
    out->threshold = COVERAGE_THRESHOLD;
    size_t limit = opts && opts->limit ? opts->limit : 5;
    const index_data *ix = c->index;
    termlist tl = {{0}, 0};
    query_term *q = NULL;
    size_t nq = 0;
    double *base = calloc(c->n_passages ? c->n_passages : 1, sizeof *base);
    scored *ranked = malloc((c->n_passages ? c->n_passages : 1) * sizeof *ranked);
    dossier_status s = DOSSIER_OK;
    if (!base || !ranked || query_terms(c, text ? text : "", len, &tl, &q, &nq)) {
        s = DOSSIER_ERR_NOMEM;
        goto done;
    }
    double total_idf = 0;
    for (size_t k = 0; k < nq; k++) {
        total_idf += q[k].idf;
        if (q[k].id < 0) continue;
        for (size_t j = ix->post_start[q[k].id]; j < ix->post_start[q[k].id + 1]; j++) {
            size_t p = ix->post_passage[j];
            double tf = ix->post_tf[j];
            base[p] += q[k].idf * tf * (BM25_K1 + 1.0) / (tf + ix->norm[p]);
        }
    }
    size_t nr = 0;
    for (size_t p = 0; p < c->n_passages; p++) {
        if (base[p] <= 0) continue;
        double ctx = 0;
        const dossier_passage *ps = &c->passages[p];
        if (p > 0 && c->passages[p - 1].article == ps->article &&
            c->passages[p - 1].paragraph == ps->paragraph)
            ctx = base[p - 1];
        if (p + 1 < c->n_passages && c->passages[p + 1].article == ps->article &&
            c->passages[p + 1].paragraph == ps->paragraph && base[p + 1] > ctx)
            ctx = base[p + 1];
        ranked[nr++] = (scored){p, base[p] + CONTEXT_WEIGHT * ctx};
    }
    nr = best_first(ranked, nr, limit > SOURCE_WINDOW ? limit : SOURCE_WINDOW);
    if (limit > nr) limit = nr;
    out->hits = calloc(limit ? limit : 1, sizeof *out->hits);
    if (!out->hits) {
        s = DOSSIER_ERR_NOMEM;
        goto done;
    }
    for (size_t k = 0; k < limit; k++) {
        dossier_hit *h = &out->hits[k];
        h->passage = ranked[k].passage;
        h->score = ranked[k].score;
        h->coverage = coverage(c, h->passage, q, nq, total_idf);
        strbuf m = {0};
        for (size_t j = 0; j < nq; j++)
            if (q[j].id >= 0 && passage_has(ix, h->passage, q[j].id)) {
                if (m.len) sb_putc(&m, ' ');
                sb_puts(&m, q[j].name);
            }
        if (!(h->matched = sb_take(&m))) {
            out->n = k;
            s = DOSSIER_ERR_NOMEM;
            goto done;
        }
        out->n = k + 1;
    }
    /* sources: distinct articles among the passages that clear the threshold */
    unsigned char *seen = calloc(c->n_articles ? c->n_articles : 1, 1);
    if (!seen) {
        s = DOSSIER_ERR_NOMEM;
        goto done;
    }
    for (size_t k = 0; k < nr && k < SOURCE_WINDOW; k++) {
        double cov = coverage(c, ranked[k].passage, q, nq, total_idf);
        if (cov < COVERAGE_THRESHOLD) continue;
        size_t a = c->passages[ranked[k].passage].article;
        if (!seen[a]) out->n_sources++;
        seen[a] = 1;
    }
    free(seen);
    out->corroborated = out->n_sources > 0;
done:
    free(base);
    free(ranked);
    free(q);
    sb_free(&tl.buf);
    if (s) {
        dossier_corroboration_free(out);
        return set_error(err, s, "out of memory while ranking passages");
    }
    return DOSSIER_OK;
}

void dossier_corroboration_free(dossier_corroboration *r) {
    if (!r) return;
    for (size_t k = 0; k < r->n; k++)
        free(r->hits[k].matched);
    free(r->hits);
    memset(r, 0, sizeof *r);
}
