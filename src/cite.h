/* cite.h — what citations (cite.c) and the bibliography (bibliography.c)
 * share: reading an article's front-matter fields and dates. */
#ifndef DOSSIER_CITE_H
#define DOSSIER_CITE_H

#include "corpus.h"

/* ASCII case-insensitive equality. */
HIDDEN int ascii_ieq(const char *a, const char *b);

/* A field the source gives: not NULL, not "", not "unknown". */
HIDDEN int field_known(const char *s);

typedef struct {
    int parts; /* 0: unknown, -1: not ISO 8601, else 1..3 */
    int y, m, d;
} date_parts;

/* A date field: "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a real day). */
HIDDEN date_parts field_date(const char *s);

#endif
