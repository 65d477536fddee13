/* config.h — a corpus' own settings, from dossier.yaml in its directory
 * (config.c). Without the file every setting has its default. */
#ifndef DOSSIER_CONFIG_H
#define DOSSIER_CONFIG_H

#include "furniture.h"
#include "util.h"

typedef struct {
    int has_articles;      /* articles: the file lists the articles */
    const char **articles; /* then: their file names, in order */
    size_t n_articles;
    furniture_config furniture; /* furniture: */
    /* wordnet: the WordNet database directory; "" when switched off
     * (wordnet: false); NULL when not set (DOSSIER_WORDNET, else Debian's). */
    const char *wordnet;
    int loaded; /* the directory has a dossier.yaml */
} corpus_config;

/* Reads dir/dossier.yaml if there is one into *out; its strings live in
 * mem. A malformed file is DOSSIER_ERR_PARSE or DOSSIER_ERR_INVALID naming
 * "dir/dossier.yaml:line:col". */
HIDDEN dossier_status config_read(const char *dir, arena *mem, corpus_config *out,
                                  dossier_error *err);

#endif
