/* pdf.c — a PDF source through poppler-glib: its metadata and its text.
 *
 * poppler gives each page's text as lines. They are put back into paragraphs
 * by these rules:
 *  - lines are trimmed; a line that is only a page number ("12", "Page 3",
 *    "3 of 10") is dropped, and so is a line repeated as the first or last
 *    line of at least half the pages (two or more): a running header/footer;
 *  - a paragraph ends at an empty line; where the gap to the next line is
 *    more than 1.4 times the page's usual line spacing (from the glyph
 *    positions poppler gives); at a line ending with . ! ? : ” or " that is
 *    shorter than 85% of the longest line of its page (the last line of a
 *    paragraph rarely reaches the margin); and at a page's end unless the
 *    next page starts in lower case;
 *  - a line ending in a hyphen before a lower-case letter is joined to the
 *    next without it ("exam-" + "ple" = "example"); other lines join with a
 *    space.
 * The title is the document's Title unless it is empty or a file name
 * ("Microsoft Word - x.docx", "untitled"), else the first line of the text.
 * Author is split at ';' (or at commas between full names); the date is the
 * creation date, which the report flags as possibly not the publication's. */
#include "import/import.h"

#include <poppler.h>
#include <string.h>

static int junk_title(const char *t) {
    if (!t || !*t) return 1;
    char *l = g_ascii_strdown(t, -1);
    g_strstrip(l);
    int junk = !*l || strcmp(l, "untitled") == 0 || g_str_has_prefix(l, "microsoft word - ") ||
               g_str_has_suffix(l, ".doc") || g_str_has_suffix(l, ".docx") ||
               g_str_has_suffix(l, ".pdf") || g_str_has_suffix(l, ".indd") ||
               g_str_has_suffix(l, ".tex") || g_str_has_suffix(l, ".dvi");
    g_free(l);
    return junk;
}

static int page_number_line(const char *l) {
    const char *p = l;
    if (g_ascii_strncasecmp(p, "page ", 5) == 0) p += 5;
    if (!g_ascii_isdigit(*p)) return 0;
    while (g_ascii_isdigit(*p))
        p++;
    if (!*p) return 1;
    if (g_ascii_strncasecmp(p, " of ", 4) == 0 || *p == '/') {
        p += *p == '/' ? 1 : 4;
        while (g_ascii_isdigit(*p))
            p++;
        return !*p;
    }
    return 0;
}

static int ends_sentence(const char *l) {
    size_t n = strlen(l);
    if (!n) return 0;
    if (strchr(".!?:\"", l[n - 1])) return 1;
    return n >= 3 &&
           (strcmp(l + n - 3, "\xE2\x80\x9D") == 0 || strcmp(l + n - 3, "\xE2\x80\xA6") == 0);
}

typedef struct {
    gchar **lines;
    double *top;    /* per line: the top of its first glyph, or -1 */
    size_t longest; /* characters */
    double spacing; /* the usual distance between two lines' tops */
} pdf_page;

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Each line's top from the glyph rectangles (one per character of text). */
static void line_tops(PopplerPage *pg, const char *text, pdf_page *p) {
    guint nl = g_strv_length(p->lines);
    p->top = g_new(double, nl ? nl : 1);
    for (guint i = 0; i < nl; i++)
        p->top[i] = -1;
    PopplerRectangle *rects = NULL;
    guint nr = 0;
    if (!pg || !poppler_page_get_text_layout(pg, &rects, &nr)) return;
    guint line = 0, k = 0;
    int at_start = 1;
    for (const char *c = text; *c && line < nl; c = g_utf8_next_char(c), k++) {
        if (*c == '\n') {
            line++;
            at_start = 1;
            continue;
        }
        if (at_start && k < nr && *c != ' ') {
            p->top[line] = rects[k].y1;
            at_start = 0;
        }
    }
    g_free(rects);
    /* the usual spacing: the median of the gaps between successive lines */
    double *gaps = g_new(double, nl ? nl : 1);
    guint ng = 0;
    for (guint i = 1; i < nl; i++)
        if (p->top[i] >= 0 && p->top[i - 1] >= 0 && p->top[i] > p->top[i - 1])
            gaps[ng++] = p->top[i] - p->top[i - 1];
    if (ng) {
        qsort(gaps, ng, sizeof *gaps, cmp_double);
        p->spacing = gaps[ng / 2];
    }
    g_free(gaps);
}

static void offer_authors(imp_doc *d, const char *list) {
    gchar **parts = g_strsplit_set(list, ";", -1);
    for (gchar **p = parts; *p; p++) {
        gchar **ands = g_strsplit(*p, " and ", -1);
        for (gchar **a = ands; *a; a++) {
            gchar **commas = g_strsplit(*a, ",", -1);
            int full = g_strv_length(commas) > 1;
            for (gchar **c = commas; *c && full; c++)
                full = strchr(g_strstrip(*c), ' ') != NULL;
            if (full)
                for (gchar **c = commas; *c; c++)
                    imp_offer_author(d, *c, 0, "PDF Author");
            else
                imp_offer_author(d, g_strstrip(*a), 0, "PDF Author");
            g_strfreev(commas);
        }
        g_strfreev(ands);
    }
    g_strfreev(parts);
}

int import_pdf(const char *data, size_t len, imp_doc *d, char **error) {
    GBytes *bytes = g_bytes_new(data, len);
    GError *ge = NULL;
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &ge);
    g_bytes_unref(bytes);
    if (!doc) {
        *error = g_strdup_printf("not a readable PDF: %s", ge ? ge->message : "poppler failed");
        if (ge) g_error_free(ge);
        return -1;
    }
    char *title = poppler_document_get_title(doc);
    if (!junk_title(title)) imp_offer(d, F_TITLE, title, "PDF Title");
    g_free(title);
    char *author = poppler_document_get_author(doc);
    if (author) offer_authors(d, author);
    g_free(author);
    char *keywords = poppler_document_get_keywords(doc);
    imp_offer_keywords(d, keywords, "PDF Keywords");
    g_free(keywords);
    GDateTime *created = poppler_document_get_creation_date_time(doc);
    if (created) {
        char *iso = g_date_time_format(created, "%Y-%m-%d");
        if (imp_offer(d, F_DATE, iso, "PDF CreationDate"))
            imp_note(d, "the date is when the PDF was made, which may not be when it was "
                        "published; check it, or give --date");
        g_free(iso);
        g_date_time_unref(created);
    }

    int n = poppler_document_get_n_pages(doc);
    pdf_page *pages = g_new0(pdf_page, n > 0 ? n : 1);
    GHashTable *edges = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (int i = 0; i < n; i++) {
        PopplerPage *pg = poppler_document_get_page(doc, i);
        char *text = pg ? poppler_page_get_text(pg) : NULL;
        pages[i].lines = g_strsplit(text ? text : "", "\n", -1);
        line_tops(pg, text ? text : "", &pages[i]);
        if (pg) g_object_unref(pg);
        g_free(text);
        const char *first = NULL, *last = NULL;
        for (gchar **l = pages[i].lines; *l; l++) {
            g_strstrip(*l);
            size_t c = g_utf8_strlen(*l, -1);
            if (c > pages[i].longest) pages[i].longest = c;
            if (**l && !first) first = *l;
            if (**l) last = *l;
        }
        /* a running header or footer is the same first or last line on many pages */
        for (int k = 0; k < 2; k++) {
            const char *e = k ? last : first;
            if (!e || (k && e == first)) continue;
            gpointer seen = g_hash_table_lookup(edges, e);
            g_hash_table_replace(edges, g_strdup(e), GINT_TO_POINTER(GPOINTER_TO_INT(seen) + 1));
        }
    }
    g_object_unref(doc);

    GString *para = g_string_new(NULL);
    int ended = 1; /* the paragraph before has ended */
    for (int i = 0; i < n; i++) {
        double prev_top = -1;
        for (gchar **l = pages[i].lines; *l; l++) {
            const char *line = *l;
            double top = pages[i].top[l - pages[i].lines];
            /* a wide gap above this line: the paragraph before has ended */
            if (prev_top >= 0 && top >= 0 && pages[i].spacing > 0 &&
                top - prev_top > 1.4 * pages[i].spacing)
                ended = 1;
            if (top >= 0) prev_top = top;
            int edge = n >= 2 && GPOINTER_TO_INT(g_hash_table_lookup(edges, line)) * 2 >= n;
            if (page_number_line(line) || edge) continue;
            if (!*line) {
                ended = 1;
                continue;
            }
            if (ended && para->len) {
                /* a page break inside a sentence: the next page goes on in lower case */
                gunichar c = g_utf8_get_char(line);
                if (l == pages[i].lines && g_unichar_islower(c)) {
                    ended = 0;
                } else {
                    if (d->text->len) g_string_append(d->text, "\n\n");
                    g_string_append(d->text, para->str);
                    g_string_truncate(para, 0);
                }
            }
            if (para->len) {
                gunichar next = g_utf8_get_char(line);
                if (para->str[para->len - 1] == '-' && g_unichar_islower(next) && para->len >= 2 &&
                    para->str[para->len - 2] != ' ')
                    g_string_truncate(para, para->len - 1);
                else
                    g_string_append_c(para, ' ');
            }
            g_string_append(para, line);
            size_t c = g_utf8_strlen(line, -1);
            ended = ends_sentence(line) && c * 100 < pages[i].longest * 85;
        }
        ended = 1; /* a page ends a paragraph unless the next page starts in lower case */
    }
    if (para->len) {
        if (d->text->len) g_string_append(d->text, "\n\n");
        g_string_append(d->text, para->str);
    }
    g_string_free(para, TRUE);
    for (int i = 0; i < n; i++) {
        g_strfreev(pages[i].lines);
        g_free(pages[i].top);
    }
    g_free(pages);
    g_hash_table_destroy(edges);
    if (!d->text->len)
        imp_note(d, "the PDF has no text layer (a scan?): nothing to import but metadata");
    /* the first line of the text stands in for a missing title */
    if (d->text->len) {
        size_t k = strcspn(d->text->str, "\n");
        char *first = g_strndup(d->text->str, k < 200 ? k : 200);
        imp_offer(d, F_TITLE, first, "first line of the text");
        g_free(first);
    }
    return 0;
}
