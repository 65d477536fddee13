/* yamlread.c — libyaml documents with file:line:column errors.
 *
 * The document API keeps YAML aliases as references to one node, so an alias
 * bomb costs nothing; the loaders walk only the shapes they expect, so they
 * never follow a cycle. Custom tags are refused. */
#include "yamlread.h"

#include <stdio.h>
#include <string.h>

dossier_status ydoc_load(ydoc *d, const char *file, const char *text, size_t len,
                         unsigned line_offset, dossier_error *err) {
    memset(d, 0, sizeof *d);
    d->file = file;
    d->line_offset = line_offset;
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        return set_error(err, DOSSIER_ERR_NOMEM, "%s: out of memory", file);
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    if (!yaml_parser_load(&p, &d->doc)) {
        /* an unclosed quote or bracket is reported where it opened, not at the end of the file */
        int unclosed = p.context && p.problem && strstr(p.problem, "end of stream");
        const yaml_mark_t *m = unclosed ? &p.context_mark : &p.problem_mark;
        dossier_status s = set_error(
            err, DOSSIER_ERR_PARSE, "%s:%zu:%zu: YAML syntax error: %s%s%s", file,
            m->line + 1 + line_offset, m->column + 1, p.problem ? p.problem : "malformed document",
            p.context ? " " : "", p.context ? p.context : "");
        yaml_parser_delete(&p);
        return s;
    }
    yaml_parser_delete(&p);
    d->loaded = 1;
    return DOSSIER_OK;
}

void ydoc_free(ydoc *d) {
    if (d->loaded) yaml_document_delete(&d->doc);
    d->loaded = 0;
}

yaml_node_t *ydoc_root(ydoc *d) {
    return d->loaded ? yaml_document_get_root_node(&d->doc) : NULL;
}

yaml_node_t *ydoc_node(ydoc *d, int index) {
    return yaml_document_get_node(&d->doc, index);
}

dossier_status ydoc_error(ydoc *d, const yaml_node_t *n, dossier_error *err, dossier_status s,
                          const char *fmt, ...) {
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!n) return set_error(err, s, "%s:%u: %s", d->file, d->line_offset + 1, msg);
    return set_error(err, s, "%s:%zu:%zu: %s", d->file, n->start_mark.line + 1 + d->line_offset,
                     n->start_mark.column + 1, msg);
}

/* Tags a plain YAML file may carry (resolved by libyaml); anything else is a
 * custom tag such as !!python/object, which a corpus has no use for. */
static int standard_tag(const yaml_node_t *n) {
    const char *t = (const char *)n->tag;
    if (!t) return 1;
    return strncmp(t, "tag:yaml.org,2002:", 18) == 0 &&
           (strcmp(t + 18, "str") == 0 || strcmp(t + 18, "int") == 0 ||
            strcmp(t + 18, "float") == 0 || strcmp(t + 18, "bool") == 0 ||
            strcmp(t + 18, "null") == 0 || strcmp(t + 18, "timestamp") == 0 ||
            strcmp(t + 18, "seq") == 0 || strcmp(t + 18, "map") == 0);
}

dossier_status ydoc_check_tag(ydoc *d, const yaml_node_t *n, const char *what, dossier_error *err) {
    if (!n || standard_tag(n)) return DOSSIER_OK;
    return ydoc_error(d, n, err, DOSSIER_ERR_INVALID, "unsupported YAML tag %s for %s",
                      (const char *)n->tag, what);
}

const char *ydoc_string(ydoc *d, const yaml_node_t *n, const char *what, dossier_error *err) {
    if (!n || n->type != YAML_SCALAR_NODE) {
        ydoc_error(d, n, err, DOSSIER_ERR_INVALID, "expected a string for %s", what);
        return NULL;
    }
    if (!standard_tag(n)) {
        ydoc_error(d, n, err, DOSSIER_ERR_INVALID, "unsupported YAML tag %s for %s",
                   (const char *)n->tag, what);
        return NULL;
    }
    const char *v = (const char *)n->data.scalar.value;
    if (strlen(v) != n->data.scalar.length) {
        ydoc_error(d, n, err, DOSSIER_ERR_INVALID, "NUL byte in %s", what);
        return NULL;
    }
    return v;
}

int ydoc_is_null(const yaml_node_t *n) {
    if (!n || n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    const char *v = (const char *)n->data.scalar.value;
    return !*v || !strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") || !strcmp(v, "NULL");
}

const char *ydoc_key(ydoc *d, const yaml_node_t *m, const yaml_node_pair_t *p, const char *what,
                     dossier_error *err) {
    const yaml_node_t *kn = ydoc_node(d, p->key);
    const char *key = ydoc_string(d, kn, what, err);
    if (!key) return NULL;
    for (const yaml_node_pair_t *q = m->data.mapping.pairs.start; q < p; q++) {
        const yaml_node_t *prev = ydoc_node(d, q->key);
        if (prev && prev->type == YAML_SCALAR_NODE &&
            strcmp((const char *)prev->data.scalar.value, key) == 0) {
            ydoc_error(d, kn, err, DOSSIER_ERR_INVALID, "duplicate key '%s' (first at line %zu)",
                       key, prev->start_mark.line + 1 + d->line_offset);
            return NULL;
        }
    }
    return key;
}
