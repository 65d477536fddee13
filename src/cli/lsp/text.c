/* text.c — a growable byte buffer: one allocation failure makes the buffer
 * "failed" and later appends no-ops, so builders check once at the end.
 * Not GLib's GString: its g_realloc aborts the process when memory runs
 * out, and the server must lose one message and keep serving (rpc.c). The
 * size arithmetic is guarded as the core's strbuf is (src/util.c). */
#include "lsp.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int lsp_buf_reserve(lsp_buf *b, size_t extra) {
    if (b->failed) return 0;
    /* len + extra + 1 must not wrap, whatever len is */
    if (b->len >= SIZE_MAX || extra > SIZE_MAX - b->len - 1) {
        b->failed = 1;
        return 0;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return 1;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) {
        if (cap > SIZE_MAX / 2) { /* doubling would wrap to 0 and loop for ever */
            b->failed = 1;
            return 0;
        }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return 0;
    }
    b->data = p;
    b->cap = cap;
    return 1;
}

void lsp_buf_add(lsp_buf *b, const char *s, size_t n) {
    if (!lsp_buf_reserve(b, n)) return;
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void lsp_buf_puts(lsp_buf *b, const char *s) {
    lsp_buf_add(b, s, strlen(s));
}

void lsp_buf_printf(lsp_buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !lsp_buf_reserve(b, (size_t)n)) return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void lsp_buf_free(lsp_buf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}
