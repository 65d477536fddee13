/* fuzz_cache.c — the cache reader: any bytes as a corpus's cache file.
 *
 * The input's checksum is sealed first (cache_seal), so that every check
 * behind it is reached. Then the bytes go two ways:
 *  - in memory (cache_check, then a corpus over the sections): every reader
 *    of a section runs on them, through the public API's queries;
 *  - as the cache file of tests/fuzz/fixture on disk, opened by
 *    dossier_open_ex: the comparison with the corpus's files, the update
 *    that takes unchanged articles from the (hostile) cache, or a rebuild.
 * The same bytes are then a delta (doc/cache-format.md) of the fixture's
 * real base cache: when they hold a delta record, it is made to name that
 * base (and sealed again), so the merge is reached:
 *  - in memory: the delta viewed, merged with the base (delta_merge), the
 *    merged corpus queried;
 *  - on disk, beside the base, opened by dossier_open_ex: the merge, the
 *    comparison with the files and the update that takes articles from the
 *    (hostile) delta, or the base alone.
 * Whatever the bytes, nothing may crash, leak or hang, and the answers must
 * keep the API's promises (hits in range, a working corpus after an open).
 *
 * Seeds: DOSSIER_FUZZ_WRITE_SEEDS=<dir> makes this program write real
 * caches of the fixture and of the default corpus there, and a real delta
 * of the fixture with one article changed, and exit (fuzz.mk). */
#include "build.h"
#include "cache.h"
#include "fuzz.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char fixture[4096], corpus[4096], cache_dir[4096], cache_path[4096 + 128];
/* the fixture's base cache for the delta half: its own directory, its bytes */
static char base_dir[4096 + 16], base_path[4096 + 128], delta_path[4096 + 160];
static unsigned char *base_bytes;
static size_t base_len;
static dossier_corpus *base; /* over base_bytes, in memory */

static dossier_open_opts in_dir(const char *dir) {
    dossier_open_opts o;
    memset(&o, 0, sizeof o);
    o.cache = DOSSIER_CACHE_DIR;
    o.cache_dir = dir;
    return o;
}

static dossier_open_opts in_cache_dir(void) {
    return in_dir(cache_dir);
}

static void write_bytes(const char *path, const void *data, size_t len) {
    FILE *f = fopen(path, "wb");
    if (!f || (len && fwrite(data, 1, len, f) != len) || fclose(f)) exit(2);
}

/* The file at from copied into out/name (a seed). */
static void copy_out(const char *from, const char *out, const char *name) {
    char to[4096 + 64];
    snprintf(to, sizeof to, "%s/%s", out, name);
    char *data;
    size_t len;
    if (read_file(from, &data, &len, NULL)) exit(2);
    write_bytes(to, data, len);
    free(data);
}

/* Real caches of dir, copied into out/name. */
static void write_seed(const char *dir, const char *out, const char *name) {
    dossier_open_opts o = in_cache_dir();
    dossier_corpus *c;
    dossier_error err;
    if (dossier_open_ex(dir, &o, &c, &err)) {
        fprintf(stderr, "fuzz_cache: %s\n", err.message);
        exit(2);
    }
    char from[1200];
    snprintf(from, sizeof from, "%s", dossier_cache_info_of(c)->path);
    dossier_close(c);
    copy_out(from, out, name);
}

/* Removes directory dir and the files in it (a scratch corpus or cache). */
static void remove_dir(const char *dir) {
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        char p[4096 + 300];
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (unlink(p) != 0) rmdir(p); /* an empty directory a delta left in its place */
    }
    if (d) closedir(d);
    rmdir(dir);
}

/* The scratch cache directories go with the process. */
static void remove_cache_dir(void) {
    remove_dir(cache_dir);
    remove_dir(base_dir);
    dossier_close(base);
    free(base_bytes);
}

/* A real delta: the fixture copied, its cache made, an article grown, the
 * update's delta copied into out/name. */
static void write_delta_seed(const char *out, const char *name) {
    char dir[4096 + 32], cdir[4096 + 32];
    snprintf(dir, sizeof dir, "%s-corpus", base_dir);
    snprintf(cdir, sizeof cdir, "%s-cache", base_dir);
    mkdir(dir, 0700);
    static const char *const files[] = {"a.md", "b.md", "actors.yaml"};
    for (size_t k = 0; k < sizeof files / sizeof *files; k++) {
        char from[4096 + 64], to[4096 + 64];
        snprintf(from, sizeof from, "%s/%s", fixture, files[k]);
        snprintf(to, sizeof to, "%s/%s", dir, files[k]);
        char *data;
        size_t len;
        if (read_file(from, &data, &len, NULL)) exit(2);
        write_bytes(to, data, len);
        free(data);
        struct timespec old[2] = {{time(NULL) - 3600, 0}, {time(NULL) - 3600, 0}};
        utimensat(AT_FDCWD, to, old, 0);
    }
    dossier_open_opts o = in_dir(cdir);
    dossier_corpus *c;
    dossier_error err;
    if (dossier_open_ex(dir, &o, &c, &err)) exit(2);
    dossier_close(c);
    char a[4096 + 64];
    snprintf(a, sizeof a, "%s/a.md", dir);
    FILE *f = fopen(a, "ab");
    if (!f || fputs("\nKim Jong-un met Vladimir Putin at the Vostochny spaceport.\n", f) < 0 ||
        fclose(f))
        exit(2);
    if (dossier_open_ex(dir, &o, &c, &err)) exit(2);
    char from[1200 + 16];
    snprintf(from, sizeof from, "%s.delta", dossier_cache_info_of(c)->path);
    dossier_close(c);
    copy_out(from, out, name);
    remove_dir(dir);
    remove_dir(cdir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    snprintf(fixture, sizeof fixture, "%s/tests/fuzz/fixture", fuzz_srcdir());
    snprintf(corpus, sizeof corpus, "%s/corpus", fuzz_srcdir());
    const char *tmp = getenv("TMPDIR");
    snprintf(cache_dir, sizeof cache_dir, "%s/dossier-fuzz-cache-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(cache_dir)) exit(2);
    atexit(remove_cache_dir);
    dossier_open_opts o = in_cache_dir();
    char why[256];
    if (cache_location(fixture, &o, cache_path, sizeof cache_path, why, sizeof why) != 1) {
        fprintf(stderr, "fuzz_cache: %s\n", why);
        exit(2);
    }
    /* the fixture's base cache, made once */
    snprintf(base_dir, sizeof base_dir, "%s-base", cache_dir);
    if (mkdir(base_dir, 0700) != 0) exit(2);
    dossier_open_opts b = in_dir(base_dir);
    dossier_corpus *c;
    dossier_error err;
    if (cache_location(fixture, &b, base_path, sizeof base_path, why, sizeof why) != 1 ||
        dossier_open_ex(fixture, &b, &c, &err) != DOSSIER_OK) {
        fprintf(stderr, "fuzz_cache: the fixture's base cache\n");
        exit(2);
    }
    dossier_close(c);
    snprintf(delta_path, sizeof delta_path, "%s.delta", base_path);
    char *data;
    if (read_file(base_path, &data, &base_len, NULL)) exit(2);
    base_bytes = (unsigned char *)data;
    image im;
    memset(&im, 0, sizeof im);
    if (cache_check(base_bytes, base_len, &im, why, sizeof why) ||
        corpus_from_image(fixture, &im, &base, &err)) {
        fprintf(stderr, "fuzz_cache: the fixture's base cache does not read back\n");
        exit(2);
    }
    base->img.map = NULL; /* base_bytes stay ours */
    const char *seeds = getenv("DOSSIER_FUZZ_WRITE_SEEDS");
    if (seeds && *seeds) {
        mkdir(seeds, 0755);
        write_seed(fixture, seeds, "fixture.dcache");
        write_seed(corpus, seeds, "corpus.dcache");
        write_delta_seed(seeds, "fixture.delta");
        exit(0);
    }
    return 0;
}

/* What a corpus must answer without crashing, whatever its cache said. */
static void exercise(const dossier_corpus *c) {
    size_t na = dossier_article_count(c), np = dossier_passage_count(c);
    for (size_t i = 0; i < na; i++) {
        const dossier_article *a = dossier_article_at(c, i);
        FUZZ_CHECK(a && a->id && a->text && a->path);
        char *text = NULL, *def = NULL;
        if (dossier_cite(c, i, a->n_passages ? (long)a->first_passage : -1, DOSSIER_CITE_FOOTNOTE,
                         &text, &def, NULL) == DOSSIER_OK)
            FUZZ_CHECK(text != NULL);
        dossier_free(text);
        dossier_free(def);
    }
    for (size_t p = 0; p < np && p < 64; p++)
        FUZZ_CHECK(dossier_passage_at(c, p) != NULL);
    for (size_t a = 0; a < dossier_actor_count(c); a++) {
        size_t n;
        dossier_actor_mentions(c, a, &n);
        dossier_cooccurrence co[8];
        FUZZ_CHECK(dossier_actor_cooccurring(c, a, co, 8) <= 8);
    }
    static const char *const texts[] = {"Vladimir Putin met Kim Jong-un in Russia on September 13.",
                                        "Kim said North Korea would launch a satellite.",
                                        "the the the of and"};
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        dossier_matches m;
        if (dossier_scan(c, texts[k], strlen(texts[k]), &m, NULL) == DOSSIER_OK)
            fuzz_check_matches(c, &m, strlen(texts[k]));
        dossier_matches_free(&m);
        dossier_corroboration r;
        dossier_corroborate_opts o = {10, 0};
        if (dossier_corroborate(c, texts[k], strlen(texts[k]), &o, &r, NULL) == DOSSIER_OK)
            for (size_t h = 0; h < r.n; h++)
                FUZZ_CHECK(r.hits[h].passage < np && r.hits[h].matched);
        dossier_corroboration_free(&r);
        dossier_quote_result q;
        if (dossier_check_quote(c, texts[k], strlen(texts[k]), &q, NULL) == DOSSIER_OK &&
            q.verdict != DOSSIER_QUOTE_NONE) {
            FUZZ_CHECK(q.article < na && q.source != NULL);
            FUZZ_CHECK(q.start <= q.end && q.end <= dossier_article_at(c, q.article)->text_len);
        }
        dossier_quote_result_free(&q);
    }
    char *bib = NULL;
    if (dossier_bibliography(c, "csl", &bib, NULL) == DOSSIER_OK) FUZZ_CHECK(bib != NULL);
    dossier_free(bib);
}

/* The bytes as a delta of the fixture's base: in memory, then on disk. */
static void as_delta(unsigned char *bytes, size_t size) {
    image im;
    memset(&im, 0, sizeof im);
    char why[256];
    dossier_error err;
    if (cache_check(bytes, size, &im, why, sizeof why) == DOSSIER_OK &&
        im.s[SEC_DELTA].count == 1) {
        /* named for the base, so the merge is reached */
        delta_rec r = {base->img.checksum, base_len, base->n_articles, base->n_passages};
        memcpy(bytes + (im.s[SEC_DELTA].data - bytes), &r, sizeof r);
        cache_seal(bytes, size);
    }
    dossier_corpus *d = NULL, *m = NULL;
    if (cache_check(bytes, size, &im, why, sizeof why) == DOSSIER_OK &&
        delta_check(&base->img, &im, &err) == DOSSIER_OK &&
        corpus_from_image(fixture, &im, &d, &err) == DOSSIER_OK) {
        d->img.map = NULL; /* the caller's bytes */
        image merged;
        if (delta_merge(base, d, &merged, &err) == DOSSIER_OK &&
            corpus_from_image(fixture, &merged, &m, &err) == DOSSIER_OK) {
            exercise(m);
            dossier_close(m);
        }
        dossier_close(d);
    }
    /* beside the base on disk */
    write_bytes(base_path, base_bytes, base_len);
    write_bytes(delta_path, bytes, size);
    dossier_open_opts o = in_dir(base_dir);
    dossier_corpus *c;
    if (dossier_open_ex(fixture, &o, &c, &err) == DOSSIER_OK) {
        FUZZ_CHECK(dossier_article_count(c) == 2);
        exercise(c);
        dossier_close(c);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    unsigned char *bytes = fuzz_copy(data, size);
    if (!bytes) return 0;
    cache_seal(bytes, size);

    image im;
    memset(&im, 0, sizeof im);
    char why[256];
    dossier_corpus *c = NULL;
    if (cache_check(bytes, size, &im, why, sizeof why) == DOSSIER_OK &&
        corpus_from_image(fixture, &im, &c, NULL) == DOSSIER_OK) {
        exercise(c);
        dossier_close(c);
    }

    /* the same bytes as the fixture's cache file */
    FILE *f = fopen(cache_path, "wb");
    if (f) {
        if (size) fwrite(bytes, 1, size, f);
        fclose(f);
        dossier_open_opts o = in_cache_dir();
        dossier_error err;
        if (dossier_open_ex(fixture, &o, &c, &err) == DOSSIER_OK) {
            FUZZ_CHECK(dossier_article_count(c) == 2);
            exercise(c);
            dossier_close(c);
        }
    }
    /* and as a delta: the bytes as given (the seal above may have changed them) */
    if (size) memcpy(bytes, data, size);
    cache_seal(bytes, size);
    as_delta(bytes, size);
    free(bytes);
    return 0;
}
