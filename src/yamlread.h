/* yamlread.h — the YAML document reader of the two loaders (article.c's
 * front matter, actors.c's actors.yaml): libyaml documents whose errors
 * name file, line and column (yamlread.c). The only header that includes
 * yaml.h. */
#ifndef DOSSIER_YAMLREAD_H
#define DOSSIER_YAMLREAD_H

#include "util.h"

#include <yaml.h>

/* A parsed YAML document that remembers its file for error messages. */
typedef struct {
    yaml_document_t doc;
    const char *file;
    unsigned line_offset; /* lines before the YAML text in the file (front matter) */
    int loaded;
} ydoc;

HIDDEN dossier_status ydoc_load(ydoc *d, const char *file, const char *text, size_t len,
                                unsigned line_offset, dossier_error *err);
HIDDEN void ydoc_free(ydoc *d);
HIDDEN yaml_node_t *ydoc_root(ydoc *d);
HIDDEN yaml_node_t *ydoc_node(ydoc *d, int index);
/* "file:line:col: message" pointing at node n. */
HIDDEN dossier_status ydoc_error(ydoc *d, const yaml_node_t *n, dossier_error *err,
                                 dossier_status s, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* DOSSIER_OK unless n carries a custom tag (!!python/object and the like). */
HIDDEN dossier_status ydoc_check_tag(ydoc *d, const yaml_node_t *n, const char *what,
                                     dossier_error *err);
/* The scalar's text, or NULL (with err set) when n is not a plain string scalar. */
HIDDEN const char *ydoc_string(ydoc *d, const yaml_node_t *n, const char *what, dossier_error *err);
/* True when n is YAML's null written plain: nothing, `~` or `null` (`key:`
 * with no value). */
HIDDEN int ydoc_is_null(const yaml_node_t *n);
/* The key of pair p of mapping m as a string (what names it in messages);
 * NULL (with err set) when it is not a plain string or repeats an earlier
 * key of m, which YAML would let replace the first silently. */
HIDDEN const char *ydoc_key(ydoc *d, const yaml_node_t *m, const yaml_node_pair_t *p,
                            const char *what, dossier_error *err);

#endif
