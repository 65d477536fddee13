/* related.h — the words a source may use for a word of a claim, as terms of
 * the corpus (related.c).
 *
 * For a folded word, the corpus' terms that are the same word written
 * otherwise (an irregular form: went / go; a British or American spelling:
 * armoured / armored) or a related one (WordNet's derived forms, synonyms
 * and hyponyms, the lexicon's groups), and its antonyms. Only terms some
 * indexed passage has are kept. Worked out once per word and corpus, then
 * remembered; WordNet is opened the first time a word needs it. */
#ifndef DOSSIER_RELATED_H
#define DOSSIER_RELATED_H

#include "corpus.h"

/* How a source's word relates to a claim's, closest first. */
typedef enum {
    REL_SAME = 1, /* another form or spelling of the same word */
    REL_DERIVED,  /* a derived form: arrive / arrival */
    REL_SYNONYM,  /* a synonym: pledge / plight, a lexicon group */
    REL_HYPONYM,  /* more specific than the claim's word: weapon / missile */
    REL_HYPERNYM, /* more general than the claim's word: parade / procession */
    REL_GLOSS,    /* a word of its definition: convene / meet */
    REL_ANTONYM   /* its opposite: succeed / fail */
} rel_kind;

typedef struct {
    uint32_t term;
    uint16_t rel;      /* rel_kind */
    uint16_t strength; /* how closely, in thousandths: its WordNet path's (lexrel.h) */
} related_term;

#define RELATED_STRENGTH(r) ((double)(r)->strength / 1000.0)

/* Sorted by term; valid as long as the corpus. */
typedef struct {
    const related_term *v;
    size_t n;
    double general; /* lex_general_weight of the word: 1 without WordNet */
} related_set;

typedef struct related_cache related_cache;

/* wordnet_dir: the database directory, "" for none, NULL for the default
 * ($DOSSIER_WORDNET when set, "" or "none" meaning none; else
 * /usr/share/wordnet). store_path: the related-terms file (relfile.h) of
 * the corpus image whose identity is image_id (image.checksum), NULL or
 * image 0 for none: read before the first word is looked up, written by
 * related_save. Nothing is opened yet. NULL when out of memory. */
HIDDEN related_cache *related_new(const char *wordnet_dir, const char *store_path,
                                  uint64_t image_id);
HIDDEN void related_free(related_cache *rc);
/* A new cache for another handle on the same image: rc's WordNet directory
 * and related-terms file, nothing worked out yet. NULL when out of memory. */
HIDDEN related_cache *related_twin(const related_cache *rc);

/* The related terms of folded word w[0, n) in corpus c. Only
 * DOSSIER_ERR_NOMEM can fail it (out is then empty). */
HIDDEN dossier_status related_terms(const dossier_corpus *c, const char *w, size_t n,
                                    related_set *out);

/* related_terms of a word in use as a verb ("to object", "kept"): its
 * WordNet relations through its verb senses only, when WordNet has it as a
 * verb (else all of them, as related_terms). Only DOSSIER_ERR_NOMEM can
 * fail it. */
HIDDEN dossier_status related_verb_terms(const dossier_corpus *c, const char *w, size_t n,
                                         related_set *out);

/* Whether WordNet has folded word w[0, n) as a form of a verb: 0 not (or
 * without WordNet), 1 a verb form, 2 one that can only be an inflection of
 * a verb (an irregular form as "fell", or a third person as "enforces"
 * that no noun reads as a plural). */
HIDDEN int related_verb(const dossier_corpus *c, const char *w, size_t n);

/* How light folded word w[0, n) is in general English (lex_general_weight,
 * as the word's related set keeps it): 1 for a word WordNet's concordance
 * never saw, down to 0.15 for the commonest; 1 without WordNet. */
HIDDEN double related_general(const dossier_corpus *c, const char *w, size_t n);

/* Whether the most frequent verb sense of folded word w[0, n) is one of
 * saying or thinking (WordNet's verb.communication and verb.cognition:
 * "retorted", "reported", "conceded"): a verb that can report what
 * follows it. 0 without WordNet. */
HIDDEN int related_reporting(const dossier_corpus *c, const char *w, size_t n);

/* The related terms of verb w[0, n) used with the word after it, when
 * WordNet has the two as one verb ("went back": go_back, so "return";
 * "took place": take_place, so "happen"): the verb's own relations and the
 * phrase's. Empty (out->n 0) when WordNet has no such verb. Only
 * DOSSIER_ERR_NOMEM can fail it. */
HIDDEN dossier_status related_phrase(const dossier_corpus *c, const char *w, size_t n,
                                     const char *next, size_t nn, related_set *out);

/* Whether folded word w[0, n) is a particle a verb takes to make one verb
 * WordNet has (up, back, out, ...): what related_phrase's next word is. */
HIDDEN int related_particle(const char *w, size_t n);

/* The relation of term to the word of s, or NULL when none. */
HIDDEN const related_term *related_find(const related_set *s, uint32_t term);

/* Whether WordNet is in use for c: 1 when open, 0 when switched off or not
 * found (*why says which, with the directory), -1 when not yet needed. */
HIDDEN int related_wordnet(const dossier_corpus *c, const char **dir, const char **why);

/* Opens WordNet now (for timing and :checkhealth); the same answer as
 * related_wordnet afterwards. */
HIDDEN int related_wordnet_open(const dossier_corpus *c);

/* Writes the related-terms file when some answer was worked out since it
 * was read or last written: this process's answers, then those of the file
 * as it is now (another process's) while there is room, to a temporary
 * file renamed over it. *saved: the entries written (0 when nothing was to
 * write). DOSSIER_ERR_IO with why[] when it cannot be written (kept in
 * memory: the next call tries again). */
HIDDEN dossier_status related_save(const dossier_corpus *c, size_t *saved, char *why,
                                   size_t why_size);

/* Works out the answers for each word of c's vocabulary (c->words) now,
 * as claims of those words would ask them, and for each verb and particle
 * side by side in its articles (related_phrase), unless the related-terms file
 * already held answers for this image; *words: the words done. stop (may
 * be NULL) is asked now and then with (ctx, articles, articles): nonzero
 * ends it with DOSSIER_ERR_CANCELLED; DOSSIER_ERR_NOMEM can fail it too
 * (the rest is then worked out when asked). */
HIDDEN dossier_status related_precompute(const dossier_corpus *c, dossier_progress_fn stop,
                                         void *ctx, size_t articles, size_t *words);

/* dossier_related_info (dossier.h). */
HIDDEN void related_info(const dossier_corpus *c, dossier_related_info *out);

#endif
