/* config.c — dossier.yaml, a corpus' settings. Optional; its keys:
 *
 *   articles:   the article files (names in the directory), in the order
 *               they load. Listed files load whether or not they have front
 *               matter; unlisted files are not articles. Without the key,
 *               every *.md and *.txt file with front matter is an article.
 *   furniture:  whether and how the site-furniture rules mark passages that
 *               are never offered as corroboration:
 *     furniture: true            # the built-in rules (the default)
 *     furniture: false           # none: every sentence is prose or a heading
 *     furniture:
 *       builtin: true            # the built-in rules, or only the ones below
 *       keywords: ["Editor's note", "Read the full report"]  # furniture anywhere
 *       starts: ["Correction:"]  # furniture at the start of a sentence
 *       prose: [mailing list]    # built-in keywords that are prose here
 *   wordnet:    where WordNet is (relative: to the corpus), or false for none.
 *
 * Phrases are matched at the start of a word, ASCII letters without case.
 * An unknown key, a wrong type or a `prose:` name that is not a built-in
 * keyword is an error naming the line, as in the front matter, to catch
 * typos.
 *
 * A cached open reads no YAML: while dossier.yaml is unchanged, its settings
 * come from the cache (config_from_cache; config_emit writes them there). */
#include "config.h"
#include "build.h"
#include "corpus.h"
#include "yamlread.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define MAX_PHRASE 200
#define MAX_PHRASES 1000

static int parse_bool(const yaml_node_t *n, int *v) {
    if (!n || n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    const char *s = (const char *)n->data.scalar.value;
    static const char *const yes[] = {"true", "yes", "on"}, *const no[] = {"false", "no", "off"};
    for (int k = 0; k < 3; k++) {
        if (strcasecmp(s, yes[k]) == 0) return *v = 1, 1;
        if (strcasecmp(s, no[k]) == 0) return *v = 0, 1;
    }
    return 0;
}

/* A list of phrases into the arena: a NULL-free array of n strings. */
static dossier_status phrase_list(ydoc *d, yaml_node_t *n, const char *what, arena *mem,
                                  const char *const **out, size_t *count, dossier_error *err) {
    if (!n || n->type != YAML_SEQUENCE_NODE)
        return ydoc_error(d, n, err, DOSSIER_ERR_INVALID, "expected a list of phrases for '%s'",
                          what);
    if (ydoc_check_tag(d, n, what, err)) return DOSSIER_ERR_INVALID;
    size_t k = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
    if (k > MAX_PHRASES)
        return ydoc_error(d, n, err, DOSSIER_ERR_LIMIT, "more than %d phrases in '%s'", MAX_PHRASES,
                          what);
    const char **v = arena_alloc(mem, (k ? k : 1) * sizeof *v);
    if (!v) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < k; i++) {
        yaml_node_t *item = ydoc_node(d, n->data.sequence.items.start[i]);
        const char *s = ydoc_string(d, item, what, err);
        if (!s) return DOSSIER_ERR_INVALID;
        size_t len = strlen(s);
        while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
            len--;
        while (len && (*s == ' ' || *s == '\t'))
            s++, len--;
        if (len == 0 || len > MAX_PHRASE)
            return ydoc_error(d, item, err, DOSSIER_ERR_INVALID,
                              "a phrase in '%s' must have 1 to %d bytes", what, MAX_PHRASE);
        if (!(v[i] = arena_strndup(mem, s, len)))
            return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    }
    *out = v;
    *count = k;
    return DOSSIER_OK;
}

static dossier_status furniture_map(ydoc *d, yaml_node_t *m, arena *mem, furniture_config *fc,
                                    dossier_error *err) {
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *kn = ydoc_node(d, p->key), *vn = ydoc_node(d, p->value);
        const char *key = ydoc_key(d, m, p, "a key of 'furniture'", err);
        if (!key) return DOSSIER_ERR_INVALID;
        dossier_status s = DOSSIER_OK;
        if (strcmp(key, "builtin") == 0) {
            if (!parse_bool(vn, &fc->builtin))
                return ydoc_error(d, vn, err, DOSSIER_ERR_INVALID,
                                  "expected true or false for 'builtin'");
        } else if (strcmp(key, "keywords") == 0) {
            s = phrase_list(d, vn, "keywords", mem, &fc->keywords, &fc->n_keywords, err);
        } else if (strcmp(key, "starts") == 0) {
            s = phrase_list(d, vn, "starts", mem, &fc->starts, &fc->n_starts, err);
        } else if (strcmp(key, "prose") == 0) {
            s = phrase_list(d, vn, "prose", mem, &fc->prose, &fc->n_prose, err);
            for (size_t i = 0; !s && i < fc->n_prose; i++)
                if (furniture_keyword_named(fc->prose[i], strlen(fc->prose[i])) < 0) {
                    strbuf names = {0};
                    for (size_t k = 0; furniture_keyword_name(k); k++) {
                        if (k) sb_puts(&names, ", ");
                        sb_puts(&names, furniture_keyword_name(k));
                    }
                    s = ydoc_error(d, ydoc_node(d, vn->data.sequence.items.start[i]), err,
                                   DOSSIER_ERR_INVALID,
                                   "'%.80s' is not a built-in furniture keyword (%.300s)",
                                   fc->prose[i], names.data ? names.data : "");
                    sb_free(&names);
                }
        } else {
            return ydoc_error(d, kn, err, DOSSIER_ERR_INVALID,
                              "unknown key '%.80s' in 'furniture' (builtin, keywords, starts, "
                              "prose)",
                              key);
        }
        if (s) return s;
    }
    return DOSSIER_OK;
}

static dossier_status read_articles(ydoc *d, yaml_node_t *n, arena *mem, corpus_config *cfg,
                                    dossier_error *err) {
    if (!n || n->type != YAML_SEQUENCE_NODE)
        return ydoc_error(d, n, err, DOSSIER_ERR_INVALID,
                          "'articles' is a list of file names in the corpus directory");
    size_t k = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
    const char **names = arena_alloc(mem, (k ? k : 1) * sizeof *names);
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
        if (!(names[i] = arena_strdup(mem, v)))
            return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    }
    cfg->articles = names;
    cfg->n_articles = k;
    cfg->has_articles = 1;
    return DOSSIER_OK;
}

static dossier_status read_wordnet(ydoc *d, yaml_node_t *vn, const char *dir, arena *mem,
                                   corpus_config *cfg, dossier_error *err) {
    int on;
    if (parse_bool(vn, &on)) {
        if (on)
            return ydoc_error(d, vn, err, DOSSIER_ERR_INVALID,
                              "'wordnet' is a directory or false (got true)");
        cfg->wordnet = "";
        return DOSSIER_OK;
    }
    const char *v = ydoc_string(d, vn, "'wordnet'", err);
    if (!v) return DOSSIER_ERR_INVALID;
    if (!*v)
        return ydoc_error(d, vn, err, DOSSIER_ERR_INVALID, "'wordnet' is a directory or false");
    if (v[0] == '/') { /* a relative directory is relative to the corpus */
        cfg->wordnet = arena_strdup(mem, v);
    } else {
        strbuf b = {0};
        sb_printf(&b, "%s/%s", dir, v);
        cfg->wordnet = b.data ? arena_strdup(mem, b.data) : NULL;
        sb_free(&b);
    }
    return cfg->wordnet ? DOSSIER_OK : set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
}

dossier_status config_read(const char *dir, arena *mem, corpus_config *out, dossier_error *err) {
    memset(out, 0, sizeof *out);
    out->furniture = furniture_default;
    strbuf pb = {0};
    sb_printf(&pb, "%s/dossier.yaml", dir);
    const char *path = pb.data ? arena_strdup(mem, pb.data) : NULL;
    sb_free(&pb);
    if (!path) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR) return DOSSIER_OK; /* no settings: the defaults */
        return set_error(err, DOSSIER_ERR_IO, "%s: %s", path, strerror(errno));
    }
    char *text;
    size_t len;
    dossier_status s = read_file(path, &text, &len, err);
    if (s) return s;
    ydoc d;
    s = ydoc_load(&d, path, text, len, 0, err);
    free(text);
    if (s) return s;
    out->loaded = 1;
    yaml_node_t *root = ydoc_root(&d);
    if (root && (s = ydoc_check_tag(&d, root, "the document", err))) goto done;
    if (root && root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0) root = NULL;
    if (root && root->type != YAML_MAPPING_NODE) {
        s = ydoc_error(&d, root, err, DOSSIER_ERR_INVALID,
                       "dossier.yaml must be a mapping of settings (articles, furniture, wordnet)");
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
        if ((s = ydoc_check_tag(&d, vn, key, err))) goto done;
        if (strcmp(key, "articles") == 0) {
            s = read_articles(&d, vn, mem, out, err);
        } else if (strcmp(key, "furniture") == 0) {
            if (vn && vn->type == YAML_MAPPING_NODE)
                s = furniture_map(&d, vn, mem, &out->furniture, err);
            else if (!parse_bool(vn, &out->furniture.enabled))
                s = ydoc_error(&d, vn, err, DOSSIER_ERR_INVALID,
                               "'furniture' is true or false, or a mapping of rules (builtin, "
                               "keywords, starts, prose)");
        } else if (strcmp(key, "wordnet") == 0) {
            s = read_wordnet(&d, vn, dir, mem, out, err);
        } else {
            s = ydoc_error(&d, ydoc_node(&d, p->key), err, DOSSIER_ERR_INVALID,
                           "unknown setting '%.80s' (expected articles, furniture, wordnet)", key);
        }
        if (s) goto done;
    }
done:
    ydoc_free(&d);
    return s;
}

dossier_status load_config(dossier_corpus *c, dossier_error *err) {
    return config_read(c->dir, &c->mem, &c->config, err);
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

/* ------------------------------------------------------------ in the cache */

static void emit_list(image *im, const char *const *v, size_t n) {
    for (size_t k = 0; k < n; k++) {
        uint32_t off = strings_put(im, v[k]);
        image_put(im, SEC_CONFIG_NAMES, &off, sizeof off);
    }
}

void config_emit(image *im, const corpus_config *cfg) {
    const furniture_config *f = &cfg->furniture;
    config_rec r;
    memset(&r, 0, sizeof r);
    r.loaded = (uint32_t)cfg->loaded;
    r.furniture = (uint32_t)f->enabled;
    r.builtin = (uint32_t)f->builtin;
    r.has_articles = (uint32_t)cfg->has_articles;
    r.wordnet = !cfg->wordnet   ? CONFIG_WORDNET_UNSET
                : *cfg->wordnet ? CONFIG_WORDNET_DIR
                                : CONFIG_WORDNET_OFF;
    if (r.wordnet == CONFIG_WORDNET_DIR) r.wordnet_off = strings_put(im, cfg->wordnet);
    r.n_articles = (uint32_t)cfg->n_articles;
    r.n_keywords = (uint32_t)f->n_keywords;
    r.n_starts = (uint32_t)f->n_starts;
    r.n_prose = (uint32_t)f->n_prose;
    image_put(im, SEC_CONFIG, &r, sizeof r);
    emit_list(im, cfg->articles, cfg->n_articles);
    emit_list(im, f->keywords, f->n_keywords);
    emit_list(im, f->starts, f->n_starts);
    emit_list(im, f->prose, f->n_prose);
}

/* n strings of the cache's SEC_CONFIG_NAMES from *at, copied into the
 * arena (the cache's bytes go with it); NULL when corrupt or out of memory. */
static const char **copy_list(dossier_corpus *c, const image *old, size_t *at, size_t n) {
    const section *pool = &old->s[SEC_STRINGS];
    const uint32_t *names = SEC_AS(old, SEC_CONFIG_NAMES, uint32_t);
    const char **copy = arena_alloc(&c->mem, (n ? n : 1) * sizeof *copy);
    if (!copy || n > old->s[SEC_CONFIG_NAMES].count - *at) return NULL;
    for (size_t i = 0; i < n; i++) {
        uint32_t off = names[(*at)++];
        if (off >= pool->size || !memchr(pool->data + off, '\0', pool->size - off)) return NULL;
        if (!(copy[i] = arena_strdup(&c->mem, (const char *)pool->data + off))) return NULL;
    }
    return copy;
}

dossier_status config_from_cache(dossier_corpus *c, const image *old, dossier_error *err) {
    const section *pool = &old->s[SEC_STRINGS];
    const config_rec *r = SEC_AS(old, SEC_CONFIG, config_rec);
    corpus_config *cfg = &c->config;
    furniture_config *f = &cfg->furniture;
    size_t at = 0;
    if (old->s[SEC_CONFIG].count != 1 || (!r->has_articles && r->n_articles))
        return set_error(err, DOSSIER_ERR_INVALID, "corrupt config section");
    memset(cfg, 0, sizeof *cfg);
    cfg->loaded = r->loaded != 0;
    cfg->has_articles = r->has_articles != 0;
    f->enabled = r->furniture != 0;
    f->builtin = r->builtin != 0;
    if (r->wordnet == CONFIG_WORDNET_OFF) {
        cfg->wordnet = "";
    } else if (r->wordnet == CONFIG_WORDNET_DIR) {
        if (r->wordnet_off >= pool->size ||
            !memchr(pool->data + r->wordnet_off, '\0', pool->size - r->wordnet_off))
            return set_error(err, DOSSIER_ERR_INVALID, "corrupt config section");
        cfg->wordnet = arena_strdup(&c->mem, (const char *)pool->data + r->wordnet_off);
        if (!cfg->wordnet) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    }
    if (!(cfg->articles = copy_list(c, old, &at, r->n_articles)) ||
        !(f->keywords = copy_list(c, old, &at, r->n_keywords)) ||
        !(f->starts = copy_list(c, old, &at, r->n_starts)) ||
        !(f->prose = copy_list(c, old, &at, r->n_prose)))
        return set_error(err, DOSSIER_ERR_INVALID, "corrupt config section (or out of memory)");
    cfg->n_articles = r->n_articles;
    f->n_keywords = r->n_keywords;
    f->n_starts = r->n_starts;
    f->n_prose = r->n_prose;
    return DOSSIER_OK;
}
