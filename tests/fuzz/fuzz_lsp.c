/* fuzz_lsp.c — the language server's message handler: bytes in, through the
 * framing, JSON-RPC and every request and notification, with the fixture
 * corpus (tests/fuzz/fixture) opened once. The first byte says how the rest
 * is cut into reads (0: whole, else pieces of 1 to 7 bytes); after the input
 * every due check runs to its end.
 *
 * Invariants: every message the server writes is framed with its exact
 * length and is a JSON-RPC 2.0 object; and the output does not depend on how
 * the input was cut (checked against a whole-input run, unless a request was
 * cancelled: $/cancelRequest rightly acts on what arrives together). The
 * server never writes files here (no_writes). */
#include "fuzz.h"
#include "lsp.h"

typedef struct {
    lsp_buf out;
    long long now;
    size_t cancelled;
} harness;

static void sink(void *ctx, const char *data, size_t n) {
    lsp_buf_add(&((harness *)ctx)->out, data, n);
}

static long long fake_clock(void *ctx) {
    return ((harness *)ctx)->now;
}

static dossier_corpus *fixture(void) {
    static dossier_corpus *c;
    if (c) return c;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests/fuzz/fixture", fuzz_srcdir());
    dossier_error err;
    if (dossier_open(dir, &c, &err)) {
        fprintf(stderr, "fuzz: cannot open %s: %s\n", dir, err.message);
        exit(2);
    }
    return c;
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    fixture();
    return 0;
}

/* Every message in out: "Content-Length: N\r\n\r\n" and N bytes of a
 * JSON-RPC 2.0 object. */
static void check_output(const lsp_buf *out) {
    size_t i = 0;
    while (i < out->len) {
        const char *p = out->data + i;
        FUZZ_CHECK(out->len - i > 20 && memcmp(p, "Content-Length: ", 16) == 0);
        char *end;
        unsigned long n = strtoul(p + 16, &end, 10);
        FUZZ_CHECK(end > p + 16 && memcmp(end, "\r\n\r\n", 4) == 0);
        size_t body = (size_t)(end + 4 - out->data);
        FUZZ_CHECK(body + n <= out->len);
        json_error_t je;
        json_t *msg = json_loadb(out->data + body, n, JSON_ALLOW_NUL, &je);
        FUZZ_CHECK(json_is_object(msg));
        json_t *v = json_object_get(msg, "jsonrpc");
        FUZZ_CHECK(json_is_string(v) && strcmp(json_string_value(v), "2.0") == 0);
        int response = json_object_get(msg, "id") &&
                       (json_object_get(msg, "result") || json_object_get(msg, "error"));
        FUZZ_CHECK(response || json_is_string(json_object_get(msg, "method")));
        json_decref(msg);
        i = body + n;
    }
}

/* Runs one server over data, cut into pieces of `piece` bytes (0: whole). */
static void run(const uint8_t *data, size_t size, size_t piece, harness *h) {
    memset(h, 0, sizeof *h);
    lsp_options opt = {sink, h, fake_clock, h, NULL, 0, fixture(), 1};
    lsp_server *s = lsp_server_new(&opt);
    FUZZ_CHECK(s);
    if (piece == 0) {
        lsp_server_feed(s, (const char *)data, size);
    } else {
        for (size_t i = 0; i < size; i += piece)
            lsp_server_feed(s, (const char *)data + i, size - i < piece ? size - i : piece);
    }
    h->now += 10000; /* past every debounce */
    for (int round = 0; round < 1000 && lsp_server_timeout(s) == 0; round++) {
        int code;
        if (lsp_server_exited(s, &code)) break;
        lsp_server_tick(s);
    }
    h->cancelled = s->cancelled;
    lsp_server_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    size_t piece = data[0] % 8;
    data++, size--;
    harness cut, whole;
    run(data, size, piece, &cut);
    check_output(&cut.out);
    if (piece) {
        run(data, size, 0, &whole);
        if (!cut.cancelled && !whole.cancelled)
            FUZZ_CHECK(
                cut.out.len == whole.out.len &&
                (cut.out.len == 0 || memcmp(cut.out.data, whole.out.data, cut.out.len) == 0));
        lsp_buf_free(&whole.out);
    }
    lsp_buf_free(&cut.out);
    return 0;
}
