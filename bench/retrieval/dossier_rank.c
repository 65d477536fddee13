/* dossier_rank.c — Dossier's side of the retrieval benchmark.
 *
 *   dossier_rank <corpus-dir> <queries.tsv|-> <budget-s>
 *
 * Index build = dossier_open() of the corpus directory: it reads the files,
 * parses the front matter and actors.yaml, segments sentences, finds the actor
 * mentions and builds the BM25 index (all of it, since that is what a user
 * waits for). A query = dossier_corroborate() with limit TOP_K, the whole call:
 * tokenizing, actor scan, ranking, coverage and matched terms. */
#include "common.h"
#include "dossier.h"

struct bench_engine {
    const char *dir;
    dossier_corpus *c;
};

static size_t build(bench_engine *e) {
    dossier_error err;
    if (dossier_open(e->dir, &e->c, &err) != DOSSIER_OK) die("dossier_open", err.message);
    size_t n = 0;
    for (size_t i = 0; i < dossier_passage_count(e->c); i++)
        n += dossier_passage_at(e->c, i)->kind == DOSSIER_PROSE;
    return n;
}

static void drop(bench_engine *e) {
    dossier_close(e->c);
    e->c = NULL;
}

static int query(bench_engine *e, const char *text, long *out) {
    dossier_corroborate_opts o = {.limit = TOP_K};
    dossier_corroboration r;
    dossier_error err;
    if (dossier_corroborate(e->c, text, strlen(text), &o, &r, &err) != DOSSIER_OK)
        die("dossier_corroborate", err.message);
    int n = (int)r.n;
    for (int k = 0; k < n; k++)
        out[k] = (long)r.hits[k].passage;
    dossier_corroboration_free(&r);
    return n;
}

int main(int argc, char **argv) {
    if (argc != 4) die("usage", "dossier_rank <corpus-dir> <queries.tsv|-> <budget-s>");
    bench_engine e = {argv[1], NULL};
    run_bench(&e, build, drop, query, argv[2], atof(argv[3]));
    return 0;
}
