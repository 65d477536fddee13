/* client.c — see client.h. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "client.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

double client_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int client_spawn(lsp_client *c, char *const argv[]) {
    int in[2], out[2];
    memset(c, 0, sizeof *c);
    c->pid = -1;
    c->to = c->from = -1;
    if (pipe(in) < 0) return -1;
    if (pipe(out) < 0) {
        close(in[0]), close(in[1]);
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[0]), close(in[1]), close(out[0]), close(out[1]);
        execvp(argv[0], argv);
        fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    c->pid = pid;
    c->to = in[1];
    c->from = out[0];
    signal(SIGPIPE, SIG_IGN);
    return 0;
}

int client_write(lsp_client *c, const char *data, size_t n) {
    while (n > 0) {
        ssize_t k = write(c->to, data, n);
        if (k < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        data += k;
        n -= (size_t)k;
    }
    return 0;
}

int client_frame(const char *body, size_t n, char **out, size_t *len) {
    char head[64];
    int h = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", n);
    char *p = realloc(*out, *len + (size_t)h + n + 1);
    if (!p) return -1;
    memcpy(p + *len, head, (size_t)h);
    memcpy(p + *len + h, body, n);
    *len += (size_t)h + n;
    p[*len] = '\0';
    *out = p;
    return 0;
}

int client_send(lsp_client *c, json_t *msg) {
    char *body = json_dumps(msg, JSON_COMPACT);
    json_decref(msg);
    if (!body) return -1;
    char *framed = NULL;
    size_t len = 0;
    int r = client_frame(body, strlen(body), &framed, &len);
    free(body);
    if (r == 0) r = client_write(c, framed, len);
    free(framed);
    return r;
}

/* A complete message at the start of buf: its total length, 0 when more is
 * needed, -1 when the framing is broken. */
static long framed_length(const char *b, size_t n, size_t *body_at, size_t *body_len, char *why,
                          size_t whylen) {
    const char *end = NULL;
    for (size_t i = 0; i + 3 < n; i++)
        if (memcmp(b + i, "\r\n\r\n", 4) == 0) {
            end = b + i;
            break;
        }
    if (!end) {
        if (n > 200) {
            snprintf(why, whylen, "no end of header in %zu bytes", n);
            return -1;
        }
        return 0;
    }
    size_t len = 0;
    if (strncmp(b, "Content-Length: ", 16) != 0) {
        snprintf(why, whylen, "header does not start with 'Content-Length: '");
        return -1;
    }
    const char *p = b + 16;
    if (p == end || *p < '0' || *p > '9') {
        snprintf(why, whylen, "Content-Length is not a number");
        return -1;
    }
    while (p < end && *p >= '0' && *p <= '9')
        len = len * 10 + (size_t)(*p++ - '0');
    if (p != end) {
        snprintf(why, whylen, "more than one header line");
        return -1;
    }
    *body_at = (size_t)(end - b) + 4;
    *body_len = len;
    return *body_at + len <= n ? (long)(*body_at + len) : 0;
}

int client_recv(lsp_client *c, int timeout_ms, json_t **msg, char *why, size_t whylen) {
    double deadline = client_now_ms() + timeout_ms;
    *msg = NULL;
    for (;;) {
        size_t at, blen;
        long total = framed_length(c->buf ? c->buf : "", c->len, &at, &blen, why, whylen);
        if (total < 0) return -1;
        if (total > 0) {
            json_error_t je;
            *msg = json_loadb(c->buf + at, blen, JSON_ALLOW_NUL, &je);
            memmove(c->buf, c->buf + total, c->len - (size_t)total);
            c->len -= (size_t)total;
            if (!*msg) {
                snprintf(why, whylen, "the server sent invalid JSON: %s", je.text);
                return -1;
            }
            return 1;
        }
        int left = (int)(deadline - client_now_ms());
        if (left <= 0) return 0;
        struct pollfd p = {c->from, POLLIN, 0};
        int r = poll(&p, 1, left);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return 0;
        if (c->len + 65536 > c->cap) {
            size_t cap = c->cap ? c->cap * 2 : 131072;
            while (cap < c->len + 65536)
                cap *= 2;
            char *nb = realloc(c->buf, cap);
            if (!nb) return -1;
            c->buf = nb;
            c->cap = cap;
        }
        ssize_t k = read(c->from, c->buf + c->len, 65536);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) {
            snprintf(why, whylen, "the server closed its output");
            return -1;
        }
        c->len += (size_t)k;
    }
}

void client_close_input(lsp_client *c) {
    if (c->to >= 0) close(c->to);
    c->to = -1;
}

int client_wait(lsp_client *c, int timeout_ms) {
    double deadline = client_now_ms() + timeout_ms;
    if (c->pid <= 0) return -1;
    for (;;) {
        int st;
        pid_t r = waitpid(c->pid, &st, WNOHANG);
        if (r == c->pid) {
            c->pid = -1;
            return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        }
        if (r < 0) return -1;
        if (client_now_ms() > deadline) return -1;
        struct timespec ts = {0, 5 * 1000000};
        nanosleep(&ts, NULL);
    }
}

void client_free(lsp_client *c) {
    if (c->pid > 0) {
        kill(c->pid, SIGKILL);
        waitpid(c->pid, NULL, 0);
    }
    if (c->to >= 0) close(c->to);
    if (c->from >= 0) close(c->from);
    free(c->buf);
    memset(c, 0, sizeof *c);
    c->pid = -1;
    c->to = c->from = -1;
}

long client_memory_kib(const lsp_client *c, const char *field) {
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)c->pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    long v = -1;
    size_t n = strlen(field);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0 && line[n] == ':') v = strtol(line + n + 1, NULL, 10);
    fclose(f);
    return v;
}
