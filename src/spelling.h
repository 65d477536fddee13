/* spelling.h — British and American spellings of one word.
 *
 * "armoured" and "armored", "programme" and "program", "travelled" and
 * "traveled" are one word. spelling_variants() writes the other spellings a
 * folded word may have, by a few rules in both directions (see spelling.c);
 * a caller keeps only those its corpus actually contains, so a rule that
 * overreaches ("tour" -> "tor") costs nothing unless both words are there.
 * tests/c/test_spelling.c measures the rules against Debian's word lists. */
#ifndef DOSSIER_SPELLING_H
#define DOSSIER_SPELLING_H

#include "util.h"

#define SPELLING_MAX 48 /* longest word handled, with its NUL */

/* Up to max other spellings of w[0..n) (ASCII lower case), none equal to w. */
HIDDEN size_t spelling_variants(const char *w, size_t n, char (*out)[SPELLING_MAX], size_t max);

#endif
