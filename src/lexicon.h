/* lexicon.h — the English word lists ranking uses (lexicon.c). */
#ifndef DOSSIER_LEXICON_H
#define DOSSIER_LEXICON_H

#include "util.h"

/* NULL-terminated. Stop words are folded words; each synonym group is one
 * string of space-separated folded words, the first naming the group. */
extern HIDDEN const char *const dossier_stopwords[];
extern HIDDEN const char *const dossier_synonyms[];

#endif
