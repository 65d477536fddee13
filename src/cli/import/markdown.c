/* markdown.c — placeholder until the front matter readers land. */
#include "import/import.h"

int import_markdown(const char *data, size_t len, imp_doc *d, char **error) {
    return import_text(data, len, d, error);
}
