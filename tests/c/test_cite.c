/* test_cite.c — citations and bibliographies (src/cite.c) on a corpus written
 * to a temporary directory: every style with and without a passage, the CSL
 * JSON and BibTeX, the errors; then, when pandoc is installed, both
 * bibliographies through pandoc --citeproc. */
#include "dossier.h"
#include "fixture.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static char *dir;

/* Every field known, specials in the date note and the URL. */
static const char article_full[] =
    "---\n"
    "id: hankyoreh-2023\n"
    "key: pak2023\n"
    "title: \"The significance of closer Pyongyang-Moscow ties missed by Western media\"\n"
    "publisher: Hankyoreh\n"
    "author: {family: Pak, given: Noja, family-first: true}\n"
    "date: \"2023-10-04\"\n"
    "date_note: \"posted 16:32 KST; 50% & {web} #1 edition_2 $5 ~x ^y \\\"quoted\\\" "
    "back\\\\slash\\ttab\\x01end\"\n"
    "language: en\n"
    "type: article-newspaper\n"
    "container: \"\"\n"
    "url: \"https://example.org/arti/pak_2023?id=42&lang=en#top\"\n"
    "doi: \"https://doi.org/10.5555/pak.2023-10_{04}\"\n"
    "---\n"
    "The meeting of Kim Jong-un and Vladimir Putin matters. It was held at Vostochny.\n"
    "\n"
    "Western media missed its significance. Putin’s hosts were pleased.\n"
    "\n"
    "Moscow and Pyongyang signed nothing. The talks went on for hours.\n";

/* Author, publisher and date unknown; no container: inline falls back to the title. */
static const char article_unknown[] =
    "---\n"
    "id: rapprochement-2011\n"
    "key: rapprochement\n"
    "title: \"Who Doesn’t Like Russia-North Korean Rapprochement?\"\n"
    "publisher: unknown\n"
    "author: unknown\n"
    "date: unknown\n"
    "date_note: \"\"\n"
    "language: en\n"
    "type: webpage\n"
    "container: \"\"\n"
    "url: unknown\n"
    "---\n"
    "Observers from many countries analyzed the summit. Kim Jong Il confirmed it.\n"
    "\n"
    "The pipeline would link Russia and South Korea. Seoul was pleased.\n";

/* A container before the publisher, a year and month. */
static const char article_container[] =
    "---\n"
    "id: peninsula-2023\n"
    "key: matsuo2023\n"
    "title: \"More Evidence of Russia’s Stronger Relationship with North Korea\"\n"
    "publisher: Korea Economic Institute of America\n"
    "author: Terrence Matsuo\n"
    "date: \"2023-09\"\n"
    "date_note: \"\"\n"
    "language: en-US\n"
    "type: webpage\n"
    "container: \"The Peninsula\"\n"
    "url: unknown\n"
    "---\n"
    "Russia and North Korea grew closer. Analysts took note.\n";

/* A year alone, a key that starts with a digit, specials in the title, a
 * language BibTeX has no name for, no type. */
static const char article_year[] =
    "---\n"
    "id: 38north-2011\n"
    "key: 38north2011\n"
    "title: \"Kim & Putin at 100% — the \\\"summit\\\" of #2011_talks\"\n"
    "publisher: 38 North\n"
    "author: unknown\n"
    "date: \"2011\"\n"
    "language: ko\n"
    "url: unknown\n"
    "---\n"
    "The summit at Ulan-Ude was a breakthrough. Both leaders attended.\n";

static const char actors_yaml[] = "actors:\n"
                                  "  - id: putin\n"
                                  "    name: Vladimir Putin\n"
                                  "    kind: person\n"
                                  "    role: President of Russia\n"
                                  "    note: x\n"
                                  "    sources: []\n"
                                  "    aliases: [Putin]\n";

static const char *const files[] = {"a-hankyoreh.md", "b-rapprochement.md", "c-peninsula.md",
                                    "d-38north.txt", "actors.yaml"};
static const char *const contents[] = {article_full, article_unknown, article_container,
                                       article_year, actors_yaml};
#define N_FILES (sizeof files / sizeof files[0])

static char *read_all(const char *name) {
    char *path = fx_path(dir, name);
    FILE *f = fopen(path, "rb");
    free(path);
    if (!f) return NULL;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    size_t n;
    while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len < 2) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf) buf[len] = '\0';
    return buf;
}

static long article_by_key(const dossier_corpus *c, const char *key) {
    for (size_t i = 0; i < dossier_article_count(c); i++)
        if (strcmp(dossier_article_at(c, i)->key, key) == 0) return (long)i;
    return -1;
}

/* The passage of article `art` that starts with `sentence`, or -1. */
static long passage_starting(const dossier_corpus *c, size_t art, const char *sentence) {
    const dossier_article *a = dossier_article_at(c, art);
    const char *at = strstr(a->text, sentence);
    if (!at) return -1;
    size_t off = (size_t)(at - a->text);
    for (size_t i = a->first_passage; i < a->first_passage + a->n_passages; i++)
        if (dossier_passage_at(c, i)->start == off) return (long)i;
    return -1;
}

typedef struct {
    const char *key;
    const char *sentence; /* starts the passage cited with a locator */
    size_t paragraph;     /* its 0-based paragraph */
    const char *text[4][2];
    const char *def[2];
} expect;

static const expect expected[] = {
    {"pak2023",
     "Moscow and Pyongyang signed nothing.",
     2,
     {{"[@pak2023]", "[@pak2023, para. 3]"},
      {"[^pak2023]", "[^pak2023-p3]"},
      {"(Hankyoreh, 4 October 2023)", "(Hankyoreh, 4 October 2023, para. 3)"},
      {"Pak Noja. “The significance of closer Pyongyang-Moscow ties missed by "
       "Western media.” Hankyoreh, 4 October 2023. "
       "https://example.org/arti/pak_2023?id=42&lang=en#top.",
       "Pak Noja. “The significance of closer Pyongyang-Moscow ties missed by "
       "Western media.” Hankyoreh, 4 October 2023, para. 3. "
       "https://example.org/arti/pak_2023?id=42&lang=en#top."}},
     {"[^pak2023]: Pak Noja. “The significance of closer Pyongyang-Moscow ties "
      "missed by Western media.” Hankyoreh, 4 October 2023. "
      "<https://example.org/arti/pak_2023?id=42&lang=en#top>.",
      "[^pak2023-p3]: Pak Noja. “The significance of closer Pyongyang-Moscow "
      "ties missed by Western media.” Hankyoreh, 4 October 2023, para. 3. "
      "<https://example.org/arti/pak_2023?id=42&lang=en#top>."}},
    {"rapprochement",
     "The pipeline would link",
     1,
     {{"[@rapprochement]", "[@rapprochement, para. 2]"},
      {"[^rapprochement]", "[^rapprochement-p2]"},
      {"(“Who Doesn’t Like Russia-North Korean Rapprochement?”, n.d.)",
       "(“Who Doesn’t Like Russia-North Korean Rapprochement?”, n.d., para. 2)"},
      {"“Who Doesn’t Like Russia-North Korean Rapprochement?” n.d.",
       "“Who Doesn’t Like Russia-North Korean Rapprochement?” n.d., para. 2."}},
     {"[^rapprochement]: “Who Doesn’t Like Russia-North Korean Rapprochement?” n.d.",
      "[^rapprochement-p2]: “Who Doesn’t Like Russia-North Korean Rapprochement?” n.d., para. "
      "2."}},
    {"matsuo2023",
     "Russia and North Korea grew closer.",
     0,
     {{"[@matsuo2023]", "[@matsuo2023, para. 1]"},
      {"[^matsuo2023]", "[^matsuo2023-p1]"},
      {"(Korea Economic Institute of America, September 2023)",
       "(Korea Economic Institute of America, September 2023, para. 1)"},
      {"Terrence Matsuo. “More Evidence of Russia’s Stronger Relationship with North Korea.” The "
       "Peninsula, Korea Economic Institute of America, September 2023.",
       "Terrence Matsuo. “More Evidence of Russia’s Stronger Relationship with North Korea.” The "
       "Peninsula, Korea Economic Institute of America, September 2023, para. 1."}},
     {"[^matsuo2023]: Terrence Matsuo. “More Evidence of Russia’s Stronger Relationship with North "
      "Korea.” The Peninsula, Korea Economic Institute of America, September 2023.",
      "[^matsuo2023-p1]: Terrence Matsuo. “More Evidence of Russia’s Stronger Relationship with "
      "North Korea.” The Peninsula, Korea Economic Institute of America, September 2023, para. "
      "1."}},
    {"38north2011",
     "The summit at Ulan-Ude",
     0,
     {{"[@38north2011]", "[@38north2011, para. 1]"},
      {"[^38north2011]", "[^38north2011-p1]"},
      {"(38 North, 2011)", "(38 North, 2011, para. 1)"},
      {"“Kim & Putin at 100% — the ‘summit’ of #2011_talks.” 38 North, 2011.",
       "“Kim & Putin at 100% — the ‘summit’ of #2011_talks.” 38 North, 2011, para. 1."}},
     {"[^38north2011]: “Kim & Putin at 100% — the ‘summit’ of #2011\\_talks.” 38 North, 2011.",
      "[^38north2011-p1]: “Kim & Putin at 100% — the ‘summit’ of #2011\\_talks.” 38 North, 2011, "
      "para. 1."}},
};
#define N_ARTICLES (sizeof expected / sizeof expected[0])

static const char *const csl_items[N_ARTICLES] = {
    "  {\n"
    "    \"id\": \"pak2023\",\n"
    "    \"type\": \"article-newspaper\",\n"
    "    \"title\": \"The significance of closer Pyongyang-Moscow ties missed by Western media\",\n"
    "    \"author\": [{\"family\": \"Pak\", \"given\": \"Noja\", \"static-ordering\": true}],\n"
    "    \"container-title\": \"Hankyoreh\",\n"
    "    \"issued\": {\"date-parts\": [[2023, 10, 4]]},\n"
    "    \"language\": \"en\",\n"
    "    \"URL\": \"https://example.org/arti/pak_2023?id=42&lang=en#top\",\n"
    "    \"DOI\": \"10.5555/pak.2023-10_{04}\",\n"
    "    \"note\": \"posted 16:32 KST; 50% & {web} #1 edition_2 $5 ~x ^y \\\"quoted\\\" "
    "back\\\\slash\\ttab\\u0001end\"\n"
    "  }",
    "  {\n"
    "    \"id\": \"rapprochement\",\n"
    "    \"type\": \"webpage\",\n"
    "    \"title\": \"Who Doesn’t Like Russia-North Korean Rapprochement?\",\n"
    "    \"language\": \"en\"\n"
    "  }",
    "  {\n"
    "    \"id\": \"matsuo2023\",\n"
    "    \"type\": \"webpage\",\n"
    "    \"title\": \"More Evidence of Russia’s Stronger Relationship with North Korea\",\n"
    "    \"author\": [{\"family\": \"Matsuo\", \"given\": \"Terrence\"}],\n"
    "    \"container-title\": \"The Peninsula\",\n"
    "    \"publisher\": \"Korea Economic Institute of America\",\n"
    "    \"issued\": {\"date-parts\": [[2023, 9]]},\n"
    "    \"language\": \"en-US\"\n"
    "  }",
    "  {\n"
    "    \"id\": \"38north2011\",\n"
    "    \"type\": \"article\",\n"
    "    \"title\": \"Kim & Putin at 100% — the \\\"summit\\\" of #2011_talks\",\n"
    "    \"container-title\": \"38 North\",\n"
    "    \"issued\": {\"date-parts\": [[2011]]},\n"
    "    \"language\": \"ko\"\n"
    "  }",
};

static const char *const bib_entries[N_ARTICLES] = {
    "@article{pak2023,\n"
    "  title = {The significance of closer {Pyongyang}-{Moscow} ties missed by {Western} media},\n"
    "  author = {Pak, Noja},\n"
    "  journaltitle = {Hankyoreh},\n"
    "  entrysubtype = {newspaper},\n"
    "  date = {2023-10-04},\n"
    "  langid = {english},\n"
    "  url = {https://example.org/arti/pak_2023?id=42&lang=en#top},\n"
    "  doi = {10.5555/pak.2023-10_%7B04%7D},\n"
    "  note = {posted 16:32 KST; 50\\% \\& \\{web\\} \\#1 edition\\_2 \\$5 \\textasciitilde{}x "
    "\\textasciicircum{}y ``quoted'' back\\textbackslash{}slash tab end}\n"
    "}\n",
    /* a web page with no URL is no biblatex @online */
    "@misc{rapprochement,\n"
    "  title = {Who {Doesn’t} {Like} {Russia}-{North} {Korean} {Rapprochement}?},\n"
    "  langid = {english}\n"
    "}\n",
    "@misc{matsuo2023,\n"
    "  title = {More {Evidence} of {Russia’s} {Stronger} {Relationship} with {North} {Korea}},\n"
    "  author = {Matsuo, Terrence},\n"
    "  organization = {The Peninsula},\n"
    "  date = {2023-09},\n"
    "  langid = {american}\n"
    "}\n",
    "@article{38north2011,\n"
    "  title = {Kim \\& {Putin} at 100\\% — the ``summit'' of \\#2011\\_talks},\n"
    "  journaltitle = {38 North},\n"
    "  date = {2011}\n"
    "}\n",
};

static const char *const style_names[4] = {"pandoc", "footnote", "inline", "reference"};

static void test_style_parse(void) {
    dossier_cite_style st = DOSSIER_CITE_REFERENCE;
    dossier_error err;
    is_int(dossier_cite_style_count(), 4, "four styles");
    for (size_t k = 0; k < 4; k++) {
        is_str(dossier_cite_style_name((dossier_cite_style)k), style_names[k], style_names[k]);
        st = (dossier_cite_style)((k + 1) % 4);
        ok(dossier_cite_style_parse(style_names[k], &st, &err) == DOSSIER_OK && (size_t)st == k,
           "'%s' parses back to its style", style_names[k]);
    }
    ok(dossier_cite_style_name((dossier_cite_style)4) == NULL, "no name past the last style");
    ok(dossier_cite_style_name((dossier_cite_style)-1) == NULL, "no name for a negative style");
    is_int(dossier_cite_style_parse("inline", NULL, NULL), DOSSIER_OK, "out and err may be NULL");
    st = DOSSIER_CITE_FOOTNOTE;
    is_int(dossier_cite_style_parse("apa", &st, &err), DOSSIER_ERR_ARG, "an unknown style");
    is_str(err.message,
           "unknown citation style 'apa' (expected pandoc, footnote, inline or reference)",
           "its message lists the styles");
    is_int(st, DOSSIER_CITE_FOOTNOTE, "and leaves *out alone");
    is_int(dossier_cite_style_parse("", &st, &err), DOSSIER_ERR_ARG, "an empty name");
    is_int(dossier_cite_style_parse("Pandoc", &st, &err), DOSSIER_ERR_ARG, "names are exact");
    is_int(dossier_cite_style_parse(NULL, &st, &err), DOSSIER_ERR_ARG, "NULL");
    ok(strstr(err.message, "(null)") != NULL, "message: %s", err.message);
}

static void test_styles(const dossier_corpus *c, long idx[N_ARTICLES]) {
    dossier_error err;
    for (size_t k = 0; k < N_ARTICLES; k++) {
        const expect *e = &expected[k];
        long p = passage_starting(c, (size_t)idx[k], e->sentence);
        ok(p >= 0, "%s: the passage '%s' exists", e->key, e->sentence);
        if (p < 0) continue;
        is_int(dossier_passage_at(c, (size_t)p)->paragraph, e->paragraph,
               "its paragraph (0-based) as the locator expects");
        for (int s = 0; s < 4; s++) {
            for (int with = 0; with < 2; with++) {
                char *text = (char *)1, *def = (char *)1;
                char name[160];
                snprintf(name, sizeof name, "%s %s%s", e->key, style_names[s],
                         with ? " with a passage" : "");
                memset(&err, 0, sizeof err);
                dossier_status st = dossier_cite(c, (size_t)idx[k], with ? p : -1,
                                                 (dossier_cite_style)s, &text, &def, &err);
                if (!is_int(st, DOSSIER_OK, name)) diag("%s", err.message);
                is_str(text, e->text[s][with], name);
                if (s == DOSSIER_CITE_FOOTNOTE) {
                    snprintf(name, sizeof name, "%s footnote definition%s", e->key,
                             with ? " with a passage" : "");
                    is_str(def, e->def[with], name);
                } else {
                    ok(def == NULL, "%s: no definition", name);
                }
                dossier_free(text);
                dossier_free(def);
            }
        }
    }

    /* the definition pointer may be NULL, even for footnotes */
    char *text = NULL;
    is_int(dossier_cite(c, (size_t)idx[0], -1, DOSSIER_CITE_FOOTNOTE, &text, NULL, NULL),
           DOSSIER_OK, "a footnote without asking for its definition");
    is_str(text, "[^pak2023]", "still gives the footnote mark");
    dossier_free(text);
}

static void test_cite_errors(const dossier_corpus *c, long idx[N_ARTICLES]) {
    dossier_error err;
    char *text = (char *)1, *def = (char *)1;
    size_t n = dossier_article_count(c);

    memset(&err, 0, sizeof err);
    is_int(dossier_cite(c, n, -1, DOSSIER_CITE_PANDOC, &text, &def, &err), DOSSIER_ERR_NOTFOUND,
           "an article past the end is not found");
    ok(text == NULL && def == NULL, "outputs are NULL on failure");
    is_int(err.status, DOSSIER_ERR_NOTFOUND, "err.status set");
    ok(strstr(err.message, "no article") != NULL, "message: %s", err.message);

    is_int(
        dossier_cite(c, 0, (long)dossier_passage_count(c), DOSSIER_CITE_PANDOC, &text, &def, &err),
        DOSSIER_ERR_NOTFOUND, "a passage past the end is not found");
    ok(strstr(err.message, "no passage") != NULL, "message: %s", err.message);

    long other = passage_starting(c, (size_t)idx[1], expected[1].sentence);
    if (other >= 0) {
        is_int(dossier_cite(c, (size_t)idx[0], other, DOSSIER_CITE_INLINE, &text, &def, &err),
               DOSSIER_ERR_ARG, "a passage of another article is refused");
        ok(strstr(err.message, "rapprochement-2011") != NULL, "message: %s", err.message);
        ok(text == NULL && def == NULL, "outputs NULL");
    }
    is_int(dossier_cite(c, 0, -1, (dossier_cite_style)7, &text, &def, &err), DOSSIER_ERR_ARG,
           "an unknown style is refused");
    is_int(dossier_cite(c, 0, -1, (dossier_cite_style)-1, &text, &def, &err), DOSSIER_ERR_ARG,
           "a negative style is refused");
    is_int(dossier_cite(c, 0, -1, DOSSIER_CITE_PANDOC, NULL, &def, NULL), DOSSIER_ERR_ARG,
           "a NULL text pointer is refused (err may be NULL)");
    is_int(dossier_cite(NULL, 0, -1, DOSSIER_CITE_PANDOC, &text, &def, &err), DOSSIER_ERR_ARG,
           "a NULL corpus is refused");
}

static char *concat(const char *const *parts, size_t n, const char *open, const char *sep,
                    const char *close) {
    size_t len = strlen(open) + strlen(close) + 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(parts[i]) + strlen(sep);
    char *s = malloc(len);
    if (!s) return NULL;
    strcpy(s, open);
    for (size_t i = 0; i < n; i++) {
        if (i) strcat(s, sep);
        strcat(s, parts[i]);
    }
    strcat(s, close);
    return s;
}

static void test_bibliography(const dossier_corpus *c, long idx[N_ARTICLES]) {
    dossier_error err;
    /* expected entries in corpus order */
    const char *csl[N_ARTICLES], *bib[N_ARTICLES];
    for (size_t i = 0; i < N_ARTICLES; i++)
        for (size_t k = 0; k < N_ARTICLES; k++)
            if ((size_t)idx[k] == i) {
                csl[i] = csl_items[k];
                bib[i] = bib_entries[k];
            }

    char *out = NULL;
    memset(&err, 0, sizeof err);
    if (!is_int(dossier_bibliography(c, "csl", &out, &err), DOSSIER_OK, "CSL JSON"))
        diag("%s", err.message);
    char *want = concat(csl, N_ARTICLES, "[\n", ",\n", "\n]\n");
    is_str(out, want, "CSL JSON content");
    free(want);
    dossier_free(out);

    out = NULL;
    if (!is_int(dossier_bibliography(c, "bibtex", &out, &err), DOSSIER_OK, "BibTeX"))
        diag("%s", err.message);
    want = concat(bib, N_ARTICLES, "", "\n", "");
    is_str(out, want, "BibTeX content");
    free(want);
    dossier_free(out);

    out = (char *)1;
    memset(&err, 0, sizeof err);
    is_int(dossier_bibliography(c, "ris", &out, &err), DOSSIER_ERR_ARG,
           "an unknown format is refused");
    ok(out == NULL, "*out is NULL");
    is_int(err.status, DOSSIER_ERR_ARG, "err.status set");
    ok(strstr(err.message, "ris") && strstr(err.message, "csl") && strstr(err.message, "bibtex"),
       "the message names the format and the choices: %s", err.message);
    is_int(dossier_bibliography(c, NULL, &out, &err), DOSSIER_ERR_ARG, "a NULL format is refused");
    is_int(dossier_bibliography(c, "csl", NULL, NULL), DOSSIER_ERR_ARG, "a NULL out is refused");
    is_int(dossier_bibliography(NULL, "csl", &out, NULL), DOSSIER_ERR_ARG,
           "a NULL corpus is refused");
}

/* ------------------------------------------------------------ pandoc */

static int run(const char *cmd) {
    int rc = system(cmd);
    return rc != -1 && WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void test_pandoc(const dossier_corpus *c) {
    if (run("pandoc --version >/dev/null 2>&1") != 0) {
        skip("pandoc is not installed");
        return;
    }
    static const char *const fmts[2] = {"csl", "bibtex"};
    static const char *const names[2] = {"refs.json", "refs.bib"};
    fx_write(dir, "doc.md",
             "---\nnocite: \"@*\"\n---\n"
             "A [@pak2023, para. 3]. B [@rapprochement]. C [@matsuo2023]. "
             "D [@38north2011].\n");
    for (int f = 0; f < 2; f++) {
        char *out = NULL;
        if (dossier_bibliography(c, fmts[f], &out, NULL) != DOSSIER_OK) {
            fail("bibliography %s", fmts[f]);
            continue;
        }
        fx_write(dir, names[f], out);
        dossier_free(out);
        char cmd[1024];
        snprintf(cmd, sizeof cmd,
                 "cd '%s' && pandoc --citeproc --bibliography=%s -t plain --wrap=none doc.md "
                 "-o out.txt 2>err.txt",
                 dir, names[f]);
        is_int(run(cmd), 0, names[f]);
        char *txt = read_all("out.txt"), *warn = read_all("err.txt");
        ok(warn && *warn == '\0', "pandoc --citeproc reads %s without a warning", names[f]);
        if (warn && *warn) diag("%s", warn);
        ok(txt && strstr(txt, "(Pak 2023, para. 3)"),
           "%s: the family name and the locator, as Chicago author-date cites them", names[f]);
        ok(txt && strstr(txt, "“The Significance of Closer Pyongyang-Moscow Ties Missed by Western "
                              "Media.” Hankyoreh"),
           "%s: the title, title-cased by the style", names[f]);
        ok(txt && strstr(txt, "Kim & Putin at 100% — the ‘") &&
               strstr(txt, "ummit’ of #2011_talks") &&
               strstr(txt, "Who Doesn’t Like Russia-North Korean Rapprochement?"),
           "%s: specials come through", names[f]);
        ok(txt && !strstr(txt, "unknown") && !strstr(txt, "???"), "%s: nothing unknown", names[f]);
        if (txt && (!strstr(txt, "para. 3") || strstr(txt, "???"))) diag("%s", txt);
        free(txt);
        free(warn);
    }

    /* BibTeX read back by pandoc gives the fields the CSL JSON has */
    char cmd[512];
    snprintf(cmd, sizeof cmd, "cd '%s' && pandoc -f bibtex -t csljson refs.bib -o back.json", dir);
    is_int(run(cmd), 0, "pandoc converts the BibTeX to CSL JSON");
    char *back = read_all("back.json");
    ok(back &&
           strstr(back, "\"title\": \"The significance of closer Pyongyang-Moscow ties missed by "
                        "Western media\""),
       "a protected title reads back as written");
    ok(back && strstr(back, "\"title\": \"Who Doesn’t Like Russia-North Korean Rapprochement?\""),
       "a title-case title reads back as written");
    ok(back && strstr(back, "\"family\": \"Pak\"") && strstr(back, "\"given\": \"Noja\""),
       "the author reads back as family and given names");
    ok(back && strstr(back, "\"note\": \"posted 16:32 KST; 50% & {web} #1 edition_2 $5 ~x ^y "
                            "“quoted” back\\\\slash tab end\""),
       "every special in the note reads back");
    ok(back && strstr(back, "\"type\": \"article-newspaper\""), "entrysubtype gives the type");
    ok(back && strstr(back, "\"URL\": \"https://example.org/arti/pak_2023?id=42&lang=en#top\""),
       "the URL reads back verbatim");
    free(back);
}

/* biblatex's langid and language names back to BCP 47 (dossier_language_tag) */
static void test_language_tags(void) {
    static const char *const cases[][2] = {
        {"english", "en"}, {"British", "en-GB"}, {"american", "en-US"}, {"ngerman", "de"},
        {"German", "de"},  {"french", "fr"},     {"spanish", "es"},     {"brazil", "pt-BR"},
        {"Korean", "ko"},  {"klingon", NULL},    {"en-GB", NULL},       {"", NULL}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = dossier_language_tag(cases[i][0]);
        ok(cases[i][1] ? got && strcmp(got, cases[i][1]) == 0 : got == NULL,
           "language '%s' is %s (got %s)", cases[i][0], cases[i][1] ? cases[i][1] : "no tag",
           got ? got : "none");
    }
    ok(dossier_language_tag(NULL) == NULL, "NULL is no language");
}

int main(void) {
    test_style_parse();
    test_language_tags();

    dir = fx_dir();
    for (size_t i = 0; i < N_FILES; i++)
        fx_write(dir, files[i], contents[i]);
    note("corpus written to %s", dir);

    dossier_corpus *c = NULL;
    dossier_error err;
    memset(&err, 0, sizeof err);
    dossier_status st = dossier_open(dir, &c, &err);
    if (!is_int(st, DOSSIER_OK, "dossier_open")) diag("%s", err.message);
    if (st == DOSSIER_OK) {
        is_int(dossier_article_count(c), N_ARTICLES, "article count");
        long idx[N_ARTICLES];
        int all = 1;
        for (size_t k = 0; k < N_ARTICLES; k++) {
            idx[k] = article_by_key(c, expected[k].key);
            if (idx[k] < 0) all = 0;
        }
        ok(all, "every article found by its key");
        if (all && dossier_article_count(c) == N_ARTICLES) {
            test_styles(c, idx);
            test_cite_errors(c, idx);
            test_bibliography(c, idx);
            test_pandoc(c);
        }
        dossier_close(c);
    }

    fx_remove(dir);
    return done_testing();
}
