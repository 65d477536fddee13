/* corpus.h — the corpus as the core holds it (struct dossier_corpus), and
 * the loaders dossier_open runs in turn (article.c, actors.c). */
#ifndef DOSSIER_CORPUS_H
#define DOSSIER_CORPUS_H

#include "config.h"
#include "text.h"
#include "util.h"

typedef struct {
    char *key;         /* folded alias, words separated by single spaces */
    long actor;        /* actor index for a single-owner alias */
    unsigned flags;    /* DOSSIER_MATCH_STANDIN / DEMONYM / SHORT */
    unsigned ntok;     /* words in the alias */
    unsigned acronym;  /* only matches text written in capitals */
    unsigned capital;  /* one word written capitalised: only matches a capitalised word */
    unsigned dotted;   /* an abbreviation ending in a period (U.S.): the span keeps it */
    unsigned capitals; /* a phrase made a name by its capitals ("the North"): bit k set
                          when word k must be capitalised in the text; 0 for other aliases */
    long *cands;       /* for shared short forms: every actor claiming it */
    size_t n_cands;
    unsigned line; /* where it is first written in actors.yaml */
} alias_entry;

/* Where each actor's parts are written in actors.yaml, for error messages. */
typedef struct {
    unsigned line;                 /* the actor's mapping */
    unsigned name_line;            /* its 'name' */
    const unsigned *list_lines[4]; /* each item of aliases, standins, demonyms, short */
} actor_src;

typedef struct {
    dossier_mention *items;
    size_t n, cap;
} mention_list;

typedef struct pattern_set pattern_set;     /* pattern.h: the compiled regular-expression aliases */
typedef struct index_data index_data;       /* index.h: the passage index */
typedef struct related_cache related_cache; /* related.h: words related to a claim's */

struct dossier_corpus {
    arena mem;
    char *dir;

    dossier_article *articles;
    size_t n_articles;

    dossier_passage *passages;
    size_t n_passages;

    dossier_actor *actors;
    size_t n_actors;

    alias_entry *aliases;
    size_t n_aliases;
    strmap alias_map;   /* folded alias -> index into aliases */
    strmap first_words; /* first folded word of any alias -> FIRST_WORD(...) below */
    unsigned max_alias_words;

    const char *actors_path; /* "dir/actors.yaml" as opened */
    actor_src *actor_src;    /* per actor: its lines in actors.yaml */
    pattern_set *patterns;   /* NULL when no actor has any */

    token_list *body_words; /* per article: the words of its text after the front matter */
    mention_list *mentions; /* per actor */
    index_data *index;
    double *bm25_norm; /* rank.c: per passage, BM25's length normalisation */

    corpus_config config;   /* dossier.yaml (config.c) */
    related_cache *related; /* related.c: filled lazily by queries, hence mutable */
    char **notices;         /* what loading skipped (dossier_notice_at), strings in the arena */
    size_t n_notices, cap_notices;
};

/* config.c: dossier.yaml into c->config (the defaults when there is none). */
HIDDEN dossier_status load_config(dossier_corpus *c, dossier_error *err);
/* Records a notice for the user; DOSSIER_ERR_NOMEM when out of memory. */
HIDDEN dossier_status add_notice(dossier_corpus *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* article.c: every article of c->dir, with its passages; then the words of
 * each article body, kept for the mention scan and quotation checks. */
HIDDEN dossier_status load_articles(dossier_corpus *c, dossier_error *err);
HIDDEN dossier_status tokenize_articles(dossier_corpus *c, dossier_error *err);

/* What first_words holds for a word that starts aliases: the longest and the
 * shortest of them in words, and whether every one needs its second word
 * capitalised ("the North"), so a lower-case word after "the" is passed over
 * without a phrase lookup. */
#define FIRST_WORD(longest, shortest, cap2)                                                        \
    ((long)(longest) | ((long)(shortest) << 8) | ((long)(cap2) << 16))
#define FIRST_WORD_LONGEST(v) ((size_t)((v)&0xff))
#define FIRST_WORD_SHORTEST(v) ((size_t)(((v) >> 8) & 0xff))
#define FIRST_WORD_CAP2(v) ((int)(((v) >> 16) & 1))

/* actors.c: the gazetteer at path (none there: no actor, and a notice), then
 * the alias table the scanner uses. */
HIDDEN dossier_status load_actors(dossier_corpus *c, const char *path, dossier_error *err);
HIDDEN dossier_status build_alias_table(dossier_corpus *c, dossier_error *err);

#endif
