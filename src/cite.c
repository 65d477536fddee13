/* cite.c — citations in four styles, one row of the style table each.
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
 *    a space, non-ASCII) are written in braces, [@{key}]. */
#include "cite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ fields */

int ascii_ieq(const char *a, const char *b) {
    for (; *a && *b; a++, b++) {
        char x = *a, y = *b;
        if (x >= 'A' && x <= 'Z') x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z') y = (char)(y + 32);
        if (x != y) return 0;
    }
    return *a == *b;
}

int field_known(const char *s) {
    return s && *s && !ascii_ieq(s, "unknown");
}

static int all_digits(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i])) return 0;
    return 1;
}

/* ------------------------------------------------------------ dates */

static const char *const month_names[12] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};

static int days_in_month(int y, int m) {
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return days[m - 1];
}

date_parts field_date(const char *s) {
    date_parts dp = {0, 0, 0, 0};
    if (!field_known(s)) return dp;
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
    date_parts dp = field_date(date);
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
    if (field_known(a->author)) {
        put_str(b, a->author, md);
        if (last_char(a->author) != '.') sb_putc(b, '.');
        sb_putc(b, ' ');
    }
    put_quoted_title(b, a->title ? a->title : "", 1, md);
    sb_putc(b, ' ');
    int container = field_known(a->container);
    if (container) {
        put_str(b, a->container, md);
        sb_puts(b, ", ");
    }
    if (field_known(a->publisher) && !(container && strcmp(a->container, a->publisher) == 0)) {
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
    if (field_known(a->url)) {
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
    if (field_known(a->publisher))
        sb_puts(b, a->publisher);
    else if (field_known(a->container))
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

/* A style writes the citation of article a (with a locator when para > 0)
 * to text, and its definition line, if it has one, to definition when that
 * is not NULL. */
typedef void (*style_format)(strbuf *text, strbuf *definition, const dossier_article *a, long para);

/* [@key] or [@key, para. N] */
static void format_pandoc(strbuf *text, strbuf *definition, const dossier_article *a, long para) {
    sb_puts(text, "[@");
    put_pandoc_key(text, a->key);
    if (para > 0) sb_printf(text, ", para. %ld", para);
    sb_putc(text, ']');
}

/* [^key] and its definition, "[^key]: " and the full reference in Markdown */
static void format_footnote(strbuf *text, strbuf *definition, const dossier_article *a, long para) {
    put_note_label(text, a->key, para);
    if (!definition) return;
    put_note_label(definition, a->key, para);
    sb_puts(definition, ": ");
    put_reference(definition, a, para, 1);
}

static void format_inline(strbuf *text, strbuf *definition, const dossier_article *a, long para) {
    put_inline(text, a, para);
}

static void format_reference(strbuf *text, strbuf *definition, const dossier_article *a,
                             long para) {
    put_reference(text, a, para, 0);
}

/* The styles: one row each, in enum order. Parsing, naming, the Lua
 * binding's core.styles and the plugin's completion all come from here. */
static const struct {
    const char *name;
    style_format format;
} styles[] = {
    [DOSSIER_CITE_PANDOC] = {"pandoc", format_pandoc},
    [DOSSIER_CITE_FOOTNOTE] = {"footnote", format_footnote},
    [DOSSIER_CITE_INLINE] = {"inline", format_inline},
    [DOSSIER_CITE_REFERENCE] = {"reference", format_reference},
};
#define N_STYLES (sizeof styles / sizeof styles[0])

size_t dossier_cite_style_count(void) {
    return N_STYLES;
}

const char *dossier_cite_style_name(dossier_cite_style style) {
    return (unsigned)style < N_STYLES ? styles[style].name : NULL;
}

dossier_status dossier_cite_style_parse(const char *name, dossier_cite_style *out,
                                        dossier_error *err) {
    for (size_t k = 0; name && k < N_STYLES; k++)
        if (strcmp(name, styles[k].name) == 0) {
            if (out) *out = (dossier_cite_style)k;
            return DOSSIER_OK;
        }
    /* "pandoc, footnote, inline or reference" */
    char names[256] = "";
    size_t at = 0;
    for (size_t k = 0; k < N_STYLES && at < sizeof names; k++)
        at += (size_t)snprintf(names + at, sizeof names - at, "%s%s",
                               k == 0              ? ""
                               : k + 1 == N_STYLES ? " or "
                                                   : ", ",
                               styles[k].name);
    return set_error(err, DOSSIER_ERR_ARG, "unknown citation style '%s' (expected %s)",
                     name ? name : "(null)", names);
}

dossier_status dossier_cite(const dossier_corpus *c, size_t article, long passage,
                            dossier_cite_style style, char **text, char **definition,
                            dossier_error *err) {
    if (text) *text = NULL;
    if (definition) *definition = NULL;
    if (!c || !text) return set_error(err, DOSSIER_ERR_ARG, "dossier_cite: NULL argument");
    if ((unsigned)style >= N_STYLES)
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
                             passage, p->article < c->n_articles ? c->articles[p->article].id : "?",
                             a->id);
        para = (long)p->paragraph + 1;
    }

    strbuf t = {0}, d = {0};
    styles[style].format(&t, definition ? &d : NULL, a, para);
    int has_definition = d.len > 0 || d.failed;
    char *ts = sb_take(&t);
    char *ds = has_definition ? sb_take(&d) : NULL;
    sb_free(&d);
    if (!ts || (has_definition && !ds)) {
        free(ts);
        free(ds);
        return set_error(err, DOSSIER_ERR_NOMEM, "out of memory formatting a citation");
    }
    *text = ts;
    if (definition) *definition = ds;
    return DOSSIER_OK;
}
