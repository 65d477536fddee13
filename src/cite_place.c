/* cite_place.c — where a citation goes in a sentence, the one rule of every
 * front end (the plugin's :Dossier cite, the server's code actions).
 *
 * Pandoc's convention, which is also Chicago's and APA's for author-date
 * citations: the citation sits inside the sentence, before its final
 * punctuation ("… satellites [@araujo2023]."), but never inside a
 * quotation. A sentence that ends with a quotation gets the citation after
 * the closing quote mark; a period inside that mark moves after the
 * citation ('… idle words." -> … idle words" [@matsuo2023].'), since it
 * closes the writer's sentence, not the speaker's (citeproc puts it back
 * inside the quote marks for styles that want it so). A question or
 * exclamation mark, or an ellipsis, belongs to the quotation and stays.
 * Closing brackets are the writer's own: a sentence wholly in brackets
 * keeps the citation inside them ("(He left [@k].)"). A footnote marker
 * goes after everything, punctuation and quote marks included ("…
 * words."[^k]). Every style but a footnote gets a space before it. A full
 * reference (the reference style) goes where a citation goes, in
 * parentheses and without its own final period ("… help (“Title.” 13
 * September 2023, para. 7)."). */
#include "util.h"

#include <string.h>

static const char *const quote_marks[] = {"\"", "'", "\xE2\x80\x9D" /* ” */, "\xE2\x80\x99" /* ’ */,
                                          "\xC2\xBB" /* » */};
static const char *const brackets[] = {")", "]"};
static const char *const enders[] = {".", "!", "?", "\xE2\x80\xA6" /* … */};

/* The length of the mark of `set` that text[0, e) ends with, or 0. */
static size_t ends_with_one(const char *t, size_t e, const char *const *set, size_t n) {
    for (size_t i = 0; i < n; i++) {
        size_t m = strlen(set[i]);
        if (e >= m && memcmp(t + e - m, set[i], m) == 0) return m;
    }
    return 0;
}

#define ENDS(t, e, set) ends_with_one(t, e, set, sizeof set / sizeof *set)

dossier_status dossier_cite_place(const char *sentence, size_t len, dossier_cite_style style,
                                  const char *citation, dossier_cite_edit *out,
                                  dossier_error *err) {
    if (out) memset(out, 0, sizeof *out);
    if ((!sentence && len) || !citation || !out)
        return set_error(err, DOSSIER_ERR_ARG, "dossier_cite_place: NULL argument");
    if ((unsigned)style >= dossier_cite_style_count())
        return set_error(err, DOSSIER_ERR_ARG, "dossier_cite_place: unknown style %d", (int)style);
    const char *t = sentence ? sentence : "";
    size_t e = len;
    while (e > 0 && strchr(" \t\r\n", t[e - 1]))
        e--;
    size_t at = e, replace_end = e; /* the bytes [at, replace_end) the edit replaces */
    int moved_period = 0;
    if (style != DOSSIER_CITE_FOOTNOTE) {
        /* the closing marks at the end, and the end of the outermost quote mark among them */
        size_t closers = e, quote_end = 0, m;
        for (;;) {
            if ((m = ENDS(t, closers, quote_marks))) {
                if (!quote_end) quote_end = closers;
                closers -= m;
            } else if ((m = ENDS(t, closers, brackets))) {
                closers -= m;
            } else {
                break;
            }
        }
        size_t punct = closers;
        while ((m = ENDS(t, punct, enders)))
            punct -= m;
        if (quote_end) {
            /* after the quotation; its closing period moves after the citation */
            moved_period = closers - punct == 1 && t[punct] == '.';
            at = moved_period ? punct : quote_end;
            replace_end = quote_end;
        } else {
            at = replace_end = punct < closers ? punct : e;
        }
    }
    strbuf b = {0};
    if (moved_period) sb_append(&b, t + at + 1, replace_end - at - 1); /* the quote marks */
    size_t before = moved_period ? replace_end : at;
    int space = style != DOSSIER_CITE_FOOTNOTE && before > 0 && !strchr(" \t\r\n", t[before - 1]);
    if (space) sb_putc(&b, ' ');
    if (style == DOSSIER_CITE_REFERENCE) {
        /* a whole reference in running text: in parentheses, its own final
         * period dropped, so the sentence does not end "para. 1.." */
        size_t n = strlen(citation);
        while (n > 0 && (citation[n - 1] == '.' || strchr(" \t\r\n", citation[n - 1])))
            n--;
        sb_putc(&b, '(');
        sb_append(&b, citation, n);
        sb_putc(&b, ')');
    } else {
        sb_puts(&b, citation);
    }
    if (moved_period) sb_putc(&b, '.');
    out->text = sb_take(&b);
    if (!out->text) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    out->start = at;
    out->end = replace_end;
    return DOSSIER_OK;
}
