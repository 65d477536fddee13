/* suggest.h — gazetteer entries proposed from a corpus's own text
 * (`dossier actors suggest`). */
#ifndef DOSSIER_CLI_SUGGEST_H
#define DOSSIER_CLI_SUGGEST_H

#include "dossier.h"

#include <glib.h>

typedef struct {
    char *id;           /* proposed actor id */
    char *name;         /* the longest form seen */
    const char *kind;   /* person, state, org, place, event or product */
    char *why;          /* the evidence for the kind, for a comment */
    GPtrArray *aliases; /* char *: other forms only this entry claims */
    GPtrArray *shorts;  /* char *: forms several entries share */
    GHashTable *counts; /* article id -> GINT count of all its forms */
    unsigned total;
    char *duplicate; /* "may duplicate actor 'x' (alias 'y')", or NULL */
} suggestion;

/* Proposes entries from the articles of c, keeping those seen at least
 * `min_count` times; existing actors' own names are left out and near
 * misses noted. A GPtrArray of suggestion *, most mentioned first. */
GPtrArray *suggest_actors(const dossier_corpus *c, unsigned min_count);
void suggestion_free(suggestion *s);

#endif
