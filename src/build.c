/* build.c — a corpus image made from its files, or updated from a cache.
 *
 * Articles are made one at a time: read, segmented, tokenized, scanned for
 * mentions, their passages' terms and their words made, then their words
 * dropped, so a build never holds every article's words at once. What needs
 * all articles comes last: mentions filed by actor, postings, the term and
 * word tables. An update takes each unchanged article's parts from the
 * cache it updates (text, passages, mentions, forward lists, words) and
 * reads only the files that changed. */
#include "build.h"
#include "cache.h"
#include "index.h"
#include "pattern.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Everything a build holds while it runs. */
typedef struct {
    dossier_corpus *c;
    const dossier_corpus *old;
    const build_job *job;
    image *im;
    index_build *ib;
    words_build wb;
    mention_list *by_actor; /* per actor, in corpus order */
    mention_list am;        /* one article's mentions */
    article_names seen;
    size_t n_articles, n_passages;
    /* old mentions by old article: mentions of article a are
     * old_mentions[old_first[a] .. old_first[a + 1]) (actor, index) pairs */
    size_t *old_first;
    struct {
        uint32_t actor;
        size_t mention;
    } * old_mentions;
} builder;

static dossier_status nomem(dossier_error *err) {
    return set_error(err, DOSSIER_ERR_NOMEM, "out of memory while building the corpus");
}

/* The old cache's parts are data from a file: a fault in them sends the
 * caller back to a full build (job->retry). */
static dossier_status old_fault(builder *b, dossier_error *err) {
    *b->job->retry = 1;
    return set_error(err, DOSSIER_ERR_INVALID, "the cache being updated is inconsistent");
}

uint32_t strings_put(image *im, const char *s) {
    if (im->owned[SEC_STRINGS].len == 0) image_put(im, SEC_STRINGS, "", 1);
    uint32_t off = (uint32_t)im->owned[SEC_STRINGS].len;
    image_put(im, SEC_STRINGS, s, strlen(s) + 1);
    return off;
}

/* The file record of the article just emitted: its name is the article's. */
static void put_file(image *im, const file_rec *rec) {
    const strbuf *arts = &im->owned[SEC_ARTICLES];
    if (arts->len < sizeof(article_rec)) return; /* out of memory: the build fails */
    article_rec a;
    memcpy(&a, arts->data + arts->len - sizeof a, sizeof a);
    file_rec r = *rec;
    r.name_off = a.name_off;
    r.kind = FILE_ARTICLE;
    image_put(im, SEC_FILES, &r, sizeof r);
}

/* A file passed over (no front matter, not listed): its notice, and its
 * record so that an open knows it unchanged. */
static dossier_status skipped_file(builder *b, const char *name, const file_rec *rec,
                                   dossier_error *err) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", b->c->dir, name);
    file_rec r = *rec;
    r.kind = FILE_SKIPPED;
    r.name_off = strings_put(b->im, name);
    image_put(b->im, SEC_FILES, &r, sizeof r);
    return article_skipped(b->c, path) ? nomem(err) : DOSSIER_OK;
}

/* File r->f, read (by readahead.c): an article (the next one), or a file
 * passed over. */
static dossier_status fresh_article(builder *b, ready_article *r, dossier_error *err) {
    dossier_corpus *c = b->c;
    const char *name = b->job->names[r->f];
    size_t i = b->n_articles;
    if (r->status) {
        *err = r->err;
        return r->status;
    }
    c->info.articles_read++;
    if (r->la.skipped) return skipped_file(b, name, &r->rec, err);
    c->info.articles_indexed++;
    dossier_article *a = &r->la.a;
    dossier_status s = article_unique(&b->seen, i, a->path, a->id, a->key, r->la.at, err);
    if (s) return s;
    a->first_passage = b->n_passages;
    a->n_passages = r->la.n_ranges;
    if (!words_add_article(&b->wb, &r->t) ||
        !mentions_file(b->by_actor, &r->am, (long)b->n_passages))
        return nomem(err);
    /* the mentions' passages are the article's own, numbered from 0 */
    s = index_add_article(b->ib, c, a, &r->t, b->wb.ids, r->la.ranges, r->la.n_ranges, &r->am, 0);
    if (s) return s == DOSSIER_ERR_NOMEM ? nomem(err) : s;
    article_emit(b->im, a, name, r->t.n);
    passages_emit(b->im, a, i, r->la.ranges, r->la.n_ranges);
    put_file(b->im, &r->rec);
    b->n_passages += r->la.n_ranges;
    b->n_articles++;
    return image_failed(b->im) ? nomem(err) : DOSSIER_OK;
}

/* Buckets the old cache's mentions by article, keeping each actor's order. */
static dossier_status index_old_mentions(builder *b, dossier_error *err) {
    const dossier_corpus *o = b->old;
    b->old_first = calloc(o->n_articles + 1, sizeof *b->old_first);
    b->old_mentions = malloc((o->n_mentions ? o->n_mentions : 1) * sizeof *b->old_mentions);
    if (!b->old_first || !b->old_mentions) return nomem(err);
    for (int pass = 0; pass < 2; pass++) {
        for (size_t a = 0; a < o->n_actors; a++) {
            size_t n;
            const dossier_mention *m = dossier_actor_mentions(o, a, &n);
            for (size_t k = 0; k < n; k++) {
                size_t art = passage_article(o, m[k].passage);
                if (art == SIZE_MAX) return old_fault(b, err);
                if (pass == 0) {
                    b->old_first[art + 1]++;
                } else {
                    size_t at = b->old_first[art]++;
                    b->old_mentions[at].actor = (uint32_t)a;
                    b->old_mentions[at].mention = (size_t)(m - o->mentions) + k;
                }
            }
        }
        if (pass == 0)
            for (size_t a = 0; a < o->n_articles; a++)
                b->old_first[a + 1] += b->old_first[a];
    }
    /* filling moved each start to the next article's: shift back */
    memmove(b->old_first + 1, b->old_first, o->n_articles * sizeof *b->old_first);
    b->old_first[0] = 0;
    return DOSSIER_OK;
}

/* names[f] taken from old article oi, as it is. */
static dossier_status reused_article(builder *b, size_t f, size_t oi, dossier_error *err) {
    const dossier_corpus *o = b->old;
    size_t i = b->n_articles;
    const dossier_article *oa = &o->articles[oi];
    dossier_article a = *oa;
    a.first_passage = b->n_passages;
    dossier_status s = article_unique(&b->seen, i, a.path, a.id, a.key, NULL, err);
    if (s) return old_fault(b, err); /* a full build names the clash with its line */
    /* passages: the same but for the article index */
    for (size_t k = 0; k < oa->n_passages; k++) {
        dossier_passage p;
        memcpy(&p, &o->passages[oa->first_passage + k], sizeof p); /* padding too */
        if (p.article != oi || p.start > p.end || p.end > oa->text_len || p.kind > DOSSIER_HEADING)
            return old_fault(b, err);
        p.article = i;
        image_put(b->im, SEC_PASSAGES, &p, sizeof p);
    }
    /* mentions: passages moved with the article */
    b->am.n = 0;
    long shift = (long)a.first_passage - (long)oa->first_passage;
    for (size_t k = b->old_first[oi]; k < b->old_first[oi + 1]; k++) {
        dossier_mention m;
        memcpy(&m, &o->mentions[b->old_mentions[k].mention], sizeof m); /* padding too */
        m.passage = (size_t)((long)m.passage + shift);
        if (!grow((void **)&b->am.items, &b->am.cap, b->am.n + 1, sizeof *b->am.items) ||
            !grow((void **)&b->am.actors, &b->am.acap, b->am.n + 1, sizeof *b->am.actors))
            return nomem(err);
        b->am.actors[b->am.n] = b->old_mentions[k].actor;
        memcpy(&b->am.items[b->am.n++], &m, sizeof m);
    }
    if (!mentions_file(b->by_actor, &b->am, 0)) return nomem(err);
    s = index_copy_article(b->ib, o, oi);
    if (s == DOSSIER_ERR_INVALID) return old_fault(b, err);
    if (s) return nomem(err);
    if (!words_copy_article(&b->wb, o, oi)) return old_fault(b, err);
    article_emit(b->im, &a, b->job->names[f], o->article_recs[oi].n_words);
    put_file(b->im, &b->job->stats[f]);
    b->n_passages += a.n_passages;
    b->n_articles++;
    return image_failed(b->im) ? nomem(err) : DOSSIER_OK;
}

/* The gazetteer: made from actors.yaml, or the old cache's sections as they are. */
static dossier_status gazetteer(builder *b, file_rec *actors, dossier_error *err) {
    dossier_corpus *c = b->c;
    if (b->old) {
        for (int id = SEC_GAZ_STRINGS; id <= SEC_FIRST_SLOTS; id++)
            c->img.s[id] = b->old->img.s[id];
        *actors = b->job->actors_stat;
        if ((actors->flags & FILE_ABSENT) && gazetteer_absent(c, c->actors_path)) return nomem(err);
    } else {
        file_stat(c->actors_path, wall_clock_ns(), actors);
        int absent;
        dossier_status s = gazetteer_build(&c->img, c->actors_path, &actors->hash, &absent, err);
        if (s) return s;
        if (absent && gazetteer_absent(c, c->actors_path)) return nomem(err);
    }
    image_seal(&c->img);
    return gazetteer_view(c, err);
}

static dossier_status finish(builder *b, const file_rec *actors, dossier_error *err) {
    image *im = b->im;
    dossier_corpus *c = b->c;
    mentions_emit(im, b->by_actor, c->n_actors);
    cache_meta meta;
    memset(&meta, 0, sizeof meta);
    /* the passages as written; the last appends to them are done */
    const dossier_passage *passages =
        (const dossier_passage *)(const void *)im->owned[SEC_PASSAGES].data;
    dossier_status s = index_finish(b->ib, passages, b->n_passages, &meta);
    if (s == DOSSIER_ERR_INVALID) return old_fault(b, err);
    if (s || !words_finish(&b->wb)) return nomem(err);
    file_rec r = *actors;
    r.kind = FILE_ACTORS;
    r.name_off = strings_put(im, "actors.yaml");
    image_put(im, SEC_FILES, &r, sizeof r);
    r = b->job->config_stat;
    r.kind = FILE_CONFIG;
    r.name_off = strings_put(im, "dossier.yaml");
    image_put(im, SEC_FILES, &r, sizeof r);
    config_emit(im, &c->config);
    meta.built_ns = (uint64_t)b->job->started_ns;
    meta.max_alias_words = c->max_alias_words;
    meta.dir_off = strings_put(im, b->job->abs_dir);
    image_put(im, SEC_META, &meta, sizeof meta);
    if (image_failed(im)) return nomem(err);
    image_seal(im);
    return DOSSIER_OK;
}

dossier_status build_corpus(dossier_corpus *c, const dossier_corpus *old, const build_job *job,
                            dossier_error *err) {
    builder b;
    memset(&b, 0, sizeof b);
    b.c = c;
    b.old = old;
    b.job = job;
    b.im = &c->img;
    file_rec actors;
    dossier_status s = gazetteer(&b, &actors, err);
    if (s) return s;
    if (!(b.by_actor = calloc(c->n_actors ? c->n_actors : 1, sizeof *b.by_actor)) ||
        !(b.ib = index_build_new(b.im, old, err)) || !words_start(&b.wb, b.im, old))
        s = b.ib || !b.by_actor ? nomem(err) : DOSSIER_ERR_NOMEM;
    if (!s && old && job->reuse) s = index_old_mentions(&b, err);
    readahead *ra = s ? NULL : readahead_start(c, job);
    if (!s && !ra) s = nomem(err);
    for (size_t i = 0; !s && i < job->n_names; i++) {
        const dossier_open_opts *o = job->opts;
        if (o && o->progress && o->progress(o->progress_ctx, i, job->n_names)) {
            s = set_error(err, DOSSIER_ERR_CANCELLED, "%s: opening cancelled", c->dir);
            break;
        }
        int oom;
        ready_article *r = readahead_next(ra, &oom);
        if (!r) {
            s = nomem(err);
            break;
        }
        long oi = job->reuse ? job->reuse[i] : -1;
        if (oi == REUSE_SKIPPED)
            s = skipped_file(&b, job->names[i], &job->stats[i], err);
        else
            s = oi >= 0 ? reused_article(&b, i, (size_t)oi, err) : fresh_article(&b, r, err);
        ready_article_free(r);
    }
    readahead_stop(ra);
    if (!s && job->opts && job->opts->progress &&
        job->opts->progress(job->opts->progress_ctx, job->n_names, job->n_names))
        s = set_error(err, DOSSIER_ERR_CANCELLED, "%s: opening cancelled", c->dir);
    if (!s && b.n_articles == 0 && !job->partial)
        s = set_error(err, DOSSIER_ERR_INVALID,
                      "%s: no articles: no *.md or *.txt file starts with front matter (see the "
                      "notices, or list the files under 'articles:' in dossier.yaml)",
                      c->dir);
    if (!s) s = finish(&b, &actors, err);
    if (c->n_actors)
        for (size_t a = 0; a < c->n_actors && b.by_actor; a++)
            mention_list_free(&b.by_actor[a]);
    free(b.by_actor);
    mention_list_free(&b.am);
    article_names_free(&b.seen);
    index_build_free(b.ib);
    words_free(&b.wb);
    free(b.old_first);
    free(b.old_mentions);
    return s;
}

/* ------------------------------------------------------------ the views */

dossier_status corpus_view(dossier_corpus *c, dossier_error *err) {
    /* made again when the image changes (a build's heap to the file written) */
    pattern_set_free(c->patterns);
    c->patterns = NULL;
    free_index(c->index);
    c->index = NULL;
    dossier_status s = articles_view(c, err);
    if (!s) s = gazetteer_view(c, err);
    if (!s) s = mentions_view(c, err);
    if (!s) s = index_view(c, err);
    if (!s) s = words_view(c, err);
    return s;
}
