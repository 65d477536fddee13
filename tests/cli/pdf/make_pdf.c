/* make_pdf.c — writes the PDF the import tests read: report.txt laid out
 * on A4 pages with cairo, the way a word processor would, so that the
 * importer meets what real PDFs hold: lines broken at the margin, long
 * words hyphenated at a line end, a paragraph running over a page break, a
 * running header and page numbers, and the document's Title, Author and
 * CreationDate.
 *
 *   make_pdf report.txt out.pdf */
#include <cairo-pdf.h>
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN 90.0
#define SIZE 13.0
#define LEADING 19.0

static cairo_t *cr;
static double y;
static int page = 1;

static void furniture(void) {
    char num[32];
    cairo_set_font_size(cr, 9);
    cairo_move_to(cr, MARGIN, MARGIN - 30);
    cairo_show_text(cr, "Harbour Authority - Lighting Survey 2021");
    snprintf(num, sizeof num, "%d", page);
    cairo_move_to(cr, PAGE_W / 2, PAGE_H - MARGIN + 30);
    cairo_show_text(cr, num);
    cairo_set_font_size(cr, SIZE);
}

static void line_out(const char *s) {
    if (y > PAGE_H - MARGIN) {
        cairo_show_page(cr);
        page++;
        y = MARGIN;
        furniture();
    }
    cairo_move_to(cr, MARGIN, y);
    cairo_show_text(cr, s);
    y += LEADING;
}

static double width_of(const char *s) {
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    return e.x_advance;
}

/* Lays out one paragraph, breaking at spaces; a long plain word that does
 * not fit is split with a hyphen, as justified text often is. */
static void paragraph(char *text) {
    char line[1024] = "";
    double max = PAGE_W - 2 * MARGIN;
    for (char *w = strtok(text, " \n"); w; w = strtok(NULL, " \n")) {
        char try[1600];
        snprintf(try, sizeof try, "%s%s%s", line, *line ? " " : "", w);
        if (width_of(try) <= max) {
            strcpy(line, try);
            continue;
        }
        size_t n = strlen(w);
        if (n >= 8 && !strchr(w, '-')) {
            /* as much of the word as fits, then a hyphen */
            for (size_t k = n - 3; k >= 4; k--) {
                char head[1600];
                snprintf(head, sizeof head, "%s%s%.*s-", line, *line ? " " : "", (int)k, w);
                if (width_of(head) <= max) {
                    line_out(head);
                    snprintf(line, sizeof line, "%s", w + k);
                    w = NULL;
                    break;
                }
            }
            if (!w) continue;
        }
        line_out(line);
        snprintf(line, sizeof line, "%s", w);
    }
    if (*line) line_out(line);
    y += LEADING; /* the gap between paragraphs */
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: make_pdf TEXT OUT.pdf\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) return perror(argv[1]), 1;
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    cairo_surface_t *s = cairo_pdf_surface_create(argv[2], PAGE_W, PAGE_H);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
                                   "Harbour Lighting Survey: Findings of the 2021 Inspection");
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, "Ines Moreau; Tom Adeyemi");
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, "harbour, lighting, survey");
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2021-06-14T10:00:00");
    cr = cairo_create(s);
    cairo_select_font_face(cr, "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, SIZE);
    y = MARGIN;
    furniture();
    /* paragraphs are separated by blank lines; the first is the heading */
    char *p = buf;
    while (p && *p) {
        char *end = strstr(p, "\n\n");
        if (end) *end = '\0';
        paragraph(p);
        p = end ? end + 2 : NULL;
    }
    cairo_destroy(cr);
    cairo_surface_finish(s);
    int bad = cairo_surface_status(s) != CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(s);
    return bad;
}
