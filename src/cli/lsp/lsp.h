/* lsp.h — `dossier lsp`: a language server (LSP 3.17) over stdio.
 *
 * One concern per file:
 *   text.c        a growable byte buffer
 *   encoding.c    UTF-8, line tables, LSP positions (UTF-16 or UTF-8 units)
 *   rpc.c         Content-Length framing and JSON-RPC 2.0 messages (jansson)
 *   params.c      typed access to request parameters, positions and ranges as JSON
 *   documents.c   open drafts: full and incremental sync, cached segmentation and scan
 *   workspace.c   settings, the corpus (loading, $/progress), article locations,
 *                 the server's own requests to the client
 *   verdict.c     what a sentence's check means and how it is shown (the one
 *                 place that reads dossier_corroborate's result)
 *   diagnostics.c the debounced, time-sliced whole-draft check
 *   hover.c, completion.c, actions.c (code actions, executeCommand),
 *   navigation.c (definition, references), tokens.c (semantic tokens),
 *   symbols.c (document symbols)
 *   server.c      lifecycle and dispatch
 *   loop.c        the `dossier lsp` command: poll() on stdin and a timer
 *
 * The server uses only the public C API (dossier.h). It never exits on bad
 * input: a malformed message gets the protocol's error response and the
 * server keeps serving. */
#ifndef DOSSIER_LSP_H
#define DOSSIER_LSP_H

#include "dossier.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* Limits, documented in the README. */
#define LSP_MAX_BODY ((size_t)16 << 20)        /* a message body (Content-Length) */
#define LSP_MAX_HEADER 8192                    /* a message's header block */
#define LSP_MAX_DOCUMENT ((size_t)16 << 20)    /* one open document */
#define LSP_MAX_OPEN_BYTES ((size_t)128 << 20) /* all open documents together */
#define LSP_MAX_DOCUMENTS 256
#define LSP_DEBOUNCE_MS 300    /* from the last edit to the check */
#define LSP_SLICE_MS 15        /* the check runs in slices this long, input read between */
#define LSP_MEMO_MAX 8192      /* answers the check keeps per corpus, at most */
#define LSP_MEMO_MAX_TEXT 2048 /* longer sentences are judged anew: the memo stays small */
#define LSP_HITS 3             /* passages judged per sentence */

/* JSON-RPC and LSP error codes. */
enum {
    LSP_PARSE_ERROR = -32700,
    LSP_INVALID_REQUEST = -32600,
    LSP_METHOD_NOT_FOUND = -32601,
    LSP_INVALID_PARAMS = -32602,
    LSP_INTERNAL_ERROR = -32603,
    LSP_SERVER_NOT_INITIALIZED = -32002,
    LSP_REQUEST_FAILED = -32803,
    LSP_REQUEST_CANCELLED = -32800
};

/* ------------------------------------------------------------ text.c */

typedef struct {
    char *data; /* NUL-terminated when not NULL */
    size_t len, cap;
    int failed; /* an allocation failed; later appends are ignored */
} lsp_buf;

int lsp_buf_reserve(lsp_buf *b, size_t extra);
void lsp_buf_add(lsp_buf *b, const char *s, size_t n);
void lsp_buf_puts(lsp_buf *b, const char *s);
void lsp_buf_printf(lsp_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void lsp_buf_free(lsp_buf *b);

/* ------------------------------------------------------------ encoding.c */

/* What Position.character counts (negotiated in initialize). */
typedef enum { LSP_UTF16 = 0, LSP_UTF8 } lsp_encoding;

const char *lsp_encoding_name(lsp_encoding e);

/* The UTF-8 sequence at s[0..n): its length, and *cp its code point, or
 * length 1 and *cp = U+FFFD for an invalid byte. n must be > 0. */
size_t lsp_utf8_next(const char *s, size_t n, uint32_t *cp);

/* Code units of s[0..n) in encoding e (an invalid byte counts as one). */
size_t lsp_units(const char *s, size_t n, lsp_encoding e);

/* A JSON string of s[0..n), invalid UTF-8 bytes read as U+FFFD. */
json_t *lsp_json_text(const char *s, size_t n);

/* A JSON message body made acceptable to the parser: invalid UTF-8 bytes and
 * unpaired surrogate escapes (\uD800) become U+FFFD. Returns 0 when nothing
 * needed changing, 1 when *out holds the repaired copy, -1 out of memory. */
int lsp_utf8_repair_json(const char *s, size_t n, lsp_buf *out);

/* Line starts of a text. Lines end at \n, \r\n or \r (LSP 3.17). With
 * skip_bom, a leading byte-order mark is not part of line 0 (editors hide it). */
typedef struct {
    size_t *start;
    size_t n; /* at least 1 */
} lsp_lines;

int lsp_lines_build(lsp_lines *l, const char *text, size_t len, int skip_bom);
void lsp_lines_free(lsp_lines *l);

/* Byte offset where line `line`'s content ends (before its line break). */
size_t lsp_line_end(const lsp_lines *l, const char *text, size_t len, size_t line);

/* The position of byte offset `off`; an offset inside a character or a line
 * break counts from that character's or break's start. */
void lsp_offset_to_position(const lsp_lines *l, const char *text, size_t len, lsp_encoding e,
                            size_t off, size_t *line, size_t *ch);

/* The byte offset of a position. A character past the line's end means the
 * line's end (LSP 3.17, Position); one inside a surrogate pair means that
 * character's start. Returns 0, or 1 when `line` is past the last line (then
 * *off is the text's end). */
int lsp_position_to_offset(const lsp_lines *l, const char *text, size_t len, lsp_encoding e,
                           size_t line, size_t ch, size_t *off);

/* ------------------------------------------------------------ rpc.c */

/* The framing state of the input stream. */
typedef struct {
    lsp_buf in;
    size_t pos;      /* first unread byte of in */
    int resync;      /* after a framing error: skipping to the next Content-Length */
    int have_header; /* a header block was read: waiting for its body */
    size_t head_len; /* that header block's length */
    size_t body_len; /* its Content-Length */
} lsp_reader;

typedef enum { LSP_READ_NONE, LSP_READ_MESSAGE, LSP_READ_ERROR } lsp_read;

void lsp_reader_init(lsp_reader *r);
void lsp_reader_free(lsp_reader *r);
int lsp_reader_push(lsp_reader *r, const char *data, size_t n);
/* The next message body (valid until the next push), a framing error
 * (explained in why), or NONE when more input is needed. */
lsp_read lsp_reader_next(lsp_reader *r, const char **body, size_t *len, char *why, size_t whylen);

typedef enum { LSP_REQUEST, LSP_NOTIFICATION, LSP_RESPONSE } lsp_kind;

typedef struct {
    lsp_kind kind;
    json_t *root;           /* owned */
    json_t *id;             /* borrowed from root; NULL for a notification */
    const char *method;     /* requests and notifications */
    json_t *params;         /* NULL when absent */
    json_t *result, *error; /* responses */
    int cancelled;          /* a $/cancelRequest for it came in the same batch */
} lsp_message;

/* Reads a parsed body as a JSON-RPC message. Returns 0, or an error code
 * (InvalidRequest) with why; *id is then the request's id when it could be
 * read, else NULL (answer with id null). */
int lsp_message_read(json_t *root, lsp_message *m, json_t **id, char *why, size_t whylen);

/* Message builders; each steals its json_t arguments. */
json_t *lsp_response(json_t *id, json_t *result);
json_t *lsp_error_response(json_t *id, int code, const char *message);
json_t *lsp_notification(const char *method, json_t *params);
json_t *lsp_request(json_int_t id, const char *method, json_t *params);

/* "Content-Length: N\r\n\r\n" and the compact JSON of msg, appended to out. */
int lsp_frame(const json_t *msg, lsp_buf *out);

/* ------------------------------------------------------------ documents.c */

/* One check of a document in progress (diagnostics.c). */
typedef struct lsp_check lsp_check;

typedef struct lsp_doc {
    char *uri;
    char *text; /* NUL-terminated; may hold NUL bytes */
    size_t len;
    long long version;
    lsp_lines lines;
    /* caches, dropped on every edit */
    dossier_range *sentences;
    size_t n_sentences;
    int have_sentences;
    dossier_matches actors;
    unsigned actors_gen; /* corpus generation the scan was made with; 0 none */
    int actors_failed;   /* the scan refused this text (a pattern over its budget) */
    /* the check */
    long long due_ms; /* when the next check starts, or -1 */
    lsp_check *check; /* the check under way, or NULL */
} lsp_doc;

/* ------------------------------------------------------------ server state */

typedef struct {
    /* where messages go: the whole framed message in one call */
    void (*write)(void *ctx, const char *data, size_t len);
    void *write_ctx;
    /* milliseconds on a monotonic clock */
    long long (*clock_ms)(void *ctx);
    void *clock_ctx;
    const char *corpus_dir; /* --corpus, else $DOSSIER_CORPUS, else the installed one */
    int debounce_ms;        /* < 0: the default */
    /* A corpus opened by the caller, used as is: settings never reload it
     * and the server never closes it (the fuzz target). */
    dossier_corpus *fixed_corpus;
    int no_writes; /* refuse executeCommand's file writes (the fuzz target) */
} lsp_options;

typedef enum {
    LSP_STATE_NEW,      /* before initialize */
    LSP_STATE_RUNNING,  /* initialize answered */
    LSP_STATE_SHUTDOWN, /* shutdown answered: only exit is accepted */
    LSP_STATE_EXITED
} lsp_state;

/* What the server asked the client and waits an answer for. */
typedef enum { LSP_ASK_CONFIGURATION = 1, LSP_ASK_PROGRESS } lsp_ask;

/* Where the corpus stands. */
typedef enum {
    LSP_CORPUS_WAITING, /* not loaded: waiting for the client's settings or progress token */
    LSP_CORPUS_LOADED,
    LSP_CORPUS_FAILED
} lsp_corpus_state;

typedef struct lsp_server {
    lsp_options opt;
    lsp_reader reader;
    lsp_state state;
    int exit_code;

    /* the client, from initialize */
    lsp_encoding enc;
    int md_hover, md_completion; /* MarkupContent markdown accepted */
    int related_info;            /* Diagnostic.relatedInformation */
    int document_changes;        /* WorkspaceEdit.documentChanges */
    int hierarchical_symbols;    /* DocumentSymbol[] rather than SymbolInformation[] */
    int multiline_tokens;        /* a semantic token may cross a line break */
    int work_done_progress;      /* window/workDoneProgress/create */
    int configuration;           /* workspace/configuration */
    long long parent_pid;        /* processId, 0 when not given */
    char *root_path;             /* the workspace root, for relative corpus paths */

    /* settings */
    char *corpus_dir; /* as configured (resolved against root_path when loading) */
    int style;        /* dossier_cite_style offered first */
    int debounce_ms;

    /* the corpus */
    dossier_corpus *corpus;
    lsp_corpus_state corpus_state;
    unsigned corpus_gen; /* bumped at each load, so caches know theirs is stale */
    json_t *check_memo;  /* the check's answers for this corpus (diagnostics.c), or NULL */
    char *loaded_dir;    /* the directory the corpus came from */
    char **article_uri;  /* per article: file:// URI, made when first needed */
    lsp_lines *article_lines;
    size_t n_articles;
    int progress_seq;         /* progress tokens made */
    int reload_pending;       /* the settings name another corpus: load it before use */
    long long corpus_wait_ms; /* checks wait for the client's answers until then */

    /* open documents */
    lsp_doc **docs;
    size_t n_docs, cap_docs;
    size_t open_bytes;

    /* requests to the client awaiting their answer */
    struct {
        json_int_t id;
        lsp_ask what;
        int token; /* LSP_ASK_PROGRESS: the token's number */
    } asked[16];
    size_t n_asked;
    json_int_t next_id;
    size_t cancelled; /* requests answered RequestCancelled */
} lsp_server;

/* A request's failure: code and message for the error response. */
typedef struct {
    int code;
    char message[512];
} lsp_error;

/* Fills err; returns NULL so a handler can `return lsp_fail(...)`. */
json_t *lsp_fail(lsp_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A request handler returns its result (json_null() for null) or NULL with
 * err filled. A notification handler returns nothing. */
typedef json_t *(*lsp_request_fn)(lsp_server *s, json_t *params, lsp_error *err);
typedef void (*lsp_notify_fn)(lsp_server *s, json_t *params);

/* ------------------------------------------------------------ server.c */

lsp_server *lsp_server_new(const lsp_options *opt);
void lsp_server_free(lsp_server *s);
/* Bytes from the client: every complete message in them is handled. */
void lsp_server_feed(lsp_server *s, const char *data, size_t len);
/* The input ended (the client went away): the exit code to use, 0 after
 * shutdown and 1 before. */
int lsp_server_eof(lsp_server *s);
/* Milliseconds until there is work to do (0: now), or -1 for none. */
long long lsp_server_timeout(lsp_server *s);
/* Does the work that is due (checks, in slices). */
void lsp_server_tick(lsp_server *s);
/* True once `exit` came; *code is the exit code. */
int lsp_server_exited(const lsp_server *s, int *code);

long long lsp_now(lsp_server *s);
void lsp_send(lsp_server *s, json_t *msg); /* steals msg */
void lsp_notify(lsp_server *s, const char *method, json_t *params);
/* window/logMessage (type 1 error .. 4 log) and window/showMessage. */
void lsp_log(lsp_server *s, int type, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void lsp_show(lsp_server *s, int type, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* ------------------------------------------------------------ params.c */

/* params.textDocument.uri of an open document. */
lsp_doc *lsp_param_doc(lsp_server *s, json_t *params, lsp_error *err);
/* A Position object as a byte offset in doc (InvalidParams when it is not
 * one, or when its line is past the document's last line). */
int lsp_param_position(lsp_server *s, const lsp_doc *doc, json_t *pos, size_t *off, lsp_error *err);
/* params.textDocument and params.position together. */
lsp_doc *lsp_param_doc_position(lsp_server *s, json_t *params, size_t *off, lsp_error *err);
/* A non-negative integer member no larger than max; -1 when absent, -2 when wrong. */
long long lsp_get_uint(json_t *obj, const char *key, long long max);
/* A string member (NULL when absent or not a string); *len its length. */
const char *lsp_get_string(json_t *obj, const char *key, size_t *len);
/* Whether obj.a.b.c... (a path of keys, NULL-terminated) is JSON true. */
int lsp_get_flag(json_t *obj, ...);
json_t *lsp_get_path(json_t *obj, ...);

/* Positions and ranges of a text, in the client's encoding. */
json_t *lsp_position_json(const lsp_server *s, const lsp_lines *l, const char *text, size_t len,
                          size_t off);
json_t *lsp_range_json(const lsp_server *s, const lsp_lines *l, const char *text, size_t len,
                       size_t start, size_t end);
json_t *lsp_doc_range(const lsp_server *s, const lsp_doc *d, size_t start, size_t end);

/* ------------------------------------------------------------ documents.c */

void lsp_did_open(lsp_server *s, json_t *params);
void lsp_did_change(lsp_server *s, json_t *params);
void lsp_did_close(lsp_server *s, json_t *params);
lsp_doc *lsp_doc_find(lsp_server *s, const char *uri);
void lsp_docs_free(lsp_server *s);
/* The draft's sentences (cached until the next edit); NULL with *n = 0 on failure. */
const dossier_range *lsp_doc_sentences(lsp_doc *d, size_t *n);
/* The actor mentions in the draft (cached), or NULL when there is no corpus
 * or the corpus refused the text. */
const dossier_matches *lsp_doc_actors(lsp_server *s, lsp_doc *d);
/* The prose sentence holding offset off (or ending right before it). */
const dossier_range *lsp_doc_sentence_at(lsp_doc *d, size_t off);
/* The actor mention holding offset off (its end included, so that a cursor
 * right after a name finds it). */
const dossier_span *lsp_doc_actor_at(lsp_server *s, lsp_doc *d, size_t off);

/* ------------------------------------------------------------ workspace.c */

/* Applies settings (initializationOptions or the "dossier" section of the
 * configuration); reloads the corpus when its directory changed. `from`
 * names the source in messages. */
void lsp_apply_settings(lsp_server *s, json_t *settings, const char *from);
/* After `initialized`: ask the settings, then load the corpus with progress. */
void lsp_workspace_start(lsp_server *s);
/* During initialize, with the client's workDoneToken: load the corpus now. */
void lsp_load_during_initialize(lsp_server *s, json_t *token);
/* The corpus, loaded now if it was not yet; NULL when it failed to load. */
dossier_corpus *lsp_corpus(lsp_server *s);
void lsp_corpus_free(lsp_server *s);
/* A client's answer to one of our requests. */
void lsp_handle_response(lsp_server *s, const lsp_message *m);
void lsp_did_change_configuration(lsp_server *s, json_t *params);
/* A Location of bytes [start, end) of an article file. */
json_t *lsp_article_location(lsp_server *s, size_t article, size_t start, size_t end);
/* A file:// URI for a path (made absolute). malloc'd. */
char *lsp_path_to_uri(const char *path);
/* The path of a file:// URI (percent-decoded), or NULL. malloc'd. */
char *lsp_uri_to_path(const char *uri);

/* ------------------------------------------------------------ verdict.c */

/* What the sources say of one sentence (the core's dossier_verdict). */
typedef enum { LSP_SUPPORTED, LSP_CONTRADICTED, LSP_UNVERIFIED } lsp_outcome;

typedef struct {
    size_t passage;
    double coverage;
    int supports; /* the passage says what the sentence says */
} lsp_evidence;

typedef struct {
    lsp_outcome outcome;
    size_t n_sources;   /* distinct articles supporting it */
    lsp_evidence *hits; /* best first */
    size_t n_hits;
    char *conflict; /* contradicted: what the source says instead (malloc'd), else NULL */
    dossier_severity severity; /* the core's: what its diagnostic is, if any */
    dossier_corroboration raw;
} lsp_verdict;

int lsp_judge(const dossier_corpus *c, const char *text, size_t len, size_t limit, lsp_verdict *out,
              dossier_error *err);
void lsp_verdict_free(lsp_verdict *v);
/* "supported by 2 sources", "not corroborated by the sources", ... */
const char *lsp_outcome_label(lsp_outcome o);
/* The diagnostic for a sentence [start, end) of doc with verdict v, of the
 * core's severity, or NULL when there is nothing to say (supported). */
json_t *lsp_verdict_diagnostic(lsp_server *s, lsp_doc *d, const lsp_verdict *v, size_t start,
                               size_t end);
/* The diagnostic for a quotation [start, end) of doc, or NULL when exact. */
json_t *lsp_quote_diagnostic(lsp_server *s, lsp_doc *d, const dossier_quote_result *q, size_t start,
                             size_t end);

/* ------------------------------------------------------------ diagnostics.c */

/* Schedules the check of d `delay_ms` from now (an edit: the debounce). */
void lsp_schedule_check(lsp_server *s, lsp_doc *d, long long delay_ms);
/* Runs due checks for at most `budget_ms`; returns 1 while one is unfinished. */
int lsp_run_checks(lsp_server *s, long long budget_ms);
void lsp_check_free(lsp_check *c);
/* Empty diagnostics for a closed document. */
void lsp_clear_diagnostics(lsp_server *s, const char *uri);

/* ------------------------------------------------------------ features */

json_t *lsp_hover(lsp_server *s, json_t *params, lsp_error *err);
json_t *lsp_completion(lsp_server *s, json_t *params, lsp_error *err);
json_t *lsp_code_action(lsp_server *s, json_t *params, lsp_error *err);
json_t *lsp_execute_command(lsp_server *s, json_t *params, lsp_error *err);
json_t *lsp_definition(lsp_server *s, json_t *params, lsp_error *err);
json_t *lsp_references(lsp_server *s, json_t *params, lsp_error *err);
json_t *lsp_semantic_tokens(lsp_server *s, json_t *params, lsp_error *err);
json_t *lsp_document_symbols(lsp_server *s, json_t *params, lsp_error *err);

/* The semantic token legend (tokens.c), for initialize's result. */
json_t *lsp_token_legend(void);
/* The commands of workspace/executeCommand (actions.c). */
json_t *lsp_command_names(void);

/* Markdown or plain text: text with markdown's special characters escaped
 * when md (hover.c). */
void lsp_md_text(lsp_buf *b, const char *s, size_t n, int md);
/* A sentence's verdict and passages, as hover shows them (hover.c). */
void lsp_verdict_text(lsp_server *s, lsp_buf *b, const lsp_verdict *v, int md);
/* "Title (publisher, date)" of an article, for labels (hover.c). */
void lsp_article_label(lsp_buf *b, const dossier_article *a, int md);

#endif
