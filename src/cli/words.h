/* words.h — the English word lists that tell an ordinary word from a name. */
#ifndef DOSSIER_CLI_WORDS_H
#define DOSSIER_CLI_WORDS_H

#include <glib.h>

/* The entries of Debian's American and British word lists (wamerican,
 * wbritish, in /usr/share/dict): *lower the lower-case ones (ordinary words:
 * a capitalised one is a name, which is what the callers look for), *proper
 * (when not NULL) the capitalised ones, as written: the names the lists
 * hold ("Richard", "Chile"). NULL sets when no list is installed. */
void cli_word_lists(GHashTable **lower, GHashTable **proper);

/* The lower-case entries alone. */
GHashTable *cli_word_list(void);

#endif
