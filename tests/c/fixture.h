/* fixture.h — temporary corpus directories for the C tests, header only.
 *
 *   char *dir = fx_dir();                       a fresh empty directory under $TMPDIR or /tmp
 *   fx_write(dir, "actors.yaml", FX_ACTORS);    a file from a NUL-terminated string
 *   fx_write_n(dir, "bin.txt", buf, len);       a file from bytes (NULs allowed)
 *   fx_remove(dir);                             deletes its files and itself, frees dir
 *
 * fx_corpus(article, actors) makes a directory holding one article
 * (a.md) and an actors.yaml (FX_ACTORS when actors is NULL, none when it is
 * the empty string ""). Every helper aborts the test program on failure: a
 * fixture that cannot be made is not a test result. */
#ifndef DOSSIER_FIXTURE_H
#define DOSSIER_FIXTURE_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__GNUC__)
#define FX_UNUSED __attribute__((unused))
#else
#define FX_UNUSED
#endif

/* A minimal valid gazetteer. */
#define FX_ACTORS                                                                                  \
    "actors:\n"                                                                                    \
    "  - id: putin\n"                                                                              \
    "    name: Vladimir Putin\n"                                                                   \
    "    kind: person\n"                                                                           \
    "    aliases: [Putin]\n"                                                                       \
    "  - id: russia\n"                                                                             \
    "    name: Russia\n"                                                                           \
    "    kind: state\n"

/* A minimal valid article with front matter. */
#define FX_ARTICLE                                                                                 \
    "---\n"                                                                                        \
    "id: art-1\n"                                                                                  \
    "key: art1\n"                                                                                  \
    "title: A test article\n"                                                                      \
    "---\n"                                                                                        \
    "Vladimir Putin spoke in Russia today. He said little.\n"

static FX_UNUSED void fx_die_(const char *what, const char *path) {
    fprintf(stderr, "# fixture: cannot %s %s\n", what, path ? path : "");
    exit(254);
}

static FX_UNUSED char *fx_dir(void) {
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp) tmp = "/tmp";
    size_t n = strlen(tmp) + sizeof "/dossier-test-XXXXXX";
    char *dir = malloc(n);
    if (!dir) fx_die_("allocate", NULL);
    snprintf(dir, n, "%s/dossier-test-XXXXXX", tmp);
    if (!mkdtemp(dir)) fx_die_("create", dir);
    return dir;
}

/* "dir/name" (malloc'd). */
static FX_UNUSED char *fx_path(const char *dir, const char *name) {
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (!p) fx_die_("allocate", NULL);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static FX_UNUSED void fx_write_n(const char *dir, const char *name, const char *data, size_t len) {
    char *p = fx_path(dir, name);
    FILE *f = fopen(p, "wb");
    if (!f) fx_die_("open", p);
    if (len && fwrite(data, 1, len, f) != len) fx_die_("write", p);
    if (fclose(f) != 0) fx_die_("close", p);
    free(p);
}

static FX_UNUSED void fx_write(const char *dir, const char *name, const char *text) {
    fx_write_n(dir, name, text, strlen(text));
}

/* Removes the files of dir (not recursive: fixtures are flat), dir itself, and frees dir. */
static FX_UNUSED void fx_remove(char *dir) {
    if (!dir) return;
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
            char *p = fx_path(dir, e->d_name);
            if (unlink(p) != 0) rmdir(p); /* an empty sub-directory made by a test */
            free(p);
        }
        closedir(d);
    }
    rmdir(dir);
    free(dir);
}

/* A directory with article a.md (when article is not NULL) and actors.yaml
 * (FX_ACTORS when actors is NULL; no file when actors is ""). */
static FX_UNUSED char *fx_corpus(const char *article, const char *actors) {
    char *dir = fx_dir();
    if (article) fx_write(dir, "a.md", article);
    if (!actors)
        fx_write(dir, "actors.yaml", FX_ACTORS);
    else if (*actors)
        fx_write(dir, "actors.yaml", actors);
    return dir;
}

#endif
