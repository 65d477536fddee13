/* index.h — the passage index (index.c): made while a corpus is built,
 * read in place from its sections (the term table, postings and forward
 * lists) once open, and the terms it is made of, which ranking (rank.c)
 * makes the same way for a query.
 *
 * A term is an actor ("@north-korea", whatever alias the text used), a
 * synonym group ("~missile") or a folded, stemmed word that is not a stop
 * word. Only prose passages are indexed. */
#ifndef DOSSIER_INDEX_H
#define DOSSIER_INDEX_H

#include "corpus.h"

struct sb_stemmer;

#define BM25_K1 1.2
#define BM25_B 0.75

struct index_data {
    /* how words become terms: made at open from lexicon.c */
    struct sb_stemmer *stemmer;
    strmap stop;    /* folded stop word -> 1 */
    strmap concept; /* stem or word -> synonym group */
    /* the sections */
    keytab vocab; /* term -> term id */
    const term_rec *terms;
    size_t n_terms;
    const unsigned char *postings;
    size_t postings_len;
    const uint64_t *fwd_off; /* n_passages + 1 of them */
    const unsigned char *forward;
    size_t forward_len;
    const double *norms; /* BM25's length normalisation per passage */
    double avglen;       /* over the indexed passages */
    size_t n_docs;       /* indexed passages */
};

/* The lexicon alone (stemmer, stop words, synonym groups), for a build. */
HIDDEN index_data *index_new(dossier_error *err);
/* Views the index sections of c->img into c->index (made by index_new). */
HIDDEN dossier_status index_view(dossier_corpus *c, dossier_error *err);
HIDDEN void free_index(index_data *ix);

/* Terms written one after the other, each NUL-terminated. */
typedef struct {
    strbuf buf;
    size_t n;
} termlist;

/* An actor's name in a text: byte range and actor index. */
typedef struct {
    size_t start, end;
    long actor;
} actor_span;

/* Appends the terms of the words t of a text whose actor spans (in order,
 * same offsets) are given: an actor's words give its one term. */
HIDDEN void text_terms(index_data *ix, const dossier_corpus *c, const token_list *t,
                       const actor_span *spans, size_t ns, termlist *out);

/* The id of term s[0, n), or -1 when no passage has it. */
HIDDEN long index_term(const index_data *ix, const char *s, size_t n);
/* Passages that have term id (0 for an id out of range). */
HIDDEN size_t term_df(const index_data *ix, long id);

/* Whether passage p has term `term`. */
HIDDEN int passage_has(const index_data *ix, size_t p, long term);

/* A term's postings, in passage order: posting_next gives the next
 * passage and tf, 0 at the end (or at a corrupt entry). */
typedef struct {
    const unsigned char *at, *end;
    uint64_t passage;
    size_t n_passages;
    int started;
} posting_iter;

HIDDEN posting_iter postings_of(const index_data *ix, long id, size_t n_passages);
HIDDEN int posting_next(posting_iter *it, size_t *passage, uint32_t *tf);

#endif
