/* fuzz_frontmatter.c — `dossier import` of Markdown with another tool's
 * front matter: YAML (libyaml), TOML (fm_toml.c), the key mapping and the
 * cleaning of links, images and templates, on any bytes. */
#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    imp_doc *d = imp_doc_new();
    char *error = NULL;
    if (import_markdown((const char *)data, size, d, &error) == 0) {
        imp_offer(d, F_TITLE, "a title", "fuzz");
        fuzz_check_doc(d);
    } else {
        FUZZ_CHECK(error && *error);
    }
    g_free(error);
    imp_doc_free(d);
    return 0;
}
