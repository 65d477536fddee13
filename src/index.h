/* index.h — the passage index built at open (index.c), and the terms it is
 * made of, which ranking (rank.c) makes the same way for a query.
 *
 * A term is an actor ("@north-korea", whatever alias the text used), a
 * synonym group ("~missile") or a folded, stemmed word that is not a stop
 * word. Only prose passages are indexed. */
#ifndef DOSSIER_INDEX_H
#define DOSSIER_INDEX_H

#include "corpus.h"

struct sb_stemmer;

struct index_data {
    struct sb_stemmer *stemmer;
    strmap stop;    /* folded stop word -> 1 */
    strmap concept; /* stem or word -> synonym group */
    strmap vocab;   /* term -> term id */
    char **names;   /* term id -> term */
    size_t n_terms, names_cap;
    uint32_t *df;       /* term id -> passages that have it */
    size_t *post_start; /* postings: term -> (passage, tf), CSR */
    uint32_t *post_passage, *post_tf;
    size_t *fwd_start; /* forward lists: passage -> sorted term ids */
    uint32_t *fwd_term;
    uint32_t *plen; /* terms per passage */
    double avglen;  /* over the indexed passages */
    size_t n_docs;  /* indexed passages */
};

HIDDEN dossier_status build_index(dossier_corpus *c, dossier_error *err);
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

/* Whether passage p has term `term`. */
HIDDEN int passage_has(const index_data *ix, size_t p, long term);

#endif
