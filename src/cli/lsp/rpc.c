/* rpc.c — the base protocol: Content-Length framing and JSON-RPC 2.0.
 *
 * A message is a header block (lines "Name: value" ended by CR LF, then an
 * empty line) and a body of exactly Content-Length bytes. Checked strictly:
 * Content-Length must be given once, in decimal digits, at most LSP_MAX_BODY;
 * header names are HTTP tokens; values hold no control characters; the block
 * is at most LSP_MAX_HEADER bytes. Content-Type and other headers are
 * accepted and ignored (bodies are always read as UTF-8). After a framing
 * error the reader skips to the next "Content-Length" it sees, so one broken
 * message does not take the rest of the stream with it. */
#include "lsp.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void lsp_reader_init(lsp_reader *r) {
    memset(r, 0, sizeof *r);
}

void lsp_reader_free(lsp_reader *r) {
    lsp_buf_free(&r->in);
}

int lsp_reader_push(lsp_reader *r, const char *data, size_t n) {
    /* drop what was read before growing */
    if (r->pos > 0 && (r->pos >= 65536 || r->pos * 2 >= r->in.len)) {
        memmove(r->in.data, r->in.data + r->pos, r->in.len - r->pos);
        r->in.len -= r->pos;
        r->pos = 0;
    }
    lsp_buf_add(&r->in, data, n);
    if (r->in.failed) { /* out of memory: lose the input, keep serving */
        lsp_buf_free(&r->in);
        r->pos = 0;
        r->have_header = 0;
        r->resync = 1;
        return -1;
    }
    return 0;
}

static int is_tchar(unsigned char c) {
    return isalnum(c) || (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* A header value quoted for a message: printable, at most 40 bytes. */
static void quote_value(char *out, size_t outlen, const char *v, size_t n) {
    size_t k = 0;
    for (size_t i = 0; i < n && k + 4 < outlen; i++) {
        if (i == 40) {
            out[k++] = '.', out[k++] = '.', out[k++] = '.';
            break;
        }
        unsigned char c = (unsigned char)v[i];
        out[k++] = c >= 0x20 && c < 0x7F ? (char)c : '?';
    }
    out[k] = '\0';
}

typedef enum { HEAD_MORE, HEAD_OK, HEAD_ERROR } head_result;

/* Parses the header block at b[0..n): on HEAD_OK, *head_len is the block's
 * length (empty line included) and *body_len the Content-Length. A line that
 * is not a header line is an error as soon as its bytes show it; a block of
 * proper lines with a wrong Content-Length (missing, twice, not a number,
 * too big) is an error once the block is whole, and then *head_len is its
 * length so that the reader skips it; *head_len is 0 otherwise. */
static head_result parse_header(const char *b, size_t avail, size_t *head_len, size_t *body_len,
                                char *why, size_t whylen) {
    /* Only the first LSP_MAX_HEADER bytes are looked at, so that what is
     * found does not depend on how the stream was cut into reads. */
    size_t n = avail > LSP_MAX_HEADER ? LSP_MAX_HEADER : avail;
    int capped = avail > LSP_MAX_HEADER;
    size_t i = 0;
    int have_length = 0, wrong = 0; /* wrong: a Content-Length error, in why */
    size_t length = 0;
    *head_len = 0;
#define MORE_OR_TOO_LONG()                                                                         \
    do {                                                                                           \
        if (!capped) return HEAD_MORE;                                                             \
        snprintf(why, whylen, "header block longer than %d bytes", LSP_MAX_HEADER);                \
        return HEAD_ERROR;                                                                         \
    } while (0)
    for (;;) {
        /* the empty line ending the block */
        if (i < n && b[i] == '\r') {
            if (i + 1 >= n) MORE_OR_TOO_LONG();
            if (b[i + 1] != '\n') {
                snprintf(why, whylen, "header line not ended by CR LF");
                return HEAD_ERROR;
            }
            if (!have_length && !wrong) {
                snprintf(why, whylen, "no Content-Length header");
                wrong = 1;
            }
            *head_len = i + 2;
            if (wrong) return HEAD_ERROR;
            *body_len = length;
            return HEAD_OK;
        }
        size_t j = i;
        while (j < n && is_tchar((unsigned char)b[j]))
            j++;
        if (j == n) MORE_OR_TOO_LONG();
        if (b[j] != ':' || j == i) {
            if (j == i && b[j] == '\n')
                snprintf(why, whylen, "header line not ended by CR LF");
            else if (i == 0 && j == i)
                snprintf(why, whylen, "message without a header (expected Content-Length)");
            else
                snprintf(why, whylen, "malformed header line (expected Name: value)");
            return HEAD_ERROR;
        }
        size_t k = j + 1;
        while (k < n && b[k] != '\r') {
            unsigned char c = (unsigned char)b[k];
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                snprintf(why, whylen,
                         c == '\n' ? "header line not ended by CR LF"
                                   : "control character in a header value");
                return HEAD_ERROR;
            }
            k++;
        }
        if (k + 1 >= n) MORE_OR_TOO_LONG();
        if (b[k + 1] != '\n') {
            snprintf(why, whylen, "header line not ended by CR LF");
            return HEAD_ERROR;
        }
        const char *v = b + j + 1, *ve = b + k;
        while (v < ve && (*v == ' ' || *v == '\t'))
            v++;
        while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
            ve--;
        if (!wrong && j - i == 14 && strncasecmp(b + i, "Content-Length", 14) == 0) {
            char q[48];
            quote_value(q, sizeof q, v, (size_t)(ve - v));
            size_t len = 0;
            int digits = v < ve;
            for (const char *p = v; p < ve; p++) {
                if (*p < '0' || *p > '9')
                    digits = 0;
                else if (len <= LSP_MAX_BODY)
                    len = len * 10 + (size_t)(*p - '0');
            }
            wrong = 1;
            if (have_length)
                snprintf(why, whylen, "Content-Length given twice");
            else if (!digits)
                snprintf(why, whylen, "Content-Length is not a decimal number: '%s'", q);
            else if (len > LSP_MAX_BODY)
                snprintf(why, whylen, "Content-Length %s is over the limit of %zu bytes", q,
                         LSP_MAX_BODY);
            else
                wrong = 0;
            have_length = 1;
            length = len;
        }
        i = k + 2;
    }
#undef MORE_OR_TOO_LONG
}

/* Case-insensitive search for "content-length" in b[0..n). */
static const char *find_length_header(const char *b, size_t n) {
    static const char key[] = "content-length";
    for (size_t i = 0; i + 14 <= n; i++)
        if ((b[i] | 0x20) == 'c' && strncasecmp(b + i, key, 14) == 0) return b + i;
    return NULL;
}

lsp_read lsp_reader_next(lsp_reader *r, const char **body, size_t *len, char *why, size_t whylen) {
    for (;;) {
        const char *b = r->in.data + r->pos;
        size_t avail = r->in.len - r->pos;
        if (!r->in.data) return LSP_READ_NONE;
        if (r->resync) {
            const char *h = find_length_header(b, avail);
            if (!h) {
                if (avail > 13) r->pos += avail - 13; /* keep a header name cut in two */
                return LSP_READ_NONE;
            }
            r->pos += (size_t)(h - b);
            r->resync = 0;
            continue;
        }
        if (r->have_header) {
            if (avail - r->head_len < r->body_len) return LSP_READ_NONE;
            *body = b + r->head_len;
            *len = r->body_len;
            r->pos += r->head_len + r->body_len;
            r->have_header = 0;
            return LSP_READ_MESSAGE;
        }
        if (avail == 0) return LSP_READ_NONE;
        switch (parse_header(b, avail, &r->head_len, &r->body_len, why, whylen)) {
        case HEAD_MORE:
            return LSP_READ_NONE;
        case HEAD_OK:
            r->have_header = 1;
            continue;
        case HEAD_ERROR:
            /* past the block when it was whole, else past its first byte, so
             * that the search finds the next message's Content-Length */
            r->pos += r->head_len ? r->head_len : 1;
            r->head_len = 0;
            r->resync = 1;
            return LSP_READ_ERROR;
        }
    }
}

/* ------------------------------------------------------------ JSON-RPC */

static int valid_id(const json_t *id) {
    return json_is_integer(id) || json_is_string(id);
}

int lsp_message_read(json_t *root, lsp_message *m, json_t **idp, char *why, size_t whylen) {
    memset(m, 0, sizeof *m);
    *idp = NULL;
    if (!json_is_object(root)) {
        snprintf(why, whylen, "a message must be a JSON object, not %s",
                 json_is_array(root) ? "an array (batches are not part of LSP)" : "a scalar");
        return LSP_INVALID_REQUEST;
    }
    json_t *id = json_object_get(root, "id");
    json_t *method = json_object_get(root, "method");
    json_t *ver = json_object_get(root, "jsonrpc");
    if (valid_id(id)) *idp = id;
    if (!json_is_string(ver) || strcmp(json_string_value(ver), "2.0") != 0) {
        snprintf(why, whylen, "\"jsonrpc\" must be \"2.0\"");
        return LSP_INVALID_REQUEST;
    }
    m->root = root;
    if (method) {
        if (!json_is_string(method)) {
            snprintf(why, whylen, "\"method\" must be a string");
            return LSP_INVALID_REQUEST;
        }
        if (id && !valid_id(id)) {
            snprintf(why, whylen, "\"id\" must be an integer or a string");
            return LSP_INVALID_REQUEST;
        }
        if (json_object_get(root, "result") || json_object_get(root, "error")) {
            snprintf(why, whylen, "a request or notification has no \"result\" or \"error\"");
            return LSP_INVALID_REQUEST;
        }
        json_t *params = json_object_get(root, "params");
        if (json_is_null(params)) params = NULL; /* what some clients send for "no params" */
        if (params && !json_is_object(params) && !json_is_array(params)) {
            snprintf(why, whylen, "\"params\" must be an object or an array");
            return LSP_INVALID_REQUEST;
        }
        m->method = json_string_value(method);
        if (strlen(m->method) != json_string_length(method)) {
            snprintf(why, whylen, "\"method\" must not hold a NUL character");
            return LSP_INVALID_REQUEST;
        }
        m->params = params;
        m->id = id;
        m->kind = id ? LSP_REQUEST : LSP_NOTIFICATION;
        return 0;
    }
    json_t *result = json_object_get(root, "result"), *error = json_object_get(root, "error");
    if (id && (valid_id(id) || json_is_null(id)) && (!result != !error)) {
        m->kind = LSP_RESPONSE;
        m->id = id;
        m->result = result;
        m->error = error;
        return 0;
    }
    snprintf(why, whylen, "neither a request, a notification nor a response");
    return LSP_INVALID_REQUEST;
}

static json_t *message(void) {
    return json_pack("{s:s}", "jsonrpc", "2.0");
}

json_t *lsp_response(json_t *id, json_t *result) {
    json_t *m = message();
    json_object_set(m, "id", id ? id : json_null());
    json_object_set_new(m, "result", result ? result : json_null());
    return m;
}

json_t *lsp_error_response(json_t *id, int code, const char *text) {
    json_t *m = message();
    json_object_set(m, "id", id ? id : json_null());
    /* the text may quote the input (a parser's "near '...'", a method name
     * cut at 200 bytes): bytes that are not UTF-8 must not lose the error */
    json_object_set_new(
        m, "error",
        json_pack("{s:i,s:o}", "code", code, "message", lsp_json_text(text, strlen(text))));
    return m;
}

json_t *lsp_notification(const char *method, json_t *params) {
    json_t *m = message();
    json_object_set_new(m, "method", json_string(method));
    if (params) json_object_set_new(m, "params", params);
    return m;
}

json_t *lsp_request(json_int_t id, const char *method, json_t *params) {
    json_t *m = message();
    json_object_set_new(m, "id", json_integer(id));
    json_object_set_new(m, "method", json_string(method));
    if (params) json_object_set_new(m, "params", params);
    return m;
}

int lsp_frame(const json_t *msg, lsp_buf *out) {
    if (!msg) return -1;
    char *body = json_dumps(msg, JSON_COMPACT);
    if (!body) return -1;
    size_t n = strlen(body);
    lsp_buf_printf(out, "Content-Length: %zu\r\n\r\n", n);
    lsp_buf_add(out, body, n);
    free(body);
    return out->failed ? -1 : 0;
}
