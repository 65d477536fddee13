/* fuzz_metadata.c — the readers of what a writer types into front matter:
 * dossier_parse_date (written dates) and dossier_parse_name (names). */
#include "fuzz.h"

static int digits(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    char out[11];
    dossier_error err;
    if (dossier_parse_date(text, out, &err) == DOSSIER_OK) {
        /* YYYY, YYYY-MM or YYYY-MM-DD, and reading it again gives itself */
        size_t n = strlen(out);
        FUZZ_CHECK(n == 4 || n == 7 || n == 10);
        FUZZ_CHECK(digits(out, 4) && (n < 7 || (out[4] == '-' && digits(out + 5, 2))) &&
                   (n < 10 || (out[7] == '-' && digits(out + 8, 2))));
        char again[11];
        FUZZ_CHECK(dossier_parse_date(out, again, NULL) == DOSSIER_OK && strcmp(out, again) == 0);
    } else {
        FUZZ_CHECK(err.status == DOSSIER_ERR_INVALID && err.message[0] && out[0] == '\0');
    }
    dossier_name nm;
    void *st = NULL;
    if (dossier_parse_name(text, &nm, &st, NULL) == DOSSIER_OK) {
        /* every part is a piece of what was written */
        const char *parts[] = {nm.family, nm.given, nm.particle, nm.suffix, nm.literal};
        for (size_t k = 0; k < 5; k++)
            FUZZ_CHECK(parts[k] && (!*parts[k] || strstr(text, parts[k])));
        FUZZ_CHECK(!*nm.literal || (!*nm.family && !*nm.given));
    }
    dossier_name_free(st);
    free(text);
    return 0;
}
