/* relfile.h — the related-terms file beside the cache (relfile.c): what
 * related.c worked out for claim words, kept for the next process.
 *
 * `<cache>.related` (doc/cache-format.md): a 128-byte header (magic, byte
 * order, format, size, XXH3-64 checksum, the identity of what the entries
 * stand on: the corpus image, the WordNet database, the build of the core),
 * then entries, each 8-byte aligned: a 16-byte record (terms, key length,
 * kind, value, general weight), the key, padding, the terms. Every byte is
 * checked before use: a file that fails any check is refused whole. */
#ifndef DOSSIER_RELFILE_H
#define DOSSIER_RELFILE_H

#include "related.h"

typedef enum {
    RELF_SET = 1,   /* a related_set (related_terms, related_verb_terms, related_phrase) */
    RELF_VERB,      /* related_verb's answer: value 0, 1 or 2 */
    RELF_REPORTING, /* related_reporting's answer: value 0 or 1 */
} relf_kind;

#define RELF_MAX_KEY 256          /* bytes of a key: related.c's are shorter */
#define RELF_MAX_BYTES (8u << 20) /* a file past this takes no more entries */

/* What the entries stand on: a file made for other ones is not read. */
typedef struct {
    uint64_t image;   /* the corpus image's identity (image.checksum) */
    uint64_t wordnet; /* relf_wordnet_id of the database directory */
} relf_key;

typedef struct {
    relf_kind kind;
    const char *key;
    size_t key_len;
    int value;                 /* RELF_VERB, RELF_REPORTING */
    double general;            /* RELF_SET: related_set.general */
    const related_term *terms; /* RELF_SET: sorted by term, into the file's bytes */
    size_t n_terms;
} relf_entry;

/* The identity of the WordNet database in dir ("" for none): the directory
 * and its files' size, mtime and inode (wn_fingerprint). */
HIDDEN uint64_t relf_wordnet_id(const char *dir);

/* Checks data[0, len) (8-byte aligned) whole: header, checksum, key, every
 * entry within bounds, terms sorted and below n_terms (the index's), kinds
 * and values in range. Then calls each(ctx, entry) for every entry, in
 * order, and stops when it returns nonzero. DOSSIER_ERR_INVALID with why[]
 * when a check fails (each not called then). */
HIDDEN dossier_status relf_read(const unsigned char *data, size_t len, const relf_key *key,
                                size_t n_terms, int (*each)(void *ctx, const relf_entry *e),
                                void *ctx, char *why, size_t why_size);

/* The file at path mapped read-only (*map, *len) and checked as relf_read
 * checks it, then each called. DOSSIER_ERR_NOTFOUND when there is none;
 * DOSSIER_ERR_INVALID with why[] (nothing mapped) when it fails a check. */
HIDDEN dossier_status relf_map(const char *path, const relf_key *key, size_t n_terms,
                               int (*each)(void *ctx, const relf_entry *e), void *ctx, void **map,
                               size_t *len, char *why, size_t why_size);
HIDDEN void relf_unmap(void *map, size_t len);

/* Makes the header of the file data[0, len) name key, this build and its
 * length, and its checksum match: the fuzzer changes bytes, then seals
 * them, so that the checks behind the checksum are reached. */
HIDDEN void relf_seal(unsigned char *data, size_t len, const relf_key *key);

/* A file made in memory: relf_begin, relf_put for each entry (0 when out
 * of memory or past RELF_MAX_BYTES: not put), relf_write (the header's
 * count, size and checksum filled, then written to path as
 * cache_write_bytes writes; DOSSIER_ERR_NOMEM or _IO with why[]). */
typedef struct {
    strbuf b;
    uint32_t n;
} relf_writer;

HIDDEN void relf_begin(relf_writer *w, const relf_key *key);
HIDDEN int relf_put(relf_writer *w, const relf_entry *e);
HIDDEN dossier_status relf_write(relf_writer *w, const char *path, char *why, size_t why_size);

#endif
