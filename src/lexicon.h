/* lexicon.h — the English word lists ranking uses (lexicon.c). */
#ifndef DOSSIER_LEXICON_H
#define DOSSIER_LEXICON_H

#include "util.h"

/* NULL-terminated lists of folded words. Each synonym group is one string
 * of space-separated words, the first naming the group; each antonym pair is
 * "a b". */
extern HIDDEN const char *const dossier_stopwords[];
extern HIDDEN const char *const dossier_synonyms[];
extern HIDDEN const char *const dossier_antonyms[];
extern HIDDEN const char *const dossier_negations[];
extern HIDDEN const char *const dossier_weak_negations[];
extern HIDDEN const char *const dossier_clause_words[];
extern HIDDEN const char *const dossier_possibility_words[];
/* each entry one expression, its folded words separated by one space */
extern HIDDEN const char *const dossier_uncertainty[];

#endif
