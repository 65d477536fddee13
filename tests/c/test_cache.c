/* test_cache.c — the corpus cache: written by a first open, mapped by the
 * next (which reads no article: checked as user nobody with every source
 * file unreadable), updated when articles change, are added or removed,
 * rebuilt when it is damaged in any way, shared safely by processes opening
 * at once; and whatever the path, the corpus answers exactly as a build in
 * memory does. Also the retriever interface ranking goes through. */
#define _DEFAULT_SOURCE /* utimensat's UTIME_*, mkdtemp */
#include "cache.h"
#include "dossier.h"
#include "fixture.h"
#include "index.h"
#include "rank.h"
#include "tap.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *self_path;

static int contains(const char *hay, const char *needle) {
    return hay && needle && strstr(hay, needle) != NULL;
}

/* ------------------------------------------------------------ fixtures */

__attribute__((noinline)) static char *slurp(const char *path, size_t *len) {
    char *data;
    if (read_file(path, &data, len, NULL) != DOSSIER_OK) fx_die_("read", path);
    return data;
}

static void spit(const char *path, const char *data, size_t len) {
    FILE *f = fopen(path, "wb");
    if (!f || (len && fwrite(data, 1, len, f) != len) || fclose(f) != 0) fx_die_("write", path);
}

/* Sets path's modification time to `age` seconds ago (0: keep ns as given). */
static void set_mtime(const char *path, time_t age) {
    struct timespec t[2];
    clock_gettime(CLOCK_REALTIME, &t[0]);
    t[0].tv_sec -= age;
    t[1] = t[0];
    if (utimensat(AT_FDCWD, path, t, 0) != 0) fx_die_("utimensat", path);
}

static struct timespec mtime_of(const char *path) {
    struct stat st;
    if (stat(path, &st) != 0) fx_die_("stat", path);
    return st.st_mtim;
}

static void restore_mtime(const char *path, struct timespec m) {
    struct timespec t[2] = {m, m};
    if (utimensat(AT_FDCWD, path, t, 0) != 0) fx_die_("utimensat", path);
}

/* A copy of corpus src, its files last modified an hour ago (age 3600) or
 * just now (age 0: "racy", too recent for their times to prove anything). */
static char *copy_corpus(const char *src, time_t age) {
    char *dir = fx_dir();
    chmod(dir, 0755);
    DIR *d = opendir(src);
    if (!d) fx_die_("open", src);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char *from = fx_path(src, e->d_name), *to = fx_path(dir, e->d_name);
        size_t len;
        char *data = slurp(from, &len);
        spit(to, data, len);
        if (age) set_mtime(to, age);
        free(data), free(from), free(to);
    }
    closedir(d);
    return dir;
}

/* Files of dir whose names start with prefix. */
static int count_files(const char *dir, const char *prefix) {
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    if (d) closedir(d);
    return n;
}

/* ------------------------------------------------------------ opening */

static dossier_status open_in(const char *dir, const char *cache_dir, dossier_corpus **c,
                              dossier_error *err) {
    dossier_open_opts o;
    memset(&o, 0, sizeof o);
    o.cache = cache_dir ? DOSSIER_CACHE_DIR : DOSSIER_CACHE_OFF;
    o.cache_dir = cache_dir;
    return dossier_open_ex(dir, &o, c, err);
}

/* How many prose passages make a claim in a fingerprint: every third where
 * the answers are the point, fewer where hundreds of opens are checked. */
static size_t claim_stride = 3;

/* Everything a user can ask a corpus, as text: articles, passages, actors
 * and mentions, and the ranking, verdict and quotation check of claims made
 * from its own sentences (every claim_stride-th prose passage, whole and cut
 * short). */
static char *fingerprint(const dossier_corpus *c) {
    strbuf b = {0};
    for (size_t i = 0; i < dossier_article_count(c); i++) {
        const dossier_article *a = dossier_article_at(c, i);
        sb_printf(&b, "A %s %s %s %s %s %s %s %s %s %s %s %s %s %zu %zu %zu %zu\n", a->id, a->key,
                  a->title, a->publisher, a->author, a->date, a->date_note, a->language, a->type,
                  a->container, a->url, a->doi, a->path, a->text_len, a->body_start,
                  a->first_passage, a->n_passages);
    }
    for (size_t p = 0; p < dossier_passage_count(c); p++) {
        const dossier_passage *x = dossier_passage_at(c, p);
        sb_printf(&b, "P %zu %zu %zu %zu %u:%u %u:%u %d\n", x->article, x->paragraph, x->start,
                  x->end, x->line, x->col, x->end_line, x->end_col, (int)x->kind);
    }
    for (size_t a = 0; a < dossier_actor_count(c); a++) {
        const dossier_actor *x = dossier_actor_at(c, a);
        size_t n;
        const dossier_mention *m = dossier_actor_mentions(c, a, &n);
        sb_printf(&b, "R %s %s %d %zu\n", x->id, x->name, (int)x->kind, n);
        for (size_t k = 0; k < n; k++)
            sb_printf(&b, " m %zu %zu %zu %u:%u %u\n", m[k].passage, m[k].start, m[k].end,
                      m[k].line, m[k].col, m[k].flags);
        dossier_cooccurrence co[8];
        size_t nc = dossier_actor_cooccurring(c, a, co, 8);
        for (size_t k = 0; k < nc; k++)
            sb_printf(&b, " c %zu %zu\n", co[k].actor, co[k].count);
    }
    size_t seen = 0;
    for (size_t p = 0; p < dossier_passage_count(c); p++) {
        const dossier_passage *x = dossier_passage_at(c, p);
        if (x->kind != DOSSIER_PROSE || seen++ % claim_stride) continue;
        const dossier_article *a = dossier_article_at(c, x->article);
        const char *text = a->text + x->start;
        size_t lens[2] = {x->end - x->start, (x->end - x->start) * 2 / 3};
        for (int k = 0; k < 2; k++) {
            dossier_corroboration r;
            dossier_corroborate_opts o = {10, 0};
            if (dossier_corroborate(c, text, lens[k], &o, &r, NULL) != DOSSIER_OK) continue;
            sb_printf(&b, "Q %d %d %zu", (int)r.verdict, r.corroborated, r.n_sources);
            for (size_t h = 0; h < r.n; h++) {
                const dossier_hit *hit = &r.hits[h];
                sb_printf(&b, " %zu/%.17g/%.17g/%d/%.17g/%s", hit->passage, hit->score,
                          hit->coverage, (int)hit->stance, hit->support, hit->matched);
                const dossier_evidence *e = &hit->evidence;
                for (size_t j = 0; j < e->n_aligned; j++)
                    sb_printf(&b, " a%zu-%zu:%zu-%zu", e->aligned[j].claim_start,
                              e->aligned[j].claim_end, e->aligned[j].source_start,
                              e->aligned[j].source_end);
                for (size_t j = 0; j < e->n_conflicts; j++)
                    sb_printf(&b, " x%d:%zu-%zu:%zu-%zu", (int)e->conflicts[j].kind,
                              e->conflicts[j].claim_start, e->conflicts[j].claim_end,
                              e->conflicts[j].source_start, e->conflicts[j].source_end);
            }
            sb_putc(&b, '\n');
            dossier_corroboration_free(&r);
            dossier_quote_result q;
            if (dossier_check_quote(c, text, lens[k], &q, NULL) == DOSSIER_OK) {
                sb_printf(&b, "V %d %.17g %zu %zu %zu %s\n", (int)q.verdict, q.similarity,
                          q.article, q.start, q.end, q.source ? q.source : "");
                dossier_quote_result_free(&q);
            }
        }
    }
    return sb_take(&b);
}

/* The fingerprint of dir opened without a cache: what every cached open must equal. */
static char *fresh_fingerprint(const char *dir) {
    dossier_corpus *c;
    dossier_error err;
    if (open_in(dir, NULL, &c, &err) != DOSSIER_OK) {
        diag("fresh open of %s: %s", dir, err.message);
        return NULL;
    }
    char *f = fingerprint(c);
    dossier_close(c);
    return f;
}

typedef struct {
    dossier_status status;
    dossier_cache_info info;
    int same; /* the fingerprint equals `want` */
} outcome;

static outcome open_check(const char *dir, const char *cache_dir, const char *want) {
    outcome o;
    memset(&o, 0, sizeof o);
    dossier_corpus *c = NULL;
    dossier_error err;
    o.status = open_in(dir, cache_dir, &c, &err);
    if (o.status) {
        diag("open: %s", err.message);
        return o;
    }
    o.info = *dossier_cache_info_of(c);
    char *f = fingerprint(c);
    o.same = f && want && strcmp(f, want) == 0;
    free(f);
    dossier_close(c);
    return o;
}

/* The one cache file in cache_dir. */
static char *cache_file(const char *cache_dir) {
    DIR *d = opendir(cache_dir);
    char *found = NULL;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n > 7 && strcmp(e->d_name + n - 7, ".dcache") == 0)
            found = fx_path(cache_dir, e->d_name);
    }
    if (d) closedir(d);
    if (!found) fx_die_("find the cache in", cache_dir);
    return found;
}

/* ------------------------------------------------------------ in a child */

/* This program run again: --open DIR CACHE_DIR [nobody] opens the corpus
 * (as user nobody when asked and root), prints "status state read notice"
 * and the fingerprint's hash. Exec'd, so valgrind does not follow it. */
static int child_open(const char *dir, const char *cache_dir, int as_nobody) {
    const char *stride = getenv("DOSSIER_TEST_STRIDE");
    if (stride) claim_stride = (size_t)atoi(stride);
    if (as_nobody && geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) {
        printf("-1 setuid %s\n", strerror(errno));
        return 1;
    }
    dossier_corpus *c = NULL;
    dossier_error err;
    dossier_status s = open_in(dir, cache_dir, &c, &err);
    if (s) {
        printf("%d none 0 0 %s\n", (int)s, err.message);
        return 0;
    }
    const dossier_cache_info *i = dossier_cache_info_of(c);
    char *f = fingerprint(c);
    printf("%d %s %zu %016llx %s\n", (int)s, dossier_cache_state_name(i->state), i->articles_read,
           (unsigned long long)hash_bytes(f, strlen(f)), i->notice);
    free(f);
    dossier_close(c);
    return 0;
}

/* This program run with args (args[0] its path), its stdout on *out_fd;
 * with gate >= 0 it waits for a byte there before it starts. */
static pid_t spawn_args(char *const args[], int *out_fd, int gate) {
    int fds[2];
    if (pipe(fds) != 0) return -1;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], 1);
        if (gate >= 0) { /* wait until the parent lets every child go at once */
            char ch;
            if (read(gate, &ch, 1) != 1) _exit(126);
        }
        execv(self_path, args);
        _exit(127);
    }
    close(fds[1]);
    *out_fd = fds[0];
    return pid;
}

static pid_t spawn(const char *dir, const char *cache_dir, int as_nobody, int *out_fd, int gate) {
    char *const args[] = {(char *)self_path,
                          "--open",
                          (char *)dir,
                          (char *)cache_dir,
                          as_nobody ? "nobody" : "any",
                          NULL};
    return spawn_args(args, out_fd, gate);
}

/* The child's line, or "" when it failed. */
static void reap(pid_t pid, int fd, char *line, size_t cap) {
    size_t got = 0;
    ssize_t r;
    while (got + 1 < cap && (r = read(fd, line + got, cap - 1 - got)) > 0)
        got += (size_t)r;
    line[got] = '\0';
    if (got && line[got - 1] == '\n') line[got - 1] = '\0';
    close(fd);
    int ws;
    waitpid(pid, &ws, 0);
    if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0) {
        diag("child failed: '%s'", line);
        line[0] = '\0';
    }
}

/* ------------------------------------------------------------ the tests */

static void test_written_and_reused(void) {
    char *dir = copy_corpus("corpus", 3600), *cache = fx_dir();
    chmod(cache, 0755);
    char *want = fresh_fingerprint(dir);
    outcome o = open_check(dir, cache, want);
    ok(o.status == DOSSIER_OK && o.info.state == DOSSIER_CACHE_BUILT,
       "a first open builds and writes the cache (%s)", dossier_cache_state_name(o.info.state));
    is_int(o.info.articles_read, 5, "  reading the five articles");
    ok(o.same, "  and answers as a build in memory does");
    ok(contains(o.info.path, cache) && contains(o.info.path, ".dcache"),
       "  the cache file is in the cache directory (%s)", o.info.path);
    is_int(count_files(cache, ""), 3, "  one file there (and . and ..): no temporary left");

    o = open_check(dir, cache, want);
    ok(o.info.state == DOSSIER_CACHE_HIT, "the second open maps it (%s)",
       dossier_cache_state_name(o.info.state));
    ok(o.info.articles_read == 0 && o.info.files_hashed == 0,
       "  reading no article (read %zu, hashed %zu)", o.info.articles_read, o.info.files_hashed);
    ok(o.same, "  and answers exactly as the build did");

    /* checked for real: every source file unreadable, opened as nobody */
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.') {
            char *p = fx_path(dir, e->d_name);
            chmod(p, 0);
            free(p);
        }
    if (d) closedir(d);
    char *cf = cache_file(cache);
    chmod(cf, 0644);
    free(cf);
    int fd;
    char line[1024], expect[64];
    pid_t pid = spawn(dir, cache, 1, &fd, -1);
    reap(pid, fd, line, sizeof line);
    snprintf(expect, sizeof expect, "%016llx", (unsigned long long)hash_bytes(want, strlen(want)));
    ok(strncmp(line, "0 hit 0 ", 8) == 0,
       "with every article and actors.yaml unreadable (mode 000, user nobody), it opens from "
       "the cache ('%.60s')",
       line);
    ok(contains(line, expect), "  with the same answers");
    fx_remove(dir);
    fx_remove(cache);
    free(want);
}

/* Expects an update (state, articles read) that answers like a fresh build. */
static void expect_update(const char *dir, const char *cache, dossier_cache_state state,
                          size_t read, const char *what) {
    char *want = fresh_fingerprint(dir);
    outcome o = open_check(dir, cache, want);
    ok(o.status == DOSSIER_OK && o.info.state == state && o.info.articles_read == read,
       "%s: %s, %zu article%s read (%s, %zu)", what, dossier_cache_state_name(state), read,
       read == 1 ? "" : "s", dossier_cache_state_name(o.info.state), o.info.articles_read);
    ok(o.same, "  answers as a fresh build of the changed corpus");
    o = open_check(dir, cache, want);
    ok(o.info.state == DOSSIER_CACHE_HIT && o.same, "  and the next open maps the new cache");
    free(want);
}

static void test_invalidation(void) {
    char *dir = copy_corpus("corpus", 3600), *cache = fx_dir();
    char *want = fresh_fingerprint(dir);
    open_check(dir, cache, want);
    free(want);
    char *p = fx_path(dir, "hankyoreh-2023.txt");
    size_t len;
    char *text = slurp(p, &len);

    /* longer */
    const char *added = "\nRussia and North Korea signed a treaty on the Tumen river bridge.\n";
    char *more = malloc(len + strlen(added));
    memcpy(more, text, len);
    memcpy(more + len, added, strlen(added));
    spit(p, more, len + strlen(added));
    set_mtime(p, 1800);
    expect_update(dir, cache, DOSSIER_CACHE_UPDATED, 1, "an article grown");

    /* same size, another time */
    char *same = malloc(len + 1);
    memcpy(same, text, len);
    char *at = strstr(same + 400, "Russia");
    if (at) memcpy(at, "Rossia", 6);
    spit(p, same, len);
    set_mtime(p, 1700);
    expect_update(dir, cache, DOSSIER_CACHE_UPDATED, 1, "an article edited to the same size");

    /* added, removed */
    char *q = fx_path(dir, "zz-added.md");
    const char *article =
        "Kim Jong-un met Vladimir Putin at the Vostochny spaceport in September.\n";
    spit(q, article, strlen(article));
    set_mtime(q, 1600);
    expect_update(dir, cache, DOSSIER_CACHE_UPDATED, 1, "an article added");
    unlink(q);
    expect_update(dir, cache, DOSSIER_CACHE_UPDATED, 0, "an article removed");
    char *first = fx_path(dir, "38north-2011.txt");
    unlink(first);
    expect_update(dir, cache, DOSSIER_CACHE_UPDATED, 0,
                  "the first article removed (every passage renumbered)");

    /* the gazetteer and the configuration change everything */
    char *actors = fx_path(dir, "actors.yaml");
    size_t alen;
    char *atext = slurp(actors, &alen);
    char *grown = malloc(alen + 100);
    memcpy(grown, atext, alen);
    const char *extra = "\n  - id: tumen\n    name: Tumen River\n    kind: place\n";
    memcpy(grown + alen, extra, strlen(extra));
    spit(actors, grown, alen + strlen(extra));
    set_mtime(actors, 1500);
    expect_update(dir, cache, DOSSIER_CACHE_REBUILT, 4, "actors.yaml changed");
    char *config = fx_path(dir, "dossier.yaml");
    spit(config, "# settings\n", 11);
    set_mtime(config, 1400);
    expect_update(dir, cache, DOSSIER_CACHE_REBUILT, 4, "dossier.yaml added");

    free(p), free(q), free(first), free(actors), free(config);
    free(text), free(more), free(same), free(atext), free(grown);
    fx_remove(dir);
    fx_remove(cache);
}

/* Files changed within the times' granularity: a same-size edit that keeps
 * the very same mtime is caught by the content hash of a racy file. */
static void test_racy(void) {
    /* written "just now" as the first open sees it: under valgrind an open
     * takes seconds, so the files are dated ahead by as much */
    time_t ahead = getenv("DOSSIER_SANITIZED") ? -20 : 0;
    char *dir = copy_corpus("corpus", ahead), *cache = fx_dir();
    char *want = fresh_fingerprint(dir);
    outcome o = open_check(dir, cache, want);
    ok(o.info.state == DOSSIER_CACHE_BUILT, "a corpus written just now is built");
    free(want);
    char *p = fx_path(dir, "summit-2023.txt");
    struct timespec m = mtime_of(p);
    size_t len;
    char *text = slurp(p, &len);
    char *at = strstr(text + 300, "Putin");
    if (at) memcpy(at, "Pujin", 5);
    spit(p, text, len);
    restore_mtime(p, m); /* same size, same nanosecond: only the content tells */
    want = fresh_fingerprint(dir);
    o = open_check(dir, cache, want);
    ok(o.info.state == DOSSIER_CACHE_UPDATED && o.info.articles_read == 1,
       "a same-size edit with the same mtime is found by the content hash (%s, %zu read)",
       dossier_cache_state_name(o.info.state), o.info.articles_read);
    ok(o.info.files_hashed >= 1, "  the racy files were compared by content (%zu)",
       o.info.files_hashed);
    ok(o.same, "  and the corpus answers as a fresh build");
    free(want);

    /* once old enough, the marks are dropped and nothing is read again:
     * waits until the files are CACHE_RACY_NS old */
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    double wait = (double)(m.tv_sec - now.tv_sec) + (double)(m.tv_nsec - now.tv_nsec) / 1e9 +
                  (double)CACHE_RACY_NS / 1e9 + 0.2;
    if (wait > 0) {
        struct timespec w = {(time_t)wait, (long)((wait - (double)(time_t)wait) * 1e9)};
        nanosleep(&w, NULL);
    }
    want = fresh_fingerprint(dir);
    o = open_check(dir, cache, want);
    /* written again without the marks now, or already by the open above when
     * the machine was slow enough for the files to age meanwhile */
    ok((o.info.state == DOSSIER_CACHE_UPDATED || o.info.state == DOSSIER_CACHE_HIT) &&
           o.info.articles_read == 0 && o.same,
       "files older now: no article read, the racy marks dropped (%s)",
       dossier_cache_state_name(o.info.state));
    o = open_check(dir, cache, want);
    ok(o.info.state == DOSSIER_CACHE_HIT && o.info.files_hashed == 0 && o.same,
       "  after which an open hashes nothing (%zu)", o.info.files_hashed);
    free(want), free(p), free(text);
    fx_remove(dir);
    fx_remove(cache);
}

/* An open that answers as a fresh build (want), in state `state`, its
 * notice saying why (when why is given). */
static int opens_as(const char *dir, const char *cache, const char *want, dossier_cache_state state,
                    const char *why) {
    outcome o = open_check(dir, cache, want);
    int good = o.status == DOSSIER_OK && o.info.state == state && o.same &&
               (!why || contains(o.info.notice, why));
    if (!good)
        diag("state %s, same %d, notice '%s' (want '%s')", dossier_cache_state_name(o.info.state),
             o.same, o.info.notice, why ? why : "");
    return good;
}

/* The damaged cache file is rebuilt: a notice saying `why`, and the answers
 * of a fresh build. */
static int rebuilt(const char *dir, const char *cache, const char *want, const char *why) {
    return opens_as(dir, cache, want, DOSSIER_CACHE_REBUILT, why);
}

static void test_corrupt(void) {
    char *dir = copy_corpus("corpus", 3600), *cache = fx_dir();
    char *want = fresh_fingerprint(dir);
    open_check(dir, cache, want);
    char *cf = cache_file(cache);
    size_t len;
    char *good = slurp(cf, &len);
    note("cache of the default corpus: %zu bytes", len);
    /* hundreds of opens: fewer claims each (and fewer places under the sanitizers) */
    claim_stride = 25;
    free(want);
    want = fresh_fingerprint(dir);
    int slow = getenv("DOSSIER_SANITIZED") != NULL;

    /* truncated at many places: every byte of the header, then across the file */
    int all = 1, n = 0;
    for (size_t cut = 0; cut < len; cut += cut < 160 ? (slow ? 7 : 1) : len / 41 + 1) {
        spit(cf, good, cut);
        all &= rebuilt(dir, cache, want, cut ? "truncated" : "empty");
        n++;
    }
    ok(all, "truncated at %d places (0 to %zu bytes): each detected and rebuilt", n, len - 1);

    /* flipped bits across the file */
    all = 1, n = 0;
    for (size_t k = 0; k < 257; k += slow ? 5 : 1) {
        size_t at = k < 128 ? k : 128 + (k - 128) * (len - 129) / 128;
        char *bad = malloc(len);
        memcpy(bad, good, len);
        bad[at] ^= (char)(1u << (k % 8));
        spit(cf, bad, len);
        free(bad);
        all &= rebuilt(dir, cache, want, NULL);
        n++;
    }
    ok(all, "a flipped bit at %d places (the header, the directory, each section)", n);

    /* each header check by name */
    struct {
        size_t at;
        uint32_t value;
        const char *why, *name;
    } fields[] = {
        {8, 0x04030201u, "other byte order", "a foreign byte-order mark"},
        {8, 0x11223344u, "byte-order mark", "a garbage byte-order mark"},
        {12, 99, "cache format 99", "an old or newer format version"},
        {0, 0x4c4c554eu, "not a Dossier cache", "another kind of file"},
    };
    for (size_t k = 0; k < sizeof fields / sizeof *fields; k++) {
        char *bad = malloc(len);
        memcpy(bad, good, len);
        memcpy(bad + fields[k].at, &fields[k].value, 4);
        spit(cf, bad, len);
        free(bad);
        ok(rebuilt(dir, cache, want, fields[k].why), "%s: rebuilt, saying '%s'", fields[k].name,
           fields[k].why);
    }
    /* a section of another version, behind a valid checksum */
    char *bad = malloc(len);
    memcpy(bad, good, len);
    uint32_t v = 7;
    memcpy(bad + 128 + 64 * 5 + 20, &v, 4); /* directory entry 5: its version */
    cache_seal((unsigned char *)bad, len);
    spit(cf, bad, len);
    ok(rebuilt(dir, cache, want, "version 7"), "a section of another version: rebuilt");
    /* a record pointing outside its section, behind a valid checksum */
    image im;
    memcpy(bad, good, len);
    if (cache_check((unsigned char *)bad, len, &im, (char[256]){0}, 256) == DOSSIER_OK) {
        unsigned char *arts =
            (unsigned char *)bad + (im.s[SEC_ARTICLES].data - (unsigned char *)bad);
        uint64_t huge = (uint64_t)1 << 40;
        memcpy(arts + offsetof(article_rec, text_len), &huge, sizeof huge);
        cache_seal((unsigned char *)bad, len);
        spit(cf, bad, len);
        ok(rebuilt(dir, cache, want, "corrupt"), "an article record out of its section: rebuilt");
    } else {
        fail("the good cache passes its own checks");
    }
    free(bad);

    /* zero-length; a directory in its place */
    spit(cf, "", 0);
    ok(rebuilt(dir, cache, want, "empty"), "a zero-length cache: rebuilt");
    unlink(cf);
    mkdir(cf, 0755);
    ok(rebuilt(dir, cache, want, "is a directory"),
       "an empty directory in its place: rebuilt (and the directory replaced)");
    outcome o = open_check(dir, cache, want);
    ok(o.info.state == DOSSIER_CACHE_HIT, "  the next open maps the new cache");
    unlink(cf);
    mkdir(cf, 0755);
    char *inside = fx_path(cf, "keep");
    spit(inside, "x", 1);
    o = open_check(dir, cache, want);
    ok(o.status == DOSSIER_OK && o.same && o.info.state == DOSSIER_CACHE_UNAVAILABLE &&
           contains(o.info.notice, "is a directory"),
       "a directory with files in its place: left alone, the corpus opens without a cache ('%s')",
       o.info.notice);
    unlink(inside);
    rmdir(cf);
    free(inside);
    free(good);
    free(cf);
    free(want);
    fx_remove(dir);
    fx_remove(cache);
    claim_stride = 3;
}

/* The delta beside the cache file cf. */
static char *delta_of(const char *cf) {
    size_t n = strlen(cf);
    char *d = malloc(n + sizeof ".delta");
    memcpy(d, cf, n);
    memcpy(d + n, ".delta", sizeof ".delta");
    return d;
}

static int exists(const char *path) {
    struct stat st;
    return lstat(path, &st) == 0;
}

/* Appends a sentence to dir/name, dated age seconds back. */
static void grow_article(const char *dir, const char *name, const char *sentence, time_t age) {
    char *p = fx_path(dir, name);
    size_t len;
    char *text = slurp(p, &len);
    char *more = malloc(len + strlen(sentence));
    memcpy(more, text, len);
    memcpy(more + len, sentence, strlen(sentence));
    spit(p, more, len + strlen(sentence));
    set_mtime(p, age);
    free(p), free(text), free(more);
}

/* Replaces the last " the " of dir/name by " thy ": a word changed, the
 * article's passages as many as before; dated age seconds back. */
static void edit_word(const char *dir, const char *name, time_t age) {
    char *p = fx_path(dir, name);
    size_t len;
    char *text = slurp(p, &len);
    for (size_t i = len >= 5 ? len - 5 : 0; i > 0; i--)
        if (memcmp(text + i, " the ", 5) == 0) {
            text[i + 3] = 'y';
            break;
        }
    spit(p, text, len);
    set_mtime(p, age);
    free(p), free(text);
}

/* Updates leave the base cache file as it is and write a delta beside it:
 * changed, added and removed articles, one update after another, each
 * answering as a fresh build; the files back as the base has them drop the
 * delta. */
static void test_delta(void) {
    char *dir = copy_corpus("corpus", 3600), *cache = fx_dir();
    char *want = fresh_fingerprint(dir);
    open_check(dir, cache, want);
    free(want);
    char *cf = cache_file(cache), *df = delta_of(cf);
    struct stat before, after;
    stat(cf, &before);
    char *p = fx_path(dir, "hankyoreh-2023.txt"), *q = fx_path(dir, "summit-2023.txt");
    size_t plen, qlen;
    char *ptext = slurp(p, &plen), *qtext = slurp(q, &qlen);
    struct timespec pm = mtime_of(p), qm = mtime_of(q);

    grow_article(dir, "hankyoreh-2023.txt", "\nRussia and North Korea opened a road bridge.\n",
                 1800);
    expect_update(dir, cache, DOSSIER_CACHE_UPDATED, 1, "through a delta: an article changed");
    stat(cf, &after);
    struct stat ds;
    memset(&ds, 0, sizeof ds);
    int have_delta = stat(df, &ds) == 0; /* before ok(): its arguments come in no set order */
    ok(have_delta && after.st_ino == before.st_ino &&
           after.st_mtim.tv_nsec == before.st_mtim.tv_nsec && after.st_size == before.st_size,
       "  the base cache left as it was, a delta beside it (%lld bytes against %lld)",
       (long long)ds.st_size, (long long)after.st_size);
    grow_article(dir, "summit-2023.txt", "\nKim Jong-un toured the Vostochny spaceport.\n", 1700);
    expect_update(dir, cache, DOSSIER_CACHE_UPDATED, 1,
                  "another article changed (the delta holds both, the first taken from it)");
    char *added = fx_path(dir, "aa-added.md");
    const char *article = "---\nid: aa-added\ntitle: Added\n---\n\nKim Jong-un met Vladimir "
                          "Putin at the Vostochny spaceport in September.\n";
    spit(added, article, strlen(article));
    set_mtime(added, 1600);
    expect_update(dir, cache, DOSSIER_CACHE_UPDATED, 1, "an article added before all others");
    char *empty = fx_path(dir, "ab-empty.md");
    spit(empty, "---\nid: ab-empty\ntitle: Front matter alone\n---\n", 47);
    set_mtime(empty, 1650);
    expect_update(dir, cache, DOSSIER_CACHE_UPDATED, 1, "an article without a passage added");
    unlink(empty);
    free(empty);
    char *first = fx_path(dir, "38north-2011.txt");
    size_t flen;
    char *ftext = slurp(first, &flen);
    struct timespec fm = mtime_of(first);
    unlink(first);
    expect_update(dir, cache, DOSSIER_CACHE_UPDATED, 0, "an article of the base removed");
    unlink(added);
    spit(p, ptext, plen);
    restore_mtime(p, pm);
    spit(q, qtext, qlen);
    restore_mtime(q, qm);
    expect_update(dir, cache, DOSSIER_CACHE_UPDATED, 0,
                  "the others back as they were: a delta of a removal alone");
    /* an update on a delta of removals alone: a delta again, on the base's vocabularies */
    grow_article(dir, "summit-2023.txt", "\nThe summit ended without a statement.\n", 1400);
    expect_update(dir, cache, DOSSIER_CACHE_UPDATED, 1, "then the last article changed");
    stat(cf, &after);
    ok(after.st_ino == before.st_ino && exists(df),
       "  through a delta: the base cache left as it was");
    spit(q, qtext, qlen);
    restore_mtime(q, qm);
    spit(first, ftext, flen);
    restore_mtime(first, fm);
    expect_update(dir, cache, DOSSIER_CACHE_UPDATED, 0, "every file as the base has it");
    ok(!exists(df), "  and the delta dropped");
    /* the first article: a word changed (as many passages), then as it was */
    edit_word(dir, "38north-2011.txt", 1300);
    expect_update(dir, cache, DOSSIER_CACHE_UPDATED, 1, "a word of the first article changed");
    spit(first, ftext, flen);
    restore_mtime(first, fm);
    expect_update(dir, cache, DOSSIER_CACHE_UPDATED, 0, "the first article as it was");
    ok(!exists(df), "  and the delta dropped");
    stat(cf, &after);
    ok(after.st_ino == before.st_ino, "  the base cache never written again");

    /* a delta that will not do: detected, made again, never trusted */
    grow_article(dir, "hankyoreh-2023.txt", "\nThe bridge opened in the spring.\n", 1500);
    want = fresh_fingerprint(dir);
    open_check(dir, cache, want);
    size_t len;
    char *good = slurp(df, &len);
    note("delta of one article: %zu bytes", len);
    claim_stride = 25;
    free(want);
    want = fresh_fingerprint(dir);
    int all = 1, n = 0;
    for (size_t cut = 0; cut < len; cut += cut < 160 ? 13 : len / 17 + 1, n++) {
        spit(df, good, cut);
        all &= opens_as(dir, cache, want, DOSSIER_CACHE_UPDATED, cut ? "truncated" : "empty");
    }
    ok(all, "a delta truncated at %d places (0 to %zu bytes): made again", n, len - 1);
    all = 1, n = 0;
    char *bad = malloc(len);
    for (size_t k = 0; k < 64; k++, n++) {
        size_t at = k < 16 ? k * 8 : 128 + (k - 16) * (len - 129) / 48;
        memcpy(bad, good, len);
        bad[at] ^= (char)(1u << (k % 8));
        spit(df, bad, len);
        all &= opens_as(dir, cache, want, DOSSIER_CACHE_UPDATED, "delta");
    }
    ok(all, "a flipped bit at %d places of the delta: made again", n);
    uint32_t v = 99;
    memcpy(bad, good, len);
    memcpy(bad + 12, &v, 4);
    spit(df, bad, len);
    ok(opens_as(dir, cache, want, DOSSIER_CACHE_UPDATED, "cache format 99"),
       "a delta of another format version: made again");
    image im;
    memcpy(bad, good, len);
    if (cache_check((unsigned char *)bad, len, &im, (char[256]){0}, 256) == DOSSIER_OK &&
        im.s[SEC_DELTA].count == 1 && im.s[SEC_ORDER].count) {
        size_t at = (size_t)(im.s[SEC_DELTA].data - (unsigned char *)bad);
        bad[at] ^= 1; /* the base's checksum it names */
        cache_seal((unsigned char *)bad, len);
        spit(df, bad, len);
        ok(opens_as(dir, cache, want, DOSSIER_CACHE_UPDATED, "another base"),
           "a delta for another base (sealed): made again");
        memcpy(bad, good, len);
        int64_t huge = (int64_t)1 << 40;
        memcpy(bad + (im.s[SEC_ORDER].data - (unsigned char *)bad), &huge, sizeof huge);
        cache_seal((unsigned char *)bad, len);
        spit(df, bad, len);
        ok(opens_as(dir, cache, want, DOSSIER_CACHE_UPDATED, "corrupt"),
           "a delta whose order names no article (sealed): made again");
    } else {
        fail("the good delta passes the file's checks");
    }
    free(bad);
    spit(df, "", 0);
    ok(opens_as(dir, cache, want, DOSSIER_CACHE_UPDATED, "empty"),
       "a zero-length delta: made again");
    unlink(df);
    mkdir(df, 0755);
    ok(opens_as(dir, cache, want, DOSSIER_CACHE_UPDATED, "is a directory"),
       "an empty directory in the delta's place: made again");
    outcome o = open_check(dir, cache, want);
    ok(o.info.state == DOSSIER_CACHE_HIT && o.same, "  the next open maps base and delta (%s)",
       dossier_cache_state_name(o.info.state));
    unlink(df);
    mkdir(df, 0755);
    char *inside = fx_path(df, "keep");
    spit(inside, "x", 1);
    ok(opens_as(dir, cache, want, DOSSIER_CACHE_UNAVAILABLE, "is a directory"),
       "a directory with files in the delta's place: left alone, the update kept in memory");
    unlink(inside);
    rmdir(df);
    free(inside);
    /* a real delta of an older base: the cache built again under it */
    open_check(dir, cache, want);
    free(good);
    good = slurp(df, &len);
    unlink(cf);
    o = open_check(dir, cache, want);
    ok(o.info.state == DOSSIER_CACHE_BUILT && !exists(df) && o.same,
       "a new base drops the delta of the old one");
    spit(df, good, len);
    ok(opens_as(dir, cache, want, DOSSIER_CACHE_HIT, "another base"),
       "a delta of the old base put back: not merged (the new base answers alone)");
    ok(!exists(df), "  and removed");
    claim_stride = 3;
    free(good), free(want), free(cf), free(df), free(p), free(q), free(ptext), free(qtext);
    free(added), free(first), free(ftext);
    fx_remove(dir);
    fx_remove(cache);
}

static void test_unwritable(void) {
    char *dir = copy_corpus("corpus", 3600), *tmp = fx_dir();
    char *want = fresh_fingerprint(dir);
    char *file = fx_path(tmp, "a-file");
    spit(file, "x", 1);
    char *under = fx_path(file, "dossier");
    outcome o = open_check(dir, under, want);
    ok(o.status == DOSSIER_OK && o.same && o.info.state == DOSSIER_CACHE_UNAVAILABLE,
       "a cache directory that cannot be made: the corpus opens without a cache (%s)",
       dossier_cache_state_name(o.info.state));
    ok(contains(o.info.notice, "cannot make") && contains(o.info.notice, "without a cache"),
       "  and says so: '%s'", o.info.notice);

    /* a read-only directory, as a user who cannot write there */
    char *ro = fx_path(tmp, "ro");
    mkdir(ro, 0555);
    chmod(tmp, 0755);
    int fd;
    char line[1024];
    pid_t pid = spawn(dir, ro, 1, &fd, -1);
    reap(pid, fd, line, sizeof line);
    if (geteuid() == 0 || access(ro, W_OK) != 0)
        ok(strncmp(line, "0 unavailable ", 14) == 0 && contains(line, "without a cache"),
           "a read-only cache directory (user nobody): opened without a cache ('%.90s')", line);
    else
        skip("cannot make a directory this user cannot write to");
    rmdir(ro);
    unlink(file);
    free(ro), free(file), free(under), free(want);
    fx_remove(dir);
    fx_remove(tmp);
}

/* Two processes opening the same corpus at once, round after round, while
 * the corpus changes and the cache comes and goes: both always succeed with
 * the right answers, and the cache left is whole. */
static void test_concurrent(void) {
    char *dir = copy_corpus("corpus", 3600), *cache = fx_dir();
    char *p = fx_path(dir, "peninsula-2023.txt");
    size_t len;
    char *text = slurp(p, &len);
    int rounds = getenv("DOSSIER_SANITIZED") ? 6 : 20, good = 0;
    claim_stride = 25;
    setenv("DOSSIER_TEST_STRIDE", "25", 1); /* the children's fingerprints alike */
    for (int r = 0; r < rounds; r++) {
        if (r % 3 == 1) { /* the corpus changes */
            char *t = malloc(len + 64);
            memcpy(t, text, len);
            int n = snprintf(t + len, 64, "\nRound %d of Russia and North Korea.\n", r);
            spit(p, t, len + (size_t)n);
            set_mtime(p, 3000 - r);
            free(t);
        }
        if (r % 4 == 2) { /* the cache goes */
            char *cf = cache_file(cache);
            unlink(cf);
            free(cf);
        }
        char *want = fresh_fingerprint(dir);
        char expect[32];
        snprintf(expect, sizeof expect, "%016llx",
                 (unsigned long long)hash_bytes(want, strlen(want)));
        int gate[2];
        if (pipe(gate) != 0) break;
        int fds[2];
        pid_t pids[2];
        for (int k = 0; k < 2; k++)
            pids[k] = spawn(dir, cache, 0, &fds[k], gate[0]);
        close(gate[0]);
        if (write(gate[1], "gg", 2) != 2) diag("cannot start the children");
        close(gate[1]);
        int both = 1;
        for (int k = 0; k < 2; k++) {
            char line[1024];
            reap(pids[k], fds[k], line, sizeof line);
            both &= strncmp(line, "0 ", 2) == 0 && contains(line, expect);
            if (!contains(line, expect)) diag("round %d, child %d: '%s'", r, k, line);
        }
        good += both;
        free(want);
    }
    is_int(good, rounds, "two processes opening at once: right answers in every round");
    char *want = fresh_fingerprint(dir);
    outcome o = open_check(dir, cache, want);
    ok(o.info.state == DOSSIER_CACHE_HIT && o.same, "  and the cache they leave is whole (%s)",
       dossier_cache_state_name(o.info.state));
    char *cf = cache_file(cache), *df = delta_of(cf);
    is_int(count_files(cache, "") - exists(df), 3, "  with no temporary file left");
    free(cf), free(df);
    claim_stride = 3;
    unsetenv("DOSSIER_TEST_STRIDE");
    free(want), free(p), free(text);
    fx_remove(dir);
    fx_remove(cache);
}

/* A progress callback that cancels the open once *ctx articles are read. */
static int stop_at(void *ctx, size_t done, size_t total) {
    (void)total;
    return done >= *(size_t *)ctx;
}

/* A file passed over (no front matter) and dossier.yaml's settings: kept by
 * the cache, so an open of the unchanged corpus still reads nothing and
 * says the same. */

static void test_skipped_and_settings(void) {
    char *dir = copy_corpus("corpus", 3600), *cache = fx_dir();
    char *readme = fx_path(dir, "README.md");
    spit(readme, "Notes about these sources.\n", 27);
    set_mtime(readme, 3600);
    char *want = fresh_fingerprint(dir);
    dossier_corpus *c;
    dossier_error err;
    char first_notice[700] = "";
    for (int k = 0; k < 2; k++) {
        if (open_in(dir, cache, &c, &err) != DOSSIER_OK) {
            fail("open: %s", err.message);
            break;
        }
        const dossier_cache_info *i = dossier_cache_info_of(c);
        if (k == 0) {
            ok(i->state == DOSSIER_CACHE_BUILT && dossier_article_count(c) == 5 &&
                   dossier_notice_count(c) == 1 && contains(dossier_notice_at(c, 0), "README.md"),
               "a README without front matter: skipped with a notice ('%s')",
               dossier_notice_count(c) ? dossier_notice_at(c, 0) : "");
            snprintf(first_notice, sizeof first_notice, "%s",
                     dossier_notice_count(c) ? dossier_notice_at(c, 0) : "");
        } else {
            ok(i->state == DOSSIER_CACHE_HIT && i->articles_read == 0 && i->files_hashed == 0,
               "  the next open maps the cache, reading nothing (%s, %zu)",
               dossier_cache_state_name(i->state), i->articles_read);
            ok(dossier_notice_count(c) == 1 && strcmp(dossier_notice_at(c, 0), first_notice) == 0,
               "  and gives the same notice");
        }
        dossier_close(c);
    }
    free(want);

    /* no actors.yaml: opened without actors, said again from the cache */
    char *gaz = fx_path(dir, "actors.yaml");
    size_t glen;
    char *gtext = slurp(gaz, &glen);
    unlink(gaz);
    for (int k = 0; k < 2; k++) {
        if (open_in(dir, cache, &c, &err) != DOSSIER_OK) {
            fail("open without actors.yaml: %s", err.message);
            break;
        }
        int said = 0;
        for (size_t i = 0; i < dossier_notice_count(c); i++)
            said |= contains(dossier_notice_at(c, i), "actors.yaml: not found");
        ok(said && dossier_actor_count(c) == 0 &&
               dossier_cache_info_of(c)->state == (k ? DOSSIER_CACHE_HIT : DOSSIER_CACHE_REBUILT),
           "without actors.yaml: no actor and a notice, %s (%s)", k ? "from the cache" : "built",
           dossier_cache_state_name(dossier_cache_info_of(c)->state));
        dossier_close(c);
    }
    spit(gaz, gtext, glen);
    set_mtime(gaz, 3500);
    free(gtext), free(gaz);

    char *config = fx_path(dir, "dossier.yaml");
    const char *settings = "articles: [summit-2023.txt, 38north-2011.txt, README.md]\n"
                           "furniture: false\n";
    spit(config, settings, strlen(settings));
    set_mtime(config, 3000);
    want = fresh_fingerprint(dir);
    outcome o = open_check(dir, cache, want);
    ok(o.info.state == DOSSIER_CACHE_REBUILT && contains(o.info.notice, "dossier.yaml changed"),
       "dossier.yaml written: rebuilt ('%s')", o.info.notice);
    ok(o.same, "  with its articles, in its order, furniture rules off");
    o = open_check(dir, cache, want);
    ok(o.info.state == DOSSIER_CACHE_HIT && o.same && o.info.articles_read == 0,
       "  and the next open maps it without reading dossier.yaml's list again");
    if (open_in(dir, cache, &c, &err) == DOSSIER_OK) {
        ok(dossier_article_count(c) == 3 &&
               strcmp(dossier_article_at(c, 0)->id, "summit-2023") == 0,
           "  the listed files are the articles, in the listed order (a README too)");
        int prose_only = 1;
        for (size_t p = 0; p < dossier_passage_count(c); p++)
            prose_only &= dossier_passage_at(c, p)->kind != DOSSIER_FURNITURE;
        ok(prose_only, "  and nothing is furniture");
        dossier_close(c);
    }
    free(want), free(config), free(readme);
    fx_remove(dir);
    fx_remove(cache);
}

/* A corpus of n articles: the shipped five over and over, each its own id,
 * its files an hour old, so that no open finds them racy however slow the
 * one before it was (under valgrind a 100-article build takes seconds). */
static char *many_articles(size_t n) {
    static const char *const names[] = {"38north-2011.txt", "globalresearch-2023.txt",
                                        "hankyoreh-2023.txt", "peninsula-2023.txt",
                                        "summit-2023.txt"};
    char *dir = fx_dir();
    for (size_t i = 0; i < n; i++) {
        char *src = fx_path("corpus", names[i % 5]);
        size_t len;
        char *text = slurp(src, &len);
        const char *end = strstr(text + 3, "\n---\n"); /* the front matter's end */
        size_t from = end ? (size_t)(end - text) + 4 : 0;
        char head[128], name[32];
        int h = snprintf(head, sizeof head, "---\nid: a%03zu\ntitle: Article %zu\n---", i, i);
        snprintf(name, sizeof name, "a%03zu.md", i);
        char *all = malloc((size_t)h + len);
        memcpy(all, head, (size_t)h);
        size_t rest = len - from;
        memcpy(all + h, text + from, rest);
        fx_write_n(dir, name, all, (size_t)h + rest);
        free(all), free(text), free(src);
        char *path = fx_path(dir, name);
        set_mtime(path, 3600);
        free(path);
    }
    size_t alen;
    char *actors = slurp("corpus/actors.yaml", &alen);
    fx_write(dir, "actors.yaml", actors);
    free(actors);
    char *path = fx_path(dir, "actors.yaml");
    set_mtime(path, 3600);
    free(path);
    return dir;
}

/* Builds of 32 articles or more read ahead on a second thread: the same
 * articles, passages and mentions as a build on one, errors in order. */
static void test_threaded_build(void) {
    char *small = many_articles(20), *big = many_articles(60);
    dossier_corpus *a, *b;
    dossier_error err;
    if (open_in(small, NULL, &a, &err) || open_in(big, NULL, &b, &err)) {
        fail("open: %s", err.message);
        return;
    }
    int same = 1;
    for (size_t i = 0; i < dossier_article_count(a) && same; i++) {
        const dossier_article *x = dossier_article_at(a, i), *y = dossier_article_at(b, i);
        same = strcmp(x->id, y->id) == 0 && x->n_passages == y->n_passages &&
               x->first_passage == y->first_passage && x->text_len == y->text_len;
    }
    size_t np = dossier_passage_count(a);
    for (size_t p = 0; p < np && same; p++)
        same = memcmp(dossier_passage_at(a, p), dossier_passage_at(b, p),
                      sizeof(dossier_passage)) == 0;
    for (size_t k = 0; k < dossier_actor_count(a) && same; k++) {
        size_t na, nb;
        const dossier_mention *ma = dossier_actor_mentions(a, k, &na);
        const dossier_mention *mb = dossier_actor_mentions(b, k, &nb);
        same = na <= nb && (na == 0 || memcmp(ma, mb, na * sizeof *ma) == 0);
    }
    ok(same && dossier_article_count(b) == 60,
       "a build of 60 articles (read ahead on a thread) makes the first 20 as a build of 20 does");
    dossier_close(a);
    dossier_close(b);

    /* the first bad article is the one named, whatever was read ahead */
    char *p40 = fx_path(big, "a040.md"), *p50 = fx_path(big, "a050.md");
    const char *broken = "---\nid: [broken\n---\ntext\n", *no_id = "---\ntitle: no id\n---\ntext\n";
    spit(p40, broken, strlen(broken));
    spit(p50, no_id, strlen(no_id));
    b = (dossier_corpus *)&b;
    dossier_status st = open_in(big, NULL, &b, &err);
    ok(st == DOSSIER_ERR_PARSE && b == NULL && contains(err.message, "a040.md"),
       "  the first bad article is reported ('%s')", err.message);
    size_t after = 35;
    dossier_open_opts o;
    memset(&o, 0, sizeof o);
    o.progress = stop_at;
    o.progress_ctx = &after;
    st = dossier_open_ex(big, &o, &b, &err);
    ok(st == DOSSIER_ERR_CANCELLED, "  and a cancel half-way stops the reading thread too");
    free(p40), free(p50);
    fx_remove(small);
    fx_remove(big);
}

/* ------------------------------------------------------------ options */

static void test_options(void) {
    char *dir = copy_corpus("corpus", 3600), *cache = fx_dir();
    dossier_open_opts o;
    memset(&o, 0, sizeof o);
    o.gazetteer_only = 1;
    dossier_corpus *c = NULL;
    dossier_error err;
    dossier_status st;
    ok(dossier_open_ex(dir, &o, &c, &err) == DOSSIER_OK && c, "a gazetteer-only open");
    ok(dossier_actor_count(c) == 87 && dossier_article_count(c) == 0 &&
           dossier_passage_count(c) == 0,
       "  has the 87 actors and no article (%zu, %zu)", dossier_actor_count(c),
       dossier_article_count(c));
    dossier_matches m;
    const char *t = "Kim Jong-un met Vladimir Putin.";
    st = dossier_scan(c, t, strlen(t), &m, NULL);
    ok(st == DOSSIER_OK && m.n == 2, "  and scans (%zu)", m.n);
    dossier_matches_free(&m);
    is_int(dossier_cache_info_of(c)->state, DOSSIER_CACHE_NONE, "  never cached");
    dossier_close(c);

    size_t after = 2;
    memset(&o, 0, sizeof o);
    o.cache = DOSSIER_CACHE_DIR;
    o.cache_dir = cache;
    o.progress = stop_at;
    o.progress_ctx = &after;
    c = (dossier_corpus *)&c;
    is_int(dossier_open_ex(dir, &o, &c, &err), DOSSIER_ERR_CANCELLED,
           "a progress callback returning nonzero cancels the open");
    ok(c == NULL && contains(err.message, "cancelled"), "  with no corpus ('%s')", err.message);
    is_int(count_files(cache, ""), 2, "  and no cache written");

    o.progress = NULL;
    o.cache = (dossier_cache_mode)42;
    is_int(dossier_open_ex(dir, &o, &c, &err), DOSSIER_ERR_ARG, "an unknown cache mode is ERR_ARG");

    /* the corpus directory, and the environment variable */
    memset(&o, 0, sizeof o);
    o.cache = DOSSIER_CACHE_CORPUS;
    st = dossier_open_ex(dir, &o, &c, &err);
    ok(st == DOSSIER_OK && contains(dossier_cache_info_of(c)->path, "/.dossier-cache"),
       "DOSSIER_CACHE_CORPUS keeps it beside the articles (%s)", dossier_cache_info_of(c)->path);
    dossier_close(c);
    ok(dossier_open_ex(dir, &o, &c, &err) == DOSSIER_OK &&
           dossier_cache_info_of(c)->state == DOSSIER_CACHE_HIT && dossier_article_count(c) == 5,
       "  where the next open finds it, and no article is made of it");
    dossier_close(c);
    setenv("DOSSIER_CACHE", "off", 1);
    ok(dossier_open(dir, &c, &err) == DOSSIER_OK &&
           dossier_cache_info_of(c)->state == DOSSIER_CACHE_NONE,
       "DOSSIER_CACHE=off: dossier_open builds in memory");
    dossier_close(c);
    setenv("DOSSIER_CACHE", cache, 1);
    ok(dossier_open(dir, &c, &err) == DOSSIER_OK && contains(dossier_cache_info_of(c)->path, cache),
       "DOSSIER_CACHE=<dir>: the cache goes there");
    dossier_close(c);
    unsetenv("DOSSIER_CACHE");
    /* $XDG_CACHE_HOME, else ~/.cache, as the XDG base directory spec says
     * (make test may run with either) */
    const char *xdg = getenv("XDG_CACHE_HOME");
    char home_cache[4096];
    if (!xdg || !*xdg) {
        snprintf(home_cache, sizeof home_cache, "%s/.cache", getenv("HOME") ? getenv("HOME") : "");
        xdg = home_cache;
    }
    st = dossier_open(dir, &c, &err);
    ok(st == DOSSIER_OK && contains(dossier_cache_info_of(c)->path, xdg) &&
           contains(dossier_cache_info_of(c)->path, "/dossier/"),
       "by default under $XDG_CACHE_HOME/dossier/, else ~/.cache/dossier/ (%s)",
       dossier_cache_info_of(c)->path);
    dossier_close(c);
    is_str(dossier_cache_state_name(DOSSIER_CACHE_UPDATED), "updated", "state names");
    is_str(dossier_cache_state_name((dossier_cache_state)99), "unknown", "  and unknown ones");
    fx_remove(dir);
    fx_remove(cache);
}

/* ------------------------------------------------------------ the retriever */

typedef struct {
    int calls;
    int saw_actor_term, saw_actor_index;
    size_t russia;
    const size_t *give;
    size_t n_give;
} fake;

static dossier_status fake_candidates(void *self, const dossier_corpus *c,
                                      const dossier_query_terms *q, size_t k,
                                      dossier_candidate *out, size_t *n, dossier_error *err) {
    fake *f = self;
    f->calls++;
    for (size_t i = 0; i < q->n_items; i++)
        for (size_t j = 0; j < q->items[i].n_terms; j++)
            f->saw_actor_term |=
                strcmp(q->items[i].terms[j].term, "@russia") == 0 && q->items[i].terms[j].idf > 0;
    for (size_t i = 0; i < q->n_actors; i++)
        f->saw_actor_index |= q->actors[i] == f->russia;
    *n = 0;
    for (size_t i = 0; i < f->n_give && *n < k; i++)
        out[(*n)++] = (dossier_candidate){f->give[i], 10.0 - (double)i};
    return DOSSIER_OK;
}

static void test_retriever(void) {
    dossier_corpus *c;
    dossier_error err;
    if (open_in("corpus", NULL, &c, &err) != DOSSIER_OK) {
        fail("open corpus: %s", err.message);
        return;
    }
    const char *said = "Russia would help North Korea build satellites.";
    dossier_corroborate_opts o = {5, 0};
    dossier_corroboration a, b;
    dossier_corroborate(c, said, strlen(said), &o, &a, NULL);
    dossier_set_retriever(c, dossier_local_retriever());
    dossier_corroborate(c, said, strlen(said), &o, &b, NULL);
    int same = a.n == b.n && a.n > 0;
    for (size_t i = 0; same && i < a.n; i++)
        same = a.hits[i].passage == b.hits[i].passage && a.hits[i].score == b.hits[i].score;
    ok(same, "the local retriever is what ranking uses by default (%zu hits)", a.n);
    dossier_corroboration_free(&b);

    size_t give[] = {7, 100000, 3, 12};
    fake f = {0, 0, 0, (size_t)dossier_actor_find(c, "russia"), give, 4};
    dossier_retriever r = {&f, fake_candidates};
    dossier_set_retriever(c, &r);
    dossier_corroborate(c, said, strlen(said), &o, &b, NULL);
    is_int(f.calls, 1, "a retriever set on the corpus is asked for the candidates");
    ok(f.saw_actor_term && f.saw_actor_index,
       "  with the claim's terms and idf (\"@russia\") and its actors' indexes");
    /* the verdict re-ranks the candidates by their alignment: the same three, some order */
    int mask = 0;
    for (size_t i = 0; i < b.n; i++)
        mask |= b.hits[i].passage == 7    ? 1
                : b.hits[i].passage == 3  ? 2
                : b.hits[i].passage == 12 ? 4
                                          : 8;
    ok(b.n == 3 && mask == 7, "  its passages become the hits, one out of range dropped (%zu)",
       b.n);
    dossier_corroboration_free(&b);
    dossier_set_retriever(c, NULL);
    dossier_corroborate(c, said, strlen(said), &o, &b, NULL);
    ok(b.n == a.n && b.hits[0].passage == a.hits[0].passage && f.calls == 1,
       "NULL restores the local index");
    dossier_corroboration_free(&a);
    dossier_corroboration_free(&b);
    dossier_close(c);
}

/* ------------------------------------------------------------ pruning */

/* A retriever that asks the local index's pruned walk (MaxScore) and the
 * exhaustive walk over every posting for the same top k, and for other k,
 * and counts the answers that differ in any passage or bit of a score. */
typedef struct {
    size_t calls, differ, empty;
} twin;

static int same_candidates(const dossier_corpus *c, const dossier_query_terms *q, size_t k) {
    dossier_candidate *a = malloc((k + 1) * sizeof *a), *b = malloc((k + 1) * sizeof *b);
    size_t na = 0, nb = 0;
    int same =
        a && b && local_pruned_retriever()->candidates(NULL, c, q, k, a, &na, NULL) == DOSSIER_OK &&
        local_exhaustive_retriever()->candidates(NULL, c, q, k, b, &nb, NULL) == DOSSIER_OK &&
        na == nb;
    for (size_t i = 0; same && i < na; i++)
        same = a[i].passage == b[i].passage &&
               memcmp(&a[i].score, &b[i].score, sizeof a[i].score) == 0;
    free(a), free(b);
    return same;
}

static dossier_status twin_candidates(void *self, const dossier_corpus *c,
                                      const dossier_query_terms *q, size_t k,
                                      dossier_candidate *out, size_t *n, dossier_error *err) {
    twin *t = self;
    t->calls++;
    const size_t ks[] = {0, 1, 5, 100};
    int same = same_candidates(c, q, k);
    for (size_t i = 0; i < sizeof ks / sizeof *ks; i++)
        same = same && same_candidates(c, q, ks[i]);
    t->differ += !same;
    dossier_status s = dossier_local_retriever()->candidates(NULL, c, q, k, out, n, err);
    t->empty += *n == 0;
    return s;
}

/* Every PRUNING_STRIDE-th prose passage of dir as a claim, whole and its
 * first two thirds, fresh and from the cache: the pruned top k equals the
 * exhaustive one. (The stride keeps the run under valgrind short.) */
#define PRUNING_STRIDE 4

static void check_pruning(const char *src) {
    char *dir = copy_corpus(src, 3600), *cache = fx_dir();
    for (int cached = 0; cached < 3; cached++) {
        dossier_corpus *c;
        dossier_error err;
        if (open_in(dir, cached ? cache : NULL, &c, &err) != DOSSIER_OK) {
            fail("open %s: %s", src, err.message);
            break;
        }
        twin t = {0, 0, 0};
        dossier_retriever r = {&t, twin_candidates};
        dossier_set_retriever(c, &r);
        size_t seen = 0;
        for (size_t p = 0; p < dossier_passage_count(c); p++) {
            const dossier_passage *x = dossier_passage_at(c, p);
            if (x->kind != DOSSIER_PROSE || seen++ % PRUNING_STRIDE) continue;
            const char *text = dossier_article_at(c, x->article)->text + x->start;
            size_t lens[2] = {x->end - x->start, (x->end - x->start) * 2 / 3};
            for (int k = 0; k < 2; k++) {
                dossier_corroboration a;
                dossier_corroborate_opts o = {10, 0};
                if (dossier_corroborate(c, text, lens[k], &o, &a, NULL) == DOSSIER_OK)
                    dossier_corroboration_free(&a);
            }
        }
        const char *how[] = {"a build in memory", "the first open (cache written)", "the cache"};
        const bm25_scratch *sc = &c->index->scratch;
        ok(t.calls > 50 && t.differ == 0 && t.empty < t.calls,
           "%s, %s: the pruned top k (k = 0, 1, 5, 30, 100) equals the exhaustive walk's, bit for "
           "bit, for %zu claims (%zu differ)",
           src, how[cached], t.calls, t.differ);
        ok(sc->pruned * 10 > sc->queries,
           "  and pruning was at work: %zu of the %zu walks left terms unwalked", sc->pruned,
           sc->queries);
        dossier_close(c);
    }
    fx_remove(dir);
    fx_remove(cache);
}

static void test_pruning(void) {
    check_pruning("corpus");
    check_pruning("tests/corpora/chile-miners");
}

/* ------------------------------------------------------------ the related terms kept */

/* The related-terms file beside the cache in cache_dir. */
static char *related_of(const char *cache_dir) {
    char *cf = cache_file(cache_dir);
    size_t n = strlen(cf);
    char *r = malloc(n + sizeof ".related");
    memcpy(r, cf, n);
    memcpy(r + n, ".related", sizeof ".related");
    free(cf);
    return r;
}

typedef struct {
    dossier_related_info info; /* its strings are the corpus's: NULL here */
    char notice[512];          /* info.notice, or why the save failed */
    dossier_status save;
    size_t saved;
    int same; /* the fingerprint equals `want` */
} kept;

/* Opens dir with its cache in cache_dir (and WordNet in wn, NULL for the
 * default), answers the fingerprint's claims, then saves the related
 * terms. */
static kept open_answer_save(const char *dir, const char *cache_dir, const char *wn,
                             const char *want) {
    kept k;
    memset(&k, 0, sizeof k);
    dossier_open_opts o;
    memset(&o, 0, sizeof o);
    o.cache = DOSSIER_CACHE_DIR;
    o.cache_dir = cache_dir;
    o.wordnet = wn;
    dossier_corpus *c = NULL;
    dossier_error err;
    if (dossier_open_ex(dir, &o, &c, &err) != DOSSIER_OK) {
        diag("open: %s", err.message);
        k.save = DOSSIER_ERR_IO;
        return k;
    }
    char *f = fingerprint(c);
    k.same = f && want && strcmp(f, want) == 0;
    free(f);
    dossier_related_info_of(c, &k.info);
    snprintf(k.notice, sizeof k.notice, "%s", k.info.notice);
    k.info.notice = k.info.path = NULL; /* the corpus's: k.notice instead */
    k.save = dossier_save_related(c, &k.saved, &err);
    if (k.save) snprintf(k.notice, sizeof k.notice, "%s", err.message);
    dossier_close(c);
    return k;
}

/* Replaces byte at of path by its complement. */
static void flip_byte(const char *path, size_t at) {
    size_t len;
    char *d = slurp(path, &len);
    if (at < len) d[at] = (char)~d[at];
    spit(path, d, len);
    free(d);
}

static void test_related_kept(void) {
    char *dir = copy_corpus("corpus", 3600), *cache = fx_dir();
    char *want = fresh_fingerprint(dir);
    kept k = open_answer_save(dir, cache, NULL, want);
    ok(k.same && k.info.loaded == 0 && k.info.computed > 0 && k.save == DOSSIER_OK &&
           k.saved == k.info.computed,
       "a first open works the related terms out and saves them (%zu)", k.saved);
    char *rf = related_of(cache);
    ok(exists(rf), "  beside the cache, in <cache>.related");
    size_t first = k.saved;
    k = open_answer_save(dir, cache, NULL, want);
    ok(k.same && k.info.loaded == first && k.info.computed == 0 && k.saved == 0,
       "the next open reads them all, works none out, answers the same (%zu read)", k.info.loaded);

    /* cache off: nothing kept, nothing read */
    dossier_corpus *c;
    dossier_error err;
    if (open_in(dir, NULL, &c, &err) == DOSSIER_OK) {
        char *f = fingerprint(c);
        dossier_related_info i;
        dossier_related_info_of(c, &i);
        size_t n = 1;
        ok(!strcmp(i.path, "") && i.loaded == 0 && i.computed > 0 &&
               dossier_save_related(c, &n, &err) == DOSSIER_OK && n == 0,
           "with the cache off, no related-terms file is read or written");
        free(f);
        dossier_close(c);
    }

    /* damaged: a byte of an entry, the file cut short, a foreign file */
    size_t len;
    char *good = slurp(rf, &len);
    flip_byte(rf, len / 2);
    k = open_answer_save(dir, cache, NULL, want);
    ok(k.same && k.info.loaded == 0 && contains(k.notice, "checksum") && k.saved == first,
       "a corrupt file is not read, the answers are the same, and it is written again ('%s')",
       k.notice);
    spit(rf, good, len / 3);
    k = open_answer_save(dir, cache, NULL, want);
    ok(k.same && k.info.loaded == 0 && contains(k.notice, "truncated"),
       "a truncated one is not read either ('%s')", k.notice);
    spit(rf, "DOSSIERC not this kind of file at all", 38);
    k = open_answer_save(dir, cache, NULL, want);
    ok(k.same && k.info.loaded == 0 && contains(k.notice, "truncated"),
       "nor a short foreign one ('%s')", k.notice);
    char junk[4096];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (char)(i * 7 + 3);
    spit(rf, junk, sizeof junk);
    k = open_answer_save(dir, cache, NULL, want);
    ok(k.same && k.info.loaded == 0 && contains(k.notice, "not a Dossier"),
       "nor a foreign one ('%s')", k.notice);
    k = open_answer_save(dir, cache, NULL, want);
    ok(k.same && k.info.loaded == first, "  and the file written after it is read (%zu)",
       k.info.loaded);

    /* the corpus changes: the image (base and delta) is another */
    grow_article(dir, "peninsula-2023.txt", "Russia and North Korea held further talks.", 3000);
    free(want);
    want = fresh_fingerprint(dir);
    k = open_answer_save(dir, cache, NULL, want);
    ok(k.same && k.info.loaded == 0 && contains(k.notice, "another cache") && k.saved > 0,
       "after an article changes the file is for another cache: not read ('%s')", k.notice);
    k = open_answer_save(dir, cache, NULL, want);
    ok(k.same && k.info.loaded > 0 && k.info.computed == 0,
       "  and the one saved then holds for the base and its delta (%zu)", k.info.loaded);

    /* WordNet changes: one of its files is another (same bytes, a new file) */
    struct stat st;
    if (stat("/usr/share/wordnet/index.noun", &st) == 0) {
        char *wn = fx_dir();
        static const char *const files[] = {"index.noun", "index.verb", "index.adj", "index.adv",
                                            "data.noun",  "data.verb",  "data.adj",  "data.adv",
                                            "noun.exc",   "verb.exc",   "adj.exc",   "adv.exc",
                                            "cntlist.rev"};
        for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
            char *from = fx_path("/usr/share/wordnet", files[i]), *to = fx_path(wn, files[i]);
            if (symlink(from, to) != 0) fx_die_("symlink", to);
            free(from), free(to);
        }
        k = open_answer_save(dir, cache, wn, want);
        ok(k.same && k.info.loaded == 0 && contains(k.notice, "another WordNet"),
           "another WordNet directory: the file is not read ('%s')", k.notice);
        k = open_answer_save(dir, cache, wn, want);
        ok(k.same && k.info.loaded > 0, "  the one saved with it is (%zu)", k.info.loaded);
        char *exc = fx_path(wn, "adv.exc"), *real = fx_path("/usr/share/wordnet", "adv.exc");
        char *data = slurp(real, &len);
        unlink(exc);
        spit(exc, data, len);
        k = open_answer_save(dir, cache, wn, want);
        ok(k.same && k.info.loaded == 0 && contains(k.notice, "another WordNet"),
           "a WordNet file replaced: not read ('%s')", k.notice);
        free(data), free(exc), free(real);
        fx_remove(wn);
    } else {
        skip("no WordNet in /usr/share/wordnet");
    }
    free(good), free(rf), free(want);
    fx_remove(dir);
    fx_remove(cache);
}

/* ------------------------------------------------------------ warmed by a second open */

typedef struct {
    dossier_cache_state state;
    size_t passages;
    dossier_related_info open, asked; /* right after the open, after the claims; strings NULL */
    char notice[512];                 /* asked.notice */
    int same;                         /* the fingerprint equals `want` */
} warmed;

/* Stops a warming open at once. */
static int stop_now(void *ctx, size_t done, size_t total) {
    (void)ctx, (void)done, (void)total;
    return 1;
}

/* Opens dir with its cache in cache_dir (none when NULL), related_warm as
 * asked (stopped at once when warm is 2), and answers the fingerprint's
 * claims when want is given (saving nothing). */
static warmed open_warm(const char *dir, const char *cache_dir, int warm, const char *want) {
    warmed b;
    memset(&b, 0, sizeof b);
    dossier_open_opts o;
    memset(&o, 0, sizeof o);
    o.cache = cache_dir ? DOSSIER_CACHE_DIR : DOSSIER_CACHE_OFF;
    o.cache_dir = cache_dir;
    o.related_warm = warm != 0;
    if (warm == 2) o.progress = stop_now;
    dossier_corpus *c = NULL;
    dossier_error err;
    if (dossier_open_ex(dir, &o, &c, &err) != DOSSIER_OK) {
        diag("open: %s", err.message);
        return b;
    }
    b.state = dossier_cache_info_of(c)->state;
    b.passages = dossier_passage_count(c);
    dossier_related_info_of(c, &b.open);
    char *f = want ? fingerprint(c) : NULL;
    b.same = f && strcmp(f, want) == 0;
    free(f);
    dossier_related_info_of(c, &b.asked);
    snprintf(b.notice, sizeof b.notice, "%s", b.asked.notice);
    b.open.path = b.open.notice = b.asked.path = b.asked.notice = NULL;
    dossier_close(c);
    return b;
}

/* related_warm: an open of a small corpus whose cache has no valid
 * related-terms file works out the related terms of the corpus's own words
 * and writes it (the plugin's second handle, once the first is in use);
 * a file already there, a big corpus, no cache and a stop leave them to
 * the claims. */
static void test_related_warm(void) {
    size_t stride = claim_stride;
    if (getenv("DOSSIER_SANITIZED")) claim_stride = 9; /* several opens' claims, under valgrind */
    char *dir = copy_corpus("corpus", 3600), *cache = fx_dir(), *lazy_cache = fx_dir();
    char *want = fresh_fingerprint(dir);
    dossier_open_opts o;
    warmed lazy = open_warm(dir, lazy_cache, 0, want);
    ok(lazy.state == DOSSIER_CACHE_BUILT && lazy.open.computed == 0 && lazy.asked.computed > 0,
       "without it an open works nothing out: the claims do (%zu)", lazy.asked.computed);

    /* the cache built first (the handle in use), then the warming open maps it */
    warmed none = open_warm(dir, cache, 1, NULL);
    ok(none.state == 0 && !none.passages, "a warming open with no cache yet builds none");
    warmed first = open_warm(dir, cache, 0, NULL);
    char *rf = related_of(cache);
    warmed stopped = open_warm(dir, cache, 2, NULL);
    ok(first.state == DOSSIER_CACHE_BUILT && stopped.state == DOSSIER_CACHE_HIT &&
           stopped.open.unsaved == stopped.open.computed && !exists(rf),
       "a warming open told to stop writes nothing");
    warmed w = open_warm(dir, cache, 1, NULL);
    ok(w.state == DOSSIER_CACHE_HIT && w.open.warmed > 0 && w.open.computed == w.open.warmed &&
           w.open.unsaved == 0 && exists(rf),
       "a warming open of the cache works out its own words' related terms and writes them (%zu)",
       w.open.warmed);
    warmed hit = open_warm(dir, cache, 0, want);
    ok(hit.state == DOSSIER_CACHE_HIT && hit.open.loaded == 0 &&
           hit.asked.loaded == w.open.warmed && hit.same &&
           hit.asked.computed < lazy.asked.computed / 10,
       "  the next handle reads them at its first lookup: %zu read, %zu worked out (%zu without), "
       "the answers the same",
       hit.asked.loaded, hit.asked.computed, lazy.asked.computed);
    warmed again = open_warm(dir, cache, 1, NULL);
    ok(again.open.warmed == 0 && again.open.loaded == w.open.warmed,
       "  a file there already: nothing worked out again");

    /* a corrupt file is refused with its reason; a warming open makes it again */
    size_t len;
    char *good = slurp(rf, &len);
    flip_byte(rf, len / 2);
    w = open_warm(dir, cache, 1, NULL);
    ok(w.open.warmed > 0 && contains(w.notice, "checksum") && w.open.unsaved == 0,
       "a corrupt one is made again ('%s', %zu)", w.notice, w.open.warmed);
    hit = open_warm(dir, cache, 0, want);
    ok(hit.asked.loaded == w.open.warmed && hit.same, "  and read (%zu)", hit.asked.loaded);

    /* an article changed: a warming open leaves the cache to the handle in
     * use, whose update's image then wants a file of its own */
    grow_article(dir, "peninsula-2023.txt", "Russia and North Korea held further talks.", 3000);
    free(want);
    want = fresh_fingerprint(dir);
    memset(&o, 0, sizeof o);
    o.cache = DOSSIER_CACHE_DIR;
    o.cache_dir = cache;
    o.related_warm = 1;
    dossier_corpus *c = NULL;
    dossier_error err;
    ok(dossier_open_ex(dir, &o, &c, &err) == DOSSIER_ERR_CANCELLED && !c &&
           contains(err.message, "nothing to warm"),
       "a warming open of a cache the files changed since stops, writing nothing ('%s')",
       err.message);
    w = open_warm(dir, cache, 0, NULL);
    ok(w.state == DOSSIER_CACHE_UPDATED, "  the handle in use updates it");
    w = open_warm(dir, cache, 1, NULL);
    ok(w.state == DOSSIER_CACHE_HIT && w.open.warmed > 0 && w.open.unsaved == 0 &&
           contains(w.notice, "another cache"),
       "  then a warming open works them out again, for the new image ('%s', %zu)", w.notice,
       w.open.warmed);
    hit = open_warm(dir, cache, 0, want);
    ok(hit.state == DOSSIER_CACHE_HIT && hit.asked.loaded == w.open.warmed && hit.same,
       "  and the next open reads them (%zu)", hit.asked.loaded);

    /* a file the claims wrote counts: only its words are read, the rest asked */
    fx_remove(lazy_cache);
    lazy_cache = fx_dir();
    memset(&o, 0, sizeof o);
    o.cache = DOSSIER_CACHE_DIR;
    o.cache_dir = lazy_cache;
    size_t saved = 0;
    if (dossier_open_ex(dir, &o, &c, &err) == DOSSIER_OK) {
        char *f = fingerprint(c);
        free(f);
        dossier_save_related(c, &saved, &err);
        dossier_close(c);
    }
    w = open_warm(dir, lazy_cache, 1, NULL);
    ok(saved > 0 && w.open.warmed == 0 && w.open.loaded == saved,
       "  nor when the claims' own file is there (%zu)", saved);

    /* no cache: nothing kept, so nothing worked out ahead */
    warmed off = open_warm(dir, NULL, 1, NULL);
    ok(off.state == DOSSIER_CACHE_NONE && off.open.computed == 0,
       "with the cache off nothing is worked out at the open");
    free(good), free(rf), free(want);
    fx_remove(dir), fx_remove(cache), fx_remove(lazy_cache);

    /* a big corpus: seconds of work for words its claims may never use */
    char *big = many_articles(100), *big_cache = fx_dir();
    warmed bb = open_warm(big, big_cache, 0, NULL);
    bb = open_warm(big, big_cache, 1, NULL);
    rf = related_of(big_cache);
    memset(&o, 0, sizeof o);
    o.cache = DOSSIER_CACHE_DIR;
    o.cache_dir = big_cache;
    o.prepare = 1;
    if (dossier_open_ex(big, &o, &c, &err) == DOSSIER_OK) {
        ok(c->index->n_resident == 0,
           "a prepared open of a corpus of more than %d passages "
           "makes no article's words (%zu)",
           DOSSIER_RELATED_WARM_PASSAGES, c->index->n_resident);
        dossier_close(c);
    } else {
        fail("open: %s", err.message);
    }
    ok(bb.state == DOSSIER_CACHE_HIT && bb.passages > DOSSIER_RELATED_WARM_PASSAGES &&
           bb.open.computed == 0 && !exists(rf),
       "a corpus of more than %d passages (%zu) works nothing out (state %d, %zu worked out)",
       DOSSIER_RELATED_WARM_PASSAGES, bb.passages, (int)bb.state, bb.open.computed);
    free(rf);
    fx_remove(big), fx_remove(big_cache);
    claim_stride = stride;
}

/* prepare: an open of a small corpus makes what the verdict reads of every
 * article (a first check would make it as it met them), with the same
 * answers; an open without it makes none, and a big corpus (test_related_warm)
 * none either. */
static void test_prepare(void) {
    dossier_open_opts o;
    memset(&o, 0, sizeof o);
    o.cache = DOSSIER_CACHE_OFF;
    dossier_corpus *plain = NULL, *ready = NULL;
    dossier_error err;
    if (dossier_open_ex("corpus", &o, &plain, &err) ||
        (o.prepare = 1, dossier_open_ex("corpus", &o, &ready, &err))) {
        fail("open: %s", err.message);
        dossier_close(plain);
        return;
    }
    ok(ready->index->n_resident == dossier_article_count(ready) && plain->index->n_resident == 0,
       "a prepared open makes every article's words for the verdict (%zu of %zu), an open "
       "without it none",
       ready->index->n_resident, dossier_article_count(ready));
    static const char *const claims[] = {
        "Putin vowed to help North Korea develop satellites.",
        "Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome on September 20.",
        "Beijing, meanwhile, watches quietly."};
    int same = 1;
    for (size_t k = 0; k < sizeof claims / sizeof *claims; k++) {
        dossier_corroboration a, b;
        dossier_corroborate_opts co = {5, 0};
        if (dossier_corroborate(plain, claims[k], strlen(claims[k]), &co, &a, &err) ||
            dossier_corroborate(ready, claims[k], strlen(claims[k]), &co, &b, &err)) {
            same = 0;
            break;
        }
        same = same && a.verdict == b.verdict && a.n == b.n;
        for (size_t i = 0; same && i < a.n; i++)
            same = a.hits[i].passage == b.hits[i].passage && a.hits[i].support == b.hits[i].support;
        dossier_corroboration_free(&a);
        dossier_corroboration_free(&b);
    }
    ok(same, "  and the answers are the same");
    dossier_close(plain);
    dossier_close(ready);
}

/* This program again: --related DIR CACHE_DIR nobody|any STRIDE opens the
 * corpus (as user nobody when asked and root), answers the fingerprint's
 * claims (every STRIDE-th passage), saves the related terms and prints
 * "save-status saved loaded computed fingerprint-hash". */
static int child_related(const char *dir, const char *cache_dir, int as_nobody, int stride) {
    claim_stride = (size_t)stride;
    if (as_nobody && geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) {
        printf("-1 setuid %s\n", strerror(errno));
        return 1;
    }
    kept k = open_answer_save(dir, cache_dir, NULL, NULL);
    dossier_corpus *c = NULL;
    dossier_error err;
    char *f = NULL;
    if (open_in(dir, NULL, &c, &err) == DOSSIER_OK) f = fingerprint(c);
    dossier_close(c);
    printf("%d %zu %zu %zu %016llx %s\n", (int)k.save, k.saved, k.info.loaded, k.info.computed,
           f ? (unsigned long long)hash_bytes(f, strlen(f)) : 0ull, k.notice);
    free(f);
    return 0;
}

static pid_t spawn_related(const char *dir, const char *cache_dir, int as_nobody, int stride,
                           int *out_fd, int gate) {
    char n[16];
    snprintf(n, sizeof n, "%d", stride);
    char *const args[] = {(char *)self_path,
                          "--related",
                          (char *)dir,
                          (char *)cache_dir,
                          as_nobody ? "nobody" : "any",
                          n,
                          NULL};
    return spawn_args(args, out_fd, gate);
}

/* A cache directory the user cannot write to: the answers are the same,
 * the file is just not kept. */
static void test_related_unwritable(void) {
    char *dir = copy_corpus("corpus", 3600), *cache = fx_dir();
    chmod(cache, 0755);
    kept k = open_answer_save(dir, cache, NULL, NULL); /* the cache written, as root */
    char *rf = related_of(cache);
    unlink(rf);
    chmod(cache, 0555);
    int fd;
    char line[1024];
    pid_t pid = spawn_related(dir, cache, 1, 25, &fd, -1);
    reap(pid, fd, line, sizeof line);
    if (geteuid() == 0) {
        ok(line[0] && strncmp(line, "0 ", 2) != 0 && contains(line, "cannot write") && !exists(rf),
           "a read-only cache directory (user nobody): the file is not written, and saving "
           "says why ('%.120s')",
           line);
    } else {
        skip("not root: cannot check as user nobody");
    }
    (void)k;
    chmod(cache, 0755);
    free(rf);
    fx_remove(dir);
    fx_remove(cache);
}

/* Two processes saving at once, each with words of its own: the file left
 * is always whole (one of the two, or both merged), never torn. */
static void test_related_concurrent(void) {
    char *dir = copy_corpus("corpus", 3600), *cache = fx_dir();
    kept k = open_answer_save(dir, cache, NULL, NULL);
    char *rf = related_of(cache);
    int rounds = getenv("DOSSIER_SANITIZED") ? 3 : 8, good = 0;
    for (int r = 0; r < rounds; r++) {
        unlink(rf);
        int gate[2];
        if (pipe(gate) != 0) break;
        int fds[2];
        pid_t pids[2];
        for (int j = 0; j < 2; j++)
            pids[j] = spawn_related(dir, cache, 0, 7 + 4 * j + r, &fds[j], gate[0]);
        close(gate[0]);
        if (write(gate[1], "gg", 2) != 2) diag("cannot start the children");
        close(gate[1]);
        int both = 1;
        for (int j = 0; j < 2; j++) {
            char line[1024];
            reap(pids[j], fds[j], line, sizeof line);
            both &= strncmp(line, "0 ", 2) == 0;
            if (strncmp(line, "0 ", 2) != 0) diag("round %d, child %d: '%s'", r, j, line);
        }
        kept after = open_answer_save(dir, cache, NULL, NULL);
        both &= after.info.loaded > 0 && !after.notice[0];
        if (!both) diag("round %d: read %zu ('%s')", r, after.info.loaded, after.notice);
        good += both;
    }
    is_int(good, rounds, "two processes saving at once: the file left is whole every round");
    is_int(count_files(cache, ""), 4, "  with no temporary file left");
    (void)k;
    free(rf);
    fx_remove(dir);
    fx_remove(cache);
}

int main(int argc, char **argv) {
    self_path = argv[0];
    if (argc == 5 && strcmp(argv[1], "--open") == 0)
        return child_open(argv[2], argv[3], strcmp(argv[4], "nobody") == 0);
    if (argc == 6 && strcmp(argv[1], "--related") == 0)
        return child_related(argv[2], argv[3], strcmp(argv[4], "nobody") == 0, atoi(argv[5]));
    test_written_and_reused();
    test_invalidation();
    test_racy();
    test_corrupt();
    test_delta();
    test_unwritable();
    test_concurrent();
    test_skipped_and_settings();
    test_threaded_build();
    test_options();
    test_retriever();
    test_pruning();
    test_related_kept();
    test_related_unwritable();
    test_related_concurrent();
    test_related_warm();
    test_prepare();
    return done_testing();
}
