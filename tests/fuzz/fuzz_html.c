/* fuzz_html.c — `dossier import` of a web page: libxml2's HTML parser, the
 * metadata reader (meta tags, JSON-LD through jansson, microdata, bylines)
 * and the main-text extraction, on any bytes. */
#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    imp_doc *d = imp_doc_new();
    char *error = NULL;
    if (import_html((const char *)data, size, d, &error) == 0) {
        imp_offer(d, F_TITLE, "a title", "fuzz"); /* as --title would, when the page has none */
        fuzz_check_doc(d);
    } else {
        FUZZ_CHECK(error && *error);
    }
    g_free(error);
    imp_doc_free(d);
    return 0;
}
