/* index.h — the passage index built at open (index.c). */
#ifndef DOSSIER_INDEX_H
#define DOSSIER_INDEX_H

#include "corpus.h"

HIDDEN dossier_status build_index(dossier_corpus *c, dossier_error *err);
HIDDEN void free_index(index_data *ix);

#endif
