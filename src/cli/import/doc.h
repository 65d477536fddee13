/* doc.h — what an importer finds in a source: the article's fields, where
 * each came from, and its text.
 *
 * Every importer (HTML, Markdown, plain text, PDF) fills one imp_doc; write.c
 * turns it into an article file with front matter and the import report. A
 * field is set once: importers offer candidates in order of trust, and the
 * first one given wins, so "where it came from" is always the winner's. */
#ifndef DOSSIER_IMPORT_DOC_H
#define DOSSIER_IMPORT_DOC_H

#include <glib.h>
#include <stddef.h>

/* The single-valued fields of an article, in the order they are reported. */
typedef enum {
    F_TITLE,
    F_DATE,
    F_PUBLISHER,
    F_CONTAINER,
    F_URL,
    F_TYPE,
    F_LANGUAGE,
    F_DOI, /* optional, as the container: never written 'unknown' */
    F_COUNT
} imp_field;

/* The front matter key of each field ("title", "date", ...). */
const char *imp_field_name(imp_field f);

typedef struct {
    char *name;  /* as the source writes it: "Uriel Araujo", "Reuters" */
    int literal; /* an organisation, never split into family and given names */
} imp_author;

/* A value of another tool's front matter, kept under `extra`. */
typedef enum { FM_SCALAR, FM_LIST, FM_MAP } fm_kind;
typedef struct fm_node fm_node;
struct fm_node {
    fm_kind kind;
    char *scalar;     /* FM_SCALAR */
    GPtrArray *keys;  /* FM_MAP: char * */
    GPtrArray *items; /* FM_LIST and FM_MAP values: fm_node * */
};

fm_node *fm_scalar(const char *s, size_t n);
fm_node *fm_list(void);
fm_node *fm_map(void);
/* Appends to a list, or (key != NULL) to a map; takes `value`. */
void fm_add(fm_node *parent, const char *key, fm_node *value);
/* The value of `key` in a map, or NULL. */
fm_node *fm_get(const fm_node *map, const char *key);
void fm_free(fm_node *n);

typedef struct {
    char *value[F_COUNT];
    const char *from[F_COUNT]; /* static text: "og:title", "front matter 'date'", ... */
    GPtrArray *authors;        /* imp_author * */
    const char *authors_from;
    GPtrArray *keywords; /* char * */
    const char *keywords_from;
    fm_node *extra;           /* FM_MAP of keys the Dossier format does not know, or NULL */
    char *want_id, *want_key; /* an id or key the source's own front matter gives */
    GString *text;            /* the body: paragraphs separated by blank lines */
    GPtrArray *notes;         /* char *: what the importer could not do, for the report */
    const char *source_path;  /* the file read, or NULL (standard input): its name can say the
                                 date (Jekyll) or the title (Obsidian); not owned */
    GPtrArray *owned;         /* char *: "from" texts made for this document (imp_keep) */
} imp_doc;

imp_doc *imp_doc_new(void);
void imp_doc_free(imp_doc *d);

/* Offers a value for field f: kept when the field is still empty and the
 * value, with its white space collapsed, is not empty; a date must read as
 * one (dossier_parse_date) and is kept in ISO 8601; a language is a BCP 47
 * tag, or a language name or biblatex langid read as one ("english" is en,
 * "british" en-GB; an unknown name is left out with a note); a DOI is kept
 * from its "10." on ("https://doi.org/10.1/x" is 10.1/x). Returns 1 if kept. */
int imp_offer(imp_doc *d, imp_field f, const char *value, const char *from);
/* Replaces the value of field f whatever it was (the command line's flags,
 * a matched bibliography entry), unless imp_offer refuses the new one. */
void imp_force(imp_doc *d, imp_field f, const char *value, const char *from);
/* Adds an author unless the same name (ignoring case) is there. The first
 * source to give authors is the only one used: a later source's names are
 * ignored, so two spellings of one byline never both land. */
void imp_offer_author(imp_doc *d, const char *name, int literal, const char *from);
/* Adds keywords from `list`, split at commas (and semicolons). */
void imp_offer_keywords(imp_doc *d, const char *list, const char *from);
void imp_note(imp_doc *d, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Keeps s (g_malloc'd) as long as d lives and returns it: a "from" text
 * made for one document ("YAML front matter 'date'"). */
const char *imp_keep(imp_doc *d, char *s);

/* The first date written in a text ("Tuesday 15 October 2019 by ..."), with
 * its month at least, into out as ISO 8601; 1 when found. */
int imp_find_date(const char *text, char out[11]);

/* Collapses runs of white space (ASCII and U+00A0) into one space and trims:
 * a new string. */
char *imp_clean(const char *s, size_t n);

#endif
