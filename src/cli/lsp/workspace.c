/* workspace.c — settings, the corpus, and the server's own requests.
 *
 * Settings (`corpus`, `style`, `debounce`) come from initializationOptions,
 * then from workspace/configuration (section "dossier") when the client
 * supports it, and from workspace/didChangeConfiguration. The corpus is the
 * `corpus` setting (relative to the workspace root; "~/" is $HOME), else
 * `dossier lsp --corpus DIR`, else $DOSSIER_CORPUS, else the installed one.
 *
 * When initialize carries a workDoneToken, the corpus loads during initialize
 * with $/progress on that token (the one notification LSP 3.17 allows before
 * the result besides messages). Otherwise, after `initialized`, the server
 * asks the client's settings, then a progress token
 * (window/workDoneProgress/create), and loads the corpus between $/progress
 * begin and end. A request that needs the corpus before that loads it at
 * once; checks wait for the answers, at most LSP_WAIT_MS. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "lsp.h"

#include "../cli.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LSP_WAIT_MS 2000

/* ------------------------------------------------------------ paths and URIs */

char *lsp_path_to_uri(const char *path) {
    char abs[PATH_MAX];
    lsp_buf b = {0};
    if (!realpath(path, abs)) {
        if (path[0] == '/' || !getcwd(abs, sizeof abs))
            snprintf(abs, sizeof abs, "%s", path);
        else {
            size_t n = strlen(abs);
            snprintf(abs + n, sizeof abs - n, "/%s", path);
        }
    }
    lsp_buf_puts(&b, "file://");
    for (const unsigned char *p = (const unsigned char *)abs; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p))
            lsp_buf_add(&b, (const char *)p, 1);
        else
            lsp_buf_printf(&b, "%%%02X", *p);
    }
    if (b.failed) {
        lsp_buf_free(&b);
        return NULL;
    }
    return b.data;
}

static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

char *lsp_uri_to_path(const char *uri) {
    if (strncmp(uri, "file://", 7) != 0) return NULL;
    const char *p = uri + 7;
    if (strncmp(p, "localhost/", 10) == 0) p += 9;
    if (*p != '/') return NULL; /* another host */
    lsp_buf b = {0};
    for (; *p; p++) {
        if (*p == '%' && hex(p[1]) >= 0 && hex(p[2]) >= 0) {
            char c = (char)(hex(p[1]) * 16 + hex(p[2]));
            if (c == '\0') break;
            lsp_buf_add(&b, &c, 1);
            p += 2;
        } else {
            lsp_buf_add(&b, p, 1);
        }
    }
    if (b.failed || !b.data) {
        lsp_buf_free(&b);
        return NULL;
    }
    return b.data;
}

static void begin_load(lsp_server *s);

/* ------------------------------------------------------------ settings */

static void warn_setting(lsp_server *s, const char *from, const char *key, const char *want) {
    lsp_show(s, 2, "dossier: %s: '%s' must be %s; setting ignored", from, key, want);
}

void lsp_apply_settings(lsp_server *s, json_t *settings, const char *from) {
    if (!json_is_object(settings)) {
        if (settings && !json_is_null(settings))
            lsp_show(s, 2, "dossier: %s must be an object; ignored", from);
        return;
    }
    const char *key;
    json_t *v;
    json_object_foreach(settings, key, v) {
        if (strcmp(key, "corpus") == 0) {
            if (!json_is_string(v) || json_string_length(v) != strlen(json_string_value(v))) {
                warn_setting(s, from, key, "a string (a directory)");
                continue;
            }
            const char *dir = json_string_value(v);
            if (s->corpus_dir && strcmp(s->corpus_dir, dir) == 0) continue;
            char *copy = strdup(dir);
            if (!copy) continue;
            free(s->corpus_dir);
            s->corpus_dir = copy;
            if (s->corpus_state != LSP_CORPUS_WAITING && !s->opt.fixed_corpus) {
                s->reload_pending = 1;
                begin_load(s);
            }
        } else if (strcmp(key, "style") == 0) {
            dossier_cite_style st = DOSSIER_CITE_PANDOC;
            if (!json_is_string(v) ||
                dossier_cite_style_parse(json_string_value(v), &st, NULL) != DOSSIER_OK) {
                /* the core's styles: "pandoc", "footnote", "inline" or "reference" */
                lsp_buf want = {0};
                size_t n = dossier_cite_style_count();
                for (size_t i = 0; i < n; i++)
                    lsp_buf_printf(&want, "%s\"%s\"",
                                   i == 0      ? ""
                                   : i + 1 < n ? ", "
                                               : " or ",
                                   dossier_cite_style_name((dossier_cite_style)i));
                warn_setting(s, from, key, want.data ? want.data : "a citation style");
                lsp_buf_free(&want);
                continue;
            }
            s->style = (int)st;
        } else if (strcmp(key, "debounce") == 0) {
            if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 10000) {
                warn_setting(s, from, key, "an integer from 0 to 10000 (milliseconds)");
                continue;
            }
            s->debounce_ms = (int)json_integer_value(v);
        } else {
            lsp_log(s, 2, "dossier: %s: unknown setting '%s' ignored", from, key);
        }
    }
}

/* The directory to load: the setting resolved against the root, else the
 * command line's, the environment's or the installed corpus. */
static char *corpus_path(lsp_server *s) {
    const char *dir = s->corpus_dir;
    char *out = NULL;
    if (!dir || !*dir) {
        out = strdup(cli_corpus_dir(s->opt.corpus_dir));
    } else if (dir[0] == '~' && dir[1] == '/' && getenv("HOME")) {
        size_t n = strlen(getenv("HOME")) + strlen(dir);
        if ((out = malloc(n + 1))) snprintf(out, n + 1, "%s%s", getenv("HOME"), dir + 1);
    } else if (dir[0] != '/' && s->root_path) {
        size_t n = strlen(s->root_path) + strlen(dir) + 2;
        if ((out = malloc(n))) snprintf(out, n, "%s/%s", s->root_path, dir);
    } else {
        out = strdup(dir);
    }
    return out;
}

/* ------------------------------------------------------------ the corpus */

static void free_article_caches(lsp_server *s) {
    for (size_t i = 0; i < s->n_articles; i++) {
        if (s->article_uri) free(s->article_uri[i]);
        if (s->article_lines) lsp_lines_free(&s->article_lines[i]);
    }
    free(s->article_uri);
    free(s->article_lines);
    s->article_uri = NULL;
    s->article_lines = NULL;
    s->n_articles = 0;
}

void lsp_corpus_free(lsp_server *s) {
    free_article_caches(s);
    if (s->corpus && s->corpus != s->opt.fixed_corpus) dossier_close(s->corpus);
    s->corpus = NULL;
    free(s->loaded_dir);
    s->loaded_dir = NULL;
    /* the check's answers were this corpus's */
    json_decref(s->check_memo);
    s->check_memo = NULL;
}

/* The name of our progress token number n. */
static json_t *token_name(int n) {
    char name[48];
    snprintf(name, sizeof name, "dossier/corpus/%d", n);
    return json_string(name);
}

static void progress(lsp_server *s, json_t *token, json_t *value) {
    lsp_notify(s, "$/progress", json_pack("{s:O,s:o}", "token", token, "value", value));
}

/* Loads the corpus now, reporting on progress token `token` (NULL: none). */
static void load(lsp_server *s, json_t *token) {
    s->reload_pending = 0;
    if (s->opt.fixed_corpus) return;
    char *dir = corpus_path(s);
    if (!dir) return;
    if (token)
        progress(s, token,
                 json_pack("{s:s,s:s,s:o}", "kind", "begin", "title", "Loading the corpus",
                           "message", lsp_json_text(dir, strlen(dir))));
    dossier_corpus *c = NULL;
    dossier_error err = {0};
    dossier_status st = dossier_open(dir, &c, &err);
    lsp_corpus_free(s);
    s->corpus_gen++;
    if (st == DOSSIER_OK) {
        s->corpus = c;
        s->corpus_state = LSP_CORPUS_LOADED;
        s->loaded_dir = dir;
        s->n_articles = dossier_article_count(c);
        s->article_uri = calloc(s->n_articles ? s->n_articles : 1, sizeof *s->article_uri);
        s->article_lines = calloc(s->n_articles ? s->n_articles : 1, sizeof *s->article_lines);
        if (!s->article_uri || !s->article_lines) {
            free_article_caches(s);
            dossier_close(c);
            s->corpus = NULL;
            s->corpus_state = LSP_CORPUS_FAILED;
            lsp_show(s, 1, "dossier: out of memory loading the corpus");
            return;
        }
        char done[160];
        snprintf(done, sizeof done, "%zu articles, %zu actors", dossier_article_count(c),
                 dossier_actor_count(c));
        if (token) progress(s, token, json_pack("{s:s,s:s}", "kind", "end", "message", done));
        lsp_log(s, 3, "corpus %s: %s", dir, done);
    } else {
        s->corpus_state = LSP_CORPUS_FAILED;
        if (token) progress(s, token, json_pack("{s:s,s:s}", "kind", "end", "message", "failed"));
        lsp_show(s, 1, "dossier: cannot load the corpus: %s", err.message);
        free(dir);
    }
    for (size_t i = 0; i < s->n_docs; i++)
        lsp_schedule_check(s, s->docs[i], 0);
}

dossier_corpus *lsp_corpus(lsp_server *s) {
    if (s->corpus_state == LSP_CORPUS_WAITING || s->reload_pending) load(s, NULL);
    return s->corpus_state == LSP_CORPUS_LOADED ? s->corpus : NULL;
}

/* ------------------------------------------------------------ asking the client */

static void ask(lsp_server *s, lsp_ask what, int token, const char *method, json_t *params) {
    size_t cap = sizeof s->asked / sizeof s->asked[0];
    if (s->n_asked == cap) { /* a client that never answers: forget the oldest */
        memmove(s->asked, s->asked + 1, (cap - 1) * sizeof s->asked[0]);
        s->n_asked--;
    }
    json_int_t id = s->next_id++;
    s->asked[s->n_asked].id = id;
    s->asked[s->n_asked].what = what;
    s->asked[s->n_asked].token = token;
    s->n_asked++;
    s->corpus_wait_ms = lsp_now(s) + LSP_WAIT_MS;
    lsp_send(s, lsp_request(id, method, params));
}

/* Loads with progress when the client shows it, else at once. */
static void begin_load(lsp_server *s) {
    if (s->work_done_progress) {
        int token = ++s->progress_seq;
        ask(s, LSP_ASK_PROGRESS, token, "window/workDoneProgress/create",
            json_pack("{s:o}", "token", token_name(token)));
    } else {
        load(s, NULL);
    }
}

static void ask_configuration(lsp_server *s) {
    ask(s, LSP_ASK_CONFIGURATION, 0, "workspace/configuration",
        json_pack("{s:[{s:s}]}", "items", "section", "dossier"));
}

void lsp_workspace_start(lsp_server *s) {
    if (s->opt.fixed_corpus) return;
    if (s->configuration)
        ask_configuration(s); /* its answer loads the corpus (or reloads another) */
    else if (s->corpus_state == LSP_CORPUS_WAITING)
        begin_load(s);
}

void lsp_load_during_initialize(lsp_server *s, json_t *token) {
    if (!s->opt.fixed_corpus && s->corpus_state == LSP_CORPUS_WAITING) load(s, token);
}

void lsp_handle_response(lsp_server *s, const lsp_message *m) {
    if (!json_is_integer(m->id)) return;
    size_t i = 0;
    while (i < s->n_asked && s->asked[i].id != json_integer_value(m->id))
        i++;
    if (i == s->n_asked) return; /* not ours, or forgotten */
    lsp_ask what = s->asked[i].what;
    int token = s->asked[i].token;
    memmove(s->asked + i, s->asked + i + 1, (s->n_asked - i - 1) * sizeof s->asked[0]);
    s->n_asked--;
    if (m->error) {
        const char *text = lsp_get_string(m->error, "message", NULL);
        lsp_log(s, 3, "the client refused %s: %s",
                what == LSP_ASK_CONFIGURATION ? "workspace/configuration"
                                              : "window/workDoneProgress/create",
                text ? text : "no message");
    }
    if (what == LSP_ASK_CONFIGURATION) {
        if (!m->error && json_is_array(m->result) && json_array_size(m->result) > 0) {
            json_t *v = json_array_get(m->result, 0);
            if (!json_is_null(v)) lsp_apply_settings(s, v, "workspace/configuration");
        }
        if (s->corpus_state == LSP_CORPUS_WAITING) begin_load(s);
    } else if (s->corpus_state == LSP_CORPUS_WAITING || s->reload_pending) {
        json_t *name = m->error ? NULL : token_name(token);
        load(s, name);
        json_decref(name);
    }
}

void lsp_did_change_configuration(lsp_server *s, json_t *params) {
    json_t *settings = json_object_get(params, "settings");
    json_t *mine = json_object_get(settings, "dossier");
    if (json_is_object(mine)) {
        lsp_apply_settings(s, mine, "settings");
    } else if (json_is_object(settings) &&
               (json_object_get(settings, "corpus") || json_object_get(settings, "style") ||
                json_object_get(settings, "debounce"))) {
        lsp_apply_settings(s, settings, "settings"); /* clients that send the section itself */
    } else if (s->configuration && !s->opt.fixed_corpus) {
        ask_configuration(s); /* the pull model: settings null, ask for them */
    }
}

/* ------------------------------------------------------------ article locations */

json_t *lsp_article_location(lsp_server *s, size_t article, size_t start, size_t end) {
    if (!s->corpus || article >= s->n_articles) return NULL;
    const dossier_article *a = dossier_article_at(s->corpus, article);
    if (!s->article_uri[article]) s->article_uri[article] = lsp_path_to_uri(a->path);
    lsp_lines *l = &s->article_lines[article];
    if (!l->start && lsp_lines_build(l, a->text, a->text_len, 1) < 0) return NULL;
    if (!s->article_uri[article]) return NULL;
    return json_pack("{s:s,s:o}", "uri", s->article_uri[article], "range",
                     lsp_range_json(s, l, a->text, a->text_len, start, end));
}
