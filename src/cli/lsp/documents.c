/* documents.c — the open drafts: didOpen, didChange (full and incremental),
 * didClose, and the per-draft caches (sentences, actor mentions) every
 * feature reads.
 *
 * Notifications cannot be answered, so a bad one is reported with
 * window/logMessage and, where that keeps client and server in step,
 * repaired: a range past the end of the document is clamped to its end, a
 * reversed range is read from its smaller end. A change that would make a
 * document larger than LSP_MAX_DOCUMENT (or all open documents larger than
 * LSP_MAX_OPEN_BYTES) is refused and the document keeps its text. */
#include "lsp.h"

#include <stdlib.h>
#include <string.h>

static void drop_caches(lsp_doc *d) {
    free(d->sentences);
    d->sentences = NULL;
    d->n_sentences = 0;
    d->have_sentences = 0;
    dossier_matches_free(&d->actors);
    memset(&d->actors, 0, sizeof d->actors);
    d->actors_gen = 0;
    d->actors_failed = 0;
}

static void doc_free(lsp_doc *d) {
    if (!d) return;
    drop_caches(d);
    lsp_check_free(d->check);
    lsp_lines_free(&d->lines);
    free(d->uri);
    free(d->text);
    free(d);
}

void lsp_docs_free(lsp_server *s) {
    for (size_t i = 0; i < s->n_docs; i++)
        doc_free(s->docs[i]);
    free(s->docs);
    s->docs = NULL;
    s->n_docs = s->cap_docs = 0;
    s->open_bytes = 0;
}

lsp_doc *lsp_doc_find(lsp_server *s, const char *uri) {
    for (size_t i = 0; i < s->n_docs; i++)
        if (strcmp(s->docs[i]->uri, uri) == 0) return s->docs[i];
    return NULL;
}

/* Replaces the text (taking ownership of text). */
static int set_text(lsp_server *s, lsp_doc *d, char *text, size_t len) {
    lsp_lines lines = {0};
    if (lsp_lines_build(&lines, text, len, 0) < 0) {
        free(text);
        return -1;
    }
    s->open_bytes = s->open_bytes - d->len + len;
    free(d->text);
    lsp_lines_free(&d->lines);
    d->text = text;
    d->len = len;
    d->lines = lines;
    drop_caches(d);
    return 0;
}

static char *copy(const char *s, size_t n) {
    char *p = malloc(n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* textDocument.uri, checked; NULL (and a log line) when missing. */
static const char *doc_uri(lsp_server *s, json_t *params, const char *method) {
    size_t n;
    const char *uri = lsp_get_string(lsp_get_path(params, "textDocument", NULL), "uri", &n);
    if (!uri || strlen(uri) != n) {
        lsp_log(s, 2, "%s: textDocument.uri must be a string; ignored", method);
        return NULL;
    }
    return uri;
}

void lsp_did_open(lsp_server *s, json_t *params) {
    const char *uri = doc_uri(s, params, "didOpen");
    if (!uri) return;
    json_t *td = json_object_get(params, "textDocument");
    size_t len;
    const char *text = lsp_get_string(td, "text", &len);
    json_t *version = json_object_get(td, "version");
    if (!text || !json_is_integer(version)) {
        lsp_log(s, 2,
                "didOpen %s: textDocument.text must be a string and version an integer; ignored",
                uri);
        return;
    }
    lsp_doc *d = lsp_doc_find(s, uri);
    size_t old = d ? d->len : 0;
    if (len > LSP_MAX_DOCUMENT || s->open_bytes - old + len > LSP_MAX_OPEN_BYTES) {
        lsp_log(
            s, 1,
            "didOpen %s: %zu bytes is over the limit (%zu per document, %zu in all); not opened",
            uri, len, LSP_MAX_DOCUMENT, LSP_MAX_OPEN_BYTES);
        return;
    }
    if (!d) {
        if (s->n_docs == LSP_MAX_DOCUMENTS) {
            lsp_log(s, 1, "didOpen %s: %d documents are open already; not opened", uri,
                    LSP_MAX_DOCUMENTS);
            return;
        }
        if (s->n_docs == s->cap_docs) {
            size_t cap = s->cap_docs ? s->cap_docs * 2 : 8;
            lsp_doc **nd = realloc(s->docs, cap * sizeof *nd);
            if (!nd) return;
            s->docs = nd;
            s->cap_docs = cap;
        }
        d = calloc(1, sizeof *d);
        if (!d || !(d->uri = strdup(uri))) {
            free(d);
            return;
        }
        d->due_ms = -1;
        s->docs[s->n_docs++] = d;
    }
    char *t = copy(text, len);
    if (!t || set_text(s, d, t, len) < 0) {
        lsp_log(s, 1, "didOpen %s: out of memory", uri);
        return;
    }
    d->version = json_integer_value(version);
    lsp_schedule_check(s, d, 0);
}

void lsp_did_close(lsp_server *s, json_t *params) {
    const char *uri = doc_uri(s, params, "didClose");
    if (!uri) return;
    for (size_t i = 0; i < s->n_docs; i++) {
        if (strcmp(s->docs[i]->uri, uri) != 0) continue;
        s->open_bytes -= s->docs[i]->len;
        doc_free(s->docs[i]);
        memmove(s->docs + i, s->docs + i + 1, (s->n_docs - i - 1) * sizeof *s->docs);
        s->n_docs--;
        lsp_clear_diagnostics(s, uri);
        return;
    }
    lsp_log(s, 3, "didClose %s: the document was not open", uri);
}

/* One end of an edit's range; clamped (with *clamped set) past the end. */
static int edit_position(lsp_server *s, lsp_doc *d, json_t *pos, size_t *off, int *clamped) {
    long long line = lsp_get_uint(pos, "line", 2147483647LL);
    long long ch = lsp_get_uint(pos, "character", 2147483647LL);
    if (line < 0 || ch < 0) return -1;
    if (lsp_position_to_offset(&d->lines, d->text, d->len, s->enc, (size_t)line, (size_t)ch, off))
        *clamped = 1;
    return 0;
}

/* Applies one TextDocumentContentChangeEvent; 0, or -1 with a log line. */
static int apply_change(lsp_server *s, lsp_doc *d, json_t *ch, size_t k) {
    size_t tlen;
    const char *text = lsp_get_string(ch, "text", &tlen);
    if (!text) {
        lsp_log(s, 2, "didChange %s: contentChanges[%zu].text must be a string; the rest ignored",
                d->uri, k);
        return -1;
    }
    json_t *range = json_object_get(ch, "range");
    size_t start = 0, end = d->len;
    if (range) {
        int clamped = 0;
        if (edit_position(s, d, lsp_get_path(range, "start", NULL), &start, &clamped) < 0 ||
            edit_position(s, d, lsp_get_path(range, "end", NULL), &end, &clamped) < 0) {
            lsp_log(s, 2,
                    "didChange %s: contentChanges[%zu].range must be {start, end} positions; the "
                    "rest ignored",
                    d->uri, k);
            return -1;
        }
        if (clamped)
            lsp_log(s, 2,
                    "didChange %s: contentChanges[%zu] reaches past the end of the document; "
                    "clamped to its end",
                    d->uri, k);
        if (start > end) {
            size_t t = start;
            start = end;
            end = t;
        }
    }
    size_t len = d->len - (end - start) + tlen;
    if (len > LSP_MAX_DOCUMENT || s->open_bytes - d->len + len > LSP_MAX_OPEN_BYTES) {
        lsp_log(s, 1,
                "didChange %s: the document would be %zu bytes, over the limit; change refused",
                d->uri, len);
        return -1;
    }
    char *t = malloc(len + 1);
    if (!t) {
        lsp_log(s, 1, "didChange %s: out of memory", d->uri);
        return -1;
    }
    memcpy(t, d->text, start);
    memcpy(t + start, text, tlen);
    memcpy(t + start + tlen, d->text + end, d->len - end);
    t[len] = '\0';
    return set_text(s, d, t, len);
}

void lsp_did_change(lsp_server *s, json_t *params) {
    const char *uri = doc_uri(s, params, "didChange");
    if (!uri) return;
    lsp_doc *d = lsp_doc_find(s, uri);
    if (!d) {
        lsp_log(s, 2, "didChange %s: the document is not open; ignored", uri);
        return;
    }
    json_t *changes = json_object_get(params, "contentChanges");
    json_t *version = lsp_get_path(params, "textDocument", "version", NULL);
    if (!json_is_array(changes)) {
        lsp_log(s, 2, "didChange %s: contentChanges must be an array; ignored", uri);
        return;
    }
    size_t i;
    json_t *ch;
    json_array_foreach(changes, i, ch) {
        if (!json_is_object(ch)) {
            lsp_log(s, 2, "didChange %s: contentChanges[%zu] must be an object; the rest ignored",
                    uri, i);
            break;
        }
        if (apply_change(s, d, ch, i) < 0) break;
    }
    if (json_is_integer(version)) d->version = json_integer_value(version);
    lsp_schedule_check(s, d, s->debounce_ms);
}

/* ------------------------------------------------------------ caches */

const dossier_range *lsp_doc_sentences(lsp_doc *d, size_t *n) {
    if (!d->have_sentences) {
        dossier_error err;
        if (dossier_segment(d->text, d->len, &d->sentences, &d->n_sentences, &err) != DOSSIER_OK) {
            d->sentences = NULL;
            d->n_sentences = 0;
        }
        d->have_sentences = 1;
    }
    *n = d->n_sentences;
    return d->sentences;
}

const dossier_matches *lsp_doc_actors(lsp_server *s, lsp_doc *d) {
    dossier_corpus *c = lsp_corpus(s);
    if (!c) return NULL;
    if (d->actors_gen != s->corpus_gen) {
        dossier_matches_free(&d->actors);
        memset(&d->actors, 0, sizeof d->actors);
        dossier_error err;
        d->actors_failed = dossier_scan(c, d->text, d->len, &d->actors, &err) != DOSSIER_OK;
        if (d->actors_failed) {
            dossier_matches_free(&d->actors);
            memset(&d->actors, 0, sizeof d->actors);
            lsp_log(s, 2, "%s: %s", d->uri, err.message);
        }
        d->actors_gen = s->corpus_gen;
    }
    return d->actors_failed ? NULL : &d->actors;
}

static int blank(const char *s, size_t a, size_t b) {
    for (size_t i = a; i < b; i++)
        if (s[i] != ' ' && s[i] != '\t') return 0;
    return 1;
}

const dossier_range *lsp_doc_sentence_at(lsp_doc *d, size_t off) {
    size_t n, i = 0;
    const dossier_range *r = lsp_doc_sentences(d, &n);
    while (i < n && r[i].start <= off)
        i++;
    if (i == 0) return NULL;
    const dossier_range *last = &r[i - 1]; /* the last sentence starting at or before off */
    if (last->kind != DOSSIER_PROSE) return NULL;
    if (off <= last->end || blank(d->text, last->end, off)) return last;
    return NULL;
}

const dossier_span *lsp_doc_actor_at(lsp_server *s, lsp_doc *d, size_t off) {
    const dossier_matches *m = lsp_doc_actors(s, d);
    if (!m) return NULL;
    size_t lo = 0, hi = m->n; /* first span ending at or after off */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->spans[mid].end < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* a span starting at off wins over one ending there */
    if (lo + 1 < m->n && m->spans[lo].end == off && m->spans[lo + 1].start == off) lo++;
    if (lo < m->n && m->spans[lo].start <= off && off <= m->spans[lo].end) return &m->spans[lo];
    return NULL;
}
