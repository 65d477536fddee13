/* pattern.h — the regular-expression aliases of actors.yaml (`patterns:`),
 * compiled at load and matched by the scanner (pattern.c). pcre2.h stays
 * inside pattern.c: the corpus holds an opaque set. */
#ifndef DOSSIER_PATTERN_H
#define DOSSIER_PATTERN_H

#include "corpus.h"

/* Compiles pattern src of actor `actor` (at `line` of actors.yaml) into
 * *set, made on first use. A pattern refused is DOSSIER_ERR_INVALID with
 * why[] saying why ("does not compile: ..."); else DOSSIER_OK or
 * DOSSIER_ERR_NOMEM. src must live as long as the set. */
HIDDEN dossier_status pattern_add(pattern_set **set, long actor, const char *src, unsigned line,
                                  char *why, size_t why_size);
HIDDEN void pattern_set_free(pattern_set *set);

/* Adds the matches of c's patterns to out (whose spans are the alias
 * matches, in order) where they overlap none of them. A pattern that hits a
 * limit is left out when skip_limits is set; otherwise the scan fails with
 * DOSSIER_ERR_LIMIT and a message naming the actor and the pattern. */
HIDDEN dossier_status pattern_scan(const dossier_corpus *c, const char *text, size_t len,
                                   dossier_matches *out, int skip_limits, dossier_error *err);

#endif
