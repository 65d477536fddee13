/* report.h — what `dossier import` tells the user: per source, each field
 * found and where, the fields not found, and what could not be read. */
#ifndef DOSSIER_IMPORT_REPORT_H
#define DOSSIER_IMPORT_REPORT_H

#include "import/doc.h"
#include "import/write.h"

#include <stdio.h>

typedef struct report report;

report *report_new(int json, FILE *out);
void report_article(report *r, const char *source, const char *kind, const imp_doc *d,
                    const imp_result *res);
void report_failure(report *r, const char *source, const char *error);
/* A source left out because the corpus has it already, as article `id`. */
void report_skipped(report *r, const char *source, const char *dir, const char *id);
/* Prints the JSON array (when --json) and frees the report. */
void report_finish(report *r);

#endif
