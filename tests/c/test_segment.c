/* test_segment.c — dossier_segment: sentences, paragraphs, headings and site
 * furniture, on crafted texts and on the default corpus. */
#include "dossier.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    dossier_range *r;
    size_t n;
    dossier_status s;
} seg;

static seg segment_n(const char *text, size_t len) {
    seg g = {NULL, 0, DOSSIER_OK};
    dossier_error err;
    g.s = dossier_segment(text, len, &g.r, &g.n, &err);
    if (g.s) diag("dossier_segment: %s", err.message);
    return g;
}

static seg segment(const char *text) {
    return segment_n(text, strlen(text));
}

/* Sentence k of text as a malloc'd string ("" when k is out of range). */
static char *sentence(const char *text, const seg *g, size_t k) {
    size_t n = k < g->n ? g->r[k].end - g->r[k].start : 0;
    char *s = malloc(n + 1);
    if (!s) exit(254);
    if (n) memcpy(s, text + g->r[k].start, n);
    s[n] = '\0';
    return s;
}

/* Expects text to split into exactly the sentences want[0..n). */
static void splits(const char *text, const char *const *want, size_t n, const char *name) {
    seg g = segment(text);
    int same = g.s == DOSSIER_OK && g.n == n;
    for (size_t k = 0; same && k < n; k++) {
        char *s = sentence(text, &g, k);
        same = strcmp(s, want[k]) == 0;
        free(s);
    }
    if (!ok(same, "%s", name)) {
        diag("  got %zu sentence(s), expected %zu:", g.n, n);
        for (size_t k = 0; k < g.n; k++) {
            char *s = sentence(text, &g, k);
            diag("    [%s]", s);
            free(s);
        }
    }
    free(g.r);
}

/* Expects one range covering all of text (trimmed) with this kind. */
static void one_of_kind(const char *text, dossier_passage_kind kind, const char *name) {
    seg g = segment(text);
    ok(g.n >= 1, "%s: has a range", name);
    size_t wrong = 0;
    for (size_t k = 0; k < g.n; k++)
        if (g.r[k].kind != kind) wrong++;
    if (!is_int(wrong, 0, name)) diag("  first kind: %d", g.n ? (int)g.r[0].kind : -1);
    free(g.r);
}

#define SPLITS(text, name, ...)                                                                    \
    do {                                                                                           \
        static const char *const want_[] = {__VA_ARGS__};                                          \
        splits((text), want_, sizeof want_ / sizeof *want_, (name));                               \
    } while (0)

static void test_sentences(void) {
    SPLITS("Mr. Smith met Dr. Jones in Sept. 2011 in the U.S. They talked.",
           "Mr., Dr., Sept. and U.S. do not split",
           "Mr. Smith met Dr. Jones in Sept. 2011 in the U.S. They talked.");
    SPLITS("Mr. Smith arrived. Dr. Jones left.", "a sentence ends before Dr.", "Mr. Smith arrived.",
           "Dr. Jones left.");
    SPLITS("The U.S. Army arrived. Then it left.", "U.S. before a capital does not split",
           "The U.S. Army arrived.", "Then it left.");
    SPLITS("She met Gen. Kim. He agreed.", "Gen. does not split", "She met Gen. Kim.",
           "He agreed.");
    SPLITS("He said \xE2\x80\x9CYes.\xE2\x80\x9D Then left.",
           "a curly closing quote stays with its sentence", "He said \xE2\x80\x9CYes.\xE2\x80\x9D",
           "Then left.");
    SPLITS("He said \"Yes.\" Then left.", "a straight closing quote stays with its sentence",
           "He said \"Yes.\"", "Then left.");
    SPLITS("He said \xE2\x80\x9CStop!\xE2\x80\x9D Then he left.",
           "an exclamation inside quotes ends the sentence after the quote",
           "He said \xE2\x80\x9CStop!\xE2\x80\x9D", "Then he left.");
    SPLITS("He said \xE2\x80\x9CYes.\xE2\x80\x9D then left.",
           "a quote followed by lower case does not split",
           "He said \xE2\x80\x9CYes.\xE2\x80\x9D then left.");
    SPLITS("He said \xE2\x80\x9CNo.\xE2\x80\x9D Then left.",
           "\xE2\x80\x9CNo.\xE2\x80\x9D then a capital splits after the quote",
           "He said \xE2\x80\x9CNo.\xE2\x80\x9D", "Then left.");
    SPLITS("He said \xE2\x80\x9CNo.\xE2\x80\x9D", "a quoted No. at the end is one sentence",
           "He said \xE2\x80\x9CNo.\xE2\x80\x9D");
    SPLITS("See No. 5 on the list. It is long.", "No. before a number does not split",
           "See No. 5 on the list.", "It is long.");
    SPLITS(
        "The deal \xE2\x80\x94 signed in Moscow \xE2\x80\x94 was a surprise. Nobody expected it.",
        "em-dashes do not split",
        "The deal \xE2\x80\x94 signed in Moscow \xE2\x80\x94 was a surprise.",
        "Nobody expected it.");
    SPLITS("The deal\xE2\x80\x94Moscow says\xE2\x80\x94holds. It does.",
           "unspaced em-dashes do not split", "The deal\xE2\x80\x94Moscow says\xE2\x80\x94holds.",
           "It does.");
    SPLITS("Wait... what? Yes! Really.", "... ? and ! end sentences", "Wait... what?", "Yes!",
           "Really.");
    SPLITS("He asked (why?) and left.", "a question inside brackets does not split",
           "He asked (why?) and left.");
    SPLITS("It cost 3.5 million. 2012 was next.",
           "a decimal point does not split; a digit starts a sentence", "It cost 3.5 million.",
           "2012 was next.");
    SPLITS("Visit globalresearch.ca today. Or not.", "a period inside a word does not split",
           "Visit globalresearch.ca today.", "Or not.");
    SPLITS("  Leading and trailing space.   ", "ranges are trimmed", "Leading and trailing space.");
    SPLITS("A line\nbroken in the middle. Next one.", "a single line break does not split",
           "A line\nbroken in the middle.", "Next one.");
}

static void test_paragraphs(void) {
    const char *two = "First paragraph here. Second sentence.\n\nSecond paragraph.";
    seg g = segment(two);
    is_int(g.n, 3, "two paragraphs: 3 sentences");
    if (g.n == 3) {
        is_int(g.r[0].paragraph, 0, "  first sentence in paragraph 0");
        is_int(g.r[1].paragraph, 0, "  second sentence in paragraph 0");
        is_int(g.r[2].paragraph, 1, "  third sentence in paragraph 1");
        is_int(g.r[2].start, 40, "  paragraph 1 starts at byte 40");
    }
    free(g.r);

    const char *blank_ws = "One here.\n   \t \nTwo here.";
    g = segment(blank_ws);
    ok(g.n == 2 && g.r[1].paragraph == 1, "a line of spaces and tabs separates paragraphs");
    free(g.r);

    const char *crlf = "One here.\r\n\r\nTwo here.\r\n";
    g = segment(crlf);
    ok(g.n == 2 && g.r[0].paragraph == 0 && g.r[1].paragraph == 1,
       "CRLF blank lines separate paragraphs");
    if (g.n == 2) {
        is_int(g.r[0].end - g.r[0].start, 9, "  no \\r in the first range");
        is_int(g.r[1].end - g.r[1].start, 9, "  no \\r in the second range");
    }
    free(g.r);

    const char *list =
        "Intro line:\n- one item.\n- two item.\n* three item.\n\xE2\x80\xA2 four item.";
    g = segment(list);
    is_int(g.n, 5, "a bullet list: intro plus 4 items");
    if (g.n == 5) {
        int each = 1;
        for (size_t k = 0; k < 5; k++)
            each = each && g.r[k].paragraph == k;
        ok(each, "  each item is its own paragraph (0..4)");
        char *s = sentence(list, &g, 1);
        is_str(s, "one item.", "  the bullet marker is not part of the item");
        free(s);
        s = sentence(list, &g, 4);
        is_str(s, "four item.", "  nor is a \xE2\x80\xA2 marker");
        free(s);
        is_int(g.r[1].kind, DOSSIER_PROSE, "  a punctuated item is prose");
    }
    free(g.r);

    const char *md = "# Title here.\nBody text follows. More.\n\n## Next\nLast one.";
    g = segment(md);
    is_int(g.n, 5, "markdown headings: 5 ranges");
    if (g.n == 5) {
        is_int(g.r[0].kind, DOSSIER_HEADING, "  '# Title here.' is a heading despite its period");
        is_int(g.r[0].paragraph, 0, "  paragraph 0");
        is_int(g.r[1].paragraph, 1, "  the line after a heading starts paragraph 1");
        is_int(g.r[1].kind, DOSSIER_PROSE, "  and is prose");
        is_int(g.r[3].kind, DOSSIER_HEADING, "  '## Next' is a heading");
        is_int(g.r[4].paragraph, 3, "  the last sentence is in paragraph 3");
        char *s = sentence(md, &g, 0);
        is_str(s, "Title here.", "  the # marker is not part of the heading");
        free(s);
    }
    free(g.r);
}

static void test_kinds(void) {
    one_of_kind("A heading without punctuation", DOSSIER_HEADING,
                "a line without closing punctuation is a heading");
    one_of_kind("Kim and Putin at the cosmodrome", DOSSIER_HEADING, "a caption is a heading");
    one_of_kind("A plain sentence.", DOSSIER_PROSE, "a punctuated sentence is prose");
    one_of_kind("Is this a question?", DOSSIER_PROSE, "a question is prose");
    one_of_kind("The list follows:", DOSSIER_PROSE, "a line ending in ':' is prose");
    one_of_kind("Subscribe to our newsletter.", DOSSIER_FURNITURE,
                "a newsletter prompt is furniture");
    one_of_kind("Sign up for our newsletter to get updates.", DOSSIER_FURNITURE,
                "a sign-up prompt is furniture");
    one_of_kind("Click the share button above.", DOSSIER_FURNITURE, "a share button is furniture");
    one_of_kind("Stay informed", DOSSIER_FURNITURE, "'Stay informed' is furniture, not a heading");
    one_of_kind("Stay Informed", DOSSIER_FURNITURE, "'Stay Informed' (any case) is furniture");
    one_of_kind("Disclaimer: the views are the author's own.", DOSSIER_FURNITURE,
                "a disclaimer is furniture");
    one_of_kind("Disclaimer: the views are the author's own. They are not ours. We disagree.",
                DOSSIER_FURNITURE, "every sentence of a disclaimer paragraph is furniture");
    one_of_kind("(Reuters/Yonhap)", DOSSIER_FURNITURE, "a photo credit is furniture");
    one_of_kind("Photo by Jane Roe (Reuters/Yonhap)", DOSSIER_FURNITURE,
                "a photo line with a credit is furniture");
    one_of_kind("Jane Doe is a senior fellow at X.", DOSSIER_FURNITURE,
                "an author bio is furniture");
    one_of_kind("Jane Doe is a senior fellow at the Heritage Foundation.", DOSSIER_FURNITURE,
                "an author bio naming an institution is furniture");
    one_of_kind("Copyright 2023 The Paper. All rights reserved.", DOSSIER_FURNITURE,
                "a copyright line is furniture");
    one_of_kind("Kim met Putin at the cosmodrome (Reuters/Yonhap).", DOSSIER_PROSE,
                "a sentence that only cites an agency in brackets is prose");
    one_of_kind("Kim left (AP Photo/Jane Doe)", DOSSIER_FURNITURE,
                "a credit closing the sentence is furniture");
    one_of_kind("Kim (ap (x) left (AFP)", DOSSIER_FURNITURE,
                "  the credit is the bracket after the last ')' but one");
    one_of_kind("Kim left (Reuters) today.", DOSSIER_PROSE, "  and only when it closes it");
    /* Each "(" once tried the credit pattern up to the sentence's end:
     * 800 KB of "(ap " took 24 s. */
    {
        size_t reps = 200000;
        char *t = malloc(reps * 4 + 2);
        if (t) {
            for (size_t i = 0; i < reps; i++)
                memcpy(t + i * 4, "(ap ", 4);
            memcpy(t + reps * 4, ".", 2);
            dossier_range *r = NULL;
            size_t n = 0;
            dossier_error err;
            is_int(dossier_segment(t, reps * 4 + 1, &r, &n, &err), DOSSIER_OK,
                   "800 KB of '(ap ' in one sentence");
            is_int((long)n, 1, "  is one range");
            dossier_free(r);
            free(t);
        }
    }
    one_of_kind("Kim Jong Un is a leader who travels by train.", DOSSIER_PROSE,
                "'X is a leader' is not an author bio");

    /* a paragraph without final punctuation is a heading only when it looks like one */
    {
        const char *t = "The backdoor was found by chance. A developer saw slow logins. He "
                        "traced them to a library. The details followed on the list";
        seg g = segment(t);
        int prose = g.n == 4;
        for (size_t k = 0; k < g.n; k++)
            prose = prose && g.r[k].kind == DOSSIER_PROSE;
        ok(prose, "four sentences without a final period are prose, not a heading (%zu)", g.n);
        free(g.r);
    }
    one_of_kind("A long single sentence that has lost its final period because the page ended "
                "it with a link to the report that the agency published on its own site later",
                DOSSIER_PROSE, "a sentence of 30 words without a period is prose");
    one_of_kind("North Korean leader Kim Jong-un and Russian Minister Alexander Kozlov on Tuesday",
                DOSSIER_HEADING, "a caption of 13 words is a heading");
    /* weak keywords: furniture at a sentence's start, in a short one, after furniture */
    one_of_kind("The maintainer posted his findings to the oss-security mailing list on Friday, "
                "after weeks of tracing the slowdown of his logins.",
                DOSSIER_PROSE, "'mailing list' in a prose sentence is prose");
    one_of_kind("The licence names the copyright holder and the years of each contribution to "
                "the project since it began.",
                DOSSIER_PROSE, "so is 'copyright'");
    one_of_kind("Sign up for our mailing list to keep up to date on all the latest developments "
                "in the region and beyond.",
                DOSSIER_FURNITURE, "a sentence opening with 'Sign up' is furniture");
    one_of_kind("Join the mailing list.", DOSSIER_FURNITURE, "a short one is furniture");
    one_of_kind("It is all in our weekly newsletter, which readers get every Monday with the "
                "latest reports and analysis.",
                DOSSIER_FURNITURE, "'our newsletter' is furniture anywhere");
    {
        const char *t = "Disclaimer: the views are the author's.\n\nThe site holds copyrighted "
                        "material that the copyright owner did not always authorize for use "
                        "here.\n\nKim met Putin.\n\nKim met Putin at the cosmodrome in a meeting "
                        "on the copyright of films.";
        seg g = segment(t);
        ok(g.n == 4 && g.r[0].kind == DOSSIER_FURNITURE && g.r[1].kind == DOSSIER_FURNITURE &&
               g.r[2].kind == DOSSIER_PROSE && g.r[3].kind == DOSSIER_PROSE,
           "a weak keyword right after furniture is furniture, after prose it is not");
        free(g.r);
    }

    /* furniture among prose: only its own paragraph */
    const char *mixed = "Kim met Putin.\n\nStay informed\n\nThe talks went on.";
    seg g = segment(mixed);
    is_int(g.n, 3, "prose, furniture, prose: 3 ranges");
    if (g.n == 3) {
        is_int(g.r[0].kind, DOSSIER_PROSE, "  the first is prose");
        is_int(g.r[1].kind, DOSSIER_FURNITURE, "  the middle is furniture");
        is_int(g.r[2].kind, DOSSIER_PROSE, "  the last is prose");
    }
    free(g.r);
}

static void test_robustness(void) {
    dossier_range *r = (dossier_range *)&r;
    size_t n = 99;
    dossier_error err;
    is_int(dossier_segment("", 0, &r, &n, &err), DOSSIER_OK, "empty input is OK");
    is_int(n, 0, "  0 ranges");
    free(r);
    is_int(dossier_segment(NULL, 0, &r, &n, &err), DOSSIER_OK, "NULL text with length 0 is OK");
    is_int(n, 0, "  0 ranges");
    free(r);
    is_int(dossier_segment(" \n\n\t \r\n", 7, &r, &n, &err), DOSSIER_OK, "white space only is OK");
    is_int(n, 0, "  0 ranges");
    free(r);
    is_int(dossier_segment("-- ... !!", 9, &r, &n, &err), DOSSIER_OK, "punctuation only is OK");
    is_int(n, 0, "  0 ranges (no words)");
    free(r);
    is_int(dossier_segment(NULL, 5, &r, &n, &err), DOSSIER_ERR_ARG,
           "NULL text with a length is ERR_ARG");
    is_int(dossier_segment("x", 1, NULL, &n, &err), DOSSIER_ERR_ARG, "NULL out is ERR_ARG");
    is_int(dossier_segment("x", 1, &r, NULL, &err), DOSSIER_ERR_ARG, "NULL n is ERR_ARG");

    static const char nul[] = "First part.\0 Second part. Third\0part.\n\n\0\0\0";
    seg g = segment_n(nul, sizeof nul - 1);
    is_int(g.s, DOSSIER_OK, "NUL bytes in the input are OK");
    int valid = 1;
    for (size_t k = 0; k < g.n; k++)
        valid = valid && g.r[k].start < g.r[k].end && g.r[k].end <= sizeof nul - 1 &&
                (k == 0 || g.r[k].start >= g.r[k - 1].end);
    ok(valid && g.n >= 1, "  ranges are in bounds and in order (%zu)", g.n);
    free(g.r);

    static const char bad[] = "Caf\xC3 bad. \xFF\xFE Next one. Trunc\xE2\x80. End \xF0\x9F.";
    g = segment_n(bad, sizeof bad - 1);
    is_int(g.s, DOSSIER_OK, "invalid UTF-8 is OK");
    valid = 1;
    for (size_t k = 0; k < g.n; k++)
        valid = valid && g.r[k].start < g.r[k].end && g.r[k].end <= sizeof bad - 1 &&
                (k == 0 || g.r[k].start >= g.r[k - 1].end);
    ok(valid && g.n >= 1, "  ranges are in bounds and in order (%zu)", g.n);
    free(g.r);

    /* a lone lead byte at the very end */
    static const char tail[] = "End here \xE2";
    g = segment_n(tail, sizeof tail - 1);
    ok(g.s == DOSSIER_OK && g.n == 1 && g.r[0].end <= sizeof tail - 1,
       "a truncated character at the end is OK");
    free(g.r);

    /* a long paragraph of many sentences */
    size_t len = 2048000; /* a multiple of 10 */
    char *big = malloc(len + 1);
    if (!big) exit(254);
    for (size_t i = 0; i < len; i++)
        big[i] = "Word one. "[i % 10];
    big[len] = '\0';
    g = segment_n(big, len);
    is_int(g.n, len / 10, "a 2 MB paragraph splits into every sentence");
    free(g.r);
    free(big);
}

static void test_corpus(void) {
    dossier_corpus *c = NULL;
    dossier_error err;
    if (!is_int(dossier_open("corpus", &c, &err), DOSSIER_OK, "the default corpus loads")) {
        diag("%s", err.message);
        return;
    }
    static const char *const words[] = {"Stay Informed", "newsletter", "Disclaimer", "Subscribe",
                                        "share button"};
    size_t found[5] = {0}, prose[5] = {0}, headings = 0, furniture = 0;
    for (size_t p = 0; p < dossier_passage_count(c); p++) {
        const dossier_passage *ps = dossier_passage_at(c, p);
        const dossier_article *a = dossier_article_at(c, ps->article);
        size_t n = ps->end - ps->start;
        char *s = malloc(n + 1);
        if (!s) exit(254);
        memcpy(s, a->text + ps->start, n);
        s[n] = '\0';
        for (size_t w = 0; w < 5; w++)
            if (strstr(s, words[w])) {
                found[w]++;
                if (ps->kind == DOSSIER_PROSE) {
                    prose[w]++;
                    diag("prose passage with '%s': %s", words[w], s);
                }
            }
        free(s);
        headings += ps->kind == DOSSIER_HEADING;
        furniture += ps->kind == DOSSIER_FURNITURE;
    }
    ok(found[0] > 0, "the corpus has a 'Stay Informed' passage (%zu)", found[0]);
    ok(found[2] > 0, "the corpus has a 'Disclaimer' passage (%zu)", found[2]);
    for (size_t w = 0; w < 5; w++)
        is_int(prose[w], 0, words[w]);
    ok(headings > 0, "the corpus has headings (%zu)", headings);
    ok(furniture > 0, "the corpus has furniture (%zu)", furniture);

    /* dossier_segment on an article's body gives the corpus' passages */
    size_t mismatched = 0;
    for (size_t ai = 0; ai < dossier_article_count(c); ai++) {
        const dossier_article *a = dossier_article_at(c, ai);
        seg g = segment_n(a->text + a->body_start, a->text_len - a->body_start);
        if (g.n != a->n_passages) mismatched++;
        for (size_t k = 0; k < g.n && k < a->n_passages; k++) {
            const dossier_passage *p = dossier_passage_at(c, a->first_passage + k);
            if (g.r[k].start + a->body_start != p->start || g.r[k].end + a->body_start != p->end ||
                g.r[k].paragraph != p->paragraph || g.r[k].kind != p->kind)
                mismatched++;
        }
        free(g.r);
    }
    is_int(mismatched, 0, "dossier_segment of each body matches the corpus passages");
    dossier_close(c);
}

/* The names the binding and the plugin show for each kind. */
static void test_kind_names(void) {
    is_str(dossier_passage_kind_name(DOSSIER_PROSE), "prose", "DOSSIER_PROSE is 'prose'");
    is_str(dossier_passage_kind_name(DOSSIER_FURNITURE), "furniture",
           "DOSSIER_FURNITURE is 'furniture'");
    is_str(dossier_passage_kind_name(DOSSIER_HEADING), "heading", "DOSSIER_HEADING is 'heading'");
    is_str(dossier_passage_kind_name((dossier_passage_kind)3), "unknown", "past the last kind");
    is_str(dossier_passage_kind_name((dossier_passage_kind)-1), "unknown", "a negative kind");
    is_str(dossier_kind_name(DOSSIER_PRODUCT), "product", "DOSSIER_PRODUCT is 'product'");
    is_str(dossier_kind_name((dossier_kind)6), "unknown", "an actor kind past the last");
}

int main(void) {
    test_sentences();
    test_paragraphs();
    test_kinds();
    test_kind_names();
    test_robustness();
    test_corpus();
    return done_testing();
}
