/* cite.c — citations in four styles and the corpus as a bibliography.
 *
 * Everything here only reads the articles' front matter (and a passage's
 * paragraph number for the locator). Fields a source does not give hold
 * "unknown" and are never printed: the part is left out or a fallback is used.
 * All output is built in a strbuf, so an allocation failure anywhere surfaces
 * once, at sb_take(), as DOSSIER_ERR_NOMEM.
 *
 * Choices made to suit pandoc --citeproc (checked against pandoc 2.17):
 *  - the Pandoc locator is "para. N": pandoc recognises "para." (and "¶",
 *    "paragraph") as a paragraph locator, but takes a bare "para" for a page;
 *  - keys pandoc would not read bare (a leading or trailing punctuation mark,
 *    a space, non-ASCII) are written in braces, [@{key}];
 *  - BibTeX titles protect every word holding a capital ({Pyongyang}), so that
 *    pandoc's conversion of English BibTeX titles to sentence case leaves them
 *    as published, and title-case styles still capitalise the rest;
 *  - an author is a name as written (the front matter does not split it), so
 *    it is a literal in both formats: {"literal": ...} and {{...}} in BibTeX,
 *    which would otherwise split "Pak Noja" into a given and a family name;
 *  - CSL JSON does not repeat the publisher when it already stands in for the
 *    container-title (Chicago prints both for a webpage);
 *  - langid is written only for languages pandoc maps back to a locale. */
#include "corpus.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ fields */

static int ascii_ieq(const char *a, const char *b) {
    for (; *a && *b; a++, b++) {
        char x = *a, y = *b;
        if (x >= 'A' && x <= 'Z') x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z') y = (char)(y + 32);
        if (x != y) return 0;
    }
    return *a == *b;
}

/* A field the source gives: not NULL, not "", not "unknown". */
static int known(const char *s) {
    return s && *s && !ascii_ieq(s, "unknown");
}

static int is_digit(char ch) {
    return ch >= '0' && ch <= '9';
}

static int all_digits(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i])) return 0;
    return 1;
}

/* ------------------------------------------------------------ dates */

typedef struct {
    int parts; /* 0: unknown, -1: not ISO 8601, else 1..3 */
    int y, m, d;
} date_parts;

static const char *const month_names[12] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
static const char *const month_abbr[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                           "jul", "aug", "sep", "oct", "nov", "dec"};

static int days_in_month(int y, int m) {
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return days[m - 1];
}

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD". */
static date_parts parse_date(const char *s) {
    date_parts dp = {0, 0, 0, 0};
    if (!known(s)) return dp;
    dp.parts = -1;
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10) return dp;
    if (!all_digits(s, 4)) return dp;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = 0, d = 0;
    if (n >= 7) {
        if (s[4] != '-' || !all_digits(s + 5, 2)) return dp;
        m = (s[5] - '0') * 10 + (s[6] - '0');
        if (m < 1 || m > 12) return dp;
    }
    if (n == 10) {
        if (s[7] != '-' || !all_digits(s + 8, 2)) return dp;
        d = (s[8] - '0') * 10 + (s[9] - '0');
        if (d < 1 || d > days_in_month(y, m)) return dp;
    }
    dp.parts = n == 4 ? 1 : n == 7 ? 2 : 3;
    dp.y = y;
    dp.m = m;
    dp.d = d;
    return dp;
}

/* "4 October 2023", "September 2023", "2011", "n.d."; a date that is not
 * ISO 8601 is printed as given. */
static void put_human_date(strbuf *b, const char *date) {
    date_parts dp = parse_date(date);
    switch (dp.parts) {
    case 0:
        sb_puts(b, "n.d.");
        break;
    case 1:
        sb_printf(b, "%d", dp.y);
        break;
    case 2:
        sb_printf(b, "%s %d", month_names[dp.m - 1], dp.y);
        break;
    case 3:
        sb_printf(b, "%d %s %d", dp.d, month_names[dp.m - 1], dp.y);
        break;
    default:
        sb_puts(b, date);
        break;
    }
}

/* ------------------------------------------------------------ text pieces */

/* Markdown characters that would start emphasis, links, citations, code, math,
 * sub/superscript or raw HTML in a footnote definition. */
static void put_text(strbuf *b, const char *s, size_t n, int md) {
    if (!md) {
        sb_append(b, s, n);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch && strchr("\\`*_[]<>@$~^", ch)) sb_putc(b, '\\');
        sb_putc(b, ch);
    }
}

static void put_str(strbuf *b, const char *s, int md) {
    put_text(b, s, strlen(s), md);
}

/* Last character that is not a space. */
static char last_char(const char *s) {
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return n ? s[n - 1] : '\0';
}

/* A title inside “…”: its own double quotes become single ones, and with
 * `period` a full stop goes inside the closing quote unless the title already
 * ends with . ? or !. */
static void put_quoted_title(strbuf *b, const char *title, int period, int md) {
    static const char lq[] = "\xE2\x80\x9C", rq[] = "\xE2\x80\x9D";
    static const char lsq[] = "\xE2\x80\x98", rsq[] = "\xE2\x80\x99";
    sb_puts(b, lq);
    size_t n = strlen(title), run = 0;
    for (size_t i = 0; i < n;) {
        const char *rep = NULL;
        size_t skip = 1;
        if (strncmp(title + i, lq, 3) == 0) {
            rep = lsq;
            skip = 3;
        } else if (strncmp(title + i, rq, 3) == 0) {
            rep = rsq;
            skip = 3;
        } else if (title[i] == '"') {
            char prev = i ? title[i - 1] : ' ';
            rep = (prev == ' ' || prev == '(' || prev == '[' || prev == '-') ? lsq : rsq;
        }
        if (rep) {
            put_text(b, title + run, i - run, md);
            sb_puts(b, rep);
            i += skip;
            run = i;
        } else {
            i++;
        }
    }
    put_text(b, title + run, n - run, md);
    char last = last_char(title);
    if (period && last != '.' && last != '?' && last != '!') sb_putc(b, '.');
    sb_puts(b, rq);
}

/* ------------------------------------------------------------ styles */

static void put_pandoc_key(strbuf *b, const char *key) {
    /* pandoc reads a bare key that starts and ends with a letter, digit or _
     * and holds only those and internal :.#$%&-+?<>~/ */
    size_t n = strlen(key);
    int bare = n > 0;
    for (size_t i = 0; bare && i < n; i++) {
        char ch = key[i];
        int word =
            is_digit(ch) || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_';
        if (word) continue;
        if (i == 0 || i == n - 1 || !strchr(":.#$%&-+?<>~/", ch)) bare = 0;
    }
    if (bare) {
        sb_puts(b, key);
    } else {
        sb_putc(b, '{');
        sb_puts(b, key);
        sb_putc(b, '}');
    }
}

/* A footnote label: no spaces, brackets, carets or backslashes. */
static void put_note_label(strbuf *b, const char *key, long para) {
    sb_puts(b, "[^");
    for (const char *p = key; *p; p++) {
        char ch = *p;
        sb_putc(b, (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '[' || ch == ']' ||
                    ch == '^' || ch == '\\')
                       ? '-'
                       : ch);
    }
    if (para > 0) sb_printf(b, "-p%ld", para);
    sb_putc(b, ']');
}

/* Author. “Title.” Container, Publisher, Date, para. N. URL. */
static void put_reference(strbuf *b, const dossier_article *a, long para, int md) {
    if (known(a->author)) {
        put_str(b, a->author, md);
        if (last_char(a->author) != '.') sb_putc(b, '.');
        sb_putc(b, ' ');
    }
    put_quoted_title(b, a->title ? a->title : "", 1, md);
    sb_putc(b, ' ');
    int container = known(a->container);
    if (container) {
        put_str(b, a->container, md);
        sb_puts(b, ", ");
    }
    if (known(a->publisher) && !(container && strcmp(a->container, a->publisher) == 0)) {
        put_str(b, a->publisher, md);
        sb_puts(b, ", ");
    }
    if (md) {
        strbuf d = {0};
        put_human_date(&d, a->date);
        if (d.failed)
            b->failed = 1;
        else if (d.data)
            put_text(b, d.data, d.len, md);
        sb_free(&d);
    } else {
        put_human_date(b, a->date);
    }
    if (para > 0) sb_printf(b, ", para. %ld", para);
    if (!(b->len && b->data[b->len - 1] == '.')) sb_putc(b, '.'); /* not "n.d.." */
    if (known(a->url)) {
        sb_putc(b, ' ');
        if (md) sb_putc(b, '<');
        sb_puts(b, a->url);
        if (md) sb_putc(b, '>');
        sb_putc(b, '.');
    }
}

/* (Publisher, 4 October 2023, para. N) */
static void put_inline(strbuf *b, const dossier_article *a, long para) {
    sb_putc(b, '(');
    if (known(a->publisher))
        sb_puts(b, a->publisher);
    else if (known(a->container))
        sb_puts(b, a->container);
    else if (a->title && *a->title)
        put_quoted_title(b, a->title, 0, 0);
    else
        sb_puts(b, a->key);
    sb_puts(b, ", ");
    put_human_date(b, a->date);
    if (para > 0) sb_printf(b, ", para. %ld", para);
    sb_putc(b, ')');
}

/* One row per style, in enum order: the names callers parse and list. */
static const struct {
    const char *name;
} styles[] = {
    [DOSSIER_CITE_PANDOC] = {"pandoc"},
    [DOSSIER_CITE_FOOTNOTE] = {"footnote"},
    [DOSSIER_CITE_INLINE] = {"inline"},
    [DOSSIER_CITE_REFERENCE] = {"reference"},
};
#define N_STYLES (sizeof styles / sizeof styles[0])

size_t dossier_cite_style_count(void) {
    return N_STYLES;
}

const char *dossier_cite_style_name(dossier_cite_style style) {
    return (unsigned)style < N_STYLES ? styles[style].name : NULL;
}

int dossier_cite_style_parse(const char *name) {
    if (!name) return -1;
    for (size_t k = 0; k < N_STYLES; k++)
        if (strcmp(name, styles[k].name) == 0) return (int)k;
    return -1;
}

dossier_status dossier_cite(const dossier_corpus *c, size_t article, long passage,
                            dossier_cite_style style, char **text, char **definition,
                            dossier_error *err) {
    if (text) *text = NULL;
    if (definition) *definition = NULL;
    if (!c || !text) return set_error(err, DOSSIER_ERR_ARG, "dossier_cite: NULL argument");
    if ((int)style < (int)DOSSIER_CITE_PANDOC || (int)style > (int)DOSSIER_CITE_REFERENCE)
        return set_error(err, DOSSIER_ERR_ARG, "unknown citation style %d", (int)style);
    if (article >= c->n_articles)
        return set_error(err, DOSSIER_ERR_NOTFOUND, "no article %zu (the corpus has %zu)", article,
                         c->n_articles);
    const dossier_article *a = &c->articles[article];
    long para = 0; /* 1-based paragraph, 0 for no locator */
    if (passage >= 0) {
        if ((size_t)passage >= c->n_passages)
            return set_error(err, DOSSIER_ERR_NOTFOUND, "no passage %ld (the corpus has %zu)",
                             passage, c->n_passages);
        const dossier_passage *p = &c->passages[passage];
        if (p->article != article)
            return set_error(err, DOSSIER_ERR_ARG, "passage %ld belongs to article '%s', not '%s'",
                             passage, c->articles[p->article].id, a->id);
        para = (long)p->paragraph + 1;
    }

    strbuf t = {0}, d = {0};
    switch (style) {
    case DOSSIER_CITE_PANDOC:
        sb_puts(&t, "[@");
        put_pandoc_key(&t, a->key);
        if (para > 0) sb_printf(&t, ", para. %ld", para);
        sb_putc(&t, ']');
        break;
    case DOSSIER_CITE_FOOTNOTE:
        put_note_label(&t, a->key, para);
        if (definition) {
            put_note_label(&d, a->key, para);
            sb_puts(&d, ": ");
            put_reference(&d, a, para, 1);
        }
        break;
    case DOSSIER_CITE_INLINE:
        put_inline(&t, a, para);
        break;
    case DOSSIER_CITE_REFERENCE:
        put_reference(&t, a, para, 0);
        break;
    }
    char *ts = sb_take(&t);
    char *ds = NULL;
    if (style == DOSSIER_CITE_FOOTNOTE && definition)
        ds = sb_take(&d);
    else
        sb_free(&d);
    if (!ts || (style == DOSSIER_CITE_FOOTNOTE && definition && !ds)) {
        free(ts);
        free(ds);
        return set_error(err, DOSSIER_ERR_NOMEM, "out of memory formatting a citation");
    }
    *text = ts;
    if (definition) *definition = ds;
    return DOSSIER_OK;
}

/* ------------------------------------------------------------ CSL JSON */

static void json_str(strbuf *b, const char *s) {
    size_t n = strlen(s);
    sb_putc(b, '"');
    for (size_t i = 0; i < n;) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 0x80) {
            size_t k;
            uint32_t cp = utf8_decode(s, n, i, &k);
            if (cp == 0xFFFD && k == 1)
                sb_puts(b, "\\ufffd"); /* an invalid byte */
            else
                sb_append(b, s + i, k);
            i += k;
            continue;
        }
        switch (ch) {
        case '"':
            sb_puts(b, "\\\"");
            break;
        case '\\':
            sb_puts(b, "\\\\");
            break;
        case '\n':
            sb_puts(b, "\\n");
            break;
        case '\r':
            sb_puts(b, "\\r");
            break;
        case '\t':
            sb_puts(b, "\\t");
            break;
        case '\b':
            sb_puts(b, "\\b");
            break;
        case '\f':
            sb_puts(b, "\\f");
            break;
        default:
            if (ch < 0x20)
                sb_printf(b, "\\u%04x", ch);
            else
                sb_putc(b, (char)ch);
        }
        i++;
    }
    sb_putc(b, '"');
}

typedef struct {
    strbuf *b;
    int n;
} fields;

static void field(fields *f, const char *name) {
    sb_puts(f->b, f->n++ ? ",\n    \"" : "    \"");
    sb_puts(f->b, name);
    sb_puts(f->b, "\": ");
}

static void field_str(fields *f, const char *name, const char *value) {
    field(f, name);
    json_str(f->b, value);
}

static void csl_item(strbuf *b, const dossier_article *a) {
    fields f = {b, 0};
    sb_puts(b, "  {\n");
    field_str(&f, "id", a->key);
    field_str(&f, "type", known(a->type) ? a->type : "article");
    field_str(&f, "title", a->title ? a->title : "");
    if (known(a->author)) {
        field(&f, "author");
        sb_puts(b, "[{\"literal\": ");
        json_str(b, a->author);
        sb_puts(b, "}]");
    }
    /* the publisher stands in for a missing container, and is not repeated:
     * styles print both for a webpage ("Global Research. Global Research.") */
    if (known(a->container))
        field_str(&f, "container-title", a->container);
    else if (known(a->publisher))
        field_str(&f, "container-title", a->publisher);
    if (known(a->publisher) && known(a->container) && strcmp(a->container, a->publisher) != 0)
        field_str(&f, "publisher", a->publisher);
    date_parts dp = parse_date(a->date);
    if (dp.parts > 0) {
        field(&f, "issued");
        sb_printf(b, "{\"date-parts\": [[%d", dp.y);
        if (dp.parts >= 2) sb_printf(b, ", %d", dp.m);
        if (dp.parts >= 3) sb_printf(b, ", %d", dp.d);
        sb_puts(b, "]]}");
    } else if (dp.parts < 0) {
        field(&f, "issued");
        sb_puts(b, "{\"literal\": ");
        json_str(b, a->date);
        sb_putc(b, '}');
    }
    if (known(a->language)) field_str(&f, "language", a->language);
    if (known(a->url)) field_str(&f, "URL", a->url);
    if (a->date_note && *a->date_note) field_str(&f, "note", a->date_note);
    sb_puts(b, "\n  }");
}

/* ------------------------------------------------------------ BibTeX */

static int is_upper_cp(uint32_t cp) {
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
    if (cp >= 0x100 && cp <= 0x137) return cp % 2 == 0;
    if (cp >= 0x139 && cp <= 0x148) return cp % 2 == 1;
    if (cp >= 0x14A && cp <= 0x177) return cp % 2 == 0;
    if (cp >= 0x178 && cp <= 0x17E) return cp == 0x178 || cp % 2 == 1;
    if (cp >= 0x391 && cp <= 0x3A9) return 1; /* Greek */
    if (cp >= 0x400 && cp <= 0x42F) return 1; /* Cyrillic */
    return 0;
}

/* Escapes BibTeX's special characters in s[from..to); a straight double quote
 * becomes LaTeX's ``...'' (pandoc reads those as a quotation). */
static void bib_text(strbuf *b, const char *s, size_t from, size_t to) {
    for (size_t i = from; i < to; i++) {
        char ch = s[i];
        switch (ch) {
        case '{':
        case '}':
        case '%':
        case '&':
        case '#':
        case '_':
        case '$':
            sb_putc(b, '\\');
            sb_putc(b, ch);
            break;
        case '\\':
            sb_puts(b, "\\textbackslash{}");
            break;
        case '~':
            sb_puts(b, "\\textasciitilde{}");
            break;
        case '^':
            sb_puts(b, "\\textasciicircum{}");
            break;
        case '"': {
            char prev = i ? s[i - 1] : ' ';
            sb_puts(b, (prev == ' ' || prev == '(' || prev == '[' || prev == '-') ? "``" : "''");
            break;
        }
        default:
            sb_putc(b, (unsigned char)ch < 0x20 ? ' ' : ch); /* no control characters */
        }
    }
}

static void bib_str(strbuf *b, const char *s) {
    bib_text(b, s, 0, strlen(s));
}

static int is_apostrophe(const char *s, size_t n, size_t i, size_t *k) {
    if (s[i] == '\'') {
        *k = 1;
        return 1;
    }
    if (i + 3 <= n && memcmp(s + i, "\xE2\x80\x99", 3) == 0) {
        *k = 3;
        return 1;
    }
    return 0;
}

/* A title with every word that holds a capital in braces ({Pyongyang}), but for
 * an initial capital on the title's first word. */
static void bib_title(strbuf *b, const char *s) {
    size_t n = strlen(s), i = 0, done = 0;
    int first_word = 1;
    while (i < n) {
        size_t k;
        uint32_t cp = utf8_decode(s, n, i, &k);
        if (!is_word_char(cp)) {
            i += k;
            continue;
        }
        /* a word: letters and digits, with apostrophes between them */
        size_t start = i;
        int caps = 0, pos = 0;
        while (i < n) {
            cp = utf8_decode(s, n, i, &k);
            if (!is_word_char(cp)) {
                size_t ak;
                if (pos && is_apostrophe(s, n, i, &ak) && i + ak < n) {
                    size_t nk;
                    if (is_word_char(utf8_decode(s, n, i + ak, &nk))) {
                        i += ak;
                        continue;
                    }
                }
                break;
            }
            if (is_upper_cp(cp) && !(first_word && pos == 0)) caps = 1;
            pos++;
            i += k;
        }
        bib_text(b, s, done, start);
        if (caps) sb_putc(b, '{');
        bib_text(b, s, start, i);
        if (caps) sb_putc(b, '}');
        done = i;
        first_word = 0;
    }
    bib_text(b, s, done, n);
}

static const char *bib_langid(const char *lang) {
    static const struct {
        const char *bcp47, *babel;
    } map[] = {
        {"en-US", "american"}, {"en-GB", "british"}, {"en", "english"},    {"de", "german"},
        {"fr", "french"},      {"es", "spanish"},    {"it", "italian"},    {"ru", "russian"},
        {"uk", "ukrainian"},   {"pl", "polish"},     {"pt", "portuguese"}, {"nl", "dutch"},
        {"sv", "swedish"},     {"ja", "japanese"},   {"fi", "finnish"},    {"cs", "czech"},
        {"el", "greek"},       {"tr", "turkish"},    {"hu", "hungarian"},  {"da", "danish"},
        {"ar", "arabic"},      {"he", "hebrew"},     {"ca", "catalan"},    {"ro", "romanian"},
        {"bg", "bulgarian"},   {"hr", "croatian"},   {"sr", "serbian"},    {"sk", "slovak"},
        {"sl", "slovene"},     {"vi", "vietnamese"}, {"la", "latin"}};
    if (!known(lang)) return NULL;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (ascii_ieq(lang, map[i].bcp47)) return map[i].babel;
    /* "de-AT" -> german: the language without its region */
    size_t n = strcspn(lang, "-_");
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strlen(map[i].bcp47) == n && strncmp(lang, map[i].bcp47, n) == 0) return map[i].babel;
    return NULL;
}

static void bib_field(strbuf *b, const char *name) {
    sb_puts(b, ",\n  ");
    sb_puts(b, name);
    sb_puts(b, " = {");
}

static void bib_entry(strbuf *b, const dossier_article *a) {
    sb_printf(b, "@article{%s", a->key);
    bib_field(b, "title");
    bib_title(b, a->title ? a->title : "");
    sb_putc(b, '}');
    if (known(a->author)) {
        bib_field(b, "author");
        /* the front matter gives a name as written, not its parts: a literal,
         * as in the CSL JSON, so BibTeX neither splits nor reorders it */
        sb_putc(b, '{');
        bib_str(b, a->author);
        sb_puts(b, "}}");
    }
    const char *journal = known(a->container)   ? a->container
                          : known(a->publisher) ? a->publisher
                                                : NULL;
    if (journal) {
        bib_field(b, "journal");
        bib_str(b, journal);
        sb_putc(b, '}');
    }
    /* pandoc reads @article with this as article-newspaper (or -magazine) */
    const char *t = known(a->type) ? a->type : "";
    if (strcmp(t, "article-newspaper") == 0) {
        bib_field(b, "entrysubtype");
        sb_puts(b, "newspaper}");
    } else if (strcmp(t, "article-magazine") == 0) {
        bib_field(b, "entrysubtype");
        sb_puts(b, "magazine}");
    }
    if (known(a->publisher)) {
        bib_field(b, "publisher");
        bib_str(b, a->publisher);
        sb_putc(b, '}');
    }
    date_parts dp = parse_date(a->date);
    if (dp.parts > 0) {
        bib_field(b, "year");
        sb_printf(b, "%d}", dp.y);
        if (dp.parts >= 2) {
            bib_field(b, "month");
            sb_printf(b, "%s}", month_abbr[dp.m - 1]);
        }
        bib_field(b, "date");
        sb_puts(b, a->date);
        sb_putc(b, '}');
    }
    const char *langid = bib_langid(a->language);
    if (langid) {
        bib_field(b, "langid");
        sb_printf(b, "%s}", langid);
    }
    if (known(a->url)) {
        /* verbatim for biblatex and pandoc; only what would break the braces,
         * spaces and control characters are percent-encoded */
        bib_field(b, "url");
        for (const char *p = a->url; *p; p++) {
            unsigned char ch = (unsigned char)*p;
            if (ch == '{' || ch == '}' || ch == '\\' || ch <= 0x20 || ch == 0x7F)
                sb_printf(b, "%%%02X", ch);
            else
                sb_putc(b, (char)ch);
        }
        sb_putc(b, '}');
    }
    if (a->date_note && *a->date_note) {
        bib_field(b, "note");
        bib_str(b, a->date_note);
        sb_putc(b, '}');
    }
    sb_puts(b, "\n}\n");
}

dossier_status dossier_bibliography(const dossier_corpus *c, const char *format, char **out,
                                    dossier_error *err) {
    if (out) *out = NULL;
    if (!c || !out) return set_error(err, DOSSIER_ERR_ARG, "dossier_bibliography: NULL argument");
    int csl;
    if (format && strcmp(format, "csl") == 0)
        csl = 1;
    else if (format && strcmp(format, "bibtex") == 0)
        csl = 0;
    else
        return set_error(err, DOSSIER_ERR_ARG,
                         "unknown bibliography format '%s' (expected 'csl' or 'bibtex')",
                         format ? format : "(null)");
    strbuf b = {0};
    if (csl) {
        sb_putc(&b, '[');
        for (size_t i = 0; i < c->n_articles; i++) {
            sb_puts(&b, i ? ",\n" : "\n");
            csl_item(&b, &c->articles[i]);
        }
        sb_puts(&b, "\n]\n");
    } else {
        for (size_t i = 0; i < c->n_articles; i++) {
            if (i) sb_putc(&b, '\n');
            bib_entry(&b, &c->articles[i]);
        }
    }
    char *s = sb_take(&b);
    if (!s) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory writing the bibliography");
    *out = s;
    return DOSSIER_OK;
}
