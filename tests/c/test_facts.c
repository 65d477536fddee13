/* test_facts.c — fact tokens (src/facts.c): what is read as one value, its
 * canonical form, and which values conflict. */
#include "facts.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    token_list t;
    fact_list f;
    const char *text;
} parsed;

static parsed parse(const char *text) {
    parsed p = {{0}, {0}, text};
    if (tokenize(text, strlen(text), &p.t) || find_facts(text, strlen(text), &p.t, &p.f)) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return p;
}

static void release(parsed *p) {
    fact_list_free(&p->f);
    token_list_free(&p->t);
}

/* All facts of text as "written=canonical" separated by " | ". */
static void reads(const char *text, const char *want) {
    parsed p = parse(text);
    strbuf b = {0};
    for (size_t i = 0; i < p.f.n; i++) {
        char v[64];
        fact_format(&p.f.v[i], v, sizeof v);
        if (i) sb_puts(&b, " | ");
        sb_append(&b, text + p.f.v[i].start, p.f.v[i].end - p.f.v[i].start);
        sb_putc(&b, '=');
        sb_puts(&b, v);
    }
    char *got = sb_take(&b);
    is_str(got ? got : "", want, text);
    free(got);
    release(&p);
}

static void test_reading(void) {
    /* dates in their common forms */
    reads("They met on September 13.", "September 13=--09-13");
    reads("They met on 13 September 2023.", "13 September 2023=2023-09-13");
    reads("on Sept. 13, 2023 at noon", "Sept. 13, 2023=2023-09-13 | noon=T12:00");
    reads("Sept. 13 was a Wednesday", "Sept. 13=--09-13 | Wednesday=wednesday");
    reads("published 2023-10-04 by", "2023-10-04=2023-10-04");
    reads("the 13th of September", "13th of September=--09-13");
    reads("On Wednesday, September 13, 2023, they met.",
          "Wednesday, September 13, 2023=wednesday 2023-09-13");
    reads("in October and in late November 2023", "October=--10 | November 2023=2023-11");
    reads("since 2019, in the 1990s", "2019=2019 | 1990s=1990s");
    /* the verb "may" and the verb "march" are no months */
    reads("Kim may visit. Troops march on.", "");
    reads("In May the talks resumed.", "May=--05");
    reads("May 5 was chosen.", "May 5=--05-05");
    reads("the august body", "");
    /* numbers */
    reads("XZ 5.6.1 replaced 5.4.6", "5.6.1=v5.6.1 | 5.4.6=v5.4.6");
    reads("version v2.1 of it", "v2.1=v2.1");
    reads("a 3.5 rise", "3.5=3.5 rise");
    reads("trade shot up to 96.7% as of 2022", "96.7%=96.7% | 2022=2022");
    reads("96.7 percent and 5 per cent", "96.7 percent=96.7% | 5 per cent=5%");
    reads("the 21st century", "21st=#21");
    reads("for the third time", "third=#3");
    reads("it took a second", "");
    reads("It cost $1.8 million.", "$1.8 million=1800000 usd");
    reads("about US$5bn and 3 billion euros",
          "US$5bn=5000000000 usd | 3 billion euros=3000000000 eur");
    reads("twelve delegates, thirty-three ships", "twelve=12 delegate | thirty-three=33 ship");
    reads("a million shells", "a million=1000000 shell");
    reads("one hundred and five people",
          "one hundred and five=105 person"); /* people counted as one unit */
    reads("one of them", "");
    reads("a five-hour meeting and two hours later", "five=5 hour | two=2 hour");
    reads("a two-decade gap; a 20-year hiatus", "two=20 year | 20=20 year");
    reads("1,000,000 troops", "1,000,000=1000000 troop");
    reads("2,000 soldiers in 2015", "2,000=2000 soldier | 2015=2015");
    reads("COVID-19 and Malligyong-1", "19=19 covid | 1=1 malligyong");
    reads("two three", "two=2 | three=3");
    reads("the A320 and 4G", "");
    /* a length's unit glued to the digits; "m" is metres beside a length,
     * millions otherwise or after a currency sign */
    reads("winched up a 624m (2,047ft) shaft", "624m=624 metre | 2,047ft=2047 foot");
    reads("a 624-metre shaft, 700 meters down", "624=624 metre | 700=700 metre");
    reads("some 800km north", "800km=800 kilometre");
    /* a plural in -es after a hiss is its unit's: "inches" is the inch */
    reads("six inches across, a 6-inch-wide tunnel, three boxes",
          "six=6 inch | 6=6 inch | three=3 box");
    /* spans of time: a century and a decade are years, half of one too */
    reads("for more than a century, for over a decade", "a=100 year | a=10 year");
    reads("half a century later", "half a=50 year");
    reads("a century-old church", "a=100 year old");
    /* money in words and with the country beside the sign or the word */
    reads("half a million US dollars", "half a million US dollars=500000 usd");
    reads("It is claiming $US500,000 ($559,000) each",
          "$US500,000=500000 usd | $559,000=559000 usd");
    reads("two million Australian dollars", "two million Australian dollars=2000000 aud");
    reads("the US500 and half the men", ""); /* no sign before it: a code */
    /* times of day, with am or pm known or not */
    reads("just after 8am Chilean time", "8am=T08:00");
    reads("at 8 a.m. and at 8:30pm", "8 a.m.=T08:00 | 8:30pm=T20:30");
    reads("at 10:15, at noon, at midnight", "10:15=T10:15 or +12h | noon=T12:00 | midnight=T00:00");
    reads("shortly after eight in the morning", "eight in the morning=T08:00");
    reads("at a quarter past three in the afternoon",
          "a quarter past three in the afternoon=T15:15");
    reads("half past eight, ten minutes to nine, ten at night",
          "half past eight=T08:30 or +12h | ten minutes to nine=T08:50 or +12h | "
          "ten at night=T22:00");
    reads("eight o'clock", "eight o'clock=T08:00 or +12h");
    reads("eight o\xe2\x80\x99"
          "clock",
          "eight o\xe2\x80\x99"
          "clock=T08:00 or +12h");
    reads("at 14:30 in the afternoon", "14:30=T14:30");
    reads("at 2:30 in the afternoon", "2:30 in the afternoon=T14:30");
    /* and what is no time */
    reads("from two to five", "two=2 | five=5");
    reads("the 8.30 train", "8.30=8.3 train");
    reads("I am here", "");
    reads("5m people and \xc2\xa3"
          "624m (2,047ft)",
          "5m=5000000 person | \xc2\xa3"
          "624m=624000000 gbp | 2,047ft=2047 foot");
}

/* ------------------------------------------------------------ comparison */

static fact first_fact(const char *text) {
    parsed p = parse(text);
    fact f = {0};
    if (p.f.n) f = p.f.v[0];
    release(&p);
    return f;
}

static void compares(const char *a, const char *b, fact_relation want) {
    fact x = first_fact(a), y = first_fact(b);
    static const char *const names[] = {"unrelated", "same", "conflict"};
    fact_relation got = fact_compare(&x, &y);
    ok(got == want, "%s / %s: %s (want %s)", a, b, names[got], names[want]);
}

static void test_compare(void) {
    compares("September 13", "13 September 2023", FACT_SAME);
    compares("Sept. 13", "2023-09-13", FACT_SAME);
    compares("September 13", "September 20", FACT_CONFLICT);
    compares("in October", "in December", FACT_CONFLICT);
    compares("in 2015", "in 2019", FACT_CONFLICT);
    compares("in 2023", "on September 13", FACT_UNRELATED);
    compares("the 1990s", "in 1995", FACT_SAME);
    compares("on Tuesday", "on Wednesday", FACT_CONFLICT);
    compares("5.4.6", "6.5.4", FACT_CONFLICT);
    compares("5.4.6", "5.4.6", FACT_SAME);
    compares("96.7%", "96.7 percent", FACT_SAME);
    compares("96.7%", "76.7%", FACT_CONFLICT);
    compares("two hours", "five-hour", FACT_CONFLICT);
    compares("two hours", "two satellites", FACT_UNRELATED);
    compares("for ten years", "a 31-year-old", FACT_UNRELATED); /* a duration, an age */
    compares("a 31-year-old", "aged 31 years old", FACT_SAME);
    compares("a six-member team", "six people", FACT_SAME);
    compares("a six-member team", "a four-person team", FACT_CONFLICT);
    compares("a hundred-year era", "100-year friendship", FACT_SAME);
    compares("two-decade gap", "20-year hiatus", FACT_SAME);
    compares("$1.8 million", "1.8 million dollars", FACT_SAME);
    compares("$1.8 million", "$2 million", FACT_CONFLICT);
    compares("the 21st", "the 22nd", FACT_CONFLICT);
    compares("5.4.6", "5.4", FACT_UNRELATED); /* a version and a number */
    compares("for over a hundred years", "for more than a century", FACT_SAME);
    compares("for two hundred years", "for more than a century", FACT_CONFLICT);
    compares("two decades", "20 years", FACT_SAME);
    compares("half a million US dollars", "$US500,000", FACT_SAME);
    compares("five million US dollars", "$US500,000", FACT_CONFLICT);
    compares("500,000 euros", "$500,000", FACT_UNRELATED); /* two currencies */
    compares("eight in the morning", "8am", FACT_SAME);
    compares("eight in the morning", "8pm", FACT_CONFLICT);
    compares("eight in the morning", "9am", FACT_CONFLICT);
    compares("8:00", "8pm", FACT_SAME); /* no half of the day given */
    compares("8:00", "8:30 pm", FACT_CONFLICT);
    compares("a quarter past three in the afternoon", "3:15 pm", FACT_SAME);
    compares("a quarter past three in the afternoon", "3:15 am", FACT_CONFLICT);
    compares("at noon", "12pm", FACT_SAME);
    compares("at midnight", "12 a.m.", FACT_SAME);
    compares("at noon", "at 8am", FACT_CONFLICT);
    compares("at 8am", "8 soldiers", FACT_UNRELATED); /* never on shared digits */
}

static void test_terms(void) {
    fact a = first_fact("Sept. 13, 2023"), b = first_fact("13 September");
    char t[32];
    ok(fact_term(&a, 0, t, sizeof t) && strcmp(t, "#y2023") == 0,
       "a date's first term is its year");
    ok(fact_term(&a, 2, t, sizeof t) && strcmp(t, "#d9-13") == 0, "then month and day");
    ok(fact_term(&a, 3, t, sizeof t) == 0, "three terms for a full date");
    char u[32];
    ok(fact_term(&b, 1, u, sizeof u) && strcmp(u, "#d9-13") == 0, "13 September shares it");
    fact v = first_fact("5.4.6");
    ok(fact_term(&v, 0, t, sizeof t) && strcmp(t, "#v5.4.6") == 0, "a version is one term");
    ok(fact_term(&v, 0, t, 3) == 2 && strcmp(t, "#v") == 0, "a short buffer is cut, terminated");
    is_str(fact_conflict_kind(&a), "date", "a date's conflict kind");
    is_str(fact_conflict_kind(&v), "number", "a version's conflict kind");
}

/* Hostile text: nothing read past the end, nothing absurd. */
static void test_edges(void) {
    reads("", "");
    reads("9", "9=9");
    reads("$", "");
    reads("1.", "1=1");
    reads("1.2.", "1.2=1.2");
    reads("2023-09-1", "2023=2023 | 09=9 | 1=1");
    reads("99999999999999999999999 ships", "99999999999999999999999=1e+23 ship");
    reads("September", "September=--09");
    reads("September 99", "September=--09 | 99=99");
    const char *many = "1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1";
    parsed p = parse(many);
    ok(p.f.n == 1 && p.f.v[0].kind == FACT_VERSION && strlen(p.f.v[0].version) < FACT_UNIT_MAX,
       "a very long version is one fact, its text cut");
    release(&p);
}

int main(void) {
    test_reading();
    test_compare();
    test_terms();
    test_edges();
    return done_testing();
}
