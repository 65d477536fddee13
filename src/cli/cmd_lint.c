/* cmd_lint.c — `dossier lint DIR`: what a corpus author gets wrong, each as
 * `file:line: message` with the fix, exit 1 when there is anything.
 *
 * The checks:
 *  - sources: an actor's `sources` list against the articles the core finds
 *    it in (and ids that are no article);
 *  - silent actors: an actor mentioned in no article (a publisher named only
 *    in its articles' front matter, as `publisher:` or `container:`, is
 *    named all the same);
 *  - shadowed patterns: a regular-expression alias whose matches a literal
 *    alias always takes, or that matches nothing;
 *  - common words: an alias that matched lower-case text made only of common
 *    English words (the system word list), where it is no name. A name of
 *    several words matches in any case by design, so its lower-case match in
 *    an article the actor's `sources` lists is a mention the author has
 *    confirmed ("Russia's eastern military district command");
 *  - dates: an article with no date, a date in the future or before 1800, a
 *    year alone with no date_note saying why;
 *  - duplicates: two articles with the same URL, the same title or the same
 *    text.
 * A file the core cannot load (an article without an id, a YAML error in
 * actors.yaml) is a finding too, with the core's message, and the checks go
 * on with the rest of the corpus (lint_load.h). What loading skipped (a
 * README, notes) is printed as a note, not a finding. */
#include "cli.h"
#include "lint_load.h"
#include "words.h"

#include <jansson.h>

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>

static const char usage_text[] =
    "usage: dossier lint [--json] DIR\n"
    "\n"
    "Checks the corpus in DIR and prints one line per problem, with its fix:\n"
    "  actors.yaml:LINE: actor 'x': sources lists [a] but the articles mentioning it are [a, b]; "
    "...\n"
    "  ARTICLE:LINE: no date ...\n"
    "Checked: actors' sources against their mentions, actors mentioned nowhere,\n"
    "patterns a literal alias shadows (or that match nothing), aliases matching\n"
    "common lower-case words, undated or oddly dated articles, duplicate articles.\n"
    "A file that does not load (an article without an id, a YAML error) is a\n"
    "problem too, at its line, and the rest of the corpus is checked.\n"
    "\n"
    "--json prints {corpus, findings: [{file, line, check, message}], notes,\n"
    "failed} instead; check is load, sources, silent, pattern, common-word, date\n"
    "or duplicate.\n"
    "\n"
    "exit status: 0 clean, 1 problems found, 2 wrong arguments, 3 the corpus\n"
    "directory or its dossier.yaml cannot be read\n";

typedef struct {
    char *file;
    unsigned line;
    const char *check; /* which check found it: "sources", "date", ... */
    char *message;
} finding;

static void finding_free(finding *f) {
    g_free(f->file);
    g_free(f->message);
    g_free(f);
}

static void add(GPtrArray *out, const char *check, const char *file, unsigned line, char *message) {
    finding *f = g_new0(finding, 1);
    f->file = g_strdup(file);
    f->line = line;
    f->check = check;
    f->message = message;
    g_ptr_array_add(out, f);
}

/* ------------------------------------------------------------ where things are written */

typedef struct {
    unsigned line;         /* the actor's mapping */
    unsigned sources_line; /* its 'sources' key, or 0 */
    GArray *pattern_lines; /* unsigned, one per pattern */
} actor_lines;

/* The lines of each actor in actors.yaml, by actor id. */
static void actor_lines_free(gpointer p);

static GHashTable *read_actor_lines(const char *path) {
    GHashTable *map = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, actor_lines_free);
    gchar *text = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &text, &len, NULL)) return map;
    yaml_parser_t p;
    yaml_document_t doc;
    if (!yaml_parser_initialize(&p)) {
        g_free(text);
        return map;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    if (yaml_parser_load(&p, &doc)) {
        yaml_node_t *root = yaml_document_get_root_node(&doc);
        yaml_node_t *list = NULL;
        for (yaml_node_pair_t *q =
                 root && root->type == YAML_MAPPING_NODE ? root->data.mapping.pairs.start : NULL;
             q && q < root->data.mapping.pairs.top; q++) {
            yaml_node_t *k = yaml_document_get_node(&doc, q->key);
            if (k && k->type == YAML_SCALAR_NODE && !strcmp((char *)k->data.scalar.value, "actors"))
                list = yaml_document_get_node(&doc, q->value);
        }
        for (yaml_node_item_t *i =
                 list && list->type == YAML_SEQUENCE_NODE ? list->data.sequence.items.start : NULL;
             i && i < list->data.sequence.items.top; i++) {
            yaml_node_t *m = yaml_document_get_node(&doc, *i);
            if (!m || m->type != YAML_MAPPING_NODE) continue;
            actor_lines *al = g_new0(actor_lines, 1);
            al->line = (unsigned)m->start_mark.line + 1;
            al->pattern_lines = g_array_new(FALSE, TRUE, sizeof(unsigned));
            const char *id = NULL;
            for (yaml_node_pair_t *q = m->data.mapping.pairs.start; q < m->data.mapping.pairs.top;
                 q++) {
                yaml_node_t *k = yaml_document_get_node(&doc, q->key);
                yaml_node_t *v = yaml_document_get_node(&doc, q->value);
                if (!k || k->type != YAML_SCALAR_NODE || !v) continue;
                const char *key = (const char *)k->data.scalar.value;
                if (!strcmp(key, "id") && v->type == YAML_SCALAR_NODE)
                    id = (const char *)v->data.scalar.value;
                if (!strcmp(key, "sources")) al->sources_line = (unsigned)k->start_mark.line + 1;
                if (!strcmp(key, "patterns") && v->type == YAML_SEQUENCE_NODE)
                    for (yaml_node_item_t *x = v->data.sequence.items.start;
                         x < v->data.sequence.items.top; x++) {
                        yaml_node_t *pn = yaml_document_get_node(&doc, *x);
                        unsigned l = pn ? (unsigned)pn->start_mark.line + 1 : al->line;
                        g_array_append_val(al->pattern_lines, l);
                    }
            }
            if (id && !g_hash_table_contains(map, id))
                g_hash_table_insert(map, g_strdup(id), al);
            else {
                g_array_free(al->pattern_lines, TRUE);
                g_free(al);
            }
        }
        yaml_document_delete(&doc);
    }
    yaml_parser_delete(&p);
    g_free(text);
    return map;
}

static void actor_lines_free(gpointer p) {
    actor_lines *al = p;
    g_array_free(al->pattern_lines, TRUE);
    g_free(al);
}

/* The line of `key:` in an article's front matter, or 1. */
static unsigned front_matter_line(const dossier_article *a, const char *key) {
    size_t kl = strlen(key);
    unsigned line = 1;
    for (size_t i = 0; i < a->body_start;) {
        if (strncmp(a->text + i, key, kl) == 0 && a->text[i + kl] == ':') return line;
        const char *nl = memchr(a->text + i, '\n', a->body_start - i);
        if (!nl) break;
        i = (size_t)(nl - a->text) + 1;
        line++;
    }
    return 1;
}

/* ------------------------------------------------------------ checks */

static int cmp_str(gconstpointer a, gconstpointer b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static char *join(GPtrArray *ids) {
    GString *s = g_string_new("[");
    for (guint i = 0; i < ids->len; i++)
        g_string_append_printf(s, "%s%s", i ? ", " : "", (char *)g_ptr_array_index(ids, i));
    g_string_append_c(s, ']');
    return g_string_free(s, FALSE);
}

/* Whether the actor's name or an alias is an article's publisher or container
 * (the paper that published it, often named nowhere in its own text). */
static int named_in_front_matter(const dossier_corpus *c, const dossier_actor *a) {
    for (size_t i = 0; i < dossier_article_count(c); i++) {
        const dossier_article *art = dossier_article_at(c, i);
        const char *by[] = {art->publisher, art->container};
        for (size_t k = 0; k < G_N_ELEMENTS(by); k++) {
            if (!by[k] || !*by[k] || !strcmp(by[k], "unknown")) continue;
            if (!g_ascii_strcasecmp(by[k], a->name)) return 1;
            for (size_t j = 0; j < a->aliases.n; j++)
                if (!g_ascii_strcasecmp(by[k], a->aliases.items[j])) return 1;
        }
    }
    return 0;
}

/* Whether the actor's `sources` lists the article (by id or key). */
static int lists_source(const dossier_actor *a, const dossier_article *art) {
    for (size_t k = 0; k < a->sources.n; k++)
        if (!strcmp(a->sources.items[k], art->id) || !strcmp(a->sources.items[k], art->key))
            return 1;
    return 0;
}

static void check_sources(const dossier_corpus *c, const char *apath, GHashTable *lines,
                          int unloaded, GPtrArray *out) {
    for (size_t i = 0; i < dossier_actor_count(c); i++) {
        const dossier_actor *a = dossier_actor_at(c, i);
        actor_lines *al = g_hash_table_lookup(lines, a->id);
        unsigned line = al ? (al->sources_line ? al->sources_line : al->line) : 1;
        size_t n;
        const dossier_mention *m = dossier_actor_mentions(c, i, &n);
        GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
        GPtrArray *found = g_ptr_array_new();
        for (size_t k = 0; k < n; k++) {
            const char *id =
                dossier_article_at(c, dossier_passage_at(c, m[k].passage)->article)->id;
            if (g_hash_table_add(seen, (gpointer)id)) g_ptr_array_add(found, (gpointer)id);
        }
        g_ptr_array_sort(found, cmp_str);
        if (n == 0 && !named_in_front_matter(c, a)) {
            add(out, "silent", apath, al ? al->line : 1,
                g_strdup_printf("actor '%s' is mentioned in no article: check its name and aliases "
                                "against the texts, or remove it",
                                a->id));
        }
        GPtrArray *listed = g_ptr_array_new();
        for (size_t k = 0; k < a->sources.n; k++) {
            const char *s = a->sources.items[k];
            if (dossier_article_find(c, s) < 0) {
                add(out, "sources", apath, line,
                    g_strdup_printf(
                        "actor '%s': sources names '%s', which is no article id or key "
                        "of this corpus%s",
                        a->id, s,
                        unloaded ? " (unless it is that of an article that did not load)" : ""));
                /* it may be one that did not load: not a disagreement to fix */
                if (unloaded) continue;
            }
            g_ptr_array_add(listed, (gpointer)s);
        }
        g_ptr_array_sort(listed, cmp_str);
        int same = listed->len == found->len;
        for (guint k = 0; same && k < listed->len; k++) {
            /* a key names the article as well as its id */
            long ai = dossier_article_find(c, g_ptr_array_index(listed, k));
            same = ai >= 0 && g_hash_table_contains(seen, dossier_article_at(c, (size_t)ai)->id);
        }
        if (!same && n) {
            char *l = join(listed), *f = join(found);
            add(out, "sources", apath, line,
                g_strdup_printf("actor '%s': sources lists %s but the articles that mention it are "
                                "%s; write: sources: %s",
                                a->id, l, f, f));
            g_free(l);
            g_free(f);
        }
        g_ptr_array_free(listed, TRUE);
        g_ptr_array_free(found, TRUE);
        g_hash_table_destroy(seen);
    }
}

/* A pattern whose every match a literal alias takes (or that matches nothing). */
static void check_patterns(const dossier_corpus *c, const char *apath, GHashTable *lines,
                           GPtrArray *out) {
    for (size_t i = 0; i < dossier_actor_count(c); i++) {
        const dossier_actor *a = dossier_actor_at(c, i);
        if (!a->patterns.n) continue;
        actor_lines *al = g_hash_table_lookup(lines, a->id);
        size_t n;
        const dossier_mention *m = dossier_actor_mentions(c, i, &n);
        for (size_t k = 0; k < a->patterns.n; k++) {
            unsigned line = al && k < al->pattern_lines->len
                                ? g_array_index(al->pattern_lines, unsigned, k)
                                : (al ? al->line : 1);
            int code;
            PCRE2_SIZE off;
            pcre2_code *re =
                pcre2_compile((PCRE2_SPTR)a->patterns.items[k], PCRE2_ZERO_TERMINATED,
                              PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_MATCH_INVALID_UTF,
                              &code, &off, NULL);
            if (!re) continue; /* the core has refused it already */
            pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
            size_t matches = 0, won = 0;
            char *example = NULL;
            for (size_t ai = 0; ai < dossier_article_count(c); ai++) {
                const dossier_article *art = dossier_article_at(c, ai);
                size_t at = art->body_start;
                while (at < art->text_len &&
                       pcre2_match(re, (PCRE2_SPTR)art->text, art->text_len, at, 0, md, NULL) > 0) {
                    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
                    if (ov[1] <= ov[0]) break;
                    matches++;
                    int pattern_mention = 0;
                    for (size_t x = 0; x < n; x++) {
                        const dossier_passage *p = dossier_passage_at(c, m[x].passage);
                        if (p->article == ai && (m[x].flags & DOSSIER_MATCH_PATTERN) &&
                            m[x].start < ov[1] && m[x].end > ov[0])
                            pattern_mention = 1;
                    }
                    if (pattern_mention)
                        won++;
                    else if (!example) {
                        unsigned l, col;
                        cli_line_col(art->text, ov[0], &l, &col);
                        example = g_strdup_printf("%s:%u \"%.*s\"", art->path, l,
                                                  (int)(ov[1] - ov[0]), art->text + ov[0]);
                    }
                    at = ov[1];
                }
            }
            if (matches == 0)
                add(out, "pattern", apath, line,
                    g_strdup_printf("pattern '%s' of actor '%s' matches nothing in the corpus: "
                                    "check it, or remove it",
                                    a->patterns.items[k], a->id));
            else if (won == 0)
                add(out, "pattern", apath, line,
                    g_strdup_printf("pattern '%s' of actor '%s' is shadowed: a literal alias takes "
                                    "each of its %zu matches (e.g. %s); make the pattern cover "
                                    "more than the alias, or remove one of them",
                                    a->patterns.items[k], a->id, matches, example ? example : ""));
            g_free(example);
            pcre2_match_data_free(md);
            pcre2_code_free(re);
        }
    }
}

static void check_common_words(const dossier_corpus *c, const char *apath, GHashTable *lines,
                               GPtrArray *out) {
    GHashTable *dict = cli_word_list();
    if (!dict) {
        fprintf(stderr, "dossier: lint: no word list in /usr/share/dict (Debian's wamerican "
                        "or wbritish): the common-word check is skipped\n");
        return;
    }
    for (size_t i = 0; i < dossier_actor_count(c); i++) {
        const dossier_actor *a = dossier_actor_at(c, i);
        actor_lines *al = g_hash_table_lookup(lines, a->id);
        size_t n;
        const dossier_mention *m = dossier_actor_mentions(c, i, &n);
        for (size_t k = 0; k < n; k++) {
            const dossier_article *art =
                dossier_article_at(c, dossier_passage_at(c, m[k].passage)->article);
            char *surface = g_strndup(art->text + m[k].start, m[k].end - m[k].start);
            char *lower = g_utf8_strdown(surface, -1);
            int common = strcmp(lower, surface) == 0; /* written all in lower case */
            gchar **words = g_strsplit_set(lower, " \t\n-", -1);
            int several = words[0] && words[1];
            for (gchar **w = words; common && *w; w++)
                common = !**w || g_hash_table_contains(dict, *w);
            g_strfreev(words);
            if (common && several && lists_source(a, art)) common = 0; /* confirmed */
            if (common && several) {
                add(out, "common-word", apath, al ? al->line : 1,
                    g_strdup_printf("actor '%s' matches the common words \"%s\" in lower case at "
                                    "%s:%u; a name of several words matches in any case: if "
                                    "this is the actor, list '%s' in its sources; if not, drop "
                                    "the alias",
                                    a->id, surface, art->path, m[k].line, art->id));
                g_free(surface);
                g_free(lower);
                break; /* once per actor */
            }
            if (common) {
                add(out, "common-word", apath, al ? al->line : 1,
                    g_strdup_printf("actor '%s' matches the common word \"%s\" in lower case at "
                                    "%s:%u; write that alias with a capital (a one-word alias "
                                    "written 'Arch' matches only 'Arch'), or drop it",
                                    a->id, surface, art->path, m[k].line));
                g_free(surface);
                g_free(lower);
                break; /* once per actor */
            }
            g_free(surface);
            g_free(lower);
        }
    }
    g_hash_table_destroy(dict);
}

static void check_dates(const dossier_corpus *c, const lint_load *l, GPtrArray *out) {
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    char today[11];
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    for (size_t i = 0; i < dossier_article_count(c); i++) {
        const dossier_article *a = dossier_article_at(c, i);
        if (lint_load_is_stub(l, a)) continue;
        unsigned line = front_matter_line(a, "date");
        if (!strcmp(a->date, "unknown"))
            add(out, "date", a->path, line,
                g_strdup_printf("no date: give the date the source was published (for "
                                "example date: 2024-04-02), or say why it is not known in "
                                "date_note"));
        else if (strncmp(a->date, today, strlen(a->date)) > 0)
            add(out, "date", a->path, line,
                g_strdup_printf("date %s is in the future: check it", a->date));
        else if (strncmp(a->date, "1800", 4) < 0)
            add(out, "date", a->path, line,
                g_strdup_printf("date %s is before 1800: check it (a typo in the year?)", a->date));
        else if (strlen(a->date) == 4 && !*a->date_note)
            add(out, "date", a->path, line,
                g_strdup_printf("date %s is a year alone: give the month and day if the source "
                                "says them, or say in date_note why it cannot",
                                a->date));
    }
}

static void check_duplicates(const dossier_corpus *c, const lint_load *l, GPtrArray *out) {
    size_t n = dossier_article_count(c);
    for (size_t i = 0; i < n; i++) {
        const dossier_article *a = dossier_article_at(c, i);
        if (lint_load_is_stub(l, a)) continue;
        for (size_t j = 0; j < i; j++) {
            const dossier_article *b = dossier_article_at(c, j);
            if (lint_load_is_stub(l, b)) continue;
            const char *why = NULL;
            unsigned line = 1;
            if (strcmp(a->url, "unknown") && !strcmp(a->url, b->url)) {
                why = "the same url";
                line = front_matter_line(a, "url");
            } else if (!g_ascii_strcasecmp(a->title, b->title)) {
                why = "the same title";
                line = front_matter_line(a, "title");
            } else if (a->text_len - a->body_start > 200 &&
                       a->text_len - a->body_start == b->text_len - b->body_start &&
                       !memcmp(a->text + a->body_start, b->text + b->body_start,
                               a->text_len - a->body_start)) {
                why = "the same text";
            }
            if (why)
                add(out, "duplicate", a->path, line,
                    g_strdup_printf("looks like a duplicate of %s (%s): remove one of them, or "
                                    "give each its own id if both are sources",
                                    b->path, why));
        }
    }
}

static int by_place(gconstpointer x, gconstpointer y) {
    const finding *a = *(finding *const *)x, *b = *(finding *const *)y;
    int f = strcmp(a->file, b->file);
    if (f) return f;
    return a->line < b->line ? -1 : a->line > b->line;
}

int cmd_lint(int argc, char **argv) {
    const char *dir = NULL;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) {
            fputs(usage_text, stdout);
            return CLI_OK;
        }
        if (!strcmp(argv[i], "--json"))
            json = 1;
        else if (argv[i][0] == '-' && argv[i][1])
            return cli_unknown_option("lint", argv[i]);
        else if (dir)
            return cli_fail(CLI_USAGE, "lint: one corpus directory");
        else
            dir = argv[i];
    }
    if (!dir)
        return cli_fail(CLI_USAGE, "lint: give the corpus directory (see dossier lint --help)");
    lint_load l;
    char *error = NULL;
    if (lint_load_open(&l, dir, &error)) {
        int rc = cli_fail(CLI_FAILURE, "%s", error);
        g_free(error);
        lint_load_close(&l);
        return rc;
    }
    const dossier_corpus *c = l.corpus;
    GPtrArray *notes = g_ptr_array_new_with_free_func(g_free);
    for (size_t i = 0; i < dossier_notice_count(c); i++)
        g_ptr_array_add(notes, lint_load_paths(&l, dossier_notice_at(c, i)));
    char *apath = g_build_filename(dir, "actors.yaml", NULL);
    GHashTable *lines = read_actor_lines(apath);
    GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)finding_free);
    for (guint i = 0; i < l.problems->len; i++) {
        const lint_problem *p = g_ptr_array_index(l.problems, i);
        add(out, "load", p->file, p->line, g_strdup(p->message));
    }
    check_sources(c, apath, lines, (int)g_hash_table_size(l.stubs), out);
    check_patterns(c, apath, lines, out);
    check_common_words(c, apath, lines, out);
    check_dates(c, &l, out);
    check_duplicates(c, &l, out);
    /* what was found in the scratch corpus is said of the corpus's own files */
    for (guint i = 0; i < out->len; i++) {
        finding *f = g_ptr_array_index(out, i);
        char *file = lint_load_paths(&l, f->file), *message = lint_load_paths(&l, f->message);
        g_free(f->file);
        g_free(f->message);
        f->file = file;
        f->message = message;
    }
    g_ptr_array_sort(out, by_place);
    if (json) {
        json_t *findings = json_array(), *jnotes = json_array();
        for (guint i = 0; i < out->len; i++) {
            finding *f = g_ptr_array_index(out, i);
            json_array_append_new(findings, json_pack("{s:s,s:i,s:s,s:s}", "file", f->file, "line",
                                                      (int)f->line, "check", f->check, "message",
                                                      f->message));
        }
        for (guint i = 0; i < notes->len; i++)
            json_array_append_new(jnotes, json_string(g_ptr_array_index(notes, i)));
        json_t *j = json_pack("{s:s,s:o,s:o,s:b}", "corpus", dir, "findings", findings, "notes",
                              jnotes, "failed", out->len > 0);
        char *text = json_dumps(j, JSON_INDENT(2));
        if (text) puts(text);
        free(text);
        json_decref(j);
    } else {
        for (guint i = 0; i < notes->len; i++)
            printf("note: %s\n", (char *)g_ptr_array_index(notes, i));
        for (guint i = 0; i < out->len; i++) {
            finding *f = g_ptr_array_index(out, i);
            printf("%s:%u: %s\n", f->file, f->line, f->message);
        }
    }
    int rc = out->len ? CLI_FINDINGS : CLI_OK;
    if (out->len && !json)
        fprintf(stderr, "dossier: lint: %u problem%s in %s\n", out->len, out->len == 1 ? "" : "s",
                dir);
    g_ptr_array_free(out, TRUE);
    g_ptr_array_free(notes, TRUE);
    g_hash_table_destroy(lines);
    g_free(apath);
    lint_load_close(&l);
    return rc;
}
