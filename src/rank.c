/* rank.c — ranking passages for a claim, and the verdict.
 *
 * A claim is cut into items (align.c: words, actors, facts). The corpus's
 * retriever (retrieve.c: BM25 over the local index, by default) scores
 * passages by them: each item counts a passage by the best of its own term
 * and of its related terms (related.c), those weighed by how close the
 * relation is, so "pledged" finds "vowed" and "weapons" finds "munitions";
 * an actor weighs less than a word, so that a sentence naming only the
 * claim's actors does not come first. A share of the best neighbouring
 * sentence's score in the paragraph is added (a claim often leans on the
 * sentence before).
 *
 * The best CANDIDATES passages are then aligned with the claim and
 * re-ranked by the model's rank score; each gets a stance (verdict.c), and
 * the claim its verdict: supported when a passage supports it, else
 * contradicted when a passage about the same thing says otherwise, else
 * unverified. */
#include "rank.h"
#include "verdict.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ACTOR_WEIGHT 0.5 /* of an actor's term in BM25, against a word's 1 */
#define CANDIDATES 30    /* passages aligned and re-ranked */
#define MIN_CONTENT 2    /* items of weight a claim needs to be supported */

/* How much a related term counts in BM25, against the item's own term: the
 * square of its strength (lexrel.h), so a synonym (0.9) counts 0.81 and a
 * gloss word (0.45) 0.2 — a weak relation should not lift a passage above
 * one with the claim's own words. */
static double rank_weight(const related_term *r) {
    if (r->rel == REL_ANTONYM) return 0;
    double s = RELATED_STRENGTH(r);
    return s * s;
}

/* ------------------------------------------------------------ the query */

/* The claim's items as a retriever takes them: each item's own term (an
 * actor's weighing ACTOR_WEIGHT), every term of a date (its year, month,
 * day), and its related terms weighed by how close the relation is, as rare
 * as the claim's own word at most. Terms no passage has are left out. */
typedef struct {
    dossier_query_terms q;
    dossier_query_item *items;
    dossier_query_term *terms;
    size_t *actors;
} claim_query;

static void claim_query_free(claim_query *cq) {
    free(cq->items);
    free(cq->terms);
    free(cq->actors);
    memset(cq, 0, sizeof *cq);
}

/* Appends term id to the item being made, unless no passage has it. */
static void put_term(const index_data *ix, claim_query *cq, size_t *n, long id, double idf,
                     double w) {
    if (id < 0) return;
    cq->terms[(*n)++] = (dossier_query_term){term_name(ix, id), idf, w};
}

/* By name: term ids depend on the order a cache was built and updated in,
 * names do not, and the sums of BM25 depend on the order of terms. */
static int cmp_term_name(const void *x, const void *y) {
    const char *a = ((const dossier_query_term *)x)->term,
               *b = ((const dossier_query_term *)y)->term;
    /* most names differ at the first byte: strcmp's order without the call */
    if (a[0] != b[0]) return (unsigned char)a[0] < (unsigned char)b[0] ? -1 : 1;
    return strcmp(a, b);
}

/* Sorts v[0, n) by cmp_term_name, stably, as qsort did (its merge sort):
 * an item's few related terms sort faster in place than through qsort's
 * calls by pointer. */
static void sort_terms(dossier_query_term *v, size_t n) {
    for (size_t i = 1; i < n; i++) {
        dossier_query_term x = v[i];
        size_t j = i;
        while (j > 0 && cmp_term_name(&v[j - 1], &x) > 0) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

static dossier_status claim_query_make(const dossier_corpus *c, const claim *cl, claim_query *cq) {
    const index_data *ix = c->index;
    char term[64];
    size_t cap = 0, n = 0;
    memset(cq, 0, sizeof *cq);
    for (size_t i = 0; i < cl->n; i++) {
        const claim_item *it = &cl->items[i];
        cap += 1 + it->rel.n;
        if (it->kind == CI_FACT)
            for (unsigned f = 0; fact_term(&cl->facts.v[it->fact], f, term, sizeof term); f++)
                cap++;
    }
    cq->items = malloc((cl->n ? cl->n : 1) * sizeof *cq->items);
    cq->terms = malloc((cap ? cap : 1) * sizeof *cq->terms);
    cq->actors = malloc((cl->n ? cl->n : 1) * sizeof *cq->actors);
    if (!cq->items || !cq->terms || !cq->actors) {
        claim_query_free(cq);
        return DOSSIER_ERR_NOMEM;
    }
    for (size_t i = 0; i < cl->n; i++) {
        const claim_item *it = &cl->items[i];
        size_t first = n;
        put_term(ix, cq, &n, it->term, it->idf, it->kind == CI_ACTOR ? ACTOR_WEIGHT : 1.0);
        if (it->kind == CI_FACT) /* every term of a date: its year, month, day */
            for (unsigned f = 0; fact_term(&cl->facts.v[it->fact], f, term, sizeof term); f++) {
                long id = index_term(ix, term, strlen(term));
                if (id != it->term) put_term(ix, cq, &n, id, index_idf(ix, term_df(ix, id)), 1.0);
            }
        size_t rel_first = n;
        for (size_t k = 0; k < it->rel.n; k++) {
            double rw = rank_weight(&it->rel.v[k]);
            if (rw <= 0) continue;
            long t = (long)it->rel.v[k].term;
            double idf = index_idf(ix, term_df(ix, t));
            put_term(ix, cq, &n, t, idf < it->idf ? idf : it->idf, rw);
        }
        sort_terms(cq->terms + rel_first, n - rel_first);
        cq->items[i] = (dossier_query_item){cq->terms + first, n - first};
        if (it->kind == CI_ACTOR && it->actor >= 0) {
            size_t j = 0;
            while (j < cq->q.n_actors && cq->actors[j] != (size_t)it->actor)
                j++;
            if (j == cq->q.n_actors) cq->actors[cq->q.n_actors++] = (size_t)it->actor;
        }
    }
    cq->q.items = cq->items;
    cq->q.n_items = cl->n;
    cq->q.actors = cq->actors;
    return DOSSIER_OK;
}

/* The retriever's candidates for q, best first, into *out (malloc'd). */
static dossier_status retrieve(const dossier_corpus *c, const dossier_query_terms *q, size_t keep,
                               dossier_candidate **out, size_t *n, dossier_error *err) {
    const dossier_retriever *r = c->retriever ? c->retriever : dossier_local_retriever();
    *n = 0;
    if (!(*out = malloc((keep ? keep : 1) * sizeof **out)))
        return set_error(err, DOSSIER_ERR_NOMEM, "out of memory while ranking passages");
    dossier_status s = r->candidates(r->self, c, q, keep, *out, n, err);
    if (*n > keep) *n = keep;
    /* a backend's answer is checked like any outside input */
    size_t kept = 0;
    for (size_t k = 0; !s && k < *n; k++)
        if ((*out)[k].passage < c->n_passages) (*out)[kept++] = (*out)[k];
    *n = kept;
    if (s) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return s;
}

/* ------------------------------------------------------------ the candidates */

double passage_score(const dossier_corpus *c, size_t p, bm25_fn bm25, void *self) {
    double ctx = 0, x; /* BM25 is never negative */
    if (p > 0 && same_paragraph(c, p, p - 1) && (x = bm25(self, p - 1)) > ctx) ctx = x;
    if (same_paragraph(c, p, p + 1) && (x = bm25(self, p + 1)) > ctx) ctx = x;
    return bm25(self, p) + CONTEXT_WEIGHT * ctx;
}

/* ------------------------------------------------------------ the best candidates */

typedef struct {
    size_t passage;
    double score; /* passage_score */
    double rank;  /* the model's, after alignment */
    alignment a;
    dossier_stance stance;
    double support;
} scored;

static int cmp_scored(const scored *a, const scored *b) {
    if (a->score != b->score) return a->score < b->score ? 1 : -1;
    return a->passage < b->passage ? -1 : a->passage > b->passage;
}

static int cmp_ranked(const void *x, const void *y) {
    const scored *a = x, *b = y;
    if (a->rank != b->rank) return a->rank < b->rank ? 1 : -1;
    return cmp_scored(a, b);
}

/* ------------------------------------------------------------ pruning */

/* A candidate matters when it may be among the hits (its rank at least the
 * limit-th best of those aligned before it: candidates come in their
 * retrieval order, the best first) or may support or contradict the claim.
 * One that cannot is left unaligned, most before its words are matched,
 * the rest once they are (align.c's bounds): the verdict, the sources and
 * the hits are the same (tests/lua/pruning_spec.lua; tests/c/test_bounds.c
 * checks the bounds). */
typedef struct {
    double bm25_rel; /* the candidate's */
    double *top;     /* the best ranks so far, best first */
    size_t n_top, limit;
} pruning;

static int cannot_matter(void *ctx, align_bounds *b, int resolved) {
    pruning *pr = ctx;
    if (resolved) {
        b->lo_res[F_bm25_rel] = b->hi_res[F_bm25_rel] = pr->bm25_rel;
        return verdict_contradict_max(b->lo_res, b->hi_res) < verdict_contradict_threshold();
    }
    b->lo[F_bm25_rel] = b->hi[F_bm25_rel] = pr->bm25_rel;
    return pr->n_top == pr->limit && verdict_rank_max(b->lo, b->hi) < pr->top[pr->limit - 1] &&
           verdict_support_max(b->lo, b->hi) < verdict_support_threshold();
}

/* Keeps rank among the limit best. */
static void keep_rank(pruning *pr, double rank) {
    size_t k;
    if (pr->n_top < pr->limit)
        k = pr->n_top++;
    else if (rank > pr->top[pr->limit - 1])
        k = pr->limit - 1;
    else
        return;
    while (k > 0 && pr->top[k - 1] < rank) {
        pr->top[k] = pr->top[k - 1];
        k--;
    }
    pr->top[k] = rank;
}

/* ------------------------------------------------------------ the hits */

/* The claim's terms the passage holds, space-separated: what
 * dossier_hit.matched documents. */
static char *matched_terms(const dossier_corpus *c, const claim *cl, const alignment *a) {
    strbuf m = {0};
    const index_data *ix = c->index;
    for (size_t k = 0; k < a->n_aligned; k++) {
        for (size_t i = 0; i < cl->n; i++) {
            const claim_item *it = &cl->items[i];
            if (it->start != a->aligned[k].claim_start || it->end != a->aligned[k].claim_end)
                continue;
            if (m.len) sb_putc(&m, ' ');
            if (it->term >= 0)
                sb_puts(&m, term_name(ix, it->term));
            else
                sb_append(&m, cl->text + it->start, it->end - it->start);
            break;
        }
    }
    if (!m.data) sb_puts(&m, "");
    return sb_take(&m);
}

/* The hit of candidate s, from its alignment (made with its evidence). */
static dossier_status fill_hit(const dossier_corpus *c, const claim *cl, const scored *s,
                               int features, dossier_hit *h) {
    const alignment *a = &s->a;
    h->passage = s->passage;
    h->score = s->score;
    h->coverage = a->f[F_cov];
    h->stance = s->stance;
    h->support = s->support;
    dossier_evidence *e = &h->evidence;
    e->aligned = malloc((a->n_aligned ? a->n_aligned : 1) * sizeof *e->aligned);
    e->missing = malloc((a->n_missing ? a->n_missing : 1) * sizeof *e->missing);
    e->conflicts = malloc((a->n_conflicts ? a->n_conflicts : 1) * sizeof *e->conflicts);
    h->matched = matched_terms(c, cl, a);
    if (features) {
        h->features = malloc(N_FEATURES * sizeof *h->features);
        h->features_resolved = malloc(N_FEATURES * sizeof *h->features_resolved);
    }
    if (!e->aligned || !e->missing || !e->conflicts || !h->matched ||
        (features && (!h->features || !h->features_resolved)))
        return DOSSIER_ERR_NOMEM;
    if (features) {
        /* the features the decision saw: bm25_rel is the candidate's */
        memcpy(h->features, a->f, sizeof a->f);
        memcpy(h->features_resolved, a->f_resolved, sizeof a->f_resolved);
    }
    for (size_t k = 0; k < a->n_aligned; k++)
        e->aligned[k] = (dossier_aligned){a->aligned[k].claim_start, a->aligned[k].claim_end,
                                          a->aligned[k].source_start, a->aligned[k].source_end};
    e->n_aligned = a->n_aligned;
    for (size_t k = 0; k < a->n_missing; k++) {
        const claim_item *it = &cl->items[a->missing[k]];
        e->missing[k] = (dossier_claim_words){it->start, it->end};
    }
    e->n_missing = a->n_missing;
    for (size_t k = 0; k < a->n_conflicts; k++) {
        const conflict *x = &a->conflicts[k];
        dossier_conflict *y = &e->conflicts[k];
        *y = (dossier_conflict){(dossier_conflict_kind)x->kind,
                                x->at.claim_start,
                                x->at.claim_end,
                                x->at.source_start,
                                x->at.source_end,
                                x->context_start,
                                x->context_end,
                                0,
                                0};
        line_col(c->articles[c->passages[s->passage].article].text, x->at.source_start, &y->line,
                 &y->col);
    }
    e->n_conflicts = a->n_conflicts;
    return DOSSIER_OK;
}

dossier_status dossier_corroborate(const dossier_corpus *c, const char *text, size_t len,
                                   const dossier_corroborate_opts *opts, dossier_corroboration *out,
                                   dossier_error *err) {
    if (!c || !out || (!text && len))
        return set_error(err, DOSSIER_ERR_ARG, "dossier_corroborate: NULL argument");
    memset(out, 0, sizeof *out);
    out->threshold = verdict_support_threshold();
    size_t limit = opts && opts->limit ? opts->limit : 5;
    int features = opts && opts->features;
    claim cl;
    claim_query cq;
    memset(&cq, 0, sizeof cq);
    dossier_candidate *cands = NULL;
    scored *ranked = NULL;
    unsigned char *article_seen = NULL;
    pruning pr = {0, NULL, 0, 0};
    size_t nr = 0;
    dossier_status s = claim_make(c, text ? text : "", len, &cl);
    if (s || claim_query_make(c, &cl, &cq)) goto nomem;
    size_t keep = limit > CANDIDATES ? limit : CANDIDATES;
    if ((s = retrieve(c, &cq.q, keep, &cands, &nr, err))) goto failed;
    /* each set in full below: no zeroing first */
    if (!(ranked = malloc((nr ? nr : 1) * sizeof *ranked))) goto nomem;
    for (size_t k = 0; k < nr; k++)
        ranked[k] = (scored){cands[k].passage, cands[k].score, 0, {0}, DOSSIER_RELATED, 0};
    /* align the candidates, then re-rank and judge them; a claim of one
     * item of weight ("None of this is new", "It was tense") says too
     * little for a passage that shares its one word to show it: no passage
     * supports it (the development sets hold no such claim) */
    size_t weighty = 0;
    for (size_t i = 0; i < cl.n; i++)
        weighty += cl.items[i].weight > 0;
    out->content = weighty;
    double top = nr ? ranked[0].score : 0;
    double ts = verdict_support_threshold(), tc = verdict_contradict_threshold();
    size_t need = limit < nr ? limit : nr;
    if (!(pr.top = malloc((need ? need : 1) * sizeof *pr.top))) goto nomem;
    pr.limit = need;
    for (size_t k = 0; k < nr; k++) {
        scored *r = &ranked[k];
        int skipped = 0;
        pr.bm25_rel = top > 0 ? r->score / top : 0;
        /* with the evidence its hit gives, should it be one: aligning it
         * once costs less than aligning the hits again. While fewer than
         * `limit` are aligned, none can be ruled out (cannot_matter says
         * so whatever the bounds): no bounds are made for them */
        if (align_passage_unless(c, &cl, r->passage, 1, pr.n_top == pr.limit ? cannot_matter : NULL,
                                 &pr, &r->a, &skipped)) {
            nr = k;
            goto nomem;
        }
        if (skipped) {
            r->rank = -1; /* below any aligned one: last, and no hit */
            continue;
        }
        r->a.f[F_bm25_rel] = r->a.f_resolved[F_bm25_rel] = top > 0 ? r->score / top : 0;
        r->rank = verdict_rank(r->a.f);
        keep_rank(&pr, r->rank);
        r->support = verdict_support(r->a.f);
        if (weighty >= MIN_CONTENT && verdict_may_support(&r->a) && r->support >= ts) {
            r->stance = DOSSIER_SUPPORTS;
        } else if (verdict_may_contradict(&r->a)) {
            double about = verdict_contradict(r->a.f_resolved);
            if (about >= tc) r->stance = DOSSIER_CONTRADICTS, r->support = about;
        }
    }
    qsort(ranked, nr, sizeof *ranked, cmp_ranked);
    if (!(article_seen = calloc(c->n_articles ? c->n_articles : 1, 1))) goto nomem;
    long first_support = -1, first_contra = -1;
    double best_support = 0, best_contra = 0, support_cov = 0, contra_cov = 0;
    for (size_t k = 0; k < nr; k++) {
        if (ranked[k].stance == DOSSIER_SUPPORTS) {
            if (first_support < 0) first_support = (long)k;
            if (ranked[k].support > best_support)
                best_support = ranked[k].support, support_cov = ranked[k].a.f[F_cov];
        } else if (ranked[k].stance == DOSSIER_CONTRADICTS) {
            if (first_contra < 0) first_contra = (long)k;
            if (ranked[k].support > best_contra)
                best_contra = ranked[k].support, contra_cov = ranked[k].a.f_resolved[F_cov];
        }
    }
    /* a passage about the same thing that says otherwise outweighs one that
     * holds less of the claim (the claim's other details are elsewhere) */
    out->verdict = verdict_decide(best_support, support_cov, best_contra, contra_cov);
    if (out->verdict == DOSSIER_SUPPORTED)
        for (size_t k = 0; k < nr; k++) {
            if (ranked[k].stance != DOSSIER_SUPPORTS) continue;
            size_t a = c->passages[ranked[k].passage].article;
            if (!article_seen[a]) out->n_sources++;
            article_seen[a] = 1;
        }
    out->corroborated = out->verdict == DOSSIER_SUPPORTED;
    /* the passage the verdict stands on is among the hits */
    if (limit > nr) limit = nr;
    long stand = out->verdict == DOSSIER_SUPPORTED      ? first_support
                 : out->verdict == DOSSIER_CONTRADICTED ? first_contra
                                                        : -1;
    if (stand >= (long)limit && limit > 0) {
        scored t = ranked[stand];
        ranked[stand] = ranked[limit - 1];
        ranked[limit - 1] = t;
    }
    if (!(out->hits = calloc(limit ? limit : 1, sizeof *out->hits))) goto nomem;
    for (size_t k = 0; k < limit; k++) {
        out->n = k + 1;
        if (fill_hit(c, &cl, &ranked[k], features, &out->hits[k])) goto nomem;
    }
    goto done;
nomem:
    s = set_error(err, DOSSIER_ERR_NOMEM, "out of memory while ranking passages");
failed:
done:
    for (size_t k = 0; ranked && k < nr; k++)
        alignment_free(&ranked[k].a);
    free(cands);
    free(pr.top);
    free(article_seen);
    free(ranked);
    claim_query_free(&cq);
    claim_free(&cl);
    if (s) dossier_corroboration_free(out);
    return s;
}

void dossier_corroboration_free(dossier_corroboration *r) {
    if (!r) return;
    for (size_t k = 0; k < r->n; k++) {
        dossier_hit *h = &r->hits[k];
        free(h->matched);
        free(h->evidence.aligned);
        free(h->evidence.missing);
        free(h->evidence.conflicts);
        free(h->features);
        free(h->features_resolved);
    }
    free(r->hits);
    memset(r, 0, sizeof *r);
}
