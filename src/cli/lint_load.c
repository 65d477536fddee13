/* lint_load.c — what loads of a corpus, for `dossier lint` (see lint_load.h). */
#include "lint_load.h"
#include "scratch.h"

#include <stdlib.h>
#include <string.h>

static void problem_free(lint_problem *p) {
    g_free(p->file);
    g_free(p->message);
    g_free(p);
}

/* The file of directory `prefix` (with its final /) that an error message
 * starts with ("DIR/a.md:2:1: ..."): its name (g_free), and its line (0 when
 * the message gives none) and the message after it; NULL when the message
 * names no file of that directory. */
static char *file_of(const char *message, const char *prefix, unsigned *line, const char **rest) {
    size_t pl = strlen(prefix);
    if (strncmp(message, prefix, pl) != 0) return NULL;
    const char *name = message + pl, *colon = strchr(name, ':');
    if (!colon || colon == name || memchr(name, '/', (size_t)(colon - name))) return NULL;
    const char *p = colon + 1;
    *line = 0;
    if (g_ascii_isdigit(*p)) {
        *line = (unsigned)strtoul(p, (char **)&p, 10);
        if (*p == ':' && g_ascii_isdigit(p[1])) /* the column */
            for (p++; g_ascii_isdigit(*p); p++) {
            }
        if (*p == ':') p++;
    }
    while (*p == ' ')
        p++;
    *rest = p;
    return g_strndup(name, (gsize)(colon - name));
}

/* A scratch directory with a link to every file of dir. */
static char *mirror(const char *dir, char **error) {
    GError *ge = NULL;
    GDir *d = g_dir_open(dir, 0, &ge);
    if (!d) {
        *error = g_strdup(ge->message);
        g_error_free(ge);
        return NULL;
    }
    char *scratch = scratch_new(error);
    const char *name;
    while (scratch && (name = g_dir_read_name(d))) {
        char *path = g_build_filename(dir, name, NULL);
        int bad = scratch_link(scratch, path, name);
        g_free(path);
        if (bad) {
            *error = g_strdup_printf("cannot link %s/%s into %s", dir, name, scratch);
            scratch_remove(scratch);
            scratch = NULL;
        }
    }
    g_dir_close(d);
    return scratch;
}

int lint_load_open(lint_load *l, const char *dir, char **error) {
    memset(l, 0, sizeof *l);
    l->problems = g_ptr_array_new_with_free_func((GDestroyNotify)problem_free);
    l->stubs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--; /* as the core names its files */
    l->dir = g_strndup(dir, n);
    dossier_error err;
    if (dossier_open(dir, &l->corpus, &err) == DOSSIER_OK) return 0;
    /* each round sets aside the file the core names, until it loads; a file
     * named twice stops it, so there are no more rounds than files */
    for (;;) {
        char *prefix = g_strconcat(l->scratch ? l->scratch : l->dir, "/", NULL);
        unsigned line;
        const char *rest;
        char *name = file_of(err.message, prefix, &line, &rest);
        g_free(prefix);
        int fatal = !name || !strcmp(name, "dossier.yaml");
        if (!fatal && !l->scratch && !(l->scratch = mirror(l->dir, error))) {
            g_free(name);
            return -1;
        }
        if (!fatal) {
            for (guint k = 0; k < l->problems->len && !fatal; k++)
                fatal = !strcmp(((lint_problem *)g_ptr_array_index(l->problems, k))->file, name);
        }
        if (fatal) {
            *error = lint_load_paths(l, err.message);
            g_free(name);
            return -1;
        }
        lint_problem *p = g_new0(lint_problem, 1);
        p->file = g_build_filename(l->dir, name, NULL);
        p->line = line ? line : 1;
        p->message = lint_load_paths(l, rest);
        g_ptr_array_add(l->problems, p);
        int bad;
        if (!strcmp(name, "actors.yaml")) {
            l->actors_dropped = 1;
            bad = scratch_write(l->scratch, name, "actors:\n");
        } else {
            char *id = g_strdup_printf("dossier-lint-unloaded-%u", g_hash_table_size(l->stubs) + 1);
            char *stub = g_strdup_printf("---\nid: %s\ntitle: \"%s\"\n---\n", id, id);
            bad = scratch_write(l->scratch, name, stub);
            g_hash_table_add(l->stubs, id);
            g_free(stub);
        }
        g_free(name);
        if (bad) {
            *error = g_strdup_printf("cannot write in the scratch directory %s", l->scratch);
            return -1;
        }
        if (dossier_open(l->scratch, &l->corpus, &err) == DOSSIER_OK) return 0;
    }
}

char *lint_load_paths(const lint_load *l, const char *text) {
    if (!l->scratch) return g_strdup(text);
    char *from = g_strconcat(l->scratch, "/", NULL), *to = g_strconcat(l->dir, "/", NULL);
    GString *out = g_string_new(NULL);
    for (const char *p = text, *hit; *p; p = hit + strlen(from)) {
        if (!(hit = strstr(p, from))) {
            g_string_append(out, p);
            break;
        }
        g_string_append_len(out, p, hit - p);
        g_string_append(out, to);
    }
    g_free(from);
    g_free(to);
    return g_string_free(out, FALSE);
}

int lint_load_is_stub(const lint_load *l, const dossier_article *a) {
    return g_hash_table_contains(l->stubs, a->id);
}

void lint_load_close(lint_load *l) {
    dossier_close(l->corpus);
    if (l->problems) g_ptr_array_free(l->problems, TRUE);
    if (l->stubs) g_hash_table_destroy(l->stubs);
    scratch_remove(l->scratch);
    g_free(l->dir);
    memset(l, 0, sizeof *l);
}
