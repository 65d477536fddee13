/* rank.h — ranking passages for a claim and judging it (rank.c): the
 * claim's items and their related words asked of the corpus's retriever
 * (retrieve.c: BM25 over the local index, by default), the best candidates
 * aligned (align.h) and re-ranked, and the verdict from their alignments
 * (verdict.h). */
#ifndef DOSSIER_RANK_H
#define DOSSIER_RANK_H

#include "align.h"

/* The score of passage p: its BM25 plus a share of the best of its
 * neighbours' in the same paragraph, since a claim often leans on the
 * sentence before. */
HIDDEN double passage_score(const dossier_corpus *c, const double *bm25, size_t p);

#endif
