/* symbols.c — textDocument/documentSymbol: the actors named in the draft,
 * in order of first mention, each with its mentions as children
 * (DocumentSymbol[]), or one SymbolInformation per mention for clients
 * without hierarchical symbols. SymbolKind per actor kind is chosen for the
 * icon editors show: person Variable, state Namespace, org Struct, place
 * Package, event Event, product Class; an ambiguous short form is not a
 * symbol. */
#include "lsp.h"

#include <stdlib.h>

static int symbol_kind(dossier_kind k) {
    switch (k) {
    case DOSSIER_PERSON:
        return 13; /* Variable */
    case DOSSIER_STATE:
        return 3; /* Namespace */
    case DOSSIER_ORG:
        return 23; /* Struct */
    case DOSSIER_PLACE:
        return 4; /* Package */
    case DOSSIER_EVENT:
        return 24; /* Event */
    case DOSSIER_PRODUCT:
        return 5; /* Class */
    }
    return 19; /* Object */
}

static json_t *mention_name(const lsp_doc *d, const dossier_span *sp) {
    return lsp_json_text(d->text + sp->start, sp->end - sp->start);
}

json_t *lsp_document_symbols(lsp_server *s, json_t *params, lsp_error *err) {
    lsp_doc *d = lsp_param_doc(s, params, err);
    if (!d) return NULL;
    json_t *out = json_array();
    const dossier_matches *m = lsp_doc_actors(s, d);
    if (!m) return out;
    const dossier_corpus *c = s->corpus;
    if (!s->hierarchical_symbols) {
        for (size_t i = 0; i < m->n; i++) {
            const dossier_span *sp = &m->spans[i];
            if (sp->actor < 0) continue;
            const dossier_actor *a = dossier_actor_at(c, (size_t)sp->actor);
            json_array_append_new(out,
                                  json_pack("{s:s,s:i,s:{s:s,s:o},s:o}", "name", a->name, "kind",
                                            symbol_kind(a->kind), "location", "uri", d->uri,
                                            "range", lsp_doc_range(s, d, sp->start, sp->end),
                                            "containerName", mention_name(d, sp)));
        }
        return out;
    }
    /* one symbol per actor, at its first mention; the actor's index in out */
    size_t na = dossier_actor_count(c);
    long *slot = malloc((na ? na : 1) * sizeof *slot);
    if (!slot) {
        json_decref(out);
        return NULL;
    }
    for (size_t i = 0; i < na; i++)
        slot[i] = -1;
    for (size_t i = 0; i < m->n; i++) {
        const dossier_span *sp = &m->spans[i];
        if (sp->actor < 0) continue;
        const dossier_actor *a = dossier_actor_at(c, (size_t)sp->actor);
        int kind = symbol_kind(a->kind);
        json_t *range = lsp_doc_range(s, d, sp->start, sp->end);
        json_t *child = json_pack("{s:o,s:i,s:O,s:O}", "name", mention_name(d, sp), "kind", kind,
                                  "range", range, "selectionRange", range);
        if (slot[sp->actor] < 0) {
            slot[sp->actor] = (long)json_array_size(out);
            const char *role = a->role && *a->role ? a->role : dossier_kind_name(a->kind);
            json_array_append_new(out,
                                  json_pack("{s:s,s:s,s:i,s:o,s:O,s:[]}", "name", a->name, "detail",
                                            role, "kind", kind, "range", json_deep_copy(range),
                                            "selectionRange", range, "children"));
        }
        json_t *parent = json_array_get(out, (size_t)slot[sp->actor]);
        json_array_append_new(json_object_get(parent, "children"), child);
        /* the actor's range encloses all its mentions; selectionRange stays the first */
        json_object_set(json_object_get(parent, "range"), "end", json_object_get(range, "end"));
        json_decref(range);
    }
    free(slot);
    return out;
}
