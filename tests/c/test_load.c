/* test_load.c — dossier_open on the default corpus and on broken corpora:
 * every error names its file (and line where there is one). */
#include "dossier.h"
#include "expect.h"
#include "fixture.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Does msg hold "file:LINE:" with a line number? */
static int names_line(const char *msg, const char *file) {
    size_t n = strlen(file);
    for (const char *p = msg ? strstr(msg, file) : NULL; p; p = strstr(p + 1, file)) {
        const char *q = p + n;
        if (*q++ != ':' || *q < '1' || *q > '9') continue;
        while (*q >= '0' && *q <= '9')
            q++;
        if (*q == ':') return 1;
    }
    return 0;
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A corpus of FX_ARTICLE plus this actors.yaml. */
static void actors_fail(const char *actors, dossier_status want, const char *at, const char *also,
                        const char *name) {
    char *dir = fx_corpus(FX_ARTICLE, actors);
    expect_fail(dir, want, "actors.yaml", at, also, name);
    fx_remove(dir);
}

/* A corpus of this article (a.md) plus FX_ACTORS. */
static void article_fail(const char *article, dossier_status want, const char *at, const char *also,
                         const char *name) {
    char *dir = fx_corpus(article, NULL);
    expect_fail(dir, want, "a.md", at, also, name);
    fx_remove(dir);
}

/* ------------------------------------------------------------ the default corpus */

typedef struct {
    const char *id, *key, *date;
} expected_article;

static void test_default_corpus(void) {
    dossier_corpus *c = NULL;
    dossier_error err;
    dossier_status s = dossier_open("corpus/", &c, &err);
    if (!is_int(s, DOSSIER_OK, "the default corpus loads")) {
        diag("%s", err.message);
        return;
    }
    is_int(dossier_article_count(c), 5, "5 articles");
    static const expected_article want[] = {
        {"globalresearch-2023", "araujo2023", "2023-09"},
        {"peninsula-2023", "matsuo2023", "2023-12-01"},
        {"38north-2011", "38north2011", "2011"},
        {"summit-2023", "summit2023", "2023-09-13"},
        {"hankyoreh-2023", "pak2023", "2023-10-04"},
    };
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        long i = dossier_article_find(c, want[k].id);
        char name[128];
        snprintf(name, sizeof name, "article %s is there", want[k].id);
        ok(i >= 0, "%s", name);
        if (i < 0) continue;
        const dossier_article *a = dossier_article_at(c, (size_t)i);
        is_str(a->id, want[k].id, "  its id");
        is_str(a->key, want[k].key, "  its citation key");
        is_str(a->date, want[k].date, "  its date");
        is_int(dossier_article_find(c, want[k].key), i, "  found by its key too");
        ok(a->path && contains(a->path, want[k].id), "  its path names the file (%s)", a->path);
        ok(a->text && strlen(a->text) == a->text_len, "  text is NUL-terminated at text_len");
        ok(a->body_start > 0 && a->body_start < a->text_len,
           "  body starts after the front matter");
        ok(a->n_passages > 0, "  has passages (%zu)", a->n_passages);
    }
    is_int(dossier_article_find(c, "no-such-article"), -1, "an unknown id is -1");
    is_int(dossier_article_find(c, NULL), -1, "a NULL id is -1");
    ok(dossier_article_at(c, 5) == NULL, "article_at past the end is NULL");

    long n38 = dossier_article_find(c, "38north-2011");
    if (n38 >= 0) {
        const dossier_article *a = dossier_article_at(c, (size_t)n38);
        is_str(a->title, "Who Doesn\xE2\x80\x99t Like Russia-North Korean Rapprochement?",
               "38north title");
        is_str(a->publisher, "38 North", "38north publisher");
        is_str(a->author, "unknown", "38north author is \"unknown\"");
        is_str(a->url, "unknown", "38north url is \"unknown\"");
        is_str(a->type, "webpage", "38north type");
        is_str(a->container, "", "absent optional container is \"\"");
        is_str(a->language, "en", "38north language");
    }
    long npen = dossier_article_find(c, "matsuo2023");
    if (npen >= 0) {
        const dossier_article *a = dossier_article_at(c, (size_t)npen);
        is_str(a->container, "The Peninsula", "peninsula container");
        is_str(a->author, "Terrence Matsuo", "peninsula author");
        if (is_int(a->n_authors, 1, "peninsula: one author")) {
            is_str(a->authors[0].family, "Matsuo", "  family name from 'Given Family'");
            is_str(a->authors[0].given, "Terrence", "  given name");
        }
    }
    long nhk = dossier_article_find(c, "hankyoreh-2023");
    if (nhk >= 0) {
        const dossier_article *a = dossier_article_at(c, (size_t)nhk);
        is_str(a->date_note, "", "absent date_note is \"\"");
        is_str(a->author, "Pak Noja", "hankyoreh author, shown family name first");
        if (is_int(a->n_authors, 1, "hankyoreh: one author")) {
            is_str(a->authors[0].family, "Pak", "  family name from the mapping");
            is_str(a->authors[0].given, "Noja", "  given name from the mapping");
            ok(a->authors[0].family_first, "  family-first");
        }
    }

    ok(dossier_actor_count(c) >= 60, "at least 60 actors (%zu)", dossier_actor_count(c));
    long putin = dossier_actor_find(c, "putin");
    ok(putin >= 0, "actor putin is there");
    if (putin >= 0) {
        const dossier_actor *a = dossier_actor_at(c, (size_t)putin);
        is_str(a->name, "Vladimir Putin", "putin's name");
        is_str(dossier_kind_name(a->kind), "person", "putin is a person");
        ok(a->aliases.n == 2 && strcmp(a->aliases.items[0], "Putin") == 0, "putin's aliases");
        is_int(a->sources.n, 4, "putin has 4 sources");
    }
    long nk = dossier_actor_find(c, "north-korea");
    if (nk >= 0) {
        const dossier_actor *a = dossier_actor_at(c, (size_t)nk);
        is_str(dossier_kind_name(a->kind), "state", "north-korea is a state");
        ok(a->standins.n == 2 && strcmp(a->standins.items[0], "Pyongyang") == 0 &&
               strcmp(a->standins.items[1], "the North") == 0,
           "north-korea stand-ins Pyongyang and the North");
        ok(a->shorts.n == 1 && strcmp(a->shorts.items[0], "Korea") == 0,
           "north-korea short form Korea");
    }
    is_int(dossier_actor_find(c, "nobody"), -1, "an unknown actor id is -1");
    ok(dossier_actor_at(c, dossier_actor_count(c)) == NULL, "actor_at past the end is NULL");

    /* passages: valid ranges, per-article order, positions recomputed */
    size_t np = dossier_passage_count(c), bad_range = 0, bad_pos = 0, bad_end = 0, bad_order = 0,
           bad_article = 0, total = 0;
    for (size_t ai = 0; ai < dossier_article_count(c); ai++) {
        const dossier_article *a = dossier_article_at(c, ai);
        total += a->n_passages;
        size_t prev_end = a->body_start, prev_para = 0;
        for (size_t k = a->first_passage; k < a->first_passage + a->n_passages; k++) {
            const dossier_passage *p = dossier_passage_at(c, k);
            if (!p || p->article != ai) {
                bad_article++;
                continue;
            }
            if (!(p->start < p->end && p->end <= a->text_len && p->start >= a->body_start))
                bad_range++;
            if (p->start < prev_end || p->paragraph < prev_para) bad_order++;
            prev_end = p->end;
            prev_para = p->paragraph;
            unsigned line = 1, col = 1;
            for (size_t i = 0; i < p->start && i < a->text_len; i++) {
                if (a->text[i] == '\n')
                    line++, col = 1;
                else
                    col++;
            }
            if (p->line != line || p->col != col) {
                if (!bad_pos++)
                    diag("passage %zu at %u:%u, recomputed %u:%u", k, p->line, p->col, line, col);
            }
            for (size_t i = p->start; i + 1 < p->end; i++) {
                if (a->text[i] == '\n')
                    line++, col = 1;
                else
                    col++;
            }
            if (p->end_line != line || p->end_col != col) bad_end++;
            /* a passage starts and ends on non-space bytes */
            if (a->text[p->start] == ' ' || a->text[p->start] == '\n' ||
                a->text[p->end - 1] == ' ' || a->text[p->end - 1] == '\n')
                bad_range++;
        }
    }
    is_int(total, np, "articles' passages add up to the passage count");
    ok(np > 100, "the corpus has over 100 passages (%zu)", np);
    is_int(bad_article, 0, "every passage belongs to its article");
    is_int(bad_range, 0, "every passage range is inside its article's body, trimmed");
    is_int(bad_order, 0, "passages come in file order, paragraphs non-decreasing");
    is_int(bad_pos, 0, "line/col point at each passage's first byte");
    is_int(bad_end, 0, "end_line/end_col point at each passage's last byte");
    ok(dossier_passage_at(c, np) == NULL, "passage_at past the end is NULL");

    /* the first passage of 38north is the title line, at line 14 column 1 */
    if (n38 >= 0) {
        const dossier_article *a = dossier_article_at(c, (size_t)n38);
        const dossier_passage *p = dossier_passage_at(c, a->first_passage);
        is_int(p->line, 14,
               "38north's first passage is on line 14 (after 13 lines of front matter)");
        is_int(p->col, 1, "  column 1");
        ok(p->end - p->start == strlen(a->title) &&
               memcmp(a->text + p->start, a->title, strlen(a->title)) == 0,
           "  it is the title line");
    }
    dossier_close(c);

    /* "corpus" and "corpus/" name files alike */
    s = dossier_open("corpus", &c, &err);
    is_int(s, DOSSIER_OK, "\"corpus\" without a slash loads too");
    if (!s) {
        const dossier_article *a = dossier_article_at(c, 0);
        ok(a && strncmp(a->path, "corpus/", 7) == 0 && strstr(a->path, "//") == NULL,
           "article path is dir/file (%s)", a ? a->path : "");
        dossier_close(c);
    }
    dossier_close(NULL);
    pass("dossier_close(NULL) is harmless");
}

/* ------------------------------------------------------------ arguments and directories */

static void test_arguments(void) {
    dossier_corpus *c = (dossier_corpus *)&c;
    dossier_error err;
    is_int(dossier_open(NULL, &c, &err), DOSSIER_ERR_ARG, "dossier_open(NULL dir) is ERR_ARG");
    ok(c == NULL, "  *out cleared");
    is_int(err.status, DOSSIER_ERR_ARG, "  err.status is ERR_ARG");
    ok(err.message[0] != '\0', "  with a message");
    is_int(dossier_open("corpus", NULL, &err), DOSSIER_ERR_ARG,
           "dossier_open(NULL out) is ERR_ARG");
    is_int(dossier_open("", &c, &err), DOSSIER_ERR_ARG, "dossier_open(\"\") is ERR_ARG");
    is_int(dossier_open(NULL, &c, NULL), DOSSIER_ERR_ARG, "a NULL err is allowed");
    is_int(dossier_article_count(NULL), 0, "article_count(NULL) is 0");
    ok(dossier_article_at(NULL, 0) == NULL, "article_at(NULL) is NULL");
    is_int(dossier_passage_count(NULL), 0, "passage_count(NULL) is 0");
    is_int(dossier_actor_count(NULL), 0, "actor_count(NULL) is 0");
    is_int(dossier_article_find(NULL, "x"), -1, "article_find(NULL) is -1");
    is_int(dossier_actor_find(NULL, "x"), -1, "actor_find(NULL) is -1");
}

static void test_directories(void) {
    char *dir = fx_dir();
    char *missing = where(dir, "nope", "");
    dossier_corpus *c = (dossier_corpus *)&c;
    dossier_error err;
    is_int(dossier_open(missing, &c, &err), DOSSIER_ERR_IO, "a missing directory is ERR_IO");
    ok(c == NULL, "  *out is NULL");
    ok(contains(err.message, missing), "  message names the directory");
    free(missing);

    fx_write(dir, "plain.txt", "just a file\n");
    char *file = where(dir, "plain.txt", "");
    is_int(dossier_open(file, &c, &err), DOSSIER_ERR_IO, "a file instead of a directory is ERR_IO");
    ok(contains(err.message, file) && contains(err.message, "not a directory"),
       "  message names the file and says it is not a directory");
    free(file);
    fx_remove(dir);

    dir = fx_dir();
    fx_write(dir, "actors.yaml", FX_ACTORS);
    fx_write(dir, "notes.rst", "not an article\n");
    is_int(dossier_open(dir, &c, &err), DOSSIER_ERR_INVALID,
           "a directory without articles is ERR_INVALID");
    ok(contains(err.message, dir) && contains(err.message, "no articles"),
       "  message names the directory and says there are no articles");
    fx_remove(dir);

    dir = fx_corpus(FX_ARTICLE, "");
    char *sub = where(dir, "actors.yaml", "");
    ok(mkdir(sub, 0755) == 0, "(a directory named actors.yaml)");
    expect_fail(dir, DOSSIER_ERR_IO, "actors.yaml", ":", "not a regular file",
                "an actors.yaml that is a directory is ERR_IO, not a missing gazetteer");
    rmdir(sub);
    free(sub);
    fx_remove(dir);
}

/* A corpus without actors.yaml opens with no actor, and says so once. */
static void test_no_gazetteer(void) {
    char *dir = fx_dir();
    fx_write(dir, "a.md", FX_ARTICLE);
    dossier_corpus *c = NULL;
    dossier_error err;
    is_int(dossier_open(dir, &c, &err), DOSSIER_OK, "a corpus without actors.yaml opens");
    is_int((long)dossier_actor_count(c), 0, "  with no actor");
    is_int((long)dossier_article_count(c), 1, "  and its article");
    is_int((long)dossier_notice_count(c), 1, "  and one notice");
    const char *n = dossier_notice_at(c, 0);
    ok(n && contains(n, dir) && contains(n, "actors.yaml") && contains(n, "not found"),
       "  naming the missing file");
    ok(dossier_notice_at(c, 1) == NULL, "  nothing past the last notice");
    dossier_matches m;
    const char *text = "Vladimir Putin met Kim.";
    is_int(dossier_scan(c, text, strlen(text), &m, &err), DOSSIER_OK, "  scanning works");
    is_int((long)m.n, 0, "  and finds no actor");
    dossier_matches_free(&m);
    dossier_corroboration r;
    is_int(dossier_corroborate(c, "the test article", 16, NULL, &r, &err), DOSSIER_OK,
           "  corroboration works");
    dossier_corroboration_free(&r);
    dossier_close(c);
    fx_remove(dir);

    /* the default corpus has one: no notice */
    fx_write(dir = fx_dir(), "a.md", FX_ARTICLE);
    fx_write(dir, "actors.yaml", FX_ACTORS);
    is_int(dossier_open(dir, &c, &err), DOSSIER_OK, "with actors.yaml");
    is_int((long)dossier_notice_count(c), 0, "  no notice");
    ok(dossier_notice_count(NULL) == 0 && dossier_notice_at(NULL, 0) == NULL, "NULL corpus: none");
    dossier_close(c);
    fx_remove(dir);
}

/* ------------------------------------------------------------ actors.yaml */

#define ACTOR_HEAD "actors:\n  - id: putin\n    name: Vladimir Putin\n    kind: person\n"

static void test_actors_errors(void) {
    actors_fail("actors:\n  - id: putin\n    name: \"Vladimir Putin\n    kind: person\n",
                DOSSIER_ERR_PARSE, ":", "YAML syntax error", "an unclosed quote is ERR_PARSE");
    {
        /* libyaml notices the unclosed quote at the end of the stream; the
         * message should point where the quote opens (line 3), not past the
         * last line of the 4-line file */
        char *dir = fx_corpus(
            FX_ARTICLE, "actors:\n  - id: putin\n    name: \"Vladimir Putin\n    kind: person\n");
        dossier_corpus *c;
        dossier_error err;
        dossier_open(dir, &c, &err);
        ok(names_line(err.message, "actors.yaml"), "  the message has actors.yaml:LINE: (%s)",
           err.message);
        char *w = where(dir, "actors.yaml", ":3:");
        ok(contains(err.message, w), "  the unclosed quote is reported at line 3 (%s)",
           err.message);
        free(w);
        fx_remove(dir);
    }
    actors_fail("actors:\n  - id: putin\n\tname: Vladimir Putin\n    kind: person\n",
                DOSSIER_ERR_PARSE, ":3:", "tab", "a tab indentation is ERR_PARSE at line 3");
    actors_fail("actors:\n  - id: putin\n    name: [Vladimir Putin\n    kind: person\n",
                DOSSIER_ERR_PARSE, ":", "YAML syntax error", "an unclosed flow list is ERR_PARSE");
    actors_fail(ACTOR_HEAD "    aliases: Putin\n", DOSSIER_ERR_INVALID,
                ":5:14:", "expected a list of strings for 'aliases'",
                "aliases as a string is ERR_INVALID at 5:14");
    actors_fail(ACTOR_HEAD "    aliases: [[Putin]]\n", DOSSIER_ERR_INVALID,
                ":5:", "expected a string", "a list inside aliases is ERR_INVALID");
    actors_fail("actors:\n  - id: putin\n    name: {first: Vladimir}\n    kind: person\n",
                DOSSIER_ERR_INVALID, ":3:11:", "expected a string for 'name'",
                "a mapping as name is ERR_INVALID at 3:11");
    actors_fail(ACTOR_HEAD "    colour: red\n", DOSSIER_ERR_INVALID,
                ":5:5:", "unknown actor key 'colour'",
                "an unknown actor key is ERR_INVALID at 5:5");
    actors_fail("actors:\n  - id: putin\n    name: Vladimir Putin\n    kind: planet\n",
                DOSSIER_ERR_INVALID, ":4:11:", "unknown kind 'planet'",
                "an unknown kind is ERR_INVALID at 4:11");
    actors_fail("actors:\n  - id: putin\n    name: Vladimir Putin\n", DOSSIER_ERR_INVALID,
                ":2:", "has no 'kind'", "a missing kind is ERR_INVALID");
    actors_fail("actors:\n  - name: Vladimir Putin\n    kind: person\n", DOSSIER_ERR_INVALID,
                ":2:", "has no 'id'", "a missing id is ERR_INVALID");
    actors_fail("actors:\n  - id: Putin\n    name: Vladimir Putin\n    kind: person\n",
                DOSSIER_ERR_INVALID, ":2:", "must be lower-case",
                "an upper-case actor id is ERR_INVALID");
    actors_fail("people:\n  - id: putin\n", DOSSIER_ERR_INVALID,
                ":1:1:", "unknown top-level key 'people'",
                "an unknown top-level key is ERR_INVALID");
    actors_fail("actors: putin\n", DOSSIER_ERR_INVALID, ":1:", "list of actors",
                "actors as a string is ERR_INVALID");
    actors_fail("actors: \"\"\n", DOSSIER_ERR_INVALID, ":1:", "list of actors",
                "actors as a quoted empty string is ERR_INVALID");
    /* `actors:` with nothing after it (what `dossier init` writes, so that
     * proposed entries can be appended): an empty gazetteer, and no notice */
    for (int k = 0; k < 2; k++) {
        char *dir = fx_corpus(FX_ARTICLE, k ? "# none yet\nactors: ~\n" : "# none yet\nactors:\n");
        dossier_corpus *c = NULL;
        dossier_error err;
        is_int(dossier_open(dir, &c, &err), DOSSIER_OK,
               k ? "'actors: ~' loads" : "'actors:' with no value loads");
        is_int((long)dossier_actor_count(c), 0, "  with no actor");
        is_int((long)dossier_notice_count(c), 0, "  and no notice");
        dossier_close(c);
        fx_remove(dir);
    }
    {
        char *dir = fx_corpus(FX_ARTICLE, "");
        fx_write(dir, "actors.yaml", "");
        expect_fail(dir, DOSSIER_ERR_INVALID, "actors.yaml", ":", "'actors'",
                    "an empty actors.yaml is ERR_INVALID");
        fx_remove(dir);
    }

    /* duplicate ids: the second at 5:5, the first at line 2 */
    actors_fail(ACTOR_HEAD "  - id: putin\n    name: Another Man\n    kind: person\n",
                DOSSIER_ERR_INVALID,
                ":5:5:", "duplicate actor id 'putin' (first defined at line 2)",
                "a duplicate actor id names both lines");

    /* one alias, two owners */
    {
        char *dir = fx_corpus(FX_ARTICLE,
                              ACTOR_HEAD "    aliases: [Vova]\n"
                                         "  - id: other\n    name: Other Man\n    kind: person\n"
                                         "    aliases: [Vova]\n");
        expect_fail(dir, DOSSIER_ERR_INVALID, "actors.yaml", ":", "alias 'Vova' is claimed by both",
                    "an alias claimed by two actors is ERR_INVALID");
        dossier_corpus *c;
        dossier_error err;
        dossier_open(dir, &c, &err);
        ok(contains(err.message, "'putin'") && contains(err.message, "'other'"),
           "  message names both ids");
        fx_remove(dir);
    }
    /* a name that is another actor's alias */
    actors_fail(ACTOR_HEAD
                "    aliases: [Putin]\n  - id: other\n    name: Putin\n    kind: person\n",
                DOSSIER_ERR_INVALID, ":", "claimed by both 'putin' and 'other'",
                "a name equal to another actor's alias is ERR_INVALID");
    /* a shared short form is fine */
    {
        char *dir = fx_corpus(FX_ARTICLE,
                              ACTOR_HEAD "    short: [Vlad]\n"
                                         "  - id: other\n    name: Vlad Other\n    kind: person\n"
                                         "    short: [Vlad]\n");
        dossier_corpus *c = NULL;
        dossier_error err;
        is_int(dossier_open(dir, &c, &err), DOSSIER_OK, "a short form listed by two actors loads");
        dossier_close(c);
        fx_remove(dir);
    }
    actors_fail(ACTOR_HEAD "    aliases: [\"\"]\n", DOSSIER_ERR_INVALID, ":",
                "alias '' is empty or too short", "an empty alias is ERR_INVALID");
    actors_fail(ACTOR_HEAD "    aliases: [P]\n", DOSSIER_ERR_INVALID, ":",
                "alias 'P' is empty or too short", "a one-character alias is ERR_INVALID");
    actors_fail(ACTOR_HEAD "    aliases: [\"--\"]\n", DOSSIER_ERR_INVALID, ":",
                "alias '--' is empty or too short", "an alias of punctuation only is ERR_INVALID");
    actors_fail(ACTOR_HEAD "    aliases: [\"a b c d e f g h i j k l m n o p q\"]\n",
                DOSSIER_ERR_LIMIT, ":", "more than 16 words", "an alias of 17 words is ERR_LIMIT");

    /* custom tags */
    actors_fail(
        "actors:\n  - id: putin\n    name: !!python/object:foo Vladimir Putin\n    kind: person\n",
        DOSSIER_ERR_INVALID, ":3:11:", "unsupported YAML tag",
        "a custom tag on a scalar is ERR_INVALID");
    {
        static const char *const tagged[] = {
            "actors:\n  - !!python/object:foo\n    id: putin\n    name: Vladimir Putin\n    kind: "
            "person\n",
            ACTOR_HEAD "    aliases: !!python/object:foo [Putin]\n",
            "!!python/object:foo\nactors:\n  - id: putin\n    name: Vladimir Putin\n    kind: "
            "person\n",
        };
        static const char *const what[] = {"an actor mapping", "an aliases list",
                                           "the root mapping"};
        for (size_t k = 0; k < 3; k++) {
            char *dir = fx_corpus(FX_ARTICLE, tagged[k]);
            dossier_corpus *c = NULL;
            dossier_error err;
            dossier_status s = dossier_open(dir, &c, &err);
            ok(s == DOSSIER_ERR_INVALID && contains(err.message, "unsupported YAML tag"),
               "a custom tag on %s is refused (got %s)", what[k], dossier_status_name(s));
            dossier_close(c);
            fx_remove(dir);
        }
    }

    /* billion laughs: nine levels of nine references each */
    {
        char buf[4096];
        size_t n = (size_t)snprintf(
            buf, sizeof buf,
            ACTOR_HEAD "    sources: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int k = 1; k < 10; k++)
            n += (size_t)snprintf(
                buf + n, sizeof buf - n,
                "  - id: x%d\n    name: X%d Name\n    kind: person\n"
                "    sources: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n",
                k, k, k, k - 1, k - 1, k - 1, k - 1, k - 1, k - 1, k - 1, k - 1, k - 1);
        char *dir = fx_corpus(FX_ARTICLE, buf);
        dossier_corpus *c = NULL;
        dossier_error err;
        double t0 = now_seconds();
        dossier_status s = dossier_open(dir, &c, &err);
        double dt = now_seconds() - t0;
        is_int(s, DOSSIER_ERR_INVALID,
               "billion laughs in actors.yaml fails (a list where a string belongs)");
        ok(contains(err.message, "actors.yaml:5:14: expected a string for sources"),
           "  at the aliased list (%s)", err.message);
        ok(dt < 1.0, "  within a second (%.3f s)", dt);
        dossier_close(c);
        fx_remove(dir);

        /* the same bomb referenced where a string is expected */
        n = (size_t)snprintf(buf, sizeof buf, "actors:\n");
        n += (size_t)snprintf(
            buf + n, sizeof buf - n,
            "  - id: x0\n    name: X0 Name\n    kind: person\n    note: &n0 lol\n");
        n += (size_t)snprintf(
            buf + n, sizeof buf - n,
            "  - id: x1\n    name: X1 Name\n    kind: person\n    note: *n0\n    role: *n0\n");
        dir = fx_corpus(FX_ARTICLE, buf);
        t0 = now_seconds();
        s = dossier_open(dir, &c, &err);
        dt = now_seconds() - t0;
        is_int(s, DOSSIER_OK, "a scalar alias (&n0 / *n0) where strings belong loads");
        if (!s) {
            const dossier_actor *a = dossier_actor_at(c, 1);
            ok(a && strcmp(a->note, "lol") == 0 && strcmp(a->role, "lol") == 0,
               "  the alias resolves to the anchor's text");
        }
        ok(dt < 1.0, "  within a second (%.3f s)", dt);
        dossier_close(c);
        fx_remove(dir);
    }

    /* a NUL byte in actors.yaml */
    {
        static const char bin[] =
            "actors:\n  - id: putin\n    name: Vladimir\0Putin\n    kind: person\n";
        char *dir = fx_corpus(FX_ARTICLE, "");
        fx_write_n(dir, "actors.yaml", bin, sizeof bin - 1);
        expect_fail(dir, DOSSIER_ERR_INVALID, "actors.yaml", ":", "NUL byte",
                    "a NUL byte in actors.yaml is ERR_INVALID");
        fx_remove(dir);
    }
}

/* ------------------------------------------------------------ articles */

static void test_article_errors(void) {
    article_fail("---\nid: a\ntitle: T\nBody text here.\n", DOSSIER_ERR_PARSE,
                 ":1:", "never closed", "front matter never closed is ERR_PARSE at line 1");
    article_fail("---\nid: a\ncolour: red\ntitle: T\n---\nBody.\n", DOSSIER_ERR_INVALID,
                 ":3:1:", "unknown front matter key 'colour'",
                 "an unknown front matter key is ERR_INVALID at 3:1");
    article_fail("---\ntitle: T\n---\nBody.\n", DOSSIER_ERR_INVALID,
                 ":2:", "front matter has no 'id'", "front matter without id is ERR_INVALID");
    article_fail("---\nid: a\n---\nBody.\n", DOSSIER_ERR_INVALID,
                 ":2:", "front matter has no 'title'", "front matter without title is ERR_INVALID");
    article_fail("---\nid: a\ntitle: [T\n---\nBody.\n", DOSSIER_ERR_PARSE, ":", "YAML syntax error",
                 "malformed front matter YAML is ERR_PARSE");
    article_fail("---\nid: a b\ntitle: T\n---\nBody.\n", DOSSIER_ERR_INVALID,
                 ":2:5:", "'id' must be", "an id with a space is ERR_INVALID at 2:5");
    article_fail("---\nid: a\ntitle: [T]\n---\nBody.\n", DOSSIER_ERR_INVALID,
                 ":3:8:", "expected a string", "a list as title is ERR_INVALID at 3:8");
    article_fail("---\n- id\n---\nBody.\n", DOSSIER_ERR_INVALID, ":2:", "mapping",
                 "front matter that is a list is ERR_INVALID");

    /* duplicates across two files */
    {
        char *dir = fx_corpus("---\nid: same\nkey: k1\ntitle: One\n---\nOne.\n", NULL);
        fx_write(dir, "b.md", "---\nid: same\nkey: k2\ntitle: Two\n---\nTwo.\n");
        expect_fail(dir, DOSSIER_ERR_INVALID, "b.md", ":", "duplicate article id 'same'",
                    "a duplicate article id is ERR_INVALID, naming the second file");
        char *first = where(dir, "a.md", "");
        dossier_corpus *c;
        dossier_error err;
        dossier_open(dir, &c, &err);
        ok(contains(err.message, first), "  and the first file");
        free(first);
        fx_remove(dir);
    }
    {
        char *dir = fx_corpus("---\nid: one\nkey: same\ntitle: One\n---\nOne.\n", NULL);
        fx_write(dir, "b.md", "---\nid: two\nkey: same\ntitle: Two\n---\nTwo.\n");
        expect_fail(dir, DOSSIER_ERR_INVALID, "b.md", ":", "duplicate citation key 'same'",
                    "a duplicate citation key is ERR_INVALID, naming the second file");
        fx_remove(dir);
    }
    /* binary and mis-encoded text */
    {
        static const char bin[] = "---\nid: a\ntitle: T\n---\nBody\nab\0cd.\n";
        char *dir = fx_corpus(NULL, NULL);
        fx_write_n(dir, "a.md", bin, sizeof bin - 1);
        expect_fail(dir, DOSSIER_ERR_INVALID, "a.md", ":6:3:", "NUL byte",
                    "a NUL byte is ERR_INVALID at 6:3");
        fx_remove(dir);
    }
    article_fail("---\nid: a\ntitle: T\n---\nBody\nab\xFF cd.\n", DOSSIER_ERR_INVALID,
                 ":6:3:", "invalid UTF-8", "invalid UTF-8 is ERR_INVALID at 6:3");
    article_fail("---\nid: a\ntitle: T\n---\n\xC3\xA9t\xC3\xA9 \xE2\x80\x9Cok\xE2\x80\x9D \xC3(\n",
                 DOSSIER_ERR_INVALID, ":5:", "invalid UTF-8",
                 "a truncated UTF-8 sequence is ERR_INVALID");
    article_fail("---\nid: a\ntitle: T\n---\nOverlong \xC0\xAF slash.\n", DOSSIER_ERR_INVALID,
                 ":5:10:", "invalid UTF-8", "an overlong encoding is ERR_INVALID at 5:10");
}

/* ------------------------------------------------------------ articles that load */

static dossier_corpus *open_ok(const char *dir, const char *name) {
    dossier_corpus *c = NULL;
    dossier_error err;
    dossier_status s = dossier_open(dir, &c, &err);
    if (!is_int(s, DOSSIER_OK, name)) diag("%s", err.message);
    return s ? NULL : c;
}

static void test_articles_load(void) {
    /* no front matter, listed in dossier.yaml: id from the file name, title
     * from the first line */
    {
        char *dir = fx_corpus(NULL, NULL);
        fx_write(dir, "my notes.txt", "\n  First line here  \nSecond line.\n");
        fx_write(dir, "dossier.yaml", "articles: [my notes.txt]\n");
        dossier_corpus *c = open_ok(dir, "an article without front matter loads when listed");
        if (c) {
            const dossier_article *a = dossier_article_at(c, 0);
            is_str(a->id, "my-notes", "  id from the file name (space made '-')");
            is_str(a->key, "my-notes", "  key is the id");
            is_str(a->title, "First line here", "  title is the first non-blank line, trimmed");
            is_str(a->date, "unknown", "  date is \"unknown\"");
            is_str(a->publisher, "unknown", "  publisher is \"unknown\"");
            is_str(a->url, "unknown", "  url is \"unknown\"");
            is_str(a->date_note, "", "  date_note is \"\"");
            is_int(a->body_start, 0, "  body starts at byte 0");
            is_int(a->n_passages, 1, "  one passage");
            dossier_close(c);
        }
        fx_remove(dir);
    }
    /* BOM and CRLF */
    {
        char *dir = fx_corpus("\xEF\xBB\xBF---\r\nid: crlf\r\ntitle: CRLF title\r\ndate: "
                              "\"2020\"\r\n---\r\nBody text.\r\n",
                              NULL);
        dossier_corpus *c = open_ok(dir, "a BOM and CRLF front matter load");
        if (c) {
            const dossier_article *a = dossier_article_at(c, 0);
            is_str(a->id, "crlf", "  id without \\r");
            is_str(a->title, "CRLF title", "  title without \\r");
            is_str(a->date, "2020", "  date without \\r");
            is_int(a->body_start, 56, "  body starts after '---\\r\\n'");
            is_int(a->n_passages, 1, "  one passage");
            const dossier_passage *p = dossier_passage_at(c, a->first_passage);
            if (p) {
                is_int(p->end - p->start, 10, "  the passage is 'Body text.' without \\r");
                is_int(p->line, 6, "  on line 6");
                is_int(p->col, 1, "  column 1");
            }
            dossier_close(c);
        }
        fx_remove(dir);
    }
    /* a BOM without front matter: the title does not start with the BOM */
    {
        char *dir = fx_corpus(NULL, NULL);
        fx_write(dir, "bom.md", "\xEF\xBB\xBFHeading\n\nText.\n");
        fx_write(dir, "dossier.yaml", "articles:\n  - bom.md\n");
        dossier_corpus *c = open_ok(dir, "a BOM without front matter loads when listed");
        if (c) {
            is_str(dossier_article_at(c, 0)->title, "Heading", "  title without the BOM");
            dossier_close(c);
        }
        fx_remove(dir);
    }
    /* .md and .txt both load; other files and hidden files are ignored */
    {
        char *dir = fx_corpus(NULL, NULL);
        fx_write(dir, "one.md", "---\nid: one\ntitle: One\n---\nVladimir Putin spoke.\n");
        fx_write(dir, "two.txt", "---\nid: two\ntitle: Two\n---\nRussia spoke.\n");
        fx_write(dir, "three.rst", "not an article\n");
        fx_write(dir, ".hidden.md", "---\nid: [broken\n");
        fx_write(dir, "four.md.bak", "---\nid: [broken\n");
        dossier_corpus *c = open_ok(dir, ".md and .txt articles load together");
        if (c) {
            is_int(dossier_article_count(c), 2, "  exactly two articles");
            ok(dossier_article_find(c, "one") >= 0, "  one.md is there");
            ok(dossier_article_find(c, "two") >= 0, "  two.txt is there");
            is_int(dossier_actor_count(c), 2, "  two actors from FX_ACTORS");
            dossier_close(c);
        }
        fx_remove(dir);
    }
    /* an empty article file and a front-matter-only article */
    {
        char *dir = fx_corpus(FX_ARTICLE, NULL);
        fx_write(dir, "empty.md", "");
        fx_write(dir, "only.md", "---\nid: only\ntitle: Only\n---\n");
        fx_write(dir, "dossier.yaml", "articles: [a.md, empty.md, only.md]\n");
        dossier_corpus *c = open_ok(dir, "an empty article and a front-matter-only article load");
        if (c) {
            long e = dossier_article_find(c, "empty"), o = dossier_article_find(c, "only");
            ok(e >= 0 && dossier_article_at(c, (size_t)e)->n_passages == 0,
               "  the empty one has no passages");
            ok(e >= 0 && strcmp(dossier_article_at(c, (size_t)e)->title, "empty") == 0,
               "  its title is its id");
            ok(o >= 0 && dossier_article_at(c, (size_t)o)->n_passages == 0,
               "  the front-matter-only one has none");
            dossier_close(c);
        }
        fx_remove(dir);
    }
    /* '...' also closes front matter; 'origin' is accepted */
    {
        char *dir = fx_corpus("---\nid: dots\ntitle: Dots\norigin: x.txt\n...\nBody.\n", NULL);
        dossier_corpus *c = open_ok(dir, "front matter closed by '...' with an origin loads");
        if (c) {
            is_str(dossier_article_at(c, 0)->id, "dots", "  its id");
            dossier_close(c);
        }
        fx_remove(dir);
    }
}

int main(void) {
    test_default_corpus();
    test_arguments();
    test_directories();
    test_actors_errors();
    test_no_gazetteer();
    test_article_errors();
    test_articles_load();
    return done_testing();
}
