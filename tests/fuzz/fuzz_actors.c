/* fuzz_actors.c — the actors.yaml loader, the alias table built from it and
 * the mention scan it drives.
 *
 * The input is actors.yaml of tests/fuzz/fixture (served from memory), next to
 * two small articles. The input is then scanned as text with the table it
 * defined, since it names its own aliases. */
#include "fuzz.h"

static char fixture[4096];

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    snprintf(fixture, sizeof fixture, "%s/tests/fuzz/fixture", fuzz_srcdir());
    fuzz_virtual_file(fixture, "actors.yaml");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_vdata = data;
    fuzz_vlen = size;
    dossier_corpus *c = NULL;
    dossier_error err;
    if (dossier_open(fixture, &c, &err) != DOSSIER_OK) {
        FUZZ_CHECK(c == NULL && err.status != DOSSIER_OK && err.message[0]);
        return 0;
    }
    size_t n = dossier_actor_count(c);
    for (size_t i = 0; i < n; i++) {
        const dossier_actor *a = dossier_actor_at(c, i);
        FUZZ_CHECK(a->id && a->name && a->role && a->note && a->kind <= DOSSIER_EVENT);
        FUZZ_CHECK(dossier_actor_find(c, a->id) == (long)i);
        size_t nm = 0;
        const dossier_mention *m = dossier_actor_mentions(c, i, &nm);
        for (size_t k = 0; k < nm; k++)
            FUZZ_CHECK(m[k].passage < dossier_passage_count(c) && m[k].start < m[k].end);
        dossier_cooccurrence co[4];
        size_t nco = dossier_actor_cooccurring(c, i, co, 4);
        FUZZ_CHECK(nco <= 4);
        for (size_t k = 0; k < nco; k++)
            FUZZ_CHECK(co[k].actor < n && co[k].actor != i && co[k].count > 0);
    }
    dossier_matches m = {0};
    if (dossier_scan(c, (const char *)data, size, &m, &err) == DOSSIER_OK)
        fuzz_check_matches(c, &m, size);
    dossier_matches_free(&m);
    dossier_close(c);
    return 0;
}
