/* rank.c — ranking passages for a claim, and the corroboration decision.
 *
 * A claim becomes a query of the same terms as the index's (index.c).
 * Passages are scored by BM25 over those terms, plus a share of the best
 * neighbouring sentence's score in the same paragraph (a claim often leans
 * on the sentence before). A claim counts as corroborated when a passage
 * covers enough of the claim's term weight (idf), under rules and
 * thresholds chosen on the development set (tests/dev/claims.yaml). */
#include "rank.h"
#include "scan.h"

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

/* ------------------------------------------------------------ BM25 */

dossier_status rank_prepare(dossier_corpus *c, dossier_error *err) {
    const index_data *ix = c->index;
    c->bm25_norm = malloc((c->n_passages ? c->n_passages : 1) * sizeof *c->bm25_norm);
    if (!c->bm25_norm) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory while indexing");
    for (size_t p = 0; p < c->n_passages; p++)
        c->bm25_norm[p] = BM25_K1 * (1.0 - BM25_B + BM25_B * ix->plen[p] / ix->avglen);
    return DOSSIER_OK;
}

static double idf_of(const index_data *ix, size_t df) {
    double n = (double)ix->n_docs;
    return log(1.0 + (n - (double)df + 0.5) / ((double)df + 0.5));
}

void query_bm25(const dossier_corpus *c, const query *q, double *bm25) {
    const index_data *ix = c->index;
    for (size_t k = 0; k < q->n; k++) {
        const query_term *t = &q->terms[k];
        if (t->id < 0) continue;
        for (size_t j = ix->post_start[t->id]; j < ix->post_start[t->id + 1]; j++) {
            size_t p = ix->post_passage[j];
            double tf = ix->post_tf[j];
            bm25[p] += t->idf * tf * (BM25_K1 + 1.0) / (tf + c->bm25_norm[p]);
        }
    }
}

/* Passage o is in passage p's paragraph. */
static int same_paragraph(const dossier_corpus *c, size_t p, size_t o) {
    return o < c->n_passages && c->passages[o].article == c->passages[p].article &&
           c->passages[o].paragraph == c->passages[p].paragraph;
}

/* The sentences right before and after passage p in its paragraph, in that
 * order: the context both the score and the coverage count. */
static size_t neighbours(const dossier_corpus *c, size_t p, size_t out[2]) {
    size_t n = 0;
    if (p > 0 && same_paragraph(c, p, p - 1)) out[n++] = p - 1;
    if (same_paragraph(c, p, p + 1)) out[n++] = p + 1;
    return n;
}

double passage_score(const dossier_corpus *c, const double *bm25, size_t p) {
    size_t nb[2], n = neighbours(c, p, nb);
    double ctx = 0; /* BM25 is never negative */
    for (size_t k = 0; k < n; k++)
        if (bm25[nb[k]] > ctx) ctx = bm25[nb[k]];
    return bm25[p] + CONTEXT_WEIGHT * ctx;
}

/* ------------------------------------------------------------ the query */

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

dossier_status query_make(const dossier_corpus *c, const char *text, size_t len, query *q) {
    index_data *ix = c->index;
    termlist *tl = &q->names;
    token_list t;
    dossier_matches m;
    memset(q, 0, sizeof *q);
    if (tokenize(text, len, &t)) return DOSSIER_ERR_NOMEM;
    if (scan_tokens(c, text, len, &t, &m)) {
        token_list_free(&t);
        return DOSSIER_ERR_NOMEM;
    }
    actor_span *spans = malloc((m.n ? m.n : 1) * sizeof *spans);
    int ok = spans != NULL;
    if (ok) {
        size_t ns = 0;
        for (size_t k = 0; k < m.n; k++)
            if (m.spans[k].actor >= 0)
                spans[ns++] = (actor_span){m.spans[k].start, m.spans[k].end, m.spans[k].actor};
        text_terms(ix, c, &t, spans, ns, tl);
    }
    free(spans);
    dossier_matches_free(&m);
    token_list_free(&t);
    if (!ok || tl->buf.failed || !(q->terms = malloc((tl->n ? tl->n : 1) * sizeof *q->terms))) {
        query_free(q);
        return DOSSIER_ERR_NOMEM;
    }
    /* distinct terms; their names point into tl's buffer */
    const char *s = tl->buf.data;
    for (size_t k = 0; k < tl->n; k++) {
        size_t sl = strlen(s);
        int seen = 0;
        for (size_t j = 0; j < q->n && !seen; j++)
            seen = strcmp(q->terms[j].name, s) == 0;
        if (!seen && q->n < MAX_QUERY_TERMS) {
            long id = index_term(ix, s, sl);
            q->terms[q->n++] =
                (query_term){id, idf_of(ix, id >= 0 ? ix->df[id] : 0), s, is_specific(s)};
        }
        s += sl + 1;
    }
    for (size_t k = 0; k < q->n; k++)
        q->total_idf += q->terms[k].idf;
    return DOSSIER_OK;
}

void query_free(query *q) {
    free(q->terms);
    sb_free(&q->names.buf);
    memset(q, 0, sizeof *q);
}

/* ------------------------------------------------------------ the decision */

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

/* Share of the query's idf found in passage p or the sentences beside it in
 * its paragraph. 0 — no support — when a number or date of the query is
 * nowhere in the paragraph (a claim with another date or figure is not
 * supported here), when fewer than MIN_MATCHED terms match, or when less than
 * half the weight of its words other than actor names is there: the actors
 * alone prove nothing. */
double passage_coverage(const dossier_corpus *c, const query *q, size_t p) {
    const index_data *ix = c->index;
    size_t nb[2], n_nb = neighbours(c, p, nb);
    double got = 0, wgot = 0, wtot = 0;
    size_t matched = 0, words = 0;
    for (size_t k = 0; k < q->n; k++) {
        const query_term *t = &q->terms[k];
        int actor = t->name[0] == '@';
        if (!actor) wtot += t->idf;
        int has = t->id >= 0 && passage_has(ix, p, t->id);
        for (size_t j = 0; j < n_nb && !has && t->id >= 0; j++)
            has = passage_has(ix, nb[j], t->id);
        if (has) {
            got += t->idf;
            matched++;
            if (!actor) wgot += t->idf, words++;
        } else if (t->specific && (t->id < 0 || !paragraph_has(c, p, t->id))) {
            return 0;
        }
    }
    if (matched < MIN_MATCHED || words == 0) return 0;
    if (wtot > 0 && wgot / wtot < WORD_COVERAGE_FLOOR) return 0;
    return q->total_idf > 0 ? got / q->total_idf : 0;
}

int corroborates(double coverage) {
    return coverage >= COVERAGE_THRESHOLD;
}

/* ------------------------------------------------------------ corroboration */

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

/* The words of passage p among q's terms, space-separated; NULL when out of memory. */
static char *matched_terms(const index_data *ix, const query *q, size_t p) {
    strbuf m = {0};
    for (size_t j = 0; j < q->n; j++)
        if (q->terms[j].id >= 0 && passage_has(ix, p, q->terms[j].id)) {
            if (m.len) sb_putc(&m, ' ');
            sb_puts(&m, q->terms[j].name);
        }
    return sb_take(&m);
}

dossier_status dossier_corroborate(const dossier_corpus *c, const char *text, size_t len,
                                   const dossier_corroborate_opts *opts, dossier_corroboration *out,
                                   dossier_error *err) {
    if (!c || !out || (!text && len))
        return set_error(err, DOSSIER_ERR_ARG, "dossier_corroborate: NULL argument");
    memset(out, 0, sizeof *out);
    out->threshold = COVERAGE_THRESHOLD;
    size_t limit = opts && opts->limit ? opts->limit : 5;
    query q;
    double *bm25 = calloc(c->n_passages ? c->n_passages : 1, sizeof *bm25);
    scored *ranked = malloc((c->n_passages ? c->n_passages : 1) * sizeof *ranked);
    unsigned char *seen = NULL;
    dossier_status s = query_make(c, text ? text : "", len, &q);
    if (s || !bm25 || !ranked) goto nomem;
    query_bm25(c, &q, bm25);
    size_t nr = 0;
    for (size_t p = 0; p < c->n_passages; p++)
        if (bm25[p] > 0) ranked[nr++] = (scored){p, passage_score(c, bm25, p)};
    nr = best_first(ranked, nr, limit > SOURCE_WINDOW ? limit : SOURCE_WINDOW);
    if (limit > nr) limit = nr;
    if (!(out->hits = calloc(limit ? limit : 1, sizeof *out->hits))) goto nomem;
    for (size_t k = 0; k < limit; k++) {
        dossier_hit *h = &out->hits[k];
        h->passage = ranked[k].passage;
        h->score = ranked[k].score;
        h->coverage = passage_coverage(c, &q, h->passage);
        if (!(h->matched = matched_terms(c->index, &q, h->passage))) goto nomem;
        out->n = k + 1;
    }
    /* sources: distinct articles among the passages that clear the threshold */
    if (!(seen = calloc(c->n_articles ? c->n_articles : 1, 1))) goto nomem;
    for (size_t k = 0; k < nr && k < SOURCE_WINDOW; k++) {
        if (!corroborates(passage_coverage(c, &q, ranked[k].passage))) continue;
        size_t a = c->passages[ranked[k].passage].article;
        if (!seen[a]) out->n_sources++;
        seen[a] = 1;
    }
    out->corroborated = out->n_sources > 0;
    goto done;
nomem:
    s = DOSSIER_ERR_NOMEM;
done:
    free(seen);
    free(bm25);
    free(ranked);
    query_free(&q);
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
