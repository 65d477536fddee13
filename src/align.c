/* align.c — a claim against one passage (see align.h).
 *
 * Each claim item is looked for among the words of the passage and of the
 * sentences beside it in its paragraph (a fact anywhere in the paragraph):
 * an actor by its id, a fact by its value, a word by its term or a related
 * one, weighted by how close the relation is. What the passage lacks and
 * where it says otherwise come next:
 *
 * - Negation. A cue (not, never, no, n't, failed, refused, denied, without,
 *   lacking ...: lexicon.c) turns around the next content word of its
 *   clause, skipping stop words and adverbs ("did not immediately join"):
 *   that word is the one negated. An aligned word negated on one side only
 *   is a conflict.
 * - Slots. A claim's number, date, actor or proper name that the passage
 *   lacks is compared with the passage's own of the same type that no claim
 *   item took, when they stand in the same slot: the words right before or
 *   right after them are the same on both sides (within two words), or a
 *   date, or numbers of the same unit. Another value there is a conflict.
 * - Antonyms. A claim word whose opposite (WordNet, lexicon.c) the passage
 *   has, with the same polarity, is a conflict. */
#include "align.h"
#include "lexicon.h"
#include "lexrel.h"
#include "scan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ANCHOR_WINDOW 3     /* words on each side compared to anchor a slot */
#define CONTEXT_BEFORE 3    /* words of the source shown before a conflict */
#define REGION_MAX 3        /* the passage and one sentence on each side */
#define PARAGRAPH_MAX 12    /* sentences of a paragraph searched for a claim's actor or fact */
#define CONTEXT_SENTENCES 2 /* sentences before the passage searched, in any paragraph */
#define W_CONTEXT 0.85      /* an actor or fact held by the paragraph or a sentence before */
#define W_ARTICLE 0.7       /* held by the article's title, authors or date */
/* region.match of an item held nearby (a sentence before), and of one held
 * by the passage's own article (its title, authors, date): the latter is
 * the passage's as much as its words are */
#define HELD_NEARBY (-2)
#define HELD_BY_ARTICLE (-3)
#define W_NESTED 0.85           /* an actor held by one whose name contains it */
#define NEGATION_MIN_WEIGHT 0.8 /* the weakest relation a negation conflict is read across */

/* ------------------------------------------------------------ words */

static inline int word_is(const token_list *t, size_t i, const char *w) {
    const token *k = &t->tok[i];
    const char *f = t->folded + k->fstart;
    return k->flen && f[0] == w[0] && k->flen == strlen(w) && memcmp(f, w, k->flen) == 0;
}

static inline int same_word(const token_list *a, size_t i, const token_list *b, size_t j) {
    const token *x = &a->tok[i], *y = &b->tok[j];
    return x->flen == y->flen && memcmp(a->folded + x->fstart, b->folded + y->fstart, x->flen) == 0;
}

/* The word's bytes compared with each entry's as far as they agree, each
 * entry's end found on the way: a list is asked about every word of a
 * region, and measuring each entry first cost as much as the comparison. */
static int in_list(const token_list *t, size_t i, const char *const *list) {
    const token *k = &t->tok[i];
    const char *f = t->folded + k->fstart;
    if (!k->flen) return 0;
    const char f0 = f[0];
    for (size_t e = 0; list[e]; e++) {
        const char *w = list[e];
        if (w[0] != f0) continue; /* most entries, at a glance */
        size_t j = 1;
        while (j < k->flen && w[j] && f[j] == w[j])
            j++;
        if (j == k->flen && w[j] == '\0') return 1;
    }
    return 0;
}

static int is_stop(const index_data *ix, const token_list *t, size_t i) {
    const token *k = &t->tok[i];
    return strmap_get(&ix->stop, t->folded + k->fstart, k->flen) >= 0;
}

/* A claim item's or region word's negation (from the WF_NEG_* flags). */
#define NEG_STRONG 1u
#define NEG_WEAK 2u

/* A word's NEG_* from its WF_* flags. */
static unsigned neg_marks(unsigned flags) {
    return (flags & WF_NEG_STRONG ? NEG_STRONG : 0) | (flags & WF_NEG_WEAK ? NEG_WEAK : 0);
}

/* Whether claim item it and a source word (its negation marks, and
 * whether a strong cue is in its clause) are denied on one side only: 1
 * the claim's, 2 the source's, else 0. */
static int denied_one_side(const claim_item *it, unsigned neg, unsigned clause_negative) {
    if ((it->negated & NEG_STRONG) && !neg && !clause_negative) return 1;
    if ((neg & NEG_STRONG) && !it->negated && !it->clause_negative) return 2;
    return 0;
}

static long special(const index_data *ix, const token_list *t, size_t i) {
    const token *k = &t->tok[i];
    unsigned char c0 = (unsigned char)t->folded[k->fstart];
    if (c0 < 'a' || c0 > 'z' || k->flen >= 32 || !(ix->special_lengths[c0 - 'a'] & (1u << k->flen)))
        return -1;
    return strmap_get(&ix->special, t->folded + k->fstart, k->flen);
}

/* A negation cue at word i of t: WF_CUE_STRONG for a word of the lexicon's
 * list or the "t" of "n't" (didn't, can't), WF_CUE_WEAK for a weak one. */
static unsigned cue_at(const index_data *ix, const char *text, const token_list *t, size_t i) {
    long sp = special(ix, t, i);
    if (sp > 0 && (sp & SPECIAL_CUE_STRONG))
        return sp & SPECIAL_CUE_WEAK ? WF_CUE_WEAK : WF_CUE_STRONG;
    if (!word_is(t, i, "t") || i == 0) return 0;
    const token *prev = &t->tok[i - 1];
    if (t->folded[prev->fstart + prev->flen - 1] != 'n') return 0;
    size_t gap = t->tok[i].start - prev->end;
    return (gap == 1 && text[prev->end] == '\'') ||
                   (gap == 3 && memcmp(text + prev->end, "\xE2\x80\x99", 3) == 0)
               ? WF_CUE_STRONG
               : 0;
}

/* Contrast ("X, not Y"; "Y rather than X"; "instead of X"): a "not" that
 * opens a phrase right after a comma, dash, colon, semicolon or opening
 * quote, and the phrase it opens has no verb of its own ("interests
 * mattered, “not warnings from Washington”"); or the "than" of "rather
 * than", the "of" of "instead of". It sets the phrase after it against what
 * comes before: the phrase is what was not the case, no clause is denied,
 * so it is read as a weak cue (it agrees with a denial, never conflicts
 * with an affirmation of the same word in another role: "interests counted
 * for more than American warnings"). A "not" before a verb, an auxiliary
 * or an infinitive still denies its clause ("the talks, not held since
 * 2009"; "agreed, not to attack"). */
static const char *const aux_verbs[] = {"be",  "been", "being", "is",  "are",
                                        "was", "were", "have",  "has", "had",
                                        "do",  "does", "did",   "to",  NULL};

static int opens_phrase(const char *text, const token_list *t, size_t i) {
    for (size_t g = t->tok[i - 1].end; g < t->tok[i].start; g++) {
        unsigned char ch = (unsigned char)text[g];
        if (ch == ',' || ch == ';' || ch == ':' || ch == '(' || ch == '"') return 1;
        if (ch == 0xE2 && g + 2 < t->tok[i].start && (unsigned char)text[g + 1] == 0x80 &&
            ((unsigned char)text[g + 2] == 0x93 || (unsigned char)text[g + 2] == 0x94 ||
             (unsigned char)text[g + 2] == 0x9C))
            return 1; /* en and em dashes, an opening curly quote */
    }
    return 0;
}

static int verb_shaped(const token_list *t, size_t j) {
    const token *k = &t->tok[j];
    const char *w = t->folded + k->fstart;
    return (k->flen > 4 && !memcmp(w + k->flen - 2, "ed", 2)) ||
           (k->flen > 4 && !memcmp(w + k->flen - 3, "ing", 3));
}

static int contrastive(const index_data *ix, const char *text, const token_list *t, size_t b,
                       size_t e, size_t i) {
    if (i <= b) return 0;
    if ((word_is(t, i, "than") && word_is(t, i - 1, "rather")) ||
        (word_is(t, i, "of") && word_is(t, i - 1, "instead")))
        return 1;
    if (!word_is(t, i, "not") || !opens_phrase(text, t, i) || i + 1 >= e) return 0;
    if (in_list(t, i + 1, aux_verbs)) return 0;
    for (size_t j = i + 1; j < e && j < i + 4; j++) {
        if (is_stop(ix, t, j)) continue;
        return !verb_shaped(t, j);
    }
    return 0;
}

/* Punctuation between words i-1 and i that closes a clause. */
static int punct_break(const char *text, const token_list *t, size_t i) {
    for (size_t b = t->tok[i - 1].end; b < t->tok[i].start; b++) {
        unsigned char ch = (unsigned char)text[b];
        if (ch == ',' || ch == ';' || ch == ':' || ch == '.' || ch == '!' || ch == '?' ||
            ch == '(' || ch == ')' || ch == '[' || ch == ']')
            return 1;
        if (ch == 0xE2 && b + 2 < t->tok[i].start && (unsigned char)text[b + 1] == 0x80 &&
            ((unsigned char)text[b + 2] == 0x93 || (unsigned char)text[b + 2] == 0x94))
            return 1; /* en and em dashes */
    }
    return 0;
}

/* Words ending in -ly that are no adverbs to skip over. */
static const char *const not_adverbs[] = {"likely",  "unlikely", "early", "daily",  "weekly",
                                          "monthly", "yearly",   "only",  "supply", "apply",
                                          "reply",   "rely",     "ally",  "family", NULL};

static int adverb(const token_list *t, size_t j) {
    const token *k = &t->tok[j];
    return k->flen > 4 && !memcmp(t->folded + k->fstart + k->flen - 2, "ly", 2) &&
           !in_list(t, j, not_adverbs);
}

/* A capitalised word inside a sentence: a proper name, unless an actor or
 * fact covers it (the caller checks). */
static int capitalised_inside(const char *text, const token_list *t, size_t first, size_t i) {
    unsigned char ch = (unsigned char)text[t->tok[i].start];
    if (!(ch >= 'A' && ch <= 'Z')) return 0;
    if (t->tok[i].upper && t->tok[i].end - t->tok[i].start == 1) return 0; /* "I", "A" */
    /* an acronym is a name also first ("CBS's correspondent"), unless the
     * words after it are capitals too (a heading in capitals) */
    if (i == first && t->tok[i].upper) return i + 1 >= t->n || !t->tok[i + 1].upper;
    if (i <= first) return 0;
    for (size_t b = t->tok[i - 1].end; b < t->tok[i].start; b++) {
        char g = text[b];
        if (g == '.' || g == '!' || g == '?' || g == ':' || g == '"' || g == '\n') return 0;
        if ((unsigned char)g == 0xE2) return 0; /* curly quotes, dashes */
    }
    return 1;
}

/* A cue that quantifies a phrase after "of" ("none of the miners had
 * achieved", "not one of the men had become", "neither of them would
 * sign") denies what the phrase's members did, as well as the members: the
 * first content word after the phrase, in its clause (e when none). */
static size_t quantified_predicate(const index_data *ix, const token_list *t, const uint8_t *f,
                                   size_t b, size_t e, size_t i) {
    size_t j = i + 1;
    if (j < e && word_is(t, j, "one") && !(f[j - b] & WF_BREAK)) j++;
    if (j >= e || !word_is(t, j, "of") || (f[j - b] & WF_BREAK)) return e;
    int stage = 0; /* 0: before the phrase's words, 1: in them, 2: after them */
    for (j++; j < e && !(f[j - b] & WF_BREAK); j++) {
        int stop = is_stop(ix, t, j) || adverb(t, j);
        if (stage == 0 && !stop)
            stage = 1;
        else if (stage == 1 && stop)
            stage = 2;
        else if (stage == 2 && !stop)
            return j;
    }
    return e;
}

/* Word j is the "longer" of "no longer" or "any longer": part of the
 * negation ("can no longer afford" denies "afford"), no word of its own. */
static int longer_of_negation(const token_list *t, size_t j) {
    return j > 0 && word_is(t, j, "longer") &&
           (word_is(t, j - 1, "no") || word_is(t, j - 1, "any"));
}

/* Negation, clauses and names of words [b, e), in one pass each:
 *
 * - a cue turns around the next content word of its clause, skipping stop
 *   words and adverbs ("did not immediately join"), and the noun after it
 *   when that word is capitalised ("not American admonitions"); two strong
 *   cues on one word cancel ("did not refuse to help"); "not only" is none;
 *   a cue over "of" a phrase denies the phrase's predicate too ("none of
 *   the miners had achieved fame");
 * - a clause is negative when it holds a strong cue;
 * - a capitalised word inside the sentence is a name, and an acronym first. */
void text_flags(const index_data *ix, const char *text, const token_list *t, size_t b, size_t e,
                uint8_t *f) {
    for (size_t i = b; i < e; i++) {
        long sp = special(ix, t, i);
        unsigned v = cue_at(ix, text, t, i);
        if ((v & WF_CUE_STRONG) || !v) /* a contrast only sets a phrase apart */
            if (contrastive(ix, text, t, b, e, i)) v = WF_CUE_WEAK;
        if ((i > b && punct_break(text, t, i)) || (sp > 0 && (sp & SPECIAL_CLAUSE))) v |= WF_BREAK;
        if (capitalised_inside(text, t, b, i)) v |= WF_NAME;
        if (sp > 0 && (sp & SPECIAL_POSSIBLE)) v |= WF_POSSIBLE;
        f[i - b] = (uint8_t)v;
    }
    for (size_t i = b; i < e; i++) {
        unsigned cue = f[i - b] & (WF_CUE_STRONG | WF_CUE_WEAK);
        if (!cue) continue;
        if (i + 1 < e) {
            long sp = special(ix, t, i + 1);
            if (sp > 0 && (sp & SPECIAL_ONLY)) continue; /* "not only ... but" */
        }
        size_t j = i + 1;
        for (; j < e; j++) {
            if (f[j - b] & WF_BREAK) {
                j = e;
                break;
            }
            if ((f[j - b] & (WF_CUE_STRONG | WF_CUE_WEAK)) || is_stop(ix, t, j) || adverb(t, j) ||
                longer_of_negation(t, j))
                continue;
            break;
        }
        for (size_t n = 0; j < e && n < 2; j++, n++) {
            if (cue == WF_CUE_STRONG)
                f[j - b] ^= WF_NEG_STRONG;
            else
                f[j - b] |= WF_NEG_WEAK;
            unsigned char ch = (unsigned char)text[t->tok[j].start];
            if (!(ch >= 'A' && ch <= 'Z') || j + 1 >= e || (f[j + 1 - b] & WF_BREAK) ||
                is_stop(ix, t, j + 1) || (f[j + 1 - b] & (WF_CUE_STRONG | WF_CUE_WEAK)))
                break;
        }
        /* the predicate's verb and the word right after it ("had become
         * famous", "had achieved fame") */
        size_t p = quantified_predicate(ix, t, f, b, e, i);
        for (size_t n = 0; p < e && n < 2; p++, n++) {
            if (n > 0 && ((f[p - b] & WF_BREAK) || is_stop(ix, t, p))) break;
            f[p - b] |= WF_NEG_WEAK;
        }
    }
    for (size_t i = b; i < e;) { /* clause by clause */
        size_t j = i + 1;
        while (j < e && !(f[j - b] & WF_BREAK))
            j++;
        int neg = 0;
        for (size_t k = i; k < j && !neg; k++)
            neg = (f[k - b] & WF_CUE_STRONG) != 0;
        if (neg)
            for (size_t k = i; k < j; k++)
                f[k - b] |= WF_CLAUSE_NEG;
        i = j;
    }
}

/* ------------------------------------------------------------ word lists */

/* Verbs of saying: stop words for ranking, but they mark the speaker's slot. */
static const char *const speech_words[] = {"said",   "says",   "say",    "told",   "tells",
                                           "stated", "added",  "wrote",  "writes", "notes",
                                           "noted",  "warned", "argued", "argues", NULL};
/* Prepositions that mark a place's slot ("in _", "at _"). */
static const char *const place_words[] = {"in", "at", "near", "from", "outside", "into", NULL};

/* The lists a word is in, as bits: slots are anchored by comparing the
 * words around a claim's item with those around each candidate filler, so
 * the same few words are asked about many times per passage. */
#define LIST_SPEECH 0x01u /* speech_words */
#define LIST_PLACE 0x02u  /* place_words */
#define LIST_STOP 0x04u   /* the index's stop words */

static unsigned word_lists(const index_data *ix, const token_list *t, size_t i) {
    return (in_list(t, i, speech_words) ? LIST_SPEECH : 0) |
           (in_list(t, i, place_words) ? LIST_PLACE : 0) | (is_stop(ix, t, i) ? LIST_STOP : 0);
}

/* ------------------------------------------------------------ the claim's terms */

static size_t hash_term(uint32_t t) {
    uint64_t h = (uint64_t)t * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 32);
}

static int table_alloc(claim_term **tab, size_t *mask, size_t entries) {
    size_t size = 8;
    while (size < entries * 2)
        size *= 2;
    *tab = malloc(size * sizeof **tab);
    if (!*tab) return 0;
    for (size_t k = 0; k < size; k++)
        (*tab)[k].term = UINT32_MAX;
    *mask = size - 1;
    return 1;
}

/* Keeps, for each term, the item it relates to most strongly (then the
 * closer kind of relation), the first item on a tie. */
static void table_put(claim_term *tab, size_t mask, uint32_t term, uint32_t item, unsigned rel,
                      unsigned strength) {
    uint64_t bit = item < 64 ? (uint64_t)1 << item : 0;
    claim_term e = {term, item, (uint16_t)rel, (uint16_t)strength, bit};
    for (size_t k = hash_term(term) & mask;; k = (k + 1) & mask) {
        if (tab[k].term == UINT32_MAX) {
            tab[k] = e;
            return;
        }
        if (tab[k].term == term) {
            e.items |= tab[k].items;
            if (strength > tab[k].strength || (strength == tab[k].strength && rel < tab[k].rel))
                tab[k] = e;
            else
                tab[k].items = e.items;
            return;
        }
    }
}

static const claim_term *table_get(const claim_term *tab, size_t mask, uint32_t term) {
    if (!tab) return NULL;
    for (size_t k = hash_term(term) & mask;; k = (k + 1) & mask) {
        if (tab[k].term == UINT32_MAX) return NULL;
        if (tab[k].term == term) return &tab[k];
    }
}

const claim_term *claim_lookup(const claim *cl, uint32_t term) {
    return table_get(cl->terms, cl->terms_mask, term);
}

const claim_term *claim_antonym(const claim *cl, uint32_t term) {
    return table_get(cl->antonyms, cl->antonyms_mask, term);
}

/* The opposites of an ordinal fact, counted, and put in the antonym table
 * when `put`: "the first of the miners" against "the last of the miners". */
static size_t ordinal_opposites(claim *cl, size_t i, int put) {
    const related_set *o = &cl->items[i].opp;
    size_t na = 0;
    for (size_t k = 0; k < o->n; k++)
        if (o->v[k].rel == REL_ANTONYM) {
            if (put)
                table_put(cl->antonyms, cl->antonyms_mask, o->v[k].term, (uint32_t)i, 0, 1000),
                    cl->n_antonyms++;
            na++;
        }
    return na;
}

static dossier_status term_tables(claim *cl) {
    size_t nt = 0, na = 0;
    for (size_t i = 0; i < cl->n; i++) {
        const claim_item *it = &cl->items[i];
        na += ordinal_opposites(cl, i, 0);
        if (it->kind != CI_WORD) continue;
        nt += 1 + it->rel.n;
        for (size_t k = 0; k < it->rel.n; k++)
            na += it->rel.v[k].rel == REL_ANTONYM;
    }
    if (!table_alloc(&cl->terms, &cl->terms_mask, nt) ||
        !table_alloc(&cl->antonyms, &cl->antonyms_mask, na))
        return DOSSIER_ERR_NOMEM;
    for (size_t i = 0; i < cl->n; i++) {
        const claim_item *it = &cl->items[i];
        ordinal_opposites(cl, i, 1);
        if (it->kind != CI_WORD) continue;
        if (it->term >= 0)
            table_put(cl->terms, cl->terms_mask, (uint32_t)it->term, (uint32_t)i, 0, 1000);
        for (size_t k = 0; k < it->rel.n; k++) {
            const related_term *r = &it->rel.v[k];
            if (r->rel == REL_ANTONYM)
                table_put(cl->antonyms, cl->antonyms_mask, r->term, (uint32_t)i, 0, 1000),
                    cl->n_antonyms++;
            else
                table_put(cl->terms, cl->terms_mask, r->term, (uint32_t)i, r->rel, r->strength);
        }
    }
    return DOSSIER_OK;
}

/* Words after which a verb comes: "to", modals, auxiliaries. */
static const char *const before_verbs[] = {
    "to", "will", "would", "could", "can", "may",  "might", "must", "should", "has", "have",  "had",
    "is", "are",  "was",   "were",  "be",  "been", "did",   "does", "do",     "not", "never", NULL};

/* Word i is a verb in use: WordNet has it as a verb form, and it is
 * inflected as one (-ed, -ing, an irregular past, a third person that is no
 * plural) or follows a word that
 * comes before verbs. A noun that is also a verb ("plan", "drill") is not
 * one without those marks. */
static int predicate(const dossier_corpus *c, const token_list *t, size_t i) {
    const token *k = &t->tok[i];
    const char *w = t->folded + k->fstart;
    int verb = k->flen < 3 ? 0 : related_verb(c, w, k->flen);
    if (!verb) return 0;
    if (verb == 2) return 1;
    if (k->flen > 4 && (!memcmp(w + k->flen - 2, "ed", 2) || !memcmp(w + k->flen - 3, "ing", 3)))
        return 1;
    return i > 0 && in_list(t, i - 1, before_verbs);
}

/* Word i of t is the verb of an infinitive: "to line", "to not line". */
static int infinitive_at(const token_list *t, size_t i) {
    return i > 0 && (word_is(t, i - 1, "to") ||
                     (i > 1 && (word_is(t, i - 1, "not") || word_is(t, i - 1, "never")) &&
                      word_is(t, i - 2, "to")));
}

/* Determiners that open the object a verb between names takes. */
static const char *const determiners[] = {"the", "a",   "an",    "this", "these", "those", "his",
                                          "her", "its", "their", "our",  "every", "each",  NULL};

/* Word i of claim cl, not inflected as a verb, is one in use all the same
 * when WordNet has it as a verb form and it stands between a name and a
 * determiner ("Putin lets the ...", "the North put its") or, in the third
 * person, a name ("Pak Noja blames Yoon"): a name is followed by its verb
 * there, not by a noun of its own. A title between names is no verb
 * ("Russian minister Alexander Kozlov"). named[j]: word j is a name,
 * capitalised inside the claim or an actor's. */
static int verb_after_name(const dossier_corpus *c, const claim *cl, const uint8_t *named,
                           size_t i) {
    const token_list *t = &cl->t;
    const token *k = &t->tok[i];
    const char *w = t->folded + k->fstart;
    if (i == 0 || i + 1 >= t->n || k->flen < 3 || !named[i - 1]) return 0;
    if ((cl->flags[i] | cl->flags[i + 1]) & WF_BREAK) return 0; /* "Putin, lets" */
    if (!in_list(t, i + 1, determiners) && !(named[i + 1] && w[k->flen - 1] == 's')) return 0;
    return related_verb(c, w, k->flen) != 0;
}

/* Words that make what follows in their clause a prediction, not a
 * report: "is expected to take 48 hours" is no contradiction of "took 22
 * hours" (find_conflicts). A shorter list than dossier_possibility_words: the
 * conflicts were calibrated with it. */
static const char *const hedge_words[] = {
    "expected",  "expect",   "expects",   "could",    "may",       "might", "would",
    "likely",    "plan",     "plans",     "planned",  "hope",      "hopes", "hoped",
    "predicted", "forecast", "forecasts", "estimate", "projected", NULL};
#define CUE_WINDOW 8

/* A word of list (or, list NULL, flagged WF_POSSIBLE) within CUE_WINDOW
 * words before token i of t in its clause (flags f[i - b], words from b),
 * not denied right after it ("could not establish a link" says what did
 * not happen) nor a name ("in May"). */
static int cue_before(const token_list *t, const uint8_t *f, size_t b, size_t i,
                      const char *const *list) {
    for (size_t n = 0, at = i; at > b && n < CUE_WINDOW; n++) {
        if (f[at - b] & WF_BREAK) return 0;
        at--;
        if (!(f[at - b] & WF_NAME) &&
            (list ? in_list(t, at, list) : (f[at - b] & WF_POSSIBLE) != 0) &&
            !(f[at + 1 - b] & WF_CUE_STRONG))
            return 1;
    }
    return 0;
}

/* the flag text_flags sets: asked of every word a claim item is held by */
static int possible_at(const token_list *t, const uint8_t *f, size_t b, size_t i) {
    return cue_before(t, f, b, i, NULL);
}

static int hedged(const token_list *t, const uint8_t *f, size_t b, size_t i) {
    return cue_before(t, f, b, i, hedge_words);
}

/* ------------------------------------------------------------ the claim */

/* Verbs that attribute what follows to someone: "X, a fellow at Y, notes
 * that ...". A claim made of a true attribution and a false report is
 * false: the report is what a source must hold. */
static const char *const reporting_verbs[] = {
    "said",      "says",      "say",          "told",         "tells",     "notes",     "noted",
    "argues",    "argued",    "writes",       "wrote",        "stated",    "states",    "added",
    "adds",      "claimed",   "claims",       "believes",     "believed",  "thinks",    "suggests",
    "suggested", "explained", "explains",     "insisted",     "insists",   "judges",    "judged",
    "observes",  "observed",  "maintains",    "contends",     "concluded", "concludes", "asserted",
    "asserts",   "according", "acknowledged", "acknowledges", "warned",    "warns",     NULL};
#define FRAME_THAT_WINDOW 8 /* words between a reporting verb and its "that" */

#define REPORTS_THAT_WINDOW 3 /* the same, for a verb found in WordNet */

/* A verb of saying or thinking in use that a "that" soon follows reports
 * too: "Moscow retorted that", "the correspondent reported that", "she
 * conceded to reporters that" — the list above need not hold every one. */
static int reports_that(const dossier_corpus *c, const claim *cl, size_t i) {
    const token_list *t = &cl->t;
    size_t j = i + 1;
    while (j < t->n && j <= i + REPORTS_THAT_WINDOW && !word_is(t, j, "that"))
        j++;
    if (j >= t->n || j > i + REPORTS_THAT_WINDOW || !predicate(c, t, i)) return 0;
    return related_reporting(c, t->folded + t->tok[i].fstart, t->tok[i].flen);
}

/* Word i opens no attribution when a determiner comes right before it, or
 * before a participle right before it: "the state that", "a sanctioned
 * state that dodges sanctions" are a noun and its clause, not someone
 * stating ("the Kremlin retorted that" is: a noun between). */
static int noun_by_determiner(const token_list *t, size_t i) {
    if (i >= 1 && in_list(t, i - 1, determiners)) return 1;
    if (i < 2 || !in_list(t, i - 2, determiners)) return 0;
    const token *k = &t->tok[i - 1];
    return k->flen > 4 && !memcmp(t->folded + k->fstart + k->flen - 2, "ed", 2);
}

/* Marks the claim items of its attribution: the words up to a reporting
 * verb in the first half of the claim (and its "that" when one follows
 * within FRAME_THAT_WINDOW words), up to the comma after "according to",
 * or from the last comma on when a reporting verb follows it. Nothing
 * when the claim has no such verb, or nothing would be left. */
static void mark_frame(const dossier_corpus *c, claim *cl) {
    const token_list *t = &cl->t;
    size_t n = t->n, lo = 0, hi = 0; /* the attribution is tokens [lo, hi) */
    size_t verb = n;                 /* its reporting verb */
    for (size_t i = 1; i < n && !hi && 2 * i < n + 2; i++) {
        if (!in_list(t, i, reporting_verbs) &&
            (!reports_that(c, cl, i) || noun_by_determiner(t, i)))
            continue;
        verb = i;
        if (word_is(t, i, "according")) {
            if (i + 1 >= n || !word_is(t, i + 1, "to")) continue;
            for (size_t j = i + 2; j < n && !hi; j++)
                if (cl->text[t->tok[j - 1].end] == ',') hi = j;
            continue;
        }
        hi = i + 1;
        for (size_t j = i + 1; j < n && j <= i + FRAME_THAT_WINDOW; j++)
            if (word_is(t, j, "that")) {
                hi = j + 1;
                break;
            }
    }
    if (!hi) { /* "..., Klingner said." */
        size_t comma = 0;
        for (size_t j = 1; j < n; j++)
            if (memchr(cl->text + t->tok[j - 1].end, ',', t->tok[j].start - t->tok[j - 1].end))
                comma = j;
        for (size_t j = comma; comma && j < n; j++)
            if (in_list(t, j, reporting_verbs)) lo = comma, hi = n, verb = j;
    }
    if (!hi || (lo == 0 && hi >= n)) return;
    cl->frame_lo = lo, cl->frame_hi = hi;
    size_t content = 0;
    for (size_t k = 0; k < cl->n; k++) {
        claim_item *it = &cl->items[k];
        it->frame = it->tok >= lo && it->tok < hi;
        content += !it->frame;
    }
    if (!content) {
        for (size_t k = 0; k < cl->n; k++)
            cl->items[k].frame = 0;
        cl->frame_lo = cl->frame_hi = 0;
        return;
    }
    /* the reporting verb itself is no word a source must hold: "argues",
     * "believes" and "notes" report alike, and an author's own article
     * says it without one */
    size_t w = 0;
    for (size_t k = 0; k < cl->n; k++)
        if (!(cl->items[k].kind == CI_WORD && cl->items[k].tok == verb))
            cl->items[w++] = cl->items[k];
    cl->n = w;
}

/* The terms of the words of an actor's gazetteer role ("Russian state
 * media presenter"), tokenized and folded as a claim's words are, so an
 * accented title word matches its folded claim word; NUL-separated in
 * terms[0, *len). Nonzero only when out of memory. */
#define ROLE_TERMS_CAP 1024

static int role_terms(const index_data *ix, const char *role, char *terms, size_t *len) {
    token_list rt = {0};
    *len = 0;
    if (tokenize(role, strlen(role), &rt)) {
        token_list_free(&rt);
        return 1;
    }
    for (size_t j = 0; j < rt.n; j++) {
        char got[64];
        size_t gn = word_term(ix, ix->stemmer, rt.folded + rt.tok[j].fstart, rt.tok[j].flen, got,
                              sizeof got);
        if (!gn || *len + gn + 1 > ROLE_TERMS_CAP) continue;
        memcpy(terms + *len, got, gn + 1);
        *len += gn + 1;
    }
    token_list_free(&rt);
    return 0;
}

/* Whether term w[0, n) is one of the NUL-separated terms[0, len). */
static int in_terms(const char *terms, size_t len, const char *w, size_t n) {
    for (size_t at = 0; at < len; at += strlen(terms + at) + 1)
        if (strlen(terms + at) == n && !memcmp(terms + at, w, n)) return 1;
    return 0;
}

/* A person's title right before the name ("Russian state media presenter
 * Sergey Mardan", "Foreign Minister Sergey Lavrov"): words of the person's
 * gazetteer role say who is meant, as the name does, not what the claim
 * says of them; a passage that names the person with the title holds no
 * more of the claim than one that names them alone. They are the frame,
 * unless nothing would be left outside it ("President Putin."). */
static void mark_titles(const dossier_corpus *c, claim *cl) {
    unsigned char *was = malloc(cl->n ? cl->n : 1);
    if (!was) return; /* out of memory: the titles stay content */
    size_t content = 0;
    for (size_t i = 0; i < cl->n; i++)
        was[i] = (unsigned char)cl->items[i].frame;
    for (size_t i = 1; i < cl->n; i++) {
        const claim_item *it = &cl->items[i];
        if (it->kind != CI_ACTOR || it->demonym || it->standin ||
            c->actors[it->actor].kind != DOSSIER_PERSON)
            continue;
        char role[ROLE_TERMS_CAP];
        size_t role_len = 0, read = 0; /* the role's terms, read at its first title word */
        size_t next = it->tok;
        for (size_t j = i; j-- > 0;) {
            claim_item *t = &cl->items[j];
            if (t->tok_last + 1 != next) break;
            next = t->tok;
            if (t->kind == CI_ACTOR && t->demonym) continue; /* "Russian" */
            if (t->kind != CI_WORD || t->name || t->verb) break;
            if (!read++ && role_terms(c->index, c->actors[it->actor].role, role, &role_len))
                break; /* out of memory: this title stays content */
            const token *w = &cl->t.tok[t->tok];
            char want[64];
            size_t wn = word_term(c->index, c->index->stemmer, cl->t.folded + w->fstart, w->flen,
                                  want, sizeof want);
            if (!wn || !in_terms(role, role_len, want, wn)) break;
            t->frame = 1;
        }
    }
    for (size_t i = 0; i < cl->n; i++)
        content += !cl->items[i].frame;
    for (size_t i = 0; !content && i < cl->n; i++)
        cl->items[i].frame = was[i];
    free(was);
}

/* Word i of claim cl is a "that" right after a noun, which opens the
 * noun's clause ("the deal that Russia signed", "evidence that a deal was
 * discussed"): the word before it is a word item of its own, and neither a
 * verb in use, a name, an adverb, a reporting verb nor a verb form ending
 * in -s ("X says that", "Seoul fears that" report what follows; a plural
 * as "the arms that" is left to read so too). it: the item of word i - 1,
 * NULL for none. */
static int noun_that(const dossier_corpus *c, const claim *cl, const claim_item *it, size_t i) {
    const token_list *t = &cl->t;
    if (!it || !word_is(t, i, "that") || it->tok_last != i - 1 || it->kind != CI_WORD || it->verb ||
        it->name || it->frame || adverb(t, i - 1) || in_list(t, i - 1, reporting_verbs))
        return 0;
    const token *k = &t->tok[i - 1];
    const char *w = t->folded + k->fstart;
    return w[k->flen - 1] != 's' || !related_verb(c, w, k->flen);
}

/* Marks the items of the report's predicate, what it says happened: from
 * its first verb in use, or the auxiliary before it ("was the first
 * rescuer", "is unclear whether", "has pushed"), or a verb by its place
 * ("Pak Noja blames Yoon"), to its end, outside the attribution; its actors
 * left out, who the claim is about wherever they stand ("the port closed
 * its docks to Peruvian ships" is told by closed, docks and ships, not by
 * the actor a passage about the port names anyway). Nothing when the
 * report has neither, or when a noun's "that" comes first: a verb after it
 * may be its clause's or the report's, and where that clause ends ("the
 * evidence that a deal was discussed at the summit is scarce") takes a
 * parse to tell, so the report is all predicate. */
static void claim_predicate(const dossier_corpus *c, claim *cl) {
    const token_list *t = &cl->t;
    size_t start = t->n;
    const claim_item *prev = NULL; /* the item of the word before */
    for (size_t i = 0, j = 0; i < t->n; i++) {
        while (j < cl->n && cl->items[j].tok < i)
            j++;
        const claim_item *it = j < cl->n && cl->items[j].tok == i ? &cl->items[j] : NULL;
        int framed = i >= cl->frame_lo && i < cl->frame_hi;
        if (!framed && noun_that(c, cl, prev, i)) break;
        /* "to", "not" and "never" come before a verb, they are no verb */
        if ((it && (it->verb || it->by_place) && !it->frame) ||
            (!framed && in_list(t, i, before_verbs) && !word_is(t, i, "to") &&
             !word_is(t, i, "not") && !word_is(t, i, "never"))) {
            start = i;
            break;
        }
        if (it)
            prev = it;
        else if (prev && prev->tok_last < i)
            prev = NULL;
    }
    for (size_t j = 0; j < cl->n; j++) {
        claim_item *it = &cl->items[j];
        it->predicate = !it->frame && it->tok >= start && it->kind != CI_ACTOR;
    }
}

/* A count of three or less, or an ordinal up to the third, in one word:
 * "the two countries" are "both", "first" is "initial", so a source need not
 * say it; another value in its slot still conflicts. A larger count is a
 * detail the source must give ("more than ten years", "a six-member team"). */
#define SOFT_FACT_WEIGHT 0.4

/* The number of words of an expression of uncertainty (dossier_uncertainty)
 * that words [i, end) of t start with, 0 for none. */
static size_t uncertainty_at(const token_list *t, size_t i, size_t end) {
    for (size_t e = 0; dossier_uncertainty[e]; e++) {
        const char *p = dossier_uncertainty[e];
        size_t k = i;
        while (*p && k < end) {
            const token *w = &t->tok[k];
            /* most words differ in their first letter: no strcspn for them */
            if (!w->flen || t->folded[w->fstart] != *p) break;
            size_t n = strcspn(p, " ");
            if (w->flen != n || memcmp(t->folded + w->fstart, p, n) != 0) break;
            p += n;
            while (*p == ' ')
                p++;
            k++;
        }
        if (!*p) return k - i;
    }
    return 0;
}

/* The first letters of the expressions of uncertainty, as bits (& 31):
 * most words start none, and need no uncertainty_at. */
static uint32_t uncertainty_firsts(void) {
    uint32_t firsts = 0;
    for (size_t e = 0; dossier_uncertainty[e]; e++)
        firsts |= 1u << ((unsigned char)dossier_uncertainty[e][0] & 31);
    return firsts;
}

static int may_start_uncertainty(const token_list *t, size_t i, uint32_t firsts) {
    const token *w = &t->tok[i];
    return w->flen && (firsts & (1u << ((unsigned char)t->folded[w->fstart] & 31)));
}

/* The claim's word items that are words of an expression of uncertainty. */
static void mark_uncertain(claim *cl) {
    uint32_t firsts = uncertainty_firsts();
    for (size_t i = 0; i < cl->t.n; i++) {
        size_t len =
            may_start_uncertainty(&cl->t, i, firsts) ? uncertainty_at(&cl->t, i, cl->t.n) : 0;
        if (!len) continue;
        for (size_t j = 0; j < cl->n; j++) {
            claim_item *it = &cl->items[j];
            if (it->kind == CI_WORD && !it->name && !it->uncertain && it->tok >= i &&
                it->tok < i + len)
                it->uncertain = 1, cl->n_uncertain++;
        }
        i += len - 1;
    }
}

static int soft_fact(const fact *f) {
    if (f->tok_first != f->tok_last) return 0;
    if (f->kind == FACT_NUMBER) return f->value <= 3 && f->value == floor(f->value);
    return f->kind == FACT_ORDINAL && f->value <= 3;
}

static int push_item(claim *cl, size_t *cap, const claim_item *it) {
    if (!grow((void **)&cl->items, cap, cl->n + 1, sizeof *cl->items)) return 0;
    cl->items[cl->n++] = *it;
    return 1;
}

dossier_status claim_make(const dossier_corpus *c, const char *text, size_t len, claim *cl) {
    const index_data *ix = c->index;
    memset(cl, 0, sizeof *cl);
    cl->text = text;
    cl->len = len;
    dossier_matches m = {0};
    uint8_t *named = NULL;
    size_t cap = 0;
    if (tokenize(text, len, &cl->t)) goto nomem;
    if (scan_tokens(c, text, len, &cl->t, &m)) goto nomem;
    if (find_facts(text, len, &cl->t, &cl->facts)) goto nomem;
    cl->flags = calloc(cl->t.n ? cl->t.n : 1, 1);
    if (!cl->flags) goto nomem;
    text_flags(ix, text, &cl->t, 0, cl->t.n, cl->flags);
    if (!(cl->lists = calloc(cl->t.n ? cl->t.n : 1, 1))) goto nomem;
    for (size_t i = 0; i < cl->t.n; i++)
        cl->lists[i] = word_lists(ix, &cl->t, i);
    cl->max_weight = index_idf(ix, 0);
    /* the names, for verb_after_name: capitalised inside, or an actor's */
    if (!(named = calloc(cl->t.n ? cl->t.n : 1, 1))) goto nomem;
    for (size_t i = 0, s = 0, f = 0; i < cl->t.n; i++) {
        while (s < m.n && m.spans[s].end <= cl->t.tok[i].start)
            s++;
        while (f < cl->facts.n && cl->facts.v[f].tok_last < i)
            f++;
        int in_fact = f < cl->facts.n && cl->facts.v[f].tok_first <= i; /* "last August" */
        named[i] = !in_fact && ((cl->flags[i] & WF_NAME) ||
                                (s < m.n && m.spans[s].start <= cl->t.tok[i].start));
    }
    size_t k = 0, fi = 0, phrase_end = 0;
    for (size_t i = 0; i < cl->t.n; i++) {
        const token *w = &cl->t.tok[i];
        while (k < m.n && m.spans[k].end <= w->start)
            k++;
        if (i < phrase_end) continue; /* the second word of a verb phrase */
        claim_item it;
        memset(&it, 0, sizeof it);
        it.tok = it.tok_last = i;
        it.start = w->start;
        it.end = w->end;
        it.negated = neg_marks(cl->flags[i]);
        it.clause_negative = (cl->flags[i] & WF_CLAUSE_NEG) != 0;
        while (fi < cl->facts.n && cl->facts.v[fi].tok_last < i)
            fi++;
        /* a name inside a fact is the fact's ("500 US dollars"), as the
         * index reads a source (walk_passage) */
        while (k < m.n && fi < cl->facts.n && cl->facts.v[fi].tok_first <= i &&
               m.spans[k].start >= cl->facts.v[fi].start && m.spans[k].end <= cl->facts.v[fi].end)
            k++;
        if (k < m.n && m.spans[k].start <= w->start) {                      /* an actor's name */
            if (i > 0 && cl->t.tok[i - 1].end > m.spans[k].start) continue; /* not its first word */
            if (m.spans[k].actor < 0) continue;                             /* ambiguous: no item */
            size_t last = i;
            while (last + 1 < cl->t.n && cl->t.tok[last + 1].start < m.spans[k].end)
                last++;
            int seen = 0;
            for (size_t j = 0; j < cl->n && !seen; j++)
                seen = cl->items[j].kind == CI_ACTOR && cl->items[j].actor == m.spans[k].actor;
            if (seen) continue;
            it.kind = CI_ACTOR;
            it.actor = m.spans[k].actor;
            it.demonym = (m.spans[k].flags & DOSSIER_MATCH_DEMONYM) != 0;
            it.standin = (m.spans[k].flags & DOSSIER_MATCH_STANDIN) != 0;
            it.term = ix->actor_term[it.actor];
            it.tok_last = last;
            it.start = m.spans[k].start;
            it.end = m.spans[k].end;
            it.idf = it.weight = index_idf(ix, it.term >= 0 ? term_df(ix, it.term) : 0);
            if (!push_item(cl, &cap, &it)) goto nomem;
            continue;
        }
        if (fi < cl->facts.n && cl->facts.v[fi].tok_first <= i) { /* a fact */
            if (cl->facts.v[fi].tok_first != i) continue;
            it.kind = CI_FACT;
            it.fact = fi;
            it.tok_last = cl->facts.v[fi].tok_last;
            it.start = cl->facts.v[fi].start;
            it.end = cl->facts.v[fi].end;
            char term[64];
            long best = -1;
            /* its rarest term weighs it: a full date is as rare as its day */
            for (unsigned f = 0; fact_term(&cl->facts.v[fi], f, term, sizeof term); f++) {
                long id = index_term(ix, term, strlen(term));
                if (id < 0 || best < 0 || term_df(ix, id) < term_df(ix, best)) best = id;
                if (id < 0) break;
            }
            it.term = best;
            it.idf = it.weight = index_idf(ix, best >= 0 ? term_df(ix, best) : 0);
            it.soft = soft_fact(&cl->facts.v[fi]);
            if (it.soft) it.weight *= SOFT_FACT_WEIGHT;
            if (cl->facts.v[fi].kind == FACT_ORDINAL && it.tok_last == i &&
                related_terms(c, cl->t.folded + w->fstart, w->flen, &it.opp) != DOSSIER_OK)
                goto nomem;
            if (!push_item(cl, &cap, &it)) goto nomem;
            continue;
        }
        char term[128];
        long id;
        size_t tn = word_stem(c->index, cl->t.folded + w->fstart, w->flen, term, sizeof term, &id);
        if (!tn) continue;
        int seen = 0;
        for (size_t j = 0; j < cl->n && !seen; j++)
            seen = cl->items[j].kind == CI_WORD &&
                   (id >= 0 ? cl->items[j].term == id
                            : same_word(&cl->t, cl->items[j].tok, &cl->t, i));
        if (seen) continue;
        it.kind = CI_WORD;
        it.term = id;
        it.idf = index_idf(ix, id >= 0 ? term_df(ix, id) : 0);
        it.name = (cl->flags[i] & WF_NAME) != 0;
        /* an abbreviation WordNet has as a common word is that word ("a TV
         * camera": television), not a name a source must spell alike */
        if (it.name && w->upper && w->flen <= 4) {
            if (related_terms(c, cl->t.folded + w->fstart, w->flen, &it.rel) != DOSSIER_OK)
                goto nomem;
            it.name = it.rel.n == 0;
        }
        it.verb = !it.name && predicate(c, &cl->t, i);
        /* only where the predicate starts: the calibration knows verbs by
         * their marks, and one found by its place alone weighs as a word */
        it.by_place = !it.name && !it.verb && verb_after_name(c, cl, named, i);
        /* whether held or not, infinitive_denied may put it in conflict */
        it.infinitive = infinitive_at(&cl->t, i);
        /* a verb in use relates through its verb senses only */
        if (!it.name && (it.verb ? related_verb_terms : related_terms)(
                            c, cl->t.folded + w->fstart, w->flen, &it.rel) != DOSSIER_OK)
            goto nomem;
        /* a verb and the particle after it that WordNet has as one verb
         * ("went back": return; "stepped up": increase): one item, its
         * relations the phrase's too. Particles only: a noun after the verb
         * ("took place") is a word of its own to the calibration */
        int verbal =
            it.verb || (!it.name &&
                        !(i > 0 && (word_is(&cl->t, i - 1, "the") || word_is(&cl->t, i - 1, "a") ||
                                    word_is(&cl->t, i - 1, "an"))) &&
                        related_verb(c, cl->t.folded + w->fstart, w->flen));
        if (verbal && i + 1 < cl->t.n &&
            related_particle(cl->t.folded + cl->t.tok[i + 1].fstart, cl->t.tok[i + 1].flen) &&
            cl->t.tok[i + 1].start == w->end + 1 && text[w->end] == ' ') {
            const token *nx = &cl->t.tok[i + 1];
            related_set ph;
            if (related_phrase(c, cl->t.folded + w->fstart, w->flen, cl->t.folded + nx->fstart,
                               nx->flen, &ph) != DOSSIER_OK)
                goto nomem;
            if (ph.n) {
                it.rel = ph;
                it.tok_last = i + 1;
                it.end = nx->end;
                phrase_end = i + 2;
            }
        }
        it.weight = it.idf * (it.name ? 1.0 : it.rel.general);
        /* a negation cue that is no verb (never, none, nobody, unable) is a
         * function word: what it says is the negation of the word it turns
         * around (text_flags), no content a source must hold ("None of
         * this is new" is not said by "close to none") */
        if ((cl->flags[i] & WF_CUE_STRONG) && !related_verb(c, cl->t.folded + w->fstart, w->flen))
            it.weight = 0;
        /* so is a conjunction that opens a clause (although, whereas,
         * unless): it joins what the claim says, it says nothing itself */
        long sp = special(ix, &cl->t, i);
        if ((sp > 0 && (sp & SPECIAL_CLAUSE)) || longer_of_negation(&cl->t, i)) it.weight = 0;
        if (!push_item(cl, &cap, &it)) goto nomem;
    }
    free(named);
    named = NULL;
    mark_frame(c, cl);
    mark_titles(c, cl);
    claim_predicate(c, cl);
    mark_uncertain(cl);
    for (size_t i = 0; i < cl->t.n && !cl->possible; i++)
        cl->possible = !(cl->flags[i] & WF_NAME) && (cl->flags[i] & WF_POSSIBLE);
    /* the weights features() divides by, the same for every passage */
    for (size_t j = 0; j < cl->n; j++) {
        const claim_item *it = &cl->items[j];
        double d = it->weight;
        cl->total_weight += d;
        if (!it->frame) cl->content_weight += d;
        if (it->verb && !it->frame) cl->verb_weight += d;
        if (it->predicate) cl->predicate_weight += d;
        if (it->kind == CI_WORD)
            cl->word_weight += d;
        else if (it->kind == CI_ACTOR)
            cl->actor_weight += d;
    }
    if (!(cl->actor_items = malloc(4 * (cl->n ? cl->n : 1) * sizeof *cl->actor_items))) goto nomem;
    cl->fact_items = cl->actor_items + cl->n;
    cl->word_items = cl->fact_items + cl->n;
    cl->name_items = cl->word_items + cl->n;
    for (size_t j = 0; j < cl->n; j++) {
        const claim_item *it = &cl->items[j];
        if (it->kind == CI_ACTOR) cl->actor_items[cl->n_actor_items++] = j;
        if (it->kind == CI_FACT) cl->fact_items[cl->n_fact_items++] = j;
        if (it->kind == CI_WORD) cl->word_items[cl->n_word_items++] = j;
        if (it->kind == CI_WORD && it->name) cl->name_items[cl->n_name_items++] = j;
    }
    if (term_tables(cl)) goto nomem;
    if (!(cl->holds = malloc(ACTOR_MEMO_SLOTS * sizeof *cl->holds))) goto nomem;
    for (size_t j = 0; j < ACTOR_MEMO_SLOTS; j++)
        cl->holds[j].source = cl->holds[j].wanted = -1;
    dossier_matches_free(&m);
    return DOSSIER_OK;
nomem:
    free(named);
    dossier_matches_free(&m);
    claim_free(cl);
    return DOSSIER_ERR_NOMEM;
}

void claim_free(claim *cl) {
    free(cl->actor_items); /* and the other kinds' */
    free(cl->holds);
    free(cl->terms);
    free(cl->antonyms);
    token_list_free(&cl->t);
    fact_list_free(&cl->facts);
    free(cl->flags);
    free(cl->lists);
    free(cl->items);
    memset(cl, 0, sizeof *cl);
}

/* ------------------------------------------------------------ the passage's words */

typedef struct {
    size_t tok;     /* index into the article's words (article_words.t) */
    uint32_t code;  /* CODE_* */
    size_t passage; /* the sentence it is in */
    unsigned char main, neg, cue, name, clause_negative;
    unsigned char term; /* its term is one the claim's term table has (match_items) */
    int item;           /* the claim item aligned to it, or -1 */
} sword;

typedef struct {
    const dossier_corpus *c;
    const claim *cl;
    size_t p, article;
    const article_words *aw; /* the article's words, codes, flags and facts */
    const token_list *t;     /* the article's words */
    const char *body;        /* the article's text after the front matter */
    size_t body_start;
    sword *w;
    size_t n;
    size_t para_first, para_end; /* passages of the paragraph searched for facts */
    size_t *named, n_named;      /* region words inside an actor's name (CODE_INSIDE, CODE_ACTOR) */
    size_t *termed, n_termed;    /* region words whose term the claim's table has (match_items) */
    /* per claim item */
    int *match;     /* sword index, or -1 */
    double *weight; /* how much the match counts */
    unsigned char *exact, *conflicted;
    unsigned char bounding; /* features() of a bound's state: BOUND_LEAST, BOUND_MOST, else 0 */
    void *stack; /* room for REGION_STACK_WORDS words (region_words), on the caller's stack */
} region;

/* Words of a region held on the stack, as most regions are: no malloc for
 * them (the words, named and termed) nor for find_conflicts' fillers. */
#define REGION_STACK_WORDS 160

/* The words [*first, *end) of passage q of the region's article. */
static void region_passage_words(const region *r, size_t q, size_t *first, size_t *end) {
    passage_words(r->c, r->aw, q, first, end);
}

static const char *const leaning_pronouns[] = {"it",  "its", "they", "their", "he",
                                               "his", "she", "this", "these", NULL};

/* Whether passage p opens its paragraph with a pronoun ("It is claiming
 * $US500,000 for each miner." after a paragraph on the lawsuit): in news
 * written a sentence to a paragraph, the sentence before, the last of the
 * paragraph before, is the one beside it. */
static int leans_back(const region *r) {
    const dossier_corpus *c = r->c;
    size_t p = r->p, b, e;
    if (p == 0 || same_paragraph(c, p, p - 1) ||
        c->passages[p - 1].article != c->passages[p].article ||
        c->passages[p - 1].kind != DOSSIER_PROSE)
        return 0;
    region_passage_words(r, p, &b, &e);
    return e > b && in_list(r->t, b, leaning_pronouns);
}

/* The passages [*from, *to) whose words the region holds: p and the
 * sentences beside it in its paragraph (or, leaning back, the one before
 * it). */
static void region_passages(const region *r, size_t *from, size_t *to) {
    const dossier_corpus *c = r->c;
    *from = r->p, *to = r->p + 1;
    if (*from > 0 && (same_paragraph(c, r->p, *from - 1) || leans_back(r))) (*from)--;
    if (same_paragraph(c, r->p, *to)) (*to)++;
}

static dossier_status region_words(region *r) {
    size_t from, to;
    region_passages(r, &from, &to);
    /* counted passage by passage: a damaged cache's word ranges need not
     * follow one another */
    size_t nw = 0;
    for (size_t q = from; q < to; q++) {
        size_t b, e;
        region_passage_words(r, q, &b, &e);
        if (e > b) nw += e - b;
    }
    if (!nw) nw = 1;
    /* one block: the words, then named and termed */
    if (nw <= REGION_STACK_WORDS)
        r->w = r->stack;
    else if (!(r->w = malloc(nw * (sizeof *r->w + sizeof *r->named + sizeof *r->termed))))
        return DOSSIER_ERR_NOMEM;
    r->named = (size_t *)(r->w + nw);
    r->termed = r->named + nw;
    const uint32_t *codes = r->aw->codes;
    const uint8_t *fl = r->aw->flags;
    for (size_t q = from; q < to; q++) {
        size_t b, e;
        region_passage_words(r, q, &b, &e);
        for (size_t i = b; i < e; i++) {
            if (codes[i] == CODE_INSIDE || (codes[i] & CODE_TAG) == CODE_ACTOR)
                r->named[r->n_named++] = r->n;
            sword *s = &r->w[r->n++];
            s->tok = i;
            s->code = codes[i];
            s->passage = q;
            s->main = q == r->p;
            s->cue = (fl[i] & WF_CUE_STRONG) ? 2 : (fl[i] & WF_CUE_WEAK) ? 1 : 0;
            s->neg = neg_marks(fl[i]);
            s->clause_negative = (fl[i] & WF_CLAUSE_NEG) != 0;
            s->name = CODE_WORD(s->code) && (fl[i] & WF_NAME);
            s->term = 0;
            s->item = -1;
        }
    }
    return DOSSIER_OK;
}

/* ------------------------------------------------------------ matching */

/* A fact of passages [lo, hi) of the region's article that says all `want`
 * says. */
static const fact *paragraph_fact(const region *r, const fact *want, size_t lo, size_t hi) {
    const dossier_corpus *c = r->c;
    const fact_list *facts = &r->aw->facts;
    for (size_t k = 0; k < facts->n; k++) {
        const fact *f = &facts->v[k];
        size_t at = f->start + r->body_start;
        /* between the range's first and last passage's bytes */
        if (at < c->passages[lo].start || at >= c->passages[hi - 1].end) continue;
        if (fact_covers(f, want)) return f;
    }
    return NULL;
}

/* A year the region's passages [lo, hi) give counted back from the day
 * the article was published: "four years ago" in an article of 2023 is
 * 2019, "last year" and "a year ago" 2022, "this year" 2023. Only a year
 * the claim gives alone (no month, day or decade), and only "ago", "last
 * year" and "this year": "four years earlier" counts from another event.
 * 1 when it is the claim's year, *main set when it is said in the passage
 * itself. */
static int relative_year(const region *r, const fact *want, size_t lo, size_t hi, int *main) {
    const dossier_corpus *c = r->c;
    int now = r->aw->published.kind == FACT_DATE ? r->aw->published.year : 0;
    if (!now || !want->year || want->year_span || want->month || want->day || want->weekday)
        return 0;
    const token_list *t = r->t;
    size_t from = c->passages[lo].start, to = c->passages[hi - 1].end;
    const fact_list *facts = &r->aw->facts;
    for (size_t k = 0; k < facts->n; k++) {
        const fact *f = &facts->v[k];
        size_t at = f->start + r->body_start;
        if (at < from || at >= to || f->kind != FACT_NUMBER || strcmp(f->unit, "year") != 0 ||
            f->value != (double)(int)f->value || now - (int)f->value != want->year)
            continue;
        /* the unit word stays a word of its own: "four years ago" */
        for (size_t j = f->tok_last + 1; j < t->n && j <= f->tok_last + 2; j++)
            if (word_is(t, j, "ago")) {
                *main = at >= c->passages[r->p].start && at < c->passages[r->p].end;
                return 1;
            }
    }
    const char *which = want->year == now - 1 ? "last" : want->year == now ? "this" : NULL;
    if (!which) return 0;
    for (size_t q = lo; q < hi; q++) {
        size_t b, e;
        region_passage_words(r, q, &b, &e);
        for (size_t j = b; j + 1 < e; j++) {
            /* "a year ago", "one year ago": no number a fact reads */
            int a_year_ago = want->year == now - 1 && j + 2 < e &&
                             (word_is(t, j, "a") || word_is(t, j, "one")) &&
                             word_is(t, j + 1, "year") && word_is(t, j + 2, "ago");
            if (a_year_ago || (word_is(t, j, which) && word_is(t, j + 1, "year"))) {
                *main = q == r->p;
                return 1;
            }
        }
    }
    return 0;
}

/* W_NESTED when the name of actor `source` contains the name of another,
 * `wanted`, as whole words, else 0. */
static double actor_holds_names(const dossier_corpus *c, long source, long wanted) {
    const char *big = c->actors[source].name, *small = c->actors[wanted].name;
    size_t bn = strlen(big), sn = strlen(small);
    if (sn == 0 || sn >= bn) return 0;
    for (size_t at = 0; at + sn <= bn; at++)
        if ((at == 0 || big[at - 1] == ' ') && (at + sn == bn || big[at + sn] == ' ') &&
            strncasecmp(big + at, small, sn) == 0)
            return W_NESTED;
    return 0;
}

/* How surely an actor the source names (`source`) holds one the claim
 * names (`wanted`): 1 when the same; W_NESTED when the source's name
 * contains the claim's as whole words ("the United Nations Security
 * Council" holds "the UN", "the Russian invasion of Ukraine" holds
 * "Ukraine"); else 0. Remembered in cl->holds. */
static inline double actor_holds(const claim *cl, const dossier_corpus *c, long source,
                                 long wanted) {
    if (source == wanted) return 1.0;
    actor_memo_slot *m = &cl->holds[((size_t)source * 31 + (size_t)wanted) % ACTOR_MEMO_SLOTS];
    if (m->source != source || m->wanted != wanted)
        *m = (actor_memo_slot){source, wanted, actor_holds_names(c, source, wanted)};
    return m->w;
}

/* Better: a closer relation, then the passage itself, then a word no other
 * item has taken. */
static inline int better(const region *r, size_t i, double w, size_t k, int best, double bw) {
    if (best < 0) return 1;
    if (w != bw) return w > bw;
    const sword *s = &r->w[k], *b = &r->w[best];
    if (s->main != b->main) return s->main;
    /* of two occurrences, the one negated as the claim's word is */
    unsigned want = r->cl->items[i].negated & NEG_STRONG;
    int sp = (s->neg & NEG_STRONG) == want, bp = (b->neg & NEG_STRONG) == want;
    if (sp != bp) return sp;
    return s->item < 0 && b->item >= 0;
}

static inline void take(region *r, size_t i, size_t k, double w, int exact) {
    if (r->match[i] >= 0 && r->w[r->match[i]].item == (int)i) r->w[r->match[i]].item = -1;
    r->match[i] = (int)k;
    r->weight[i] = w;
    r->exact[i] = (unsigned char)exact;
    if (r->w[k].item < 0) r->w[k].item = (int)i;
}

/* Whether claim words [a, b] are, as written, words of the source's name
 * that starts at region word k. */
static int written_inside(const region *r, size_t a, size_t b, size_t k) {
    size_t e = k + 1;
    while (e < r->n && r->w[e].code == CODE_INSIDE)
        e++;
    for (size_t s = k; s + (b - a) < e; s++) {
        size_t n = 0;
        while (a + n <= b && same_word(&r->cl->t, a + n, r->t, r->w[s + n].tok))
            n++;
        if (a + n > b) return 1;
    }
    return 0;
}

/* One name of the source that the claim splits in two, each part an actor
 * of its own: "the UN sanctions ... under Resolution 2087" and "UN Security
 * Council Resolution 2087". The source's actor is one the claim names; an
 * actor of the claim written inside that name is held by it as a nested
 * name is (a name merely containing another, "the US-Japan-South Korea
 * summit" and "Japan", says nothing of the part unless the claim names
 * the whole too). */
static void split_name(region *r, size_t k) {
    const claim *cl = r->cl;
    long whole = (long)CODE_VALUE(r->w[k].code);
    int named = 0;
    for (size_t x = 0; x < cl->n_actor_items && !named; x++)
        named = cl->items[cl->actor_items[x]].actor == whole;
    if (!named) return;
    for (size_t x = 0; x < cl->n_actor_items; x++) {
        size_t i = cl->actor_items[x];
        const claim_item *it = &cl->items[i];
        if (it->actor == whole || it->demonym || it->standin) continue;
        if (written_inside(r, it->tok, it->tok_last, k) &&
            better(r, i, W_NESTED, k, r->match[i], r->weight[i]))
            take(r, i, k, W_NESTED, 1);
    }
}

static void match_items(region *r) {
    const claim *cl = r->cl;
    const fact_list *facts = &r->aw->facts;
    for (size_t i = 0; i < cl->n; i++)
        r->match[i] = -1;
    for (size_t k = 0; k < r->n; k++) {
        sword *s = &r->w[k];
        if (s->code == CODE_NONE || s->code == CODE_INSIDE) continue;
        if (CODE_WORD(s->code)) {
            const claim_term *ct = claim_lookup(cl, s->code);
            if (!ct) continue;
            s->term = 1;
            r->termed[r->n_termed++] = k;
            const claim_item *it = &cl->items[ct->item];
            if (it->name && ct->rel > REL_SAME) continue; /* names only as written */
            double w = ct->strength / 1000.0;
            if (better(r, ct->item, w, k, r->match[ct->item], r->weight[ct->item]))
                take(r, ct->item, k, w, ct->rel <= REL_SAME);
        } else if ((s->code & CODE_TAG) == CODE_ACTOR) {
            for (size_t x = 0; x < cl->n_actor_items; x++) {
                size_t i = cl->actor_items[x];
                double w = actor_holds(r->cl, r->c, (long)CODE_VALUE(s->code), cl->items[i].actor);
                if (w > 0 && better(r, i, w, k, r->match[i], r->weight[i])) take(r, i, k, w, 1);
            }
            split_name(r, k);
            /* a name of the claim that is one word of the actor's: "Renan" and
             * "Renan Anselmo Avalos Silva" */
            for (size_t e = k; e < r->n && (e == k || r->w[e].code == CODE_INSIDE); e++)
                for (size_t x = 0; x < cl->n_name_items; x++) {
                    size_t i = cl->name_items[x];
                    if (same_word(&cl->t, cl->items[i].tok, r->t, r->w[e].tok) &&
                        better(r, i, 1.0, k, r->match[i], r->weight[i]))
                        take(r, i, k, 1.0, 1);
                }
        } else {
            const fact *sf = &facts->v[CODE_VALUE(s->code)];
            for (size_t x = 0; x < cl->n_fact_items; x++) {
                size_t i = cl->fact_items[x];
                if (fact_covers(sf, &cl->facts.v[cl->items[i].fact]) &&
                    better(r, i, 1.0, k, r->match[i], r->weight[i]))
                    take(r, i, k, 1.0, 1);
            }
        }
    }
}

/* A word of the claim left without a match may still have a related word
 * of the region no item has taken: the claim's term table keeps one item
 * per source term, the most closely related, and that item may have taken
 * a better word elsewhere ("stage joint search-and-rescue drills" against
 * "naval exercises": "exercises" was offered to another word only). */
static void second_choice(region *r) {
    const claim *cl = r->cl;
    for (size_t i = 0; i < cl->n; i++) {
        const claim_item *it = &cl->items[i];
        if (it->kind != CI_WORD || it->name || r->match[i] != -1 || !it->rel.n) continue;
        /* a term no item relates to is in no item's set: the table said so */
        for (size_t t = 0; t < r->n_termed; t++) {
            size_t k = r->termed[t];
            const sword *s = &r->w[k];
            if (s->item >= 0) continue;
            const related_term *rt = related_find(&it->rel, s->code);
            if (!rt || rt->rel == REL_ANTONYM) continue;
            double w = RELATED_STRENGTH(rt);
            if (better(r, i, w, k, r->match[i], r->weight[i])) take(r, i, k, w, 0);
        }
    }
}

/* A word of the claim held in a sentence beside the passage by a word
 * denied on one side only, while the passage itself has a word for it (its
 * own term or a relation) said as the claim says it: the passage's word is
 * the match. The neighbour's denial is of another thing said with the same
 * word ("the refuge held food and water": the passage's "contains food,
 * water and oxygen", beside "could not hold 33 persons"), not the claim
 * turned around. A word another item holds is not taken. */
static void prefer_passage_as_claimed(region *r) {
    const claim *cl = r->cl;
    for (size_t i = 0; i < cl->n; i++) {
        const claim_item *it = &cl->items[i];
        int k = r->match[i];
        if (it->kind != CI_WORD || it->name || k < 0 || r->w[k].main) continue;
        int side = denied_one_side(it, r->w[k].neg, r->w[k].clause_negative);
        if (!side) continue;
        int best = -1;
        double bw = 0;
        for (size_t t = 0; t < r->n_termed; t++) {
            size_t q = r->termed[t];
            const sword *s = &r->w[q];
            int denies = (s->neg & NEG_STRONG) || s->clause_negative;
            if (!s->main || s->item >= 0 || denies != (side == 1)) continue;
            double w = 0;
            if (it->term >= 0 && s->code == (uint32_t)it->term) {
                w = 1.0;
            } else {
                const related_term *rt = related_find(&it->rel, s->code);
                if (rt && rt->rel != REL_ANTONYM) w = RELATED_STRENGTH(rt);
            }
            if (w > bw) best = (int)q, bw = w;
        }
        if (best >= 0) take(r, i, (size_t)best, bw, r->w[best].code == (uint32_t)it->term);
    }
}

/* A common word of the claim that is a word of an actor's name in the
 * region ("the cosmodrome" and "the Vostochny Cosmodrom", "the ministry"
 * and "the Ministry of Foreign Affairs"): a name's words are no terms of
 * their own, so the two are compared by their stems (the same first
 * letters first: most words are no such pair at a glance). A name's word
 * may also be related to the claim's as another word is ("negotiations"
 * and "the Six Party Talks"): its stem's term, when the corpus has it
 * elsewhere, is looked up in the claim word's relations. */
#define NAME_WORD_MIN 4

/* Whether article word k (CODE_ACTOR or CODE_INSIDE) is a word of an
 * event's name: what an event is called says what it was ("the Six Party
 * Talks" are negotiations), a person's, a state's or a body's need not
 * ("the Associated Press", "the United States"). A fact's words are no
 * actor's. */
static int in_event_name(const dossier_corpus *c, const uint32_t *codes, size_t k) {
    while (k > 0 && codes[k] == CODE_INSIDE)
        k--;
    return (codes[k] & CODE_TAG) == CODE_ACTOR &&
           c->actors[CODE_VALUE(codes[k])].kind == DOSSIER_EVENT;
}

void word_marks(const dossier_corpus *c, const article_words *aw, uint8_t *marks) {
    const token_list *t = &aw->t;
    uint32_t firsts = uncertainty_firsts();
    for (size_t k = 0; k < t->n; k++) {
        size_t len = may_start_uncertainty(t, k, firsts) ? uncertainty_at(t, k, t->n) : 0;
        unsigned m = len < WM_UNCERTAIN ? (unsigned)len : WM_UNCERTAIN;
        if (k + 1 < t->n && t->tok[k + 1].start == t->tok[k].end + 1 &&
            related_particle(t->folded + t->tok[k + 1].fstart, t->tok[k + 1].flen))
            m |= WM_PARTICLE;
        if (in_event_name(c, aw->codes, k)) m |= WM_EVENT;
        marks[k] = (uint8_t)m;
    }
    /* possible_at of each word in its passage, asked of every word an item
     * is held by; SEEN while the passages are gone through */
    const unsigned SEEN = 0x80u;
    for (size_t q = 0; q < aw->n_passages; q++)
        for (size_t k = aw->word_first[q]; k < aw->word_end[q] && k < t->n; k++) {
            if (marks[k] & SEEN) {
                marks[k] = (uint8_t)((marks[k] & ~WM_POSSIBLE) | WM_UNSURE);
                continue;
            }
            size_t b = aw->word_first[q];
            marks[k] |= (uint8_t)(SEEN | (possible_at(t, aw->flags + b, b, k) ? WM_POSSIBLE : 0));
        }
    for (size_t k = 0; k < t->n; k++)
        marks[k] &= (uint8_t)~SEEN;
}

/* Whether claim item it may be held through its relation rt by a word of
 * an event's name: a synonym of a word that is no verb (a name is no
 * deed). */
static int event_name_holds(const claim_item *it, const related_term *rt) {
    return rt && rt->rel == REL_SYNONYM && !it->verb;
}

/* The stem and term region word k, a word of a name, would have as a word
 * of its own (term -1: none in the index), worked out once a region: the
 * same name word is asked of every claim word. */
#define NAME_STEM_MAX 128
typedef struct {
    long term; /* -2: not worked out yet */
    size_t n;  /* the stem's length; 0: none, or too long to keep */
    char stem[NAME_STEM_MAX];
} name_stem;

/* The term article word `tok` would have as a word of its own, or -1; its
 * stem into stem[0, *n). */
static long name_word_term(const region *r, size_t tok, char *stem, size_t cap, size_t *n) {
    const token *st = &r->t->tok[tok];
    long term;
    *n = word_stem(r->c->index, r->t->folded + st->fstart, st->flen, stem, cap, &term);
    return *n ? term : -1;
}

static const name_stem *name_word_stem(const region *r, size_t x, name_stem *memo) {
    name_stem *m = &memo[x];
    if (m->term == -2)
        m->term = name_word_term(r, r->w[r->named[x]].tok, m->stem, sizeof m->stem, &m->n);
    return m;
}

/* A word of a name words_in_names may compare: its first NAME_WORD_MIN
 * bytes, and whether it is of an event's name in the passage itself. */
typedef struct {
    size_t x; /* index into named */
    uint32_t head;
    unsigned char event;
} name_word;

static dossier_status words_in_names(region *r) {
    const claim *cl = r->cl;
    name_stem *memo = NULL;
    name_word *cand = NULL;
    size_t n_cand = 0;
    dossier_status s = DOSSIER_OK;
    for (size_t i = 0; i < cl->n; i++) {
        const claim_item *it = &cl->items[i];
        if (it->kind != CI_WORD || it->name) continue;
        /* a relation in a name of the passage itself may better a match the
         * sentences beside it made */
        int unmatched = r->match[i] == -1;
        int related = it->rel.n && (unmatched || !r->w[r->match[i]].main);
        if (!unmatched && !related) continue;
        const token *ct = &cl->t.tok[it->tok];
        const char *cw = cl->t.folded + ct->fstart;
        if (ct->flen < NAME_WORD_MIN) continue;
        if (!cand) { /* the region's name words long enough, read once */
            if (!(cand = malloc((r->n_named ? r->n_named : 1) * sizeof *cand))) {
                s = DOSSIER_ERR_NOMEM;
                break;
            }
            for (size_t x = 0; x < r->n_named; x++) {
                const sword *w = &r->w[r->named[x]];
                const token *st = &r->t->tok[w->tok];
                if (st->flen < NAME_WORD_MIN) continue;
                name_word *c = &cand[n_cand++];
                c->x = x;
                memcpy(&c->head, r->t->folded + st->fstart, NAME_WORD_MIN);
                c->event = w->main && (r->aw->marks[w->tok] & WM_EVENT);
            }
        }
        uint32_t head;
        memcpy(&head, cw, NAME_WORD_MIN);
        char want[NAME_STEM_MAX];
        size_t wn = (size_t)-1; /* the claim word's stem: worked out when first needed */
        for (size_t y = 0; y < n_cand; y++) {
            int prefix = unmatched && cand[y].head == head;
            int event = related && cand[y].event;
            if (!prefix && !event) continue;
            size_t x = cand[y].x, k = r->named[x];
            if (!memo) {
                if (!(memo = malloc(r->n_named * sizeof *memo))) {
                    s = DOSSIER_ERR_NOMEM;
                    goto done;
                }
                for (size_t z = 0; z < r->n_named; z++)
                    memo[z].term = -2;
            }
            long wterm;
            if (wn == (size_t)-1)
                wn = word_stem(r->c->index, cw, ct->flen, want, sizeof want, &wterm);
            if (!wn) break; /* a stop word */
            const name_stem *got = name_word_stem(r, x, memo);
            if (prefix && got->n == wn && memcmp(want, got->stem, wn) == 0) {
                if (better(r, i, 1.0, k, r->match[i], r->weight[i])) take(r, i, k, 1.0, 1);
                continue;
            }
            if (!event) continue;
            const related_term *rt =
                got->term >= 0 ? related_find(&it->rel, (uint32_t)got->term) : NULL;
            if (!event_name_holds(it, rt)) continue;
            double w = RELATED_STRENGTH(rt);
            if (better(r, i, w, k, r->match[i], r->weight[i])) take(r, i, k, w, 0);
        }
    }
done:
    free(cand);
    free(memo);
    return s;
}

/* ------------------------------------------------------------ uncertainty */

/* The article word that holds an expression of uncertainty starting at
 * article word k (its first word with a term: "up in the air" by "air"),
 * its words [k, end) in one passage; -1 for none. */
static long uncertainty_word(const article_words *aw, size_t k, size_t end) {
    const token_list *t = &aw->t;
    const uint32_t *codes = aw->codes;
    size_t len = aw->marks[k] & WM_UNCERTAIN;
    /* one that ends before `end` is the one uncertainty_at finds there: the
     * expressions before it in the list are not at k whatever the end */
    if (len == WM_UNCERTAIN || k + len > end) len = uncertainty_at(t, k, end);
    for (size_t x = k; x < k + len; x++)
        if (CODE_WORD(codes[x])) return (long)x;
    return -1;
}

/* A word of the claim's expression of uncertainty held by another
 * expression of it in the region ("unclear" by "it remains to be seen if"):
 * each says the same, that what follows is not known. At a lexicon
 * synonym's strength, and only where the word has no match as close. */
static void uncertainty_held(region *r) {
    const claim *cl = r->cl;
    if (!cl->n_uncertain) return;
    for (size_t b = 0, end; b < r->n; b = end) { /* passage by passage */
        for (end = b; end < r->n && r->w[end].passage == r->w[b].passage; end++)
            ;
        size_t last = r->w[end - 1].tok + 1;
        for (size_t k = b; k < end; k++) {
            long at = uncertainty_word(r->aw, r->w[k].tok, last);
            if (at < 0) continue;
            size_t held = k + (size_t)(at - (long)r->w[k].tok);
            for (size_t i = 0; i < cl->n; i++)
                if (cl->items[i].uncertain &&
                    better(r, i, LEX_W_SYNONYM, held, r->match[i], r->weight[i]))
                    take(r, i, held, LEX_W_SYNONYM, 0);
        }
    }
}

/* Whether passage range [lo, hi) of the region's article names an actor
 * that holds `actor` (actor_holds). */
static int names_actor(const region *r, size_t lo, size_t hi, long actor) {
    const article_words *aw = r->aw;
    const uint32_t *codes = aw->codes;
    for (size_t q = lo; q < hi; q++) {
        size_t b, e;
        region_passage_words(r, q, &b, &e);
        if (q >= aw->first_passage && q - aw->first_passage < aw->n_passages) {
            /* the passage's actor words only */
            for (size_t j = aw->passage_actors[q - aw->first_passage];
                 j < aw->n_actor_words && aw->actor_words[j] < e; j++)
                if (actor_holds(r->cl, r->c, (long)CODE_VALUE(codes[aw->actor_words[j]]), actor) >
                    0)
                    return 1;
            continue;
        }
        for (size_t i = b; i < e; i++)
            if ((codes[i] & CODE_TAG) == CODE_ACTOR &&
                actor_holds(r->cl, r->c, (long)CODE_VALUE(codes[i]), actor) > 0)
                return 1;
    }
    return 0;
}

/* A person's pronoun points back to the person named nearest before it:
 * "“... not in vain,” he told Pinera" after a paragraph on Luis Urzua.
 * Searched back this many sentences from the pronoun's, in its article. */
#define PRONOUN_REACH 4
static const char *const person_pronouns[] = {"he", "she", "his", "her", "him", NULL};

/* The person actor named nearest before word i of passage q (in q or the
 * PRONOUN_REACH sentences before it), or -1. */
static long person_before(const region *r, size_t q, size_t i) {
    const uint32_t *codes = r->aw->codes;
    const dossier_corpus *c = r->c;
    for (size_t back = 0; back <= PRONOUN_REACH && back <= q; back++) {
        size_t p = q - back, b, e;
        if (c->passages[p].article != c->passages[q].article) break;
        region_passage_words(r, p, &b, &e);
        for (size_t k = back ? e : i; k-- > b;) {
            if ((codes[k] & CODE_TAG) != CODE_ACTOR) continue;
            long a = (long)CODE_VALUE(codes[k]);
            if (c->actors[a].kind == DOSSIER_PERSON) return a;
        }
    }
    return -1;
}

/* Whether a person pronoun of passages [lo, hi) points back to a person
 * who holds `actor`. */
static int pronoun_names(const region *r, size_t lo, size_t hi, long actor) {
    if (r->c->actors[actor].kind != DOSSIER_PERSON) return 0;
    for (size_t q = lo; q < hi; q++) {
        size_t b, e;
        region_passage_words(r, q, &b, &e);
        for (size_t i = b; i < e; i++) {
            /* two or three letters, an h or an s first (he, she, his, her,
             * him): most words are no pronoun at a glance */
            const token *k = &r->aw->t.tok[i];
            char f0 = r->aw->t.folded[k->fstart];
            if (k->flen < 2 || k->flen > 3 || (f0 != 'h' && f0 != 's') ||
                !in_list(&r->aw->t, i, person_pronouns))
                continue;
            long a = person_before(r, q, i);
            if (a >= 0 && actor_holds(r->cl, r->c, a, actor) > 0) return 1;
        }
    }
    return 0;
}

/* An event of the claim named by the words of its name: "the Kim-Putin
 * summit" in "the summit between Kim Jong-un and Putin". Every word of the
 * claim's name for it that is no stop word is a word of the region. */
static int event_in_words(const region *r, const claim_item *it) {
    if (r->c->actors[it->actor].kind != DOSSIER_EVENT) return 0;
    size_t words = 0;
    for (size_t i = it->tok; i <= it->tok_last; i++) {
        if (r->cl->lists[i] & LIST_STOP) continue; /* is_stop, looked up once */
        int found = 0;
        for (size_t k = 0; k < r->n && !found; k++)
            found = same_word(&r->cl->t, i, r->t, r->w[k].tok);
        if (!found) return 0;
        words++;
    }
    return words >= 2;
}

/* A claim's actor or fact the region lacks, and no conflict took, may be
 * said nearby: a sentence leans on the ones before it ("They would also
 * like ..." after one naming North Korea; "On Tuesday" a sentence earlier)
 * and on its article (its title, its authors, its date). Held, weighing
 * less the further off it is: the paragraph or the two sentences before
 * W_CONTEXT, the article W_ARTICLE. */
static void context_items(region *r) {
    const claim *cl = r->cl;
    const dossier_corpus *c = r->c;
    size_t lo = r->para_first, hi = r->para_end;
    for (size_t k = 0; k < CONTEXT_SENTENCES && lo > 0 &&
                       c->passages[lo - 1].article == c->passages[r->p].article && r->p - lo < 2;
         k++)
        lo--;
    for (size_t i = 0; i < cl->n; i++) {
        const claim_item *it = &cl->items[i];
        if (r->match[i] != -1 || r->conflicted[i]) continue;
        double w = 0;
        if (it->kind == CI_ACTOR) {
            if (event_in_words(r, it) || names_actor(r, lo, hi, it->actor) ||
                pronoun_names(r, lo, hi, it->actor))
                w = W_CONTEXT;
            else if (article_meta_names(r->aw, it->actor))
                w = W_ARTICLE;
        } else if (it->kind == CI_FACT) {
            const fact *want = &cl->facts.v[it->fact];
            int main = 0;
            if (paragraph_fact(r, want, lo, hi))
                w = W_CONTEXT;
            else if (relative_year(r, want, lo, hi, &main)) {
                /* said in other words, held as nearby (most_held allows it) */
                r->match[i] = main ? HELD_BY_ARTICLE : HELD_NEARBY;
                r->weight[i] = W_CONTEXT;
                r->exact[i] = 1;
                continue;
            } else if (r->aw->published.kind == FACT_DATE && fact_covers(&r->aw->published, want))
                w = W_ARTICLE;
        }
        if (w > 0) {
            r->match[i] = w == W_ARTICLE ? HELD_BY_ARTICLE : HELD_NEARBY;
            r->weight[i] = w;
            r->exact[i] = 1;
        }
    }
}

/* The compass point word i names, 1 + its index in compass_points (east
 * and eastern alike; northeast, northeastern), or 0. */
static const char *const compass_points[] = {
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", NULL};
static size_t compass_point(const token_list *t, size_t i) {
    const token *k = &t->tok[i];
    const char *w = t->folded + k->fstart;
    size_t n = k->flen;
    if (n > 3 && memcmp(w + n - 3, "ern", 3) == 0) n -= 3;
    for (size_t p = 0; compass_points[p]; p++)
        if (strlen(compass_points[p]) == n && memcmp(compass_points[p], w, n) == 0) return p + 1;
    return 0;
}

/* A region of a country the claim names as that country's ("Russia's Far
 * East"), held by the region naming the country with the same compass
 * point ("eastern Russia", "Russia's east"): the source places it in that
 * part of the country. The claim's place must be written with the point
 * and follow its country right away, so the place is the country's part,
 * not a place merely near a country the claim names. */
static void country_parts(region *r) {
    const claim *cl = r->cl;
    for (size_t x = 0; x < cl->n_actor_items; x++) {
        size_t i = cl->actor_items[x];
        const claim_item *it = &cl->items[i];
        if (r->match[i] != -1 || r->conflicted[i] || r->c->actors[it->actor].kind != DOSSIER_PLACE)
            continue;
        size_t point = 0;
        for (size_t t = it->tok; t <= it->tok_last && !point; t++)
            point = compass_point(&cl->t, t);
        if (!point) continue;
        long country = -1;
        for (size_t y = 0; y < cl->n_actor_items && country < 0; y++) {
            const claim_item *ci = &cl->items[cl->actor_items[y]];
            size_t gap = it->tok - ci->tok_last;
            if (ci->tok_last < it->tok && r->c->actors[ci->actor].kind == DOSSIER_STATE &&
                (gap == 1 || (gap == 2 && word_is(&cl->t, ci->tok_last + 1, "s"))))
                country = ci->actor;
        }
        if (country < 0) continue;
        for (size_t k = 0; k < r->n; k++) {
            const sword *s = &r->w[k];
            if ((s->code & CODE_TAG) != CODE_ACTOR ||
                actor_holds(r->cl, r->c, (long)CODE_VALUE(s->code), country) <= 0)
                continue;
            size_t e = k + 1; /* the name's end */
            while (e < r->n && r->w[e].code == CODE_INSIDE)
                e++;
            /* "eastern Russia"; "Russia's east" */
            int before = k > 0 && r->w[k - 1].passage == s->passage &&
                         r->w[k - 1].tok + 1 == s->tok &&
                         compass_point(r->t, r->w[k - 1].tok) == point;
            int after = e + 1 < r->n && r->w[e + 1].passage == s->passage &&
                        word_is(r->t, r->w[e].tok, "s") &&
                        compass_point(r->t, r->w[e + 1].tok) == point;
            if (before || after) {
                take(r, i, k, W_NESTED, 0);
                break;
            }
        }
    }
}

/* Whether the name at claim words [a, b] is the family name of an author of
 * article ai: "Araujo argues that ..." is held by Araujo's own article. */
static int author_named(const region *r, size_t a, size_t b) {
    const dossier_article *art = &r->c->articles[r->article];
    const token_list *t = &r->cl->t;
    for (size_t n = 0; n < art->n_authors; n++) {
        const char *fam = art->authors[n].family;
        size_t fl = fam ? strlen(fam) : 0;
        if (!fl) continue;
        for (size_t i = a; i <= b && i < t->n; i++) {
            const token *k = &t->tok[i];
            if (k->end - k->start == fl && strncasecmp(r->cl->text + k->start, fam, fl) == 0)
                return 1;
        }
    }
    return 0;
}

/* A name of the claim the passage lacks that is its article's author's:
 * held, by the article. */
static int author_holds_at(const region *r, const claim_item *it) {
    const dossier_corpus *c = r->c;
    size_t a = it->tok, b = it->tok_last;
    if (it->kind == CI_ACTOR) {
        /* the actor's own name, whatever the claim calls it */
        const char *name = c->actors[it->actor].name, *sp = strrchr(name, ' ');
        const char *last = sp ? sp + 1 : name;
        const dossier_article *art = &c->articles[r->article];
        for (size_t n = 0; n < art->n_authors; n++)
            if (art->authors[n].family && *art->authors[n].family &&
                strcasecmp(art->authors[n].family, last) == 0)
                return 1;
    }
    return author_named(r, a, b);
}

/* Asked of every item of every region: its quick answer inlined */
static inline int author_holds(const region *r, const claim_item *it) {
    return r->c->articles[r->article].n_authors &&
           (it->kind == CI_ACTOR || (it->kind == CI_WORD && it->name)) && author_holds_at(r, it);
}

static void author_names(region *r) {
    const claim *cl = r->cl;
    for (size_t i = 0; i < cl->n; i++) {
        if (r->match[i] != -1 || !author_holds(r, &cl->items[i])) continue;
        r->match[i] = HELD_BY_ARTICLE;
        r->weight[i] = 1;
        r->exact[i] = 1;
    }
}

/* ------------------------------------------------------------ slots */

/* Claim word i and region word k stand for the same thing: the same folded
 * word, or a claim item over i aligned to k. */
static inline int equivalent(const region *r, size_t i, size_t k) {
    if (same_word(&r->cl->t, i, r->t, r->w[k].tok)) return 1;
    int item = r->w[k].item;
    if (item < 0) return 0;
    const claim_item *it = &r->cl->items[item];
    return i >= it->tok && i <= it->tok_last;
}

/* Claim word i and region word k as an anchor: 2 for content (an aligned
 * item, or the same word that is no stop word), 1 for the same stop word,
 * 0 for none. */

static int anchor_strength(const region *r, size_t i, size_t k) {
    unsigned lists = r->cl->lists[i];
    /* verbs of saying mark the speaker's slot alike: "Frank said", "Frank told" */
    if ((lists & LIST_SPEECH) && in_list(r->t, r->w[k].tok, speech_words)) return 2;
    if (!equivalent(r, i, k)) return 0;
    if (!(lists & LIST_STOP) || (lists & LIST_SPEECH)) return 2;
    return 1;
}

/* The title given after a name, "Catherine Lathrop, as Atacama's regional
 * prosecutor" (with "as" or after a comma), is the title a source gives
 * before one, "Regional Atacama prosecutor Hector Mella": two of its
 * content words within ANCHOR_WINDOW + 2 words after the claim's name among
 * the ANCHOR_WINDOW words before the source's, in any order. */
static int title_across(const region *r, size_t b, size_t c) {
    const token_list *ct = &r->cl->t;
    if (b + 2 >= ct->n) return 0;
    size_t from = b + 1, gap_a = ct->tok[b].end, gap_b = ct->tok[b + 1].start;
    int comma = memchr(r->cl->text + gap_a, ',', gap_b - gap_a) != NULL;
    if (word_is(ct, from, "as"))
        from++;
    else if (!comma)
        return 0;
    int shared = 0;
    for (size_t i = from; i < ct->n && i < from + ANCHOR_WINDOW + 2; i++) {
        if (i > from &&
            memchr(r->cl->text + ct->tok[i - 1].end, ',', ct->tok[i].start - ct->tok[i - 1].end))
            break;                                 /* the apposition ends at its comma */
        if (r->cl->lists[i] & LIST_STOP) continue; /* is_stop, looked up once */
        for (size_t y = 1; y <= ANCHOR_WINDOW && y <= c; y++) {
            size_t k = c - y;
            if (r->w[k].passage != r->w[c].passage) break;
            if (equivalent(r, i, k)) {
                shared++;
                break;
            }
        }
    }
    return shared >= 2;
}

/* How surely claim words [a, b] and region words [c, d] stand in the same
 * slot, 0 when not: on one side, a content word the same on both at about
 * the same distance (one word off at most) within ANCHOR_WINDOW words,
 * nearer being surer; or the two words next to both the same two ("of the
 * _"). A lone "the" anchors nothing. */
static int anchored(const region *r, size_t a, size_t b, size_t c, size_t d) {
    const token_list *ct = &r->cl->t;
    int best = 0;
    for (int side = 0; side < 2; side++) {
        int run = 0, broken = 0;
        for (size_t x = 1; x <= ANCHOR_WINDOW; x++) {
            if (side ? b + x >= ct->n : a < x) break;
            size_t i = side ? b + x : a - x;
            /* a content word may stand one word off ("Golborne has warned", "the
             * North's" / "North Korea's"); a run of stop words only in step */
            size_t ylo = x > 1 ? x - 1 : 1, yhi = x + 1;
            for (size_t y = ylo; y <= yhi && y <= ANCHOR_WINDOW; y++) {
                if (side ? d + y >= r->n : c < y) break;
                size_t k = side ? d + y : c - y;
                if (r->w[k].passage != r->w[side ? d : c].passage) break;
                int st = anchor_strength(r, i, k);
                if (st == 2) {
                    int sure = (int)(2 * ANCHOR_WINDOW + 2 - x - y);
                    if (sure > best) best = sure;
                } else if (st == 1 && x == y && !broken) {
                    run++;
                }
                if (x == y && st == 0) broken = 1;
            }
        }
        if (run >= 2 && best < 1) best = 1;
    }
    if (!best && title_across(r, b, c)) best = 1;
    /* "in _" on both sides: a place's or a date's slot */
    if (!best && a > 0 && c > 0 && r->w[c - 1].passage == r->w[c].passage &&
        (r->cl->lists[a - 1] & LIST_PLACE) && equivalent(r, a - 1, c - 1))
        best = 1;
    return best;
}

/* One actor's name is the start of the other's: the United Nations and the
 * United Nations Security Council are a body and its part, no two bodies. */
static int nested_names(const dossier_corpus *c, long a, long b) {
    const char *x = c->actors[a].name, *y = c->actors[b].name;
    size_t nx = strlen(x), ny = strlen(y), n = nx < ny ? nx : ny;
    if (strncasecmp(x, y, n) != 0) return 0;
    const char *longer = nx < ny ? y : x;
    return longer[n] == ' ' || longer[n] == '\0';
}

static int kind_family(dossier_kind k) {
    return k == DOSSIER_STATE || k == DOSSIER_PLACE ? DOSSIER_PLACE : (int)k;
}

/* Word tok of t follows a preposition that may introduce a place, "the"
 * skipped: "in Moscow", "of the University of Vienna". */
static int after_place_prep(const token_list *t, size_t tok) {
    static const char *const preps[] = {"in",   "at",      "near", "from", "to",
                                        "into", "outside", "of",   NULL};
    size_t j = tok;
    while (j > 0 && word_is(t, j - 1, "the"))
        j--;
    return j > 0 && in_list(t, j - 1, preps);
}

/* A place, not a person or body: an actor of kind place or state, or a name
 * after a preposition of place. */
static int place_like(const region *r, size_t tok, long actor) {
    if (actor >= 0) return kind_family(r->c->actors[actor].kind) == DOSSIER_PLACE;
    return after_place_prep(&r->cl->t, tok);
}

/* Word tok of t follows a preposition of place, "the" skipped: "in Moscow". */
static int place_slot(const token_list *t, size_t tok) {
    static const char *const preps[] = {"in", "at", "near", "from", "into", "outside", NULL};
    size_t j = tok;
    while (j > 0 && word_is(t, j - 1, "the"))
        j--;
    return j > 0 && in_list(t, j - 1, preps);
}

/* place_like for region word k (an actor's id, or -1). */
static int place_like_source(const region *r, size_t k, long actor) {
    if (actor >= 0) return kind_family(r->c->actors[actor].kind) == DOSSIER_PLACE;
    return after_place_prep(r->t, r->w[k].tok);
}

static int push_conflict(alignment *out, size_t *cap, const conflict *k) {
    if (!grow((void **)&out->conflicts, cap, out->n_conflicts + 1, sizeof *out->conflicts))
        return 0;
    out->conflicts[out->n_conflicts++] = *k;
    return 1;
}

/* The source words [c, d] of the region as bytes of the article file, and a
 * few words before them for context. */
static void source_span(const region *r, size_t c, size_t d, conflict *k) {
    const token_list *t = r->t;
    k->at.source_start = t->tok[r->w[c].tok].start + r->body_start;
    k->at.source_end = t->tok[r->w[d].tok].end + r->body_start;
    size_t b = c;
    while (b > 0 && c - b < CONTEXT_BEFORE && r->w[b - 1].passage == r->w[c].passage)
        b--;
    k->context_start = t->tok[r->w[b].tok].start + r->body_start;
    k->context_end = k->at.source_end;
}

/* Records a conflict of `kind` between claim item i (its words) and region
 * words [k, e]. 0 when out of memory. */
static int item_conflict(region *r, alignment *out, size_t *cap, conflict_kind kind, size_t i,
                         size_t k, size_t e) {
    const claim_item *it = &r->cl->items[i];
    conflict c = {0};
    c.kind = kind;
    c.at.claim_start = it->start;
    c.at.claim_end = it->end;
    source_span(r, k, e, &c);
    c.item = i;
    if (!push_conflict(out, cap, &c)) return 0;
    r->conflicted[i] = 1;
    return 1;
}

/* The region words [k, *last] that one actor or fact or a run of names covers. */
static size_t extent(const region *r, size_t k) {
    size_t e = k;
    while (e + 1 < r->n && r->w[e + 1].code == CODE_INSIDE &&
           r->w[e + 1].passage == r->w[k].passage)
        e++;
    if (r->w[k].name)
        while (e + 1 < r->n && r->w[e + 1].name && r->w[e + 1].item < 0 &&
               r->w[e + 1].passage == r->w[k].passage)
            e++;
    return e;
}

static const char *const time_bounds[] = {"before", "until", "till", "unless", NULL};
static const char *const time_units[] = {
    "minute", "minutes", "hour",   "hours", "day",   "days",   "night",   "nights", "week",
    "weeks",  "month",   "months", "year",  "years", "decade", "decades", NULL};
#define ANOTHER_SPAN 4 /* words from "another" to its unit: "another three to eight days" */

/* A time bound at word i of t: before, until, till, unless, or "another"
 * with a span of time after it ("for another three to eight days"); not
 * "another lawsuit", which is one more of a kind. */
static int time_bound_at(const token_list *t, size_t i) {
    if (in_list(t, i, time_bounds)) return 1;
    if (!word_is(t, i, "another")) return 0;
    for (size_t j = i + 1; j < t->n && j <= i + ANOTHER_SPAN; j++)
        if (in_list(t, j, time_units)) return 1;
    return 0;
}

/* A time bound within 4 words of claim item i or of its aligned region
 * word k. */
static int near_time_bound(const region *r, size_t i, size_t k) {
    const claim *cl = r->cl;
    size_t t = cl->items[i].tok;
    for (size_t j = t > 4 ? t - 4 : 0; j < cl->t.n && j <= t + 4; j++)
        if (time_bound_at(&cl->t, j)) return 1;
    for (size_t j = k > 4 ? k - 4 : 0; j < r->n && j <= k + 4; j++)
        if (r->w[j].passage == r->w[k].passage && time_bound_at(r->t, r->w[j].tok)) return 1;
    return 0;
}

/* Region words [k, e] are a speaker: a verb of saying within SPEAKER_WINDOW
 * words after them ("Miller threatened by saying"), their affiliation
 * skipped ("Rüdiger Frank of the University of Vienna told"), or before
 * them ("notes Mr. Roy"), in their sentence. */
#define SPEAKER_WINDOW 3
static int speaker_at(const region *r, size_t k, size_t e) {
    static const char *const saying[] = {"said",     "says",   "told",   "tells",  "notes",
                                         "noted",    "wrote",  "writes", "warned", "warns",
                                         "argued",   "argues", "added",  "saying", "threatened",
                                         "stressed", "stated", NULL};
    static const char *const of[] = {"of", "at", "from", NULL};
    size_t q0 = e + 1;
    if (q0 < r->n && r->w[q0].passage == r->w[k].passage && in_list(r->t, r->w[q0].tok, of)) {
        size_t j = q0 + 1;
        if (j < r->n && word_is(r->t, r->w[j].tok, "the")) j++;
        if (j < r->n && r->w[j].passage == r->w[k].passage &&
            ((r->w[j].code & CODE_TAG) == CODE_ACTOR || r->w[j].name))
            q0 = extent(r, j) + 1;
    }
    for (size_t q = q0; q < r->n && q < q0 + SPEAKER_WINDOW; q++) {
        if (r->w[q].passage != r->w[k].passage) break;
        if (in_list(r->t, r->w[q].tok, saying)) return 1;
    }
    for (size_t q = k; q > 0 && k - q < SPEAKER_WINDOW;) {
        q--;
        if (r->w[q].passage != r->w[k].passage) break;
        if (in_list(r->t, r->w[q].tok, saying)) return 1;
    }
    return 0;
}

/* Claim item i and region word k are each within NEAR_WINDOW words of the
 * two sides of one aligned pair in the passage itself: an opposite said of
 * the same thing in other words ("Mario Gomez, 63, was the youngest" and
 * "The oldest, Mario Gomez, 63"; "his family accepted Morales's offer" and
 * "to offer Mamani and his family a flight home, but they declined"). */
#define NEAR_WINDOW 6
static int near_aligned(const region *r, size_t i, size_t k) {
    const claim *cl = r->cl;
    if (!r->w[k].main) return 0;
    size_t ti = cl->items[i].tok;
    for (size_t j = 0; j < cl->n; j++) {
        int m = r->match[j];
        if (j == i || m < 0 || !r->w[m].main || cl->items[j].kind == CI_FACT) continue;
        size_t tj = cl->items[j].tok, q = (size_t)m;
        if ((tj > ti ? tj - ti : ti - tj) > NEAR_WINDOW) continue;
        if ((q > k ? q - k : k - q) <= NEAR_WINDOW && r->w[q].passage == r->w[k].passage) return 1;
    }
    return 0;
}

/* Item i may stand in a slot with another value: the region lacks it, or
 * holds it only in a neighbour (not a fact: those are values, not roles). */
static int slot_open(const region *r, size_t i) {
    return r->match[i] == -1 ||
           (r->match[i] >= 0 && !r->w[r->match[i]].main && r->cl->items[i].kind != CI_FACT);
}

/* The claim's words [a, b] and the region's [c, d] share a word that is no
 * stop word: the same name written two ways, not two names. */
static int shares_word(const region *r, size_t a, size_t b, size_t c, size_t d) {
    for (size_t i = a; i <= b; i++) {
        if (r->cl->lists[i] & LIST_STOP) continue; /* is_stop, looked up once */
        for (size_t k = c; k <= d; k++)
            if (same_word(&r->cl->t, i, r->t, r->w[k].tok)) return 1;
    }
    return 0;
}

/* Words that place an event after or before the time of writing: "its
 * next meeting in 2024" and "which last met in 2019" are two meetings. */
static const char *const future_words[] = {"next", "upcoming", "future", "will", "shall", NULL};
static const char *const past_words[] = {"last", "previous", "previously", "earlier",
                                         "ago",  "former",   NULL};

/* A word of list within CUE_WINDOW words of token i of t, in its clause
 * (words b..e with flags f[i - b]). */
static int clause_has(const token_list *t, const uint8_t *f, size_t b, size_t e, size_t i,
                      const char *const *list) {
    for (size_t j = i, n = 0; j > b && n < CUE_WINDOW && !(f[j - b] & WF_BREAK); n++)
        if (in_list(t, --j, list)) return 1;
    for (size_t j = i + 1, n = 0; j < e && n < CUE_WINDOW && !(f[j - b] & WF_BREAK); j++, n++)
        if (in_list(t, j, list)) return 1;
    return 0;
}

/* Source fact sf is the fact at region word m said again in brackets right
 * after it, in another currency or unit ("$US500,000 ($559,000)", "624m
 * (2,047ft)"): no other value. */
static int restated(const region *r, size_t m, const fact *sf) {
    if ((r->w[m].code & CODE_TAG) != CODE_FACT) return 0;
    const fact *mf = &r->aw->facts.v[CODE_VALUE(r->w[m].code)];
    if (sf->start <= mf->end) return 0;
    size_t k = mf->end;
    while (k < sf->start && r->body[k] == ' ')
        k++;
    return k + 1 == sf->start && r->body[k] == '(';
}

/* The claim's fact at token a and the source's at region word k are told
 * as before and after: one future, the other past. */
static int other_occasion(const region *r, size_t a, size_t k) {
    const claim *cl = r->cl;
    size_t pb, pe, tok = r->w[k].tok;
    region_passage_words(r, r->w[k].passage, &pb, &pe);
    const uint8_t *sf = r->aw->flags + pb;
    int cf = clause_has(&cl->t, cl->flags, 0, cl->t.n, a, future_words),
        cp = clause_has(&cl->t, cl->flags, 0, cl->t.n, a, past_words),
        sfu = clause_has(r->t, sf, pb, pe, tok, future_words),
        spa = clause_has(r->t, sf, pb, pe, tok, past_words);
    return (cf && !cp && spa && !sfu) || (cp && !cf && sfu && !spa);
}

/* Another word the claim denies (a cue turns it around), that the source
 * denies too, or says in a denying clause: "not one of the men had become
 * famous" is held by "none of the miners had achieved fame". A word merely
 * in the claim's denying clause is not enough: "voiced no concern about
 * military contacts" is no denial held by a "should not" elsewhere. */
static int denial_held(const region *r, size_t i) {
    const claim *cl = r->cl;
    for (size_t j = 0; j < cl->n; j++) {
        int k = r->match[j];
        if (j == i || k < 0 || cl->items[j].kind != CI_WORD || !cl->items[j].negated) continue;
        if ((r->w[k].neg & NEG_STRONG) || r->w[k].clause_negative) return 1;
    }
    return 0;
}

/* Whether the region holds a claim item of some weight other than item i:
 * a denial or an opposite read across a passage that shares nothing else
 * with the claim is about something else ("None of this is new" and "a new
 * stance on Taiwan"). */
static int held_besides(const region *r, size_t i) {
    for (size_t j = 0; j < r->cl->n; j++)
        if (j != i && r->match[j] != -1 && r->weight[j] > 0 && r->cl->items[j].weight > 0) return 1;
    return 0;
}

/* The claim's antonym that article word k and the particle after it (before
 * the passage's end) say as one verb WordNet has: "shot up" is shoot_up,
 * "rise dramatically", and opposes "fell" as "rose" would. What the phrase
 * relates to besides the verb alone counts (its definition's words too),
 * not the verb's own relations (shoot: fire, weapon). */
static dossier_status phrase_antonym_of(const region *r, size_t k, const claim_term **ct) {
    const token *a = &r->t->tok[k], *b = &r->t->tok[k + 1];
    related_set ph, own;
    if (related_phrase(r->c, r->t->folded + a->fstart, a->flen, r->t->folded + b->fstart, b->flen,
                       &ph) != DOSSIER_OK ||
        related_terms(r->c, r->t->folded + a->fstart, a->flen, &own) != DOSSIER_OK)
        return DOSSIER_ERR_NOMEM;
    for (size_t j = 0; j < ph.n && !*ct; j++)
        if (ph.v[j].rel != REL_ANTONYM && !related_find(&own, ph.v[j].term))
            *ct = claim_antonym(r->cl, ph.v[j].term);
    return DOSSIER_OK;
}

/* Most words have no particle after them (word_marks): inlined where it is
 * asked about every word. */
static inline dossier_status phrase_antonym(const region *r, size_t k, size_t end,
                                            const claim_term **ct) {
    *ct = NULL;
    if (k + 1 >= end || !(r->aw->marks[k] & WM_PARTICLE)) return DOSSIER_OK;
    return phrase_antonym_of(r, k, ct);
}

/* phrase_antonym of region word k, its particle the region's next word */
static inline dossier_status region_phrase_antonym(const region *r, size_t k,
                                                   const claim_term **ct) {
    const sword *s = &r->w[k];
    *ct = NULL;
    if (!(r->aw->marks[s->tok] & WM_PARTICLE) || k + 1 >= r->n || r->w[k + 1].tok != s->tok + 1 ||
        r->w[k + 1].passage != s->passage)
        return DOSSIER_OK;
    return phrase_antonym(r, s->tok, s->tok + 2, ct);
}

/* Claim item j, held by region word k, is followed by "to" and a verb on
 * both sides, a strong cue between on one side only ("decided not to
 * line", "decided to reinforce"), and the claim's verb there (item *i) is
 * not the passage's; *end is the passage's verb. */
static int infinitive_denied(const region *r, size_t j, size_t k, size_t *i, size_t *end) {
    static const char *const nots[] = {"not", "never", NULL};
    const claim *cl = r->cl;
    const token_list *ct = &cl->t, *st = r->t;
    size_t c = cl->items[j].tok_last + 1, q = k + 1;
    size_t p = r->w[k].passage;
#define S_AT(x) ((x) < r->n && r->w[x].passage == p)
    /* "decided not to", or "decided to not" */
    int claim_cue = c + 1 < ct->n && in_list(ct, c, nots);
    if (claim_cue) c++;
    if (c + 1 >= ct->n || !word_is(ct, c, "to")) return 0;
    if (!claim_cue && c + 2 < ct->n && in_list(ct, c + 1, nots)) claim_cue = 1, c++;
    int source_cue = S_AT(q + 1) && in_list(st, r->w[q].tok, nots);
    if (source_cue) q++;
    if (!S_AT(q + 1) || !word_is(st, r->w[q].tok, "to")) return 0;
    if (!source_cue && S_AT(q + 2) && in_list(st, r->w[q + 1].tok, nots)) source_cue = 1, q++;
#undef S_AT
    if (claim_cue == source_cue) return 0;
    for (size_t x = 0; x < cl->n; x++)
        if (cl->items[x].kind == CI_WORD && cl->items[x].tok == c + 1) {
            if (r->match[x] == (int)q + 1) return 0; /* the same verb: the negation above */
            *i = x, *end = q + 1;
            return 1;
        }
    return 0;
}

/* Where the phrase of claim token tok starts, a "the" before it taken in
 * ("by the Kremlin"): the word before that is the preposition that gives an
 * actor its role. */
static size_t word_before_article(const token_list *t, size_t tok) {
    while (tok > 0 && word_is(t, tok - 1, "the"))
        tok--;
    return tok;
}

/* Adverbs that say a thing was done by its own maker, none other:
 * "indigenously developed" against "built by Russia". */
static const char *const self_made[] = {"indigenously", "domestically", "independently", NULL};

/* Claim item i, an actor after "by" (the doer) right after an item the
 * passage itself holds at word *k, which an adverb of self_made comes right
 * before. */
static int doer_denied(const region *r, size_t i, size_t *k) {
    const claim *cl = r->cl;
    const claim_item *it = &cl->items[i];
    if (it->kind != CI_ACTOR) return 0;
    size_t p = word_before_article(&cl->t, it->tok);
    if (p < 2 || !word_is(&cl->t, p - 1, "by")) return 0;
    for (size_t j = 0; j < cl->n; j++) {
        int m = r->match[j];
        if (j == i || cl->items[j].tok_last + 2 != p || m <= 0 || !r->w[m].main) continue;
        if (r->w[m - 1].passage != r->w[m].passage || !in_list(r->t, r->w[m - 1].tok, self_made))
            return 0;
        *k = (size_t)m - 1;
        return 1;
    }
    return 0;
}

/* Prepositions that give an actor its role in what is done: to whom, from
 * whom, by whom, against whom. */
static const char *const role_preps[] = {"to", "from", "by", "against", NULL};
#define ROLE_PHRASE 6 /* the words of the source's role phrase looked at for the claim's actor */

/* Word i of t is the "s" of a possessive ("Moscow's"). */
static int possessive(const token_list *t, size_t i) {
    return t->tok[i].soft_before && word_is(t, i, "s");
}

/* Claim item i, an actor after a preposition of role (the word before it,
 * "the" skipped) right after another item the passage itself holds, and the
 * passage's word after that one is the same preposition, followed by
 * another actor of the same kind (*k, its first word), none of whose phrase
 * (to the clause's end) is the claim's actor. */
static int role_swapped_at(const region *r, size_t i, size_t *k) {
    const claim *cl = r->cl;
    const claim_item *it = &cl->items[i];
    size_t p = word_before_article(&cl->t, it->tok);
    if (p < 2 || !in_list(&cl->t, p - 1, role_preps)) return 0;
    if (it->tok_last + 1 < cl->t.n && possessive(&cl->t, it->tok_last + 1)) return 0;
    size_t prep = p - 1;
    for (size_t j = 0; j < cl->n; j++) {
        const claim_item *gv = &cl->items[j];
        int m = r->match[j];
        if (j == i || gv->tok_last + 1 != prep || m < 0 || !r->w[m].main) continue;
        size_t e = extent(r, (size_t)m), q = e + 1;
        if (q >= r->n || r->w[q].passage != r->w[m].passage ||
            !same_word(&cl->t, prep, r->t, r->w[q].tok))
            return 0;
        size_t s = q + 1;
        while (s < r->n && r->w[s].passage == r->w[q].passage && word_is(r->t, r->w[s].tok, "the"))
            s++;
        if (s >= r->n || r->w[s].passage != r->w[q].passage ||
            (r->w[s].code & CODE_TAG) != CODE_ACTOR || (r->w[s].code & CODE_DEMONYM) ||
            r->w[s].item == (int)i)
            return 0;
        long a = (long)CODE_VALUE(r->w[s].code);
        /* "in response to Moscow's invasion": the filler is the invasion */
        size_t se = extent(r, s);
        if (se + 1 < r->n && r->w[se + 1].passage == r->w[s].passage &&
            possessive(r->t, r->w[se + 1].tok))
            return 0;
        if (a == it->actor || nested_names(r->c, it->actor, a) ||
            kind_family(r->c->actors[a].kind) != kind_family(r->c->actors[it->actor].kind))
            return 0;
        /* "to Russia and North Korea": the claim's actor among the fillers */
        for (size_t x = s + 1; x < r->n && x <= s + ROLE_PHRASE; x++) {
            if (r->w[x].passage != r->w[s].passage || (r->aw->flags[r->w[x].tok] & WF_BREAK)) break;
            if (r->w[x].item == (int)i || ((r->w[x].code & CODE_TAG) == CODE_ACTOR &&
                                           (long)CODE_VALUE(r->w[x].code) == it->actor))
                return 0;
        }
        *k = s;
        return 1;
    }
    return 0;
}

/* Only an actor (no demonym) may be: asked of every item, inlined */
static inline int role_swapped(const region *r, size_t i, size_t *k) {
    const claim_item *it = &r->cl->items[i];
    return it->kind == CI_ACTOR && !it->demonym && role_swapped_at(r, i, k);
}

static dossier_status find_conflicts(region *r, alignment *out) {
    const claim *cl = r->cl;
    const fact_list *facts = &r->aw->facts;
    size_t cap = 0, n_fill = 0;
    /* the passage's words that may fill a slot (a fact, an actor, a name),
     * in order: the slots below look at these only, not at every word of
     * the region; then the region words already in a conflict */
    size_t fill_s[REGION_STACK_WORDS + REGION_STACK_WORDS / sizeof(size_t) + 1];
    size_t *fill =
        r->n <= REGION_STACK_WORDS ? fill_s : malloc((r->n ? r->n : 1) * (sizeof *fill + 1));
    if (!fill) return DOSSIER_ERR_NOMEM;
    unsigned char *taken = (unsigned char *)(fill + (r->n ? r->n : 1));
    memset(taken, 0, r->n ? r->n : 1);
    for (size_t k = 0; k < r->n; k++) {
        const sword *s = &r->w[k];
        if (s->main && s->code != CODE_INSIDE &&
            ((s->code & CODE_TAG) == CODE_FACT || (s->code & CODE_TAG) == CODE_ACTOR || s->name))
            fill[n_fill++] = k;
    }
    for (size_t i = 0; i < cl->n; i++) {
        const claim_item *it = &cl->items[i];
        int slot = it->kind == CI_FACT || it->kind == CI_ACTOR || (it->kind == CI_WORD && it->name);
        /* an actor or name the passage holds only in a neighbour may still
         * have another in its own slot: "Klingner said X. Frank said Y." */
        int only_beside = r->match[i] >= 0 && !r->w[r->match[i]].main && it->kind != CI_FACT;
        /* a value the passage says elsewhere may still have another in the
         * claim's slot: "joined the 2013 sanctions ... talks started in 2015"
         * against "talks started in 2013"; and a capital named as a place
         * ("in Moscow") is the city, not held by the state's other names */
        int elsewhere_only =
            r->match[i] >= 0 && r->w[r->match[i]].main &&
            ((it->kind == CI_FACT && !anchored(r, it->tok, it->tok_last, (size_t)r->match[i],
                                               extent(r, (size_t)r->match[i]))) ||
             (it->kind == CI_ACTOR && it->standin && place_slot(&cl->t, it->tok) &&
              !same_word(&cl->t, it->tok, r->t, r->w[r->match[i]].tok)) ||
             /* a place the claim puts what happened in ("a mass in Santiago's
              * cathedral") that the passage names only as a landmark ("in
              * Copiapo, 800 kilometres north of Santiago"): its own slot may
              * hold another */
             (it->kind == CI_ACTOR && kind_family(r->c->actors[it->actor].kind) == DOSSIER_PLACE &&
              place_slot(&cl->t, it->tok) && !place_slot(r->t, r->w[r->match[i]].tok)));
        if ((r->match[i] != -1 && !only_beside && !elsewhere_only) || !slot) continue;
        /* a run of unmatched names in the claim is one slot */
        size_t a = it->tok, b = it->tok_last;
        if (it->kind == CI_WORD) {
            if (i > 0 && cl->items[i - 1].kind == CI_WORD && cl->items[i - 1].name &&
                slot_open(r, i - 1) && cl->items[i - 1].tok + 1 == it->tok)
                continue; /* handled with the run's first name */
            for (size_t j = i + 1; j < cl->n && cl->items[j].kind == CI_WORD && cl->items[j].name &&
                                   slot_open(r, j) && cl->items[j].tok == b + 1;
                 j++)
                b = cl->items[j].tok_last;
        }
        if (it->kind == CI_ACTOR && it->demonym) continue; /* "Russian" is no role's filler */
        int best = -1, best_anchor = 0;
        int claim_place =
            it->kind != CI_FACT && place_like(r, a, it->kind == CI_ACTOR ? it->actor : -1);
        for (size_t x = 0; x < n_fill; x++) {
            size_t k = fill[x];
            const sword *s = &r->w[k];
            /* the other value stands in the passage itself */
            if (s->item >= 0 || taken[k]) continue;
            int ok = 0;
            int is_fact = (s->code & CODE_TAG) == CODE_FACT,
                is_actor = (s->code & CODE_TAG) == CODE_ACTOR;
            if (it->kind == CI_FACT ? !is_fact : !(is_actor || s->name)) continue; /* cheap first */
            size_t e = extent(r, k);
            int anchor = anchored(r, a, b, k, e);
            if (it->kind == CI_FACT) {
                const fact *cf = &cl->facts.v[it->fact], *sf = &facts->v[CODE_VALUE(s->code)];
                if (r->match[i] >= 0 && restated(r, (size_t)r->match[i], sf)) continue;
                fact_relation rel = fact_compare(cf, sf);
                int same_precision = cf->kind != FACT_DATE ||
                                     ((!cf->day == !sf->day) && (!cf->month == !sf->month) &&
                                      (!cf->year == !sf->year));
                /* a prediction in the source, a report in the claim */
                size_t pb, pe;
                region_passage_words(r, s->passage, &pb, &pe);
                if (hedged(r->t, r->aw->flags + pb, pb, s->tok) && !hedged(&cl->t, cl->flags, 0, a))
                    continue;
                if (cf->kind == FACT_DATE && other_occasion(r, a, k)) continue;
                if (rel == FACT_CONFLICT)
                    ok = anchor || (cf->kind == FACT_DATE && same_precision) || cf->unit[0] ||
                         (cf->kind != FACT_NUMBER && cf->kind != FACT_DATE);
                else if (rel == FACT_UNRELATED && cf->kind == FACT_NUMBER &&
                         sf->kind == FACT_NUMBER && !(cf->unit[0] && sf->unit[0]))
                    ok = anchor && fabs(cf->value - sf->value) > 1e-9; /* two units: two things */
            } else {
                int s_actor = (s->code & CODE_TAG) == CODE_ACTOR;
                if (!s_actor && !s->name) continue;
                if (!s_actor && k > 0 && r->w[k - 1].name && r->w[k - 1].passage == s->passage)
                    continue; /* a run of names is one filler, from its first */
                if (s_actor && (s->code & CODE_DEMONYM)) continue;
                /* a title before a name is the name's, no filler of its own
                 * ("Russian President Vladimir Putin") */
                if (!s_actor && e + 1 < r->n && (r->w[e + 1].code & CODE_TAG) == CODE_ACTOR &&
                    r->w[e + 1].passage == s->passage)
                    continue;
                /* a name written two ways ("foreign ministry" / "Foreign Affairs"); two
                 * actors of the gazetteer are two, whatever words they share */
                if (!(s_actor && it->kind == CI_ACTOR) && shares_word(r, a, b, k, e)) continue;
                if (it->kind == CI_ACTOR && s_actor &&
                    kind_family(r->c->actors[it->actor].kind) !=
                        kind_family(r->c->actors[CODE_VALUE(s->code)].kind))
                    continue;
                /* a place's slot holds a place: not "at the Cosmodrome" and "met
                 * with President"; and a country holds its places, so a state
                 * and a place are no two answers ("in Russia", "at the
                 * Cosmodrome") */
                long s_id = s_actor ? (long)CODE_VALUE(s->code) : -1;
                /* a name the gazetteer does not know is read by its
                 * preposition, and the source's filler then alike ("a fellow
                 * at the Brookings Institution" / "at the Heritage Foundation") */
                if (claim_place != place_like_source(r, k, it->kind == CI_ACTOR ? s_id : -1))
                    continue;
                /* two places in one role: both after a preposition ("in
                 * Vladivostok", "at the Cosmodrome") or neither; "the San José
                 * mine lies" is no "north-west of the town of Copiapó" */
                if (claim_place && after_place_prep(&cl->t, a) != after_place_prep(r->t, s->tok))
                    continue;
                if (claim_place &&
                    (it->kind == CI_ACTOR && r->c->actors[it->actor].kind == DOSSIER_STATE) !=
                        (s_id >= 0 && r->c->actors[s_id].kind == DOSSIER_STATE))
                    continue;
                if (s_actor && it->kind == CI_ACTOR &&
                    (CODE_VALUE(s->code) == (uint32_t)it->actor ||
                     nested_names(r->c, it->actor, (long)CODE_VALUE(s->code))))
                    continue;
                /* a name the claim has elsewhere is no other name */
                int elsewhere = 0;
                for (size_t j = 0; j < cl->n && !elsewhere; j++)
                    elsewhere = (s_actor && cl->items[j].kind == CI_ACTOR &&
                                 (uint32_t)cl->items[j].actor == CODE_VALUE(s->code)) ||
                                (!s_actor && cl->items[j].kind == CI_WORD &&
                                 same_word(&cl->t, cl->items[j].tok, r->t, s->tok));
                ok = anchor && !elsewhere;
            }
            if (elsewhere_only && (!anchor || (it->kind == CI_FACT && !is_fact))) ok = 0;
            if (!ok) continue;
            /* the surest anchored one first, then the passage itself */
            int rank = anchor * 2 + s->main;
            if (best < 0 || rank > best_anchor) best = (int)k, best_anchor = rank;
        }
        if (best < 0) continue;
        size_t e = extent(r, (size_t)best);
        for (size_t k = (size_t)best; k <= e; k++)
            taken[k] = 1;
        conflict k = {0};
        if (it->kind == CI_FACT)
            k.kind = cl->facts.v[it->fact].kind == FACT_DATE ? CONFLICT_DATE : CONFLICT_NUMBER;
        else
            k.kind = claim_place ? CONFLICT_PLACE : CONFLICT_ACTOR;
        k.at.claim_start = cl->t.tok[a].start;
        k.at.claim_end = it->kind == CI_WORD ? cl->t.tok[b].end : it->end;
        if (it->kind != CI_WORD) k.at.claim_start = it->start;
        source_span(r, (size_t)best, e, &k);
        if ((r->w[best].code & CODE_TAG) == CODE_FACT) {
            const fact *sf = &facts->v[CODE_VALUE(r->w[best].code)];
            k.at.source_start = sf->start + r->body_start;
            k.at.source_end = sf->end + r->body_start;
            if (k.context_end < k.at.source_end) k.context_end = k.at.source_end;
        }
        k.item = i;
        if (!push_conflict(out, &cap, &k)) goto nomem;
        r->conflicted[i] = 1;
        if (elsewhere_only) { /* not held after all: the slot says otherwise */
            if (r->w[r->match[i]].item == (int)i) r->w[r->match[i]].item = -1;
            r->match[i] = -1;
        }
        for (size_t j = i + 1; j < cl->n && it->kind == CI_WORD; j++)
            if (cl->items[j].tok <= b && cl->items[j].tok >= a) r->conflicted[j] = 1;
    }
    /* the wrong person said it: the claim's speaker (a person of its
     * attribution) is not in the region, and the passage's own speaker (a
     * person next to a verb of saying: "notes Mr. Roy", "Miller threatened
     * by saying") is another */
    for (size_t i = 0; i < cl->n; i++) {
        const claim_item *it = &cl->items[i];
        if (it->kind != CI_ACTOR || !it->frame || r->match[i] != -1 || r->conflicted[i] ||
            r->c->actors[it->actor].kind != DOSSIER_PERSON)
            continue;
        for (size_t x = 0; x < n_fill; x++) {
            size_t k = fill[x];
            const sword *s = &r->w[k];
            if (s->item >= 0 || taken[k] || (s->code & CODE_TAG) != CODE_ACTOR) continue;
            long a = (long)CODE_VALUE(s->code);
            if (r->c->actors[a].kind != DOSSIER_PERSON || nested_names(r->c, it->actor, a))
                continue;
            size_t e = extent(r, k);
            if (!speaker_at(r, k, e)) continue;
            for (size_t q = k; q <= e; q++)
                taken[q] = 1;
            if (!item_conflict(r, out, &cap, CONFLICT_ACTOR, i, k, e)) goto nomem;
            break;
        }
    }
    /* the same role, another actor: the claim's actor after a preposition
     * of role ("to", "from", "by", "against") right after a word the
     * passage holds, and the passage's own actor after the same preposition
     * right after that word is another ("shipping arms to North Korea" /
     * "transporting weapons to Russia", the two swapped); or the claim's
     * doer ("built by Russia") where the passage says the thing was made by
     * its own ("indigenously developed") */
    for (size_t i = 0; i < cl->n; i++) {
        size_t k;
        if (!r->conflicted[i] && role_swapped(r, i, &k)) {
            for (size_t q = k; q <= extent(r, k); q++)
                taken[q] = 1;
            if (!item_conflict(r, out, &cap, CONFLICT_ACTOR, i, k, extent(r, k))) goto nomem;
        } else if (!r->conflicted[i] && doer_denied(r, i, &k)) {
            if (!item_conflict(r, out, &cap, CONFLICT_ACTOR, i, k, k + 1)) goto nomem;
        }
    }
    /* negation: the same word negated on one side only, strongly, its
     * clause on the other side affirmative ("committed no crime" and "had
     * not committed" agree; "still uses" and "has not been using" do not) */
    for (size_t i = 0; i < cl->n; i++) {
        const claim_item *it = &cl->items[i];
        int k = r->match[i];
        /* the same word or a close relation (agree / agreement, weapons /
         * armaments), in the passage or the sentence beside it that holds it */
        if (k < 0 || it->kind != CI_WORD || r->weight[i] < NEGATION_MIN_WEIGHT) continue;
        const sword *w = &r->w[k];
        int claim_denies = (it->negated & NEG_STRONG) && !w->neg && !w->clause_negative;
        int source_denies = (w->neg & NEG_STRONG) && !it->negated && !it->clause_negative;
        if (!claim_denies && !source_denies) continue;
        if (!held_besides(r, i)) continue;
        /* the claim's denial held at another of its denied words: "not one of
         * the men had become famous" and "the men were approached ... but
         * none of the miners had achieved fame" */
        if (claim_denies && denial_held(r, i)) continue;
        /* "could not start for days" is "days before it can begin": a time
         * bound turns a negation into a delay */
        if (near_time_bound(r, i, (size_t)k)) continue;
        conflict c = {0};
        c.kind = CONFLICT_NEGATION;
        /* the claim's cue and word, the source's */
        size_t a = it->tok;
        while (a > 0 && !(cl->flags[a] & WF_CUE_STRONG) && it->tok - a < 4 && claim_denies)
            a--;
        c.at.claim_start =
            cl->t.tok[claim_denies && (cl->flags[a] & WF_CUE_STRONG) ? a : it->tok].start;
        c.at.claim_end = it->end;
        size_t q = (size_t)k;
        while (q > 0 && !r->w[q].cue && (size_t)k - q < 4 && source_denies &&
               r->w[q - 1].passage == w->passage)
            q--;
        source_span(r, source_denies && r->w[q].cue ? q : (size_t)k, (size_t)k, &c);
        c.item = i;
        if (!push_conflict(out, &cap, &c)) goto nomem;
        r->conflicted[i] = 1;
        break; /* one says it */
    }
    /* a denied infinitive after a word both hold, affirmed on the other
     * side with another verb: "decided not to line the shaft" and "has
     * decided to reinforce the shaft" (the infinitive the claim denies is
     * not the passage's, so the negation above never meets it) */
    for (size_t j = 0; j < cl->n; j++) {
        size_t i, end;
        int k = r->match[j];
        if (k < 0 || !r->w[k].main || cl->items[j].kind != CI_WORD || r->conflicted[j] ||
            r->weight[j] < NEGATION_MIN_WEIGHT || !infinitive_denied(r, j, (size_t)k, &i, &end) ||
            r->conflicted[i] || !held_besides(r, i))
            continue;
        if (!item_conflict(r, out, &cap, CONFLICT_NEGATION, i, (size_t)k, end)) goto nomem;
        break; /* one says it */
    }
    /* a word denied on one side only that is no conflict (aligned too
     * loosely to read a negation across, go back / return at 0.6; in a
     * passage that shares nothing else; beside the one conflict) is not
     * held: "would never go back to the talks" is not said by "is ready to
     * return to the talks", though neither is it surely gainsaid */
    for (size_t i = 0; i < cl->n; i++) {
        const claim_item *it = &cl->items[i];
        int k = r->match[i];
        if (k < 0 || it->kind != CI_WORD || r->conflicted[i]) continue;
        const sword *w = &r->w[k];
        int denied = denied_one_side(it, w->neg, w->clause_negative);
        if (!denied) continue;
        if ((denied == 1 && denial_held(r, i)) || near_time_bound(r, i, (size_t)k)) continue;
        if (r->w[k].item == (int)i) r->w[k].item = -1;
        r->match[i] = -1;
        r->weight[i] = 0;
        r->exact[i] = 0;
    }
    /* antonyms: the opposite word in the same slot, with the same polarity
     * (none without an antonym in the claim's table) */
    for (size_t k = 0; cl->n_antonyms && k < r->n; k++) {
        const sword *s = &r->w[k];
        if (s->item >= 0 || taken[k] || !CODE_WORD(s->code) || s->code == CODE_NONE) continue;
        const claim_term *ct = claim_antonym(cl, s->code);
        size_t last = k;
        if (!ct && cl->n_antonyms) {
            if (region_phrase_antonym(r, k, &ct) != DOSSIER_OK) goto nomem;
            if (ct) last = k + 1;
        }
        if (!ct || r->conflicted[ct->item]) continue;
        size_t i = ct->item;
        const claim_item *it = &cl->items[i];
        if (r->match[i] >= 0 && r->exact[i]) continue; /* it says the word too */
        if ((it->negated & NEG_STRONG) != (s->neg & NEG_STRONG)) continue; /* "did not accept" */
        if (!anchored(r, it->tok, it->tok_last, k, k) && !near_aligned(r, i, k)) continue;
        if (!held_besides(r, i)) continue;
        taken[k] = 1;
        if (!item_conflict(r, out, &cap, CONFLICT_ANTONYM, i, k, last)) goto nomem;
    }
    if (fill != fill_s) free(fill); /* and taken */
    return DOSSIER_OK;
nomem:
    if (fill != fill_s) free(fill);
    return DOSSIER_ERR_NOMEM;
}

/* ------------------------------------------------------------ features */

/* A gloss word (a word of the claim word's WordNet definition) that holds a
 * word of the report's predicate counts there as much as it says: "states"
 * in treaty's "an agreement between two states", "country" in abroad's "in
 * a foreign country" are common words of many definitions and hold what
 * happened only loosely. Its strength times GLOSS_COMMON_SHARE plus the
 * rest times how light the source word is in general English
 * (related_general, 0.15 to 1): half to all of it. Only in cov_predicate as
 * it stands: the gates and the contradiction's resolved features weigh the
 * match as before. */
#define GLOSS_COMMON_SHARE 0.5
#define GLOSS_LEAST (GLOSS_COMMON_SHARE + (1 - GLOSS_COMMON_SHARE) * 0.15)
enum { BOUND_LEAST = 1, BOUND_MOST };

static double predicate_share(const region *r, size_t i) {
    const claim_item *it = &r->cl->items[i];
    int k = r->match[i];
    if (it->kind != CI_WORD || it->frame || r->exact[i] || r->bounding == BOUND_MOST) return 1;
    if (r->bounding == BOUND_LEAST) return GLOSS_LEAST; /* whichever word holds it */
    if (k < 0) return 1;
    const sword *s = &r->w[k];
    const claim_term *own = claim_lookup(r->cl, s->code);
    int rel = own && own->item == i ? own->rel : -1;
    if (rel < 0) {
        const related_term *rt = related_find(&it->rel, s->code);
        rel = rt ? rt->rel : -1;
    }
    if (rel != REL_GLOSS) return 1;
    const token *st = &r->t->tok[s->tok];
    double g = related_general(r->c, r->t->folded + st->fstart, st->flen);
    return GLOSS_COMMON_SHARE + (1 - GLOSS_COMMON_SHARE) * g;
}

static void features(const region *r, int resolved, double *f) {
    const claim *cl = r->cl;
    /* the sums of the items' weights are the claim's (claim_make), summed
     * in the same order */
    double total = cl->total_weight, wt = cl->word_weight, at = cl->actor_weight;
    double vt = cl->verb_weight, ct = cl->content_weight;
    double got = 0, wgot = 0, agot = 0, mgot = 0, exact = 0, miss_max = 0, vmiss = 0, cgot = 0;
    double cmgot = 0, pt = cl->predicate_weight, pgot = 0;
    size_t unmatched = 0, names = 0, facts = 0;
    for (size_t i = 0; i < cl->n; i++) {
        const claim_item *it = &cl->items[i];
        double w = r->weight[i];
        int held = r->match[i] != -1 && w > 0;
        int main = (r->match[i] >= 0 && r->w[r->match[i]].main) || r->match[i] == HELD_BY_ARTICLE;
        if (resolved && r->conflicted[i] && it->kind != CI_WORD) {
            w = 1, held = 1, main = 1; /* the slot holds another value */
        } else if (resolved && r->conflicted[i] && it->name) {
            w = 1, held = 1, main = 1;
        } else if (resolved && r->conflicted[i] && !held) {
            w = 1, held = 1, main = 1; /* an antonym stands where the word would */
        }
        double d = it->weight;
        if (held && !it->frame) cgot += d * w;
        if (held && it->predicate) pgot += d * w * (resolved ? 1 : predicate_share(r, i));
        if (held && !it->frame && main) cmgot += d * w;
        if (held) {
            got += d * w;
            if (main) mgot += d * w;
            if (r->exact[i] || (resolved && r->conflicted[i])) exact += d;
        } else {
            unmatched++;
            if (d > miss_max) miss_max = d;
            if (it->kind == CI_WORD && it->name) names++;
            if (it->kind == CI_FACT && !it->soft) facts++;
        }
        if (it->verb && !it->frame && !held)
            vmiss += d; /* the report's verbs: "said" is the frame's */
        if (it->kind == CI_WORD) {
            if (held) wgot += d * w;
        } else if (it->kind == CI_ACTOR) {
            if (held) agot += d;
        }
    }
    f[F_cov] = total > 0 ? got / total : 0;
    f[F_cov_words] = wt > 0 ? wgot / wt : 0;
    f[F_cov_actors] = at > 0 ? agot / at : 1;
    f[F_cov_main] = total > 0 ? mgot / total : 0;
    f[F_cov_content] = ct > 0 ? cgot / ct : 0;
    f[F_cov_main_content] = ct > 0 ? cmgot / ct : 0;
    f[F_exact] = total > 0 ? exact / total : 0;
    f[F_unmatched_max] = cl->max_weight > 0 ? miss_max / cl->max_weight : 0;
    f[F_unmatched] = cl->n ? (double)unmatched / (double)cl->n : 1;
    f[F_names_missing] = names > 2 ? 2 : (double)names;
    f[F_facts_missing] = facts > 2 ? 2 : (double)facts;
    f[F_verbs_missing] = vt > 0 ? vmiss / vt : 0;
    f[F_predicate_missing] = vt > 0 && vmiss >= vt ? 1 : 0;
    /* a report with no predicate found ("Beijing, meanwhile, watches
     * quietly": no verb in use) is all predicate */
    f[F_cov_predicate] = pt > 0 ? pgot / pt : f[F_cov_content];
    f[F_bm25_rel] = 0; /* the caller's */
    /* align_passage's */
    f[F_conflict_fact] = f[F_conflict_name] = f[F_conflict_polarity] = f[F_conflict_antonym] = 0;
    f[F_conflict_share] = 0;
    f[F_possibility] = 0; /* possibility_feature's */
}

/* How much of what the claim reports as done the source states as a
 * possibility, an intention or a wish: the idf-weighted share of the
 * report held (at the strength it is held) by source words with a word of
 * dossier_possibility_words before them. Nothing when the claim says "could" or
 * "plans" itself. Read from the source words the items are held by, not
 * from what is held: align_passage sets it after features(). */
static void possibility_feature(const region *r, double *f) {
    const claim *cl = r->cl;
    double ct = cl->content_weight, poss = 0;
    for (size_t i = 0; i < cl->n && !cl->possible; i++) {
        const claim_item *it = &cl->items[i];
        int k = r->match[i];
        if (k < 0 || it->frame || r->weight[i] <= 0) continue;
        const sword *s = &r->w[k];
        size_t pb, pe;
        region_passage_words(r, s->passage, &pb, &pe);
        uint8_t m = r->aw->marks[s->tok];
        if (m & WM_UNSURE ? possible_at(r->t, r->aw->flags + pb, pb, s->tok)
                          : (m & WM_POSSIBLE) != 0)
            poss += it->weight * r->weight[i];
    }
    f[F_possibility] = ct > 0 ? poss / ct : 0;
}

/* ------------------------------------------------------------ bounds */

/* The bounds of an alignment whose words are matched (match_items,
 * second_choice, words_in_names, author_names done), from features() on
 * the two extreme states the rest can lead to; every feature is monotone
 * in what an item holds, so the finished alignment lies between them.
 * What the rest can do, and each state allows for:
 *   find_conflicts  may take back a fact's or an actor's match (elsewhere
 *                   only), and a word's held by a word denied on one side
 *                   only; may put in conflict an actor, a fact or a name
 *                   (their slot), a word held at NEGATION_MIN_WEIGHT or
 *                   more (a negation), a word whose opposite the region
 *                   has (an antonym): resolved, those count as held, an
 *                   unheld word at 1;
 *   context_items   may hold an actor or a fact no word holds, at
 *                   W_CONTEXT or W_ARTICLE, exactly, by the article (main);
 *   country_parts   may hold a place actor no word holds at W_NESTED, by
 *                   its country's name and a compass word.
 * The least: no actor or fact held but by words that conflicts cannot take
 * back (none, to be sure), no word held by a word denied on one side only,
 * no conflict. The most: every actor and fact held (at the greatest of the
 * context weights and W_NESTED, by the passage), every item that may be in conflict in conflict,
 * its word unheld. A rule added to either function that holds, unholds or
 * conflicts more must be allowed for here (tests/c/test_bounds.c checks
 * every feature lies within the bounds; tests/lua/pruning_spec.lua that
 * the results are those of aligning every candidate). */
#define BOUND_ITEMS_MAX 64 /* a longer claim is aligned in full */

/* The state after the words are matched, kept while the extreme states are
 * tried on the region. */
typedef struct {
    int match[BOUND_ITEMS_MAX];
    double weight[BOUND_ITEMS_MAX];
    unsigned char exact[BOUND_ITEMS_MAX];
    double least[N_FEATURES]; /* the least state's features (bound) */
} matched_state;

static void save_state(const region *r, matched_state *m) {
    size_t n = r->cl->n;
    memcpy(m->match, r->match, n * sizeof *m->match);
    memcpy(m->weight, r->weight, n * sizeof *m->weight);
    memcpy(m->exact, r->exact, n);
}

static void restore_state(region *r, const matched_state *m) {
    size_t n = r->cl->n;
    memcpy(r->match, m->match, n * sizeof *m->match);
    memcpy(r->weight, m->weight, n * sizeof *m->weight);
    memcpy(r->exact, m->exact, n);
    memset(r->conflicted, 0, n);
}

/* The most the rest can hold: every actor and fact (at the greater context
 * weight, by the article, so by the passage), and, with conflicts, every
 * item that may be in conflict in conflict. */
static void most_held(region *r, int conflicts) {
    const claim *cl = r->cl;
    /* what an actor or fact may yet be held by: the context, the article,
     * or a country's part (country_parts, after bound()) */
    double w_context = W_CONTEXT > W_ARTICLE ? W_CONTEXT : W_ARTICLE;
    if (W_NESTED > w_context) w_context = W_NESTED;
    for (size_t i = 0; i < cl->n; i++) {
        const claim_item *it = &cl->items[i];
        if (it->kind != CI_WORD && r->match[i] == -1)
            r->match[i] = HELD_BY_ARTICLE, r->weight[i] = w_context, r->exact[i] = 1;
        if (conflicts)
            r->conflicted[i] = it->kind != CI_WORD || it->name ||
                               (r->match[i] != -1 && r->weight[i] >= NEGATION_MIN_WEIGHT) ||
                               it->infinitive;
    }
    if (conflicts && cl->n_antonyms)
        for (size_t k = 0; k < r->n; k++) {
            const sword *s = &r->w[k];
            if (s->code == CODE_NONE || !CODE_WORD(s->code)) continue;
            const claim_term *ct = claim_antonym(cl, s->code);
            /* out of memory, any item may be in conflict */
            if (!ct && region_phrase_antonym(r, k, &ct) != DOSSIER_OK)
                for (size_t i = 0; i < cl->n; i++)
                    r->conflicted[i] = 1;
            if (ct) r->conflicted[ct->item] = 1;
        }
    /* a word in conflict counts most unheld: resolved, it is then held at 1
     * (find_conflicts may leave it so: a denial on one side, then an
     * antonym) */
    if (conflicts)
        for (size_t i = 0; i < cl->n; i++)
            if (cl->items[i].kind == CI_WORD && r->conflicted[i]) r->match[i] = -1;
}

/* The least: no actor or fact held (conflicts may take back what words
 * hold of them; to be sure, none), no word held by one denied on one side
 * only (find_conflicts may leave it unheld), nothing in conflict. */
static void least_held(region *r) {
    for (size_t i = 0; i < r->cl->n; i++) {
        const claim_item *it = &r->cl->items[i];
        int k = r->match[i];
        if (it->kind != CI_WORD ||
            (k >= 0 && denied_one_side(it, r->w[k].neg, r->w[k].clause_negative)))
            r->match[i] = -1;
    }
}

static void widen(double *lo, double *hi, const double *f) {
    for (size_t j = 0; j < N_FEATURES; j++) {
        if (f[j] < lo[j]) lo[j] = f[j];
        if (f[j] > hi[j]) hi[j] = f[j];
    }
}

/* What align_passage adds to the features: the kinds in conflict, and
 * their share (at most what resolving could add); and the share the
 * source states as a possibility (possibility_feature), from 0 to 1. */
static void conflict_bounds(double *lo, double *hi, double share) {
    static const int kinds[] = {F_conflict_fact, F_conflict_name, F_conflict_polarity,
                                F_conflict_antonym, F_possibility};
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
        lo[kinds[k]] = 0, hi[kinds[k]] = 1;
    lo[F_conflict_share] = 0;
    hi[F_conflict_share] = share > 0 ? share : 0;
}

/* The bounds as it stands (resolved 0) or resolved (1) into b. */
static void bound(region *r, matched_state *m, int resolved, align_bounds *b) {
    double f[N_FEATURES];
    double *lo = resolved ? b->lo_res : b->lo, *hi = resolved ? b->hi_res : b->hi;
    if (!resolved) { /* nothing in conflict: the same resolved */
        least_held(r);
        r->bounding = BOUND_LEAST;
        features(r, 0, m->least);
        restore_state(r, m);
    }
    memcpy(lo, m->least, sizeof f);
    memcpy(hi, m->least, sizeof f);
    most_held(r, resolved);
    r->bounding = BOUND_MOST;
    features(r, resolved, f);
    r->bounding = 0;
    widen(lo, hi, f);
    restore_state(r, m);
    /* resolving adds at most what lies between the least as it stands and
     * the most resolved (1 before that is known) */
    conflict_bounds(lo, hi, (resolved ? hi[F_cov] : 1) - b->lo[F_cov]);
}

/* ------------------------------------------------------------ bounds before matching */

/* Most candidates cannot matter (rank.c), and most of those show it before
 * their words are matched: what the region's words can give each claim
 * item is read from their codes alone, and the bounds made from that are
 * wider than bound()'s after matching, so whatever they rule out bound()
 * would too. Matching gives an item at least the strength of its own table
 * entry (claim_lookup) wherever the region has that term, and nothing takes
 * a word's match back; at most the strongest relation of any term the
 * region has (second_choice offers an item terms of other items' entries),
 * and 1 for a word of an actor's name (match_items' names, words_in_names)
 * or an author's name (author_names). */
typedef struct {
    double lo[BOUND_ITEMS_MAX], hi[BOUND_ITEMS_MAX];
    unsigned char main[BOUND_ITEMS_MAX], exact[BOUND_ITEMS_MAX]; /* of an offer */
    unsigned char opposed[BOUND_ITEMS_MAX]; /* the region has a term of its antonyms */
    unsigned char denied[BOUND_ITEMS_MAX];  /* offered by a word denied on one side only */
} item_offers;

/* Region word k offers item i weight w. */
static inline void offer(const region *r, item_offers *o, size_t i, size_t k, double w, int main,
                         int exact) {
    uint8_t fl = r->aw->flags[k];
    if (w > o->hi[i]) o->hi[i] = w;
    o->main[i] |= (unsigned char)main;
    o->exact[i] |= (unsigned char)exact;
    if (denied_one_side(&r->cl->items[i], neg_marks(fl), (fl & WF_CLAUSE_NEG) != 0))
        o->denied[i] = 1;
}

/* A word's first two folded bytes, as a bit of 64: the claim's words a
 * word of a name may be (the same word, or one of its first NAME_WORD_MIN
 * bytes) begin as it does. */
static uint64_t first_bytes_bit(const token_list *t, size_t i) {
    const token *k = &t->tok[i];
    const unsigned char *f = (const unsigned char *)t->folded + k->fstart;
    unsigned h = k->flen ? f[0] * 31u + (k->flen > 1 ? f[1] : 0) : 0;
    return (uint64_t)1 << (h & 63);
}

/* What region word k, in an actor's name or a fact (CODE_INSIDE,
 * CODE_ACTOR), may give the claim's words (`firsts`: their
 * first_bytes_bit). */
static void name_word_offers(const region *r, size_t k, int main, uint64_t firsts, item_offers *o) {
    const claim *cl = r->cl;
    const token *st = &r->t->tok[k];
    int first = (firsts & first_bytes_bit(r->t, k)) != 0;
    /* what words_in_names asks of the word, asked once */
    int related = main && st->flen >= NAME_WORD_MIN && (r->aw->marks[k] & WM_EVENT);
    if (!first && !related) return;
    long term = -2; /* not looked up yet */
    for (size_t x = 0; x < cl->n_word_items; x++) {
        size_t i = cl->word_items[x];
        const claim_item *it = &cl->items[i];
        const token *ct = &cl->t.tok[it->tok];
        if (first && (it->name ? same_word(&cl->t, it->tok, r->t, k)
                               : ct->flen >= NAME_WORD_MIN && st->flen >= NAME_WORD_MIN &&
                                     memcmp(cl->t.folded + ct->fstart, r->t->folded + st->fstart,
                                            NAME_WORD_MIN) == 0)) {
            offer(r, o, i, k, 1, main, 1);
            continue;
        }
        /* words_in_names' relations */
        if (!related || it->name || !it->rel.n || it->verb || ct->flen < NAME_WORD_MIN) continue;
        if (term == -2) {
            char got[NAME_STEM_MAX];
            size_t gn;
            term = name_word_term(r, k, got, sizeof got, &gn);
        }
        const related_term *rt = term >= 0 ? related_find(&it->rel, (uint32_t)term) : NULL;
        if (event_name_holds(it, rt)) offer(r, o, i, k, RELATED_STRENGTH(rt), main, 0);
    }
}

static void word_offers(const region *r, item_offers *o) {
    const claim *cl = r->cl;
    const uint32_t *codes = r->aw->codes;
    memset(o, 0, sizeof *o);
    uint64_t firsts = 0;
    for (size_t x = 0; x < cl->n_word_items; x++)
        firsts |= first_bytes_bit(&cl->t, cl->items[cl->word_items[x]].tok);
    size_t from, to;
    region_passages(r, &from, &to);
    for (size_t q = from; q < to; q++) {
        size_t b, e;
        region_passage_words(r, q, &b, &e);
        int main = q == r->p;
        for (size_t k = b; k < e; k++) {
            uint32_t code = codes[k];
            if (cl->n_uncertain) { /* uncertainty_held's */
                long at = uncertainty_word(r->aw, k, e);
                for (size_t i = 0; at >= 0 && i < cl->n; i++)
                    if (cl->items[i].uncertain) offer(r, o, i, (size_t)at, LEX_W_SYNONYM, main, 0);
            }
            if (code == CODE_NONE) continue;
            if (!CODE_WORD(code)) {
                if (code == CODE_INSIDE || (code & CODE_TAG) == CODE_ACTOR)
                    name_word_offers(r, k, main, firsts, o);
                if ((code & CODE_TAG) == CODE_ACTOR) /* the same actor: at 1 (actor_holds) */
                    for (size_t x = 0; x < cl->n_actor_items; x++)
                        if (cl->items[cl->actor_items[x]].actor == (long)CODE_VALUE(code))
                            o->hi[cl->actor_items[x]] = 1;
                if ((code & CODE_TAG) == CODE_FACT)
                    for (size_t x = 0; x < cl->n_fact_items; x++)
                        if (fact_covers(&r->aw->facts.v[CODE_VALUE(code)],
                                        &cl->facts.v[cl->items[cl->fact_items[x]].fact]))
                            o->hi[cl->fact_items[x]] = 1;
                continue;
            }
            const claim_term *ct = cl->n_antonyms ? claim_antonym(cl, code) : NULL;
            /* a verb and its particle (phrase_antonym); out of memory, any
             * item may be opposed */
            if (!ct && cl->n_antonyms && phrase_antonym(r, k, e, &ct) != DOSSIER_OK)
                memset(o->opposed, 1, sizeof o->opposed);
            if (ct) o->opposed[ct->item] = 1;
            if (!(ct = claim_lookup(cl, code))) continue;
            if (!(cl->items[ct->item].name && ct->rel > REL_SAME)) {
                double w = ct->strength / 1000.0;
                if (w > o->lo[ct->item]) o->lo[ct->item] = w;
                offer(r, o, ct->item, k, w, main, ct->rel <= REL_SAME);
            }
            /* the other items related to the term, for second_choice */
            uint64_t others = ct->items & ~((uint64_t)1 << ct->item);
            for (size_t i = 0; others && i < cl->n; i++, others >>= 1) {
                const claim_item *it = &cl->items[i];
                if (!(others & 1) || it->kind != CI_WORD || it->name) continue;
                /* the same word twice in the claim: the other's own term
                 * (prefer_passage_as_claimed may take it at 1) */
                if (it->term >= 0 && (uint32_t)it->term == code) {
                    offer(r, o, i, k, 1.0, main, 1);
                    continue;
                }
                if (!it->rel.n) continue;
                const related_term *rt = related_find(&it->rel, code);
                if (rt && rt->rel != REL_ANTONYM) offer(r, o, i, k, RELATED_STRENGTH(rt), main, 0);
            }
        }
    }
    /* an actor or a fact no word holds at 1 is held nearby at most
     * (context_items, or an actor whose name contains it: W_NESTED) */
    const double w_near = W_CONTEXT > W_ARTICLE ? W_CONTEXT : W_ARTICLE;
    for (size_t i = 0; i < cl->n; i++) {
        const claim_item *it = &cl->items[i];
        if (it->kind != CI_WORD && o->hi[i] < 1) o->hi[i] = w_near > W_NESTED ? w_near : W_NESTED;
        if (it->kind != CI_WORD) o->main[i] = o->exact[i] = 1;
        if (o->hi[i] < 1 && author_holds(r, it)) o->hi[i] = o->main[i] = o->exact[i] = 1;
        if (o->denied[i]) o->lo[i] = 0; /* find_conflicts may leave it unheld */
    }
}

/* The region's items as the least (most 0) the offers allow: the least
 * held as it may be, not by the passage, not exactly, nothing in conflict;
 * the most, every actor and fact held, every word it may be, by the
 * passage, exactly, and with conflicts every item that may be in conflict
 * (most_held's) in conflict. */
static void offered_state(region *r, const item_offers *o, int most, int conflicts) {
    const claim *cl = r->cl;
    for (size_t i = 0; i < cl->n; i++) {
        const claim_item *it = &cl->items[i];
        double w = most ? o->hi[i] : it->kind != CI_WORD ? 0 : o->lo[i];
        r->match[i] = w <= 0 ? -1 : most && o->main[i] ? HELD_BY_ARTICLE : HELD_NEARBY;
        r->weight[i] = w;
        r->exact[i] = most && w > 0 && o->exact[i];
        r->conflicted[i] = most && conflicts &&
                           (it->kind != CI_WORD || it->name || o->hi[i] >= NEGATION_MIN_WEIGHT ||
                            o->opposed[i] || it->infinitive);
        if (r->conflicted[i] && it->kind == CI_WORD) r->match[i] = -1; /* as most_held's */
    }
}

/* bound()'s bounds from the offers, as it stands (resolved 0) or resolved. */
static void offered_bound(region *r, const item_offers *o, int resolved, double *least,
                          align_bounds *b) {
    double f[N_FEATURES];
    double *lo = resolved ? b->lo_res : b->lo, *hi = resolved ? b->hi_res : b->hi;
    if (!resolved) { /* nothing in conflict: the same resolved */
        offered_state(r, o, 0, 0);
        r->bounding = BOUND_LEAST;
        features(r, 0, least);
    }
    memcpy(lo, least, sizeof f);
    memcpy(hi, least, sizeof f);
    offered_state(r, o, 1, resolved);
    r->bounding = BOUND_MOST;
    features(r, resolved, f);
    r->bounding = 0;
    widen(lo, hi, f);
    conflict_bounds(lo, hi, (resolved ? hi[F_cov] : 1) - b->lo[F_cov]);
}

/* Whether `skip` rules the region out before its words are matched; the
 * region's items are left as they were made (nothing held). */
static int skip_unmatched(region *r, int (*skip)(void *ctx, align_bounds *b, int resolved),
                          void *ctx) {
    item_offers o;
    align_bounds b;
    double least[N_FEATURES];
    word_offers(r, &o);
    offered_bound(r, &o, 0, least, &b);
    int out = skip(ctx, &b, 0);
    if (out) {
        offered_bound(r, &o, 1, least, &b);
        out = skip(ctx, &b, 1);
    }
    size_t n = r->cl->n;
    for (size_t i = 0; i < n; i++)
        r->match[i] = -1, r->weight[i] = 0;
    memset(r->exact, 0, n);
    memset(r->conflicted, 0, n);
    return out;
}

/* ------------------------------------------------------------ evidence */

static dossier_status evidence(const region *r, alignment *out) {
    const claim *cl = r->cl;
    out->aligned = malloc((cl->n ? cl->n : 1) * sizeof *out->aligned);
    out->missing = malloc((cl->n ? cl->n : 1) * sizeof *out->missing);
    if (!out->aligned || !out->missing) return DOSSIER_ERR_NOMEM;
    const fact_list *facts = &r->aw->facts;
    for (size_t i = 0; i < cl->n; i++) {
        const claim_item *it = &cl->items[i];
        int k = r->match[i];
        if (k >= 0) {
            const sword *s = &r->w[k];
            aligned_pair a = {it->start, it->end, 0, 0};
            size_t e = (size_t)k;
            while (e + 1 < r->n && r->w[e + 1].code == CODE_INSIDE &&
                   r->w[e + 1].passage == s->passage)
                e++;
            a.source_start = r->t->tok[s->tok].start + r->body_start;
            a.source_end = r->t->tok[r->w[e].tok].end + r->body_start;
            if ((s->code & CODE_TAG) == CODE_FACT) {
                const fact *sf = &facts->v[CODE_VALUE(s->code)];
                a.source_start = sf->start + r->body_start;
                a.source_end = sf->end + r->body_start;
            }
            out->aligned[out->n_aligned++] = a;
        } else if (k == -1 && !r->conflicted[i]) {
            out->missing[out->n_missing++] = i;
        }
    }
    return DOSSIER_OK;
}

dossier_status align_passage(const dossier_corpus *c, const claim *cl, size_t p, int want_evidence,
                             alignment *out) {
    return align_passage_unless(c, cl, p, want_evidence, NULL, NULL, out, NULL);
}

dossier_status align_passage_unless(const dossier_corpus *c, const claim *cl, size_t p,
                                    int want_evidence,
                                    int (*skip)(void *ctx, align_bounds *b, int resolved),
                                    void *ctx, alignment *out, int *skipped) {
    if (skipped) *skipped = 0;
    memset(out, 0, sizeof *out);
    out->passage = p;
    region r;
    memset(&r, 0, sizeof r);
    size_t words_s[REGION_STACK_WORDS * (sizeof(sword) + 2 * sizeof(size_t)) / sizeof(size_t)];
    r.stack = words_s;
    r.c = c;
    r.cl = cl;
    r.p = p;
    r.article = c->passages[p].article;
    if (!(r.aw = article_words_of(c, r.article))) return DOSSIER_ERR_NOMEM;
    r.t = &r.aw->t;
    r.body_start = c->articles[r.article].body_start;
    r.body = c->articles[r.article].text + r.body_start;
    r.para_first = p;
    while (r.para_first > 0 && p - r.para_first < PARAGRAPH_MAX / 2 &&
           same_paragraph(c, p, r.para_first - 1))
        r.para_first--;
    r.para_end = p + 1;
    while (r.para_end - p <= PARAGRAPH_MAX / 2 && same_paragraph(c, p, r.para_end))
        r.para_end++;
    /* the per-item state in one block, on the stack for a claim of the
     * usual length: most candidates are ruled out before anything else is
     * allocated */
    size_t n = cl->n ? cl->n : 1;
    double weight_s[BOUND_ITEMS_MAX];
    int match_s[BOUND_ITEMS_MAX];
    unsigned char flags_s[2 * BOUND_ITEMS_MAX];
    void *heap = NULL;
    dossier_status s = DOSSIER_ERR_NOMEM;
    if (n <= BOUND_ITEMS_MAX) {
        r.weight = weight_s, r.match = match_s, r.exact = flags_s;
    } else {
        if (!(heap = malloc(n * (sizeof *r.weight + sizeof *r.match + 2)))) goto done;
        r.weight = heap;
        r.match = (int *)(r.weight + n);
        r.exact = (unsigned char *)(r.match + n);
    }
    r.conflicted = r.exact + n;
    memset(r.weight, 0, n * sizeof *r.weight);
    memset(r.exact, 0, 2 * n);
    if (skip && cl->n <= BOUND_ITEMS_MAX && skip_unmatched(&r, skip, ctx)) {
        if (skipped) *skipped = 1;
        s = DOSSIER_OK;
        goto done;
    }
    if (region_words(&r)) goto done;
    match_items(&r);
    second_choice(&r);
    prefer_passage_as_claimed(&r);
    if (words_in_names(&r)) goto done;
    uncertainty_held(&r);
    author_names(&r);
    if (skip && cl->n <= BOUND_ITEMS_MAX) {
        align_bounds bounds;
        matched_state m;
        save_state(&r, &m);
        bound(&r, &m, 0, &bounds);
        if (skip(ctx, &bounds, 0)) {
            bound(&r, &m, 1, &bounds);
            if (skip(ctx, &bounds, 1)) {
                if (skipped) *skipped = 1;
                s = DOSSIER_OK;
                goto done;
            }
        }
    }
    if (find_conflicts(&r, out)) goto done;
    country_parts(&r);
    context_items(&r);
    features(&r, 0, out->f);
    features(&r, 1, out->f_resolved);
    possibility_feature(&r, out->f);
    possibility_feature(&r, out->f_resolved);
    /* what kind of detail is in conflict, alike as it stands and resolved */
    for (size_t k = 0; k < out->n_conflicts; k++) {
        int kind = out->conflicts[k].kind;
        int fi = kind == CONFLICT_NUMBER || kind == CONFLICT_DATE   ? F_conflict_fact
                 : kind == CONFLICT_PLACE || kind == CONFLICT_ACTOR ? F_conflict_name
                 : kind == CONFLICT_ANTONYM                         ? F_conflict_antonym
                                                                    : F_conflict_polarity;
        out->f[fi] = out->f_resolved[fi] = 1;
    }
    /* how much of the claim the conflicts are: what resolving them adds */
    double share = out->f_resolved[F_cov] - out->f[F_cov];
    out->f[F_conflict_share] = out->f_resolved[F_conflict_share] = share > 0 ? share : 0;
    if (want_evidence && evidence(&r, out)) goto done;
    s = DOSSIER_OK;
done:
    if (r.w != r.stack) free(r.w); /* and named, termed */
    free(heap);
    if (s) alignment_free(out);
    return s;
}

void alignment_free(alignment *a) {
    free(a->conflicts);
    free(a->aligned);
    free(a->missing);
    memset(a, 0, sizeof *a);
}
