/* index.c — the passage index: made article by article during a build,
 * then read in place from its sections; and, on first use, the verdict's
 * view of one article (article_words_of).
 *
 * A passage's terms are its actors ("@north-korea", whatever alias the text
 * used: the DPRK, Pyongyang), its facts (facts.c: "September 13" gives
 * "#m9" and "#d9-13", "5.4.6" gives "#v5.4.6") and its other words, folded,
 * stop words dropped, stemmed with Snowball's English stemmer. Words that
 * mean the same are related at query time (related.c), not merged here. The
 * index keeps each indexed passage's terms (forward lists: term id deltas
 * and counts as varints) and each term's passages (postings: passage deltas
 * and counts as varints); furniture and headings that are no sentence are
 * not indexed at all. Scoring them is rank.c's job.
 *
 * One walk over a passage's words (walk_passage) gives both its terms, for
 * a build, and its words' codes, for the verdict, so the two always agree.
 *
 * Term ids are given in order of first sight. A build that updates a cache
 * keeps the cache's ids and numbers new terms after them, so the forward
 * lists of unchanged articles are copied as they are; a term no passage has
 * any more keeps its id with a df of 0, which ranks exactly as an unknown
 * term. */
#include "index.h"
#include "build.h"
#include "lexicon.h"
#include "scan.h"

#include <libstemmer.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ terms */

size_t word_term(const index_data *ix, struct sb_stemmer *stemmer, const char *w, size_t n,
                 char *buf, size_t cap) {
    if (cap == 0) return 0;
    buf[0] = '\0';
    if (n == 0 || (n < 2 && !(w[0] >= '0' && w[0] <= '9'))) return 0;
    if (strmap_get(&ix->stop, w, n) >= 0) return 0;
    size_t digits = 0;
    while (digits < n && w[digits] >= '0' && w[digits] <= '9')
        digits++;
    const char *t = w;
    size_t tn = n;
    if (digits != n) {
        /* an ASCII word by the index's stemmer for ISO-8859-1: the same
         * stem (one algorithm on the same bytes: every word of the system's
         * English word lists stems alike), a quarter faster */
        if (stemmer == ix->stemmer && ix->ascii_stemmer) {
            size_t i = 0;
            while (i < n && (unsigned char)w[i] < 0x80)
                i++;
            if (i == n) stemmer = ix->ascii_stemmer;
        }
        const sb_symbol *st = sb_stemmer_stem(stemmer, (const sb_symbol *)w, (int)n);
        if (st) {
            t = (const char *)st;
            tn = (size_t)sb_stemmer_length(stemmer);
        }
    }
    if (tn >= cap) tn = cap - 1;
    memcpy(buf, t, tn);
    buf[tn] = '\0';
    return tn;
}

static size_t word_at_or_after(const token_list *t, size_t body_start, size_t at);

static void stem_memo_free(stem_memo *m) {
    strmap_free(&m->words);
    sb_free(&m->stems);
    free(m->v);
    memset(m, 0, sizeof *m);
}

size_t word_stem(index_data *ix, const char *w, size_t n, char *buf, size_t cap, long *term) {
    stem_memo *m = &ix->stems;
    long at = strmap_get(&m->words, w, n);
    if (at >= 0 && m->v[at].len < cap) {
        const struct stem_entry *e = &m->v[at];
        memcpy(buf, m->stems.data + e->off, e->len);
        buf[e->len] = '\0';
        *term = e->term;
        return e->len;
    }
    char stem[128];
    size_t tn = word_term(ix, ix->stemmer, w, n, stem, sizeof stem);
    long id = tn ? index_term(ix, stem, tn) : -1;
    /* a stem as long as the buffer may have been cut: worked out anew each time */
    if (at < 0 && tn + 1 < sizeof stem) {
        if (m->n == STEM_MEMO_MAX) stem_memo_free(m);
        size_t off = m->stems.len;
        sb_append(&m->stems, stem, tn);
        if (!m->stems.failed && grow((void **)&m->v, &m->cap, m->n + 1, sizeof *m->v) &&
            strmap_put(&m->words, w, n, (long)m->n))
            m->v[m->n++] = (struct stem_entry){off, tn, id};
        else
            stem_memo_free(m); /* out of memory: nothing kept */
    }
    *term = id;
    if (cap == 0) return 0;
    if (tn >= cap) tn = cap - 1;
    memcpy(buf, stem, tn);
    buf[tn] = '\0';
    return tn;
}

/* The term of actor a, "@" and its id, into buf; its length. */
static size_t actor_term(const dossier_corpus *c, long actor, char *buf, size_t cap) {
    const char *id = c->actors[actor].id;
    size_t n = strlen(id);
    if (n > cap - 2) n = cap - 2;
    buf[0] = '@';
    memcpy(buf + 1, id, n);
    buf[n + 1] = '\0';
    return n + 1;
}

static int add_special(index_data *ix, const char *const *list, long bit) {
    strmap *m = &ix->special;
    for (size_t i = 0; list[i]; i++) {
        size_t n = strlen(list[i]);
        long v = strmap_get(m, list[i], n);
        if (!strmap_put(m, list[i], n, (v < 0 ? 0 : v) | bit)) return 0;
        /* the lexicon's words are folded ASCII (tests/c/test_lexicon.c) */
        if (n < 32 && list[i][0] >= 'a' && list[i][0] <= 'z')
            ix->special_lengths[list[i][0] - 'a'] |= 1u << n;
    }
    return 1;
}

static dossier_status setup_lexicon(index_data *ix) {
    for (size_t i = 0; dossier_stopwords[i]; i++)
        if (!strmap_put(&ix->stop, dossier_stopwords[i], strlen(dossier_stopwords[i]), 1))
            return DOSSIER_ERR_NOMEM;
    static const char *const only[] = {"only", NULL};
    if (!add_special(ix, dossier_negations, SPECIAL_CUE_STRONG) ||
        !add_special(ix, dossier_weak_negations, SPECIAL_CUE_WEAK) ||
        !add_special(ix, dossier_clause_words, SPECIAL_CLAUSE) ||
        !add_special(ix, only, SPECIAL_ONLY) ||
        !add_special(ix, dossier_possibility_words, SPECIAL_POSSIBLE))
        return DOSSIER_ERR_NOMEM;
    return DOSSIER_OK;
}

/* A heading written as a sentence counts as one: at least 6 words, and not
 * in title case (fewer than half its words capitalised). "A regional
 * prosecutor says there isn't enough evidence" is; "More Evidence of
 * Russia's Stronger Relationship" and "Washington irritated" are not. */
static int sentence_like(const token_list *t, size_t first, size_t end, const char *body) {
    size_t words = end - first, caps = 0;
    if (words < 6) return 0;
    for (size_t k = first; k < end; k++) {
        unsigned char ch = (unsigned char)body[t->tok[k].start];
        caps += ch >= 'A' && ch <= 'Z';
    }
    return caps * 2 < words;
}

/* Whether a passage of this kind and words [first, end) is indexed. */
static int is_indexed(dossier_passage_kind kind, const token_list *t, size_t first, size_t end,
                      const char *body) {
    return kind == DOSSIER_PROSE || (kind == DOSSIER_HEADING && sentence_like(t, first, end, body));
}

/* ------------------------------------------------------------ one passage's words */

/* A walk over the words of the passages of one article: for a build (b set)
 * the terms are made and pushed; for the verdict (codes set) they are looked
 * up and each word gets its code. */
typedef struct {
    index_build *b;
    const dossier_corpus *c;
    const index_data *ix;  /* the lookups: b's lexicon, or the open index */
    const token_list *t;   /* the article's words */
    const uint32_t *words; /* with b: the words' ids (words.c), keys of b's word cache */
    const fact_list *facts;
    size_t fi;          /* the first fact not yet behind the walk */
    uint32_t *codes;    /* without b: per word of t */
    strmap *word_terms; /* without b: the index's folded word -> term id */
} walk;

static long build_term(index_build *b, const char *s, size_t n);
static long build_word_term(index_build *b, uint32_t word, const char *w, size_t n);
static int build_push(index_build *b, long id);

#define WORD_DROPPED (-2)

#define WORD_NO_TERM (-3) /* in word_terms: a word whose term no passage has */

static long walk_word(walk *w, size_t wi) {
    const token *k = &w->t->tok[wi];
    const char *f = w->t->folded + k->fstart;
    if (w->b) return build_word_term(w->b, w->words[wi], f, k->flen);
    /* stemmed once per distinct word, as the build does */
    strmap *cache = w->word_terms;
    long id = strmap_get(cache, f, k->flen);
    if (id != -1) return id == WORD_NO_TERM ? -1 : id;
    char term[128];
    /* word_stem: a claim's words are stemmed as the articles' were */
    size_t tn = word_stem(w->c->index, f, k->flen, term, sizeof term, &id);
    if (!tn) id = WORD_DROPPED;
    strmap_put(cache, f, k->flen, id == -1 ? WORD_NO_TERM : id); /* out of memory: not kept */
    return id;
}

static int walk_actor(walk *w, const actor_span *s) {
    if (!w->b) return 1;
    char term[160];
    size_t n = actor_term(w->c, s->actor, term, sizeof term);
    return build_push(w->b, build_term(w->b, term, n));
}

/* Words [wi, wend) of an indexed passage and its actor spans[0, ns) (in text
 * order, offsets in the article file, whose body starts at body_start).
 * An actor's name gives its one term, a fact its terms (facts.c). 0 when
 * out of memory. */
static int walk_passage(walk *w, size_t wi, size_t wend, const actor_span *spans, size_t ns,
                        size_t body_start) {
    const token_list *t = w->t;
    const fact_list *facts = w->facts;
    size_t k = 0;
    for (; wi < wend; wi++) {
        size_t at = t->tok[wi].start + body_start;
        for (; k < ns && spans[k].end <= at; k++)
            if (!walk_actor(w, &spans[k])) return 0;
        while (w->fi < facts->n && facts->v[w->fi].tok_last < wi)
            w->fi++;
        /* a name inside a fact is the fact's: the "US" of "500 US dollars"
         * (claim_make reads a claim alike) */
        while (k < ns && w->fi < facts->n && facts->v[w->fi].tok_first <= wi &&
               spans[k].start >= facts->v[w->fi].start + body_start &&
               spans[k].end <= facts->v[w->fi].end + body_start)
            k++;
        if (k < ns && spans[k].start <= at) { /* inside an actor's name */
            if (w->codes)
                w->codes[wi] =
                    spans[k].start != at
                        ? CODE_INSIDE
                        : CODE_ACTOR | (uint32_t)spans[k].actor |
                              (spans[k].flags & DOSSIER_MATCH_DEMONYM ? CODE_DEMONYM : 0);
            continue;
        }
        if (w->fi < facts->n && facts->v[w->fi].tok_first <= wi) { /* inside a fact */
            const fact *f = &facts->v[w->fi];
            if (f->tok_first != wi) {
                if (w->codes) w->codes[wi] = CODE_INSIDE;
                continue;
            }
            if (w->codes) w->codes[wi] = CODE_FACT | (uint32_t)w->fi;
            char term[64];
            for (unsigned n = 0; w->b && fact_term(f, n, term, sizeof term); n++)
                if (!build_push(w->b, build_term(w->b, term, strlen(term)))) return 0;
            continue;
        }
        long id = walk_word(w, wi);
        if (id == WORD_DROPPED) continue;
        if (w->b && !build_push(w->b, id)) return 0;
        if (w->codes && id >= 0) w->codes[wi] = (uint32_t)id;
    }
    for (; k < ns; k++)
        if (!walk_actor(w, &spans[k])) return 0;
    return 1;
}

/* ------------------------------------------------------------ building */

struct index_build {
    image *im;
    index_data *ix;    /* the lexicon */
    vocab_build terms; /* term -> id */
    long *word_term;   /* word id (quote.c's) -> term id, WORD_DROPPED, or WORD_UNSEEN */
    size_t word_term_cap;
    uint32_t *v; /* one passage's term ids */
    size_t nv, vcap;
    actor_span *spans; /* one passage's actor names */
    size_t spans_cap;
};

static long build_term(index_build *b, const char *s, size_t n) {
    return vocab_intern(&b->terms, s, n);
}

/* Term id of corpus word `word` (its id among the words of the sources,
 * folded form w[0, n)), through b->word_term: stemming and the stop word
 * lookup run once per distinct word instead of once per occurrence, and a
 * word costs no lookup but this array's. */
#define WORD_UNSEEN (-4)

static long build_word_term(index_build *b, uint32_t word, const char *w, size_t n) {
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
    char term[128];
    size_t tn = word_term(b->ix, b->ix->stemmer, w, n, term, sizeof term);
    id = WORD_DROPPED;
    if (tn && (id = build_term(b, term, tn)) < 0) return -3;
    return b->word_term[word] = id;
}

static int build_push(index_build *b, long id) {
    if (id < 0 || !grow((void **)&b->v, &b->vcap, b->nv + 1, sizeof *b->v)) return 0;
    b->v[b->nv++] = (uint32_t)id;
    return 1;
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

index_build *index_build_new(image *im, const dossier_corpus *old, dossier_error *err) {
    index_build *b = calloc(1, sizeof *b);
    if (!b) {
        set_error(err, DOSSIER_ERR_NOMEM, "out of memory while indexing");
        return NULL;
    }
    b->im = im;
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
 * actor mentions m (in text order). */
dossier_status index_add_article(index_build *b, const dossier_corpus *c, const dossier_article *a,
                                 const token_list *t, const uint32_t *words, const dossier_range *r,
                                 size_t n, const mention_list *m, size_t first_passage) {
    const char *body = a->text + a->body_start;
    fact_list facts;
    memset(&facts, 0, sizeof facts);
    if (find_facts(body, a->text_len - a->body_start, t, &facts)) return DOSSIER_ERR_NOMEM;
    walk w = {b, c, b->ix, t, words, &facts, 0, NULL, NULL};
    size_t wi = 0, mi = 0;
    dossier_status s = DOSSIER_OK;
    for (size_t k = 0; k < n && !s; k++) {
        put_offset(b->im);
        while (wi < t->n && t->tok[wi].start + a->body_start < r[k].start)
            wi++;
        size_t wend = wi;
        while (wend < t->n && t->tok[wend].start + a->body_start < r[k].end)
            wend++;
        size_t p = first_passage + k, mend = mi;
        while (mend < m->n && m->items[mend].passage == p)
            mend++;
        unsigned char indexed = (unsigned char)is_indexed(r[k].kind, t, wi, wend, body);
        image_put(b->im, SEC_INDEXED, &indexed, 1);
        size_t ns = 0;
        if (indexed && !grow((void **)&b->spans, &b->spans_cap, mend - mi + 1, sizeof *b->spans)) {
            s = DOSSIER_ERR_NOMEM;
            break;
        }
        for (; indexed && mi < mend; mi++) {
            const dossier_mention *x = &m->items[mi];
            b->spans[ns++] = (actor_span){x->start, x->end, m->actors[mi], x->flags};
        }
        mi = mend;
        if (indexed) {
            b->nv = 0;
            if (!walk_passage(&w, wi, wend, b->spans, ns, a->body_start)) s = DOSSIER_ERR_NOMEM;
            sort_terms(b->v, b->nv);
            put_forward(b->im, b->v, b->nv);
        }
        wi = wend;
    }
    fact_list_free(&facts);
    if (s) return s;
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
        image_put(b->im, SEC_INDEXED, &o->indexed[p], 1);
    }
    return image_failed(b->im) ? DOSSIER_ERR_NOMEM : DOSSIER_OK;
}

/* The forward list of passage p in a build's sections. */
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
    (void)passages;
    image *im = b->im;
    put_offset(im);
    if (image_failed(im)) return DOSSIER_ERR_NOMEM;
    if (im->owned[SEC_INDEXED].len != n_passages) return DOSSIER_ERR_INVALID;
    const uint64_t *off = (const uint64_t *)(const void *)im->owned[SEC_FWD_OFFSETS].data;
    const unsigned char *fwd = (const unsigned char *)im->owned[SEC_FORWARD].data;
    const unsigned char *indexed = (const unsigned char *)im->owned[SEC_INDEXED].data;
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
        if (indexed[p]) {
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
    double avglen = bm25_avglen(total, n_docs);
    for (size_t p = 0; p < n_passages; p++) {
        double norm = bm25_norm(plen[p], avglen);
        image_put(im, SEC_NORMS, &norm, sizeof norm);
    }
    image_put(im, SEC_LENGTHS, plen, n_passages * sizeof *plen);
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
    free(b->v);
    free(b->spans);
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
    ix->ascii_stemmer = sb_stemmer_new("english", "ISO_8859_1");
    if (!ix->stemmer || !ix->ascii_stemmer || setup_lexicon(ix)) {
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
    ix->actor_term = malloc((c->n_actors ? c->n_actors : 1) * sizeof *ix->actor_term);
    ix->articles = calloc(c->n_articles ? c->n_articles : 1, sizeof *ix->articles);
    ix->resident = malloc((c->n_articles ? c->n_articles : 1) * sizeof *ix->resident);
    if (!ix->actor_term || !ix->articles || !ix->resident)
        return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    ix->n_articles = c->n_articles;
    for (size_t a = 0; a < c->n_actors; a++)
        ix->actor_term[a] = -1;
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
    ix->indexed = im->s[SEC_INDEXED].data;
    const cache_meta *meta = SEC_AS(im, SEC_META, cache_meta);
    if (im->s[SEC_META].count != 1 || im->s[SEC_FWD_OFFSETS].count != c->n_passages + 1 ||
        im->s[SEC_NORMS].count != c->n_passages || im->s[SEC_INDEXED].count != c->n_passages ||
        im->s[SEC_LENGTHS].count != c->n_passages || meta->n_docs > c->n_passages || !pool->size ||
        pool->data[pool->size - 1] != '\0' || ix->n_terms > UINT32_MAX)
        return set_error(err, DOSSIER_ERR_INVALID, "corrupt index section: sizes");
    ix->n_docs = meta->n_docs;
    ix->avglen = bm25_avglen(meta->total_len, ix->n_docs);
    ix->vocab = keytab_view(&im->s[SEC_TERM_SLOTS], &im->s[SEC_TERMS], sizeof(term_rec), pool);
    if ((ix->n_terms && !ix->vocab.cap) || !keytab_keys_valid(&ix->vocab))
        return set_error(err, DOSSIER_ERR_INVALID, "corrupt index section: term table");
    for (size_t a = 0; a < c->n_actors; a++) {
        char term[160];
        size_t n = actor_term(c, (long)a, term, sizeof term);
        ix->actor_term[a] = index_term(ix, term, n);
    }
    return DOSSIER_OK;
}

static void article_words_free(article_words *aw) {
    if (!aw) return;
    token_list_free(&aw->t);
    fact_list_free(&aw->facts);
    free(aw->codes);
    free(aw->flags);
    free(aw->marks);
    free(aw->word_first);  /* and word_end */
    free(aw->actor_words); /* and passage_actors */
    free(aw->meta_actors);
    free(aw);
}

void free_index(index_data *ix) {
    if (!ix) return;
    if (ix->stemmer) sb_stemmer_delete(ix->stemmer);
    if (ix->ascii_stemmer) sb_stemmer_delete(ix->ascii_stemmer);
    strmap_free(&ix->stop);
    strmap_free(&ix->special);
    strmap_free(&ix->word_terms);
    stem_memo_free(&ix->stems);
    free(ix->scratch.acc);
    free(ix->scratch.touched);
    free(ix->scratch.term_peak);
    free(ix->scratch.exact);
    free(ix->scratch.exact_at);
    for (size_t a = 0; ix->articles && a < ix->n_articles; a++)
        article_words_free(ix->articles[a]);
    free(ix->articles);
    free(ix->resident);
    free(ix->actor_term);
    free(ix);
}

/* ------------------------------------------------------------ an article, for the verdict */

typedef struct {
    size_t passage;
    actor_span s;
} passage_span;

/* By passage, then position; mentions never share a start (spans do not
 * overlap), the actor only keeps the order total. */
static int cmp_passage_span(const void *x, const void *y) {
    const passage_span *a = x, *b = y;
    if (a->passage != b->passage) return a->passage < b->passage ? -1 : 1;
    if (a->s.start != b->s.start) return a->s.start < b->s.start ? -1 : 1;
    return a->s.actor < b->s.actor ? -1 : a->s.actor > b->s.actor;
}

/* The mentions of passages [first, end), from the mention sections (by
 * actor, corpus order within each), by passage and in text order. */
static passage_span *article_spans(const dossier_corpus *c, size_t first, size_t end, size_t *n) {
    passage_span *v = malloc(sizeof *v);
    size_t cap = 1;
    *n = 0;
    for (size_t a = 0; v && a < c->n_actors; a++) {
        size_t nm;
        const dossier_mention *m = dossier_actor_mentions(c, a, &nm);
        size_t lo = 0, hi = nm;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (m[mid].passage < first)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (; lo < nm && m[lo].passage < end; lo++) {
            if (!grow((void **)&v, &cap, *n + 1, sizeof *v)) {
                free(v);
                return NULL;
            }
            v[(*n)++] =
                (passage_span){m[lo].passage, {m[lo].start, m[lo].end, (long)a, m[lo].flags}};
        }
    }
    if (v && *n > 1) qsort(v, *n, sizeof *v, cmp_passage_span);
    return v;
}

static int cmp_long(const void *a, const void *b) {
    long x = *(const long *)a, y = *(const long *)b;
    return x < y ? -1 : x > y;
}

/* The actors article a's title and authors name, and its date as a fact,
 * into aw. */
static dossier_status article_meta(const dossier_corpus *c, size_t a, article_words *aw) {
    const dossier_article *art = &c->articles[a];
    const char *fields[2] = {art->title, art->author};
    for (int f = 0; f < 2; f++) {
        const char *s = fields[f];
        if (!s || !*s || !strcmp(s, "unknown")) continue;
        token_list t = {0};
        dossier_matches m = {0};
        dossier_status st = tokenize(s, strlen(s), &t);
        if (!st) st = scan_tokens(c, s, strlen(s), &t, &m);
        size_t n = aw->n_meta_actors;
        long *v = st ? NULL : realloc(aw->meta_actors, (n + m.n + 1) * sizeof *v);
        if (v) {
            aw->meta_actors = v;
            for (size_t k = 0; k < m.n; k++)
                if (m.spans[k].actor >= 0) v[n++] = m.spans[k].actor;
            aw->n_meta_actors = n;
        }
        token_list_free(&t);
        dossier_matches_free(&m);
        if (st || !v) return DOSSIER_ERR_NOMEM;
    }
    if (aw->n_meta_actors) qsort(aw->meta_actors, aw->n_meta_actors, sizeof(long), cmp_long);
    /* YYYY, YYYY-MM or YYYY-MM-DD */
    const char *d = art->date;
    fact *pf = &aw->published;
    if (d && strlen(d) >= 4 && d[0] >= '0' && d[0] <= '9') {
        pf->kind = FACT_DATE;
        pf->year = atoi(d);
        if (strlen(d) >= 7 && d[4] == '-') pf->month = atoi(d + 5);
        if (strlen(d) >= 10 && d[7] == '-') pf->day = atoi(d + 8);
    }
    return DOSSIER_OK;
}

int article_meta_names(const article_words *aw, long actor) {
    const long *v = aw->meta_actors;
    size_t lo = 0, hi = aw->n_meta_actors;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (v[mid] < actor)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < aw->n_meta_actors && v[lo] == actor;
}

/* Article a's words, facts, codes and flags: the walk of its indexed
 * passages a build made, with lookups instead of new terms. */
static article_words *make_article_words(const dossier_corpus *c, size_t ai) {
    const index_data *ix = c->index;
    const dossier_article *a = &c->articles[ai];
    const char *body = a->text + a->body_start;
    size_t body_len = a->text_len - a->body_start, first = a->first_passage;
    size_t end = first + a->n_passages;
    article_words *aw = calloc(1, sizeof *aw);
    if (!aw) return NULL;
    size_t ns = 0;
    passage_span *spans = NULL;
    actor_span *ps_spans = NULL;
    if (tokenize(body, body_len, &aw->t) || find_facts(body, body_len, &aw->t, &aw->facts) ||
        !(aw->codes = malloc((aw->t.n ? aw->t.n : 1) * sizeof *aw->codes)) ||
        !(aw->flags = calloc(aw->t.n ? aw->t.n : 1, 1)) ||
        !(aw->marks = calloc(aw->t.n ? aw->t.n : 1, 1)) ||
        !(aw->word_first = malloc(2 * (a->n_passages ? a->n_passages : 1) * sizeof(size_t))) ||
        article_meta(c, ai, aw) || !(spans = article_spans(c, first, end, &ns)) ||
        !(ps_spans = malloc((ns ? ns : 1) * sizeof *ps_spans)))
        goto fail;
    memset(aw->codes, 0xFF, (aw->t.n ? aw->t.n : 1) * sizeof *aw->codes);
    /* each passage's words by a search of their own, as a damaged cache's
     * ranges need not follow one another */
    aw->first_passage = first;
    aw->n_passages = a->n_passages;
    aw->word_end = aw->word_first + a->n_passages;
    for (size_t p = first; p < end; p++) {
        aw->word_first[p - first] = word_at_or_after(&aw->t, a->body_start, c->passages[p].start);
        aw->word_end[p - first] = word_at_or_after(&aw->t, a->body_start, c->passages[p].end);
    }
    walk w = {NULL, c, ix, &aw->t, NULL, &aw->facts, 0, aw->codes, &c->index->word_terms};
    const token_list *t = &aw->t;
    size_t wi = 0, k = 0;
    for (size_t p = first; p < end; p++) {
        const dossier_passage *ps = &c->passages[p];
        while (wi < t->n && t->tok[wi].start + a->body_start < ps->start)
            wi++;
        size_t wend = wi;
        while (wend < t->n && t->tok[wend].start + a->body_start < ps->end)
            wend++;
        size_t kn = 0;
        while (k < ns && spans[k].passage < p)
            k++;
        for (; k < ns && spans[k].passage == p; k++)
            ps_spans[kn++] = spans[k].s;
        if (ix->indexed && ix->indexed[p]) {
            text_flags(ix, body, t, wi, wend, aw->flags + wi);
            walk_passage(&w, wi, wend, ps_spans, kn, a->body_start);
        }
        wi = wend;
    }
    free(spans);
    free(ps_spans);
    for (size_t i = 0; i < aw->t.n; i++)
        aw->n_actor_words += (aw->codes[i] & CODE_TAG) == CODE_ACTOR;
    if (!(aw->actor_words = malloc((aw->n_actor_words + a->n_passages + 1) * sizeof(size_t))))
        goto fail_walked;
    aw->passage_actors = aw->actor_words + aw->n_actor_words;
    for (size_t i = 0, j = 0; i < aw->t.n; i++)
        if ((aw->codes[i] & CODE_TAG) == CODE_ACTOR) aw->actor_words[j++] = i;
    for (size_t q = 0; q < a->n_passages; q++) {
        size_t lo = 0, hi = aw->n_actor_words;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (aw->actor_words[mid] < aw->word_first[q])
                lo = mid + 1;
            else
                hi = mid;
        }
        aw->passage_actors[q] = lo;
    }
    word_marks(c, aw, aw->marks);
    /* kept for many queries: without the spare room the arrays grew with */
    token_list *kt = &aw->t;
    token *tok = kt->n ? realloc(kt->tok, kt->n * sizeof *kt->tok) : NULL;
    if (tok) kt->tok = tok, kt->cap = kt->n;
    char *folded = kt->folded ? realloc(kt->folded, kt->flen + 1) : NULL;
    if (folded) kt->folded = folded, kt->fcap = kt->flen + 1;
    fact *fv = aw->facts.n ? realloc(aw->facts.v, aw->facts.n * sizeof *fv) : NULL;
    if (fv) aw->facts.v = fv, aw->facts.cap = aw->facts.n;
    aw->bytes = sizeof *aw + aw->t.cap * sizeof *aw->t.tok + aw->t.fcap +
                aw->t.n * (sizeof *aw->codes + sizeof *aw->flags + sizeof *aw->marks) +
                (2 * aw->n_passages + aw->n_actor_words + aw->n_passages) * sizeof(size_t) +
                aw->facts.n * sizeof *aw->facts.v;
    return aw;
fail:
    free(spans);
    free(ps_spans);
fail_walked:
    article_words_free(aw);
    return NULL;
}

const article_words *article_words_of(const dossier_corpus *c, size_t a) {
    index_data *ix = c->index;
    if (a >= ix->n_articles) return NULL;
    if (!ix->articles[a]) {
        article_words *aw = make_article_words(c, a);
        if (!aw) return NULL;
        /* the least recently used go while the new one does not fit */
        while (ix->n_resident && ix->resident_bytes + aw->bytes > ARTICLE_WORDS_BUDGET) {
            size_t old = 0;
            for (size_t k = 1; k < ix->n_resident; k++)
                if (ix->articles[ix->resident[k]]->last_use <
                    ix->articles[ix->resident[old]]->last_use)
                    old = k;
            ix->resident_bytes -= ix->articles[ix->resident[old]]->bytes;
            article_words_free(ix->articles[ix->resident[old]]);
            ix->articles[ix->resident[old]] = NULL;
            ix->resident[old] = ix->resident[--ix->n_resident];
        }
        ix->articles[a] = aw;
        ix->resident[ix->n_resident++] = a;
        ix->resident_bytes += aw->bytes;
    }
    ix->articles[a]->last_use = ++ix->uses;
    return ix->articles[a];
}

/* ------------------------------------------------------------ lookups */

double index_idf(const index_data *ix, size_t df) {
    double n = (double)ix->n_docs;
    return log(1.0 + (n - (double)df + 0.5) / ((double)df + 0.5));
}

long index_term(const index_data *ix, const char *s, size_t n) {
    long id = keytab_find(&ix->vocab, s, n);
    /* a term an update left without passages is no term: as in a fresh build */
    return term_df(ix, id) ? id : -1;
}

const char *term_name(const index_data *ix, long id) {
    size_t n;
    return id >= 0 ? keytab_key(&ix->vocab, (size_t)id, &n) : "";
}

size_t term_df(const index_data *ix, long id) {
    return id >= 0 && (size_t)id < ix->n_terms ? ix->terms[id].df : 0;
}

/* The first word of t at or after byte `at` of the article file. */
static size_t word_at_or_after(const token_list *t, size_t body_start, size_t at) {
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->tok[mid].start + body_start < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void passage_words(const dossier_corpus *c, const article_words *aw, size_t p, size_t *first,
                   size_t *end) {
    if (p >= aw->first_passage && p - aw->first_passage < aw->n_passages) {
        *first = aw->word_first[p - aw->first_passage];
        *end = aw->word_end[p - aw->first_passage];
        return;
    }
    const dossier_passage *ps = &c->passages[p];
    const dossier_article *a = &c->articles[ps->article];
    *first = word_at_or_after(&aw->t, a->body_start, ps->start);
    *end = word_at_or_after(&aw->t, a->body_start, ps->end);
}

fwd_iter passage_terms(const index_data *ix, size_t p) {
    if (!ix->fwd_off) return (fwd_iter){NULL, NULL, 0, 1};
    return forward_of(ix->fwd_off, ix->forward, ix->forward_len, p);
}

int passage_term_next(const index_data *ix, fwd_iter *it, uint32_t *term, uint32_t *tf) {
    return forward_next(it, ix->n_terms, term, tf);
}

int passage_has(const index_data *ix, size_t p, long term) {
    if (term < 0) return 0;
    fwd_iter it = passage_terms(ix, p);
    uint32_t t, tf;
    while (passage_term_next(ix, &it, &t, &tf)) {
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

size_t posting_batch(posting_iter *it, size_t *passages, uint32_t *tfs, size_t max) {
    /* posting_next's checks, with the iterator in registers */
    const unsigned char *at = it->at, *end = it->end;
    uint64_t passage = it->passage, d, f;
    int started = it->started;
    size_t n = 0;
    if (!at) return 0;
    while (n < max && at < end) {
        if (!varint_get(&at, end, &d) || !varint_get(&at, end, &f) || d > it->n_passages ||
            (started && d == 0) || passage + d >= it->n_passages || f == 0 || f > UINT32_MAX) {
            at = NULL;
            break;
        }
        passage += d;
        started = 1;
        passages[n] = (size_t)passage;
        tfs[n++] = (uint32_t)f;
    }
    it->at = at;
    it->passage = passage;
    it->started = started;
    return n;
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
