/* tokens.c — textDocument/semanticTokens/full: every actor mention in the
 * draft, with a token type per actor kind ("person", "state", "org",
 * "place", "event", "product", and "ambiguous" for a short form naming
 * several; "product" comes last, after the others, as it came later) and
 * modifiers for how it names the actor ("standin", "demonym", "short",
 * "pattern"). A mention across a line break becomes one token per line
 * unless the client takes multi-line tokens. */
#include "lsp.h"

static const char *const token_types[] = {"person", "state",     "org",    "place",
                                          "event",  "ambiguous", "product"};
#define AMBIGUOUS 5
#define PRODUCT 6
static const char *const token_modifiers[] = {"standin", "demonym", "short", "pattern"};

json_t *lsp_token_legend(void) {
    json_t *types = json_array(), *mods = json_array();
    for (size_t i = 0; i < sizeof token_types / sizeof *token_types; i++)
        json_array_append_new(types, json_string(token_types[i]));
    for (size_t i = 0; i < sizeof token_modifiers / sizeof *token_modifiers; i++)
        json_array_append_new(mods, json_string(token_modifiers[i]));
    return json_pack("{s:o,s:o}", "tokenTypes", types, "tokenModifiers", mods);
}

static unsigned modifiers(unsigned flags) {
    unsigned m = 0;
    if (flags & DOSSIER_MATCH_STANDIN) m |= 1u << 0;
    if (flags & DOSSIER_MATCH_DEMONYM) m |= 1u << 1;
    if (flags & (DOSSIER_MATCH_SHORT | DOSSIER_MATCH_AMBIGUOUS)) m |= 1u << 2;
    if (flags & DOSSIER_MATCH_PATTERN) m |= 1u << 3;
    return m;
}

typedef struct {
    json_t *data;
    size_t line, ch; /* the previous token's start */
} token_list;

static void add(token_list *t, size_t line, size_t ch, size_t len, int type, unsigned mods) {
    if (len == 0) return;
    size_t dl = line - t->line, dc = dl ? ch : ch - t->ch;
    json_t *d = t->data;
    json_array_append_new(d, json_integer((json_int_t)dl));
    json_array_append_new(d, json_integer((json_int_t)dc));
    json_array_append_new(d, json_integer((json_int_t)len));
    json_array_append_new(d, json_integer(type));
    json_array_append_new(d, json_integer(mods));
    t->line = line;
    t->ch = ch;
}

json_t *lsp_semantic_tokens(lsp_server *s, json_t *params, lsp_error *err) {
    lsp_doc *d = lsp_param_doc(s, params, err);
    if (!d) return NULL;
    token_list t = {json_array(), 0, 0};
    const dossier_matches *m = lsp_doc_actors(s, d);
    for (size_t i = 0; m && i < m->n; i++) {
        const dossier_span *sp = &m->spans[i];
        int type = AMBIGUOUS;
        if (sp->actor >= 0) {
            dossier_kind k = dossier_actor_at(s->corpus, (size_t)sp->actor)->kind;
            /* product's kind number is ambiguous's token index: it has its own */
            type = k == DOSSIER_PRODUCT ? PRODUCT : k <= DOSSIER_EVENT ? (int)k : AMBIGUOUS;
        }
        unsigned mods = modifiers(sp->flags);
        size_t l1, c1, l2, c2;
        lsp_offset_to_position(&d->lines, d->text, d->len, s->enc, sp->start, &l1, &c1);
        lsp_offset_to_position(&d->lines, d->text, d->len, s->enc, sp->end, &l2, &c2);
        if (l1 == l2) {
            add(&t, l1, c1, c2 - c1, type, mods);
            continue;
        }
        if (s->multiline_tokens) { /* length: the span's units, line breaks included */
            add(&t, l1, c1, lsp_units(d->text + sp->start, sp->end - sp->start, s->enc), type,
                mods);
            continue;
        }
        for (size_t l = l1; l <= l2; l++) {
            size_t from = l == l1 ? sp->start : d->lines.start[l];
            size_t to = l == l2 ? sp->end : lsp_line_end(&d->lines, d->text, d->len, l);
            size_t fl, fc;
            lsp_offset_to_position(&d->lines, d->text, d->len, s->enc, from, &fl, &fc);
            add(&t, l, fc, to > from ? lsp_units(d->text + from, to - from, s->enc) : 0, type,
                mods);
        }
    }
    return json_pack("{s:o}", "data", t.data);
}
