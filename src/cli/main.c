/* main.c — the `dossier` program: one table of subcommands and its dispatch. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static int cmd_version(int argc, char **argv);

/* One row per subcommand; `dossier --help` lists them in this order. */
static const cli_command commands[] = {
    {"init", "create a corpus directory: actors.yaml and dossier.yaml, commented", cmd_init},
    {"import", "add sources to a corpus: saved web pages, Markdown, text, PDF", cmd_import},
    {"actors", "actors suggest DIR: proposed gazetteer entries, as YAML to review", cmd_actors},
    {"lint", "check a corpus: sources lists, silent actors, shadowed patterns, dates, duplicates",
     cmd_lint},
    {"check", "check a draft: unsupported sentences, altered quotations (file:line:col)",
     cmd_check},
    {"sources", "the passages that back a sentence, best first", cmd_sources},
    {"cite", "a citation of an article, in a style", cmd_cite},
    {"bibliography", "the corpus as CSL JSON or BibTeX", cmd_bibliography},
    {"version", "print the program's version", cmd_version},
    {"lsp", "a language server (LSP 3.17) on stdio, for any editor", cmd_lsp},
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *out) {
    fprintf(out, "usage: dossier COMMAND [ARGS...]\n"
                 "       dossier COMMAND --help\n\n"
                 "commands:\n");
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-16s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\nexit codes:\n"
            "  0  done, nothing to report\n"
            "  1  done, with findings to act on (a contradicted sentence, a lint problem)\n"
            "  2  wrong arguments\n"
            "  3  the work could not be done (missing corpus, unreadable file, ...)\n"
            "\nThe corpus is --corpus DIR, else $DOSSIER_CORPUS, else %s.\n",
            cli_default_corpus());
}

static int cmd_version(int argc, char **argv) {
    if (argc > 1 && cli_is_help(argv[1])) {
        printf("usage: dossier version\n\nPrints the version of the program and its core.\n");
        return CLI_OK;
    }
    if (argc > 1 && argv[1][0] == '-' && argv[1][1]) return cli_unknown_option("version", argv[1]);
    if (argc > 1) return cli_fail(CLI_USAGE, "version: unexpected argument '%s'", argv[1]);
    printf("dossier %s\n", DOSSIER_VERSION);
    return CLI_OK;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return CLI_USAGE;
    }
    if (cli_is_help(argv[1]) || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return CLI_OK;
    }
    if (strcmp(argv[1], "--version") == 0) return cmd_version(1, argv + 1);
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(argv[1], commands[i].name) == 0) return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "dossier: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return CLI_USAGE;
}
