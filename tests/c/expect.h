/* expect.h — checks shared by the C tests that open broken corpora, header
 * only. */
#ifndef DOSSIER_EXPECT_H
#define DOSSIER_EXPECT_H

#include "dossier.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int contains(const char *hay, const char *needle) {
    return hay && needle && strstr(hay, needle) != NULL;
}

/* "dir/name" + suffix, for matching messages ("/tmp/x/actors.yaml:5:"). */
static char *where(const char *dir, const char *name, const char *suffix) {
    size_t n = strlen(dir) + strlen(name) + strlen(suffix) + 2;
    char *s = malloc(n);
    if (!s) exit(254);
    snprintf(s, n, "%s/%s%s", dir, name, suffix);
    return s;
}

/* Opens dir, expects status `want`, a NULL corpus, and a message holding
 * "dir/file" + at (e.g. "actors.yaml", ":5:5:") and `also` when not NULL. */
static void expect_fail(const char *dir, dossier_status want, const char *file, const char *at,
                        const char *also, const char *name) {
    dossier_corpus *c = (dossier_corpus *)&c; /* not NULL: open must clear it */
    dossier_error err;
    memset(&err, 0, sizeof err);
    dossier_status s = dossier_open(dir, &c, &err);
    if (!is_int(s, want, name)) diag("status %s: %s", dossier_status_name(s), err.message);
    is_int(err.status, want, "  err.status matches the returned status");
    ok(c == NULL, "  *out is NULL after a failure");
    if (s == DOSSIER_OK && c) dossier_close(c);
    char *w = where(dir, file, at);
    if (!ok(contains(err.message, w), "  message names %s%s", file, at))
        diag("message: %s", err.message);
    free(w);
    if (also && !ok(contains(err.message, also), "  message says '%s'", also))
        diag("message: %s", err.message);
}

#endif
