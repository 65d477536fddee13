/* latency.c — `make bench`, the language server section: what a client
 * waits for from `dossier lsp` on a draft, over real pipes.
 *
 *   latency SERVER DRAFT CORPUS POSITIONS
 *
 * Prints "name value" lines (milliseconds, KiB) for bench/lsp.sh:
 *   open             didOpen until its publishDiagnostics
 *   diag_p50/p99     didChange until the publishDiagnostics of that version,
 *                    with --debounce 0 (the check itself, plus the pipes)
 *   debounced_p50    the same with the default debounce (300 ms)
 *   hover_p50/p99    textDocument/hover on actor mentions
 *   complete_p50/99  textDocument/completion after the first 3 letters of them
 *   rss_kib, hwm_kib the server's resident set at the end, and its peak
 * and writes to POSITIONS the mentions used ("line bytecol u16col prefix"),
 * found with textDocument/semanticTokens/full, so that the plugin's side
 * (bench/lsp/plugin.lua) does the same work at the same places.
 * Environment: LSP_BENCH_EDITS (50), LSP_BENCH_DEBOUNCED (10),
 * LSP_BENCH_REQUESTS (200). */
#define _POSIX_C_SOURCE 200809L
#include "client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *uri = "file:///bench/draft-300.md";
static json_int_t next_id = 1;

static void die(const char *what) {
    fprintf(stderr, "lsp bench: %s\n", what);
    exit(1);
}

static char *slurp(const char *path, size_t *n) {
    FILE *f = fopen(path, "rb");
    if (!f) die("cannot read the draft");
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)len + 1);
    if (!s || fread(s, 1, (size_t)len, f) != (size_t)len) die("cannot read the draft");
    s[len] = '\0';
    fclose(f);
    *n = (size_t)len;
    return s;
}

/* The next message that answers request id, or the publishDiagnostics of
 * `version` (id < 0); others are skipped. */
static json_t *wait_for(lsp_client *c, json_int_t id, long long version) {
    for (;;) {
        json_t *m;
        char why[200];
        if (client_recv(c, 60000, &m, why, sizeof why) != 1) die("the server stopped answering");
        json_t *mid = json_object_get(m, "id");
        const char *method = json_string_value(json_object_get(m, "method"));
        if (id >= 0 && json_is_integer(mid) && json_integer_value(mid) == id && !method) return m;
        if (id < 0 && method && strcmp(method, "textDocument/publishDiagnostics") == 0) {
            json_t *v = json_object_get(json_object_get(m, "params"), "version");
            if (json_is_integer(v) && json_integer_value(v) == version) return m;
        }
        if (method && json_is_integer(mid)) /* a request of the server's: answer null */
            client_send(c, json_pack("{s:s,s:O,s:n}", "jsonrpc", "2.0", "id", mid, "result"));
        json_decref(m);
    }
}

static json_t *request(lsp_client *c, const char *method, json_t *params) {
    json_int_t id = next_id++;
    client_send(c, json_pack("{s:s,s:I,s:s,s:o}", "jsonrpc", "2.0", "id", id, "method", method,
                             "params", params));
    return wait_for(c, id, -1);
}

static void notify(lsp_client *c, const char *method, json_t *params) {
    json_t *m = json_pack("{s:s,s:s}", "jsonrpc", "2.0", "method", method);
    if (params) json_object_set_new(m, "params", params);
    client_send(c, m);
}

static void start(lsp_client *c, const char *server, const char *corpus, const char *debounce,
                  const char *text, size_t len) {
    char *argv[] = {(char *)server, "lsp", "--debounce", (char *)debounce, NULL};
    if (!debounce) argv[2] = NULL;
    if (client_spawn(c, argv) < 0) die("cannot start the server");
    json_decref(request(c, "initialize",
                        json_pack("{s:n,s:{},s:{s:s}}", "processId", "capabilities",
                                  "initializationOptions", "corpus", corpus)));
    notify(c, "initialized", json_object());
    notify(c, "textDocument/didOpen",
           json_pack("{s:{s:s,s:s,s:i,s:s%}}", "textDocument", "uri", uri, "languageId", "markdown",
                     "version", 1, "text", text, len));
    json_decref(wait_for(c, -1, 1));
}

static void stop(lsp_client *c) {
    json_decref(request(c, "shutdown", json_null()));
    notify(c, "exit", NULL);
    if (client_wait(c, 10000) != 0) die("the server did not exit with status 0");
    client_free(c);
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double pct(double *v, int n, double p) {
    qsort(v, (size_t)n, sizeof *v, cmp);
    int k = (int)(n * p / 100.0 + 0.999999);
    if (k < 1) k = 1;
    return v[k - 1];
}

/* Edits: insert a space at the end of line `line`, then take it out again. */
static double edit(lsp_client *c, long long version, size_t line, size_t ch, int insert) {
    json_t *start = json_pack("{s:I,s:I}", "line", (json_int_t)line, "character", (json_int_t)ch);
    json_t *end = json_pack("{s:I,s:I}", "line", (json_int_t)line, "character",
                            (json_int_t)(insert ? ch : ch + 1));
    double t0 = client_now_ms();
    notify(c, "textDocument/didChange",
           json_pack("{s:{s:s,s:I},s:[{s:{s:o,s:o},s:s}]}", "textDocument", "uri", uri, "version",
                     (json_int_t)version, "contentChanges", "range", "start", start, "end", end,
                     "text", insert ? " " : ""));
    json_decref(wait_for(c, -1, version));
    return client_now_ms() - t0;
}

/* UTF-16 units of s[0..n) */
static size_t units(const char *s, size_t n) {
    size_t u = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80 || b >= 0xC0) u += b >= 0xF0 ? 2 : 1;
    }
    return u;
}

/* n requests of `method` at the mentions in turn, `shift` units into each;
 * their times in lat. */
static void timed_requests(lsp_client *c, const char *method, size_t shift, const size_t *pl,
                           const size_t *pc, size_t used, int n, double *lat) {
    for (int i = 0; i < n; i++) {
        size_t k = (size_t)i % used;
        double t0 = client_now_ms();
        json_decref(request(c, method,
                            json_pack("{s:{s:s},s:{s:I,s:I}}", "textDocument", "uri", uri,
                                      "position", "line", (json_int_t)pl[k], "character",
                                      (json_int_t)(pc[k] + shift))));
        lat[i] = client_now_ms() - t0;
    }
}

int main(int argc, char **argv) {
    if (argc != 5) die("usage: latency SERVER DRAFT CORPUS POSITIONS");
    int edits = getenv("LSP_BENCH_EDITS") ? atoi(getenv("LSP_BENCH_EDITS")) : 50;
    int debounced = getenv("LSP_BENCH_DEBOUNCED") ? atoi(getenv("LSP_BENCH_DEBOUNCED")) : 10;
    int requests = getenv("LSP_BENCH_REQUESTS") ? atoi(getenv("LSP_BENCH_REQUESTS")) : 200;
    if (edits < 2) edits = 2;
    size_t len;
    char *text = slurp(argv[2], &len);
    /* line starts */
    size_t nlines = 0, *ls = malloc((len + 2) * sizeof *ls);
    ls[nlines++] = 0;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n') ls[nlines++] = i + 1;

    lsp_client c;
    double t0 = client_now_ms();
    start(&c, argv[1], argv[3], "0", text, len);
    printf("open %.3f\n", client_now_ms() - t0);

    /* edits spread over the draft, at the ends of lines */
    double *lat = malloc(sizeof(double) * (size_t)(edits + requests + debounced + 8));
    long long version = 1;
    for (int i = 0; i < edits; i++) {
        size_t line = (size_t)(i / 2) * 37 % (nlines > 1 ? nlines - 1 : 1);
        size_t end = (line + 1 < nlines ? ls[line + 1] - 1 : len);
        size_t ch = units(text + ls[line], end - ls[line]);
        lat[i] = edit(&c, ++version, line, ch, i % 2 == 0);
    }
    printf("diag_p50 %.3f\ndiag_p99 %.3f\n", pct(lat, edits, 50), pct(lat, edits, 99));

    /* the actor mentions, from the server's semantic tokens */
    json_t *tok = request(&c, "textDocument/semanticTokens/full",
                          json_pack("{s:{s:s}}", "textDocument", "uri", uri));
    json_t *data = json_object_get(json_object_get(tok, "result"), "data");
    FILE *pos = fopen(argv[4], "w");
    if (!pos) die("cannot write the positions");
    size_t line = 0, ch = 0, n = json_array_size(data) / 5, used = 0;
    size_t *pl = malloc((n + 1) * sizeof *pl), *pc = malloc((n + 1) * sizeof *pc);
    for (size_t i = 0; i < n; i++) {
        size_t dl = (size_t)json_integer_value(json_array_get(data, i * 5));
        size_t dc = (size_t)json_integer_value(json_array_get(data, i * 5 + 1));
        size_t tl = (size_t)json_integer_value(json_array_get(data, i * 5 + 2));
        line += dl;
        ch = dl ? dc : ch + dc;
        if (tl < 4 || line >= nlines) continue;
        /* the byte column of UTF-16 column ch, and 3 letters of ASCII after it */
        size_t b = ls[line], u = 0;
        while (u < ch && text[b] != '\n') {
            unsigned char x = (unsigned char)text[b];
            if (x < 0x80 || x >= 0xC0) u += x >= 0xF0 ? 2 : 1;
            b++;
            while ((((unsigned char)text[b]) & 0xC0) == 0x80)
                b++;
        }
        int ascii = 1;
        for (int k = 0; k < 3; k++)
            ascii &= (unsigned char)text[b + k] < 0x80 && text[b + k] > ' ';
        if (!ascii) continue;
        fprintf(pos, "%zu %zu %zu %.3s\n", line, b - ls[line], ch, text + b);
        pl[used] = line;
        pc[used] = ch;
        used++;
    }
    fclose(pos);
    json_decref(tok);
    if (used == 0) die("no actor mention in the draft");

    timed_requests(&c, "textDocument/hover", 1, pl, pc, used, requests, lat);
    printf("hover_p50 %.3f\nhover_p99 %.3f\n", pct(lat, requests, 50), pct(lat, requests, 99));
    timed_requests(&c, "textDocument/completion", 3, pl, pc, used, requests, lat);
    printf("complete_p50 %.3f\ncomplete_p99 %.3f\n", pct(lat, requests, 50),
           pct(lat, requests, 99));
    printf("mentions %zu\n", used);
    printf("rss_kib %ld\nhwm_kib %ld\n", client_memory_kib(&c, "VmRSS"),
           client_memory_kib(&c, "VmHWM"));
    stop(&c);

    /* the default debounce, as an editor sees it */
    start(&c, argv[1], argv[3], NULL, text, len);
    version = 1;
    for (int i = 0; i < debounced; i++) {
        size_t l = (size_t)i * 53 % (nlines > 1 ? nlines - 1 : 1);
        size_t end = (l + 1 < nlines ? ls[l + 1] - 1 : len);
        lat[i] = edit(&c, ++version, l, units(text + ls[l], end - ls[l]), i % 2 == 0);
    }
    if (debounced > 0) printf("debounced_p50 %.3f\n", pct(lat, debounced, 50));
    stop(&c);
    free(lat);
    free(pl);
    free(pc);
    free(ls);
    free(text);
    return 0;
}
