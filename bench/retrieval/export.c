/* export.c — the shared inputs of the retrieval benchmark, from Dossier's own
 * view of a corpus, so that all three engines rank the same passages.
 *
 *   export <corpus-dir> <passages.tsv> [<claims.tsv> <queries.tsv>]
 *
 * passages.tsv: "index<TAB>text" for every prose passage and heading (Dossier
 * ranks the prose and the headings written as sentences; furniture is left
 * out), white space collapsed.
 * claims.tsv (from claims.lua): "claim[<TAB>article<TAB>contains]..." a line.
 * queries.tsv: "claim<TAB>gold,gold,..." where the gold passages are the
 * passages of that article (not furniture) overlapping the first occurrence
 * of `contains` in its file, as tests/lua/quality_spec.lua resolves them. */
#include "dossier.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "export: " __VA_ARGS__);                                               \
            fputc('\n', stderr);                                                                   \
            exit(1);                                                                               \
        }                                                                                          \
    } while (0)

static int is_space(char ch) {
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

static void write_passages(const dossier_corpus *c, const char *path) {
    FILE *f = fopen(path, "wb");
    CHECK(f, "%s: cannot write", path);
    size_t n = dossier_passage_count(c), written = 0;
    for (size_t i = 0; i < n; i++) {
        const dossier_passage *p = dossier_passage_at(c, i);
        if (p->kind == DOSSIER_FURNITURE) continue;
        const char *t = dossier_article_at(c, p->article)->text;
        fprintf(f, "%zu\t", i);
        int gap = 0, any = 0;
        for (size_t k = p->start; k < p->end; k++) {
            if (is_space(t[k])) {
                gap = 1;
                continue;
            }
            if (gap && any) fputc(' ', f);
            fputc(t[k], f);
            gap = 0;
            any = 1;
        }
        fputc('\n', f);
        written++;
    }
    CHECK(fclose(f) == 0 && written > 0, "%s: nothing written", path);
    fprintf(stderr, "export: %zu passages, prose and headings (of %zu) -> %s\n", written, n, path);
}

/* Appends to out the prose passages of article `id` overlapping `contains`. */
static int gold_of(const dossier_corpus *c, const char *id, const char *contains, FILE *out,
                   int first) {
    long a = dossier_article_find(c, id);
    CHECK(a >= 0, "claims: unknown article %s", id);
    const dossier_article *art = dossier_article_at(c, (size_t)a);
    const char *hit = strstr(art->text, contains);
    CHECK(hit, "claims: %s does not contain \"%s\"", id, contains);
    size_t s = (size_t)(hit - art->text), e = s + strlen(contains);
    int n = 0;
    for (size_t i = art->first_passage; i < art->first_passage + art->n_passages; i++) {
        const dossier_passage *p = dossier_passage_at(c, i);
        if (p->kind == DOSSIER_FURNITURE || p->start >= e || s >= p->end) continue;
        fprintf(out, "%s%zu", first && n == 0 ? "" : ",", i);
        n++;
    }
    /* a gold text only furniture holds (a photo caption): no engine ranks it */
    if (n == 0) fprintf(stderr, "export: only furniture of %s holds \"%.60s\"\n", id, contains);
    return n;
}

static void write_queries(const dossier_corpus *c, const char *claims, const char *path) {
    FILE *in = fopen(claims, "rb");
    CHECK(in, "%s: cannot open", claims);
    FILE *out = fopen(path, "wb");
    CHECK(out, "%s: cannot write", path);
    static char line[65536];
    size_t n = 0, lineno = 0;
    while (fgets(line, sizeof line, in)) {
        lineno++;
        line[strcspn(line, "\n")] = '\0';
        char *f[64];
        size_t nf = 0;
        for (char *s = line; s && nf < 64;) {
            f[nf++] = s;
            s = strchr(s, '\t');
            if (s) *s++ = '\0';
        }
        CHECK(nf % 2 == 1 && *f[0], "%s:%zu: expected claim[<TAB>article<TAB>contains]...", claims,
              lineno);
        fprintf(out, "%s\t", f[0]);
        int got = 0;
        for (size_t k = 1; k + 1 < nf; k += 2)
            got += gold_of(c, f[k], f[k + 1], out, got == 0);
        fputc('\n', out);
        n++;
    }
    fclose(in);
    CHECK(fclose(out) == 0 && n > 0, "%s: nothing written", path);
    fprintf(stderr, "export: %zu claims -> %s\n", n, path);
}

int main(int argc, char **argv) {
    CHECK(argc == 3 || argc == 5, "usage: export <corpus-dir> <passages.tsv> [<claims.tsv> "
                                  "<queries.tsv>]");
    dossier_corpus *c;
    dossier_error err;
    CHECK(dossier_open(argv[1], &c, &err) == DOSSIER_OK, "%s", err.message);
    write_passages(c, argv[2]);
    if (argc == 5) write_queries(c, argv[3], argv[4]);
    dossier_close(c);
    return 0;
}
