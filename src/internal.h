/* internal.h — what the core's files share. Nothing here is exported. */
#ifndef DOSSIER_INTERNAL_H
#define DOSSIER_INTERNAL_H

#include "dossier.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define HIDDEN __attribute__((visibility("hidden")))

/* ------------------------------------------------------------ errors (util.c) */

/* Fills err (if not NULL) and returns s. */
HIDDEN dossier_status set_error(dossier_error *err, dossier_status s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ------------------------------------------------------------ growable buffer (util.c) */

typedef struct {
    char *data;
    size_t len, cap;
    int failed; /* an allocation failed; further appends are ignored */
} strbuf;

/* Room for `extra` more bytes and the NUL; 0 (and b->failed) when out of memory. */
HIDDEN int sb_reserve(strbuf *b, size_t extra);
HIDDEN void sb_append(strbuf *b, const char *s, size_t n);
HIDDEN void sb_puts(strbuf *b, const char *s);
HIDDEN void sb_printf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
HIDDEN void sb_putc(strbuf *b, char ch);
/* Hands the NUL-terminated contents to the caller (NULL if any allocation failed). */
HIDDEN char *sb_take(strbuf *b);
HIDDEN void sb_free(strbuf *b);

/* Grows *arr (element size `size`) so that it can hold `need` elements. */
HIDDEN int grow(void **arr, size_t *cap, size_t need, size_t size);

/* ------------------------------------------------------------ arena (util.c) */

/* Strings loaded with a corpus live in an arena freed in one go at close. */
typedef struct arena_block arena_block;
typedef struct {
    arena_block *head;
} arena;

HIDDEN void *arena_alloc(arena *a, size_t n);
HIDDEN char *arena_strndup(arena *a, const char *s, size_t n);
HIDDEN char *arena_strdup(arena *a, const char *s);
HIDDEN void arena_free(arena *a);

/* Reads a whole file; NUL-terminates. */
HIDDEN dossier_status read_file(const char *path, char **data, size_t *len, dossier_error *err);

/* 1-based line and byte column of offset `off` in text. */
HIDDEN void line_col(const char *text, size_t off, unsigned *line, unsigned *col);

/* ------------------------------------------------------------ hashing (util.c) */

HIDDEN uint64_t hash_bytes(const char *s, size_t n);

/* Open-addressing map from byte strings to a long value. Keys are copied. */
typedef struct {
    char **keys;
    size_t *key_lens;
    long *values;
    size_t cap, n;
} strmap;

HIDDEN int strmap_put(strmap *m, const char *key, size_t n, long value); /* 0 on OOM */
/* Value for key, or -1. */
HIDDEN long strmap_get(const strmap *m, const char *key, size_t n);
HIDDEN void strmap_free(strmap *m);

/* ------------------------------------------------------------ tokens (tokenize.c) */

/* A word of the text, folded for matching: lower case, diacritics removed. */
typedef struct {
    size_t start, end;    /* byte range in the original text */
    size_t fstart, flen;  /* range in the folded buffer */
    unsigned soft_before; /* only a space, one line break, a hyphen or apostrophe before it */
    unsigned upper;       /* every letter in the original was upper case */
} token;

/* Folded words of a text. folded holds the words separated by single spaces, so
 * the words i..j are the contiguous bytes folded[tok[i].fstart, tok[j].fstart+tok[j].flen). */
typedef struct {
    token *tok;
    size_t n, cap;
    char *folded;
    size_t flen, fcap;
} token_list;

HIDDEN dossier_status tokenize(const char *text, size_t len, token_list *out);
HIDDEN void token_list_free(token_list *t);

/* Decodes one UTF-8 character at s[i] (i < len); returns the code point, or
 * 0xFFFD for an invalid byte, and stores its byte length in *n (>= 1). */
HIDDEN uint32_t utf8_decode(const char *s, size_t len, size_t i, size_t *n);
/* Appends the folded form of code point cp (lower case, no diacritics). */
HIDDEN void fold_codepoint(uint32_t cp, strbuf *out);
/* 1 for letters and digits (any script), 0 otherwise. */
HIDDEN int is_word_char(uint32_t cp);

/* ------------------------------------------------------------ corpus internals */

typedef struct {
    char *key;        /* folded alias, words separated by single spaces */
    long actor;       /* actor index for a single-owner alias */
    unsigned flags;   /* DOSSIER_MATCH_STANDIN / DEMONYM / SHORT */
    unsigned ntok;    /* words in the alias */
    unsigned acronym; /* only matches text written in capitals */
    unsigned dotted;  /* an abbreviation ending in a period (U.S.): the span keeps it */
    long *cands;      /* for shared short forms: every actor claiming it */
    size_t n_cands;
    unsigned line; /* where it is first written in actors.yaml */
} alias_entry;

/* The compiled regular-expression aliases (pattern.c). */
typedef struct pattern_set pattern_set;

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

typedef struct index_data index_data; /* lexicon.c: NULL-terminated lists */
extern HIDDEN const char *const dossier_stopwords[];
extern HIDDEN const char *const dossier_synonyms[];

/* index.c */

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
    strmap first_words; /* first folded word of any alias -> longest alias in words */
    unsigned max_alias_words;

    const char *actors_path; /* "dir/actors.yaml" as opened */
    actor_src *actor_src;    /* per actor: its lines in actors.yaml */
    pattern_set *patterns;   /* NULL when no actor has any */

    token_list *body_words; /* per article: the words of its text after the front matter */
    mention_list *mentions; /* per actor */
    index_data *index;
};

/* ------------------------------------------------------------ YAML (yaml.c) */

#include <yaml.h>

/* A parsed YAML document that remembers its file for error messages. */
typedef struct {
    yaml_document_t doc;
    const char *file;
    unsigned line_offset; /* lines before the YAML text in the file (front matter) */
    int loaded;
} ydoc;

HIDDEN dossier_status ydoc_load(ydoc *d, const char *file, const char *text, size_t len,
                                unsigned line_offset, dossier_error *err);
HIDDEN void ydoc_free(ydoc *d);
HIDDEN yaml_node_t *ydoc_root(ydoc *d);
HIDDEN yaml_node_t *ydoc_node(ydoc *d, int index);
/* "file:line:col: message" pointing at node n. */
HIDDEN dossier_status ydoc_error(ydoc *d, const yaml_node_t *n, dossier_error *err,
                                 dossier_status s, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* DOSSIER_OK unless n carries a custom tag (!!python/object and the like). */
HIDDEN dossier_status ydoc_check_tag(ydoc *d, const yaml_node_t *n, const char *what,
                                     dossier_error *err);
/* The scalar's text, or NULL (with err set) when n is not a plain string scalar. */
HIDDEN const char *ydoc_string(ydoc *d, const yaml_node_t *n, const char *what, dossier_error *err);

/* Loaders: article.c and actors.c. */
HIDDEN dossier_status load_articles(dossier_corpus *c, dossier_error *err);
HIDDEN dossier_status load_actors(dossier_corpus *c, const char *path, dossier_error *err);
HIDDEN dossier_status build_alias_table(dossier_corpus *c, dossier_error *err);
/* pattern.c. pattern_add compiles pattern src of actor `actor` (at `line`
 * of actors.yaml) into *set, made on first use. A pattern refused is
 * DOSSIER_ERR_INVALID with why[] saying why ("does not compile: ..."); else
 * DOSSIER_OK or DOSSIER_ERR_NOMEM. src must live as long as the set. */
HIDDEN dossier_status pattern_add(pattern_set **set, long actor, const char *src, unsigned line,
                                  char *why, size_t why_size);
HIDDEN void pattern_set_free(pattern_set *set);
/* Adds the matches of c's patterns to out (whose spans are the alias
 * matches, in order) where they overlap none of them. A pattern that hits a
 * limit is left out when skip_limits is set; otherwise the scan fails with
 * DOSSIER_ERR_LIMIT and a message naming the actor and the pattern. */
HIDDEN dossier_status pattern_scan(const dossier_corpus *c, const char *text, size_t len,
                                   dossier_matches *out, int skip_limits, dossier_error *err);
/* Words of each article body, kept for the mention scan and quotation checks. */
HIDDEN dossier_status tokenize_articles(dossier_corpus *c, dossier_error *err);

/* segment.c: splits [start,end) of text into sentences; appends to *out. */
HIDDEN dossier_status segment_text(const char *text, size_t len, size_t body_start,
                                   dossier_range **out, size_t *n, size_t *cap);

/* scan.c. scan_tokens: the alias matches plus the pattern matches; a pattern
 * that hits its match limit is left out (it returns only DOSSIER_ERR_NOMEM).
 * scan_text: the same, but such a pattern fails with DOSSIER_ERR_LIMIT and a
 * message naming the actor and the pattern (err may be NULL). */
HIDDEN dossier_status scan_tokens(const dossier_corpus *c, const char *text, size_t len,
                                  const token_list *t, dossier_matches *out);
HIDDEN dossier_status scan_text(const dossier_corpus *c, const char *text, size_t len,
                                const token_list *t, dossier_matches *out, dossier_error *err);
HIDDEN dossier_status collect_mentions(dossier_corpus *c, dossier_error *err);

/* lexicon.c: NULL-terminated lists */
extern HIDDEN const char *const dossier_stopwords[];
extern HIDDEN const char *const dossier_synonyms[];

/* index.c */
HIDDEN dossier_status build_index(dossier_corpus *c, dossier_error *err);
HIDDEN void free_index(index_data *ix);

#endif
