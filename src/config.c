/* config.c — dossier.yaml, a corpus's settings. Optional; its keys:
 *
 *   articles:   the article files (names in the directory), in the order
 *               they load. Listed files load whether or not they have front
 *               matter; unlisted files are not articles. Without the key,
 *               every *.md and *.txt file with front matter is an article.
 *   furniture:  true (the default) or false: whether the site-furniture
 *               rules mark passages that are never offered as corroboration.
 *
 * An unknown key is an error, as in the front matter, to catch typos. */
#include "corpus.h"
#include "yamlread.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static dossier_status read_articles(dossier_corpus *c, ydoc *d, yaml_node_t *n,
                                    dossier_error *err) {
    if (!n || n->type != YAML_SEQUENCE_NODE)
        return ydoc_error(d, n, err, DOSSIER_ERR_INVALID,
                          "'articles' is a list of file names in the corpus directory");
    size_t k = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
    const char **names = arena_alloc(&c->mem, (k ? k : 1) * sizeof *names);
    if (!names) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < k; i++) {
        yaml_node_t *item = ydoc_node(d, n->data.sequence.items.start[i]);
        const char *v = ydoc_string(d, item, "an article file name", err);
        if (!v) return DOSSIER_ERR_INVALID;
        if (!*v || strchr(v, '/') || strcmp(v, ".") == 0 || strcmp(v, "..") == 0)
            return ydoc_error(d, item, err, DOSSIER_ERR_INVALID,
                              "'%s' is not a file name in the corpus directory (no '/')", v);
        for (size_t j = 0; j < i; j++)
            if (strcmp(names[j], v) == 0)
                return ydoc_error(d, item, err, DOSSIER_ERR_INVALID, "'%s' is listed twice", v);
        if (!(names[i] = arena_strdup(&c->mem, v)))
            return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    }
    c->config.articles = names;
    c->config.n_articles = k;
    c->config.has_articles = 1;
    return DOSSIER_OK;
}

dossier_status load_config(dossier_corpus *c, dossier_error *err) {
    c->config.furniture = 1;
    size_t plen = strlen(c->dir) + sizeof "/dossier.yaml";
    char *path = arena_alloc(&c->mem, plen);
    if (!path) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    snprintf(path, plen, "%s/dossier.yaml", c->dir);
    struct stat st;
    if (stat(path, &st) != 0) return DOSSIER_OK; /* no settings: the defaults */
    char *text;
    size_t len;
    dossier_status s = read_file(path, &text, &len, err);
    if (s) return s;
    ydoc d;
    s = ydoc_load(&d, path, text, len, 0, err);
    free(text);
    if (s) return s;
    yaml_node_t *root = ydoc_root(&d);
    if (root && root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0) root = NULL;
    if (root && root->type != YAML_MAPPING_NODE) {
        s = ydoc_error(&d, root, err, DOSSIER_ERR_INVALID,
                       "dossier.yaml must be a mapping of settings (articles, furniture)");
        goto done;
    }
    for (yaml_node_pair_t *p = root ? root->data.mapping.pairs.start : NULL;
         root && p < root->data.mapping.pairs.top; p++) {
        const char *key = ydoc_key(&d, root, p, "a setting", err);
        if (!key) {
            s = DOSSIER_ERR_INVALID;
            goto done;
        }
        yaml_node_t *vn = ydoc_node(&d, p->value);
        if (strcmp(key, "articles") == 0) {
            if ((s = read_articles(c, &d, vn, err))) goto done;
        } else if (strcmp(key, "furniture") == 0) {
            const char *v = ydoc_string(&d, vn, "'furniture'", err);
            if (!v) {
                s = DOSSIER_ERR_INVALID;
                goto done;
            }
            if (strcmp(v, "true") && strcmp(v, "false")) {
                s = ydoc_error(&d, vn, err, DOSSIER_ERR_INVALID,
                               "'furniture' is true or false (got '%s')", v);
                goto done;
            }
            c->config.furniture = strcmp(v, "true") == 0;
        } else {
            s = ydoc_error(&d, ydoc_node(&d, p->key), err, DOSSIER_ERR_INVALID,
                           "unknown setting '%s' (expected articles, furniture)", key);
            goto done;
        }
    }
done:
    ydoc_free(&d);
    return s;
}

dossier_status add_notice(dossier_corpus *c, const char *fmt, ...) {
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char *kept = arena_strdup(&c->mem, msg);
    if (!kept || !grow((void **)&c->notices, &c->cap_notices, c->n_notices + 1, sizeof *c->notices))
        return DOSSIER_ERR_NOMEM;
    c->notices[c->n_notices++] = kept;
    return DOSSIER_OK;
}

size_t dossier_notice_count(const dossier_corpus *c) {
    return c ? c->n_notices : 0;
}

const char *dossier_notice_at(const dossier_corpus *c, size_t i) {
    return c && i < c->n_notices ? c->notices[i] : NULL;
}
