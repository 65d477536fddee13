/* navigation.c — go to definition on a sentence: the Locations of the
 * passages that support it, in the article files, so "go to definition"
 * jumps to the evidence (null when none does); references on an actor: its
 * mentions in the open drafts, then across the corpus. */
#include "lsp.h"

#include <stdlib.h>

json_t *lsp_definition(lsp_server *s, json_t *params, lsp_error *err) {
    size_t off;
    lsp_doc *d = lsp_param_doc_position(s, params, &off, err);
    if (!d) return NULL;
    dossier_corpus *c = lsp_corpus(s);
    const dossier_range *r = c ? lsp_doc_sentence_at(d, off) : NULL;
    if (!r) return json_null();
    lsp_verdict v;
    dossier_error derr = {0};
    if (lsp_judge(c, d->text + r->start, r->end - r->start, LSP_HITS, &v, &derr) < 0)
        return lsp_fail(err, LSP_REQUEST_FAILED, "%s", derr.message);
    json_t *out = json_array();
    for (size_t i = 0; i < v.n_hits; i++) {
        if (!v.hits[i].supports) continue;
        const dossier_passage *p = dossier_passage_at(c, v.hits[i].passage);
        json_t *loc = lsp_article_location(s, p->article, p->start, p->end);
        if (loc) json_array_append_new(out, loc);
    }
    lsp_verdict_free(&v);
    if (json_array_size(out) == 0) {
        json_decref(out);
        return json_null();
    }
    return out;
}

static int wanted(long actor, const long *want, size_t n) {
    for (size_t k = 0; k < n; k++)
        if (actor == want[k]) return 1;
    return 0;
}

json_t *lsp_references(lsp_server *s, json_t *params, lsp_error *err) {
    size_t off;
    lsp_doc *d = lsp_param_doc_position(s, params, &off, err);
    if (!d) return NULL;
    dossier_corpus *c = lsp_corpus(s);
    const dossier_span *sp = c ? lsp_doc_actor_at(s, d, off) : NULL;
    if (!sp) return json_null();
    /* the actor, or every actor an ambiguous short form may name */
    const dossier_matches *dm = lsp_doc_actors(s, d);
    size_t n = sp->actor >= 0 ? 1 : sp->n_cand;
    long *want = malloc((n ? n : 1) * sizeof *want);
    if (!want) return NULL;
    for (size_t k = 0; k < n; k++)
        want[k] = sp->actor >= 0 ? sp->actor : dm->candidates[sp->cand_start + k];
    json_t *out = json_array();
    for (size_t i = 0; i < s->n_docs; i++) {
        lsp_doc *o = s->docs[i];
        const dossier_matches *m = lsp_doc_actors(s, o);
        for (size_t j = 0; m && j < m->n; j++) {
            if (!wanted(m->spans[j].actor, want, n)) continue;
            json_array_append_new(
                out, json_pack("{s:s,s:o}", "uri", o->uri, "range",
                               lsp_doc_range(s, o, m->spans[j].start, m->spans[j].end)));
        }
    }
    for (size_t k = 0; k < n; k++) {
        size_t nm;
        const dossier_mention *m = dossier_actor_mentions(c, (size_t)want[k], &nm);
        for (size_t j = 0; j < nm; j++) {
            const dossier_passage *p = dossier_passage_at(c, m[j].passage);
            json_t *loc = lsp_article_location(s, p->article, m[j].start, m[j].end);
            if (loc) json_array_append_new(out, loc);
        }
    }
    free(want);
    return out;
}
