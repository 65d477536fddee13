/* batch.c — many claims corroborated at once, on threads of their own
 * (dossier_batch_*).
 *
 * Each thread takes the next claim not yet begun (a counter under the
 * batch's lock) and answers it through a handle of its own on the corpus's
 * image (corpus_twin): a handle's caches fill as it goes and are not safe to
 * share, while the image is only read. The handles come from the corpus's
 * pool and go back to it when the batch is freed, with what their caches
 * hold, for the next batch. */
#define _GNU_SOURCE /* sched_getaffinity */
#include "corpus.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    char *text;
    size_t len;
    dossier_corroboration r;
    dossier_severity severity;
    dossier_error err;
    int done; /* under the batch's lock */
} batch_item;

typedef struct {
    dossier_batch *b;
    dossier_corpus *twin;
    pthread_t thread;
} batch_worker;

struct dossier_batch {
    dossier_corpus *c;
    dossier_corroborate_opts opts;
    batch_item *items;
    size_t n;
    pthread_mutex_t mu;
    pthread_cond_t item_done;
    size_t next; /* the first claim not begun */
    int stop;    /* dossier_batch_free: begin no more */
    batch_worker workers[DOSSIER_BATCH_MAX_THREADS];
    size_t n_workers;
};

unsigned batch_default_threads(void) {
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
#ifdef __linux__
    /* the cores this process may run on (taskset, a container's cpuset) */
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) cores = CPU_COUNT(&set);
#endif
    if (cores < 1) return 1;
    return cores < DOSSIER_BATCH_MAX_THREADS ? (unsigned)cores : DOSSIER_BATCH_MAX_THREADS;
}

/* The next claim of b to work on, or b->n when none is left. */
static size_t take_item(dossier_batch *b) {
    pthread_mutex_lock(&b->mu);
    size_t i = b->stop ? b->n : b->next;
    if (i < b->n) b->next++;
    pthread_mutex_unlock(&b->mu);
    return i;
}

static void *work(void *arg) {
    batch_worker *w = (batch_worker *)arg;
    dossier_batch *b = w->b;
    for (size_t i; (i = take_item(b)) < b->n;) {
        batch_item *it = &b->items[i];
        dossier_status s =
            dossier_corroborate(w->twin, it->text, it->len, &b->opts, &it->r, &it->err);
        if (!s)
            s = dossier_sentence_severity(w->twin, it->text, it->len, it->r.verdict, &it->severity,
                                          &it->err);
        if (s) dossier_corroboration_free(&it->r);
        pthread_mutex_lock(&b->mu);
        it->done = 1;
        pthread_cond_broadcast(&b->item_done);
        pthread_mutex_unlock(&b->mu);
    }
    /* every claim begun (not stopped early): the words worked out saved for
     * the next process, off the caller's thread (a batch stopped early
     * leaves them to its handle's next batch) */
    pthread_mutex_lock(&b->mu);
    int all_begun = b->next >= b->n;
    pthread_mutex_unlock(&b->mu);
    if (all_begun) {
        size_t saved;
        dossier_error e;
        dossier_save_related(w->twin, &saved, &e); /* failing loses only time */
    }
    return NULL;
}

/* A handle on c's image for a thread: a kept one, else a new one. */
static dossier_status borrow_twin(dossier_corpus *c, dossier_corpus **out, dossier_error *err) {
    if (c->n_twins) {
        *out = c->twins[--c->n_twins];
        return DOSSIER_OK;
    }
    return corpus_twin(c, out, err);
}

static void return_twin(dossier_corpus *c, dossier_corpus *t) {
    if (c->n_twins < DOSSIER_BATCH_MAX_THREADS)
        c->twins[c->n_twins++] = t;
    else
        dossier_close(t); /* another batch ran meanwhile and gave its back first */
}

static void free_items(dossier_batch *b) {
    for (size_t i = 0; i < b->n; i++) {
        dossier_corroboration_free(&b->items[i].r);
        free(b->items[i].text);
    }
    free(b->items);
}

dossier_status dossier_batch_start(dossier_corpus *c, const char *const *texts, const size_t *lens,
                                   size_t n, const dossier_corroborate_opts *opts, unsigned threads,
                                   dossier_batch **out, dossier_error *err) {
    dossier_error local;
    if (!err) err = &local;
    err->status = DOSSIER_OK;
    err->message[0] = '\0';
    if (!out) return set_error(err, DOSSIER_ERR_ARG, "dossier_batch_start: NULL output pointer");
    *out = NULL;
    if (!c) return set_error(err, DOSSIER_ERR_ARG, "dossier_batch_start: NULL corpus");
    if (n && (!texts || !lens))
        return set_error(err, DOSSIER_ERR_ARG, "dossier_batch_start: NULL texts or lengths");
    for (size_t i = 0; i < n; i++)
        if (!texts[i])
            return set_error(err, DOSSIER_ERR_ARG, "dossier_batch_start: text %zu is NULL", i);
    if (threads == 0) threads = batch_default_threads();
    if (threads > DOSSIER_BATCH_MAX_THREADS) threads = DOSSIER_BATCH_MAX_THREADS;
    if (threads > n) threads = (unsigned)n;

    dossier_batch *b = calloc(1, sizeof *b);
    if (!b) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    b->c = c;
    if (opts) b->opts = *opts;
    b->n = n;
    if (n && !(b->items = calloc(n, sizeof *b->items))) {
        free(b);
        return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        if (!(b->items[i].text = malloc(lens[i] + 1))) {
            free_items(b);
            free(b);
            return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
        }
        memcpy(b->items[i].text, texts[i], lens[i]);
        b->items[i].text[lens[i]] = '\0';
        b->items[i].len = lens[i];
    }
    if (pthread_mutex_init(&b->mu, NULL) != 0) {
        free_items(b);
        free(b);
        return set_error(err, DOSSIER_ERR_IO, "dossier_batch_start: cannot make a lock");
    }
    if (pthread_cond_init(&b->item_done, NULL) != 0) {
        pthread_mutex_destroy(&b->mu);
        free_items(b);
        free(b);
        return set_error(err, DOSSIER_ERR_IO, "dossier_batch_start: cannot make a lock");
    }
    /* as many threads as start: one is enough to answer every claim */
    dossier_status s = DOSSIER_OK;
    for (unsigned k = 0; k < threads; k++) {
        batch_worker *w = &b->workers[b->n_workers];
        w->b = b;
        if ((s = borrow_twin(c, &w->twin, err))) break;
        if (pthread_create(&w->thread, NULL, work, w) != 0) {
            return_twin(c, w->twin);
            s = set_error(err, DOSSIER_ERR_IO, "dossier_batch_start: cannot start a thread");
            break;
        }
        b->n_workers++;
    }
    if (b->n_workers == 0 && n > 0) {
        dossier_batch_free(b);
        return s ? s : set_error(err, DOSSIER_ERR_IO, "dossier_batch_start: no thread started");
    }
    err->status = DOSSIER_OK;
    err->message[0] = '\0';
    *out = b;
    return DOSSIER_OK;
}

int dossier_batch_result(dossier_batch *b, size_t i, int wait, const dossier_corroboration **r,
                         dossier_severity *severity, dossier_error *err) {
    dossier_error local;
    if (!err) err = &local;
    if (!b || i >= b->n) {
        set_error(err, DOSSIER_ERR_ARG, "dossier_batch_result: no claim %zu in the batch", i);
        return 1;
    }
    batch_item *it = &b->items[i];
    pthread_mutex_lock(&b->mu);
    while (wait && !it->done)
        pthread_cond_wait(&b->item_done, &b->mu);
    int done = it->done;
    pthread_mutex_unlock(&b->mu);
    if (!done) return 0;
    *err = it->err;
    if (it->err.status == DOSSIER_OK) {
        if (r) *r = &it->r;
        if (severity) *severity = it->severity;
    }
    return 1;
}

void dossier_batch_free(dossier_batch *b) {
    if (!b) return;
    pthread_mutex_lock(&b->mu);
    b->stop = 1;
    pthread_mutex_unlock(&b->mu);
    for (size_t k = 0; k < b->n_workers; k++) {
        pthread_join(b->workers[k].thread, NULL);
        return_twin(b->c, b->workers[k].twin);
    }
    pthread_cond_destroy(&b->item_done);
    pthread_mutex_destroy(&b->mu);
    free_items(b);
    free(b);
}
