/* dossier_scan.c — times dossier_scan() on a whole file through the C API.
 *
 * usage: dossier_scan CORPUS_DIR FILE [RUNS]
 * Opening the corpus and reading the file are not timed; each run is one
 * dossier_scan() plus dossier_matches_free() over the whole text, so it covers
 * tokenizing, folding, alias lookup and short-form resolution. Prints the
 * number of spans and the seconds of each run on stdout, and how long opening
 * the corpus took on stderr. */
#include "common.h"
#include "dossier.h"

int main(int argc, char **argv) {
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: %s CORPUS_DIR FILE [RUNS]\n", argv[0]);
        return 2;
    }
    int runs = runs_arg(argv[3]);
    dossier_error err;
    dossier_corpus *c;
    double t_open = now_seconds();
    if (dossier_open(argv[1], &c, &err)) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    /* bench/scan.sh reads this log line for its many-actors table */
    fprintf(stderr, "opened %s: %zu actors in %.3f s\n", argv[1], dossier_actor_count(c),
            now_seconds() - t_open);
    size_t len;
    char *text = read_whole(argv[2], &len);
    size_t matches = 0;
    double *secs = calloc((size_t)runs, sizeof *secs);
    for (int r = 0; r < runs; r++) {
        dossier_matches m;
        double t0 = now_seconds();
        if (dossier_scan(c, text, len, &m, &err)) {
            fprintf(stderr, "%s: %s\n", argv[2], err.message);
            return 1;
        }
        matches = m.n;
        dossier_matches_free(&m);
        secs[r] = now_seconds() - t0;
    }
    print_result(matches, secs, runs);
    free(secs);
    free(text);
    dossier_close(c);
    return 0;
}
