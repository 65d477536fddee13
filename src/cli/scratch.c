/* scratch.c — scratch corpus directories (see scratch.h). */
#include "scratch.h"

#include <glib/gstdio.h>
#include <unistd.h>

char *scratch_new(char **error) {
    char *dir = g_dir_make_tmp("dossier-XXXXXX", NULL);
    if (!dir) *error = g_strdup("cannot make a scratch directory");
    return dir;
}

int scratch_link(const char *scratch, const char *target, const char *name) {
    char *abs = g_canonicalize_filename(target, NULL);
    char *link = g_build_filename(scratch, name, NULL);
    g_unlink(link);
    int rc = symlink(abs, link) == 0 ? 0 : -1;
    g_free(abs);
    g_free(link);
    return rc;
}

int scratch_write(const char *scratch, const char *name, const char *text) {
    char *path = g_build_filename(scratch, name, NULL);
    g_unlink(path); /* a link: the real file must stay as it is */
    int rc = g_file_set_contents(path, text, -1, NULL) ? 0 : -1;
    g_free(path);
    return rc;
}

void scratch_remove(char *scratch) {
    if (!scratch) return;
    GDir *d = g_dir_open(scratch, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        char *p = g_build_filename(scratch, name, NULL);
        g_unlink(p);
        g_free(p);
    }
    if (d) g_dir_close(d);
    g_rmdir(scratch);
    g_free(scratch);
}
