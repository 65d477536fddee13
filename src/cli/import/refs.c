/* refs.c — entries of the writer's bibliography, and matching sources to them.
 *
 * BibTeX and biblatex: `@type{key, field = {value} | "value" | number |
 * macro, ...}` (parentheses instead of braces too), `#` concatenation,
 * @string macros, @comment and @preamble skipped. Values lose their
 * protecting braces and the escapes \& \% \$ \# \_ \{ \}; `author` is split
 * at " and " outside braces, a name wholly in braces ({Harbour Authority})
 * being an organisation. The date is `date`, else `year` and `month`; the
 * type maps to CSL (article with entrysubtype newspaper -> article-newspaper,
 * article -> article-journal, online/www -> webpage, report/techreport ->
 * report, book, incollection/inbook -> chapter, inproceedings -> paper-
 * conference, thesis/phdthesis/mastersthesis -> thesis).
 *
 * CSL JSON: a list of items with id, type, title, author/editor (family,
 * given, literal), issued (date-parts or raw), container-title, publisher,
 * URL, DOI, language.
 *
 * A source matches an entry with the same URL (scheme, "www.", a final "/"
 * and a #fragment ignored), else the same DOI, else the same title (case,
 * punctuation and spacing ignored). */
#include "import/refs.h"

#include <jansson.h>
#include <string.h>

static void entry_free(ref_entry *e) {
    g_free(e->key);
    for (int f = 0; f < F_COUNT; f++)
        g_free(e->value[f]);
    g_ptr_array_free(e->authors, TRUE);
    g_free(e);
}

static void author_free(imp_author *a) {
    g_free(a->name);
    g_free(a);
}

static ref_entry *entry_new(void) {
    ref_entry *e = g_new0(ref_entry, 1);
    e->authors = g_ptr_array_new_with_free_func((GDestroyNotify)author_free);
    return e;
}

static void add_author(ref_entry *e, const char *name, int literal) {
    char *n = imp_clean(name, strlen(name));
    if (!*n) {
        g_free(n);
        return;
    }
    imp_author *a = g_new0(imp_author, 1);
    a->name = n;
    a->literal = literal;
    g_ptr_array_add(e->authors, a);
}

ref_list *refs_new(const char *file) {
    ref_list *r = g_new0(ref_list, 1);
    r->entries = g_ptr_array_new_with_free_func((GDestroyNotify)entry_free);
    r->file = g_strdup(file);
    return r;
}

void refs_free(ref_list *r) {
    if (!r) return;
    g_ptr_array_free(r->entries, TRUE);
    g_free(r->file);
    g_free(r);
}

/* ------------------------------------------------------------ BibTeX */

typedef struct {
    const char *s;
    size_t n, i;
    unsigned line;
    GHashTable *macros; /* @string name -> value */
    char *error;
} bib;

static int bfail(bib *b, const char *what) {
    if (!b->error) b->error = g_strdup_printf("line %u: BibTeX: %s", b->line, what);
    return -1;
}

static void bnext(bib *b) {
    if (b->s[b->i] == '\n') b->line++;
    b->i++;
}

static void bspace(bib *b) {
    while (b->i < b->n && strchr(" \t\r\n", b->s[b->i]))
        bnext(b);
}

static int name_char(char c) {
    return g_ascii_isalnum(c) || strchr("_-:.+/'", c);
}

static char *bname(bib *b) {
    size_t start = b->i;
    while (b->i < b->n && name_char(b->s[b->i]))
        bnext(b);
    return g_ascii_strdown(b->s + start, (gssize)(b->i - start));
}

/* A braced or quoted value, raw (braces kept inside); 0 on success. */
static int bdelimited(bib *b, GString *out) {
    char open = b->s[b->i];
    bnext(b);
    int depth = 0;
    while (b->i < b->n) {
        char c = b->s[b->i];
        if (c == '\\' && b->i + 1 < b->n) {
            g_string_append_c(out, c);
            bnext(b);
            g_string_append_c(out, b->s[b->i]);
            bnext(b);
            continue;
        }
        if (c == '{') depth++;
        if (c == '}') {
            if (depth == 0 && open == '{') {
                bnext(b);
                return 0;
            }
            if (--depth < 0) return bfail(b, "a '}' closes nothing");
        }
        if (c == '"' && open == '"' && depth == 0) {
            bnext(b);
            return 0;
        }
        g_string_append_c(out, c);
        bnext(b);
        if (out->len > 1 << 20) return bfail(b, "a value over 1 MB");
    }
    return bfail(b, "a value is never closed");
}

/* field value: parts joined by '#' */
static int bvalue(bib *b, GString *out) {
    for (;;) {
        bspace(b);
        if (b->i >= b->n) return bfail(b, "a value is missing");
        char c = b->s[b->i];
        if (c == '{' || c == '"') {
            if (bdelimited(b, out)) return -1;
        } else if (name_char(c)) {
            char *m = bname(b);
            const char *v = g_hash_table_lookup(b->macros, m);
            g_string_append(out, v ? v : m); /* a number, or jan, feb ... */
            g_free(m);
        } else {
            return bfail(b, "expected a value");
        }
        bspace(b);
        if (b->i < b->n && b->s[b->i] == '#') {
            bnext(b);
            continue;
        }
        return 0;
    }
}

/* The text of a value: protecting braces and the escapes of specials gone. */
static char *plain(const char *v) {
    GString *out = g_string_new(NULL);
    for (const char *p = v; *p; p++) {
        if (*p == '{' || *p == '}') continue;
        if (*p == '\\' && p[1] && strchr("&%$#_{}", p[1])) {
            g_string_append_c(out, *++p);
            continue;
        }
        if (*p == '~') {
            g_string_append_c(out, ' ');
            continue;
        }
        g_string_append_c(out, *p);
    }
    char *clean = imp_clean(out->str, out->len);
    g_string_free(out, TRUE);
    return clean;
}

/* "A and {B and C} and D": split at " and " outside braces. */
static void bib_authors(ref_entry *e, const char *v) {
    int depth = 0;
    const char *start = v;
    for (const char *p = v;; p++) {
        if (*p == '{') depth++;
        if (*p == '}') depth--;
        int at_and = depth == 0 && g_ascii_strncasecmp(p, " and ", 5) == 0;
        if (*p && !at_and) continue;
        char *one = g_strndup(start, (gsize)(p - start));
        g_strstrip(one);
        size_t n = strlen(one);
        int literal = n > 2 && one[0] == '{' && one[n - 1] == '}';
        char *name = plain(one);
        add_author(e, name, literal);
        g_free(name);
        g_free(one);
        if (!*p) break;
        p += 4;
        start = p + 1;
    }
}

static const char *bib_type(const char *t, const char *subtype) {
    static const struct {
        const char *bib, *csl;
    } map[] = {{"online", "webpage"},
               {"www", "webpage"},
               {"webpage", "webpage"},
               {"electronic", "webpage"},
               {"report", "report"},
               {"techreport", "report"},
               {"book", "book"},
               {"incollection", "chapter"},
               {"inbook", "chapter"},
               {"inproceedings", "paper-conference"},
               {"conference", "paper-conference"},
               {"thesis", "thesis"},
               {"phdthesis", "thesis"},
               {"mastersthesis", "thesis"},
               {"unpublished", "manuscript"},
               {"software", "software"},
               {"dataset", "dataset"}};
    if (!strcmp(t, "article")) {
        if (subtype && !g_ascii_strcasecmp(subtype, "newspaper")) return "article-newspaper";
        if (subtype && !g_ascii_strcasecmp(subtype, "magazine")) return "article-magazine";
        return "article-journal";
    }
    for (size_t i = 0; i < G_N_ELEMENTS(map); i++)
        if (!strcmp(t, map[i].bib)) return map[i].csl;
    return NULL;
}

static int month_number(const char *m) {
    static const char *const names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec"};
    if (g_ascii_isdigit(m[0])) {
        int v = atoi(m);
        return v >= 1 && v <= 12 ? v : 0;
    }
    for (int i = 0; i < 12; i++)
        if (!g_ascii_strncasecmp(m, names[i], 3)) return i + 1;
    return 0;
}

static int bentry(bib *b, ref_list *r) {
    bnext(b); /* @ */
    bspace(b);
    char *type = bname(b);
    bspace(b);
    if (b->i >= b->n || (b->s[b->i] != '{' && b->s[b->i] != '(')) {
        g_free(type);
        return bfail(b, "expected '{' after the entry type");
    }
    char close = b->s[b->i] == '{' ? '}' : ')';
    if (!strcmp(type, "comment") || !strcmp(type, "preamble")) {
        GString *skip = g_string_new(NULL);
        int rc = b->s[b->i] == '{' ? bdelimited(b, skip) : 0;
        g_string_free(skip, TRUE);
        g_free(type);
        return rc;
    }
    bnext(b);
    bspace(b);
    ref_entry *e = NULL;
    if (strcmp(type, "string") != 0) {
        e = entry_new();
        e->key = bname(b);
        /* a key keeps its case: read it again as written */
        g_free(e->key);
        size_t end = b->i, start = end;
        while (start > 0 && name_char(b->s[start - 1]))
            start--;
        e->key = g_strndup(b->s + start, end - start);
        bspace(b);
        if (b->i < b->n && b->s[b->i] == ',') bnext(b);
    }
    GHashTable *fields = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    int rc = 0;
    for (;;) {
        bspace(b);
        if (b->i >= b->n) {
            rc = bfail(b, "an entry is never closed");
            break;
        }
        if (b->s[b->i] == close) {
            bnext(b);
            break;
        }
        char *name = bname(b);
        bspace(b);
        if (!*name || b->i >= b->n || b->s[b->i] != '=') {
            g_free(name);
            rc = bfail(b, "expected 'field = value'");
            break;
        }
        bnext(b);
        GString *v = g_string_new(NULL);
        if (bvalue(b, v)) {
            g_string_free(v, TRUE);
            g_free(name);
            rc = -1;
            break;
        }
        if (!e)
            g_hash_table_replace(b->macros, name, g_string_free(v, FALSE));
        else
            g_hash_table_replace(fields, name, g_string_free(v, FALSE));
        bspace(b);
        if (b->i < b->n && b->s[b->i] == ',') bnext(b);
    }
    if (e && rc == 0) {
        static const struct {
            const char *bib;
            imp_field f;
        } simple[] = {{"title", F_TITLE},
                      {"journaltitle", F_CONTAINER},
                      {"journal", F_CONTAINER},
                      {"booktitle", F_CONTAINER},
                      {"publisher", F_PUBLISHER},
                      {"institution", F_PUBLISHER},
                      {"organization", F_PUBLISHER},
                      {"url", F_URL},
                      {"langid", F_LANGUAGE},
                      {"language", F_LANGUAGE},
                      {"doi", F_DOI}};
        for (size_t i = 0; i < G_N_ELEMENTS(simple); i++) {
            const char *v = g_hash_table_lookup(fields, simple[i].bib);
            if (v && !e->value[simple[i].f]) e->value[simple[i].f] = plain(v);
        }
        const char *a = g_hash_table_lookup(fields, "author");
        if (!a) a = g_hash_table_lookup(fields, "editor");
        if (a) bib_authors(e, a);
        const char *date = g_hash_table_lookup(fields, "date");
        const char *year = g_hash_table_lookup(fields, "year");
        const char *month = g_hash_table_lookup(fields, "month");
        if (date) {
            e->value[F_DATE] = plain(date);
        } else if (year) {
            char *y = plain(year);
            int m = month ? month_number(month) : 0;
            e->value[F_DATE] = m ? g_strdup_printf("%s-%02d", y, m) : g_strdup(y);
            g_free(y);
        }
        const char *t = bib_type(type, g_hash_table_lookup(fields, "entrysubtype"));
        if (t) e->value[F_TYPE] = g_strdup(t);
        g_ptr_array_add(r->entries, e);
        e = NULL;
    }
    if (e) entry_free(e);
    g_hash_table_destroy(fields);
    g_free(type);
    return rc;
}

int refs_parse_bib(ref_list *r, const char *text, size_t len, char **error) {
    bib b = {text, len, 0, 1, g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free), NULL};
    int rc = 0;
    while (b.i < b.n && rc == 0) {
        if (b.s[b.i] == '@')
            rc = bentry(&b, r);
        else
            bnext(&b); /* text between entries is a comment */
    }
    g_hash_table_destroy(b.macros);
    if (rc) {
        *error = b.error ? b.error : g_strdup("BibTeX: malformed");
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ CSL JSON */

static const char *jstr(json_t *o, const char *k) {
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

int refs_parse_csl(ref_list *r, const char *text, size_t len, char **error) {
    json_error_t je;
    json_t *root = json_loadb(text, len, 0, &je);
    if (!root) {
        *error = g_strdup_printf("line %d: CSL JSON: %s", je.line, je.text);
        return -1;
    }
    if (!json_is_array(root)) {
        json_decref(root);
        *error = g_strdup("line 1: CSL JSON: expected a list of items");
        return -1;
    }
    size_t i;
    json_t *it;
    json_array_foreach(root, i, it) {
        if (!json_is_object(it) || !jstr(it, "id")) continue;
        ref_entry *e = entry_new();
        e->key = g_strdup(jstr(it, "id"));
        static const struct {
            const char *csl;
            imp_field f;
        } simple[] = {{"title", F_TITLE},
                      {"container-title", F_CONTAINER},
                      {"publisher", F_PUBLISHER},
                      {"URL", F_URL},
                      {"type", F_TYPE},
                      {"language", F_LANGUAGE},
                      {"DOI", F_DOI}};
        for (size_t k = 0; k < G_N_ELEMENTS(simple); k++)
            if (jstr(it, simple[k].csl)) e->value[simple[k].f] = g_strdup(jstr(it, simple[k].csl));
        json_t *names = json_object_get(it, "author");
        if (!json_is_array(names)) names = json_object_get(it, "editor");
        size_t k;
        json_t *n;
        json_array_foreach(names, k, n) {
            if (jstr(n, "literal")) {
                add_author(e, jstr(n, "literal"), 1);
            } else if (jstr(n, "family")) {
                /* "Family, Given", which the core splits back the same way */
                char *s = jstr(n, "given")
                              ? g_strdup_printf("%s, %s", jstr(n, "family"), jstr(n, "given"))
                              : g_strdup(jstr(n, "family"));
                add_author(e, s, 0);
                g_free(s);
            }
        }
        json_t *issued = json_object_get(it, "issued");
        json_t *parts = json_array_get(json_object_get(issued, "date-parts"), 0);
        if (json_is_array(parts) && json_is_integer(json_array_get(parts, 0))) {
            GString *d = g_string_new(NULL);
            for (size_t p = 0; p < json_array_size(parts) && p < 3; p++) {
                json_t *x = json_array_get(parts, p);
                if (!json_is_integer(x)) break;
                g_string_append_printf(d, p ? "-%02d" : "%04d", (int)json_integer_value(x));
            }
            e->value[F_DATE] = g_string_free(d, FALSE);
        } else if (jstr(issued, "raw")) {
            e->value[F_DATE] = g_strdup(jstr(issued, "raw"));
        }
        g_ptr_array_add(r->entries, e);
    }
    json_decref(root);
    return 0;
}

/* ------------------------------------------------------------ matching */

/* "https://www.Example.org/a/#x" and "http://example.org/a" are one page. */
static char *url_key(const char *u) {
    if (!u) return NULL;
    const char *p = strstr(u, "://");
    p = p ? p + 3 : u;
    if (!g_ascii_strncasecmp(p, "www.", 4)) p += 4;
    char *k = g_strdup(p);
    char *hash = strchr(k, '#');
    if (hash) *hash = '\0';
    size_t n = strlen(k);
    while (n && k[n - 1] == '/')
        k[--n] = '\0';
    char *slash = strchr(k, '/');
    for (char *q = k; *q && q != slash; q++)
        *q = g_ascii_tolower(*q);
    return k;
}

static char *doi_key(const char *d) {
    if (!d) return NULL;
    const char *p = strstr(d, "10.");
    return p ? g_ascii_strdown(p, -1) : NULL;
}

/* Letters and digits only, case folded. */
static char *title_key(const char *t) {
    if (!t) return NULL;
    char *f = g_utf8_casefold(t, -1);
    GString *out = g_string_new(NULL);
    for (const char *p = f; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isalnum(c)) g_string_append_unichar(out, c);
    }
    g_free(f);
    if (out->len < 8) { /* too short to tell two works apart */
        g_string_free(out, TRUE);
        return NULL;
    }
    return g_string_free(out, FALSE);
}

static int same(char *(*key)(const char *), const char *a, const char *b) {
    char *x = key(a), *y = key(b);
    int eq = x && y && strcmp(x, y) == 0;
    g_free(x);
    g_free(y);
    return eq;
}

const ref_entry *refs_match(const ref_list *r, const imp_doc *d, const char **how) {
    for (guint i = 0; i < r->entries->len; i++) {
        const ref_entry *e = g_ptr_array_index(r->entries, i);
        if (same(url_key, e->value[F_URL], d->value[F_URL])) return *how = "url", e;
    }
    for (guint i = 0; i < r->entries->len; i++) {
        const ref_entry *e = g_ptr_array_index(r->entries, i);
        if (same(doi_key, e->value[F_DOI], d->value[F_DOI])) return *how = "DOI", e;
    }
    for (guint i = 0; i < r->entries->len; i++) {
        const ref_entry *e = g_ptr_array_index(r->entries, i);
        if (same(title_key, e->value[F_TITLE], d->value[F_TITLE])) return *how = "title", e;
    }
    return NULL;
}

void refs_apply(const ref_list *r, const ref_entry *e, const char *how, imp_doc *d) {
    char *base = g_path_get_basename(r->file);
    const char *from =
        imp_keep(d, g_strdup_printf("%s entry %s (matched by %s)", base, e->key, how));
    g_free(base);
    for (int f = 0; f < F_COUNT; f++)
        if (e->value[f]) imp_force(d, (imp_field)f, e->value[f], from);
    if (e->authors->len) {
        g_ptr_array_set_size(d->authors, 0);
        d->authors_from = NULL;
        for (guint i = 0; i < e->authors->len; i++) {
            const imp_author *a = g_ptr_array_index(e->authors, i);
            imp_offer_author(d, a->name, a->literal, from);
        }
    }
    g_free(d->want_key);
    d->want_key = g_strdup(e->key);
}
