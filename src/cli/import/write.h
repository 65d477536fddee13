/* write.h — an imported document written as a Dossier article. */
#ifndef DOSSIER_IMPORT_WRITE_H
#define DOSSIER_IMPORT_WRITE_H

#include "import/doc.h"

typedef struct {
    const char *dir;      /* the corpus directory */
    const char *source;   /* the file as given ("-" for standard input) */
    const char *kind;     /* "html", "markdown", "text" or "pdf" */
    const char *ext;      /* extension of the kept original: "html", "md", "txt", "pdf" */
    const char *id, *key; /* from the command line, or NULL */
    int dry_run;          /* report only, write nothing */
} imp_target;

typedef struct {
    char *id, *key;
    char *path;     /* DIR/<id>.md */
    char *original; /* DIR/originals/<id>.<ext> */
    size_t paragraphs, words;
} imp_result;

/* The id and key an article will get (unique in the corpus), then the file
 * and its original. Returns 0, or -1 with *error set. */
int imp_write(imp_doc *d, const imp_target *t, const char *data, size_t len, imp_result *r,
              char **error);
void imp_result_clear(imp_result *r);

/* The id of the corpus article whose kept original (DIR/originals/) is byte
 * for byte `data`: the same file imported before (g_free), or NULL. */
char *imp_already_imported(const char *dir, const char *data, size_t len);

/* The article file's text: front matter and body (g_free). */
char *imp_render(const imp_doc *d, const char *id, const char *key, const char *origin);

/* A YAML double-quoted scalar. */
void yaml_quote(GString *out, const char *s);

#endif
