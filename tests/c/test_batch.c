/* test_batch.c — many claims corroborated at once on threads of their own
 * (dossier_batch_*, src/batch.c): the same answers and severities as
 * dossier_corroborate and dossier_sentence_severity one by one, whatever the
 * threads; the handles kept for the next batch; a batch freed early, or
 * given nothing, or wrong arguments; the related words its threads worked
 * out counted for the corpus and saved beside the cache. */
#include "corpus.h"
#include "dossier.h"
#include "index.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const claims[] = {
    "Putin vowed to help North Korea develop satellites.",
    "Putin refused to help North Korea develop satellites.",
    "Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome on September 20.",
    "Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome on September 13.",
    "Beijing, meanwhile, watches quietly.",
    "Days later the North put a Malligyong-1 satellite into orbit.",
    "For Seoul the lesson is uncomfortable.",
    "None of this is new.",
    "Rüdiger Frank of the University of Vienna said the summit was symbolic.",
    "The talks lasted five hours.",
    "",
    "Putin vowed to help North Korea develop satellites.", /* twice: answered twice */
};
#define N_CLAIMS (sizeof claims / sizeof *claims)

/* Whether a and b are the same answer: verdict, sources, hits. */
static int same_answer(const dossier_corroboration *a, const dossier_corroboration *b) {
    if (a->verdict != b->verdict || a->n_sources != b->n_sources || a->n != b->n ||
        a->content != b->content)
        return 0;
    for (size_t i = 0; i < a->n; i++) {
        const dossier_hit *x = &a->hits[i], *y = &b->hits[i];
        if (x->passage != y->passage || x->support != y->support || x->stance != y->stance ||
            x->evidence.n_conflicts != y->evidence.n_conflicts ||
            x->evidence.n_aligned != y->evidence.n_aligned)
            return 0;
    }
    return 1;
}

static void lens_of(size_t *lens) {
    for (size_t i = 0; i < N_CLAIMS; i++)
        lens[i] = strlen(claims[i]);
}

/* A batch of every claim on `threads` threads matches the one-by-one answers. */
static void test_same_answers(dossier_corpus *c, unsigned threads) {
    dossier_corroborate_opts co = {3, 0};
    size_t lens[N_CLAIMS];
    lens_of(lens);
    dossier_batch *b = NULL;
    dossier_error err;
    if (!ok(dossier_batch_start(c, claims, lens, N_CLAIMS, &co, threads, &b, &err) == DOSSIER_OK,
            "a batch of %zu claims starts on %u thread(s)", N_CLAIMS, threads)) {
        diag("%s", err.message);
        return;
    }
    int same = 1;
    for (size_t i = N_CLAIMS; i-- > 0;) { /* the last first: waits as long as it takes */
        const dossier_corroboration *r = NULL;
        dossier_severity sev = DOSSIER_SEVERITY_NONE, want_sev;
        dossier_corroboration want;
        if (dossier_batch_result(b, i, 1, &r, &sev, &err) != 1 || err.status != DOSSIER_OK) {
            diag("claim %zu: %s", i, err.message);
            same = 0;
            continue;
        }
        if (dossier_corroborate(c, claims[i], lens[i], &co, &want, &err) ||
            dossier_sentence_severity(c, claims[i], lens[i], want.verdict, &want_sev, &err)) {
            diag("claim %zu: %s", i, err.message);
            same = 0;
            continue;
        }
        if (!same_answer(r, &want) || sev != want_sev) {
            diag("claim %zu differs: %s", i, claims[i]);
            same = 0;
        }
        dossier_corroboration_free(&want);
    }
    ok(same, "  every answer and severity is dossier_corroborate's, in any order asked");
    const dossier_corroboration *r;
    ok(dossier_batch_result(b, N_CLAIMS, 0, &r, NULL, &err) == 1 && err.status == DOSSIER_ERR_ARG,
       "  a claim past the list is an argument error");
    dossier_batch_free(b);
}

/* Freed at once, with claims not begun: nothing leaks, the handles come back. */
static void test_free_early(dossier_corpus *c) {
    enum { MANY = 200 };
    const char *texts[MANY];
    size_t lens[MANY];
    for (size_t i = 0; i < MANY; i++) {
        texts[i] = claims[i % N_CLAIMS];
        lens[i] = strlen(texts[i]);
    }
    dossier_batch *b = NULL;
    dossier_error err;
    if (!ok(dossier_batch_start(c, texts, lens, MANY, NULL, 2, &b, &err) == DOSSIER_OK,
            "a batch of %d claims starts", MANY))
        return;
    const dossier_corroboration *r;
    int first = dossier_batch_result(b, MANY - 1, 0, &r, NULL, &err);
    ok(first == 0 || first == 1, "asked without waiting, the last claim is there or not (%d)",
       first);
    dossier_batch_free(b);
    ok(c->n_twins >= 1 && c->n_twins <= DOSSIER_BATCH_MAX_THREADS,
       "  freed at once: its threads stopped and their handles kept for the next (%zu)",
       c->n_twins);
    dossier_batch_free(NULL);
    pass("dossier_batch_free(NULL) does nothing");
}

/* Two batches at once on one corpus (two drafts checked together): each
 * with handles of its own, the same answers. */
static void test_two_at_once(dossier_corpus *c) {
    size_t lens[N_CLAIMS];
    lens_of(lens);
    dossier_batch *a = NULL, *b = NULL;
    dossier_error err;
    if (!ok(dossier_batch_start(c, claims, lens, N_CLAIMS, NULL, 2, &a, &err) == DOSSIER_OK &&
                dossier_batch_start(c, claims, lens, N_CLAIMS, NULL, 2, &b, &err) == DOSSIER_OK,
            "two batches start at once on one corpus")) {
        dossier_batch_free(a);
        return;
    }
    int same = 1;
    for (size_t i = 0; i < N_CLAIMS; i++) {
        const dossier_corroboration *x = NULL, *y = NULL;
        dossier_batch_result(a, i, 1, &x, NULL, &err);
        dossier_batch_result(b, i, 1, &y, NULL, &err);
        same = same && x && y && same_answer(x, y);
    }
    ok(same, "  with the same answers");
    dossier_batch_free(b);
    dossier_batch_free(a);
    ok(c->n_twins <= DOSSIER_BATCH_MAX_THREADS,
       "  and no more handles kept than a batch can use (%zu)", c->n_twins);
}

static void test_arguments(dossier_corpus *c) {
    dossier_batch *b = (dossier_batch *)1;
    dossier_error err;
    const char *texts[] = {"Putin met Kim.", NULL};
    size_t lens[] = {14, 0};
    is_int(dossier_batch_start(c, texts, lens, 2, NULL, 0, &b, &err), DOSSIER_ERR_ARG,
           "a NULL text is an argument error");
    ok(b == NULL, "  and no batch");
    is_int(dossier_batch_start(NULL, texts, lens, 1, NULL, 0, &b, &err), DOSSIER_ERR_ARG,
           "no corpus: an argument error");
    is_int(dossier_batch_start(c, NULL, NULL, 1, NULL, 0, &b, &err), DOSSIER_ERR_ARG,
           "no texts: an argument error");
    is_int(dossier_batch_start(c, texts, lens, 1, NULL, 0, NULL, &err), DOSSIER_ERR_ARG,
           "no output pointer: an argument error");
    if (is_int(dossier_batch_start(c, NULL, NULL, 0, NULL, 0, &b, &err), DOSSIER_OK,
               "an empty batch starts (no thread)"))
        dossier_batch_free(b);
    if (is_int(dossier_batch_start(c, texts, lens, 1, NULL, 99, &b, &err), DOSSIER_OK,
               "more threads than claims or than DOSSIER_BATCH_MAX_THREADS: fewer run")) {
        const dossier_corroboration *r = NULL;
        int answered = dossier_batch_result(b, 0, 1, &r, NULL, &err) == 1 && r != NULL;
        ok(answered && r->verdict == DOSSIER_SUPPORTED, "  and answer: %s",
           answered ? dossier_verdict_name(r->verdict) : err.message);
        dossier_batch_free(b);
    }
}

/* A retriever that counts its calls and asks the local index. */
static int retriever_calls;
static dossier_status counted_candidates(void *self, const dossier_corpus *c,
                                         const dossier_query_terms *q, size_t k,
                                         dossier_candidate *out, size_t *n, dossier_error *err) {
    const dossier_retriever *local = dossier_local_retriever();
    (void)self;
    retriever_calls++; /* one thread: no lock */
    return local->candidates(local->self, c, q, k, out, n, err);
}

/* A retriever set after a batch ran is the one its kept handles rank with. */
static void test_retriever(dossier_corpus *c) {
    dossier_retriever counting = {NULL, counted_candidates};
    size_t lens[N_CLAIMS];
    lens_of(lens);
    dossier_set_retriever(c, &counting);
    retriever_calls = 0;
    dossier_batch *b = NULL;
    dossier_error err;
    if (dossier_batch_start(c, claims, lens, 3, NULL, 1, &b, &err) == DOSSIER_OK) {
        for (size_t i = 0; i < 3; i++)
            dossier_batch_result(b, i, 1, NULL, NULL, &err);
        dossier_batch_free(b);
    }
    ok(retriever_calls >= 3,
       "a retriever set on the corpus ranks its batches' claims too (%d calls)", retriever_calls);
    dossier_set_retriever(c, NULL);
}

/* The related words the threads worked out: the corpus's, and saved. */
static void test_related(void) {
    char dir[] = "/tmp/dossier-batch-XXXXXX";
    if (!mkdtemp(dir)) {
        fail("mkdtemp");
        return;
    }
    dossier_open_opts o;
    memset(&o, 0, sizeof o);
    o.cache = DOSSIER_CACHE_DIR;
    o.cache_dir = dir;
    dossier_corpus *c = NULL;
    dossier_error err;
    if (dossier_open_ex("corpus", &o, &c, &err)) {
        fail("open: %s", err.message);
        return;
    }
    size_t lens[N_CLAIMS];
    lens_of(lens);
    dossier_batch *b = NULL;
    if (!is_int(dossier_batch_start(c, claims, lens, N_CLAIMS, NULL, 2, &b, &err), DOSSIER_OK,
                "a batch on a corpus with a cache")) {
        dossier_close(c);
        return;
    }
    for (size_t i = 0; i < N_CLAIMS; i++)
        dossier_batch_result(b, i, 1, NULL, NULL, &err);
    dossier_batch_free(b);
    dossier_related_info info;
    dossier_related_info_of(c, &info);
    ok(info.computed > 0 && info.unsaved == 0,
       "its threads' related words count for the corpus (%zu worked out) and are saved",
       info.computed);
    ok(access(info.path, R_OK) == 0, "  beside the cache: %s", info.path);
    dossier_close(c);
    /* a new handle reads them */
    if (dossier_open_ex("corpus", &o, &c, &err)) {
        fail("open again: %s", err.message);
        return;
    }
    dossier_corroboration r;
    if (dossier_corroborate(c, claims[0], lens[0], NULL, &r, &err) == DOSSIER_OK)
        dossier_corroboration_free(&r);
    dossier_related_info_of(c, &info);
    ok(info.loaded > 0, "  and a later open reads them (%zu)", info.loaded);
    dossier_close(c);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) diag("could not remove %s", dir);
}

/* A prepared open makes the batch's handles too. */
static void test_prepared(void) {
    dossier_open_opts o;
    memset(&o, 0, sizeof o);
    o.cache = DOSSIER_CACHE_OFF;
    o.prepare = 1;
    dossier_corpus *c = NULL;
    dossier_error err;
    if (dossier_open_ex("corpus", &o, &c, &err)) {
        fail("open: %s", err.message);
        return;
    }
    ok(c->n_twins >= 1 && c->twins[0]->index->n_resident == dossier_article_count(c),
       "a prepared open keeps %zu prepared handle(s) for a batch", c->n_twins);
    test_same_answers(c, 0);
    dossier_close(c);
}

int main(void) {
    dossier_corpus *c;
    dossier_error err;
    dossier_open_opts o;
    memset(&o, 0, sizeof o);
    o.cache = DOSSIER_CACHE_OFF;
    if (!is_int(dossier_open_ex("corpus", &o, &c, &err), DOSSIER_OK, "the shipped corpus loads")) {
        diag("%s", err.message);
        return done_testing();
    }
    test_same_answers(c, 1);
    test_same_answers(c, 2);
    ok(c->n_twins == 2, "the handles of the batches are kept: %zu", c->n_twins);
    test_retriever(c);
    test_same_answers(c, DOSSIER_BATCH_MAX_THREADS);
    test_free_early(c);
    test_two_at_once(c);
    test_arguments(c);
    dossier_close(c); /* with its kept handles */
    test_related();
    test_prepared();
    return done_testing();
}
