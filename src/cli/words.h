/* words.h — the English word lists that tell an ordinary word from a name. */
#ifndef DOSSIER_CLI_WORDS_H
#define DOSSIER_CLI_WORDS_H

#include <glib.h>

/* The lower-case entries of Debian's American and British word lists
 * (wamerican, wbritish, in /usr/share/dict): a capitalised entry is a name,
 * which is what the callers look for. NULL when no list is installed. */
GHashTable *cli_word_list(void);

#endif
