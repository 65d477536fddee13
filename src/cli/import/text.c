/* text.c — a plain-text source: its text as it is, the title (when no flag
 * gives it) from its first line.
 *
 * Text that is not UTF-8 is read as Windows-1252 (which covers Latin-1), the
 * common case of an old saved file, and the report says so; a NUL byte means
 * it is not a text file at all. */
#include "import/import.h"

#include <string.h>

/* The text as UTF-8 with LF line breaks and no byte-order mark (g_free). */
char *import_utf8_text(const char *data, size_t len, imp_doc *d, char **error);

/* The message `what` at "line L, column C" of byte p of data (g_free). */
static char *at_place(const char *what, const char *data, const char *p, const char *then) {
    unsigned line = 1;
    const char *start = data;
    for (const char *q = data; q < p; q++)
        if (*q == '\n') line++, start = q + 1;
    return g_strdup_printf("%s at line %u, column %zu%s", what, line, (size_t)(p - start) + 1,
                           then);
}

char *import_utf8_text(const char *data, size_t len, imp_doc *d, char **error) {
    const char *nul = memchr(data, '\0', len);
    if (nul) {
        *error = at_place("a NUL byte", data, nul, ": not a text file");
        return NULL;
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) data += 3, len -= 3;
    char *utf8;
    const gchar *bad = NULL;
    if (g_utf8_validate(data, (gssize)len, &bad)) {
        utf8 = g_strndup(data, len);
    } else {
        utf8 = g_convert(data, (gssize)len, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
        if (!utf8) {
            *error = at_place("invalid UTF-8", data, bad, ", and not Windows-1252 either");
            return NULL;
        }
        imp_note(d, "not UTF-8: read as Windows-1252 (Latin-1)");
    }
    /* CRLF and lone CR become LF */
    size_t j = 0;
    for (size_t i = 0; utf8[i]; i++) {
        if (utf8[i] == '\r') {
            utf8[j++] = '\n';
            if (utf8[i + 1] == '\n') i++;
        } else {
            utf8[j++] = utf8[i];
        }
    }
    utf8[j] = '\0';
    return utf8;
}

int import_text(const char *data, size_t len, imp_doc *d, char **error) {
    char *text = import_utf8_text(data, len, d, error);
    if (!text) return -1;
    const char *p = text;
    while (*p == '\n' || *p == ' ' || *p == '\t')
        p++;
    size_t n = strcspn(p, "\n");
    if (n && n <= 200) {
        char *first = g_strndup(p, n);
        imp_offer(d, F_TITLE, first, "first line of the text");
        g_free(first);
    }
    g_string_assign(d->text, p);
    /* no trailing blank lines */
    while (d->text->len &&
           (d->text->str[d->text->len - 1] == '\n' || d->text->str[d->text->len - 1] == ' '))
        g_string_truncate(d->text, d->text->len - 1);
    g_free(text);
    return 0;
}
