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
    "and prints the verdict (supported, contradicted or unverified), then one\n"
    "line per passage, best first, with what it says of the sentence:\n"
    "\n"
    "  supported by 2 sources\n"
    "  FILE:LINE:COL: SCORE COVERAGE ID: supports: passage text\n"
    "  FILE:LINE:COL: SCORE COVERAGE ID: contradicts (date: \"September 13\"): passage text\n"
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
            return cli_unknown_option("sources", argv[i]);
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
    dossier_corroborate_opts opts = {.limit = limit};
    dossier_corroboration r = {0};
    dossier_error err;
    int rc = CLI_OK;
    if (dossier_corroborate(c, text, len, &opts, &r, &err)) {
        rc = cli_fail(CLI_FAILURE, "sources: %s", err.message);
    } else if (json) {
        json_t *hits = json_array();
        for (size_t k = 0; k < r.n; k++) {
            const dossier_hit *h = &r.hits[k];
            const dossier_passage *p = dossier_passage_at(c, h->passage);
            const dossier_article *a = dossier_article_at(c, p->article);
            json_t *conflicts = json_array();
            for (size_t x = 0; x < h->evidence.n_conflicts; x++) {
                const dossier_conflict *cf = &h->evidence.conflicts[x];
                json_array_append_new(
                    conflicts,
                    json_pack("{s:s,s:s%,s:s%,s:i,s:i}", "kind", dossier_conflict_name(cf->kind),
                              "claim", text + cf->claim_start, cf->claim_end - cf->claim_start,
                              "source", a->text + cf->source_start,
                              cf->source_end - cf->source_start, "line", cf->line, "col", cf->col));
            }
            json_array_append_new(
                hits,
                json_pack("{s:s,s:s,s:s,s:i,s:i,s:i,s:i,s:f,s:f,s:s,s:s,s:f,s:o,s:s%}", "article",
                          a->id, "key", a->key, "file", a->path, "line", p->line, "col", p->col,
                          "end_line", p->end_line, "end_col", p->end_col, "score", h->score,
                          "coverage", h->coverage, "matched", h->matched ? h->matched : "",
                          "stance", dossier_stance_name(h->stance), "support", h->support,
                          "conflicts", conflicts, "text", a->text + p->start, p->end - p->start));
        }
        json_t *out = json_pack("{s:s,s:b,s:i,s:f,s:o}", "verdict", dossier_verdict_name(r.verdict),
                                "corroborated", r.corroborated, "sources", (int)r.n_sources,
                                "threshold", r.threshold, "hits", hits);
        char *s = json_dumps(out, JSON_INDENT(2));
        if (s) puts(s);
        free(s);
        json_decref(out);
    } else {
        if (r.verdict == DOSSIER_SUPPORTED)
            printf("supported by %zu source%s\n", r.n_sources, r.n_sources == 1 ? "" : "s");
        else if (r.verdict == DOSSIER_CONTRADICTED)
            printf("contradicted: a source about the same thing says otherwise\n");
        else
            printf("unverified: no passage says it\n");
        for (size_t k = 0; k < r.n; k++) {
            const dossier_hit *h = &r.hits[k];
            const dossier_passage *p = dossier_passage_at(c, h->passage);
            const dossier_article *a = dossier_article_at(c, p->article);
            char *t = one_line(a->text + p->start, p->end - p->start);
            char *stance = g_strdup(dossier_stance_name(h->stance));
            if (h->stance == DOSSIER_CONTRADICTS && h->evidence.n_conflicts) {
                const dossier_conflict *cf = &h->evidence.conflicts[0];
                char *w = one_line(a->text + cf->source_start, cf->source_end - cf->source_start);
                g_free(stance);
                stance =
                    g_strdup_printf("contradicts (%s: \"%s\")", dossier_conflict_name(cf->kind), w);
                g_free(w);
            }
            printf("%s:%u:%u: %.2f %.2f %s: %s: %s\n", a->path, p->line, p->col, h->score,
                   h->coverage, a->id, stance, t);
            g_free(stance);
            g_free(t);
        }
    }
    dossier_corroboration_free(&r);
    dossier_close(c);
    free(text);
    return rc;
}
