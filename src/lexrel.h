/* lexrel.h — how WordNet relates one word to others, for aligning a claim
 * with a source.
 *
 * For an inflected word ("pledged") lex_related() visits the single-word
 * lemmas a source may use for it, each with the relation's kind and a
 * strength in (0, 1] that its path through WordNet gives:
 *   LEX_SYNONYM  the same synset (pledge / plight), an adjective's
 *                similar-to cluster (armored / armoured) and, weaker, its
 *                head's other satellites (wealthy / prosperous), also-see,
 *                participle and attribute pointers (deep / depth)
 *   LEX_DERIVED  a derivationally related form or pertainym (arrive /
 *                arrival, successfully / successful), and the synonyms of
 *                one (unease: uneasy, concerned ... )
 *   LEX_HYPONYM  a more specific word (weapon -> missile, gun; pledge ->
 *                vow): the claim may be more general than its source
 *   LEX_HYPERNYM a more general word (parade -> procession): a source may
 *                say it less precisely; weaker than a hyponym (a rare
 *                noun sense's too, one level: partnership -> relationship)
 *   LEX_GLOSS    a content word of the definition of one of its frequent
 *                senses (convene: "meet formally"): no pointer path, the
 *                weakest
 *   LEX_ANTONYM  an antonym of the word, of a synonym's form, of a similar
 *                or derived neighbour (succeed / fail, rise / fall), for the
 *                contradiction check.
 * Every sense is searched: the frequent ones (seen in the semantic
 * concordance, at least the first) at full strength, the others at
 * LEX_RARE_SENSE of it, so a rare sense's synonyms weigh little. */
#ifndef DOSSIER_LEXREL_H
#define DOSSIER_LEXREL_H

#include "wordnet.h"

typedef enum {
    LEX_SYNONYM = 1,
    LEX_DERIVED,
    LEX_HYPONYM,
    LEX_HYPERNYM,
    LEX_GLOSS,
    LEX_ANTONYM
} lex_rel;

/* Called for each related lemma (lower case, ASCII) with its relation and
 * strength; a nonzero return stops the walk. The same lemma may come more
 * than once, with different strengths. */
typedef int (*lex_visit)(void *ctx, const char *lemma, size_t n, lex_rel rel, double strength);

/* The strength of each step, the same word being 1. */
#define LEX_W_SYNONYM 0.9
#define LEX_W_SIMILAR 0.8  /* similar-to, also-see, participle, attribute */
#define LEX_W_DERIVED 0.85 /* derivation, pertainym */
#define LEX_W_SECOND 0.7   /* a synonym of a derived or similar form, and back */
#define LEX_W_HYPONYM 0.75 /* one level down; two levels: times LEX_W_LEVEL */
#define LEX_W_HYPERNYM 0.6 /* one level up; two levels: times LEX_W_LEVEL */
#define LEX_W_LEVEL 0.8
#define LEX_W_CLUSTER 0.5 /* another satellite of an adjective's head */
#define LEX_W_GLOSS 0.45
#define LEX_RARE_SENSE 0.7   /* a sense the concordance never saw, of a word it saw */
#define LEX_UNSEEN_SENSE 0.9 /* one of the first senses of a word it never saw */

/* Senses of each part of speech followed: every one up to LEX_SENSES;
 * hyponyms, hypernyms and glosses of the frequent ones only, at most
 * LEX_DEEP_SENSES (a rare sense's kinds would align unrelated passages);
 * of a noun's other senses, the hypernyms one level up. */
#define LEX_SENSES 8
#define LEX_DEEP_SENSES 3
#define LEX_MAX_VISITS 1500

/* The base forms of a word in each part of speech (wn_base_forms), looked
 * up once and shared by the questions below. */
#define LEX_MAX_FORMS 4
typedef struct {
    char form[WN_NPOS][LEX_MAX_FORMS][WN_MAX_LEMMA];
    size_t n[WN_NPOS];
    size_t total;
} lex_forms;

/* The forms of folded word w[0, n): its own base forms, or when WordNet has
 * none, those of the word written as a hyphenated compound ("ceasefire" is
 * "cease-fire", "boreholes" "bore-hole"). out->total is 0 when WordNet has
 * neither. */
HIDDEN void lex_forms_of(const wordnet *wn, const char *w, size_t n, lex_forms *out);

HIDDEN void lex_related(const wordnet *wn, const lex_forms *forms, lex_visit visit, void *ctx);

/* How light a word is in general English, from how often the concordance
 * saw its base forms (wn_tag_count, the most common reading) and whether
 * WordNet has it only as an adverb: a factor in (0, 1] by which its corpus
 * weight is multiplied ("take", "also", "people" weigh little; "ruble",
 * "radio" fully). 1 for a word WordNet lacks (a name, a rare term). */
HIDDEN double lex_general_weight(const wordnet *wn, const lex_forms *forms);

#endif
