/* align.h — a claim set against one passage (align.c): which of the claim's
 * words, actors and facts the passage (with its neighbours in the
 * paragraph) has, how closely, which it lacks, and where it says otherwise.
 *
 * The claim is cut into items: each content word (with its related words,
 * related.h), each actor named (whatever alias) and each fact (facts.h).
 * The alignment gives the features the verdict's model weighs (verdict.c)
 * and the conflicts that make a passage contradict the claim:
 *   number, date  the same slot with another value (5.4.6 / 6.5.4)
 *   actor, place  another actor or name where the claim has one, anchored
 *                 by the words around it ("of the University of _", "_ said")
 *   negation      an aligned word negated on one side only ("still uses" /
 *                 "has not been using")
 *   antonym       the source has the opposite word (vowed / refused,
 *                 first / last). */
#ifndef DOSSIER_ALIGN_H
#define DOSSIER_ALIGN_H

#include "facts.h"
#include "index.h"
#include "related.h"

/* The features of an alignment, in the order of the model's weights
 * (verdict_model.h; names in dossier_feature_name). The support model
 * weighs neither cov nor cov_words (the gates and the other models do):
 * beside cov_content and cov_predicate they say the same again, and the
 * fit used the overlap to set one against the other. There is no share of
 * the report's common nouns missing: beside the coverages it read
 * backwards (more missing, more support) and fitted on one corpus it
 * supported the other's false claims (calibrate.lua). */
#define ALIGN_FEATURES(X)                                                                          \
    X(cov, "idf-weighted share of the claim's items the passage and its neighbours hold")          \
    X(cov_words, "the same over the claim's words only (not actors or facts)")                     \
    X(cov_actors, "share of the claim's actors named (1 when it names none)")                      \
    X(cov_main, "idf-weighted share held by the passage itself")                                   \
    X(cov_content, "the same as cov over what the claim reports, its attribution left out")        \
    X(cov_main_content,                                                                            \
      "the same as cov_main over what the claim reports (the gate's, unweighed)")                  \
    X(exact, "idf-weighted share held as the same word or form")                                   \
    X(unmatched_max, "idf of the rarest item the passage lacks, over the largest idf")             \
    X(unmatched, "share of the claim's items the passage lacks")                                   \
    X(names_missing, "proper names of the claim the passage lacks (0, 1, 2 or more)")              \
    X(facts_missing, "numbers and dates of the claim the paragraph lacks")                         \
    X(verbs_missing, "idf-weighted share of the verbs of the claim's report the passage lacks")    \
    X(predicate_missing, "1 when the claim's report has verbs and the passage holds none of them") \
    X(cov_predicate,                                                                               \
      "idf-weighted share held of the report's predicate, from its first verb or auxiliary on, "   \
      "its actors left out: what the claim says happened, not who it is about")                    \
    X(possibility,                                                                                 \
      "idf-weighted share of the report held by words the source states as a possibility "         \
      "(could, seek, possible before them) and the claim does not")                                \
    X(bm25_rel, "the passage's score over the best candidate's")                                   \
    X(conflict_fact, "a number or date in conflict (1, else 0)")                                   \
    X(conflict_name, "an actor or place in conflict (1, else 0)")                                  \
    X(conflict_polarity, "a negation in conflict (1, else 0)")                                     \
    X(conflict_antonym, "an antonym in conflict (1, else 0)")                                      \
    X(conflict_share, "idf-weighted share of the claim its details in conflict weigh")

enum {
#define ALIGN_ENUM(name, doc) F_##name,
    ALIGN_FEATURES(ALIGN_ENUM)
#undef ALIGN_ENUM
        N_FEATURES
};

typedef enum { CI_WORD = 0, CI_ACTOR, CI_FACT } claim_item_kind;

typedef struct {
    claim_item_kind kind;
    long term;                /* its term id, -1 when no passage has it (an actor's: its term) */
    long actor;               /* CI_ACTOR: the actor */
    size_t fact;              /* CI_FACT: index into the claim's facts */
    double idf;               /* its corpus weight (BM25's idf) */
    double weight;            /* what it weighs in the alignment: idf times how light the word
                                 is in general English (lex_general_weight), a small count's less */
    unsigned soft;            /* CI_FACT: a small count or an early ordinal ("two", "first"),
                                 often implied ("both", "initial"): not required of a source */
    size_t tok, tok_last;     /* its words in the claim */
    size_t start, end;        /* its bytes in the claim */
    unsigned negated;         /* negation marks (align.c: NEG_STRONG, NEG_WEAK) */
    unsigned clause_negative; /* a strong negation cue in its clause */
    unsigned demonym;         /* CI_ACTOR: named by a demonym (Russian), an adjective */
    unsigned standin;         /* CI_ACTOR: named by a stand-in (Moscow for Russia) */
    unsigned verb;     /* CI_WORD: a verb in use: inflected, or after to, a modal or an auxiliary */
    unsigned by_place; /* CI_WORD: no verb, but one by its place: between names (align.c) */
    unsigned infinitive; /* CI_WORD: an infinitive's verb ("to line", "to not line") */
    unsigned uncertain;  /* CI_WORD: a word of an expression of uncertainty ("unclear",
                            "remains to be seen": dossier_uncertainty) */
    unsigned name;       /* a capitalised word inside a sentence, no actor: a proper name */
    unsigned frame;      /* in the attribution ("X, a fellow at Y, said that"), not what is said */
    related_set rel;     /* CI_WORD: the corpus' terms related to it */
    related_set opp;     /* CI_FACT, an ordinal in one word: its word's relations, of which its
                            antonyms count (first / last), for the contradiction check only */
    /* in the report's predicate, not an actor (claim_predicate in align.c) */
    unsigned predicate;
} claim_item;

/* An answer of align.c's actor_holds, remembered for the claim: the same
 * few pairs are asked of every word of every passage. */
typedef struct {
    long source, wanted; /* -1: empty */
    double w;
} actor_memo_slot;
#define ACTOR_MEMO_SLOTS 256

/* A term a source word may have, and the claim item it stands for. */
typedef struct {
    uint32_t term; /* UINT32_MAX: empty slot */
    uint32_t item;
    uint16_t rel;      /* rel_kind, 0 for the item's own term */
    uint16_t strength; /* related_term's, 1000 for the item's own term */
    uint64_t items;    /* every item (of the first 64) with the term, own or related */
} claim_term;

typedef struct {
    const char *text;
    size_t len;
    token_list t;
    fact_list facts;
    uint8_t *flags; /* per word: WF_* (index.h) */
    uint8_t *lists; /* per word: the word lists of align.c it is in (LIST_*), looked up once
                       rather than for every passage the claim is set against */
    claim_item *items;
    size_t n;
    /* the attribution's words [frame_lo, frame_hi), none when they are equal */
    size_t frame_lo, frame_hi;
    double total_weight, max_weight;
    /* the weights of the items outside the attribution, of its words, its
     * actors, its verbs outside the attribution and its predicate
     * (features' divisors) */
    double content_weight, word_weight, actor_weight, verb_weight, predicate_weight;
    /* the items of each kind, in order, and the word items that are names:
     * what each source word is compared with (one block, from actor_items) */
    size_t *actor_items, *fact_items, *word_items, *name_items;
    size_t n_actor_items, n_fact_items, n_word_items, n_name_items;
    /* every term of every word item and its related terms, hashed (open
     * addressing, size a power of two): one probe per source word */
    claim_term *terms, *antonyms;
    size_t terms_mask, antonyms_mask;
    size_t n_antonyms;  /* terms in antonyms */
    unsigned possible;  /* says "could", "plans", "if" ...: what it reports is not told as done */
    size_t n_uncertain; /* word items that are words of an expression of uncertainty */
    actor_memo_slot *holds; /* ACTOR_MEMO_SLOTS of them, direct-mapped (align.c's) */
} claim;

/* The item a source word's term stands for (own term or related), or NULL;
 * and the item it is the opposite of. */
HIDDEN const claim_term *claim_lookup(const claim *cl, uint32_t term);
HIDDEN const claim_term *claim_antonym(const claim *cl, uint32_t term);

/* The items of text[0, len) in corpus c. Only DOSSIER_ERR_NOMEM can fail it
 * (cl is then empty and freeable). */
HIDDEN dossier_status claim_make(const dossier_corpus *c, const char *text, size_t len, claim *cl);
HIDDEN void claim_free(claim *cl);

typedef enum {
    CONFLICT_NUMBER = 0,
    CONFLICT_DATE,
    CONFLICT_PLACE,
    CONFLICT_ACTOR,
    CONFLICT_NEGATION,
    CONFLICT_ANTONYM
} conflict_kind;

typedef struct {
    size_t claim_start, claim_end;   /* bytes of the claim */
    size_t source_start, source_end; /* bytes of the article file */
} aligned_pair;

typedef struct {
    conflict_kind kind;
    aligned_pair at;                   /* the claim's words, the source's */
    size_t context_start, context_end; /* the source's words around them ("met on September 13") */
    size_t item;                       /* the claim item in conflict */
} conflict;

typedef struct {
    size_t passage;
    double f[N_FEATURES];          /* as the passage stands */
    double f_resolved[N_FEATURES]; /* with the items in conflict counted as held */
    conflict *conflicts;
    size_t n_conflicts;
    /* with want_evidence only: */
    aligned_pair *aligned;
    size_t n_aligned;
    size_t *missing; /* claim items the passage lacks */
    size_t n_missing;
} alignment;

/* Aligns claim cl with passage p (an indexed passage) and the sentences
 * beside it in its paragraph. Only DOSSIER_ERR_NOMEM can fail it. */
HIDDEN dossier_status align_passage(const dossier_corpus *c, const claim *cl, size_t p,
                                    int want_evidence, alignment *out);

/* What an alignment can still come to once the passage's words are
 * matched with the claim's, before conflicts and the context are looked
 * for: every feature of the finished alignment lies in [lo, hi] as it
 * stands, and in [lo_res, hi_res] resolved. bm25_rel is the caller's (0). */
typedef struct {
    double lo[N_FEATURES], hi[N_FEATURES];
    double lo_res[N_FEATURES], hi_res[N_FEATURES];
} align_bounds;

/* align_passage, asking `skip` once the words are matched whether the
 * alignment can matter to the caller: first with the bounds as it stands
 * (resolved 0: lo_res and hi_res not made yet), then, when that answered
 * nonzero, with the resolved ones too (resolved 1). When the second answers
 * nonzero too, the rest is not done, *skipped is 1 and out is empty. */
HIDDEN dossier_status align_passage_unless(const dossier_corpus *c, const claim *cl, size_t p,
                                           int want_evidence,
                                           int (*skip)(void *ctx, align_bounds *b, int resolved),
                                           void *ctx, alignment *out, int *skipped);
HIDDEN void alignment_free(alignment *a);

#endif
