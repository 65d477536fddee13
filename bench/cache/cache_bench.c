/* cache_bench.c — Dossier's side of bench/cache.sh.
 *
 *   cache_bench <mode> <corpus-dir> <cache-dir|-> <claims.txt> [runs] [article]
 *
 * modes (one line of key=value on stdout):
 *   memory   one open without a cache (a build in memory, what opening was
 *            before the cache): open_s, rss_open_kb, rank_hash, near_hash
 *   first    removes the cache, one open that builds and writes it: open_s,
 *            rss_open_kb, state, cache_bytes, rank_hash
 *   cached   `runs` opens of the cached corpus, each in this process and
 *            closed again: open_s (median), open_min_s, open_max_s,
 *            rss_open_kb (after the last open, before any query), then the
 *            claims of [latency-claims] (default: all) as queries (top 10),
 *            repeated to 1000: p50_us, p99_us, queries, rss_queries_kb; and
 *            rank_hash over all the claims
 *   update   appends a sentence to `article` (a file of the corpus), one
 *            open (the update of the cache: a delta written beside it), one
 *            more (the cached open of base and delta), then restores the
 *            file and opens once more (which drops the delta, not timed):
 *            open_s, articles_read, state, delta_bytes, delta_open_s,
 *            rss_delta_kb
 *   add      the same with a new article (`article` is the new file's path)
 *   remove   the same with `article` moved out of the corpus
 * Compiled with -DBASE_API (and -DBASE_OPEN_ONLY for a core without the
 * verdict, whose answers are not hashed) against the core before the cache (bench/cache.sh
 * builds it from git), only `memory` exists: that core's dossier_open.
 * rank_hash hashes every ranking and verdict of every claim (verdict,
 * corroborated, sources; each hit's passage, score, coverage, stance,
 * support, conflicts and matched terms), so equal hashes mean byte-identical
 * answers; near_hash the same with numbers to 12 digits, to compare with a
 * core that sums BM25 over related terms in another order. RSS is VmRSS of /proc/self/status: what the process holds in
 * memory, mapped cache pages it touched included. */
#define _DEFAULT_SOURCE
#include "dossier.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static long rss_kb(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0) kb = atol(line + 6);
    if (f) fclose(f);
    return kb;
}

static void die(const char *what, const char *why) {
    fprintf(stderr, "cache_bench: %s: %s\n", what, why);
    exit(1);
}

/* The claims, one a line. */
static char **read_claims(const char *path, size_t *n) {
    FILE *f = fopen(path, "r");
    if (!f) die(path, "cannot open");
    char **v = NULL, line[4096];
    size_t cap = 0;
    *n = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\t\n")] = '\0';
        if (!*line) continue;
        if (*n == cap) v = realloc(v, (cap = cap ? cap * 2 : 64) * sizeof *v);
        v[(*n)++] = strdup(line);
    }
    fclose(f);
    return v;
}

static dossier_corpus *open_it(const char *dir, const char *cache, double *secs) {
#ifdef BASE_API
    (void)cache;
    dossier_corpus *c;
    dossier_error err;
    double t = now();
    if (dossier_open(dir, &c, &err) != DOSSIER_OK) die(dir, err.message);
    *secs = now() - t;
    return c;
#else
    dossier_open_opts o;
    memset(&o, 0, sizeof o);
    o.cache = cache ? DOSSIER_CACHE_DIR : DOSSIER_CACHE_OFF;
    o.cache_dir = cache;
    dossier_corpus *c;
    dossier_error err;
    double t = now();
    if (dossier_open_ex(dir, &o, &c, &err) != DOSSIER_OK) die(dir, err.message);
    *secs = now() - t;
    return c;
#endif
}

static uint64_t mix(uint64_t h, const void *p, size_t n) {
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211ull;
    return h;
}

static __attribute__((unused)) int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Every claim ranked (top 10): the hash of the rankings and verdicts, bit
 * for bit (exact), and the same with scores to 12 digits (*near: what a core
 * summing the same terms in another order gives), and the latencies. */
static uint64_t rank_all(const dossier_corpus *c, char **claims, size_t n, double *lat,
                         uint64_t *near) {
    uint64_t h = 1469598103934665603ull, g = h;
#ifdef BASE_OPEN_ONLY /* a core without the verdict: its open is timed alone */
    (void)c, (void)claims, (void)n, (void)lat, (void)mix;
    if (near) *near = g;
    return h;
#else
    for (size_t i = 0; i < n; i++) {
        dossier_corroborate_opts o = {10, 0};
        dossier_corroboration r;
        double t = now();
        if (dossier_corroborate(c, claims[i], strlen(claims[i]), &o, &r, NULL) != DOSSIER_OK)
            die("corroborate", claims[i]);
        if (lat) lat[i] = (now() - t) * 1e6;
        char buf[128];
        int len = snprintf(buf, sizeof buf, "%d %d %zu", (int)r.verdict, r.corroborated,
                           r.n_sources);
        h = mix(h, buf, (size_t)len);
        g = mix(g, buf, (size_t)len);
        for (size_t k = 0; k < r.n; k++) {
            const dossier_hit *x = &r.hits[k];
            h = mix(h, &x->score, sizeof x->score);
            h = mix(h, &x->coverage, sizeof x->coverage);
            h = mix(h, &x->support, sizeof x->support);
            len = snprintf(buf, sizeof buf, "%zu %.12g %.12g %d %.12g %zu ", x->passage, x->score,
                           x->coverage, (int)x->stance, x->support, x->evidence.n_conflicts);
            h = mix(h, buf, (size_t)len);
            g = mix(g, buf, (size_t)len);
            h = mix(h, x->matched, strlen(x->matched));
            g = mix(g, x->matched, strlen(x->matched));
        }
        dossier_corroboration_free(&r);
    }
    if (near) *near = g;
    return h;
#endif
}

static __attribute__((unused)) long file_size(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

int main(int argc, char **argv) {
    if (argc < 5) die("usage", "cache_bench <mode> <corpus-dir> <cache-dir|-> <claims> [runs] [article]");
    const char *mode = argv[1], *dir = argv[2];
    const char *cache = strcmp(argv[3], "-") == 0 ? NULL : argv[3];
    size_t n;
    char **claims = read_claims(argv[4], &n);
    int runs = argc > 5 ? atoi(argv[5]) : 10;
    double secs;
    (void)runs, (void)cache;
    if (strcmp(mode, "memory") == 0) {
        dossier_corpus *c = open_it(dir, NULL, &secs);
        long rss = rss_kb();
        uint64_t near, h = rank_all(c, claims, n, NULL, &near);
        printf("open_s=%.4f rss_open_kb=%ld rank_hash=%016llx near_hash=%016llx\n", secs, rss,
               (unsigned long long)h, (unsigned long long)near);
        dossier_close(c);
#ifndef BASE_API
    } else if (strcmp(mode, "first") == 0) {
        dossier_corpus *c = open_it(dir, cache, &secs); /* finds the cache's name */
        char path[1100];
        snprintf(path, sizeof path, "%s", dossier_cache_info_of(c)->path);
        dossier_close(c);
        unlink(path);
        c = open_it(dir, cache, &secs);
        long rss = rss_kb();
        printf("open_s=%.4f rss_open_kb=%ld state=%s cache_bytes=%ld rank_hash=%016llx\n", secs,
               rss, dossier_cache_state_name(dossier_cache_info_of(c)->state), file_size(path),
               (unsigned long long)rank_all(c, claims, n, NULL, NULL));
        dossier_close(c);
    } else if (strcmp(mode, "cached") == 0) {
        double *t = malloc((size_t)runs * sizeof *t);
        dossier_corpus *c = NULL;
        for (int r = 0; r < runs; r++) {
            if (c) dossier_close(c);
            c = open_it(dir, cache, &t[r]);
            if (dossier_cache_info_of(c)->state != DOSSIER_CACHE_HIT)
                die("cached open", dossier_cache_state_name(dossier_cache_info_of(c)->state));
        }
        long rss_open = rss_kb();
        qsort(t, (size_t)runs, sizeof *t, cmp_double);
        /* queries: the latency claims, repeated to at least 1000 */
        size_t nl = n;
        char **lc = claims;
        if (argc > 6) lc = read_claims(argv[6], &nl);
        size_t rounds = nl ? (1000 + nl - 1) / nl : 0;
        double *lat = malloc((rounds * nl + 1) * sizeof *lat);
        for (size_t r = 0; r < rounds; r++)
            rank_all(c, lc, nl, lat + r * nl, NULL);
        uint64_t h = rank_all(c, claims, n, NULL, NULL);
        qsort(lat, rounds * nl, sizeof *lat, cmp_double);
        size_t nq = rounds * nl;
        if (lc != claims) {
            for (size_t i = 0; i < nl; i++)
                free(lc[i]);
            free(lc);
        }
        printf("open_s=%.4f open_min_s=%.4f open_max_s=%.4f runs=%d rss_open_kb=%ld "
               "p50_us=%.1f p99_us=%.1f queries=%zu rss_queries_kb=%ld rank_hash=%016llx\n",
               t[runs / 2], t[0], t[runs - 1], runs, rss_open, nq ? lat[nq / 2] : 0,
               nq ? lat[nq * 99 / 100] : 0, nq, rss_kb(), (unsigned long long)h);
        dossier_close(c);
        free(t);
        free(lat);
    } else if (strcmp(mode, "update") == 0 || strcmp(mode, "add") == 0 ||
               strcmp(mode, "remove") == 0) {
        if (argc < 7) die("usage", "update, add and remove need the article file");
        const char *art = argv[6];
        char aside[4096];
        snprintf(aside, sizeof aside, "%s/../%s.aside", dir, strrchr(art, '/') ? strrchr(art, '/') + 1 : art);
        struct stat st;
        char *orig = NULL;
        long len = 0;
        if (mode[0] == 'a') { /* a new article */
            FILE *f = fopen(art, "wb");
            if (!f) die(art, "cannot write");
            fputs("---\nid: bench-added\ntitle: Added by the bench\n---\n\nRussia and North Korea "
                  "opened a new road bridge over the Tumen river.\nKim Jong-un met Vladimir Putin "
                  "at the Vostochny spaceport in September.\n", f);
            fclose(f);
        } else {
            if (stat(art, &st) != 0) die(art, "cannot stat");
            FILE *f = fopen(art, "rb");
            if (!f) die(art, "cannot open");
            fseek(f, 0, SEEK_END);
            len = ftell(f);
            orig = malloc((size_t)len + 1);
            rewind(f);
            if (fread(orig, 1, (size_t)len, f) != (size_t)len) die(art, "cannot read");
            fclose(f);
            if (mode[0] == 'r') {
                if (rename(art, aside) != 0) die(art, "cannot move aside");
            } else {
                f = fopen(art, "ab");
                fputs("\nRussia and North Korea opened a new road bridge over the Tumen river.\n", f);
                fclose(f);
            }
        }
        dossier_corpus *c = open_it(dir, cache, &secs);
        const dossier_cache_info *i = dossier_cache_info_of(c);
        char delta[1200];
        snprintf(delta, sizeof delta, "%s.delta", i->path);
        struct stat ds;
        long long delta_bytes = stat(delta, &ds) == 0 ? (long long)ds.st_size : 0;
        printf("open_s=%.4f articles_read=%zu state=%s delta_bytes=%lld", secs, i->articles_read,
               dossier_cache_state_name(i->state), delta_bytes);
        dossier_close(c);
        c = open_it(dir, cache, &secs);
        printf(" delta_open_s=%.4f rss_delta_kb=%ld delta_state=%s\n", secs, rss_kb(),
               dossier_cache_state_name(dossier_cache_info_of(c)->state));
        dossier_close(c);
        if (mode[0] == 'a') {
            unlink(art);
        } else {
            if (mode[0] == 'r') {
                if (rename(aside, art) != 0) die(art, "cannot move back");
            } else {
                FILE *f = fopen(art, "wb");
                if (!f || fwrite(orig, 1, (size_t)len, f) != (size_t)len || fclose(f))
                    die(art, "restore");
            }
            /* its old time too, so that the restored corpus is the one cached
             * before (a file modified just now would be compared by content) */
            struct timespec times[2] = {st.st_atim, st.st_mtim};
            utimensat(AT_FDCWD, art, times, 0);
        }
        c = open_it(dir, cache, &secs);
        dossier_close(c);
        free(orig);
#endif
    } else {
        die("unknown mode", mode);
    }
    for (size_t i = 0; i < n; i++)
        free(claims[i]);
    free(claims);
    return 0;
}
