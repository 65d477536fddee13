/* index.h — the passage index (index.c): made while a corpus is built,
 * read in place from its sections (the term table, postings and forward
 * lists) once open, and the terms it is made of, which ranking (rank.c)
 * makes the same way for a claim.
 *
 * A term is an actor ("@north-korea", whatever alias the text used), a fact
 * ("#d9-13" for September 13, "#v5.4.6", see facts.h) or a folded, stemmed
 * word that is not a stop word. Prose passages are indexed, and headings
 * written as sentences ("A prosecutor says there is not enough evidence").
 *
 * For the verdict (align.c) the index also gives, per article and only for
 * the articles a claim's candidates come from, its words in text order and
 * each word's code (its term, or the actor or fact it starts) and flags:
 * made on first use (article_words_of) from the article's text in the
 * image, so a cached open maps the index and makes nothing per article. */
#ifndef DOSSIER_INDEX_H
#define DOSSIER_INDEX_H

#include "corpus.h"
#include "facts.h"

struct sb_stemmer;

#define BM25_K1 1.2
#define BM25_B 0.75

/* BM25's average length and a passage's length normalisation: one
 * definition for a build and a delta's merge, so both make the same bits. */
static inline double bm25_avglen(uint64_t total_len, uint64_t n_docs) {
    return n_docs ? (double)total_len / (double)n_docs : 1.0;
}
static inline double bm25_norm(uint32_t len, double avglen) {
    return BM25_K1 * (1.0 - BM25_B + BM25_B * len / avglen);
}

/* What a word of an indexed passage is (article_words.codes). */
#define CODE_NONE 0xFFFFFFFFu   /* a stop word, or a word outside indexed passages */
#define CODE_INSIDE 0xFFFFFFFEu /* a later word of an actor's name or of a fact */
#define CODE_ACTOR 0x40000000u  /* | actor index: the first word of an actor's name */
#define CODE_FACT 0x80000000u   /* | index into article_words.facts: the first word of a fact */
#define CODE_TAG 0xC0000000u
#define CODE_DEMONYM 0x20000000u           /* with CODE_ACTOR: the name is a demonym (Russian) */
#define CODE_WORD(c) (((c)&CODE_TAG) == 0) /* a term id */
#define CODE_VALUE(c) ((c)&0x1FFFFFFFu)

/* What a word is to negation and names (article_words.flags, align.c's
 * text_flags): set for each word of an indexed passage. */
#define WF_CUE_STRONG 0x01u /* not, never, n't, failed, refused ... */
#define WF_CUE_WEAK 0x02u   /* without, lacking */
#define WF_NEG_STRONG 0x04u /* turned around by an odd number of strong cues */
#define WF_NEG_WEAK 0x08u   /* in a weak cue's scope */
#define WF_CLAUSE_NEG 0x10u /* its clause has a strong cue */
#define WF_NAME 0x20u       /* capitalised inside its sentence, or an acronym */
#define WF_BREAK 0x40u      /* a clause starts here (punctuation before, or but, while ...) */
#define WF_POSSIBLE 0x80u   /* could, may, seek, plan ... (dossier_possibility_words) */

/* What the verdict asks of an article's word for every claim it is set
 * against, worked out once per article (article_words.marks, align.c's
 * word_marks). WM_UNCERTAIN: the words of the expression of uncertainty it starts, to
 * the article's end (uncertainty_at), WM_UNCERTAIN itself for that many or
 * more; WM_PARTICLE: the next word, one space on, is a particle
 * (related_particle); WM_EVENT: a word of an event's name (in_event_name);
 * WM_POSSIBLE: a possibility's word before it in its passage (possible_at);
 * WM_UNSURE: in two passages' words (a damaged cache), WM_POSSIBLE unset. */
#define WM_UNCERTAIN 0x07u
#define WM_PARTICLE 0x08u
#define WM_EVENT 0x10u
#define WM_POSSIBLE 0x20u
#define WM_UNSURE 0x40u

/* special word map values */
#define SPECIAL_CUE_STRONG 1
#define SPECIAL_CUE_WEAK 2
#define SPECIAL_CLAUSE 4
#define SPECIAL_ONLY 8
#define SPECIAL_POSSIBLE 16

/* What the verdict reads of one article, made on its first use. Everything
 * per article that is not kept in the image belongs here, so that it is made
 * for the few articles a query looks at, never for the whole corpus. */
typedef struct {
    uint64_t last_use; /* when a query last asked for it (index_data.uses) */
    size_t bytes;      /* what it holds */
    token_list t;      /* the words of its body (after the front matter) */
    fact_list facts;   /* the facts of its body (offsets in the body) */
    uint32_t *codes;   /* per word of t: CODE_* */
    uint8_t *flags;    /* per word: WF_* (0 outside indexed passages) */
    uint8_t *marks;    /* per word: WM_* */
    /* per passage of the article (from its first): its words [word_first, word_end) */
    size_t first_passage, n_passages;
    size_t *word_first, *word_end;
    /* the words that start an actor's name (CODE_ACTOR), in order, and per
     * passage the first of them at or after its first word */
    size_t *actor_words, n_actor_words;
    size_t *passage_actors;
    /* the actors its title and authors name, sorted, and the date it was
     * published as a fact (kind 0 when unknown): what a sentence of it may
     * leave unsaid ("the summit" in an article titled "A strategic summit
     * for Russia and North Korea") */
    long *meta_actors;
    size_t n_meta_actors;
    fact published;
} article_words;

/* A query's partial BM25 per passage (retrieve.c), kept by the index
 * between queries so that a query touches only the passages its terms
 * reach: acc is all zeros between queries, touched lists the passages the
 * query reached. Allocated on the first query. term_peak, per term id, is
 * the largest tf / (tf + norm) of its postings once a query walked them all
 * (0 until then): what bounds the term's share of a passage's BM25. */
typedef struct {
    double *acc;
    size_t *touched;
    size_t n_touched;
    double *term_peak;
    /* passages' exact BM25 in this query (retrieve.c's exact_bm25), valid
     * where exact_at[p] is the query's stamp */
    double *exact;
    uint32_t *exact_at, stamp;
    size_t queries, pruned; /* queries, and those that left terms unwalked */
} bm25_scratch;

/* Stems worked out by word_stem, per handle: the same words are stemmed
 * for every claim and every passage set against it. Bounded: emptied when
 * it holds STEM_MEMO_MAX words. */
#define STEM_MEMO_MAX 65536
typedef struct {
    strmap words; /* folded word -> index into v */
    strbuf stems; /* the stems, one after the other */
    struct stem_entry {
        size_t off, len; /* its stem: stems.data[off, off + len) */
        long term;       /* index_term of the stem, -1 for none */
    } * v;
    size_t n, cap;
} stem_memo;

struct index_data {
    /* how words become terms: made at open from lexicon.c */
    struct sb_stemmer *stemmer;
    /* the same algorithm for ISO-8859-1 text: the same stems for an ASCII
     * word, sooner (word_term uses it for those when asked for stemmer) */
    struct sb_stemmer *ascii_stemmer;
    strmap stop;    /* folded stop word -> 1 */
    strmap special; /* folded word -> SPECIAL_* bits */
    /* per first letter a..z, the lengths (bits, < 32) of special's words: most
     * words are no special word at a glance, without hashing */
    uint32_t special_lengths[26];
    /* the sections */
    keytab vocab; /* term -> term id */
    const term_rec *terms;
    size_t n_terms;
    const unsigned char *postings;
    size_t postings_len;
    const uint64_t *fwd_off; /* n_passages + 1 of them */
    const unsigned char *forward;
    size_t forward_len;
    const double *norms;          /* BM25's length normalisation per passage */
    const unsigned char *indexed; /* per passage: 1 when indexed */
    double avglen;                /* over the indexed passages */
    size_t n_docs;                /* indexed passages */
    long *actor_term;             /* per actor: its term id, -1 when no indexed passage names it */
    /* made on first use, per article (article_words_of): NULL until then,
     * and again once dropped to keep them within ARTICLE_WORDS_BUDGET */
    article_words **articles;
    size_t n_articles;
    size_t *resident; /* the articles made and kept */
    size_t n_resident, resident_bytes;
    uint64_t uses;
    strmap word_terms;    /* folded word -> its term id (or none), as those articles looked it up */
    stem_memo stems;      /* word_stem's */
    bm25_scratch scratch; /* retrieve.c's, kept from query to query */
};

/* The lexicon alone (stemmer, stop words, special words), for a build. */
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
    unsigned flags; /* DOSSIER_MATCH_* */
} actor_span;

/* The term of folded word w[0, n) into buf (NUL-terminated): its Snowball
 * stem, or the word itself when all digits; 0 for a stop word or a single
 * letter. stemmer may be any English stemmer (a query uses the index's). */
HIDDEN size_t word_term(const index_data *ix, struct sb_stemmer *stemmer, const char *w, size_t n,
                        char *buf, size_t cap);

/* word_term(ix, ix->stemmer, w, n, buf, cap), remembered (ix->stems; the
 * corpus is used by one thread at a time); *term: the stem's index_term. */
HIDDEN size_t word_stem(index_data *ix, const char *w, size_t n, char *buf, size_t cap, long *term);

/* The id of term s[0, n), or -1 when no passage has it. */
HIDDEN long index_term(const index_data *ix, const char *s, size_t n);
/* Term id's name ("" for an id out of range). */
HIDDEN const char *term_name(const index_data *ix, long id);
/* Passages that have term id (0 for an id out of range). */
HIDDEN size_t term_df(const index_data *ix, long id);

/* The WF_* flags of words [b, e) of t, a sentence or a claim (text: the
 * bytes t's offsets refer to), into flags[0, e - b) (align.c). */
HIDDEN void text_flags(const index_data *ix, const char *text, const token_list *t, size_t b,
                       size_t e, uint8_t *flags);

/* The WM_* marks of every word of aw, its words and codes made (align.c). */
HIDDEN void word_marks(const dossier_corpus *c, const article_words *aw, uint8_t *marks);

/* BM25's idf of a term in df of the indexed passages. */
HIDDEN double index_idf(const index_data *ix, size_t df);

/* Article a's words, facts, codes and flags, made on the first call (the
 * corpus is used by one thread at a time); NULL when out of memory. Those
 * used last are kept, up to ARTICLE_WORDS_BUDGET bytes (about 3,000 news
 * articles of 1,800 words): the least recently used
 * are dropped for a new one, so a pointer is valid until the next call. */
#define ARTICLE_WORDS_BUDGET ((size_t)256 << 20)
HIDDEN const article_words *article_words_of(const dossier_corpus *c, size_t a);

/* The words of passage p: aw's words (of p's article) [*first, *end). */
HIDDEN void passage_words(const dossier_corpus *c, const article_words *aw, size_t p, size_t *first,
                          size_t *end);

/* Whether the title or authors of aw's article name actor `actor`. */
HIDDEN int article_meta_names(const article_words *aw, long actor);

/* Whether passage p has term `term`. */
HIDDEN int passage_has(const index_data *ix, size_t p, long term);

/* Passage p's forward list (p < the corpus's passages): passage_term_next
 * gives its terms and their tf, ids increasing; 0 at the end (or at a
 * corrupt entry: bad). Empty for a passage that is not indexed. */
typedef struct {
    const unsigned char *at, *end;
    uint64_t term;
    int bad; /* a list out of its section, or a corrupt entry */
} fwd_iter;

HIDDEN fwd_iter passage_terms(const index_data *ix, size_t p);
HIDDEN int passage_term_next(const index_data *ix, fwd_iter *it, uint32_t *term, uint32_t *tf);

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
/* Up to max postings at once (fewer only at the end): how many. */
HIDDEN size_t posting_batch(posting_iter *it, size_t *passages, uint32_t *tfs, size_t max);

#endif
