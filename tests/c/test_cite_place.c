/* test_cite_place.c — where a citation goes in a sentence (src/cite_place.c),
 * the rule the plugin's :Dossier cite and the server's code actions share:
 * each case is the sentence, the style and the sentence once cited. */
#include "dossier.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The sentence with the edit applied. */
static char *apply(const char *s, const dossier_cite_edit *e) {
    size_t n = strlen(s), m = strlen(e->text);
    char *out = malloc(n + m + 1);
    if (!out) return NULL;
    memcpy(out, s, e->start);
    memcpy(out + e->start, e->text, m);
    memcpy(out + e->start + m, s + e->end, n - e->end + 1);
    return out;
}

int main(void) {
    static const struct {
        const char *sentence;
        dossier_cite_style style;
        const char *want;
    } cases[] = {
        {"Putin vowed to help.", DOSSIER_CITE_PANDOC, "Putin vowed to help [@k]."},
        {"Putin vowed to help", DOSSIER_CITE_PANDOC, "Putin vowed to help [@k]"},
        {"Did he?!", DOSSIER_CITE_PANDOC, "Did he [@k]?!"},
        {"And so on\xE2\x80\xA6", DOSSIER_CITE_INLINE, "And so on [@k]\xE2\x80\xA6"},
        /* never inside a quotation: after its mark, its period moved after the citation */
        {"He said \"not idle words.\"", DOSSIER_CITE_PANDOC, "He said \"not idle words\" [@k]."},
        {"He said \xE2\x80\x9Cidle words.\xE2\x80\x9D", DOSSIER_CITE_PANDOC,
         "He said \xE2\x80\x9Cidle words\xE2\x80\x9D [@k]."},
        {"He said \"idle words\".", DOSSIER_CITE_PANDOC, "He said \"idle words\" [@k]."},
        {"He said \"it was 'idle.'\"", DOSSIER_CITE_PANDOC, "He said \"it was 'idle'\" [@k]."},
        {"He asked \"why?\"", DOSSIER_CITE_PANDOC, "He asked \"why?\" [@k]"},
        {"He said \"and so...\"", DOSSIER_CITE_PANDOC, "He said \"and so...\" [@k]"},
        /* a whole reference: in parentheses, its own final period dropped */
        {"He said \"idle words\"", DOSSIER_CITE_REFERENCE, "He said \"idle words\" ([@k])"},
        {"Putin vowed to help.", DOSSIER_CITE_REFERENCE, "Putin vowed to help ([@k])."},
        /* the writer's brackets hold the sentence: the citation inside them */
        {"(He left.)", DOSSIER_CITE_PANDOC, "(He left [@k].)"},
        {"He left (for good).", DOSSIER_CITE_PANDOC, "He left (for good) [@k]."},
        {"(He said \"no.\")", DOSSIER_CITE_PANDOC, "(He said \"no\" [@k].)"},
        /* a footnote marker after everything, no space */
        {"He said \"idle words.\"", DOSSIER_CITE_FOOTNOTE, "He said \"idle words.\"[@k]"},
        {"Putin vowed to help.", DOSSIER_CITE_FOOTNOTE, "Putin vowed to help.[@k]"},
        /* trailing whitespace is not the sentence's; one space is enough */
        {"Putin vowed to help.  \n", DOSSIER_CITE_PANDOC, "Putin vowed to help [@k].  \n"},
        {"Putin vowed to help .", DOSSIER_CITE_PANDOC, "Putin vowed to help [@k]."},
        {"", DOSSIER_CITE_PANDOC, "[@k]"},
        {".", DOSSIER_CITE_PANDOC, "[@k]."},
        {"\"", DOSSIER_CITE_PANDOC, "\" [@k]"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        dossier_cite_edit e;
        dossier_error err;
        const char *s = cases[i].sentence;
        char name[160];
        snprintf(name, sizeof name, "%s (%s)", s, dossier_cite_style_name(cases[i].style));
        for (char *c = name; *c; c++)
            if (*c == '\n') *c = ' '; /* one TAP line */
        if (!is_int(dossier_cite_place(s, strlen(s), cases[i].style, "[@k]", &e, &err), DOSSIER_OK,
                    name)) {
            diag("%s", err.message);
            continue;
        }
        char *got = apply(s, &e);
        is_str(got, cases[i].want, name);
        free(got);
        dossier_free(e.text);
    }
    dossier_cite_edit e;
    dossier_error err;
    is_int(dossier_cite_place("x.", 2, (dossier_cite_style)9, "[@k]", &e, &err), DOSSIER_ERR_ARG,
           "an unknown style is refused");
    ok(e.text == NULL, "and nothing is left to free");
    if (is_int(dossier_cite_place("He left.", 8, DOSSIER_CITE_REFERENCE,
                                  "\"Title.\" 2023, para. 1.", &e, &err),
               DOSSIER_OK, "a reference ending in a period")) {
        char *got = apply("He left.", &e);
        is_str(got, "He left (\"Title.\" 2023, para. 1).", "  no second period after it");
        free(got);
        dossier_free(e.text);
    }
    is_int(dossier_cite_place("x.", 2, DOSSIER_CITE_PANDOC, NULL, &e, &err), DOSSIER_ERR_ARG,
           "no citation is refused");
    return done_testing();
}
