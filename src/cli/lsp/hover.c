/* hover.c — textDocument/hover: on an actor, its card (name, kind, role,
 * note, other names, mentions per source); elsewhere in a sentence, its
 * verdict and best passages. Markdown when the client takes it, else the same
 * text plain. */
#include "lsp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void lsp_md_text(lsp_buf *b, const char *s, size_t n, int md) {
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\r' || c == '\n') c = ' ';
        if (md && strchr("\\`*_[]<>#|~", c) && c) lsp_buf_add(b, "\\", 1);
        lsp_buf_add(b, &c, 1);
    }
}

static void text(lsp_buf *b, const char *s, int md) {
    lsp_md_text(b, s, strlen(s), md);
}

static void strong(lsp_buf *b, const char *s, int md) {
    if (md) lsp_buf_puts(b, "**");
    text(b, s, md);
    if (md) lsp_buf_puts(b, "**");
}

static int known(const char *s) {
    return s && *s && strcmp(s, "unknown") != 0;
}

void lsp_article_label(lsp_buf *b, const dossier_article *a, int md) {
    if (md) lsp_buf_puts(b, "*");
    text(b, a->title, md);
    if (md) lsp_buf_puts(b, "*");
    lsp_buf_puts(b, " (");
    if (known(a->publisher)) {
        text(b, a->publisher, md);
        lsp_buf_puts(b, ", ");
    }
    text(b, known(a->date) ? a->date : "undated", md);
    lsp_buf_puts(b, ")");
}

static void names(lsp_buf *b, const dossier_strings *l, int *first, int md) {
    for (size_t i = 0; i < l->n; i++) {
        lsp_buf_puts(b, *first ? "" : ", ");
        text(b, l->items[i], md);
        *first = 0;
    }
}

/* The card of actor `id`; span: the mention hovered (for how it names it). */
static void card(lsp_server *s, lsp_buf *b, size_t id, const dossier_span *span, const lsp_doc *d,
                 int md) {
    const dossier_corpus *c = s->corpus;
    const dossier_actor *a = dossier_actor_at(c, id);
    strong(b, a->name, md);
    lsp_buf_printf(b, " · %s\n", dossier_kind_name(a->kind));
    unsigned f = span ? span->flags : 0;
    const char *how = f & DOSSIER_MATCH_STANDIN   ? "a stand-in"
                      : f & DOSSIER_MATCH_DEMONYM ? "a demonym"
                      : f & DOSSIER_MATCH_SHORT   ? "a short form"
                                                  : NULL;
    if (how) {
        lsp_buf_puts(b, "\n“");
        lsp_md_text(b, d->text + span->start, span->end - span->start, md);
        lsp_buf_printf(b, "” is %s for ", how);
        text(b, a->name, md);
        lsp_buf_puts(b, "\n");
    }
    if (known(a->role)) {
        lsp_buf_puts(b, "\n");
        if (md) lsp_buf_puts(b, "*");
        text(b, a->role, md);
        if (md) lsp_buf_puts(b, "*");
        lsp_buf_puts(b, "\n");
    }
    if (a->note && *a->note) {
        lsp_buf_puts(b, "\n");
        text(b, a->note, md);
        lsp_buf_puts(b, "\n");
    }
    if (a->aliases.n + a->standins.n + a->demonyms.n + a->shorts.n > 0) {
        int first = 1;
        lsp_buf_puts(b, "\nAlso: ");
        names(b, &a->aliases, &first, md);
        names(b, &a->standins, &first, md);
        names(b, &a->demonyms, &first, md);
        names(b, &a->shorts, &first, md);
        lsp_buf_puts(b, "\n");
    }
    /* mentions per source, in corpus order */
    size_t n, na = dossier_article_count(c);
    const dossier_mention *m = dossier_actor_mentions(c, id, &n);
    size_t *count = calloc(na ? na : 1, sizeof *count);
    if (!count) return;
    for (size_t i = 0; i < n; i++)
        count[dossier_passage_at(c, m[i].passage)->article]++;
    lsp_buf_puts(b, "\n");
    strong(b, "Mentions", md);
    lsp_buf_puts(b, "\n");
    if (n == 0)
        lsp_buf_puts(b, "\nnone in the corpus\n");
    else
        lsp_buf_puts(b, "\n");
    for (size_t i = 0; i < na; i++) {
        if (!count[i]) continue;
        const dossier_article *art = dossier_article_at(c, i);
        lsp_buf_printf(b, "- %zu in ", count[i]);
        lsp_article_label(b, art, md);
        lsp_buf_puts(b, "\n");
    }
    free(count);
}

static void ambiguous(lsp_server *s, lsp_buf *b, const lsp_doc *d, const dossier_span *span,
                      const dossier_matches *m, int md) {
    lsp_buf_puts(b, "“");
    lsp_md_text(b, d->text + span->start, span->end - span->start, md);
    lsp_buf_puts(b, "” is ambiguous; it may be:\n\n");
    for (size_t k = 0; k < span->n_cand; k++) {
        const dossier_actor *a =
            dossier_actor_at(s->corpus, (size_t)m->candidates[span->cand_start + k]);
        lsp_buf_puts(b, "- ");
        strong(b, a->name, md);
        lsp_buf_printf(b, " · %s\n", dossier_kind_name(a->kind));
    }
}

/* A passage's words, clipped to about 200 bytes. */
static void passage_text(lsp_buf *b, const dossier_corpus *c, size_t passage, int md) {
    const dossier_passage *p = dossier_passage_at(c, passage);
    const dossier_article *a = dossier_article_at(c, p->article);
    size_t n = p->end - p->start, max = 200;
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)a->text[p->start + n] & 0xC0) == 0x80)
            n--;
    }
    lsp_md_text(b, a->text + p->start, n, md);
    if (n < p->end - p->start) lsp_buf_puts(b, "…");
}

void lsp_verdict_text(lsp_server *s, lsp_buf *b, const lsp_verdict *v, int md) {
    const dossier_corpus *c = s->corpus;
    if (v->outcome == LSP_SUPPORTED) {
        char head[64];
        snprintf(head, sizeof head, "Supported by %zu source%s", v->n_sources,
                 v->n_sources == 1 ? "" : "s");
        strong(b, head, md);
    } else if (v->outcome == LSP_CONTRADICTED) {
        strong(b, "Contradicted by the sources", md);
        if (v->conflict) {
            lsp_buf_puts(b, ": the source says ");
            text(b, v->conflict, md);
        }
    } else {
        strong(b, "Not corroborated by the sources", md);
    }
    lsp_buf_puts(b, "\n");
    if (v->n_hits == 0) {
        lsp_buf_puts(b, "\nNo passage of the corpus shares its words.\n");
        return;
    }
    lsp_buf_puts(b,
                 v->outcome == LSP_SUPPORTED ? "\nBest passages:\n\n" : "\nClosest passages:\n\n");
    for (size_t i = 0; i < v->n_hits; i++) {
        const dossier_passage *p = dossier_passage_at(c, v->hits[i].passage);
        const dossier_article *a = dossier_article_at(c, p->article);
        lsp_buf_printf(b, "%zu. %s — ", i + 1, v->hits[i].supports ? "supports" : "related");
        lsp_article_label(b, a, md);
        lsp_buf_printf(b, ", %s:%u: ", a->id, p->line);
        passage_text(b, c, v->hits[i].passage, md);
        lsp_buf_puts(b, "\n");
    }
}

json_t *lsp_hover(lsp_server *s, json_t *params, lsp_error *err) {
    size_t off;
    lsp_doc *d = lsp_param_doc_position(s, params, &off, err);
    if (!d) return NULL;
    dossier_corpus *c = lsp_corpus(s);
    if (!c) return json_null();
    int md = s->md_hover;
    lsp_buf b = {0};
    size_t start, end;
    const dossier_span *span = lsp_doc_actor_at(s, d, off);
    if (span) {
        if (span->actor >= 0)
            card(s, &b, (size_t)span->actor, span, d, md);
        else
            ambiguous(s, &b, d, span, lsp_doc_actors(s, d), md);
        start = span->start;
        end = span->end;
    } else {
        const dossier_range *r = lsp_doc_sentence_at(d, off);
        if (!r) return json_null();
        lsp_verdict v;
        dossier_error derr = {0};
        if (lsp_judge(c, d->text + r->start, r->end - r->start, LSP_HITS, &v, &derr) < 0)
            return lsp_fail(err, LSP_REQUEST_FAILED, "%s", derr.message);
        lsp_verdict_text(s, &b, &v, md);
        lsp_verdict_free(&v);
        start = r->start;
        end = r->end;
    }
    if (b.failed || !b.data) {
        lsp_buf_free(&b);
        return NULL;
    }
    /* no trailing line break */
    while (b.len > 0 && b.data[b.len - 1] == '\n')
        b.data[--b.len] = '\0';
    json_t *res = json_pack("{s:{s:s,s:s},s:o}", "contents", "kind", md ? "markdown" : "plaintext",
                            "value", b.data, "range", lsp_doc_range(s, d, start, end));
    lsp_buf_free(&b);
    return res;
}
