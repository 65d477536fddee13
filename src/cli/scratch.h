/* scratch.h — a scratch corpus directory: links to the files of a real
 * corpus and files of its own, so that the core can load a variant of a
 * corpus (other actors, an article left out) without touching the real one.
 * `actors suggest` checks its proposals in one, `lint` loads what loads. */
#ifndef DOSSIER_CLI_SCRATCH_H
#define DOSSIER_CLI_SCRATCH_H

#include <glib.h>

/* A new empty directory under $TMPDIR (g_free), or NULL with *error set. */
char *scratch_new(char **error);

/* Links scratch/name to the file `target` (made absolute). 0, or -1. */
int scratch_link(const char *scratch, const char *target, const char *name);

/* Replaces scratch/name by a file holding `text`. 0, or -1. */
int scratch_write(const char *scratch, const char *name, const char *text);

/* Removes what scratch holds (links and its own files, not what they point
 * to), the directory, and frees the string. NULL is allowed. */
void scratch_remove(char *scratch);

#endif
