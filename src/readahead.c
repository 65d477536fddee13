/* readahead.c — the articles of a build read ahead, on a second thread.
 *
 * What one article needs on its own — reading the file, the front matter,
 * sentences, words, actor mentions — runs on a thread of its own a few
 * articles ahead, while the build (build.c) does what needs them in order:
 * the vocabularies, the index, the sections. The two halves cost about the
 * same, so on two cores a build takes little more than half the time. Both
 * halves only read the gazetteer, which is complete before either starts.
 * Results come back in the files' order, so a build is the same whatever
 * the threads do; a small corpus, or a machine where the thread cannot
 * start, reads on the caller's thread. */
#include "build.h"
#include "cache.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AHEAD 8       /* articles made ready before the build takes them */
#define MIN_THREAD 32 /* fewer articles than this: no thread */

struct readahead {
    const dossier_corpus *c;
    const build_job *job;
    int threaded;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t changed;
    ready_article *ring[AHEAD];
    size_t made, taken; /* articles made ready, and taken by the build */
    int stop;           /* the build wants no more */
    size_t next;        /* without a thread: the next file */
};

void prepare_article(const dossier_corpus *c, const build_job *job, size_t f, ready_article *r) {
    memset(r, 0, sizeof *r);
    r->f = f;
    long reuse = job->reuse ? job->reuse[f] : -1;
    if (reuse != -1) { /* taken from the cache being updated, by the build */
        r->reused = 1;
        return;
    }
    const char *name = job->names[f];
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", c->dir, name);
    file_stat(path, wall_clock_ns(), &r->rec);
    r->status = article_load(c->dir, name, &c->config, &r->mem, &r->la, &r->err);
    if (r->status || r->la.skipped) return;
    r->rec.hash = r->la.hash;
    dossier_article *a = &r->la.a;
    if (tokenize(a->text + a->body_start, a->text_len - a->body_start, &r->t)) {
        r->status = set_error(&r->err, DOSSIER_ERR_NOMEM, "%s: out of memory", a->path);
        return;
    }
    r->tokenized = 1;
    r->status = article_mentions(c, a, &r->t, r->la.ranges, r->la.n_ranges, 0, &r->am, &r->err);
}

void ready_article_free(ready_article *r) {
    if (!r) return;
    loaded_article_free(&r->la);
    if (r->tokenized) token_list_free(&r->t);
    mention_list_free(&r->am);
    arena_free(&r->mem);
    free(r);
}

static void *run(void *arg) {
    readahead *ra = arg;
    for (size_t f = 0; f < ra->job->n_names; f++) {
        pthread_mutex_lock(&ra->mu);
        while (!ra->stop && ra->made - ra->taken == AHEAD)
            pthread_cond_wait(&ra->changed, &ra->mu);
        int stop = ra->stop;
        pthread_mutex_unlock(&ra->mu);
        if (stop) break;
        ready_article *r = malloc(sizeof *r);
        if (r) prepare_article(ra->c, ra->job, f, r);
        int last = !r || r->status; /* the build stops at this one; r is its once given */
        pthread_mutex_lock(&ra->mu);
        ra->ring[ra->made % AHEAD] = r; /* NULL: out of memory, said by the build */
        ra->made++;
        pthread_cond_broadcast(&ra->changed);
        pthread_mutex_unlock(&ra->mu);
        if (last) break;
    }
    return NULL;
}

readahead *readahead_start(const dossier_corpus *c, const build_job *job) {
    readahead *ra = calloc(1, sizeof *ra);
    if (!ra) return NULL;
    ra->c = c;
    ra->job = job;
    if (job->n_names >= MIN_THREAD && pthread_mutex_init(&ra->mu, NULL) == 0) {
        if (pthread_cond_init(&ra->changed, NULL) == 0) {
            if (pthread_create(&ra->thread, NULL, run, ra) == 0) {
                ra->threaded = 1;
                return ra;
            }
            pthread_cond_destroy(&ra->changed);
        }
        pthread_mutex_destroy(&ra->mu);
    }
    return ra;
}

/* The next article in order (prepared by the thread, or now); *oom when
 * there is none for want of memory. */
ready_article *readahead_next(readahead *ra, int *oom) {
    *oom = 0;
    if (!ra->threaded) {
        if (ra->next >= ra->job->n_names) return NULL;
        ready_article *r = malloc(sizeof *r);
        if (!r) {
            *oom = 1;
            return NULL;
        }
        prepare_article(ra->c, ra->job, ra->next++, r);
        return r;
    }
    pthread_mutex_lock(&ra->mu);
    while (ra->made == ra->taken && ra->taken < ra->job->n_names)
        pthread_cond_wait(&ra->changed, &ra->mu);
    ready_article *r = NULL;
    if (ra->made > ra->taken) {
        r = ra->ring[ra->taken % AHEAD];
        ra->taken++;
        if (!r) *oom = 1;
        pthread_cond_broadcast(&ra->changed);
    }
    pthread_mutex_unlock(&ra->mu);
    return r;
}

void readahead_stop(readahead *ra) {
    if (!ra) return;
    if (ra->threaded) {
        pthread_mutex_lock(&ra->mu);
        ra->stop = 1;
        pthread_cond_broadcast(&ra->changed);
        pthread_mutex_unlock(&ra->mu);
        pthread_join(ra->thread, NULL);
        for (; ra->taken < ra->made; ra->taken++)
            ready_article_free(ra->ring[ra->taken % AHEAD]);
        pthread_cond_destroy(&ra->changed);
        pthread_mutex_destroy(&ra->mu);
    }
    free(ra);
}
