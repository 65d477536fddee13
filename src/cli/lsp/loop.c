/* loop.c — `dossier lsp`: the server on stdin and stdout.
 *
 * One thread: poll() waits for input or for the next due check (the
 * debounce timer), so edits are read while a check waits, and a burst of
 * didChange coalesces into one check. Input is read as it comes; output is
 * written whole, one message at a time. The server ends on `exit`, when the
 * input ends, when the output is gone, or when the client's process (the
 * processId of initialize) is gone. */
#include "lsp.h"

#include "../cli.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* How often to look for the client's process when nothing else happens. */
#define PARENT_CHECK_MS 3000

typedef struct {
    int fd;
    int broken; /* a write failed: the client is gone */
} output;

static void write_all(void *ctx, const char *data, size_t len) {
    output *o = ctx;
    while (len > 0 && !o->broken) {
        ssize_t n = write(o->fd, data, len);
        if (n < 0) {
            if (errno == EINTR) continue;
            o->broken = 1;
            return;
        }
        data += n;
        len -= (size_t)n;
    }
}

static long long monotonic_ms(void *ctx) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int usage(FILE *out, int code) {
    fprintf(out,
            "usage: dossier lsp [--stdio] [--corpus DIR] [--debounce MS]\n"
            "\n"
            "A language server (LSP 3.17) on stdin and stdout, for any editor: diagnostics\n"
            "from the whole-draft check, hover cards, completion of actor names and\n"
            "citation keys, code actions that cite, definition (the supporting passages),\n"
            "references, semantic tokens, document symbols and the bibliography export.\n"
            "\n"
            "  --stdio         accepted and ignored (stdio is the only transport)\n"
            "  --corpus DIR    the corpus, unless the client's settings name one\n"
            "  --debounce MS   milliseconds from the last edit to the check (default %d)\n"
            "\n"
            "Client settings (initializationOptions or the \"dossier\" configuration\n"
            "section): corpus, style (pandoc | footnote | inline | reference), debounce.\n"
            "Exit status: 0 after shutdown and exit, 1 when the client left without them.\n",
            LSP_DEBOUNCE_MS);
    return code;
}

int cmd_lsp(int argc, char **argv) {
    const char *corpus = NULL;
    int debounce = -1;
    for (int i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) return usage(stdout, CLI_OK);
        if (strcmp(argv[i], "--stdio") == 0) continue;
        if ((strcmp(argv[i], "--corpus") == 0 || strcmp(argv[i], "--debounce") == 0) &&
            i + 1 == argc)
            return cli_fail(CLI_USAGE, "lsp: %s needs a value", argv[i]);
        if (strcmp(argv[i], "--corpus") == 0) {
            corpus = argv[++i];
        } else if (strcmp(argv[i], "--debounce") == 0) {
            char *end;
            long v = strtol(argv[++i], &end, 10);
            if (*end || end == argv[i] || v < 0 || v > 10000)
                return cli_fail(CLI_USAGE,
                                "lsp: --debounce takes 0 to 10000 milliseconds, not '%s'", argv[i]);
            debounce = (int)v;
        } else {
            if (argv[i][0] == '-' && argv[i][1])
                cli_unknown_option("lsp", argv[i]);
            else
                cli_fail(CLI_USAGE, "lsp: unexpected argument '%s'", argv[i]);
            return usage(stderr, CLI_USAGE);
        }
    }
    signal(SIGPIPE, SIG_IGN); /* a client gone is a failed write, not a signal */
    output out = {STDOUT_FILENO, 0};
    lsp_options opt = {write_all, &out, monotonic_ms, NULL, corpus, debounce, NULL, 0};
    lsp_server *s = lsp_server_new(&opt);
    if (!s) return cli_fail(CLI_FAILURE, "lsp: out of memory");
    size_t cap = 65536;
    char *buf = malloc(cap);
    if (!buf) {
        lsp_server_free(s);
        return cli_fail(CLI_FAILURE, "lsp: out of memory");
    }
    int code = 1;
    for (;;) {
        if (lsp_server_exited(s, &code)) break;
        if (out.broken) {
            code = lsp_server_eof(s);
            break;
        }
        long long timeout = lsp_server_timeout(s);
        if (s->parent_pid > 0 && (timeout < 0 || timeout > PARENT_CHECK_MS))
            timeout = PARENT_CHECK_MS;
        struct pollfd p = {STDIN_FILENO, POLLIN, 0};
        int ready = poll(&p, 1, timeout < 0 ? -1 : (int)timeout);
        if (ready < 0 && errno != EINTR) {
            code = lsp_server_eof(s);
            break;
        }
        if (ready > 0) {
            ssize_t n = read(STDIN_FILENO, buf, cap);
            if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
                code = lsp_server_eof(s);
                break;
            }
            if (n > 0) lsp_server_feed(s, buf, (size_t)n);
        }
        if (s->parent_pid > 0 && kill((pid_t)s->parent_pid, 0) < 0 && errno == ESRCH) {
            code = lsp_server_eof(s);
            break;
        }
        lsp_server_tick(s);
    }
    free(buf);
    lsp_server_free(s);
    return code;
}
