/* facts.h — tokens that carry facts: numbers, dates, versions, percentages.
 *
 * The tokenizer cuts "5.4.6" into three words and "September 13, 2023" into
 * three unrelated ones; for a verdict each must stay one value. A fact is a
 * run of words read as one value with a slot type, normalised so that every
 * written form of it compares equal ("13 September", "Sept. 13",
 * "2023-09-13"; "96.7%", "96.7 percent"; "a million", "1,000,000"). Two facts
 * of one slot with different values conflict; they never match on shared
 * digits. */
#ifndef DOSSIER_FACTS_H
#define DOSSIER_FACTS_H

#include "text.h"

typedef enum {
    FACT_NUMBER = 1, /* 3.5, twelve, 1,000, a million; unit: the noun after it */
    FACT_PERCENT,    /* 76.7%, 76.7 percent */
    FACT_MONEY,      /* $1.8 million; unit: the currency */
    FACT_ORDINAL,    /* 21st, third */
    FACT_VERSION,    /* 5.4.6, v2.1 */
    FACT_DATE,       /* any of year (or decade), month, day, weekday */
    FACT_TIME        /* 8am, 8:30 p.m., eight in the morning, noon; value: minutes after midnight */
} fact_kind;

#define FACT_UNIT_MAX 24

typedef struct {
    fact_kind kind;
    size_t start, end;          /* byte range in the text */
    size_t tok_first, tok_last; /* the words it covers, inclusive */
    double value;               /* number, percent, money (in currency units), ordinal */
    char unit[FACT_UNIT_MAX];   /* a number's noun, folded ("hour"); a money's currency ("usd") */
    char version[FACT_UNIT_MAX];
    int year, year_span;     /* year, or the first of year_span years (1990s: 1990, 10) */
    int month, day, weekday; /* 1-based; 0 when absent */
    int either_half; /* a time without am or pm ("8:00", "eight o'clock"): morning or evening */
} fact;

typedef struct {
    fact *v;
    size_t n, cap;
} fact_list;

/* The facts of text, whose words are t (tokenize() of the same text), in
 * text order and never overlapping. */
HIDDEN dossier_status find_facts(const char *text, size_t len, const token_list *t, fact_list *out);
HIDDEN void fact_list_free(fact_list *f);

/* Index terms of a fact, k = 0, 1, ...: writes the k-th into buf (NUL
 * terminated, starting with '#') and returns its length, 0 past the last. A
 * date gives one term per field it has, so "September 13" finds "13
 * September 2023". */
HIDDEN size_t fact_term(const fact *f, unsigned k, char *buf, size_t cap);

typedef enum {
    FACT_UNRELATED = 0, /* different slots, or nothing in common to compare */
    FACT_SAME,          /* the same value */
    FACT_CONFLICT       /* the same slot, another value */
} fact_relation;

HIDDEN fact_relation fact_compare(const fact *a, const fact *b);

/* Whether source fact s says all that claim fact c says: the same value,
 * and for a date every field c gives ("September 13, 2023" covers "in
 * September"; "in September" does not cover "September 13"). */
HIDDEN int fact_covers(const fact *s, const fact *c);

/* "number" or "date": the kind of conflict a different value is. */
HIDDEN const char *fact_conflict_kind(const fact *f);

/* The canonical value ("2023-09-13", "--09-13", "96.7%", "5 hour"). */
HIDDEN size_t fact_format(const fact *f, char *buf, size_t cap);

#endif
