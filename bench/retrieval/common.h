/* common.h — what the three rankers of bench/retrieval.sh share: reading the
 * query file, the clock, peak memory, percentiles, the quality measures and
 * the one result line each program prints. Header-only and valid C and C++, so
 * dossier_rank.c, fts5_rank.c and xapian_rank.cc include it alike.
 *
 * Query file (written by export.c): one claim a line, "claim<TAB>gold", where
 * gold is a comma-separated list of passage indexes (empty for claims no
 * passage supports). Every ranker answers with passage indexes, so hits are
 * judged the same way whatever the engine. */
#ifndef RETRIEVAL_COMMON_H
#define RETRIEVAL_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define TOP_K 10    /* hits asked per query: MRR is MRR@10 */
#define MAX_GOLD 16 /* gold passages per claim */
#define MIN_QUERIES 1000

typedef struct {
    char *text;
    long gold[MAX_GOLD];
    int n_gold;
} bench_query;

typedef struct {
    bench_query *q;
    size_t n;
} bench_queries;

static inline void die(const char *what, const char *detail) {
    fprintf(stderr, "retrieval: %s: %s\n", what, detail ? detail : "failed");
    exit(1);
}

/* The whole file, NUL-terminated. */
static inline char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) die(path, "cannot open");
    size_t cap = 1 << 16, n = 0;
    char *buf = (char *)malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) buf = (char *)realloc(buf, cap *= 2);
    }
    fclose(f);
    if (!buf) die(path, "out of memory");
    buf[n] = '\0';
    if (len) *len = n;
    return buf;
}

static inline bench_queries read_queries(const char *path) {
    bench_queries qs = {NULL, 0};
    char *data = slurp(path, NULL); /* kept: the queries point into it */
    size_t cap = 0;
    for (char *line = data; *line;) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = '\0';
        char *tab = strchr(line, '\t');
        if (!tab) die(path, "a line without a tab");
        *tab = '\0';
        if (qs.n == cap) {
            cap = cap ? 2 * cap : 128;
            qs.q = (bench_query *)realloc(qs.q, cap * sizeof *qs.q);
            if (!qs.q) die(path, "out of memory");
        }
        bench_query *q = &qs.q[qs.n++];
        q->text = line;
        q->n_gold = 0;
        for (char *g = tab + 1; *g && q->n_gold < MAX_GOLD;) {
            char *end;
            q->gold[q->n_gold++] = strtol(g, &end, 10);
            if (end == g) die(path, "bad gold list");
            g = *end == ',' ? end + 1 : end;
        }
        if (!nl) break;
        line = nl + 1;
    }
    if (qs.n == 0) die(path, "no queries");
    return qs;
}

/* Passage file (written by export.c): "index<TAB>text" a line, the prose
 * passages Dossier ranks, white space collapsed to single spaces. */
typedef struct {
    long *index;
    char **text;
    size_t n;
} bench_passages;

static inline bench_passages read_passages(const char *path) {
    bench_passages ps = {NULL, NULL, 0};
    char *data = slurp(path, NULL); /* kept: the texts point into it */
    size_t cap = 0;
    for (char *line = data; *line;) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = '\0';
        char *end;
        long idx = strtol(line, &end, 10);
        if (end == line || *end != '\t') die(path, "expected index<TAB>text");
        if (ps.n == cap) {
            cap = cap ? 2 * cap : 1024;
            ps.index = (long *)realloc(ps.index, cap * sizeof *ps.index);
            ps.text = (char **)realloc(ps.text, cap * sizeof *ps.text);
            if (!ps.index || !ps.text) die(path, "out of memory");
        }
        ps.index[ps.n] = idx;
        ps.text[ps.n++] = end + 1;
        if (!nl) break;
        line = nl + 1;
    }
    if (ps.n == 0) die(path, "no passages");
    return ps;
}

static inline double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Peak resident set size of this process so far, in KiB. */
static inline long peak_rss_kb(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static inline int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Sorts v and returns its p-quantile (nearest rank). */
static inline double quantile(double *v, size_t n, double p) {
    qsort(v, n, sizeof *v, cmp_double);
    size_t k = (size_t)(p * (double)n + 0.999999);
    if (k < 1) k = 1;
    if (k > n) k = n;
    return v[k - 1];
}

/* Quality over the claims that have gold: hit@1, hit@5 and MRR@TOP_K, given
 * each query's ranked passage indexes (ranked[i*TOP_K ..], -1 past the end). */
typedef struct {
    double hit1, hit5, mrr;
    size_t n;
} bench_quality;

static inline bench_quality quality(const bench_queries *qs, const long *ranked) {
    bench_quality r = {0, 0, 0, 0};
    for (size_t i = 0; i < qs->n; i++) {
        const bench_query *q = &qs->q[i];
        if (q->n_gold == 0) continue;
        r.n++;
        for (int k = 0; k < TOP_K; k++) {
            long p = ranked[i * TOP_K + k];
            int gold = 0;
            for (int g = 0; g < q->n_gold && !gold; g++)
                gold = q->gold[g] == p;
            if (!gold || p < 0) continue;
            if (k == 0) r.hit1++;
            if (k < 5) r.hit5++;
            r.mrr += 1.0 / (k + 1);
            break;
        }
    }
    if (r.n) r.hit1 /= (double)r.n, r.hit5 /= (double)r.n, r.mrr /= (double)r.n;
    return r;
}

/* A ranker: build an index (timed), then answer queries with up to TOP_K
 * passage indexes. run_bench() drives both. */
typedef struct bench_engine bench_engine;
typedef size_t (*build_fn)(bench_engine *e); /* returns passages indexed */
typedef void (*drop_fn)(bench_engine *e);
typedef int (*query_fn)(bench_engine *e, const char *text, long *out); /* returns hits */

/* One index build, timed, with the peak memory after it. With a query file
 * ("-" = build only): one untimed round of every query for quality (when
 * some query has gold passages), then
 * timed rounds until MIN_QUERIES queries have run or `budget_s` seconds have
 * passed (at least one round). Prints one line of key=value pairs on stdout.
 * One build per process keeps builds independent: retrieval.sh runs the
 * engines in turn, so that load from other processes hits them alike. */
static inline void run_bench(bench_engine *e, build_fn build, drop_fn drop, query_fn query,
                             const char *queries_path, double budget_s) {
    double t0 = now_s();
    size_t docs = build(e);
    double bt = now_s() - t0;
    long rss_build = peak_rss_kb();
    printf("docs=%zu build_s=%.4f rss_build_kb=%ld", docs, bt, rss_build);
    if (strcmp(queries_path, "-") == 0) {
        printf("\n");
        drop(e);
        return;
    }
    bench_queries qs = read_queries(queries_path);
    long *ranked = (long *)malloc(qs.n * TOP_K * sizeof *ranked);
    if (!ranked) die("queries", "out of memory");
    for (size_t i = 0; i < qs.n * TOP_K; i++)
        ranked[i] = -1;
    size_t with_gold = 0;
    for (size_t i = 0; i < qs.n; i++)
        with_gold += qs.q[i].n_gold > 0;
    for (size_t i = 0; i < qs.n && with_gold; i++) /* no gold, no quality round */
        query(e, qs.q[i].text, ranked + i * TOP_K);
    bench_quality ql = quality(&qs, ranked);

    size_t rounds = (MIN_QUERIES + qs.n - 1) / qs.n, nl = 0;
    double *lat = (double *)malloc(rounds * qs.n * sizeof *lat);
    long hits[TOP_K];
    if (!lat) die("queries", "out of memory");
    double start = now_s();
    for (size_t r = 0; r < rounds && (r == 0 || now_s() - start < budget_s); r++)
        for (size_t i = 0; i < qs.n; i++) {
            double q0 = now_s();
            query(e, qs.q[i].text, hits);
            lat[nl++] = now_s() - q0;
        }
    long rss_peak = peak_rss_kb();
    double p50 = quantile(lat, nl, 0.50), p99 = quantile(lat, nl, 0.99);
    drop(e);
    printf(" rss_peak_kb=%ld queries=%zu p50_us=%.1f p99_us=%.1f claims=%zu hit1=%.4f "
           "hit5=%.4f mrr=%.4f\n",
           rss_peak, nl, p50 * 1e6, p99 * 1e6, ql.n, ql.hit1, ql.hit5, ql.mrr);
    free(lat);
    free(ranked);
    free(qs.q);
}

#endif
