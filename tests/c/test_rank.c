/* test_rank.c — corroboration ranking, quotation checking and finding
 * quotations in a draft, on the default corpus. */
#include "dossier.h"
#include "fixture.h"
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

static dossier_corroboration corroborate_in(dossier_corpus *c, const char *text, size_t limit) {
    dossier_corroboration r;
    dossier_error err;
    dossier_corroborate_opts o = {.limit = limit};
    dossier_status s = dossier_corroborate(c, text, strlen(text), &o, &r, &err);
    if (s) diag("dossier_corroborate: %s", err.message);
    return r;
}

static dossier_corroboration corroborate(const char *text, size_t limit) {
    return corroborate_in(C, text, limit);
}

/* Hits are indexed passages (prose, or headings written as sentences) with
 * coverage and support in [0, 1], matched terms, evidence within the claim
 * and the article, and a stance that agrees with the verdict. */
static void check_hits(const dossier_corroboration *r, size_t claim_len, const char *name) {
    size_t not_indexed = 0, bad = 0, no_terms = 0, bad_evidence = 0, supports = 0, contradicts = 0;
    for (size_t k = 0; k < r->n; k++) {
        const dossier_hit *h = &r->hits[k];
        const dossier_passage *p = dossier_passage_at(C, h->passage);
        if (!p || p->kind == DOSSIER_FURNITURE) not_indexed++;
        if (!(h->coverage >= 0 && h->coverage <= 1) || !(h->support >= 0 && h->support <= 1)) bad++;
        if (!h->matched) no_terms++;
        const dossier_article *a = p ? dossier_article_at(C, p->article) : NULL;
        const dossier_evidence *e = &h->evidence;
        for (size_t i = 0; i < e->n_aligned; i++)
            bad_evidence += !(e->aligned[i].claim_start < e->aligned[i].claim_end &&
                              e->aligned[i].claim_end <= claim_len && a &&
                              e->aligned[i].source_start < e->aligned[i].source_end &&
                              e->aligned[i].source_end <= a->text_len);
        for (size_t i = 0; i < e->n_missing; i++)
            bad_evidence +=
                !(e->missing[i].start < e->missing[i].end && e->missing[i].end <= claim_len);
        for (size_t i = 0; i < e->n_conflicts; i++)
            bad_evidence += !(e->conflicts[i].claim_end <= claim_len && a &&
                              e->conflicts[i].source_end <= a->text_len &&
                              e->conflicts[i].context_start <= e->conflicts[i].source_start &&
                              e->conflicts[i].line >= 1);
        supports += h->stance == DOSSIER_SUPPORTS;
        contradicts += h->stance == DOSSIER_CONTRADICTS;
        if (h->stance == DOSSIER_SUPPORTS && e->n_conflicts) bad_evidence++;
        if (h->stance == DOSSIER_CONTRADICTS && !e->n_conflicts) bad_evidence++;
    }
    is_int(not_indexed, 0, name);
    ok(bad == 0 && no_terms == 0, "  coverage and support in [0,1], matched terms given");
    is_int(bad_evidence, 0, "  evidence inside the claim and the article, stances that match it");
    ok(r->corroborated == (r->verdict == DOSSIER_SUPPORTED),
       "  corroborated exactly when supported");
    if (r->verdict == DOSSIER_SUPPORTED) ok(supports > 0, "  a hit supports it");
    if (r->verdict == DOSSIER_CONTRADICTED) ok(contradicts > 0, "  a hit contradicts it");
}

/* The first conflict of kind k among the hits, or NULL. */
static const dossier_conflict *conflict_of(const dossier_corroboration *r, dossier_conflict_kind k,
                                           const dossier_article **art) {
    for (size_t i = 0; i < r->n; i++)
        for (size_t j = 0; j < r->hits[i].evidence.n_conflicts; j++)
            if (r->hits[i].evidence.conflicts[j].kind == k) {
                const dossier_passage *p = dossier_passage_at(C, r->hits[i].passage);
                *art = dossier_article_at(C, p->article);
                return &r->hits[i].evidence.conflicts[j];
            }
    return NULL;
}

/* The conflict's source words are `want`. */
static int source_says(const dossier_conflict *x, const dossier_article *a, const char *want) {
    size_t n = strlen(want);
    return x && a && x->source_end - x->source_start == n &&
           memcmp(a->text + x->source_start, want, n) == 0;
}

static void test_corroborate(void) {
    const char *claim =
        "Kim Jong Il confirmed that North Korea is ready to return to the Six Party Talks.";
    dossier_corroboration r = corroborate(claim, 0);
    is_int(r.verdict, DOSSIER_SUPPORTED, "a near-verbatim claim is supported");
    ok(r.corroborated, "  and corroborated");
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
        is_int(r.hits[0].stance, DOSSIER_SUPPORTS, "  the top hit supports it");
        ok(r.hits[0].support >= r.threshold, "  its support %.2f clears the threshold %.2f",
           r.hits[0].support, r.threshold);
        ok(r.hits[0].evidence.n_aligned >= 5 && r.hits[0].evidence.n_conflicts == 0,
           "  with its words aligned (%zu) and no conflict", r.hits[0].evidence.n_aligned);
    }
    ok(r.n_sources >= 1, "  at least one source (%zu)", r.n_sources);
    ok(r.threshold > 0 && r.threshold < 1, "  the threshold is in (0,1) (%.2f)", r.threshold);
    check_hits(&r, strlen(claim), "  no furniture among the hits");
    dossier_corroboration_free(&r);

    const char *alias = "The DPRK's leader travelled by armoured train to Russia's Far East.";
    r = corroborate(alias, 0);
    ok(r.n && passage_has(r.hits[0].passage, "armored train"),
       "an alias and spelling paraphrase finds 'armored train' first");
    if (r.n) {
        is_str(article_of(r.hits[0].passage), "summit-2023", "  in summit-2023");
        ok(has_term(r.hits[0].matched, "@north-korea"), "  DPRK matched as @north-korea (%s)",
           r.hits[0].matched);
        int spelled = 0;
        for (size_t i = 0; i < r.hits[0].evidence.n_aligned; i++) {
            const dossier_aligned *x = &r.hits[0].evidence.aligned[i];
            const dossier_article *a =
                dossier_article_at(C, dossier_passage_at(C, r.hits[0].passage)->article);
            spelled += x->claim_end - x->claim_start == 8 &&
                       !memcmp(alias + x->claim_start, "armoured", 8) &&
                       x->source_end - x->source_start == 7 &&
                       !memcmp(a->text + x->source_start, "armored", 7);
        }
        ok(spelled, "  armoured aligned to armored");
    }
    check_hits(&r, strlen(alias), "  no furniture among the hits");
    dossier_corroboration_free(&r);

    const char *wrong_date = "Putin and his North Korean counterpart met on September 20 to "
                             "discuss bilateral cooperation.";
    r = corroborate(wrong_date, 0);
    is_int(r.verdict, DOSSIER_CONTRADICTED, "a claim with another date is contradicted");
    ok(!r.corroborated && r.n_sources == 0, "  not corroborated, no source");
    const dossier_article *a = NULL;
    const dossier_conflict *x = conflict_of(&r, DOSSIER_CONFLICT_DATE, &a);
    ok(source_says(x, a, "September 13"), "  the conflict is a date: the source says September 13");
    if (x) {
        ok(x->claim_end - x->claim_start == 12 &&
               !memcmp(wrong_date + x->claim_start, "September 20", 12),
           "  the claim says September 20");
        ok(a && !strcmp(a->id, "globalresearch-2023") && x->line == 26,
           "  in globalresearch-2023, line 26 (%u)", x->line);
    }
    check_hits(&r, strlen(wrong_date), "  no furniture among the hits");
    dossier_corroboration_free(&r);

    r = corroborate("Putin and his North Korean counterpart met on September 13 to discuss "
                    "bilateral cooperation.",
                    0);
    is_int(r.verdict, DOSSIER_SUPPORTED, "the same claim with the right date is supported");
    if (r.n) ok(passage_has(r.hits[0].passage, "September 13"), "  top hit says September 13");
    dossier_corroboration_free(&r);

    const char *refused = "Putin refused to help North Korea develop satellites.";
    r = corroborate(refused, 0);
    is_int(r.verdict, DOSSIER_CONTRADICTED,
           "'refused to help' against 'vowed to help': contradicted");
    x = conflict_of(&r, DOSSIER_CONFLICT_NEGATION, &a);
    ok(x != NULL, "  a negation conflict");
    check_hits(&r, strlen(refused), "  no furniture among the hits");
    dossier_corroboration_free(&r);

    const char *oslo = "Rüdiger Frank of the University of Oslo said UN sanctions against North "
                       "Korea are effectively dead.";
    r = corroborate(oslo, 0);
    is_int(r.verdict, DOSSIER_CONTRADICTED, "another university in the same role: contradicted");
    x = conflict_of(&r, DOSSIER_CONFLICT_ACTOR, &a);
    ok(source_says(x, a, "University of Vienna"), "  an actor conflict: the University of Vienna");
    dossier_corroboration_free(&r);

    r = corroborate("Purple elephants compose sonatas on the moon.", 0);
    is_int(r.verdict, DOSSIER_UNVERIFIED, "off-topic nonsense is unverified");
    is_int(r.n_sources, 0, "  no source");
    dossier_corroboration_free(&r);

    r = corroborate("", 0);
    ok(r.n == 0 && !r.corroborated && r.verdict == DOSSIER_UNVERIFIED,
       "empty text: 0 hits, unverified");
    dossier_corroboration_free(&r);
    r = corroborate("the of and a to", 0);
    ok(r.n == 0 && !r.corroborated, "stop words only: 0 hits");
    dossier_corroboration_free(&r);

    const char *furn =
        "Subscribe to our newsletter. Stay informed. Click the share button. Disclaimer.";
    r = corroborate(furn, 10);
    check_hits(&r, strlen(furn), "a query of furniture words finds no furniture passage");
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
    check_hits(&r, strlen(broad), "  not one furniture passage among them all");
    dossier_corroboration_free(&r);

    dossier_error err;
    dossier_corroboration z;
    dossier_corroborate_opts fo = {.limit = 3, .features = 1};
    is_int(dossier_corroborate(C, claim, strlen(claim), &fo, &z, &err), DOSSIER_OK,
           "features on request");
    ok(z.n && z.hits[0].features && z.hits[0].features_resolved &&
           z.hits[0].features[0] == z.hits[0].coverage,
       "  each hit carries them, the first one its coverage");
    dossier_corroboration_free(&z);
    ok(dossier_feature_count() >= 5 && !strcmp(dossier_feature_name(0), "cov") &&
           dossier_feature_name(dossier_feature_count()) == NULL,
       "features are named, %zu of them", dossier_feature_count());
    is_int(dossier_corroborate(C, claim, strlen(claim), NULL, &z, &err), DOSSIER_OK,
           "NULL opts is allowed");
    ok(z.n >= 1 && z.n <= 5 && !z.hits[0].features, "  with the default limit and no features");
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

static void test_names(void) {
    is_str(dossier_verdict_name(DOSSIER_SUPPORTED), "supported", "verdict names: supported");
    is_str(dossier_verdict_name(DOSSIER_CONTRADICTED), "contradicted", "  contradicted");
    is_str(dossier_verdict_name(DOSSIER_UNVERIFIED), "unverified", "  unverified");
    is_str(dossier_verdict_name((dossier_verdict)9), "unknown", "  out of range");
    is_str(dossier_stance_name(DOSSIER_SUPPORTS), "supports", "stance names: supports");
    is_str(dossier_stance_name(DOSSIER_CONTRADICTS), "contradicts", "  contradicts");
    is_str(dossier_stance_name(DOSSIER_RELATED), "related", "  related");
    static const char *const kinds[] = {"number", "date", "place", "actor", "negation", "antonym"};
    int all = 1;
    for (int k = 0; k < 6; k++)
        all = all && !strcmp(dossier_conflict_name((dossier_conflict_kind)k), kinds[k]);
    ok(all, "conflict names: number date place actor negation antonym");
    is_str(dossier_conflict_name((dossier_conflict_kind)6), "unknown", "  out of range");
}

/* Facts kept whole, on a corpus of their own: versions, percentages. */
static void test_facts_corpus(void) {
    char *dir = fx_dir();
    fx_write(dir, "actors.yaml",
             "actors:\n  - {id: xz, name: XZ Utils, kind: org, aliases: [XZ, xz-utils]}\n"
             "  - {id: opensuse, name: openSUSE, kind: org}\n");
    fx_write(dir, "a.md",
             "---\nid: a\ntitle: A\n---\n"
             "The backdoor was found in XZ Utils versions 5.6.0 and 5.6.1 in March 2024.\n\n"
             "Version 5.4.6 of XZ Utils was not affected by the backdoor at all.\n\n"
             "About 76.7% of the installs had already been updated by the next morning.\n\n"
             "openSUSE has not been using the affected XZ Utils releases since the report.\n");
    dossier_corpus *c = NULL;
    dossier_error err;
    if (!is_int(dossier_open(dir, &c, &err), DOSSIER_OK, "a corpus with versions loads")) {
        diag("%s", err.message);
        fx_remove(dir);
        return;
    }
    dossier_corroboration r = corroborate_in(c,
                                             "Version 6.5.4 of XZ Utils was not affected by "
                                             "the backdoor.",
                                             3);
    ok(r.verdict != DOSSIER_SUPPORTED, "6.5.4 is not 5.4.6: not supported (%s)",
       dossier_verdict_name(r.verdict));
    dossier_corroboration_free(&r);
    r = corroborate_in(c, "Version 5.4.6 of XZ Utils was not affected by the backdoor.", 3);
    is_int(r.verdict, DOSSIER_SUPPORTED, "5.4.6 is: supported");
    dossier_corroboration_free(&r);
    r = corroborate_in(c,
                       "About 96.7% of the installs had already been updated by the next "
                       "morning.",
                       3);
    is_int(r.verdict, DOSSIER_CONTRADICTED, "96.7%% against 76.7%%: contradicted");
    dossier_corroboration_free(&r);
    r = corroborate_in(c, "openSUSE still uses the affected XZ Utils releases.", 3);
    ok(r.verdict != DOSSIER_SUPPORTED, "'still uses' against 'has not been using': not supported");
    dossier_corroboration_free(&r);
    dossier_close(c);
    fx_remove(dir);
}

/* Without WordNet the verdict still works, on the same words. */
static void test_without_wordnet(void) {
    dossier_corpus *c = NULL;
    dossier_error err;
    dossier_open_opts o = {.wordnet = "/nonexistent/wordnet"};
    if (!is_int(dossier_open_ex("corpus", &o, &c, &err), DOSSIER_OK,
                "opening with a missing WordNet directory works")) {
        diag("%s", err.message);
        return;
    }
    const char *dir = NULL, *why = NULL;
    is_int(dossier_wordnet(c, 0, &dir, &why), -1,
           "  WordNet is not opened before a claim needs it");
    const char *claim =
        "Kim Jong Il confirmed that North Korea is ready to return to the Six Party Talks.";
    dossier_corroboration r = corroborate_in(c, claim, 3);
    is_int(r.verdict, DOSSIER_SUPPORTED, "  a near-verbatim claim is still supported");
    dossier_corroboration_free(&r);
    is_int(dossier_wordnet(c, 0, &dir, &why), 0, "  then WordNet is reported unavailable");
    ok(dir && !strcmp(dir, "/nonexistent/wordnet") && why && strstr(why, "index.noun"),
       "  naming the directory and the file (%s)", why ? why : "");
    dossier_close(c);
    o.wordnet = "";
    is_int(dossier_open_ex("corpus", &o, &c, &err), DOSSIER_OK, "wordnet \"\" switches it off");
    is_int(dossier_wordnet(c, 1, &dir, &why), 0, "  and it stays off when asked to open");
    dossier_close(c);
    is_int(dossier_wordnet(NULL, 1, &dir, &why), 0, "dossier_wordnet(NULL) is 0");
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
    test_names();
    test_facts_corpus();
    test_without_wordnet();
    test_check_quote();
    test_verdict_names();
    test_find_quotations();
    dossier_close(C);
    return done_testing();
}
