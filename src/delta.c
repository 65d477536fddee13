/* delta.c — a base cache and its delta, merged into one corpus image.
 *
 * An update no longer rewrites the whole cache: the base file stays as it
 * is and a small delta beside it (doc/cache-format.md) holds the articles
 * changed or added since, built against the base's gazetteer and
 * vocabularies (so their term and word ids are the base's, new ones
 * numbered after), the complete file list of the corpus now, and the order
 * of its articles (each from the base or from the delta; a base article not
 * named is removed). Opening merges the two into the image a full build
 * would make, numbered as a fresh build numbers it: articles and passages
 * in order, mentions renumbered, each term's postings the base's (removed
 * articles skipped) and the delta's in passage order, document frequencies,
 * BM25's document count and average length and every norm made again from
 * the passages' lengths. Every reader then runs on that image unchanged, so
 * rankings and verdicts equal a fresh build's. The articles' texts are not
 * copied: the image's SEC_TEXT is the base's (in its mapping, which the
 * merged corpus keeps: image.base_map) and the delta's texts follow in
 * SEC_TEXT_MORE. */
#include "build.h"
#include "cache.h"
#include "index.h"

#include <stdlib.h>
#include <string.h>

#define GONE UINT32_MAX /* a passage not in the merged corpus */

typedef struct {
    const dossier_corpus *b, *d; /* base, delta (both viewed: their sections checked) */
    const int64_t *order;
    size_t n; /* articles of the merged corpus */
    image *out;
    uint64_t dshift; /* the delta's strings follow the base's: its offsets move by this */
    uint32_t *bmap;  /* base passage -> merged passage, GONE when removed */
    uint32_t *dmap;  /* delta passage -> merged passage */
} merge;

static dossier_status bad(dossier_error *err, const char *what) {
    return set_error(err, DOSSIER_ERR_INVALID, "the cache's delta is corrupt: %s", what);
}

static uint32_t dstr(const merge *m, uint32_t off) {
    return off ? (uint32_t)(off + m->dshift) : 0; /* offset 0 is "" in either pool */
}

static const section *sec(const dossier_corpus *c, int id) {
    return &c->img.s[id];
}

dossier_status delta_check(const image *base, const image *delta, dossier_error *err) {
    if (delta->s[SEC_DELTA].count != 1) return bad(err, "no base named");
    delta_rec r;
    memcpy(&r, delta->s[SEC_DELTA].data, sizeof r);
    if (r.base_checksum != base->checksum || (base->map_len && r.base_size != base->map_len) ||
        r.base_articles != base->s[SEC_ARTICLES].count ||
        r.base_passages != base->s[SEC_PASSAGES].count)
        return set_error(err, DOSSIER_ERR_INVALID, "the cache's delta is for another base");
    const section *pool = &delta->s[SEC_STRINGS];
    if (delta->s[SEC_META].count != 1 || !pool->size || pool->data[0] ||
        pool->data[pool->size - 1] || pool->size + base->s[SEC_STRINGS].size > UINT32_MAX)
        return bad(err, "strings");
    return DOSSIER_OK;
}

/* The delta's vocabulary (terms or words: entries of `stride` bytes
 * starting with a key_ref, over pool) extends the base's: the same pool
 * and keys first, new ones after. */
static int extends(const dossier_corpus *b, const dossier_corpus *d, int entries, int pool,
                   size_t stride) {
    const section *be = sec(b, entries), *de = sec(d, entries);
    const section *bp = sec(b, pool), *dp = sec(d, pool);
    if (de->count < be->count || dp->size < bp->size ||
        (bp->size && memcmp(bp->data, dp->data, bp->size) != 0))
        return 0;
    for (size_t i = 0; i < be->count; i++)
        if (memcmp(be->data + i * stride, de->data + i * stride, sizeof(key_ref)) != 0) return 0;
    return 1;
}

/* The order names every delta article once and the base's it keeps, each
 * source in its own order; the passage maps follow. */
static dossier_status plan(merge *m, dossier_error *err) {
    const dossier_corpus *b = m->b, *d = m->d;
    size_t nd = 0, np = 0;
    int64_t last_b = -1, last_d = -1;
    for (size_t i = 0; i < m->n; i++) {
        int64_t v = m->order[i];
        if (v >= 0) {
            if ((uint64_t)v >= b->n_articles || v <= last_b) return bad(err, "order");
            last_b = v;
            np += b->articles[v].n_passages;
        } else {
            int64_t k = -1 - v;
            if ((uint64_t)k >= d->n_articles || k != last_d + 1) return bad(err, "order");
            last_d = k;
            nd++;
            np += d->articles[k].n_passages;
        }
    }
    if (nd != d->n_articles || np >= GONE) return bad(err, "order");
    m->bmap = malloc((b->n_passages ? b->n_passages : 1) * sizeof *m->bmap);
    m->dmap = malloc((d->n_passages ? d->n_passages : 1) * sizeof *m->dmap);
    if (!m->bmap || !m->dmap) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    for (size_t p = 0; p < b->n_passages; p++)
        m->bmap[p] = GONE;
    uint32_t at = 0;
    for (size_t i = 0; i < m->n; i++) {
        int64_t v = m->order[i];
        const dossier_article *a = v >= 0 ? &b->articles[v] : &d->articles[-1 - v];
        uint32_t *map = v >= 0 ? m->bmap : m->dmap;
        for (size_t k = 0; k < a->n_passages; k++)
            map[a->first_passage + k] = at++;
    }
    return DOSSIER_OK;
}

/* n more bytes at the end of b, NULL when out of memory. */
static void *append(strbuf *b, size_t n) {
    if (!sb_reserve(b, n)) return NULL;
    void *at = b->data + b->len;
    b->len += n;
    return at;
}

/* Room for what the merged corpus holds, so that the copies do not grow
 * their buffers again and again. */
static void reserve(merge *m) {
    const dossier_corpus *b = m->b, *d = m->d;
    image *out = m->out;
    size_t np = b->n_passages + d->n_passages;
    static const int per_passage[] = {SEC_PASSAGES, SEC_FWD_OFFSETS, SEC_INDEXED, SEC_LENGTHS,
                                      SEC_NORMS};
    for (size_t k = 0; k < sizeof per_passage / sizeof *per_passage; k++)
        sb_reserve(&out->owned[per_passage[k]], (np + 1) * cache_sections[per_passage[k]].record);
    static const int streams[] = {SEC_FORWARD,  SEC_WORD_STREAM, SEC_MENTIONS,
                                  SEC_POSTINGS, SEC_ARTICLES,    SEC_WORD_OFFSETS};
    for (size_t k = 0; k < sizeof streams / sizeof *streams; k++)
        sb_reserve(&out->owned[streams[k]],
                   b->img.s[streams[k]].size + d->img.s[streams[k]].size + 64);
    /* the base's texts are read in place: only the delta's are copied */
    sb_reserve(&out->owned[SEC_TEXT_MORE], d->img.s[SEC_TEXT].size + 64);
}

/* One article of the merged corpus: its record, strings, text, passages,
 * forward lists, lengths and words; *total and *docs count BM25's. */
static dossier_status put_article(merge *m, size_t i, uint64_t *total, uint64_t *docs,
                                  dossier_error *err) {
    image *out = m->out;
    int from_delta = m->order[i] < 0;
    const dossier_corpus *c = from_delta ? m->d : m->b;
    size_t ai = (size_t)(from_delta ? -1 - m->order[i] : m->order[i]);
    article_rec r = c->article_recs[ai];
    const dossier_article *a = &c->articles[ai];
    if (from_delta) {
        for (int k = 0; k < AF_COUNT; k++)
            r.field[k] = dstr(m, r.field[k]);
        r.name_off = dstr(m, r.name_off);
    }
    /* authors and keywords: views checked their ranges */
    r.authors_first = (uint32_t)(out->owned[SEC_AUTHORS].len / sizeof(author_rec));
    const author_rec *au = SEC_AS(&c->img, SEC_AUTHORS, author_rec);
    for (size_t k = 0; k < r.n_authors; k++) {
        author_rec x = au[c->article_recs[ai].authors_first + k];
        if (from_delta) {
            x.family = dstr(m, x.family), x.given = dstr(m, x.given);
            x.particle = dstr(m, x.particle), x.suffix = dstr(m, x.suffix);
            x.literal = dstr(m, x.literal);
        }
        image_put(out, SEC_AUTHORS, &x, sizeof x);
    }
    r.keywords_first = (uint32_t)(out->owned[SEC_KEYWORDS].len / sizeof(uint32_t));
    const uint32_t *kw = SEC_AS(&c->img, SEC_KEYWORDS, uint32_t);
    for (size_t k = 0; k < r.n_keywords; k++) {
        uint32_t off = kw[c->article_recs[ai].keywords_first + k];
        if (from_delta) off = dstr(m, off);
        image_put(out, SEC_KEYWORDS, &off, sizeof off);
    }
    /* the base's texts stay where they are (SEC_TEXT is the base's, in its
     * mapping); the delta's follow in SEC_TEXT_MORE */
    if (from_delta) {
        r.text_off = m->b->img.s[SEC_TEXT].size + out->owned[SEC_TEXT_MORE].len;
        image_put(out, SEC_TEXT_MORE, a->text, a->text_len + 1); /* with its NUL */
    }
    /* its passages and their index entries, a run each: copied in one go */
    size_t first = a->first_passage, n = a->n_passages;
    r.first_passage = out->owned[SEC_PASSAGES].len / sizeof(dossier_passage);
    const index_data *ix = c->index;
    const uint64_t *fo = ix->fwd_off;
    uint64_t from = fo[first], to = fo[first + n];
    if (from > to || to > ix->forward_len) return bad(err, "forward lists");
    dossier_passage *ps = append(&out->owned[SEC_PASSAGES], n * sizeof *ps);
    uint64_t *offs = append(&out->owned[SEC_FWD_OFFSETS], n * sizeof *offs);
    uint64_t base = out->owned[SEC_FORWARD].len;
    if (!ps || !offs) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    if (n) memcpy(ps, &c->passages[first], n * sizeof *ps); /* padding too */
    const uint32_t *len = SEC_AS(&c->img, SEC_LENGTHS, uint32_t);
    for (size_t k = 0; k < n; k++) {
        ps[k].article = i;
        if (fo[first + k] < from || fo[first + k] > fo[first + k + 1])
            return bad(err, "forward lists");
        offs[k] = fo[first + k] - from + base;
        if (ix->indexed[first + k]) *total += len[first + k], (*docs)++;
    }
    if (to > from) image_put(out, SEC_FORWARD, ix->forward + from, to - from);
    if (n) { /* no passages at all: the sections may be NULL */
        image_put(out, SEC_INDEXED, &ix->indexed[first], n);
        image_put(out, SEC_LENGTHS, &len[first], n * sizeof *len);
    }
    const word_index *w = &c->words;
    from = w->offsets[ai], to = w->offsets[ai + 1];
    if (from > to || to > w->stream_len) return bad(err, "word streams");
    uint64_t off = out->owned[SEC_WORD_STREAM].len;
    image_put(out, SEC_WORD_OFFSETS, &off, sizeof off);
    if (to > from) image_put(out, SEC_WORD_STREAM, w->stream + from, to - from);
    image_put(out, SEC_ARTICLES, &r, sizeof r);
    return image_failed(out) ? set_error(err, DOSSIER_ERR_NOMEM, "out of memory") : DOSSIER_OK;
}

/* Each actor's mentions, the base's kept and the delta's, in merged passage order. */
static void put_mentions(merge *m) {
    image *out = m->out;
    const dossier_corpus *b = m->b, *d = m->d;
    for (size_t a = 0; a < b->n_actors; a++) {
        size_t nb, nd = 0, i = 0, j = 0;
        const dossier_mention *mb = dossier_actor_mentions(b, a, &nb);
        const dossier_mention *md = d->mention_lists ? dossier_actor_mentions(d, a, &nd) : NULL;
        mention_range r = {out->owned[SEC_MENTIONS].len / sizeof(dossier_mention), 0};
        for (;;) {
            while (i < nb && (mb[i].passage >= b->n_passages || m->bmap[mb[i].passage] == GONE))
                i++;
            while (j < nd && md[j].passage >= d->n_passages)
                j++;
            if (i >= nb && j >= nd) break;
            uint32_t pb = i < nb ? m->bmap[mb[i].passage] : GONE;
            uint32_t pd = j < nd ? m->dmap[md[j].passage] : GONE;
            dossier_mention *x = append(&out->owned[SEC_MENTIONS], sizeof *x);
            if (!x) return;
            if (pb <= pd) {
                memcpy(x, &mb[i++], sizeof *x); /* padding too */
                x->passage = pb;
            } else {
                memcpy(x, &md[j++], sizeof *x);
                x->passage = pd;
            }
            r.n++;
        }
        image_put(out, SEC_MENTION_LISTS, &r, sizeof r);
    }
}

/* One posting, delta-coded after *last. */
static void put_posting(strbuf *post, uint32_t p, uint32_t tf, uint64_t *last) {
    unsigned char *at = append(post, 10);
    if (!at) return;
    size_t n = 0;
    uint64_t vals[2] = {p - *last, tf};
    for (int k = 0; k < 2; k++)
        for (uint64_t v = vals[k];; v >>= 7) {
            at[n++] = (unsigned char)((v & 0x7f) | (v >= 0x80 ? 0x80 : 0));
            if (v < 0x80) break;
        }
    post->len -= 10 - n;
    *last = p;
}

/* Every term's postings: the base's (removed passages skipped) and the
 * delta's, merged in passage order; its df counted again. */
static void put_postings(merge *m, const dossier_corpus *vocab) {
    image *out = m->out;
    const dossier_corpus *b = m->b, *d = m->d;
    const term_rec *keys = vocab->index->terms;
    size_t nt = vocab->index->n_terms;
    strbuf *post = &out->owned[SEC_POSTINGS];
    for (size_t t = 0; t < nt; t++) {
        term_rec r;
        memset(&r, 0, sizeof r);
        r.key_off = keys[t].key_off;
        r.key_len = keys[t].key_len;
        r.post_off = post->len;
        posting_iter ib = postings_of(b->index, (long)t, b->n_passages);
        posting_iter id = d->n_articles ? postings_of(d->index, (long)t, d->n_passages)
                                        : (posting_iter){NULL, NULL, 0, 0, 0};
        size_t p;
        uint32_t f = 0, fb = 0, fd = 0;
        uint32_t pb = GONE, pd = GONE;
        uint64_t last = 0;
        while (pb == GONE && posting_next(&ib, &p, &fb))
            pb = m->bmap[p];
        if (posting_next(&id, &p, &fd)) pd = m->dmap[p];
        while (pb != GONE || pd != GONE) {
            if (pb < pd) {
                put_posting(post, pb, fb, &last);
                pb = GONE;
                while (pb == GONE && posting_next(&ib, &p, &fb))
                    pb = m->bmap[p];
            } else {
                put_posting(post, pd, fd, &last);
                pd = posting_next(&id, &p, &f) ? m->dmap[p] : GONE;
                fd = f;
            }
            r.df++;
        }
        r.post_len = post->len - r.post_off;
        image_put(out, SEC_TERMS, &r, sizeof r);
    }
}

/* The sections of c (ids [first, last]) copied as they are. */
static void copy_sections(image *out, const dossier_corpus *c, int first, int last) {
    for (int id = first; id <= last; id++)
        if (c->img.s[id].size) image_put(out, id, c->img.s[id].data, c->img.s[id].size);
}

/* Ids and keys stay unique across the merged articles (a full build names a clash). */
static dossier_status unique(merge *m, dossier_error *err) {
    article_names names;
    memset(&names, 0, sizeof names);
    dossier_status s = DOSSIER_OK;
    for (size_t i = 0; i < m->n && !s; i++) {
        int64_t v = m->order[i];
        const dossier_article *a = v >= 0 ? &m->b->articles[v] : &m->d->articles[-1 - v];
        s = article_unique(&names, i, a->path, a->id, a->key, NULL, err);
    }
    article_names_free(&names);
    return s;
}

dossier_status delta_merge(const dossier_corpus *base, const dossier_corpus *delta, image *out,
                           dossier_error *err) {
    merge m;
    memset(&m, 0, sizeof m);
    memset(out, 0, sizeof *out);
    m.b = base;
    m.d = delta;
    m.out = out;
    m.order = SEC_AS(&delta->img, SEC_ORDER, int64_t);
    m.n = delta->img.s[SEC_ORDER].count;
    const dossier_corpus *vocab = delta->n_articles ? delta : base;
    dossier_status s = DOSSIER_OK;
    if (!base->n_articles || !m.n || base->n_actors != delta->n_actors ||
        (delta->n_articles &&
         (!extends(base, delta, SEC_TERMS, SEC_TERM_STRINGS, sizeof(term_rec)) ||
          !extends(base, delta, SEC_WORDS, SEC_WORD_STRINGS, sizeof(key_ref)))))
        s = bad(err, "vocabularies");
    if (!s) s = plan(&m, err);
    if (!s) s = unique(&m, err);
    if (s) goto done;
    /* what the base holds alone: the gazetteer and the settings */
    copy_sections(out, base, SEC_GAZ_STRINGS, SEC_FIRST_SLOTS);
    copy_sections(out, base, SEC_CONFIG, SEC_CONFIG_NAMES);
    copy_sections(out, base, SEC_STRINGS, SEC_STRINGS);
    m.dshift = sec(base, SEC_STRINGS)->size;
    copy_sections(out, delta, SEC_STRINGS, SEC_STRINGS); /* the file list's names, at least */
    copy_sections(out, vocab, SEC_TERM_STRINGS, SEC_TERM_STRINGS);
    copy_sections(out, vocab, SEC_TERM_SLOTS, SEC_TERM_SLOTS);
    copy_sections(out, vocab, SEC_WORD_STRINGS, SEC_WORD_SLOTS);
    reserve(&m);
    uint64_t total = 0, docs = 0;
    for (size_t i = 0; i < m.n && !s; i++)
        s = put_article(&m, i, &total, &docs, err);
    if (s) goto done;
    uint64_t end = out->owned[SEC_FORWARD].len;
    image_put(out, SEC_FWD_OFFSETS, &end, sizeof end);
    end = out->owned[SEC_WORD_STREAM].len;
    image_put(out, SEC_WORD_OFFSETS, &end, sizeof end);
    double avglen = bm25_avglen(total, docs);
    const uint32_t *len = (const uint32_t *)(const void *)out->owned[SEC_LENGTHS].data;
    size_t np = out->owned[SEC_LENGTHS].len / sizeof *len;
    double *norms = append(&out->owned[SEC_NORMS], np * sizeof *norms);
    for (size_t p = 0; norms && p < np; p++)
        norms[p] = bm25_norm(len[p], avglen);
    put_mentions(&m);
    put_postings(&m, vocab);
    /* the files as the delta lists them (the whole corpus now), names in its strings */
    const file_rec *files = SEC_AS(&delta->img, SEC_FILES, file_rec);
    for (size_t i = 0; i < delta->img.s[SEC_FILES].count; i++) {
        file_rec f = files[i];
        f.name_off = dstr(&m, f.name_off);
        image_put(out, SEC_FILES, &f, sizeof f);
    }
    cache_meta meta = *SEC_AS(&base->img, SEC_META, cache_meta);
    meta.n_docs = docs;
    meta.total_len = total;
    meta.built_ns = SEC_AS(&delta->img, SEC_META, cache_meta)->built_ns;
    image_put(out, SEC_META, &meta, sizeof meta);
    if (image_failed(out))
        s = set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    else
        image_seal(out);
    if (!s) out->s[SEC_TEXT] = base->img.s[SEC_TEXT]; /* in the base's mapping: not copied */
done:
    if (s) image_free(out);
    free(m.bmap);
    free(m.dmap);
    return s;
}
