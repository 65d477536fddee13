/* client.h — a minimal LSP client for tests and benchmarks: runs a server
 * program over pipes, frames messages, and reads the server's messages with
 * a strict check of its framing (exactly one Content-Length header, then a
 * body of that length holding one JSON value). */
#ifndef DOSSIER_TEST_LSP_CLIENT_H
#define DOSSIER_TEST_LSP_CLIENT_H

#include <jansson.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct {
    pid_t pid;
    int to, from; /* the server's stdin and stdout */
    char *buf;    /* bytes read and not yet taken */
    size_t len, cap;
} lsp_client;

/* Starts argv[0] with argv; 0, or -1 with errno. */
int client_spawn(lsp_client *c, char *const argv[]);
/* Writes all bytes; 0, or -1 when the server's input is closed. */
int client_write(lsp_client *c, const char *data, size_t n);
/* Frames msg (and decrefs it) and writes it. */
int client_send(lsp_client *c, json_t *msg);
/* "Content-Length: N\r\n\r\n" + body, appended to out (malloc'd, *len grows). */
int client_frame(const char *body, size_t n, char **out, size_t *len);
/* The next message within timeout_ms: 1 (*msg set), 0 on timeout, -1 when the
 * server closed its output or broke the framing (why says how). */
int client_recv(lsp_client *c, int timeout_ms, json_t **msg, char *why, size_t whylen);
/* Closes the server's stdin. */
void client_close_input(lsp_client *c);
/* Waits up to timeout_ms for the server to end: its exit status (128 + signal
 * when killed), or -1 on timeout. */
int client_wait(lsp_client *c, int timeout_ms);
/* Kills the server if it still runs and frees everything. */
void client_free(lsp_client *c);
/* Milliseconds on a monotonic clock. */
double client_now_ms(void);
/* The server's resident set: "VmRSS" or "VmHWM" from /proc, in KiB (-1 if unknown). */
long client_memory_kib(const lsp_client *c, const char *field);

#endif
