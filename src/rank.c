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

#define CONTEXT_WEIGHT 0.25
#define COVERAGE_THRESHOLD 0.5
#define WORD_COVERAGE_FLOOR 0.5
#define MIN_MATCHED 3
#define MAX_QUERY_TERMS 512
#define SOURCE_WINDOW 50 /* ranked passages looked at when counting sources */

/* ------------------------------------------------------------ BM25 */

static double idf_of(const index_data *ix, size_t df) {
    double n = (double)ix->n_docs;
    return log(1.0 + (n - (double)df + 0.5) / ((double)df + 0.5));
}

void query_bm25(const dossier_corpus *c, const query_term *terms, size_t n, double *bm25) {
    const index_data *ix = c->index;
    for (size_t k = 0; k < n; k++) {
        const query_term *t = &terms[k];
        posting_iter it = postings_of(ix, t->id, c->n_passages);
        size_t p;
        uint32_t f;
        while (posting_next(&it, &p, &f)) {
            double tf = f;
            bm25[p] += t->idf * tf * (BM25_K1 + 1.0) / (tf + ix->norms[p]);
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
    q->actors = malloc((m.n ? m.n : 1) * sizeof *q->actors);
    int ok = spans != NULL && q->actors != NULL;
    if (ok) {
        size_t ns = 0;
        for (size_t k = 0; k < m.n; k++) {
            long a = m.spans[k].actor;
            if (a < 0) continue;
            spans[ns++] = (actor_span){m.spans[k].start, m.spans[k].end, a};
            size_t j = 0;
            while (j < q->n_actors && q->actors[j] != (size_t)a)
                j++;
            if (j == q->n_actors) q->actors[q->n_actors++] = (size_t)a;
        }
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
            q->terms[q->n++] = (query_term){id, idf_of(ix, term_df(ix, id)), s, is_specific(s)};
        }
        s += sl + 1;
    }
    for (size_t k = 0; k < q->n; k++)
        q->total_idf += q->terms[k].idf;
    return DOSSIER_OK;
}

void query_free(query *q) {
    free(q->terms);
    free(q->actors);
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

/* The retriever's candidates for q, best first, into *out (malloc'd). */
static dossier_status retrieve(const dossier_corpus *c, const query *q, size_t keep,
                               dossier_candidate **out, size_t *n, dossier_error *err) {
    const dossier_retriever *r = c->retriever ? c->retriever : dossier_local_retriever();
    const char **names = malloc((q->n ? q->n : 1) * sizeof *names);
    double *idf = malloc((q->n ? q->n : 1) * sizeof *idf);
    *out = malloc((keep ? keep : 1) * sizeof **out);
    *n = 0;
    dossier_status s = DOSSIER_OK;
    if (!names || !idf || !*out) {
        s = set_error(err, DOSSIER_ERR_NOMEM, "out of memory while ranking passages");
    } else {
        for (size_t k = 0; k < q->n; k++)
            names[k] = q->terms[k].name, idf[k] = q->terms[k].idf;
        dossier_query_terms qt = {names, idf, q->n, q->actors, q->n_actors};
        s = r->candidates(r->self, c, &qt, keep, *out, n, err);
        if (*n > keep) *n = keep;
        /* a backend's answer is checked like any outside input */
        size_t kept = 0;
        for (size_t k = 0; !s && k < *n; k++)
            if ((*out)[k].passage < c->n_passages) (*out)[kept++] = (*out)[k];
        *n = kept;
    }
    free(names);
    free(idf);
    if (s) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return s;
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
    dossier_candidate *ranked = NULL;
    unsigned char *seen = NULL;
    size_t nr = 0;
    dossier_status s = query_make(c, text ? text : "", len, &q);
    if (s) goto nomem;
    s = retrieve(c, &q, limit > SOURCE_WINDOW ? limit : SOURCE_WINDOW, &ranked, &nr, err);
    if (s) goto done;
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
        size_t a = passage_article(c, ranked[k].passage);
        if (a == SIZE_MAX) continue;
        if (!seen[a]) out->n_sources++;
        seen[a] = 1;
    }
    out->corroborated = out->n_sources > 0;
    goto done;
nomem:
    s = set_error(err, DOSSIER_ERR_NOMEM, "out of memory while ranking passages");
done:
    free(seen);
    free(ranked);
    query_free(&q);
    if (s) dossier_corroboration_free(out);
    return s;
}

void dossier_corroboration_free(dossier_corroboration *r) {
    if (!r) return;
    for (size_t k = 0; k < r->n; k++)
        free(r->hits[k].matched);
    free(r->hits);
    memset(r, 0, sizeof *r);
}
