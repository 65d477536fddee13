/* rank.h — ranking passages for a claim and judging it (rank.c): BM25 over
 * the claim's items and their related words, the best candidates aligned
 * (align.h) and re-ranked, and the verdict from their alignments
 * (verdict.h). */
#ifndef DOSSIER_RANK_H
#define DOSSIER_RANK_H

#include "align.h"

/* BM25's length normalisation of every passage, made once at open after
 * build_index (c->bm25_norm). */
HIDDEN dossier_status rank_prepare(dossier_corpus *c, dossier_error *err);

/* The BM25 of claim cl for every passage, into bm25[0, n_passages) (zeroed
 * by the caller): each item scores a passage by the best of its own term and
 * its related terms, these weighed by how close the relation is, and actors
 * weigh less than words: a passage that names the same actors says nothing
 * yet. seen is scratch of n_passages entries. */
HIDDEN void claim_bm25(const dossier_corpus *c, const claim *cl, double *bm25, double *best,
                       uint32_t *seen);

/* The score of passage p: its BM25 plus a share of the best of its
 * neighbours' in the same paragraph, since a claim often leans on the
 * sentence before. */
HIDDEN double passage_score(const dossier_corpus *c, const double *bm25, size_t p);

#endif
