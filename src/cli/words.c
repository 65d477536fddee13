/* words.c — Debian's word lists as one set of lower-case words. */
#include "words.h"

#include <string.h>

GHashTable *cli_word_list(void) {
    static const char *const paths[] = {"/usr/share/dict/american-english",
                                        "/usr/share/dict/british-english", "/usr/share/dict/words",
                                        NULL};
    GHashTable *dict = NULL;
    for (const char *const *p = paths; *p; p++) {
        gchar *data = NULL;
        if (!g_file_get_contents(*p, &data, NULL, NULL)) continue;
        if (!dict) dict = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        gchar **lines = g_strsplit(data, "\n", -1);
        for (gchar **l = lines; *l; l++)
            if (**l && g_unichar_islower(g_utf8_get_char(*l)) && !strchr(*l, '\''))
                g_hash_table_add(dict, g_strdup(*l));
        g_strfreev(lines);
        g_free(data);
    }
    return dict;
}
