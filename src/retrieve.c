/* retrieve.c — the local index as a retriever (dossier_retriever): the top
 * k passages for a claim's items, by BM25 with the neighbour context
 * (rank.c). A backend holding a larger archive answers the same call
 * (doc/scaling.md); ranking (rank.c) asks whichever the corpus has.
 *
 * At half a million passages a claim's terms reach half the corpus (an
 * actor named in every other article, common related words), and walking
 * every posting was most of a query. So the top k are found exactly with
 * fewer postings (MaxScore): a term adds at most idf · weight · (k1 + 1) to
 * a passage, so once the k-th best score found is above what the terms not
 * yet walked could add to a passage none of the walked ones reached, those
 * terms are not walked; the passages that may still reach the top k are
 * then scored exactly from their forward lists, best bound first, until no
 * bound reaches the k-th score. A passage's exact BM25 is summed in the
 * order the exhaustive walk sums it (item by item, each item's terms in
 * order), so scores and rankings are the same bit for bit; the tests
 * compare the two (local_pruned_retriever, local_exhaustive_retriever). A
 * small corpus is walked exhaustively: there pruning costs more than it
 * saves. */
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

/* Restores the heap v[0..n) below i the other way round: each entry ranks
 * before its children (the best on top). */
static void sift_up_best(dossier_candidate *v, size_t n, size_t i) {
    for (;;) {
        size_t best = i, l = 2 * i + 1, r = l + 1;
        if (l < n && cmp_candidate(&v[l], &v[best]) < 0) best = l;
        if (r < n && cmp_candidate(&v[r], &v[best]) < 0) best = r;
        if (best == i) return;
        dossier_candidate t = v[i];
        v[i] = v[best];
        v[best] = t;
        i = best;
    }
}

/* Offers x to the heap v[0..*n) of the `keep` best (worst on top). */
static void heap_offer(dossier_candidate *v, size_t *n, size_t keep, dossier_candidate x) {
    if (*n < keep) {
        size_t i = (*n)++;
        v[i] = x;
        while (i > 0 && cmp_candidate(&v[(i - 1) / 2], &v[i]) < 0) {
            size_t up = (i - 1) / 2;
            dossier_candidate t = v[up];
            v[up] = v[i];
            v[i] = t;
            i = up;
        }
    } else if (keep && cmp_candidate(&x, &v[0]) < 0) {
        v[0] = x;
        sift_down(v, keep, 0);
    }
}

/* Moves the `keep` best of v[0..n) to the front, best first, and returns how
 * many that is. A heap of the `keep` best so far (worst on top) costs
 * n log(keep) instead of sorting everything. cmp_candidate is a total
 * order, so the result is the same as sorting all of v. */
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

/* What a term with tf f adds to passage p, weighed by w: the one expression
 * both walks use, so that their sums agree bit for bit. */
static double term_bm25(const index_data *ix, double w, double idf, uint32_t f, size_t p) {
    double tf = f;
    return w * idf * tf * (BM25_K1 + 1.0) / (tf + ix->norms[p]);
}

/* ------------------------------------------------------------ the query's terms */

/* One term of one item of the query (a slot), in the query's order. */
typedef struct {
    long id;
    size_t item;
    double w, idf;
    double bound; /* the most it adds to a passage: tf / (tf + norm) < 1 */
} slot;

typedef struct {
    uint32_t id;
    size_t slot;
} slot_key;

typedef struct {
    const dossier_corpus *c;
    bm25_scratch *sc;
    slot *slots;
    size_t n_slots, n_items;
    slot_key *keys; /* the slots with a term, by term id (forward lists are in id order) */
    size_t n_keys;
    uint32_t *tf; /* per slot, while a passage is scored */
    size_t *hit;  /* the slots a passage has */
} query;

static int cmp_key(const void *a, const void *b) {
    const slot_key *x = a, *y = b;
    if (x->id != y->id) return x->id < y->id ? -1 : 1;
    return x->slot < y->slot ? -1 : x->slot > y->slot;
}

static void query_free(query *q) {
    free(q->slots);
    free(q->keys);
    free(q->tf);
    free(q->hit);
}

/* The slots of q's items; 0 when out of memory. */
static int query_make(const dossier_corpus *c, const dossier_query_terms *qt, query *q) {
    const bm25_scratch *sc = &c->index->scratch;
    size_t n = 0;
    memset(q, 0, sizeof *q);
    q->c = c;
    for (size_t i = 0; i < qt->n_items; i++)
        n += qt->items[i].n_terms;
    q->slots = malloc((n ? n : 1) * sizeof *q->slots);
    q->keys = malloc((n ? n : 1) * sizeof *q->keys);
    q->tf = calloc(n ? n : 1, sizeof *q->tf);
    q->hit = malloc((n ? n : 1) * sizeof *q->hit);
    if (!q->slots || !q->keys || !q->tf || !q->hit) return 0;
    q->n_items = qt->n_items;
    for (size_t i = 0; i < qt->n_items; i++) {
        const dossier_query_item *item = &qt->items[i];
        for (size_t k = 0; k < item->n_terms; k++) {
            const dossier_query_term *t = &item->terms[k];
            long id = t->term ? index_term(c->index, t->term, strlen(t->term)) : -1;
            slot *s = &q->slots[q->n_slots];
            *s = (slot){id, i, t->weight, t->idf, t->weight * t->idf * (BM25_K1 + 1.0)};
            if (id >= 0 && sc->term_peak && sc->term_peak[id] > 0) s->bound *= sc->term_peak[id];
            if (!(s->bound > 0)) s->bound = 0; /* adds nothing: term_bm25 is not above 0 */
            if (id >= 0) q->keys[q->n_keys++] = (slot_key){(uint32_t)id, q->n_slots};
            q->n_slots++;
        }
    }
    qsort(q->keys, q->n_keys, sizeof *q->keys, cmp_key);
    return 1;
}

/* Passage p's exact BM25 from its forward list: each item counts the best
 * of its terms, summed item by item in the order the exhaustive walk
 * (add_term) sums them. */
static double exact_bm25(void *self, size_t p) {
    query *q = self;
    const index_data *ix = q->c->index;
    bm25_scratch *sc = q->sc;
    if (p >= q->c->n_passages) return 0;
    if (sc->exact_at[p] == sc->stamp) return sc->exact[p];
    fwd_iter it = passage_terms(ix, p);
    uint32_t t, f;
    size_t j = 0, n_hit = 0;
    while (j < q->n_keys && passage_term_next(ix, &it, &t, &f)) {
        while (j < q->n_keys && q->keys[j].id < t)
            j++;
        for (; j < q->n_keys && q->keys[j].id == t; j++) {
            size_t s = q->keys[j].slot, h = n_hit++;
            q->tf[s] = f;
            while (h > 0 && q->hit[h - 1] > s) /* in slot order: items in order */
                q->hit[h] = q->hit[h - 1], h--;
            q->hit[h] = s;
        }
    }
    double bm25 = 0, best = 0;
    size_t item = (size_t)-1;
    for (size_t h = 0; h < n_hit; h++) {
        const slot *s = &q->slots[q->hit[h]];
        double v = term_bm25(ix, s->w, s->idf, q->tf[q->hit[h]], p);
        q->tf[q->hit[h]] = 0;
        if (s->item != item) item = s->item, best = 0;
        if (v > best) {
            bm25 += v - best;
            best = v;
        }
    }
    sc->exact_at[p] = sc->stamp;
    return sc->exact[p] = bm25;
}

/* A bound computed in floating point, made a little larger so that
 * rounding never makes it fall below the exact sum it bounds. */
static double loose(double x) {
    return x + x * 1e-9;
}

/* ------------------------------------------------------------ the walk */

#define WALK_BATCH 64

/* Adds each posting of slot s's term to its passage's sum, listing the
 * passages no term reached before; the largest sum into *top. */
static void walk_term(const query *q, const slot *s, bm25_scratch *sc, double *top) {
    const index_data *ix = q->c->index;
    posting_iter it = postings_of(ix, s->id, q->c->n_passages);
    size_t ps[WALK_BATCH];
    uint32_t fs[WALK_BATCH];
    double m = *top, *acc = sc->acc, peak = 0;
    size_t n;
    /* a batch at a time, its passages' norms and sums asked of memory
     * before they are used: the misses overlap instead of coming one by one */
    while ((n = posting_batch(&it, ps, fs, WALK_BATCH)) > 0) {
        for (size_t j = 0; j < n; j++) {
            __builtin_prefetch(&ix->norms[ps[j]]);
            __builtin_prefetch(&acc[ps[j]], 1);
        }
        for (size_t j = 0; j < n; j++) {
            size_t p = ps[j];
            double v = term_bm25(ix, s->w, s->idf, fs[j], p);
            if (!(v > 0)) continue;
            if (acc[p] == 0) sc->touched[sc->n_touched++] = p;
            double a = acc[p] += v;
            if (a > m) m = a;
            if (v > peak) peak = v;
        }
    }
    *top = m;
    /* the term's peak share, for the bounds of later queries: v is
     * w idf (k1 + 1) tf / (tf + norm), and a little more for rounding */
    double unit = s->w * s->idf * (BM25_K1 + 1.0);
    if (sc->term_peak && unit > 0 && peak > 0) sc->term_peak[s->id] = peak / unit * (1 + 1e-6);
}

/* Slots by bound, largest first, then by term id; insertion keeps equal
 * ones in slot order. */
static int cmp_bound(const slot *x, const slot *y) {
    if (x->bound != y->bound) return x->bound > y->bound ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

static void sort_by_bound(const slot *slots, size_t *order, size_t n) {
    for (size_t i = 1; i < n; i++) { /* a query has tens of terms */
        size_t v = order[i], j = i;
        while (j > 0 && cmp_bound(&slots[order[j - 1]], &slots[v]) > 0)
            order[j] = order[j - 1], j--;
        order[j] = v;
    }
}

/* The k-th best exact score among the k passages of the largest sums so
 * far of the first PROBE_POOL reached (by the terms of the largest bounds,
 * where the best passages are): a floor of the k-th best score of the
 * corpus (0 with fewer than k). */
#define PROBE_POOL 8192

static double floor_of_kth(query *q, const bm25_scratch *sc, size_t k, dossier_candidate *heap) {
    size_t n = 0, pool = sc->n_touched < PROBE_POOL ? sc->n_touched : PROBE_POOL;
    if (!k || sc->n_touched < k) return 0;
    for (size_t j = 0; j < pool; j++) {
        size_t p = sc->touched[j];
        if (n < k || sc->acc[p] >= heap[0].score)
            heap_offer(heap, &n, k, (dossier_candidate){p, sc->acc[p]});
    }
    double kth = -1;
    for (size_t j = 0; j < n; j++) {
        double s = passage_score(q->c, heap[j].passage, exact_bm25, q);
        if (kth < 0 || s < kth) kth = s;
    }
    return kth;
}

/* The passages that may rank among the k best, exactly scored, into out. */
static size_t pruned_top(const dossier_corpus *c, query *q, bm25_scratch *sc, size_t k,
                         dossier_candidate *out, int *nomem) {
    size_t n = q->n_slots;
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    double *rest = malloc((n + 1) * sizeof *rest),
           *item_max = calloc(q->n_items + 1, sizeof *item_max);
    dossier_candidate *heap = malloc((k ? k : 1) * sizeof *heap), *cand = NULL;
    size_t n_out = 0;
    if (!order || !rest || !item_max || !heap) goto nomem;
    for (size_t j = 0; j < n; j++)
        order[j] = j;
    sort_by_bound(q->slots, order, n);
    /* rest[j]: the most the slots from j on add to a passage, each item at
     * most its largest bound among them */
    rest[n] = 0;
    for (size_t j = n; j-- > 0;) {
        const slot *s = &q->slots[order[j]];
        double grown = s->bound > item_max[s->item] ? s->bound - item_max[s->item] : 0;
        if (s->id >= 0) item_max[s->item] += grown;
        rest[j] = rest[j + 1] + (s->id >= 0 ? grown : 0);
    }
    /* walk the terms, largest bound first, until a passage reached by none
     * of them can no longer make the k best */
    double top = 0, kth = 0, rest_at_floor = -1;
    size_t walked = 0;
    for (; walked < n; walked++) {
        double r = rest[walked];
        if (r == 0) break;
        if (walked > 0 && sc->n_touched >= k && r < top &&
            (rest_at_floor < 0 || r < 0.9 * rest_at_floor)) {
            kth = floor_of_kth(q, sc, k, heap);
            rest_at_floor = r;
        }
        /* such a passage: BM25 at most r, a neighbour's at most top + r */
        if (kth > 0 && loose(r + CONTEXT_WEIGHT * (top + r)) < kth) break;
        if (q->slots[order[walked]].id >= 0) walk_term(q, &q->slots[order[walked]], sc, &top);
    }
    double r = walked < n ? rest[walked] : 0; /* what the terms not walked may add */
    sc->queries++;
    sc->pruned += r > 0;
    /* the passages reached whose bound makes the k-th score, best bound
     * first: a bound counting both neighbours, in this paragraph or not,
     * which reads no passage */
    if (!(cand = malloc((sc->n_touched ? sc->n_touched : 1) * sizeof *cand))) goto nomem;
    size_t nc = 0, np = c->n_passages;
    for (size_t j = 0; j < sc->n_touched; j++) {
        size_t p = sc->touched[j];
        double nb = p > 0 ? sc->acc[p - 1] : 0;
        if (p + 1 < np && sc->acc[p + 1] > nb) nb = sc->acc[p + 1];
        double u = loose(sc->acc[p] + r + CONTEXT_WEIGHT * (nb + r));
        if (u >= kth) cand[nc++] = (dossier_candidate){p, u};
    }
    /* scored exactly in the order of their bounds (a heap, best on top),
     * until no bound reaches the k-th score */
    for (size_t i = nc / 2; i-- > 0;)
        sift_up_best(cand, nc, i);
    size_t nh = 0;
    while (nc > 0) {
        dossier_candidate x = cand[0];
        if (nh == k && x.score < heap[0].score) break;
        cand[0] = cand[--nc];
        sift_up_best(cand, nc, 0);
        size_t p = x.passage;
        if (nh == k) { /* its own BM25 exact first: most stop there */
            double nb = p > 0 ? sc->acc[p - 1] : 0;
            if (p + 1 < np && sc->acc[p + 1] > nb) nb = sc->acc[p + 1];
            if (loose(exact_bm25(q, p) + CONTEXT_WEIGHT * (nb + r)) < heap[0].score) continue;
        }
        heap_offer(heap, &nh, k, (dossier_candidate){p, passage_score(c, p, exact_bm25, q)});
    }
    n_out = best_first(heap, nh, k);
    memcpy(out, heap, n_out * sizeof *out);
    goto done;
nomem:
    *nomem = 1;
done:
    free(order);
    free(rest);
    free(item_max);
    free(heap);
    free(cand);
    return n_out;
}

static dossier_status pruned_candidates(void *self, const dossier_corpus *c,
                                        const dossier_query_terms *qt, size_t k,
                                        dossier_candidate *out, size_t *n, dossier_error *err) {
    (void)self;
    *n = 0;
    if (!k) return DOSSIER_OK; /* pruned_top's heaps need room for one */
    bm25_scratch *sc = &c->index->scratch;
    size_t np = c->n_passages ? c->n_passages : 1;
    if (!sc->acc) {
        sc->acc = calloc(np, sizeof *sc->acc);
        sc->touched = malloc(np * sizeof *sc->touched);
        sc->term_peak = calloc(c->index->n_terms + 1, sizeof *sc->term_peak);
        sc->exact = malloc(np * sizeof *sc->exact);
        sc->exact_at = calloc(np, sizeof *sc->exact_at);
        if (!sc->acc || !sc->touched || !sc->term_peak || !sc->exact || !sc->exact_at) {
            free(sc->acc), free(sc->touched), free(sc->term_peak), free(sc->exact),
                free(sc->exact_at);
            memset(sc, 0, sizeof *sc);
            return set_error(err, DOSSIER_ERR_NOMEM, "out of memory while ranking passages");
        }
    }
    if (++sc->stamp == 0) { /* the stamps wrapped: start again */
        memset(sc->exact_at, 0, np * sizeof *sc->exact_at);
        sc->stamp = 1;
    }
    query q;
    int nomem = !query_make(c, qt, &q);
    q.sc = sc;
    sc->n_touched = 0;
    if (!nomem) *n = pruned_top(c, &q, sc, k, out, &nomem);
    for (size_t j = 0; j < sc->n_touched; j++)
        sc->acc[sc->touched[j]] = 0; /* all zeros again for the next query */
    sc->n_touched = 0;
    query_free(&q);
    if (nomem) {
        *n = 0;
        return set_error(err, DOSSIER_ERR_NOMEM, "out of memory while ranking passages");
    }
    return DOSSIER_OK;
}

/* ------------------------------------------------------------ every posting */

/* The exhaustive walk: every posting of every term, each item keeping the
 * best of its terms per passage (best[p] while seen[p] is the item's), all
 * passages reached scored. What the pruned walk must equal. */
typedef struct {
    double *bm25, *best;
    size_t *seen; /* item + 1 */
} full_walk;

static double full_bm25(void *self, size_t p) {
    return ((const full_walk *)self)->bm25[p];
}

static dossier_status exhaustive_candidates(void *self, const dossier_corpus *c,
                                            const dossier_query_terms *qt, size_t k,
                                            dossier_candidate *out, size_t *n, dossier_error *err) {
    (void)self;
    *n = 0;
    size_t np = c->n_passages;
    full_walk fw = {calloc(np + 1, sizeof(double)), calloc(np + 1, sizeof(double)),
                    calloc(np + 1, sizeof(size_t))};
    dossier_candidate *all = malloc((np + 1) * sizeof *all);
    dossier_status st = DOSSIER_OK;
    if (!fw.bm25 || !fw.best || !fw.seen || !all) {
        st = set_error(err, DOSSIER_ERR_NOMEM, "out of memory while ranking passages");
        goto done;
    }
    const index_data *ix = c->index;
    for (size_t i = 0; i < qt->n_items; i++)
        for (size_t t = 0; t < qt->items[i].n_terms; t++) {
            const dossier_query_term *term = &qt->items[i].terms[t];
            long id = term->term ? index_term(ix, term->term, strlen(term->term)) : -1;
            posting_iter it = postings_of(ix, id, np);
            size_t p;
            uint32_t f;
            while (posting_next(&it, &p, &f)) {
                double v = term_bm25(ix, term->weight, term->idf, f, p);
                if (fw.seen[p] != i + 1) fw.seen[p] = i + 1, fw.best[p] = 0;
                if (v > fw.best[p]) {
                    fw.bm25[p] += v - fw.best[p];
                    fw.best[p] = v;
                }
            }
        }
    size_t nr = 0;
    for (size_t p = 0; p < np; p++)
        if (fw.bm25[p] > 0) all[nr++] = (dossier_candidate){p, passage_score(c, p, full_bm25, &fw)};
    nr = best_first(all, nr, k);
    memcpy(out, all, nr * sizeof *out);
    *n = nr;
done:
    free(fw.bm25);
    free(fw.best);
    free(fw.seen);
    free(all);
    return st;
}

/* A corpus of a few thousand passages (the default corpus has 222): every
 * posting costs less than MaxScore's bounds, probes and exact rescoring
 * (with 5 articles the pruned walk took a third more of a first :Dossier
 * check; at 4,000 passages, 16 articles of bench/'s synthetic corpus, the
 * walk of every posting was still about a tenth faster), and the answer is
 * the same bit for bit. */
#define EXHAUSTIVE_MAX_PASSAGES 4096

static dossier_status local_candidates(void *self, const dossier_corpus *c,
                                       const dossier_query_terms *qt, size_t k,
                                       dossier_candidate *out, size_t *n, dossier_error *err) {
    if (c->n_passages <= EXHAUSTIVE_MAX_PASSAGES)
        return exhaustive_candidates(self, c, qt, k, out, n, err);
    return pruned_candidates(self, c, qt, k, out, n, err);
}

static const dossier_retriever local_retriever = {NULL, local_candidates};
static const dossier_retriever pruned_retriever = {NULL, pruned_candidates};
static const dossier_retriever exhaustive_retriever = {NULL, exhaustive_candidates};

const dossier_retriever *dossier_local_retriever(void) {
    return &local_retriever;
}

const dossier_retriever *local_pruned_retriever(void) {
    return &pruned_retriever;
}

const dossier_retriever *local_exhaustive_retriever(void) {
    return &exhaustive_retriever;
}

void dossier_set_retriever(dossier_corpus *c, const dossier_retriever *r) {
    if (!c) return;
    c->retriever = r;
    for (size_t i = 0; i < c->n_twins; i++) /* the handles kept for a batch rank as c does */
        c->twins[i]->retriever = r;
}
