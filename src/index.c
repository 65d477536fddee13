/* index.c — the passage index: made article by article during a build,
 * then read in place from its sections.
 *
 * A passage's terms are its actors ("@north-korea", whatever alias the text
 * used: the DPRK, Pyongyang) and its other words, folded, stop words dropped,
 * stemmed with Snowball's English stemmer and mapped through the synonym
 * groups of lexicon.c. The index keeps each prose passage's terms (forward
 * lists: term id deltas and counts as varints) and each term's passages
 * (postings: passage deltas and counts as varints); furniture and headings
 * are not indexed at all. Scoring them is rank.c's job.
 *
 * Term ids are given in order of first sight. A build that updates a cache
 * keeps the cache's ids and numbers new terms after them, so the forward
 * lists of unchanged articles are copied as they are; a term no passage has
 * any more keeps its id with a df of 0, which ranks exactly as an unknown
 * term. */
#include "index.h"
#include "build.h"
#include "lexicon.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ terms */

static void add_term(termlist *tl, const char *s, size_t n) {
    sb_append(&tl->buf, s, n);
    sb_putc(&tl->buf, '\0');
    tl->n++;
}

static void word_term(index_data *ix, const char *w, size_t n, termlist *out) {
    if (n < 2 && !(w[0] >= '0' && w[0] <= '9')) return;
    if (strmap_get(&ix->stop, w, n) >= 0) return;
    size_t digits = 0;
    while (digits < n && w[digits] >= '0' && w[digits] <= '9')
        digits++;
    if (digits == n) {
        add_term(out, w, n);
        return;
    }
    long g = strmap_get(&ix->concept, w, n);
    const sb_symbol *st = sb_stemmer_stem(ix->stemmer, (const sb_symbol *)w, (int)n);
    const char *stem = st ? (const char *)st : w;
    size_t sn = st ? (size_t)sb_stemmer_length(ix->stemmer) : n;
    if (g < 0) g = strmap_get(&ix->concept, stem, sn);
    if (g >= 0) {
        const char *head = dossier_synonyms[g];
        char term[64];
        size_t hn = strcspn(head, " ");
        if (hn > sizeof term - 2) hn = sizeof term - 2;
        term[0] = '~';
        memcpy(term + 1, head, hn);
        add_term(out, term, hn + 1);
        return;
    }
    add_term(out, stem, sn);
}

static void actor_term(const dossier_corpus *c, long actor, termlist *out) {
    const char *id = c->actors[actor].id;
    char term[160];
    size_t n = strlen(id);
    if (n > sizeof term - 2) n = sizeof term - 2;
    term[0] = '@';
    memcpy(term + 1, id, n);
    add_term(out, term, n + 1);
}

void text_terms(index_data *ix, const dossier_corpus *c, const token_list *t,
                const actor_span *spans, size_t ns, termlist *out) {
    size_t k = 0;
    for (size_t i = 0; i < t->n; i++) {
        const token *w = &t->tok[i];
        while (k < ns && spans[k].end <= w->start)
            actor_term(c, spans[k++].actor, out);
        if (k < ns && spans[k].start <= w->start) continue; /* inside an actor's name */
        word_term(ix, t->folded + w->fstart, w->flen, out);
    }
    while (k < ns)
        actor_term(c, spans[k++].actor, out);
}

static dossier_status setup_lexicon(index_data *ix) {
    for (size_t i = 0; dossier_stopwords[i]; i++)
        if (!strmap_put(&ix->stop, dossier_stopwords[i], strlen(dossier_stopwords[i]), 1))
            return DOSSIER_ERR_NOMEM;
    for (size_t g = 0; dossier_synonyms[g]; g++) {
        const char *p = dossier_synonyms[g];
        while (*p) {
            size_t n = strcspn(p, " ");
            const sb_symbol *st = sb_stemmer_stem(ix->stemmer, (const sb_symbol *)p, (int)n);
            if (!st) return DOSSIER_ERR_NOMEM;
            int sn = sb_stemmer_length(ix->stemmer);
            if (strmap_get(&ix->concept, (const char *)st, (size_t)sn) < 0 &&
                !strmap_put(&ix->concept, (const char *)st, (size_t)sn, (long)g))
                return DOSSIER_ERR_NOMEM;
            if (strmap_get(&ix->concept, p, n) < 0 && !strmap_put(&ix->concept, p, n, (long)g))
                return DOSSIER_ERR_NOMEM;
            p += n;
            while (*p == ' ')
                p++;
        }
    }
    return DOSSIER_OK;
}

/* ------------------------------------------------------------ building */

struct index_build {
    image *im;
    index_data *ix;    /* the lexicon */
    vocab_build terms; /* term -> id */
    long *word_term;   /* word id (quote.c's) -> term id, WORD_DROPPED, or WORD_UNSEEN */
    size_t word_term_cap;
    long *actor_tid; /* per actor: its term id, -1 until seen */
    size_t n_actors;
    termlist tl;
    uint32_t *v; /* one passage's term ids */
    size_t vcap;
};

static long intern_term(index_build *b, const char *s, size_t n) {
    return vocab_intern(&b->terms, s, n);
}

/* Term id of corpus word `word` (its id among the words of the sources,
 * folded form w[0, n)), through b->word_term: stemming and the stop and
 * synonym lookups run once per distinct word instead of once per
 * occurrence, and a word costs no lookup but this array's. */
#define WORD_DROPPED (-2)
#define WORD_UNSEEN (-4)

static long cached_word_term(index_build *b, uint32_t word, const char *w, size_t n) {
    if (word >= b->word_term_cap) {
        size_t old = b->word_term_cap;
        if (!grow((void **)&b->word_term, &b->word_term_cap, (size_t)word + 1,
                  sizeof *b->word_term))
            return -3;
        for (size_t i = old; i < b->word_term_cap; i++)
            b->word_term[i] = WORD_UNSEEN;
    }
    long id = b->word_term[word];
    if (id != WORD_UNSEEN) return id;
    b->tl.buf.len = 0;
    b->tl.n = 0;
    word_term(b->ix, w, n, &b->tl);
    if (b->tl.buf.failed) return -3;
    id = WORD_DROPPED;
    if (b->tl.n && (id = intern_term(b, b->tl.buf.data, strlen(b->tl.buf.data))) < 0) return -3;
    return b->word_term[word] = id;
}

/* Term id of actor a's term, made once. */
static long actor_term_id(index_build *b, const dossier_corpus *c, long a) {
    if (a < 0 || (size_t)a >= b->n_actors) return -2;
    if (b->actor_tid[a] >= 0) return b->actor_tid[a];
    b->tl.buf.len = 0;
    b->tl.n = 0;
    actor_term(c, a, &b->tl);
    if (b->tl.buf.failed) return -2;
    return b->actor_tid[a] = intern_term(b, b->tl.buf.data, strlen(b->tl.buf.data));
}

static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Sorts a passage's few term ids: insertion sort beats qsort's calls on
 * lists this short; long ones still go to qsort. */
static void sort_terms(uint32_t *v, size_t n) {
    if (n > 48) {
        qsort(v, n, sizeof *v, cmp_u32);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        uint32_t x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

static int push_term(index_build *b, size_t *n, long id) {
    if (id < 0 || !grow((void **)&b->v, &b->vcap, *n + 1, sizeof *b->v)) return 0;
    b->v[(*n)++] = (uint32_t)id;
    return 1;
}

static void put_offset(image *im) {
    uint64_t off = im->owned[SEC_FORWARD].len;
    image_put(im, SEC_FWD_OFFSETS, &off, sizeof off);
}

/* The forward list of one passage from its sorted term ids: (id delta, tf). */
static void put_forward(image *im, const uint32_t *v, size_t n) {
    uint32_t prev = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && v[j] == v[i])
            j++;
        varint_put(&im->owned[SEC_FORWARD], v[i] - prev);
        varint_put(&im->owned[SEC_FORWARD], j - i);
        prev = v[i];
        i = j;
    }
}

index_build *index_build_new(image *im, const dossier_corpus *old, size_t n_actors,
                             dossier_error *err) {
    index_build *b = calloc(1, sizeof *b);
    if (!b || !(b->actor_tid = malloc((n_actors ? n_actors : 1) * sizeof *b->actor_tid))) {
        free(b);
        set_error(err, DOSSIER_ERR_NOMEM, "out of memory while indexing");
        return NULL;
    }
    b->im = im;
    b->n_actors = n_actors;
    for (size_t a = 0; a < n_actors; a++)
        b->actor_tid[a] = -1;
    const index_data *o = old ? old->index : NULL;
    if (!(b->ix = index_new(err)) ||
        !vocab_start(&b->terms, im, SEC_TERM_STRINGS, o ? &o->vocab : NULL,
                     o ? &old->img.s[SEC_TERM_STRINGS] : NULL)) {
        if (b->ix) set_error(err, DOSSIER_ERR_NOMEM, "out of memory while indexing");
        index_build_free(b);
        return NULL;
    }
    return b;
}

/* Each passage's term ids, sorted: the words of the article body t (ids
 * `words`) that start inside it (sentences never end inside a word) and its
 * actor mentions m (in text order), in the order text_terms() gives them
 * for the same text. */
dossier_status index_add_article(index_build *b, const dossier_corpus *c, const dossier_article *a,
                                 const token_list *t, const uint32_t *words, const dossier_range *r,
                                 size_t n, const mention_list *m, size_t first_passage) {
    size_t wi = 0, mi = 0;
    for (size_t k = 0; k < n; k++) {
        put_offset(b->im);
        while (wi < t->n && t->tok[wi].start + a->body_start < r[k].start)
            wi++;
        size_t p = first_passage + k, mend = mi;
        while (mend < m->n && m->items[mend].passage == p)
            mend++;
        if (r[k].kind != DOSSIER_PROSE) {
            mi = mend;
            continue;
        }
        size_t nv = 0;
        for (; wi < t->n && t->tok[wi].start + a->body_start < r[k].end; wi++) {
            const token *w = &t->tok[wi];
            size_t at = w->start + a->body_start;
            for (; mi < mend && m->items[mi].end <= at; mi++)
                if (!push_term(b, &nv, actor_term_id(b, c, m->actors[mi])))
                    return DOSSIER_ERR_NOMEM;
            if (mi < mend && m->items[mi].start <= at) continue; /* inside an actor's name */
            long id = cached_word_term(b, words[wi], t->folded + w->fstart, w->flen);
            if (id == WORD_DROPPED) continue;
            if (!push_term(b, &nv, id)) return DOSSIER_ERR_NOMEM;
        }
        for (; mi < mend; mi++)
            if (!push_term(b, &nv, actor_term_id(b, c, m->actors[mi]))) return DOSSIER_ERR_NOMEM;
        sort_terms(b->v, nv);
        put_forward(b->im, b->v, nv);
    }
    return image_failed(b->im) ? DOSSIER_ERR_NOMEM : DOSSIER_OK;
}

dossier_status index_copy_article(index_build *b, const dossier_corpus *old, size_t oi) {
    const dossier_article *a = &old->articles[oi];
    const index_data *o = old->index;
    for (size_t p = a->first_passage; p < a->first_passage + a->n_passages; p++) {
        put_offset(b->im);
        uint64_t from = o->fwd_off[p], to = o->fwd_off[p + 1];
        if (from > to || to > o->forward_len) return DOSSIER_ERR_INVALID;
        if (to > from) image_put(b->im, SEC_FORWARD, o->forward + from, to - from);
    }
    return image_failed(b->im) ? DOSSIER_ERR_NOMEM : DOSSIER_OK;
}

/* The forward list of passage p in a build's sections. */
typedef struct {
    const unsigned char *at, *end;
    uint64_t term;
    int bad; /* a list out of its section, or a corrupt entry */
} fwd_iter;

static fwd_iter forward_of(const uint64_t *off, const unsigned char *data, size_t len, size_t p) {
    fwd_iter it = {NULL, NULL, 0, 1};
    if (off[p] <= off[p + 1] && off[p + 1] <= len) {
        it.bad = 0;
        if (off[p + 1] > off[p]) it.at = data + off[p], it.end = data + off[p + 1];
    }
    return it;
}

/* The next (term, tf) of a forward list; 0 at its end or at a term out of
 * range (a corrupt list: it->bad). */
static int forward_next(fwd_iter *it, size_t n_terms, uint32_t *term, uint32_t *tf) {
    uint64_t d, f;
    if (it->bad || it->at >= it->end) return 0;
    if (!varint_get(&it->at, it->end, &d) || !varint_get(&it->at, it->end, &f) || d > n_terms ||
        it->term + d >= n_terms || f == 0 || f > UINT32_MAX) {
        it->bad = 1;
        return 0;
    }
    it->term += d;
    *term = (uint32_t)it->term;
    *tf = (uint32_t)f;
    return 1;
}

static size_t varint_len(uint64_t v) {
    size_t n = 1;
    while (v >= 0x80)
        v >>= 7, n++;
    return n;
}

/* From the forward lists of every passage: each term's df and postings
 * (two passes: the sizes, then the bytes), the term table and its hash
 * slots, and each passage's BM25 normalisation. */
dossier_status index_finish(index_build *b, const dossier_passage *passages, size_t n_passages,
                            cache_meta *meta) {
    image *im = b->im;
    put_offset(im);
    if (image_failed(im)) return DOSSIER_ERR_NOMEM;
    const uint64_t *off = (const uint64_t *)(const void *)im->owned[SEC_FWD_OFFSETS].data;
    const unsigned char *fwd = (const unsigned char *)im->owned[SEC_FORWARD].data;
    size_t fwd_len = im->owned[SEC_FORWARD].len, nt = b->terms.n;
    uint32_t *df = calloc(nt ? nt : 1, sizeof *df), *last = calloc(nt ? nt : 1, sizeof *last);
    uint64_t *at = calloc(nt + 1, sizeof *at);
    uint32_t *plen = calloc(n_passages ? n_passages : 1, sizeof *plen);
    dossier_status s = DOSSIER_OK;
    if (!df || !last || !at || !plen) goto nomem;
    uint64_t total = 0, n_docs = 0;
    for (size_t p = 0; p < n_passages; p++) {
        fwd_iter it = forward_of(off, fwd, fwd_len, p);
        uint32_t term, tf;
        while (forward_next(&it, nt, &term, &tf)) {
            df[term]++;
            at[term + 1] += varint_len(p - last[term]) + varint_len(tf);
            last[term] = (uint32_t)p;
            plen[p] += tf;
        }
        if (it.bad) { /* a corrupt list copied from the cache */
            s = DOSSIER_ERR_INVALID;
            goto done;
        }
        if (passages[p].kind == DOSSIER_PROSE) {
            total += plen[p];
            n_docs++;
        }
    }
    for (size_t t = 0; t < nt; t++)
        at[t + 1] += at[t];
    unsigned char *post = malloc(at[nt] ? at[nt] : 1);
    if (!post) goto nomem;
    memset(last, 0, nt * sizeof *last);
    uint64_t *fill = malloc((nt ? nt : 1) * sizeof *fill);
    if (!fill) {
        free(post);
        goto nomem;
    }
    memcpy(fill, at, nt * sizeof *fill);
    for (size_t p = 0; p < n_passages; p++) {
        fwd_iter it = forward_of(off, fwd, fwd_len, p);
        uint32_t term, tf;
        while (forward_next(&it, nt, &term, &tf)) {
            uint64_t vals[2] = {p - last[term], tf};
            for (int k = 0; k < 2; k++) {
                uint64_t v = vals[k];
                do {
                    unsigned char byte = v & 0x7f;
                    v >>= 7;
                    post[fill[term]++] = (unsigned char)(byte | (v ? 0x80 : 0));
                } while (v);
            }
            last[term] = (uint32_t)p;
        }
    }
    free(fill);
    image_put(im, SEC_POSTINGS, post, at[nt]);
    free(post);
    for (size_t t = 0; t < nt; t++) {
        term_rec r;
        memset(&r, 0, sizeof r);
        r.key_off = b->terms.keys[t].off;
        r.key_len = b->terms.keys[t].len;
        r.df = df[t];
        r.post_off = at[t];
        r.post_len = at[t + 1] - at[t];
        image_put(im, SEC_TERMS, &r, sizeof r);
    }
    if (image_failed(im) ||
        !keytab_build(im, SEC_TERM_SLOTS, (const unsigned char *)im->owned[SEC_TERMS].data,
                      sizeof(term_rec), nt, im->owned[SEC_TERM_STRINGS].data))
        goto nomem;
    double avglen = n_docs ? (double)total / (double)n_docs : 1.0;
    for (size_t p = 0; p < n_passages; p++) {
        double norm = BM25_K1 * (1.0 - BM25_B + BM25_B * plen[p] / avglen);
        image_put(im, SEC_NORMS, &norm, sizeof norm);
    }
    meta->n_docs = n_docs;
    meta->total_len = total;
    if (image_failed(im)) goto nomem;
    goto done;
nomem:
    s = DOSSIER_ERR_NOMEM;
done:
    free(df);
    free(last);
    free(at);
    free(plen);
    return s;
}

void index_build_free(index_build *b) {
    if (!b) return;
    free_index(b->ix);
    vocab_free(&b->terms);
    free(b->word_term);
    sb_free(&b->tl.buf);
    free(b->actor_tid);
    free(b->v);
    free(b);
}

/* ------------------------------------------------------------ the view */

index_data *index_new(dossier_error *err) {
    index_data *ix = calloc(1, sizeof *ix);
    if (!ix) {
        set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
        return NULL;
    }
    ix->stemmer = sb_stemmer_new("english", "UTF_8");
    if (!ix->stemmer || setup_lexicon(ix)) {
        free_index(ix);
        set_error(err, DOSSIER_ERR_NOMEM, "out of memory (stemmer)");
        return NULL;
    }
    ix->avglen = 1.0;
    return ix;
}

dossier_status index_view(dossier_corpus *c, dossier_error *err) {
    if (!(c->index = index_new(err))) return DOSSIER_ERR_NOMEM;
    index_data *ix = c->index;
    const image *im = &c->img;
    if (!c->n_articles) return DOSSIER_OK; /* a gazetteer alone */
    const section *pool = &im->s[SEC_TERM_STRINGS];
    ix->terms = SEC_AS(im, SEC_TERMS, term_rec);
    ix->n_terms = im->s[SEC_TERMS].count;
    ix->postings = im->s[SEC_POSTINGS].data;
    ix->postings_len = im->s[SEC_POSTINGS].size;
    ix->fwd_off = SEC_AS(im, SEC_FWD_OFFSETS, uint64_t);
    ix->forward = im->s[SEC_FORWARD].data;
    ix->forward_len = im->s[SEC_FORWARD].size;
    ix->norms = SEC_AS(im, SEC_NORMS, double);
    const cache_meta *meta = SEC_AS(im, SEC_META, cache_meta);
    if (im->s[SEC_META].count != 1 || im->s[SEC_FWD_OFFSETS].count != c->n_passages + 1 ||
        im->s[SEC_NORMS].count != c->n_passages || meta->n_docs > c->n_passages || !pool->size ||
        pool->data[pool->size - 1] != '\0' || ix->n_terms > UINT32_MAX)
        return set_error(err, DOSSIER_ERR_INVALID, "corrupt index section: sizes");
    ix->n_docs = meta->n_docs;
    ix->avglen = ix->n_docs ? (double)meta->total_len / (double)ix->n_docs : 1.0;
    ix->vocab = keytab_view(&im->s[SEC_TERM_SLOTS], &im->s[SEC_TERMS], sizeof(term_rec), pool);
    if ((ix->n_terms && !ix->vocab.cap) || !keytab_keys_valid(&ix->vocab))
        return set_error(err, DOSSIER_ERR_INVALID, "corrupt index section: term table");
    return DOSSIER_OK;
}

void free_index(index_data *ix) {
    if (!ix) return;
    if (ix->stemmer) sb_stemmer_delete(ix->stemmer);
    strmap_free(&ix->stop);
    strmap_free(&ix->concept);
    free(ix);
}

/* ------------------------------------------------------------ lookups */

long index_term(const index_data *ix, const char *s, size_t n) {
    return keytab_find(&ix->vocab, s, n);
}

size_t term_df(const index_data *ix, long id) {
    return id >= 0 && (size_t)id < ix->n_terms ? ix->terms[id].df : 0;
}

int passage_has(const index_data *ix, size_t p, long term) {
    if (!ix->fwd_off || term < 0) return 0;
    fwd_iter it = forward_of(ix->fwd_off, ix->forward, ix->forward_len, p);
    uint32_t t, tf;
    while (forward_next(&it, ix->n_terms, &t, &tf)) {
        if (t == (uint32_t)term) return 1;
        if (t > (uint32_t)term) return 0; /* ids increase */
    }
    return 0;
}

posting_iter postings_of(const index_data *ix, long id, size_t n_passages) {
    posting_iter it = {NULL, NULL, 0, n_passages, 0};
    if (id < 0 || (size_t)id >= ix->n_terms) return it;
    const term_rec *t = &ix->terms[id];
    if (t->post_off > ix->postings_len || t->post_len > ix->postings_len - t->post_off) return it;
    it.at = ix->postings + t->post_off;
    it.end = it.at + t->post_len;
    return it;
}

int posting_next(posting_iter *it, size_t *passage, uint32_t *tf) {
    uint64_t d, f;
    if (!it->at || it->at >= it->end) return 0;
    if (!varint_get(&it->at, it->end, &d) || !varint_get(&it->at, it->end, &f) ||
        d > it->n_passages || (it->started && d == 0) || it->passage + d >= it->n_passages ||
        f == 0 || f > UINT32_MAX) {
        it->at = NULL;
        return 0;
    }
    it->passage += d;
    it->started = 1;
    *passage = (size_t)it->passage;
    *tf = (uint32_t)f;
    return 1;
}
