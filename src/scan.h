/* scan.h — actor mentions in a text (scan.c); the corpus's own mentions,
 * made during a build, are build.h's. */
#ifndef DOSSIER_SCAN_H
#define DOSSIER_SCAN_H

#include "corpus.h"

/* scan_tokens: the alias matches plus the pattern matches among the words t
 * of text; a pattern that hits its match limit is left out (it returns only
 * DOSSIER_ERR_NOMEM). scan_text: the same, but such a pattern fails with
 * DOSSIER_ERR_LIMIT and a message naming the actor and the pattern (err may
 * be NULL). */
HIDDEN dossier_status scan_tokens(const dossier_corpus *c, const char *text, size_t len,
                                  const token_list *t, dossier_matches *out);
HIDDEN dossier_status scan_text(const dossier_corpus *c, const char *text, size_t len,
                                const token_list *t, dossier_matches *out, dossier_error *err);

/* links.c: drops the spans that fall inside a web or e-mail address of text
 * (m's spans are in text order). */
HIDDEN void drop_spans_in_links(const char *text, size_t len, dossier_matches *m);

#endif
