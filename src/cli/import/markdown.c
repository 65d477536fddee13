/* markdown.c — Markdown with another tool's front matter (Jekyll, Hugo,
 * Obsidian) as a Dossier article.
 *
 * Front matter: YAML between "---" lines or TOML between "+++" lines. Keys
 * are mapped, case ignored:
 *   title                               -> title
 *   author, authors (a name, a list of names, or of {name: ...})  -> author
 *                          ("Jane Doe, John Smith" is two; "Doe, Jane" one)
 *   date, else publishDate, pubDate, published, created, date_published -> date
 *                          (else a Jekyll file name's "2014-11-13-")
 *   publisher, site_name                -> publisher
 *   canonical_url, canonicalURL, canonical, url, source, link, original_url
 *                                       -> url (when it is an http(s) address)
 *   lang, language                      -> language
 *   tags, tag, categories, category, keywords -> keywords (a string is split
 *                                          at commas, else at spaces as Jekyll does)
 *   no title: a file name written as words (Obsidian's note title), else the
 *   first heading, else the first line.
 * Obsidian's [[link]] brackets leave author and keyword values.
 *   id, key, type (a CSL type), container, date_note: Dossier's own keys.
 * Every other key (layout, draft, permalink, slug, aliases, cssclasses,
 * description, lastmod ...) is kept under `extra`, as it was.
 *
 * Text: link targets and image syntax go, the words stay. [text](url) and
 * [text][ref] become text; [[Page|Alias]] becomes Alias and [[Page]] Page;
 * <https://...> becomes the address; images (![alt](src), ![alt][ref],
 * ![[file]], <img ...>), reference definitions ([ref]: url), HTML comments, Obsidian
 * %%comments%%, Liquid tags ({% ... %}, {{ ... }}) and Hugo shortcodes
 * ({{< ... >}}) are removed; a line of Obsidian #tags only adds them to
 * the keywords; HTML entities (&mdash;) read as their character and a
 * no-break space as a space. Code (fenced blocks and `spans`) is left as
 * written. Headings, lists and block quotes stay Markdown. */
#include "import/frontmatter.h"
#include "import/import.h"

#include <libxml/HTMLparser.h>
#include <string.h>

char *import_utf8_text(const char *data, size_t len, imp_doc *d, char **error);

/* ------------------------------------------------------------ front matter */

static const char *scalar(const fm_node *v) {
    return v && v->kind == FM_SCALAR ? v->scalar : NULL;
}

static int ieq(const char *a, const char *b) {
    return g_ascii_strcasecmp(a, b) == 0;
}

static int key_in(const char *key, const char *const *keys) {
    for (; *keys; keys++)
        if (ieq(key, *keys)) return 1;
    return 0;
}

static int csl_type(const char *t) {
    static const char *const types[] = {"article",
                                        "article-journal",
                                        "article-magazine",
                                        "article-newspaper",
                                        "book",
                                        "chapter",
                                        "entry-encyclopedia",
                                        "interview",
                                        "legislation",
                                        "manuscript",
                                        "motion_picture",
                                        "paper-conference",
                                        "personal_communication",
                                        "post",
                                        "post-weblog",
                                        "report",
                                        "software",
                                        "speech",
                                        "thesis",
                                        "webpage",
                                        "broadcast",
                                        "dataset",
                                        "document",
                                        NULL};
    return t && key_in(t, types);
}

/* A front matter value without Obsidian's [[link]] brackets: "[[Page|Shown]]"
 * is "Shown", "[[Page]]" is "Page"; anything else as it is. A new string. */
static char *unlinked(const char *s) {
    size_t n = strlen(s);
    if (n > 4 && g_str_has_prefix(s, "[[") && g_str_has_suffix(s, "]]")) {
        char *inner = g_strndup(s + 2, n - 4);
        char *bar = strchr(inner, '|');
        char *v = g_strdup(bar ? bar + 1 : inner);
        g_free(inner);
        return v;
    }
    return g_strdup(s);
}

static int words_in(const char *s) {
    int n = 0, in = 0;
    for (; *s; s++) {
        int space = *s == ' ' || *s == '\t';
        n += !space && !in;
        in = !space;
    }
    return n;
}

/* An author as written. One string may name several people, "Amber Graner,
 * David Cardozo": split at commas when every part has two words or more, so
 * that "Doe, Jane" stays one name written family first. */
static void offer_name(imp_doc *d, const char *name, const char *from) {
    char *v = unlinked(name);
    gchar **parts = g_strsplit(v, ",", -1);
    int several = g_strv_length(parts) > 1;
    for (gchar **p = parts; *p && several; p++)
        several = words_in(g_strstrip(*p)) >= 2;
    if (several)
        for (gchar **p = parts; *p; p++)
            imp_offer_author(d, *p, 0, from);
    else
        imp_offer_author(d, v, 0, from);
    g_strfreev(parts);
    g_free(v);
}

static void authors_from(imp_doc *d, const fm_node *v, const char *from) {
    if (scalar(v)) {
        offer_name(d, scalar(v), from);
        return;
    }
    if (!v || v->kind != FM_LIST) return;
    for (guint i = 0; i < v->items->len; i++) {
        const fm_node *a = g_ptr_array_index(v->items, i);
        if (scalar(a)) {
            offer_name(d, scalar(a), from);
        } else if (a->kind == FM_MAP) {
            const char *lit = scalar(fm_get(a, "literal"));
            const char *name = scalar(fm_get(a, "name"));
            const char *family = scalar(fm_get(a, "family")), *given = scalar(fm_get(a, "given"));
            if (lit) {
                imp_offer_author(d, lit, 1, from);
            } else if (name) {
                offer_name(d, name, from);
            } else if (family) {
                /* written "Family, Given" so that the order survives */
                char *n = given ? g_strdup_printf("%s, %s", family, given) : g_strdup(family);
                imp_offer_author(d, n, 0, from);
                g_free(n);
            }
        }
    }
}

static void keywords_from(imp_doc *d, const fm_node *v, int spaces, const char *from) {
    if (scalar(v)) {
        const char *s = scalar(v);
        if (spaces && !strchr(s, ',')) {
            gchar **words = g_strsplit_set(s, " \t", -1);
            for (gchar **w = words; *w; w++)
                imp_offer_keywords(d, **w == '#' ? *w + 1 : *w, from);
            g_strfreev(words);
        } else {
            imp_offer_keywords(d, s, from);
        }
        return;
    }
    if (!v || v->kind != FM_LIST) return;
    for (guint i = 0; i < v->items->len; i++) {
        const char *s = scalar(g_ptr_array_index(v->items, i));
        if (!s) continue;
        char *k = unlinked(*s == '#' ? s + 1 : s); /* Obsidian: categories: ["[[Posts]]"] */
        imp_offer_keywords(d, k, from);
        g_free(k);
    }
}

/* "YAML front matter 'date'", kept as long as the document. */
static const char *key_from(imp_doc *d, const char *block, const char *key) {
    return imp_keep(d, g_strdup_printf("%s front matter '%s'", block, key));
}

static void map_front_matter(imp_doc *d, fm_node *fm, const char *kind) {
    static const char *const url_keys[] = {"canonical_url", "canonicalURL", "canonical",    "url",
                                           "source",        "link",         "original_url", NULL};
    static const char *const date_keys[] = {"date",    "publishDate",    "pubDate", "published",
                                            "created", "date_published", NULL};
    static const char *const tag_keys[] = {"tags",     "tag",      "categories",
                                           "category", "keywords", NULL};
    const char *block = strcmp(kind, "toml") == 0 ? "TOML" : "YAML";
    fm_node *extra = fm_map();
    /* the date keys in their order of preference, whatever order the file has */
    for (const char *const *k = date_keys; *k; k++)
        for (guint i = 0; i < fm->keys->len; i++) {
            const char *key = g_ptr_array_index(fm->keys, i);
            const char *v = scalar(g_ptr_array_index(fm->items, i));
            if (ieq(key, *k) && v && !ieq(v, "true") && !ieq(v, "false"))
                imp_offer(d, F_DATE, v, key_from(d, block, key));
        }
    for (const char *const *k = url_keys; *k; k++)
        for (guint i = 0; i < fm->keys->len; i++) {
            const char *v = scalar(g_ptr_array_index(fm->items, i));
            if (ieq(g_ptr_array_index(fm->keys, i), *k) && v &&
                (g_str_has_prefix(v, "http://") || g_str_has_prefix(v, "https://")))
                imp_offer(d, F_URL, v, key_from(d, block, g_ptr_array_index(fm->keys, i)));
        }
    while (fm->keys->len) {
        char *key = g_ptr_array_steal_index(fm->keys, 0);
        fm_node *v = g_ptr_array_steal_index(fm->items, 0);
        const char *s = scalar(v);
        const char *from = key_from(d, block, key);
        int used = 1;
        if (ieq(key, "title") && s)
            imp_offer(d, F_TITLE, s, from);
        else if (ieq(key, "author") || ieq(key, "authors"))
            authors_from(d, v, from);
        else if (key_in(key, date_keys) && s && !ieq(s, "true") && !ieq(s, "false"))
            ; /* offered above */
        else if ((ieq(key, "publisher") || ieq(key, "site_name")) && s)
            imp_offer(d, F_PUBLISHER, s, from);
        else if (key_in(key, url_keys) && s &&
                 (g_str_has_prefix(s, "http://") || g_str_has_prefix(s, "https://")))
            ; /* offered above */
        else if ((ieq(key, "lang") || ieq(key, "language")) && s)
            imp_offer(d, F_LANGUAGE, s, from);
        else if (key_in(key, tag_keys)) /* tags and categories together */
            keywords_from(d, v, !ieq(key, "keywords"), key_from(d, block, "tags"));
        else if (ieq(key, "id") && s && !d->want_id)
            d->want_id = g_strdup(s);
        else if (ieq(key, "key") && s && !d->want_key)
            d->want_key = g_strdup(s);
        else if (ieq(key, "type") && csl_type(s))
            imp_offer(d, F_TYPE, s, from);
        else if (ieq(key, "container") && s)
            imp_offer(d, F_CONTAINER, s, from);
        else if (ieq(key, "doi") && s)
            imp_offer(d, F_DOI, s, from);
        else
            used = 0;
        if (!used && ieq(key, "draft") && s && ieq(s, "true"))
            imp_note(d, "the front matter marks it as a draft (draft: true)");
        if (used) {
            fm_free(v);
        } else {
            fm_add(extra, key, v);
        }
        g_free(key);
    }
    if (extra->items->len)
        d->extra = extra;
    else
        fm_free(extra);
}

/* ------------------------------------------------------------ text */

/* The end of a bracketed run starting at s[i] == open, nesting allowed; or 0. */
static size_t closing(const char *s, size_t n, size_t i, char open, char close) {
    int depth = 0;
    for (size_t j = i; j < n; j++) {
        if (s[j] == '\\' && j + 1 < n) {
            j++;
            continue;
        }
        if (s[j] == '\n' && j + 1 < n && s[j + 1] == '\n') return 0; /* not across paragraphs */
        if (s[j] == open) depth++;
        if (s[j] == close && --depth == 0) return j;
    }
    return 0;
}

/* Removes `open` ... `close` (e.g. "<!--" ... "-->") everywhere; code spans
 * are not protected here: these never appear inside code in practice, and a
 * missing close leaves the text as it was. */
static void remove_between(GString *t, const char *open, const char *close) {
    size_t ol = strlen(open), cl = strlen(close);
    for (char *p = strstr(t->str, open); p; p = strstr(t->str + (p - t->str), open)) {
        char *e = strstr(p + ol, close);
        if (!e) break;
        g_string_erase(t, p - t->str, (e + cl) - p);
    }
}

static int is_fence(const char *line, char *fch, size_t *flen) {
    size_t i = 0;
    while (i < 3 && line[i] == ' ')
        i++;
    char c = line[i];
    if (c != '`' && c != '~') return 0;
    size_t k = 0;
    while (line[i + k] == c)
        k++;
    if (k < 3) return 0;
    *fch = c;
    *flen = k;
    return 1;
}

/* A reference definition: "[label]: target" at the start of a line. */
static int is_ref_definition(const char *line) {
    size_t i = 0;
    while (i < 3 && line[i] == ' ')
        i++;
    if (line[i] != '[' || line[i + 1] == '^') return 0; /* a footnote is text */
    const char *e = strstr(line + i, "]:");
    return e && !memchr(line + i, '\n', (size_t)(e - line - i));
}

/* An HTML entity at s ("&mdash;", "&#8217;", "&#x2014;"): appends its
 * character to out and returns the entity's length, or 0 when s starts none. */
static size_t entity(const char *s, size_t n, GString *out) {
    size_t e = 1;
    while (e < n && e < 32 && (g_ascii_isalnum(s[e]) || (e == 1 && s[e] == '#')))
        e++;
    if (e >= n || s[e] != ';' || e < 3) return 0;
    gunichar u = 0;
    if (s[1] == '#') {
        char *num = g_strndup(s + 2, e - 2), *end = NULL;
        int hex = *num == 'x' || *num == 'X';
        guint64 v = g_ascii_strtoull(num + hex, &end, hex ? 16 : 10);
        u = end && !*end && end != num + hex && v <= 0x10FFFF ? (gunichar)v : 0;
        g_free(num);
    } else {
        char *name = g_strndup(s + 1, e - 1);
        const htmlEntityDesc *h = htmlEntityLookup((const xmlChar *)name);
        u = h ? h->value : 0;
        g_free(name);
    }
    if (!u || !g_unichar_validate(u)) return 0;
    if (u == 0xA0) u = ' ';
    g_string_append_unichar(out, u);
    return e + 1;
}

/* Links and images of one line (outside code spans). */
static void clean_inline(const char *s, size_t n, GString *out) {
    for (size_t i = 0; i < n;) {
        char c = s[i];
        if (c == '`') { /* a code span: copied as it is, up to the same run of backticks */
            size_t k = 0;
            while (i + k < n && s[i + k] == '`')
                k++;
            char *run = g_strnfill(k, '`');
            const char *end = g_strstr_len(s + i + k, (gssize)(n - i - k), run);
            g_free(run);
            size_t stop = end ? (size_t)(end - s) + k : i + k;
            g_string_append_len(out, s + i, (gssize)(stop - i));
            i = stop;
            continue;
        }
        if (c == '\\' && i + 1 < n) {
            g_string_append_len(out, s + i, 2);
            i += 2;
            continue;
        }
        int image = c == '!' && i + 1 < n && s[i + 1] == '[';
        size_t b = image ? i + 1 : i;
        if (s[b] == '[' && b + 1 < n && s[b + 1] == '[') { /* [[wikilink]] or ![[embed]] */
            const char *e = g_strstr_len(s + b + 2, (gssize)(n - b - 2), "]]");
            if (e) {
                size_t inner = b + 2, stop = (size_t)(e - s);
                if (!image) {
                    const char *bar = memchr(s + inner, '|', stop - inner);
                    const char *hash = memchr(s + inner, '#', stop - inner);
                    if (bar)
                        g_string_append_len(out, bar + 1, (gssize)(s + stop - bar - 1));
                    else
                        g_string_append_len(out, s + inner,
                                            (gssize)((hash ? (size_t)(hash - s) : stop) - inner));
                }
                i = stop + 2;
                continue;
            }
        }
        if (s[b] == '[') {
            size_t close = closing(s, n, b, '[', ']');
            if (close && close + 1 < n && (s[close + 1] == '(' || s[close + 1] == '[')) {
                char open = s[close + 1], shut = open == '(' ? ')' : ']';
                size_t end = closing(s, n, close + 1, open, shut);
                if (end) {
                    if (!image) clean_inline(s + b + 1, close - b - 1, out);
                    i = end + 1;
                    continue;
                }
            }
        }
        if (c == '<' &&
            (g_str_has_prefix(s + i, "<http://") || g_str_has_prefix(s + i, "<https://"))) {
            const char *e = memchr(s + i, '>', n - i);
            if (e && !memchr(s + i, ' ', (size_t)(e - s - i))) {
                g_string_append_len(out, s + i + 1, (gssize)(e - s - i - 1));
                i = (size_t)(e - s) + 1;
                continue;
            }
        }
        if (c == '<' && g_ascii_strncasecmp(s + i, "<img", MIN(n - i, 4)) == 0 && i + 4 < n &&
            strchr(" \t\n/>", s[i + 4])) { /* an HTML image is image syntax too */
            const char *e = memchr(s + i, '>', n - i);
            if (e) {
                i = (size_t)(e - s) + 1;
                continue;
            }
        }
        if ((unsigned char)c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            g_string_append_c(out, ' '); /* a no-break space is a space in a passage */
            i += 2;
            continue;
        }
        if (c == '&') { /* an entity reads as its character, as a renderer shows it */
            size_t k = entity(s + i, n - i, out);
            if (k) {
                i += k;
                continue;
            }
        }
        g_string_append_c(out, c);
        i++;
    }
}

/* A line of Obsidian tags only ("#fsf #governance"): its tags, or NULL. */
static gchar **tag_line(const char *line) {
    gchar **words = g_strsplit_set(line, " \t", -1);
    int n = 0, tags = 1;
    for (gchar **w = words; *w && tags; w++) {
        if (!**w) continue;
        n++;
        tags = (*w)[0] == '#' && (*w)[1] && (*w)[1] != '#' && (*w)[1] != ' ';
    }
    if (tags && n) return words;
    g_strfreev(words);
    return NULL;
}

static void clean_body(const char *body, GString *out, imp_doc *d) {
    GString *t = g_string_new(body);
    remove_between(t, "<!--", "-->");
    remove_between(t, "%%", "%%");
    remove_between(t, "{%", "%}");
    remove_between(t, "{{<", ">}}");
    remove_between(t, "{{%", "%}}");
    remove_between(t, "{{", "}}");
    gchar **lines = g_strsplit(t->str, "\n", -1);
    g_string_free(t, TRUE);
    char fch = 0;
    size_t flen = 0;
    int in_code = 0, blank = 0;
    /* a paragraph is cleaned as a whole: a link may wrap across its lines */
    GString *para = g_string_new(NULL);
#define FLUSH_PARA()                                                                               \
    do {                                                                                           \
        if (para->len) {                                                                           \
            clean_inline(para->str, para->len, out);                                               \
            g_string_truncate(para, 0);                                                            \
        }                                                                                          \
    } while (0)
    for (gchar **l = lines; *l; l++) {
        char c;
        size_t k;
        if (in_code) {
            FLUSH_PARA();
            g_string_append(out, *l);
            g_string_append_c(out, '\n');
            if (is_fence(*l, &c, &k) && c == fch && k >= flen) in_code = 0;
            continue;
        }
        if (is_fence(*l, &fch, &flen)) {
            FLUSH_PARA();
            in_code = 1;
            g_string_append(out, *l);
            g_string_append_c(out, '\n');
            blank = 0;
            continue;
        }
        if (is_ref_definition(*l)) continue;
        gchar **tags = tag_line(*l);
        if (tags) { /* Obsidian's inline tags are keywords, not text */
            for (gchar **w = tags; *w; w++)
                if (**w)
                    imp_offer_keywords(d, *w + 1,
                                       d->keywords_from ? d->keywords_from : "inline #tags");
            g_strfreev(tags);
            continue;
        }
        char *stripped = g_strstrip(g_strdup(*l));
        int empty =
            !*stripped || (g_str_has_prefix(stripped, "{:") && g_str_has_suffix(stripped, "}"));
        g_free(stripped);
        if (empty) {
            FLUSH_PARA();
            if (!blank && out->len) g_string_append_c(out, '\n');
            blank = 1;
            continue;
        }
        blank = 0;
        g_string_append(para, *l);
        g_string_append_c(para, '\n');
    }
    FLUSH_PARA();
#undef FLUSH_PARA
    g_string_free(para, TRUE);
    g_strfreev(lines);
    /* lines left empty by a removed image do not make blank runs */
    while (out->len && (out->str[out->len - 1] == '\n' || out->str[out->len - 1] == ' '))
        g_string_truncate(out, out->len - 1);
    GString *tidy = g_string_sized_new(out->len);
    int newlines = 0;
    size_t start = 0;
    while (start < out->len && out->str[start] == '\n')
        start++;
    for (size_t i = start; i < out->len; i++) {
        char ch = out->str[i];
        newlines = ch == '\n' ? newlines + 1 : 0;
        if (newlines <= 2) g_string_append_c(tidy, ch);
    }
    g_string_assign(out, tidy->str);
    g_string_free(tidy, TRUE);
}

/* ------------------------------------------------------------ the importer */

/* What a file's name says when the front matter does not: Jekyll names a post
 * "2014-11-13-slug.md" and takes its date from there; Obsidian names a note by
 * its title ("Evergreen notes turn ideas into objects.md"), so a name written
 * as words, with a space, is the title. */
static void from_file_name(imp_doc *d) {
    if (!d->source_path) return;
    char *base = g_path_get_basename(d->source_path);
    char *dot = strrchr(base, '.');
    if (dot && dot != base) *dot = '\0';
    int dated = strlen(base) > 11 && base[10] == '-';
    for (int i = 0; dated && i < 10; i++)
        dated = i == 4 || i == 7 ? base[i] == '-' : g_ascii_isdigit(base[i]);
    if (dated) {
        char ymd[11];
        memcpy(ymd, base, 10);
        ymd[10] = '\0';
        imp_offer(d, F_DATE, ymd, "the file name (a Jekyll post's date)");
    } else if (strchr(base, ' ')) {
        imp_offer(d, F_TITLE, base, "the file name (an Obsidian note's title)");
    }
    g_free(base);
}

/* The fence line at s: "---" or "+++" alone on the line. */
static int fence_line(const char *s, const char *fence) {
    return strncmp(s, fence, 3) == 0 &&
           (s[3] == '\n' || s[3] == '\0' ||
            (s[3] == ' ' && strspn(s + 3, " ") == strcspn(s + 3, "\n")));
}

int import_markdown(const char *data, size_t len, imp_doc *d, char **error) {
    char *text = import_utf8_text(data, len, d, error);
    if (!text) return -1;
    const char *body = text;
    const char *fence = fence_line(text, "---") ? "---" : fence_line(text, "+++") ? "+++" : NULL;
    if (fence) {
        const char *start = strchr(text, '\n');
        start = start ? start + 1 : text + strlen(text);
        const char *end = NULL;
        for (const char *l = start; *l;) {
            if (fence_line(l, fence) || (fence[0] == '-' && fence_line(l, "..."))) {
                end = l;
                break;
            }
            const char *nl = strchr(l, '\n');
            if (!nl) break;
            l = nl + 1;
        }
        if (!end) {
            *error =
                g_strdup_printf("line 1: front matter opened with '%s' is never closed", fence);
            g_free(text);
            return -1;
        }
        fm_node *fm = NULL;
        char *why = NULL;
        int rc = fence[0] == '+' ? fm_parse_toml(start, (size_t)(end - start), 2, &fm, &why)
                                 : fm_parse_yaml(start, (size_t)(end - start), 2, &fm, &why);
        if (rc) {
            *error = g_strdup_printf("front matter %s", why);
            g_free(why);
            g_free(text);
            return -1;
        }
        map_front_matter(d, fm, fence[0] == '+' ? "toml" : "yaml");
        fm_free(fm);
        const char *nl = strchr(end, '\n');
        body = nl ? nl + 1 : end + strlen(end);
    }
    clean_body(body, d->text, d);
    from_file_name(d);
    /* no title yet: the first heading, else the first line */
    if (!d->value[F_TITLE]) {
        const char *p = d->text->str;
        while (*p == '\n')
            p++;
        size_t k = strcspn(p, "\n");
        if (k && k <= 200) {
            const char *t = p;
            while (*t == '#')
                t++;
            char *first = g_strndup(t, k - (size_t)(t - p));
            imp_offer(d, F_TITLE, first, *p == '#' ? "first heading" : "first line of the text");
            g_free(first);
        }
    }
    g_free(text);
    return 0;
}
