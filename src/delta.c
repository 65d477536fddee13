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
 * SEC_TEXT_MORE. The rest is copied by runs: base articles that stay
 * consecutive move all their passages alike (passage_run), so their
 * sections are copied in one go and their postings keep their bytes; only
 * the joins are made again. */
#define _GNU_SOURCE /* madvise(MADV_POPULATE_WRITE) */
#include "build.h"
#include "cache.h"
#include "index.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define GONE UINT32_MAX /* a passage not in the merged corpus */

/* Base passages [from, to), passages from + shift on in the merged corpus. */
typedef struct {
    uint64_t from, to;
    int64_t shift;
} passage_run;

typedef struct {
    const dossier_corpus *b, *d; /* base, delta (both viewed: their sections checked) */
    const dossier_corpus
        *vocab; /* whose terms the merged corpus has: the delta's, else the base's */
    const int64_t *order;
    size_t n; /* articles of the merged corpus */
    image *out;
    uint64_t dshift;   /* the delta's strings follow the base's: its offsets move by this */
    uint32_t *dmap;    /* delta passage -> merged passage */
    passage_run *runs; /* the base passages kept, by stretches that move alike */
    size_t n_runs;
    uint64_t tail; /* base passages from here on all move alike (GONE: none) */
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
            if ((uint64_t)v >= b->n_articles || v <= last_b)
                return bad(err, "its order names base articles out of range or out of order");
            last_b = v;
            np += b->articles[v].n_passages;
        } else {
            int64_t k = -1 - v;
            if ((uint64_t)k >= d->n_articles || k != last_d + 1)
                return bad(err, "its order names its own articles out of range or out of order");
            last_d = k;
            nd++;
            np += d->articles[k].n_passages;
        }
    }
    if (nd != d->n_articles) return bad(err, "its order leaves some of its articles out");
    if (np >= GONE) return bad(err, "too many passages");
    m->dmap = malloc((d->n_passages ? d->n_passages : 1) * sizeof *m->dmap);
    m->runs = malloc((m->n - nd + 1) * sizeof *m->runs);
    if (!m->dmap || !m->runs) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    uint32_t at = 0;
    for (size_t i = 0; i < m->n; i++) {
        int64_t v = m->order[i];
        const dossier_article *a = v >= 0 ? &b->articles[v] : &d->articles[-1 - v];
        int64_t shift = (int64_t)at - (int64_t)a->first_passage;
        passage_run *r = m->n_runs ? &m->runs[m->n_runs - 1] : NULL;
        if (v >= 0 && r && r->to == a->first_passage && r->shift == shift)
            r->to += a->n_passages;
        else if (v >= 0)
            m->runs[m->n_runs++] =
                (passage_run){a->first_passage, a->first_passage + a->n_passages, shift};
        if (v < 0)
            for (size_t k = 0; k < a->n_passages; k++)
                m->dmap[a->first_passage + k] = at + (uint32_t)k;
        at += (uint32_t)a->n_passages;
    }
    /* the tail: the last run, when it ends the merged corpus and the base */
    m->tail = GONE;
    if (m->order[m->n - 1] == (int64_t)b->n_articles - 1) m->tail = m->runs[m->n_runs - 1].from;
    return DOSSIER_OK;
}

/* n more bytes at the end of b, NULL when out of memory. */
static void *append(strbuf *b, size_t n) {
    if (!sb_reserve(b, n)) return NULL;
    void *at = b->data + b->len;
    b->len += n;
    return at;
}

/* Room for n bytes more in b, its pages faulted in at once: a merge fills
 * about 120 MB of new memory, and taking it a page fault at a time (in a
 * virtual machine, each an exit) costs about as much as the copy. Not in
 * huge pages: in the bench's virtual machine (which has a balloon device,
 * whose host may take freed huge blocks back) they made an update right
 * after a build up to three times slower. */
static void reserve_faulted(strbuf *b, size_t n) {
    if (!sb_reserve(b, n)) return;
#ifdef MADV_POPULATE_WRITE /* Linux 5.14; elsewhere the pages fault in as written */
    const uintptr_t page = 4096;
    uintptr_t from = ((uintptr_t)b->data + b->len + page - 1) & ~(page - 1);
    uintptr_t to = ((uintptr_t)b->data + b->len + n) & ~(page - 1);
    if (to > from) madvise((void *)from, to - from, MADV_POPULATE_WRITE); /* a hint: may fail */
#endif
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
        reserve_faulted(&out->owned[per_passage[k]],
                        (np + 1) * cache_sections[per_passage[k]].record);
    static const int streams[] = {SEC_FORWARD,  SEC_WORD_STREAM, SEC_MENTIONS,
                                  SEC_POSTINGS, SEC_ARTICLES,    SEC_WORD_OFFSETS};
    for (size_t k = 0; k < sizeof streams / sizeof *streams; k++)
        reserve_faulted(&out->owned[streams[k]],
                        b->img.s[streams[k]].size + d->img.s[streams[k]].size + 64);
    /* the base's texts are read in place: only the delta's are copied */
    sb_reserve(&out->owned[SEC_TEXT_MORE], d->img.s[SEC_TEXT].size + 64);
}

/* Articles order[i, i + n) of the merged corpus, consecutive articles of
 * one source (a run): their records, strings and texts one by one; their
 * passages, forward lists, lengths and word streams, which lie one after
 * another in the source, copied in one go each (only offsets and article
 * numbers made again). *total and *docs count BM25's. */
static dossier_status put_run(merge *m, size_t i, size_t n, uint64_t *total, uint64_t *docs,
                              dossier_error *err) {
    image *out = m->out;
    int from_delta = m->order[i] < 0;
    const dossier_corpus *c = from_delta ? m->d : m->b;
    size_t a0 = (size_t)(from_delta ? -1 - m->order[i] : m->order[i]);
    /* the view made the articles' passages follow one another */
    size_t first = c->articles[a0].first_passage;
    size_t np = c->articles[a0 + n - 1].first_passage + c->articles[a0 + n - 1].n_passages - first;
    uint64_t at = out->owned[SEC_PASSAGES].len / sizeof(dossier_passage);
    const word_index *w = &c->words;
    uint64_t wfrom = w->offsets[a0], wbase = out->owned[SEC_WORD_STREAM].len;
    for (size_t k = 0; k < n; k++) {
        size_t ai = a0 + k;
        article_rec r = c->article_recs[ai];
        const dossier_article *a = &c->articles[ai];
        if (from_delta) {
            for (int f = 0; f < AF_COUNT; f++)
                r.field[f] = dstr(m, r.field[f]);
            r.name_off = dstr(m, r.name_off);
        }
        /* authors and keywords: views checked their ranges */
        r.authors_first = (uint32_t)(out->owned[SEC_AUTHORS].len / sizeof(author_rec));
        const author_rec *au = SEC_AS(&c->img, SEC_AUTHORS, author_rec);
        for (size_t j = 0; j < r.n_authors; j++) {
            author_rec x = au[c->article_recs[ai].authors_first + j];
            if (from_delta) {
                x.family = dstr(m, x.family), x.given = dstr(m, x.given);
                x.particle = dstr(m, x.particle), x.suffix = dstr(m, x.suffix);
                x.literal = dstr(m, x.literal);
            }
            image_put(out, SEC_AUTHORS, &x, sizeof x);
        }
        r.keywords_first = (uint32_t)(out->owned[SEC_KEYWORDS].len / sizeof(uint32_t));
        const uint32_t *kw = SEC_AS(&c->img, SEC_KEYWORDS, uint32_t);
        for (size_t j = 0; j < r.n_keywords; j++) {
            uint32_t off = kw[c->article_recs[ai].keywords_first + j];
            if (from_delta) off = dstr(m, off);
            image_put(out, SEC_KEYWORDS, &off, sizeof off);
        }
        /* the base's texts stay where they are (SEC_TEXT is the base's, in
         * its mapping); the delta's follow in SEC_TEXT_MORE */
        if (from_delta) {
            r.text_off = m->b->img.s[SEC_TEXT].size + out->owned[SEC_TEXT_MORE].len;
            image_put(out, SEC_TEXT_MORE, a->text, a->text_len + 1); /* with its NUL */
        }
        r.first_passage = at + (a->first_passage - first);
        if (w->offsets[ai] > w->offsets[ai + 1] || w->offsets[ai + 1] > w->stream_len)
            return bad(err, "word streams");
        uint64_t off = w->offsets[ai] - wfrom + wbase;
        image_put(out, SEC_WORD_OFFSETS, &off, sizeof off);
        image_put(out, SEC_ARTICLES, &r, sizeof r);
    }
    uint64_t wto = w->offsets[a0 + n];
    if (wto > wfrom) image_put(out, SEC_WORD_STREAM, w->stream + wfrom, wto - wfrom);
    /* the passages and their index entries */
    const index_data *ix = c->index;
    const uint64_t *fo = ix->fwd_off;
    uint64_t from = fo[first], to = fo[first + np];
    if (from > to || to > ix->forward_len) return bad(err, "forward lists");
    dossier_passage *ps = append(&out->owned[SEC_PASSAGES], np * sizeof *ps);
    uint64_t *offs = append(&out->owned[SEC_FWD_OFFSETS], np * sizeof *offs);
    uint64_t base = out->owned[SEC_FORWARD].len;
    if (!ps || !offs) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    if (np) memcpy(ps, &c->passages[first], np * sizeof *ps); /* padding too */
    for (size_t k = 0, p = 0; k < n; k++)
        for (size_t e = p + c->articles[a0 + k].n_passages; p < e; p++)
            ps[p].article = i + k;
    const uint32_t *len = SEC_AS(&c->img, SEC_LENGTHS, uint32_t);
    const unsigned char *indexed = ix->indexed;
    uint64_t sum = 0, count = 0;
    for (size_t k = 0; k < np; k++) {
        if (fo[first + k] < from || fo[first + k] > fo[first + k + 1])
            return bad(err, "forward lists");
        offs[k] = fo[first + k] - from + base;
        if (indexed[first + k]) sum += len[first + k], count++;
    }
    *total += sum;
    *docs += count;
    if (to > from) image_put(out, SEC_FORWARD, ix->forward + from, to - from);
    if (np) { /* no passages at all: the sections may be NULL */
        image_put(out, SEC_INDEXED, &indexed[first], np);
        image_put(out, SEC_LENGTHS, &len[first], np * sizeof *len);
    }
    return DOSSIER_OK; /* out of memory: image_failed once the postings are done */
}

/* Where base passage p is in the merged corpus, GONE when removed; *run
 * the run to start looking from (passages asked for in increasing order). */
static uint64_t base_moved(const merge *m, uint64_t p, size_t *run) {
    while (*run < m->n_runs && p >= m->runs[*run].to)
        ++*run;
    if (*run == m->n_runs || p < m->runs[*run].from) return GONE;
    return (uint64_t)((int64_t)p + m->runs[*run].shift);
}

/* Each actor's mentions, the base's kept and the delta's, in merged passage order. */
static void put_mentions(merge *m) {
    image *out = m->out;
    const dossier_corpus *b = m->b, *d = m->d;
    for (size_t a = 0; a < b->n_actors; a++) {
        size_t nb, nd = 0, j = 0, run = 0;
        const dossier_mention *mb = dossier_actor_mentions(b, a, &nb);
        const dossier_mention *md = d->mention_lists ? dossier_actor_mentions(d, a, &nd) : NULL;
        mention_range r = {out->owned[SEC_MENTIONS].len / sizeof(dossier_mention), 0};
        dossier_mention *x = append(&out->owned[SEC_MENTIONS], (nb + nd) * sizeof *x);
        if (!x) return;
        for (size_t i = 0; i <= nb; i++) {
            /* in passage order: the base's, each after the delta's before it */
            uint64_t q =
                i < nb && mb[i].passage < b->n_passages ? base_moved(m, mb[i].passage, &run) : GONE;
            if (q == GONE && i < nb) continue; /* a removed passage */
            for (; j < nd; j++) {
                if (md[j].passage >= d->n_passages) continue;
                uint32_t pd = m->dmap[md[j].passage];
                if (pd > q) break;
                memcpy(&x[r.n], &md[j], sizeof *x); /* padding too */
                x[r.n++].passage = pd;
            }
            if (i == nb) break;
            memcpy(&x[r.n], &mb[i], sizeof *x);
            x[r.n++].passage = q;
        }
        out->owned[SEC_MENTIONS].len -= (nb + nd - r.n) * sizeof *x; /* those skipped */
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

/* The number of postings in [at, end): two varints each, a varint's last
 * byte the one below 0x80. */
static uint32_t count_postings(const unsigned char *at, const unsigned char *end) {
    size_t n = 0;
    for (; end - at >= 8; at += 8) { /* eight bytes at a time: their high bits, summed */
        uint64_t w;
        memcpy(&w, at, sizeof w);
        n += ((~w & 0x8080808080808080u) >> 7) * 0x0101010101010101u >> 56;
    }
    for (; at < end; at++)
        n += *at < 0x80;
    return (uint32_t)(n / 2);
}

/* Past the postings at `at` whose passages (after *passage, by their gaps)
 * stay below limit: where the first other one starts; *passage the last
 * passed, *df counted. Their bytes are kept as they are, so they are only
 * read, most of them (gap and frequency below 128) a byte each. */
static const unsigned char *skip_kept(const unsigned char *at, const unsigned char *end,
                                      uint64_t *passage, uint64_t limit, uint32_t *df) {
    uint64_t p = *passage;
    uint32_t n = 0;
    while (at < end) {
        const unsigned char *next = at;
        uint64_t gap, tf;
        if (end - at >= 2 && at[0] < 0x80 && at[1] < 0x80) {
            gap = at[0], tf = at[1], next += 2;
        } else if (!varint_get(&next, end, &gap) || !varint_get(&next, end, &tf)) {
            break;
        }
        if (gap == 0 || gap >= limit - p || tf == 0 || tf > UINT32_MAX) break;
        p += gap;
        n++;
        at = next;
    }
    *passage = p;
    *df += n;
    return at;
}

/* Every term's postings: the base's (removed passages skipped) and the
 * delta's, merged in passage order; its df counted again. A base posting
 * that follows the base posting written before it in the same run (the
 * same distance as in the base) keeps its bytes: the varints are the same,
 * so such postings are only read, and copied in one go; from the tail on
 * (the last run, no delta posting left) the rest of a term's postings is
 * copied without being read. */
static void put_postings(merge *m) {
    image *out = m->out;
    const dossier_corpus *b = m->b, *d = m->d;
    const term_rec *keys = m->vocab->index->terms;
    size_t nt = m->vocab->index->n_terms, nb = b->n_passages;
    strbuf *post = &out->owned[SEC_POSTINGS];
    for (size_t t = 0; t < nt && !post->failed; t++) {
        term_rec r;
        memset(&r, 0, sizeof r);
        r.key_off = keys[t].key_off;
        r.key_len = keys[t].key_len;
        r.post_off = post->len;
        posting_iter ib = postings_of(b->index, (long)t, nb);
        posting_iter id = d->n_articles ? postings_of(d->index, (long)t, d->n_passages)
                                        : (posting_iter){NULL, NULL, 0, 0, 0};
        size_t p, run = 0;
        uint32_t fd = 0;
        uint64_t pd = posting_next(&id, &p, &fd) ? m->dmap[p] : GONE;
        uint64_t last = 0, prev = 0; /* merged passage written last; base passage read last */
        const unsigned char *at = ib.at, *end = ib.at ? ib.end : NULL;
        const unsigned char *keep = NULL; /* base bytes [keep, at) to copy as they are */
        int follows = 0;                  /* the base posting read last was the one written last */
        int started = 0;
        while (at && at < end) {
            if (follows) { /* those after it in its run, before the delta's next */
                const passage_run *x = &m->runs[run];
                uint64_t limit = x->to;
                if (pd != GONE && (int64_t)pd - x->shift < (int64_t)limit)
                    limit = (uint64_t)((int64_t)pd - x->shift);
                if (!keep) keep = at;
                at = skip_kept(at, end, &prev, limit, &r.df);
                last = (uint64_t)((int64_t)prev + x->shift);
                if (at >= end) break;
            }
            const unsigned char *from = at;
            uint64_t gap, tf;
            if (!varint_get(&at, end, &gap) || !varint_get(&at, end, &tf) || gap > nb ||
                (started && gap == 0) || prev + gap >= nb || tf == 0 || tf > UINT32_MAX) {
                at = from; /* a broken list ends there, as a reader ends it */
                break;
            }
            uint64_t pb = prev + gap, q = base_moved(m, pb, &run);
            prev = pb;
            started = 1;
            if (q == GONE) { /* a removed passage */
                if (keep) sb_append(post, (const char *)keep, (size_t)(from - keep));
                keep = NULL, follows = 0;
                continue;
            }
            while (pd < q) { /* the delta's postings before it */
                if (keep) sb_append(post, (const char *)keep, (size_t)(from - keep));
                keep = NULL, follows = 0;
                put_posting(post, (uint32_t)pd, fd, &last);
                r.df++;
                pd = posting_next(&id, &p, &fd) ? m->dmap[p] : GONE;
            }
            if (follows && q - last == gap) {
                if (!keep) keep = from;
            } else {
                if (keep) sb_append(post, (const char *)keep, (size_t)(from - keep));
                keep = NULL;
                put_posting(post, (uint32_t)q, (uint32_t)tf, &last);
            }
            last = q;
            follows = 1;
            r.df++;
            if (pd == GONE && pb >= m->tail) { /* the rest as it is */
                if (!keep) keep = at;
                r.df += count_postings(at, end);
                at = end;
            }
        }
        if (keep) sb_append(post, (const char *)keep, (size_t)(at - keep));
        for (; pd != GONE; pd = posting_next(&id, &p, &fd) ? m->dmap[p] : GONE) {
            put_posting(post, (uint32_t)pd, fd, &last);
            r.df++;
        }
        r.post_len = post->len - r.post_off;
        image_put(out, SEC_TERMS, &r, sizeof r);
    }
}

/* put_postings in a thread of its own: it reads the plan, the base and the
 * delta, and writes only SEC_POSTINGS and SEC_TERMS, while the rest of the
 * merge writes the other sections. */
static void *postings_thread(void *m) {
    put_postings(m);
    return NULL;
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
    m.vocab = vocab;
    dossier_status s = DOSSIER_OK;
    if (!base->n_articles)
        s = bad(err, "its base has no article");
    else if (!m.n)
        s = bad(err, "its order names no article");
    else if (base->n_actors != delta->n_actors)
        s = bad(err, "its actors are not the base's");
    else if (delta->n_articles &&
             (!extends(base, delta, SEC_TERMS, SEC_TERM_STRINGS, sizeof(term_rec)) ||
              !extends(base, delta, SEC_WORDS, SEC_WORD_STRINGS, sizeof(key_ref))))
        s = bad(err, "its vocabularies do not extend the base's");
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
    /* the postings (about a third of the work) beside the rest, on a second core */
    pthread_t postings;
    int threaded = pthread_create(&postings, NULL, postings_thread, &m) == 0;
    if (!threaded) put_postings(&m);
    uint64_t total = 0, docs = 0;
    for (size_t i = 0, n; i < m.n && !s; i += n) {
        int64_t step = m.order[i] < 0 ? -1 : 1; /* the delta's article k is -1 - k */
        for (n = 1; i + n < m.n && m.order[i + n] == m.order[i + n - 1] + step; n++)
            ;
        s = put_run(&m, i, n, &total, &docs, err);
    }
    if (s) {
        if (threaded) pthread_join(postings, NULL);
        goto done;
    }
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
    if (threaded) pthread_join(postings, NULL);
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
    free(m.dmap);
    free(m.runs);
    return s;
}
