/* test_spelling.c — British/American spelling variants (src/spelling.c),
 * unit cases and a measure of the rules against Debian's word lists
 * (wbritish, wamerican) when they are installed. */
#include "spelling.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int has_variant(const char *w, const char *want) {
    char out[16][SPELLING_MAX];
    size_t k = spelling_variants(w, strlen(w), out, 16);
    for (size_t i = 0; i < k; i++)
        if (strcmp(out[i], want) == 0) return 1;
    return 0;
}

static void pairs(void) {
    static const char *const both_ways[][2] = {{"armoured", "armored"},
                                               {"colour", "color"},
                                               {"behaviours", "behaviors"},
                                               {"programme", "program"},
                                               {"programmes", "programs"},
                                               {"travelled", "traveled"},
                                               {"travelling", "traveling"},
                                               {"modeller", "modeler"},
                                               {"centre", "center"},
                                               {"centres", "centers"},
                                               {"theatre", "theater"},
                                               {"fibre", "fiber"},
                                               {"recognised", "recognized"},
                                               {"organisation", "organization"},
                                               {"analyse", "analyze"},
                                               {"paralysed", "paralyzed"},
                                               {"catalogue", "catalog"},
                                               {"dialogues", "dialogs"},
                                               {"defence", "defense"},
                                               {"licence", "license"},
                                               {"grey", "gray"},
                                               {"sceptical", "skeptical"},
                                               {"manoeuvres", "maneuvers"},
                                               {"favourite", "favorite"},
                                               {"neighbouring", "neighboring"},
                                               {"fulfilment", "fulfillment"}};
    for (size_t i = 0; i < sizeof both_ways / sizeof *both_ways; i++) {
        ok(has_variant(both_ways[i][0], both_ways[i][1]), "%s -> %s", both_ways[i][0],
           both_ways[i][1]);
        ok(has_variant(both_ways[i][1], both_ways[i][0]), "%s -> %s", both_ways[i][1],
           both_ways[i][0]);
    }
    static const char *const alone[] = {"four", "hour", "your", "pour", "flour", "tour", "our"};
    for (size_t i = 0; i < sizeof alone / sizeof *alone; i++) {
        char out[4][SPELLING_MAX];
        ok(spelling_variants(alone[i], strlen(alone[i]), out, 4) == 0, "%s has no other spelling",
           alone[i]);
    }
    char out[2][SPELLING_MAX];
    ok(spelling_variants("armoured", 8, out, 1) == 1, "max is respected");
    char long_word[SPELLING_MAX + 8];
    memset(long_word, 'o', sizeof long_word - 1);
    long_word[sizeof long_word - 1] = '\0';
    ok(spelling_variants(long_word, strlen(long_word), out, 2) == 0,
       "a word too long is left alone");
}

/* ------------------------------------------------------------ the word lists */

typedef struct {
    strmap words;
    size_t n;
} word_set;

static int load_list(const char *path, word_set *s) {
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    char line[256];
    while (fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\r\n");
        int plain = n > 0;
        for (size_t i = 0; i < n && plain; i++)
            plain = line[i] >= 'a' && line[i] <= 'z';
        if (plain && strmap_put(&s->words, line, n, 1)) s->n++;
    }
    fclose(f);
    return 1;
}

static int in(const word_set *s, const char *w) {
    return strmap_get(&s->words, w, strlen(w)) >= 0;
}

/* Over the words only one list has, how often the rules give the other
 * list's spelling (recall); over the words both lists have, how often a rule
 * gives another word both lists have (a false pair a corpus could hold). */
static void word_lists(void) {
    word_set uk = {{0}, 0}, us = {{0}, 0};
    if (!load_list("/usr/share/dict/british-english", &uk) ||
        !load_list("/usr/share/dict/american-english", &us)) {
        skip("wbritish/wamerican not installed: the rules are not measured");
        strmap_free(&uk.words);
        strmap_free(&us.words);
        return;
    }
    size_t uk_only = 0, uk_found = 0, fired = 0, false_pairs = 0, common = 0;
    for (size_t i = 0; i < uk.words.cap; i++) {
        const char *w = uk.words.keys[i];
        if (!w) continue;
        char out[16][SPELLING_MAX];
        size_t k = spelling_variants(w, strlen(w), out, 16);
        if (!in(&us, w)) {
            uk_only++;
            for (size_t j = 0; j < k; j++)
                if (in(&us, out[j]) && !in(&uk, out[j])) {
                    uk_found++;
                    break;
                }
        } else {
            common++;
            if (k) fired++;
            for (size_t j = 0; j < k; j++)
                if (in(&us, out[j]) && in(&uk, out[j])) {
                    false_pairs++;
                    break;
                }
        }
    }
    note("word lists: %zu British-only words, the rules give the American spelling of %zu "
         "(%.1f%%); of %zu words in both lists a rule fires on %zu and pairs %zu with another "
         "common word (%.2f%%)",
         uk_only, uk_found, 100.0 * uk_found / (uk_only ? uk_only : 1), common, fired, false_pairs,
         100.0 * false_pairs / (common ? common : 1));
    ok(uk_found * 100 >= uk_only * 40,
       "the rules spell at least 40%% of British-only words the "
       "American way (%zu of %zu)",
       uk_found, uk_only);
    ok(false_pairs * 100 <= common,
       "at most 1%% of common words pair with another common word "
       "(%zu of %zu)",
       false_pairs, common);
    strmap_free(&uk.words);
    strmap_free(&us.words);
}

int main(void) {
    pairs();
    word_lists();
    return done_testing();
}
