/* cmd_import.c — `dossier import DIR FILE|-...`: sources into a corpus.
 *
 * Each source is read by its importer (HTML, Markdown, plain text, PDF), the
 * command line's flags override what it found, a terminal user is asked for
 * a missing title, author or date, and the article is written as DIR/<id>.md
 * with the original in DIR/originals/. The report says, field by field, what
 * was found and where, and what was not. */
#include "cli.h"

#include "import/import.h"
#include "import/refs.h"
#include "import/report.h"
#include "import/write.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage_text[] =
    "usage: dossier import [OPTIONS] DIR FILE|-...\n"
    "\n"
    "Adds sources to the corpus in DIR: saved web pages (.html), Markdown with\n"
    "another tool's front matter (Jekyll, Hugo, Obsidian: .md), plain text (.txt)\n"
    "and PDF. '-' reads standard input. Each becomes DIR/<id>.md; the original is\n"
    "kept as DIR/originals/<id>.<ext>. Fields a source does not give are written\n"
    "'unknown'; the report says what was found, where, and what was not.\n"
    "\n"
    "options (they apply to every FILE; the flags win over what a source says):\n"
    "  --title T        the title\n"
    "  --author A       an author (repeat for several); 'org:NAME' for an organisation\n"
    "  --date D         the publication date\n"
    "  --publisher P    the publisher\n"
    "  --container C    the site or series, when not the publisher\n"
    "  --url U          where the source was published\n"
    "  --type T         CSL type: article-newspaper, post-weblog, webpage, report, ...\n"
    "  --language L     BCP 47 language tag, e.g. en (or a name: english, british)\n"
    "  --doi DOI        its DOI, e.g. 10.1000/xyz123\n"
    "  --id ID          the article's id (one FILE only)\n"
    "  --key KEY        its citation key (one FILE only)\n"
    "  --format F       read FILE as html, markdown, text or pdf, whatever its name\n"
    "  --bib REFS.bib   your own bibliography (BibTeX/biblatex, e.g. a Zotero export):\n"
    "                   a source matching an entry (by url, DOI or title) takes its\n"
    "                   citation key and fields\n"
    "  --csl REFS.json  the same from a CSL JSON bibliography\n"
    "  --dry-run        report what would be imported; write nothing\n"
    "  --no-prompt      never ask, even on a terminal\n"
    "  --json           the report as JSON (never asks)\n"
    "\n"
    "exit status: 0 imported, 2 wrong arguments, 3 a source could not be imported\n";

typedef struct {
    const char *value[F_COUNT];
    GPtrArray *authors; /* const char * */
    const char *id, *key, *format, *bib, *csl;
    int dry_run, no_prompt, json;
    ref_list *refs; /* the writer's bibliography, when --bib or --csl gives one */
} import_opts;

static int read_input(const char *path, char **data, size_t *len, char **error) {
    GError *ge = NULL;
    if (strcmp(path, "-") == 0) {
        GString *s = g_string_new(NULL);
        char buf[65536];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
            g_string_append_len(s, buf, (gssize)n);
        if (ferror(stdin)) {
            g_string_free(s, TRUE);
            *error = g_strdup("standard input: read error");
            return -1;
        }
        *len = s->len;
        *data = g_string_free(s, FALSE);
        return 0;
    }
    if (!g_file_get_contents(path, data, len, &ge)) {
        *error = g_strdup(ge->message);
        g_error_free(ge);
        return -1;
    }
    return 0;
}

static const char *extension(const char *kind) {
    if (strcmp(kind, "html") == 0) return "html";
    if (strcmp(kind, "markdown") == 0) return "md";
    if (strcmp(kind, "pdf") == 0) return "pdf";
    return "txt";
}

/* Asks on the terminal for a field the source did not give; "" keeps it
 * unknown. */
static char *ask(const char *question) {
    fprintf(stderr, "%s (Enter: unknown): ", question);
    fflush(stderr);
    char line[1024];
    if (!fgets(line, sizeof line, stdin)) return NULL;
    line[strcspn(line, "\r\n")] = '\0';
    return line[0] ? g_strdup(line) : NULL;
}

static void apply_flags(imp_doc *d, const import_opts *o) {
    for (int f = 0; f < F_COUNT; f++)
        if (o->value[f]) imp_force(d, (imp_field)f, o->value[f], "command line");
    if (o->authors->len) {
        g_ptr_array_set_size(d->authors, 0);
        d->authors_from = NULL;
        for (guint i = 0; i < o->authors->len; i++) {
            const char *a = g_ptr_array_index(o->authors, i);
            int org = g_str_has_prefix(a, "org:");
            imp_offer_author(d, org ? a + 4 : a, org, "command line");
        }
    }
}

static void prompt_missing(imp_doc *d, const char *source, int may_ask) {
    if (!may_ask) return;
    int asked = 0;
    if (!d->value[F_TITLE] || !d->authors->len || !d->value[F_DATE])
        fprintf(stderr, "dossier: %s does not say everything a citation needs:\n", source);
    if (!d->value[F_TITLE]) {
        char *v = ask("  title");
        imp_offer(d, F_TITLE, v, "asked");
        g_free(v);
        asked = 1;
    }
    if (!d->authors->len) {
        char *v = ask("  author(s), separated by ';' ('org:' before an organisation)");
        if (v) {
            gchar **names = g_strsplit(v, ";", -1);
            for (gchar **n = names; *n; n++) {
                g_strstrip(*n);
                int org = g_str_has_prefix(*n, "org:");
                imp_offer_author(d, org ? *n + 4 : *n, org, "asked");
            }
            g_strfreev(names);
        }
        g_free(v);
        asked = 1;
    }
    for (int tries = 0; !d->value[F_DATE] && tries < 3; tries++) {
        char *v = ask("  date (e.g. 2024-04-02 or April 2, 2024)");
        if (!v) break;
        if (!imp_offer(d, F_DATE, v, "asked"))
            fprintf(stderr, "  that is not a date Dossier can read: try 2024-04-02\n");
        g_free(v);
        asked = 1;
    }
    (void)asked;
}

static int import_one(const char *dir, const char *path, const import_opts *o, report *rep) {
    char *data = NULL, *error = NULL;
    size_t len = 0;
    if (read_input(path, &data, &len, &error)) {
        report_failure(rep, path, error);
        g_free(error);
        return CLI_FAILURE;
    }
    /* the same file again (an import run twice over a folder): left out, not
     * a second article that lint would then call a duplicate */
    char *already = o->id ? NULL : imp_already_imported(dir, data, len);
    if (already) {
        report_skipped(rep, path, dir, already);
        g_free(already);
        g_free(data);
        return CLI_OK;
    }
    const char *kind = o->format ? o->format : import_detect(path, data, len);
    imp_doc *d = imp_doc_new();
    d->source_path = strcmp(path, "-") != 0 ? path : NULL;
    int rc;
    if (strcmp(kind, "html") == 0)
        rc = import_html(data, len, d, &error);
    else if (strcmp(kind, "markdown") == 0)
        rc = import_markdown(data, len, d, &error);
    else if (strcmp(kind, "pdf") == 0)
        rc = import_pdf(data, len, d, &error);
    else
        rc = import_text(data, len, d, &error);
    if (rc == 0) {
        if (o->refs) { /* the writer's own entry wins over the page, the flags over both */
            const char *how = NULL;
            const ref_entry *e = refs_match(o->refs, d, &how);
            if (e)
                refs_apply(o->refs, e, how, d);
            else
                imp_note(d, "no entry of %s matches it (by url, DOI or title)", o->refs->file);
        }
        if (strcmp(kind, "html") == 0)
            imp_offer(d, F_TYPE, "webpage", "the default for a web page");
        apply_flags(d, o);
        int may_ask = !o->no_prompt && !o->json && strcmp(path, "-") != 0 && isatty(0);
        prompt_missing(d, path, may_ask);
        imp_target t = {dir,
                        path,
                        kind,
                        extension(kind),
                        o->id ? o->id : d->want_id,
                        o->key ? o->key : d->want_key,
                        o->dry_run};
        imp_result r;
        rc = imp_write(d, &t, data, len, &r, &error);
        if (rc == 0) report_article(rep, path, kind, d, &r);
        imp_result_clear(&r);
    }
    if (rc) report_failure(rep, path, error);
    g_free(error);
    imp_doc_free(d);
    g_free(data);
    return rc ? CLI_FAILURE : CLI_OK;
}

static int field_flag(const char *arg) {
    static const struct {
        const char *flag;
        imp_field f;
    } flags[] = {{"--title", F_TITLE},         {"--date", F_DATE},
                 {"--publisher", F_PUBLISHER}, {"--url", F_URL},
                 {"--type", F_TYPE},           {"--language", F_LANGUAGE},
                 {"--container", F_CONTAINER}, {"--doi", F_DOI}};
    for (size_t i = 0; i < G_N_ELEMENTS(flags); i++)
        if (strcmp(arg, flags[i].flag) == 0) return (int)flags[i].f;
    return -1;
}

int cmd_import(int argc, char **argv) {
    import_opts o = {{0}, g_ptr_array_new(), NULL, NULL, NULL, NULL, NULL, 0, 0, 0, NULL};
    const char *dir = NULL;
    GPtrArray *files = g_ptr_array_new();
    int rc = CLI_OK;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int f;
        if (cli_is_help(a)) {
            fputs(usage_text, stdout);
            goto done;
        } else if ((f = field_flag(a)) >= 0 || !strcmp(a, "--author") || !strcmp(a, "--id") ||
                   !strcmp(a, "--key") || !strcmp(a, "--format") || !strcmp(a, "--bib") ||
                   !strcmp(a, "--csl")) {
            if (i + 1 >= argc) {
                rc = cli_fail(CLI_USAGE, "import: %s needs a value", a);
                goto done;
            }
            const char *v = argv[++i];
            if (f >= 0)
                o.value[f] = v;
            else if (!strcmp(a, "--author"))
                g_ptr_array_add(o.authors, (gpointer)v);
            else if (!strcmp(a, "--id"))
                o.id = v;
            else if (!strcmp(a, "--key"))
                o.key = v;
            else if (!strcmp(a, "--bib"))
                o.bib = v;
            else if (!strcmp(a, "--csl"))
                o.csl = v;
            else
                o.format = v;
        } else if (!strcmp(a, "--dry-run")) {
            o.dry_run = 1;
        } else if (!strcmp(a, "--no-prompt")) {
            o.no_prompt = 1;
        } else if (!strcmp(a, "--json")) {
            o.json = 1;
        } else if (a[0] == '-' && a[1]) {
            rc = cli_unknown_option("import", a);
            goto done;
        } else if (!dir) {
            dir = a;
        } else {
            g_ptr_array_add(files, (gpointer)a);
        }
    }
    if (!dir || files->len == 0) {
        rc = cli_fail(CLI_USAGE, "import: give a corpus directory and at least one file (see "
                                 "dossier import --help)");
        goto done;
    }
    if (o.format && strcmp(o.format, "html") && strcmp(o.format, "markdown") &&
        strcmp(o.format, "text") && strcmp(o.format, "pdf")) {
        rc = cli_fail(CLI_USAGE, "import: --format must be html, markdown, text or pdf (got '%s')",
                      o.format);
        goto done;
    }
    char iso[11];
    dossier_error derr;
    if (o.value[F_DATE] && dossier_parse_date(o.value[F_DATE], iso, &derr)) {
        rc = cli_fail(CLI_USAGE, "import: --date: %s", derr.message);
        goto done;
    }
    if ((o.id || o.key) && files->len > 1) {
        rc = cli_fail(CLI_USAGE, "import: --id and --key name one article: give one FILE");
        goto done;
    }
    if (!g_file_test(dir, G_FILE_TEST_IS_DIR)) {
        rc = cli_fail(CLI_FAILURE,
                      "import: %s: no such corpus directory (create one with "
                      "dossier init %s)",
                      dir, dir);
        goto done;
    }
    if (o.bib || o.csl) {
        const char *path = o.bib ? o.bib : o.csl;
        gchar *text = NULL;
        gsize len = 0;
        GError *ge = NULL;
        if (!g_file_get_contents(path, &text, &len, &ge)) {
            rc = cli_fail(CLI_FAILURE, "import: %s", ge->message);
            g_error_free(ge);
            goto done;
        }
        o.refs = refs_new(path);
        char *error = NULL;
        int bad = o.bib ? refs_parse_bib(o.refs, text, len, &error)
                        : refs_parse_csl(o.refs, text, len, &error);
        g_free(text);
        if (bad) {
            rc = cli_fail(CLI_FAILURE, "import: %s:%s", path, error + 5); /* "line N: ..." */
            g_free(error);
            goto done;
        }
    }
    report *rep = report_new(o.json, stdout);
    for (guint i = 0; i < files->len; i++)
        if (import_one(dir, g_ptr_array_index(files, i), &o, rep) != CLI_OK) rc = CLI_FAILURE;
    report_finish(rep);
done:
    refs_free(o.refs);
    g_ptr_array_free(o.authors, TRUE);
    g_ptr_array_free(files, TRUE);
    return rc;
}
