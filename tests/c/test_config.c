/* test_config.c — dossier.yaml (src/config.c) and the
 * furniture rules it sets for segmentation (segment_text_with). */
#include "config.h"
#include "fixture.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

/* Loads text as dir/dossier.yaml; returns the status, err filled. */
static dossier_status load(const char *yaml, corpus_config *cfg, arena *mem, dossier_error *err) {
    char *dir = fx_dir();
    if (yaml) fx_write(dir, "dossier.yaml", yaml);
    dossier_status s = config_read(dir, mem, cfg, err);
    fx_remove(dir);
    return s;
}

static void test_loading(void) {
    arena mem = {0};
    corpus_config cfg;
    dossier_error err;
    ok(load(NULL, &cfg, &mem, &err) == DOSSIER_OK && !cfg.loaded && cfg.furniture.enabled &&
           cfg.furniture.builtin && !cfg.wordnet,
       "no dossier.yaml: the defaults");
    ok(load("", &cfg, &mem, &err) == DOSSIER_OK && cfg.loaded && cfg.furniture.enabled,
       "an empty dossier.yaml: the defaults");
    ok(load("furniture: false\n", &cfg, &mem, &err) == DOSSIER_OK && !cfg.furniture.enabled,
       "furniture: false switches the rules off");
    ok(load("furniture: true\nwordnet: false\n", &cfg, &mem, &err) == DOSSIER_OK &&
           cfg.furniture.enabled && cfg.wordnet && !*cfg.wordnet,
       "wordnet: false switches WordNet off");
    ok(load("wordnet: /opt/wn\n", &cfg, &mem, &err) == DOSSIER_OK && cfg.wordnet &&
           strcmp(cfg.wordnet, "/opt/wn") == 0,
       "wordnet: a directory");
    ok(load("wordnet: wn\n", &cfg, &mem, &err) == DOSSIER_OK && cfg.wordnet &&
           strlen(cfg.wordnet) > 3 && strcmp(cfg.wordnet + strlen(cfg.wordnet) - 3, "/wn") == 0,
       "a relative directory is the corpus'");
    ok(load("furniture:\n  builtin: false\n  keywords: [\"Editor's note\", ' Read more here ']\n"
            "  starts: [\"Correction:\"]\n  prose: [mailing list, Copyright]\n",
            &cfg, &mem, &err) == DOSSIER_OK &&
           !cfg.furniture.builtin && cfg.furniture.n_keywords == 2 &&
           strcmp(cfg.furniture.keywords[1], "Read more here") == 0 &&
           cfg.furniture.n_starts == 1 && cfg.furniture.n_prose == 2,
       "furniture as a mapping, phrases trimmed");
    ok(load("articles: [b.md, a.md]\nfurniture: false\n", &cfg, &mem, &err) == DOSSIER_OK &&
           cfg.has_articles && cfg.n_articles == 2 && strcmp(cfg.articles[0], "b.md") == 0 &&
           !cfg.furniture.enabled,
       "articles and furniture together");
    arena_free(&mem);
}

static void fails(const char *yaml, dossier_status want, const char *needle, const char *name) {
    arena mem = {0};
    corpus_config cfg;
    dossier_error err = {0};
    dossier_status s = load(yaml, &cfg, &mem, &err);
    ok(s == want && strstr(err.message, needle) && strstr(err.message, "dossier.yaml:"), "%s: %s",
       name, err.message);
    arena_free(&mem);
}

static void test_errors(void) {
    fails("furniture: maybe\n", DOSSIER_ERR_INVALID,
          ":1:12: 'furniture' is true or false, or a mapping", "a word that is no boolean");
    fails("furniture: 'false'\n", DOSSIER_ERR_INVALID, "is true or false",
          "a quoted false is a string");
    fails("furnitur: false\n", DOSSIER_ERR_INVALID, ":1:1: unknown setting 'furnitur'", "a typo");
    fails("furniture:\n  keyword: [x]\n", DOSSIER_ERR_INVALID, ":2:3: unknown key 'keyword'",
          "a typo inside furniture");
    fails("furniture:\n  prose: [mailing lists]\n", DOSSIER_ERR_INVALID,
          "'mailing lists' is not a built-in furniture keyword (newsletter, subscribe",
          "prose: names only built-in keywords");
    fails("furniture:\n  keywords: x\n", DOSSIER_ERR_INVALID, "expected a list of phrases",
          "keywords must be a list");
    fails("furniture:\n  keywords: ['']\n", DOSSIER_ERR_INVALID, "1 to 200 bytes",
          "an empty phrase");
    fails("furniture: false\nfurniture: true\n", DOSSIER_ERR_INVALID, ":2:1: duplicate key",
          "a key given twice");
    fails("wordnet: true\n", DOSSIER_ERR_INVALID, "a directory or false", "wordnet: true");
    fails("articles: a.md\n", DOSSIER_ERR_INVALID, "a list of file names", "articles: a list");
    fails("- a\n- b\n", DOSSIER_ERR_INVALID, "must be a mapping of settings", "a list");
    fails("furniture: [\n", DOSSIER_ERR_PARSE, "YAML syntax error", "broken YAML");
    fails("furniture: !!python/object x\n", DOSSIER_ERR_INVALID, "unsupported YAML tag",
          "a custom tag");
}

/* ------------------------------------------------------------ the rules in segmentation */

/* The kinds of text's sentences as a string: p(rose), f(urniture), h(eading). */
static void kinds(const char *text, const furniture_config *fc, const char *want,
                  const char *name) {
    dossier_range *r = NULL;
    size_t n = 0, cap = 0;
    char got[64] = {0};
    if (segment_text_with(text, strlen(text), 0, fc, &r, &n, &cap) == DOSSIER_OK)
        for (size_t k = 0; k < n && k < sizeof got - 1; k++)
            got[k] = "pfh"[r[k].kind];
    free(r);
    is_str(got, want, name);
}

static void test_rules(void) {
    const char *join = "Join the mailing list.";
    kinds(join, &furniture_default, "f", "by default 'mailing list' at the start is furniture");
    const char *const prose_names[] = {"mailing list"};
    furniture_config fc = furniture_default;
    fc.prose = prose_names;
    fc.n_prose = 1;
    kinds(join, &fc, "p", "prose: [mailing list] keeps it");
    kinds("Subscribe to the feed.", &fc, "f", "  other keywords still count");
    fc = furniture_default;
    fc.enabled = 0;
    kinds("Subscribe to our newsletter. Click here.\n\nA heading", &fc, "pph",
          "furniture: false: no furniture, headings stay");
    const char *const extra[] = {"Editor's note"};
    fc = furniture_default;
    fc.keywords = extra;
    fc.n_keywords = 1;
    kinds("This story has an editor's note at the end.", &fc, "f", "an extra keyword anywhere");
    kinds("Editors note it.", &fc, "p", "  only as written");
    const char *const starts[] = {"Correction:"};
    fc = furniture_default;
    fc.starts = starts;
    fc.n_starts = 1;
    kinds("\"Correction: the date was wrong.\"\n\nKim met Putin.", &fc, "fp",
          "an extra start phrase, after an opening quote");
    kinds("A later correction: none.", &fc, "p", "  not inside a sentence");
    fc = furniture_default;
    fc.builtin = 0;
    kinds("Click here to subscribe.", &fc, "p", "builtin: false leaves only the corpus' rules");
}

int main(void) {
    test_loading();
    test_errors();
    test_rules();
    return done_testing();
}
