/* article.c — loads the articles of a corpus directory: front matter and passages. */
#include "corpus.h"
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

/* The files dossier.yaml lists (malloc'd copies), each checked to exist. */
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
static dossier_status list_articles(const char *dir, char ***names, size_t *n, dossier_error *err) {
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
static dossier_status parse_keywords(dossier_corpus *c, ydoc *d, yaml_node_t *n, dossier_article *a,
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
        if (!(split = arena_strdup(&c->mem, v)))
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
    const char **kept = arena_alloc(&c->mem, (k ? k : 1) * sizeof *kept);
    if (!kept) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < k; i++)
        if (!(kept[i] = split ? items[i] : arena_strdup(&c->mem, items[i])))
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
static dossier_status parse_front_matter(dossier_corpus *c, dossier_article *a, const char *yaml,
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
            if ((s = parse_authors(&c->mem, &d, vn, &names, &a->n_authors, &a->author, err)))
                goto done;
            a->authors = names;
            if (!*a->author) a->author = NULL; /* an empty string: not given */
            continue;
        }
        if (k == KEY_KEYWORDS) {
            if ((s = parse_keywords(c, &d, vn, a, err))) goto done;
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
        if (!(*field = arena_strdup(&c->mem, v))) {
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
static dossier_status default_fields(dossier_corpus *c, dossier_article *a, const char *name) {
    const char *dot = strrchr(name, '.');
    size_t n = dot ? (size_t)(dot - name) : strlen(name);
    char *id = arena_strndup(&c->mem, name, n);
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
            a->title = arena_strndup(&c->mem, a->text + b, e - b);
            return a->title ? DOSSIER_OK : DOSSIER_ERR_NOMEM;
        }
        i = next;
    }
    a->title = id;
    return DOSSIER_OK;
}

/* Loads one article; *skipped is set (and a notice recorded) for a file that
 * is not one: no front matter, and dossier.yaml does not list it. */
static dossier_status load_article(dossier_corpus *c, dossier_article *a, const char *name,
                                   unsigned at[4], int *skipped, dossier_error *err) {
    *skipped = 0;
    char *data;
    size_t len;
    dossier_status s = read_file(a->path, &data, &len, err);
    if (s) return s;
    char *text = arena_alloc(&c->mem, len + 1);
    if (!text) {
        free(data);
        return set_error(err, DOSSIER_ERR_NOMEM, "%s: out of memory", a->path);
    }
    memcpy(text, data, len + 1);
    free(data);
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
        if ((s = parse_front_matter(c, a, text + yaml_start, j - yaml_start, 1, at, err))) return s;
        if (!at[2]) at[2] = at[0], at[3] = at[1]; /* the key defaults to the id */
        a->body_start = next;
    } else if (!c->config.has_articles) {
        *skipped = 1;
        if (add_notice(c,
                       "%s: skipped: no front matter, so not an article (a README or notes?); "
                       "add front matter, or list it under 'articles:' in dossier.yaml",
                       a->path))
            return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
        return DOSSIER_OK;
    } else if ((s = default_fields(c, a, name))) {
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
    return DOSSIER_OK;
}

static dossier_status add_passages(dossier_corpus *c, size_t ai, size_t *cap, dossier_error *err) {
    dossier_article *a = &c->articles[ai];
    dossier_range *r = NULL;
    size_t n = 0, rcap = 0;
    if (segment_text_with(a->text, a->text_len, a->body_start, &c->config.furniture, &r, &n, &rcap))
        return set_error(err, DOSSIER_ERR_NOMEM, "%s: out of memory", a->path);
    if (!grow((void **)&c->passages, cap, c->n_passages + n, sizeof *c->passages)) {
        free(r);
        return set_error(err, DOSSIER_ERR_NOMEM, "%s: out of memory", a->path);
    }
    a->first_passage = c->n_passages;
    a->n_passages = n;
    /* passages come in file order: one cursor walks the file once */
    line_cursor lc = line_cursor_start(a->text);
    for (size_t k = 0; k < n; k++) {
        dossier_passage *p = &c->passages[c->n_passages++];
        p->article = ai;
        p->paragraph = r[k].paragraph;
        p->start = r[k].start;
        p->end = r[k].end;
        p->kind = r[k].kind;
        line_cursor_move(&lc, p->start);
        p->line = lc.line;
        p->col = lc.col;
        line_cursor last = lc; /* the passage's last byte */
        line_cursor_move(&last, p->end > p->start ? p->end - 1 : p->start);
        p->end_line = last.line;
        p->end_col = last.col;
    }
    free(r);
    return DOSSIER_OK;
}

dossier_status load_articles(dossier_corpus *c, dossier_error *err) {
    char **names;
    size_t n;
    dossier_status s = c->config.has_articles ? listed_articles(c, &names, &n, err)
                                              : list_articles(c->dir, &names, &n, err);
    if (s) {
        for (size_t i = 0; i < n; i++)
            free(names[i]);
        free(names);
        return s;
    }
    if (n == 0) {
        free(names);
        return set_error(err, DOSSIER_ERR_INVALID,
                         "%s: no articles (*.md or *.txt files) in the corpus directory", c->dir);
    }
    c->articles = arena_alloc(&c->mem, n * sizeof *c->articles);
    size_t pcap = 0;
    if (!c->articles) s = set_error(err, DOSSIER_ERR_NOMEM, "%s: out of memory", c->dir);
    size_t i = 0; /* articles kept so far */
    for (size_t f = 0; s == DOSSIER_OK && f < n; f++) {
        dossier_article *a = &c->articles[i];
        memset(a, 0, sizeof *a);
        size_t plen = strlen(c->dir) + strlen(names[f]) + 2;
        char *path = arena_alloc(&c->mem, plen);
        if (!path) {
            s = set_error(err, DOSSIER_ERR_NOMEM, "%s: out of memory", c->dir);
            break;
        }
        snprintf(path, plen, "%s/%s", c->dir, names[f]);
        a->path = path;
        c->n_articles = i + 1;
        unsigned at[4] = {0, 0, 0, 0}; /* where 'id' and 'key' are written; 0 when not */
        int skipped;
        if ((s = load_article(c, a, names[f], at, &skipped, err))) break;
        if (skipped) {
            c->n_articles = i;
            continue;
        }
        char id_at[32] = "", key_at[32] = "";
        if (at[0]) snprintf(id_at, sizeof id_at, ":%u:%u", at[0], at[1]);
        if (at[2]) snprintf(key_at, sizeof key_at, ":%u:%u", at[2], at[3]);
        /* ids and keys share one namespace: dossier_article_find takes either */
        for (size_t j = 0; j < i; j++) {
            const dossier_article *o = &c->articles[j];
            if (strcmp(o->id, a->id) == 0)
                s = set_error(err, DOSSIER_ERR_INVALID,
                              "%s%s: duplicate article id '%s' (also in %s)", a->path, id_at, a->id,
                              o->path);
            else if (strcmp(o->key, a->key) == 0)
                s = set_error(err, DOSSIER_ERR_INVALID,
                              "%s%s: duplicate citation key '%s' (also in %s)", a->path, key_at,
                              a->key, o->path);
            else if (strcmp(o->key, a->id) == 0 || strcmp(o->id, a->key) == 0)
                s = set_error(err, DOSSIER_ERR_INVALID,
                              "%s%s: '%s' is both an id and a citation key (also in %s)", a->path,
                              strcmp(o->key, a->id) == 0 ? id_at : key_at,
                              strcmp(o->key, a->id) == 0 ? a->id : a->key, o->path);
            if (s) break;
        }
        if (!s) s = add_passages(c, i, &pcap, err);
        i++;
    }
    for (size_t f = 0; f < n; f++)
        free(names[f]);
    free(names);
    if (!s && c->n_articles == 0)
        s = set_error(err, DOSSIER_ERR_INVALID,
                      "%s: no articles: no *.md or *.txt file starts with front matter (see the "
                      "notices, or list the files under 'articles:' in dossier.yaml)",
                      c->dir);
    return s;
}

dossier_status tokenize_articles(dossier_corpus *c, dossier_error *err) {
    c->body_words = calloc(c->n_articles, sizeof *c->body_words);
    if (!c->body_words) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < c->n_articles; i++) {
        const dossier_article *a = &c->articles[i];
        if (tokenize(a->text + a->body_start, a->text_len - a->body_start, &c->body_words[i]))
            return set_error(err, DOSSIER_ERR_NOMEM, "%s: out of memory", a->path);
    }
    return DOSSIER_OK;
}
