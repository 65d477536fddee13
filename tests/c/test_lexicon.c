/* test_lexicon.c — the lexicon (src/lexicon.c) holds only what WordNet
 * does not: every synonym group has pairs WordNet does not relate, no
 * antonym pair is one WordNet already opposes, and the lists are well
 * formed (folded words, no word in two groups). */
#include "lexicon.h"
#include "lexrel.h"
#include "spelling.h"
#include "tap.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const char *want;
    int anto, found;
} probe;

/* A relation as strong as this is one the lexicon need not give: WordNet's
 * weaker ones (a hypernym, a gloss word, a rare sense) leave the lexicon's
 * group its use. */
#define STRONG 0.75

static int visit(void *ctx, const char *lemma, size_t n, lex_rel rel, double strength) {
    probe *p = ctx;
    if ((rel == LEX_ANTONYM) == p->anto && (p->anto || strength >= STRONG) &&
        strlen(p->want) == n && !memcmp(lemma, p->want, n))
        p->found = 1;
    return 0;
}

/* WordNet relates a to b (or one of b's base forms) strongly, as an antonym
 * when anto. */
static int related(const wordnet *wn, const char *a, const char *b, int anto) {
    lex_forms fa;
    lex_forms_of(wn, a, strlen(a), &fa);
    for (int pos = 0; pos < WN_NPOS; pos++) {
        char base[4][WN_MAX_LEMMA];
        size_t nb = wn_base_forms(wn, (wn_pos)pos, b, strlen(b), base, 4);
        for (size_t k = 0; k < nb; k++) {
            probe p = {base[k], anto, 0};
            lex_related(wn, &fa, visit, &p);
            if (p.found) return 1;
        }
    }
    return 0;
}

static int folded(const char *w) {
    for (; *w; w++)
        if (!((*w >= 'a' && *w <= 'z') || *w == '-')) return 0;
    return 1;
}

static void well_formed(void) {
    size_t bad = 0, twice = 0, words = 0;
    for (size_t g = 0; dossier_synonyms[g]; g++) {
        char buf[512];
        snprintf(buf, sizeof buf, "%s", dossier_synonyms[g]);
        for (char *w = strtok(buf, " "); w; w = strtok(NULL, " ")) {
            words++;
            if (!folded(w)) bad++;
            for (size_t h = g + 1; dossier_synonyms[h]; h++) {
                char other[512];
                snprintf(other, sizeof other, " %s ", dossier_synonyms[h]);
                char key[80];
                snprintf(key, sizeof key, " %s ", w);
                if (strstr(other, key)) twice++;
            }
        }
    }
    ok(words > 0 && bad == 0, "the synonym groups hold folded words (%zu words)", words);
    is_int((long)twice, 0, "no word is in two groups");
    size_t pairs = 0, malformed = 0;
    for (size_t k = 0; dossier_antonyms[k]; k++, pairs++) {
        const char *bar = strstr(dossier_antonyms[k], " | ");
        if (!bar || bar == dossier_antonyms[k] || !bar[3] || strchr(bar + 3, '|')) malformed++;
        for (const char *p = dossier_antonyms[k]; *p; p++)
            if (!(*p == ' ' || *p == '|' || (*p >= 'a' && *p <= 'z'))) malformed++;
    }
    ok(pairs > 0 && malformed == 0, "each antonym entry is 'words | words', folded (%zu)", pairs);
    size_t cues = 0;
    for (; dossier_negations[cues]; cues++)
        if (!folded(dossier_negations[cues])) malformed++;
    ok(cues > 0 && malformed == 0, "negation cues are folded words (%zu)", cues);
    size_t exprs = 0, spaced = 0;
    for (; dossier_uncertainty[exprs]; exprs++) {
        const char *e = dossier_uncertainty[exprs];
        if (!*e || *e == ' ' || e[strlen(e) - 1] == ' ' || strstr(e, "  ")) spaced++;
        for (const char *p = e; *p; p++)
            if (!(*p == ' ' || (*p >= 'a' && *p <= 'z'))) spaced++;
    }
    ok(exprs > 0 && spaced == 0,
       "expressions of uncertainty are folded words, one space apart (%zu)", exprs);
}

static void against_wordnet(void) {
    wordnet *wn = NULL;
    dossier_error err;
    if (wn_open("/usr/share/wordnet", &wn, &err) != DOSSIER_OK) {
        skip("wordnet-base is not installed: the lexicon is not compared with it");
        return;
    }
    for (size_t g = 0; dossier_synonyms[g]; g++) {
        char buf[512];
        const char *w[32];
        size_t n = 0;
        snprintf(buf, sizeof buf, "%s", dossier_synonyms[g]);
        for (char *t = strtok(buf, " "); t && n < 32; t = strtok(NULL, " "))
            w[n++] = t;
        size_t missing = 0, all = 0;
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++) {
                if (i == j) continue;
                all++;
                char sp[8][SPELLING_MAX];
                size_t k = spelling_variants(w[i], strlen(w[i]), sp, 8), v = 0;
                int same = 0;
                for (; v < k && !same; v++)
                    same = !strcmp(sp[v], w[j]);
                if (!same && !related(wn, w[i], w[j], 0)) missing++;
            }
        ok(missing > 0, "group '%s': WordNet lacks %zu of its %zu relations", w[0], missing, all);
    }
    for (size_t k = 0; dossier_antonyms[k]; k++) {
        char buf[512];
        snprintf(buf, sizeof buf, "%s", dossier_antonyms[k]);
        char *bar = strchr(buf, '|');
        if (!bar) continue;
        *bar = '\0';
        const char *left[32], *right[32];
        size_t nl = 0, nr = 0, missing = 0;
        for (char *t = strtok(buf, " "); t && nl < 32; t = strtok(NULL, " "))
            left[nl++] = t;
        for (char *t = strtok(bar + 1, " "); t && nr < 32; t = strtok(NULL, " "))
            right[nr++] = t;
        for (size_t i = 0; i < nl; i++)
            for (size_t j = 0; j < nr; j++)
                missing += !related(wn, left[i], right[j], 1) && !related(wn, right[j], left[i], 1);
        ok(missing > 0, "antonyms '%s': WordNet lacks %zu of its %zu pairs", dossier_antonyms[k],
           missing, nl * nr);
    }
    /* the class is the lexicon's: WordNet relates few of its words */
    size_t missing = 0, all = 0;
    for (size_t i = 0; dossier_uncertainty[i]; i++)
        for (size_t j = 0; dossier_uncertainty[j]; j++) {
            const char *a = dossier_uncertainty[i], *b = dossier_uncertainty[j];
            if (i == j || strchr(a, ' ') || strchr(b, ' ')) continue;
            all++;
            missing += !related(wn, a, b, 0);
        }
    ok(missing > 0, "uncertainty: WordNet lacks %zu of the %zu relations of its words", missing,
       all);
    wn_close(wn);
}

int main(void) {
    well_formed();
    against_wordnet();
    return done_testing();
}
