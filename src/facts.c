/* facts.c — numbers, dates, versions and amounts read whole (see facts.h).
 *
 * The reader walks the words of a text and, at a digit or a number, month,
 * weekday or ordinal word, reads the longest fact that starts there from the
 * original bytes (the tokenizer has dropped the '.', ',', '%' and '$' a fact
 * needs). Adjacent parts of one date ("Wednesday, September 13, 2023") are
 * then merged. Month and weekday names count only when capitalised, and "May"
 * and "March" only beside a day or year or after a preposition, so the verb
 * "may" is no date. */
#include "facts.h"
#include "lexicon.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ word tables */

typedef struct {
    const char *w;
    double v;
    size_t n; /* strlen(w), 0: measured on first use... set by the macro */
} word_value;

#define WV(word, value)                                                                            \
    { word, value, sizeof word - 1 }

static const word_value number_words[] = {
    WV("zero", 0),     WV("one", 1),        WV("two", 2),       WV("three", 3),
    WV("four", 4),     WV("five", 5),       WV("six", 6),       WV("seven", 7),
    WV("eight", 8),    WV("nine", 9),       WV("ten", 10),      WV("eleven", 11),
    WV("twelve", 12),  WV("thirteen", 13),  WV("fourteen", 14), WV("fifteen", 15),
    WV("sixteen", 16), WV("seventeen", 17), WV("eighteen", 18), WV("nineteen", 19),
    WV("twenty", 20),  WV("thirty", 30),    WV("forty", 40),    WV("fifty", 50),
    WV("sixty", 60),   WV("seventy", 70),   WV("eighty", 80),   WV("ninety", 90),
    {NULL, 0, 0}};

static const word_value scale_words[] = {
    WV("hundred", 100),   WV("thousand", 1e3), WV("million", 1e6), WV("billion", 1e9),
    WV("trillion", 1e12), WV("dozen", 12),     {NULL, 0, 0}};

static const word_value ordinal_words[] = {
    WV("first", 1),       WV("second", 2),      WV("third", 3),      WV("fourth", 4),
    WV("fifth", 5),       WV("sixth", 6),       WV("seventh", 7),    WV("eighth", 8),
    WV("ninth", 9),       WV("tenth", 10),      WV("eleventh", 11),  WV("twelfth", 12),
    WV("thirteenth", 13), WV("fifteenth", 15),  WV("twentieth", 20), WV("thirtieth", 30),
    WV("fiftieth", 50),   WV("hundredth", 100), {NULL, 0, 0}};

static const char *const months[] = {"january",   "february", "march",    "april",
                                     "may",       "june",     "july",     "august",
                                     "september", "october",  "november", "december"};
static const char *const month_abbrevs[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};
static const char *const weekdays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};

/* Words after which a capitalised "May" or "March" is the month. */
static const char *const month_preps[] = {"in",   "of",     "since", "until",  "by",      "early",
                                          "late", "mid",    "last",  "next",   "this",    "from",
                                          "till", "before", "after", "during", "through", NULL};

/* Currency words and their codes; "won" and "pound" are left out: the verb
 * and the weight would be read as money. */
static const struct {
    const char *w, *code;
} currency_words[] = {{"dollar", "usd"}, {"dollars", "usd"},  {"euro", "eur"},
                      {"euros", "eur"},  {"yuan", "cny"},     {"yen", "jpy"},
                      {"rouble", "rub"}, {"roubles", "rub"},  {"ruble", "rub"},
                      {"rubles", "rub"}, {"renminbi", "cny"}, {NULL, NULL}};

typedef struct {
    const char *text;
    size_t len;
    const token_list *t;
    /* per table (numbers, scales, ordinals), for each first letter, the
     * lengths (bits) of its words: most words are told apart at a glance */
    uint32_t lengths[3][26];
    uint32_t lasts[3][26]; /* and the last letters (bits) of its words */
} reader;

static const word_value *const tables[3] = {number_words, scale_words, ordinal_words};

static void note_lengths(reader *r) {
    for (int t = 0; t < 3; t++)
        for (size_t k = 0; tables[t][k].w; k++)
            if (tables[t][k].n < 32) {
                r->lengths[t][tables[t][k].w[0] - 'a'] |= 1u << tables[t][k].n;
                r->lasts[t][tables[t][k].w[0] - 'a'] |=
                    1u << (tables[t][k].w[tables[t][k].n - 1] - 'a');
            }
}

static inline int word_is(const reader *r, size_t i, const char *w) {
    const token *k = &r->t->tok[i];
    const char *f = r->t->folded + k->fstart;
    return f[0] == w[0] && k->flen == strlen(w) && memcmp(f, w, k->flen) == 0;
}

static double table_scan(const token *t, const char *w, const word_value *tab) {
    for (size_t k = 0; tab[k].w; k++)
        if (tab[k].n == t->flen && tab[k].w[0] == w[0] && memcmp(tab[k].w, w, t->flen) == 0)
            return tab[k].v;
    return -1;
}

/* Asked of most words, and most are no table's at a glance: inlined */
static inline double table_value(const reader *r, size_t i, const word_value *tab) {
    const token *t = &r->t->tok[i];
    const char *w = r->t->folded + t->fstart;
    int which = tab == number_words ? 0 : tab == scale_words ? 1 : 2;
    if (w[0] < 'a' || w[0] > 'z' || t->flen >= 32 || t->flen == 0 ||
        !(r->lengths[which][w[0] - 'a'] & (1u << t->flen)))
        return -1;
    char z = w[t->flen - 1];
    if (z < 'a' || z > 'z' || !(r->lasts[which][w[0] - 'a'] & (1u << (z - 'a')))) return -1;
    return table_scan(t, w, tab);
}

static int capitalised(const reader *r, size_t i) {
    unsigned char ch = (unsigned char)r->text[r->t->tok[i].start];
    return ch >= 'A' && ch <= 'Z';
}

/* The bytes between words i and i+1 are only spaces (at most one line
 * break), and, when `punct`, commas and periods. */
static int near(const reader *r, size_t i, int punct) {
    if (i + 1 >= r->t->n) return 0;
    size_t a = r->t->tok[i].end, b = r->t->tok[i + 1].start, nl = 0;
    if (b - a > 4) return 0;
    for (size_t k = a; k < b; k++) {
        char ch = r->text[k];
        if (ch == '\n')
            nl++;
        else if (ch != ' ' && ch != '\t' && !(punct && (ch == ',' || ch == '.')))
            return 0;
    }
    return nl <= 1;
}

/* Joined by a hyphen and nothing else ("thirty-three", "five-hour"). */
static int hyphened(const reader *r, size_t i) {
    if (i + 1 >= r->t->n) return 0;
    size_t a = r->t->tok[i].end, b = r->t->tok[i + 1].start;
    return b == a + 1 && r->text[a] == '-';
}

static int month_of(const reader *r, size_t i) {
    if (!capitalised(r, i)) return 0;
    const token *k = &r->t->tok[i];
    const char *w = r->t->folded + k->fstart;
    if (k->flen < 3 || k->flen > 9 || !strchr("jfmasond", w[0])) return 0; /* most words */
    for (int m = 0; m < 12; m++) {
        if (month_abbrevs[m][0] != w[0]) continue;
        if (word_is(r, i, months[m])) return m + 1;
        if (k->flen == 3 && memcmp(w, month_abbrevs[m], 3) == 0) return m + 1;
        if (m == 8 && word_is(r, i, "sept")) return 9;
    }
    return 0;
}

/* A day of the month at word i: 1..31, "13th" too. */
static int day_at(const reader *r, size_t i) {
    const token *k = &r->t->tok[i];
    const char *w = r->t->folded + k->fstart;
    size_t d = 0;
    while (d < k->flen && is_digit(w[d]))
        d++;
    if (d == 0 || d > 2) return 0;
    if (d < k->flen) {
        const char *sfx = w + d;
        size_t sl = k->flen - d;
        if (!(sl == 2 && (!memcmp(sfx, "st", 2) || !memcmp(sfx, "nd", 2) || !memcmp(sfx, "rd", 2) ||
                          !memcmp(sfx, "th", 2))))
            return 0;
    }
    int v = atoi(w);
    return v >= 1 && v <= 31 ? v : 0;
}

static int year_at(const reader *r, size_t i) {
    const token *k = &r->t->tok[i];
    const char *w = r->t->folded + k->fstart;
    if (k->flen != 4) return 0;
    for (int d = 0; d < 4; d++)
        if (!is_digit(w[d])) return 0;
    int v = atoi(w);
    /* a year is not followed by a decimal point or a thousands group */
    size_t e = k->end;
    if (e + 1 < r->len && (r->text[e] == '.' || r->text[e] == ',') && is_digit(r->text[e + 1]))
        return 0;
    return v >= 1000 && v <= 2199 ? v : 0;
}

/* ------------------------------------------------------------ building facts */

static int push(fact_list *out, const fact *f) {
    if (!grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v)) return 0;
    out->v[out->n++] = *f;
    return 1;
}

static void span(const reader *r, fact *f, size_t first, size_t last) {
    f->tok_first = first;
    f->tok_last = last;
    f->start = r->t->tok[first].start;
    f->end = r->t->tok[last].end;
}

static size_t unit_stem(const char *w, size_t n, char *out) {
    if (n >= FACT_UNIT_MAX) n = FACT_UNIT_MAX - 1;
    memcpy(out, w, n);
    out[n] = '\0';
    /* one unit in either spelling: "metres", "meters" */
    static const struct {
        const char *w, *as;
    } same[] = {{"meter", "metre"},          {"meters", "metre"}, {"kilometer", "kilometre"},
                {"kilometers", "kilometre"}, {"feet", "foot"},    {NULL, NULL}};
    for (size_t k = 0; same[k].w; k++)
        if (!strcmp(out, same[k].w)) {
            strcpy(out, same[k].as);
            return strlen(out);
        }
    if (n > 4 && !memcmp(out + n - 3, "ies", 3)) {
        out[n - 3] = 'y';
        out[n - 2] = '\0';
        n -= 2;
    } else if (n > 4 && (!memcmp(out + n - 4, "ches", 4) || !memcmp(out + n - 4, "shes", 4) ||
                         !memcmp(out + n - 3, "xes", 3))) {
        n -= 2; /* "inches", "boxes": the "es" of a plural after a hiss */
        out[n] = '\0';
    } else if (n > 3 && out[n - 1] == 's' && out[n - 2] != 's') {
        out[--n] = '\0';
    }
    return n;
}

static int is_stopword(const char *w, size_t n) {
    for (size_t k = 0; dossier_stopwords[k]; k++)
        if (strlen(dossier_stopwords[k]) == n && memcmp(dossier_stopwords[k], w, n) == 0) return 1;
    return 0;
}

/* The noun after a number ("five-hour meeting", "two hours"): the unit two
 * amounts must share to conflict. Decades and centuries become years. */
static size_t take_unit(const reader *r, fact *f, size_t last) {
    size_t i = last + 1;
    if (f->unit[0] || i >= r->t->n || !(near(r, last, 0) || hyphened(r, last))) return last;
    const token *k = &r->t->tok[i];
    const char *w = r->t->folded + k->fstart;
    if (k->flen < 2 || is_digit(w[0]) || is_stopword(w, k->flen) || month_of(r, i) ||
        table_value(r, i, number_words) >= 0)
        return last;
    unit_stem(w, k->flen, f->unit);
    if (!strcmp(f->unit, "decade")) {
        f->value *= 10;
        strcpy(f->unit, "year");
    } else if (!strcmp(f->unit, "century")) {
        f->value *= 100;
        strcpy(f->unit, "year");
    }
    /* the words that count people are one unit: "a six-member team", "a
     * four-person team", "33 men" */
    static const char *const persons[] = {"member",     "people", "men", "man",
                                          "individual", "strong", NULL};
    for (size_t p = 0; persons[p]; p++)
        if (!strcmp(f->unit, persons[p])) strcpy(f->unit, "person");
    /* an age is no duration: "a 31-year-old" and "ten years" */
    if ((!strcmp(f->unit, "year") || !strcmp(f->unit, "month") || !strcmp(f->unit, "week") ||
         !strcmp(f->unit, "day")) &&
        (near(r, i, 0) || hyphened(r, i)) && word_is(r, i + 1, "old"))
        strcat(f->unit, " old");
    return last; /* the unit word stays a word of its own */
}

/* Scale words after a number: "1.8 million", "two hundred thousand". */
static size_t take_scale(const reader *r, double *v, size_t last) {
    while (last + 1 < r->t->n && (near(r, last, 0) || hyphened(r, last))) {
        double s = table_value(r, last + 1, scale_words);
        if (s < 0 || (s == 12 && *v != 1)) break; /* "a dozen", not "two dozen" */
        *v *= s;
        last++;
    }
    return last;
}

/* "percent", "per cent", "pct" after a number. */
static int take_percent(const reader *r, size_t *last) {
    size_t i = *last + 1;
    if (i >= r->t->n || !near(r, *last, 0)) return 0;
    if (word_is(r, i, "percent") || word_is(r, i, "pct")) {
        *last = i;
        return 1;
    }
    if (word_is(r, i, "per") && i + 1 < r->t->n && near(r, i, 0) && word_is(r, i + 1, "cent")) {
        *last = i + 1;
        return 1;
    }
    return 0;
}

static const char *take_currency(const reader *r, size_t *last) {
    size_t i = *last + 1;
    if (i >= r->t->n || !near(r, *last, 0)) return NULL;
    /* "US dollars", "Australian dollars": the country names the dollar */
    static const struct {
        const char *w, *code;
    } dollar_lands[] = {{"us", "usd"},
                        {"american", "usd"},
                        {"australian", "aud"},
                        {"canadian", "cad"},
                        {NULL, NULL}};
    if (i + 1 < r->t->n && near(r, i, 0) &&
        (word_is(r, i + 1, "dollar") || word_is(r, i + 1, "dollars")))
        for (size_t k = 0; dollar_lands[k].w; k++)
            if (word_is(r, i, dollar_lands[k].w)) {
                *last = i + 1;
                return dollar_lands[k].code;
            }
    for (size_t k = 0; currency_words[k].w; k++)
        if (word_is(r, i, currency_words[k].w)) {
            *last = i;
            return currency_words[k].code;
        }
    return NULL;
}

/* A currency sign right before byte `at`: $, US$, €, £, ¥, ₽, ₩. */
static const char *currency_sign(const reader *r, size_t at, size_t *sign_start) {
    const char *s = r->text;
    if (at >= 1 && s[at - 1] == '$') {
        *sign_start = at - 1;
        if (at >= 3 && s[at - 3] == 'U' && s[at - 2] == 'S') *sign_start = at - 3;
        return "usd";
    }
    if (at >= 3 && !memcmp(s + at - 3, "\xE2\x82\xAC", 3)) return *sign_start = at - 3, "eur";
    if (at >= 2 && !memcmp(s + at - 2, "\xC2\xA3", 2)) return *sign_start = at - 2, "gbp";
    if (at >= 2 && !memcmp(s + at - 2, "\xC2\xA5", 2)) return *sign_start = at - 2, "jpy";
    if (at >= 3 && !memcmp(s + at - 3, "\xE2\x82\xBD", 3)) return *sign_start = at - 3, "rub";
    if (at >= 3 && !memcmp(s + at - 3, "\xE2\x82\xA9", 3)) return *sign_start = at - 3, "krw";
    return NULL;
}

/* Number words from word i: "thirty-three", "one hundred and five", "a
 * million". Returns the last word used, or (size_t)-1 when none. */
static size_t number_phrase(const reader *r, size_t i, double *value) {
    double total = 0, cur = 0;
    size_t last = (size_t)-1;
    int any = 0;
    size_t k = i;
    /* "half a million", "half a century": half of what follows */
    double part = 1;
    if (word_is(r, k, "half") && k + 2 < r->t->n && near(r, k, 0) &&
        (word_is(r, k + 1, "a") || word_is(r, k + 1, "an"))) {
        part = 0.5;
        k++;
    }
    if (word_is(r, k, "a") || word_is(r, k, "an")) {
        if (k + 1 >= r->t->n || !near(r, k, 0)) return (size_t)-1;
        /* "a century", "a decade": one of the span the unit reader turns
         * into years */
        if (word_is(r, k + 1, "century") || word_is(r, k + 1, "decade")) {
            *value = part;
            return k;
        }
        double s = table_value(r, k + 1, scale_words);
        if (s < 0) return (size_t)-1;
        cur = 1;
        k++;
        any = 1;
    } else if (part != 1) {
        return (size_t)-1;
    }
    for (; k < r->t->n; k++) {
        if (any && k > i && !(near(r, k - 1, 0) || hyphened(r, k - 1))) break;
        double v = table_value(r, k, number_words), s;
        if (v >= 0) {
            if (any && cur != 0 && fmod(cur, 100) != 0 &&
                !(cur >= 20 && v < 10 && fmod(cur, 10) == 0))
                break; /* "two three" is no number */
            cur += v;
        } else if ((s = table_value(r, k, scale_words)) > 0 && any) {
            if (s == 12) {
                if (cur != 1) break;
                cur = 12;
            } else if (s == 100) {
                cur = (cur ? cur : 1) * 100;
            } else {
                total += (cur ? cur : 1) * s;
                cur = 0;
            }
        } else if (any && word_is(r, k, "and") && k + 1 < r->t->n &&
                   table_value(r, k + 1, number_words) > 0 && fmod(cur + total, 100) == 0 &&
                   cur + total >= 100) {
            continue; /* "one hundred and five" */
        } else {
            break;
        }
        any = 1;
        last = k;
    }
    if (!any || last == (size_t)-1) return (size_t)-1;
    *value = (total + cur) * part;
    /* lone "one" is a pronoun or article far more often than a count */
    if (last == i && word_is(r, i, "one")) return (size_t)-1;
    return last;
}

/* A length's unit glued to its digits: "800km", "2,047ft", and "624m" when
 * it reads as metres, not millions: no currency sign before it and a
 * length beside it ("a 624m (2,047ft) shaft", "624m deep"). Sets the
 * unit's name as the unit words have it ("metre", see unit_stem). */
static int glued_length(const reader *r, size_t i, size_t last, const char *sfx, size_t sl,
                        char *unit) {
    static const struct {
        const char *sfx, *unit;
    } lengths[] = {{"km", "kilometre"},  {"ft", "foot"}, {"cm", "centimetre"},
                   {"mm", "millimetre"}, {"mi", "mile"}, {NULL, NULL}};
    for (size_t k = 0; lengths[k].sfx; k++)
        if (strlen(lengths[k].sfx) == sl && !strncmp(sfx, lengths[k].sfx, sl)) {
            snprintf(unit, FACT_UNIT_MAX, "%s", lengths[k].unit);
            return 1;
        }
    if (sl != 1 || sfx[0] != 'm') return 0;
    size_t sign;
    if (currency_sign(r, r->t->tok[i].start, &sign) || last + 1 >= r->t->n) return 0;
    static const char *const beside[] = {"deep", "down", "below", "underground", "high",
                                         "long", "tall", "wide",  "depth",       NULL};
    /* the same length in feet right after it, read from the bytes */
    const char *s = r->text;
    size_t p = r->t->tok[last].end, e = r->len;
    while (p < e && (s[p] == ' ' || s[p] == '('))
        p++;
    size_t d = p;
    while (p < e && (is_digit(s[p]) || s[p] == ',' || s[p] == '.'))
        p++;
    while (p < e && s[p] == ' ')
        p++;
    int ok =
        p > d && is_digit(s[d]) && p + 1 < e && s[p] == 'f' && (s[p + 1] == 't' || s[p + 1] == 'e');
    for (size_t k = 0; !ok && beside[k]; k++)
        ok = word_is(r, last + 1, beside[k]);
    if (ok) snprintf(unit, FACT_UNIT_MAX, "metre");
    return ok;
}

/* ------------------------------------------------------------ times of day */

/* The value of n digits (the text need not be NUL-terminated). */
static int digits_value(const char *s, int n) {
    int v = 0;
    for (int k = 0; k < n; k++)
        v = v * 10 + (s[k] - '0');
    return v;
}

static int lower_ch(int c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* "am", "pm", "a.m.", "p.m." at byte q, glued to the digits or one space
 * after them: 1 morning, 2 afternoon, 0 none; *end after it. */
static int meridiem_at(const reader *r, size_t q, size_t *end) {
    const char *s = r->text;
    size_t e = r->len, p = q;
    if (p < e && s[p] == ' ') p++;
    if (p + 1 >= e) return 0;
    int c = lower_ch(s[p]);
    if (c != 'a' && c != 'p') return 0;
    size_t x = p + 1;
    int dotted = s[x] == '.';
    if (dotted) x++;
    if (x >= e || lower_ch(s[x]) != 'm') return 0;
    x++;
    if (x < e && is_alpha(s[x])) return 0;
    if (dotted && x < e && s[x] == '.') x++;
    *end = x;
    return c == 'a' ? 1 : 2;
}

/* The words after an hour that say which half of the day it is: "in the
 * morning", "in the afternoon", "in the evening", "at night"; 1 morning, 2
 * afternoon or evening, 0 none; *last on its last word. */
static int day_part(const reader *r, size_t *last) {
    size_t i = *last + 1;
    if (i + 1 < r->t->n && word_is(r, i, "at") && near(r, i, 0) && word_is(r, i + 1, "night") &&
        near(r, i - 1, 0)) {
        *last = i + 1;
        return 2;
    }
    if (i + 2 >= r->t->n || !near(r, i - 1, 0) || !word_is(r, i, "in") || !near(r, i, 0) ||
        !word_is(r, i + 1, "the") || !near(r, i + 1, 0))
        return 0;
    int part = word_is(r, i + 2, "morning")     ? 1
               : word_is(r, i + 2, "afternoon") ? 2
               : word_is(r, i + 2, "evening")   ? 2
                                                : 0;
    if (part) *last = i + 2;
    return part;
}

/* "o'clock" after word i. */
static int oclock(const reader *r, size_t i) {
    if (!(i + 2 < r->t->n && word_is(r, i + 1, "o") && word_is(r, i + 2, "clock") && near(r, i, 0)))
        return 0;
    /* one apostrophe between, straight or typographic (U+2019) */
    size_t gap = r->t->tok[i + 2].start - r->t->tok[i + 1].end;
    const char *a = r->text + r->t->tok[i + 1].end;
    return (gap == 1 && a[0] == '\'') || (gap == 3 && memcmp(a, "\xE2\x80\x99", 3) == 0);
}

/* Makes f the time `hour`:`minute` (hour 1..12 or 0..23) in half `half` (1
 * morning, 2 afternoon, 0 unknown); 0 when no time of day. */
static int set_time(fact *f, int hour, int minute, int half) {
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || (half && (hour < 1 || hour > 12)))
        return 0;
    if (half == 1 && hour == 12) hour = 0;
    if (half == 2 && hour < 12) hour += 12;
    memset(f->unit, 0, sizeof f->unit);
    f->kind = FACT_TIME;
    f->value = hour * 60 + minute;
    f->either_half = !half && hour >= 1 && hour <= 12;
    return 1;
}

/* An hour in words or digits at word i (1..12): its value, or -1. */
static int hour_at(const reader *r, size_t i, size_t *last) {
    const token *k = &r->t->tok[i];
    const char *w = r->t->folded + k->fstart;
    double v = -1;
    if (is_digit(w[0]) && k->flen <= 2 && (k->flen == 1 || is_digit(w[1])))
        v = atoi(w);
    else
        v = table_value(r, i, number_words);
    if (v < 1 || v > 12) return -1;
    *last = i;
    return (int)v;
}

/* "half past eight", "a quarter to nine", "ten minutes past three", then
 * perhaps "o'clock" or "in the afternoon", at word i. */
static size_t clock_phrase(const reader *r, size_t i, fact *f) {
    size_t k = i;
    int minute = -1, named = 0;
    if (word_is(r, k, "a") && k + 1 < r->t->n && near(r, k, 0) && word_is(r, k + 1, "quarter")) k++;
    if (word_is(r, k, "quarter")) {
        minute = 15, named = 1;
    } else if (word_is(r, k, "half")) {
        minute = 30, named = 2;
    } else {
        double v = table_value(r, k, number_words);
        if (v < 1 || v > 29) return (size_t)-1;
        minute = (int)v;
        /* "twenty-five" */
        if (k + 1 < r->t->n && hyphened(r, k) && (v = table_value(r, k + 1, number_words)) > 0 &&
            v < 10 && minute == 20)
            minute += (int)v, k++;
        if (k + 1 < r->t->n && near(r, k, 0) &&
            (word_is(r, k + 1, "minutes") || word_is(r, k + 1, "minute")))
            k++;
        else
            named = 3; /* a bare count: "ten past five", but "from two to five" */
    }
    if (k + 2 >= r->t->n || !near(r, k, 0) || !near(r, k + 1, 0)) return (size_t)-1;
    int to = word_is(r, k + 1, "to");
    if (!to && !word_is(r, k + 1, "past")) return (size_t)-1;
    if (to && named >= 2) return (size_t)-1; /* "half to", "two to five" are no times */
    size_t last;
    int hour = hour_at(r, k + 2, &last);
    if (hour < 0) return (size_t)-1;
    if (to) {
        minute = 60 - minute;
        hour = hour == 1 ? 12 : hour - 1;
    }
    if (oclock(r, last)) last += 2;
    int half = day_part(r, &last);
    if (!set_time(f, hour, minute, half)) return (size_t)-1;
    span(r, f, i, last);
    return last;
}

/* An hour in words followed by what makes it a time of day: "eight
 * o'clock", "eight in the morning", "ten at night". */
static size_t hour_words(const reader *r, size_t i, double v, size_t last, fact *f) {
    if (v < 1 || v > 12 || v != floor(v)) return (size_t)-1;
    int clock = oclock(r, last);
    if (clock) last += 2;
    int half = day_part(r, &last);
    if (!clock && !half) return (size_t)-1;
    if (!set_time(f, (int)v, 0, half)) return (size_t)-1;
    span(r, f, i, last);
    return last;
}

/* "noon", "midday", "midnight". */
static size_t named_time(const reader *r, size_t i, fact *f) {
    int at = word_is(r, i, "noon") || word_is(r, i, "midday") ? 12 * 60
             : word_is(r, i, "midnight")                      ? 0
                                                              : -1;
    if (at < 0) return (size_t)-1;
    memset(f, 0, sizeof *f);
    f->kind = FACT_TIME;
    f->value = at;
    span(r, f, i, i);
    return i;
}

/* Digits at byte b that read as a time of day: "8am", "8 a.m.", "8:30",
 * "8.30pm", "10:15 pm". */
static size_t clock_digits(const reader *r, size_t i, fact *f) {
    const char *s = r->text;
    size_t b = r->t->tok[i].start, p = b, e = r->len;
    while (p < e && is_digit(s[p]) && p - b < 3)
        p++;
    if (p == b || p - b > 2 || (p < e && is_digit(s[p]))) return (size_t)-1;
    int hour = digits_value(s + b, (int)(p - b)), minute = 0, has_minutes = 0;
    if (p + 2 < e && (s[p] == ':' || s[p] == '.') && is_digit(s[p + 1]) && is_digit(s[p + 2]) &&
        (p + 3 >= e || !is_digit(s[p + 3]))) {
        /* "8.30" is a time only with am or pm after it */
        minute = digits_value(s + p + 1, 2);
        has_minutes = s[p] == ':' ? 2 : 1;
        p += 3;
    }
    size_t end = p;
    int half = meridiem_at(r, p, &end);
    if (!half && has_minutes != 2) return (size_t)-1;
    /* "8:30" glued to other figures ("1:8:30", "2.8:30") is a ratio or
     * a list, not a time */
    if (!half && b > 0 && (is_digit(s[b - 1]) || s[b - 1] == ':' || s[b - 1] == '.'))
        return (size_t)-1;
    if (!half && end < e &&
        (s[end] == ':' || (s[end] == '.' && end + 1 < e && is_digit(s[end + 1]))))
        return (size_t)-1;
    if (!set_time(f, hour, minute, half)) return (size_t)-1;
    size_t last = i;
    while (last + 1 < r->t->n && r->t->tok[last + 1].start < end)
        last++;
    if (!half) {
        if (oclock(r, last)) last += 2;
        /* "14:30 in the afternoon" stays 14:30 */
        size_t part_last = last;
        int part = day_part(r, &part_last);
        if (part && set_time(f, hour, minute, part)) last = part_last;
    }
    span(r, f, i, last);
    if (end > f->end) f->end = end;
    return last;
}

/* Word i is "US" glued between a dollar sign and digits: "$US500,000", the
 * way Australian and British papers write the American dollar. */
static int dollar_us(const reader *r, size_t i) {
    const char *s = r->text;
    size_t b = r->t->tok[i].start;
    return b >= 1 && s[b - 1] == '$' && b + 2 < r->len && s[b] == 'U' && s[b + 1] == 'S' &&
           is_digit(s[b + 2]);
}

/* A numeral written with digits at word i, read from the bytes: thousands
 * groups, decimals, versions (two or more dots), a '%' or an ordinal or
 * decade suffix. */
static size_t numeral(const reader *r, size_t i, fact *f) {
    const char *s = r->text;
    size_t b = r->t->tok[i].start, p = b, e = r->len;
    int dots = 0, version_v = 0;
    if (p < e && (s[p] == 'v' || s[p] == 'V') && p + 1 < e && is_digit(s[p + 1])) {
        version_v = 1;
        p++;
    } else if (dollar_us(r, i)) {
        p += 2; /* "$US500,000": the country after the sign */
    }
    size_t num_start = p;
    char buf[64];
    size_t bl = 0;
    while (p < e && is_digit(s[p]) && bl < sizeof buf - 1)
        buf[bl++] = s[p++];
    size_t int_digits = bl;
    /* thousands groups: 1,000,000 */
    while (p + 3 < e + 0 && s[p] == ',' && is_digit(s[p + 1]) && is_digit(s[p + 2]) &&
           is_digit(s[p + 3]) && (p + 4 >= e || !is_digit(s[p + 4])) && int_digits <= 3 &&
           bl + 3 < sizeof buf - 1) {
        memcpy(buf + bl, s + p + 1, 3);
        bl += 3;
        p += 4;
    }
    size_t vstart = 0;
    char ver[FACT_UNIT_MAX];
    size_t vl = 0;
    if (bl < sizeof ver) {
        memcpy(ver, buf, bl);
        vl = bl;
    }
    while (p + 1 < e && s[p] == '.' && is_digit(s[p + 1])) {
        dots++;
        if (dots == 1 && bl < sizeof buf - 1) buf[bl++] = '.';
        if (vl + 1 < sizeof ver) ver[vl++] = '.';
        p++;
        while (p < e && is_digit(s[p])) {
            if (dots == 1 && bl < sizeof buf - 1) buf[bl++] = s[p];
            if (vl + 1 < sizeof ver) ver[vl++] = s[p];
            p++;
        }
    }
    (void)vstart;
    (void)num_start;
    buf[bl] = '\0';
    ver[vl < sizeof ver ? vl : sizeof ver - 1] = '\0';
    f->value = strtod(buf, NULL);
    /* the words this literal covers */
    size_t last = i;
    while (last + 1 < r->t->n && r->t->tok[last + 1].start < p)
        last++;
    if (dots >= 2 || (version_v && dots >= 1)) {
        f->kind = FACT_VERSION;
        memcpy(f->version, ver, vl + 1);
        span(r, f, i, last);
        f->end = p;
        return last;
    }
    /* a suffix glued to the digits: 21st, 1990s, 5bn, 40% */
    size_t q = p;
    while (q < e && is_alpha(s[q]))
        q++;
    size_t sl = q - p;
    const char *sfx = s + p;
    f->kind = FACT_NUMBER;
    if (q < e && s[q] == '%' && sl == 0) {
        f->kind = FACT_PERCENT;
        span(r, f, i, last);
        f->end = q + 1;
        return last;
    }
    if (sl == 2 && dots == 0 &&
        (!strncmp(sfx, "st", 2) || !strncmp(sfx, "nd", 2) || !strncmp(sfx, "rd", 2) ||
         !strncmp(sfx, "th", 2))) {
        f->kind = FACT_ORDINAL;
        span(r, f, i, last);
        return last;
    }
    if (sl == 1 && (sfx[0] == 's') && int_digits == 4 && dots == 0) {
        int y = (int)f->value;
        if (y >= 1000 && y <= 2190 && y % 10 == 0) {
            f->kind = FACT_DATE;
            f->year = y;
            f->year_span = 10;
            span(r, f, i, last);
            return last;
        }
    }
    if (sl > 0 && q < e && is_digit(s[q])) return (size_t)-1; /* "6B7": a code */
    if (sl > 0 && glued_length(r, i, last, sfx, sl, f->unit)) {
        span(r, f, i, last);
        f->end = q;
        return last;
    }
    if (sl > 0) {
        if ((sl == 2 && !strncmp(sfx, "bn", 2)) || (sl == 1 && (sfx[0] == 'b' || sfx[0] == 'B')))
            f->value *= 1e9;
        else if ((sl == 1 && (sfx[0] == 'm' || sfx[0] == 'M')) ||
                 (sl == 2 && !strncmp(sfx, "mn", 2)))
            f->value *= 1e6;
        else if (sl == 1 && (sfx[0] == 'k' || sfx[0] == 'K'))
            f->value *= 1e3;
        else
            return (size_t)-1; /* "4G", "A320b": a code, not an amount */
    }
    span(r, f, i, last);
    f->end = q;
    return last;
}

/* Finishes a number: scale, percent, currency, unit. */
static size_t finish_amount(const reader *r, fact *f, size_t first, size_t last) {
    if (f->kind == FACT_NUMBER) last = take_scale(r, &f->value, last);
    size_t sign = 0;
    const char *cur = currency_sign(r, r->t->tok[first].start, &sign);
    /* "US" of "US$" belongs to the sign only when it is no part of a word before */
    if (cur && first > 0 && sign < r->t->tok[first - 1].end && sign != r->t->tok[first - 1].start)
        sign = r->t->tok[first].start - 1;
    if (f->kind == FACT_NUMBER && take_percent(r, &last)) f->kind = FACT_PERCENT;
    const char *word_cur = f->kind == FACT_NUMBER ? take_currency(r, &last) : NULL;
    if (f->kind == FACT_NUMBER && (cur || word_cur)) {
        f->kind = FACT_MONEY;
        snprintf(f->unit, sizeof f->unit, "%s", cur ? cur : word_cur);
    }
    size_t keep_end = f->end;
    span(r, f, first, last);
    if (keep_end > f->end) f->end = keep_end;
    if (cur) f->start = sign;
    if (f->kind == FACT_NUMBER) take_unit(r, f, last);
    return last;
}

/* A day then a month: "13 September", "13th of September". */
static size_t day_month(const reader *r, size_t i, fact *f) {
    int d = day_at(r, i);
    if (!d || i + 1 >= r->t->n || !near(r, i, 0)) return (size_t)-1;
    size_t m = i + 1;
    if (word_is(r, m, "of") && m + 1 < r->t->n && near(r, m, 0)) m++;
    int mo = month_of(r, m);
    if (!mo) return (size_t)-1;
    f->kind = FACT_DATE;
    f->day = d;
    f->month = mo;
    size_t last = m;
    if (m + 1 < r->t->n && near(r, m, 1) && year_at(r, m + 1)) f->year = year_at(r, ++last);
    span(r, f, i, last);
    return last;
}

/* A month, then perhaps a day and a year: "Sept. 13, 2023", "September 2023". */
static size_t month_date(const reader *r, size_t i, fact *f) {
    int mo = month_of(r, i);
    if (!mo) return (size_t)-1;
    size_t last = i;
    int d = 0, y = 0;
    if (i + 1 < r->t->n && near(r, i, 1)) {
        if ((d = day_at(r, i + 1)) != 0 && !(i + 2 < r->t->n && hyphened(r, i + 1))) {
            last = i + 1;
            if (last + 1 < r->t->n && near(r, last, 1) && year_at(r, last + 1))
                y = year_at(r, ++last);
        } else if ((y = year_at(r, i + 1)) != 0) {
            last = i + 1;
        }
    }
    if ((mo == 5 || mo == 3) && !d && !y) { /* "May", "March": the verbs, unless ... */
        int prep = 0;
        for (size_t k = 0; i > 0 && month_preps[k] && !prep; k++)
            prep = word_is(r, i - 1, month_preps[k]) && near(r, i - 1, 0);
        if (!prep) return (size_t)-1;
    }
    if (mo == 5 && word_is(r, i, "may") && i == 0 && !d && !y) return (size_t)-1;
    f->kind = FACT_DATE;
    f->month = mo;
    f->day = d;
    f->year = y;
    span(r, f, i, last);
    return last;
}

static int iso_date(const reader *r, size_t i, fact *f) {
    const char *s = r->text;
    size_t b = r->t->tok[i].start;
    if (b + 10 > r->len) return 0;
    for (int k = 0; k < 10; k++) {
        int want_dash = k == 4 || k == 7;
        if (want_dash ? s[b + k] != '-' : !is_digit(s[b + k])) return 0;
    }
    if (b + 10 < r->len && is_digit(s[b + 10])) return 0;
    int y = digits_value(s + b, 4), m = digits_value(s + b + 5, 2), d = digits_value(s + b + 8, 2);
    if (m < 1 || m > 12 || d < 1 || d > 31) return 0;
    f->kind = FACT_DATE;
    f->year = y;
    f->month = m;
    f->day = d;
    size_t last = i;
    while (last + 1 < r->t->n && r->t->tok[last + 1].start < b + 10)
        last++;
    span(r, f, i, last);
    return 1;
}

/* The fact starting at word i, if any: its last word, or (size_t)-1. */
static size_t fact_at(const reader *r, size_t i, fact *f) {
    memset(f, 0, sizeof *f);
    const token *k = &r->t->tok[i];
    const char *w = r->t->folded + k->fstart;
    size_t last;
    /* the readers read the text's bytes: a digit folded from another one
     * (full-width "４") is no numeral to them */
    const char *raw = r->text + k->start;
    int ascii = is_digit(raw[0]) ||
                ((raw[0] == 'v' || raw[0] == 'V') && k->end - k->start > 1 && is_digit(raw[1]));
    if ((ascii && (is_digit(w[0]) || (w[0] == 'v' && k->flen > 1 && is_digit(w[1])))) ||
        dollar_us(r, i)) {
        if (iso_date(r, i, f)) return f->tok_last;
        if ((last = clock_digits(r, i, f)) != (size_t)-1) return last;
        memset(f, 0, sizeof *f);
        if ((last = day_month(r, i, f)) != (size_t)-1) return last;
        int y = year_at(r, i);
        if (y) {
            size_t l2 = i;
            fact probe = {0};
            probe.value = y;
            probe.kind = FACT_NUMBER;
            span(r, &probe, i, i);
            size_t sign;
            if (!take_percent(r, &l2) && !take_currency(r, &l2) &&
                !currency_sign(r, k->start, &sign) &&
                !(i + 1 < r->t->n && (near(r, i, 0) || hyphened(r, i)) &&
                  table_value(r, i + 1, scale_words) > 0)) {
                f->kind = FACT_DATE;
                f->year = y;
                span(r, f, i, i);
                return i;
            }
        }
        memset(f, 0, sizeof *f);
        if ((last = numeral(r, i, f)) == (size_t)-1) return (size_t)-1;
        if (f->kind == FACT_NUMBER) {
            /* a number glued to a name by a hyphen labels it: COVID-19, Malligyong-1 */
            size_t b = k->start;
            if (b >= 2 && r->text[b - 1] == '-' && is_alpha(r->text[b - 2]) && i > 0 &&
                r->t->tok[i - 1].end == b - 1) {
                const token *pk = &r->t->tok[i - 1];
                unit_stem(r->t->folded + pk->fstart, pk->flen, f->unit);
                return last;
            }
        }
        if (f->kind == FACT_NUMBER || f->kind == FACT_MONEY) return finish_amount(r, f, i, last);
        return last;
    }
    int mo_or_wd = month_of(r, i);
    if (mo_or_wd) return month_date(r, i, f);
    if (capitalised(r, i) && k->flen >= 6 && !memcmp(w + k->flen - 3, "day", 3)) /* weekdays */
        for (int d = 0; d < 7; d++)
            if (word_is(r, i, weekdays[d])) {
                f->kind = FACT_DATE;
                f->weekday = d + 1;
                span(r, f, i, i);
                return i;
            }
    double v = table_value(r, i, ordinal_words);
    if (v > 0) {
        /* "a second" is a moment */
        if (v == 2 && i > 0 && (word_is(r, i - 1, "a") || word_is(r, i - 1, "per")))
            return (size_t)-1;
        f->kind = FACT_ORDINAL;
        f->value = v;
        span(r, f, i, i);
        return i;
    }
    if ((last = named_time(r, i, f)) != (size_t)-1) return last;
    if ((last = clock_phrase(r, i, f)) != (size_t)-1) return last;
    memset(f, 0, sizeof *f);
    /* "one in the morning": the lone "one" no count reads */
    if (word_is(r, i, "one") && (last = hour_words(r, i, 1, i, f)) != (size_t)-1) return last;
    memset(f, 0, sizeof *f);
    if ((last = number_phrase(r, i, &f->value)) != (size_t)-1) {
        size_t t = hour_words(r, i, f->value, last, f);
        if (t != (size_t)-1) return t;
        f->kind = FACT_NUMBER;
        span(r, f, i, last);
        return finish_amount(r, f, i, last);
    }
    return (size_t)-1;
}

/* Two date parts written side by side with only ", " or "of" between, that
 * give different fields, are one date. */
static int mergeable(const reader *r, const fact *a, const fact *b) {
    if (a->kind != FACT_DATE || b->kind != FACT_DATE) return 0;
    if ((a->year && b->year) || (a->month && b->month) || (a->weekday && b->weekday)) return 0;
    if (b->tok_first != a->tok_last + 1 || !near(r, a->tok_last, 1)) return 0;
    /* a period between them only after an abbreviation ("Wed. Sept. 13"), not
     * after a year or day, where it ends a sentence */
    const token *last = &r->t->tok[a->tok_last];
    if (memchr(r->text + last->end, '.', r->t->tok[b->tok_first].start - last->end))
        return !is_digit(r->t->folded[last->fstart]) && last->flen <= 4;
    return 1;
}

dossier_status find_facts(const char *text, size_t len, const token_list *t, fact_list *out) {
    memset(out, 0, sizeof *out);
    reader r = {text, len, t, {{0}}, {{0}}};
    note_lengths(&r);
    for (size_t i = 0; i < t->n;) {
        fact f;
        size_t last = fact_at(&r, i, &f);
        if (last == (size_t)-1 || last < i) {
            i++;
            continue;
        }
        if (out->n && mergeable(&r, &out->v[out->n - 1], &f)) {
            fact *a = &out->v[out->n - 1];
            if (f.year) a->year = f.year, a->year_span = f.year_span;
            if (f.month) a->month = f.month, a->day = f.day;
            if (f.weekday) a->weekday = f.weekday;
            a->tok_last = f.tok_last;
            a->end = f.end;
        } else if (!push(out, &f)) {
            fact_list_free(out);
            return DOSSIER_ERR_NOMEM;
        }
        i = last + 1;
    }
    return DOSSIER_OK;
}

void fact_list_free(fact_list *f) {
    free(f->v);
    memset(f, 0, sizeof *f);
}

/* ------------------------------------------------------------ comparing */

static int same_value(double a, double b) {
    double m = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return fabs(a - b) <= 1e-9 * (m > 1 ? m : 1);
}

fact_relation fact_compare(const fact *a, const fact *b) {
    if (a->kind != b->kind) return FACT_UNRELATED;
    switch (a->kind) {
    case FACT_DATE: {
        int shared = 0, differ = 0;
        if (a->year && b->year) {
            shared++;
            int aspan = a->year_span ? a->year_span : 1, bspan = b->year_span ? b->year_span : 1;
            /* the 1990s hold 1995; two years are one if equal */
            int overlap = a->year < b->year + bspan && b->year < a->year + aspan;
            if (!overlap) differ++;
        }
        if (a->month && b->month) {
            shared++;
            if (a->month != b->month) differ++;
            if (a->day && b->day && a->day != b->day) differ++;
        }
        if (a->weekday && b->weekday) {
            shared++;
            if (a->weekday != b->weekday) differ++;
        }
        if (!shared) return FACT_UNRELATED;
        return differ ? FACT_CONFLICT : FACT_SAME;
    }
    case FACT_VERSION:
        return strcmp(a->version, b->version) == 0 ? FACT_SAME : FACT_CONFLICT;
    case FACT_MONEY:
        if (a->unit[0] && b->unit[0] && strcmp(a->unit, b->unit) != 0) return FACT_UNRELATED;
        return same_value(a->value, b->value) ? FACT_SAME : FACT_CONFLICT;
    case FACT_NUMBER:
        if (a->unit[0] && b->unit[0] && strcmp(a->unit, b->unit) != 0) return FACT_UNRELATED;
        if (same_value(a->value, b->value)) return FACT_SAME;
        return (a->unit[0] != 0) == (b->unit[0] != 0) ? FACT_CONFLICT : FACT_UNRELATED;
    case FACT_PERCENT:
    case FACT_ORDINAL:
        return same_value(a->value, b->value) ? FACT_SAME : FACT_CONFLICT;
    case FACT_TIME: {
        /* "8:00" is 8am or 8pm; "8am" is not "8pm" */
        int x = (int)a->value, y = (int)b->value;
        if (a->either_half || b->either_half) x %= 720, y %= 720;
        return x == y ? FACT_SAME : FACT_CONFLICT;
    }
    }
    return FACT_UNRELATED;
}

int fact_covers(const fact *s, const fact *c) {
    /* the same amount of another unit word is still the amount: "33 men",
     * "33 miners"; the words themselves are aligned apart */
    if (s->kind == FACT_NUMBER && c->kind == FACT_NUMBER) return same_value(s->value, c->value);
    if (fact_compare(s, c) != FACT_SAME) return 0;
    if (c->kind != FACT_DATE) return 1;
    return (!c->year || s->year) && (!c->month || s->month) && (!c->day || s->day) &&
           (!c->weekday || s->weekday) && (!s->year_span || c->year_span || !c->year);
}

const char *fact_conflict_kind(const fact *f) {
    return f->kind == FACT_DATE ? "date" : "number";
}

static size_t put(char *buf, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static size_t put(char *buf, size_t cap, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, cap, fmt, ap);
    va_end(ap);
    if (n < 0) return 0;
    return (size_t)n < cap ? (size_t)n : cap ? cap - 1 : 0;
}

size_t fact_term(const fact *f, unsigned k, char *buf, size_t cap) {
    if (cap == 0) return 0;
    buf[0] = '\0';
    switch (f->kind) {
    case FACT_NUMBER:
        return k == 0 ? put(buf, cap, "#n%.12g", f->value) : 0;
    case FACT_PERCENT:
        return k == 0 ? put(buf, cap, "#p%.12g", f->value) : 0;
    case FACT_MONEY:
        return k == 0 ? put(buf, cap, "#$%.12g", f->value) : 0;
    case FACT_ORDINAL:
        return k == 0 ? put(buf, cap, "#o%.12g", f->value) : 0;
    case FACT_VERSION:
        return k == 0 ? put(buf, cap, "#v%s", f->version) : 0;
    case FACT_TIME: /* on a twelve-hour dial: "8:00" finds "8am" and "8pm" */
        return k == 0 ? put(buf, cap, "#t%d", (int)f->value % 720) : 0;
    case FACT_DATE: {
        unsigned i = 0;
        if (f->year && i++ == k)
            return f->year_span ? put(buf, cap, "#y%ds", f->year) : put(buf, cap, "#y%d", f->year);
        if (f->month && i++ == k) return put(buf, cap, "#m%d", f->month);
        if (f->month && f->day && i++ == k) return put(buf, cap, "#d%d-%d", f->month, f->day);
        if (f->weekday && i++ == k) return put(buf, cap, "#w%d", f->weekday);
        return 0;
    }
    }
    return 0;
}

size_t fact_format(const fact *f, char *buf, size_t cap) {
    if (cap == 0) return 0;
    switch (f->kind) {
    case FACT_NUMBER:
        return f->unit[0] ? put(buf, cap, "%.12g %s", f->value, f->unit)
                          : put(buf, cap, "%.12g", f->value);
    case FACT_PERCENT:
        return put(buf, cap, "%.12g%%", f->value);
    case FACT_MONEY:
        return put(buf, cap, "%.12g %s", f->value, f->unit);
    case FACT_ORDINAL:
        return put(buf, cap, "#%.12g", f->value);
    case FACT_VERSION:
        return put(buf, cap, "v%s", f->version);
    case FACT_TIME:
        return put(buf, cap, "T%02d:%02d%s", (int)f->value / 60, (int)f->value % 60,
                   f->either_half ? " or +12h" : "");
    case FACT_DATE: {
        size_t n = 0;
        if (f->weekday)
            n += put(buf + n, cap - n, "%s%s", weekdays[f->weekday - 1],
                     f->year || f->month ? " " : "");
        if (f->year && f->year_span)
            n += put(buf + n, cap - n, "%ds", f->year);
        else if (f->year)
            n += put(buf + n, cap - n, "%04d", f->year);
        else if (f->month)
            n += put(buf + n, cap - n, "-");
        if (f->month) n += put(buf + n, cap - n, "-%02d", f->month);
        if (f->day) n += put(buf + n, cap - n, "-%02d", f->day);
        return n;
    }
    }
    buf[0] = '\0';
    return 0;
}
