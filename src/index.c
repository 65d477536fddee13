/* index.c — building the passage index at open.
 *
 * A passage's terms are its actors ("@north-korea", whatever alias the text
 * used: the DPRK, Pyongyang), its facts (facts.c: "September 13" gives
 * "#m9" and "#d9-13", "5.4.6" gives "#v5.4.6") and its other words, folded,
 * stop words dropped, stemmed with Snowball's English stemmer. Words that
 * mean the same are related at query time (related.c), not merged here. The
 * index keeps each indexed passage's terms (forward lists), each term's
 * passages (postings), and each word's code for the verdict; furniture and
 * headings that are no sentence are not indexed at all. Scoring is
 * rank.c's job. */
#include "index.h"
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

static void add_term(termlist *tl, const char *s, size_t n) {
    sb_append(&tl->buf, s, n);
    sb_putc(&tl->buf, '\0');
    tl->n++;
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
        !add_special(ix, only, SPECIAL_ONLY))
        return DOSSIER_ERR_NOMEM;
    return DOSSIER_OK;
}

/* ------------------------------------------------------------ vocabulary */

/* The id of term s[0, n), made on first sight; -2 when out of memory. */
static long intern_term(index_data *ix, const char *s, size_t n) {
    long id = strmap_get(&ix->vocab, s, n);
    if (id >= 0) return id;
    if (!grow((void **)&ix->names, &ix->names_cap, ix->n_terms + 1, sizeof *ix->names)) return -2;
    char *copy = malloc(n + 1);
    if (!copy) return -2;
    memcpy(copy, s, n);
    copy[n] = '\0';
    id = (long)ix->n_terms;
    if (!strmap_put(&ix->vocab, s, n, id)) {
        free(copy);
        return -2;
    }
    ix->names[ix->n_terms++] = copy;
    return id;
}

/* Term id of a folded corpus word, through `cache` (folded word -> term id, or
 * WORD_DROPPED): stemming and the stop and synonym lookups run once per
 * distinct word instead of once per occurrence. */
#define WORD_DROPPED (-2)

static long cached_word_term(index_data *ix, strmap *cache, const char *w, size_t n) {
    long id = strmap_get(cache, w, n);
    if (id != -1) return id;
    char term[128];
    size_t tn = word_term(ix, ix->stemmer, w, n, term, sizeof term);
    id = WORD_DROPPED;
    if (tn && (id = intern_term(ix, term, tn)) < 0) return -3;
    return strmap_put(cache, w, n, id) ? id : -3;
}

/* Term id of actor a's term, made once (actor_tid caches it; -1 = not yet). */
static long actor_term_id(index_data *ix, const dossier_corpus *c, long *actor_tid, long a,
                          termlist *tl) {
    if (actor_tid[a] >= 0) return actor_tid[a];
    tl->buf.len = 0;
    tl->n = 0;
    actor_term(c, a, tl);
    if (tl->buf.failed) return -2;
    return actor_tid[a] = intern_term(ix, tl->buf.data, strlen(tl->buf.data));
}

static int push_u32(uint32_t **v, size_t *n, size_t *cap, long x) {
    if (x < 0 || !grow((void **)v, cap, *n + 1, sizeof **v)) return 0;
    (*v)[(*n)++] = (uint32_t)x;
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

/* ------------------------------------------------------------ building */

/* Every actor mention of the corpus as a span, grouped by passage and in
 * text order within each: spans[first[p] .. first[p + 1]) are passage p's. */
typedef struct {
    actor_span *spans;
    size_t *first;
} passage_mentions;

/* By position; mentions never share a start (spans do not overlap), the
 * actor only keeps the order total. */
static int cmp_span_start(const void *x, const void *y) {
    const actor_span *a = x, *b = y;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    return a->actor < b->actor ? -1 : a->actor > b->actor;
}

/* A counting sort by passage (the mentions are many), then a sort by
 * position within each passage, where there are few. */
static dossier_status mentions_by_passage(const dossier_corpus *c, passage_mentions *pm) {
    size_t nm = 0;
    for (size_t a = 0; a < c->n_actors; a++)
        nm += c->mentions[a].n;
    pm->spans = malloc((nm ? nm : 1) * sizeof *pm->spans);
    size_t *first = pm->first = calloc(c->n_passages + 1, sizeof *pm->first);
    if (!pm->spans || !first) return DOSSIER_ERR_NOMEM;
    for (size_t a = 0; a < c->n_actors; a++)
        for (size_t k = 0; k < c->mentions[a].n; k++)
            first[c->mentions[a].items[k].passage + 1]++;
    for (size_t p = 0; p < c->n_passages; p++)
        first[p + 1] += first[p];
    /* filling moves first[p] to where passage p's mentions end, which is
     * where p + 1's begin: shifted back by one passage afterwards */
    for (size_t a = 0; a < c->n_actors; a++)
        for (size_t k = 0; k < c->mentions[a].n; k++) {
            const dossier_mention *m = &c->mentions[a].items[k];
            pm->spans[first[m->passage]++] = (actor_span){m->start, m->end, (long)a, m->flags};
        }
    memmove(first + 1, first, c->n_passages * sizeof *first);
    first[0] = 0;
    /* a passage of many mentions (a hostile corpus) must not make this quadratic */
    for (size_t p = 0; p < c->n_passages; p++) {
        actor_span *v = pm->spans + first[p];
        size_t n = first[p + 1] - first[p];
        if (n > 32) {
            qsort(v, n, sizeof *v, cmp_span_start);
            continue;
        }
        for (size_t i = 1; i < n; i++) {
            actor_span m = v[i];
            size_t j = i;
            for (; j > 0 && v[j - 1].start > m.start; j--)
                v[j] = v[j - 1];
            v[j] = m;
        }
    }
    return DOSSIER_OK;
}

/* A heading written as a sentence counts as one: at least 6 words, and not
 * in title case (fewer than half its words capitalised). "A regional
 * prosecutor says there isn't enough evidence" is; "More Evidence of
 * Russia's Stronger Relationship" and "Washington irritated" are not. */
static int sentence_like(const dossier_corpus *c, const token_list *t, size_t first, size_t end,
                         const dossier_article *art) {
    size_t words = end - first, caps = 0;
    if (words < 6) return 0;
    for (size_t k = first; k < end; k++) {
        unsigned char ch = (unsigned char)art->text[art->body_start + t->tok[k].start];
        caps += ch >= 'A' && ch <= 'Z';
    }
    (void)c;
    return caps * 2 < words;
}

/* Each indexed passage's term ids, sorted, and its length in terms; each of
 * its words' codes. The words of a passage are those of its article's body
 * (tokenized once at open) that start inside it; sentences never end inside
 * a word. An actor's name gives its one term, a fact its terms (facts.c). */
static dossier_status forward_lists(const dossier_corpus *c, index_data *ix,
                                    const passage_mentions *pm) {
    long *actor_tid = ix->actor_term = malloc((c->n_actors ? c->n_actors : 1) * sizeof *actor_tid);
    ix->fwd_start = calloc(c->n_passages + 1, sizeof *ix->fwd_start);
    ix->plen = calloc(c->n_passages ? c->n_passages : 1, sizeof *ix->plen);
    ix->indexed = calloc(c->n_passages ? c->n_passages : 1, 1);
    uint32_t *fwd = NULL;
    size_t fwd_n = 0, fwd_cap = 0;
    termlist tl = {{0}, 0};
    strmap cache = {0};
    dossier_status s = DOSSIER_OK;
    if (!actor_tid || !ix->fwd_start || !ix->plen || !ix->indexed) goto nomem;
    for (size_t a = 0; a < c->n_actors; a++)
        actor_tid[a] = -1;
    size_t wi = 0, fi = 0;
    double total = 0;
    for (size_t p = 0; p < c->n_passages; p++) {
        const dossier_passage *ps = &c->passages[p];
        const dossier_article *art = &c->articles[ps->article];
        const token_list *t = &c->body_words[ps->article];
        const fact_list *facts = &ix->facts[ps->article];
        uint32_t *codes = ix->codes[ps->article];
        const actor_span *spans = pm->spans + pm->first[p];
        size_t ns = pm->first[p + 1] - pm->first[p];
        if (p == 0 || ps->article != c->passages[p - 1].article) wi = fi = 0;
        ix->fwd_start[p] = fwd_n;
        while (wi < t->n && t->tok[wi].start + art->body_start < ps->start)
            wi++;
        size_t wend = wi;
        while (wend < t->n && t->tok[wend].start + art->body_start < ps->end)
            wend++;
        if (ps->kind != DOSSIER_PROSE &&
            !(ps->kind == DOSSIER_HEADING && sentence_like(c, t, wi, wend, art))) {
            wi = wend;
            continue;
        }
        ix->indexed[p] = 1;
        text_flags(ix, art->text + art->body_start, t, wi, wend, ix->flags[ps->article] + wi);
        size_t start = fwd_n, k = 0;
        for (; wi < wend; wi++) {
            const token *w = &t->tok[wi];
            size_t at = w->start + art->body_start;
            for (; k < ns && spans[k].end <= at; k++)
                if (!push_u32(&fwd, &fwd_n, &fwd_cap,
                              actor_term_id(ix, c, actor_tid, spans[k].actor, &tl)))
                    goto nomem;
            if (k < ns && spans[k].start <= at) { /* inside an actor's name */
                codes[wi] = spans[k].start != at
                                ? CODE_INSIDE
                                : CODE_ACTOR | (uint32_t)spans[k].actor |
                                      (spans[k].flags & DOSSIER_MATCH_DEMONYM ? CODE_DEMONYM : 0);
                continue;
            }
            while (fi < facts->n && facts->v[fi].tok_last < wi)
                fi++;
            if (fi < facts->n && facts->v[fi].tok_first <= wi) { /* inside a fact */
                if (facts->v[fi].tok_first != wi) {
                    codes[wi] = CODE_INSIDE;
                    continue;
                }
                codes[wi] = CODE_FACT | (uint32_t)fi;
                char term[64];
                for (unsigned f = 0; fact_term(&facts->v[fi], f, term, sizeof term); f++) {
                    long id = intern_term(ix, term, strlen(term));
                    if (!push_u32(&fwd, &fwd_n, &fwd_cap, id)) goto nomem;
                }
                continue;
            }
            long id = cached_word_term(ix, &cache, t->folded + w->fstart, w->flen);
            if (id == WORD_DROPPED) continue;
            if (id < 0 || !push_u32(&fwd, &fwd_n, &fwd_cap, id)) goto nomem;
            codes[wi] = (uint32_t)id;
        }
        for (; k < ns; k++)
            if (!push_u32(&fwd, &fwd_n, &fwd_cap,
                          actor_term_id(ix, c, actor_tid, spans[k].actor, &tl)))
                goto nomem;
        ix->plen[p] = (uint32_t)(fwd_n - start);
        total += (double)(fwd_n - start);
        ix->n_docs++;
        if (fwd_n > start) /* fwd is still NULL before the first term */
            sort_terms(fwd + start, fwd_n - start);
    }
    ix->fwd_start[c->n_passages] = fwd_n;
    ix->fwd_term = fwd;
    fwd = NULL;
    ix->avglen = ix->n_docs ? total / (double)ix->n_docs : 1.0;
    goto done;
nomem:
    s = DOSSIER_ERR_NOMEM;
done:
    free(fwd);
    strmap_free(&cache);
    sb_free(&tl.buf);
    return s;
}

/* Each article's facts and a code for each of its words (CODE_NONE until
 * forward_lists gives the words of indexed passages theirs). */
static dossier_status article_words(const dossier_corpus *c, index_data *ix) {
    ix->codes = calloc(c->n_articles ? c->n_articles : 1, sizeof *ix->codes);
    ix->flags = calloc(c->n_articles ? c->n_articles : 1, sizeof *ix->flags);
    ix->facts = calloc(c->n_articles ? c->n_articles : 1, sizeof *ix->facts);
    if (!ix->codes || !ix->flags || !ix->facts) return DOSSIER_ERR_NOMEM;
    for (size_t a = 0; a < c->n_articles; a++) {
        const dossier_article *art = &c->articles[a];
        const token_list *t = &c->body_words[a];
        if (!(ix->codes[a] = malloc((t->n ? t->n : 1) * sizeof **ix->codes)))
            return DOSSIER_ERR_NOMEM;
        memset(ix->codes[a], 0xFF, (t->n ? t->n : 1) * sizeof **ix->codes);
        if (!(ix->flags[a] = calloc(t->n ? t->n : 1, 1))) return DOSSIER_ERR_NOMEM;
        if (find_facts(art->text + art->body_start, art->text_len - art->body_start, t,
                       &ix->facts[a]))
            return DOSSIER_ERR_NOMEM;
    }
    return DOSSIER_OK;
}

static int cmp_long(const void *a, const void *b) {
    long x = *(const long *)a, y = *(const long *)b;
    return x < y ? -1 : x > y;
}

/* The actors an article's title and authors name, and its date as a fact. */
static dossier_status article_meta(const dossier_corpus *c, index_data *ix) {
    size_t na = c->n_articles ? c->n_articles : 1;
    ix->meta_actors = calloc(na, sizeof *ix->meta_actors);
    ix->n_meta_actors = calloc(na, sizeof *ix->n_meta_actors);
    ix->published = calloc(na, sizeof *ix->published);
    if (!ix->meta_actors || !ix->n_meta_actors || !ix->published) return DOSSIER_ERR_NOMEM;
    for (size_t a = 0; a < c->n_articles; a++) {
        const dossier_article *art = &c->articles[a];
        const char *fields[2] = {art->title, art->author};
        for (int f = 0; f < 2; f++) {
            const char *s = fields[f];
            if (!s || !*s || !strcmp(s, "unknown")) continue;
            token_list t = {0};
            dossier_matches m = {0};
            dossier_status st = tokenize(s, strlen(s), &t);
            if (!st) st = scan_tokens(c, s, strlen(s), &t, &m);
            size_t n = ix->n_meta_actors[a];
            long *v = st ? NULL : realloc(ix->meta_actors[a], (n + m.n + 1) * sizeof *v);
            if (v) {
                ix->meta_actors[a] = v;
                for (size_t k = 0; k < m.n; k++)
                    if (m.spans[k].actor >= 0) v[n++] = m.spans[k].actor;
                ix->n_meta_actors[a] = n;
            }
            token_list_free(&t);
            dossier_matches_free(&m);
            if (st || !v) return DOSSIER_ERR_NOMEM;
        }
        if (ix->n_meta_actors[a])
            qsort(ix->meta_actors[a], ix->n_meta_actors[a], sizeof(long), cmp_long);
        /* YYYY, YYYY-MM or YYYY-MM-DD */
        const char *d = art->date;
        fact *pf = &ix->published[a];
        if (d && strlen(d) >= 4 && d[0] >= '0' && d[0] <= '9') {
            pf->kind = FACT_DATE;
            pf->year = atoi(d);
            if (strlen(d) >= 7 && d[4] == '-') pf->month = atoi(d + 5);
            if (strlen(d) >= 10 && d[7] == '-') pf->day = atoi(d + 8);
        }
    }
    return DOSSIER_OK;
}

int article_names(const index_data *ix, size_t a, long actor) {
    const long *v = ix->meta_actors[a];
    size_t lo = 0, hi = ix->n_meta_actors[a];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (v[mid] < actor)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ix->n_meta_actors[a] && v[lo] == actor;
}

/* Each term's document frequency and postings, from the forward lists. */
static dossier_status postings(const dossier_corpus *c, index_data *ix) {
    ix->df = calloc(ix->n_terms ? ix->n_terms : 1, sizeof *ix->df);
    ix->post_start = calloc(ix->n_terms + 1, sizeof *ix->post_start);
    if (!ix->df || !ix->post_start) return DOSSIER_ERR_NOMEM;
    for (size_t p = 0; p < c->n_passages; p++)
        for (size_t k = ix->fwd_start[p]; k < ix->fwd_start[p + 1]; k++)
            if (k == ix->fwd_start[p] || ix->fwd_term[k] != ix->fwd_term[k - 1])
                ix->df[ix->fwd_term[k]]++;
    for (size_t t = 0; t < ix->n_terms; t++)
        ix->post_start[t + 1] = ix->post_start[t] + ix->df[t];
    size_t np = ix->post_start[ix->n_terms];
    ix->post_passage = malloc((np ? np : 1) * sizeof *ix->post_passage);
    ix->post_tf = malloc((np ? np : 1) * sizeof *ix->post_tf);
    size_t *fill = calloc(ix->n_terms ? ix->n_terms : 1, sizeof *fill);
    if (!ix->post_passage || !ix->post_tf || !fill) {
        free(fill);
        return DOSSIER_ERR_NOMEM;
    }
    for (size_t p = 0; p < c->n_passages; p++) {
        size_t k = ix->fwd_start[p], e = ix->fwd_start[p + 1];
        while (k < e) {
            uint32_t term = ix->fwd_term[k];
            size_t j = k;
            while (j < e && ix->fwd_term[j] == term)
                j++;
            size_t at = ix->post_start[term] + fill[term]++;
            ix->post_passage[at] = (uint32_t)p;
            ix->post_tf[at] = (uint32_t)(j - k);
            k = j;
        }
    }
    free(fill);
    return DOSSIER_OK;
}

dossier_status build_index(dossier_corpus *c, dossier_error *err) {
    index_data *ix = calloc(1, sizeof *ix);
    if (!ix) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    c->index = ix;
    ix->stemmer = sb_stemmer_new("english", "UTF_8");
    if (!ix->stemmer || setup_lexicon(ix))
        return set_error(err, DOSSIER_ERR_NOMEM, "out of memory (stemmer)");
    passage_mentions pm = {NULL, NULL};
    dossier_status s = article_words(c, ix);
    if (!s) s = mentions_by_passage(c, &pm);
    if (!s) s = forward_lists(c, ix, &pm);
    free(pm.spans);
    free(pm.first);
    if (!s) s = postings(c, ix);
    if (!s) s = article_meta(c, ix);
    if (s) return set_error(err, s, "out of memory while indexing");
    return DOSSIER_OK;
}

void free_index(index_data *ix, size_t n_articles) {
    if (!ix) return;
    if (ix->stemmer) sb_stemmer_delete(ix->stemmer);
    strmap_free(&ix->stop);
    strmap_free(&ix->special);
    strmap_free(&ix->vocab);
    for (size_t a = 0; a < n_articles; a++) {
        if (ix->meta_actors) free(ix->meta_actors[a]);
        if (ix->codes) free(ix->codes[a]);
        if (ix->flags) free(ix->flags[a]);
        if (ix->facts) fact_list_free(&ix->facts[a]);
    }
    free(ix->meta_actors);
    free(ix->n_meta_actors);
    free(ix->published);
    free(ix->codes);
    free(ix->flags);
    free(ix->facts);
    free(ix->indexed);
    free(ix->actor_term);
    for (size_t i = 0; i < ix->n_terms; i++)
        free(ix->names[i]);
    free(ix->names);
    free(ix->df);
    free(ix->post_start);
    free(ix->post_passage);
    free(ix->post_tf);
    free(ix->fwd_start);
    free(ix->fwd_term);
    free(ix->plen);
    free(ix);
}

/* ------------------------------------------------------------ lookups */

double index_idf(const index_data *ix, size_t df) {
    double n = (double)ix->n_docs;
    return log(1.0 + (n - (double)df + 0.5) / ((double)df + 0.5));
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

void passage_words(const dossier_corpus *c, size_t p, size_t *first, size_t *end) {
    const dossier_passage *ps = &c->passages[p];
    const dossier_article *a = &c->articles[ps->article];
    const token_list *t = &c->body_words[ps->article];
    *first = word_at_or_after(t, a->body_start, ps->start);
    *end = word_at_or_after(t, a->body_start, ps->end);
}

long index_term(const index_data *ix, const char *s, size_t n) {
    return strmap_get(&ix->vocab, s, n);
}

int passage_has(const index_data *ix, size_t p, long term) {
    size_t lo = ix->fwd_start[p], hi = ix->fwd_start[p + 1];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ix->fwd_term[mid] < (uint32_t)term)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ix->fwd_start[p + 1] && ix->fwd_term[lo] == (uint32_t)term;
}
