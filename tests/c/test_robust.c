/* test_robust.c — bad input, end to end (issue 5): corpora that cannot be
 * read or are not text, front matter and actors.yaml mistakes, a gazetteer of
 * 50,000 actors, regular-expression aliases and their limits, and drafts in
 * odd shapes through every text function. Each case asserts the exact status
 * and the file:line its message names. Cases already covered by test_load.c
 * and test_scan.c are not repeated here. */
#include "dossier.h"
#include "expect.h"
#include "fixture.h"
#include "tap.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Slow cases are trimmed under valgrind and the sanitizers (the Makefile sets
 * DOSSIER_SANITIZED there). */
static int sanitized(void) {
    const char *v = getenv("DOSSIER_SANITIZED");
    return v && *v && strcmp(v, "0") != 0;
}

static dossier_corpus *open_ok(const char *dir, const char *name) {
    dossier_corpus *c = NULL;
    dossier_error err;
    dossier_status s = dossier_open(dir, &c, &err);
    if (!is_int(s, DOSSIER_OK, name)) diag("%s", err.message);
    return s ? NULL : c;
}

#define ACTOR_HEAD "actors:\n  - id: putin\n    name: Vladimir Putin\n    kind: person\n"

/* ------------------------------------------------------------ corpus files */

static void test_directories(void) {
    /* a directory with nothing in it at all: the articles are looked for first */
    char *dir = fx_dir();
    dossier_corpus *c = (dossier_corpus *)&c;
    dossier_error err;
    is_int(dossier_open(dir, &c, &err), DOSSIER_ERR_INVALID, "an empty directory is ERR_INVALID");
    ok(c == NULL && contains(err.message, dir) && contains(err.message, "no articles"),
       "  naming the directory: no articles (%s)", err.message);
    fx_remove(dir);
}

/* Opens dir as user nobody (when root: CI runs as root, and root reads a
 * mode-000 file anyway) in a fresh process: this program run again with
 * --open-as-nobody DIR, which prints the status and the message. Exec'd, so
 * valgrind does not follow it. Returns the status (-1 when the child could not
 * run) and the message in msg. */
static const char *self_path;

static int child_open_as_nobody(const char *dir) {
    dossier_error err;
    memset(&err, 0, sizeof err);
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) {
        printf("-1\nsetuid(65534): %s", strerror(errno));
        return 1;
    }
    dossier_corpus *c = NULL;
    dossier_status s = dossier_open(dir, &c, &err);
    dossier_close(c);
    printf("%d\n%s", (int)s, err.message);
    return 0;
}

static int open_as_nobody(const char *dir, char *msg, size_t cap) {
    int fds[2];
    msg[0] = '\0';
    if (pipe(fds) != 0) return -1;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], 1);
        char *const args[] = {(char *)self_path, "--open-as-nobody", (char *)dir, NULL};
        execv(self_path, args);
        _exit(127);
    }
    close(fds[1]);
    char buf[1024];
    size_t got = 0;
    ssize_t r;
    while (got + 1 < sizeof buf && (r = read(fds[0], buf + got, sizeof buf - 1 - got)) > 0)
        got += (size_t)r;
    buf[got] = '\0';
    close(fds[0]);
    int ws;
    waitpid(pid, &ws, 0);
    char *nl = strchr(buf, '\n');
    if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0 || !nl) {
        diag("child: exit %d, output '%s'", WIFEXITED(ws) ? WEXITSTATUS(ws) : -1, buf);
        return -1;
    }
    snprintf(msg, cap, "%s", nl + 1);
    return atoi(buf);
}

static void test_unreadable(void) {
    static const char *const names[] = {"a.md", "actors.yaml"};
    for (size_t k = 0; k < 2; k++) {
        char *dir = fx_corpus(FX_ARTICLE, NULL);
        chmod(dir, 0755); /* mkdtemp makes it 0700: nobody must get in */
        char *p = where(dir, names[k], "");
        chmod(p, 0);
        char msg[600];
        int s = open_as_nobody(dir, msg, sizeof msg);
        is_int(s, DOSSIER_ERR_IO,
               k ? "an unreadable actors.yaml is ERR_IO (read as nobody)"
                 : "an unreadable article is ERR_IO (read as nobody)");
        char want[700];
        snprintf(want, sizeof want, "%s: cannot open: %s", p, strerror(EACCES));
        if (!ok(contains(msg, want), "  message: '<file>: cannot open: %s'", strerror(EACCES)))
            diag("message: %s", msg);
        free(p);
        fx_remove(dir);
    }
}

static void test_symlinks(void) {
    /* a.txt -> b.txt -> a.txt */
    char *dir = fx_corpus(FX_ARTICLE, NULL);
    char *a = where(dir, "a.txt", ""), *b = where(dir, "b.txt", "");
    if (symlink("b.txt", a) != 0 || symlink("a.txt", b) != 0) exit(254);
    char *at = where(dir, "a.txt", ": cannot read: ");
    dossier_corpus *c = (dossier_corpus *)&c;
    dossier_error err;
    is_int(dossier_open(dir, &c, &err), DOSSIER_ERR_IO,
           "a symlink loop a.txt -> b.txt -> a.txt is ERR_IO");
    ok(c == NULL && contains(err.message, at) && contains(err.message, strerror(ELOOP)),
       "  '%s<why>' (%s)", at, err.message);
    free(a), free(b), free(at);
    fx_remove(dir);

    /* the loader does not recurse: a link to the directory itself is ignored
     * unless it is named like an article, and then it is not a regular file */
    dir = fx_corpus(FX_ARTICLE, NULL);
    char *loop = where(dir, "loop", "");
    if (symlink(".", loop) != 0) exit(254);
    c = open_ok(dir, "a directory symlink loop ('loop' -> '.') is ignored: the corpus loads");
    if (c) is_int(dossier_article_count(c), 1, "  with its one article");
    dossier_close(c);
    char *sub = where(dir, "sub.md", "");
    if (symlink(".", sub) != 0) exit(254);
    expect_fail(dir, DOSSIER_ERR_IO, "sub.md", ": not a regular file", NULL,
                "a directory link named sub.md -> '.' is ERR_IO");
    free(loop), free(sub);
    fx_remove(dir);
}

static void test_binary(void) {
    static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
    char *dir = fx_corpus(FX_ARTICLE, NULL);
    fx_write_n(dir, "image.txt", png, sizeof png - 1);
    expect_fail(dir, DOSSIER_ERR_INVALID, "image.txt", ":1:1: invalid UTF-8", NULL,
                "PNG bytes named image.txt are ERR_INVALID at 1:1");
    fx_remove(dir);

    static const char elf[] = "\x7f"
                              "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0";
    dir = fx_corpus(FX_ARTICLE, NULL);
    fx_write_n(dir, "prog.txt", elf, sizeof elf - 1);
    expect_fail(dir, DOSSIER_ERR_INVALID, "prog.txt", ":1:8: NUL byte", NULL,
                "ELF bytes named prog.txt are ERR_INVALID at 1:8 (the first NUL)");
    fx_remove(dir);

    /* invalid UTF-8 in the front matter itself is caught before YAML sees it */
    dir = fx_corpus("---\nid: a\ntitle: Caf\xE9\n---\nBody.\n", NULL);
    expect_fail(dir, DOSSIER_ERR_INVALID, "a.md", ":3:11: invalid UTF-8", NULL,
                "Latin-1 bytes in the front matter are ERR_INVALID at 3:11");
    fx_remove(dir);
}

static void test_huge_line(void) {
    /* a 10 MB article on one line (1 MB under the sanitizers and valgrind) */
    size_t mb = sanitized() ? 1 : 10;
    static const char head[] = "---\nid: big\ntitle: Big\n---\n";
    static const char unit[] = "Vladimir Putin spoke in Russia, then Putin left. ";
    size_t hl = sizeof head - 1, ul = sizeof unit - 1, reps = mb * 1024 * 1024 / ul;
    size_t len = hl + reps * ul;
    char *text = malloc(len + 1);
    if (!text) exit(254);
    memcpy(text, head, hl);
    for (size_t r = 0; r < reps; r++)
        memcpy(text + hl + r * ul, unit, ul);
    text[len] = '\0';
    char *dir = fx_corpus(NULL, NULL);
    fx_write_n(dir, "big.md", text, len);
    free(text);
    double t0 = now_seconds();
    dossier_corpus *c = open_ok(dir, "a one-line article of many MB loads");
    double dt = now_seconds() - t0;
    if (c) {
        const dossier_article *a = dossier_article_at(c, 0);
        is_int(a->text_len, len, "  all of it");
        is_int(a->n_passages, reps, "  one sentence per repetition");
        const dossier_passage *last = dossier_passage_at(c, a->first_passage + a->n_passages - 1);
        ok(last && last->line == 5 && last->end <= len, "  the last passage is on line 5");
        size_t n = 0;
        dossier_actor_mentions(c, (size_t)dossier_actor_find(c, "putin"), &n);
        is_int(n, reps * 2, "  putin is mentioned twice per repetition");
        dossier_close(c);
    }
    note("%zu MB one-line article opened in %.2f s", mb, dt);
    fx_remove(dir);
}

/* ------------------------------------------------------------ front matter */

static void test_front_matter(void) {
    char *dir = fx_corpus("---\nid: a\ntitle: T\npath: ../../etc/passwd\n---\nBody.\n", NULL);
    expect_fail(dir, DOSSIER_ERR_INVALID, "a.md", ":4:1:", "unknown front matter key 'path'",
                "a 'path: ../../etc/passwd' field is refused at 4:1 (unknown key)");
    fx_remove(dir);

    dir = fx_corpus("---\nid: a\ntitle: T\ndate: {year: 2023}\n---\nBody.\n", NULL);
    expect_fail(dir, DOSSIER_ERR_INVALID, "a.md", ":4:7:", "expected a string for 'date'",
                "a mapping as date is ERR_INVALID at 4:7");
    fx_remove(dir);

    dir = fx_corpus("---\nid: a\ntitle: T\nid: b\n---\nBody.\n", NULL);
    expect_fail(dir, DOSSIER_ERR_INVALID, "a.md", ":4:1:", "duplicate key 'id'",
                "a key given twice in the front matter is ERR_INVALID at the second (4:1)");
    fx_remove(dir);

    /* scalars of other YAML types are kept as written */
    dir = fx_corpus("---\nid: 2023\ntitle: true\ndate: 2023-10-04\n---\nBody.\n", NULL);
    dossier_corpus *c = open_ok(dir, "numbers, booleans and dates as scalars load");
    if (c) {
        const dossier_article *a = dossier_article_at(c, 0);
        ok(strcmp(a->id, "2023") == 0 && strcmp(a->title, "true") == 0 &&
               strcmp(a->date, "2023-10-04") == 0,
           "  as the text written (%s, %s, %s)", a->id, a->title, a->date);
        dossier_close(c);
    }
    fx_remove(dir);

    /* duplicates across files name the line of the second id or key */
    dir = fx_corpus("---\nid: same\nkey: k1\ntitle: One\n---\nOne.\n", NULL);
    fx_write(dir, "b.md", "---\ntitle: Two\nid: same\nkey: k2\n---\nTwo.\n");
    expect_fail(dir, DOSSIER_ERR_INVALID, "b.md", ":3:5:", "duplicate article id 'same'",
                "a duplicate article id is reported at its line in the second file (3:5)");
    fx_remove(dir);
    dir = fx_corpus("---\nid: one\nkey: same\ntitle: One\n---\nOne.\n", NULL);
    fx_write(dir, "b.md", "---\nid: two\ntitle: Two\nkey: same\n---\nTwo.\n");
    expect_fail(dir, DOSSIER_ERR_INVALID, "b.md", ":4:6:", "duplicate citation key 'same'",
                "a duplicate citation key is reported at its line in the second file (4:6)");
    fx_remove(dir);
    /* an id equal to another article's key is a clash too: a citation could mean either */
    dir = fx_corpus("---\nid: one\nkey: two\ntitle: One\n---\nOne.\n", NULL);
    fx_write(dir, "b.md", "---\nid: two\ntitle: Two\n---\nTwo.\n");
    expect_fail(dir, DOSSIER_ERR_INVALID, "b.md", ":2:5:", "'two'",
                "an id equal to another article's citation key is ERR_INVALID at 2:5");
    fx_remove(dir);
}

/* ------------------------------------------------------------ actors.yaml */

static void test_actors(void) {
    char *dir = fx_corpus(FX_ARTICLE, ACTOR_HEAD "    aliases: [Vova]\n"
                                                 "  - id: other\n    name: Other Man\n"
                                                 "    kind: person\n    aliases: [Lev, Vova]\n");
    expect_fail(dir, DOSSIER_ERR_INVALID, "actors.yaml",
                ":9:", "alias 'Vova' is claimed by both 'putin' and 'other' ('putin' at line 5",
                "an alias claimed twice names both actors and both lines");
    fx_remove(dir);

    dir = fx_corpus(FX_ARTICLE, ACTOR_HEAD "    aliases: [Putin]\n    standins: [X]\n");
    expect_fail(dir, DOSSIER_ERR_INVALID, "actors.yaml", ":6:", "alias 'X' is empty or too short",
                "a one-character stand-in is refused at its line");
    fx_remove(dir);

    dir = fx_corpus(FX_ARTICLE, ACTOR_HEAD "    name: Vladimir V. Putin\n");
    expect_fail(dir, DOSSIER_ERR_INVALID, "actors.yaml", ":5:5:", "duplicate key 'name'",
                "a key given twice in one actor is ERR_INVALID at the second");
    fx_remove(dir);

    dir = fx_corpus(FX_ARTICLE, ACTOR_HEAD "actors:\n  - id: x\n");
    expect_fail(dir, DOSSIER_ERR_INVALID, "actors.yaml", ":5:1:", "duplicate key 'actors'",
                "a second top-level 'actors' is ERR_INVALID");
    fx_remove(dir);

    dir = fx_corpus(FX_ARTICLE, ACTOR_HEAD "    aliases: []\n    standins: []\n");
    dossier_corpus *c = open_ok(dir, "empty alias and stand-in lists load");
    if (c) {
        const dossier_actor *a = dossier_actor_at(c, 0);
        ok(a->aliases.n == 0 && a->standins.n == 0 && a->patterns.n == 0, "  as empty lists");
        dossier_close(c);
    }
    fx_remove(dir);
}

/* Two letters per base-26 digit of i: a word no other actor uses. */
static void word_of(size_t i, char *out) {
    static const char *const syl[] = {"ba", "ke", "di", "mo", "nu", "ra", "se", "ti", "vo", "zu"};
    char *p = out;
    *p++ = 'Q';
    do {
        memcpy(p, syl[i % 10], 2);
        p += 2;
        i /= 10;
    } while (i);
    *p = '\0';
}

static void test_many_actors(void) {
    /* 10,000 under the sanitizers and valgrind, where 50,000 take 15 s */
    const size_t N = sanitized() ? 10000 : 50000;
    size_t cap = N * 128 + 64, n = 0;
    char *yaml = malloc(cap);
    if (!yaml) exit(254);
    n += (size_t)snprintf(yaml + n, cap - n, "actors:\n");
    char w[32];
    for (size_t i = 0; i < N; i++) {
        word_of(i, w);
        n += (size_t)snprintf(yaml + n, cap - n,
                              "  - id: a%zu\n    name: %s Person\n    kind: person\n"
                              "    aliases: [Dr %s]\n",
                              i, w, w);
    }
    char art[256], w1[32], w2[32];
    word_of(0, w1);
    word_of(N - 1, w2);
    snprintf(art, sizeof art, "---\nid: a\ntitle: T\n---\n%s Person met Dr %s.\n", w1, w2);
    char *dir = fx_corpus(art, "");
    fx_write_n(dir, "actors.yaml", yaml, n);
    free(yaml);
    double t0 = now_seconds();
    dossier_corpus *c = open_ok(dir, "a gazetteer of 50,000 actors (10,000 when sanitized) loads");
    double dt = now_seconds() - t0;
    note("%zu actors (%zu KB of YAML) opened in %.2f s", N, n / 1024, dt);
    if (c) {
        is_int(dossier_actor_count(c), N, "  all of them");
        size_t k;
        dossier_actor_mentions(c, 0, &k);
        is_int(k, 1, "  the article mentions actor a0 once");
        dossier_actor_mentions(c, N - 1, &k);
        is_int(k, 1, "  and the last once, by alias");
        char draft[256], w3[32];
        word_of(N == 50000 ? 31337 : 3137, w3);
        word_of(7, w1);
        snprintf(draft, sizeof draft, "Dr %s wrote to %s PERSON, not to %s.", w1, w3, w2);
        dossier_matches m;
        dossier_error err;
        t0 = now_seconds();
        dossier_status s = dossier_scan(c, draft, strlen(draft), &m, &err);
        dt = now_seconds() - t0;
        ok(s == DOSSIER_OK && m.n == 2, "  a scan finds the two actors named in full (%zu)", m.n);
        if (s == DOSSIER_OK && m.n == 2) {
            is_str(dossier_actor_at(c, (size_t)m.spans[0].actor)->id, "a7", "  a7 by its alias");
            is_str(dossier_actor_at(c, (size_t)m.spans[1].actor)->id,
                   N == 50000 ? "a31337" : "a3137", "  a31337 (a3137) by its name in capitals");
        }
        ok(dt < 0.5, "  in %.4f s", dt);
        dossier_matches_free(&m);
        dossier_close(c);
    }
    fx_remove(dir);
}

/* ------------------------------------------------------------ regular-expression aliases */

#define PAT_ACTORS                                                                                 \
    ACTOR_HEAD "    aliases: [Putin]\n"                                                            \
               "  - id: kim\n    name: Kim Jong Un\n    kind: person\n"                            \
               "    patterns: ['Kim\\s+Jong[- ]?(un|eun)', 'Dear\\s+(Respected\\s+)?Leader',\n"    \
               "               '\\x{0412}\\x{043E}\\x{0432}\\x{0430}']\n"                          \
               "  - id: navy\n    name: Pacific Fleet\n    kind: org\n"                            \
               "    patterns: ['(?x) Vladi vostok \\s+ Fleet  # the base', '\\QFleet.No7',\n"      \
               "               'Putin\\s+Fleet']\n"

static dossier_corpus *PC;

static const char *span_actor(const dossier_corpus *c, const dossier_span *s) {
    const dossier_actor *a = s->actor >= 0 ? dossier_actor_at(c, (size_t)s->actor) : NULL;
    return a ? a->id : "-";
}

/* Scans text and expects the spans "surface=actor:flags" joined by " | ". */
static void expect_spans(const char *text, const char *want, const char *name) {
    dossier_matches m;
    dossier_error err;
    dossier_status s = dossier_scan(PC, text, strlen(text), &m, &err);
    char got[1024];
    size_t n = 0;
    got[0] = '\0';
    for (size_t k = 0; s == DOSSIER_OK && k < m.n && n < sizeof got - 200; k++)
        n += (size_t)snprintf(got + n, sizeof got - n, "%s%.*s=%s:%u", k ? " | " : "",
                              (int)(m.spans[k].end - m.spans[k].start), text + m.spans[k].start,
                              span_actor(PC, &m.spans[k]), m.spans[k].flags);
    if (s) snprintf(got, sizeof got, "error %s: %.900s", dossier_status_name(s), err.message);
    is_str(got, want, name);
    dossier_matches_free(&m);
}

static void test_patterns(void) {
    char *dir = fx_corpus(
        "---\nid: a\ntitle: T\n---\nThe Dear Respected Leader met Vladimir Putin.\n", PAT_ACTORS);
    PC = open_ok(dir, "actors with regular-expression aliases load");
    fx_remove(dir);
    if (!PC) return;
    const dossier_actor *kim = dossier_actor_at(PC, 1);
    ok(kim->patterns.n == 3 &&
           strcmp(kim->patterns.items[1], "Dear\\s+(Respected\\s+)?Leader") == 0,
       "  the patterns are kept as written");
    size_t n;
    const dossier_mention *ms = dossier_actor_mentions(PC, 1, &n);
    ok(n == 1 && ms[0].flags == DOSSIER_MATCH_PATTERN && ms[0].line == 5 && ms[0].col == 5,
       "  the article's 'Dear Respected Leader' is a pattern mention of kim at 5:5");

    expect_spans("KIM JONGEUN and kim  jong-eun arrived.",
                 "KIM JONGEUN=kim:16 | kim  jong-eun=kim:16",
                 "patterns match caselessly, flagged DOSSIER_MATCH_PATTERN");
    expect_spans("Kim Jong Un arrived.", "Kim Jong Un=kim:0",
                 "where a literal name matches, the literal wins (no PATTERN flag)");
    expect_spans("Kim Jong Unx and XKim Jong Un and Kim Jong-eun2.", "",
                 "patterns match whole words only");
    expect_spans("Kim Jong-un\xE2\x80\x99s visit, (Kim Jong-eun).",
                 "Kim Jong-un=kim:0 | Kim Jong-eun=kim:16",
                 "a possessive or brackets around a match are left out");
    expect_spans(
        "\xD0\x92\xD0\x9E\xD0\x92\xD0\x90 and \xD0\xB2\xD0\xBE\xD0\xB2\xD0\xB0 but "
        "\xD0\x92\xD0\xBE\xD0\xB2\xD0\xB0\xD0\xBD",
        "\xD0\x92\xD0\x9E\xD0\x92\xD0\x90=kim:16 | \xD0\xB2\xD0\xBE\xD0\xB2\xD0\xB0=kim:16",
        "UCP and caseless: Cyrillic in capitals matches, a longer Cyrillic word not");
    expect_spans("the Vladivostok Fleet and Fleet.No7 sailed",
                 "Vladivostok Fleet=navy:16 | Fleet.No7=navy:16",
                 "an extended-mode comment and an unclosed \\Q end safely");
    expect_spans("the Putin Fleet", "Putin Fleet=navy:16",
                 "a pattern extends a literal it covers: the longer pattern match wins");
    expect_spans("the Vladimir Putin Fleet", "Vladimir Putin=putin:0",
                 "a literal wins over a pattern match that only overlaps it");
    expect_spans("\xFF Dear Leader \xC3 Dear\xE2\x80\x80Leader.",
                 "Dear Leader=kim:16 | Dear\xE2\x80\x80Leader=kim:16",
                 "invalid UTF-8 around matches is harmless; \\s takes a Unicode space");
}

/* Expects the pattern at line `line` of actors.yaml to be refused with `also`. */
static void bad_pattern(const char *pattern, const char *at, const char *also, const char *name) {
    char yaml[512];
    snprintf(yaml, sizeof yaml, ACTOR_HEAD "    patterns:\n      - '%s'\n", pattern);
    char *dir = fx_corpus(FX_ARTICLE, yaml);
    expect_fail(dir, DOSSIER_ERR_INVALID, "actors.yaml", at, also, name);
    fx_remove(dir);
}

static void test_pattern_errors(void) {
    bad_pattern("Kim (Jong", ":6:9:",
                "pattern 'Kim (Jong' does not compile: missing closing "
                "parenthesis at offset 9",
                "an unclosed group is refused with PCRE2's message and offset");
    bad_pattern("Kim[", ":6:9:", "at offset 4", "an unclosed class too");
    bad_pattern("(a+)+$", ":6:9:", "can match a single character",
                "(a+)+$ is refused: it can match one character");
    bad_pattern("x*", ":6:9:", "can match the empty string", "x* is refused: it matches nothing");
    bad_pattern("(?=Kim)", ":6:9:", "can match the empty string", "a lone lookahead is refused");
    bad_pattern("(*UCP)Kim", ":6:9:", "starts with a (*...) option", "a leading (*UCP) is refused");
    bad_pattern("\\C\\C", ":6:9:", "does not compile", "\\C (one code unit) is refused");
    {
        char *dir = fx_corpus(FX_ARTICLE, ACTOR_HEAD "    patterns: Kim.*\n");
        expect_fail(dir, DOSSIER_ERR_INVALID, "actors.yaml",
                    ":5:15:", "expected a list of strings for 'patterns'",
                    "patterns as a string is refused");
        fx_remove(dir);
    }
}

static void test_pattern_limits(void) {
    /* nested repeats: exponential backtracking on a run of a's that ends badly */
    static const char yaml[] = ACTOR_HEAD "    patterns: ['Vla', 'aa(a+)+$']\n";
    char *dir = fx_corpus(FX_ARTICLE, yaml);
    dossier_corpus *c =
        open_ok(dir, "a pathological pattern loads (the article does not trigger it)");
    if (c) {
        size_t n = 50000;
        char *text = malloc(n + 16);
        if (!text) exit(254);
        memcpy(text, "Vla ", 4);
        memset(text + 4, 'a', n);
        memcpy(text + 4 + n, "!", 2);
        size_t len = strlen(text);
        dossier_matches m = {0};
        dossier_error err;
        double t0 = now_seconds();
        dossier_status s = dossier_scan(c, text, len, &m, &err);
        double dt = now_seconds() - t0;
        is_int(s, DOSSIER_ERR_LIMIT, "scanning a long run of a's with aa(a+)+$ is ERR_LIMIT");
        ok(m.n == 0 && m.spans == NULL, "  with no spans");
        char *w = where(dir, "actors.yaml", ":5)");
        ok(contains(err.message, "pattern 'aa(a+)+$' of actor 'putin'") &&
               contains(err.message, w) && contains(err.message, "match limit"),
           "  naming the pattern, its actor and line, and the match limit (%s)", err.message);
        free(w);
        ok(dt < (sanitized() ? 20.0 : 2.0), "  without hanging (%.3f s)", dt);
        /* corroboration and quotation checks leave the pattern out instead */
        dossier_corroboration r;
        is_int(dossier_corroborate(c, text, len, NULL, &r, &err), DOSSIER_OK,
               "  corroborate on the same text is OK (the pattern is left out)");
        dossier_corroboration_free(&r);
        /* the same pattern found in an article stops the load */
        dossier_close(c);
        char *art = malloc(n + 64);
        if (!art) exit(254);
        int hl = snprintf(art, n + 64, "---\nid: b\ntitle: B\n---\n");
        memcpy(art + hl, text, len + 1);
        fx_write(dir, "b.md", art);
        free(art);
        free(text);
        expect_fail(dir, DOSSIER_ERR_LIMIT, "b.md", ": pattern 'aa(a+)+$' of actor 'putin'",
                    "match limit", "an article that trips the limit fails the load, naming it");
    }
    fx_remove(dir);

    /* Under the match limit at every word, yet slow over a whole text: each
     * start costs ~10,000 steps and a 2.1 MB text has 700,000 of them (about
     * 10 s). The scan's time budget stops it. */
    {
        char *d2 = fx_corpus(FX_ARTICLE,
                             ACTOR_HEAD "    patterns: ['\\w[\\w ]{0,100}[\\w ]{0,100}[!?]']\n");
        dossier_corpus *c2 = open_ok(d2, "a pattern slow at every word loads");
        if (c2) {
            size_t reps = 700000, len = reps * 3;
            char *text = malloc(len + 1);
            if (!text) exit(254);
            for (size_t r = 0; r < reps; r++)
                memcpy(text + r * 3, "ab ", 3);
            text[len] = '\0';
            dossier_matches m = {0};
            dossier_error err;
            double t0 = now_seconds();
            dossier_status s = dossier_scan(c2, text, len, &m, &err);
            double dt = now_seconds() - t0;
            is_int(s, DOSSIER_ERR_LIMIT, "a 2.1 MB text: ERR_LIMIT, from the time budget");
            ok(contains(err.message, "time budget"), "  saying so (%s)", err.message);
            ok(dt < (sanitized() ? 60.0 : 3.0), "  stopped after about half a second (%.3f s)", dt);
            free(text);
            dossier_close(c2);
        }
        fx_remove(d2);
    }

    /* \K moves a match's start: mid-word or down to one character, it names nobody */
    {
        char *d3 = fx_corpus(FX_ARTICLE, ACTOR_HEAD "    patterns: ['x\\Kab', 'zzq\\Kr']\n");
        dossier_corpus *c3 = open_ok(d3, "patterns with \\K load");
        if (c3) {
            const char *text = "xab zzqr";
            dossier_matches m = {0};
            dossier_error err;
            is_int(dossier_scan(c3, text, strlen(text), &m, &err), DOSSIER_OK,
                   "  scanning 'xab zzqr'");
            is_int((long)m.n, 0, "  no span starts mid-word or covers one character");
            dossier_matches_free(&m);
            dossier_close(c3);
        }
        fx_remove(d3);
    }

    /* PCRE2 applies the match limit with JIT as without: the guard holds either way */
    int jit = 0;
    pcre2_config(PCRE2_CONFIG_JIT, &jit);
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR) "aa(a+)+$", PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &code, &off, NULL);
    pcre2_match_context *mc = pcre2_match_context_create(NULL);
    pcre2_match_data *md = re ? pcre2_match_data_create_from_pattern(re, NULL) : NULL;
    if (re && mc && md) {
        pcre2_set_match_limit(mc, 200000);
        char subject[64];
        memset(subject, 'a', 40);
        strcpy(subject + 40, "!");
        int jit_ok = jit && pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) == 0;
        int with = pcre2_match(re, (PCRE2_SPTR)subject, 41, 0, 0, md, mc);
        int without = pcre2_match(re, (PCRE2_SPTR)subject, 41, 0, PCRE2_NO_JIT, md, mc);
        if (jit_ok)
            is_int(with, PCRE2_ERROR_MATCHLIMIT, "PCRE2 JIT stops at the match limit");
        else
            skip("PCRE2 has no JIT on this machine");
        is_int(without, PCRE2_ERROR_MATCHLIMIT, "the interpreter stops at the match limit");
    }
    pcre2_match_data_free(md);
    pcre2_match_context_free(mc);
    pcre2_code_free(re);
}

/* ------------------------------------------------------------ drafts in odd shapes */

static dossier_corpus *C;

/* Every text function on text: OK, results in bounds and in order. */
static void through_everything(const char *text, size_t len, const char *name) {
    dossier_error err;
    double t0 = now_seconds();
    int bad = 0;
    const char *what = "";

    dossier_matches m;
    if (dossier_scan(C, text, len, &m, &err)) bad = 1, what = "scan";
    for (size_t k = 0; !bad && k < m.n; k++) {
        const dossier_span *s = &m.spans[k];
        if (!(s->start < s->end && s->end <= len) || (k && s->start < m.spans[k - 1].end) ||
            (s->n_cand && s->cand_start + s->n_cand > m.n_candidates))
            bad = 1, what = "scan spans";
    }
    dossier_matches_free(&m);

    dossier_range *r = NULL;
    size_t n = 0;
    if (!bad && dossier_segment(text, len, &r, &n, &err)) bad = 1, what = "segment";
    for (size_t k = 0; !bad && k < n; k++)
        if (!(r[k].start < r[k].end && r[k].end <= len) || (k && r[k].start < r[k - 1].end) ||
            (k && r[k].paragraph < r[k - 1].paragraph))
            bad = 1, what = "segment ranges";
    free(r);

    r = NULL;
    n = 0;
    if (!bad && dossier_find_quotations(text, len, &r, &n, &err)) bad = 1, what = "quotations";
    for (size_t k = 0; !bad && k < n; k++)
        if (!(r[k].start <= r[k].end && r[k].end <= len) || (k && r[k].start < r[k - 1].end))
            bad = 1, what = "quotation ranges";
    free(r);

    dossier_corroboration co;
    if (!bad && dossier_corroborate(C, text, len, NULL, &co, &err)) bad = 1, what = "corroborate";
    for (size_t k = 0; !bad && k < co.n; k++)
        if (co.hits[k].passage >= dossier_passage_count(C) || !isfinite(co.hits[k].score) ||
            co.hits[k].coverage < 0 || co.hits[k].coverage > 1.0000001)
            bad = 1, what = "corroborate hits";
    if (!bad && co.n > 5) bad = 1, what = "corroborate limit";
    if (!bad) dossier_corroboration_free(&co);

    /* a quotation over 400 words is the documented DOSSIER_ERR_LIMIT */
    dossier_quote_result q;
    dossier_status qs = bad ? DOSSIER_OK : dossier_check_quote(C, text, len, &q, &err);
    if (qs && !(qs == DOSSIER_ERR_LIMIT && len > 400 &&
                contains(err.message, "quotation longer than 400 words")))
        bad = 1, what = "check_quote";
    if (!bad && !qs) {
        if (q.verdict == DOSSIER_QUOTE_NONE) {
            if (q.source) bad = 1, what = "check_quote none with a source";
        } else {
            const dossier_article *a = dossier_article_at(C, q.article);
            if (!a || !(q.start < q.end && q.end <= a->text_len) || !q.source || q.similarity < 0 ||
                q.similarity > 1.0000001)
                bad = 1, what = "check_quote result";
        }
        dossier_quote_result_free(&q);
    }
    if (!ok(!bad, "%s: scan, segment, quotations, corroborate, check_quote are sane", name))
        diag("failed at %s: %s", what, err.message);
    note("  %s (%zu bytes) in %.2f s", name, len, now_seconds() - t0);
}

static void through_everything_s(const char *text, const char *name) {
    through_everything(text, strlen(text), name);
}

/* Expects exactly the spans "surface=actor" joined by " | " in C. */
static void draft_spans(const char *text, size_t len, const char *want, const char *name) {
    dossier_matches m;
    dossier_error err;
    char got[512];
    size_t n = 0;
    got[0] = '\0';
    if (dossier_scan(C, text, len, &m, &err)) {
        snprintf(got, sizeof got, "error: %.400s", err.message);
    } else {
        for (size_t k = 0; k < m.n && n < sizeof got - 100; k++)
            n += (size_t)snprintf(got + n, sizeof got - n, "%s%.*s=%s", k ? " | " : "",
                                  (int)(m.spans[k].end - m.spans[k].start), text + m.spans[k].start,
                                  span_actor(C, &m.spans[k]));
        dossier_matches_free(&m);
    }
    is_str(got, want, name);
}

static char *repeat(const char *unit, size_t times, size_t *len) {
    size_t ul = strlen(unit);
    char *s = malloc(ul * times + 1);
    if (!s) exit(254);
    for (size_t k = 0; k < times; k++)
        memcpy(s + k * ul, unit, ul);
    s[ul * times] = '\0';
    *len = ul * times;
    return s;
}

static void test_drafts(void) {
    dossier_error err;
    if (dossier_open("corpus", &C, &err)) {
        fail("the default corpus opens: %s", err.message);
        return;
    }
    static const char bad_utf8[] = "\xFFPutin \xC3 met \xE2\x80 Kim\xF0\x9F\x98 Jong Un \xC0\xAF "
                                   "\"a new era\xED\xA0\x80\" in \xF8\x88\x80\x80\x80 Moscow.";
    through_everything(bad_utf8, sizeof bad_utf8 - 1, "invalid UTF-8");
    static const char nul[] = "Putin\0met Kim Jong Un.\0\0\"a new\0era\" of\0friendship.\0";
    through_everything(nul, sizeof nul - 1, "NUL bytes");
    through_everything_s(
        "?!... \xE2\x80\x94 \xC2\xAB\xC2\xBB ,,, ;;; ()[] \"\" \xE2\x80\x9C\xE2\x80\x9D .",
        "only punctuation");
    draft_spans("?!... ,,, ;;; ()[] --- ...", 26, "", "  only punctuation: no spans");

    static const char arabic[] =
        "\xD8\xA7\xD9\x84\xD8\xAA\xD9\x82\xD9\x89 Putin \xD9\x85\xD8\xB9 Kim Jong Un "
        "\xD9\x81\xD9\x8A \xD9\x85\xD9\x88\xD8\xB3\xD9\x83\xD9\x88\xD8\x9F "
        "\xE2\x80\x8F\xD9\x82\xD8\xA7\xD9\x84: \xC2\xAB\xD8\xB9\xD9\x87\xD8\xAF "
        "\xD8\xAC\xD8\xAF\xD9\x8A\xD8\xAF\xC2\xBB.";
    through_everything_s(arabic, "Arabic (right-to-left) with Latin names");
    draft_spans(arabic, sizeof arabic - 1, "Putin=putin | Kim Jong Un=kim-jong-un",
                "  Latin names inside Arabic are found with their exact bytes");
    static const char hebrew[] = "\xD7\xA4\xD7\x95\xD7\x98\xD7\x99\xD7\x9F \xE2\x80\x8E(Putin)"
                                 "\xE2\x80\x8F \xD7\xA0\xD7\xA4\xD7\x92\xD7\xA9 \xD7\xA2\xD7\x9D "
                                 "Russia.";
    through_everything_s(hebrew, "Hebrew with direction marks");
    draft_spans(hebrew, sizeof hebrew - 1, "Putin=putin | Russia=russia",
                "  names between direction marks are found");
    static const char cjk[] = "\xE6\x99\xAE\xE4\xBA\xAC Vladimir Putin \xE4\xB8\x8E Kim Jong Un "
                              "\xE5\x9C\xA8\xE4\xBF\x84\xE7\xBD\x97\xE6\x96\xAF\xE4\xBC\x9A"
                              "\xE8\xA7\x81\xE3\x80\x82\xE3\x80\x8C\xE6\x96\xB0\xE6\x97\xB6"
                              "\xE4\xBB\xA3\xE3\x80\x8D";
    through_everything_s(cjk, "CJK with Latin names");
    draft_spans(cjk, sizeof cjk - 1, "Vladimir Putin=putin | Kim Jong Un=kim-jong-un",
                "  Latin names set off by spaces in Chinese are found");
    /* decomposed diacritics (NFD): R, u, U+0308 */
    static const char nfd[] = "Ru\xCC\x88"
                              "diger Frank and R\xC3\xBC"
                              "diger Frank met "
                              "Pu\xCC\x81tin\xCC\x81 and Putinism\xCC\x81.";
    through_everything_s(nfd, "combining characters");
    draft_spans(nfd, sizeof nfd - 1,
                "Ru\xCC\x88"
                "diger Frank=rudiger-frank | R\xC3\xBC"
                "diger Frank=rudiger-frank | Pu\xCC\x81tin\xCC\x81=putin",
                "  combining marks fold away like composed diacritics, and stay in the span");

    size_t len;
    size_t reps = sanitized() ? 20000 : 200000;
    char *lines = repeat("Putin met Kim Jong Un in \"Vladivostok\".\n", reps, &len);
    through_everything(lines, len, sanitized() ? "20,000 lines" : "200,000 lines");
    dossier_matches m;
    if (!dossier_scan(C, lines, len, &m, &err)) {
        is_int(m.n, reps * 2, "  two names per line");
        dossier_matches_free(&m);
    }
    free(lines);

    char *line = repeat("Putin met Kim Jong Un, \xE2\x80\x9C"
                        "a new era\xE2\x80\x9D in Moscow \xFF ",
                        (sanitized() ? 1 : 5) * 1024 * 1024 / 52, &len);
    through_everything(line, len, sanitized() ? "a 1 MB line" : "a 5 MB line");
    free(line);
    dossier_close(C);
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "--open-as-nobody") == 0) return child_open_as_nobody(argv[2]);
    self_path = argv[0];
    test_directories();
    test_unreadable();
    test_symlinks();
    test_binary();
    test_huge_line();
    test_front_matter();
    test_actors();
    test_many_actors();
    test_patterns();
    test_pattern_errors();
    test_pattern_limits();
    test_drafts();
    dossier_close(PC);
    return done_testing();
}
