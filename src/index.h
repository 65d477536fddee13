/* index.h — the passage index built at open (index.c), and the terms it is
 * made of, which ranking (rank.c) makes the same way for a query.
 *
 * A term is an actor ("@north-korea", whatever alias the text used), a fact
 * ("#d9-13" for September 13, "#v5.4.6", see facts.h) or a folded, stemmed
 * word that is not a stop word. Prose passages are indexed, and headings
 * written as sentences ("A prosecutor says there is not enough evidence").
 *
 * For the verdict (align.c) the index also keeps every word of an indexed
 * passage in text order as a code: its term, or the actor or fact it
 * starts. */
#ifndef DOSSIER_INDEX_H
#define DOSSIER_INDEX_H

#include "corpus.h"
#include "facts.h"

struct sb_stemmer;

/* What a word of an indexed passage is (index_data.codes). */
#define CODE_NONE 0xFFFFFFFFu   /* a stop word, or a word outside indexed passages */
#define CODE_INSIDE 0xFFFFFFFEu /* a later word of an actor's name or of a fact */
#define CODE_ACTOR 0x40000000u  /* | actor index: the first word of an actor's name */
#define CODE_FACT 0x80000000u   /* | index into facts[article]: the first word of a fact */
#define CODE_TAG 0xC0000000u
#define CODE_DEMONYM 0x20000000u           /* with CODE_ACTOR: the name is a demonym (Russian) */
#define CODE_WORD(c) (((c)&CODE_TAG) == 0) /* a term id */
#define CODE_VALUE(c) ((c)&0x1FFFFFFFu)

/* What a word is to negation and names (index_data.flags, align.c's
 * text_flags): set once per word of an indexed passage at open. */
#define WF_CUE_STRONG 0x01u /* not, never, n't, failed, refused ... */
#define WF_CUE_WEAK 0x02u   /* without, lacking */
#define WF_NEG_STRONG 0x04u /* turned around by an odd number of strong cues */
#define WF_NEG_WEAK 0x08u   /* in a weak cue's scope */
#define WF_CLAUSE_NEG 0x10u /* its clause has a strong cue */
#define WF_NAME 0x20u       /* capitalised inside its sentence */
#define WF_BREAK 0x40u      /* a clause starts here (punctuation before, or but, while ...) */

/* special word map values */
#define SPECIAL_CUE_STRONG 1
#define SPECIAL_CUE_WEAK 2
#define SPECIAL_CLAUSE 4
#define SPECIAL_ONLY 8

struct index_data {
    struct sb_stemmer *stemmer;
    strmap stop;    /* folded stop word -> 1 */
    strmap special; /* folded word -> SPECIAL_* bits */
    /* per first letter a..z, the lengths (bits, < 32) of special's words: most
     * words are no special word at a glance, without hashing */
    uint32_t special_lengths[26];
    strmap vocab; /* term -> term id */
    char **names; /* term id -> term */
    size_t n_terms, names_cap;
    uint32_t *df;       /* term id -> passages that have it */
    size_t *post_start; /* postings: term -> (passage, tf), CSR */
    uint32_t *post_passage, *post_tf;
    size_t *fwd_start; /* forward lists: passage -> sorted term ids */
    uint32_t *fwd_term;
    uint32_t *plen;         /* terms per passage */
    double avglen;          /* over the indexed passages */
    size_t n_docs;          /* indexed passages */
    unsigned char *indexed; /* per passage: 1 when indexed */
    long *actor_term;       /* per actor: its term id, -1 when no indexed passage names it */
    uint32_t **codes;       /* per article, per word of body_words: CODE_* */
    uint8_t **flags;        /* per article, per word: WF_* (0 outside indexed passages) */
    fact_list *facts;       /* per article: the facts of its body (offsets in the body) */
    /* per article: the actors its title and authors name, sorted, and the
     * date it was published as a fact (kind 0 when unknown): what a
     * sentence of it may leave unsaid ("the summit" in an article titled
     * "A strategic summit for Russia and North Korea") */
    long **meta_actors;
    size_t *n_meta_actors;
    fact *published;
};

HIDDEN dossier_status build_index(dossier_corpus *c, dossier_error *err);
HIDDEN void free_index(index_data *ix, size_t n_articles);

/* Terms written one after the other, each NUL-terminated. */
typedef struct {
    strbuf buf;
    size_t n;
} termlist;

/* An actor's name in a text: byte range and actor index. */
typedef struct {
    size_t start, end;
    long actor;
    unsigned flags; /* DOSSIER_MATCH_* */
} actor_span;

/* The term of folded word w[0, n) into buf (NUL-terminated): its Snowball
 * stem, or the word itself when all digits; 0 for a stop word or a single
 * letter. stemmer may be any English stemmer (a query uses the index's). */
HIDDEN size_t word_term(const index_data *ix, struct sb_stemmer *stemmer, const char *w, size_t n,
                        char *buf, size_t cap);

/* The id of term s[0, n), or -1 when no passage has it. */
HIDDEN long index_term(const index_data *ix, const char *s, size_t n);

/* The WF_* flags of words [b, e) of t, a sentence or a claim (text: the
 * bytes t's offsets refer to), into flags[0, e - b) (align.c). */
HIDDEN void text_flags(const index_data *ix, const char *text, const token_list *t, size_t b,
                       size_t e, uint8_t *flags);

/* BM25's idf of a term in df of the indexed passages. */
HIDDEN double index_idf(const index_data *ix, size_t df);

/* The words of passage p: body_words[its article] indexes [*first, *end). */
HIDDEN void passage_words(const dossier_corpus *c, size_t p, size_t *first, size_t *end);

/* Whether article a's title or authors name actor `actor`. */
HIDDEN int article_names(const index_data *ix, size_t a, long actor);

/* Whether passage p has term `term`. */
HIDDEN int passage_has(const index_data *ix, size_t p, long term);

#endif
