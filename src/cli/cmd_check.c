/* cmd_check.c — `dossier check DRAFT`: the editor's whole-draft check as
 * compiler-style lines, `file:line:col: severity: message`, which Vim's
 * default 'errorformat', editors' problem matchers and CI read as they are.
 *
 * Each prose sentence gets a verdict from the corpus and each quotation one
 * from the quotation check, and the core gives each its severity (the rule
 * the plugin and `dossier lsp` show too): what has one is printed, an error
 * fails the run. A contradicted sentence (a source about the same thing says
 * otherwise) is an error that quotes the source's words. */
#include "cli.h"

#include <glib.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "usage: dossier check [--corpus DIR] [--all] [--json] DRAFT\n"
    "\n"
    "Checks every sentence of DRAFT ('-' reads standard input) against the corpus\n"
    "and every quotation against the sources, and prints one line per finding:\n"
    "\n"
    "  DRAFT:LINE:COL: error: contradicted (date): the source says: \"...\" (FILE:LINE)\n"
    "  DRAFT:LINE:COL: error: quotation differs from the source: \"...\" (FILE:LINE)\n"
    "  DRAFT:LINE:COL: warning: unverified: no source passage supports this sentence\n"
    "  DRAFT:LINE:COL: warning: quotation not found in the sources\n"
    "  DRAFT:LINE:COL: info: unverified: no source passage supports this sentence\n"
    "\n"
    "An unverified sentence is a warning when it names an actor or states a fact\n"
    "(a number, amount, date or version), info otherwise; the editor plugin and\n"
    "dossier lsp give the same severities.\n"
    "In Vim, with the plugin: :Dossier compiler, then :make (each finding typed\n"
    "in the quickfix list); without it, :cexpr system('dossier check ' .. expand('%')).\n"
    "--all also prints the supported sentences and the exact quotations (as\n"
    "notes), --json the whole result as JSON.\n"
    "\n"
    "exit status: 0 no errors, 1 an altered quotation (or a contradicted sentence),\n"
    "2 wrong arguments, 3 the draft or the corpus could not be read\n";

/* What a sentence or a quotation came out as: its verdict's name and the
 * core's severity of it (dossier_sentence_severity, dossier_quote_severity),
 * the one rule the plugin and the language server show too. */
typedef struct {
    const char *name;
    dossier_severity severity;
} outcome;

/* The severity as a compiler line says it: a finding with no severity
 * (supported, quoted as written) is a note, printed with --all only. */
static const char *severity_label(dossier_severity s) {
    return s == DOSSIER_SEVERITY_NONE ? "note" : dossier_severity_name(s);
}

typedef struct {
    const char *draft;
    const char *text;
    dossier_corpus *c; /* a batch keeps its threads' handles in it */
    int all, json;
    int failed;
    json_t *sentences, *quotes;
    cli_pos pos;     /* line and column of the findings, in one pass per list */
    GArray *printed; /* the finding lines, printed in the draft's order at the end */
} check_run;

/* A finding line, with its place in the draft. */
typedef struct {
    unsigned line, col, seq;
    char *text;
} finding_line;

static void add_line(check_run *r, unsigned line, unsigned col, char *text) {
    finding_line f = {line, col, r->printed->len, text};
    g_array_append_val(r->printed, f);
}

/* Sentences and quotations are found in two passes; a compiler's lines come
 * in the file's order, and so do these. */
static int by_place(gconstpointer x, gconstpointer y) {
    const finding_line *a = x, *b = y;
    if (a->line != b->line) return a->line < b->line ? -1 : 1;
    if (a->col != b->col) return a->col < b->col ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void print_lines(check_run *r) {
    g_array_sort(r->printed, by_place);
    for (guint i = 0; i < r->printed->len; i++) {
        finding_line *f = &g_array_index(r->printed, finding_line, i);
        puts(f->text);
        g_free(f->text);
    }
    g_array_free(r->printed, TRUE);
}

/* The file name of an article, for "FILE:LINE" references. */
static const char *article_file(const dossier_corpus *c, size_t a) {
    const char *p = dossier_article_at(c, a)->path;
    const char *slash = strrchr(p, '/');
    return slash ? slash + 1 : p;
}

/* "contradicted (date): the source says: "on September 13" (FILE:LINE)",
 * from the first contradicting hit's first conflict. */
static char *contradiction(const dossier_corpus *c, const dossier_corroboration *cr) {
    for (size_t k = 0; k < cr->n; k++) {
        const dossier_hit *h = &cr->hits[k];
        if (h->stance != DOSSIER_CONTRADICTS || !h->evidence.n_conflicts) continue;
        const dossier_conflict *x = &h->evidence.conflicts[0];
        const dossier_passage *p = dossier_passage_at(c, h->passage);
        const dossier_article *a = dossier_article_at(c, p->article);
        size_t n = x->context_end > x->context_start ? x->context_end - x->context_start : 0;
        char *words = g_strndup(a->text + x->context_start, n);
        for (char *q = words; *q; q++)
            if (*q == '\n' || *q == '\r' || *q == '\t') *q = ' ';
        char *msg = g_strdup_printf(
            "contradicted (%s): the source says: \xE2\x80\x9C%s\xE2\x80\x9D (%s:%u)",
            dossier_conflict_name(x->kind), words, article_file(c, p->article), x->line);
        g_free(words);
        return msg;
    }
    return g_strdup("contradicted by the sources");
}

/* An error fails the run; what has a severity is printed, the rest with
 * --all. */
static void emit(check_run *r, outcome o, size_t start, const char *message) {
    if (o.severity == DOSSIER_SEVERITY_ERROR) r->failed = 1;
    if (r->json || !(o.severity != DOSSIER_SEVERITY_NONE || r->all)) return;
    unsigned line, col;
    cli_pos_at(&r->pos, start, &line, &col);
    add_line(r, line, col,
             g_strdup_printf("%s:%u:%u: %s: %s", r->draft, line, col, severity_label(o.severity),
                             message));
}

static const dossier_corroborate_opts sentence_opts = {.limit = 3};

/* The prose sentences of rs[0, n) given to the core's threads at once
 * (dossier_batch_start): NULL when there is none or no thread starts, and
 * each is then asked in turn. */
static dossier_batch *start_batch(check_run *r, const dossier_range *rs, size_t n) {
    const char **texts = g_new(const char *, n ? n : 1);
    size_t *lens = g_new(size_t, n ? n : 1), k = 0;
    for (size_t i = 0; i < n; i++)
        if (rs[i].kind == DOSSIER_PROSE) {
            texts[k] = r->text + rs[i].start;
            lens[k++] = rs[i].end - rs[i].start;
        }
    dossier_batch *b = NULL;
    dossier_error err;
    if (k && dossier_batch_start(r->c, texts, lens, k, &sentence_opts, 0, &b, &err)) b = NULL;
    g_free(texts);
    g_free(lens);
    return b;
}

/* The core's answer to the k-th prose sentence s[0, slen) and its severity:
 * the batch's when one runs, else asked now into *own. */
static dossier_status answer(check_run *r, dossier_batch *b, size_t k, const char *s, size_t slen,
                             dossier_corroboration *own, const dossier_corroboration **cr,
                             dossier_severity *severity, dossier_error *err) {
    if (b) {
        dossier_batch_result(b, k, 1, cr, severity, err);
        return err->status;
    }
    *cr = own;
    dossier_status st = dossier_corroborate(r->c, s, slen, &sentence_opts, own, err);
    return st ? st : dossier_sentence_severity(r->c, s, slen, own->verdict, severity, err);
}

static int check_sentences(check_run *r, size_t len) {
    dossier_range *rs = NULL;
    size_t n = 0;
    dossier_error err;
    if (dossier_segment(r->text, len, &rs, &n, &err))
        return cli_fail(CLI_FAILURE, "%s: %s", r->draft, err.message);
    dossier_batch *b = start_batch(r, rs, n);
    for (size_t i = 0, prose = 0; i < n; i++) {
        if (rs[i].kind != DOSSIER_PROSE) continue;
        const char *s = r->text + rs[i].start;
        size_t slen = rs[i].end - rs[i].start;
        dossier_corroboration own = {0};
        const dossier_corroboration *crp = NULL;
        dossier_matches m = {0};
        outcome o = {NULL, DOSSIER_SEVERITY_NONE};
        if (answer(r, b, prose++, s, slen, &own, &crp, &o.severity, &err)) {
            dossier_corroboration_free(&own);
            dossier_batch_free(b);
            free(rs);
            return cli_fail(CLI_FAILURE, "%s: %s", r->draft, err.message);
        }
        /* a shallow copy: own or the batch holds its memory */
        const dossier_corroboration cr = *crp;
        o.name = dossier_verdict_name(cr.verdict);
        size_t actors = 0;
        if (dossier_scan(r->c, s, slen, &m, NULL) == DOSSIER_OK) /* over a pattern's limit: none */
            for (size_t k = 0; k < m.n; k++)
                actors += m.spans[k].actor >= 0;
        char *msg;
        if (cr.verdict == DOSSIER_SUPPORTED && cr.n) {
            const dossier_passage *p = dossier_passage_at(r->c, cr.hits[0].passage);
            msg = g_strdup_printf("supported by %zu source%s (best: %s:%u)", cr.n_sources,
                                  cr.n_sources == 1 ? "" : "s", article_file(r->c, p->article),
                                  p->line);
        } else if (cr.verdict == DOSSIER_CONTRADICTED) {
            msg = contradiction(r->c, &cr);
        } else {
            msg = g_strdup("unverified: no source passage supports this sentence");
        }
        emit(r, o, rs[i].start, msg);
        if (r->json) {
            unsigned line, col, eline, ecol;
            cli_pos_at(&r->pos, rs[i].start, &line, &col);
            cli_pos_at(&r->pos, rs[i].end ? rs[i].end - 1 : 0, &eline, &ecol);
            json_t *hits = json_array();
            for (size_t k = 0; k < cr.n; k++) {
                const dossier_passage *p = dossier_passage_at(r->c, cr.hits[k].passage);
                json_array_append_new(hits,
                                      json_pack("{s:s,s:s,s:i,s:i,s:f,s:f}", "article",
                                                dossier_article_at(r->c, p->article)->id, "file",
                                                dossier_article_at(r->c, p->article)->path, "line",
                                                p->line, "col", p->col, "score", cr.hits[k].score,
                                                "coverage", cr.hits[k].coverage));
            }
            json_array_append_new(r->sentences,
                                  json_pack("{s:i,s:i,s:i,s:i,s:s%,s:s,s:s,s:i,s:i,s:o}", "line",
                                            line, "col", col, "end_line", eline, "end_col", ecol,
                                            "text", s, slen, "verdict", o.name, "severity",
                                            dossier_severity_name(o.severity), "sources",
                                            (int)(cr.corroborated ? cr.n_sources : 0), "actors",
                                            (int)actors, "hits", hits));
        }
        g_free(msg);
        dossier_matches_free(&m);
        dossier_corroboration_free(&own);
    }
    dossier_batch_free(b);
    free(rs);
    return CLI_OK;
}

static int check_quotes(check_run *r, size_t len) {
    dossier_range *qs = NULL;
    size_t n = 0;
    dossier_error err;
    if (dossier_find_quotations(r->text, len, &qs, &n, &err))
        return cli_fail(CLI_FAILURE, "%s: %s", r->draft, err.message);
    for (size_t i = 0; i < n; i++) {
        dossier_quote_result q = {0};
        const char *s = r->text + qs[i].start;
        size_t qlen = qs[i].end - qs[i].start;
        if (dossier_check_quote(r->c, s, qlen, &q, &err)) {
            if (err.status == DOSSIER_ERR_LIMIT) continue; /* over 400 words: not a quotation */
            free(qs);
            return cli_fail(CLI_FAILURE, "%s: %s", r->draft, err.message);
        }
        outcome o = {dossier_quote_verdict_name(q.verdict), dossier_quote_severity(q.verdict)};
        char *msg;
        if (q.verdict == DOSSIER_QUOTE_ALTERED)
            msg = g_strdup_printf(
                "quotation differs from the source: \xE2\x80\x9C%s\xE2\x80\x9D (%s:%u)", q.source,
                article_file(r->c, q.article), q.line);
        else if (q.verdict == DOSSIER_QUOTE_EXACT)
            msg = g_strdup_printf("quotation found as written (%s:%u)",
                                  article_file(r->c, q.article), q.line);
        else
            msg = g_strdup("quotation not found in the sources");
        emit(r, o, qs[i].start, msg);
        if (r->json) {
            unsigned line, col;
            cli_pos_at(&r->pos, qs[i].start, &line, &col);
            json_t *j = json_pack("{s:i,s:i,s:s%,s:s,s:s,s:f}", "line", line, "col", col, "text", s,
                                  qlen, "verdict", o.name, "severity",
                                  dossier_severity_name(o.severity), "similarity", q.similarity);
            if (q.verdict != DOSSIER_QUOTE_NONE) {
                json_object_set_new(j, "article",
                                    json_string(dossier_article_at(r->c, q.article)->id));
                json_object_set_new(j, "file",
                                    json_string(dossier_article_at(r->c, q.article)->path));
                json_object_set_new(j, "source_line", json_integer(q.line));
                json_object_set_new(j, "source", json_string(q.source ? q.source : ""));
            }
            json_array_append_new(r->quotes, j);
        }
        g_free(msg);
        dossier_quote_result_free(&q);
    }
    free(qs);
    return CLI_OK;
}

int cmd_check(int argc, char **argv) {
    const char *corpus = NULL, *draft = NULL;
    int all = 0, json = 0;
    for (int i = 1; i < argc; i++) {
        int got;
        if (cli_is_help(argv[i])) {
            fputs(usage_text, stdout);
            return CLI_OK;
        }
        if ((got = cli_flag_value(argc, argv, &i, "--corpus", &corpus))) {
            if (got < 0) return CLI_USAGE;
        } else if (!strcmp(argv[i], "--all")) {
            all = 1;
        } else if (!strcmp(argv[i], "--json")) {
            json = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_unknown_option("check", argv[i]);
        } else if (!draft) {
            draft = argv[i];
        } else {
            return cli_fail(CLI_USAGE, "check: one DRAFT at a time");
        }
    }
    if (!draft)
        return cli_fail(CLI_USAGE, "check: give the draft to check (see dossier check --help)");
    char *text;
    size_t len;
    if (cli_read(draft, &text, &len)) return CLI_FAILURE;
    dossier_corpus *c;
    if (cli_open_corpus(corpus, &c)) {
        free(text);
        return CLI_FAILURE;
    }
    check_run r = {strcmp(draft, "-") ? draft : "<stdin>",
                   text,
                   c,
                   all,
                   json,
                   0,
                   json_array(),
                   json_array(),
                   {0},
                   g_array_new(FALSE, FALSE, sizeof(finding_line))};
    cli_pos_init(&r.pos, text);
    /* bytes that are not UTF-8 (a file saved in another encoding): said once,
     * where they are, and the check goes on with the rest */
    const gchar *bad;
    if (!json && !g_utf8_validate(text, (gssize)len, &bad)) {
        unsigned line, col;
        cli_line_col(text, (size_t)(bad - text), &line, &col);
        add_line(&r, line, col,
                 g_strdup_printf("%s:%u:%u: warning: not UTF-8 (byte 0x%02X): save the draft as "
                                 "UTF-8",
                                 r.draft, line, col, (unsigned char)*bad));
    }
    int rc = check_sentences(&r, len);
    if (rc == CLI_OK) rc = check_quotes(&r, len);
    if (rc == CLI_OK && json) {
        json_t *out =
            json_pack("{s:s,s:s,s:o,s:o,s:b}", "draft", r.draft, "corpus", cli_corpus_dir(corpus),
                      "sentences", r.sentences, "quotations", r.quotes, "failed", r.failed);
        char *s = json_dumps(out, JSON_INDENT(2));
        if (s) puts(s);
        free(s);
        json_decref(out);
    } else {
        json_decref(r.sentences);
        json_decref(r.quotes);
    }
    print_lines(&r); /* also after a failure: what was found before it */
    /* the related words worked out, for the next run (a cache that cannot
     * be written costs the next run that time only) */
    dossier_save_related(c, NULL, NULL);
    dossier_close(c);
    free(text);
    if (rc != CLI_OK) return rc;
    return r.failed ? CLI_FINDINGS : CLI_OK;
}
