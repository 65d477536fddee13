/* article.c — the articles of a corpus directory: one file read into its
 * front matter and sentences, written into the article sections (records,
 * strings, text, passages), and the view of those sections an open corpus
 * reads. */
#include "build.h"
#include "cache.h"
#include "furniture.h"
#include "names.h"
#include "text.h"
#include "yamlread.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int has_article_suffix(const char *name) {
    size_t n = strlen(name);
    if (name[0] == '.') return 0;
    return (n > 3 && strcmp(name + n - 3, ".md") == 0) ||
           (n > 4 && strcmp(name + n - 4, ".txt") == 0);
}

static int cmp_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files dossier.yaml lists (malloc'd copies). */
static dossier_status listed_articles(const dossier_corpus *c, char ***names, size_t *n,
                                      dossier_error *err) {
    *n = 0;
    *names = calloc(c->config.n_articles ? c->config.n_articles : 1, sizeof **names);
    if (!*names) return set_error(err, DOSSIER_ERR_NOMEM, "%s: out of memory", c->dir);
    for (size_t i = 0; i < c->config.n_articles; i++) {
        if (!((*names)[i] = strdup(c->config.articles[i])))
            return set_error(err, DOSSIER_ERR_NOMEM, "%s: out of memory", c->dir);
        *n = i + 1;
    }
    return DOSSIER_OK;
}

/* Sorted names of the article files in dir (malloc'd array of malloc'd names). */
dossier_status list_articles(const char *dir, char ***names, size_t *n, dossier_error *err) {
    *names = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return set_error(err, DOSSIER_ERR_IO, "%s: cannot open corpus directory: %s", dir,
                         strerror(errno));
    size_t cap = 0;
    struct dirent *e;
    dossier_status s = DOSSIER_OK;
    while ((e = readdir(d))) {
        if (!has_article_suffix(e->d_name)) continue;
        char *copy = strdup(e->d_name);
        if (!copy || !grow((void **)names, &cap, *n + 1, sizeof **names)) {
            free(copy);
            s = set_error(err, DOSSIER_ERR_NOMEM, "%s: out of memory", dir);
            break;
        }
        (*names)[(*n)++] = copy;
    }
    closedir(d);
    if (s == DOSSIER_OK && *n) qsort(*names, *n, sizeof **names, cmp_names);
    return s;
}

dossier_status article_files(const dossier_corpus *c, char ***names, size_t *n,
                             dossier_error *err) {
    dossier_status s = c->config.has_articles ? listed_articles(c, names, n, err)
                                              : list_articles(c->dir, names, n, err);
    if (s) {
        for (size_t i = 0; i < *n; i++)
            free((*names)[i]);
        free(*names);
        *names = NULL;
        *n = 0;
        return s;
    }
    if (*n == 0)
        return set_error(err, DOSSIER_ERR_INVALID,
                         "%s: no articles (*.md or *.txt files) in the corpus directory", c->dir);
    return DOSSIER_OK;
}

dossier_status article_skipped(dossier_corpus *c, const char *path) {
    return add_notice(c,
                      "%s: skipped: no front matter, so not an article (a README or notes?); "
                      "add front matter, or list it under 'articles:' in dossier.yaml",
                      path);
}

/* Refuses binary and mis-encoded files with the position of the first bad byte. */
static dossier_status check_text(const char *path, const char *text, size_t len,
                                 dossier_error *err) {
    for (size_t i = 0; i < len;) {
        size_t n;
        unsigned line, col;
        if (text[i] == '\0') {
            line_col(text, i, &line, &col);
            return set_error(err, DOSSIER_ERR_INVALID, "%s:%u:%u: NUL byte: not a text file", path,
                             line, col);
        }
        if ((unsigned char)text[i] < 0x80) {
            i++;
            continue;
        }
        if (utf8_decode(text, len, i, &n) == 0xFFFD && n == 1) {
            line_col(text, i, &line, &col);
            return set_error(err, DOSSIER_ERR_INVALID, "%s:%u:%u: invalid UTF-8", path, line, col);
        }
        i += n;
    }
    return DOSSIER_OK;
}

/* Length of the line starting at i, without its line break; *next gets the next line. */
static size_t line_at(const char *t, size_t len, size_t i, size_t *next) {
    size_t j = i;
    while (j < len && t[j] != '\n')
        j++;
    *next = j < len ? j + 1 : len;
    if (j > i && t[j - 1] == '\r') j--;
    return j - i;
}

static const char *const article_keys[] = {
    "id",   "key",       "title", "publisher", "author", "date",     "date_note", "language",
    "type", "container", "url",   "doi",       "origin", "keywords", "extra"};
#define N_ARTICLE_KEYS (sizeof article_keys / sizeof *article_keys)
enum { KEY_AUTHOR = 4, KEY_DATE = 5, KEY_DOI = 11, KEY_KEYWORDS = 13, KEY_EXTRA = 14 };

static const char **article_field(dossier_article *a, size_t k) {
    const char **fields[] = {&a->id,   &a->key,       &a->title,    &a->publisher, &a->author,
                             &a->date, &a->date_note, &a->language, &a->type,      &a->container,
                             &a->url,  &a->doi,       NULL};
    return k < sizeof fields / sizeof *fields ? fields[k] : NULL;
}

/* `keywords`: a list of strings, or one string of comma-separated words. */
static dossier_status parse_keywords(arena *mem, ydoc *d, yaml_node_t *n, dossier_article *a,
                                     dossier_error *err) {
    const char *items[256];
    size_t k = 0;
    char *split = NULL;
    if (n && n->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *i = n->data.sequence.items.start; i < n->data.sequence.items.top;
             i++) {
            if (k == 256) return ydoc_error(d, n, err, DOSSIER_ERR_LIMIT, "more than 256 keywords");
            const char *v = ydoc_string(d, ydoc_node(d, *i), "a keyword", err);
            if (!v) return DOSSIER_ERR_INVALID;
            items[k++] = v;
        }
    } else {
        const char *v = ydoc_string(d, n, "'keywords' (a list, or words separated by commas)", err);
        if (!v) return DOSSIER_ERR_INVALID;
        if (!(split = arena_strdup(mem, v)))
            return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
        for (char *p = split; *p && k < 256;) {
            while (*p == ' ' || *p == ',')
                p++;
            if (!*p) break;
            items[k++] = p;
            char *e = strchr(p, ',');
            char *end = e ? e : p + strlen(p);
            while (end > p && end[-1] == ' ')
                end--;
            char next = e ? 1 : 0;
            *end = '\0';
            p = next ? e + 1 : end;
        }
    }
    const char **kept = arena_alloc(mem, (k ? k : 1) * sizeof *kept);
    if (!kept) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < k; i++)
        if (!(kept[i] = split ? items[i] : arena_strdup(mem, items[i])))
            return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    a->keywords.items = kept;
    a->keywords.n = k;
    return DOSSIER_OK;
}

static int id_char(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '-' || ch == '_' || ch == '.' || ch == ':';
}

static int valid_id(const char *s) {
    if (!*s) return 0;
    for (; *s; s++)
        if (!id_char(*s)) return 0;
    return 1;
}

/* at[0..1] gets the line and column of 'id', at[2..3] those of 'key'. */
static dossier_status parse_front_matter(arena *mem, dossier_article *a, const char *yaml,
                                         size_t len, unsigned line_offset, unsigned at[4],
                                         dossier_error *err) {
    ydoc d;
    dossier_status s = ydoc_load(&d, a->path, yaml, len, line_offset, err);
    if (s) return s;
    yaml_node_t *root = ydoc_root(&d);
    if (!root || root->type != YAML_MAPPING_NODE) {
        s = ydoc_error(&d, root, err, DOSSIER_ERR_INVALID,
                       "front matter must be a mapping of key: value");
        goto done;
    }
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
         p++) {
        yaml_node_t *kn = ydoc_node(&d, p->key), *vn = ydoc_node(&d, p->value);
        const char *key = ydoc_key(&d, root, p, "a front matter key", err);
        if (!key) {
            s = DOSSIER_ERR_INVALID;
            goto done;
        }
        size_t k = 0;
        while (k < N_ARTICLE_KEYS && strcmp(article_keys[k], key) != 0)
            k++;
        if (k == N_ARTICLE_KEYS) {
            s = ydoc_error(&d, kn, err, DOSSIER_ERR_INVALID,
                           "unknown front matter key '%s' (expected id, key, title, publisher, "
                           "author, date, date_note, language, type, container, url, doi, "
                           "origin, keywords, extra)",
                           key);
            goto done;
        }
        if (k == KEY_EXTRA) continue; /* another tool's keys, kept as they are: never read */
        if (k == KEY_AUTHOR) {
            dossier_name *names;
            if ((s = parse_authors(mem, &d, vn, &names, &a->n_authors, &a->author, err))) goto done;
            a->authors = names;
            if (!*a->author) a->author = NULL; /* an empty string: not given */
            continue;
        }
        if (k == KEY_KEYWORDS) {
            if ((s = parse_keywords(mem, &d, vn, a, err))) goto done;
            continue;
        }
        char what[64];
        snprintf(what, sizeof what, "'%s'", key);
        const char *v = ydoc_string(&d, vn, what, err);
        if (!v) {
            s = DOSSIER_ERR_INVALID;
            goto done;
        }
        const char **field = article_field(a, k);
        if (!field) continue; /* origin: provenance only */
        char iso[11];
        if (k == KEY_DATE && *v && strcmp(v, "unknown") != 0) {
            dossier_error derr;
            if (dossier_parse_date(v, iso, &derr)) {
                s = ydoc_error(&d, vn, err, DOSSIER_ERR_INVALID, "%s", derr.message);
                goto done;
            }
            v = iso; /* read and normalised: "April 2, 2024" is 2024-04-02 */
        }
        if (k == KEY_DOI && *v) {
            /* "https://doi.org/10.1/x" and "doi:10.1/x" name the DOI 10.1/x */
            const char *ten = strstr(v, "10.");
            if (!ten || ten[3] < '0' || ten[3] > '9' || !strchr(ten, '/')) {
                s = ydoc_error(&d, vn, err, DOSSIER_ERR_INVALID,
                               "'doi' must be a DOI such as 10.1000/xyz123 (got '%s')", v);
                goto done;
            }
            v = ten;
        }
        if (!(*field = arena_strdup(mem, v))) {
            s = set_error(err, DOSSIER_ERR_NOMEM, "%s: out of memory", a->path);
            goto done;
        }
        if (k == 0 || k == 1) {
            at[2 * k] = (unsigned)vn->start_mark.line + 1 + line_offset;
            at[2 * k + 1] = (unsigned)vn->start_mark.column + 1;
        }
        if ((k == 0 || k == 1) && !valid_id(v)) {
            s = ydoc_error(&d, vn, err, DOSSIER_ERR_INVALID,
                           "'%s' must be letters, digits, '-', '_', '.' or ':' (got '%s')", key, v);
            goto done;
        }
    }
    if (!a->id)
        s = ydoc_error(&d, root, err, DOSSIER_ERR_INVALID, "front matter has no 'id'");
    else if (!a->title)
        s = ydoc_error(&d, root, err, DOSSIER_ERR_INVALID, "front matter has no 'title'");
done:
    ydoc_free(&d);
    return s;
}

/* An article without front matter: id and key from the file name, title from its first line. */
static dossier_status default_fields(arena *mem, dossier_article *a, const char *name) {
    const char *dot = strrchr(name, '.');
    size_t n = dot ? (size_t)(dot - name) : strlen(name);
    char *id = arena_strndup(mem, name, n);
    if (!id) return DOSSIER_ERR_NOMEM;
    for (char *p = id; *p; p++)
        if (!id_char(*p)) *p = '-';
    a->id = a->key = id;
    size_t i = a->body_start, next;
    while (i < a->text_len) {
        size_t l = line_at(a->text, a->text_len, i, &next);
        size_t b = i, e = i + l;
        while (b < e && (a->text[b] == ' ' || a->text[b] == '\t'))
            b++;
        while (e > b && (a->text[e - 1] == ' ' || a->text[e - 1] == '\t'))
            e--;
        if (e > b) {
            if (e - b > 200) e = b + 200;
            while (e > b && ((unsigned char)a->text[e] & 0xC0) == 0x80)
                e--; /* whole characters */
            a->title = arena_strndup(mem, a->text + b, e - b);
            return a->title ? DOSSIER_OK : DOSSIER_ERR_NOMEM;
        }
        i = next;
    }
    a->title = id;
    return DOSSIER_OK;
}

dossier_status article_load(const char *dir, const char *name, const corpus_config *cfg, arena *mem,
                            loaded_article *la, dossier_error *err) {
    memset(la, 0, sizeof *la);
    dossier_article *a = &la->a;
    size_t plen = strlen(dir) + strlen(name) + 2;
    char *path = arena_alloc(mem, plen);
    if (!path) return set_error(err, DOSSIER_ERR_NOMEM, "%s: out of memory", dir);
    snprintf(path, plen, "%s/%s", dir, name);
    a->path = path;
    char *text;
    size_t len;
    dossier_status s = read_file(a->path, &text, &len, err);
    if (s) return s;
    la->text = text;
    la->hash = content_hash(text, len);
    a->text = text;
    a->text_len = len;
    if ((s = check_text(a->path, text, len, err))) return s;

    size_t i = 0, next;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) i = 3; /* byte order mark */
    a->body_start = i;
    size_t l = line_at(text, len, i, &next);
    if (l == 3 && memcmp(text + i, "---", 3) == 0) {
        size_t yaml_start = next, j = next;
        unsigned line = 2;
        for (;;) {
            if (j >= len)
                return set_error(
                    err, DOSSIER_ERR_PARSE,
                    "%s:1: front matter opened with '---' is never closed (expected a line '---')",
                    a->path);
            l = line_at(text, len, j, &next);
            if (l == 3 && (memcmp(text + j, "---", 3) == 0 || memcmp(text + j, "...", 3) == 0))
                break;
            j = next;
            line++;
        }
        if ((s = parse_front_matter(mem, a, text + yaml_start, j - yaml_start, 1, la->at, err)))
            return s;
        if (!la->at[2])
            la->at[2] = la->at[0], la->at[3] = la->at[1]; /* the key defaults to the id */
        a->body_start = next;
    } else if (!cfg->has_articles) {
        la->skipped = 1; /* not an article: the caller says so */
        return DOSSIER_OK;
    } else if ((s = default_fields(mem, a, name))) {
        return set_error(err, s, "%s: out of memory", a->path);
    }
    const char **unknowns[] = {&a->key,      &a->publisher, &a->author, &a->date,
                               &a->language, &a->type,      &a->url};
    for (size_t k = 0; k < sizeof unknowns / sizeof *unknowns; k++)
        if (!*unknowns[k]) *unknowns[k] = k == 0 ? a->id : "unknown";
    if (!a->date_note) a->date_note = "";
    if (!a->container) a->container = "";
    if (!a->doi) a->doi = "";
    if (strcmp(a->type, "unknown") == 0) a->type = "article";
    size_t rcap = 0;
    if (segment_text_with(a->text, a->text_len, a->body_start, &cfg->furniture, &la->ranges,
                          &la->n_ranges, &rcap))
        return set_error(err, DOSSIER_ERR_NOMEM, "%s: out of memory", a->path);
    return DOSSIER_OK;
}

void loaded_article_free(loaded_article *la) {
    free(la->text);
    free(la->ranges);
    memset(la, 0, sizeof *la);
}

/* ------------------------------------------------------------ one namespace of ids and keys */

/* The article that already holds s as an id (ids) or a key (keys), or -1. */
static long holder(const strmap *m, const char *s) {
    return strmap_get(m, s, strlen(s));
}

dossier_status article_unique(article_names *n, size_t i, const char *path, const char *id,
                              const char *key, const unsigned at[4], dossier_error *err) {
    char id_at[32] = "", key_at[32] = "";
    if (at && at[0]) snprintf(id_at, sizeof id_at, ":%u:%u", at[0], at[1]);
    if (at && at[2]) snprintf(key_at, sizeof key_at, ":%u:%u", at[2], at[3]);
    /* ids and keys share one namespace (dossier_article_find takes either);
     * the first article in order that clashes is the one named */
    long same_id = holder(&n->ids, id), same_key = holder(&n->keys, key);
    long key_is_id = holder(&n->keys, id), id_is_key = holder(&n->ids, key);
    long first = -1;
    long all[4] = {same_id, same_key, key_is_id, id_is_key};
    for (int k = 0; k < 4; k++)
        if (all[k] >= 0 && (first < 0 || all[k] < first)) first = all[k];
    if (first >= 0) {
        const char *other = n->paths[first];
        if (same_id == first)
            return set_error(err, DOSSIER_ERR_INVALID,
                             "%s%s: duplicate article id '%s' (also in %s)", path, id_at, id,
                             other);
        if (same_key == first)
            return set_error(err, DOSSIER_ERR_INVALID,
                             "%s%s: duplicate citation key '%s' (also in %s)", path, key_at, key,
                             other);
        return set_error(err, DOSSIER_ERR_INVALID,
                         "%s%s: '%s' is both an id and a citation key (also in %s)", path,
                         key_is_id == first ? id_at : key_at, key_is_id == first ? id : key, other);
    }
    if (!grow((void **)&n->paths, &n->cap, i + 1, sizeof *n->paths) ||
        !(n->paths[i] = arena_strdup(&n->mem, path)) ||
        (holder(&n->ids, id) < 0 && !strmap_put(&n->ids, id, strlen(id), (long)i)) ||
        (holder(&n->keys, key) < 0 && !strmap_put(&n->keys, key, strlen(key), (long)i)))
        return set_error(err, DOSSIER_ERR_NOMEM, "%s: out of memory", path);
    return DOSSIER_OK;
}

void article_names_free(article_names *n) {
    strmap_free(&n->ids);
    strmap_free(&n->keys);
    free(n->paths);
    arena_free(&n->mem);
    memset(n, 0, sizeof *n);
}

/* ------------------------------------------------------------ sections */

static uint32_t put_string(image *im, const char *s) {
    size_t n = strlen(s);
    if (n == 0) return 0;
    uint32_t off = (uint32_t)im->owned[SEC_STRINGS].len;
    image_put(im, SEC_STRINGS, s, n + 1);
    return off;
}

void article_emit(image *im, const dossier_article *a, const char *name, size_t n_words) {
    if (im->owned[SEC_STRINGS].len == 0) image_put(im, SEC_STRINGS, "", 1); /* offset 0 is "" */
    article_rec r;
    memset(&r, 0, sizeof r);
    const char *fields[AF_COUNT] = {a->id,     a->key,       a->title,     a->publisher,
                                    a->author, a->date,      a->date_note, a->language,
                                    a->type,   a->container, a->url,       a->doi};
    for (int k = 0; k < AF_COUNT; k++)
        r.field[k] = put_string(im, fields[k]);
    r.name_off = put_string(im, name);
    r.text_off = im->owned[SEC_TEXT].len;
    r.text_len = a->text_len;
    r.body_start = a->body_start;
    r.first_passage = a->first_passage;
    r.n_passages = a->n_passages;
    r.n_words = n_words;
    r.authors_first = (uint32_t)(im->owned[SEC_AUTHORS].len / sizeof(author_rec));
    r.n_authors = (uint32_t)a->n_authors;
    for (size_t k = 0; k < a->n_authors; k++) {
        const dossier_name *nm = &a->authors[k];
        author_rec ar;
        memset(&ar, 0, sizeof ar);
        ar.family = put_string(im, nm->family ? nm->family : "");
        ar.given = put_string(im, nm->given ? nm->given : "");
        ar.particle = put_string(im, nm->particle ? nm->particle : "");
        ar.suffix = put_string(im, nm->suffix ? nm->suffix : "");
        ar.literal = put_string(im, nm->literal ? nm->literal : "");
        ar.family_first = (uint32_t)(nm->family_first != 0);
        image_put(im, SEC_AUTHORS, &ar, sizeof ar);
    }
    r.keywords_first = (uint32_t)(im->owned[SEC_KEYWORDS].len / sizeof(uint32_t));
    r.n_keywords = (uint32_t)a->keywords.n;
    for (size_t k = 0; k < a->keywords.n; k++) {
        uint32_t off = put_string(im, a->keywords.items[k]);
        image_put(im, SEC_KEYWORDS, &off, sizeof off);
    }
    image_put(im, SEC_TEXT, a->text, a->text_len);
    image_put(im, SEC_TEXT, "", 1);
    image_put(im, SEC_ARTICLES, &r, sizeof r);
}

void passages_emit(image *im, const dossier_article *a, size_t ai, const dossier_range *r,
                   size_t n) {
    /* passages come in file order: one cursor walks the file once */
    line_cursor lc = line_cursor_start(a->text);
    for (size_t k = 0; k < n; k++) {
        dossier_passage p;
        memset(&p, 0, sizeof p); /* padding too: the bytes go to a file */
        p.article = ai;
        p.paragraph = r[k].paragraph;
        p.start = r[k].start;
        p.end = r[k].end;
        p.kind = r[k].kind;
        line_cursor_move(&lc, p.start);
        p.line = lc.line;
        p.col = lc.col;
        line_cursor last = lc; /* the passage's last byte */
        line_cursor_move(&last, p.end > p.start ? p.end - 1 : p.start);
        p.end_line = last.line;
        p.end_col = last.col;
        image_put(im, SEC_PASSAGES, &p, sizeof p);
    }
}

/* ------------------------------------------------------------ the view */

#define BAD_CACHE(what) set_error(err, DOSSIER_ERR_INVALID, "corrupt article section: %s", what)

static const char *string_at(const section *pool, uint32_t off) {
    return off < pool->size ? (const char *)pool->data + off : NULL;
}

/* The article's authors (SEC_AUTHORS), made into dossier_names in the arena. */
static dossier_status view_authors(dossier_corpus *c, const article_rec *r, dossier_article *a,
                                   dossier_error *err) {
    const section *pool = &c->img.s[SEC_STRINGS], *sec = &c->img.s[SEC_AUTHORS];
    if (r->authors_first > sec->count || r->n_authors > sec->count - r->authors_first)
        return BAD_CACHE("authors");
    if (!r->n_authors) return DOSSIER_OK;
    const author_rec *ar = SEC_AS(&c->img, SEC_AUTHORS, author_rec) + r->authors_first;
    dossier_name *names = arena_alloc(&c->mem, r->n_authors * sizeof *names);
    if (!names) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    for (uint32_t k = 0; k < r->n_authors; k++) {
        names[k].family = string_at(pool, ar[k].family);
        names[k].given = string_at(pool, ar[k].given);
        names[k].particle = string_at(pool, ar[k].particle);
        names[k].suffix = string_at(pool, ar[k].suffix);
        names[k].literal = string_at(pool, ar[k].literal);
        names[k].family_first = ar[k].family_first != 0;
        if (!names[k].family || !names[k].given || !names[k].particle || !names[k].suffix ||
            !names[k].literal)
            return BAD_CACHE("author");
    }
    a->authors = names;
    a->n_authors = r->n_authors;
    return DOSSIER_OK;
}

static dossier_status view_keywords(dossier_corpus *c, const article_rec *r, dossier_article *a,
                                    dossier_error *err) {
    const section *pool = &c->img.s[SEC_STRINGS], *sec = &c->img.s[SEC_KEYWORDS];
    if (r->keywords_first > sec->count || r->n_keywords > sec->count - r->keywords_first)
        return BAD_CACHE("keywords");
    if (!r->n_keywords) return DOSSIER_OK;
    const uint32_t *offs = SEC_AS(&c->img, SEC_KEYWORDS, uint32_t) + r->keywords_first;
    const char **items = arena_alloc(&c->mem, r->n_keywords * sizeof *items);
    if (!items) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    for (uint32_t k = 0; k < r->n_keywords; k++)
        if (!(items[k] = string_at(pool, offs[k]))) return BAD_CACHE("keyword");
    a->keywords.items = items;
    a->keywords.n = r->n_keywords;
    return DOSSIER_OK;
}

dossier_status articles_view(dossier_corpus *c, dossier_error *err) {
    const image *im = &c->img;
    const section *pool = &im->s[SEC_STRINGS], *text = &im->s[SEC_TEXT];
    const section *more = &im->s[SEC_TEXT_MORE]; /* a merged corpus's delta articles (delta.c) */
    c->article_recs = SEC_AS(im, SEC_ARTICLES, article_rec);
    c->n_articles = im->s[SEC_ARTICLES].count;
    c->passages = SEC_AS(im, SEC_PASSAGES, dossier_passage);
    c->n_passages = im->s[SEC_PASSAGES].count;
    if (!c->n_articles) return DOSSIER_OK;
    if (!pool->size || pool->data[0] || pool->data[pool->size - 1] ||
        (!text->size && !more->size) || (text->size && text->data[text->size - 1]) ||
        (more->size && more->data[more->size - 1]))
        return BAD_CACHE("strings");
    c->articles = arena_alloc(&c->mem, c->n_articles * sizeof *c->articles);
    if (!c->articles) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    size_t dir_len = strlen(c->dir);
    uint64_t next_text[2] = {0, 0}, next_passage = 0;
    dossier_status s;
    for (size_t i = 0; i < c->n_articles; i++) {
        const article_rec *r = &c->article_recs[i];
        dossier_article *a = &c->articles[i];
        memset(a, 0, sizeof *a);
        const char **fields[AF_COUNT] = {&a->id,     &a->key,       &a->title,     &a->publisher,
                                         &a->author, &a->date,      &a->date_note, &a->language,
                                         &a->type,   &a->container, &a->url,       &a->doi};
        for (int k = 0; k < AF_COUNT; k++) {
            if (r->field[k] >= pool->size) return BAD_CACHE("field");
            *fields[k] = (const char *)pool->data + r->field[k];
        }
        /* texts follow each other in their section, each with its NUL (a
         * merged corpus's lie in two, with gaps where articles were
         * removed); passages follow each other. Checked from the records
         * alone: reading the texts would fault in the whole mapping. */
        int k = r->text_off < text->size ? 0 : 1;
        const section *in = k ? more : text;
        uint64_t at = k ? r->text_off - text->size : r->text_off;
        if (r->name_off >= pool->size || at < next_text[k] || at >= in->size ||
            r->text_len >= in->size - at || r->body_start > r->text_len ||
            r->first_passage != next_passage || r->n_passages > c->n_passages - r->first_passage)
            return BAD_CACHE("article");
        next_text[k] = at + r->text_len + 1;
        next_passage = r->first_passage + r->n_passages;
        const char *name = (const char *)pool->data + r->name_off;
        char *path = arena_alloc(&c->mem, dir_len + strlen(name) + 2);
        if (!path) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
        snprintf(path, dir_len + strlen(name) + 2, "%s/%s", c->dir, name);
        a->path = path;
        a->text = (const char *)in->data + at;
        a->text_len = r->text_len;
        a->body_start = r->body_start;
        a->first_passage = r->first_passage;
        a->n_passages = r->n_passages;
        if ((s = view_authors(c, r, a, err)) || (s = view_keywords(c, r, a, err))) return s;
    }
    if (next_passage != c->n_passages) return BAD_CACHE("sizes");
    return DOSSIER_OK;
}

size_t passage_article(const dossier_corpus *c, size_t p) {
    if (p >= c->n_passages) return SIZE_MAX;
    size_t a = c->passages[p].article;
    return a < c->n_articles ? a : SIZE_MAX;
}
