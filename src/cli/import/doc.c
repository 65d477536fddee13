/* doc.c — the fields an importer found, set once each, and their sources. */
#include "import/doc.h"

#include "dossier.h"

#include <string.h>

static const char *const field_names[F_COUNT] = {"title", "date", "publisher", "container",
                                                 "url",   "type", "language",  "doi"};

const char *imp_field_name(imp_field f) {
    return (unsigned)f < F_COUNT ? field_names[f] : "?";
}

/* ------------------------------------------------------------ front matter values */

fm_node *fm_scalar(const char *s, size_t n) {
    fm_node *v = g_new0(fm_node, 1);
    v->kind = FM_SCALAR;
    v->scalar = g_strndup(s, n);
    return v;
}

static fm_node *fm_container(fm_kind kind) {
    fm_node *v = g_new0(fm_node, 1);
    v->kind = kind;
    v->items = g_ptr_array_new_with_free_func((GDestroyNotify)fm_free);
    if (kind == FM_MAP) v->keys = g_ptr_array_new_with_free_func(g_free);
    return v;
}

fm_node *fm_list(void) {
    return fm_container(FM_LIST);
}

fm_node *fm_map(void) {
    return fm_container(FM_MAP);
}

void fm_add(fm_node *parent, const char *key, fm_node *value) {
    if (parent->kind == FM_MAP) g_ptr_array_add(parent->keys, g_strdup(key ? key : ""));
    g_ptr_array_add(parent->items, value);
}

fm_node *fm_get(const fm_node *map, const char *key) {
    if (!map || map->kind != FM_MAP) return NULL;
    for (guint i = 0; i < map->keys->len; i++)
        if (strcmp(g_ptr_array_index(map->keys, i), key) == 0)
            return g_ptr_array_index(map->items, i);
    return NULL;
}

void fm_free(fm_node *n) {
    if (!n) return;
    g_free(n->scalar);
    if (n->items) g_ptr_array_free(n->items, TRUE);
    if (n->keys) g_ptr_array_free(n->keys, TRUE);
    g_free(n);
}

/* ------------------------------------------------------------ the document */

static void author_free(imp_author *a) {
    g_free(a->name);
    g_free(a);
}

imp_doc *imp_doc_new(void) {
    imp_doc *d = g_new0(imp_doc, 1);
    d->authors = g_ptr_array_new_with_free_func((GDestroyNotify)author_free);
    d->keywords = g_ptr_array_new_with_free_func(g_free);
    d->notes = g_ptr_array_new_with_free_func(g_free);
    d->owned = g_ptr_array_new_with_free_func(g_free);
    d->text = g_string_new(NULL);
    return d;
}

void imp_doc_free(imp_doc *d) {
    if (!d) return;
    for (int f = 0; f < F_COUNT; f++)
        g_free(d->value[f]);
    g_ptr_array_free(d->authors, TRUE);
    g_ptr_array_free(d->keywords, TRUE);
    g_ptr_array_free(d->notes, TRUE);
    g_ptr_array_free(d->owned, TRUE);
    fm_free(d->extra);
    g_free(d->want_id);
    g_free(d->want_key);
    g_string_free(d->text, TRUE);
    g_free(d);
}

static int is_space_at(const char *s, size_t n, size_t i, size_t *k) {
    unsigned char ch = (unsigned char)s[i];
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v') {
        *k = 1;
        return 1;
    }
    if (ch == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) { /* no-break space */
        *k = 2;
        return 1;
    }
    return 0;
}

char *imp_clean(const char *s, size_t n) {
    GString *out = g_string_sized_new(n);
    int space = 0;
    for (size_t i = 0; i < n;) {
        size_t k;
        if (s[i] == '\0') break;
        if (is_space_at(s, n, i, &k)) {
            space = out->len > 0;
            i += k;
            continue;
        }
        if (space) g_string_append_c(out, ' ');
        space = 0;
        g_string_append_c(out, s[i]);
        i++;
    }
    /* the result must be valid UTF-8 whatever the input was */
    char *valid = g_utf8_make_valid(out->str, (gssize)out->len);
    g_string_free(out, TRUE);
    return valid;
}

/* "en", "en-GB", "zh-Hant-TW", "en_us": a BCP 47 tag (or its underscore
 * spelling), not a name such as "english". */
static int is_language_tag(const char *v) {
    size_t n = strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    if (n < 2 || n > 3) return 0;
    for (const char *p = v + n; *p; p++)
        if (!g_ascii_isalnum(*p) && *p != '-' && *p != '_') return 0;
    return v[n] == '\0' || v[n] == '-' || v[n] == '_';
}

int imp_offer(imp_doc *d, imp_field f, const char *value, const char *from) {
    if ((unsigned)f >= F_COUNT || d->value[f] || !value) return 0;
    char *v = imp_clean(value, strlen(value));
    if (!*v || g_ascii_strcasecmp(v, "unknown") == 0) {
        g_free(v);
        return 0;
    }
    if (f == F_DATE) { /* read as the core reads it; an unreadable one lets the next try */
        char iso[11];
        if (dossier_parse_date(v, iso, NULL) != DOSSIER_OK) {
            if (strcmp(from, "asked") != 0) /* an answer is asked again instead */
                imp_note(d, "the date '%s' (%s) could not be read; it was left out", v, from);
            g_free(v);
            return 0;
        }
        if (strcmp(iso, v) != 0) from = imp_keep(d, g_strdup_printf("%s: '%s'", from, v));
        g_free(v);
        v = g_strdup(iso);
    }
    if (f == F_LANGUAGE && !is_language_tag(v)) {
        /* a name: biblatex's langid ("english"), or "English" */
        const char *tag = dossier_language_tag(v);
        if (!tag) {
            imp_note(d,
                     "the language '%s' (%s) is no BCP 47 tag or language name Dossier "
                     "knows; it was left out (give it with --language)",
                     v, from);
            g_free(v);
            return 0;
        }
        from = imp_keep(d, g_strdup_printf("%s: '%s'", from, v));
        g_free(v);
        v = g_strdup(tag);
    }
    if (f == F_DOI) {
        const char *ten = strstr(v, "10.");
        if (!ten || !g_ascii_isdigit(ten[3]) || !strchr(ten, '/')) {
            imp_note(d, "'%s' (%s) is no DOI; it was left out", v, from);
            g_free(v);
            return 0;
        }
        char *doi = g_strdup(ten);
        g_free(v);
        v = doi;
    }
    if (f == F_LANGUAGE) { /* BCP 47's usual case: "en-US", not "en_us" */
        g_strdelimit(v, "_", '-');
        char *dash = strchr(v, '-');
        for (char *p = v; *p && p != dash; p++)
            *p = g_ascii_tolower(*p);
        if (dash && strlen(dash + 1) == 2)
            for (char *p = dash + 1; *p; p++)
                *p = g_ascii_toupper(*p);
    }
    d->value[f] = v;
    d->from[f] = from;
    return 1;
}

void imp_force(imp_doc *d, imp_field f, const char *value, const char *from) {
    if ((unsigned)f >= F_COUNT) return;
    char *old = d->value[f];
    const char *old_from = d->from[f];
    d->value[f] = NULL;
    if (imp_offer(d, f, value, from)) {
        g_free(old);
    } else { /* not a value for it ("klingon" as a language): the one found stays */
        d->value[f] = old;
        d->from[f] = old_from;
    }
}

void imp_offer_author(imp_doc *d, const char *name, int literal, const char *from) {
    if (!name) return;
    if (d->authors_from && strcmp(d->authors_from, from) != 0) return;
    char *v = imp_clean(name, strlen(name));
    if (!*v || g_ascii_strcasecmp(v, "unknown") == 0) {
        g_free(v);
        return;
    }
    for (guint i = 0; i < d->authors->len; i++) {
        imp_author *a = g_ptr_array_index(d->authors, i);
        if (g_utf8_collate(a->name, v) == 0 || g_ascii_strcasecmp(a->name, v) == 0) {
            g_free(v);
            return;
        }
    }
    imp_author *a = g_new0(imp_author, 1);
    a->name = v;
    a->literal = literal;
    g_ptr_array_add(d->authors, a);
    d->authors_from = from;
}

void imp_offer_keywords(imp_doc *d, const char *list, const char *from) {
    if (!list) return;
    if (d->keywords_from && strcmp(d->keywords_from, from) != 0) return;
    gchar **parts = g_strsplit_set(list, ",;", -1);
    for (gchar **p = parts; *p; p++) {
        char *v = imp_clean(*p, strlen(*p));
        int dup = !*v;
        for (guint i = 0; !dup && i < d->keywords->len; i++)
            dup = g_ascii_strcasecmp(g_ptr_array_index(d->keywords, i), v) == 0;
        if (dup || d->keywords->len >= 50) {
            g_free(v);
            continue;
        }
        g_ptr_array_add(d->keywords, v);
        d->keywords_from = from;
    }
    g_strfreev(parts);
}

void imp_note(imp_doc *d, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    g_ptr_array_add(d->notes, g_strdup_vprintf(fmt, ap));
    va_end(ap);
}

int imp_find_date(const char *text, char out[11]) {
    gchar **words = g_strsplit_set(text, " \t\n", -1);
    guint n = g_strv_length(words);
    int found = 0;
    /* the longest run of words that reads as a date, earliest first */
    for (guint i = 0; i < n && !found; i++) {
        for (guint len = n - i < 6 ? n - i : 6; len >= 1 && !found; len--) {
            gchar *save = words[i + len];
            words[i + len] = NULL;
            char *run = g_strjoinv(" ", words + i);
            words[i + len] = save;
            /* "2019." or "2019," at a sentence's end */
            size_t rl = strlen(run);
            while (rl && strchr(".,;:", run[rl - 1]))
                run[--rl] = '\0';
            found = rl >= 4 && g_ascii_isalnum(run[0]) &&
                    dossier_parse_date(run, out, NULL) == DOSSIER_OK &&
                    strlen(out) >= 7; /* a year alone in a sentence is no date */
            g_free(run);
        }
    }
    g_strfreev(words);
    return found;
}

const char *imp_keep(imp_doc *d, char *s) {
    g_ptr_array_add(d->owned, s);
    return s;
}
