/* words.c — Debian's word lists as sets of words. */
#include "words.h"

#include <string.h>

void cli_word_lists(GHashTable **lower, GHashTable **proper) {
    static const char *const paths[] = {"/usr/share/dict/american-english",
                                        "/usr/share/dict/british-english", "/usr/share/dict/words",
                                        NULL};
    *lower = NULL;
    if (proper) *proper = NULL;
    for (const char *const *p = paths; *p; p++) {
        gchar *data = NULL;
        if (!g_file_get_contents(*p, &data, NULL, NULL)) continue;
        if (!*lower) *lower = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        if (proper && !*proper)
            *proper = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        gchar **lines = g_strsplit(data, "\n", -1);
        for (gchar **l = lines; *l; l++) {
            if (!**l || strchr(*l, '\'')) continue;
            gunichar c = g_utf8_get_char(*l);
            if (g_unichar_islower(c))
                g_hash_table_add(*lower, g_strdup(*l));
            else if (proper && g_unichar_isupper(c))
                g_hash_table_add(*proper, g_strdup(*l));
        }
        g_strfreev(lines);
        g_free(data);
    }
}

GHashTable *cli_word_list(void) {
    GHashTable *lower;
    cli_word_lists(&lower, NULL);
    return lower;
}
