/* fuzz_import.h — what the importer targets (fuzz_html.c, fuzz_frontmatter.c)
 * check of any document they read: every field and the text are valid UTF-8,
 * and the article file written from them has front matter that is valid
 * YAML (read back with the same reader) — whatever the input held. */
#ifndef DOSSIER_FUZZ_IMPORT_H
#define DOSSIER_FUZZ_IMPORT_H

#include "fuzz.h"
#include "import/frontmatter.h"
#include "import/import.h"
#include "import/write.h"

static void fuzz_check_doc(imp_doc *d) {
    for (int f = 0; f < F_COUNT; f++)
        FUZZ_CHECK(!d->value[f] || g_utf8_validate(d->value[f], -1, NULL));
    for (guint i = 0; i < d->authors->len; i++)
        FUZZ_CHECK(g_utf8_validate(((imp_author *)g_ptr_array_index(d->authors, i))->name, -1, NULL));
    FUZZ_CHECK(g_utf8_validate(d->text->str, (gssize)d->text->len, NULL));
    char *article = imp_render(d, "fuzz-1", "fuzz1", "fuzz input");
    FUZZ_CHECK(g_str_has_prefix(article, "---\n"));
    char *end = strstr(article + 4, "\n---\n");
    FUZZ_CHECK(end != NULL);
    fm_node *fm = NULL;
    char *error = NULL;
    int rc = fm_parse_yaml(article + 4, (size_t)(end + 1 - (article + 4)), 2, &fm, &error);
    if (rc) fprintf(stderr, "front matter written that does not read back: %s\n%s\n", error, article);
    FUZZ_CHECK(rc == 0);
    FUZZ_CHECK(fm_get(fm, "title") && fm_get(fm, "id"));
    fm_free(fm);
    g_free(error);
    g_free(article);
}

#endif
