/* hs_scan.c — the Hyperscan peer: every alias a caseless literal, one database.
 *
 * usage: hs_scan ALIASES FILE [RUNS]
 * ALIASES has one literal per line. Compiled with hs_compile_lit_multi
 * (HS_FLAG_CASELESS | HS_FLAG_SOM_LEFTMOST, so each match has a start); the
 * callback keeps matches with a word boundary on both sides (ASCII letters and
 * digits are word bytes, anything else is not). Hyperscan reports every
 * match, overlapping ones too ("Kim" inside "Kim Jong Un"), so each run then
 * keeps the leftmost-longest non-overlapping ones, as Dossier does; that
 * resolution is timed. Compiling and reading the file are not. Prints the
 * number of kept matches and the seconds of each run. */
#include "common.h"

#include <hs/hs.h>
#include <string.h>

typedef struct {
    unsigned long long from, to;
} match;

typedef struct {
    const unsigned char *text;
    size_t len;
    match *v;
    size_t n, cap;
} scan_state;

static int word_byte(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int on_match(unsigned int id, unsigned long long from, unsigned long long to,
                    unsigned int flags, void *ctx) {
    (void)id, (void)flags;
    scan_state *s = ctx;
    if (from > 0 && word_byte(s->text[from - 1])) return 0;
    if (to < s->len && word_byte(s->text[to])) return 0;
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 4096;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
        if (!s->v) return 1; /* stops the scan; reported below */
    }
    s->v[s->n].from = from;
    s->v[s->n].to = to;
    s->n++;
    return 0;
}

static int by_start_longest(const void *x, const void *y) {
    const match *a = x, *b = y;
    if (a->from != b->from) return a->from < b->from ? -1 : 1;
    return a->to > b->to ? -1 : a->to < b->to;
}

/* Leftmost-longest, non-overlapping: what a highlighter can show. */
static size_t resolve(scan_state *s) {
    qsort(s->v, s->n, sizeof *s->v, by_start_longest);
    size_t kept = 0;
    unsigned long long end = 0;
    for (size_t k = 0; k < s->n; k++) {
        if (s->v[k].from < end) continue;
        end = s->v[k].to;
        kept++;
    }
    return kept;
}

int main(int argc, char **argv) {
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: %s ALIASES FILE [RUNS]\n", argv[0]);
        return 2;
    }
    int runs = runs_arg(argv[3]);
    char *aliases;
    size_t n;
    char **lits = read_aliases(argv[1], &aliases, &n);
    size_t *lens = malloc(n * sizeof *lens);
    unsigned *ids = malloc(n * sizeof *ids);
    unsigned *flags = malloc(n * sizeof *flags);
    if (!lens || !ids || !flags) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    for (size_t k = 0; k < n; k++) {
        lens[k] = strlen(lits[k]);
        ids[k] = (unsigned)k;
        flags[k] = HS_FLAG_CASELESS | HS_FLAG_SOM_LEFTMOST;
    }
    hs_database_t *db;
    hs_compile_error_t *cerr;
    if (hs_compile_lit_multi((const char *const *)lits, flags, ids, lens, (unsigned)n,
                             HS_MODE_BLOCK, NULL, &db, &cerr) != HS_SUCCESS) {
        fprintf(stderr, "%s: hyperscan: %s (alias %d)\n", argv[1], cerr->message, cerr->expression);
        return 1;
    }
    hs_scratch_t *scratch = NULL;
    if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) {
        fprintf(stderr, "hyperscan: cannot allocate scratch\n");
        return 1;
    }
    size_t len;
    char *text = read_whole(argv[2], &len);
    if (len > 0xffffffffu) {
        fprintf(stderr, "%s: over 4 GB, too big for one hs_scan block\n", argv[2]);
        return 1;
    }
    scan_state s = {(const unsigned char *)text, len, NULL, 0, 0};
    double *secs = calloc((size_t)runs, sizeof *secs);
    size_t kept = 0;
    for (int r = 0; r < runs; r++) {
        s.n = 0;
        double t0 = now_seconds();
        hs_error_t e = hs_scan(db, text, (unsigned)len, 0, scratch, on_match, &s);
        if (e != HS_SUCCESS) {
            fprintf(stderr, "%s: hs_scan failed (%d)\n", argv[2], e);
            return 1;
        }
        kept = resolve(&s);
        secs[r] = now_seconds() - t0;
    }
    print_result(kept, secs, runs);
    free(secs);
    free(s.v);
    free(text);
    hs_free_scratch(scratch);
    hs_free_database(db);
    free(lits), free(lens), free(ids), free(flags), free(aliases);
    return 0;
}
