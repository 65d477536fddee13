/* cmd_init.c — `dossier init DIR`: a new corpus with its two files, each
 * commented so that the user can fill it in without the manual. */
#include "cli.h"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

static const char usage_text[] =
    "usage: dossier init DIR\n"
    "\n"
    "Creates the corpus directory DIR (and its parents) with a commented\n"
    "actors.yaml (the gazetteer, empty) and dossier.yaml (the corpus settings).\n"
    "Existing files are never overwritten. Then: dossier import DIR FILE...\n";

static const char actors_yaml[] =
    "# actors.yaml: the people, states, organisations, places, events and\n"
    "# products your sources name. Dossier highlights them in your drafts and\n"
    "# shows a card for each. `dossier actors suggest .` proposes entries from the\n"
    "# articles; `dossier lint .` checks this file against them.\n"
    "#\n"
    "# Each actor (only id, name and kind are required):\n"
    "#\n"
    "#   - id: jane-doe               # lower case, digits, - _ .\n"
    "#     name: Jane Doe             # the canonical name, matched too\n"
    "#     kind: person               # person | state | org | place | event | product\n"
    "#     role: Mayor of Springfield # one line for the card\n"
    "#     note: >-\n"
    "#       What the articles say about her, with the article ids.\n"
    "#     sources: [springfield-2024]  # ids of the articles that mention her\n"
    "#     aliases: [Mayor Doe]       # other names of the actor itself\n"
    "#     standins: []               # names that stand in for it (\"the Kremlin\")\n"
    "#     demonyms: []               # \"Russian\" for Russia\n"
    "#     short: [Doe]               # short forms other actors share\n"
    "#     patterns: []               # regular expressions (PCRE2), see the README\n"
    "#\n"
    "# Matching ignores case and accents, except that a one-word alias written\n"
    "# with a capital (Arch, Rice) matches only a capitalised word.\n"
    "#\n"
    "# The list is empty until entries follow the key, each starting \"  - id:\";\n"
    "# `dossier actors suggest -o proposed.yaml .` writes them so, to be\n"
    "# appended to this file once reviewed: cat proposed.yaml >> actors.yaml\n"
    "actors:\n";

static const char dossier_yaml[] =
    "# dossier.yaml: settings of this corpus (see the README, \"Corpus format\").\n"
    "#\n"
    "# articles: which files are articles, in the order they load. When the key\n"
    "# is absent, every *.md and *.txt file of this directory that starts with\n"
    "# front matter is an article; other files (a README, notes) are skipped\n"
    "# with a notice.\n"
    "# articles:\n"
    "#   - springfield-2024.md\n"
    "#\n"
    "# furniture: whether the site-furniture rules (newsletter prompts, share\n"
    "# buttons, bylines, photo credits ...) mark passages that are never offered\n"
    "# as corroboration: true (the default) or false; or the rules themselves:\n"
    "# furniture:\n"
    "#   builtin: true               # the built-in rules, or only those below\n"
    "#   keywords: [\"Editor's note\"] # furniture wherever it appears\n"
    "#   starts: [\"Correction:\"]     # furniture at the start of a sentence\n"
    "#   prose: [mailing list]       # built-in keywords that are prose here\n"
    "furniture: true\n"
    "#\n"
    "# wordnet: where WordNet's database is (Debian's wordnet-base, the default\n"
    "# /usr/share/wordnet), or false to align claims without it.\n"
    "# wordnet: /usr/share/wordnet\n";

static int write_new(const char *dir, const char *name, const char *text) {
    char *path = g_build_filename(dir, name, NULL);
    int rc = CLI_OK;
    if (g_file_test(path, G_FILE_TEST_EXISTS)) {
        printf("kept %s (it exists)\n", path);
    } else {
        GError *ge = NULL;
        if (!g_file_set_contents(path, text, -1, &ge)) {
            rc = cli_fail(CLI_FAILURE, "init: %s", ge->message);
            g_error_free(ge);
        } else {
            printf("wrote %s\n", path);
        }
    }
    g_free(path);
    return rc;
}

int cmd_init(int argc, char **argv) {
    if (argc > 1 && cli_is_help(argv[1])) {
        fputs(usage_text, stdout);
        return CLI_OK;
    }
    const char *dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1]) return cli_unknown_option("init", argv[i]);
        if (dir) return cli_fail(CLI_USAGE, "init: give one directory (see dossier init --help)");
        dir = argv[i];
    }
    if (!dir) return cli_fail(CLI_USAGE, "init: give one directory (see dossier init --help)");
    if (g_file_test(dir, G_FILE_TEST_EXISTS) && !g_file_test(dir, G_FILE_TEST_IS_DIR))
        return cli_fail(CLI_FAILURE, "init: %s exists and is not a directory", dir);
    if (g_mkdir_with_parents(dir, 0755) != 0)
        return cli_fail(CLI_FAILURE, "init: %s: %s", dir, strerror(errno));
    int rc = write_new(dir, "actors.yaml", actors_yaml);
    if (rc == CLI_OK) rc = write_new(dir, "dossier.yaml", dossier_yaml);
    if (rc == CLI_OK)
        printf("next: dossier import %s FILE...   (saved pages, Markdown, text, PDF)\n", dir);
    return rc;
}
