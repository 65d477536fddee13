/* test_rank.c — corroboration ranking, quotation checking and finding
 * quotations in a draft, on the default corpus. */
#include "dossier.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static dossier_corpus *C;

static const char *article_of(size_t passage) {
    const dossier_passage *p = dossier_passage_at(C, passage);
    return p ? dossier_article_at(C, p->article)->id : "-";
}

/* Does passage p's text contain needle? */
static int passage_has(size_t passage, const char *needle) {
    const dossier_passage *p = dossier_passage_at(C, passage);
    if (!p) return 0;
    const dossier_article *a = dossier_article_at(C, p->article);
    size_t n = strlen(needle);
    for (size_t i = p->start; i + n <= p->end; i++)
        if (memcmp(a->text + i, needle, n) == 0) return 1;
    return 0;
}

/* Is `term` one of the space-separated words of `list`? */
static int has_term(const char *list, const char *term) {
    size_t n = strlen(term);
    for (const char *s = list; s && *s;) {
        const char *e = strchr(s, ' ');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len == n && memcmp(s, term, n) == 0) return 1;
        s = e ? e + 1 : s + len;
    }
    return 0;
}

static dossier_corroboration corroborate(const char *text, size_t limit) {
    dossier_corroboration r;
    dossier_error err;
    dossier_corroborate_opts o = {limit};
    dossier_status s = dossier_corroborate(C, text, strlen(text), &o, &r, &err);
    if (s) diag("dossier_corroborate: %s", err.message);
    return r;
}

/* Hits are prose, best first, with coverage in [0, 1] and matched terms. */
static void check_hits(const dossier_corroboration *r, const char *name) {
    size_t not_prose = 0, unsorted = 0, bad_cov = 0, no_terms = 0;
    for (size_t k = 0; k < r->n; k++) {
        const dossier_hit *h = &r->hits[k];
        const dossier_passage *p = dossier_passage_at(C, h->passage);
        if (!p || p->kind != DOSSIER_PROSE) not_prose++;
        if (k && h->score > r->hits[k - 1].score) unsorted++;
        if (!(h->coverage >= 0 && h->coverage <= 1)) bad_cov++;
        if (!h->matched || !*h->matched) no_terms++;
    }
    is_int(not_prose, 0, name);
    ok(unsorted == 0 && bad_cov == 0 && no_terms == 0,
       "  hits best first, coverage in [0,1], matched terms given");
}

static void test_corroborate(void) {
    const char *claim =
        "Kim Jong Il confirmed that North Korea is ready to return to the Six Party Talks.";
    dossier_corroboration r = corroborate(claim, 0);
    ok(r.corroborated, "a near-verbatim claim is corroborated");
    ok(r.n >= 1 && r.n <= 5, "  at most 5 hits by default (%zu)", r.n);
    if (r.n) {
        is_str(article_of(r.hits[0].passage), "38north-2011", "  top hit in 38north-2011");
        ok(passage_has(
               r.hits[0].passage,
               "Kim Jong Il confirmed that North Korea is ready to return to the Six Party Talks"),
           "  top hit holds that sentence");
        ok(has_term(r.hits[0].matched, "@north-korea"), "  matched terms include @north-korea (%s)",
           r.hits[0].matched);
        ok(has_term(r.hits[0].matched, "@kim-jong-il"), "  and @kim-jong-il");
        ok(r.hits[0].coverage >= r.threshold, "  top hit coverage %.2f clears the threshold %.2f",
           r.hits[0].coverage, r.threshold);
    }
    ok(r.n_sources >= 1, "  at least one source (%zu)", r.n_sources);
    ok(r.threshold > 0 && r.threshold < 1, "  the threshold is in (0,1) (%.2f)", r.threshold);
    check_hits(&r, "  no furniture or heading among the hits");
    dossier_corroboration_free(&r);

    r = corroborate("The DPRK's leader travelled by armoured train to Russia's Far East.", 0);
    ok(r.corroborated, "an alias paraphrase (DPRK, armoured, travelled) is corroborated");
    if (r.n) {
        is_str(article_of(r.hits[0].passage), "summit-2023", "  top hit in summit-2023");
        ok(passage_has(r.hits[0].passage, "armored train"), "  top hit says 'armored train'");
        ok(has_term(r.hits[0].matched, "@north-korea"), "  DPRK matched as @north-korea (%s)",
           r.hits[0].matched);
    }
    check_hits(&r, "  no furniture or heading among the hits");
    dossier_corroboration_free(&r);

    r = corroborate("Putin and Kim met at the Vostochny Cosmodrome on September 12.", 0);
    ok(!r.corroborated, "a claim with a wrong date is not corroborated");
    is_int(r.n_sources, 0, "  no source");
    size_t over = 0;
    for (size_t k = 0; k < r.n; k++)
        over += r.hits[k].coverage >= r.threshold;
    is_int(over, 0, "  no hit clears the threshold");
    check_hits(&r, "  no furniture or heading among the hits");
    dossier_corroboration_free(&r);

    r = corroborate("Putin and Kim met at the Vostochny Cosmodrome on September 13.", 0);
    ok(r.corroborated, "the same claim with the right date is corroborated");
    if (r.n) ok(passage_has(r.hits[0].passage, "September 13"), "  top hit says September 13");
    dossier_corroboration_free(&r);

    r = corroborate("Purple elephants compose sonatas on the moon.", 0);
    ok(!r.corroborated, "off-topic nonsense is not corroborated");
    is_int(r.n_sources, 0, "  no source");
    dossier_corroboration_free(&r);

    r = corroborate("", 0);
    ok(r.n == 0 && !r.corroborated, "empty text: 0 hits, not corroborated");
    dossier_corroboration_free(&r);
    r = corroborate("the of and a to", 0);
    ok(r.n == 0 && !r.corroborated, "stop words only: 0 hits");
    dossier_corroboration_free(&r);

    r = corroborate(
        "Subscribe to our newsletter. Stay informed. Click the share button. Disclaimer.", 10);
    check_hits(&r, "a query of furniture words finds no furniture passage");
    dossier_corroboration_free(&r);

    const char *broad =
        "Russia and North Korea discussed military cooperation, satellites and sanctions.";
    r = corroborate(broad, 2);
    is_int(r.n, 2, "limit 2 gives 2 hits");
    dossier_corroboration_free(&r);
    r = corroborate(broad, 1);
    is_int(r.n, 1, "limit 1 gives 1 hit");
    dossier_corroboration_free(&r);
    r = corroborate(broad, 0);
    is_int(r.n, 5, "limit 0 means 5");
    dossier_corroboration_free(&r);
    r = corroborate(broad, 100000);
    ok(r.n > 5 && r.n <= dossier_passage_count(C), "a huge limit gives at most every passage (%zu)",
       r.n);
    check_hits(&r, "  not one furniture or heading passage among them all");
    dossier_corroboration_free(&r);

    dossier_error err;
    dossier_corroboration z;
    is_int(dossier_corroborate(C, claim, strlen(claim), NULL, &z, &err), DOSSIER_OK,
           "NULL opts is allowed");
    ok(z.n >= 1 && z.n <= 5, "  with the default limit");
    dossier_corroboration_free(&z);
    is_int(dossier_corroborate(NULL, claim, 3, NULL, &z, &err), DOSSIER_ERR_ARG,
           "NULL corpus is ERR_ARG");
    is_int(dossier_corroborate(C, NULL, 3, NULL, &z, &err), DOSSIER_ERR_ARG,
           "NULL text with a length is ERR_ARG");
    is_int(dossier_corroborate(C, claim, 3, NULL, NULL, &err), DOSSIER_ERR_ARG,
           "NULL out is ERR_ARG");
    dossier_corroboration_free(NULL);
    memset(&z, 0, sizeof z);
    dossier_corroboration_free(&z);
    pass("dossier_corroboration_free accepts NULL and a zeroed struct");

    /* invalid bytes in a claim */
    static const char bad[] =
        "Kim Jong Il \xFF confirmed \0 North Korea \xC3 ready Six Party Talks";
    is_int(dossier_corroborate(C, bad, sizeof bad - 1, NULL, &z, &err), DOSSIER_OK,
           "a claim with NUL and invalid bytes is OK");
    dossier_corroboration_free(&z);
}

/* ------------------------------------------------------------ quotations */

static dossier_quote_result check(const char *q, dossier_status *s) {
    dossier_quote_result r;
    dossier_error err;
    *s = dossier_check_quote(C, q, strlen(q), &r, &err);
    if (*s && *s != DOSSIER_ERR_LIMIT) diag("dossier_check_quote: %s", err.message);
    return r;
}

/* The result's source, article, passage and line/col agree with the article text. */
static void check_source(const dossier_quote_result *r, const char *article, const char *name) {
    const dossier_article *a = dossier_article_at(C, r->article);
    is_str(a ? a->id : NULL, article, name);
    if (!a) return;
    ok(r->start < r->end && r->end <= a->text_len, "  source range inside the article");
    ok(r->source && strlen(r->source) == r->end - r->start &&
           memcmp(r->source, a->text + r->start, r->end - r->start) == 0,
       "  source is the article's bytes [start, end)");
    unsigned line = 1, col = 1;
    for (size_t i = 0; i < r->start; i++) {
        if (a->text[i] == '\n')
            line++, col = 1;
        else
            col++;
    }
    ok(r->line == line && r->col == col, "  line/col %u:%u point at its first byte (%u:%u)",
       r->line, r->col, line, col);
    const dossier_passage *p = dossier_passage_at(C, r->passage);
    ok(p && p->article == r->article && p->start <= r->start && r->start < p->end,
       "  passage holds its start");
}

static void test_check_quote(void) {
    dossier_status s;
    dossier_quote_result r = check(
        "kim jong il CONFIRMED that north korea is ready to return to the six party talks", &s);
    is_int(s, DOSSIER_OK, "checking a quotation is OK");
    is_int(r.verdict, DOSSIER_QUOTE_EXACT, "different case: exact");
    ok(r.similarity == 1.0, "  similarity 1.0");
    check_source(&r, "38north-2011", "  from 38north-2011");
    is_str(r.source,
           "Kim Jong Il confirmed that North Korea is ready to return to the Six Party Talks",
           "  the source wording");
    is_int(r.line, 16, "  on line 16");
    dossier_quote_result_free(&r);

    r = check("Kim\xE2\x80\x99s declaration of his support for Putin's \"sacred\nfight\" should "
              "thus be interpreted",
              &s);
    is_int(r.verdict, DOSSIER_QUOTE_EXACT, "straight for curly quotes and a line break: exact");
    check_source(&r, "hankyoreh-2023", "  from hankyoreh-2023");
    is_str(r.source,
           "Kim\xE2\x80\x99s declaration of his support for Putin\xE2\x80\x99s \xE2\x80\x9Csacred "
           "fight\xE2\x80\x9D "
           "should thus be interpreted",
           "  the source wording with its curly quotes");
    dossier_quote_result_free(&r);

    r = check("Kim Jong Il confirmed that South Korea is ready to return to the Six Party Talks",
              &s);
    is_int(r.verdict, DOSSIER_QUOTE_ALTERED, "one word changed: altered");
    ok(r.similarity > 0.5 && r.similarity < 1.0, "  similarity in (0.5, 1) (%.3f)", r.similarity);
    check_source(&r, "38north-2011", "  from 38north-2011");
    is_str(r.source,
           "Kim Jong Il confirmed that North Korea is ready to return to the Six Party Talks",
           "  the source wording says North Korea");
    dossier_quote_result_free(&r);

    r = check("Kim Jong Il confirmed that North Korea is ready to go back to the Six Party Talks",
              &s);
    is_int(r.verdict, DOSSIER_QUOTE_ALTERED, "a paraphrased phrase: altered");
    ok(r.source &&
           strncmp(
               r.source,
               "Kim Jong Il confirmed that North Korea is ready to return to the Six Party Talks",
               79) == 0,
       "  the source wording says 'return to' (%s)", r.source ? r.source : "NULL");
    dossier_quote_result_free(&r);

    r = check("Kim Jong Il confirmed, that North Korea is ready", &s);
    is_int(r.verdict, DOSSIER_QUOTE_ALTERED, "an added comma: altered, not exact");
    ok(r.similarity < 1.0, "  similarity below 1 (%.3f)", r.similarity);
    dossier_quote_result_free(&r);

    r = check("Purple elephants compose sonatas on the moon tonight", &s);
    is_int(s, DOSSIER_OK, "checking nonsense is OK");
    is_int(r.verdict, DOSSIER_QUOTE_NONE, "nonsense: none");
    ok(r.source == NULL, "  no source");
    dossier_quote_result_free(&r);

    r = check("", &s);
    ok(s == DOSSIER_OK && r.verdict == DOSSIER_QUOTE_NONE && r.source == NULL, "empty quote: none");
    dossier_quote_result_free(&r);
    r = check(" \xE2\x80\x9C \xE2\x80\x9D ... ", &s);
    ok(s == DOSSIER_OK && r.verdict == DOSSIER_QUOTE_NONE,
       "quote marks and punctuation only: none");
    dossier_quote_result_free(&r);

    /* 500 words */
    size_t len = 500 * 5;
    char *big = malloc(len + 1);
    if (!big) exit(254);
    for (size_t i = 0; i < 500; i++)
        memcpy(big + i * 5, "word ", 5);
    big[len] = '\0';
    r = check(big, &s);
    is_int(s, DOSSIER_ERR_LIMIT, "a 500-word quote is ERR_LIMIT");
    ok(r.verdict == DOSSIER_QUOTE_NONE && r.source == NULL, "  with an empty result");
    dossier_quote_result_free(&r);
    free(big);

    dossier_error err;
    is_int(dossier_check_quote(NULL, "x", 1, &r, &err), DOSSIER_ERR_ARG, "NULL corpus is ERR_ARG");
    is_int(dossier_check_quote(C, NULL, 1, &r, &err), DOSSIER_ERR_ARG,
           "NULL text with a length is ERR_ARG");
    is_int(dossier_check_quote(C, "x", 1, NULL, &err), DOSSIER_ERR_ARG, "NULL out is ERR_ARG");
    dossier_quote_result_free(NULL);
    pass("dossier_quote_result_free(NULL) is harmless");

    static const char bin[] = "Kim Jong Il \0confirmed \xFF that";
    is_int(dossier_check_quote(C, bin, sizeof bin - 1, &r, &err), DOSSIER_OK,
           "NUL and invalid bytes are OK");
    dossier_quote_result_free(&r);
}

/* ------------------------------------------------------------ finding quotations */

static void quotations(const char *text, const char *const *want, size_t n, const char *name) {
    dossier_range *r = NULL;
    size_t got = 0;
    dossier_error err;
    dossier_status s = dossier_find_quotations(text, strlen(text), &r, &got, &err);
    int same = s == DOSSIER_OK && got == n;
    for (size_t k = 0; same && k < n; k++)
        same = r[k].end - r[k].start == strlen(want[k]) &&
               memcmp(text + r[k].start, want[k], strlen(want[k])) == 0;
    if (!ok(same, "%s", name)) {
        diag("  got %zu quotation(s), expected %zu:", got, n);
        for (size_t k = 0; k < got; k++)
            diag("    [%.*s]", (int)(r[k].end - r[k].start), text + r[k].start);
    }
    free(r);
}

#define QUOTES(text, name, ...)                                                                    \
    do {                                                                                           \
        static const char *const want_[] = {__VA_ARGS__};                                          \
        quotations((text), want_, sizeof want_ / sizeof *want_, (name));                           \
    } while (0)
#define NO_QUOTES(text, name) quotations((text), NULL, 0, (name))

static void test_verdict_names(void) {
    is_str(dossier_quote_verdict_name(DOSSIER_QUOTE_NONE), "none", "DOSSIER_QUOTE_NONE is 'none'");
    is_str(dossier_quote_verdict_name(DOSSIER_QUOTE_EXACT), "exact",
           "DOSSIER_QUOTE_EXACT is 'exact'");
    is_str(dossier_quote_verdict_name(DOSSIER_QUOTE_ALTERED), "altered",
           "DOSSIER_QUOTE_ALTERED is 'altered'");
    is_str(dossier_quote_verdict_name((dossier_quote_verdict)3), "unknown",
           "past the last verdict");
}

static void test_find_quotations(void) {
    QUOTES("He said \xE2\x80\x9C"
           "curly words\xE2\x80\x9D and \"straight words\" here.",
           "curly and straight quotations", "curly words", "straight words");
    QUOTES("A \xE2\x80\x9Cquote over\na line break\xE2\x80\x9D is one.",
           "a quotation across a line break", "quote over\na line break");
    NO_QUOTES("A \"quote that\n\nspans a blank line\" here.",
              "a quote spanning a blank line is not a quotation");
    NO_QUOTES("A \xE2\x80\x9Cquote that\n  \t\nspans a blank line\xE2\x80\x9D here.",
              "nor across a line of spaces");
    QUOTES("An \xE2\x80\x9Cunclosed quote and then \xE2\x80\x9C"
           "a closed one\xE2\x80\x9D here.",
           "an unclosed curly quote is dropped, the next one found", "a closed one");
    NO_QUOTES("Unclosed \"straight", "an unclosed straight quote at the end is nothing");
    NO_QUOTES("Empty \xE2\x80\x9C\xE2\x80\x9D and \"\" quotes.", "empty quotations are nothing");
    NO_QUOTES("It\xE2\x80\x99s Putin\xE2\x80\x99s \xE2\x80\x98single\xE2\x80\x99 quote.",
              "apostrophes and single quotes are not quotations");
    QUOTES("Mixed \xE2\x80\x9C"
           "curly with \"inner\" straight\xE2\x80\x9D end.",
           "straight quotes inside curly ones stay inside", "curly with \"inner\" straight");
    QUOTES("A \"broken one.\n\nNext para \"real quote\" end.",
           "an unclosed straight quote does not swallow the next paragraph's quote", "real quote");
    QUOTES("A \xE2\x80\x9C"
           "broken one.\n\nNext para \"real quote\" end.",
           "an unclosed curly quote does not hide the next paragraph's straight quote",
           "real quote");

    dossier_range *r = (dossier_range *)&r;
    size_t n = 7;
    dossier_error err;
    is_int(dossier_find_quotations("", 0, &r, &n, &err), DOSSIER_OK, "empty draft is OK");
    ok(n == 0 && r == NULL, "  no quotations");
    is_int(dossier_find_quotations(NULL, 0, &r, &n, &err), DOSSIER_OK,
           "NULL draft of length 0 is OK");
    is_int(dossier_find_quotations(NULL, 2, &r, &n, &err), DOSSIER_ERR_ARG,
           "NULL draft with a length is ERR_ARG");
    is_int(dossier_find_quotations("x", 1, NULL, &n, &err), DOSSIER_ERR_ARG, "NULL out is ERR_ARG");
    is_int(dossier_find_quotations("x", 1, &r, NULL, &err), DOSSIER_ERR_ARG, "NULL n is ERR_ARG");

    static const char bad[] = "\"a\0b\" \xE2\x80\x9C\xFF\xE2\x80\x9D \"trunc\xE2\x80";
    is_int(dossier_find_quotations(bad, sizeof bad - 1, &r, &n, &err), DOSSIER_OK,
           "NUL and invalid bytes are OK");
    ok(n == 2 && r[0].start == 1 && r[0].end == 4,
       "  \"a\\0b\" and the invalid byte in curly quotes (%zu)", n);
    free(r);

    /* found quotations check out against the corpus */
    const char *draft =
        "Pak wrote that Kim backed Putin\xE2\x80\x99s \xE2\x80\x9Csacred fight\xE2\x80\x9D and "
        "that "
        "\"Kim Jong Il confirmed that North Korea is ready to return to the Six Party Talks\".";
    dossier_find_quotations(draft, strlen(draft), &r, &n, &err);
    is_int(n, 2, "a draft with two quotations");
    if (n == 2) {
        dossier_quote_result q;
        dossier_check_quote(C, draft + r[1].start, r[1].end - r[1].start, &q, &err);
        is_int(q.verdict, DOSSIER_QUOTE_EXACT, "  the second checks out exactly");
        dossier_quote_result_free(&q);
    }
    free(r);
}

int main(void) {
    dossier_error err;
    if (dossier_open("corpus", &C, &err) != DOSSIER_OK) {
        printf("1..0 # SKIP the default corpus does not load: %s\n", err.message);
        return 1;
    }
    test_corroborate();
    test_check_quote();
    test_verdict_names();
    test_find_quotations();
    dossier_close(C);
    return done_testing();
}
