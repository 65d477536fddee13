/* corpus.h — the corpus as the core holds it (struct dossier_corpus): views
 * of the sections of its image (image.h, cache_layout.h), read in place
 * whether the image was just built or mapped from the cache, and the few
 * tables made at open that the public API hands out by pointer. */
#ifndef DOSSIER_CORPUS_H
#define DOSSIER_CORPUS_H

#include "config.h"
#include "image.h"
#include "text.h"
#include "util.h"

typedef struct pattern_set pattern_set;     /* pattern.h: the compiled regular-expression aliases */
typedef struct index_data index_data;       /* index.h: the passage index */
typedef struct related_cache related_cache; /* related.h: words related to a claim's */

/* The words of every article (SEC_WORD_*), for quotation checks: each word
 * of a body as the id of its folded form. */
typedef struct {
    keytab vocab; /* folded word -> word id */
    const uint64_t *offsets;
    const unsigned char *stream;
    size_t stream_len;
} word_index;

/* A bit per hash of the length and first and last byte of the aliases'
 * first words (a set bit may be another word's): most words of a text
 * start no alias, and a clear bit says so without hashing the word and
 * probing first_tab (a third of a scan's time). */
#define FIRST_FILTER_BITS 4096
static inline size_t first_filter_bit(const char *w, size_t n) {
    size_t h = (unsigned char)w[0] * 0x9e37u ^ (unsigned char)w[n - 1] * 0x85ebu ^ n * 0x27d5u;
    return (h ^ h >> 12) & (FIRST_FILTER_BITS - 1);
}

struct dossier_corpus {
    arena mem;
    char *dir;
    image img;
    dossier_cache_info info;
    const dossier_retriever *retriever; /* dossier_set_retriever; NULL = the local index */

    dossier_article *articles; /* made at open: pointers into the image */
    const article_rec *article_recs;
    size_t n_articles;

    const dossier_passage *passages;
    size_t n_passages;

    dossier_actor *actors; /* made at open: pointers into the image */
    size_t n_actors;

    const alias_rec *aliases;
    size_t n_aliases;
    const int32_t *alias_cands;
    size_t n_alias_cands;
    keytab alias_tab; /* folded alias -> alias */
    keytab first_tab; /* first folded word of any alias -> first_word_rec */
    uint64_t first_filter[FIRST_FILTER_BITS / 64]; /* first_filter_bit of each first word */
    unsigned max_alias_words;

    const char *actors_path; /* "dir/actors.yaml" */
    pattern_set *patterns;   /* NULL when no actor has any */

    const mention_range *mention_lists; /* per actor */
    const dossier_mention *mentions;
    size_t n_mentions;

    index_data *index;
    word_index words;

    corpus_config config;   /* dossier.yaml (config.c), or its copy in the cache */
    related_cache *related; /* related.c: filled lazily by queries, hence mutable */
    char **notices;         /* what loading skipped (dossier_notice_at), strings in the arena */
    size_t n_notices, cap_notices;

    /* batch.c: handles on this image (corpus_twin) a batch's threads used,
     * kept with their caches for the next batch; closed with the corpus */
    dossier_corpus *twins[DOSSIER_BATCH_MAX_THREADS];
    size_t n_twins;
};

/* Another handle on c's image for another thread (batch.c): the same
 * sections, read in place (c must outlive it), the same settings,
 * retriever and related-terms file, and caches of its own. */
HIDDEN dossier_status corpus_twin(const dossier_corpus *c, dossier_corpus **out,
                                  dossier_error *err);

/* The threads a batch runs when asked for 0 (batch.c): one per core the
 * process may run on, at most DOSSIER_BATCH_MAX_THREADS. */
HIDDEN unsigned batch_default_threads(void);

/* The candidates of a shared short form, bounds-checked (n = 0 if corrupt). */
HIDDEN const int32_t *alias_candidates(const dossier_corpus *c, const alias_rec *e, size_t *n);

/* config.c: dossier.yaml into c->config (the defaults when there is none). */
HIDDEN dossier_status load_config(dossier_corpus *c, dossier_error *err);
/* Records a notice for the user; DOSSIER_ERR_NOMEM when out of memory. */
HIDDEN dossier_status add_notice(dossier_corpus *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Whether passage o is in the same paragraph of the same article as p (an
 * indexed passage); false when o is past the last passage. Ranking reads a
 * passage's neighbours in it, alignment the sentences beside it. */
static inline int same_paragraph(const dossier_corpus *c, size_t p, size_t o) {
    return o < c->n_passages && c->passages[o].article == c->passages[p].article &&
           c->passages[o].paragraph == c->passages[p].paragraph;
}

/* Passage p's article index, or SIZE_MAX when p or its record is out of range. */
HIDDEN size_t passage_article(const dossier_corpus *c, size_t p);

/* What a first word of aliases holds (first_word_rec.value): the longest and
 * the shortest of them in words, and whether every one needs its second word
 * capitalised ("the North"), so a lower-case word after "the" is passed over
 * without a phrase lookup. */
#define FIRST_WORD(longest, shortest, cap2)                                                        \
    ((long)(longest) | ((long)(shortest) << 8) | ((long)(cap2) << 16))
#define FIRST_WORD_LONGEST(v) ((size_t)((v)&0xff))
#define FIRST_WORD_SHORTEST(v) ((size_t)(((v) >> 8) & 0xff))
#define FIRST_WORD_CAP2(v) ((int)(((v) >> 16) & 1))

#endif
