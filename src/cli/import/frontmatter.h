/* frontmatter.h — another tool's front matter as a tree of fm_node.
 *
 * YAML (between "---" lines: Jekyll, Hugo, Obsidian) is read with libyaml;
 * TOML (between "+++" lines: Hugo) with the small reader of fm_toml.c. Both
 * give a map of keys to scalars, lists and maps, all scalars kept as text. */
#ifndef DOSSIER_IMPORT_FRONTMATTER_H
#define DOSSIER_IMPORT_FRONTMATTER_H

#include "import/doc.h"

/* Trees past these bounds are refused: a YAML alias bomb expands into
 * exponentially many nodes, and the writers recurse. */
#define FM_MAX_NODES 20000
#define FM_MAX_DEPTH 32

/* Each parses `text` (n bytes, the lines between the fences; `first_line` is
 * the file line of its first byte, for messages) into a map. Returns 0, or
 * -1 with *error = "line N: ..." (g_free). */
int fm_parse_yaml(const char *text, size_t n, unsigned first_line, fm_node **out, char **error);
int fm_parse_toml(const char *text, size_t n, unsigned first_line, fm_node **out, char **error);

#endif
