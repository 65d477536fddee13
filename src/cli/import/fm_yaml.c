/* fm_yaml.c — YAML front matter (libyaml's document API) as an fm_node map.
 *
 * The document API keeps an alias as a reference to one node; copying it into
 * a tree would expand it, so the copy counts nodes and stops at FM_MAX_NODES
 * and FM_MAX_DEPTH. Tags are ignored: a scalar is its text. */
#include "import/frontmatter.h"

#include <yaml.h>

typedef struct {
    yaml_document_t *doc;
    size_t nodes;
    unsigned first_line;
    char *error;
} copy_state;

static fm_node *copy(copy_state *s, yaml_node_t *n, int depth) {
    if (!n) return fm_scalar("", 0);
    if (++s->nodes > FM_MAX_NODES || depth > FM_MAX_DEPTH) {
        if (!s->error)
            s->error =
                g_strdup_printf("line %zu: front matter too large or too deeply nested "
                                "(over %d values or %d levels)",
                                n->start_mark.line + s->first_line, FM_MAX_NODES, FM_MAX_DEPTH);
        return NULL;
    }
    switch (n->type) {
    case YAML_SCALAR_NODE:
        return fm_scalar((const char *)n->data.scalar.value, n->data.scalar.length);
    case YAML_SEQUENCE_NODE: {
        fm_node *list = fm_list();
        for (yaml_node_item_t *i = n->data.sequence.items.start; i < n->data.sequence.items.top;
             i++) {
            fm_node *v = copy(s, yaml_document_get_node(s->doc, *i), depth + 1);
            if (!v) {
                fm_free(list);
                return NULL;
            }
            fm_add(list, NULL, v);
        }
        return list;
    }
    case YAML_MAPPING_NODE: {
        fm_node *map = fm_map();
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
             p++) {
            yaml_node_t *k = yaml_document_get_node(s->doc, p->key);
            if (!k || k->type != YAML_SCALAR_NODE) {
                if (!s->error)
                    s->error = g_strdup_printf("line %zu: a front matter key must be text",
                                               (k ? k->start_mark.line : 0) + s->first_line);
                fm_free(map);
                return NULL;
            }
            fm_node *v = copy(s, yaml_document_get_node(s->doc, p->value), depth + 1);
            if (!v) {
                fm_free(map);
                return NULL;
            }
            char *key = g_strndup((const char *)k->data.scalar.value, k->data.scalar.length);
            fm_add(map, key, v);
            g_free(key);
        }
        return map;
    }
    default:
        return fm_scalar("", 0);
    }
}

int fm_parse_yaml(const char *text, size_t n, unsigned first_line, fm_node **out, char **error) {
    *out = NULL;
    yaml_parser_t p;
    yaml_document_t doc;
    if (!yaml_parser_initialize(&p)) {
        *error = g_strdup("out of memory");
        return -1;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)text, n);
    if (!yaml_parser_load(&p, &doc)) {
        *error =
            g_strdup_printf("line %zu: YAML syntax error: %s", p.problem_mark.line + first_line,
                            p.problem ? p.problem : "malformed");
        yaml_parser_delete(&p);
        return -1;
    }
    yaml_parser_delete(&p);
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    copy_state s = {&doc, 0, first_line, NULL};
    fm_node *tree = NULL;
    if (!root) {
        tree = fm_map(); /* an empty block */
    } else if (root->type != YAML_MAPPING_NODE) {
        s.error = g_strdup_printf("line %zu: front matter must be a mapping of key: value",
                                  root->start_mark.line + first_line);
    } else {
        tree = copy(&s, root, 0);
    }
    yaml_document_delete(&doc);
    if (!tree) {
        *error = s.error ? s.error : g_strdup("malformed front matter");
        return -1;
    }
    g_free(s.error);
    *out = tree;
    return 0;
}
