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
#include "furniture.h"
#include "text.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Furniture keywords, each matched at the start of a word, case aside. A
 * strong one is furniture wherever it stands ("click here", "all rights
 * reserved"). A weak one is also a word of ordinary prose ("the oss-security
 * mailing list", "the copyright holder"): it marks furniture only at the
 * start of a sentence ("Subscribe to ..."), in a short sentence (at most
 * WEAK_MAX_WORDS words), or in a paragraph right after furniture (site
 * furniture comes in blocks). The name is how dossier.yaml's `prose:` list
 * switches one off. The regex engine is entered only where one can begin: at
 * a word starting with a keyword's first letters, then anchored there. So
 * each keyword must begin with plain ASCII letters. */
typedef struct {
    const char *name, *pattern;
    int weak;
} keyword_rule;

static const keyword_rule furniture_keywords[] = {
    {"newsletter", "newsletter", 1},
    {"subscribe", "subscribe", 1},
    {"sign up", "sign up\\b", 1},
    {"mailing list", "mailing list", 1},
    {"copyright", "copyright", 1},
    {"repost", "repost\\b", 1},
    {"donate", "donate\\b", 1},
    {"share this", "share this", 1},
    {"click here", "click (?:here|the share)", 0},
    {"share button", "share button", 0},
    {"share widely", "share widely", 0},
    {"follow us", "follow us\\b", 0},
    {"stay informed", "stay informed", 0},
    {"register to receive", "register to receive", 0},
    {"translate website", "translate website", 0},
    {"all rights reserved", "all rights reserved", 0},
    {"views expressed", "views expressed", 0},
    {"opinions expressed", "opinions expressed", 0},
    {"do not necessarily reflect", "do not necessarily reflect", 0},
    {"email protected", "email protected", 0},
    {"direct questions", "direct questions", 0},
    {"photo by", "photo (?:from|by|courtesy)", 0},
    {"getty images", "getty images", 0},
    {"search all site content", "search all site content", 0},
    {"total index", "total index", 0},
    {"in-depth report", "in-depth report", 0},
    {"button that", "button that", 0},
    {"most viewed", "most viewed", 0},
    {"subscribe to our", "subscribe to (?:our|the)\\b", 0},
    {"sign up for our", "sign up (?:for|to) (?:our|the)\\b", 0},
    {"our newsletter", "our (?:\\w+ )?(?:newsletter|mailing list)", 0}};
#define N_KEYWORDS (sizeof furniture_keywords / sizeof *furniture_keywords)
#define WEAK_MAX_WORDS 12

/* The copyright sign, furniture wherever it stands. */
static const char copyright_sign[] = "\xC2\xA9";

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

/* Compiled on first use and then shared by every corpus and thread of the
 * process (read-only once compiled: constants, not state); each segmentation
 * brings its own match data. A compile that failed (out of memory) is tried
 * again by the next segmentation, so one failure does not fail the process's
 * every later open. */
static struct {
    pcre2_code *keyword[N_KEYWORDS], *at_start, *credit;
    /* keyword indexes grouped by first letter: by_letter[c] .. by_letter[c+1] in order */
    size_t order[N_KEYWORDS], by_letter[27];
    int ok;
} furniture;
static pthread_mutex_t furniture_lock = PTHREAD_MUTEX_INITIALIZER;

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

/* What was compiled: freed before a retry, and when the library is unloaded
 * (the Lua module is dlclose'd with its state) or the program ends, so
 * nothing compiled outlives it. */
static void free_furniture(void) {
    for (size_t k = 0; k < N_KEYWORDS; k++) {
        pcre2_code_free(furniture.keyword[k]);
        furniture.keyword[k] = NULL;
    }
    pcre2_code_free(furniture.at_start);
    pcre2_code_free(furniture.credit);
    furniture.at_start = furniture.credit = NULL;
    furniture.ok = 0;
}

__attribute__((destructor)) static void unload_furniture(void) {
    /* no lock: nothing segments while the library is unloaded */
    free_furniture();
}

static void compile_furniture(void) {
    int ok = 1;
    for (size_t k = 0; k < N_KEYWORDS; k++) {
        strbuf p = {0};
        sb_puts(&p, "(?i)");
        sb_puts(&p, furniture_keywords[k].pattern);
        furniture.keyword[k] = p.failed ? NULL : compile_rule(p.data, PCRE2_ANCHORED);
        ok = ok && furniture.keyword[k];
        sb_free(&p);
    }
    size_t at = 0;
    for (int letter = 0; letter < 26; letter++) {
        furniture.by_letter[letter] = at;
        for (size_t k = 0; k < N_KEYWORDS; k++)
            if ((furniture_keywords[k].pattern[0] | 0x20) == 'a' + letter)
                furniture.order[at++] = k;
    }
    furniture.by_letter[26] = at;
    furniture.at_start = compile_rule(furniture_at_start, PCRE2_ANCHORED);
    furniture.credit = compile_rule(furniture_credit, PCRE2_ANCHORED);
    furniture.ok = ok && furniture.at_start && furniture.credit;
}

const furniture_config furniture_default = {1, 1, NULL, 0, NULL, 0, NULL, 0};

long furniture_keyword_named(const char *name, size_t n) {
    for (size_t k = 0; k < N_KEYWORDS; k++)
        if (strlen(furniture_keywords[k].name) == n &&
            strncasecmp(furniture_keywords[k].name, name, n) == 0)
            return (long)k;
    return -1;
}

const char *furniture_keyword_name(size_t k) {
    return k < N_KEYWORDS ? furniture_keywords[k].name : NULL;
}

typedef struct {
    pcre2_match_data *md;
    const furniture_config *fc;
    unsigned char off[N_KEYWORDS]; /* built-in keywords this corpus calls prose */
    int after_furniture;           /* the paragraph before this one is furniture */
} furniture_rules;

static int rules_init(furniture_rules *r, const furniture_config *fc) {
    memset(r, 0, sizeof *r);
    r->fc = fc ? fc : &furniture_default;
    for (size_t k = 0; k < r->fc->n_prose; k++) {
        const char *name = r->fc->prose[k];
        long i = name ? furniture_keyword_named(name, strlen(name)) : -1;
        if (i >= 0) r->off[i] = 1;
    }
    pthread_mutex_lock(&furniture_lock);
    if (!furniture.ok) {
        free_furniture(); /* what a failed compile left */
        compile_furniture();
    }
    int ok = furniture.ok;
    pthread_mutex_unlock(&furniture_lock);
    if (!ok) return 0;
    r->md = pcre2_match_data_create(1, NULL);
    return r->md != NULL;
}

static void rules_free(furniture_rules *r) {
    pcre2_match_data_free(r->md);
}

/* Whether a furniture keyword can begin at s[p], the start of a word. */
static int keyword_can_start(const char *kw, const char *s, size_t n, size_t p) {
    size_t q = 0;
    while (is_ascii_letter((unsigned char)kw[q]) && p + q < n &&
           ((unsigned char)s[p + q] | 0x20) == (unsigned char)kw[q])
        q++;
    return q > 0 && !is_ascii_letter((unsigned char)kw[q]);
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

/* A phrase of the corpus' own rules at s[p]: ASCII letters compared without
 * case, other bytes as they are, ending at a word's end. */
static int phrase_at(const char *phrase, const char *s, size_t n, size_t p) {
    size_t q = 0;
    for (; phrase[q]; q++) {
        if (p + q >= n) return 0;
        unsigned char a = (unsigned char)phrase[q], b = (unsigned char)s[p + q];
        if (is_ascii_letter(a) ? (a | 0x20) != (b | 0x20) : a != b) return 0;
    }
    return q > 0 && (p + q >= n || !is_ascii_alnum((unsigned char)s[p + q]) ||
                     !is_ascii_alnum((unsigned char)phrase[q - 1]));
}

/* Whether a word (letters or digits of any script) starts at s[p]. */
static int word_start(const char *s, size_t n, size_t p) {
    size_t cl;
    if ((((unsigned char)s[p]) & 0xC0) == 0x80 || !is_word_char(utf8_decode(s, n, p, &cl)))
        return 0;
    if (p == 0) return 1;
    size_t b = p - 1;
    while (b > 0 && (((unsigned char)s[b]) & 0xC0) == 0x80 && p - b < 4)
        b--;
    return !is_word_char(utf8_decode(s, n, b, &cl));
}

static int is_furniture(furniture_rules *r, const char *s, size_t n) {
    const furniture_config *fc = r->fc;
    size_t lead = 0; /* the sentence's first letter, after quotes and brackets */
    while (lead < n && !is_ascii_alnum((unsigned char)s[lead]) && (unsigned char)s[lead] < 0x80)
        lead++;
    for (size_t k = 0; k < fc->n_starts; k++)
        if (fc->starts[k] && phrase_at(fc->starts[k], s, n, lead)) return 1;
    for (size_t p = 0; p < n && fc->n_keywords; p++) {
        if (!word_start(s, n, p)) continue;
        for (size_t k = 0; k < fc->n_keywords; k++)
            if (fc->keywords[k] && phrase_at(fc->keywords[k], s, n, p)) return 1;
    }
    if (!fc->builtin) return 0;
    if (pcre2_match(furniture.at_start, (PCRE2_SPTR)s, n, 0, 0, r->md, NULL) >= 0) return 1;
    if (ends_with_credit(r, s, n)) return 1;
    for (size_t p = 0; p < n; p++) {
        unsigned char ch = (unsigned char)s[p];
        if (ch == 0xC2 && p + 1 < n && !memcmp(s + p, copyright_sign, 2)) return 1;
        /* a keyword starts with an ASCII letter: cheap tests before word_start */
        if (!is_ascii_letter(ch) || (p > 0 && is_ascii_alnum((unsigned char)s[p - 1])) ||
            !word_start(s, n, p))
            continue;
        int letter = (ch | 0x20) - 'a';
        for (size_t i = furniture.by_letter[letter]; i < furniture.by_letter[letter + 1]; i++) {
            size_t k = furniture.order[i];
            const keyword_rule *kw = &furniture_keywords[k];
            if (r->off[k] || !keyword_can_start(kw->pattern, s, n, p)) continue;
            if (pcre2_match(furniture.keyword[k], (PCRE2_SPTR)s, n, p, 0, r->md, NULL) < 0)
                continue;
            if (!kw->weak || r->after_furniture) return 1;
            /* a weak keyword: among the first two words, or in a short sentence */
            size_t before = 0, words = 0;
            for (size_t q = 0; q < n; q++)
                if (word_start(s, n, q)) {
                    words++;
                    if (q < p) before++;
                }
            if (before < 2 || words <= WEAK_MAX_WORDS) return 1;
        }
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

/* A paragraph without closing punctuation is a heading, caption or credit
 * when it looks like one: a single sentence of at most HEADING_MAX_WORDS
 * words. Longer, or with sentences inside, it is prose that lost its final
 * period (a paragraph ending in a link, a list cut short). */
#define HEADING_MAX_WORDS 24

static size_t count_words(const char *t, size_t b, size_t e) {
    size_t n = 0;
    for (size_t i = b; i < e; i++)
        n += word_start(t + b, e - b, i - b);
    return n;
}

/* Splits one paragraph [b, e) into sentences. */
static int split_paragraph(const char *t, size_t b, size_t e, size_t para, int heading,
                           furniture_rules *rules, dossier_range **out, size_t *n, size_t *cap) {
    size_t last = e, i;
    int unpunctuated = 0;
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
        unpunctuated = !(is_terminal(cp) || cp == ':');
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
    if (unpunctuated && *n == first_out + 1 && count_words(t, b, e) <= HEADING_MAX_WORDS)
        heading = 1;
    int use_rules = rules->fc->enabled;
    for (size_t k = first_out; k < *n; k++) {
        dossier_range *r = &(*out)[k];
        if (use_rules && is_furniture(rules, t + r->start, r->end - r->start))
            r->kind = DOSSIER_FURNITURE;
        else if (heading)
            r->kind = DOSSIER_HEADING;
        else if (use_rules && k > first_out && (*out)[first_out].kind == DOSSIER_FURNITURE)
            r->kind = DOSSIER_FURNITURE;
    }
    /* furniture comes in blocks: a weak keyword counts in the paragraph after */
    if (*n > first_out && !heading) {
        int all = 1;
        for (size_t k = first_out; k < *n && all; k++)
            all = (*out)[k].kind == DOSSIER_FURNITURE;
        rules->after_furniture = all;
    }
    return 1;
}

const char *dossier_passage_kind_name(dossier_passage_kind k) {
    static const char *const names[] = {[DOSSIER_PROSE] = "prose",
                                        [DOSSIER_FURNITURE] = "furniture",
                                        [DOSSIER_HEADING] = "heading"};
    return (unsigned)k < sizeof names / sizeof *names ? names[k] : "unknown";
}

dossier_status segment_text_with(const char *t, size_t len, size_t body_start,
                                 const furniture_config *fc, dossier_range **out, size_t *n,
                                 size_t *cap) {
    furniture_rules rules;
    if (!rules_init(&rules, fc)) {
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

dossier_status segment_text(const char *t, size_t len, size_t body_start, dossier_range **out,
                            size_t *n, size_t *cap) {
    return segment_text_with(t, len, body_start, &furniture_default, out, n, cap);
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
