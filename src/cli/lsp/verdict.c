/* verdict.c — what the sources say of a sentence, and how it is shown.
 *
 * The one file that reads dossier_corroborate's result: every feature (the
 * check, hover, definition, code actions) goes through lsp_judge, and the
 * verdict becomes a diagnostic only in lsp_verdict_diagnostic. The core says
 * supported, contradicted or unverified, and each passage's stance; lsp_judge
 * keeps the stances and, for a contradicted sentence, the source's words in
 * conflict (`conflict`).
 *
 * Severities are the core's (dossier_sentence_severity, dossier_quote_severity),
 * as in the plugin's check and `dossier check`: a contradicted sentence or an
 * altered quotation is an Error, an unverified sentence naming an actor or
 * stating a fact and a quotation found nowhere a Warning, any other
 * unverified sentence Information. */
#include "lsp.h"

#include <stdlib.h>
#include <string.h>

/* DiagnosticSeverity of a core severity; 0 for none. */
static int lsp_severity(dossier_severity sev) {
    switch (sev) {
    case DOSSIER_SEVERITY_ERROR:
        return 1;
    case DOSSIER_SEVERITY_WARNING:
        return 2;
    case DOSSIER_SEVERITY_INFO:
        return 3;
    case DOSSIER_SEVERITY_NONE:
        break;
    }
    return 0;
}

int lsp_judge(const dossier_corpus *c, const char *text, size_t len, size_t limit, lsp_verdict *out,
              dossier_error *err) {
    memset(out, 0, sizeof *out);
    dossier_corroborate_opts opts = {.limit = limit};
    if (dossier_corroborate(c, text, len, &opts, &out->raw, err) != DOSSIER_OK) return -1;
    if (dossier_sentence_severity(c, text, len, out->raw.verdict, &out->severity, err) !=
        DOSSIER_OK) {
        dossier_corroboration_free(&out->raw);
        return -1;
    }
    out->hits = calloc(out->raw.n ? out->raw.n : 1, sizeof *out->hits);
    if (!out->hits) {
        dossier_corroboration_free(&out->raw);
        return -1;
    }
    for (size_t i = 0; i < out->raw.n; i++) {
        const dossier_hit *h = &out->raw.hits[i];
        out->hits[i].passage = h->passage;
        out->hits[i].coverage = h->coverage;
        out->hits[i].supports = h->stance == DOSSIER_SUPPORTS;
        /* what the first contradicting passage says instead: its words in context */
        if (h->stance == DOSSIER_CONTRADICTS && h->evidence.n_conflicts && !out->conflict) {
            const dossier_conflict *x = &h->evidence.conflicts[0];
            const dossier_passage *p = dossier_passage_at(c, h->passage);
            const dossier_article *a = p ? dossier_article_at(c, p->article) : NULL;
            if (a && x->context_end <= a->text_len && x->context_start < x->context_end) {
                size_t n = x->context_end - x->context_start;
                char *t = malloc(n + 1);
                if (t) {
                    memcpy(t, a->text + x->context_start, n);
                    t[n] = '\0';
                    out->conflict = t;
                }
            }
        }
    }
    out->n_hits = out->raw.n;
    out->outcome = out->raw.verdict == DOSSIER_SUPPORTED      ? LSP_SUPPORTED
                   : out->raw.verdict == DOSSIER_CONTRADICTED ? LSP_CONTRADICTED
                                                              : LSP_UNVERIFIED;
    out->n_sources = out->raw.corroborated ? out->raw.n_sources : 0;
    return 0;
}

void lsp_verdict_free(lsp_verdict *v) {
    free(v->hits);
    free(v->conflict);
    dossier_corroboration_free(&v->raw);
    memset(v, 0, sizeof *v);
}

const char *lsp_outcome_label(lsp_outcome o) {
    switch (o) {
    case LSP_SUPPORTED:
        return "supported";
    case LSP_CONTRADICTED:
        return "contradicted";
    case LSP_UNVERIFIED:
        break;
    }
    return "not corroborated by the sources";
}

/* At most max bytes of s, cut at a character boundary, with "…" when cut;
 * line breaks become spaces. */
static void clipped(lsp_buf *b, const char *s, size_t n, size_t max) {
    size_t end = n;
    if (n > max) {
        end = max;
        while (end > 0 && ((unsigned char)s[end] & 0xC0) == 0x80)
            end--;
    }
    for (size_t i = 0; i < end; i++)
        lsp_buf_add(b, s[i] == '\n' || s[i] == '\r' ? " " : s + i, 1);
    if (end < n) lsp_buf_puts(b, "…");
}

static json_t *diagnostic(lsp_server *s, lsp_doc *d, size_t start, size_t end, int severity,
                          const char *code, lsp_buf *text) {
    json_t *diag = json_pack("{s:o,s:i,s:s,s:s,s:s}", "range", lsp_doc_range(s, d, start, end),
                             "severity", severity, "source", "dossier", "code", code, "message",
                             text->data ? text->data : "");
    lsp_buf_free(text);
    return diag;
}

/* relatedInformation: a passage of the corpus with what it is. */
static void relate(lsp_server *s, json_t *diag, size_t article, size_t start, size_t end,
                   const char *what) {
    if (!diag || !s->related_info) return;
    json_t *loc = lsp_article_location(s, article, start, end);
    if (!loc) return;
    json_t *list = json_object_get(diag, "relatedInformation");
    if (!list) {
        list = json_array();
        json_object_set_new(diag, "relatedInformation", list);
    }
    json_array_append_new(list, json_pack("{s:o,s:s}", "location", loc, "message", what));
}

static void relate_passage(lsp_server *s, json_t *diag, size_t passage, const char *what) {
    const dossier_passage *p = dossier_passage_at(s->corpus, passage);
    if (p) relate(s, diag, p->article, p->start, p->end, what);
}

json_t *lsp_verdict_diagnostic(lsp_server *s, lsp_doc *d, const lsp_verdict *v, size_t start,
                               size_t end) {
    lsp_buf text = {0}, what = {0};
    json_t *diag = NULL;
    int severity = lsp_severity(v->severity);
    if (!severity) return NULL;
    switch (v->outcome) {
    case LSP_SUPPORTED:
        return NULL;
    case LSP_CONTRADICTED:
        lsp_buf_puts(&text, "contradicted by the sources");
        if (v->conflict) {
            lsp_buf_puts(&text, ": the source says ");
            clipped(&text, v->conflict, strlen(v->conflict), 300);
        }
        diag = diagnostic(s, d, start, end, severity, "contradicted", &text);
        for (size_t i = 0; i < v->n_hits; i++)
            if (!v->hits[i].supports) relate_passage(s, diag, v->hits[i].passage, "the source");
        return diag;
    case LSP_UNVERIFIED:
        lsp_buf_puts(&text, lsp_outcome_label(v->outcome));
        diag = diagnostic(s, d, start, end, severity, "unverified", &text);
        if (v->n_hits > 0 && v->hits[0].coverage > 0) {
            lsp_buf_printf(&what, "closest passage (covers %.0f%% of the sentence)",
                           v->hits[0].coverage * 100);
            relate_passage(s, diag, v->hits[0].passage, what.data ? what.data : "");
            lsp_buf_free(&what);
        }
        return diag;
    }
    return NULL;
}

json_t *lsp_quote_diagnostic(lsp_server *s, lsp_doc *d, const dossier_quote_result *q, size_t start,
                             size_t end) {
    lsp_buf text = {0};
    int severity = lsp_severity(dossier_quote_severity(q->verdict));
    if (!severity) return NULL;
    if (q->verdict == DOSSIER_QUOTE_NONE) {
        lsp_buf_puts(&text, "quotation not found in the sources");
        return diagnostic(s, d, start, end, severity, "quote-unfound", &text);
    }
    const dossier_article *a = dossier_article_at(s->corpus, q->article);
    lsp_buf_puts(&text, "quotation differs from the source: “");
    if (q->source) clipped(&text, q->source, strlen(q->source), 300);
    lsp_buf_printf(&text, "” (%s, line %u)", a ? a->id : "?", q->line);
    json_t *diag = diagnostic(s, d, start, end, severity, "quote-altered", &text);
    relate(s, diag, q->article, q->start, q->end, "the source's wording");
    return diag;
}
