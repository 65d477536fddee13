/* retrieve.c — the local index as a retriever (dossier_retriever): the top
 * k passages for a claim's items, by BM25 with the neighbour context
 * (rank.c). A backend holding a larger archive answers the same call
 * (doc/scaling.md); ranking (rank.c) asks whichever the corpus has. */
#include "rank.h"

#include <stdlib.h>
#include <string.h>

/* Best first; equal scores by passage, so the order is total. */
static int cmp_candidate(const void *a, const void *b) {
    const dossier_candidate *x = a, *y = b;
    if (x->score != y->score) return x->score < y->score ? 1 : -1;
    return x->passage < y->passage ? -1 : x->passage > y->passage;
}

/* Restores the heap v[0..n) below i: each entry ranks after its children. */
static void sift_down(dossier_candidate *v, size_t n, size_t i) {
    for (;;) {
        size_t worst = i, l = 2 * i + 1, r = l + 1;
        if (l < n && cmp_candidate(&v[l], &v[worst]) > 0) worst = l;
        if (r < n && cmp_candidate(&v[r], &v[worst]) > 0) worst = r;
        if (worst == i) return;
        dossier_candidate t = v[i];
        v[i] = v[worst];
        v[worst] = t;
        i = worst;
    }
}

/* Moves the `keep` best of v[0..n) to the front, best first, and returns how
 * many that is. A heap of the `keep` best so far (worst on top) costs
 * n log(keep) instead of sorting everything, which is most of the corpus when
 * a query names a common actor. cmp_candidate is a total order, so the
 * result is the same as sorting all of v. */
static size_t best_first(dossier_candidate *v, size_t n, size_t keep) {
    if (n <= keep) {
        qsort(v, n, sizeof *v, cmp_candidate);
        return n;
    }
    for (size_t i = keep / 2; i-- > 0;)
        sift_down(v, keep, i);
    for (size_t i = keep; i < n; i++)
        if (cmp_candidate(&v[i], &v[0]) < 0) {
            v[0] = v[i];
            sift_down(v, keep, 0);
        }
    qsort(v, keep, sizeof *v, cmp_candidate);
    return keep;
}

/* Adds the BM25 of term id for item `stamp` to the passages that have it,
 * weighed by w: a passage keeps the best of the item's terms (best[p] while
 * seen[p] == stamp); a passage no item of this query reached yet (seen[p]
 * below `first`, the query's first stamp) joins the touched list. */
static void add_term(const dossier_corpus *c, long id, double idf, double w, uint32_t stamp,
                     uint32_t first, bm25_scratch *s) {
    const index_data *ix = c->index;
    posting_iter it = postings_of(ix, id, c->n_passages);
    size_t p;
    uint32_t f;
    while (posting_next(&it, &p, &f)) {
        double tf = f;
        double v = w * idf * tf * (BM25_K1 + 1.0) / (tf + ix->norms[p]);
        if (s->seen[p] != stamp) {
            if (s->seen[p] < first) s->touched[s->n_touched++] = p;
            s->seen[p] = stamp;
            s->best[p] = 0;
        }
        if (v > s->best[p]) {
            s->bm25[p] += v - s->best[p];
            s->best[p] = v;
        }
    }
}

/* The BM25 of q's items for every passage they reach, into s (bm25 of the
 * others stays 0): each item scores a passage by the best of its terms,
 * each weighed as the item says. 0 when out of memory. */
static int query_bm25(const dossier_corpus *c, const dossier_query_terms *q, bm25_scratch *s) {
    size_t np = c->n_passages ? c->n_passages : 1;
    if (!s->bm25) {
        s->bm25 = calloc(np, sizeof *s->bm25);
        s->best = malloc(np * sizeof *s->best);
        s->seen = calloc(np, sizeof *s->seen);
        s->touched = malloc(np * sizeof *s->touched);
        if (!s->bm25 || !s->best || !s->seen || !s->touched) {
            free(s->bm25), free(s->best), free(s->seen), free(s->touched);
            memset(s, 0, sizeof *s);
            return 0;
        }
    }
    if (q->n_items >= UINT32_MAX - 1 - s->stamp) { /* the stamps wrapped: start again */
        memset(s->seen, 0, np * sizeof *s->seen);
        s->stamp = 0;
    }
    uint32_t first = s->stamp + 1;
    s->n_touched = 0;
    for (size_t i = 0; i < q->n_items; i++) {
        const dossier_query_item *item = &q->items[i];
        for (size_t k = 0; k < item->n_terms; k++) {
            const dossier_query_term *t = &item->terms[k];
            long id = t->term ? index_term(c->index, t->term, strlen(t->term)) : -1;
            add_term(c, id, t->idf, t->weight, first + (uint32_t)i, first, s);
        }
    }
    s->stamp = first + (uint32_t)q->n_items;
    return 1;
}

static dossier_status local_candidates(void *self, const dossier_corpus *c,
                                       const dossier_query_terms *q, size_t k,
                                       dossier_candidate *out, size_t *n, dossier_error *err) {
    (void)self;
    *n = 0;
    bm25_scratch *s = &c->index->scratch;
    if (!query_bm25(c, q, s))
        return set_error(err, DOSSIER_ERR_NOMEM, "out of memory while ranking passages");
    dossier_candidate *all = malloc((s->n_touched ? s->n_touched : 1) * sizeof *all);
    size_t nr = 0;
    /* in passage order, which reads the passages (and their neighbours) in
     * the order they lie in memory: the touched list is in no order */
    for (size_t p = 0; all && p < c->n_passages; p++)
        if (s->bm25[p] > 0) all[nr++] = (dossier_candidate){p, passage_score(c, s->bm25, p)};
    for (size_t j = 0; j < s->n_touched; j++)
        s->bm25[s->touched[j]] = 0; /* all zeros again for the next query */
    if (!all) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory while ranking passages");
    nr = best_first(all, nr, k);
    memcpy(out, all, nr * sizeof *out);
    *n = nr;
    free(all);
    return DOSSIER_OK;
}

static const dossier_retriever local_retriever = {NULL, local_candidates};

const dossier_retriever *dossier_local_retriever(void) {
    return &local_retriever;
}

void dossier_set_retriever(dossier_corpus *c, const dossier_retriever *r) {
    if (c) c->retriever = r;
}
