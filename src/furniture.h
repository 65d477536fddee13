/* furniture.h — the site-furniture rules of segmentation (segment.c), as a
 * corpus may set them in its dossier.yaml (config.c). */
#ifndef DOSSIER_FURNITURE_H
#define DOSSIER_FURNITURE_H

#include "util.h"

#include <stddef.h>

typedef struct {
    int enabled; /* 0: no passage is furniture (furniture: false) */
    int builtin; /* the built-in rules apply (furniture: {builtin: false} leaves only these) */
    const char *const *keywords; /* more phrases that make a sentence furniture anywhere */
    size_t n_keywords;
    const char *const *starts; /* more phrases that do so at the start of a sentence */
    size_t n_starts;
    const char *const *prose; /* names of built-in keywords that are prose in this corpus */
    size_t n_prose;
} furniture_config;

/* The rules of a corpus without a dossier.yaml, and of drafts. */
extern HIDDEN const furniture_config furniture_default;

/* Index of the built-in keyword called `name` (case aside), or -1; and the
 * name of keyword k, NULL past the last (for error messages and the docs). */
HIDDEN long furniture_keyword_named(const char *name, size_t n);
HIDDEN const char *furniture_keyword_name(size_t k);

/* segment_text (text.h) under the furniture rules fc. */
HIDDEN dossier_status segment_text_with(const char *text, size_t len, size_t body_start,
                                        const furniture_config *fc, dossier_range **out, size_t *n,
                                        size_t *cap);

#endif
