/* common.c — helpers every subcommand uses: messages, help flags, the corpus. */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Where `make` (the build tree) or `make install` (PREFIX/share) put the corpus. */
#ifndef DOSSIER_DEFAULT_CORPUS
#define DOSSIER_DEFAULT_CORPUS "corpus"
#endif

int cli_fail(int code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("dossier: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return code;
}

int cli_is_help(const char *arg) {
    return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

const char *cli_corpus_dir(const char *dir) {
    if (dir && *dir) return dir;
    const char *env = getenv("DOSSIER_CORPUS");
    if (env && *env) return env;
    return cli_default_corpus();
}

const char *cli_default_corpus(void) {
    return DOSSIER_DEFAULT_CORPUS;
}

int cli_open_corpus(const char *dir, dossier_corpus **out) {
    dossier_error err = {0};
    if (dossier_open(cli_corpus_dir(dir), out, &err) != DOSSIER_OK)
        return cli_fail(CLI_FAILURE, "%s", err.message);
    return CLI_OK;
}
