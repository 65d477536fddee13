/* encoding.c — UTF-8, line tables and LSP positions.
 *
 * LSP 3.17 counts Position.character in UTF-16 code units unless client and
 * server agree on another encoding (positionEncoding); this server speaks
 * UTF-16 or UTF-8. Lines end at \n, \r\n or \r. */
#include "lsp.h"

#include <stdlib.h>
#include <string.h>

const char *lsp_encoding_name(lsp_encoding e) {
    return e == LSP_UTF8 ? "utf-8" : "utf-16";
}

static int cont(unsigned char c) {
    return (c & 0xC0) == 0x80;
}

size_t lsp_utf8_next(const char *str, size_t n, uint32_t *cp) {
    const unsigned char *s = (const unsigned char *)str;
    unsigned char c = s[0];
    *cp = 0xFFFD;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        if (n < 2 || !cont(s[1])) return 1;
        *cp = ((uint32_t)(c & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || !cont(s[1]) || !cont(s[2])) return 1;
        if (c == 0xE0 && s[1] < 0xA0) return 1; /* overlong */
        if (c == 0xED && s[1] > 0x9F) return 1; /* a surrogate */
        *cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || !cont(s[1]) || !cont(s[2]) || !cont(s[3])) return 1;
        if (c == 0xF0 && s[1] < 0x90) return 1; /* overlong */
        if (c == 0xF4 && s[1] > 0x8F) return 1; /* over U+10FFFF */
        *cp = ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
              ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        return 4;
    }
    return 1;
}

/* Units of one character of `bytes` bytes and code point cp. */
static size_t char_units(uint32_t cp, size_t bytes, lsp_encoding e) {
    if (e == LSP_UTF8) return bytes;
    return cp >= 0x10000 ? 2 : 1;
}

size_t lsp_units(const char *s, size_t n, lsp_encoding e) {
    if (e == LSP_UTF8) return n;
    size_t units = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) { /* the common case, without decoding */
            units++;
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = lsp_utf8_next(s + i, n - i, &cp);
        units += char_units(cp, k, e);
        i += k;
    }
    return units;
}

json_t *lsp_json_text(const char *s, size_t n) {
    json_t *v = json_stringn(s, n);
    if (v) return v;
    lsp_buf b = {0}; /* invalid UTF-8 (a path from the command line): U+FFFD for each bad byte */
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = lsp_utf8_next(s + i, n - i, &cp);
        if (k == 1 && (unsigned char)s[i] >= 0x80)
            lsp_buf_add(&b, "\xEF\xBF\xBD", 3);
        else
            lsp_buf_add(&b, s + i, k);
        i += k;
    }
    v = b.failed ? NULL : json_stringn(b.data ? b.data : "", b.len);
    lsp_buf_free(&b);
    return v;
}

/* ------------------------------------------------------------ repairing a body */

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* The value of "\uXXXX" at s[0..n), or -1. */
static long escape_at(const char *s, size_t n) {
    if (n < 6 || s[0] != '\\' || s[1] != 'u') return -1;
    long v = 0;
    for (int i = 2; i < 6; i++) {
        int h = hexval(s[i]);
        if (h < 0) return -1;
        v = v * 16 + h;
    }
    return v;
}

/* jansson refuses a whole message for one bad byte or one unpaired surrogate
 * escape (which JavaScript clients produce from broken text). Replacing them
 * keeps the message, and the document it carries, in step with the client. */
int lsp_utf8_repair_json(const char *s, size_t n, lsp_buf *out) {
    size_t done = 0; /* s[0..done) is already in out */
    int in_string = 0, changed = 0;
    static const char fffd[] = "\xEF\xBF\xBD";
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            uint32_t cp;
            size_t k = lsp_utf8_next(s + i, n - i, &cp);
            if (k == 1) { /* an invalid byte */
                lsp_buf_add(out, s + done, i - done);
                lsp_buf_add(out, fffd, 3);
                done = i + 1;
                changed = 1;
            }
            i += k;
            continue;
        }
        if (!in_string) {
            if (c == '"') in_string = 1;
            i++;
            continue;
        }
        if (c == '"') {
            in_string = 0;
            i++;
            continue;
        }
        if (c != '\\' || i + 1 >= n) {
            i++;
            continue;
        }
        long v = escape_at(s + i, n - i);
        if (v < 0xD800 || v > 0xDFFF) { /* not a surrogate: skip the escape's two bytes */
            i += 2;
            continue;
        }
        if (v <= 0xDBFF) {
            long low = escape_at(s + i + 6, n - i - 6);
            if (low >= 0xDC00 && low <= 0xDFFF) { /* a proper pair */
                i += 12;
                continue;
            }
        }
        lsp_buf_add(out, s + done, i - done);
        lsp_buf_puts(out, "\\uFFFD");
        i += 6;
        done = i;
        changed = 1;
    }
    if (!changed) return 0;
    lsp_buf_add(out, s + done, n - done);
    return out->failed ? -1 : 1;
}

/* ------------------------------------------------------------ lines */

int lsp_lines_build(lsp_lines *l, const char *text, size_t len, int skip_bom) {
    size_t n = 1;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n')
            n++;
        else if (text[i] == '\r' && !(i + 1 < len && text[i + 1] == '\n'))
            n++;
    }
    size_t *st = malloc(n * sizeof *st);
    if (!st) return -1;
    size_t k = 0;
    st[k++] = skip_bom && len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n')
            st[k++] = i + 1;
        else if (text[i] == '\r' && !(i + 1 < len && text[i + 1] == '\n'))
            st[k++] = i + 1;
    }
    free(l->start);
    l->start = st;
    l->n = n;
    return 0;
}

void lsp_lines_free(lsp_lines *l) {
    free(l->start);
    l->start = NULL;
    l->n = 0;
}

size_t lsp_line_end(const lsp_lines *l, const char *text, size_t len, size_t line) {
    if (line + 1 >= l->n) return len;
    size_t e = l->start[line + 1];
    if (e > l->start[line] && text[e - 1] == '\n') e--;
    if (e > l->start[line] && text[e - 1] == '\r') e--;
    return e;
}

/* The line holding byte offset off: the last start <= off. */
static size_t line_of(const lsp_lines *l, size_t off) {
    size_t lo = 0, hi = l->n; /* start[lo] <= off < start[hi] */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

void lsp_offset_to_position(const lsp_lines *l, const char *text, size_t len, lsp_encoding e,
                            size_t off, size_t *line, size_t *ch) {
    if (off > len) off = len;
    size_t ln = line_of(l, off);
    size_t st = l->start[ln], end = lsp_line_end(l, text, len, ln);
    if (off < st) off = st;   /* inside a byte-order mark */
    if (off > end) off = end; /* inside the line break */
    /* whole characters before off */
    size_t i = st, units = 0;
    while (i < off) {
        uint32_t cp;
        size_t k = lsp_utf8_next(text + i, end - i, &cp);
        if (i + k > off) break;
        units += char_units(cp, k, e);
        i += k;
    }
    *line = ln;
    *ch = units;
}

int lsp_position_to_offset(const lsp_lines *l, const char *text, size_t len, lsp_encoding e,
                           size_t line, size_t ch, size_t *off) {
    if (line >= l->n) {
        *off = len;
        return 1;
    }
    size_t i = l->start[line], end = lsp_line_end(l, text, len, line), units = 0;
    while (i < end && units < ch) {
        uint32_t cp;
        size_t k = lsp_utf8_next(text + i, end - i, &cp);
        size_t u = char_units(cp, k, e);
        if (units + u > ch) break; /* ch falls inside this character */
        units += u;
        i += k;
    }
    *off = i;
    return 0;
}
