/* wordnet.c — the WordNet database read in place (see wordnet.h).
 *
 * Index and exception files are sorted byte-wise on their first field, so a
 * lemma is found by binary search over the mapped bytes: about 17 probes in
 * index.noun's 117,000 lines. A data line is found by its byte offset. The
 * header lines (two spaces, a number, the licence) sort before every lemma. */
#define _GNU_SOURCE /* memrchr */
#include "wordnet.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* The kinds and more general concepts of each synset counted so far
 * (wn_kinds, wn_supers), by part of speech and offset: open addressing, key
 * 0 free. */
typedef struct {
    unsigned kinds, supers;
} synset_counts;

typedef struct {
    uint64_t *keys; /* (pos << 32 | offset) + 1 */
    synset_counts *counts;
    size_t cap, n;
} kinds_memo;

/* An exception list turned around (wn_inflections): its lines' pairs,
 * sorted by base form, pointing into the mapped file. */
typedef struct {
    const char *base, *form;
    unsigned base_len, form_len;
} exc_pair;

typedef struct {
    exc_pair *v;
    size_t n;
    int made; /* 1 once sorted: v may be NULL when the list is empty or memory ran out */
} exc_index;

struct wordnet {
    wn_file f[WN_NFILES];
    int mapped[WN_NFILES];  /* 1: munmap at close */
    kinds_memo *memo;       /* a pointer: filled in through a const wordnet */
    exc_index *inflections; /* WN_NPOS of them, made on first need, through a const wordnet */
};

static const char *const pos_names[WN_NPOS] = {"noun", "verb", "adj", "adv"};

/* ------------------------------------------------------------ opening */

static dossier_status map_file(const char *path, wn_file *f, int *mapped, int optional,
                               dossier_error *err) {
    f->data = NULL;
    f->len = 0;
    *mapped = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (optional && errno == ENOENT) return DOSSIER_OK;
        return set_error(err, DOSSIER_ERR_IO, "%s: %s", path, strerror(errno));
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return set_error(err, DOSSIER_ERR_IO, "%s: not a regular file", path);
    }
    if (st.st_size > 0) {
        void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            close(fd);
            return set_error(err, DOSSIER_ERR_IO, "%s: %s", path, strerror(errno));
        }
        f->data = p;
        f->len = (size_t)st.st_size;
        *mapped = 1;
    }
    close(fd);
    return DOSSIER_OK;
}

static wordnet *wn_new(void) {
    wordnet *wn = calloc(1, sizeof *wn);
    if (wn && (!(wn->memo = calloc(1, sizeof *wn->memo)) ||
               !(wn->inflections = calloc(WN_NPOS, sizeof *wn->inflections)))) {
        free(wn->memo);
        free(wn);
        return NULL;
    }
    return wn;
}

/* The path of file i (pos * WN_FILES_PER_POS + WN_INDEX etc., or
 * WN_COUNTS) of the database in dir. */
static void file_path(const char *dir, int i, char *path, size_t size) {
    int p = i / WN_FILES_PER_POS, k = i % WN_FILES_PER_POS;
    if (i == WN_COUNTS)
        snprintf(path, size, "%s/cntlist.rev", dir);
    else if (k == WN_EXC)
        snprintf(path, size, "%s/%s.exc", dir, pos_names[p]);
    else
        snprintf(path, size, "%s/%s.%s", dir, k == WN_INDEX ? "index" : "data", pos_names[p]);
}

dossier_status wn_open(const char *dir, wordnet **out, dossier_error *err) {
    *out = NULL;
    if (!dir || !*dir) return set_error(err, DOSSIER_ERR_ARG, "wordnet: no directory given");
    wordnet *wn = wn_new();
    if (!wn) return set_error(err, DOSSIER_ERR_NOMEM, "wordnet: out of memory");
    char path[4096];
    for (int i = 0; i < WN_NFILES; i++) {
        file_path(dir, i, path, sizeof path);
        int optional = i == WN_COUNTS || i % WN_FILES_PER_POS == WN_EXC;
        dossier_status s = map_file(path, &wn->f[i], &wn->mapped[i], optional, err);
        if (s) {
            wn_close(wn);
            return s;
        }
    }
    *out = wn;
    return DOSSIER_OK;
}

void wn_fingerprint(const char *dir, wn_file_stat out[WN_NFILES]) {
    char path[4096];
    memset(out, 0, WN_NFILES * sizeof *out);
    for (int i = 0; dir && *dir && i < WN_NFILES; i++) {
        struct stat st;
        file_path(dir, i, path, sizeof path);
        if (stat(path, &st) != 0) continue; /* all zero: absent */
        out[i].size = (uint64_t)st.st_size;
        out[i].mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
        out[i].inode = (uint64_t)st.st_ino;
        out[i].device = (uint64_t)st.st_dev;
    }
}

dossier_status wn_open_buffers(const wn_file files[WN_NFILES], wordnet **out, dossier_error *err) {
    *out = NULL;
    wordnet *wn = wn_new();
    if (!wn) return set_error(err, DOSSIER_ERR_NOMEM, "wordnet: out of memory");
    for (int i = 0; i < WN_NFILES; i++)
        wn->f[i] = files[i];
    *out = wn;
    return DOSSIER_OK;
}

void wn_close(wordnet *wn) {
    if (!wn) return;
    for (int i = 0; i < WN_NFILES; i++)
        if (wn->mapped[i]) munmap((void *)wn->f[i].data, wn->f[i].len);
    for (int p = 0; wn->inflections && p < WN_NPOS; p++)
        free(wn->inflections[p].v);
    free(wn->inflections);
    if (wn->memo) {
        free(wn->memo->keys);
        free(wn->memo->counts);
        free(wn->memo);
    }
    free(wn);
}

size_t wn_size(const wordnet *wn) {
    size_t n = 0;
    for (int i = 0; wn && i < WN_NFILES; i++)
        n += wn->f[i].len;
    return n;
}

/* ------------------------------------------------------------ sorted line files */

/* The line of f whose first field is key, or NULL. *end gets its end. A
 * probe compares the line's first bytes with key before it looks for the
 * line's end, which only a match or a step past the line needs. */
static const char *find_line(const wn_file *f, const char *key, size_t klen, const char **end) {
    const char *d = f->data;
    size_t lo = 0, hi = f->len;
    if (!d || klen == 0) return NULL;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *pl = memrchr(d + lo, '\n', mid - lo); /* the line holding mid starts after it */
        size_t ls = pl ? (size_t)(pl - d) + 1 : lo;
        size_t i = 0; /* bytes of the line's first field equal to key's */
        int cmp;
        if (d[ls] == ' ') {
            cmp = -1; /* a header line: before every lemma */
        } else {
            /* the field ends at a space, a newline or hi, whatever key has */
            while (i < klen && ls + i < hi && d[ls + i] != ' ' && d[ls + i] != '\n' &&
                   d[ls + i] == key[i])
                i++;
            if (ls + i >= hi || d[ls + i] == ' ' || d[ls + i] == '\n')
                cmp = i < klen ? -1 : 0;
            else if (i == klen)
                cmp = 1;
            else
                cmp = (unsigned char)d[ls + i] < (unsigned char)key[i] ? -1 : 1;
        }
        if (cmp > 0) {
            hi = ls;
            continue;
        }
        const char *nl = memchr(d + ls + i, '\n', hi - ls - i);
        size_t le = nl ? (size_t)(nl - d) : hi;
        if (cmp == 0) {
            *end = d + le;
            return d + ls;
        }
        lo = le + 1;
    }
    return NULL;
}

/* Cuts the next space-separated field of [*p, end). */
static int next_field(const char **p, const char *end, const char **f, size_t *n) {
    const char *s = *p;
    while (s < end && *s == ' ')
        s++;
    const char *e = s;
    while (e < end && *e != ' ' && *e != '\n')
        e++;
    if (e == s) return 0;
    *f = s;
    *n = (size_t)(e - s);
    *p = e;
    return 1;
}

/* A decimal (base 10) or hexadecimal (base 16) field of at most 10 digits. */
static int parse_num(const char *s, size_t n, int base, unsigned long *v) {
    if (n == 0 || n > 10) return 0;
    unsigned long x = 0;
    for (size_t i = 0; i < n; i++) {
        int d;
        char ch = s[i];
        if (ch >= '0' && ch <= '9')
            d = ch - '0';
        else if (base == 16 && ch >= 'a' && ch <= 'f')
            d = ch - 'a' + 10;
        else if (base == 16 && ch >= 'A' && ch <= 'F')
            d = ch - 'A' + 10;
        else
            return 0;
        x = x * (unsigned long)base + (unsigned long)d;
    }
    *v = x;
    return 1;
}

static int hex_value(char ch) {
    if (is_digit(ch)) return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

/* A decimal (base 10) or hexadecimal (base 16) field of at most 10 digits,
 * cut and read in one pass: its digits, then the line's end, a space or a
 * newline. */
static int num_field(const char **p, const char *end, int base, unsigned long *v) {
    const char *s = *p;
    while (s < end && *s == ' ')
        s++;
    const char *first = s;
    unsigned long x = 0;
    for (; s < end; s++) {
        int dv = base == 10 ? (is_digit(*s) ? *s - '0' : -1) : hex_value(*s);
        if (dv < 0) break;
        x = x * (unsigned long)base + (unsigned long)dv; /* wraps past 10 digits, refused below */
    }
    size_t n = (size_t)(s - first);
    if (n == 0 || n > 10 || (s < end && *s != ' ' && *s != '\n')) return 0;
    *v = x;
    *p = s;
    return 1;
}

/* ------------------------------------------------------------ index */

/* wn_lookup; with `all` 0 the senses after the first max are not read (the
 * count returned is then at most max). */
static size_t lookup(const wordnet *wn, wn_pos pos, const char *lemma, size_t n, uint32_t *offsets,
                     size_t max, unsigned *tagged, int all) {
    if (tagged) *tagged = 0;
    if (!wn || (unsigned)pos >= WN_NPOS) return 0;
    const char *end, *p = find_line(&wn->f[pos * WN_FILES_PER_POS + WN_INDEX], lemma, n, &end);
    if (!p) return 0;
    const char *f;
    size_t fn;
    unsigned long senses, nptr, tag, off;
    if (!next_field(&p, end, &f, &fn) || !next_field(&p, end, &f, &fn) || /* lemma, pos */
        !num_field(&p, end, 10, &senses) || !num_field(&p, end, 10, &nptr))
        return 0;
    for (unsigned long k = 0; k < nptr; k++)
        if (!next_field(&p, end, &f, &fn)) return 0;
    if (!num_field(&p, end, 10, &off) || !num_field(&p, end, 10, &tag)) return 0;
    size_t got = 0;
    for (unsigned long k = 0; k < senses && (all || got < max); k++) {
        if (!num_field(&p, end, 10, &off) || off > UINT32_MAX) break;
        if (got < max) offsets[got] = (uint32_t)off;
        got++;
    }
    if (tagged) *tagged = tag < got ? (unsigned)tag : (unsigned)got;
    return got;
}

size_t wn_lookup(const wordnet *wn, wn_pos pos, const char *lemma, size_t n, uint32_t *offsets,
                 size_t max, unsigned *tagged) {
    return lookup(wn, pos, lemma, n, offsets, max, tagged, 1);
}

/* ------------------------------------------------------------ data */

int wn_read_synset(const wordnet *wn, wn_pos pos, uint32_t offset, wn_synset *out) {
    /* all but the words, which are set as far as n_words says (a kilobyte
     * cleared on every read was a tenth of reading one) */
    memset(out, 0, offsetof(wn_synset, words));
    if (!wn || (unsigned)pos >= WN_NPOS) return 0;
    const wn_file *df = &wn->f[pos * WN_FILES_PER_POS + WN_DATA];
    if (!df->data || offset >= df->len || (offset > 0 && df->data[offset - 1] != '\n')) return 0;
    const char *p = df->data + offset, *lim = df->data + df->len;
    const char *nl = memchr(p, '\n', (size_t)(lim - p));
    const char *end = nl ? nl : lim;
    const char *f;
    size_t fn;
    unsigned long v, lexfile, nwords, nptrs;
    if (!num_field(&p, end, 10, &v) || v != offset) return 0;
    if (!num_field(&p, end, 10, &lexfile) || !next_field(&p, end, &f, &fn) || fn != 1) return 0;
    out->type = f[0];
    out->lexfile = (unsigned)lexfile;
    if (!num_field(&p, end, 16, &nwords)) return 0;
    for (unsigned long k = 0; k < nwords; k++) {
        if (!next_field(&p, end, &f, &fn)) return 0;
        size_t wl = fn;
        if (wl > 2 && f[wl - 1] == ')') { /* an adjective's syntactic marker: armored(a) */
            const char *open_paren = memchr(f, '(', wl);
            if (open_paren) wl = (size_t)(open_paren - f);
        }
        if (out->n_words < WN_MAX_WORDS && wl > 0)
            out->words[out->n_words++] = (wn_word){f, (unsigned)wl};
        if (!num_field(&p, end, 16, &v)) return 0; /* lex_id */
    }
    if (!num_field(&p, end, 10, &nptrs)) return 0;
    out->pos = pos;
    out->offset = offset;
    out->n_ptrs = (unsigned)nptrs;
    out->ptrs = p;
    out->end = end;
    const char *bar = memchr(p, '|', (size_t)(end - p));
    if (bar) {
        const char *g = bar + 1;
        while (g < end && *g == ' ')
            g++;
        const char *ge = end;
        while (ge > g && (ge[-1] == ' ' || ge[-1] == '\r'))
            ge--;
        out->gloss = g;
        out->gloss_len = (unsigned)(ge - g);
    }
    return 1;
}

void wn_pointers(const wn_synset *s, wn_pointer_iter *it) {
    it->at = s->ptrs;
    it->left = s->ptrs ? s->n_ptrs : 0;
}

static int pos_of(char ch, wn_pos *pos) {
    switch (ch) {
    case 'n':
        *pos = WN_NOUN;
        return 1;
    case 'v':
        *pos = WN_VERB;
        return 1;
    case 'a':
    case 's':
        *pos = WN_ADJ;
        return 1;
    case 'r':
        *pos = WN_ADV;
        return 1;
    }
    return 0;
}

/* The value of four decimal digits, already checked. */
static uint32_t four_digits(const char *s) {
    return (uint32_t)((s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'));
}

/* A pointer as WordNet writes every one, "@ 00012345 n 0000": a symbol of
 * one or two characters, an offset of eight digits, a part of speech and
 * four hex digits, one space apart, read in one pass. 0 for any other
 * layout, left to the general reading (the same answer, fields one by one). */
static int fixed_pointer(const char *at, const char *end, wn_pointer *p, const char **after) {
    while (at < end && *at == ' ')
        at++;
    size_t sl = 0;
    while (sl < 2 && at + sl < end && at[sl] != ' ' && at[sl] != '\n')
        sl++;
    const char *q = at + sl; /* sym, ' ', 8 digits, ' ', pos, ' ', 4 hex digits */
    if (sl == 0 || end - q < 16 || q[0] != ' ' || q[9] != ' ' || q[11] != ' ') return 0;
    /* the eight digits checked at once: each byte 0x30..0x3f, and below
     * 0x3a (adding 6 leaves it under 0x40; no carry crosses a byte) */
    uint64_t x;
    memcpy(&x, q + 1, 8);
    const uint64_t high = 0xF0F0F0F0F0F0F0F0ull, threes = 0x3030303030303030ull;
    if ((x & high) != threes || ((x + 0x0606060606060606ull) & high) != threes) return 0;
    uint32_t off = four_digits(q + 1) * 10000u + four_digits(q + 5);
    wn_pos pos;
    if (!pos_of(q[10], &pos)) return 0;
    int h0 = hex_value(q[12]), h1 = hex_value(q[13]), h2 = hex_value(q[14]), h3 = hex_value(q[15]);
    if ((h0 | h1 | h2 | h3) < 0) return 0;
    if (q + 16 < end && q[16] != ' ' && q[16] != '\n') return 0;
    p->sym[0] = at[0];
    p->sym[1] = sl > 1 ? at[1] : '\0';
    p->sym[2] = '\0';
    p->pos = pos;
    p->offset = off;
    p->src = (unsigned)(h0 * 16 + h1);
    p->dst = (unsigned)(h2 * 16 + h3);
    *after = q + 16;
    return 1;
}

int wn_next_pointer(const wn_synset *s, wn_pointer_iter *it, wn_pointer *p) {
    if (it->left == 0 || !it->at) return 0;
    const char *after;
    if (fixed_pointer(it->at, s->end, p, &after)) {
        it->at = after;
        it->left--;
        return 1;
    }
    const char *f;
    size_t fn;
    unsigned long off, st;
    const char *at = it->at;
    unsigned left = it->left - 1;
    it->left = 0; /* stays 0 when a field is malformed */
    if (!next_field(&at, s->end, &f, &fn) || fn > 2) return 0;
    memset(p, 0, sizeof *p);
    memcpy(p->sym, f, fn);
    if (!num_field(&at, s->end, 10, &off) || off > UINT32_MAX) return 0;
    if (!next_field(&at, s->end, &f, &fn) || fn != 1 || !pos_of(f[0], &p->pos)) return 0;
    if (!next_field(&at, s->end, &f, &fn) || fn != 4 || !parse_num(f, 4, 16, &st)) return 0;
    p->offset = (uint32_t)off;
    p->src = (unsigned)(st >> 8);
    p->dst = (unsigned)(st & 0xFF);
    it->at = at;
    it->left = left;
    return 1;
}

/* ------------------------------------------------------------ kinds */

static synset_counts count_pointers(const wn_synset *s) {
    wn_pointer_iter it;
    wn_pointer p;
    synset_counts c = {0, 0};
    wn_pointers(s, &it);
    while (wn_next_pointer(s, &it, &p)) {
        c.kinds += strcmp(p.sym, "~") == 0 || strcmp(p.sym, "~i") == 0;
        c.supers += strcmp(p.sym, "@") == 0 || strcmp(p.sym, "@i") == 0;
    }
    return c;
}

static size_t memo_slot(const kinds_memo *m, uint64_t key) {
    size_t j = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 32) & (m->cap - 1);
    while (m->keys[j] && m->keys[j] != key)
        j = (j + 1) & (m->cap - 1);
    return j;
}

/* Room for one more entry; 0 when out of memory (the counts are then not
 * remembered, only made again). */
static int memo_room(kinds_memo *m) {
    if ((m->n + 1) * 2 <= m->cap) return 1;
    size_t cap = m->cap ? m->cap * 2 : 1024;
    kinds_memo g = {calloc(cap, sizeof *g.keys), malloc(cap * sizeof *g.counts), cap, m->n};
    if (!g.keys || !g.counts) {
        free(g.keys);
        free(g.counts);
        return 0;
    }
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i]) {
            size_t j = memo_slot(&g, m->keys[i]);
            g.keys[j] = m->keys[i];
            g.counts[j] = m->counts[i];
        }
    free(m->keys);
    free(m->counts);
    *m = g;
    return 1;
}

static synset_counts counts_of(const wordnet *wn, const wn_synset *s) {
    kinds_memo *m = wn ? wn->memo : NULL;
    if (!m) return count_pointers(s);
    uint64_t key = ((uint64_t)s->pos << 32 | s->offset) + 1;
    if (m->cap) {
        size_t j = memo_slot(m, key);
        if (m->keys[j]) return m->counts[j];
    }
    synset_counts c = count_pointers(s);
    if (memo_room(m)) {
        size_t j = memo_slot(m, key);
        m->keys[j] = key;
        m->counts[j] = c;
        m->n++;
    }
    return c;
}

unsigned wn_kinds(const wordnet *wn, const wn_synset *s) {
    return counts_of(wn, s).kinds;
}

unsigned wn_supers(const wordnet *wn, const wn_synset *s) {
    return counts_of(wn, s).supers;
}

/* ------------------------------------------------------------ tag counts */

/* cntlist.rev: "sense_key sense_number tag_cnt" per line, sorted by sense
 * key, and a sense key starts "lemma%": the lines of a lemma are the run
 * from the first one at or after "lemma%". */
unsigned wn_tag_count(const wordnet *wn, const char *lemma, size_t n, unsigned per_pos[WN_NPOS]) {
    if (per_pos) memset(per_pos, 0, WN_NPOS * sizeof *per_pos);
    if (!wn || n == 0 || n >= WN_MAX_LEMMA) return 0;
    const wn_file *f = &wn->f[WN_COUNTS];
    const char *d = f->data;
    if (!d) return 0;
    char key[WN_MAX_LEMMA + 1];
    memcpy(key, lemma, n);
    key[n] = '%';
    size_t kl = n + 1, lo = 0, hi = f->len;
    /* the first line whose key is not below `key`: lines [lo, hi) are
     * undecided, lo always a line start */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *pl = memrchr(d + lo, '\n', mid - lo);
        size_t ls = pl ? (size_t)(pl - d) + 1 : lo, i = 0;
        /* compared up to the line's end, then found only to step past it */
        while (i < kl && ls + i < f->len && d[ls + i] != '\n' && d[ls + i] == key[i])
            i++;
        int below = ls + i >= f->len || d[ls + i] == '\n'
                        ? i < kl
                        : i < kl && (unsigned char)d[ls + i] < (unsigned char)key[i];
        if (below) {
            const char *nl = memchr(d + ls + i, '\n', f->len - ls - i);
            lo = nl ? (size_t)(nl - d) + 1 : f->len + 1;
        } else {
            hi = ls;
        }
    }
    unsigned long total = 0;
    for (size_t at = lo; at < f->len;) {
        const char *nl = memchr(d + at, '\n', f->len - at);
        const char *end = nl ? nl : d + f->len;
        if ((size_t)(end - (d + at)) < kl || memcmp(d + at, key, kl) != 0) break;
        const char *p = d + at, *fld;
        size_t fn;
        unsigned long sense, cnt;
        if (next_field(&p, end, &fld, &fn) && num_field(&p, end, 10, &sense) &&
            num_field(&p, end, 10, &cnt) && cnt < 1000000) {
            total += cnt;
            /* the synset type after '%': 1 noun, 2 verb, 3 adjective, 4 adverb, 5 satellite */
            char t = fn > kl ? fld[kl] : '0';
            int pos = t == '1' ? WN_NOUN : t == '2' ? WN_VERB : t == '4' ? WN_ADV : WN_ADJ;
            if (per_pos && t >= '1' && t <= '5') per_pos[pos] += (unsigned)cnt;
        }
        if (total > 1000000) total = 1000000;
        at = (size_t)(end - d) + 1;
    }
    return (unsigned)total;
}

/* ------------------------------------------------------------ morphology */

typedef struct {
    const char *suffix, *ending;
} detachment;

/* morphy(7WN)'s rules of detachment, per part of speech. */
static const detachment noun_rules[] = {{"s", ""},      {"ses", "s"},   {"xes", "x"},
                                        {"zes", "z"},   {"ches", "ch"}, {"shes", "sh"},
                                        {"men", "man"}, {"ies", "y"},   {NULL, NULL}};
static const detachment verb_rules[] = {{"s", ""},    {"ies", "y"}, {"es", "e"},
                                        {"es", ""},   {"ed", "e"},  {"ed", ""},
                                        {"ing", "e"}, {"ing", ""},  {NULL, NULL}};
static const detachment adj_rules[] = {
    {"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}, {NULL, NULL}};
static const detachment *const rules[WN_NPOS] = {noun_rules, verb_rules, adj_rules, NULL};

static size_t add_form(char (*out)[WN_MAX_LEMMA], size_t k, size_t max, const char *s, size_t n) {
    if (k >= max || n == 0 || n >= WN_MAX_LEMMA) return k;
    for (size_t i = 0; i < k; i++)
        if (strlen(out[i]) == n && memcmp(out[i], s, n) == 0) return k;
    memcpy(out[k], s, n);
    out[k][n] = '\0';
    return k + 1;
}

/* Whether the index has s with a sense: its first one read, not the rest. */
static int known(const wordnet *wn, wn_pos pos, const char *s, size_t n) {
    uint32_t off;
    return lookup(wn, pos, s, n, &off, 1, NULL, 0) > 0;
}

size_t wn_base_forms(const wordnet *wn, wn_pos pos, const char *word, size_t n,
                     char (*out)[WN_MAX_LEMMA], size_t max) {
    size_t k = 0;
    if (!wn || (unsigned)pos >= WN_NPOS || n == 0 || n >= WN_MAX_LEMMA) return 0;
    if (known(wn, pos, word, n)) k = add_form(out, k, max, word, n);
    const char *end, *p = find_line(&wn->f[pos * WN_FILES_PER_POS + WN_EXC], word, n, &end);
    if (p) {
        const char *f;
        size_t fn;
        next_field(&p, end, &f, &fn); /* the inflected form itself */
        while (next_field(&p, end, &f, &fn))
            if (known(wn, pos, f, fn)) k = add_form(out, k, max, f, fn);
    }
    for (const detachment *r = rules[pos]; r && r->suffix; r++) {
        size_t sl = strlen(r->suffix), el = strlen(r->ending);
        if (n <= sl || memcmp(word + n - sl, r->suffix, sl) != 0) continue;
        char buf[WN_MAX_LEMMA];
        size_t bl = n - sl;
        if (bl + el >= sizeof buf) continue;
        memcpy(buf, word, bl);
        memcpy(buf + bl, r->ending, el);
        if (known(wn, pos, buf, bl + el)) k = add_form(out, k, max, buf, bl + el);
    }
    return k;
}

/* ------------------------------------------------------------ inflections */

static int cmp_base(const void *a, const void *b) {
    const exc_pair *x = a, *y = b;
    unsigned n = x->base_len < y->base_len ? x->base_len : y->base_len;
    int c = memcmp(x->base, y->base, n);
    return c ? c : (x->base_len > y->base_len) - (x->base_len < y->base_len);
}

/* The pairs of pos's exception list, "sought seek": one per base form of
 * each line. */
static void make_inflections(const wordnet *wn, wn_pos pos, exc_index *ix) {
    ix->made = 1;
    const wn_file *f = &wn->f[pos * WN_FILES_PER_POS + WN_EXC];
    size_t n = 0, cap = 0;
    exc_pair *v = NULL;
    if (!f->data) return; /* no exception list: no forms */
    for (const char *p = f->data, *end = f->data + f->len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end, *fld, *form;
        size_t fn, formn;
        if (next_field(&p, le, &form, &formn))
            while (next_field(&p, le, &fld, &fn)) {
                if (fn >= WN_MAX_LEMMA || formn >= WN_MAX_LEMMA) continue;
                if (n == cap) {
                    size_t nc = cap ? 2 * cap : 4096;
                    exc_pair *g = realloc(v, nc * sizeof *v);
                    if (!g) {
                        free(v);
                        return; /* out of memory: none */
                    }
                    v = g, cap = nc;
                }
                v[n++] = (exc_pair){fld, form, (unsigned)fn, (unsigned)formn};
            }
        if (!nl) break;
        p = nl + 1;
    }
    if (n) qsort(v, n, sizeof *v, cmp_base);
    ix->v = v;
    ix->n = n;
}

size_t wn_inflections(const wordnet *wn, wn_pos pos, const char *lemma, size_t n,
                      char (*out)[WN_MAX_LEMMA], size_t max) {
    if (!wn || !wn->inflections || (unsigned)pos >= WN_NPOS || n == 0 || n >= WN_MAX_LEMMA)
        return 0;
    exc_index *ix = &wn->inflections[pos];
    if (!ix->made) make_inflections(wn, pos, ix);
    exc_pair key = {lemma, NULL, (unsigned)n, 0};
    size_t lo = 0, hi = ix->n, k = 0;
    while (lo < hi) { /* the first pair not below key */
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_base(&ix->v[mid], &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < ix->n && k < max && cmp_base(&ix->v[lo], &key) == 0; lo++) {
        memcpy(out[k], ix->v[lo].form, ix->v[lo].form_len);
        out[k++][ix->v[lo].form_len] = '\0';
    }
    return k;
}
