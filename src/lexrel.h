/* lexrel.h — how WordNet relates one word to others, for aligning a claim
 * with a source.
 *
 * For an inflected word ("pledged") lex_related() visits the single-word
 * lemmas of its most frequent senses that a source may use for it:
 *   LEX_SYNONYM  the same synset (pledge / plight), or an adjective's
 *                similar-to cluster (armored / armoured)
 *   LEX_DERIVED  a derivationally related form or pertainym (arrive /
 *                arrival, successfully / successful)
 *   LEX_HYPONYM  a more specific word (weapon -> missile, gun; pledge ->
 *                vow): the claim may be more general than its source,
 *                never the other way
 *   LEX_ANTONYM  an antonym of the word or of a synonym's form (succeed /
 *                fail, accept / refuse), for the contradiction check. */
#ifndef DOSSIER_LEXREL_H
#define DOSSIER_LEXREL_H

#include "wordnet.h"

typedef enum { LEX_SYNONYM = 1, LEX_DERIVED, LEX_HYPONYM, LEX_ANTONYM } lex_rel;

/* Called for each related lemma (lower case, ASCII); a nonzero return stops
 * the walk. The same lemma may come more than once. */
typedef int (*lex_visit)(void *ctx, const char *lemma, size_t n, lex_rel rel);

/* Senses of each part of speech looked at: the tagged (frequent) ones, at
 * least one and at most LEX_SENSES for synonyms and hyponyms, LEX_FORMS for
 * derived forms and antonyms (a word's forms mislead less than its
 * synonyms in a rare sense). Noun hyponyms are followed two levels down,
 * verb ones (troponyms) one. */
#define LEX_SENSES 2
#define LEX_FORMS 3
#define LEX_MAX_VISITS 400

HIDDEN void lex_related(const wordnet *wn, const char *word, size_t n, lex_visit visit, void *ctx);

#endif
