/* write.c — an imported document as a Dossier article: front matter in a
 * fixed order, every field the source did not give written `unknown`, the
 * text after it; the original kept beside it in originals/.
 *
 * Ids and keys follow the default corpus: the id is the publisher (or the
 * site's host) and the year, "arstechnica-2015"; the key the first author's
 * family name and the year, "goodin2015" (BibTeX's habit). Either gets "-2",
 * "-3" ... (ids) or "b", "c" ... (keys) when the corpus already uses it. */
#include "import/write.h"

#include "dossier.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void yaml_quote(GString *out, const char *s) {
    g_string_append_c(out, '"');
    for (const char *p = s; *p;) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x80) {
            /* YAML allows only printable characters, even quoted: C1 controls
             * and U+FFFE/U+FFFF are escaped, invalid bytes replaced */
            gunichar cp = g_utf8_get_char_validated(p, -1);
            if (cp == (gunichar)-1 || cp == (gunichar)-2) {
                g_string_append(out, "\\uFFFD");
                p++;
                continue;
            }
            const char *next = g_utf8_next_char(p);
            if ((cp >= 0x80 && cp <= 0x9F && cp != 0x85) || cp == 0xFFFE || cp == 0xFFFF)
                g_string_append_printf(out, "\\u%04X", (unsigned)cp);
            else
                g_string_append_len(out, p, next - p);
            p = next;
            continue;
        }
        switch (c) {
        case '"':
            g_string_append(out, "\\\"");
            break;
        case '\\':
            g_string_append(out, "\\\\");
            break;
        case '\n':
            g_string_append(out, "\\n");
            break;
        case '\t':
            g_string_append(out, "\\t");
            break;
        default:
            if (c < 0x20 || c == 0x7F)
                g_string_append_printf(out, "\\x%02X", c);
            else
                g_string_append_c(out, (char)c);
        }
        p++;
    }
    g_string_append_c(out, '"');
}

static void emit_node(GString *out, const fm_node *n, int indent);

static void emit_items(GString *out, const fm_node *n, int indent) {
    for (guint i = 0; i < n->items->len; i++) {
        const fm_node *v = g_ptr_array_index(n->items, i);
        g_string_append_printf(out, "%*s", indent, "");
        if (n->kind == FM_MAP) {
            yaml_quote(out, g_ptr_array_index(n->keys, i));
            g_string_append_c(out, ':');
        } else {
            g_string_append_c(out, '-');
        }
        if (v->kind == FM_SCALAR || v->items->len == 0) {
            g_string_append_c(out, ' ');
            emit_node(out, v, indent + 2);
            g_string_append_c(out, '\n');
        } else {
            g_string_append_c(out, '\n');
            emit_items(out, v, indent + 2);
        }
    }
}

static void emit_node(GString *out, const fm_node *n, int indent) {
    if (n->kind == FM_SCALAR)
        yaml_quote(out, n->scalar ? n->scalar : "");
    else if (n->items->len == 0)
        g_string_append(out, n->kind == FM_MAP ? "{}" : "[]");
    else
        emit_items(out, n, indent);
}

static void field(GString *out, const char *key, const char *value) {
    g_string_append_printf(out, "%s: ", key);
    yaml_quote(out, value && *value ? value : "unknown");
    g_string_append_c(out, '\n');
}

char *imp_render(const imp_doc *d, const char *id, const char *key, const char *origin) {
    GString *out = g_string_new("---\n");
    field(out, "id", id);
    field(out, "key", key);
    field(out, "title", d->value[F_TITLE]);
    if (d->authors->len == 0) {
        field(out, "author", NULL);
    } else {
        g_string_append(out, "author:\n");
        for (guint i = 0; i < d->authors->len; i++) {
            const imp_author *a = g_ptr_array_index(d->authors, i);
            g_string_append(out, a->literal ? "  - literal: " : "  - ");
            yaml_quote(out, a->name);
            g_string_append_c(out, '\n');
        }
    }
    field(out, "date", d->value[F_DATE]);
    field(out, "publisher", d->value[F_PUBLISHER]);
    if (d->value[F_CONTAINER]) field(out, "container", d->value[F_CONTAINER]);
    field(out, "type", d->value[F_TYPE]);
    field(out, "language", d->value[F_LANGUAGE]);
    field(out, "url", d->value[F_URL]);
    if (d->value[F_DOI]) field(out, "doi", d->value[F_DOI]);
    if (d->keywords->len) {
        g_string_append(out, "keywords: [");
        for (guint i = 0; i < d->keywords->len; i++) {
            if (i) g_string_append(out, ", ");
            yaml_quote(out, g_ptr_array_index(d->keywords, i));
        }
        g_string_append(out, "]\n");
    }
    field(out, "origin", origin);
    if (d->extra && d->extra->items->len) {
        g_string_append(out, "extra:\n");
        emit_items(out, d->extra, 2);
    }
    g_string_append(out, "---\n");
    g_string_append_len(out, d->text->str, (gssize)d->text->len);
    if (d->text->len && d->text->str[d->text->len - 1] != '\n') g_string_append_c(out, '\n');
    return g_string_free(out, FALSE);
}

/* ------------------------------------------------------------ ids and keys */

/* Lower-case ASCII letters and digits of s, at most `max` of them. */
static char *slug(const char *s, size_t max) {
    char *ascii = g_str_to_ascii(s, "C");
    GString *out = g_string_new(NULL);
    for (const char *p = ascii; *p && out->len < max; p++)
        if (g_ascii_isalnum(*p)) g_string_append_c(out, g_ascii_tolower(*p));
    g_free(ascii);
    return g_string_free(out, FALSE);
}

/* The first year (four digits from 1000 to 2999) in a date, or NULL. */
static char *year_of(const char *date) {
    if (!date) return NULL;
    for (const char *p = date; p[0]; p++) {
        if ((p[0] == '1' || p[0] == '2') && g_ascii_isdigit(p[1]) && g_ascii_isdigit(p[2]) &&
            g_ascii_isdigit(p[3]) && !g_ascii_isdigit(p[4]) &&
            (p == date || !g_ascii_isdigit(p[-1])))
            return g_strndup(p, 4);
    }
    return NULL;
}

/* A family name for the key, split as the core splits names ("Pak, Noja"
 * -> Pak, "Uriel Araujo" -> Araujo); a literal gives its first word. */
static char *family_of(const char *name) {
    dossier_name n;
    void *st = NULL;
    char *r;
    if (dossier_parse_name(name, &n, &st, NULL) != DOSSIER_OK) return g_strdup(name);
    if (*n.family) {
        r = g_strdup(n.family);
    } else {
        size_t w = strcspn(n.literal, " ");
        r = g_strndup(n.literal, w);
    }
    dossier_name_free(st);
    return r;
}

/* The host of a URL without "www.": "ebb.org". */
static char *host_of(const char *url) {
    if (!url) return NULL;
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    if (g_str_has_prefix(p, "www.")) p += 4;
    size_t n = strcspn(p, "/:?#");
    return n ? g_strndup(p, n) : NULL;
}

/* Ids and keys the corpus already uses, and its file names. */
static GHashTable *used_names(const char *dir) {
    GHashTable *used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    dossier_corpus *c = NULL;
    dossier_error err;
    if (dossier_open(dir, &c, &err) == DOSSIER_OK) {
        for (size_t i = 0; i < dossier_article_count(c); i++) {
            const dossier_article *a = dossier_article_at(c, i);
            g_hash_table_add(used, g_strdup(a->id));
            g_hash_table_add(used, g_strdup(a->key));
        }
        dossier_close(c);
    }
    GDir *g = g_dir_open(dir, 0, NULL);
    const char *name;
    while (g && (name = g_dir_read_name(g))) {
        const char *dot = strrchr(name, '.');
        if (dot) g_hash_table_add(used, g_strndup(name, (gsize)(dot - name)));
    }
    if (g) g_dir_close(g);
    return used;
}

static char *unique(GHashTable *used, const char *base, int letters) {
    if (!g_hash_table_contains(used, base)) return g_strdup(base);
    for (int i = 2; i < 10000; i++) {
        char *c = letters && i <= 26 ? g_strdup_printf("%s%c", base, 'a' + i - 1)
                                     : g_strdup_printf("%s-%d", base, i);
        if (!g_hash_table_contains(used, c)) return c;
        g_free(c);
    }
    return g_strdup_printf("%s-%u", base, g_random_int());
}

static int valid_id(const char *s) {
    if (!*s) return 0;
    for (; *s; s++)
        if (!g_ascii_isalnum(*s) && !strchr("-_.:", *s)) return 0;
    return 1;
}

/* ------------------------------------------------------------ files */

static int write_file(const char *path, const char *data, size_t len, char **error) {
    char *tmp = g_strdup_printf("%s.tmp%d", path, (int)getpid());
    GError *ge = NULL;
    int ok = g_file_set_contents(tmp, data, (gssize)len, &ge) && rename(tmp, path) == 0;
    if (!ok) {
        *error = g_strdup_printf("%s: cannot write: %s", path, ge ? ge->message : strerror(errno));
        unlink(tmp);
    }
    if (ge) g_error_free(ge);
    g_free(tmp);
    return ok ? 0 : -1;
}

static void count_text(const GString *t, imp_result *r) {
    int in_word = 0, blank = 1;
    r->paragraphs = r->words = 0;
    for (gsize i = 0; i < t->len; i++) {
        char ch = t->str[i];
        int sp = ch == ' ' || ch == '\n' || ch == '\t';
        if (!sp && !in_word) r->words++;
        if (!sp && blank) r->paragraphs++;
        if (ch == '\n' && i + 1 < t->len && t->str[i + 1] == '\n')
            blank = 1;
        else if (!sp)
            blank = 0;
        in_word = !sp;
    }
}

int imp_write(imp_doc *d, const imp_target *t, const char *data, size_t len, imp_result *r,
              char **error) {
    memset(r, 0, sizeof *r);
    if (!d->value[F_TITLE]) {
        *error = g_strdup("no title found: give one with --title");
        return -1;
    }
    if (t->id && !valid_id(t->id)) {
        *error = g_strdup_printf("--id '%s': use letters, digits, '-', '_', '.' or ':'", t->id);
        return -1;
    }
    if (t->key && !valid_id(t->key)) {
        *error = g_strdup_printf("--key '%s': use letters, digits, '-', '_', '.' or ':'", t->key);
        return -1;
    }
    GHashTable *used = used_names(t->dir);
    char *year = year_of(d->value[F_DATE]);
    if (t->id) {
        if (g_hash_table_contains(used, t->id)) {
            *error = g_strdup_printf("--id '%s': the corpus already has an article (or key) of "
                                     "that name",
                                     t->id);
            g_hash_table_destroy(used);
            g_free(year);
            return -1;
        }
        r->id = g_strdup(t->id);
    } else {
        /* the publisher, else the site, else the first author, else the title */
        char *host = host_of(d->value[F_URL]);
        char *first = NULL;
        if (d->authors->len) {
            const imp_author *a = g_ptr_array_index(d->authors, 0);
            first = a->literal ? g_strdup(a->name) : family_of(a->name);
        }
        const char *who = d->value[F_PUBLISHER] ? d->value[F_PUBLISHER] : host ? host : first;
        char *base = who ? slug(who, 24) : NULL;
        if (!base || !*base) {
            g_free(base);
            base = slug(d->value[F_TITLE], 24);
        }
        if (!*base) {
            g_free(base);
            base = g_strdup("article");
        }
        char *full = year ? g_strdup_printf("%s-%s", base, year) : g_strdup(base);
        r->id = unique(used, full, 0);
        g_free(full);
        g_free(base);
        g_free(host);
        g_free(first);
    }
    g_hash_table_add(used, g_strdup(r->id));
    if (t->key) {
        if (g_hash_table_contains(used, t->key)) {
            *error = g_strdup_printf("--key '%s' is already an id or key in the corpus", t->key);
            g_hash_table_destroy(used);
            g_free(year);
            imp_result_clear(r);
            return -1;
        }
        r->key = g_strdup(t->key);
    } else {
        char *fam = NULL;
        for (guint i = 0; i < d->authors->len && !fam; i++) {
            const imp_author *a = g_ptr_array_index(d->authors, i);
            if (!a->literal) {
                char *f = family_of(a->name);
                fam = slug(f, 20);
                g_free(f);
                if (!*fam) {
                    g_free(fam);
                    fam = NULL;
                }
            }
        }
        if (fam) {
            char *full = g_strdup_printf("%s%s", fam, year ? year : "");
            r->key = unique(used, full, 1);
            g_free(full);
            g_free(fam);
        } else {
            r->key = g_strdup(r->id);
        }
    }
    g_hash_table_destroy(used);
    g_free(year);

    r->path = g_strdup_printf("%s/%s.md", t->dir, r->id);
    r->original = g_strdup_printf("%s/originals/%s.%s", t->dir, r->id, t->ext);
    count_text(d->text, r);
    if (t->dry_run) return 0;
    char *origin =
        strcmp(t->source, "-") == 0 ? g_strdup("standard input") : g_path_get_basename(t->source);
    char *text = imp_render(d, r->id, r->key, origin);
    g_free(origin);
    char *odir = g_strdup_printf("%s/originals", t->dir);
    int rc = 0;
    if (g_mkdir_with_parents(odir, 0755) != 0) {
        *error = g_strdup_printf("%s: cannot create: %s", odir, strerror(errno));
        rc = -1;
    }
    if (rc == 0) rc = write_file(r->original, data, len, error);
    if (rc == 0) rc = write_file(r->path, text, strlen(text), error);
    g_free(odir);
    g_free(text);
    return rc;
}

char *imp_already_imported(const char *dir, const char *data, size_t len) {
    char *odir = g_build_filename(dir, "originals", NULL);
    GDir *g = g_dir_open(odir, 0, NULL);
    char *found = NULL;
    const char *name;
    while (g && !found && (name = g_dir_read_name(g))) {
        char *path = g_build_filename(odir, name, NULL);
        struct stat st;
        gchar *kept = NULL;
        gsize klen = 0;
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size == len &&
            g_file_get_contents(path, &kept, &klen, NULL) && klen == len &&
            memcmp(kept, data, len) == 0) {
            const char *dot = strrchr(name, '.');
            char *id = dot ? g_strndup(name, (gsize)(dot - name)) : g_strdup(name);
            char *article = g_strdup_printf("%s/%s.md", dir, id);
            /* an article deleted since: its original is no reason to refuse */
            if (g_file_test(article, G_FILE_TEST_IS_REGULAR))
                found = id;
            else
                g_free(id);
            g_free(article);
        }
        g_free(kept);
        g_free(path);
    }
    if (g) g_dir_close(g);
    g_free(odir);
    return found;
}

void imp_result_clear(imp_result *r) {
    g_free(r->id);
    g_free(r->key);
    g_free(r->path);
    g_free(r->original);
    memset(r, 0, sizeof *r);
}
