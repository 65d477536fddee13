/* server.c — the server's lifecycle and the dispatch of messages.
 *
 * Lifecycle (LSP 3.17): before `initialize` every request is refused with
 * ServerNotInitialized and notifications are dropped (except `exit`); after
 * `shutdown` every request is refused with InvalidRequest; `exit` ends the
 * server with 0 after `shutdown`, 1 otherwise. Unknown requests get
 * MethodNotFound; unknown notifications are dropped ("$/" ones silently, the
 * others with a log message). Requests are answered in the order they came;
 * a $/cancelRequest that arrives with its request, before it was handled,
 * makes it fail with RequestCancelled. */
#include "lsp.h"

#include "../cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

json_t *lsp_fail(lsp_error *err, int code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    err->code = code;
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return NULL;
}

long long lsp_now(lsp_server *s) {
    return s->opt.clock_ms(s->opt.clock_ctx);
}

void lsp_send(lsp_server *s, json_t *msg) {
    lsp_buf out = {0};
    if (lsp_frame(msg, &out) == 0) s->opt.write(s->opt.write_ctx, out.data, out.len);
    lsp_buf_free(&out);
    json_decref(msg);
}

void lsp_notify(lsp_server *s, const char *method, json_t *params) {
    lsp_send(s, lsp_notification(method, params));
}

static void message(lsp_server *s, const char *method, int type, const char *fmt, va_list ap) {
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *text = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (text) {
        vsnprintf(text, (size_t)n + 1, fmt, again);
        lsp_notify(s, method,
                   json_pack("{s:i,s:o}", "type", type, "message", lsp_json_text(text, (size_t)n)));
    }
    va_end(again);
    free(text);
}

void lsp_log(lsp_server *s, int type, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    message(s, "window/logMessage", type, fmt, ap);
    va_end(ap);
}

void lsp_show(lsp_server *s, int type, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    message(s, "window/showMessage", type, fmt, ap);
    va_end(ap);
}

/* ------------------------------------------------------------ lifecycle */

static int has_string(json_t *arr, const char *want) {
    size_t i;
    json_t *v;
    if (!json_is_array(arr)) return 0;
    json_array_foreach(arr, i, v) if (json_is_string(v) &&
                                      strcmp(json_string_value(v), want) == 0) return 1;
    return 0;
}

static void read_client_capabilities(lsp_server *s, json_t *caps) {
    s->enc = has_string(lsp_get_path(caps, "general", "positionEncodings", NULL), "utf-8")
                 ? LSP_UTF8
                 : LSP_UTF16;
    s->md_hover =
        has_string(lsp_get_path(caps, "textDocument", "hover", "contentFormat", NULL), "markdown");
    s->md_completion = has_string(lsp_get_path(caps, "textDocument", "completion", "completionItem",
                                               "documentationFormat", NULL),
                                  "markdown");
    s->related_info =
        lsp_get_flag(caps, "textDocument", "publishDiagnostics", "relatedInformation", NULL);
    s->document_changes = lsp_get_flag(caps, "workspace", "workspaceEdit", "documentChanges", NULL);
    s->hierarchical_symbols = lsp_get_flag(caps, "textDocument", "documentSymbol",
                                           "hierarchicalDocumentSymbolSupport", NULL);
    s->multiline_tokens =
        lsp_get_flag(caps, "textDocument", "semanticTokens", "multilineTokenSupport", NULL);
    s->work_done_progress = lsp_get_flag(caps, "window", "workDoneProgress", NULL);
    s->configuration = lsp_get_flag(caps, "workspace", "configuration", NULL);
}

/* The workspace root, for corpus paths given relative to it. */
static void read_root(lsp_server *s, json_t *params) {
    const char *uri = lsp_get_string(params, "rootUri", NULL);
    json_t *folders = json_object_get(params, "workspaceFolders");
    if (!uri && json_is_array(folders) && json_array_size(folders) > 0)
        uri = lsp_get_string(json_array_get(folders, 0), "uri", NULL);
    char *path = uri ? lsp_uri_to_path(uri) : NULL;
    if (!path) {
        const char *p = lsp_get_string(params, "rootPath", NULL);
        if (p && *p) path = strdup(p);
    }
    free(s->root_path);
    s->root_path = path;
}

static json_t *capabilities(lsp_server *s) {
    json_t *caps = json_object();
    json_object_set_new(caps, "positionEncoding", json_string(lsp_encoding_name(s->enc)));
    json_object_set_new(caps, "textDocumentSync",
                        json_pack("{s:b,s:i}", "openClose", 1, "change", 2 /* Incremental */));
    json_object_set_new(caps, "hoverProvider", json_true());
    json_object_set_new(caps, "completionProvider",
                        json_pack("{s:[s],s:b}", "triggerCharacters", "@", "resolveProvider", 0));
    json_object_set_new(caps, "definitionProvider", json_true());
    json_object_set_new(caps, "referencesProvider", json_true());
    json_object_set_new(caps, "documentSymbolProvider", json_true());
    json_object_set_new(caps, "codeActionProvider",
                        json_pack("{s:[s]}", "codeActionKinds", "quickfix"));
    json_object_set_new(caps, "executeCommandProvider",
                        json_pack("{s:o}", "commands", lsp_command_names()));
    json_object_set_new(
        caps, "semanticTokensProvider",
        json_pack("{s:o,s:b,s:b}", "legend", lsp_token_legend(), "full", 1, "range", 0));
    return caps;
}

static json_t *on_initialize(lsp_server *s, json_t *params, lsp_error *err) {
    if (!json_is_object(params))
        return lsp_fail(err, LSP_INVALID_PARAMS, "initialize: params must be an object");
    json_t *pid = json_object_get(params, "processId");
    if (pid && !json_is_null(pid) && !json_is_integer(pid))
        return lsp_fail(err, LSP_INVALID_PARAMS,
                        "initialize: processId must be an integer or null");
    json_t *caps = json_object_get(params, "capabilities");
    if (caps && !json_is_object(caps))
        return lsp_fail(err, LSP_INVALID_PARAMS, "initialize: capabilities must be an object");
    s->parent_pid =
        json_is_integer(pid) && json_integer_value(pid) > 0 ? json_integer_value(pid) : 0;
    read_client_capabilities(s, caps);
    read_root(s, params);
    json_t *opts = json_object_get(params, "initializationOptions");
    if (opts && !json_is_null(opts)) lsp_apply_settings(s, opts, "initializationOptions");
    json_t *token = json_object_get(params, "workDoneToken");
    if (json_is_string(token) || json_is_integer(token)) lsp_load_during_initialize(s, token);
    s->state = LSP_STATE_RUNNING;
    return json_pack("{s:o,s:{s:s,s:s}}", "capabilities", capabilities(s), "serverInfo", "name",
                     "dossier", "version", DOSSIER_VERSION);
}

static void on_initialized(lsp_server *s, json_t *params) {
    lsp_workspace_start(s);
}

static json_t *on_shutdown(lsp_server *s, json_t *params, lsp_error *err) {
    s->state = LSP_STATE_SHUTDOWN;
    return json_null();
}

static void ignore(lsp_server *s, json_t *params) {}

/* ------------------------------------------------------------ dispatch */

typedef struct {
    const char *method;
    lsp_request_fn request; /* NULL: a notification */
    lsp_notify_fn notify;
} lsp_method;

static const lsp_method methods[] = {
    {"initialize", on_initialize, NULL},
    {"initialized", NULL, on_initialized},
    {"shutdown", on_shutdown, NULL},
    {"textDocument/didOpen", NULL, lsp_did_open},
    {"textDocument/didChange", NULL, lsp_did_change},
    {"textDocument/didClose", NULL, lsp_did_close},
    {"textDocument/didSave", NULL, ignore},
    {"textDocument/hover", lsp_hover, NULL},
    {"textDocument/completion", lsp_completion, NULL},
    {"textDocument/codeAction", lsp_code_action, NULL},
    {"textDocument/definition", lsp_definition, NULL},
    {"textDocument/references", lsp_references, NULL},
    {"textDocument/documentSymbol", lsp_document_symbols, NULL},
    {"textDocument/semanticTokens/full", lsp_semantic_tokens, NULL},
    {"workspace/executeCommand", lsp_execute_command, NULL},
    {"workspace/didChangeConfiguration", NULL, lsp_did_change_configuration},
    {"workspace/didChangeWorkspaceFolders", NULL, ignore},
};
#define N_METHODS (sizeof methods / sizeof methods[0])

static const lsp_method *find_method(const char *name) {
    for (size_t i = 0; i < N_METHODS; i++)
        if (strcmp(methods[i].method, name) == 0) return &methods[i];
    return NULL;
}

static void reply_error(lsp_server *s, json_t *id, int code, const char *text) {
    lsp_send(s, lsp_error_response(id, code, text));
}

static void handle_request(lsp_server *s, lsp_message *m) {
    char text[600];
    if (m->cancelled) {
        s->cancelled++;
        return reply_error(s, m->id, LSP_REQUEST_CANCELLED, "request cancelled");
    }
    int initialize = strcmp(m->method, "initialize") == 0;
    if (s->state == LSP_STATE_NEW && !initialize)
        return reply_error(s, m->id, LSP_SERVER_NOT_INITIALIZED,
                           "the server is not initialized: send initialize first");
    if (s->state == LSP_STATE_SHUTDOWN)
        return reply_error(s, m->id, LSP_INVALID_REQUEST,
                           "the server is shut down: only the exit notification is accepted");
    if (s->state == LSP_STATE_RUNNING && initialize)
        return reply_error(s, m->id, LSP_INVALID_REQUEST, "initialize was already received");
    const lsp_method *fn = find_method(m->method);
    if (!fn || !fn->request) {
        snprintf(text, sizeof text,
                 fn ? "'%.200s' is a notification, not a request" : "unknown method '%.200s'",
                 m->method);
        return reply_error(s, m->id, fn ? LSP_INVALID_REQUEST : LSP_METHOD_NOT_FOUND, text);
    }
    if (m->params && !json_is_object(m->params))
        return reply_error(s, m->id, LSP_INVALID_PARAMS, "params must be an object");
    lsp_error err = {0};
    json_t *result = fn->request(s, m->params, &err);
    if (!result) {
        if (!err.code) {
            err.code = LSP_INTERNAL_ERROR;
            snprintf(err.message, sizeof err.message, "%s: out of memory", m->method);
        }
        return reply_error(s, m->id, err.code, err.message);
    }
    lsp_send(s, lsp_response(m->id, result));
}

static void handle_notification(lsp_server *s, lsp_message *m) {
    if (strcmp(m->method, "exit") == 0) {
        s->exit_code = s->state == LSP_STATE_SHUTDOWN ? 0 : 1;
        s->state = LSP_STATE_EXITED;
        return;
    }
    if (s->state != LSP_STATE_RUNNING) return;             /* dropped, as the protocol says */
    if (strcmp(m->method, "$/cancelRequest") == 0) return; /* done in lsp_server_feed */
    const lsp_method *fn = find_method(m->method);
    if (fn && fn->notify) {
        if (m->params && !json_is_object(m->params)) {
            lsp_log(s, 2, "%s: params must be an object; notification ignored", m->method);
            return;
        }
        fn->notify(s, m->params);
        return;
    }
    if (strncmp(m->method, "$/", 2) == 0) return; /* optional notifications */
    lsp_log(s, 3, "%s: %s; ignored", m->method,
            fn ? "a request sent as a notification" : "unknown notification");
}

/* One body: JSON-RPC read, then handled. */
typedef struct {
    lsp_message m;
    int error;    /* an error to answer instead */
    json_t *id;   /* its id, or NULL for null */
    int repaired; /* bad UTF-8 was replaced: said when the message is handled */
    char why[400];
} batch_entry;

static void parse_body(lsp_server *s, const char *body, size_t len, batch_entry *e) {
    lsp_buf fixed = {0};
    int repaired = lsp_utf8_repair_json(body, len, &fixed);
    if (repaired < 0) {
        e->error = LSP_INTERNAL_ERROR;
        snprintf(e->why, sizeof e->why, "out of memory reading a message");
        lsp_buf_free(&fixed);
        return;
    }
    e->repaired = repaired;
    json_error_t je;
    json_t *root = json_loadb(repaired ? fixed.data : body, repaired ? fixed.len : len,
                              JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
    lsp_buf_free(&fixed);
    if (!root) {
        e->error = LSP_PARSE_ERROR;
        snprintf(e->why, sizeof e->why, "invalid JSON at line %d, column %d: %s", je.line,
                 je.column, je.text);
        return;
    }
    int code = lsp_message_read(root, &e->m, &e->id, e->why, sizeof e->why);
    if (code) {
        e->error = code;
        if (e->id) json_incref(e->id);
        json_decref(root);
        memset(&e->m, 0, sizeof e->m);
        return;
    }
    e->id = NULL; /* the message's own id (e->m.id) is borrowed from its root */
}

/* Marks the requests of the batch that a later $/cancelRequest names. */
static void apply_cancellations(batch_entry *b, size_t n) {
    for (size_t i = 0; i < n; i++) {
        lsp_message *m = &b[i].m;
        if (b[i].error || m->kind != LSP_NOTIFICATION || strcmp(m->method, "$/cancelRequest") != 0)
            continue;
        json_t *id = m->params ? json_object_get(m->params, "id") : NULL;
        if (!id) continue;
        for (size_t j = 0; j < i; j++)
            if (!b[j].error && b[j].m.kind == LSP_REQUEST && json_equal(b[j].m.id, id))
                b[j].m.cancelled = 1;
    }
}

void lsp_server_feed(lsp_server *s, const char *data, size_t len) {
    if (s->state == LSP_STATE_EXITED) return;
    if (lsp_reader_push(&s->reader, data, len) < 0)
        lsp_log(s, 1, "out of memory reading input: %zu bytes dropped", len);
    batch_entry *batch = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        const char *body;
        size_t blen;
        char why[300];
        lsp_read r = lsp_reader_next(&s->reader, &body, &blen, why, sizeof why);
        if (r == LSP_READ_NONE) break;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            batch_entry *nb = realloc(batch, ncap * sizeof *nb);
            if (!nb) break; /* the rest stays in the reader for the next feed */
            batch = nb;
            cap = ncap;
        }
        batch_entry *e = &batch[n++];
        memset(e, 0, sizeof *e);
        if (r == LSP_READ_ERROR) {
            e->error = LSP_PARSE_ERROR;
            snprintf(e->why, sizeof e->why, "invalid header: %s", why);
            continue;
        }
        parse_body(s, body, blen, e);
    }
    apply_cancellations(batch, n);
    for (size_t i = 0; i < n; i++) {
        batch_entry *e = &batch[i];
        if (e->repaired && s->state != LSP_STATE_EXITED)
            lsp_log(s, 2, "message with invalid UTF-8: the bad bytes were read as U+FFFD");
        if (s->state == LSP_STATE_EXITED) {
            /* nothing is read after exit */
        } else if (e->error) {
            reply_error(s, e->id, e->error, e->why);
        } else if (e->m.kind == LSP_REQUEST) {
            handle_request(s, &e->m);
        } else if (e->m.kind == LSP_NOTIFICATION) {
            handle_notification(s, &e->m);
        } else {
            lsp_handle_response(s, &e->m);
        }
        json_decref(e->id);
        json_decref(e->m.root);
    }
    free(batch);
}

/* ------------------------------------------------------------ the server */

lsp_server *lsp_server_new(const lsp_options *opt) {
    lsp_server *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->opt = *opt;
    lsp_reader_init(&s->reader);
    s->debounce_ms = opt->debounce_ms >= 0 ? opt->debounce_ms : LSP_DEBOUNCE_MS;
    s->style = DOSSIER_CITE_PANDOC;
    s->next_id = 1;
    s->corpus_state = LSP_CORPUS_WAITING;
    if (opt->fixed_corpus) {
        s->corpus = opt->fixed_corpus;
        s->corpus_state = LSP_CORPUS_LOADED;
        s->corpus_gen = 1;
        s->n_articles = dossier_article_count(s->corpus);
        s->article_uri = calloc(s->n_articles ? s->n_articles : 1, sizeof *s->article_uri);
        s->article_lines = calloc(s->n_articles ? s->n_articles : 1, sizeof *s->article_lines);
        if (!s->article_uri || !s->article_lines) {
            lsp_server_free(s);
            return NULL;
        }
    }
    return s;
}

void lsp_server_free(lsp_server *s) {
    if (!s) return;
    lsp_docs_free(s);
    lsp_corpus_free(s);
    lsp_reader_free(&s->reader);
    free(s->root_path);
    free(s->corpus_dir);
    free(s);
}

int lsp_server_eof(lsp_server *s) {
    if (s->state == LSP_STATE_EXITED) return s->exit_code;
    /* the client went away without exit: fine after shutdown, a failure before */
    s->exit_code = s->state == LSP_STATE_SHUTDOWN ? 0 : 1;
    s->state = LSP_STATE_EXITED;
    return s->exit_code;
}

int lsp_server_exited(const lsp_server *s, int *code) {
    if (s->state != LSP_STATE_EXITED) return 0;
    *code = s->exit_code;
    return 1;
}

long long lsp_server_timeout(lsp_server *s) {
    if (s->state == LSP_STATE_EXITED) return 0;
    long long now = lsp_now(s), best = -1;
    /* checks wait for the client's answers (workspace.c), up to a deadline */
    long long hold =
        s->corpus_state == LSP_CORPUS_WAITING && s->n_asked > 0 ? s->corpus_wait_ms : 0;
    for (size_t i = 0; i < s->n_docs; i++) {
        lsp_doc *d = s->docs[i];
        if (d->check) return 0;
        if (d->due_ms < 0) continue;
        long long due = d->due_ms > hold ? d->due_ms : hold;
        long long wait = due > now ? due - now : 0;
        if (best < 0 || wait < best) best = wait;
    }
    return best;
}

void lsp_server_tick(lsp_server *s) {
    if (s->state != LSP_STATE_RUNNING && s->state != LSP_STATE_SHUTDOWN) return;
    lsp_run_checks(s, LSP_SLICE_MS);
}
