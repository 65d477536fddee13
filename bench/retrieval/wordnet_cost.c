/* wordnet_cost.c — what WordNet costs a corpus, for the retrieval section of
 * `make bench`: opening the database (it is opened the first time a claim
 * needs it, never with the corpus), the memory it maps and touches, and the
 * first claims with it and without it.
 *
 *   wordnet_cost <corpus-dir> <queries.tsv>
 *
 * Prints one line of key=value pairs: open_ms (dossier_wordnet's open, the
 * median of 5 corpora), mapped_kb (the database files' size), rss_kb (the
 * resident memory the first 50 claims add, with WordNet and without), and
 * claim_first_us / claim_warm_us (the mean latency of those claims the first
 * time and again, with and without). */
#include "dossier.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CLAIMS 50

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static long rss_kb(void) {
    long pages = 0, res = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &res) != 2) res = 0;
        fclose(f);
    }
    return res * (sysconf(_SC_PAGESIZE) / 1024);
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static dossier_corpus *open_corpus(const char *dir, const char *wordnet) {
    dossier_corpus *c;
    dossier_error err;
    dossier_open_opts o = {.wordnet = wordnet};
    if (dossier_open_ex(dir, &o, &c, &err) != DOSSIER_OK) {
        fprintf(stderr, "wordnet_cost: %s\n", err.message);
        exit(1);
    }
    return c;
}

/* Mean latency (µs) of the claims, and the resident memory they added. */
static double claims(dossier_corpus *c, char **q, size_t n, long *rss_added) {
    long before = rss_kb();
    double t0 = now_ms();
    for (size_t i = 0; i < n; i++) {
        dossier_corroboration r;
        dossier_corroborate_opts o = {.limit = 3};
        if (dossier_corroborate(c, q[i], strlen(q[i]), &o, &r, NULL) != DOSSIER_OK) exit(1);
        dossier_corroboration_free(&r);
    }
    double us = (now_ms() - t0) * 1000.0 / (double)(n ? n : 1);
    if (rss_added) *rss_added = rss_kb() - before;
    return us;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: wordnet_cost <corpus-dir> <queries.tsv>\n");
        return 2;
    }
    FILE *f = fopen(argv[2], "rb");
    if (!f) return 1;
    char *q[CLAIMS], line[8192];
    size_t n = 0;
    while (n < CLAIMS && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\t\n")] = '\0';
        q[n++] = strdup(line);
    }
    fclose(f);
    const char *dir = "/usr/share/wordnet";
    double open_ms[5];
    for (int k = 0; k < 5; k++) {
        dossier_corpus *c = open_corpus(argv[1], NULL);
        double t0 = now_ms();
        int st = dossier_wordnet(c, 1, &dir, NULL);
        open_ms[k] = now_ms() - t0;
        dossier_close(c);
        if (st != 1) {
            printf("wordnet=unavailable\n");
            return 0;
        }
    }
    qsort(open_ms, 5, sizeof *open_ms, cmp);
    long mapped = 0;
    static const char *const files[] = {"index.noun", "index.verb", "index.adj", "index.adv",
                                        "data.noun",  "data.verb",  "data.adj",  "data.adv",
                                        "noun.exc",   "verb.exc",   "adj.exc",   "adv.exc"};
    for (size_t k = 0; k < sizeof files / sizeof *files; k++) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, files[k]);
        if (stat(path, &st) == 0) mapped += (long)(st.st_size / 1024);
    }
    long rss_with, rss_without;
    dossier_corpus *with = open_corpus(argv[1], NULL);
    double first_with = claims(with, q, n, &rss_with), warm_with = claims(with, q, n, NULL);
    dossier_close(with);
    dossier_corpus *without = open_corpus(argv[1], "");
    double first_without = claims(without, q, n, &rss_without),
           warm_without = claims(without, q, n, NULL);
    dossier_close(without);
    printf("wordnet=open open_ms=%.3f mapped_kb=%ld rss_with_kb=%ld rss_without_kb=%ld "
           "claim_first_us_with=%.0f claim_first_us_without=%.0f claim_warm_us_with=%.0f "
           "claim_warm_us_without=%.0f claims=%zu\n",
           open_ms[2], mapped, rss_with, rss_without, first_with, first_without, warm_with,
           warm_without, n);
    for (size_t i = 0; i < n; i++)
        free(q[i]);
    return 0;
}
