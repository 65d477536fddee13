/* severity.c — how much a finding of the check matters to the writer: the
 * one rule the plugin, `dossier check` and `dossier lsp` all show.
 *
 * A source saying otherwise (a contradicted sentence, an altered quotation)
 * is an error: the draft is wrong as it stands. A sentence no source
 * supports is a warning when it states something checkable, a name (an
 * actor, even an ambiguous short form) or a fact (a number, amount,
 * percentage, date or version: facts.h; not an ordinal, which is as often a
 * figure of speech, "the first casualty"): such a sentence is a claim the
 * sources should back. A sentence with neither ("None of this is new.",
 * "The relationship kept moving.") is information: it may be a claim, a
 * transition or an opinion, and the writer is told without being nagged. A quotation found in no
 * source is a warning: it may come from elsewhere, but the reader will take
 * it as the sources'. */
#include "facts.h"
#include "util.h"

#include <string.h>

const char *dossier_severity_name(dossier_severity s) {
    static const char *const names[] = {[DOSSIER_SEVERITY_NONE] = "none",
                                        [DOSSIER_SEVERITY_INFO] = "info",
                                        [DOSSIER_SEVERITY_WARNING] = "warning",
                                        [DOSSIER_SEVERITY_ERROR] = "error"};
    return (unsigned)s < sizeof names / sizeof *names ? names[s] : "unknown";
}

dossier_severity dossier_quote_severity(dossier_quote_verdict v) {
    switch (v) {
    case DOSSIER_QUOTE_EXACT:
        return DOSSIER_SEVERITY_NONE;
    case DOSSIER_QUOTE_ALTERED:
        return DOSSIER_SEVERITY_ERROR;
    case DOSSIER_QUOTE_NONE:
        break;
    }
    return DOSSIER_SEVERITY_WARNING;
}

/* Whether text names an actor: a pattern over its limits names none. */
static int names_actor(const dossier_corpus *c, const char *text, size_t len) {
    dossier_matches m = {0};
    int found = dossier_scan(c, text, len, &m, NULL) == DOSSIER_OK && m.n > 0;
    dossier_matches_free(&m);
    return found;
}

/* Whether text states a number, amount, percentage, date or version (an
 * ordinal alone is no fact here); -1 when out of memory. */
static int names_fact(const char *text, size_t len) {
    token_list t = {0};
    fact_list f = {0};
    int found = -1;
    if (tokenize(text, len, &t) == DOSSIER_OK && find_facts(text, len, &t, &f) == DOSSIER_OK) {
        found = 0;
        for (size_t i = 0; i < f.n && !found; i++)
            found = f.v[i].kind != FACT_ORDINAL;
    }
    fact_list_free(&f);
    token_list_free(&t);
    return found;
}

dossier_status dossier_sentence_severity(const dossier_corpus *c, const char *text, size_t len,
                                         dossier_verdict verdict, dossier_severity *out,
                                         dossier_error *err) {
    if (!c || (!text && len) || !out)
        return set_error(err, DOSSIER_ERR_ARG, "dossier_sentence_severity: NULL argument");
    if (!text) text = "";
    switch (verdict) {
    case DOSSIER_SUPPORTED:
        *out = DOSSIER_SEVERITY_NONE;
        return DOSSIER_OK;
    case DOSSIER_CONTRADICTED:
        *out = DOSSIER_SEVERITY_ERROR;
        return DOSSIER_OK;
    case DOSSIER_UNVERIFIED:
        break;
    default:
        return set_error(err, DOSSIER_ERR_ARG, "dossier_sentence_severity: unknown verdict %d",
                         (int)verdict);
    }
    int has_fact = names_fact(text, len);
    if (has_fact < 0) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    *out = has_fact || names_actor(c, text, len) ? DOSSIER_SEVERITY_WARNING : DOSSIER_SEVERITY_INFO;
    return DOSSIER_OK;
}
