/* buf.c — the server's growable buffer (src/cli/lsp/text.c) at its limits:
 * sizes whose arithmetic would wrap around fail the buffer, at once and
 * without looping, and a failed buffer keeps what it held. */
#include "lsp.h"

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int n_tests, n_failed;

static void ok(int cond, const char *name) {
    n_tests++;
    if (!cond) n_failed++;
    printf("%sok %d - %s\n", cond ? "" : "not ", n_tests, name);
    fflush(stdout);
}

static void too_slow(int sig) {
    (void)sig;
    static const char msg[] = "not ok - lsp_buf_reserve looped (no answer in 5 s)\n";
    if (write(1, msg, sizeof msg - 1) < 0) _exit(2);
    _exit(1);
}

int main(void) {
    signal(SIGALRM, too_slow);
    alarm(5);

    lsp_buf b = {0};
    for (int i = 0; i < 100000; i++)
        lsp_buf_puts(&b, "0123456789");
    ok(!b.failed && b.len == 1000000 && strlen(b.data) == b.len, "a megabyte, ten bytes at a time");
    lsp_buf_printf(&b, "%s", "!");
    ok(b.len == 1000001 && b.data[b.len - 1] == '!', "printf appends");

    ok(!lsp_buf_reserve(&b, SIZE_MAX) && b.failed, "room for SIZE_MAX more bytes: failed");
    lsp_buf_puts(&b, "more");
    ok(b.len == 1000001 && b.data[b.len - 1] == '!', "a failed buffer keeps what it held");
    lsp_buf_free(&b);
    ok(!b.data && !b.len && !b.failed, "freed, and usable again");

    /* The sizes a huge buffer would have (its data is never touched): the
     * arithmetic must fail them, not wrap around. */
    lsp_buf near_top = {.len = SIZE_MAX - 5};
    ok(!lsp_buf_reserve(&near_top, 10) && near_top.failed, "len + extra past SIZE_MAX: failed");
    lsp_buf half = {.len = SIZE_MAX / 2 + 1};
    ok(!lsp_buf_reserve(&half, 16) && half.failed,
       "a capacity past SIZE_MAX / 2 cannot double: failed, not looped");
    lsp_buf full = {.len = SIZE_MAX};
    ok(!lsp_buf_reserve(&full, 0) && full.failed, "no room even for the NUL: failed");

    printf("1..%d\n", n_tests);
    return n_failed != 0;
}
