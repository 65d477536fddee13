/* wordnet.h — a reader of the WordNet 3.0 database (Debian's wordnet-base).
 *
 * The database is plain text, documented in wndb(5WN): per part of speech an
 * index file (one sorted line per lemma: its synsets, most frequent sense
 * first), a data file (one line per synset, found by its byte offset: its
 * words and its pointers to other synsets) and an exception list of
 * irregular forms (morphy(7WN)). The files are mapped read-only and searched
 * in place, so opening costs a few system calls and memory is the pages
 * touched. Every line is parsed within its bounds: a corrupt or truncated
 * line is skipped, never read past. Nothing here knows about corpora. */
#ifndef DOSSIER_WORDNET_H
#define DOSSIER_WORDNET_H

#include "util.h"

#include <stddef.h>
#include <stdint.h>

typedef enum { WN_NOUN = 0, WN_VERB, WN_ADJ, WN_ADV } wn_pos;
#define WN_NPOS 4

/* The files of one part of speech: index.POS, data.POS and POS.exc; then
 * cntlist.rev (how often each sense was seen in the semantic concordance),
 * optional like the exception lists. */
enum { WN_INDEX = 0, WN_DATA, WN_EXC, WN_FILES_PER_POS };
#define WN_COUNTS (WN_NPOS * WN_FILES_PER_POS)
#define WN_NFILES (WN_COUNTS + 1)

typedef struct {
    const char *data;
    size_t len;
} wn_file;

typedef struct wordnet wordnet;

/* Maps the thirteen files of directory `dir` (an exception list or
 * cntlist.rev may be missing). DOSSIER_ERR_IO naming the file when an index or data file is
 * missing or unreadable. */
HIDDEN dossier_status wn_open(const char *dir, wordnet **out, dossier_error *err);
/* The same over files already in memory (tests, fuzzing): files[pos *
 * WN_FILES_PER_POS + WN_INDEX etc.], not copied, kept until wn_close. */
HIDDEN dossier_status wn_open_buffers(const wn_file files[WN_NFILES], wordnet **out,
                                      dossier_error *err);
HIDDEN void wn_close(wordnet *wn);

/* What says that a database file is the same as before without reading it:
 * all zero when the file is absent. */
typedef struct {
    uint64_t size;
    int64_t mtime_ns;
    uint64_t inode, device;
} wn_file_stat;

/* The files wn_open would map from dir, as stat(2) sees them now (all
 * absent for NULL or ""): whatever was worked out from the database stands
 * while these are unchanged. Opens nothing. */
HIDDEN void wn_fingerprint(const char *dir, wn_file_stat out[WN_NFILES]);
/* Bytes of the database files (mapped, not necessarily resident). */
HIDDEN size_t wn_size(const wordnet *wn);

#define WN_MAX_LEMMA 64

/* Synset offsets of `lemma` (lower case, words joined by '_') in pos, most
 * frequent sense first; up to max are stored, the number of senses is
 * returned (0 when the lemma is not there). *tagged (may be NULL) gets how
 * many senses were seen in the semantic concordance. */
HIDDEN size_t wn_lookup(const wordnet *wn, wn_pos pos, const char *lemma, size_t n,
                        uint32_t *offsets, size_t max, unsigned *tagged);

typedef struct {
    const char *s; /* into the data file, case as entered, '_' between words */
    unsigned n;    /* without an adjective marker such as "(a)" */
} wn_word;

#define WN_MAX_WORDS 64
#define WN_LEX_COGNITION 31     /* lexnames(5WN): verb.cognition */
#define WN_LEX_COMMUNICATION 32 /* verb.communication */

typedef struct {
    wn_pos pos;
    uint32_t offset;
    char type;        /* n v a s r */
    unsigned lexfile; /* its lexicographer file (lexnames(5WN)): WN_LEX_* */
    unsigned n_words; /* at most WN_MAX_WORDS are kept */
    unsigned n_ptrs;
    const char *ptrs, *end; /* the pointer fields, for wn_next_pointer */
    const char *gloss;      /* the definition and examples after '|', into the data file */
    unsigned gloss_len;     /* 0 when the line has none */
    /* last: a read clears every field before it, not this kilobyte */
    wn_word words[WN_MAX_WORDS]; /* the first n_words are set */
} wn_synset;

/* Reads the synset at `offset` of pos. 0 when there is no such line or it
 * is malformed. */
HIDDEN int wn_read_synset(const wordnet *wn, wn_pos pos, uint32_t offset, wn_synset *out);

typedef struct {
    char sym[3]; /* "@", "~", "!", "+", "&", "\\", "@i", ... */
    wn_pos pos;
    uint32_t offset;
    unsigned src, dst; /* word numbers (1-based) of a lexical pointer; 0 for semantic */
} wn_pointer;

typedef struct {
    const char *at;
    unsigned left;
} wn_pointer_iter;

/* Iterates over the pointers of s: wn_pointers() then wn_next_pointer()
 * until it returns 0 (the end, or a malformed field). */
HIDDEN void wn_pointers(const wn_synset *s, wn_pointer_iter *it);
HIDDEN int wn_next_pointer(const wn_synset *s, wn_pointer_iter *it, wn_pointer *p);

/* How many kinds synset s (read from wn) has: its hyponym pointers ("~",
 * "~i"), counted as wn_next_pointer reads them; and how many more general
 * concepts (hypernym pointers, "@", "@i"). Counted once per synset and
 * remembered in wn (the walks ask again and again of general concepts with
 * hundreds of pointers), so wn is used by one thread at a time. A walk
 * that has met that many such pointers has met them all. */
HIDDEN unsigned wn_kinds(const wordnet *wn, const wn_synset *s);
HIDDEN unsigned wn_supers(const wordnet *wn, const wn_synset *s);

/* Base forms of `word` (lower case) in pos that the index knows: the word
 * itself, its exceptions (geese -> goose) and the detachment rules of
 * morphy(7WN) (-ies -> -y, -ed -> -e ...). Up to max forms of at most
 * WN_MAX_LEMMA - 1 bytes are written; returns how many. */
HIDDEN size_t wn_base_forms(const wordnet *wn, wn_pos pos, const char *word, size_t n,
                            char (*out)[WN_MAX_LEMMA], size_t max);

/* The irregular forms of base form `lemma` in pos that its exception list
 * gives (seek: sought; man: men; go: went, gone), the list read the other
 * way round: the forms a text may write a related word in, which no
 * stemmer brings back to it. Up to max are written; returns how many. The
 * list is sorted once, on first need (wn is used by one thread at a time). */
HIDDEN size_t wn_inflections(const wordnet *wn, wn_pos pos, const char *lemma, size_t n,
                             char (*out)[WN_MAX_LEMMA], size_t max);

/* How often the senses of `lemma` (lower case, '_' between words) were
 * seen in the semantic concordance (cntlist.rev: about 260,000 tagged
 * words of general English), over every part of speech: a measure of how
 * common, hence how light, a word is ("take" 732, "radio" 26, "ruble" 0).
 * per_pos (may be NULL) gets the count of each part of speech. 0 when the
 * list is missing or does not have the lemma. */
HIDDEN unsigned wn_tag_count(const wordnet *wn, const char *lemma, size_t n,
                             unsigned per_pos[WN_NPOS]);

#endif
