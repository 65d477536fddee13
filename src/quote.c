/* quote.c — finding quotations in a draft and checking them against the sources.
 *
 * A quotation is compared word by word on folded words (so case, diacritics,
 * quote-mark style, whitespace and line breaks do not matter). Candidate places
 * in each article are the diagonals where many of the quotation's words line up
 * (word i of the quote at word j of the article votes for start j - i); the
 * best few are aligned with a word-level edit distance that lets the source
 * wording start and end anywhere. Distance 0 with the same punctuation between
 * the words is "exact"; a close alignment is "altered"; else "none". */
#include "corpus.h"
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

static int same_word(const token_list *a, size_t i, const token_list *b, size_t j) {
    return a->tok[i].flen == b->tok[j].flen &&
           memcmp(a->folded + a->tok[i].fstart, b->folded + b->tok[j].fstart, a->tok[i].flen) == 0;
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
static void align(const token_list *q, const token_list *a, size_t from, size_t to, size_t *dist,
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

static dossier_status best_in_article(size_t ai, const token_list *q, const token_list *a,
                                      alignment *best) {
    size_t n = q->n, m = a->n;
    if (!m) return DOSSIER_OK;
    /* votes per diagonal: start = j - i, offset by n so it is never negative */
    size_t *votes = calloc(m + n, sizeof *votes);
    strmap qwords = {0};
    if (!votes) return DOSSIER_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        if (strmap_get(&qwords, q->folded + q->tok[i].fstart, q->tok[i].flen) < 0 &&
            !strmap_put(&qwords, q->folded + q->tok[i].fstart, q->tok[i].flen, (long)i)) {
            free(votes);
            strmap_free(&qwords);
            return DOSSIER_ERR_NOMEM;
        }
    for (size_t j = 0; j < m; j++) {
        long i = strmap_get(&qwords, a->folded + a->tok[j].fstart, a->tok[j].flen);
        if (i < 0) continue;
        /* a repeated quote word votes from each of its places */
        for (size_t k = (size_t)i; k < n; k++)
            if (same_word(q, k, a, j) && j + n >= k) votes[j + n - k]++;
    }
    strmap_free(&qwords);
    size_t top[CANDIDATES_PER_ARTICLE][2] = {{0}};
    for (size_t d = 0; d < m + n; d++) {
        if (votes[d] <= top[CANDIDATES_PER_ARTICLE - 1][1]) continue;
        top[CANDIDATES_PER_ARTICLE - 1][0] = d;
        top[CANDIDATES_PER_ARTICLE - 1][1] = votes[d];
        qsort(top, CANDIDATES_PER_ARTICLE, sizeof top[0], cmp_votes);
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
    for (size_t p = a->first_passage; p < a->first_passage + a->n_passages; p++) {
        if (c->passages[p].start > off) break;
        best = p;
    }
    return best;
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
    alignment best = {0};
    dossier_status s = DOSSIER_OK;
    for (size_t ai = 0; ai < c->n_articles && !s; ai++) {
        const dossier_article *a = &c->articles[ai];
        const token_list *at = &c->body_words[ai];
        alignment cand = {0};
        s = best_in_article(ai, &q, at, &cand);
        if (!s && cand.found) {
            /* exact needs the punctuation between the words to agree as well */
            if (cand.dist == 0) {
                strbuf p1 = {0}, p2 = {0};
                punctuation(text, q.tok[0].start, q.tok[q.n - 1].end, &p1);
                punctuation(a->text + a->body_start, at->tok[cand.first].start,
                            at->tok[cand.last].end, &p2);
                if (p1.len != p2.len || (p1.len && memcmp(p1.data, p2.data, p1.len) != 0))
                    cand.similarity = 0.99;
                sb_free(&p1);
                sb_free(&p2);
            }
            if (!best.found || cand.similarity > best.similarity) {
                best = cand;
                best.first = at->tok[cand.first].start + a->body_start;
                best.last = at->tok[cand.last].end + a->body_start;
            }
        }
    }
    size_t n = q.n;
    token_list_free(&q);
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
