/* tap.h — a tiny Test Anything Protocol harness, header only.
 *
 *   plan(3);                 or nothing, and done_testing() prints the plan
 *   ok(x > 0, "x is positive (%d)", x);
 *   is_int(got, 42, "the answer");
 *   is_str(got, "abc", "the letters");    NULL is allowed on either side
 *   diag("context: %s", s);               "# ..." on stderr
 *   note("...");                          "# ..." on stdout
 *   todo("reason"); ...; todo(NULL);      failures in between do not count
 *   skip("pandoc is not installed");      one test counted as skipped
 *   return done_testing();               exit status: 0 when all passed
 *
 * Each test program includes it once; everything is static. */
#ifndef DOSSIER_TAP_H
#define DOSSIER_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__)
#define TAP_UNUSED __attribute__((unused))
#define TAP_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define TAP_UNUSED
#define TAP_PRINTF(a, b)
#endif

static int tap_run_ = 0, tap_failed_ = 0, tap_planned_ = -1;
static const char *tap_todo_ = NULL;

static TAP_UNUSED void plan(int n) {
    tap_planned_ = n;
    printf("1..%d\n", n);
    fflush(stdout);
}

static TAP_UNUSED TAP_PRINTF(1, 2) void diag(const char *fmt, ...) {
    va_list ap;
    fflush(stdout);
    fputs("# ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
}

static TAP_UNUSED TAP_PRINTF(1, 2) void note(const char *fmt, ...) {
    va_list ap;
    fputs("# ", stdout);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    fputc('\n', stdout);
    fflush(stdout);
}

/* Marks the following tests as expected to fail (TODO); todo(NULL) ends it. */
static TAP_UNUSED void todo(const char *reason) {
    tap_todo_ = reason;
}

static TAP_UNUSED int tap_vok_(int pass, const char *file, int line, const char *fmt, va_list ap) {
    tap_run_++;
    printf("%s %d - ", pass ? "ok" : "not ok", tap_run_);
    vprintf(fmt, ap);
    if (tap_todo_) printf(" # TODO %s", tap_todo_);
    putchar('\n');
    fflush(stdout);
    if (!pass) {
        if (!tap_todo_) tap_failed_++;
        diag("  Failed %stest at %s line %d.", tap_todo_ ? "(TODO) " : "", file, line);
    }
    return pass;
}

static TAP_UNUSED TAP_PRINTF(4, 5) int tap_ok_(int pass, const char *file, int line,
                                               const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int r = tap_vok_(pass, file, line, fmt, ap);
    va_end(ap);
    return r;
}

static TAP_UNUSED int tap_is_int_(long long got, long long want, const char *file, int line,
                                  const char *name) {
    int pass = got == want;
    tap_ok_(pass, file, line, "%s", name);
    if (!pass) diag("       got: %lld\n#  expected: %lld", got, want);
    return pass;
}

/* Prints a string for a diagnostic, control characters escaped. */
static TAP_UNUSED void tap_show_(const char *label, const char *s, size_t from) {
    fflush(stdout);
    fprintf(stderr, "# %10s: ", label);
    if (!s) {
        fputs("NULL\n", stderr);
        return;
    }
    if (from) fputs("...", stderr);
    for (const char *p = s + from; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '\n')
            fputs("\\n", stderr);
        else if (c == '\t')
            fputs("\\t", stderr);
        else if (c < 0x20 || c == 0x7F)
            fprintf(stderr, "\\x%02x", c);
        else
            fputc(c, stderr);
    }
    fputc('\n', stderr);
}

static TAP_UNUSED int tap_is_str_(const char *got, const char *want, const char *file, int line,
                                  const char *name) {
    int pass = (!got && !want) || (got && want && strcmp(got, want) == 0);
    tap_ok_(pass, file, line, "%s", name);
    if (!pass) {
        size_t at = 0;
        if (got && want) {
            while (got[at] && got[at] == want[at])
                at++;
            diag("  strings differ at byte %zu", at);
            /* show some context before the first difference */
            at = at > 40 ? at - 40 : 0;
        }
        tap_show_("got", got, at);
        tap_show_("expected", want, at);
        fflush(stderr);
    }
    return pass;
}

/* Counts a test as skipped (passed), with the reason. */
static TAP_UNUSED TAP_PRINTF(1, 2) void skip(const char *fmt, ...) {
    va_list ap;
    tap_run_++;
    printf("ok %d # skip ", tap_run_);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
}

#define ok(cond, ...) tap_ok_((cond) ? 1 : 0, __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, want, name)                                                                    \
    tap_is_int_((long long)(got), (long long)(want), __FILE__, __LINE__, (name))
#define is_str(got, want, name) tap_is_str_((got), (want), __FILE__, __LINE__, (name))
#define pass(...) tap_ok_(1, __FILE__, __LINE__, __VA_ARGS__)
#define fail(...) tap_ok_(0, __FILE__, __LINE__, __VA_ARGS__)

/* Prints the plan if none was given; returns the exit status: 0 when every
 * test passed and the plan was kept. */
static TAP_UNUSED int done_testing(void) {
    if (tap_planned_ < 0) printf("1..%d\n", tap_run_);
    fflush(stdout);
    if (tap_planned_ >= 0 && tap_planned_ != tap_run_) {
        diag("Looks like you planned %d tests but ran %d.", tap_planned_, tap_run_);
        return 255;
    }
    if (tap_failed_) {
        diag("Looks like you failed %d test%s of %d.", tap_failed_, tap_failed_ == 1 ? "" : "s",
             tap_run_);
        return tap_failed_ > 254 ? 254 : tap_failed_;
    }
    return 0;
}

#endif
