/* relfile.c — the related-terms file beside the cache (see relfile.h).
 *
 * The entries are in the corpus' term ids, so they hold for one cache image
 * only; they come from one WordNet database and one build of the core's
 * rules. The header names all three, and the file is read only when they
 * are this process's. It is checked whole before any entry is used (one
 * pass over a few hundred kilobytes): a torn, truncated, corrupt or foreign
 * file is refused, and the caller works its entries out again. */
#include "relfile.h"
#include "cache.h"
#include "wordnet.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAGIC "DOSSIERR"
#define FORMAT 1
#define BYTE_ORDER_MARK 0x01020304u

typedef struct {
    char magic[8];
    uint32_t byte_order, format;
    uint64_t file_size;
    uint64_t checksum; /* XXH3-64 of the file with this field zero */
    uint64_t image, wordnet;
    uint32_t n_entries, reserved;
    char build[64]; /* cache_build_id(), NUL-padded */
    char pad[8];
} relf_header;

typedef struct {
    uint32_t n_terms;
    uint16_t key_len;
    uint8_t kind, value;
    double general;
} relf_rec;

_Static_assert(sizeof(relf_header) == 128, "the header is 128 bytes");
_Static_assert(sizeof(relf_rec) == 16, "an entry's record is 16 bytes");
_Static_assert(sizeof(related_term) == 8, "a related term is 8 bytes");

static size_t pad8(size_t n) {
    return (n + 7) & ~(size_t)7;
}

uint64_t relf_wordnet_id(const char *dir) {
    struct {
        wn_file_stat f[WN_NFILES];
        uint64_t dir_hash;
    } id;
    memset(&id, 0, sizeof id);
    wn_fingerprint(dir, id.f);
    id.dir_hash = content_hash(dir ? dir : "", dir ? strlen(dir) : 0);
    return content_hash(&id, sizeof id);
}

static uint64_t checksum_of(const unsigned char *data, size_t len) {
    unsigned char head[sizeof(relf_header)];
    memcpy(head, data, sizeof head);
    memset(head + offsetof(relf_header, checksum), 0, sizeof(uint64_t));
    uint64_t parts[2] = {content_hash(head, sizeof head),
                         content_hash(data + sizeof head, len - sizeof head)};
    return content_hash(parts, sizeof parts);
}

static void header_of(relf_header *h, const relf_key *key) {
    memset(h, 0, sizeof *h);
    memcpy(h->magic, MAGIC, sizeof h->magic);
    h->byte_order = BYTE_ORDER_MARK;
    h->format = FORMAT;
    h->image = key->image;
    h->wordnet = key->wordnet;
    strncpy(h->build, cache_build_id(), sizeof h->build - 1);
}

/* One entry at data[at, len): its record checked and *e filled; the offset
 * past it, 0 when it does not check. */
static size_t entry_at(const unsigned char *data, size_t len, size_t at, size_t n_terms,
                       relf_entry *e) {
    relf_rec r;
    if (len - at < sizeof r) return 0;
    memcpy(&r, data + at, sizeof r);
    at += sizeof r;
    if (r.key_len == 0 || r.key_len > RELF_MAX_KEY || len - at < r.key_len) return 0;
    e->kind = (relf_kind)r.kind;
    e->key = (const char *)data + at;
    e->key_len = r.key_len;
    e->value = r.value;
    e->general = r.general;
    e->terms = NULL;
    e->n_terms = r.n_terms;
    at += pad8(r.key_len);
    if (at > len) return 0;
    switch (r.kind) {
    case RELF_VERB:
        return r.n_terms == 0 && r.value <= 2 ? at : 0;
    case RELF_REPORTING:
        return r.n_terms == 0 && r.value <= 1 ? at : 0;
    case RELF_SET:
        break;
    default:
        return 0;
    }
    /* general: lex_general_weight's (0, 1] */
    if (r.value || !(r.general > 0 && r.general <= 1) || r.n_terms > (len - at) / 8) return 0;
    const related_term *t = (const related_term *)(const void *)(data + at);
    for (size_t k = 0; k < r.n_terms; k++)
        if (t[k].term >= n_terms || (k && t[k].term <= t[k - 1].term) || t[k].rel < REL_SAME ||
            t[k].rel > REL_ANTONYM || t[k].strength > 1000)
            return 0;
    e->terms = r.n_terms ? t : NULL;
    return at + (size_t)r.n_terms * sizeof *t;
}

dossier_status relf_read(const unsigned char *data, size_t len, const relf_key *key, size_t n_terms,
                         int (*each)(void *ctx, const relf_entry *e), void *ctx, char *why,
                         size_t why_size) {
    relf_header h, want;
    if (len < sizeof h) return refuse(why, why_size, "truncated (%zu bytes)", len);
    if ((uintptr_t)data % 8) return refuse(why, why_size, "not aligned in memory");
    memcpy(&h, data, sizeof h);
    header_of(&want, key);
    if (memcmp(h.magic, MAGIC, sizeof h.magic) != 0)
        return refuse(why, why_size, "not a Dossier related-terms file");
    if (h.byte_order != BYTE_ORDER_MARK || h.format != FORMAT ||
        memcmp(h.build, want.build, sizeof h.build) != 0)
        return refuse(why, why_size, "written by another build of Dossier");
    if (h.file_size != len) return refuse(why, why_size, "truncated or padded");
    if (checksum_of(data, len) != h.checksum)
        return refuse(why, why_size, "its checksum does not match its content");
    if (h.image != want.image) return refuse(why, why_size, "made for another cache of the corpus");
    if (h.wordnet != want.wordnet) return refuse(why, why_size, "made with another WordNet");
    relf_entry e;
    size_t at = sizeof h;
    for (uint32_t i = 0; i < h.n_entries; i++)
        if (!(at = entry_at(data, len, at, n_terms, &e)))
            return refuse(why, why_size, "entry %u is corrupt", (unsigned)i);
    if (at != len) return refuse(why, why_size, "bytes after its last entry");
    at = sizeof h;
    for (uint32_t i = 0; i < h.n_entries; i++) {
        at = entry_at(data, len, at, n_terms, &e);
        if (each(ctx, &e)) break;
    }
    return DOSSIER_OK;
}

dossier_status relf_map(const char *path, const relf_key *key, size_t n_terms,
                        int (*each)(void *ctx, const relf_entry *e), void *ctx, void **map,
                        size_t *len, char *why, size_t why_size) {
    *map = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? DOSSIER_ERR_NOTFOUND
                               : refuse(why, why_size, "%s", strerror(errno));
    struct stat st;
    const char *bad = fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ? "not a regular file"
                      : st.st_size < (off_t)sizeof(relf_header)   ? "truncated"
                      : st.st_size > (off_t)RELF_MAX_BYTES + RELF_MAX_BYTES / 8 ? "too large"
                                                                                : NULL;
    if (bad) {
        close(fd);
        return refuse(why, why_size, "%s", bad);
    }
    size_t n = (size_t)st.st_size;
    void *m = mmap(NULL, n, PROT_READ, MAP_SHARED, fd, 0);
    close(fd);
    if (m == MAP_FAILED) return refuse(why, why_size, "cannot map: %s", strerror(errno));
    dossier_status s = relf_read(m, n, key, n_terms, each, ctx, why, why_size);
    if (s) {
        munmap(m, n);
        return s;
    }
    *map = m;
    *len = n;
    return DOSSIER_OK;
}

void relf_unmap(void *map, size_t len) {
    if (map) munmap(map, len);
}

void relf_seal(unsigned char *data, size_t len, const relf_key *key) {
    relf_header h, want;
    if (len < sizeof h) return;
    memcpy(&h, data, sizeof h);
    header_of(&want, key);
    memcpy(h.build, want.build, sizeof h.build);
    h.image = want.image;
    h.wordnet = want.wordnet;
    h.file_size = len;
    memcpy(data, &h, sizeof h);
    uint64_t sum = checksum_of(data, len);
    memcpy(data + offsetof(relf_header, checksum), &sum, sizeof sum);
}

void relf_begin(relf_writer *w, const relf_key *key) {
    relf_header h;
    header_of(&h, key);
    memset(w, 0, sizeof *w);
    sb_append(&w->b, (const char *)&h, sizeof h);
}

int relf_put(relf_writer *w, const relf_entry *e) {
    static const char zeros[8];
    size_t terms = e->kind == RELF_SET ? e->n_terms : 0;
    size_t need = sizeof(relf_rec) + pad8(e->key_len) + terms * sizeof(related_term);
    if (e->key_len == 0 || e->key_len > RELF_MAX_KEY || w->b.len + need > RELF_MAX_BYTES ||
        w->b.failed || !sb_reserve(&w->b, need))
        return 0;
    relf_rec r = {(uint32_t)terms, (uint16_t)e->key_len, (uint8_t)e->kind,
                  (uint8_t)(e->kind == RELF_SET ? 0 : e->value),
                  e->kind == RELF_SET ? e->general : 0};
    sb_append(&w->b, (const char *)&r, sizeof r);
    sb_append(&w->b, e->key, e->key_len);
    sb_append(&w->b, zeros, pad8(e->key_len) - e->key_len);
    if (terms) sb_append(&w->b, (const char *)e->terms, terms * sizeof(related_term));
    w->n++;
    return 1;
}

dossier_status relf_write(relf_writer *w, const char *path, char *why, size_t why_size) {
    if (w->b.failed || w->b.len < sizeof(relf_header))
        return refuse(why, why_size, "out of memory");
    unsigned char *d = (unsigned char *)w->b.data;
    uint64_t size = w->b.len, zero = 0;
    memcpy(d + offsetof(relf_header, n_entries), &w->n, sizeof w->n);
    memcpy(d + offsetof(relf_header, file_size), &size, sizeof size);
    memcpy(d + offsetof(relf_header, checksum), &zero, sizeof zero);
    uint64_t sum = checksum_of(d, w->b.len);
    memcpy(d + offsetof(relf_header, checksum), &sum, sizeof sum);
    return cache_write_bytes(path, d, w->b.len, why, why_size);
}
