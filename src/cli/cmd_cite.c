/* cmd_cite.c — `dossier cite KEY` and `dossier bibliography`: the citations
 * and the bibliography the editor inserts and exports, for scripts. */
#include "cli.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char cite_usage[] =
    "usage: dossier cite [--corpus DIR] [--style S] [--para N] [--json] KEY\n"
    "\n"
    "Prints a citation of the article whose id or citation key is KEY. Styles:\n"
    "pandoc ([@key], the default), footnote ([^key], then its definition on the\n"
    "next line), inline ((Publisher, date)) and reference (a full reference).\n"
    "--para N cites paragraph N of the article (a locator: [@key, para. N]).\n"
    "--json prints {article, key, file, style, para, line, text, definition}:\n"
    "the article cited, the paragraph and the line it starts on (null without\n"
    "--para), the citation and the footnote's definition (null but for footnote).\n"
    "\n"
    "exit status: 0 done, 2 wrong arguments or an unknown style, 3 no such article\n";

static const char bib_usage[] =
    "usage: dossier bibliography [--corpus DIR] [--format csl|bibtex]\n"
    "\n"
    "Prints the whole corpus as a bibliography: CSL JSON (the default) for\n"
    "pandoc --citeproc, or BibTeX/biblatex for biber and bibtex.\n";

/* The first passage of paragraph `para` (1-based) of article a, or -1. */
static long paragraph_passage(const dossier_corpus *c, size_t a, long para) {
    const dossier_article *art = dossier_article_at(c, a);
    for (size_t k = 0; k < art->n_passages; k++) {
        const dossier_passage *p = dossier_passage_at(c, art->first_passage + k);
        if ((long)p->paragraph + 1 == para) return (long)(art->first_passage + k);
    }
    return -1;
}

int cmd_cite(int argc, char **argv) {
    const char *corpus = NULL, *style_s = "pandoc", *para_s = NULL, *key = NULL;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        int got;
        if (cli_is_help(argv[i])) {
            fputs(cite_usage, stdout);
            return CLI_OK;
        }
        if ((got = cli_flag_value(argc, argv, &i, "--corpus", &corpus)) ||
            (got = cli_flag_value(argc, argv, &i, "--style", &style_s)) ||
            (got = cli_flag_value(argc, argv, &i, "--para", &para_s))) {
            if (got < 0) return CLI_USAGE;
        } else if (!strcmp(argv[i], "--json")) {
            json = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_unknown_option("cite", argv[i]);
        } else if (!key) {
            key = argv[i];
        } else {
            return cli_fail(CLI_USAGE, "cite: one KEY at a time");
        }
    }
    if (!key) return cli_fail(CLI_USAGE, "cite: give an article id or citation key");
    dossier_cite_style style;
    dossier_error serr;
    if (dossier_cite_style_parse(style_s, &style, &serr))
        return cli_fail(CLI_USAGE, "cite: %s", serr.message);
    long para = 0;
    if (para_s) {
        char *end;
        para = strtol(para_s, &end, 10);
        if (*end || para < 1) return cli_fail(CLI_USAGE, "cite: --para must be a positive number");
    }
    dossier_corpus *c;
    if (cli_open_corpus(corpus, &c)) return CLI_FAILURE;
    int rc = CLI_OK;
    long a = dossier_article_find(c, key);
    long passage = -1;
    if (a < 0) {
        rc = cli_fail(CLI_FAILURE, "cite: no article with id or key '%s' in %s", key,
                      cli_corpus_dir(corpus));
    } else if (para && (passage = paragraph_passage(c, (size_t)a, para)) < 0) {
        rc = cli_fail(CLI_FAILURE, "cite: article '%s' has no paragraph %ld", key, para);
    } else {
        char *text = NULL, *def = NULL;
        dossier_error err;
        if (dossier_cite(c, (size_t)a, passage, style, &text, &def, &err)) {
            rc = cli_fail(CLI_FAILURE, "cite: %s", err.message);
        } else if (json) {
            const dossier_article *art = dossier_article_at(c, (size_t)a);
            const dossier_passage *p = passage >= 0 ? dossier_passage_at(c, (size_t)passage) : NULL;
            json_t *j =
                json_pack("{s:s,s:s,s:s,s:s,s:o,s:o,s:s,s:o}", "article", art->id, "key", art->key,
                          "file", art->path, "style", dossier_cite_style_name(style), "para",
                          p ? json_integer(para) : json_null(), "line",
                          p ? json_integer(p->line) : json_null(), "text", text, "definition",
                          def ? json_string(def) : json_null());
            char *s = json_dumps(j, JSON_INDENT(2));
            if (s) puts(s);
            free(s);
            json_decref(j);
        } else {
            puts(text);
            if (def) puts(def);
        }
        dossier_free(text);
        dossier_free(def);
    }
    dossier_close(c);
    return rc;
}

int cmd_bibliography(int argc, char **argv) {
    const char *corpus = NULL, *format = "csl";
    for (int i = 1; i < argc; i++) {
        int got;
        if (cli_is_help(argv[i])) {
            fputs(bib_usage, stdout);
            return CLI_OK;
        }
        if ((got = cli_flag_value(argc, argv, &i, "--corpus", &corpus)) ||
            (got = cli_flag_value(argc, argv, &i, "--format", &format))) {
            if (got < 0) return CLI_USAGE;
        } else {
            return argv[i][0] == '-' && argv[i][1]
                       ? cli_unknown_option("bibliography", argv[i])
                       : cli_fail(CLI_USAGE, "bibliography: unexpected argument '%s'", argv[i]);
        }
    }
    if (strcmp(format, "csl") && strcmp(format, "bibtex"))
        return cli_fail(CLI_USAGE, "bibliography: --format must be csl or bibtex");
    dossier_corpus *c;
    if (cli_open_corpus(corpus, &c)) return CLI_FAILURE;
    char *out = NULL;
    dossier_error err;
    int rc = CLI_OK;
    if (dossier_bibliography(c, format, &out, &err))
        rc = cli_fail(CLI_FAILURE, "bibliography: %s", err.message);
    else
        fputs(out, stdout);
    dossier_free(out);
    dossier_close(c);
    return rc;
}
