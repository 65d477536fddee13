/* cache_layout.h — the sections of a corpus and the record of each.
 *
 * One list: the enum below, and in cache_layout.c the table giving each
 * section its name, version and record size, and the checks and views that
 * read it. doc/cache-format.md describes the same list for readers of the
 * file. Records are written in the machine's own byte order and layout; the
 * cache header says which (cache.h), and a cache from another machine is
 * rebuilt, never read.
 *
 * To add data (a new section): add its id before SEC_COUNT, its row in
 * cache_layout.c's table, write it in the build (build.c) and read it where
 * it is used; a cache written before has no such section and is rebuilt. */
#ifndef DOSSIER_CACHE_LAYOUT_H
#define DOSSIER_CACHE_LAYOUT_H

#include "dossier.h"

#include <stdint.h>

enum {
    /* the build and its sources */
    SEC_META,  /* cache_meta: counts and the corpus directory */
    SEC_FILES, /* file_rec per source file: articles in order, actors.yaml, dossier.yaml */
    /* the gazetteer (actors.yaml) */
    SEC_GAZ_STRINGS,      /* NUL-terminated strings of the gazetteer */
    SEC_ACTORS,           /* actor_rec per actor */
    SEC_ACTOR_ITEMS,      /* uint32: string of each list item (aliases, standins, ...) */
    SEC_ACTOR_ITEM_LINES, /* uint32: the line of each item in actors.yaml */
    SEC_ALIASES,          /* alias_rec: every folded surface form */
    SEC_ALIAS_CANDS,      /* int32: actors sharing a short form */
    SEC_ALIAS_SLOTS,      /* keytab slots: folded alias -> alias */
    SEC_FIRST_WORDS,      /* first_word_rec: first word of any alias -> longest alias */
    SEC_FIRST_SLOTS,      /* keytab slots over SEC_FIRST_WORDS */
    /* articles and passages */
    SEC_STRINGS,      /* NUL-terminated strings: front matter fields, file names, the directory */
    SEC_ARTICLES,     /* article_rec per article */
    SEC_TEXT,         /* article files, each followed by a NUL */
    SEC_PASSAGES,     /* dossier_passage per passage, in corpus order */
    SEC_AUTHORS,      /* author_rec: each article's authors, in order */
    SEC_KEYWORDS,     /* uint32: each article's keywords, strings in SEC_STRINGS */
    SEC_CONFIG,       /* config_rec: dossier.yaml's settings as the build read them */
    SEC_CONFIG_NAMES, /* uint32: dossier.yaml's lists (files, furniture phrases), in SEC_STRINGS */
    /* mentions */
    SEC_MENTION_LISTS, /* mention_range per actor */
    SEC_MENTIONS,      /* dossier_mention, grouped by actor, in corpus order within each */
    /* the passage index */
    SEC_TERM_STRINGS, /* NUL-terminated term names */
    SEC_TERMS,        /* term_rec per term id */
    SEC_TERM_SLOTS,   /* keytab slots: term -> term id */
    SEC_POSTINGS,     /* per term: varint (passage delta, tf) pairs */
    SEC_FWD_OFFSETS,  /* uint64 per passage + 1: where its forward list starts in SEC_FORWARD */
    SEC_FORWARD,      /* per prose passage: varint (term id delta, tf) pairs, ids increasing */
    SEC_NORMS,        /* double per passage: BM25's length normalisation (rank.h) */
    SEC_INDEXED,      /* byte per passage: 1 when indexed (prose, or a heading like a sentence) */
    SEC_LENGTHS,      /* uint32 per passage: its terms (BM25's length), for norms made again */
    /* the words of each article, for quotation checks */
    SEC_WORD_STRINGS, /* NUL-terminated folded words */
    SEC_WORDS,        /* key_ref per word id */
    SEC_WORD_SLOTS,   /* keytab slots: folded word -> word id */
    SEC_WORD_OFFSETS, /* uint64 per article + 1: where its words start in SEC_WORD_STREAM */
    SEC_WORD_STREAM,  /* per article: varint word id of each word of its body */
    /* a delta (delta.c): empty in a base cache */
    SEC_DELTA, /* delta_rec: the base it applies to */
    SEC_ORDER, /* int64 per article of the merged corpus: base article, or -1 - delta article */
    /* a merged corpus (delta.c), never in a file: the texts of the delta's
       articles, at text_off past SEC_TEXT's size (SEC_TEXT being the base's) */
    SEC_TEXT_MORE,
    SEC_COUNT
};

/* Files of the corpus directory the cache stands for. FILE_SKIPPED: an
 * *.md or *.txt file without front matter that dossier.yaml does not list,
 * not an article (a README): kept so that an open knows it unchanged. */
enum { FILE_ARTICLE = 0, FILE_ACTORS = 1, FILE_CONFIG = 2, FILE_SKIPPED = 3 };
enum {
    FILE_ABSENT = 1u << 0, /* the file did not exist (dossier.yaml is optional) */
    FILE_RACY = 1u << 1    /* modified within CACHE_RACY_NS of being read: its size and mtime
                              cannot prove it unchanged, its content hash is compared */
};

typedef struct {
    uint64_t n_docs;    /* passages indexed */
    uint64_t total_len; /* their terms, for BM25's average length */
    uint64_t built_ns;  /* when the build read its first file (CLOCK_REALTIME) */
    uint32_t max_alias_words;
    uint32_t dir_off; /* absolute corpus directory, in SEC_STRINGS */
} cache_meta;

typedef struct {
    uint32_t name_off; /* file name in SEC_STRINGS */
    uint32_t kind;     /* FILE_* */
    uint32_t flags;    /* FILE_ABSENT, FILE_RACY */
    uint32_t reserved;
    uint64_t size;
    int64_t mtime_ns;
    uint64_t hash; /* XXH3-64 of the content */
} file_rec;

/* The front matter fields of an article, in dossier_article's order. */
enum {
    AF_ID,
    AF_KEY,
    AF_TITLE,
    AF_PUBLISHER,
    AF_AUTHOR,
    AF_DATE,
    AF_DATE_NOTE,
    AF_LANGUAGE,
    AF_TYPE,
    AF_CONTAINER,
    AF_URL,
    AF_DOI,
    AF_COUNT
};

typedef struct {
    uint32_t field[AF_COUNT]; /* SEC_STRINGS */
    uint32_t name_off;        /* file name in SEC_STRINGS */
    uint64_t text_off;        /* SEC_TEXT: the file, then a NUL */
    uint64_t text_len;
    uint64_t body_start;
    uint64_t first_passage;
    uint64_t n_passages;
    uint64_t n_words;                    /* words of the body: entries of its word stream */
    uint32_t authors_first, n_authors;   /* SEC_AUTHORS */
    uint32_t keywords_first, n_keywords; /* SEC_KEYWORDS */
} article_rec;

typedef struct {
    uint32_t family, given, particle, suffix, literal; /* SEC_STRINGS */
    uint32_t family_first;
} author_rec;

/* config_rec.wordnet */
enum { CONFIG_WORDNET_UNSET = 0, CONFIG_WORDNET_OFF = 1, CONFIG_WORDNET_DIR = 2 };

typedef struct {
    uint32_t loaded;       /* the directory had a dossier.yaml */
    uint32_t furniture;    /* the furniture rules are on */
    uint32_t builtin;      /* the built-in furniture rules apply */
    uint32_t has_articles; /* dossier.yaml lists the articles */
    uint32_t wordnet;      /* CONFIG_WORDNET_* */
    uint32_t wordnet_off;  /* the directory, in SEC_STRINGS, for CONFIG_WORDNET_DIR */
    /* SEC_CONFIG_NAMES holds these lists one after the other, in this order */
    uint32_t n_articles, n_keywords, n_starts, n_prose;
} config_rec;

/* The lists of an actor, in dossier_actor's order. */
enum { AL_ALIASES, AL_STANDINS, AL_DEMONYMS, AL_SHORT, AL_SOURCES, AL_PATTERNS, AL_COUNT };

typedef struct {
    uint32_t id, name, role, note; /* SEC_GAZ_STRINGS */
    uint32_t kind;                 /* dossier_kind */
    uint32_t line;                 /* of its mapping in actors.yaml */
    uint32_t list_first[AL_COUNT]; /* SEC_ACTOR_ITEMS */
    uint32_t list_n[AL_COUNT];
} actor_rec;

typedef struct {
    uint32_t key_off, key_len; /* folded alias in SEC_GAZ_STRINGS (a key_ref) */
    int32_t actor;       /* actor index for a single-owner alias, -1 for a shared short form */
    uint32_t flags;      /* DOSSIER_MATCH_STANDIN / DEMONYM / SHORT */
    uint32_t ntok;       /* words in the alias */
    uint32_t line;       /* where it is first written in actors.yaml */
    uint32_t cand_first; /* SEC_ALIAS_CANDS: every actor claiming a short form */
    uint32_t n_cands;
    uint8_t acronym; /* only matches text written in capitals */
    uint8_t dotted;  /* an abbreviation ending in a period (U.S.): the span keeps it */
    uint8_t capital; /* one word written capitalised (Arch): only matches a capitalised word */
    uint8_t reserved;
    uint32_t capitals; /* a phrase made a name by its capitals ("the North"): bit k set when
                          word k must be capitalised in the text */
} alias_rec;

typedef struct {
    uint32_t key_off, key_len; /* folded word in SEC_GAZ_STRINGS */
    uint32_t value;            /* FIRST_WORD(longest, shortest, cap2) of corpus.h */
    uint32_t reserved;
} first_word_rec;

typedef struct {
    uint64_t first, n; /* SEC_MENTIONS */
} mention_range;

typedef struct {
    uint32_t key_off, key_len; /* SEC_TERM_STRINGS */
    uint32_t df;               /* passages that have the term */
    uint32_t reserved;
    uint64_t post_off, post_len; /* SEC_POSTINGS */
} term_rec;

/* The base cache a delta applies to: its checksum and size (cache header)
 * and its counts, so that a delta for another base is never merged. */
typedef struct {
    uint64_t base_checksum, base_size;
    uint64_t base_articles, base_passages;
} delta_rec;

/* Name, version and record size of section id (cache_layout.c). */
typedef struct {
    const char *name;
    uint32_t version;
    uint32_t record; /* bytes per record; 1 for byte arrays */
} section_kind;

extern const section_kind cache_sections[SEC_COUNT] __attribute__((visibility("hidden")));

#endif
