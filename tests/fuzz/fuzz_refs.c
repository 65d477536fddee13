/* fuzz_refs.c — the writer's bibliography that `dossier import --bib/--csl`
 * reads: the BibTeX/biblatex reader and the CSL JSON reader, on any bytes
 * (the first byte picks the reader). */
#include "fuzz.h"
#include "import/refs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    ref_list *r = refs_new("fuzz.bib");
    char *error = NULL;
    const char *text = (const char *)data + 1;
    int rc = data[0] & 1 ? refs_parse_csl(r, text, size - 1, &error)
                         : refs_parse_bib(r, text, size - 1, &error);
    if (rc) {
        FUZZ_CHECK(error && g_str_has_prefix(error, "line "));
    } else {
        for (guint i = 0; i < r->entries->len; i++) {
            const ref_entry *e = g_ptr_array_index(r->entries, i);
            FUZZ_CHECK(e->key != NULL);
            for (guint k = 0; k < e->authors->len; k++)
                FUZZ_CHECK(g_utf8_validate(((imp_author *)g_ptr_array_index(e->authors, k))->name,
                                           -1, NULL));
        }
    }
    g_free(error);
    refs_free(r);
    return 0;
}
