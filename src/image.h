/* image.h — a corpus as a set of sections (image.c).
 *
 * Everything an open corpus reads — articles, passages, the gazetteer, the
 * mentions, the index — lives in typed arrays called sections, listed in
 * cache_layout.h. A build makes them on the heap; the cache (cache.c) writes
 * them to a file and maps them back, and the corpus reads them in place
 * either way, so a cached open and a fresh build run the same code on the
 * same bytes. Offsets and lengths stored in sections are data from a file:
 * every reader checks them before use (varint decoders stop at the end of
 * their section; keytab lookups check each slot and key).
 *
 * Also here, because several sections use them: the hash table stored in a
 * section (keytab) and the variable-length integers of the postings,
 * forward lists and word streams. */
#ifndef DOSSIER_IMAGE_H
#define DOSSIER_IMAGE_H

#include "cache_layout.h"
#include "util.h"

/* One section as the corpus reads it. */
typedef struct {
    const unsigned char *data;
    uint64_t size;  /* bytes */
    uint64_t count; /* records: size / the section's record size */
} section;

/* The sections of one corpus and who owns their bytes: a build's heap
 * buffers (owned), a mapped cache file (map), or both while a build reuses
 * the sections of the cache it updates. */
typedef struct {
    section s[SEC_COUNT];
    strbuf owned[SEC_COUNT];
    void *map;
    size_t map_len;
    uint64_t checksum; /* of the cache file it was mapped from or written to (0: none); of a
                          base's and its delta's together for their merge (corpus.c) */
    /* a merged corpus's sections point into its base cache's mapping too
       (delta.c): it owns that mapping once the base corpus is closed */
    void *base_map;
    size_t base_map_len;
} image;

/* Appends one record or n bytes to section id of a build. */
HIDDEN void image_put(image *im, int id, const void *rec, size_t n);
/* The owned buffers become the sections (their counts from the record sizes). */
HIDDEN void image_seal(image *im);
/* Copies into owned buffers the sections that point elsewhere (another
 * image's map), so this image outlives that one; 0 when out of memory. */
HIDDEN int image_own(image *im);
/* 1 when some append ran out of memory. */
HIDDEN int image_failed(const image *im);
/* Frees owned buffers and unmaps the file. */
HIDDEN void image_free(image *im);

/* Typed views of a section, NULL when it is empty. */
#define SEC_AS(im, id, type) ((const type *)(const void *)(im)->s[id].data)

/* ------------------------------------------------------------ keytab */

/* A hash table stored in a section: slots of entry index + 1 (0 = empty), a
 * power of two of them, probed linearly from hash_bytes(key). Each entry of
 * the entries section starts with a key_ref into a string pool. */
typedef struct {
    uint32_t off, len;
} key_ref;

typedef struct {
    const uint32_t *slots;
    size_t cap;
    const unsigned char *entries;
    size_t stride, n;
    const char *pool;
    size_t pool_len;
} keytab;

/* The table over sections slots, entries (records of `stride` bytes) and
 * pool; an empty table when slots is not a power of two. */
HIDDEN keytab keytab_view(const section *slots, const section *entries, size_t stride,
                          const section *pool);
/* 1 when every entry's key lies in the pool, NUL-terminated: what a view
 * checks before its table is copied into a new build's. */
HIDDEN int keytab_keys_valid(const keytab *t);
/* Entry index of key[0, n), or -1. Never reads outside the sections. */
HIDDEN long keytab_find(const keytab *t, const char *key, size_t n);
/* Writes the slots of a table over entries[0, n) (keys in pool) into
 * section id of im; 0 when out of memory. */
HIDDEN int keytab_build(image *im, int id, const unsigned char *entries, size_t stride, size_t n,
                        const char *pool);
/* The key of entry i, NUL-terminated in its pool, or "" when out of bounds. */
HIDDEN const char *keytab_key(const keytab *t, size_t i, size_t *len);

/* ------------------------------------------------------------ vocabularies */

/* Strings numbered by first sight while a build runs, their bytes appended
 * to a pool section. A build that updates a cache starts from the cache's
 * vocabulary (old: its table and pool), so ids stored in unchanged articles
 * stay valid; new strings are numbered after. */
typedef struct {
    image *im;
    int pool;
    keytab old;
    strmap fresh;
    key_ref *keys; /* every string's place in the pool, by id */
    size_t n, cap;
} vocab_build;

/* Starts v; old may be NULL. 0 when out of memory. */
HIDDEN int vocab_start(vocab_build *v, image *im, int pool, const keytab *old,
                       const section *old_pool);
/* The id of s[0, n); -2 when out of memory. */
HIDDEN long vocab_intern(vocab_build *v, const char *s, size_t n);
HIDDEN void vocab_free(vocab_build *v);

/* ------------------------------------------------------------ varints */

/* LEB128: 7 bits a byte, low first, high bit = more. */
HIDDEN void varint_put(strbuf *b, uint64_t v);
/* Reads one varint at *p (< end); 0 at the end or on a malformed one.
 * Inline: postings decode millions of them a query at 500,000 passages. */
static inline int varint_get(const unsigned char **p, const unsigned char *end, uint64_t *v) {
    uint64_t x = 0;
    for (unsigned shift = 0; *p < end && shift < 64; shift += 7) {
        unsigned char byte = *(*p)++;
        x |= (uint64_t)(byte & 0x7f) << shift;
        if (!(byte & 0x80)) {
            *v = x;
            return 1;
        }
    }
    return 0;
}

#endif
