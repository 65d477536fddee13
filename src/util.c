/* util.c — errors, growable buffers, the load arena, files, hashing. */
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *dossier_status_name(dossier_status s) {
    switch (s) {
    case DOSSIER_OK:
        return "ok";
    case DOSSIER_ERR_ARG:
        return "argument";
    case DOSSIER_ERR_IO:
        return "io";
    case DOSSIER_ERR_PARSE:
        return "parse";
    case DOSSIER_ERR_INVALID:
        return "invalid";
    case DOSSIER_ERR_NOMEM:
        return "memory";
    case DOSSIER_ERR_NOTFOUND:
        return "not found";
    case DOSSIER_ERR_LIMIT:
        return "limit";
    case DOSSIER_ERR_CANCELLED:
        return "cancelled";
    }
    return "unknown";
}

dossier_status set_error(dossier_error *err, dossier_status s, const char *fmt, ...) {
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
        err->status = s;
    }
    return s;
}

dossier_status refuse(char *why, size_t size, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, size, fmt, ap);
    va_end(ap);
    return DOSSIER_ERR_INVALID;
}

void dossier_free(void *p) {
    free(p);
}

/* ------------------------------------------------------------ strbuf */

int sb_reserve(strbuf *b, size_t extra) {
    if (b->failed) return 0;
    if (extra > SIZE_MAX - b->len - 1) {
        b->failed = 1;
        return 0;
    }
    if (b->len + extra + 1 <= b->cap) return 1;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            b->failed = 1;
            return 0;
        }
        cap *= 2;
    }
    char *d = realloc(b->data, cap);
    if (!d) {
        b->failed = 1;
        return 0;
    }
    b->data = d;
    b->cap = cap;
    return 1;
}

void sb_append(strbuf *b, const char *s, size_t n) {
    if (!sb_reserve(b, n)) return;
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void sb_puts(strbuf *b, const char *s) {
    sb_append(b, s, strlen(s));
}

void sb_putc(strbuf *b, char ch) {
    sb_append(b, &ch, 1);
}

void sb_printf(strbuf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !sb_reserve(b, (size_t)n)) return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *sb_take(strbuf *b) {
    if (b->failed) {
        sb_free(b);
        return NULL;
    }
    if (!b->data) sb_reserve(b, 0);
    char *d = b->data;
    if (d) d[b->len] = '\0';
    b->data = NULL;
    b->len = b->cap = 0;
    return d;
}

void sb_free(strbuf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

int grow(void **arr, size_t *cap, size_t need, size_t size) {
    if (need <= *cap) return 1;
    size_t c = *cap ? *cap : 16;
    while (c < need) {
        if (c > SIZE_MAX / 2) return 0; /* doubling would wrap around */
        c *= 2;
    }
    if (c > SIZE_MAX / size) return 0;
    void *p = realloc(*arr, c * size);
    if (!p) return 0;
    *arr = p;
    *cap = c;
    return 1;
}

/* ------------------------------------------------------------ arena */

struct arena_block {
    arena_block *next;
    size_t used, cap;
    max_align_t data[];
};

void *arena_alloc(arena *a, size_t n) {
    n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    arena_block *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > 65536 ? n : 65536;
        b = malloc(sizeof *b + cap);
        if (!b) return NULL;
        b->next = a->head;
        b->used = 0;
        b->cap = cap;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n) {
    char *p = arena_alloc(a, n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s) {
    return arena_strndup(a, s, strlen(s));
}

void arena_absorb(arena *into, arena *from) {
    arena_block **tail = &into->head;
    while (*tail)
        tail = &(*tail)->next;
    *tail = from->head;
    from->head = NULL;
}

void arena_free(arena *a) {
    arena_block *b = a->head;
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

/* ------------------------------------------------------------ files */

/* Articles and gazetteers are text a person wrote; anything larger is refused
 * rather than read into the editor's memory. */
#define MAX_FILE_BYTES (64u * 1024u * 1024u)

dossier_status read_file(const char *path, char **data, size_t *len, dossier_error *err) {
    *data = NULL;
    *len = 0;
    struct stat st;
    if (stat(path, &st) != 0)
        return set_error(err, DOSSIER_ERR_IO, "%s: cannot read: %s", path, strerror(errno));
    if (!S_ISREG(st.st_mode)) return set_error(err, DOSSIER_ERR_IO, "%s: not a regular file", path);
    if ((unsigned long long)st.st_size > MAX_FILE_BYTES)
        return set_error(err, DOSSIER_ERR_LIMIT, "%s: file is larger than %u MB", path,
                         MAX_FILE_BYTES / (1024u * 1024u));
    FILE *f = fopen(path, "rb");
    if (!f) return set_error(err, DOSSIER_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    size_t cap = (size_t)st.st_size + 1;
    char *buf = malloc(cap);
    if (!buf) {
        fclose(f);
        return set_error(err, DOSSIER_ERR_NOMEM, "%s: out of memory", path);
    }
    size_t n = fread(buf, 1, cap - 1, f);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return set_error(err, DOSSIER_ERR_IO, "%s: read error", path);
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return DOSSIER_OK;
}

line_cursor line_cursor_start(const char *text) {
    return (line_cursor){text, 0, 1, 1};
}

void line_cursor_move(line_cursor *lc, size_t off) {
    if (off <= lc->at) return;
    /* memchr finds the line breaks: the bytes after the last one are the column */
    const char *p = lc->text + lc->at, *end = lc->text + off, *nl;
    while ((nl = memchr(p, '\n', (size_t)(end - p)))) {
        lc->line++;
        lc->col = 1;
        p = nl + 1;
    }
    lc->col += (unsigned)(end - p);
    lc->at = off;
}

void line_col(const char *text, size_t off, unsigned *line, unsigned *col) {
    line_cursor lc = line_cursor_start(text);
    line_cursor_move(&lc, off);
    *line = lc.line;
    *col = lc.col;
}

/* ------------------------------------------------------------ hashing */

uint64_t hash_bytes(const char *s, size_t n) {
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h ^ (h >> 29);
}

static int strmap_resize(strmap *m, size_t cap) {
    strmap n = {0};
    n.cap = cap;
    n.keys = calloc(cap, sizeof *n.keys);
    n.key_lens = calloc(cap, sizeof *n.key_lens);
    n.values = calloc(cap, sizeof *n.values);
    if (!n.keys || !n.key_lens || !n.values) {
        free(n.keys);
        free(n.key_lens);
        free(n.values);
        return 0;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i]) continue;
        size_t j = hash_bytes(m->keys[i], m->key_lens[i]) & (cap - 1);
        while (n.keys[j])
            j = (j + 1) & (cap - 1);
        n.keys[j] = m->keys[i];
        n.key_lens[j] = m->key_lens[i];
        n.values[j] = m->values[i];
    }
    n.n = m->n;
    free(m->keys);
    free(m->key_lens);
    free(m->values);
    *m = n;
    return 1;
}

int strmap_put(strmap *m, const char *key, size_t n, long value) {
    if ((m->n + 1) * 2 > m->cap && !strmap_resize(m, m->cap ? m->cap * 2 : 64)) return 0;
    size_t j = hash_bytes(key, n) & (m->cap - 1);
    while (m->keys[j]) {
        if (m->key_lens[j] == n && memcmp(m->keys[j], key, n) == 0) {
            m->values[j] = value;
            return 1;
        }
        j = (j + 1) & (m->cap - 1);
    }
    char *k = malloc(n + 1);
    if (!k) return 0;
    memcpy(k, key, n);
    k[n] = '\0';
    m->keys[j] = k;
    m->key_lens[j] = n;
    m->values[j] = value;
    m->n++;
    return 1;
}

long strmap_get(const strmap *m, const char *key, size_t n) {
    if (!m->cap) return -1;
    size_t j = hash_bytes(key, n) & (m->cap - 1);
    while (m->keys[j]) {
        if (m->key_lens[j] == n && memcmp(m->keys[j], key, n) == 0) return m->values[j];
        j = (j + 1) & (m->cap - 1);
    }
    return -1;
}

void strmap_free(strmap *m) {
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->key_lens);
    free(m->values);
    memset(m, 0, sizeof *m);
}
