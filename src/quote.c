/* quote.c — finding quotations in a draft and checking them against the sources.
 *
 * A quotation is compared word by word on folded words (so case, diacritics,
 * quote-mark style, whitespace and line breaks do not matter). Candidate places
 * in each article are the diagonals where many of the quotation's words line up
 * (word i of the quote at word j of the article votes for start j - i); the
 * best few are aligned with a word-level edit distance that lets the source
 * wording start and end anywhere. Distance 0 with the same punctuation between
 * the words is "exact"; a close alignment is "altered"; else "none".
 *
 * The articles' words are kept as word ids (SEC_WORD_*): each folded word of
 * a body numbered once, the body a stream of varint ids. Comparing ids is
 * comparing folded words, so the check needs no article tokenized; only the
 * articles where an alignment is reported are, for the byte offsets. */
#include "build.h"
#include "index.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

#define MAX_QUOTE_WORDS 400
#define CANDIDATES_PER_ARTICLE 8
#define ALTERED_SIMILARITY 0.55
#define ALTERED_MIN_SHARED 3

/* ------------------------------------------------------------ finding quotations */

static int is_blank_between(const char *t, size_t b, size_t e) {
    /* a blank line ends any open quotation */
    for (size_t i = b; i + 1 < e; i++) {
        if (t[i] != '\n') continue;
        size_t j = i + 1;
        while (j < e && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r'))
            j++;
        if (j < e && t[j] == '\n') return 1;
    }
    return 0;
}

/* Where a blank line starting with the '\n' at i would end. The text need not
 * be NUL-terminated, so nothing past len is read. */
static size_t blank_line_end(const char *t, size_t len, size_t i) {
    size_t j = i + 1;
    while (j < len && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r'))
        j++;
    return j < len ? j + 1 : len;
}

dossier_status dossier_find_quotations(const char *text, size_t len, dossier_range **out, size_t *n,
                                       dossier_error *err) {
    if (!out || !n || (!text && len))
        return set_error(err, DOSSIER_ERR_ARG, "dossier_find_quotations: NULL argument");
    *out = NULL;
    *n = 0;
    size_t cap = 0, open = 0;
    int in = 0; /* 0 none, 1 curly, 2 straight */
    for (size_t i = 0; i < len;) {
        size_t cl;
        uint32_t cp = utf8_decode(text, len, i, &cl);
        int opens_curly = cp == 0x201C, closes_curly = cp == 0x201D, straight = cp == '"';
        if (in && cp == '\n' && is_blank_between(text, i, blank_line_end(text, len, i))) {
            in = 0; /* a blank line ends an unclosed quotation */
        } else if (in && ((in == 1 && closes_curly) || (in == 2 && straight))) {
            if (i > open && !is_blank_between(text, open, i)) {
                if (!grow((void **)out, &cap, *n + 1, sizeof **out)) {
                    free(*out);
                    *out = NULL;
                    *n = 0;
                    return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
                }
                (*out)[(*n)++] = (dossier_range){open, i, 0, DOSSIER_PROSE};
            }
            in = 0;
        } else if (!in && (opens_curly || straight)) {
            in = opens_curly ? 1 : 2;
            open = i + cl;
        } else if (in && opens_curly) {
            open = i + cl; /* an unclosed quote: start again */
            in = 1;
        }
        i += cl;
    }
    return DOSSIER_OK;
}

/* ------------------------------------------------------------ checking */

/* A text's words as word ids; a quotation's words the corpus lacks get
 * NO_WORD, which equals no article word. */
#define NO_WORD UINT32_MAX

typedef struct {
    uint32_t *id;
    size_t n, cap;
} word_ids;

static int same_word(const word_ids *a, size_t i, const word_ids *b, size_t j) {
    return a->id[i] == b->id[j] && a->id[i] != NO_WORD;
}

static int is_quote_mark(uint32_t cp) {
    return cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x201D || cp == 0x2018 ||
           cp == 0x2019 || cp == 0xAB || cp == 0xBB || cp == 0x2BC;
}

/* Punctuation between words (quote marks and spaces left out), for the exact test. */
static void punctuation(const char *s, size_t b, size_t e, strbuf *out) {
    for (size_t i = b; i < e;) {
        size_t cl;
        uint32_t cp = utf8_decode(s, e, i, &cl);
        if (!is_word_char(cp) && !is_quote_mark(cp) && cp != ' ' && cp != '\n' && cp != '\t' &&
            cp != '\r' && cp != 0xA0)
            sb_append(out, s + i, cl);
        i += cl;
    }
}

typedef struct {
    double similarity;
    size_t dist, shared;
    size_t article, first, last; /* article words first..last (inclusive) */
    int found;
} alignment;

/* Aligns all of q against a stretch of a (free start and end in a). */
static void align(const word_ids *q, const word_ids *a, size_t from, size_t to, size_t *dist,
                  size_t *first, size_t *last, size_t *shared, size_t *work, size_t *start,
                  size_t *same) {
    size_t n = q->n, w = to - from + 1;
    /* row 0: aligning nothing costs nothing wherever it starts */
    for (size_t j = 0; j < w; j++)
        work[j] = 0, start[j] = from + j, same[j] = 0;
    for (size_t i = 1; i <= n; i++) {
        size_t *prev = work + (i - 1) * w, *cur = work + i * w;
        size_t *ps = start + (i - 1) * w, *cs = start + i * w;
        size_t *pm = same + (i - 1) * w, *cm = same + i * w;
        cur[0] = prev[0] + 1, cs[0] = ps[0], cm[0] = pm[0];
        for (size_t j = 1; j < w; j++) {
            int eq = same_word(q, i - 1, a, from + j - 1);
            size_t best = prev[j - 1] + (eq ? 0 : 1), bs = ps[j - 1], bm = pm[j - 1] + (size_t)eq;
            if (prev[j] + 1 < best) best = prev[j] + 1, bs = ps[j], bm = pm[j];
            if (cur[j - 1] + 1 < best) best = cur[j - 1] + 1, bs = cs[j - 1], bm = cm[j - 1];
            cur[j] = best, cs[j] = bs, cm[j] = bm;
        }
    }
    size_t *row = work + n * w, bestj = 0;
    for (size_t j = 1; j < w; j++)
        if (row[j] <= row[bestj]) bestj = j; /* on a tie, the longer source wording */
    *dist = row[bestj];
    *first = start[n * w + bestj];
    *last = from + bestj; /* one past the last word */
    *shared = same[n * w + bestj];
}

static int cmp_votes(const void *x, const void *y) {
    const size_t *a = x, *b = y;
    return a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : (a[0] > b[0]) - (a[0] < b[0]);
}

/* The quotation's words by id: where each first occurs (a small hash of
 * ids, so each article word costs one probe). */
typedef struct {
    uint32_t *key; /* word id + 1, 0 = empty */
    size_t *first;
    size_t mask;
} quote_words;

static int quote_words_make(quote_words *w, const word_ids *q) {
    size_t cap = 16;
    while (cap < 2 * q->n + 1)
        cap *= 2;
    w->key = calloc(cap, sizeof *w->key);
    w->first = malloc(cap * sizeof *w->first);
    w->mask = cap - 1;
    if (!w->key || !w->first) return 0;
    for (size_t i = 0; i < q->n; i++) {
        if (q->id[i] == NO_WORD) continue;
        size_t j = (q->id[i] * 2654435761u) & w->mask;
        while (w->key[j] && w->key[j] != q->id[i] + 1)
            j = (j + 1) & w->mask;
        if (!w->key[j]) w->key[j] = q->id[i] + 1, w->first[j] = i;
    }
    return 1;
}

/* Where word id first occurs in the quotation, or -1. */
static long quote_words_first(const quote_words *w, uint32_t id) {
    if (id == NO_WORD) return -1;
    size_t j = (id * 2654435761u) & w->mask;
    while (w->key[j]) {
        if (w->key[j] == id + 1) return (long)w->first[j];
        j = (j + 1) & w->mask;
    }
    return -1;
}

static void quote_words_free(quote_words *w) {
    free(w->key);
    free(w->first);
}

static dossier_status best_in_article(size_t ai, const word_ids *q, const quote_words *qw,
                                      const word_ids *a, alignment *best) {
    size_t n = q->n, m = a->n;
    if (!m) return DOSSIER_OK;
    /* votes per diagonal: start = j - i, offset by n so it is never negative */
    size_t *votes = calloc(m + n, sizeof *votes);
    if (!votes) return DOSSIER_ERR_NOMEM;
    for (size_t j = 0; j < m; j++) {
        long i = quote_words_first(qw, a->id[j]);
        if (i < 0) continue;
        /* a repeated quote word votes from each of its places */
        for (size_t k = (size_t)i; k < n; k++)
            if (same_word(q, k, a, j) && j + n >= k) votes[j + n - k]++;
    }
    /* the best diagonals, most votes first, then the earlier: each better
     * one put in its place among them (what sorting them again gave) */
    size_t top[CANDIDATES_PER_ARTICLE][2] = {{0}};
    for (size_t d = 0; d < m + n; d++) {
        if (votes[d] <= top[CANDIDATES_PER_ARTICLE - 1][1]) continue;
        size_t k = CANDIDATES_PER_ARTICLE - 1;
        size_t cand[2] = {d, votes[d]};
        while (k > 0 && cmp_votes(cand, top[k - 1]) < 0) {
            top[k][0] = top[k - 1][0], top[k][1] = top[k - 1][1];
            k--;
        }
        top[k][0] = cand[0], top[k][1] = cand[1];
    }
    free(votes);
    size_t slack = n / 4 + 3, w = n + 2 * slack + 1;
    size_t *work = malloc((n + 1) * w * sizeof *work);
    size_t *start = malloc((n + 1) * w * sizeof *start);
    size_t *same = malloc((n + 1) * w * sizeof *same);
    dossier_status s = DOSSIER_OK;
    if (!work || !start || !same) s = DOSSIER_ERR_NOMEM;
    for (size_t k = 0; !s && k < CANDIDATES_PER_ARTICLE && top[k][1] > 0; k++) {
        long st = (long)top[k][0] - (long)n; /* article word where the quote would start */
        long from = st - (long)slack, to = st + (long)n + (long)slack;
        if (from < 0) from = 0;
        if (to > (long)m) to = (long)m;
        if (to <= from) continue;
        size_t dist, first, last, shared;
        align(q, a, (size_t)from, (size_t)to, &dist, &first, &last, &shared, work, start, same);
        if (last <= first) continue;
        size_t span = last - first > n ? last - first : n;
        double sim = 1.0 - (double)dist / (double)span;
        if (!best->found || sim > best->similarity) {
            *best = (alignment){sim, dist, shared, ai, first, last - 1, 1};
        }
    }
    free(work);
    free(start);
    free(same);
    return s;
}

static size_t passage_at(const dossier_corpus *c, size_t article, size_t off) {
    const dossier_article *a = &c->articles[article];
    size_t best = a->first_passage;
    for (size_t p = a->first_passage; p < a->first_passage + a->n_passages;
         p++) { /* checked at open */
        if (c->passages[p].start > off) break;
        best = p;
    }
    return best;
}

/* The words of article ai as ids, into w; 0 when its stream is corrupt. */
static int article_word_ids(const dossier_corpus *c, size_t ai, word_ids *w) {
    const word_index *wx = &c->words;
    uint64_t n = c->article_recs[ai].n_words, from = wx->offsets[ai], to = wx->offsets[ai + 1];
    w->n = 0;
    if (n == 0) return 1;
    if (!wx->stream || from > to || to > wx->stream_len || n > to - from) return 0;
    if (!grow((void **)&w->id, &w->cap, (size_t)n + 1, sizeof *w->id)) return 0;
    const unsigned char *p = wx->stream + from, *end = wx->stream + to;
    for (uint64_t k = 0; k < n; k++) {
        uint64_t v;
        if (!varint_get(&p, end, &v) || v >= NO_WORD) return 0;
        w->id[w->n++] = (uint32_t)v;
    }
    return 1;
}

/* The byte range of words first..last of article ai in the article file,
 * from the words of its body the verdict reads (article_words_of: the same
 * words the stream was made from, tokenized once and kept); 0 when they
 * are not there (a corrupt cache) or out of memory. */
static int word_range(const dossier_corpus *c, size_t ai, size_t first, size_t last, size_t *start,
                      size_t *end) {
    const dossier_article *a = &c->articles[ai];
    const article_words *aw = article_words_of(c, ai);
    if (!aw || last >= aw->t.n || first > last) return 0;
    *start = aw->t.tok[first].start + a->body_start;
    *end = aw->t.tok[last].end + a->body_start;
    return 1;
}

dossier_status dossier_check_quote(const dossier_corpus *c, const char *text, size_t len,
                                   dossier_quote_result *out, dossier_error *err) {
    if (!c || !out || (!text && len))
        return set_error(err, DOSSIER_ERR_ARG, "dossier_check_quote: NULL argument");
    memset(out, 0, sizeof *out);
    token_list q;
    if (tokenize(text ? text : "", len, &q))
        return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    if (q.n == 0) {
        token_list_free(&q);
        return DOSSIER_OK;
    }
    if (q.n > MAX_QUOTE_WORDS) {
        token_list_free(&q);
        return set_error(err, DOSSIER_ERR_LIMIT, "quotation longer than %d words", MAX_QUOTE_WORDS);
    }
    word_ids qi = {NULL, 0, 0}, aw = {NULL, 0, 0};
    quote_words qw = {NULL, NULL, 0};
    alignment best = {0};
    dossier_status s = DOSSIER_OK;
    if (!grow((void **)&qi.id, &qi.cap, q.n, sizeof *qi.id)) s = DOSSIER_ERR_NOMEM;
    for (size_t i = 0; !s && i < q.n; i++) {
        long id = keytab_find(&c->words.vocab, q.folded + q.tok[i].fstart, q.tok[i].flen);
        qi.id[qi.n++] = id >= 0 ? (uint32_t)id : NO_WORD;
    }
    if (!s && !quote_words_make(&qw, &qi)) s = DOSSIER_ERR_NOMEM;
    for (size_t ai = 0; ai < c->n_articles && !s; ai++) {
        const dossier_article *a = &c->articles[ai];
        if (!article_word_ids(c, ai, &aw)) continue;
        alignment cand = {0};
        s = best_in_article(ai, &qi, &qw, &aw, &cand);
        if (s || !cand.found) continue;
        size_t first = 0, last = 0;
        int have_range = 0;
        /* exact needs the punctuation between the words to agree as well */
        if (cand.dist == 0) {
            if (!word_range(c, ai, cand.first, cand.last, &first, &last)) continue;
            have_range = 1;
            strbuf p1 = {0}, p2 = {0};
            punctuation(text, q.tok[0].start, q.tok[q.n - 1].end, &p1);
            punctuation(a->text, first, last, &p2);
            if (p1.len != p2.len || (p1.len && memcmp(p1.data, p2.data, p1.len) != 0))
                cand.similarity = 0.99;
            sb_free(&p1);
            sb_free(&p2);
        }
        if (!best.found || cand.similarity > best.similarity) {
            best = cand;
            best.found = have_range ? 2 : 1; /* 2: first/last are byte offsets already */
            if (have_range) best.first = first, best.last = last;
        }
    }
    size_t n = q.n;
    token_list_free(&q);
    free(qi.id);
    free(aw.id);
    quote_words_free(&qw);
    if (s) return set_error(err, s, "out of memory while checking a quotation");
    if (!best.found) return DOSSIER_OK;
    if (best.similarity >= 1.0)
        out->verdict = DOSSIER_QUOTE_EXACT;
    else if (best.similarity >= ALTERED_SIMILARITY &&
             best.shared >= (n < ALTERED_MIN_SHARED ? n : ALTERED_MIN_SHARED))
        out->verdict = DOSSIER_QUOTE_ALTERED;
    else {
        out->similarity = best.similarity;
        return DOSSIER_OK;
    }
    const dossier_article *a = &c->articles[best.article];
    if (best.found == 1) { /* word indexes: their bytes now */
        size_t first, last;
        if (!word_range(c, best.article, best.first, best.last, &first, &last)) {
            memset(out, 0, sizeof *out);
            return DOSSIER_OK;
        }
        best.first = first, best.last = last;
    }
    out->article = best.article;
    out->start = best.first;
    out->end = best.last;
    out->similarity = best.similarity;
    out->passage = passage_at(c, best.article, best.first);
    line_col(a->text, best.first, &out->line, &out->col);
    out->source = malloc(best.last - best.first + 1);
    if (!out->source) {
        memset(out, 0, sizeof *out);
        return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    }
    memcpy(out->source, a->text + best.first, best.last - best.first);
    out->source[best.last - best.first] = '\0';
    return DOSSIER_OK;
}

/* ------------------------------------------------------------ the words of the sources */

int words_start(words_build *w, image *im, const dossier_corpus *old) {
    memset(w, 0, sizeof *w);
    w->im = im;
    return vocab_start(&w->vocab, im, SEC_WORD_STRINGS, old ? &old->words.vocab : NULL,
                       old ? &old->img.s[SEC_WORD_STRINGS] : NULL);
}

static void put_word_offset(image *im) {
    uint64_t off = im->owned[SEC_WORD_STREAM].len;
    image_put(im, SEC_WORD_OFFSETS, &off, sizeof off);
}

int words_add_article(words_build *w, const token_list *t) {
    put_word_offset(w->im);
    if (!grow((void **)&w->ids, &w->ids_cap, t->n + 1, sizeof *w->ids)) return 0;
    for (size_t i = 0; i < t->n; i++) {
        long id = vocab_intern(&w->vocab, t->folded + t->tok[i].fstart, t->tok[i].flen);
        if (id < 0) return 0;
        w->ids[i] = (uint32_t)id;
        varint_put(&w->im->owned[SEC_WORD_STREAM], (uint64_t)id);
    }
    return !image_failed(w->im);
}

int words_copy_article(words_build *w, const dossier_corpus *old, size_t oi) {
    const word_index *o = &old->words;
    uint64_t from = o->offsets[oi], to = o->offsets[oi + 1];
    if (from > to || to > o->stream_len) return 0;
    put_word_offset(w->im);
    if (to > from) image_put(w->im, SEC_WORD_STREAM, o->stream + from, to - from);
    return !image_failed(w->im);
}

int words_finish(words_build *w) {
    image *im = w->im;
    put_word_offset(im);
    image_put(im, SEC_WORDS, w->vocab.keys, w->vocab.n * sizeof *w->vocab.keys);
    return !image_failed(im) &&
           keytab_build(im, SEC_WORD_SLOTS, (const unsigned char *)im->owned[SEC_WORDS].data,
                        sizeof(key_ref), w->vocab.n, im->owned[SEC_WORD_STRINGS].data);
}

void words_free(words_build *w) {
    vocab_free(&w->vocab);
    free(w->ids);
}

dossier_status words_view(dossier_corpus *c, dossier_error *err) {
    const image *im = &c->img;
    word_index *w = &c->words;
    memset(w, 0, sizeof *w);
    if (!c->n_articles) return DOSSIER_OK;
    const section *pool = &im->s[SEC_WORD_STRINGS];
    if (im->s[SEC_WORD_OFFSETS].count != c->n_articles + 1 || !pool->size ||
        pool->data[pool->size - 1] != '\0')
        return set_error(err, DOSSIER_ERR_INVALID, "corrupt words section: sizes");
    w->offsets = SEC_AS(im, SEC_WORD_OFFSETS, uint64_t);
    w->stream = im->s[SEC_WORD_STREAM].data;
    w->stream_len = im->s[SEC_WORD_STREAM].size;
    w->vocab = keytab_view(&im->s[SEC_WORD_SLOTS], &im->s[SEC_WORDS], sizeof(key_ref), pool);
    if ((im->s[SEC_WORDS].count && !w->vocab.cap) || !keytab_keys_valid(&w->vocab))
        return set_error(err, DOSSIER_ERR_INVALID, "corrupt words section: table");
    return DOSSIER_OK;
}

const char *dossier_quote_verdict_name(dossier_quote_verdict v) {
    static const char *const names[] = {[DOSSIER_QUOTE_NONE] = "none",
                                        [DOSSIER_QUOTE_EXACT] = "exact",
                                        [DOSSIER_QUOTE_ALTERED] = "altered"};
    return (unsigned)v < sizeof names / sizeof *names ? names[v] : "unknown";
}

void dossier_quote_result_free(dossier_quote_result *r) {
    if (!r) return;
    free(r->source);
    memset(r, 0, sizeof *r);
}
