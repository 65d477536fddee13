/* detect.c — which importer reads a source: its extension, else its bytes. */
#include "import/import.h"

#include <string.h>

const char *import_detect(const char *path, const char *data, size_t len) {
    static const struct {
        const char *ext, *kind;
    } exts[] = {{".html", "html"},   {".htm", "html"},          {".xhtml", "html"},
                {".md", "markdown"}, {".markdown", "markdown"}, {".mdown", "markdown"},
                {".txt", "text"},    {".text", "text"},         {".pdf", "pdf"}};
    if (path && strcmp(path, "-") != 0) {
        char *lower = g_ascii_strdown(path, -1);
        for (size_t i = 0; i < G_N_ELEMENTS(exts); i++)
            if (g_str_has_suffix(lower, exts[i].ext)) {
                g_free(lower);
                return exts[i].kind;
            }
        g_free(lower);
    }
    if (len >= 5 && memcmp(data, "%PDF-", 5) == 0) return "pdf";
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t'))
        i++;
    if (len - i >= 4 && (memcmp(data + i, "---\n", 4) == 0 || memcmp(data + i, "+++\n", 4) == 0 ||
                         memcmp(data + i, "---\r", 4) == 0 || memcmp(data + i, "+++\r", 4) == 0))
        return "markdown";
    if (i < len && data[i] == '<') {
        /* <!DOCTYPE html>, <html>, or a fragment that starts with a tag */
        size_t n = len - i < 1024 ? len - i : 1024;
        char *head = g_ascii_strdown(data + i, (gssize)n);
        int html = strstr(head, "<html") || strstr(head, "<!doctype html") ||
                   strstr(head, "<head") || strstr(head, "<body") || strstr(head, "<p") ||
                   strstr(head, "<div") || strstr(head, "<article");
        g_free(head);
        if (html) return "html";
    }
    return "text";
}
