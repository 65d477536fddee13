/* common.c — helpers every subcommand uses: messages, help flags, the corpus. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
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

int cli_unknown_option(const char *command, const char *option) {
    return cli_fail(CLI_USAGE, "%s: unknown option '%s' (see dossier %s --help)", command, option,
                    command);
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

int cli_flag_value(int argc, char **argv, int *i, const char *flag, const char **value) {
    if (strcmp(argv[*i], flag) != 0) return 0;
    if (*i + 1 >= argc) {
        cli_fail(CLI_USAGE, "%s needs a value", flag);
        return -1;
    }
    *value = argv[++*i];
    return 1;
}

int cli_read(const char *path, char **data, size_t *len) {
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) return cli_fail(CLI_FAILURE, "%s: %s", path, strerror(errno));
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap) break;
        char *bigger = cap > SIZE_MAX / 2 - 1 ? NULL : realloc(buf, cap * 2 + 1);
        if (!bigger) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    int failed = ferror(f) ? errno : 0; /* EISDIR for a directory */
    if (f != stdin) fclose(f);
    if (!buf || failed) {
        free(buf);
        return cli_fail(CLI_FAILURE, "%s: %s", path,
                        buf ? (failed ? strerror(failed) : "read error") : "out of memory");
    }
    buf[n] = '\0';
    /* a draft is text: a binary file would be read up to its first NUL */
    const char *nul = memchr(buf, '\0', n);
    if (nul) {
        unsigned line, col;
        cli_line_col(buf, (size_t)(nul - buf), &line, &col);
        free(buf);
        return cli_fail(CLI_FAILURE, "%s:%u:%u: a NUL byte: not a text file",
                        strcmp(path, "-") ? path : "<stdin>", line, col);
    }
    *data = buf;
    *len = n;
    return CLI_OK;
}

void cli_pos_init(cli_pos *p, const char *text) {
    p->text = text;
    /* a byte-order mark is no column: editors do not show it */
    p->off = strncmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    p->line = 1;
    p->col = 1;
}

void cli_pos_at(cli_pos *p, size_t off, unsigned *line, unsigned *col) {
    if (off < p->off) cli_pos_init(p, p->text); /* behind the last one: from the start */
    while (p->off < off && p->text[p->off]) {
        if (p->text[p->off++] == '\n') {
            p->line++;
            p->col = 1;
        } else {
            p->col++;
        }
    }
    *line = p->line;
    *col = p->col;
}

void cli_line_col(const char *text, size_t off, unsigned *line, unsigned *col) {
    cli_pos p;
    cli_pos_init(&p, text);
    cli_pos_at(&p, off, line, col);
}
