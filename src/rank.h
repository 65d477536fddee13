/* rank.h — ranking passages for a claim and judging it (rank.c): the
 * claim's items and their related words asked of the corpus's retriever
 * (retrieve.c: BM25 over the local index, by default), the best candidates
 * aligned (align.h) and re-ranked, and the verdict from their alignments
 * (verdict.h). */
#ifndef DOSSIER_RANK_H
#define DOSSIER_RANK_H

#include "align.h"

/* retrieve.c: the BM25 of q's items for every passage, into bm25[0, n_passages)
 * (zeroed by the caller): each item scores a passage by the best of its
 * terms, each weighed as the item says. best and seen are scratch of
 * n_passages entries (seen zeroed). */
HIDDEN void query_bm25(const dossier_corpus *c, const dossier_query_terms *q, double *bm25,
                       double *best, uint32_t *seen);

/* The score of passage p: its BM25 plus a share of the best of its
 * neighbours' in the same paragraph, since a claim often leans on the
 * sentence before. */
HIDDEN double passage_score(const dossier_corpus *c, const double *bm25, size_t p);

#endif
