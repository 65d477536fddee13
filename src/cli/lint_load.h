/* lint_load.h — the corpus `dossier lint` checks: what loads of it.
 *
 * The core loads a corpus all or nothing, and stops at the first file it
 * cannot read. Lint must say what is wrong with each file, so when the
 * corpus does not load, the file the core names is set aside and the rest
 * loaded again, in a scratch directory of links to the corpus's files
 * (scratch.h): an article that does not load is replaced by an empty stub
 * (so that a dossier.yaml `articles:` list still finds a file), an
 * actors.yaml that does not load is left out. Each file set aside is one
 * problem, with the core's message. A dossier.yaml that does not load, or a
 * directory that cannot be read, still stops lint. */
#ifndef DOSSIER_CLI_LINT_LOAD_H
#define DOSSIER_CLI_LINT_LOAD_H

#include "dossier.h"

#include <glib.h>

typedef struct {
    char *file; /* as named in the corpus directory */
    unsigned line;
    char *message; /* the core's, without the file and line */
} lint_problem;

typedef struct {
    dossier_corpus *corpus;
    GPtrArray *problems; /* lint_problem *, in the order found */
    GHashTable *stubs;   /* ids of the stub articles (not the corpus's) */
    int actors_dropped;  /* actors.yaml did not load: the corpus has no actor */
    char *scratch;       /* the scratch directory, or NULL when the corpus loaded as it is */
    char *dir;           /* the corpus directory, as the core names it (no final /) */
} lint_load;

/* Opens the corpus in dir as above. Returns 0, or -1 with the core's
 * message (or why the scratch corpus could not be made) in *error. */
int lint_load_open(lint_load *l, const char *dir, char **error);

/* A text naming files of the scratch directory, with the corpus directory's
 * paths instead (g_free). */
char *lint_load_paths(const lint_load *l, const char *text);

/* Whether article a is a stub standing for one that did not load. */
int lint_load_is_stub(const lint_load *l, const dossier_article *a);

void lint_load_close(lint_load *l);

#endif
