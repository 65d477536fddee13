/* common.h — what every scan benchmark program shares: reading the input file
 * whole (outside the timed region), the alias list, the clock, and the one
 * output line bench/scan.sh parses: "<matches> <seconds run 1> ...".
 *
 * The clock is the process's CPU time unless SCAN_CLOCK=wall asks for the
 * monotonic wall clock: every program here is single-threaded, so CPU time is
 * what wall time would be on an idle machine, and other jobs sharing the cores
 * do not inflate it. */
#ifndef SCAN_BENCH_COMMON_H
#define SCAN_BENCH_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The whole file, NUL-terminated; exits with a message naming the file on failure. */
static char *read_whole(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(1);
    }
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap + 1);
    for (;;) {
        if (!buf) {
            fprintf(stderr, "%s: out of memory\n", path);
            exit(1);
        }
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) break;
        cap *= 2;
        buf = realloc(buf, cap + 1);
    }
    if (ferror(f)) {
        perror(path);
        exit(1);
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static double now_seconds(void) {
    static clockid_t id = (clockid_t)-1;
    if (id == (clockid_t)-1) {
        const char *which = getenv("SCAN_CLOCK");
        id = which && strcmp(which, "wall") == 0 ? CLOCK_MONOTONIC : CLOCK_PROCESS_CPUTIME_ID;
    }
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Runs count from argv (default 5), at least 1. */
static int runs_arg(const char *s) {
    int r = s ? atoi(s) : 5;
    if (r < 1) {
        fprintf(stderr, "runs must be a positive integer, not '%s'\n", s);
        exit(2);
    }
    return r;
}

/* The aliases of an aliases.txt, one per line (CR and empty lines dropped),
 * pointing into *text, which the caller frees with the array. Exits with a
 * message naming the file when there are none. */
static inline char **read_aliases(const char *path, char **text, size_t *n) {
    size_t len, cap = 256;
    *text = read_whole(path, &len);
    char **lines = malloc(cap * sizeof *lines);
    *n = 0;
    for (char *line = strtok(*text, "\n"); line && lines; line = strtok(NULL, "\n")) {
        size_t l = strlen(line);
        if (l && line[l - 1] == '\r') line[--l] = '\0';
        if (!l) continue;
        if (*n == cap) lines = realloc(lines, (cap *= 2) * sizeof *lines);
        if (lines) lines[(*n)++] = line;
    }
    if (!lines || !*n) {
        fprintf(stderr, "%s: no aliases (or out of memory)\n", path);
        exit(1);
    }
    return lines;
}

/* The line bench/scan.sh parses: "<matches> <seconds run 1> ...". */
static void print_result(size_t matches, const double *secs, int runs) {
    printf("%zu", matches);
    for (int r = 0; r < runs; r++)
        printf(" %.6f", secs[r]);
    printf("\n");
}

#endif
