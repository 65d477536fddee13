/* refs.h — the writer's own bibliography: `dossier import --bib refs.bib`
 * (BibTeX or biblatex, such as a Zotero Better BibTeX export) or `--csl
 * refs.json` (CSL JSON). An imported source that matches one of its entries
 * (by URL, then DOI, then title) takes that entry's key and fields, so the
 * keys Dossier inserts are the keys of the writer's own bibliography. */
#ifndef DOSSIER_IMPORT_REFS_H
#define DOSSIER_IMPORT_REFS_H

#include "import/doc.h"

typedef struct {
    char *key;
    char *value[F_COUNT]; /* title, date, publisher, container, url, type, language, doi */
    GPtrArray *authors;   /* imp_author * */
} ref_entry;

typedef struct {
    GPtrArray *entries; /* ref_entry * */
    char *file;         /* as given, for the report */
} ref_list;

ref_list *refs_new(const char *file);
void refs_free(ref_list *r);
/* Parses a BibTeX/biblatex text or a CSL JSON text into r. Returns 0, or -1
 * with *error = "line N: ..." (g_free). */
int refs_parse_bib(ref_list *r, const char *text, size_t len, char **error);
int refs_parse_csl(ref_list *r, const char *text, size_t len, char **error);
/* The entry d matches, or NULL; *how says by what ("url", "doi", "title"). */
const ref_entry *refs_match(const ref_list *r, const imp_doc *d, const char **how);
/* d takes e's key (as the article's citation key) and every field e gives. */
void refs_apply(const ref_list *r, const ref_entry *e, const char *how, imp_doc *d);

#endif
