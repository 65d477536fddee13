/* fuzz.h — what the libFuzzer targets share.
 *
 * The loaders read files by path. The targets are linked with
 * -Wl,--wrap=read_file, so the core's reads of one chosen path get the fuzz
 * input from memory while the directory around it (tests/fuzz/fixture) is
 * real: dossier_open runs unchanged, with no file written per input. */
#ifndef DOSSIER_FUZZ_H
#define DOSSIER_FUZZ_H

#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FUZZ_SRCDIR
#define FUZZ_SRCDIR "."
#endif

/* A documented guarantee broken: a finding like any crash. */
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);           \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* A malloc'd copy of the input, aligned as a mapping of it would be (the
 * file readers take 8-byte aligned bytes); NULL when out of memory. */
static inline unsigned char *fuzz_copy(const uint8_t *data, size_t size) {
    unsigned char *bytes = malloc(size ? size : 1);
    if (bytes && size) memcpy(bytes, data, size);
    return bytes;
}

/* The repository's top directory: $DOSSIER_SRCDIR, else where it was built. */
static inline const char *fuzz_srcdir(void) {
    const char *d = getenv("DOSSIER_SRCDIR");
    return d && *d ? d : FUZZ_SRCDIR;
}

/* The loader targets serve a file from memory behind a real file's name: a
 * cache keyed by that file's size and mtime would answer for it without
 * reading the input. So no target uses the cache unless it asks
 * (fuzz_cache does, through its options). */
__attribute__((constructor)) static void fuzz_no_cache(void) {
    setenv("DOSSIER_CACHE", "off", 1);
}

/* The path whose reads are served from memory, and what they return. */
static char fuzz_vpath[4096];
static const uint8_t *fuzz_vdata;
static size_t fuzz_vlen;

static inline void fuzz_virtual_file(const char *dir, const char *name) {
    snprintf(fuzz_vpath, sizeof fuzz_vpath, "%s/%s", dir, name);
}

dossier_status __real_read_file(const char *path, char **data, size_t *len, dossier_error *err);
dossier_status __wrap_read_file(const char *path, char **data, size_t *len, dossier_error *err);

dossier_status __wrap_read_file(const char *path, char **data, size_t *len, dossier_error *err) {
    if (strcmp(path, fuzz_vpath) != 0) return __real_read_file(path, data, len, err);
    /* like read_file: a malloc'd copy with a NUL after it */
    char *buf = malloc(fuzz_vlen + 1);
    if (!buf) return set_error(err, DOSSIER_ERR_NOMEM, "%s: out of memory", path);
    if (fuzz_vlen) memcpy(buf, fuzz_vdata, fuzz_vlen);
    buf[fuzz_vlen] = '\0';
    *data = buf;
    *len = fuzz_vlen;
    return DOSSIER_OK;
}

/* The default corpus, opened once per process for the text targets. */
static inline dossier_corpus *fuzz_default_corpus(void) {
    static dossier_corpus *c;
    if (c) return c;
    char dir[4096];
    const char *env = getenv("DOSSIER_FUZZ_CORPUS");
    if (env && *env)
        snprintf(dir, sizeof dir, "%s", env);
    else
        snprintf(dir, sizeof dir, "%s/corpus", fuzz_srcdir());
    dossier_error err;
    if (dossier_open(dir, &c, &err)) {
        fprintf(stderr, "fuzz: cannot open the corpus: %s\n", err.message);
        exit(2);
    }
    return c;
}

/* The text a span or range covers must be within the input and in order. */
static inline void fuzz_check_ranges(const dossier_range *r, size_t n, size_t len) {
    size_t prev_end = 0, prev_para = 0;
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK(r[i].start <= r[i].end && r[i].end <= len);
        FUZZ_CHECK(r[i].start >= prev_end);
        FUZZ_CHECK(r[i].paragraph >= prev_para);
        FUZZ_CHECK(r[i].kind <= DOSSIER_HEADING);
        prev_end = r[i].end;
        prev_para = r[i].paragraph;
    }
}

static inline void fuzz_check_matches(const dossier_corpus *c, const dossier_matches *m,
                                      size_t len) {
    size_t prev_end = 0;
    for (size_t i = 0; i < m->n; i++) {
        const dossier_span *s = &m->spans[i];
        FUZZ_CHECK(s->start < s->end && s->end <= len);
        FUZZ_CHECK(s->start >= prev_end);
        prev_end = s->end;
        if (s->actor >= 0) {
            FUZZ_CHECK((size_t)s->actor < dossier_actor_count(c));
        } else {
            FUZZ_CHECK(s->flags & DOSSIER_MATCH_AMBIGUOUS);
            FUZZ_CHECK(s->n_cand > 0 && s->cand_start + s->n_cand <= m->n_candidates);
            for (size_t k = 0; k < s->n_cand; k++)
                FUZZ_CHECK(m->candidates[s->cand_start + k] >= 0 &&
                           (size_t)m->candidates[s->cand_start + k] < dossier_actor_count(c));
        }
    }
}

#endif
