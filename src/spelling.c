/* spelling.c — the rules of British/American spelling (see spelling.h).
 *
 * Each rule is a pair of endings (or of whole words), applied both ways:
 *
 *   -our  / -or     colour, armoured, behaviour (3+ letters before, so
 *                   "four", "hour", "your" and "pour" are left alone)
 *   -ise  / -ize    organise, recognised, -isation / -ization
 *   -yse  / -yze    analyse, paralysed
 *   -re   / -er     centre, theatre, fibre (after t, b or g only)
 *   -ogue / -og     catalogue, dialogue
 *   -ll-  / -l-     travelled, cancelling, modeller (before -ed, -ing,
 *                   -er, -or; the doubled l is British)
 *   -ence / -ense   defence, offence, licence, pretence (whole words)
 *   programme / program, grey / gray, sceptic / skeptic, mould / mold,
 *   plough / plow, cheque / check, tyre / tire, jewellery / jewelry,
 *   ageing / aging, judgement / judgment, manoeuvre / maneuver,
 *   aluminium / aluminum, paediatric / pediatric, encyclopaedia, anaemia,
 *   oestrogen (ae/oe reduced to e in a few listed stems).
 *
 * Inflections carry over: the endings are matched before -s, -ed, -ing, -er
 * and -ation. */
#include "spelling.h"

#include <string.h>

typedef struct {
    const char *uk, *us;
} pair;

/* Word beginnings written differently; the rest of the word follows as is
 * ("programmes", "greyish", "mouldy"). */
static const pair stems[] = {{"programme", "program"},
                             {"grey", "gray"},
                             {"sceptic", "skeptic"},
                             {"mould", "mold"},
                             {"plough", "plow"},
                             {"cheque", "check"},
                             {"tyre", "tire"},
                             {"jewellery", "jewelry"},
                             {"ageing", "aging"},
                             {"judgement", "judgment"},
                             {"manoeuvre", "maneuver"},
                             {"aluminium", "aluminum"},
                             {"paediatric", "pediatric"},
                             {"encyclopaedi", "encyclopedi"},
                             {"anaemi", "anemi"},
                             {"oestrogen", "estrogen"},
                             {"defence", "defense"},
                             {"offence", "offense"},
                             {"licence", "license"},
                             {"pretence", "pretense"},
                             {"enrolment", "enrollment"},
                             {"fulfilment", "fulfillment"},
                             {"instalment", "installment"},
                             {NULL, NULL}};

/* Families of endings: uk[i] and us[i] are the same ending in each spelling. */
typedef struct {
    const char *const *uk, *const *us;
    size_t min_prefix; /* letters before the ending */
    const char *after; /* the letter before must be one of these (NULL: any) */
} family;

static const char *const our_uk[] = {"our",     "ours",   "oured",   "ouring",  "ourer",
                                     "ourers",  "ourful", "ourite",  "ourites", "ourable",
                                     "ourably", "ourist", "ourless", "ourism",  NULL};
static const char *const our_us[] = {"or",     "ors",   "ored",   "oring",  "orer",
                                     "orers",  "orful", "orite",  "orites", "orable",
                                     "orably", "orist", "orless", "orism",  NULL};
static const char *const ise_uk[] = {"ise",   "ises",    "ised",     "iser", "isers",
                                     "ising", "isation", "isations", NULL};
static const char *const ise_us[] = {"ize",   "izes",    "ized",     "izer", "izers",
                                     "izing", "ization", "izations", NULL};
static const char *const yse_uk[] = {"yse", "yses", "ysed", "ysing", NULL};
static const char *const yse_us[] = {"yze", "yzes", "yzed", "yzing", NULL};
static const char *const re_uk[] = {"re", "res", "red", "ring", NULL};
static const char *const re_us[] = {"er", "ers", "ered", "ering", NULL};
static const char *const ogue_uk[] = {"ogue", "ogues", NULL};
static const char *const ogue_us[] = {"og", "ogs", NULL};

static const family families[] = {{our_uk, our_us, 3, NULL},
                                  {ise_uk, ise_us, 3, NULL},
                                  {yse_uk, yse_us, 3, NULL},
                                  {re_uk, re_us, 2, "tbg"},
                                  {ogue_uk, ogue_us, 3, NULL}};

static size_t add(char (*out)[SPELLING_MAX], size_t k, size_t max, const char *w, size_t n,
                  const char *a, size_t an, const char *b, size_t bn, const char *c, size_t cn) {
    if (k >= max || an + bn + cn >= SPELLING_MAX) return k;
    char buf[SPELLING_MAX];
    memcpy(buf, a, an);
    memcpy(buf + an, b, bn);
    memcpy(buf + an + bn, c, cn);
    size_t len = an + bn + cn;
    buf[len] = '\0';
    if (len == n && memcmp(buf, w, n) == 0) return k;
    for (size_t i = 0; i < k; i++)
        if (strcmp(out[i], buf) == 0) return k;
    memcpy(out[k], buf, len + 1);
    return k + 1;
}

/* w = prefix + from[i]  ->  prefix + to[i]. */
static size_t ending_rule(const char *w, size_t n, const char *const *from, const char *const *to,
                          const family *f, char (*out)[SPELLING_MAX], size_t k, size_t max) {
    for (size_t i = 0; from[i]; i++) {
        size_t fl = strlen(from[i]);
        if (n < fl + f->min_prefix) continue;
        size_t at = n - fl;
        if (memcmp(w + at, from[i], fl) != 0) continue;
        if (f->after && !strchr(f->after, w[at - 1])) continue;
        k = add(out, k, max, w, n, w, at, to[i], strlen(to[i]), "", 0);
    }
    return k;
}

/* travelled <-> traveled: a doubled l before -ed, -ing, -er, -or. */
static size_t double_l(const char *w, size_t n, char (*out)[SPELLING_MAX], size_t k, size_t max) {
    static const char *const tails[] = {"ed", "ing", "er", "ers", "or", "ors", NULL};
    for (size_t i = 0; tails[i]; i++) {
        size_t tl = strlen(tails[i]);
        if (n < tl + 4 || memcmp(w + n - tl, tails[i], tl) != 0) continue;
        size_t at = n - tl; /* where the tail starts */
        const char *v = "aeiou";
        if (w[at - 1] != 'l') continue;
        if (w[at - 2] == 'l' && strchr(v, w[at - 3])) /* travell|ed -> travel|ed */
            k = add(out, k, max, w, n, w, at - 1, "", 0, w + at, tl);
        else if (strchr(v, w[at - 2]) && !strchr(v, w[at - 3])) /* travel|ed -> travell|ed */
            k = add(out, k, max, w, n, w, at, "l", 1, w + at, tl);
    }
    return k;
}

size_t spelling_variants(const char *w, size_t n, char (*out)[SPELLING_MAX], size_t max) {
    size_t k = 0;
    if (n < 4 || n >= SPELLING_MAX) return 0;
    for (size_t i = 0; stems[i].uk; i++) {
        size_t ul = strlen(stems[i].uk), al = strlen(stems[i].us);
        if (n >= ul && memcmp(w, stems[i].uk, ul) == 0)
            k = add(out, k, max, w, n, stems[i].us, al, w + ul, n - ul, "", 0);
        else if (n >= al && memcmp(w, stems[i].us, al) == 0)
            k = add(out, k, max, w, n, stems[i].uk, ul, w + al, n - al, "", 0);
    }
    for (size_t f = 0; f < sizeof families / sizeof *families; f++) {
        k = ending_rule(w, n, families[f].uk, families[f].us, &families[f], out, k, max);
        k = ending_rule(w, n, families[f].us, families[f].uk, &families[f], out, k, max);
    }
    k = double_l(w, n, out, k, max);
    return k;
}
