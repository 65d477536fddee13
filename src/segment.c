/* segment.c — paragraphs, sentences and site furniture.
 *
 * A paragraph is a run of non-blank lines; a bullet or a markdown heading
 * starts a new one. Sentences end at . ! ? … (plus closing quotes and
 * brackets) followed by white space and a capital, digit or opening quote —
 * unless the word before the period is a known abbreviation (Mr., Sept.) or
 * a single capital (U.S.). Em-dashes and quotes never end a sentence.
 *
 * Site furniture (newsletter prompts, share buttons, disclaimers, bylines,
 * bios, photo credits) is recognised by PCRE2 patterns over each sentence;
 * a paragraph that opens with furniture is furniture throughout (a
 * disclaimer's later sentences are as much furniture as its first). A
 * paragraph without sentence punctuation at its end is a heading or caption.
 * Neither kind is ever offered as corroboration. */
#include "text.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Furniture anywhere in a sentence: keywords, each at the start of a word,
 * a copyright sign, or an agency credit closing the sentence. The regex
 * engine is entered only where one can begin: at a word starting with a
 * keyword's first letters or at "©" (most sentences have none), then
 * anchored there. So each keyword must begin with plain ASCII letters. */
static const char *const furniture_keywords[] = {"newsletter",
                                                 "subscribe",
                                                 "sign up\\b",
                                                 "mailing list",
                                                 "click (?:here|the share)",
                                                 "share button",
                                                 "share (?:widely|this)",
                                                 "repost\\b",
                                                 "follow us\\b",
                                                 "stay informed",
                                                 "register to receive",
                                                 "translate website",
                                                 "all rights reserved",
                                                 "copyright",
                                                 "views expressed",
                                                 "opinions expressed",
                                                 "do not necessarily reflect",
                                                 "email protected",
                                                 "direct questions",
                                                 "photo (?:from|by|courtesy)",
                                                 "getty images",
                                                 "search all site content",
                                                 "total index",
                                                 "in-depth report",
                                                 "donate\\b",
                                                 "button that",
                                                 "most viewed"};
#define N_KEYWORDS (sizeof furniture_keywords / sizeof *furniture_keywords)

static const char furniture_marks[] = "\\x{00A9}";

/* An agency credit closing a sentence, "(Reuters)" or "(AP Photo/Jane Doe)":
 * this opening, then no ")" before the one that ends the sentence. */
static const char furniture_credit[] =
    "(?i)\\((?:reuters|yonhap|ap|afp|epa|xinhua|tass|kcna|ap photo)\\b";

/* Forms that count only at the start of a sentence, matched there alone. */
static const char furniture_at_start[] =
    "(?i)disclaimer|note to readers|for media inquiries|photo\\b|screenshot"
    "|posted on\\b|category:|return to\\b|source site|related (?:stories|articles)|read more"
    "|advertisement|articles by\\b"
    /* bylines and author bios */
    "|by\\s+(?-i:\\p{Lu})[^.]{0,120}\\b(?:professor|fellow|editor|correspondent|reporter)\\b"
    "|(?-i:\\p{Lu}[\\w.'\\x{2019}-]*)(?:\\s+(?-i:\\p{Lu}[\\w.'\\x{2019}-]*)){0,3},?\\s+is\\s+an?"
    "\\s+"
    "(?:[\\w-]+\\s+){0,3}(?:fellow|professor|columnist|editor|researcher|reporter|correspondent"
    "|analyst|lecturer|writer|journalist)\\b";

static const char *const abbreviations[] = {
    "mr",  "mrs", "ms",   "dr",   "prof", "st",   "jr",     "sr",  "gen", "gov", "sen",
    "rep", "lt",  "col",  "capt", "sgt",  "jan",  "feb",    "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct",  "nov",  "dec",  "vs",     "etc", "eg",  "ie",  "no",
    "inc", "co",  "corp", "ltd",  "dept", "univ", "approx", "fig", "vol", "pp",  "al"};

/* Compiled once per process (read-only afterwards, so threads may share
 * them); each segmentation brings its own match data. */
static struct {
    pcre2_code *anywhere, *at_start, *credit;
    /* keyword indexes grouped by first letter: by_letter[c] .. by_letter[c+1] in order */
    size_t order[N_KEYWORDS], by_letter[27];
} furniture;
static pthread_once_t furniture_once = PTHREAD_ONCE_INIT;

static pcre2_code *compile_rule(const char *pattern, uint32_t options) {
    int code;
    PCRE2_SIZE off;
    pcre2_code *re =
        pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                      options | PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, &code, &off, NULL);
    if (re) pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* optional: else the interpreter */
    return re;
}

static int is_ascii_letter(unsigned char ch) {
    return (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z';
}

static int is_ascii_alnum(unsigned char ch) {
    return is_ascii_letter(ch) || (ch >= '0' && ch <= '9');
}

static void compile_furniture(void) {
    strbuf p = {0};
    sb_puts(&p, "(?i)\\b(?:");
    for (size_t k = 0; k < N_KEYWORDS; k++) {
        if (k) sb_putc(&p, '|');
        sb_puts(&p, furniture_keywords[k]);
    }
    sb_puts(&p, ")|");
    sb_puts(&p, furniture_marks);
    if (!p.failed) furniture.anywhere = compile_rule(p.data, PCRE2_ANCHORED);
    size_t at = 0;
    for (int letter = 0; letter < 26; letter++) {
        furniture.by_letter[letter] = at;
        for (size_t k = 0; k < N_KEYWORDS; k++)
            if ((furniture_keywords[k][0] | 0x20) == 'a' + letter) furniture.order[at++] = k;
    }
    furniture.by_letter[26] = at;
    sb_free(&p);
    furniture.at_start = compile_rule(furniture_at_start, PCRE2_ANCHORED);
    furniture.credit = compile_rule(furniture_credit, PCRE2_ANCHORED);
}

/* When the library is unloaded (the Lua module is dlclose'd with its state)
 * or the program ends, so nothing compiled outlives it. */
__attribute__((destructor)) static void free_furniture(void) {
    pcre2_code_free(furniture.anywhere);
    pcre2_code_free(furniture.at_start);
    pcre2_code_free(furniture.credit);
    furniture.anywhere = furniture.at_start = furniture.credit = NULL;
}

typedef struct {
    pcre2_match_data *md;
} furniture_rules;

static int rules_init(furniture_rules *r) {
    r->md = NULL;
    pthread_once(&furniture_once, compile_furniture);
    if (!furniture.anywhere || !furniture.at_start || !furniture.credit) return 0;
    r->md = pcre2_match_data_create(1, NULL);
    return r->md != NULL;
}

static void rules_free(furniture_rules *r) {
    pcre2_match_data_free(r->md);
}

/* Whether a furniture keyword can begin at s[p], the start of a word. */
static int keyword_can_start(const char *s, size_t n, size_t p) {
    int letter = ((unsigned char)s[p] | 0x20) - 'a';
    for (size_t i = furniture.by_letter[letter]; i < furniture.by_letter[letter + 1]; i++) {
        const char *kw = furniture_keywords[furniture.order[i]];
        size_t q = 0;
        while (is_ascii_letter((unsigned char)kw[q]) && p + q < n &&
               ((unsigned char)s[p + q] | 0x20) == (unsigned char)kw[q])
            q++;
        if (q > 0 && !is_ascii_letter((unsigned char)kw[q])) return 1;
    }
    return 0;
}

/* Whether the sentence ends with an agency credit. Linear: only the "(" after
 * the last ")" but one are tried, each against a short anchored pattern. */
static int ends_with_credit(furniture_rules *r, const char *s, size_t n) {
    size_t e = n;
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n'))
        e--;
    if (e == 0 || s[e - 1] != ')') return 0;
    size_t b = e - 1;
    while (b > 0 && s[b - 1] != ')')
        b--;
    for (size_t p = b; p + 1 < e; p++)
        if (s[p] == '(' && pcre2_match(furniture.credit, (PCRE2_SPTR)s, n, p, 0, r->md, NULL) >= 0)
            return 1;
    return 0;
}

static int is_furniture(furniture_rules *r, const char *s, size_t n) {
    if (pcre2_match(furniture.at_start, (PCRE2_SPTR)s, n, 0, 0, r->md, NULL) >= 0) return 1;
    if (ends_with_credit(r, s, n)) return 1;
    for (size_t p = 0; p < n; p++) {
        unsigned char ch = (unsigned char)s[p];
        int may = (ch == 0xC2 && p + 1 < n && (unsigned char)s[p + 1] == 0xA9) ||
                  (is_ascii_letter(ch) && (p == 0 || !is_ascii_alnum((unsigned char)s[p - 1])) &&
                   keyword_can_start(s, n, p));
        if (may && pcre2_match(furniture.anywhere, (PCRE2_SPTR)s, n, p, 0, r->md, NULL) >= 0)
            return 1;
    }
    return 0;
}

static int is_blank_line(const char *t, size_t b, size_t e) {
    for (size_t i = b; i < e; i++)
        if (t[i] != ' ' && t[i] != '\t' && t[i] != '\r') return 0;
    return 1;
}

/* Width of a list bullet or heading marker at the start of a line (after
 * indentation), 0 when none. */
static size_t marker_at(const char *t, size_t i, size_t e, int *heading) {
    *heading = 0;
    if (i < e && t[i] == '#') {
        size_t j = i;
        while (j < e && t[j] == '#')
            j++;
        if (j < e && t[j] == ' ') {
            *heading = 1;
            return j + 1 - i;
        }
        return 0;
    }
    if (i + 1 < e && (t[i] == '-' || t[i] == '*' || t[i] == '+') && t[i + 1] == ' ') return 2;
    if (i + 2 < e && memcmp(t + i, "\xE2\x80\xA2", 3) == 0) return 3; /* • */
    if (i + 1 < e && memcmp(t + i, "\xC2\xB7", 2) == 0) return 2;     /* · */
    return 0;
}

static int is_closer(uint32_t cp) {
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019 ||
           cp == 0xBB || cp == '*' || cp == '_';
}

static int is_terminal(uint32_t cp) {
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

static int is_opener_or_capital(uint32_t cp) {
    if (cp >= 'A' && cp <= 'Z') return 1;
    if (cp >= '0' && cp <= '9') return 1;
    if (cp == '"' || cp == '\'' || cp == '(' || cp == '[' || cp == 0x201C || cp == 0x2018 ||
        cp == 0xAB || cp == 0x2022 || cp == '*' || cp == '_')
        return 1;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return 1; /* Latin-1 capitals */
    if (cp >= 0x100 && cp <= 0x17F) return !(cp & 1); /* Latin Extended-A capitals (mostly even) */
    if (cp >= 0x391 && cp <= 0x42F) return 1;         /* Greek and Cyrillic capitals */
    return cp >= 0x3000;                              /* CJK and Hangul have no case */
}

/* Does the period at t[dot] end an abbreviation or an initial? */
static int abbreviation_before(const char *t, size_t start, size_t dot) {
    size_t b = dot;
    while (b > start &&
           ((t[b - 1] >= 'a' && t[b - 1] <= 'z') || (t[b - 1] >= 'A' && t[b - 1] <= 'Z')))
        b--;
    size_t n = dot - b;
    if (n == 0) return 0;
    if (n == 1 && t[b] >= 'A' && t[b] <= 'Z') return 1; /* an initial or U.S. */
    if (b > start && t[b - 1] == '.') return 1;         /* e.g. i.e. */
    for (size_t k = 0; k < sizeof abbreviations / sizeof *abbreviations; k++)
        if (strlen(abbreviations[k]) == n && strncasecmp(abbreviations[k], t + b, n) == 0) return 1;
    return 0;
}

static int has_word(const char *t, size_t b, size_t e) {
    for (size_t i = b; i < e;) {
        size_t n;
        if (is_word_char(utf8_decode(t, e, i, &n))) return 1;
        i += n;
    }
    return 0;
}

static int push_range(dossier_range **out, size_t *n, size_t *cap, size_t b, size_t e, size_t para,
                      dossier_passage_kind kind) {
    if (!grow((void **)out, cap, *n + 1, sizeof **out)) return 0;
    (*out)[*n] = (dossier_range){b, e, para, kind};
    (*n)++;
    return 1;
}

static int is_space_byte(char ch) {
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* Splits one paragraph [b, e) into sentences. */
static int split_paragraph(const char *t, size_t b, size_t e, size_t para, int heading,
                           furniture_rules *rules, dossier_range **out, size_t *n, size_t *cap) {
    /* a paragraph without closing punctuation is a heading, caption or credit */
    size_t last = e, i;
    while (last > b) {
        size_t k = last - 1;
        while (k > b && ((unsigned char)t[k] & 0xC0) == 0x80)
            k--;
        size_t cl;
        uint32_t cp = utf8_decode(t, e, k, &cl);
        if (is_space_byte(t[k]) || is_closer(cp)) {
            last = k;
            continue;
        }
        heading = heading || !(is_terminal(cp) || cp == ':');
        break;
    }
    size_t first_out = *n;
    size_t s = b;
    for (i = b; i < e;) {
        size_t cl;
        uint32_t cp = utf8_decode(t, e, i, &cl);
        if (!is_terminal(cp)) {
            i += cl;
            continue;
        }
        size_t j = i + cl;
        while (j < e && t[j] == '.')
            j++; /* "..." */
        for (;;) {
            if (j >= e) break;
            uint32_t c2 = utf8_decode(t, e, j, &cl);
            if (!is_closer(c2)) break;
            j += cl;
        }
        if (j < e && !is_space_byte(t[j])) {
            i = j;
            continue;
        }
        size_t k = j;
        while (k < e && is_space_byte(t[k]))
            k++;
        int end = k >= e;
        if (!end) {
            uint32_t next = utf8_decode(t, e, k, &cl);
            /* "Mr. Roy" goes on; "No.” Then" ends: an abbreviation is never quoted shut */
            end = is_opener_or_capital(next) &&
                  !(cp == '.' && j == i + 1 && abbreviation_before(t, s, i));
        }
        if (end) {
            if (has_word(t, s, j) && !push_range(out, n, cap, s, j, para, DOSSIER_PROSE)) return 0;
            s = k;
        }
        i = j;
    }
    size_t tail = e;
    while (tail > s && is_space_byte(t[tail - 1]))
        tail--;
    if (tail > s && has_word(t, s, tail) && !push_range(out, n, cap, s, tail, para, DOSSIER_PROSE))
        return 0;
    for (size_t k = first_out; k < *n; k++) {
        dossier_range *r = &(*out)[k];
        if (is_furniture(rules, t + r->start, r->end - r->start))
            r->kind = DOSSIER_FURNITURE;
        else if (heading)
            r->kind = DOSSIER_HEADING;
        else if (k > first_out && (*out)[first_out].kind == DOSSIER_FURNITURE)
            r->kind = DOSSIER_FURNITURE;
    }
    return 1;
}

const char *dossier_passage_kind_name(dossier_passage_kind k) {
    static const char *const names[] = {[DOSSIER_PROSE] = "prose",
                                        [DOSSIER_FURNITURE] = "furniture",
                                        [DOSSIER_HEADING] = "heading"};
    return (unsigned)k < sizeof names / sizeof *names ? names[k] : "unknown";
}

dossier_status segment_text(const char *t, size_t len, size_t body_start, dossier_range **out,
                            size_t *n, size_t *cap) {
    furniture_rules rules;
    if (!rules_init(&rules)) {
        rules_free(&rules);
        return DOSSIER_ERR_NOMEM;
    }
    size_t para = 0, pb = 0, pe = 0;
    int in_para = 0, heading = 0, ok = 1;
    size_t i = body_start;
    while (ok && i <= len) {
        size_t le = i;
        while (le < len && t[le] != '\n')
            le++;
        int blank = is_blank_line(t, i, le);
        size_t ind = i;
        while (ind < le && (t[ind] == ' ' || t[ind] == '\t'))
            ind++;
        int is_heading = 0;
        size_t marker = blank ? 0 : marker_at(t, ind, le, &is_heading);
        /* a blank line, a bullet or a heading closes the open paragraph */
        if (in_para && (blank || marker || heading)) {
            ok = split_paragraph(t, pb, pe, para++, heading, &rules, out, n, cap);
            in_para = 0;
        }
        if (!blank) {
            if (!in_para) {
                pb = ind + marker;
                while (pb < le && (t[pb] == ' ' || t[pb] == '\t'))
                    pb++;
                heading = is_heading;
                in_para = 1;
            }
            pe = le;
        }
        if (le >= len) break;
        i = le + 1;
    }
    if (ok && in_para) ok = split_paragraph(t, pb, pe, para, heading, &rules, out, n, cap);
    rules_free(&rules);
    return ok ? DOSSIER_OK : DOSSIER_ERR_NOMEM;
}

dossier_status dossier_segment(const char *text, size_t len, dossier_range **out, size_t *n,
                               dossier_error *err) {
    if (!out || !n || (!text && len))
        return set_error(err, DOSSIER_ERR_ARG, "dossier_segment: NULL argument");
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    dossier_status s = segment_text(text ? text : "", len, 0, out, n, &cap);
    if (s) {
        free(*out);
        *out = NULL;
        *n = 0;
        return set_error(err, s, "out of memory while segmenting");
    }
    return DOSSIER_OK;
}
