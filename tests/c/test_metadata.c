/* test_metadata.c — what an article's front matter may say about its
 * source, as a writer copies it from a page: dates in their written forms
 * (dossier_parse_date), author names split into CSL's parts
 * (dossier_parse_name) and written as names, mappings and lists, keywords,
 * another tool's keys under `extra`; which files are articles (front matter,
 * or listed in dossier.yaml) and the notice for those that are not. */
#include "dossier.h"
#include "expect.h"
#include "fixture.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A test name with printf arguments. */
static char nm[512];
#define NAME(...) (snprintf(nm, sizeof nm, __VA_ARGS__), nm)

static void date_is(const char *text, const char *want) {
    char out[11];
    dossier_error err;
    dossier_status s = dossier_parse_date(text, out, &err);
    if (!is_int(s, DOSSIER_OK, NAME("'%s' is a date", text))) diag("%s", err.message);
    is_str(out, want, NAME("  read as %s", want));
}

static void date_refused(const char *text, const char *why) {
    char out[11] = "x";
    dossier_error err;
    is_int(dossier_parse_date(text, out, &err), DOSSIER_ERR_INVALID,
           NAME("'%s' is refused: %s", text, why));
    ok(strstr(err.message, "cannot read the date") && strstr(err.message, "2024-04-02"),
       "  the message says what to write: %s", err.message);
    is_str(out, "", "  out is empty");
}

static void test_dates(void) {
    date_is("2024", "2024");
    date_is("2024-04", "2024-04");
    date_is("2024-04-02", "2024-04-02");
    date_is("2024/04/02", "2024-04-02");
    date_is("2024.04.02", "2024-04-02");
    date_is("2024-04-12T01:00:00+01:00", "2024-04-12");
    date_is("2015-04-16T20:02:01Z", "2015-04-16");
    date_is("2015-04-20 18:30:00 +0100", "2015-04-20");
    date_is("2019-01-03T07:00:02.000Z", "2019-01-03");
    date_is("April 2, 2024", "2024-04-02");
    date_is("Apr 2 2024", "2024-04-02");
    date_is("april 2nd, 2024", "2024-04-02");
    date_is("Sept. 13, 2023", "2023-09-13");
    date_is("Sep 13, 2023", "2023-09-13");
    date_is("2 April 2024", "2024-04-02");
    date_is("2nd Apr. 2024", "2024-04-02");
    date_is("13-Sep-2023", "2023-09-13");
    date_is("Tuesday 15 October 2019", "2019-10-15");
    date_is("Tuesday, April 2, 2024", "2024-04-02");
    date_is("April 2024", "2024-04");
    date_is("Apr. 2024", "2024-04");
    date_is("Apr 16, 2015 8:02 pm UTC", "2015-04-16");
    date_is("15 October 2019 at 09:11", "2019-10-15");
    date_is("  2023-10-04  ", "2023-10-04");
    date_is("29 February 2024", "2024-02-29");
    date_refused("04/02/2024", "a numeric day and month read two ways");
    date_refused("Spring 2024", "a season is no date");
    date_refused("30 February 2024", "no such day");
    date_refused("2023-13-01", "no such month");
    date_refused("29 February 2023", "not a leap year");
    date_refused("yesterday", "not a date");
    date_refused("", "empty");
    date_refused("2024-04-02 and more", "trailing words");
    date_refused("Aprill 2, 2024", "a misspelt month");
    date_refused("12024", "five digits");
    char out[11];
    is_int(dossier_parse_date(NULL, out, NULL), DOSSIER_ERR_ARG, "a NULL text is refused");
}

static void name_is(const char *text, const char *family, const char *given, const char *particle,
                    const char *suffix, const char *literal) {
    dossier_name n;
    void *st = NULL;
    dossier_error err;
    if (!is_int(dossier_parse_name(text, &n, &st, &err), DOSSIER_OK,
                NAME("'%s' is a name", text))) {
        diag("%s", err.message);
        return;
    }
    char got[256], want[256];
    snprintf(got, sizeof got, "family=%s given=%s particle=%s suffix=%s literal=%s", n.family,
             n.given, n.particle, n.suffix, n.literal);
    snprintf(want, sizeof want, "family=%s given=%s particle=%s suffix=%s literal=%s", family,
             given, particle, suffix, literal);
    is_str(got, want, NAME("  %s", want));
    dossier_name_free(st);
}

static void test_names(void) {
    name_is("Uriel Araujo", "Araujo", "Uriel", "", "", "");
    name_is("Bradley M. Kuhn", "Kuhn", "Bradley M.", "", "", "");
    name_is("Eleanor Ainge Roy", "Roy", "Eleanor Ainge", "", "", "");
    name_is("Roy, Eleanor Ainge", "Roy", "Eleanor Ainge", "", "", "");
    name_is("Ainge Roy, Eleanor", "Ainge Roy", "Eleanor", "", "", "");
    name_is("Pak, Noja", "Pak", "Noja", "", "", "");
    name_is("Pak Noja (Vladimir Tikhonov)", "Noja", "Pak", "", "", "");
    name_is("Ludwig van Beethoven", "Beethoven", "Ludwig", "van", "", "");
    name_is("Charles de la Fontaine", "Fontaine", "Charles", "de la", "", "");
    name_is("van Beethoven, Ludwig", "Beethoven", "Ludwig", "van", "", "");
    name_is("Martin Luther King Jr.", "King", "Martin Luther", "", "Jr.", "");
    name_is("King, Jr., Martin Luther", "King", "Martin Luther", "", "Jr.", "");
    name_is("Reuters", "", "", "", "", "Reuters");
    name_is("  Hankyoreh  ", "", "", "", "", "Hankyoreh");
    dossier_name n;
    void *st;
    is_int(dossier_parse_name(NULL, &n, &st, NULL), DOSSIER_ERR_ARG, "a NULL name is refused");
    dossier_name_free(NULL);
    pass("dossier_name_free(NULL) is harmless");
}

/* ------------------------------------------------------------ front matter */

static const dossier_article *only_article(dossier_corpus **c, const char *dir, const char *name) {
    dossier_error err;
    if (!is_int(dossier_open(dir, c, &err), DOSSIER_OK, name)) {
        diag("%s", err.message);
        *c = NULL;
        return NULL;
    }
    return dossier_article_at(*c, 0);
}

static void test_front_matter(void) {
    /* several authors: a plain name, family first, an organisation */
    char *dir = fx_corpus("---\n"
                          "id: a\n"
                          "title: T\n"
                          "author:\n"
                          "  - Uriel Araujo\n"
                          "  - {family: Pak, given: Noja, family-first: true}\n"
                          "  - literal: Korea Economic Institute of America\n"
                          "  - Kim, Min-jun\n"
                          "date: September 13, 2023\n"
                          "keywords: [summit, Russia]\n"
                          "extra:\n"
                          "  layout: post\n"
                          "  tags: [a, b]\n"
                          "  params: {toc: true, nested: {deep: [1, 2]}}\n"
                          "---\n"
                          "Body text.\n",
                          NULL);
    dossier_corpus *c;
    const dossier_article *a =
        only_article(&c, dir, "four authors, a written date, keywords, extra");
    if (a) {
        is_int(a->n_authors, 4, "  four authors");
        is_str(a->authors[0].family, "Araujo", "  a plain name: family from 'Given Family'");
        is_str(a->authors[1].family, "Pak", "  a mapping: its family name");
        ok(a->authors[1].family_first, "  family-first");
        is_str(a->authors[2].literal, "Korea Economic Institute of America",
               "  an organisation is a literal");
        is_str(a->authors[3].family, "Kim", "  'Kim, Min-jun' is family first");
        is_str(a->author,
               "Uriel Araujo, Pak Noja, Korea Economic Institute of America and Kim, Min-jun",
               "  the authors as shown");
        is_str(a->date, "2023-09-13", "  the date read into ISO 8601");
        is_int(a->keywords.n, 2, "  two keywords");
        is_str(a->keywords.n ? a->keywords.items[1] : "", "Russia", "  in order");
    }
    dossier_close(c);
    fx_remove(dir);

    dir = fx_corpus(
        "---\nid: a\ntitle: T\nauthor: unknown\nkeywords: \"war, talks , peace\"\n---\nB.\n", NULL);
    a = only_article(&c, dir, "keywords as a string of comma-separated words");
    if (a) {
        is_int(a->n_authors, 0, "  'unknown' is no author");
        is_str(a->author, "unknown", "  and shown as unknown");
        is_int(a->keywords.n, 3, "  three keywords");
        is_str(a->keywords.n > 1 ? a->keywords.items[1] : "", "talks", "  trimmed");
    }
    dossier_close(c);
    fx_remove(dir);

    /* the errors name the line and column */
    dir = fx_corpus("---\nid: a\ntitle: T\ndate: Spring 2024\n---\nB.\n", NULL);
    expect_fail(dir, DOSSIER_ERR_INVALID, "a.md", ":4:7:", "cannot read the date 'Spring 2024'",
                "an unreadable date is an error at its line and column");
    fx_remove(dir);
    dir = fx_corpus("---\nid: a\ntitle: T\nauthor:\n  - {given: Noja}\n---\nB.\n", NULL);
    expect_fail(dir, DOSSIER_ERR_INVALID, "a.md", ":5:5:", "needs 'family'",
                "an author mapping without a family name is refused where it is");
    fx_remove(dir);
    dir = fx_corpus("---\nid: a\ntitle: T\nauthor: {family: X, literal: Y}\n---\nB.\n", NULL);
    expect_fail(dir, DOSSIER_ERR_INVALID, "a.md", ":4:9:", "a literal or a family name",
                "an author cannot be both a literal and a person");
    fx_remove(dir);
    dir = fx_corpus("---\nid: a\ntitle: T\nauthor: {family: X, nickname: Y}\n---\nB.\n", NULL);
    expect_fail(dir, DOSSIER_ERR_INVALID, "a.md", ":4:21:", "unknown author key 'nickname'",
                "an unknown author key is refused");
    fx_remove(dir);
    dir = fx_corpus("---\nid: a\ntitle: T\nauthor: [[nested]]\n---\nB.\n", NULL);
    expect_fail(dir, DOSSIER_ERR_INVALID, "a.md", ":4:10:", "an author is a name",
                "a list inside the author list is refused");
    fx_remove(dir);
    dir = fx_corpus("---\nid: a\ntitle: T\nkeywords: {a: b}\n---\nB.\n", NULL);
    expect_fail(dir, DOSSIER_ERR_INVALID, "a.md", ":4:11:", "keywords",
                "keywords that are a mapping are refused");
    fx_remove(dir);
}

/* ------------------------------------------------------------ which files are articles */

static void test_articles_and_notices(void) {
    char *dir = fx_corpus(FX_ARTICLE, NULL);
    fx_write(dir, "README.md", "# My corpus\n\nNotes about the sources.\n");
    dossier_corpus *c;
    const dossier_article *a = only_article(&c, dir, "a README without front matter is skipped");
    if (a) {
        is_int(dossier_article_count(c), 1, "  one article");
        is_int(dossier_notice_count(c), 1, "  one notice");
        const char *n = dossier_notice_at(c, 0);
        ok(n && strstr(n, "README.md: skipped: no front matter") && strstr(n, "dossier.yaml"),
           "  the notice names the file and what to do: %s", n ? n : "(none)");
        ok(dossier_notice_at(c, 1) == NULL, "  no second notice");
    }
    dossier_close(c);
    /* listed in dossier.yaml, it loads; unlisted files are not articles */
    fx_write(dir, "dossier.yaml", "# settings\narticles:\n  - README.md\nfurniture: false\n");
    a = only_article(&c, dir, "listed in dossier.yaml, the README loads");
    if (a) {
        is_int(dossier_article_count(c), 1, "  only the listed file");
        is_str(a->id, "README", "  its id from its file name");
        is_int(dossier_notice_count(c), 0, "  no notice");
    }
    dossier_close(c);
    fx_remove(dir);

    /* furniture: false keeps furniture as prose */
    static const char furn[] = "---\nid: a\ntitle: T\n---\nSubscribe to our newsletter for more.\n";
    dir = fx_corpus(furn, NULL);
    a = only_article(&c, dir, "an article with a newsletter prompt");
    if (a)
        is_int(dossier_passage_at(c, a->first_passage)->kind, DOSSIER_FURNITURE, "  is furniture");
    dossier_close(c);
    fx_write(dir, "dossier.yaml", "furniture: false\n");
    a = only_article(&c, dir, "with furniture: false");
    if (a) is_int(dossier_passage_at(c, a->first_passage)->kind, DOSSIER_PROSE, "  it is prose");
    dossier_close(c);
    fx_write(dir, "dossier.yaml", "furniture: maybe\n");
    expect_fail(dir, DOSSIER_ERR_INVALID, "dossier.yaml", ":1:12:", "true or false",
                "furniture must be true or false");
    fx_write(dir, "dossier.yaml", "articles: [a.md]\nfurnture: false\n");
    expect_fail(dir, DOSSIER_ERR_INVALID, "dossier.yaml", ":2:1:", "unknown setting 'furnture'",
                "an unknown setting is refused at its line");
    fx_write(dir, "dossier.yaml", "articles: [../a.md]\n");
    expect_fail(dir, DOSSIER_ERR_INVALID, "dossier.yaml", ":1:12:", "no '/'",
                "an article outside the directory is refused");
    fx_write(dir, "dossier.yaml", "articles: [missing.md]\n");
    expect_fail(dir, DOSSIER_ERR_IO, "missing.md", "", NULL, "a listed file that is missing");
    fx_write(dir, "dossier.yaml", "- a list\n");
    expect_fail(dir, DOSSIER_ERR_INVALID, "dossier.yaml", ":1:1:", "mapping",
                "dossier.yaml that is not a mapping");
    fx_remove(dir);

    /* nothing but notes: the error says why */
    dir = fx_corpus(NULL, NULL);
    fx_write(dir, "notes.txt", "just notes\n");
    dossier_error err;
    c = (dossier_corpus *)&c;
    is_int(dossier_open(dir, &c, &err), DOSSIER_ERR_INVALID,
           "a directory of notes only has no articles");
    ok(c == NULL && strstr(err.message, dir) &&
           strstr(err.message, "no *.md or *.txt file starts with front matter"),
       "  the message names the directory and says why: %s", err.message);
    fx_remove(dir);
}

int main(void) {
    test_dates();
    test_names();
    test_front_matter();
    test_articles_and_notices();
    return done_testing();
}
