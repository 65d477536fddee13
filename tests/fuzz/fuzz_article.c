/* fuzz_article.c — the article loader: front matter, body, passages, and the
 * citations and bibliographies made from the fields it reads.
 *
 * The input is the file a.md of tests/fuzz/fixture (served from memory), next
 * to b.md and actors.yaml, so the whole of dossier_open runs on it. */
#include "fuzz.h"

static char fixture[4096];

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    snprintf(fixture, sizeof fixture, "%s/tests/fuzz/fixture", fuzz_srcdir());
    fuzz_virtual_file(fixture, "a.md");
    return 0;
}

static void check_article(const dossier_corpus *c, size_t ai) {
    const dossier_article *a = dossier_article_at(c, ai);
    FUZZ_CHECK(a && a->id && a->key && a->title && a->publisher && a->author && a->date &&
               a->date_note && a->language && a->type && a->container && a->url);
    FUZZ_CHECK(a->body_start <= a->text_len && a->text[a->text_len] == '\0');
    FUZZ_CHECK(a->first_passage + a->n_passages <= dossier_passage_count(c));
    for (size_t k = 0; k < a->n_passages; k++) {
        const dossier_passage *p = dossier_passage_at(c, a->first_passage + k);
        FUZZ_CHECK(p->article == ai && p->start < p->end && p->end <= a->text_len);
        FUZZ_CHECK(p->start >= a->body_start && p->line >= 1 && p->col >= 1);
        FUZZ_CHECK(p->end_line > p->line || (p->end_line == p->line && p->end_col >= p->col));
    }
}

static void cite_all(const dossier_corpus *c, size_t ai) {
    const dossier_article *a = dossier_article_at(c, ai);
    long passages[] = {-1, a->n_passages ? (long)a->first_passage : -1,
                       a->n_passages ? (long)(a->first_passage + a->n_passages - 1) : -1};
    for (int style = DOSSIER_CITE_PANDOC; style <= DOSSIER_CITE_REFERENCE; style++)
        for (size_t k = 0; k < sizeof passages / sizeof *passages; k++) {
            char *text = NULL, *def = NULL;
            dossier_error err;
            if (dossier_cite(c, ai, passages[k], (dossier_cite_style)style, &text, &def, &err) ==
                DOSSIER_OK)
                FUZZ_CHECK(text != NULL);
            dossier_free(text);
            dossier_free(def);
        }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_vdata = data;
    fuzz_vlen = size;
    dossier_corpus *c = NULL;
    dossier_error err;
    if (dossier_open(fixture, &c, &err) != DOSSIER_OK) {
        FUZZ_CHECK(c == NULL && err.status != DOSSIER_OK && err.message[0]);
        return 0;
    }
    for (size_t i = 0; i < dossier_article_count(c); i++) {
        check_article(c, i);
        cite_all(c, i);
    }
    const char *formats[] = {"csl", "bibtex"};
    for (size_t f = 0; f < 2; f++) {
        char *out = NULL;
        if (dossier_bibliography(c, formats[f], &out, &err) == DOSSIER_OK) FUZZ_CHECK(out != NULL);
        dossier_free(out);
    }
    dossier_close(c);
    return 0;
}
