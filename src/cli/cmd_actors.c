/* cmd_actors.c — `dossier actors suggest DIR`: proposed gazetteer entries as
 * YAML the user reviews and appends to actors.yaml. Never written into
 * actors.yaml itself.
 *
 * Before printing, the proposals are loaded by the core, in a scratch corpus
 * of the same articles with only the proposed actors: so every entry is one
 * the core accepts, and its `sources` are exactly the articles where the core
 * finds it (what `dossier lint` will check). A proposal the core finds
 * nowhere, or also finds written in lower case (plain words such as "free
 * software", not a name), is dropped. */
#include "cli.h"
#include "scratch.h"
#include "suggest.h"

#include "import/write.h"

#include <glib/gstdio.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage_text[] =
    "usage: dossier actors suggest [--min N] [--json] [-o FILE] DIR\n"
    "\n"
    "Proposes gazetteer entries from the articles of the corpus in DIR: names of\n"
    "people, organisations, places, events and products found as capitalised\n"
    "words and acronyms, with their variants grouped (an acronym, a surname, a\n"
    "handle), a proposed kind with the reason, the articles that mention them,\n"
    "and a note when an existing actor may be the same. Names seen fewer than N\n"
    "times (default 2) are left out, and so are names actors.yaml already has.\n"
    "\n"
    "The YAML goes to standard output, or to FILE: review it, then append it to\n"
    "DIR/actors.yaml (cat FILE >> DIR/actors.yaml): the entries are written as\n"
    "items of its 'actors:' list, indented as that list is. It never writes\n"
    "actors.yaml itself.\n";

/* How the proposals must be written so that appending them to actors.yaml
 * (`cat proposed.yaml >> actors.yaml`, as the README says) gives valid YAML:
 * list items at the indentation of its `actors:` list, that key first only
 * when there is no actors.yaml yet. */
typedef struct {
    int indent;       /* spaces before each "- id:" */
    int with_key;     /* no actors.yaml: the output starts it */
    int lead_newline; /* actors.yaml does not end with a line break */
    char *blocked;    /* why appending would break it, or NULL (g_free) */
} append_form;

/* Reads DIR/actors.yaml line by line: its top-level `actors:` key, and the
 * indentation of the first list item after it. */
static void append_form_of(const char *dir, append_form *f) {
    *f = (append_form){2, 0, 0, NULL};
    char *path = g_build_filename(dir, "actors.yaml", NULL), *text = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &text, &len, NULL)) {
        f->with_key = 1;
        g_free(path);
        return;
    }
    f->lead_newline = len > 0 && text[len - 1] != '\n';
    gchar **lines = g_strsplit(text, "\n", -1);
    int after_key = 0;
    for (guint i = 0; lines[i]; i++) {
        const char *l = lines[i], *t = l + strspn(l, " ");
        if (!after_key) {
            if (strncmp(l, "actors:", 7) != 0) continue;
            const char *rest = l + 7 + strspn(l + 7, " \t\r");
            if (*rest && *rest != '#') {
                char *value = g_strstrip(g_strdup(rest));
                f->blocked = g_strdup_printf(
                    "%s:%u: 'actors: %s' closes the list on its own line: write 'actors:' "
                    "alone (keeping any entries as '  - id: ...' items below it) before "
                    "appending these entries",
                    path, i + 1, value);
                g_free(value);
            }
            after_key = 1;
            continue;
        }
        if (!*t || *t == '#' || *t == '\r') continue;
        if (t[0] == '-' && (t[1] == ' ' || t[1] == '\0' || t[1] == '\r')) f->indent = (int)(t - l);
        break;
    }
    if (!after_key)
        f->blocked = g_strdup_printf("%s has no top-level 'actors:' key: add the line "
                                     "'actors:' before appending these entries",
                                     path);
    g_strfreev(lines);
    g_free(text);
    g_free(path);
}

static void yaml_list(GString *out, int indent, const char *key, GPtrArray *items) {
    g_string_append_printf(out, "%*s%s: [", indent, "", key);
    for (guint i = 0; i < items->len; i++) {
        if (i) g_string_append(out, ", ");
        yaml_quote(out, g_ptr_array_index(items, i));
    }
    g_string_append(out, "]\n");
}

static int by_name(gconstpointer a, gconstpointer b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The article ids of a suggestion, sorted. */
static GPtrArray *sources_of(const suggestion *s) {
    GPtrArray *ids = g_ptr_array_new_with_free_func(g_free);
    GHashTableIter it;
    gpointer k;
    g_hash_table_iter_init(&it, s->counts);
    while (g_hash_table_iter_next(&it, &k, NULL))
        g_ptr_array_add(ids, g_strdup(k));
    g_ptr_array_sort(ids, by_name);
    return ids;
}

static char *render(GPtrArray *list, const char *dir, size_t n_articles, gboolean with_sources,
                    const append_form *f) {
    GString *out = g_string_new(f->lead_newline ? "\n" : NULL);
    g_string_append_printf(out,
                           "# Proposed by `dossier actors suggest %s`: %u entries from %zu "
                           "articles.\n"
                           "# Check each one: fix its kind and role, delete what is not an "
                           "actor,\n"
                           "# then append the file to actors.yaml (cat FILE >> "
                           "actors.yaml):\n"
                           "# the entries are items of its 'actors:' list.\n",
                           dir, list->len, n_articles);
    if (f->with_key) g_string_append(out, "actors:\n");
    int in = f->indent, field = f->indent + 2;
    for (guint i = 0; i < list->len; i++) {
        suggestion *s = g_ptr_array_index(list, i);
        g_string_append_printf(out, "%*s- id: %s\n%*sname: ", in, "", s->id, field, "");
        yaml_quote(out, s->name);
        g_string_append_printf(out, "\n%*skind: %s   # %s\n%*srole: \"\"\n", field, "", s->kind,
                               s->why, field, "");
        if (with_sources) {
            GPtrArray *src = sources_of(s);
            g_string_append_printf(out, "%*ssources: [", field, "");
            for (guint k = 0; k < src->len; k++)
                g_string_append_printf(out, "%s%s", k ? ", " : "",
                                       (char *)g_ptr_array_index(src, k));
            g_string_append(out, "]\n");
            g_string_append_printf(out, "%*s# seen %u times:", field, "", s->total);
            for (guint k = 0; k < src->len; k++) {
                const char *id = g_ptr_array_index(src, k);
                g_string_append_printf(out, " %s %d%s", id,
                                       GPOINTER_TO_INT(g_hash_table_lookup(s->counts, id)),
                                       k + 1 < src->len ? "," : "");
            }
            g_string_append_c(out, '\n');
            g_ptr_array_free(src, TRUE);
        }
        yaml_list(out, field, "aliases", s->aliases);
        yaml_list(out, field, "short", s->shorts);
        if (s->duplicate) g_string_append_printf(out, "%*s# %s\n", field, "", s->duplicate);
    }
    return g_string_free(out, FALSE);
}

/* Loads the proposals with the same articles in a scratch directory; replaces
 * each one's counts by the core's mentions. Returns 0, or -1 with *error. */
static int verify(GPtrArray *list, const dossier_corpus *c, const char *dir, char **error) {
    char *tmp = scratch_new(error);
    if (!tmp) return -1;
    int rc = 0;
    for (size_t i = 0; i < dossier_article_count(c) && rc == 0; i++) {
        const dossier_article *a = dossier_article_at(c, i);
        char *base = g_path_get_basename(a->path);
        rc = scratch_link(tmp, a->path, base);
        g_free(base);
    }
    char *conf = g_build_filename(dir, "dossier.yaml", NULL);
    if (rc == 0 && g_file_test(conf, G_FILE_TEST_EXISTS))
        rc = scratch_link(tmp, conf, "dossier.yaml");
    g_free(conf);
    const append_form scratch = {2, 1, 0, NULL}; /* a file of its own */
    char *yaml = render(list, dir, 0, FALSE, &scratch);
    if (rc == 0) rc = scratch_write(tmp, "actors.yaml", yaml);
    dossier_corpus *check = NULL;
    dossier_error err;
    if (rc == 0 && dossier_open(tmp, &check, &err) != DOSSIER_OK) {
        *error = g_strdup(err.message);
        rc = -1;
    } else if (rc != 0) {
        *error = g_strdup_printf("cannot set up the scratch corpus in %s", tmp);
    }
    for (guint i = 0; check && i < list->len;) {
        suggestion *s = g_ptr_array_index(list, i);
        long ai = dossier_actor_find(check, s->id);
        size_t n = 0;
        const dossier_mention *m = ai >= 0 ? dossier_actor_mentions(check, (size_t)ai, &n) : NULL;
        g_hash_table_remove_all(s->counts);
        s->total = 0;
        int lower = 0;
        for (size_t k = 0; k < n; k++) {
            const dossier_passage *p = dossier_passage_at(check, m[k].passage);
            const dossier_article *art = dossier_article_at(check, p->article);
            const char *id = art->id;
            gpointer v = g_hash_table_lookup(s->counts, id);
            g_hash_table_replace(s->counts, g_strdup(id), GINT_TO_POINTER(GPOINTER_TO_INT(v) + 1));
            s->total++;
            /* found in lower case ("free software"): the words, not a name */
            char *surface = g_strndup(art->text + m[k].start, m[k].end - m[k].start);
            char *down = g_utf8_strdown(surface, -1);
            lower |= strcmp(surface, down) == 0;
            g_free(surface);
            g_free(down);
        }
        if (s->total == 0 || lower)
            g_ptr_array_remove_index(list, i); /* nowhere, or also as plain words: not a name */
        else
            i++;
    }
    dossier_close(check);
    scratch_remove(tmp);
    g_free(yaml);
    return rc;
}

static int suggest(int argc, char **argv) {
    const char *dir = NULL, *min_s = NULL, *outpath = NULL;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        int got;
        if (cli_is_help(argv[i])) {
            fputs(usage_text, stdout);
            return CLI_OK;
        }
        if ((got = cli_flag_value(argc, argv, &i, "--min", &min_s)) ||
            (got = cli_flag_value(argc, argv, &i, "-o", &outpath))) {
            if (got < 0) return CLI_USAGE;
        } else if (!strcmp(argv[i], "--json")) {
            json = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_unknown_option("actors suggest", argv[i]);
        } else if (!dir) {
            dir = argv[i];
        } else {
            return cli_fail(CLI_USAGE, "actors suggest: one corpus directory");
        }
    }
    if (!dir) return cli_fail(CLI_USAGE, "actors suggest: give the corpus directory");
    unsigned min = 2;
    if (min_s) {
        char *end;
        long v = strtol(min_s, &end, 10);
        if (*end || v < 1) return cli_fail(CLI_USAGE, "actors suggest: --min must be 1 or more");
        min = (unsigned)v;
    }
    if (outpath) {
        char *a = g_canonicalize_filename(outpath, NULL);
        char *actors = g_build_filename(dir, "actors.yaml", NULL);
        char *b = g_canonicalize_filename(actors, NULL);
        int same = strcmp(a, b) == 0;
        g_free(a);
        g_free(b);
        g_free(actors);
        if (same)
            return cli_fail(CLI_USAGE, "actors suggest: never writes actors.yaml: write to another "
                                       "file, review it, then append what you keep");
    }
    dossier_corpus *c;
    if (cli_open_corpus(dir, &c)) return CLI_FAILURE;
    append_form form;
    append_form_of(dir, &form);
    if (form.blocked && !json) fprintf(stderr, "dossier: actors suggest: %s\n", form.blocked);
    g_free(form.blocked);
    GPtrArray *list = suggest_actors(c, min);
    char *error = NULL;
    if (verify(list, c, dir, &error)) {
        fprintf(stderr,
                "dossier: actors suggest: the proposals could not be checked by the core "
                "(%s); their sources are this command's own count\n",
                error);
        g_free(error);
    }
    /* verification may have dropped some below the threshold */
    for (guint i = 0; i < list->len;) {
        if (((suggestion *)g_ptr_array_index(list, i))->total < min)
            g_ptr_array_remove_index(list, i);
        else
            i++;
    }
    char *text;
    if (json) {
        json_t *arr = json_array();
        for (guint i = 0; i < list->len; i++) {
            suggestion *s = g_ptr_array_index(list, i);
            json_t *counts = json_object(), *aliases = json_array(), *shorts = json_array();
            GHashTableIter it;
            gpointer k, v;
            g_hash_table_iter_init(&it, s->counts);
            while (g_hash_table_iter_next(&it, &k, &v))
                json_object_set_new(counts, k, json_integer(GPOINTER_TO_INT(v)));
            for (guint a = 0; a < s->aliases->len; a++)
                json_array_append_new(aliases, json_string(g_ptr_array_index(s->aliases, a)));
            for (guint a = 0; a < s->shorts->len; a++)
                json_array_append_new(shorts, json_string(g_ptr_array_index(s->shorts, a)));
            json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:i,s:o,s:o,s:o}", "id", s->id, "name", s->name,
                                  "kind", s->kind, "why", s->why, "total", (int)s->total, "counts",
                                  counts, "aliases", aliases, "short", shorts);
            if (s->duplicate) json_object_set_new(o, "duplicate", json_string(s->duplicate));
            json_array_append_new(arr, o);
        }
        char *s = json_dumps(arr, JSON_INDENT(2) | JSON_SORT_KEYS);
        text = g_strdup_printf("%s\n", s ? s : "[]");
        free(s);
        json_decref(arr);
    } else {
        text = render(list, dir, dossier_article_count(c), TRUE, &form);
    }
    int rc = CLI_OK;
    if (outpath) {
        GError *ge = NULL;
        if (!g_file_set_contents(outpath, text, -1, &ge)) {
            rc = cli_fail(CLI_FAILURE, "actors suggest: %s", ge->message);
            g_error_free(ge);
        } else {
            fprintf(stderr,
                    "dossier: %u proposed entries in %s: review them, then append the "
                    "ones you keep to %s/actors.yaml\n",
                    list->len, outpath, dir);
        }
    } else {
        fputs(text, stdout);
    }
    g_free(text);
    g_ptr_array_free(list, TRUE);
    dossier_close(c);
    return rc;
}

int cmd_actors(int argc, char **argv) {
    if (argc < 2 || cli_is_help(argv[1])) {
        fputs(usage_text, argc < 2 ? stderr : stdout);
        return argc < 2 ? CLI_USAGE : CLI_OK;
    }
    if (strcmp(argv[1], "suggest") == 0) return suggest(argc - 1, argv + 1);
    if (argv[1][0] == '-' && argv[1][1]) return cli_unknown_option("actors", argv[1]);
    return cli_fail(CLI_USAGE, "actors: unknown subcommand '%s' (expected: suggest)", argv[1]);
}
