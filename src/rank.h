/* rank.h — ranking passages for a claim and deciding whether they
 * corroborate it (rank.c): the claim as a query, one score per passage, and
 * the coverage rule. Judging a claim against a passage builds on these. */
#ifndef DOSSIER_RANK_H
#define DOSSIER_RANK_H

#include "index.h"

typedef struct {
    long id; /* term id, or -1 when no passage has it */
    double idf;
    const char *name; /* the term: "@actor", "~group" or a stem */
    int specific;     /* a number, month or weekday: a supporting passage must have it */
} query_term;

/* A claim as ranking sees it: its distinct terms, in the order it gives them. */
typedef struct {
    query_term *terms;
    size_t n;
    double total_idf;
    termlist names; /* where the terms' names live */
} query;

/* BM25's length normalisation of every passage, made once at open after
 * build_index (c->bm25_norm). */
HIDDEN dossier_status rank_prepare(dossier_corpus *c, dossier_error *err);

/* The query of text[0, len): its terms made as the index makes a passage's.
 * Only DOSSIER_ERR_NOMEM can fail it; q is then empty. */
HIDDEN dossier_status query_make(const dossier_corpus *c, const char *text, size_t len, query *q);
HIDDEN void query_free(query *q);

/* The BM25 of q for every passage, into bm25[0, n_passages) (zeroed by the
 * caller); 0 for a passage with none of q's terms. */
HIDDEN void query_bm25(const dossier_corpus *c, const query *q, double *bm25);

/* The score of passage p: its BM25 plus a share of the best of its
 * neighbours' in the same paragraph, since a claim often leans on the
 * sentence before. */
HIDDEN double passage_score(const dossier_corpus *c, const double *bm25, size_t p);

/* The share (0..1) of q's weight that passage p and its neighbours in the
 * paragraph hold; 0 when they fail one of the rules that make support. */
HIDDEN double passage_coverage(const dossier_corpus *c, const query *q, size_t p);

/* Whether a passage of this coverage corroborates the claim. */
HIDDEN int corroborates(double coverage);

#endif
