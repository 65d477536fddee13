/* html.h — importing a saved web page (libxml2's HTML parser and tree).
 *
 * html.c parses the page and calls the two halves: html_meta.c reads what the
 * page declares about itself (meta tags, JSON-LD, bylines), html_text.c finds
 * the article's text. Neither looks at the markup as text: both walk the tree
 * libxml2 builds, whatever state the HTML was in. */
#ifndef DOSSIER_IMPORT_HTML_H
#define DOSSIER_IMPORT_HTML_H

#include "import/import.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

/* Walks below this depth are cut short: a page nested deeper is hostile, and
 * the walks recurse. */
#define HTML_MAX_DEPTH 400

void html_read_meta(xmlDocPtr doc, imp_doc *d);
void html_extract_text(xmlDocPtr doc, imp_doc *d);

/* Helpers both halves use. */
int html_is(const xmlNode *n, const char *name); /* an element of that tag name */
int html_is_inline(const xmlNode *n);            /* a, em, span, ...: part of a line */
/* The attribute's value (g_free), or NULL. */
char *html_attr(const xmlNode *n, const char *name);
/* 1 when a word of n's class or id (split at anything not a letter or a
 * digit, case ignored) is one of `words` (NULL-terminated). */
int html_name_has(const xmlNode *n, const char *const *words);
/* All text below n, white space collapsed (g_free); script and style left out. */
char *html_text_of(const xmlNode *n);
/* The first element of that tag name in document order, or NULL. */
xmlNode *html_find(xmlNode *n, const char *name, int depth);

#endif
