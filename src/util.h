/* util.h — what every part of the core uses: errors, growable buffers, the
 * load arena, files, line and column counting, hashing and the string map
 * (util.c). Nothing here is exported. */
#ifndef DOSSIER_UTIL_H
#define DOSSIER_UTIL_H

#include "dossier.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define HIDDEN __attribute__((visibility("hidden")))

/* ------------------------------------------------------------ ASCII */

/* Byte classes of ASCII alone, whatever the C locale says (ctype's would
 * take a UTF-8 byte of a letter for one in some locales). */
static inline int is_digit(int c) {
    return c >= '0' && c <= '9';
}

static inline int is_alpha(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* ------------------------------------------------------------ errors */

/* Writes why[0, size) from fmt and returns DOSSIER_ERR_INVALID: for checks
 * whose caller puts the reason into its own message. */
HIDDEN dossier_status refuse(char *why, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Fills err (if not NULL) and returns s. */
HIDDEN dossier_status set_error(dossier_error *err, dossier_status s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ------------------------------------------------------------ growable buffer */

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

/* ------------------------------------------------------------ arena */

/* Strings loaded with a corpus live in an arena freed in one go at close. */
typedef struct arena_block arena_block;
typedef struct {
    arena_block *head;
} arena;

HIDDEN void *arena_alloc(arena *a, size_t n);
HIDDEN char *arena_strndup(arena *a, const char *s, size_t n);
HIDDEN char *arena_strdup(arena *a, const char *s);
HIDDEN void arena_free(arena *a);
/* Moves every block of from into `into` (which then frees them). */
HIDDEN void arena_absorb(arena *into, arena *from);

/* ------------------------------------------------------------ files and positions */

/* Reads a whole file; NUL-terminates. */
HIDDEN dossier_status read_file(const char *path, char **data, size_t *len, dossier_error *err);

/* 1-based line and byte column of offset `off` in text. */
HIDDEN void line_col(const char *text, size_t off, unsigned *line, unsigned *col);

/* Line and column of offsets visited in increasing order, each step costing
 * only the bytes between: how the loaders number passages and mentions. */
typedef struct {
    const char *text;
    size_t at;          /* the offset line and col describe */
    unsigned line, col; /* 1-based */
} line_cursor;

HIDDEN line_cursor line_cursor_start(const char *text);
/* Moves the cursor forward to offset off; an offset behind it leaves it where it is. */
HIDDEN void line_cursor_move(line_cursor *lc, size_t off);

/* ------------------------------------------------------------ hashing */

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

#endif
