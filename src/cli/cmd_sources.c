/* cmd_sources.c — `dossier sources "sentence"`: the passages that back a
 * sentence, best first, as FILE:LINE:COL lines a script or an editor reads. */
#include "cli.h"

#include <glib.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "usage: dossier sources [--corpus DIR] [--limit N] [--json] SENTENCE|-\n"
    "\n"
    "Ranks the corpus's passages for SENTENCE ('-' reads it from standard input)\n"
    "and prints the verdict, then one line per passage, best first:\n"
    "\n"
    "  corroborated by 2 sources\n"
    "  FILE:LINE:COL: SCORE COVERAGE ID: passage text\n"
    "\n"
    "--limit N gives N passages (default 5); --json the same as JSON.\n"
    "\n"
    "exit status: 0 done (whatever the verdict), 2 wrong arguments, 3 no corpus\n";

/* One line of a passage: its text with line breaks as spaces. */
static char *one_line(const char *s, size_t n) {
    char *t = g_strndup(s, n);
    for (char *p = t; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t') *p = ' ';
    return t;
}

int cmd_sources(int argc, char **argv) {
    const char *corpus = NULL, *sentence = NULL, *limit_s = NULL;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        int got;
        if (cli_is_help(argv[i])) {
            fputs(usage_text, stdout);
            return CLI_OK;
        }
        if ((got = cli_flag_value(argc, argv, &i, "--corpus", &corpus)) ||
            (got = cli_flag_value(argc, argv, &i, "--limit", &limit_s))) {
            if (got < 0) return CLI_USAGE;
        } else if (!strcmp(argv[i], "--json")) {
            json = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_fail(CLI_USAGE, "sources: unknown option '%s'", argv[i]);
        } else if (!sentence) {
            sentence = argv[i];
        } else {
            return cli_fail(CLI_USAGE, "sources: give the sentence as one argument (quote it)");
        }
    }
    if (!sentence)
        return cli_fail(CLI_USAGE, "sources: give a sentence (see dossier sources --help)");
    size_t limit = 5;
    if (limit_s) {
        char *end;
        long v = strtol(limit_s, &end, 10);
        if (*end || v < 1 || v > 1000)
            return cli_fail(CLI_USAGE, "sources: --limit must be a number from 1 to 1000");
        limit = (size_t)v;
    }
    char *text = NULL;
    size_t len;
    if (strcmp(sentence, "-") == 0) {
        if (cli_read("-", &text, &len)) return CLI_FAILURE;
    } else {
        text = strdup(sentence);
        len = strlen(sentence);
    }
    dossier_corpus *c;
    if (cli_open_corpus(corpus, &c)) {
        free(text);
        return CLI_FAILURE;
    }
    dossier_corroborate_opts opts = {limit};
    dossier_corroboration r = {0};
    dossier_error err;
    int rc = CLI_OK;
    if (dossier_corroborate(c, text, len, &opts, &r, &err)) {
        rc = cli_fail(CLI_FAILURE, "sources: %s", err.message);
    } else if (json) {
        json_t *hits = json_array();
        for (size_t k = 0; k < r.n; k++) {
            const dossier_passage *p = dossier_passage_at(c, r.hits[k].passage);
            const dossier_article *a = dossier_article_at(c, p->article);
            json_array_append_new(
                hits,
                json_pack("{s:s,s:s,s:s,s:i,s:i,s:i,s:i,s:f,s:f,s:s,s:s%}", "article", a->id, "key",
                          a->key, "file", a->path, "line", p->line, "col", p->col, "end_line",
                          p->end_line, "end_col", p->end_col, "score", r.hits[k].score, "coverage",
                          r.hits[k].coverage, "matched", r.hits[k].matched ? r.hits[k].matched : "",
                          "text", a->text + p->start, p->end - p->start));
        }
        json_t *out = json_pack("{s:s,s:b,s:i,s:f,s:o}", "verdict",
                                r.corroborated ? "corroborated" : "unverified", "corroborated",
                                r.corroborated, "sources", (int)r.n_sources, "threshold",
                                r.threshold, "hits", hits);
        char *s = json_dumps(out, JSON_INDENT(2));
        if (s) puts(s);
        free(s);
        json_decref(out);
    } else {
        if (r.corroborated)
            printf("corroborated by %zu source%s\n", r.n_sources, r.n_sources == 1 ? "" : "s");
        else
            printf("unverified: no passage clears the threshold\n");
        for (size_t k = 0; k < r.n; k++) {
            const dossier_passage *p = dossier_passage_at(c, r.hits[k].passage);
            const dossier_article *a = dossier_article_at(c, p->article);
            char *t = one_line(a->text + p->start, p->end - p->start);
            printf("%s:%u:%u: %.2f %.2f %s: %s\n", a->path, p->line, p->col, r.hits[k].score,
                   r.hits[k].coverage, a->id, t);
            g_free(t);
        }
    }
    dossier_corroboration_free(&r);
    dossier_close(c);
    free(text);
    return rc;
}
