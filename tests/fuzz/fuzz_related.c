/* fuzz_related.c — the related-terms file reader: any bytes as the
 * `<cache>.related` file of tests/fuzz/fixture (relfile.h).
 *
 * The bytes go two ways, each as given and sealed (relf_seal: the header
 * made to name the fixture's cache image, its WordNet and this build, the
 * checksum matched, so that the checks of the entries behind it are
 * reached):
 *  - in memory, to relf_read: every entry it hands out must be in bounds
 *    (keys, terms below the index's term count, sorted);
 *  - as the file beside the fixture's cache, opened by dossier_open_ex: the
 *    claims of the fixture's sentences answered with whatever the file gave
 *    (the sets alignment reads), then dossier_save_related, which merges
 *    the (hostile) file on disk into the one it writes, read back whole.
 * Nothing may crash, leak or hang, and the answers must keep the API's
 * promises (hits in range).
 *
 * Seeds: DOSSIER_FUZZ_WRITE_SEEDS=<dir> makes this program write the real
 * file the fixture's claims leave there, and exit (fuzz.mk). */
#include "corpus.h"
#include "fuzz.h"
#include "index.h"
#include "relfile.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#define WORDNET "/usr/share/wordnet"

static char fixture[4096], cache_dir[4096], related_path[4096 + 160];
static relf_key key;
static size_t n_terms;

static dossier_open_opts opts(void) {
    dossier_open_opts o;
    memset(&o, 0, sizeof o);
    o.cache = DOSSIER_CACHE_DIR;
    o.cache_dir = cache_dir;
    o.wordnet = WORDNET;
    return o;
}

/* The fixture's sentences as claims, answered. */
static void answer(const dossier_corpus *c) {
    for (size_t p = 0; p < dossier_passage_count(c); p++) {
        const dossier_passage *x = dossier_passage_at(c, p);
        const dossier_article *a = dossier_article_at(c, x->article);
        if (x->kind != DOSSIER_PROSE || !a) continue;
        dossier_corroboration r;
        dossier_corroborate_opts o = {5, 0};
        if (dossier_corroborate(c, a->text + x->start, x->end - x->start, &o, &r, NULL)) continue;
        for (size_t h = 0; h < r.n; h++)
            FUZZ_CHECK(r.hits[h].passage < dossier_passage_count(c));
        dossier_corroboration_free(&r);
    }
}

static void remove_cache_dir(void) {
    char p[4096 + 256];
    DIR *d = opendir(cache_dir);
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.' && snprintf(p, sizeof p, "%s/%s", cache_dir, e->d_name) > 0)
            unlink(p);
    if (d) closedir(d);
    rmdir(cache_dir);
}

static void write_bytes(const char *path, const void *data, size_t len) {
    FILE *f = fopen(path, "wb");
    if (!f || (len && fwrite(data, 1, len, f) != len) || fclose(f)) exit(2);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    snprintf(fixture, sizeof fixture, "%s/tests/fuzz/fixture", fuzz_srcdir());
    const char *tmp = getenv("TMPDIR");
    snprintf(cache_dir, sizeof cache_dir, "%s/dossier-fuzz-related-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(cache_dir)) exit(2);
    atexit(remove_cache_dir);
    dossier_open_opts o = opts();
    dossier_corpus *c;
    dossier_error err;
    if (dossier_open_ex(fixture, &o, &c, &err)) {
        fprintf(stderr, "fuzz_related: %s\n", err.message);
        exit(2);
    }
    key.image = c->img.checksum;
    key.wordnet = relf_wordnet_id(WORDNET);
    n_terms = c->index->n_terms;
    snprintf(related_path, sizeof related_path, "%s.related", dossier_cache_info_of(c)->path);
    const char *seeds = getenv("DOSSIER_FUZZ_WRITE_SEEDS");
    if (seeds && *seeds) {
        answer(c);
        if (dossier_save_related(c, NULL, &err)) exit(2);
        char *data;
        size_t len;
        if (read_file(related_path, &data, &len, NULL)) exit(2);
        mkdir(seeds, 0755);
        char to[4096 + 64];
        snprintf(to, sizeof to, "%s/fixture.related", seeds);
        write_bytes(to, data, len);
        free(data);
        dossier_close(c);
        exit(0);
    }
    dossier_close(c);
    return 0;
}

/* Every entry relf_read hands out is within the bytes it read. */
typedef struct {
    const unsigned char *data;
    size_t len, n;
} bounds;

static int in_bounds(void *ctx, const relf_entry *e) {
    bounds *b = ctx;
    const char *lo = (const char *)b->data, *hi = lo + b->len;
    FUZZ_CHECK(e->key >= lo && e->key + e->key_len <= hi && e->key_len > 0);
    FUZZ_CHECK(e->kind == RELF_SET || e->kind == RELF_VERB || e->kind == RELF_REPORTING);
    for (size_t k = 0; k < e->n_terms; k++) {
        FUZZ_CHECK((const char *)(e->terms + k + 1) <= hi && e->terms[k].term < n_terms);
        FUZZ_CHECK(!k || e->terms[k].term > e->terms[k - 1].term);
    }
    b->n++;
    return 0;
}

static void one_way(const unsigned char *bytes, size_t size) {
    char why[256];
    bounds b = {bytes, size, 0};
    relf_read(bytes, size, &key, n_terms, in_bounds, &b, why, sizeof why);

    write_bytes(related_path, bytes, size);
    dossier_open_opts o = opts();
    dossier_corpus *c;
    dossier_error err;
    if (dossier_open_ex(fixture, &o, &c, &err) != DOSSIER_OK) return;
    answer(c);
    dossier_related_info i;
    dossier_related_info_of(c, &i);
    size_t saved = 0;
    if (dossier_save_related(c, &saved, &err) == DOSSIER_OK && saved) {
        /* what it wrote is whole: read back, every entry */
        char *data;
        size_t len;
        if (read_file(related_path, &data, &len, NULL) == DOSSIER_OK) {
            bounds w = {(const unsigned char *)data, len, 0};
            FUZZ_CHECK(relf_read((const unsigned char *)data, len, &key, n_terms, in_bounds, &w,
                                 why, sizeof why) == DOSSIER_OK &&
                       w.n == saved);
            free(data);
        }
    }
    dossier_close(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    unsigned char *bytes = fuzz_copy(data, size);
    if (!bytes) return 0;
    one_way(bytes, size);
    relf_seal(bytes, size, &key);
    one_way(bytes, size);
    free(bytes);
    return 0;
}
