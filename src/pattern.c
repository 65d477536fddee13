/* pattern.c — the regular-expression aliases of actors.yaml (`patterns:`).
 *
 * Each is compiled once at load with UTF, UCP and caseless matching, wrapped
 * so that it matches whole words, and JIT-compiled when available. The
 * scanner runs them under PCRE2's match, depth and heap limits at every
 * start position and under a time budget per text, so a pathological
 * pattern cannot hang the editor. With segment.c, the only file that
 * includes pcre2.h. */
#include "pattern.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* memcheck cannot follow PCRE2's JIT code and reports reads of uninitialised
 * values inside it; under valgrind the patterns run in PCRE2's interpreter. */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

typedef struct {
    pcre2_code *re;     /* wrapped to match whole words; JIT-compiled when available */
    long actor;         /* actor index */
    const char *source; /* the pattern as written */
    unsigned line;      /* its line in actors.yaml */
} pattern_entry;

struct pattern_set {
    pattern_entry *items;
    size_t n, cap;
    pcre2_match_context *match_ctx; /* the match, depth and heap limits of every pattern */
};

/* ------------------------------------------------------------ compiling */

/* Per pcre2_match call, i.e. per start position tried. Names need a few
 * hundred steps at most; a runaway pattern reaches this in milliseconds. */
#define PATTERN_MATCH_LIMIT 20000u
#define PATTERN_DEPTH_LIMIT 10000u
#define PATTERN_HEAP_LIMIT_KIB 20480u

#define PATTERN_OPTIONS                                                                            \
    (PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_MATCH_INVALID_UTF | PCRE2_NEVER_BACKSLASH_C)

/* Whole words: no letter, digit or combining mark just before or after. */
static const char word_before[] = "(?<![\\p{L}\\p{N}\\p{M}])(?:";
/* How the user's pattern is closed: plainly; after a \Q that runs to its end;
 * after a # comment of extended mode. A closing that the pattern swallows
 * leaves the group open, which does not compile, so the first that compiles
 * is the right one. */
static const char *const word_after[] = {
    ")(?![\\p{L}\\p{N}\\p{M}])", "\\E)(?![\\p{L}\\p{N}\\p{M}])", "\n)(?![\\p{L}\\p{N}\\p{M}])"};

dossier_status pattern_add(pattern_set **set, long actor, const char *src, unsigned line, char *why,
                           size_t why_size) {
    size_t len = strlen(src);
    if (len == 0) return refuse(why, why_size, "is empty");
    if (len >= 2 && src[0] == '(' && src[1] == '*')
        return refuse(why, why_size,
                      "starts with a (*...) option: Dossier sets UTF, UCP and caseless "
                      "matching itself");
    int code;
    PCRE2_SIZE off;
    pcre2_code *alone = pcre2_compile((PCRE2_SPTR)src, len, PATTERN_OPTIONS, &code, &off, NULL);
    if (!alone) {
        PCRE2_UCHAR msg[160];
        if (pcre2_get_error_message(code, msg, sizeof msg) < 0)
            snprintf((char *)msg, sizeof msg, "error %d", code);
        if (code == PCRE2_ERROR_NOMEMORY) return DOSSIER_ERR_NOMEM;
        return refuse(why, why_size, "does not compile: %s at offset %zu", (const char *)msg,
                      (size_t)off);
    }
    uint32_t minlen = 0, empty = 1;
    if (pcre2_pattern_info(alone, PCRE2_INFO_MATCHEMPTY, &empty) != 0) empty = 1;
    if (pcre2_pattern_info(alone, PCRE2_INFO_MINLENGTH, &minlen) != 0) minlen = 0;
    pcre2_code_free(alone);
    if (empty || minlen == 0)
        return refuse(why, why_size,
                      "can match the empty string (or its minimum length is unknown)");
    if (minlen < 2)
        return refuse(why, why_size,
                      "can match a single character (like an alias, a pattern must need "
                      "at least two)");
    pcre2_code *re = NULL;
    size_t before = sizeof word_before - 1;
    for (size_t k = 0; k < sizeof word_after / sizeof *word_after && !re; k++) {
        size_t after = strlen(word_after[k]);
        char *w = malloc(before + len + after + 1);
        if (!w) return DOSSIER_ERR_NOMEM;
        memcpy(w, word_before, before);
        memcpy(w + before, src, len);
        memcpy(w + before + len, word_after[k], after + 1);
        re = pcre2_compile((PCRE2_SPTR)w, before + len + after, PATTERN_OPTIONS, &code, &off, NULL);
        free(w);
    }
    if (!re) return refuse(why, why_size, "cannot be made to match whole words");
    if (!RUNNING_ON_VALGRIND)
        pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* optional: the interpreter is the fallback */
    pattern_set *ps = *set;
    if (!ps && (ps = *set = calloc(1, sizeof *ps))) {
        ps->match_ctx = pcre2_match_context_create(NULL);
        if (ps->match_ctx) {
            pcre2_set_match_limit(ps->match_ctx, PATTERN_MATCH_LIMIT);
            pcre2_set_depth_limit(ps->match_ctx, PATTERN_DEPTH_LIMIT);
            pcre2_set_heap_limit(ps->match_ctx, PATTERN_HEAP_LIMIT_KIB);
        }
    }
    if (!ps || !ps->match_ctx ||
        !grow((void **)&ps->items, &ps->cap, ps->n + 1, sizeof *ps->items)) {
        pcre2_code_free(re);
        return DOSSIER_ERR_NOMEM;
    }
    ps->items[ps->n++] = (pattern_entry){re, actor, src, line};
    return DOSSIER_OK;
}

void pattern_set_free(pattern_set *set) {
    if (!set) return;
    for (size_t i = 0; i < set->n; i++)
        pcre2_code_free(set->items[i].re);
    free(set->items);
    pcre2_match_context_free(set->match_ctx);
    free(set);
}

/* ------------------------------------------------------------ matching */

static int cmp_spans(const void *x, const void *y) {
    const dossier_span *a = x, *b = y;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    if (a->end != b->end) return a->end > b->end ? -1 : 1; /* longer first */
    return a->actor < b->actor ? -1 : a->actor > b->actor;
}

static int limit_hit(int rc) {
    return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
           rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT;
}

/* PCRE2's limits bound the work at each start position, not over a text: a
 * pattern just under them everywhere would still take minutes on a long
 * text. So each pattern is searched window by window, the text cut
 * PATTERN_MAX_MATCH bytes past the window (no name is longer), and before
 * each search a time budget is checked: over it, the pattern counts as
 * having hit its limit. */
#define PATTERN_WINDOW 4096u
#define PATTERN_MAX_MATCH 1024u

static double pattern_budget(size_t len) {
    return 0.25 + (double)len / 1e7; /* seconds: a quarter, plus 0.1 s per MB */
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Adds the matches of the corpus' patterns to out (whose spans are the alias
 * matches, in order): only those that overlap no alias match nor an earlier
 * pattern match. A pattern that hits a limit is left out when skip_limits is
 * set; otherwise the scan fails with DOSSIER_ERR_LIMIT. */
dossier_status pattern_scan(const dossier_corpus *c, const char *text, size_t len,
                            dossier_matches *out, int skip_limits, dossier_error *err) {
    const pattern_set *ps = c->patterns;
    if (!ps || !ps->n) return DOSSIER_OK;
    if (!text) text = "";
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    struct {
        dossier_span *v;
        size_t n, cap;
    } found = {NULL, 0, 0};
    dossier_status s = DOSSIER_OK;
    if (!md) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory while scanning");
    for (size_t pi = 0; pi < ps->n && !s; pi++) {
        const pattern_entry *p = &ps->items[pi];
        size_t mark = found.n;
        double deadline = now_seconds() + pattern_budget(len);
        int slow = 0;
        for (size_t at = 0; at <= len;) {
            /* matches starting in [at, wend) of the text cut at sub */
            size_t wend = len - at > PATTERN_WINDOW ? at + PATTERN_WINDOW : len;
            size_t sub = len - wend > PATTERN_MAX_MATCH ? wend + PATTERN_MAX_MATCH : len;
            const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            int rc = PCRE2_ERROR_MATCHLIMIT;
            if (now_seconds() > deadline) {
                slow = 1;
            } else {
                /* NOTEOL: where the text is cut is not its end for $ */
                rc = pcre2_match(p->re, (PCRE2_SPTR)text, sub, at, sub < len ? PCRE2_NOTEOL : 0, md,
                                 ps->match_ctx);
                if (rc == PCRE2_ERROR_NOMATCH || (rc >= 0 && ov[0] >= wend && sub < len)) {
                    if (sub == len) break;
                    at = wend; /* the next window */
                    continue;
                }
            }
            if (rc < 0) {
                if (skip_limits && limit_hit(rc)) {
                    found.n = mark;
                    break;
                }
                PCRE2_UCHAR msg[120];
                if (pcre2_get_error_message(rc, msg, sizeof msg) < 0)
                    snprintf((char *)msg, sizeof msg, "error %d", rc);
                if (slow)
                    snprintf((char *)msg, sizeof msg, "over its time budget of %.2f s",
                             pattern_budget(len));
                s = set_error(err, limit_hit(rc) ? DOSSIER_ERR_LIMIT : DOSSIER_ERR_INVALID,
                              "pattern '%.120s' of actor '%s' (%s:%u) stopped near byte %zu: %s%s",
                              p->source, c->actors[p->actor].id, c->actors_path, p->line, at,
                              (const char *)msg,
                              limit_hit(rc) ? " (simplify the pattern: nested repeats such as "
                                              "(a+)+ backtrack without end)"
                                            : "");
                break;
            }
            /* Not a name: empty, moved by \K off its start (mid-word, or one
             * character), or cut at the window's end (over PATTERN_MAX_MATCH). */
            if (ov[1] <= ov[0] || ov[1] > len || pcre2_get_startchar(md) != ov[0] ||
                ov[1] - ov[0] < 2 || (ov[1] == sub && sub < len)) {
                at = pcre2_get_startchar(md) + 1;
                continue;
            }
            if (!grow((void **)&found.v, &found.cap, found.n + 1, sizeof *found.v)) {
                s = set_error(err, DOSSIER_ERR_NOMEM, "out of memory while scanning");
                break;
            }
            found.v[found.n++] =
                (dossier_span){ov[0], ov[1], p->actor, DOSSIER_MATCH_PATTERN, 0, 0};
            at = ov[1];
        }
    }
    pcre2_match_data_free(md);
    if (s || !found.n) {
        free(found.v);
        return s;
    }
    qsort(found.v, found.n, sizeof *found.v, cmp_spans);
    /* Keep what overlaps nothing kept before, and no alias match, except
     * that a pattern extends a literal name: a match that covers every alias
     * match it overlaps, and is longer than each, replaces them
     * ("Fedora\s+(Rawhide|4[01])" over the literal "Fedora"). */
    unsigned char *replaced = out->n ? calloc(out->n, 1) : NULL;
    if (out->n && !replaced) {
        free(found.v);
        return set_error(err, DOSSIER_ERR_NOMEM, "out of memory while scanning");
    }
    size_t kept = 0, li = 0, n_replaced = 0;
    for (size_t k = 0; k < found.n; k++) {
        const dossier_span *sp = &found.v[k];
        if (kept && found.v[kept - 1].end > sp->start) continue;
        while (li < out->n && out->spans[li].end <= sp->start)
            li++;
        size_t lj = li;
        int covers = 1;
        while (lj < out->n && out->spans[lj].start < sp->end) {
            const dossier_span *al = &out->spans[lj];
            if (al->start < sp->start || al->end > sp->end ||
                al->end - al->start >= sp->end - sp->start)
                covers = 0;
            lj++;
        }
        if (lj > li && !covers) continue; /* the literal wins */
        for (size_t x = li; x < lj; x++)
            replaced[x] = 1, n_replaced++;
        found.v[kept++] = *sp;
    }
    dossier_span *all = kept ? malloc((out->n + kept) * sizeof *all) : NULL;
    if (!all) {
        free(found.v);
        free(replaced);
        return kept ? set_error(err, DOSSIER_ERR_NOMEM, "out of memory while scanning")
                    : DOSSIER_OK;
    }
    size_t a = 0, b = 0, n = 0;
    while (a < out->n || b < kept) {
        if (a < out->n && replaced[a]) {
            a++;
            continue;
        }
        if (b == kept || (a < out->n && out->spans[a].start < found.v[b].start))
            all[n++] = out->spans[a++];
        else
            all[n++] = found.v[b++];
    }
    free(replaced);
    free(found.v);
    free(out->spans);
    out->spans = all;
    out->n = n;
    return DOSSIER_OK;
}
