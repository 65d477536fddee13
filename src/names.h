/* names.h — authors and dates of an article's front matter (names.c,
 * dates.c). */
#ifndef DOSSIER_NAMES_H
#define DOSSIER_NAMES_H

#include "util.h"
#include "yamlread.h"

/* One name written as text, split by the rule of names.c, into the arena. */
HIDDEN dossier_status name_from_text(arena *a, const char *text, dossier_name *out);

/* The 'author' value n (a name, a mapping, or a list of either) into
 * (*names, *count), with *display the names as shown ("A and B"), or "unknown"
 * when none is given. Errors name the file, line and column. */
HIDDEN dossier_status parse_authors(arena *a, ydoc *d, yaml_node_t *n, dossier_name **names,
                                    size_t *count, const char **display, dossier_error *err);

#endif
