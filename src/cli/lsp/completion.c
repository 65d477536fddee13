/* completion.c — textDocument/completion: citation keys after "@" (so also
 * in "[@" and "[-@"), with the source's title as documentation; elsewhere the
 * names of the actors (canonical names, aliases, stand-ins, demonyms) that
 * start with the word before the cursor, case aside. Each item replaces that
 * word (or the key after "@") through a textEdit, so every client inserts the
 * same text. */
#include "lsp.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum { KIND_TEXT = 1, KIND_REFERENCE = 18 };

/* Characters of a pandoc citation key, and of a word. */
static int key_char(unsigned char c) {
    return isalnum(c) || (c && strchr("_:.#$%&-+?<>~/", c));
}

/* The start of the word ending at off (not before ls): letters, digits, _ - '
 * and any character beyond ASCII but the punctuation of U+00A0..U+00BF and
 * U+2000..U+206F (curly quotes, dashes, guillemets). */
static size_t word_start(const char *t, size_t ls, size_t off) {
    size_t k = off;
    while (k > ls) {
        unsigned char c = (unsigned char)t[k - 1];
        if (c < 0x80) {
            if (!isalnum(c) && c != '_' && c != '-' && c != '\'') break;
            k--;
            continue;
        }
        size_t b = k - 1; /* back to the sequence's first byte */
        while (b > ls && ((unsigned char)t[b] & 0xC0) == 0x80 && k - b < 4)
            b--;
        uint32_t cp;
        if (lsp_utf8_next(t + b, k - b, &cp) != k - b) cp = 0xFFFD;
        if ((cp >= 0xA0 && cp <= 0xBF) || (cp >= 0x2000 && cp <= 0x206F)) break;
        k = b;
    }
    return k;
}

/* Whether s starts with prefix p[0..n), ASCII case aside. */
static int starts_with(const char *s, const char *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (!s[i]) return 0;
        if (tolower((unsigned char)s[i]) != tolower((unsigned char)p[i])) return 0;
    }
    return 1;
}

static json_t *markup(int md, const lsp_buf *b) {
    return json_pack("{s:s,s:s}", "kind", md ? "markdown" : "plaintext", "value",
                     b->data ? b->data : "");
}

static json_t *edit(lsp_server *s, lsp_doc *d, size_t start, size_t end, const char *text) {
    return json_pack("{s:o,s:s}", "range", lsp_doc_range(s, d, start, end), "newText", text);
}

static void citation_items(lsp_server *s, lsp_doc *d, const dossier_corpus *c, size_t start,
                           size_t off, json_t *items) {
    const char *prefix = d->text + start;
    size_t n = off - start;
    int md = s->md_completion;
    for (size_t i = 0; i < dossier_article_count(c); i++) {
        const dossier_article *a = dossier_article_at(c, i);
        if (!starts_with(a->key, prefix, n)) continue;
        lsp_buf label = {0}, detail = {0}, doc = {0};
        lsp_buf_printf(&label, "@%s", a->key);
        lsp_article_label(&doc, a, md);
        lsp_buf_puts(&detail, a->id);
        json_array_append_new(
            items, json_pack("{s:s,s:i,s:s,s:o,s:s,s:s,s:o}", "label", label.data ? label.data : "",
                             "kind", KIND_REFERENCE, "detail", detail.data ? detail.data : "",
                             "documentation", markup(md, &doc), "filterText", a->key, "sortText",
                             a->key, "textEdit", edit(s, d, start, off, a->key)));
        lsp_buf_free(&label);
        lsp_buf_free(&detail);
        lsp_buf_free(&doc);
    }
}

typedef struct {
    const char *name;
    size_t actor;
} candidate;

static int by_name(const void *x, const void *y) {
    const candidate *a = x, *b = y;
    int r = strcmp(a->name, b->name);
    return r ? r : (a->actor > b->actor) - (a->actor < b->actor);
}

static void actor_items(lsp_server *s, lsp_doc *d, const dossier_corpus *c, size_t start,
                        size_t off, json_t *items) {
    const char *prefix = d->text + start;
    size_t n = off - start, na = dossier_actor_count(c), cap = 0, k = 0;
    candidate *cand = NULL;
    for (size_t i = 0; i < na; i++) {
        const dossier_actor *a = dossier_actor_at(c, i);
        const dossier_strings *lists[] = {&a->aliases, &a->standins, &a->demonyms};
        size_t first = k;
        for (int l = -1; l < 3; l++) {
            size_t m = l < 0 ? 1 : lists[l]->n;
            for (size_t j = 0; j < m; j++) {
                const char *name = l < 0 ? a->name : lists[l]->items[j];
                if (!starts_with(name, prefix, n)) continue;
                int seen = 0; /* the same name twice for one actor */
                for (size_t q = first; q < k && !seen; q++)
                    seen = strcmp(cand[q].name, name) == 0;
                if (seen) continue;
                if (k == cap) {
                    size_t ncap = cap ? cap * 2 : 64;
                    candidate *nc = realloc(cand, ncap * sizeof *nc);
                    if (!nc) goto done;
                    cand = nc;
                    cap = ncap;
                }
                cand[k].name = name;
                cand[k].actor = i;
                k++;
            }
        }
    }
done:
    if (k) qsort(cand, k, sizeof *cand, by_name);
    int md = s->md_completion;
    for (size_t i = 0; i < k; i++) {
        const dossier_actor *a = dossier_actor_at(c, cand[i].actor);
        lsp_buf detail = {0}, doc = {0};
        lsp_buf_puts(&detail, dossier_kind_name(a->kind));
        if (strcmp(cand[i].name, a->name) != 0) lsp_buf_printf(&detail, " · %s", a->name);
        json_t *item = json_pack("{s:s,s:i,s:s,s:s,s:o}", "label", cand[i].name, "kind", KIND_TEXT,
                                 "detail", detail.data ? detail.data : "", "filterText",
                                 cand[i].name, "textEdit", edit(s, d, start, off, cand[i].name));
        if (a->role && *a->role) { /* the role, when the gazetteer gives one */
            lsp_md_text(&doc, a->role, strlen(a->role), md);
            json_object_set_new(item, "documentation", markup(md, &doc));
        }
        json_array_append_new(items, item);
        lsp_buf_free(&detail);
        lsp_buf_free(&doc);
    }
    free(cand);
}

json_t *lsp_completion(lsp_server *s, json_t *params, lsp_error *err) {
    size_t off;
    lsp_doc *d = lsp_param_doc_position(s, params, &off, err);
    if (!d) return NULL;
    json_t *items = json_array();
    dossier_corpus *c = lsp_corpus(s);
    if (c) {
        size_t line, ch;
        lsp_offset_to_position(&d->lines, d->text, d->len, s->enc, off, &line, &ch);
        size_t ls = d->lines.start[line];
        const unsigned char *t = (const unsigned char *)d->text;
        size_t k = off;
        while (k > ls && key_char(t[k - 1]))
            k--;
        int cite =
            k > ls && t[k - 1] == '@' && (k - 1 == ls || (t[k - 2] && strchr(" \t[(;-", t[k - 2])));
        if (cite) {
            citation_items(s, d, c, k, off, items);
        } else {
            k = word_start(d->text, ls, off);
            actor_items(s, d, c, k, off, items);
        }
    }
    return json_pack("{s:b,s:o}", "isIncomplete", 0, "items", items);
}
