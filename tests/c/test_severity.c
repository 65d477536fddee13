/* test_severity.c — the one severity rule (src/severity.c) every front end
 * shows, on the shipped corpus: what a source says otherwise is an error, an
 * unverified sentence a warning when it names an actor or states a fact and
 * information otherwise, a quotation found nowhere a warning. */
#include "dossier.h"
#include "tap.h"

#include <string.h>

static dossier_severity of(const dossier_corpus *c, const char *text, dossier_verdict v) {
    dossier_severity sev = (dossier_severity)-1;
    dossier_error err;
    if (dossier_sentence_severity(c, text, strlen(text), v, &sev, &err) != DOSSIER_OK)
        diag("%s", err.message);
    return sev;
}

int main(void) {
    dossier_corpus *c;
    dossier_error err;
    if (!is_int(dossier_open("corpus", &c, &err), DOSSIER_OK, "the shipped corpus loads")) {
        diag("%s", err.message);
        return done_testing();
    }
    const char *plain = "None of this is new.";
    is_int(of(c, "Putin met Kim.", DOSSIER_SUPPORTED), DOSSIER_SEVERITY_NONE, "supported: none");
    is_int(of(c, plain, DOSSIER_CONTRADICTED), DOSSIER_SEVERITY_ERROR, "contradicted: an error");
    is_int(of(c, plain, DOSSIER_UNVERIFIED), DOSSIER_SEVERITY_INFO,
           "unverified, no name, no fact: information");
    is_int(of(c, "Putin left early.", DOSSIER_UNVERIFIED), DOSSIER_SEVERITY_WARNING,
           "unverified, an actor named: a warning");
    is_int(of(c, "Kim left early.", DOSSIER_UNVERIFIED), DOSSIER_SEVERITY_WARNING,
           "an ambiguous short form names someone too");
    is_int(of(c, "The talks lasted five hours.", DOSSIER_UNVERIFIED), DOSSIER_SEVERITY_WARNING,
           "a number is a fact");
    is_int(of(c, "The talks ended on 14 September 2023.", DOSSIER_UNVERIFIED),
           DOSSIER_SEVERITY_WARNING, "a date is a fact");
    is_int(of(c, "Sanctions are the first casualty.", DOSSIER_UNVERIFIED), DOSSIER_SEVERITY_INFO,
           "an ordinal alone is no fact");
    is_int(of(c, "", DOSSIER_UNVERIFIED), DOSSIER_SEVERITY_INFO, "an empty sentence");
    dossier_severity sev;
    is_int(dossier_sentence_severity(c, plain, strlen(plain), (dossier_verdict)9, &sev, &err),
           DOSSIER_ERR_ARG, "an unknown verdict is refused");
    is_int(dossier_sentence_severity(NULL, plain, 4, DOSSIER_UNVERIFIED, &sev, &err),
           DOSSIER_ERR_ARG, "no corpus is refused");
    is_int(dossier_quote_severity(DOSSIER_QUOTE_ALTERED), DOSSIER_SEVERITY_ERROR, "altered: error");
    is_int(dossier_quote_severity(DOSSIER_QUOTE_NONE), DOSSIER_SEVERITY_WARNING, "none: warning");
    is_int(dossier_quote_severity(DOSSIER_QUOTE_EXACT), DOSSIER_SEVERITY_NONE, "exact: none");
    is_str(dossier_severity_name(DOSSIER_SEVERITY_WARNING), "warning", "names");
    is_str(dossier_severity_name((dossier_severity)42), "unknown", "an unknown value");
    dossier_close(c);
    return done_testing();
}
