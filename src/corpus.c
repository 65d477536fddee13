/* corpus.c — opening a corpus (from its cache when that holds, else by a
 * build, which writes the cache), closing it, and read-only accessors. */
#define _DEFAULT_SOURCE /* realpath, madvise */
#include "build.h"
#include "cache.h"
#include "index.h"
#include "pattern.h"
#include "related.h"

#include <errno.h>
#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* ------------------------------------------------------------ the cache, checked */

/* The state of one source file against its record: 0 unchanged, 1 changed.
 * A racy record (modified too close to its build for times to tell) is
 * compared by content; files_hashed counts those. now is this open's start. */
static int file_compare(const char *path, const file_rec *old, file_rec *cur,
                        dossier_cache_info *info) {
    if ((cur->flags & FILE_ABSENT) || (old->flags & FILE_ABSENT))
        return (cur->flags & FILE_ABSENT) != (old->flags & FILE_ABSENT);
    if (cur->size != old->size || cur->mtime_ns != old->mtime_ns) return 1;
    cur->hash = old->hash;
    if (!(old->flags & FILE_RACY)) {
        cur->flags &= ~FILE_RACY; /* its content was read long enough after it was written */
        return 0;
    }
    char *data;
    size_t len;
    if (read_file(path, &data, &len, NULL)) return 1;
    info->files_hashed++;
    uint64_t h = content_hash(data, len);
    free(data);
    return h != old->hash || len != old->size;
}

/* The same, the file stat'ed first: cur its record now. */
static int file_changed(const char *path, const file_rec *old, int64_t now, file_rec *cur,
                        dossier_cache_info *info) {
    file_stat(path, now, cur);
    return file_compare(path, old, cur, info);
}

/* What an open does with a valid cache. */
enum { CACHE_USE, CACHE_UPDATE, CACHE_REBUILD, CACHE_GO_ON };

/* The cache old against what comes before the articles: its corpus, its
 * file list, actors.yaml and dossier.yaml. A change of either file means a
 * full build (CACHE_REBUILD, why says which); else CACHE_GO_ON. */
static int compare_frame(dossier_corpus *c, const dossier_corpus *old, build_job *job, int64_t now,
                         char *why, size_t why_size) {
    const image *im = &old->img;
    const file_rec *files = SEC_AS(im, SEC_FILES, file_rec);
    const section *pool = &im->s[SEC_STRINGS];
    const cache_meta *meta = SEC_AS(im, SEC_META, cache_meta);
    size_t nf = im->s[SEC_FILES].count, articles = 0;
    if (nf < old->n_articles + 2 || meta->dir_off >= pool->size ||
        strcmp((const char *)pool->data + meta->dir_off, job->abs_dir) != 0) {
        snprintf(why, why_size, "the cache is another corpus's");
        return CACHE_REBUILD;
    }
    for (size_t i = 0; i < nf; i++) {
        uint32_t want = i + 2 < nf ? files[i].kind : (uint32_t)(i + 2 - nf + FILE_ACTORS);
        if (files[i].name_off >= pool->size || files[i].kind != want ||
            (i + 2 < nf && want != FILE_ARTICLE && want != FILE_SKIPPED)) {
            snprintf(why, why_size, "the cache's file list is corrupt");
            return CACHE_REBUILD;
        }
        articles += files[i].kind == FILE_ARTICLE;
    }
    if (articles != old->n_articles) {
        snprintf(why, why_size, "the cache's file list is corrupt");
        return CACHE_REBUILD;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/dossier.yaml", c->dir);
    if (file_changed(path, &files[nf - 1], now, &job->config_stat, &c->info)) {
        snprintf(why, why_size, "dossier.yaml changed");
        return CACHE_REBUILD;
    }
    if (file_changed(c->actors_path, &files[nf - 2], now, &job->actors_stat, &c->info)) {
        snprintf(why, why_size, "actors.yaml changed");
        return CACHE_REBUILD;
    }
    return CACHE_GO_ON;
}

/* Pairs the files that may be articles (job->names) with the cache's: each
 * unchanged one is taken from it (reuse: its article, or REUSE_SKIPPED for
 * a file passed over before), the rest are read. CACHE_USE when nothing
 * changed at all, else CACHE_UPDATE. */
static int compare_files(dossier_corpus *c, const dossier_corpus *old, build_job *job, long *reuse,
                         file_rec *stats, int64_t now) {
    const image *im = &old->img;
    const file_rec *files = SEC_AS(im, SEC_FILES, file_rec);
    const section *pool = &im->s[SEC_STRINGS];
    size_t nf = im->s[SEC_FILES].count - 2;
    long *article_of = malloc((nf ? nf : 1) * sizeof *article_of);
    strmap by_name = {0};
    if (!article_of) return CACHE_REBUILD;
    long a = 0;
    for (size_t i = 0; i < nf; i++) {
        const char *name = (const char *)pool->data + files[i].name_off;
        article_of[i] = files[i].kind == FILE_ARTICLE ? a++ : REUSE_SKIPPED;
        if (!strmap_put(&by_name, name, strlen(name), (long)i)) {
            free(article_of);
            strmap_free(&by_name);
            return CACHE_REBUILD;
        }
    }
    int same = job->n_names == nf;
    char path[4096];
    int dir_fd = open(c->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC); /* -1: by their paths */
    for (size_t i = 0; i < job->n_names; i++) {
        const char *name = job->names[i];
        long o = strmap_get(&by_name, name, strlen(name));
        reuse[i] = -1;
        if (o < 0) {
            same = 0; /* added */
            continue;
        }
        snprintf(path, sizeof path, "%s/%s", c->dir, name);
        if (dir_fd >= 0)
            file_stat_at(dir_fd, name, now, &stats[i]);
        else
            file_stat(path, now, &stats[i]);
        if (!file_compare(path, &files[o], &stats[i], &c->info)) reuse[i] = article_of[o];
        /* racy then checked: the cache is written again without the mark */
        if (reuse[i] == -1 || (files[o].flags & FILE_RACY) != (stats[i].flags & FILE_RACY) ||
            (size_t)o != i)
            same = 0;
    }
    if (dir_fd >= 0) close(dir_fd);
    free(article_of);
    strmap_free(&by_name);
    const file_rec *actors = &files[nf], *config = &files[nf + 1];
    if ((actors->flags & FILE_RACY) != (job->actors_stat.flags & FILE_RACY) ||
        (config->flags & FILE_RACY) != (job->config_stat.flags & FILE_RACY))
        same = 0;
    return same ? CACHE_USE : CACHE_UPDATE;
}

/* The notices of a cached open, as the build gave them: no actors.yaml, and
 * the files it passes over. */
static dossier_status skipped_again(dossier_corpus *c, dossier_error *err) {
    const file_rec *files = SEC_AS(&c->img, SEC_FILES, file_rec);
    const section *pool = &c->img.s[SEC_STRINGS];
    size_t nf = c->img.s[SEC_FILES].count;
    if (nf >= 2 && (files[nf - 2].flags & FILE_ABSENT) && gazetteer_absent(c, c->actors_path))
        return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i + 2 < c->img.s[SEC_FILES].count; i++) {
        if (files[i].kind != FILE_SKIPPED) continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", c->dir, (const char *)pool->data + files[i].name_off);
        if (article_skipped(c, path)) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    }
    return DOSSIER_OK;
}

/* A corpus over the cache's image: every view checked. */
static dossier_status view_cache(dossier_corpus *into, image *im, char *why, size_t why_size) {
    into->img = *im;
    memset(im, 0, sizeof *im);
    dossier_error e;
    dossier_status s = corpus_view(into, &e);
    if (s) snprintf(why, why_size, "%s", e.message);
    return s;
}

/* ------------------------------------------------------------ opening */
static dossier_corpus *corpus_new(const char *dir, size_t n) {
    dossier_corpus *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->dir = arena_strndup(&c->mem, dir, n);
    char *ap = arena_alloc(&c->mem, n + sizeof "/actors.yaml");
    if (!c->dir || !ap) {
        dossier_close(c);
        return NULL;
    }
    snprintf(ap, n + sizeof "/actors.yaml", "%s/actors.yaml", c->dir);
    c->actors_path = ap;
    return c;
}

/* ------------------------------------------------------------ the delta */

/* The delta at dpath (doc/cache-format.md), viewed, when it is there, whole
 * and for this base; NULL otherwise (why says why when there was one). Its
 * file list is the corpus's now; its articles are those an update takes
 * again when their files have not changed. */
static dossier_corpus *open_delta(const dossier_corpus *base, const char *dpath, char *why,
                                  size_t why_size) {
    why[0] = '\0';
    image im;
    memset(&im, 0, sizeof im);
    dossier_status m = cache_map(dpath, &im, why, why_size);
    if (m == DOSSIER_ERR_NOTFOUND) return NULL;
    dossier_corpus *d = NULL;
    dossier_error e;
    e.message[0] = '\0';
    if (m == DOSSIER_OK && delta_check(&base->img, &im, &e) == DOSSIER_OK &&
        (d = corpus_new(base->dir, strlen(base->dir)))) {
        d->img = im;
        memset(&im, 0, sizeof im);
        if (corpus_view(d, &e)) {
            dossier_close(d);
            d = NULL;
        }
    }
    if (!d && e.message[0]) snprintf(why, why_size, "%s", e.message);
    image_free(&im);
    return d;
}

/* After a merge: the base's pages it read go back (the merged image holds
 * copies; the texts it reads in place fault in again as they are used). */
static void release_base(const dossier_corpus *base) {
    if (base->img.map) madvise(base->img.map, base->img.map_len, MADV_DONTNEED);
}

/* The identity of a merged image (image.checksum): its base's checksum and
 * its delta's together; 0 when either is not a file's. */
static uint64_t merged_checksum(uint64_t base, uint64_t delta) {
    uint64_t both[2] = {base, delta};
    return base && delta ? content_hash(both, sizeof both) : 0;
}

/* The corpus base + delta, merged (delta_merge) and viewed; NULL with why
 * when the delta does not fit the base. */
static dossier_corpus *merge_delta(const dossier_corpus *base, const dossier_corpus *d, char *why,
                                   size_t why_size) {
    dossier_error e;
    image merged;
    dossier_corpus *cur = NULL;
    if (delta_merge(base, d, &merged, &e) != DOSSIER_OK) {
        snprintf(why, why_size, "%s", e.message);
        return NULL;
    }
    if (!(cur = corpus_new(base->dir, strlen(base->dir)))) {
        image_free(&merged);
        snprintf(why, why_size, "out of memory");
        return NULL;
    }
    cur->img = merged;
    cur->img.checksum = merged_checksum(base->img.checksum, d->img.checksum);
    release_base(base);
    if (corpus_view(cur, &e)) {
        snprintf(why, why_size, "%s", e.message);
        dossier_close(cur);
        return NULL;
    }
    return cur;
}

/* Which of the files names[0, n) (those that differ from the base) the
 * previous delta prev holds as they are now: again[k] its article (or
 * REUSE_SKIPPED for a file it passed over), -1 to read; recs[k] the record
 * of each kept one. 0 when out of memory. */
static int delta_unchanged(dossier_corpus *c, const dossier_corpus *prev, char *const *names,
                           size_t n, long *again, file_rec *recs) {
    const image *im = &prev->img;
    const file_rec *files = SEC_AS(im, SEC_FILES, file_rec);
    const int64_t *order = SEC_AS(im, SEC_ORDER, int64_t);
    const section *pool = &im->s[SEC_STRINGS];
    size_t nf = im->s[SEC_FILES].count, no = im->s[SEC_ORDER].count;
    strmap by_name = {0};
    for (size_t k = 0; k < n; k++)
        again[k] = -1; /* read, also when the list below is found corrupt */
    long *held = malloc((nf ? nf : 1) * sizeof *held);
    if (!held) return 0;
    for (size_t i = 0, a = 0; i + 2 < nf; i++) {
        held[i] = -1;
        if (files[i].kind == FILE_ARTICLE) {
            int64_t o = a < no ? order[a] : 0;
            a++;
            if (o < 0 && o >= -(int64_t)prev->n_articles) held[i] = (long)(-1 - o);
        } else if (files[i].kind == FILE_SKIPPED) {
            held[i] = REUSE_SKIPPED;
        }
        const char *name = (const char *)pool->data + files[i].name_off;
        if (files[i].name_off >= pool->size || !strmap_put(&by_name, name, strlen(name), (long)i)) {
            free(held);
            strmap_free(&by_name);
            return files[i].name_off >= pool->size;
        }
    }
    int64_t now = wall_clock_ns();
    char path[4096];
    for (size_t k = 0; k < n; k++) {
        long i = strmap_get(&by_name, names[k], strlen(names[k]));
        if (i < 0 || held[i] == -1) continue;
        snprintf(path, sizeof path, "%s/%s", c->dir, names[k]);
        if (!file_changed(path, &files[i], now, &recs[k], &c->info)) again[k] = held[i];
    }
    free(held);
    strmap_free(&by_name);
    return 1;
}

/* Moves the corpus old into c: the cache as it is. c keeps what it made
 * (the cache information, the settings, its notices); the two arenas become
 * one. */
static void take_over(dossier_corpus *c, dossier_corpus *old) {
    dossier_corpus kept = *c;
    *c = *old;
    c->info = kept.info;
    c->config = kept.config;
    c->notices = kept.notices;
    c->n_notices = kept.n_notices;
    c->cap_notices = kept.cap_notices;
    c->mem = kept.mem;
    arena_absorb(&c->mem, &old->mem);
    memset(old, 0, sizeof *old);
}

/* A delta past this share of the base's passages (and a few thousand
 * passages, so that small corpora keep theirs) is folded into a new base by
 * an update of the whole cache: every update reads the delta's articles
 * again and every open merges it, so its cost grows with it. */
#define DELTA_MAX_SHARE 0.05
#define DELTA_SLACK 4096

/* The update of base as a delta: the files that differ from the base
 * (reuse[i] == -1) read and indexed against the base's vocabularies, the
 * delta written beside the cache (dpath), and c->img the merge of the two.
 * DOSSIER_ERR_INVALID when a delta will not do (c untouched but for a
 * notice when the merge itself failed): the caller updates the whole cache
 * instead. */
static dossier_status update_by_delta(dossier_corpus *c, const dossier_corpus *base,
                                      const dossier_corpus *prev, const build_job *job,
                                      const long *reuse, const file_rec *stats, const char *dpath) {
    /* a delta of removals alone holds no article to take again and no
     * vocabulary (a merge takes the base's): this one builds on the base */
    if (prev && !prev->n_articles) prev = NULL;
    size_t nd = 0;
    for (size_t i = 0; i < job->n_names; i++)
        nd += reuse[i] == -1;
    char **names = malloc((nd ? nd : 1) * sizeof *names);
    long *again = malloc((nd ? nd : 1) * sizeof *again);
    file_rec *recs = calloc(nd ? nd : 1, sizeof *recs);
    dossier_corpus *d = corpus_new(c->dir, strlen(c->dir));
    dossier_status s = names && again && recs && d ? DOSSIER_OK : DOSSIER_ERR_NOMEM;
    int retry = 0;
    dossier_error e;
    for (size_t i = 0, k = 0; !s && i < job->n_names; i++)
        if (reuse[i] == -1) names[k++] = job->names[i];
    if (!s && prev && !delta_unchanged(c, prev, names, nd, again, recs)) s = DOSSIER_ERR_NOMEM;
    if (!s) {
        build_job dj = *job;
        dj.names = names;
        dj.n_names = nd;
        dj.reuse = prev ? again : NULL;
        dj.stats = prev ? recs : NULL;
        dj.retry = &retry;
        dj.partial = 1;
        d->config = c->config;
        /* the previous delta's vocabularies extend the base's: the new one's extend both */
        s = build_corpus(d, prev ? prev : base, &dj, &e);
        memset(&d->config, 0, sizeof d->config); /* c's */
    }
    size_t np = d ? d->img.s[SEC_PASSAGES].count : 0;
    if (!s && (double)np > DELTA_MAX_SHARE * (double)base->n_passages + DELTA_SLACK)
        s = DOSSIER_ERR_INVALID;
    if (!s) {
        /* the whole file list now, the order of the articles, the base's name */
        image *im = &d->img;
        const file_rec *own = SEC_AS(im, SEC_FILES, file_rec);
        size_t n_own = im->s[SEC_FILES].count;
        strbuf files = {0}, order = {0};
        int64_t next_delta = 0;
        for (size_t i = 0, k = 0; i < job->n_names; i++) {
            file_rec r;
            int64_t o;
            if (reuse[i] == -1) {
                if (k >= n_own) break;
                r = own[k++];
                o = r.kind == FILE_ARTICLE ? -1 - next_delta++ : INT64_MIN;
            } else {
                r = stats[i];
                r.kind = reuse[i] == REUSE_SKIPPED ? FILE_SKIPPED : FILE_ARTICLE;
                r.name_off = strings_put(im, job->names[i]);
                o = reuse[i] == REUSE_SKIPPED ? INT64_MIN : reuse[i];
            }
            sb_append(&files, (const char *)&r, sizeof r);
            if (o != INT64_MIN) sb_append(&order, (const char *)&o, sizeof o);
        }
        if (n_own >= 2) sb_append(&files, (const char *)&own[n_own - 2], 2 * sizeof *own);
        delta_rec dr = {base->img.checksum, base->img.map_len, base->n_articles, base->n_passages};
        sb_free(&im->owned[SEC_FILES]);
        im->owned[SEC_FILES] = files;
        sb_free(&im->owned[SEC_ORDER]);
        im->owned[SEC_ORDER] = order;
        image_put(im, SEC_DELTA, &dr, sizeof dr);
        if (image_failed(im) || next_delta != (int64_t)d->img.s[SEC_ARTICLES].count)
            s = DOSSIER_ERR_INVALID;
        image_seal(im);
    }
    /* merged and viewed before the delta is written: a merge that fails its
     * own checks is not written, and the caller updates the whole cache */
    dossier_corpus *cur = NULL;
    char why[512];
    if (!s) s = corpus_view(d, &e);
    if (!s && !(cur = merge_delta(base, d, why, sizeof why))) {
        snprintf(c->info.notice, sizeof c->info.notice,
                 "cache delta not merged: %.420s; the whole cache updated", why);
        s = DOSSIER_ERR_INVALID;
    }
    if (!s) {
        uint64_t dsum = 0;
        if (cache_write(dpath, &d->img, NULL, &dsum, why, sizeof why)) {
            c->info.state = DOSSIER_CACHE_UNAVAILABLE;
            snprintf(c->info.notice, sizeof c->info.notice,
                     "%.440s; the update is kept in memory only", why);
        } else {
            cur->img.checksum = merged_checksum(base->img.checksum, dsum);
        }
        c->info.articles_read += d->info.articles_read;
        c->info.articles_indexed += d->info.articles_indexed;
        take_over(c, cur);
    }
    if (cur) dossier_close(cur);
    free(names);
    free(again);
    free(recs);
    dossier_close(d);
    return s == DOSSIER_ERR_NOMEM ? s : s ? DOSSIER_ERR_INVALID : DOSSIER_OK;
}

/* dossier.yaml's fingerprint: the cache stands for it too (present or not).
 * It is read for its hash only; its settings are not the cache's business. */
static void config_stat(const dossier_corpus *c, int64_t now, file_rec *r) {
    char path[4096];
    snprintf(path, sizeof path, "%s/dossier.yaml", c->dir);
    file_stat(path, now, r);
    char *data;
    size_t len;
    if (!(r->flags & FILE_ABSENT) && read_file(path, &data, &len, NULL) == DOSSIER_OK) {
        r->hash = content_hash(data, len);
        free(data);
    }
}

/* After a build: the cache written and mapped in place of the build's heap,
 * or the heap kept with a notice when it cannot be written. */
static dossier_status store(dossier_corpus *c, const char *path, dossier_error *err) {
    image mapped;
    memset(&mapped, 0, sizeof mapped);
    char why[512];
    if (cache_write(path, &c->img, &mapped, NULL, why, sizeof why)) {
        if (!image_own(&c->img)) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
        c->info.state = DOSSIER_CACHE_UNAVAILABLE;
        snprintf(c->info.notice, sizeof c->info.notice,
                 "%.440s; the corpus is opened without a cache", why);
    } else if (mapped.map) {
        char delta[1100];
        snprintf(delta, sizeof delta, "%s.delta", path);
        unlink(delta); /* a delta of the base replaced; one written since names that base */
        image_free(&c->img);
        c->img = mapped;
#ifdef __GLIBC__
        /* the build's buffers back to the system: the corpus now reads the file */
        malloc_trim(0);
#endif
    }
    return corpus_view(c, err);
}

static dossier_status open_corpus(dossier_corpus *c, const dossier_open_opts *opts,
                                  dossier_error *err) {
    char path[1024], why[512], abs[4096];
    int64_t now = wall_clock_ns();
    int where = cache_location(c->dir, opts, path, sizeof path, why, sizeof why);
    if (where < 0) {
        c->info.state = DOSSIER_CACHE_UNAVAILABLE;
        snprintf(c->info.notice, sizeof c->info.notice,
                 "%.440s; the corpus is opened without a cache", why);
    }
    if (where > 0) snprintf(c->info.path, sizeof c->info.path, "%s", path);
    if (!realpath(c->dir, abs)) snprintf(abs, sizeof abs, "%s", c->dir);
    build_job job;
    memset(&job, 0, sizeof job);
    job.abs_dir = abs;
    job.started_ns = now;
    job.opts = opts;
    int retry = 0;
    job.retry = &retry;
    char **names = NULL;
    long *reuse = NULL;
    file_rec *stats = NULL;
    /* the base cache, it merged with its delta, and the delta */
    dossier_corpus *old = NULL, *cur = NULL, *prev = NULL, frame;
    dossier_status s = DOSSIER_OK;
    int plan = CACHE_REBUILD, mapped = 0, by_delta = 0;
    char dpath[1100] = "", dwhy[512] = "";
    memset(&frame, 0, sizeof frame);
    if (where > 0) snprintf(dpath, sizeof dpath, "%s.delta", path);
    /* 1. the cache, if any, and what comes before the articles */
    if (where > 0) {
        image im;
        memset(&im, 0, sizeof im);
        dossier_status m = cache_map(path, &im, why, sizeof why);
        if (m == DOSSIER_ERR_NOTFOUND) {
            c->info.state = DOSSIER_CACHE_BUILT;
        } else if (m == DOSSIER_OK && (old = corpus_new(c->dir, strlen(c->dir))) &&
                   view_cache(old, &im, why, sizeof why) == DOSSIER_OK) {
            plan = CACHE_GO_ON;
            if (old->img.s[SEC_DELTA].size || old->img.s[SEC_ORDER].size) {
                snprintf(why, sizeof why, "the cache is a delta, not a base");
                plan = CACHE_REBUILD;
            }
            /* the frame as the delta, when there is one, records it last: its
             * file list is the corpus's (frame: the delta with as many
             * articles as its order names) */
            if (plan == CACHE_GO_ON && (prev = open_delta(old, dpath, dwhy, sizeof dwhy))) {
                frame = *prev;
                frame.n_articles = prev->img.s[SEC_ORDER].count;
            }
            if (plan == CACHE_GO_ON)
                plan = compare_frame(c, prev ? &frame : old, &job, now, why, sizeof why);
            dossier_error e;
            if (plan == CACHE_GO_ON && config_from_cache(c, &old->img, &e)) {
                snprintf(why, sizeof why, "%s", e.message);
                plan = CACHE_REBUILD;
            }
        }
        image_free(&im);
        mapped = m != DOSSIER_ERR_NOTFOUND;
    }
    /* a warming open only reads a cache that is there: the handle in use
     * builds it (two writers of it at once would each do the work) */
    int warm_only = where > 0 && opts && opts->related_warm;
    if (warm_only && plan == CACHE_REBUILD) goto not_warm;
    /* 2. the settings read when the cache cannot give them, then the files */
    if (plan == CACHE_REBUILD) {
        if (mapped) {
            c->info.state = DOSSIER_CACHE_REBUILT;
            snprintf(c->info.notice, sizeof c->info.notice, "cache rebuilt: %.480s", why);
        }
        if ((s = load_config(c, err))) goto done;
    }
    if ((s = article_files(c, &names, &job.n_names, err))) goto done;
    job.names = names;
    if (plan == CACHE_GO_ON) {
        reuse = malloc(job.n_names * sizeof *reuse);
        stats = calloc(job.n_names, sizeof *stats);
        if (!reuse || !stats) {
            s = set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
            goto done;
        }
        /* the base with its delta as it is, else the base as it is */
        if (prev && compare_files(c, &frame, &job, reuse, stats, now) == CACHE_USE) {
            if ((cur = merge_delta(old, prev, dwhy, sizeof dwhy))) {
                c->info.state = DOSSIER_CACHE_HIT;
                take_over(c, cur);
                by_delta = 1;
                s = skipped_again(c, err);
                goto done;
            }
            dossier_close(prev); /* it does not fit the base: made again */
            prev = NULL;
        }
        plan = compare_files(c, old, &job, reuse, stats, now);
        if (warm_only && (plan != CACHE_USE || prev || dwhy[0])) goto not_warm;
        if (dwhy[0]) /* a delta was there and would not do: made again (or dropped) */
            snprintf(c->info.notice, sizeof c->info.notice, "cache delta rebuilt: %.470s", dwhy);
        if (plan == CACHE_USE && (prev || dwhy[0]))
            unlink(dpath); /* the files are the base's again */
    }
    /* 3. the cache as it is, an update of it (a delta, else the whole cache), or a build */
    if (plan == CACHE_USE) {
        /* the files are the base's again: the delta dropped is an update */
        c->info.state = prev ? DOSSIER_CACHE_UPDATED : DOSSIER_CACHE_HIT;
        take_over(c, old);
        s = skipped_again(c, err);
        goto done;
    }
    if (plan == CACHE_UPDATE && where > 0 && old->img.map) {
        s = update_by_delta(c, old, prev, &job, reuse, stats, dpath);
        if (!s) {
            by_delta = 1;
            if (c->info.state != DOSSIER_CACHE_UNAVAILABLE) c->info.state = DOSSIER_CACHE_UPDATED;
            s = skipped_again(c, err); /* c is the merge, viewed */
            goto done;
        }
        if (s == DOSSIER_ERR_NOMEM) {
            s = set_error(err, s, "out of memory");
            goto done;
        }
        s = DOSSIER_OK; /* the whole cache updated instead */
    }
    if (plan == CACHE_UPDATE) {
        job.reuse = reuse;
        job.stats = stats;
        c->info.state = DOSSIER_CACHE_UPDATED;
        s = build_corpus(c, old, &job, err);
        if (s && retry) { /* the old cache was at fault: afresh */
            image_free(&c->img);
            c->info.state = DOSSIER_CACHE_REBUILT;
            c->info.articles_read = c->info.articles_indexed = 0;
            c->n_notices = 0;
            snprintf(c->info.notice, sizeof c->info.notice, "cache rebuilt: %.480s", err->message);
            plan = CACHE_REBUILD;
        }
    }
    if (plan == CACHE_REBUILD) {
        job.reuse = NULL;
        job.stats = NULL;
        config_stat(c, now, &job.config_stat);
        s = build_corpus(c, NULL, &job, err);
    }
    if (!s) s = where > 0 ? store(c, path, err) : corpus_view(c, err);
    goto done;
not_warm:
    s = set_error(err, DOSSIER_ERR_CANCELLED,
                  "%s: the cache is not the corpus's as it is now: nothing to warm", c->dir);
done:
    /* a merged image reads the base's mapping (its texts): it keeps it */
    if (by_delta && old) {
        c->img.base_map = old->img.map;
        c->img.base_map_len = old->img.map_len;
        old->img.map = NULL;
    }
    if (cur) dossier_close(cur);
    if (prev) dossier_close(prev);
    if (old) dossier_close(old);
    if (names)
        for (size_t i = 0; i < job.n_names; i++)
            free(names[i]);
    free(names);
    free(reuse);
    free(stats);
    return s;
}

/* The related terms of the corpus's own words worked out and kept beside
 * its cache when no valid file holds them yet (dossier_open_opts.related_warm),
 * so that the next handle's first check of a draft finds them (the shipped
 * corpus's 1,598 words and its verb-and-particle pairs take some 80 ms). A
 * big corpus's vocabulary would take seconds (a 7,000-article one has
 * hundreds of thousands of words): its claims' words are worked out as they
 * come. Stopped, out of memory, or a
 * file that cannot be written leaves the rest to be worked out when asked. */
static void warm_related(dossier_corpus *c, const dossier_open_opts *opts) {
    if (c->n_passages > DOSSIER_RELATED_WARM_PASSAGES) return;
    size_t words, saved;
    char why[512];
    if (related_precompute(c, opts->progress, opts->progress_ctx, c->n_articles, &words) ==
            DOSSIER_OK &&
        words)
        related_save(c, &saved, why, sizeof why);
}

/* What the verdict reads of each article of a small corpus, made at the
 * open (dossier_open_opts.prepare) instead of by the first claims that meet
 * them. Stopped or out of memory, the rest is left to the claims. */
static int prepare_handle(dossier_corpus *c, const dossier_open_opts *opts) {
    for (size_t a = 0; a < c->n_articles; a++) {
        /* done = total, as while related_warm works: the articles are read */
        if (opts->progress && opts->progress(opts->progress_ctx, c->n_articles, c->n_articles))
            return 0;
        if (!article_words_of(c, a)) return 0;
    }
    return 1;
}

/* The same for the handles a batch will run on (batch.c), made now and
 * kept by c: a first batch's threads then start where c does. */
static void prepare_articles(dossier_corpus *c, const dossier_open_opts *opts) {
    if (!c->index || c->n_passages > DOSSIER_RELATED_WARM_PASSAGES) return;
    if (!prepare_handle(c, opts)) return;
    for (unsigned k = batch_default_threads(); c->n_twins < k;) {
        dossier_corpus *t;
        dossier_error e;
        if (corpus_twin(c, &t, &e)) return;
        c->twins[c->n_twins++] = t;
        if (!prepare_handle(t, opts)) return;
    }
}

dossier_status dossier_open_ex(const char *dir, const dossier_open_opts *opts, dossier_corpus **out,
                               dossier_error *err) {
    dossier_error local;
    if (!err) err = &local;
    err->status = DOSSIER_OK;
    err->message[0] = '\0';
    if (!out) return set_error(err, DOSSIER_ERR_ARG, "dossier_open: NULL output pointer");
    *out = NULL;
    if (!dir || !*dir)
        return set_error(err, DOSSIER_ERR_ARG, "dossier_open: no corpus directory given");
    if (opts && (unsigned)opts->cache > DOSSIER_CACHE_DIR)
        return set_error(err, DOSSIER_ERR_ARG, "dossier_open: unknown cache mode %d",
                         (int)opts->cache);
    struct stat st;
    if (stat(dir, &st) != 0)
        return set_error(err, DOSSIER_ERR_IO, "%s: cannot open corpus directory: %s", dir,
                         strerror(errno));
    if (!S_ISDIR(st.st_mode)) return set_error(err, DOSSIER_ERR_IO, "%s: not a directory", dir);
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--; /* "corpus/" and "corpus" name files alike */
    dossier_corpus *c = corpus_new(dir, n);
    if (!c) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    dossier_status s;
    if (opts && opts->gazetteer_only) {
        int absent;
        s = gazetteer_build(&c->img, c->actors_path, NULL, &absent, err);
        if (!s && absent && gazetteer_absent(c, c->actors_path))
            s = set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
        if (!s) {
            image_seal(&c->img);
            s = corpus_view(c, err);
        }
    } else {
        s = open_corpus(c, opts, err);
    }
    if (!s) {
        const char *wn = opts && opts->wordnet ? opts->wordnet : c->config.wordnet;
        /* the related terms are kept beside a cache the image is read from */
        char rpath[sizeof c->info.path + 16] = "";
        if (c->info.path[0] && c->img.checksum)
            snprintf(rpath, sizeof rpath, "%s.related", c->info.path);
        if (!(c->related = related_new(wn, rpath, c->img.checksum)))
            s = set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
        else if (opts && opts->related_warm && rpath[0])
            warm_related(c, opts);
        if (!s && opts && opts->prepare && !opts->gazetteer_only) prepare_articles(c, opts);
    }
    if (s) {
        dossier_close(c);
        return s;
    }
    *out = c;
    return DOSSIER_OK;
}

dossier_status corpus_from_image(const char *dir, image *im, dossier_corpus **out,
                                 dossier_error *err) {
    *out = NULL;
    dossier_corpus *c = corpus_new(dir, strlen(dir));
    if (!c) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    c->img = *im;
    memset(im, 0, sizeof *im);
    dossier_status s = corpus_view(c, err);
    if (s) {
        c->img.map = NULL; /* the caller's bytes */
        dossier_close(c);
        return s;
    }
    *out = c;
    return DOSSIER_OK;
}

dossier_status corpus_twin(const dossier_corpus *c, dossier_corpus **out, dossier_error *err) {
    *out = NULL;
    dossier_corpus *t = corpus_new(c->dir, strlen(c->dir));
    if (!t) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    /* c's sections, borrowed: the twin frees none of their bytes */
    t->img = c->img;
    memset(t->img.owned, 0, sizeof t->img.owned);
    t->img.map = t->img.base_map = NULL;
    t->img.map_len = t->img.base_map_len = 0;
    t->info = c->info;
    t->retriever = c->retriever;
    t->config = c->config; /* its strings are c's */
    dossier_status s = corpus_view(t, err);
    if (!s && !(t->related = related_twin(c->related)))
        s = set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    if (s) {
        dossier_close(t);
        return s;
    }
    *out = t;
    return DOSSIER_OK;
}

dossier_status dossier_open(const char *dir, dossier_corpus **out, dossier_error *err) {
    return dossier_open_ex(dir, NULL, out, err);
}

void dossier_close(dossier_corpus *c) {
    if (!c) return;
    for (size_t i = 0; i < c->n_twins; i++)
        dossier_close(c->twins[i]);
    free(c->notices);
    pattern_set_free(c->patterns);
    free_index(c->index);
    related_free(c->related);
    image_free(&c->img);
    arena_free(&c->mem);
    free(c);
}

const dossier_cache_info *dossier_cache_info_of(const dossier_corpus *c) {
    static const dossier_cache_info none; /* constant: no state */
    return c ? &c->info : &none;
}

const char *dossier_cache_state_name(dossier_cache_state s) {
    static const char *const names[] = {"none",    "hit",     "built",
                                        "rebuilt", "updated", "unavailable"};
    return (unsigned)s < sizeof names / sizeof *names ? names[s] : "unknown";
}

size_t dossier_article_count(const dossier_corpus *c) {
    return c ? c->n_articles : 0;
}

const dossier_article *dossier_article_at(const dossier_corpus *c, size_t i) {
    return c && i < c->n_articles ? &c->articles[i] : NULL;
}

long dossier_article_find(const dossier_corpus *c, const char *id_or_key) {
    if (!c || !id_or_key) return -1;
    for (size_t i = 0; i < c->n_articles; i++)
        if (strcmp(c->articles[i].id, id_or_key) == 0 || strcmp(c->articles[i].key, id_or_key) == 0)
            return (long)i;
    return -1;
}

size_t dossier_passage_count(const dossier_corpus *c) {
    return c ? c->n_passages : 0;
}

const dossier_passage *dossier_passage_at(const dossier_corpus *c, size_t i) {
    return c && i < c->n_passages ? &c->passages[i] : NULL;
}

size_t dossier_actor_count(const dossier_corpus *c) {
    return c ? c->n_actors : 0;
}

const dossier_actor *dossier_actor_at(const dossier_corpus *c, size_t i) {
    return c && i < c->n_actors ? &c->actors[i] : NULL;
}

long dossier_actor_find(const dossier_corpus *c, const char *id) {
    if (!c || !id) return -1;
    for (size_t i = 0; i < c->n_actors; i++)
        if (strcmp(c->actors[i].id, id) == 0) return (long)i;
    return -1;
}

dossier_status dossier_save_related(dossier_corpus *c, size_t *saved, dossier_error *err) {
    dossier_error local;
    if (!err) err = &local;
    size_t n = 0;
    if (saved) *saved = 0;
    if (!c) return set_error(err, DOSSIER_ERR_ARG, "dossier_save_related: no corpus");
    char why[sizeof err->message];
    dossier_status s = related_save(c, &n, why, sizeof why);
    if (s) return set_error(err, s == DOSSIER_ERR_NOMEM ? s : DOSSIER_ERR_IO, "%s", why);
    if (saved) *saved = n;
    err->status = DOSSIER_OK;
    err->message[0] = '\0';
    return DOSSIER_OK;
}

void dossier_related_info_of(const dossier_corpus *c, dossier_related_info *out) {
    if (!out) return;
    if (c) {
        related_info(c, out);
        /* the words its batches' handles worked out count as the corpus's */
        for (size_t i = 0; i < c->n_twins; i++) {
            dossier_related_info t;
            related_info(c->twins[i], &t);
            out->loaded += t.loaded;
            out->computed += t.computed;
            out->unsaved += t.unsaved;
            out->warmed += t.warmed;
        }
    } else {
        memset(out, 0, sizeof *out);
        out->path = out->notice = "";
    }
}

int dossier_wordnet(const dossier_corpus *c, int open, const char **dir, const char **why) {
    if (!c) {
        if (dir) *dir = "";
        if (why) *why = "no corpus";
        return 0;
    }
    if (open) related_wordnet_open(c);
    return related_wordnet(c, dir, why);
}
