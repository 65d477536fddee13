/* scan.c — finds actor mentions in text.
 *
 * The text is cut into folded words once; at each word a hash lookup of the
 * word among the first words of all aliases says whether any alias can start
 * there and how long the longest one is. Only then are the phrases of that
 * many words, longest first, looked up whole. The cost per word is constant:
 * it does not grow with the number of aliases, unlike one big regular
 * expression alternation. Shared short forms ("Kim") are resolved afterwards
 * from the full names around them. */
#include "scan.h"
#include "build.h"
#include "pattern.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
    dossier_span *v;
    size_t n, cap;
} span_vec;

static int push_span(span_vec *s, const dossier_span *sp) {
    if (!grow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v)) return 0;
    s->v[s->n++] = *sp;
    return 1;
}

/* Whether words i..i+len of t are written as alias e needs: its capitalised
 * words capitalised, and no capitalised word right after it, which would make
 * it part of a longer name ("the North Sea", "the North Korean leader"). */
static int capitals_match(const alias_rec *e, const token_list *t, size_t i, size_t len) {
    for (size_t k = 0; k < len; k++)
        if ((e->capitals >> k & 1u) && !t->tok[i + k].cap) return 0;
    return !(i + len < t->n && t->tok[i + len].soft_before && t->tok[i + len].cap);
}

/* The alias starting at word i, longest first; -1 when none. *words gets its length. */
static long match_at(const dossier_corpus *c, const token_list *t, size_t i, size_t *words) {
    const token *w = &t->tok[i];
    if (!w->flen) return -1;
    size_t bit = first_filter_bit(t->folded + w->fstart, w->flen);
    if (!(c->first_filter[bit / 64] >> bit % 64 & 1)) return -1;
    long at = keytab_find(&c->first_tab, t->folded + w->fstart, w->flen);
    if (at < 0) return -1;
    const first_word_rec *first = (const first_word_rec *)(const void *)c->first_tab.entries;
    long fw = (long)first[at].value;
    /* "the" starts only "the North": a lower-case word after it ends the search */
    if (FIRST_WORD_CAP2(fw) && !(i + 1 < t->n && t->tok[i + 1].soft_before && t->tok[i + 1].cap))
        return -1;
    size_t longest = FIRST_WORD_LONGEST(fw), shortest = FIRST_WORD_SHORTEST(fw), max = 1;
    while (max < longest && i + max < t->n && t->tok[i + max].soft_before)
        max++;
    for (size_t len = max; len >= shortest; len--) {
        const token *last = &t->tok[i + len - 1];
        long a = keytab_find(&c->alias_tab, t->folded + w->fstart,
                             last->fstart + last->flen - w->fstart);
        if (a < 0) continue;
        if (c->aliases[a].acronym && !w->upper) continue;
        if (c->aliases[a].capital && !w->cap) continue;
        if (c->aliases[a].capitals && !capitals_match(&c->aliases[a], t, i, len)) continue;
        *words = len;
        return a;
    }
    return -1;
}

/* A shared short form's candidates. */
typedef struct {
    const int32_t *v;
    size_t n;
} cands;

static cands candidates_of(const dossier_corpus *c, const alias_rec *e) {
    cands k;
    k.v = alias_candidates(c, e, &k.n);
    return k;
}

static int in_candidates(const cands *e, long actor) {
    for (size_t k = 0; k < e->n; k++)
        if (e->v[k] == actor) return 1;
    return 0;
}

/* Full mentions (not short forms) of short form e's candidates in s->v[from, to). */
static size_t distinct_candidates(const span_vec *s, size_t from, size_t to, const cands *e,
                                  long *which) {
    size_t n = 0;
    long first = -1;
    for (size_t k = from; k < to; k++) {
        if (s->v[k].flags || !in_candidates(e, s->v[k].actor))
            continue; /* names and aliases only */
        if (first < 0) {
            first = s->v[k].actor;
            n = 1;
        } else if (s->v[k].actor != first) {
            n = 2;
            break;
        }
    }
    *which = first;
    return n;
}

/* A short form is clearly meant for the candidate named in full nearest before
 * it in its paragraph: writers say "Kim" for the Kim they just named, even
 * when another was named a few sentences earlier. With no candidate named in
 * its paragraph before it, it is meant for the only one named in full in the
 * preceding stretch of text (CONTEXT_BYTES); failing that, the only one named
 * anywhere before it; failing that, the only one named in the whole text.
 * Otherwise it stays ambiguous. */
#define CONTEXT_BYTES 600
#define NEVER ((size_t)-1)

/* Per actor, the index of its first full mention (NEVER when none): answers
 * "named before span k" in constant time, so a text of many short forms is
 * not scanned again for each of them. Built on first need. */
static size_t *first_full_mentions(const dossier_corpus *c, const span_vec *s) {
    size_t *first = malloc((c->n_actors ? c->n_actors : 1) * sizeof *first);
    if (!first) return NULL;
    for (size_t a = 0; a < c->n_actors; a++)
        first[a] = NEVER;
    for (size_t k = s->n; k-- > 0;)
        if (!s->v[k].flags && s->v[k].actor >= 0) first[s->v[k].actor] = k;
    return first;
}

/* The only candidate of e first named in full before span `before`, or -1
 * when none or several are. */
static size_t named_before(const cands *e, const size_t *first, size_t before, long *which) {
    size_t n = 0;
    for (size_t x = 0; x < e->n; x++)
        if (first[e->v[x]] != NEVER && first[e->v[x]] < before) {
            *which = e->v[x];
            n++;
        }
    return n;
}

/* Whether text[from, to) holds a blank line (a paragraph break). */
static int paragraph_break(const char *text, size_t from, size_t to) {
    const char *nl = from < to ? memchr(text + from, '\n', to - from) : NULL;
    while (nl) {
        size_t i = (size_t)(nl - text) + 1;
        while (i < to && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r'))
            i++;
        if (i < to && text[i] == '\n') return 1;
        nl = i < to ? memchr(text + i, '\n', to - i) : NULL;
    }
    return 0;
}

/* What the nearest-name rule needs, built once per scan with short forms: the
 * paragraph of each span, and per actor its last full mention so far (NEVER
 * when none), kept up to date as the spans are resolved in order. */
typedef struct {
    size_t *paragraph; /* per span */
    size_t *last_full; /* per actor */
} nearest_names;

static int nearest_init(nearest_names *nn, const dossier_corpus *c, const char *text,
                        const span_vec *s) {
    nn->paragraph = malloc((s->n ? s->n : 1) * sizeof *nn->paragraph);
    nn->last_full = malloc((c->n_actors ? c->n_actors : 1) * sizeof *nn->last_full);
    if (!nn->paragraph || !nn->last_full) return 0;
    for (size_t a = 0; a < c->n_actors; a++)
        nn->last_full[a] = NEVER;
    for (size_t k = 0; k < s->n; k++)
        nn->paragraph[k] =
            k == 0 ? 0
                   : nn->paragraph[k - 1] + paragraph_break(text, s->v[k - 1].end, s->v[k].start);
    return 1;
}

static void nearest_free(nearest_names *nn) {
    free(nn->paragraph);
    free(nn->last_full);
}

/* Whether text[from, to) only joins two names into a pair or a list: spaces,
 * commas, and at most one "and", "or" or "&". */
static int only_joins(const char *text, size_t from, size_t to) {
    int words = 0;
    for (size_t i = from; i < to;) {
        char ch = text[i];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == ',') {
            i++;
            continue;
        }
        size_t n = to - i;
        if (ch == '&')
            n = 1;
        else if (n >= 3 && strncasecmp(text + i, "and", 3) == 0)
            n = 3;
        else if (n >= 2 && strncasecmp(text + i, "or", 2) == 0)
            n = 2;
        else
            return 0;
        if (++words > 1 || (i + n < to && text[i + n] != ' ' && text[i + n] != '\n')) return 0;
        i += n;
    }
    return 1;
}

/* The candidate of e named in full nearest before span `at` in its paragraph,
 * or -1. Not when that name comes in a pair or list with another candidate
 * ("North Korea and South Korea ... Korea"): which one is meant is unclear. */
static long nearest_in_paragraph(const nearest_names *nn, const char *text, const span_vec *s,
                                 size_t at, const cands *e) {
    long who = -1;
    size_t best = NEVER;
    for (size_t x = 0; x < e->n; x++) {
        size_t k = nn->last_full[e->v[x]];
        if (k != NEVER && nn->paragraph[k] == nn->paragraph[at] && (best == NEVER || k > best)) {
            best = k;
            who = e->v[x];
        }
    }
    if (who >= 0 && best > 0) {
        const dossier_span *prev = &s->v[best - 1];
        if (!prev->flags && prev->actor != who && in_candidates(e, prev->actor) &&
            only_joins(text, prev->end, s->v[best].start))
            return -1;
    }
    return who;
}

/* -1: ambiguous; -2: out of memory. *first is built on first need. */
static long resolve_short(const dossier_corpus *c, const char *text, const span_vec *s, size_t at,
                          const cands *e, const nearest_names *nn, size_t **first) {
    long who = nearest_in_paragraph(nn, text, s, at, e);
    if (who >= 0) return who;
    size_t from = at;
    while (from > 0 && s->v[at].start - s->v[from - 1].start <= CONTEXT_BYTES)
        from--;
    size_t n = distinct_candidates(s, from, at, e, &who);
    if (n == 1) return who;
    if (n > 1) return -1;
    if (!*first && !(*first = first_full_mentions(c, s))) return -2;
    n = named_before(e, *first, at, &who);
    if (n == 1) return who;
    if (n > 1) return -1;
    n = named_before(e, *first, NEVER, &who);
    return n == 1 ? who : -1;
}

/* Alias matches before short forms are resolved: the spans and, for each,
 * the alias that matched. */
typedef struct {
    span_vec s;
    long *alias_of;
    size_t acap;
} raw_matches;

static void raw_free(raw_matches *r) {
    free(r->s.v);
    free(r->alias_of);
    memset(r, 0, sizeof *r);
}

/* Appends the alias matches among the words t of text[0, len) to r, their
 * offsets shifted by `base` (where text starts in the scanned whole). */
static int match_words(const dossier_corpus *c, const char *text, size_t len, const token_list *t,
                       size_t base, raw_matches *r) {
    for (size_t i = 0; i < t->n;) {
        size_t words = 0;
        long a = match_at(c, t, i, &words);
        if (a < 0) {
            i++;
            continue;
        }
        const alias_rec *e = &c->aliases[a];
        dossier_span sp = {t->tok[i].start, t->tok[i + words - 1].end, e->actor, e->flags, 0, 0};
        if (e->dotted && sp.end < len && text[sp.end] == '.') sp.end++;
        if (e->n_cands > 1) sp.flags = DOSSIER_MATCH_AMBIGUOUS;
        sp.start += base;
        sp.end += base;
        if (!push_span(&r->s, &sp) || !grow((void **)&r->alias_of, &r->acap, r->s.n, sizeof(long)))
            return 0;
        r->alias_of[r->s.n - 1] = a;
        i += words;
    }
    return 1;
}

/* Resolves the short forms of r (which it empties) into out; text is what
 * was scanned (for its paragraphs). */
static dossier_status resolve_matches(const dossier_corpus *c, const char *text, raw_matches *r,
                                      dossier_matches *out) {
    memset(out, 0, sizeof *out);
    span_vec *s = &r->s;
    size_t ncand = 0, ccap = 0, *first = NULL;
    nearest_names nn = {NULL, NULL};
    int shorts = 0;
    for (size_t k = 0; k < s->n && !shorts; k++)
        shorts = c->aliases[r->alias_of[k]].n_cands > 1;
    if (shorts && !nearest_init(&nn, c, text, s)) goto oom;
    for (size_t k = 0; k < s->n; k++) {
        cands ce = candidates_of(c, &c->aliases[r->alias_of[k]]);
        const cands *e = &ce;
        if (e->n <= 1) {
            if (shorts && !s->v[k].flags && s->v[k].actor >= 0) nn.last_full[s->v[k].actor] = k;
            continue;
        }
        long who = resolve_short(c, text, s, k, e, &nn, &first);
        if (who == -2) goto oom;
        if (who >= 0) {
            s->v[k].actor = who;
            s->v[k].flags = DOSSIER_MATCH_SHORT;
            continue;
        }
        if (!grow((void **)&out->candidates, &ccap, ncand + e->n, sizeof *out->candidates))
            goto oom;
        s->v[k].cand_start = ncand;
        s->v[k].n_cand = e->n;
        for (size_t x = 0; x < e->n; x++)
            out->candidates[ncand++] = e->v[x];
    }
    free(first);
    nearest_free(&nn);
    out->spans = s->v;
    out->n = s->n;
    out->n_candidates = ncand;
    s->v = NULL;
    raw_free(r);
    return DOSSIER_OK;
oom:
    free(first);
    nearest_free(&nn);
    free(out->candidates);
    memset(out, 0, sizeof *out);
    raw_free(r);
    return DOSSIER_ERR_NOMEM;
}

/* The alias matches of the text's words, short forms resolved. */
static dossier_status scan_aliases(const dossier_corpus *c, const char *text, size_t len,
                                   const token_list *t, dossier_matches *out) {
    raw_matches r = {0};
    if (!match_words(c, text, len, t, 0, &r)) {
        raw_free(&r);
        memset(out, 0, sizeof *out);
        return DOSSIER_ERR_NOMEM;
    }
    return resolve_matches(c, text, &r, out);
}

/* Long texts are cut into pieces of about CHUNK_BYTES, each tokenized and
 * matched in turn, so the words of a 100 MB text are never all in memory.
 * A cut falls on an ASCII byte that can neither be in a word nor join two
 * words of a name (a comma, a bracket, a quote...): no alias spans it. */
#ifndef CHUNK_BYTES /* the fuzz build makes it small, to reach the cuts */
#define CHUNK_BYTES (256u * 1024u)
#endif

static int can_cut_at(unsigned char ch) {
    return ch < 0x80 && !((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
                          (ch >= 'A' && ch <= 'Z') || ch == ' ' || ch == '\t' || ch == '\r' ||
                          ch == '\n' || ch == '-' || ch == '\'' || ch == '.');
}

static size_t next_cut(const char *text, size_t len, size_t from) {
    if (len - from <= CHUNK_BYTES) return len;
    size_t i = from + CHUNK_BYTES;
    while (i < len && !can_cut_at((unsigned char)text[i]))
        i++;
    return i;
}

static dossier_status scan_chunked(const dossier_corpus *c, const char *text, size_t len,
                                   dossier_matches *out) {
    raw_matches r = {0};
    for (size_t from = 0; from < len;) {
        size_t to = next_cut(text, len, from);
        token_list t;
        if (tokenize(text + from, to - from, &t)) goto oom;
        int ok = match_words(c, text + from, to - from, &t, from, &r);
        token_list_free(&t);
        if (!ok) goto oom;
        from = to;
    }
    return resolve_matches(c, text, &r, out);
oom:
    raw_free(&r);
    memset(out, 0, sizeof *out);
    return DOSSIER_ERR_NOMEM;
}

dossier_status scan_tokens(const dossier_corpus *c, const char *text, size_t len,
                           const token_list *t, dossier_matches *out) {
    if (scan_aliases(c, text, len, t, out)) return DOSSIER_ERR_NOMEM;
    if (pattern_scan(c, text, len, out, 1, NULL)) {
        dossier_matches_free(out);
        return DOSSIER_ERR_NOMEM;
    }
    drop_spans_in_links(text, len, out);
    return DOSSIER_OK;
}

/* Adds the pattern matches to the alias matches in out; on a pattern over
 * its limit, out is freed and the error names it. */
static dossier_status with_patterns(const dossier_corpus *c, const char *text, size_t len,
                                    dossier_matches *out, dossier_error *err) {
    dossier_status s = pattern_scan(c, text, len, out, 0, err);
    if (s)
        dossier_matches_free(out);
    else
        drop_spans_in_links(text ? text : "", len, out);
    return s;
}

dossier_status scan_text(const dossier_corpus *c, const char *text, size_t len, const token_list *t,
                         dossier_matches *out, dossier_error *err) {
    if (scan_aliases(c, text, len, t, out))
        return set_error(err, DOSSIER_ERR_NOMEM, "out of memory while scanning");
    return with_patterns(c, text, len, out, err);
}

dossier_status dossier_scan(const dossier_corpus *c, const char *text, size_t len,
                            dossier_matches *out, dossier_error *err) {
    if (!c || !out || (!text && len))
        return set_error(err, DOSSIER_ERR_ARG, "dossier_scan: NULL argument");
    memset(out, 0, sizeof *out);
    if (!text) text = "";
    if (scan_chunked(c, text, len, out))
        return set_error(err, DOSSIER_ERR_NOMEM, "out of memory while scanning");
    return with_patterns(c, text, len, out, err);
}

void dossier_matches_free(dossier_matches *m) {
    if (!m) return;
    free(m->spans);
    free(m->candidates);
    memset(m, 0, sizeof *m);
}

/* ------------------------------------------------------------ corpus mentions */

static int push_mention(mention_list *l, const dossier_mention *m, long actor) {
    if (!grow((void **)&l->items, &l->cap, l->n + 1, sizeof *l->items) ||
        !grow((void **)&l->actors, &l->acap, l->n + 1, sizeof *l->actors))
        return 0;
    l->actors[l->n] = actor;
    memcpy(&l->items[l->n++], m, sizeof *m); /* padding too: the bytes go to a file */
    return 1;
}

/* Scans the article whole (so short forms resolve from its own context):
 * every mention inside one of its sentences r[0, n) (passages first_passage
 * onwards), in text order. */
dossier_status article_mentions(const dossier_corpus *c, const dossier_article *a,
                                const token_list *t, const dossier_range *r, size_t n,
                                size_t first_passage, mention_list *out, dossier_error *err) {
    const char *body = a->text + a->body_start;
    dossier_matches m;
    dossier_error e;
    out->n = 0;
    dossier_status s = scan_text(c, body, a->text_len - a->body_start, t, &m, &e);
    if (s) return set_error(err, s, "%s: %s", a->path, e.message);
    size_t k = 0;
    line_cursor lc = line_cursor_start(a->text);
    for (size_t i = 0; i < m.n; i++) {
        const dossier_span *sp = &m.spans[i];
        if (sp->actor < 0) continue; /* unresolved short form: belongs to no one */
        size_t start = sp->start + a->body_start, end = sp->end + a->body_start;
        while (k < n && r[k].end <= start)
            k++;
        if (k >= n || r[k].start > start) continue; /* between passages */
        line_cursor_move(&lc, start);
        dossier_mention mn;
        memset(&mn, 0, sizeof mn); /* padding too: the bytes go to a file */
        mn.passage = first_passage + k;
        mn.start = start;
        mn.end = end;
        mn.line = lc.line;
        mn.col = lc.col;
        mn.flags = sp->flags;
        if (!push_mention(out, &mn, sp->actor)) {
            dossier_matches_free(&m);
            return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
        }
    }
    dossier_matches_free(&m);
    return DOSSIER_OK;
}

int mentions_file(mention_list *by_actor, const mention_list *m, long passage_shift) {
    for (size_t i = 0; i < m->n; i++) {
        dossier_mention x;
        memcpy(&x, &m->items[i], sizeof x);
        x.passage = (size_t)((long)x.passage + passage_shift);
        if (!push_mention(&by_actor[m->actors[i]], &x, m->actors[i])) return 0;
    }
    return 1;
}

void mention_list_free(mention_list *l) {
    free(l->items);
    free(l->actors);
    memset(l, 0, sizeof *l);
}

void mentions_emit(image *im, const mention_list *by_actor, size_t n_actors) {
    uint64_t at = 0;
    for (size_t a = 0; a < n_actors; a++) {
        mention_range r = {at, by_actor[a].n};
        image_put(im, SEC_MENTION_LISTS, &r, sizeof r);
        image_put(im, SEC_MENTIONS, by_actor[a].items, by_actor[a].n * sizeof *by_actor[a].items);
        at += by_actor[a].n;
    }
}

dossier_status mentions_view(dossier_corpus *c, dossier_error *err) {
    c->mention_lists = SEC_AS(&c->img, SEC_MENTION_LISTS, mention_range);
    c->mentions = SEC_AS(&c->img, SEC_MENTIONS, dossier_mention);
    c->n_mentions = c->img.s[SEC_MENTIONS].count;
    if (!c->n_articles) { /* a gazetteer alone has none */
        c->mention_lists = NULL;
        return DOSSIER_OK;
    }
    if (c->img.s[SEC_MENTION_LISTS].count != c->n_actors)
        return set_error(err, DOSSIER_ERR_INVALID, "corrupt mentions section: lists");
    for (size_t a = 0; a < c->n_actors; a++) {
        const mention_range *r = &c->mention_lists[a];
        if (r->first > c->n_mentions || r->n > c->n_mentions - r->first)
            return set_error(err, DOSSIER_ERR_INVALID, "corrupt mentions section: range");
    }
    return DOSSIER_OK;
}

const dossier_mention *dossier_actor_mentions(const dossier_corpus *c, size_t actor, size_t *n) {
    if (!c || actor >= c->n_actors || !c->mention_lists) {
        if (n) *n = 0;
        return NULL;
    }
    if (n) *n = c->mention_lists[actor].n;
    return c->mention_lists[actor].n ? c->mentions + c->mention_lists[actor].first : NULL;
}

static int cmp_cooc(const void *x, const void *y) {
    const dossier_cooccurrence *a = x, *b = y;
    if (a->count != b->count) return a->count < b->count ? 1 : -1;
    return a->actor < b->actor ? -1 : a->actor > b->actor;
}

size_t dossier_actor_cooccurring(const dossier_corpus *c, size_t actor, dossier_cooccurrence *out,
                                 size_t max) {
    if (!c || actor >= c->n_actors || !out || !max) return 0;
    /* passages that mention `actor`, as a bitmap */
    unsigned char *in = calloc(c->n_passages ? c->n_passages : 1, 1);
    dossier_cooccurrence *all = calloc(c->n_actors, sizeof *all);
    size_t *last = calloc(c->n_actors, sizeof *last);
    if (!in || !all || !last) {
        free(in), free(all), free(last);
        return 0;
    }
    size_t nm;
    const dossier_mention *ml = dossier_actor_mentions(c, actor, &nm);
    for (size_t k = 0; k < nm; k++)
        if (ml[k].passage < c->n_passages) in[ml[k].passage] = 1;
    for (size_t o = 0; o < c->n_actors; o++) {
        all[o].actor = o;
        if (o == actor) continue;
        last[o] = (size_t)-1;
        size_t nl;
        const dossier_mention *l = dossier_actor_mentions(c, o, &nl);
        for (size_t k = 0; k < nl; k++) {
            size_t p = l[k].passage;
            if (p < c->n_passages && in[p] && last[o] != p) { /* count passages, not mentions */
                all[o].count++;
                last[o] = p;
            }
        }
    }
    qsort(all, c->n_actors, sizeof *all, cmp_cooc);
    size_t n = 0;
    while (n < max && n < c->n_actors && all[n].count > 0) {
        out[n] = all[n];
        n++;
    }
    free(in), free(all), free(last);
    return n;
}
