/* import.h — the importers: each reads one kind of source into an imp_doc. */
#ifndef DOSSIER_IMPORT_H
#define DOSSIER_IMPORT_H

#include "import/doc.h"

/* Each returns 0, or -1 with *error (g_free) set. */
int import_html(const char *data, size_t len, imp_doc *d, char **error);
int import_markdown(const char *data, size_t len, imp_doc *d, char **error);
int import_text(const char *data, size_t len, imp_doc *d, char **error);
int import_pdf(const char *data, size_t len, imp_doc *d, char **error);

/* The kind of a source ("html", "markdown", "text", "pdf"): from the file
 * name's extension, else from its first bytes. */
const char *import_detect(const char *path, const char *data, size_t len);

#endif
