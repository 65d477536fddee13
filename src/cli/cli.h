/* cli.h — what the subcommands of the `dossier` program share.
 *
 * Each subcommand lives in its own file (cmd_<name>.c) and is one row of the
 * table in main.c. The program uses only the public API (include/dossier.h):
 * it is a client of the core like the Lua binding, never a part of it. */
#ifndef DOSSIER_CLI_H
#define DOSSIER_CLI_H

#include "dossier.h"

#include <stdio.h>

/* Exit codes, documented in `dossier --help` and the README. */
enum {
    CLI_OK = 0,       /* done, nothing to report */
    CLI_FINDINGS = 1, /* done, and found what the user must act on (check, lint) */
    CLI_USAGE = 2,    /* wrong arguments: the message says which */
    CLI_FAILURE = 3   /* the work could not be done: missing corpus, bad file, ... */
};

/* A subcommand: argv[0] is its name; returns one of the codes above. */
typedef int (*cli_command_fn)(int argc, char **argv);

typedef struct {
    const char *name;    /* as typed: "check", "actors suggest" is "actors" */
    const char *summary; /* one line for `dossier --help` */
    cli_command_fn run;
} cli_command;

/* The subcommands (cmd_<name>.c). */
int cmd_init(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_sources(int argc, char **argv);
int cmd_cite(int argc, char **argv);
int cmd_bibliography(int argc, char **argv);
int cmd_actors(int argc, char **argv);
int cmd_lint(int argc, char **argv);

/* "dossier: <message>" on stderr; returns `code` so callers can `return`. */
int cli_fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The one message for an option a command does not take: "dossier: lint:
 * unknown option '--frob' (see dossier lint --help)". Returns CLI_USAGE. */
int cli_unknown_option(const char *command, const char *option);

/* True when argv[i] is -h or --help. */
int cli_is_help(const char *arg);

/* The corpus a command works on: `dir` when given, else $DOSSIER_CORPUS, else
 * the corpus installed with the program. */
const char *cli_corpus_dir(const char *dir);

/* The corpus installed with the program (the build tree's corpus/ before
 * `make install`). */
const char *cli_default_corpus(void);

/* argv[*i] is `flag`: its value is argv[*i + 1], stored in *value, and *i
 * moves past it. Returns 1 when it was the flag, 0 when not, -1 (message
 * printed) when the value is missing. */
int cli_flag_value(int argc, char **argv, int *i, const char *flag, const char **value);

/* Reads a whole text file, or standard input for "-" (malloc'd,
 * NUL-terminated). Returns CLI_OK, or CLI_FAILURE with the message printed:
 * the system's reason ("Is a directory"), or the line and column of a NUL
 * byte (a binary file). */
int cli_read(const char *path, char **data, size_t *len);

/* 1-based line and byte column of byte offset `off` in text; a byte-order
 * mark at the start is not counted. */
void cli_line_col(const char *text, size_t off, unsigned *line, unsigned *col);

/* The same for many offsets of one text: each call goes on from the last, so
 * offsets met in increasing order cost one pass over the text (a draft of
 * 64,000 sentences took 29 s when each counted from the start). */
typedef struct {
    const char *text;
    size_t off;
    unsigned line, col;
} cli_pos;
void cli_pos_init(cli_pos *p, const char *text);
void cli_pos_at(cli_pos *p, size_t off, unsigned *line, unsigned *col);

/* Opens the corpus (see cli_corpus_dir), printing the core's message (file and
 * line) on failure. Returns CLI_OK or CLI_FAILURE. */
int cli_open_corpus(const char *dir, dossier_corpus **out);

/* `dossier lsp`, the language server (src/cli/lsp/). */
int cmd_lsp(int argc, char **argv);

#endif
