/* rank.h — ranking passages for a claim and judging it (rank.c): the
 * claim's items and their related words asked of the corpus's retriever
 * (retrieve.c: BM25 over the local index, by default), the best candidates
 * aligned (align.h) and re-ranked, and the verdict from their alignments
 * (verdict.h). */
#ifndef DOSSIER_RANK_H
#define DOSSIER_RANK_H

#include "align.h"

/* The score of passage p: its BM25 plus CONTEXT_WEIGHT of the best of its
 * neighbours' in the same paragraph, since a claim often leans on the
 * sentence before. bm25(self, q) gives passage q's BM25 (or a bound of it:
 * the score is then a bound too). */
#define CONTEXT_WEIGHT 0.25
typedef double (*bm25_fn)(void *self, size_t q);
HIDDEN double passage_score(const dossier_corpus *c, size_t p, bm25_fn bm25, void *self);

/* The local index's two walks (retrieve.c), which dossier_local_retriever()
 * chooses between by the corpus' size: MaxScore pruning, and every posting
 * of every term, which the pruned walk must equal bit for bit. */
HIDDEN const dossier_retriever *local_pruned_retriever(void);
HIDDEN const dossier_retriever *local_exhaustive_retriever(void);

#endif
