/* diagnostics.c — the whole-draft check, published as diagnostics.
 *
 * An edit only schedules the check (debounce after the last edit, at once on
 * open), so a burst of didChange makes one check of the last version. The
 * check then runs in slices of LSP_SLICE_MS between reads of the input, one
 * sentence or quotation at a time, so requests are answered while a long
 * draft is checked; an edit meanwhile drops the check and schedules a new
 * one. What is checked, as in the plugin's :Dossier check: each prose
 * sentence (lsp_judge) and each quotation (dossier_check_quote).
 *
 * The answer to each sentence and quotation is kept (s->check_memo, freed
 * with the corpus): the check after an edit asks the core only about the
 * sentences that are new or edited, the others' diagnostics are the kept ones
 * with the range they have now. */
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

/* The check's memo: per sentence or quotation, keyed by its kind and exact
 * text, its diagnostic (the range is the document's at each use), JSON null
 * for none. Emptied when full; NULL when it cannot be made (nothing kept). */
static json_t *memo(lsp_server *s) {
    if (!s->check_memo) s->check_memo = json_object();
    if (s->check_memo && json_object_size(s->check_memo) >= LSP_MEMO_MAX)
        json_object_clear(s->check_memo);
    return s->check_memo;
}

static void memo_key(lsp_buf *key, char kind, const char *text, size_t len) {
    lsp_buf_add(key, &kind, 1);
    lsp_buf_add(key, text, len);
}

/* The kept answer to key, borrowed, or NULL. */
static const json_t *recall(lsp_server *s, const lsp_buf *key) {
    if (!s->check_memo || !key->data || key->failed) return NULL;
    return json_object_getn(s->check_memo, key->data, key->len);
}

/* Keeps diag (NULL: none) as the answer to key. */
static void remember(lsp_server *s, const lsp_buf *key, const json_t *diag) {
    if (key->len > LSP_MEMO_MAX_TEXT + 1) return; /* the kind's byte, then the text */
    json_t *m = memo(s);
    if (!m || !key->data || key->failed) return;
    json_t *v = diag ? json_deep_copy(diag) : json_null();
    if (v && diag) json_object_set_new(v, "range", json_null());
    if (v) json_object_setn_new_nocheck(m, key->data, key->len, v);
}

/* Appends the kept answer v at start..end of d: 1 when v was there. */
static int add_kept(lsp_server *s, lsp_doc *d, const json_t *v, size_t start, size_t end,
                    json_t *diags) {
    if (!v) return 0;
    if (json_is_null(v)) return 1;
    json_t *diag = json_deep_copy(v);
    if (diag) {
        json_object_set_new(diag, "range", lsp_doc_range(s, d, start, end));
        json_array_append_new(diags, diag);
    }
    return 1;
}

static void check_sentence(lsp_server *s, lsp_doc *d, const dossier_corpus *c,
                           const dossier_range *r, json_t *diags) {
    const char *text = d->text + r->start;
    size_t len = r->end - r->start;
    lsp_buf key = {0};
    memo_key(&key, 's', text, len);
    if (!add_kept(s, d, recall(s, &key), r->start, r->end, diags)) {
        lsp_verdict v;
        dossier_error err;
        if (lsp_judge(c, text, len, LSP_HITS, &v, &err) == 0) {
            json_t *diag = lsp_verdict_diagnostic(s, d, &v, r->start, r->end);
            remember(s, &key, diag);
            if (diag) json_array_append_new(diags, diag);
            lsp_verdict_free(&v);
        }
    }
    lsp_buf_free(&key);
}

static void check_quote(lsp_server *s, lsp_doc *d, const dossier_corpus *c, const dossier_range *q,
                        json_t *diags) {
    const char *text = d->text + q->start;
    size_t len = q->end - q->start;
    lsp_buf key = {0};
    memo_key(&key, 'q', text, len);
    if (!add_kept(s, d, recall(s, &key), q->start, q->end, diags)) {
        dossier_quote_result r = {0};
        dossier_error err;
        if (dossier_check_quote(c, text, len, &r, &err) == DOSSIER_OK) {
            json_t *diag = lsp_quote_diagnostic(s, d, &r, q->start, q->end);
            remember(s, &key, diag);
            if (diag) json_array_append_new(diags, diag);
        }
        dossier_quote_result_free(&r);
    }
    lsp_buf_free(&key);
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
        dossier_corpus *c = lsp_corpus(s);
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
        /* what the check worked out for its words, for the next server
         * (nothing is written when nothing is new; a cache directory that
         * cannot be written only loses that) */
        dossier_save_related(c, NULL, NULL);
    }
    return pending;
}
