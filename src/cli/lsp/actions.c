/* actions.c — textDocument/codeAction and workspace/executeCommand.
 *
 * On a sentence, one "Cite <source>" action per supporting passage and per
 * citation style (the core's table, the configured style first, the very
 * first action preferred): a WorkspaceEdit putting the citation where
 * dossier_cite_place says, before the sentence's final punctuation ("... in
 * Vladivostok [@pak2023, para. 4]."), after a quotation that ends it ('...
 * idle words" [@matsuo2023, para. 12].'); a footnote also appends its
 * definition at the end of the document, unless the document has it
 * already. Then "Show sources", a command.
 *
 * Commands: dossier.bibliography [format ["csl"|"bibtex"] [, path]] returns
 * the bibliography's text, or writes it to path (absolute, or a file:// URI)
 * and returns {path, bytes}; dossier.showSources [uri, position] returns the
 * sentence's passages as [{uri, range, stance, title, text}] and shows them
 * in a window/showMessage. */
#include "lsp.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const command_names[] = {"dossier.bibliography", "dossier.showSources"};

json_t *lsp_command_names(void) {
    json_t *a = json_array();
    for (size_t i = 0; i < sizeof command_names / sizeof *command_names; i++)
        json_array_append_new(a, json_string(command_names[i]));
    return a;
}

static int contains(const char *hay, size_t n, const char *needle) {
    size_t m = strlen(needle);
    for (size_t i = 0; m && i + m <= n; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, m) == 0) return 1;
    return 0;
}

static json_t *text_edit(lsp_server *s, lsp_doc *d, size_t at, const char *text) {
    return json_pack("{s:o,s:s}", "range", lsp_doc_range(s, d, at, at), "newText", text);
}

static json_t *workspace_edit(lsp_server *s, lsp_doc *d, json_t *edits) {
    if (s->document_changes)
        return json_pack("{s:[{s:{s:s,s:I},s:o}]}", "documentChanges", "textDocument", "uri",
                         d->uri, "version", (json_int_t)d->version, "edits", edits);
    return json_pack("{s:{s:o}}", "changes", d->uri, edits);
}

/* The footnote definition's edit at the end of the document. */
static json_t *definition_edit(lsp_server *s, lsp_doc *d, const char *def) {
    lsp_buf b = {0};
    const char *t = d->text;
    size_t n = d->len;
    if (n == 0)
        lsp_buf_printf(&b, "%s\n", def);
    else if (n >= 2 && t[n - 1] == '\n' && t[n - 2] == '\n')
        lsp_buf_printf(&b, "%s\n", def);
    else if (t[n - 1] == '\n')
        lsp_buf_printf(&b, "\n%s\n", def);
    else
        lsp_buf_printf(&b, "\n\n%s\n", def);
    json_t *e = b.data ? text_edit(s, d, n, b.data) : NULL;
    lsp_buf_free(&b);
    return e;
}

/* Whether the client's context.only lets actions of `kind` through. */
static int wanted(json_t *only, const char *kind) {
    if (!json_is_array(only)) return 1;
    size_t i;
    json_t *v;
    json_array_foreach(only, i, v) {
        const char *k = json_string_value(v);
        if (!k) continue;
        size_t n = strlen(k);
        if (kind && strncmp(kind, k, n) == 0 && (kind[n] == '\0' || kind[n] == '.')) return 1;
    }
    return 0;
}

static int has_title(json_t *actions, const char *title) {
    size_t i;
    json_t *a;
    json_array_foreach(actions, i, a) {
        const char *t = lsp_get_string(a, "title", NULL);
        if (t && title && strcmp(t, title) == 0) return 1;
    }
    return 0;
}

/* One action per supporting passage and per style of the core's table, the
 * configured style first; the citation goes where dossier_cite_place puts
 * it (the plugin's :Dossier cite does the same). */
static void cite_actions(lsp_server *s, lsp_doc *d, const dossier_corpus *c, const dossier_range *r,
                         const lsp_verdict *v, json_t *out) {
    size_t n_styles = dossier_cite_style_count();
    for (size_t h = 0; h < v->n_hits; h++) {
        if (!v->hits[h].supports) continue;
        const dossier_passage *p = dossier_passage_at(c, v->hits[h].passage);
        const dossier_article *a = dossier_article_at(c, p->article);
        for (size_t k = 0; k < n_styles; k++) {
            /* k = 0: the configured style, then the others in the table's order */
            dossier_cite_style st = k == 0                  ? (dossier_cite_style)s->style
                                    : k <= (size_t)s->style ? (dossier_cite_style)(k - 1)
                                                            : (dossier_cite_style)k;
            char *text = NULL, *def = NULL;
            dossier_cite_edit place = {0};
            dossier_error err;
            if (dossier_cite(c, p->article, (long)v->hits[h].passage, st, &text, &def, &err) !=
                    DOSSIER_OK ||
                dossier_cite_place(d->text + r->start, r->end - r->start, st, text, &place, &err) !=
                    DOSSIER_OK) {
                dossier_free(text);
                dossier_free(def);
                continue;
            }
            lsp_buf title = {0};
            const char *who = a->publisher && *a->publisher && strcmp(a->publisher, "unknown")
                                  ? a->publisher
                                  : a->title;
            lsp_buf_printf(&title, "Cite %s: %s", who, text);
            if (!has_title(out, title.data)) { /* two passages of one paragraph cite alike */
                json_t *edits = json_array();
                json_array_append_new(edits, json_pack("{s:o,s:s}", "range",
                                                       lsp_doc_range(s, d, r->start + place.start,
                                                                     r->start + place.end),
                                                       "newText", place.text));
                if (def && !contains(d->text, d->len, def))
                    json_array_append_new(edits, definition_edit(s, d, def));
                json_t *act = json_pack("{s:s,s:s,s:o}", "title", title.data ? title.data : "",
                                        "kind", "quickfix", "edit", workspace_edit(s, d, edits));
                if (json_array_size(out) == 0) json_object_set_new(act, "isPreferred", json_true());
                json_array_append_new(out, act);
            }
            lsp_buf_free(&title);
            dossier_free(place.text);
            dossier_free(text);
            dossier_free(def);
        }
    }
}

json_t *lsp_code_action(lsp_server *s, json_t *params, lsp_error *err) {
    lsp_doc *d = lsp_param_doc(s, params, err);
    if (!d) return NULL;
    json_t *range = json_object_get(params, "range");
    if (!json_is_object(range)) return lsp_fail(err, LSP_INVALID_PARAMS, "range must be an object");
    size_t off, end;
    if (lsp_param_position(s, d, json_object_get(range, "start"), &off, err) ||
        lsp_param_position(s, d, json_object_get(range, "end"), &end, err))
        return NULL;
    json_t *only = lsp_get_path(params, "context", "only", NULL);
    json_t *out = json_array();
    dossier_corpus *c = lsp_corpus(s);
    const dossier_range *r = c ? lsp_doc_sentence_at(d, off) : NULL;
    if (!r) return out;
    lsp_verdict v;
    dossier_error derr = {0};
    if (lsp_judge(c, d->text + r->start, r->end - r->start, LSP_HITS, &v, &derr) < 0) {
        json_decref(out);
        return lsp_fail(err, LSP_REQUEST_FAILED, "%s", derr.message);
    }
    if (wanted(only, "quickfix")) cite_actions(s, d, c, r, &v, out);
    if (v.n_hits > 0 && !json_is_array(only))
        json_array_append_new(
            out, json_pack("{s:s,s:{s:s,s:s,s:[s,o]}}", "title", "Show sources", "command", "title",
                           "Show sources", "command", "dossier.showSources", "arguments", d->uri,
                           lsp_position_json(s, &d->lines, d->text, d->len, off)));
    lsp_verdict_free(&v);
    return out;
}

/* ------------------------------------------------------------ commands */

static json_t *bibliography(lsp_server *s, json_t *args, lsp_error *err) {
    json_t *fmt = json_array_get(args, 0), *dest = json_array_get(args, 1);
    const char *format = fmt ? json_string_value(fmt) : "csl";
    if (!format || (strcmp(format, "csl") != 0 && strcmp(format, "bibtex") != 0))
        return lsp_fail(err, LSP_INVALID_PARAMS,
                        "dossier.bibliography: the format must be \"csl\" or \"bibtex\"");
    if (dest && !json_is_string(dest))
        return lsp_fail(err, LSP_INVALID_PARAMS, "dossier.bibliography: the path must be a string");
    char *path = NULL;
    if (dest) {
        const char *p = json_string_value(dest);
        path = strncmp(p, "file:", 5) == 0 ? lsp_uri_to_path(p) : strdup(p);
        if (!path || path[0] != '/' || strlen(p) != json_string_length(dest)) {
            free(path);
            return lsp_fail(err, LSP_INVALID_PARAMS,
                            "dossier.bibliography: the path must be absolute or a file:// URI");
        }
        if (s->opt.no_writes) {
            free(path);
            return lsp_fail(err, LSP_REQUEST_FAILED,
                            "dossier.bibliography: writing files is disabled");
        }
    }
    dossier_corpus *c = lsp_corpus(s);
    if (!c) {
        free(path);
        return lsp_fail(err, LSP_REQUEST_FAILED, "dossier.bibliography: no corpus is loaded");
    }
    char *text = NULL;
    dossier_error derr;
    if (dossier_bibliography(c, format, &text, &derr) != DOSSIER_OK) {
        free(path);
        return lsp_fail(err, LSP_REQUEST_FAILED, "dossier.bibliography: %s", derr.message);
    }
    json_t *res = NULL;
    if (!path) {
        res = json_string(text);
    } else {
        FILE *f = fopen(path, "wb");
        size_t n = strlen(text);
        int ok = f && fwrite(text, 1, n, f) == n;
        int e = errno;
        if (f && fclose(f) != 0 && ok) {
            ok = 0;
            e = errno;
        }
        if (ok)
            res = json_pack("{s:s,s:I}", "path", path, "bytes", (json_int_t)n);
        else
            lsp_fail(err, LSP_REQUEST_FAILED, "dossier.bibliography: cannot write %s: %s", path,
                     strerror(e));
    }
    dossier_free(text);
    free(path);
    return res;
}

static json_t *show_sources(lsp_server *s, json_t *args, lsp_error *err) {
    const char *uri = json_string_value(json_array_get(args, 0));
    if (!uri)
        return lsp_fail(err, LSP_INVALID_PARAMS,
                        "dossier.showSources: arguments must be [uri, position]");
    lsp_doc *d = lsp_doc_find(s, uri);
    if (!d)
        return lsp_fail(err, LSP_INVALID_PARAMS, "dossier.showSources: document not open: %.300s",
                        uri);
    size_t off;
    json_t *pos = json_array_get(args, 1);
    if (json_is_object(pos) && json_object_get(pos, "start")) pos = json_object_get(pos, "start");
    if (lsp_param_position(s, d, pos, &off, err)) return NULL;
    dossier_corpus *c = lsp_corpus(s);
    if (!c) return lsp_fail(err, LSP_REQUEST_FAILED, "dossier.showSources: no corpus is loaded");
    const dossier_range *r = lsp_doc_sentence_at(d, off);
    json_t *out = json_array();
    if (!r) return out;
    lsp_verdict v;
    dossier_error derr = {0};
    if (lsp_judge(c, d->text + r->start, r->end - r->start, 5, &v, &derr) < 0) {
        json_decref(out);
        return lsp_fail(err, LSP_REQUEST_FAILED, "%s", derr.message);
    }
    for (size_t i = 0; i < v.n_hits; i++) {
        const dossier_passage *p = dossier_passage_at(c, v.hits[i].passage);
        const dossier_article *a = dossier_article_at(c, p->article);
        json_t *loc = lsp_article_location(s, p->article, p->start, p->end);
        if (!loc) continue;
        json_object_set_new(loc, "stance",
                            json_string(v.hits[i].supports ? "supports" : "related"));
        json_object_set_new(loc, "title", json_string(a->title));
        json_object_set_new(loc, "text", json_stringn(a->text + p->start, p->end - p->start));
        json_array_append_new(out, loc);
    }
    lsp_buf b = {0};
    lsp_verdict_text(s, &b, &v, 0);
    while (b.len > 0 && b.data[b.len - 1] == '\n')
        b.data[--b.len] = '\0';
    if (b.data) lsp_show(s, 3, "%s", b.data);
    lsp_buf_free(&b);
    lsp_verdict_free(&v);
    return out;
}

json_t *lsp_execute_command(lsp_server *s, json_t *params, lsp_error *err) {
    const char *cmd = lsp_get_string(params, "command", NULL);
    json_t *args = json_object_get(params, "arguments");
    if (!cmd) return lsp_fail(err, LSP_INVALID_PARAMS, "command must be a string");
    if (args && !json_is_array(args))
        return lsp_fail(err, LSP_INVALID_PARAMS, "arguments must be an array");
    if (strcmp(cmd, "dossier.bibliography") == 0) return bibliography(s, args, err);
    if (strcmp(cmd, "dossier.showSources") == 0) return show_sources(s, args, err);
    return lsp_fail(err, LSP_INVALID_PARAMS, "unknown command '%.200s'", cmd);
}
