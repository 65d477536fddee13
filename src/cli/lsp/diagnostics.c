/* diagnostics.c — the whole-draft check, published as diagnostics.
 *
 * An edit only schedules the check (debounce after the last edit, at once on
 * open), so a burst of didChange makes one check of the last version. The
 * check then runs in slices of LSP_SLICE_MS between reads of the input, one
 * sentence or quotation at a time, so requests are answered while a long
 * draft is checked; an edit meanwhile drops the check and schedules a new
 * one. What is checked, as in the plugin's :Dossier check: each prose
 * sentence (lsp_judge) and each quotation (dossier_check_quote). */
#include "lsp.h"

#include <stdlib.h>
#include <string.h>

struct lsp_check {
    size_t next_sentence;
    dossier_range *quotes;
    size_t n_quotes, next_quote;
    int have_quotes;
    json_t *diags;
};

void lsp_check_free(lsp_check *c) {
    if (!c) return;
    free(c->quotes);
    json_decref(c->diags);
    free(c);
}

void lsp_schedule_check(lsp_server *s, lsp_doc *d, long long delay_ms) {
    lsp_check_free(d->check);
    d->check = NULL;
    d->due_ms = lsp_now(s) + delay_ms;
}

static void publish(lsp_server *s, const char *uri, const long long *version, json_t *diags) {
    json_t *p = json_pack("{s:s,s:o}", "uri", uri, "diagnostics", diags ? diags : json_array());
    if (version) json_object_set_new(p, "version", json_integer(*version));
    lsp_notify(s, "textDocument/publishDiagnostics", p);
}

void lsp_clear_diagnostics(lsp_server *s, const char *uri) {
    publish(s, uri, NULL, NULL);
}

static void check_sentence(lsp_server *s, lsp_doc *d, const dossier_corpus *c,
                           const dossier_range *r, json_t *diags) {
    lsp_verdict v;
    dossier_error err;
    if (lsp_judge(c, d->text + r->start, r->end - r->start, LSP_HITS, &v, &err) < 0) return;
    json_t *diag = lsp_verdict_diagnostic(s, d, &v, r->start, r->end);
    if (diag) json_array_append_new(diags, diag);
    lsp_verdict_free(&v);
}

static void check_quote(lsp_server *s, lsp_doc *d, const dossier_corpus *c, const dossier_range *q,
                        json_t *diags) {
    dossier_quote_result r = {0};
    dossier_error err;
    if (dossier_check_quote(c, d->text + q->start, q->end - q->start, &r, &err) == DOSSIER_OK) {
        json_t *diag = lsp_quote_diagnostic(s, d, &r, q->start, q->end);
        if (diag) json_array_append_new(diags, diag);
    }
    dossier_quote_result_free(&r);
}

/* Advances d's check until it is done or the slice is over; 1 when done. */
static int step(lsp_server *s, lsp_doc *d, const dossier_corpus *c, long long until) {
    lsp_check *k = d->check;
    size_t n;
    const dossier_range *sent = lsp_doc_sentences(d, &n);
    while (k->next_sentence < n) {
        const dossier_range *r = &sent[k->next_sentence++];
        if (r->kind == DOSSIER_PROSE) check_sentence(s, d, c, r, k->diags);
        if (lsp_now(s) >= until) return 0;
    }
    if (!k->have_quotes) {
        dossier_error err;
        if (dossier_find_quotations(d->text, d->len, &k->quotes, &k->n_quotes, &err) !=
            DOSSIER_OK) {
            k->quotes = NULL;
            k->n_quotes = 0;
        }
        k->have_quotes = 1;
    }
    while (k->next_quote < k->n_quotes) {
        check_quote(s, d, c, &k->quotes[k->next_quote++], k->diags);
        if (lsp_now(s) >= until) return 0;
    }
    return 1;
}

int lsp_run_checks(lsp_server *s, long long budget_ms) {
    long long now = lsp_now(s), until = now + budget_ms;
    /* the client's settings and progress token first, unless it is slow to answer */
    if (s->corpus_state == LSP_CORPUS_WAITING && s->n_asked > 0 && now < s->corpus_wait_ms)
        return 0;
    int pending = 0;
    for (size_t i = 0; i < s->n_docs; i++) {
        lsp_doc *d = s->docs[i];
        if (!d->check && (d->due_ms < 0 || d->due_ms > now)) continue;
        /* loading the corpus reschedules every document: before taking d's check */
        const dossier_corpus *c = lsp_corpus(s);
        if (!d->check) {
            d->due_ms = -1;
            d->check = calloc(1, sizeof *d->check);
            if (!d->check || !(d->check->diags = json_array())) {
                lsp_check_free(d->check);
                d->check = NULL;
                continue;
            }
        }
        if (!c) { /* no corpus: nothing to say */
            lsp_check_free(d->check);
            d->check = NULL;
            publish(s, d->uri, &d->version, NULL);
            continue;
        }
        if (lsp_now(s) >= until || !step(s, d, c, until)) {
            pending = 1;
            continue;
        }
        publish(s, d->uri, &d->version, json_incref(d->check->diags));
        lsp_check_free(d->check);
        d->check = NULL;
    }
    return pending;
}
