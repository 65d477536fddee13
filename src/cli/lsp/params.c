/* params.c — typed access to request parameters, and positions as JSON.
 *
 * A wrong type or a missing member of a request is InvalidParams, naming the
 * member. Positions: a character past the end of its line means the line's
 * end (LSP 3.17, Position); a line past the document's last line is refused
 * with InvalidParams, since it means client and server disagree about the
 * text (edits, which cannot be answered, clamp it instead: documents.c). */
#include "lsp.h"

#include <stdarg.h>
#include <string.h>

/* obj.a.b.c... for the NULL-terminated keys of ap. */
static json_t *walk(json_t *obj, va_list ap) {
    const char *key;
    while (obj && (key = va_arg(ap, const char *)) != NULL)
        obj = json_is_object(obj) ? json_object_get(obj, key) : NULL;
    return obj;
}

json_t *lsp_get_path(json_t *obj, ...) {
    va_list ap;
    va_start(ap, obj);
    json_t *v = walk(obj, ap);
    va_end(ap);
    return v;
}

int lsp_get_flag(json_t *obj, ...) {
    va_list ap;
    va_start(ap, obj);
    json_t *v = walk(obj, ap);
    va_end(ap);
    return json_is_true(v);
}

long long lsp_get_uint(json_t *obj, const char *key, long long max) {
    json_t *v = json_is_object(obj) ? json_object_get(obj, key) : NULL;
    if (!v) return -1;
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > max) return -2;
    return json_integer_value(v);
}

const char *lsp_get_string(json_t *obj, const char *key, size_t *len) {
    json_t *v = json_is_object(obj) ? json_object_get(obj, key) : NULL;
    if (!json_is_string(v)) return NULL;
    if (len) *len = json_string_length(v);
    return json_string_value(v);
}

lsp_doc *lsp_param_doc(lsp_server *s, json_t *params, lsp_error *err) {
    json_t *td = json_is_object(params) ? json_object_get(params, "textDocument") : NULL;
    if (!json_is_object(td)) {
        lsp_fail(err, LSP_INVALID_PARAMS, "textDocument must be an object");
        return NULL;
    }
    size_t n;
    const char *uri = lsp_get_string(td, "uri", &n);
    if (!uri || strlen(uri) != n) {
        lsp_fail(err, LSP_INVALID_PARAMS, "textDocument.uri must be a string");
        return NULL;
    }
    lsp_doc *d = lsp_doc_find(s, uri);
    if (!d) lsp_fail(err, LSP_INVALID_PARAMS, "document not open: %.300s", uri);
    return d;
}

/* uinteger in LSP: 0 .. 2^31 - 1 */
#define UINT_MAX_LSP 2147483647LL

int lsp_param_position(lsp_server *s, const lsp_doc *d, json_t *pos, size_t *off, lsp_error *err) {
    if (!json_is_object(pos)) {
        lsp_fail(err, LSP_INVALID_PARAMS, "position must be an object {line, character}");
        return -1;
    }
    long long line = lsp_get_uint(pos, "line", UINT_MAX_LSP);
    long long ch = lsp_get_uint(pos, "character", UINT_MAX_LSP);
    if (line < 0 || ch < 0) {
        lsp_fail(err, LSP_INVALID_PARAMS, "position.%s must be an integer from 0 to 2^31-1",
                 line < 0 ? "line" : "character");
        return -1;
    }
    if (lsp_position_to_offset(&d->lines, d->text, d->len, s->enc, (size_t)line, (size_t)ch, off)) {
        lsp_fail(err, LSP_INVALID_PARAMS,
                 "position line %lld is past the end of the document (%zu lines)", line,
                 d->lines.n);
        return -1;
    }
    return 0;
}

lsp_doc *lsp_param_doc_position(lsp_server *s, json_t *params, size_t *off, lsp_error *err) {
    lsp_doc *d = lsp_param_doc(s, params, err);
    if (!d) return NULL;
    if (lsp_param_position(s, d, json_object_get(params, "position"), off, err)) return NULL;
    return d;
}

json_t *lsp_position_json(const lsp_server *s, const lsp_lines *l, const char *text, size_t len,
                          size_t off) {
    size_t line, ch;
    lsp_offset_to_position(l, text, len, s->enc, off, &line, &ch);
    return json_pack("{s:I,s:I}", "line", (json_int_t)line, "character", (json_int_t)ch);
}

json_t *lsp_range_json(const lsp_server *s, const lsp_lines *l, const char *text, size_t len,
                       size_t start, size_t end) {
    return json_pack("{s:o,s:o}", "start", lsp_position_json(s, l, text, len, start), "end",
                     lsp_position_json(s, l, text, len, end));
}

json_t *lsp_doc_range(const lsp_server *s, const lsp_doc *d, size_t start, size_t end) {
    return lsp_range_json(s, &d->lines, d->text, d->len, start, end);
}
