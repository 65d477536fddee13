/*
 * lua_dossier.c — the Lua binding of the Dossier core: module `dossier.core`.
 *
 * The only file that includes Lua headers. Written against the Lua 5.2+ API;
 * lua_compat.h back-fills what Lua 5.1 and LuaJIT lack. The Makefile compiles
 * it twice (LuaJIT headers → lua/dossier/core.so for Neovim, Lua 5.4 headers
 * → build/lua5.4/dossier/core.so); it is not linked with liblua and exports
 * only luaopen_dossier_core.
 *
 * ------------------------------------------------------------------ API
 *
 * Positions. Byte offsets are 1-based and inclusive: `first`, `last`, so
 * `text:sub(x.first, x.last)` is the span. Lines and columns are 1-based and
 * columns count bytes. Paragraph numbers and passage indexes are 1-based
 * (passage indexes are global across the corpus: the C index + 1). Article
 * and actor ids are strings.
 *
 * Errors. A caller's mistake (wrong argument type, nil text, bad limit,
 * unknown style or format, a method called on a closed corpus) raises an
 * error whose message starts with "dossier: "; where the core makes the check
 * (a style, a format: DOSSIER_ERR_ARG), the message is the core's. A runtime
 * failure (missing
 * directory, malformed YAML, unknown article, passage or actor) returns
 * `nil, message, code` where code is the core's status name ("io", "parse",
 * "invalid", "notfound", ...). Texts must be Lua strings (numbers are not
 * coerced).
 *
 * core.version                  → "0.1.0" (DOSSIER_VERSION)
 * core.styles                   → {"pandoc", "footnote", "inline", "reference"}
 *                                 the citation styles corpus:cite takes, from
 *                                 the core's style table (first = default)
 * core.open(dir [, {cache = c, wordnet = w}]) → corpus | nil, msg, code
 *     c: nil (the default: $DOSSIER_CACHE, else the user's cache directory),
 *        false or "off", "user", "corpus" (beside the articles), or a directory
 *     w: a WordNet directory, or false for none (nil: dossier.yaml, else the default)
 *     related_warm = true: a small corpus with a cache and no valid related-terms
 *        file yet gets its own words' related terms worked out and written by
 *        the open (dossier_open_opts; pending:cancel() stops it)
 *     prepare = true: a small corpus's articles get what the verdict reads of
 *        them made by the open, not by the first check (for open_async)
 * core.open_async(dir [, opts])  → pending (the open runs on a thread of its own)
 *     pending:poll()      → nil while loading, then corpus | nil, msg, code
 *     pending:gazetteer() → a corpus with the actors alone once loaded, else nil
 *     pending:progress()  → done, total (articles), "gazetteer"|"index"|"done"
 *     pending:cancel()    → stops the open at its next article (or word warmed)
 * core.segment(text)            → { {first, last, paragraph, kind}, ... }
 *                                 kind: "prose" | "furniture" | "heading"
 * core.quotations(text)         → { {first, last, text}, ... }
 *                                 the text inside each quote pair, marks excluded
 *
 * corpus:articles()             → { article, ... } in corpus order, where
 *     article = {id, key, title, publisher, author, date, date_note, language,
 *                type, container, url, path, passages = n,
 *                first_passage = index of its first passage}
 * corpus:article(id_or_key)     → article | nil, msg, "notfound"
 * corpus:passage(i)             → passage | nil, msg, "notfound"
 *     passage = {index, article = <id>, paragraph, first, last, line, col,
 *                end_line, end_col, kind, text}
 *     first/last are offsets in the article file; line/col is the passage's
 *     first byte, end_line/end_col its last byte; text is the passage bytes.
 * corpus:passages(id_or_key)    → { passage, ... } (every kind) | nil, msg, code
 * corpus:actors()               → { actor, ... } where
 *     actor = {id, name, kind ("person"|"state"|"org"|"place"|"event"), role,
 *              note, aliases = {...}, standins = {...}, demonyms = {...},
 *              short = {...}, sources = {article ids},
 *              patterns = {regular-expression aliases}}
 * corpus:actor(id)              → actor plus
 *     mentions = { {article, passage, first, last, line, col, text,
 *                   sentence = <passage text>, standin, demonym, short,
 *                   pattern}, ... }   (first/last/line/col in the article file)
 *     counts   = { [article id] = mentions in it, ... }
 *     cooccurs = { {id, name, count}, ... }  up to 8, most frequent first
 *   | nil, msg, "notfound"
 * corpus:scan(text)             → { span, ... } in text order, where
 *     span = {first, last, text, actor = <id> | nil,
 *             kind = <actor kind> | "ambiguous", standin, demonym, short,
 *             pattern (booleans), ambiguous = {candidate ids} | nil}
 * corpus:corroborate(text [, {limit = n, features = bool}])  (limit: positive integer, default 5)
 *     → {verdict = "supported"|"contradicted"|"unverified", corroborated = bool
 *        (exactly when supported), sources = n, threshold = x, content = n,
 *        hits = { {article, title, publisher, passage, score, coverage,
 *                  matched = {terms}, line, col, end_line, end_col, first,
 *                  last, kind, path, text, stance = "supports"|"contradicts"|
 *                  "related", support,
 *                  evidence = {aligned = {{claim, source}}, missing = {words},
 *                              conflicts = {{kind, claim, source, context,
 *                                            line, col}}},
 *                  features, features_resolved (with features = true)}, ...}}
 *       best first; matched actors appear as "@id"; title and publisher are
 *       those of the hit's article, as in corpus:articles().
 * corpus:corroborate_batch(texts [, opts])  (opts as corroborate's)
 *     → batch: the claims texts = {string, ...} corroborated on threads of
 *       the core's own (dossier_batch_start) while the caller goes on
 * batch:result(i [, wait])      → nil while texts[i] is being worked out (wait:
 *                                 waits instead), then corroborate's table for
 *                                 it | nil, msg, code
 * batch:close()                 → stops the claims not begun; idempotent, also
 *                                 run by __gc and by corpus:close()
 * corpus:wordnet([open])        → state ("open"|"unused"|"unavailable"), dir, why
 * core.features()               → {name, ...} of the features above
 * corpus:check_quote(text)
 *     → {verdict = "exact"|"altered"|"none", similarity,
 *        article, passage, line, col, first, last, source}
 *       (only verdict and similarity when "none")
 * corpus:cite(ref [, style])    → text, definition | nil
 *     ref: article id or key (string), passage index (integer), or
 *          {article = id_or_key, passage = i} (either may be left out, not both)
 *     style: "pandoc" (default) | "footnote" | "inline" | "reference"
 *     definition is the footnote line for "footnote", nil otherwise.
 *     Unknown article/passage → nil, msg, "notfound".
 * corpus:bibliography(format)   → string; format "csl" (CSL JSON) | "bibtex"
 * corpus:cache_info()           → {state = "none"|"hit"|"built"|"rebuilt"|"updated"|
 *                                  "unavailable", path, notice, articles_read,
 *                                  articles_indexed, files_hashed}
 * corpus:notices()              → { message, ... }: what the corpus opened
 *                                 without (no actors.yaml), each naming its file
 * corpus:close()                → idempotent; also run by __gc and __close
 * tostring(corpus)              → "dossier.corpus (N articles, M actors)" |
 *                                 "dossier.corpus (closed)"
 *
 * Memory. Lua types are checked before the core is called. Results the core
 * malloc's are held in a scratch userdata whose __gc frees them, converted to
 * Lua values, then freed explicitly before returning; so even a memory error
 * raised by the Lua API during conversion leaks nothing, and no explicit
 * raise ever happens while C memory is held (core_failed releases the
 * scratch before it raises the core's refusal). No C globals: all state is
 * in the corpus userdata.
 */
#define _DEFAULT_SOURCE /* syscall(SYS_gettid), for the build thread's priority */
#include "dossier.h"

#include <lauxlib.h>
#include <lua.h>

#include "lua_compat.h"

#include <pthread.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CORPUS_MT "dossier.corpus"
#define SCRATCH_MT "dossier.scratch"
#define BATCH_MT "dossier.batch"
#define MAX_COOCCUR 8

typedef struct batch_box batch_box;

typedef struct {
    dossier_corpus *c;  /* NULL once closed */
    batch_box *batches; /* the batches reading it (corpus:corroborate_batch) */
} corpus_box;

/* ------------------------------------------------------------------ errors */

/* Raises "dossier: <fn>: <message>". Never called while C memory is held. */
static int throw_arg(lua_State *L, const char *fn, const char *fmt, ...) {
    va_list ap;
    lua_pushstring(L, "dossier: ");
    lua_pushstring(L, fn);
    lua_pushstring(L, ": ");
    va_start(ap, fmt);
    lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    lua_concat(L, 4);
    return lua_error(L);
}

/* A short description of the value at i for error messages: numbers and
 * strings as themselves, other values by type name. */
static const char *describe(lua_State *L, int i) {
    switch (lua_type(L, i)) {
    case LUA_TNUMBER:
        lua_pushvalue(L, i);
        return lua_tostring(L, -1); /* converts the copy, not the argument */
    case LUA_TSTRING:
        return lua_pushfstring(L, "'%s'", lua_tostring(L, i));
    default:
        return luaL_typename(L, i);
    }
}

/* Runtime failure: nil, message, code. */
static int fail(lua_State *L, dossier_status s, const dossier_error *err) {
    const char *code = dossier_status_name(s);
    lua_pushnil(L);
    if (err != NULL && err->message[0] != '\0')
        lua_pushstring(L, err->message);
    else
        lua_pushstring(L, code != NULL ? code : "error");
    lua_pushstring(L, code != NULL ? code : "error");
    return 3;
}

static int fail_msg(lua_State *L, const char *code, const char *fmt, ...) {
    va_list ap;
    lua_pushnil(L);
    va_start(ap, fmt);
    lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    lua_pushstring(L, code);
    return 3;
}

/* ------------------------------------------------------------------ arguments */

/* A string argument (numbers are not accepted as text). */
static const char *check_text(lua_State *L, int i, const char *fn, const char *what, size_t *len) {
    if (lua_type(L, i) != LUA_TSTRING)
        throw_arg(L, fn, "%s must be a string, got %s", what, describe(L, i));
    return lua_tolstring(L, i, len);
}

/* 1 and *out when the value at i is a number with an integral value. On Lua
 * 5.1/LuaJIT every number is a double: integrality is checked here rather
 * than trusting lua_tointeger/luaL_checkinteger, which truncate 2.5 there
 * (and raise on 5.3+). */
static int get_integer(lua_State *L, int i, lua_Integer *out) {
    lua_Number d;
    if (lua_type(L, i) != LUA_TNUMBER) return 0;
#if DOSSIER_HAS_INTEGERS
    if (lua_isinteger(L, i)) {
        *out = lua_tointeger(L, i);
        return 1;
    }
#endif
    d = lua_tonumber(L, i);
    /* exactly representable range; also rejects NaN and infinities */
    if (!(d >= -9007199254740992.0 && d <= 9007199254740992.0)) return 0;
    if ((lua_Number)(lua_Integer)d != d) return 0;
    *out = (lua_Integer)d;
    return 1;
}

static corpus_box *check_box(lua_State *L, const char *fn) {
    corpus_box *b = (corpus_box *)luaL_testudata(L, 1, CORPUS_MT);
    if (b == NULL)
        throw_arg(L, fn, "expected a dossier.corpus as self (call it as corpus:%s(...)), got %s",
                  fn + (strncmp(fn, "corpus:", 7) == 0 ? 7 : 0), describe(L, 1));
    return b;
}

static dossier_corpus *check_corpus(lua_State *L, const char *fn) {
    corpus_box *b = check_box(L, fn);
    if (b->c == NULL) luaL_error(L, "dossier: corpus is closed");
    return b->c;
}

/* ------------------------------------------------------------------ calling the core */

/* Owner of whatever the core malloc'd for one call, and of the call's error;
 * freed explicitly on the way out, or by __gc if a Lua memory error
 * interrupts the conversion. */
typedef struct {
    dossier_error err;
    dossier_range *ranges;
    size_t n_ranges;
    dossier_matches matches;
    dossier_corroboration corr;
    dossier_quote_result quote;
    char *s1, *s2;
} scratch;

static scratch *new_scratch(lua_State *L) {
    scratch *s = (scratch *)lua_newuserdata(L, sizeof *s);
    memset(s, 0, sizeof *s);
    luaL_setmetatable(L, SCRATCH_MT);
    return s;
}

static void scratch_release(scratch *s) {
    dossier_free(s->ranges);
    dossier_matches_free(&s->matches);
    dossier_corroboration_free(&s->corr);
    dossier_quote_result_free(&s->quote);
    dossier_free(s->s1);
    dossier_free(s->s2);
    memset(s, 0, sizeof *s);
}

static int scratch_gc(lua_State *L) {
    scratch *s = (scratch *)luaL_testudata(L, 1, SCRATCH_MT);
    if (s != NULL) scratch_release(s);
    return 0;
}

/* Values a runtime failure returns: nil, message, code. */
#define FAILED 3

/* Where every core call that fills s ends: 0 when it succeeded, and the
 * caller converts the results. On failure the core's memory is released
 * first; then a caller's mistake (DOSSIER_ERR_ARG: the core's checks are the
 * only ones) raises "dossier: <fn>: <message>", and anything else pushes
 * nil, message, code for the caller to return (FAILED). */
static int core_failed(lua_State *L, scratch *s, const char *fn, dossier_status st) {
    dossier_error err;
    if (st == DOSSIER_OK) return 0;
    err = s->err;
    scratch_release(s);
    if (st == DOSSIER_ERR_ARG) return throw_arg(L, fn, "%s", err.message);
    return fail(L, st, &err);
}

/* Releases s once its results are converted; returns n, the results pushed. */
static int done(scratch *s, int n) {
    scratch_release(s);
    return n;
}

/* ------------------------------------------------------------------ table helpers */

static void set_str(lua_State *L, const char *k, const char *v) {
    if (v == NULL) return;
    lua_pushstring(L, v);
    lua_setfield(L, -2, k);
}

static void set_int(lua_State *L, const char *k, lua_Integer v) {
    lua_pushinteger(L, v);
    lua_setfield(L, -2, k);
}

static void set_num(lua_State *L, const char *k, double v) {
    lua_pushnumber(L, (lua_Number)v);
    lua_setfield(L, -2, k);
}

static void set_bool(lua_State *L, const char *k, int v) {
    lua_pushboolean(L, v != 0);
    lua_setfield(L, -2, k);
}

/* Pushes text[start, end) clamped to len. */
static void push_slice(lua_State *L, const char *text, size_t len, size_t start, size_t end) {
    if (text == NULL || start > len) start = end = 0;
    if (end > len) end = len;
    if (end < start) end = start;
    lua_pushlstring(L, text != NULL ? text + start : "", end - start);
}

static void set_slice(lua_State *L, const char *k, const char *text, size_t len, size_t start,
                      size_t end) {
    push_slice(L, text, len, start, end);
    lua_setfield(L, -2, k);
}

/* first/last (1-based inclusive) from a half-open 0-based range. */
static void set_range(lua_State *L, size_t start, size_t end) {
    set_int(L, "first", (lua_Integer)start + 1);
    set_int(L, "last", (lua_Integer)end);
}

/* Pushes item i of a list; ctx is the list's owner. */
typedef void (*push_item)(lua_State *L, const void *ctx, size_t i);

/* Pushes the list {push(0), ..., push(n - 1)}: every list the binding returns. */
static void push_list(lua_State *L, size_t n, push_item push, const void *ctx) {
    size_t i;
    lua_createtable(L, (int)n, 0);
    for (i = 0; i < n; i++) {
        push(L, ctx, i);
        lua_rawseti(L, -2, (int)i + 1);
    }
}

static void push_string_item(lua_State *L, const void *ctx, size_t i) {
    const char *s = ((const dossier_strings *)ctx)->items[i];
    lua_pushstring(L, s != NULL ? s : "");
}

static void set_strings(lua_State *L, const char *k, dossier_strings s) {
    push_list(L, s.n, push_string_item, &s);
    lua_setfield(L, -2, k);
}

static void set_flags(lua_State *L, unsigned flags) {
    set_bool(L, "standin", flags & DOSSIER_MATCH_STANDIN);
    set_bool(L, "demonym", flags & DOSSIER_MATCH_DEMONYM);
    set_bool(L, "short", flags & DOSSIER_MATCH_SHORT);
    set_bool(L, "pattern", flags & DOSSIER_MATCH_PATTERN);
}

/* ------------------------------------------------------------------ corpus objects */

static void push_article(lua_State *L, const dossier_article *a) {
    lua_createtable(L, 0, 15);
    if (a == NULL) return;
    set_str(L, "id", a->id);
    set_str(L, "key", a->key);
    set_str(L, "title", a->title);
    set_str(L, "publisher", a->publisher);
    set_str(L, "author", a->author);
    set_str(L, "date", a->date);
    set_str(L, "date_note", a->date_note);
    set_str(L, "language", a->language);
    set_str(L, "type", a->type);
    set_str(L, "container", a->container);
    set_str(L, "url", a->url);
    set_str(L, "doi", a->doi);
    set_str(L, "path", a->path);
    set_int(L, "passages", (lua_Integer)a->n_passages);
    set_int(L, "first_passage", (lua_Integer)a->first_passage + 1);
}

static void push_article_item(lua_State *L, const void *c, size_t i) {
    push_article(L, dossier_article_at((const dossier_corpus *)c, i));
}

/* Pushes the text of passage p (or "" if p is NULL). */
static void push_passage_text(lua_State *L, const dossier_corpus *c, const dossier_passage *p) {
    const dossier_article *a = p != NULL ? dossier_article_at(c, p->article) : NULL;
    if (a == NULL)
        lua_pushliteral(L, "");
    else
        push_slice(L, a->text, a->text_len, p->start, p->end);
}

static const char *article_id(const dossier_corpus *c, size_t article) {
    const dossier_article *a = dossier_article_at(c, article);
    return a != NULL ? a->id : NULL;
}

static void push_passage(lua_State *L, const dossier_corpus *c, size_t idx) {
    const dossier_passage *p = dossier_passage_at(c, idx);
    lua_createtable(L, 0, 12);
    set_int(L, "index", (lua_Integer)idx + 1);
    if (p == NULL) return;
    set_str(L, "article", article_id(c, p->article));
    set_int(L, "paragraph", (lua_Integer)p->paragraph + 1);
    set_range(L, p->start, p->end);
    set_int(L, "line", p->line);
    set_int(L, "col", p->col);
    set_int(L, "end_line", p->end_line);
    set_int(L, "end_col", p->end_col);
    set_str(L, "kind", dossier_passage_kind_name(p->kind));
    push_passage_text(L, c, p);
    lua_setfield(L, -2, "text");
}

static void push_actor(lua_State *L, const dossier_actor *a) {
    lua_createtable(L, 0, 16);
    if (a == NULL) return;
    set_str(L, "id", a->id);
    set_str(L, "name", a->name);
    set_str(L, "kind", dossier_kind_name(a->kind));
    set_str(L, "role", a->role);
    set_str(L, "note", a->note);
    set_strings(L, "aliases", a->aliases);
    set_strings(L, "standins", a->standins);
    set_strings(L, "demonyms", a->demonyms);
    set_strings(L, "short", a->shorts);
    set_strings(L, "sources", a->sources);
    set_strings(L, "patterns", a->patterns);
}

static void push_actor_item(lua_State *L, const void *c, size_t i) {
    push_actor(L, dossier_actor_at((const dossier_corpus *)c, i));
}

static const char *actor_id(const dossier_corpus *c, long i) {
    const dossier_actor *a = i >= 0 ? dossier_actor_at(c, (size_t)i) : NULL;
    return a != NULL ? a->id : NULL;
}

/* "12" for messages about any lua_Integer (lua_pushfstring's %d is an int). */
static const char *int_str(lua_State *L, lua_Integer v) {
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)v);
    lua_pushstring(L, buf); /* returns void on 5.1 */
    return lua_tostring(L, -1);
}

/* ------------------------------------------------------------------ module functions */

/* The directory argument of core.open and core.open_async. */
static const char *check_dir(lua_State *L, const char *fn) {
    size_t len;
    const char *dir = check_text(L, 1, fn, "dir", &len);
    if (strlen(dir) != len) throw_arg(L, fn, "dir must not contain NUL bytes");
    return dir;
}

/* Field `name` of the options table at index 2: nil (0) or a boolean. */
static int bool_option(lua_State *L, const char *fn, const char *name) {
    lua_getfield(L, 2, name);
    int on = lua_toboolean(L, -1);
    if (!lua_isboolean(L, -1) && !lua_isnil(L, -1))
        throw_arg(L, fn, "%s must be a boolean, got %s", name, describe(L, -1));
    lua_pop(L, 1);
    return on;
}

/* The options table at index 2 of core.open / core.open_async: {cache =
 * nil | false | "off" | "user" | "corpus" | <directory>, wordnet = nil |
 * false | <directory>, related_warm = nil | boolean, prepare = nil | boolean}.
 * o->cache_dir and o->wordnet point into the Lua strings, which the options
 * table on the caller's stack keeps. */
static void check_open_opts(lua_State *L, const char *fn, dossier_open_opts *o) {
    memset(o, 0, sizeof *o);
    if (lua_isnoneornil(L, 2)) return;
    if (!lua_istable(L, 2)) throw_arg(L, fn, "options must be a table, got %s", describe(L, 2));
    lua_pushnil(L);
    while (lua_next(L, 2) != 0) {
        if (lua_type(L, -2) != LUA_TSTRING || (strcmp(lua_tostring(L, -2), "cache") != 0 &&
                                               strcmp(lua_tostring(L, -2), "wordnet") != 0 &&
                                               strcmp(lua_tostring(L, -2), "related_warm") != 0 &&
                                               strcmp(lua_tostring(L, -2), "prepare") != 0))
            throw_arg(L, fn, "unknown option %s (expected cache, wordnet, related_warm, prepare)",
                      describe(L, -2));
        lua_pop(L, 1);
    }
    lua_getfield(L, 2, "cache");
    if (lua_type(L, -1) == LUA_TBOOLEAN && !lua_toboolean(L, -1)) {
        o->cache = DOSSIER_CACHE_OFF;
    } else if (lua_type(L, -1) == LUA_TSTRING) {
        size_t n;
        const char *v = lua_tolstring(L, -1, &n);
        if (n == 0 || strlen(v) != n)
            throw_arg(L, fn, "cache must be \"off\", \"user\", \"corpus\" or a directory, got %s",
                      describe(L, -1));
        if (strcmp(v, "off") == 0)
            o->cache = DOSSIER_CACHE_OFF;
        else if (strcmp(v, "user") == 0)
            o->cache = DOSSIER_CACHE_USER;
        else if (strcmp(v, "corpus") == 0)
            o->cache = DOSSIER_CACHE_CORPUS;
        else
            o->cache = DOSSIER_CACHE_DIR, o->cache_dir = v;
    } else if (!lua_isnil(L, -1)) {
        throw_arg(L, fn, "cache must be \"off\", \"user\", \"corpus\" or a directory, got %s",
                  describe(L, -1));
    }
    lua_pop(L, 1); /* the string stays referenced by the options table */
    lua_getfield(L, 2, "wordnet");
    if (lua_isboolean(L, -1) && !lua_toboolean(L, -1)) {
        o->wordnet = "";
    } else if (lua_type(L, -1) == LUA_TSTRING) {
        size_t wl;
        o->wordnet = lua_tolstring(L, -1, &wl);
        if (strlen(o->wordnet) != wl) throw_arg(L, fn, "wordnet must not contain NUL bytes");
    } else if (!lua_isnil(L, -1)) {
        throw_arg(L, fn, "wordnet must be a directory or false, got %s", describe(L, -1));
    }
    lua_pop(L, 1);
    o->related_warm = bool_option(L, fn, "related_warm");
    o->prepare = bool_option(L, fn, "prepare");
}

/* A new corpus userdata owning c. */
static void push_corpus(lua_State *L, dossier_corpus *c) {
    corpus_box *b = (corpus_box *)lua_newuserdata(L, sizeof *b);
    b->c = NULL;
    b->batches = NULL;
    luaL_setmetatable(L, CORPUS_MT);
    b->c = c;
}

static int l_open(lua_State *L) {
    const char *dir = check_dir(L, "core.open");
    dossier_open_opts o;
    corpus_box *b;
    dossier_error err;
    dossier_status s;
    check_open_opts(L, "core.open", &o);
    b = (corpus_box *)lua_newuserdata(L, sizeof *b);
    b->c = NULL;
    b->batches = NULL;
    luaL_setmetatable(L, CORPUS_MT);
    memset(&err, 0, sizeof err);
    s = dossier_open_ex(dir, &o, &b->c, &err);
    if (s != DOSSIER_OK) {
        if (b->c != NULL) dossier_close(b->c);
        b->c = NULL;
        return fail(L, s, &err);
    }
    return 1;
}

/* ------------------------------------------------------------------ opening off the caller's
 * thread
 *
 * core.open_async runs dossier_open_ex on a thread of its own, so an editor
 * keeps its main loop: the gazetteer alone first (enough to highlight
 * names), then the whole corpus. The job is shared by the thread and the
 * pending handle and freed by the last of them to let go; the handle never
 * waits for the thread (a collected handle cancels it through the progress
 * callback, and the thread frees what it made). */

typedef struct {
    pthread_mutex_t mu;
    int refs; /* the thread and the handle */
    char *dir, *cache_dir, *wordnet;
    dossier_open_opts opts;
    /* written by the thread under mu */
    size_t done, total;
    int stage; /* 0: gazetteer loading, 1: index loading, 2: finished */
    dossier_corpus *gazetteer, *corpus;
    dossier_status status;
    dossier_error err;
    int cancelled; /* set by the handle */
} open_job;

typedef struct {
    open_job *job;
    int gazetteer_ref, corpus_ref; /* registry references to what Lua was given */
} pending_box;

#define PENDING_MT "dossier.pending"

static void job_release(open_job *j) {
    int last;
    pthread_mutex_lock(&j->mu);
    last = --j->refs == 0;
    pthread_mutex_unlock(&j->mu);
    if (!last) return;
    dossier_close(j->gazetteer);
    dossier_close(j->corpus);
    pthread_mutex_destroy(&j->mu);
    free(j->dir);
    free(j->cache_dir);
    free(j->wordnet);
    free(j);
}

static int job_progress(void *ctx, size_t done, size_t total) {
    open_job *j = (open_job *)ctx;
    int stop;
    pthread_mutex_lock(&j->mu);
    j->done = done;
    j->total = total;
    stop = j->cancelled;
    pthread_mutex_unlock(&j->mu);
    return stop;
}

static void *job_run(void *arg) {
    open_job *j = (open_job *)arg;
#ifdef __linux__
    /* a background build yields the CPU to the editor's own thread */
    (void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
#endif
    dossier_open_opts g;
    dossier_corpus *gz = NULL, *c = NULL;
    dossier_error err;
    dossier_status s;
    memset(&g, 0, sizeof g);
    g.gazetteer_only = 1;
    memset(&err, 0, sizeof err);
    if (dossier_open_ex(j->dir, &g, &gz, &err) != DOSSIER_OK)
        gz = NULL; /* the full open says why */
    pthread_mutex_lock(&j->mu);
    j->gazetteer = gz;
    j->stage = 1;
    pthread_mutex_unlock(&j->mu);
    s = dossier_open_ex(j->dir, &j->opts, &c, &err);
    pthread_mutex_lock(&j->mu);
    j->corpus = c;
    j->status = s;
    j->err = err;
    j->stage = 2;
    pthread_mutex_unlock(&j->mu);
    job_release(j);
    return NULL;
}

static char *copy_string(const char *s) {
    char *d = s != NULL ? (char *)malloc(strlen(s) + 1) : NULL;
    if (d != NULL) memcpy(d, s, strlen(s) + 1);
    return d;
}

static int l_open_async(lua_State *L) {
    static const char *const fn = "core.open_async";
    const char *dir = check_dir(L, fn);
    dossier_open_opts o;
    pending_box *b;
    open_job *j;
    pthread_t t;
    pthread_attr_t attr;
    int started;
    check_open_opts(L, fn, &o);
    b = (pending_box *)lua_newuserdata(L, sizeof *b);
    b->job = NULL;
    b->gazetteer_ref = b->corpus_ref = LUA_NOREF;
    luaL_setmetatable(L, PENDING_MT);
    j = (open_job *)calloc(1, sizeof *j);
    if (j == NULL) return fail_msg(L, "memory", "%s: out of memory", fn);
    j->dir = copy_string(dir);
    j->opts = o;
    if (o.cache_dir != NULL) j->opts.cache_dir = j->cache_dir = copy_string(o.cache_dir);
    if (o.wordnet != NULL) j->opts.wordnet = j->wordnet = copy_string(o.wordnet);
    j->opts.progress = job_progress;
    j->opts.progress_ctx = j;
    j->refs = 2;
    if (j->dir == NULL || (o.cache_dir != NULL && j->cache_dir == NULL) ||
        (o.wordnet != NULL && j->wordnet == NULL) || pthread_mutex_init(&j->mu, NULL) != 0) {
        free(j->dir);
        free(j->cache_dir);
        free(j->wordnet);
        free(j);
        return fail_msg(L, "memory", "%s: out of memory", fn);
    }
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    started = pthread_create(&t, &attr, job_run, j) == 0;
    pthread_attr_destroy(&attr);
    if (!started) {
        j->refs = 1;
        job_release(j);
        return fail_msg(L, "io", "%s: cannot start a thread", fn);
    }
    b->job = j;
    return 1;
}

static pending_box *check_pending(lua_State *L, const char *fn) {
    pending_box *b = (pending_box *)luaL_testudata(L, 1, PENDING_MT);
    if (b == NULL) throw_arg(L, fn, "expected a dossier.pending as self, got %s", describe(L, 1));
    return b;
}

/* Pushes the corpus a registry reference holds. */
static void push_ref(lua_State *L, int ref) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
}

/* pending:poll() -> nil while loading; then the corpus, or nil, msg, code
 * (the same answer every later call). */
static int p_poll(lua_State *L) {
    pending_box *b = check_pending(L, "pending:poll");
    open_job *j = b->job;
    int stage;
    dossier_corpus *c;
    dossier_status st;
    dossier_error err;
    if (b->corpus_ref != LUA_NOREF) {
        push_ref(L, b->corpus_ref);
        return 1;
    }
    if (j == NULL) return fail_msg(L, "memory", "pending:poll: the open never started");
    pthread_mutex_lock(&j->mu);
    stage = j->stage;
    c = j->corpus;
    st = j->status;
    err = j->err;
    if (stage == 2) j->corpus = NULL; /* Lua's from now on */
    pthread_mutex_unlock(&j->mu);
    if (stage < 2) {
        lua_pushnil(L);
        return 1;
    }
    if (c == NULL) return fail(L, st != DOSSIER_OK ? st : DOSSIER_ERR_IO, &err);
    push_corpus(L, c);
    lua_pushvalue(L, -1);
    b->corpus_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return 1;
}

/* pending:gazetteer() -> a corpus with the actors alone (no articles), as
 * soon as the thread has it; nil before, or when actors.yaml failed. */
static int p_gazetteer(lua_State *L) {
    pending_box *b = check_pending(L, "pending:gazetteer");
    open_job *j = b->job;
    dossier_corpus *g = NULL;
    if (b->gazetteer_ref == LUA_NOREF && j != NULL) {
        pthread_mutex_lock(&j->mu);
        if (j->stage >= 1) {
            g = j->gazetteer;
            j->gazetteer = NULL;
        }
        pthread_mutex_unlock(&j->mu);
        if (g == NULL) {
            lua_pushnil(L);
            return 1;
        }
        push_corpus(L, g);
        b->gazetteer_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    }
    if (b->gazetteer_ref == LUA_NOREF) {
        lua_pushnil(L);
        return 1;
    }
    push_ref(L, b->gazetteer_ref);
    return 1;
}

/* pending:progress() -> articles done, articles in all, and the stage:
 * "gazetteer", "index" or "done". */
static int p_progress(lua_State *L) {
    pending_box *b = check_pending(L, "pending:progress");
    static const char *const stages[] = {"gazetteer", "index", "done"};
    size_t done = 0, total = 0;
    int stage = 2;
    if (b->job != NULL) {
        pthread_mutex_lock(&b->job->mu);
        done = b->job->done;
        total = b->job->total;
        stage = b->job->stage;
        pthread_mutex_unlock(&b->job->mu);
    }
    lua_pushinteger(L, (lua_Integer)done);
    lua_pushinteger(L, (lua_Integer)total);
    lua_pushstring(L, stages[stage]);
    return 3;
}

/* pending:cancel(): the thread stops at its next article (poll then says
 * "cancelled"; a related_warm open's work stops at its next 64 words, and
 * poll gives the corpus); safe to call twice, and after the open finished (no effect). */
static int p_cancel(lua_State *L) {
    pending_box *b = check_pending(L, "pending:cancel");
    if (b->job != NULL) {
        pthread_mutex_lock(&b->job->mu);
        b->job->cancelled = 1;
        pthread_mutex_unlock(&b->job->mu);
    }
    return 0;
}

static int p_gc(lua_State *L) {
    pending_box *b = (pending_box *)luaL_testudata(L, 1, PENDING_MT);
    if (b == NULL) return 0;
    if (b->job != NULL) {
        pthread_mutex_lock(&b->job->mu);
        b->job->cancelled = 1;
        pthread_mutex_unlock(&b->job->mu);
        job_release(b->job);
        b->job = NULL;
    }
    luaL_unref(L, LUA_REGISTRYINDEX, b->gazetteer_ref);
    luaL_unref(L, LUA_REGISTRYINDEX, b->corpus_ref);
    b->gazetteer_ref = b->corpus_ref = LUA_NOREF;
    return 0;
}

static int p_tostring(lua_State *L) {
    pending_box *b = check_pending(L, "tostring");
    char buf[96];
    int stage = 2;
    size_t done = 0, total = 0;
    if (b->job != NULL) {
        pthread_mutex_lock(&b->job->mu);
        stage = b->job->stage;
        done = b->job->done;
        total = b->job->total;
        pthread_mutex_unlock(&b->job->mu);
    }
    if (stage == 2)
        snprintf(buf, sizeof buf, "dossier.pending (done)");
    else
        snprintf(buf, sizeof buf, "dossier.pending (loading, %zu of %zu articles)", done, total);
    lua_pushstring(L, buf);
    return 1;
}

/* core.features() -> {name, ...}: the features a hit carries with
 * {features = true}, in the model's order */
static int l_features(lua_State *L) {
    size_t i, n = dossier_feature_count();
    lua_createtable(L, (int)n, 0);
    for (i = 0; i < n; i++) {
        lua_pushstring(L, dossier_feature_name(i));
        lua_rawseti(L, -2, (int)i + 1);
    }
    return 1;
}

/* A text and ranges in it: what core.segment and core.quotations list. */
typedef struct {
    const char *text;
    size_t len;
    const dossier_range *ranges;
} text_ranges;

static void push_sentence(lua_State *L, const void *ctx, size_t i) {
    const dossier_range *r = &((const text_ranges *)ctx)->ranges[i];
    lua_createtable(L, 0, 4);
    set_range(L, r->start, r->end);
    set_int(L, "paragraph", (lua_Integer)r->paragraph + 1);
    set_str(L, "kind", dossier_passage_kind_name(r->kind));
}

static void push_quotation(lua_State *L, const void *ctx, size_t i) {
    const text_ranges *tr = (const text_ranges *)ctx;
    const dossier_range *r = &tr->ranges[i];
    lua_createtable(L, 0, 3);
    set_range(L, r->start, r->end);
    set_slice(L, "text", tr->text, tr->len, r->start, r->end);
}

/* core.segment and core.quotations: the ranges a core function finds in a
 * text, each pushed by `push`. */
typedef dossier_status (*range_finder)(const char *text, size_t len, dossier_range **out, size_t *n,
                                       dossier_error *err);

static int text_ranges_of(lua_State *L, const char *fn, range_finder find, push_item push) {
    text_ranges tr;
    scratch *s;
    tr.text = check_text(L, 1, fn, "text", &tr.len);
    s = new_scratch(L);
    if (core_failed(L, s, fn, find(tr.text, tr.len, &s->ranges, &s->n_ranges, &s->err)))
        return FAILED;
    tr.ranges = s->ranges;
    push_list(L, s->n_ranges, push, &tr);
    return done(s, 1);
}

static int l_segment(lua_State *L) {
    return text_ranges_of(L, "core.segment", dossier_segment, push_sentence);
}

static int l_quotations(lua_State *L) {
    return text_ranges_of(L, "core.quotations", dossier_find_quotations, push_quotation);
}

/* The optional style argument i (default pandoc) into *out; 0 when it raised
 * (a caller's mistake: not a string, or a style the core does not have). */
static int opt_style(lua_State *L, int i, const char *fn, dossier_cite_style *out) {
    dossier_error err;
    *out = DOSSIER_CITE_PANDOC;
    if (lua_isnoneornil(L, i)) return 1;
    if (lua_type(L, i) != LUA_TSTRING) {
        throw_arg(L, fn, "style must be a string, got %s", describe(L, i));
        return 0;
    }
    memset(&err, 0, sizeof err);
    if (dossier_cite_style_parse(lua_tostring(L, i), out, &err) != DOSSIER_OK) {
        throw_arg(L, fn, "%s", err.message);
        return 0;
    }
    return 1;
}

/* core.cite_place(sentence, citation [, style]) -> first, last, text: the
 * bytes first..last (1-based, inclusive; last = first - 1 for an insertion)
 * of sentence that text replaces to put the citation where a writer puts it
 * (dossier_cite_place). */
static int l_cite_place(lua_State *L) {
    static const char *const fn = "core.cite_place";
    size_t len;
    const char *sentence = check_text(L, 1, fn, "sentence", &len);
    const char *citation = check_text(L, 2, fn, "citation", NULL);
    dossier_cite_style style;
    dossier_cite_edit e;
    scratch *s;
    if (!opt_style(L, 3, fn, &style)) return 0;
    s = new_scratch(L);
    if (core_failed(L, s, fn, dossier_cite_place(sentence, len, style, citation, &e, &s->err)))
        return FAILED;
    s->s1 = e.text; /* released with the scratch */
    lua_pushinteger(L, (lua_Integer)e.start + 1);
    lua_pushinteger(L, (lua_Integer)e.end);
    lua_pushstring(L, e.text);
    return done(s, 3);
}

/* ------------------------------------------------------------------ corpus methods */

static int m_articles(lua_State *L) {
    dossier_corpus *c = check_corpus(L, "corpus:articles");
    push_list(L, dossier_article_count(c), push_article_item, c);
    return 1;
}

/* The article argument 2 names by id or key (NULL when none has it); *id
 * gets the name, for the message. */
static const dossier_article *arg_article(lua_State *L, const dossier_corpus *c, const char *fn,
                                          const char *what, const char **id) {
    long i;
    *id = check_text(L, 2, fn, what, NULL);
    i = dossier_article_find(c, *id);
    return i >= 0 ? dossier_article_at(c, (size_t)i) : NULL;
}

static int m_article(lua_State *L) {
    dossier_corpus *c = check_corpus(L, "corpus:article");
    const char *id;
    const dossier_article *a = arg_article(L, c, "corpus:article", "id_or_key", &id);
    if (a == NULL) return fail_msg(L, "notfound", "unknown article '%s'", id);
    push_article(L, a);
    return 1;
}

static int m_passage(lua_State *L) {
    dossier_corpus *c = check_corpus(L, "corpus:passage");
    lua_Integer i;
    size_t n = dossier_passage_count(c);
    if (!get_integer(L, 2, &i))
        return throw_arg(L, "corpus:passage", "index must be an integer, got %s", describe(L, 2));
    if (i < 1 || (size_t)i > n)
        return fail_msg(L, "notfound", "no passage %s (the corpus has passages 1..%s)",
                        int_str(L, i), int_str(L, (lua_Integer)n));
    push_passage(L, c, (size_t)(i - 1));
    return 1;
}

/* The passages of one article. */
typedef struct {
    const dossier_corpus *c;
    size_t first;
} passage_run;

static void push_passage_item(lua_State *L, const void *ctx, size_t i) {
    const passage_run *run = (const passage_run *)ctx;
    push_passage(L, run->c, run->first + i);
}

static int m_passages(lua_State *L) {
    dossier_corpus *c = check_corpus(L, "corpus:passages");
    const char *id;
    const dossier_article *a = arg_article(L, c, "corpus:passages", "article", &id);
    passage_run run;
    if (a == NULL) return fail_msg(L, "notfound", "unknown article '%s'", id);
    run.c = c;
    run.first = a->first_passage;
    push_list(L, a->n_passages, push_passage_item, &run);
    return 1;
}

static void push_notice_item(lua_State *L, const void *ctx, size_t i) {
    lua_pushstring(L, dossier_notice_at((const dossier_corpus *)ctx, i));
}

static int m_notices(lua_State *L) {
    dossier_corpus *c = check_corpus(L, "corpus:notices");
    push_list(L, dossier_notice_count(c), push_notice_item, c);
    return 1;
}

static int m_actors(lua_State *L) {
    dossier_corpus *c = check_corpus(L, "corpus:actors");
    push_list(L, dossier_actor_count(c), push_actor_item, c);
    return 1;
}

static int m_actor(lua_State *L) {
    dossier_corpus *c = check_corpus(L, "corpus:actor");
    const char *id = check_text(L, 2, "corpus:actor", "id", NULL);
    long ai = dossier_actor_find(c, id);
    const dossier_actor *a = ai >= 0 ? dossier_actor_at(c, (size_t)ai) : NULL;
    const dossier_mention *m;
    dossier_cooccurrence co[MAX_COOCCUR];
    size_t n = 0, i, nco;
    if (a == NULL) return fail_msg(L, "notfound", "unknown actor '%s'", id);
    push_actor(L, a);

    m = dossier_actor_mentions(c, (size_t)ai, &n);
    if (m == NULL) n = 0;
    lua_createtable(L, (int)n, 0); /* mentions */
    lua_newtable(L);               /* counts */
    for (i = 0; i < n; i++) {
        const dossier_passage *p = dossier_passage_at(c, m[i].passage);
        const dossier_article *art = p != NULL ? dossier_article_at(c, p->article) : NULL;
        lua_createtable(L, 0, 12);
        if (art != NULL) set_str(L, "article", art->id);
        set_int(L, "passage", (lua_Integer)m[i].passage + 1);
        set_range(L, m[i].start, m[i].end);
        set_int(L, "line", m[i].line);
        set_int(L, "col", m[i].col);
        if (art != NULL) set_slice(L, "text", art->text, art->text_len, m[i].start, m[i].end);
        push_passage_text(L, c, p);
        lua_setfield(L, -2, "sentence");
        set_flags(L, m[i].flags);
        lua_rawseti(L, -3, (int)i + 1);
        if (art != NULL) { /* counts[art.id] = counts[art.id] + 1 */
            lua_getfield(L, -1, art->id);
            lua_pushinteger(L, (lua_Integer)lua_tonumber(L, -1) + 1);
            lua_setfield(L, -3, art->id);
            lua_pop(L, 1);
        }
    }
    lua_setfield(L, -3, "counts");
    lua_setfield(L, -2, "mentions");

    nco = dossier_actor_cooccurring(c, (size_t)ai, co, MAX_COOCCUR);
    if (nco > MAX_COOCCUR) nco = MAX_COOCCUR;
    lua_createtable(L, (int)nco, 0);
    for (i = 0; i < nco; i++) {
        const dossier_actor *o = dossier_actor_at(c, co[i].actor);
        lua_createtable(L, 0, 3);
        if (o != NULL) {
            set_str(L, "id", o->id);
            set_str(L, "name", o->name);
        }
        set_int(L, "count", (lua_Integer)co[i].count);
        lua_rawseti(L, -2, (int)i + 1);
    }
    lua_setfield(L, -2, "cooccurs");
    return 1;
}

/* The spans of one scan, with the text scanned. */
typedef struct {
    const dossier_corpus *c;
    const char *text;
    size_t len;
    const dossier_matches *m;
} scan_result;

static void push_candidate_ids(lua_State *L, const scan_result *r, const dossier_span *sp) {
    size_t j, k = 0;
    lua_createtable(L, (int)sp->n_cand, 0);
    for (j = 0; j < sp->n_cand; j++) {
        size_t ci = sp->cand_start + j;
        const char *cid;
        if (ci >= r->m->n_candidates) break;
        cid = actor_id(r->c, r->m->candidates[ci]);
        if (cid == NULL) continue;
        lua_pushstring(L, cid);
        lua_rawseti(L, -2, (int)++k);
    }
}

static void push_span(lua_State *L, const void *ctx, size_t i) {
    const scan_result *r = (const scan_result *)ctx;
    const dossier_span *sp = &r->m->spans[i];
    const dossier_actor *a = sp->actor >= 0 ? dossier_actor_at(r->c, (size_t)sp->actor) : NULL;
    lua_createtable(L, 0, 10);
    set_range(L, sp->start, sp->end);
    set_slice(L, "text", r->text, r->len, sp->start, sp->end);
    if (a != NULL) {
        set_str(L, "actor", a->id);
        set_str(L, "kind", dossier_kind_name(a->kind));
    } else {
        set_str(L, "kind", "ambiguous");
    }
    set_flags(L, sp->flags);
    if (a == NULL || (sp->flags & DOSSIER_MATCH_AMBIGUOUS)) {
        push_candidate_ids(L, r, sp);
        lua_setfield(L, -2, "ambiguous");
    }
}

static int m_scan(lua_State *L) {
    static const char *const fn = "corpus:scan";
    scan_result r;
    scratch *s;
    r.c = check_corpus(L, fn);
    r.text = check_text(L, 2, fn, "text", &r.len);
    s = new_scratch(L);
    if (core_failed(L, s, fn, dossier_scan(r.c, r.text, r.len, &s->matches, &s->err)))
        return FAILED;
    r.m = &s->matches;
    push_list(L, s->matches.n, push_span, &r);
    return done(s, 1);
}

/* Pushes a list of the space-separated words of s. */
static void push_words(lua_State *L, const char *s) {
    int k = 0;
    lua_newtable(L);
    while (s != NULL && *s != '\0') {
        const char *e;
        while (*s == ' ')
            s++;
        if (*s == '\0') break;
        e = s;
        while (*e != '\0' && *e != ' ')
            e++;
        lua_pushlstring(L, s, (size_t)(e - s));
        lua_rawseti(L, -2, ++k);
        s = e;
    }
}

/* The hits of one corroboration, and the claim they answer. */
typedef struct {
    const dossier_corpus *c;
    const dossier_corroboration *r;
    const char *claim;
    size_t claim_len;
} corroboration_result;

/* {name = value, ...} of a hit's features. */
static void set_features(lua_State *L, const char *k, const double *f) {
    size_t i, n = dossier_feature_count();
    if (f == NULL) return;
    lua_createtable(L, 0, (int)n);
    for (i = 0; i < n; i++)
        set_num(L, dossier_feature_name(i), f[i]);
    lua_setfield(L, -2, k);
}

/* evidence = {aligned = {{claim, source}}, missing = {words}, conflicts =
 * {{kind, claim, source, context, line, col}}} */
static void set_evidence(lua_State *L, const corroboration_result *cr, const dossier_hit *h,
                         const dossier_article *a) {
    const dossier_evidence *e = &h->evidence;
    const char *src = a != NULL ? a->text : NULL;
    size_t src_len = a != NULL ? a->text_len : 0, i;
    lua_createtable(L, 0, 3);
    lua_createtable(L, (int)e->n_aligned, 0);
    for (i = 0; i < e->n_aligned; i++) {
        const dossier_aligned *x = &e->aligned[i];
        lua_createtable(L, 0, 2);
        set_slice(L, "claim", cr->claim, cr->claim_len, x->claim_start, x->claim_end);
        set_slice(L, "source", src, src_len, x->source_start, x->source_end);
        lua_rawseti(L, -2, (int)i + 1);
    }
    lua_setfield(L, -2, "aligned");
    lua_createtable(L, (int)e->n_missing, 0);
    for (i = 0; i < e->n_missing; i++) {
        push_slice(L, cr->claim, cr->claim_len, e->missing[i].start, e->missing[i].end);
        lua_rawseti(L, -2, (int)i + 1);
    }
    lua_setfield(L, -2, "missing");
    lua_createtable(L, (int)e->n_conflicts, 0);
    for (i = 0; i < e->n_conflicts; i++) {
        const dossier_conflict *x = &e->conflicts[i];
        lua_createtable(L, 0, 6);
        set_str(L, "kind", dossier_conflict_name(x->kind));
        set_slice(L, "claim", cr->claim, cr->claim_len, x->claim_start, x->claim_end);
        set_slice(L, "source", src, src_len, x->source_start, x->source_end);
        set_slice(L, "context", src, src_len, x->context_start, x->context_end);
        set_int(L, "line", x->line);
        set_int(L, "col", x->col);
        lua_rawseti(L, -2, (int)i + 1);
    }
    lua_setfield(L, -2, "conflicts");
    lua_setfield(L, -2, "evidence");
}

static void push_hit(lua_State *L, const void *ctx, size_t i) {
    const corroboration_result *cr = (const corroboration_result *)ctx;
    const dossier_hit *h = &cr->r->hits[i];
    const dossier_passage *p = dossier_passage_at(cr->c, h->passage);
    const dossier_article *a = p != NULL ? dossier_article_at(cr->c, p->article) : NULL;
    lua_createtable(L, 0, 22);
    if (a != NULL) {
        set_str(L, "article", a->id);
        set_str(L, "title", a->title);
        set_str(L, "publisher", a->publisher);
    }
    set_int(L, "passage", (lua_Integer)h->passage + 1);
    set_num(L, "score", h->score);
    set_num(L, "coverage", h->coverage);
    set_str(L, "stance", dossier_stance_name(h->stance));
    set_num(L, "support", h->support);
    push_words(L, h->matched);
    lua_setfield(L, -2, "matched");
    if (p != NULL) {
        set_int(L, "line", p->line);
        set_int(L, "col", p->col);
        set_int(L, "end_line", p->end_line);
        set_int(L, "end_col", p->end_col);
        set_range(L, p->start, p->end);
        set_str(L, "kind", dossier_passage_kind_name(p->kind));
    }
    if (a != NULL) set_str(L, "path", a->path);
    push_passage_text(L, cr->c, p);
    lua_setfield(L, -2, "text");
    set_evidence(L, cr, h, a);
    set_features(L, "features", h->features);
    set_features(L, "features_resolved", h->features_resolved);
}

/* The options table at index i of corpus:corroborate and
 * corpus:corroborate_batch into *opts (raises on a wrong one). */
static void check_corroborate_opts(lua_State *L, int i, const char *fn, const dossier_corpus *c,
                                   dossier_corroborate_opts *opts) {
    lua_Integer lim = 0;
    memset(opts, 0, sizeof *opts);
    if (lua_isnoneornil(L, i)) return;
    if (!lua_istable(L, i)) throw_arg(L, fn, "options must be a table, got %s", describe(L, i));
    lua_getfield(L, i, "limit");
    if (!lua_isnil(L, -1)) {
        if (!get_integer(L, -1, &lim) || lim < 1)
            throw_arg(L, fn, "limit must be a positive integer, got %s", describe(L, -1));
        opts->limit = (size_t)lim;
        if (opts->limit > dossier_passage_count(c)) opts->limit = dossier_passage_count(c);
        if (opts->limit == 0) opts->limit = 1;
    }
    lua_pop(L, 1);
    lua_getfield(L, i, "features");
    if (!lua_isnil(L, -1)) {
        if (!lua_isboolean(L, -1))
            throw_arg(L, fn, "features must be a boolean, got %s", describe(L, -1));
        opts->features = lua_toboolean(L, -1);
    }
    lua_pop(L, 1);
}

/* The table corpus:corroborate returns for claim text[0, len): r and its
 * severity, the hits' passages read from c. */
static void push_corroboration(lua_State *L, const dossier_corpus *c, const char *text, size_t len,
                               const dossier_corroboration *r, dossier_severity severity) {
    corroboration_result cr;
    lua_createtable(L, 0, 7);
    set_str(L, "verdict", dossier_verdict_name(r->verdict));
    set_str(L, "severity", dossier_severity_name(severity));
    set_bool(L, "corroborated", r->corroborated);
    set_int(L, "sources", (lua_Integer)r->n_sources);
    set_num(L, "threshold", r->threshold);
    set_int(L, "content", (lua_Integer)r->content);
    cr.c = c;
    cr.r = r;
    cr.claim = text;
    cr.claim_len = len;
    push_list(L, r->n, push_hit, &cr);
    lua_setfield(L, -2, "hits");
}

static int m_corroborate(lua_State *L) {
    static const char *const fn = "corpus:corroborate";
    dossier_corpus *c = check_corpus(L, fn);
    size_t len;
    const char *text = check_text(L, 2, fn, "text", &len);
    dossier_corroborate_opts opts;
    dossier_severity severity;
    scratch *s;
    check_corroborate_opts(L, 3, fn, c, &opts);
    s = new_scratch(L);
    if (core_failed(L, s, fn, dossier_corroborate(c, text, len, &opts, &s->corr, &s->err)))
        return FAILED;
    if (core_failed(L, s, fn,
                    dossier_sentence_severity(c, text, len, s->corr.verdict, &severity, &s->err)))
        return FAILED;
    push_corroboration(L, c, text, len, &s->corr, severity);
    return done(s, 1);
}

/* ------------------------------------------------------------------ many claims at once
 *
 * corpus:corroborate_batch(texts [, opts]) runs the core's batch
 * (dossier_batch_start): the claims are corroborated on threads of their
 * own while the caller goes on. The batch userdata keeps the corpus
 * userdata alive (a registry reference) and the texts (for the evidence's
 * claim words); the corpus lists its batches, so that corpus:close() stops
 * them before the handle they read goes. */

struct batch_box {
    dossier_batch *b;  /* NULL once closed */
    corpus_box *owner; /* NULL once closed */
    struct batch_box *next;
    int corpus_ref, texts_ref;
    size_t n;
};

/* Stops and frees bb's batch and takes it off its corpus's list. */
static void batch_close(batch_box *bb) {
    batch_box **p;
    if (bb->b != NULL) {
        dossier_batch_free(bb->b);
        bb->b = NULL;
    }
    if (bb->owner != NULL) {
        for (p = &bb->owner->batches; *p != NULL; p = &(*p)->next)
            if (*p == bb) {
                *p = bb->next;
                break;
            }
        bb->owner = NULL;
    }
}

/* Stops every batch reading box's corpus (before it is closed). */
static void close_batches(corpus_box *box) {
    while (box->batches != NULL)
        batch_close(box->batches);
}

static int m_corroborate_batch(lua_State *L) {
    static const char *const fn = "corpus:corroborate_batch";
    corpus_box *box = check_box(L, fn);
    dossier_corpus *c = check_corpus(L, fn);
    dossier_corroborate_opts opts;
    batch_box *bb;
    const char **texts;
    size_t *lens, n, i;
    dossier_error err;
    dossier_status st;
    if (!lua_istable(L, 2))
        return throw_arg(L, fn, "texts must be a list of strings, got %s", describe(L, 2));
    check_corroborate_opts(L, 3, fn, c, &opts);
    n = (size_t)lua_rawlen(L, 2);
    /* the texts kept, as strings, in a table of the batch's own */
    lua_createtable(L, (int)n, 0);
    for (i = 1; i <= n; i++) {
        lua_rawgeti(L, 2, (int)i);
        if (lua_type(L, -1) != LUA_TSTRING)
            return throw_arg(L, fn, "texts[%d] must be a string, got %s", (int)i, describe(L, -1));
        lua_rawseti(L, -2, (int)i);
    }
    texts = (const char **)lua_newuserdata(L, (n ? n : 1) * sizeof *texts);
    lens = (size_t *)lua_newuserdata(L, (n ? n : 1) * sizeof *lens);
    for (i = 0; i < n; i++) {
        lua_rawgeti(L, -3, (int)i + 1);
        texts[i] = lua_tolstring(L, -1, &lens[i]); /* held by the table below */
        lua_pop(L, 1);
    }
    bb = (batch_box *)lua_newuserdata(L, sizeof *bb);
    memset(bb, 0, sizeof *bb);
    bb->corpus_ref = bb->texts_ref = LUA_NOREF;
    luaL_setmetatable(L, BATCH_MT);
    st = dossier_batch_start(c, texts, lens, n, &opts, 0, &bb->b, &err);
    if (st != DOSSIER_OK) return fail(L, st, &err);
    bb->n = n;
    bb->owner = box;
    bb->next = box->batches;
    box->batches = bb;
    lua_pushvalue(L, 1);
    bb->corpus_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_pushvalue(L, -4); /* the texts */
    bb->texts_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return 1;
}

static batch_box *check_batch(lua_State *L, const char *fn) {
    batch_box *bb = (batch_box *)luaL_testudata(L, 1, BATCH_MT);
    if (bb == NULL) throw_arg(L, fn, "expected a dossier.batch as self, got %s", describe(L, 1));
    return bb;
}

/* batch:result(i [, wait]) -> nil while claim i is being worked out (wait:
 * waits for it instead); then corpus:corroborate's table for texts[i], or
 * nil, msg, code when that claim failed. */
static int b_result(lua_State *L) {
    static const char *const fn = "batch:result";
    batch_box *bb = check_batch(L, fn);
    lua_Integer i;
    int wait = lua_toboolean(L, 3);
    const dossier_corroboration *r = NULL;
    dossier_severity severity = DOSSIER_SEVERITY_NONE;
    dossier_error err;
    const char *text;
    size_t len;
    if (!get_integer(L, 2, &i) || i < 1 || (size_t)i > bb->n)
        return throw_arg(L, fn, "i must be an integer from 1 to %d, got %s", (int)bb->n,
                         describe(L, 2));
    if (bb->b == NULL || bb->owner == NULL || bb->owner->c == NULL)
        luaL_error(L, "dossier: batch is closed");
    if (!dossier_batch_result(bb->b, (size_t)i - 1, wait, &r, &severity, &err)) {
        lua_pushnil(L);
        return 1;
    }
    if (err.status != DOSSIER_OK) return fail(L, err.status, &err);
    push_ref(L, bb->texts_ref);
    lua_rawgeti(L, -1, (int)i);
    text = lua_tolstring(L, -1, &len);
    push_corroboration(L, bb->owner->c, text, len, r, severity);
    return 1;
}

/* batch:close(): stops the claims not begun and frees them; idempotent, also
 * run by __gc. */
static int b_close(lua_State *L) {
    batch_box *bb = (batch_box *)luaL_testudata(L, 1, BATCH_MT);
    if (bb == NULL) return 0;
    batch_close(bb);
    luaL_unref(L, LUA_REGISTRYINDEX, bb->corpus_ref);
    luaL_unref(L, LUA_REGISTRYINDEX, bb->texts_ref);
    bb->corpus_ref = bb->texts_ref = LUA_NOREF;
    return 0;
}

/* corpus:wordnet([open]) -> state, dir, why */
static int m_wordnet(lua_State *L) {
    static const char *const fn = "corpus:wordnet";
    dossier_corpus *c = check_corpus(L, fn);
    const char *dir = "", *why = "";
    int open = lua_toboolean(L, 2), st = dossier_wordnet(c, open, &dir, &why);
    lua_pushstring(L, st > 0 ? "open" : st == 0 ? "unavailable" : "unused");
    lua_pushstring(L, dir);
    lua_pushstring(L, st == 0 ? why : "");
    return 3;
}

static int m_check_quote(lua_State *L) {
    static const char *const fn = "corpus:check_quote";
    dossier_corpus *c = check_corpus(L, fn);
    size_t len;
    const char *text = check_text(L, 2, fn, "text", &len);
    scratch *s = new_scratch(L);
    const dossier_quote_result *q = &s->quote;
    if (core_failed(L, s, fn, dossier_check_quote(c, text, len, &s->quote, &s->err))) return FAILED;
    lua_createtable(L, 0, 10);
    set_str(L, "verdict", dossier_quote_verdict_name(q->verdict));
    set_str(L, "severity", dossier_severity_name(dossier_quote_severity(q->verdict)));
    set_num(L, "similarity", q->similarity);
    if (q->verdict != DOSSIER_QUOTE_NONE) {
        const dossier_article *a = dossier_article_at(c, q->article);
        if (a != NULL) set_str(L, "article", a->id);
        set_int(L, "passage", (lua_Integer)q->passage + 1);
        set_int(L, "line", q->line);
        set_int(L, "col", q->col);
        set_range(L, q->start, q->end);
        if (q->source != NULL)
            set_str(L, "source", q->source);
        else if (a != NULL)
            set_slice(L, "source", a->text, a->text_len, q->start, q->end);
    }
    return done(s, 1);
}

static int m_cite(lua_State *L) {
    static const char *const fn = "corpus:cite";
    dossier_corpus *c = check_corpus(L, fn);
    dossier_cite_style style;
    long article = -1, passage = -1;
    size_t np = dossier_passage_count(c);
    const char *aref = NULL;
    lua_Integer pref = 0;
    int has_pref = 0;
    scratch *s;

    /* every caller mistake first; the core's parse is the one style check */
    if (!opt_style(L, 3, fn, &style)) return 0;
    switch (lua_type(L, 2)) {
    case LUA_TSTRING:
        aref = lua_tostring(L, 2);
        break;
    case LUA_TNUMBER:
        if (!get_integer(L, 2, &pref))
            return throw_arg(L, fn, "a passage index must be an integer, got %s", describe(L, 2));
        has_pref = 1;
        break;
    case LUA_TTABLE:
        lua_getfield(L, 2, "article");
        if (!lua_isnil(L, -1)) {
            if (lua_type(L, -1) != LUA_TSTRING)
                return throw_arg(L, fn, "ref.article must be an article id or key, got %s",
                                 describe(L, -1));
            aref = lua_tostring(L, -1); /* stays alive: the value remains on the stack */
        }
        lua_getfield(L, 2, "passage");
        if (!lua_isnil(L, -1)) {
            if (!get_integer(L, -1, &pref))
                return throw_arg(L, fn, "ref.passage must be an integer, got %s", describe(L, -1));
            has_pref = 1;
        }
        lua_pop(L, 1);
        if (aref == NULL && !has_pref)
            return throw_arg(L, fn, "ref table needs an article or a passage field");
        break;
    default:
        return throw_arg(L, fn,
                         "ref must be an article id or key, a passage index or "
                         "{article=, passage=}, got %s",
                         describe(L, 2));
    }

    /* then what the corpus may not have */
    if (aref != NULL) {
        article = dossier_article_find(c, aref);
        if (article < 0) return fail_msg(L, "notfound", "unknown article '%s'", aref);
    }
    if (has_pref) {
        const dossier_passage *p;
        if (pref < 1 || (size_t)pref > np)
            return fail_msg(L, "notfound", "no passage %s (the corpus has passages 1..%s)",
                            int_str(L, pref), int_str(L, (lua_Integer)np));
        p = dossier_passage_at(c, (size_t)(pref - 1));
        if (p == NULL) return fail_msg(L, "notfound", "no passage %s", int_str(L, pref));
        if (article >= 0 && p->article != (size_t)article)
            return fail_msg(L, "notfound", "passage %s is not in article '%s'", int_str(L, pref),
                            aref);
        article = (long)p->article;
        passage = (long)(pref - 1);
    }

    s = new_scratch(L);
    if (core_failed(L, s, fn,
                    dossier_cite(c, (size_t)article, passage, style, &s->s1, &s->s2, &s->err)))
        return FAILED;
    lua_pushstring(L, s->s1 != NULL ? s->s1 : "");
    if (s->s2 != NULL)
        lua_pushstring(L, s->s2);
    else
        lua_pushnil(L);
    return done(s, 2);
}

static int m_bibliography(lua_State *L) {
    static const char *const fn = "corpus:bibliography";
    dossier_corpus *c = check_corpus(L, fn);
    const char *format = check_text(L, 2, fn, "format", NULL);
    scratch *s = new_scratch(L); /* an unknown format is the core's to refuse */
    if (core_failed(L, s, fn, dossier_bibliography(c, format, &s->s1, &s->err))) return FAILED;
    lua_pushstring(L, s->s1 != NULL ? s->s1 : "");
    return done(s, 1);
}

static int m_cache_info(lua_State *L) {
    dossier_corpus *c = check_corpus(L, "corpus:cache_info");
    const dossier_cache_info *i = dossier_cache_info_of(c);
    lua_createtable(L, 0, 6);
    set_str(L, "state", dossier_cache_state_name(i->state));
    set_str(L, "path", i->path);
    set_str(L, "notice", i->notice);
    set_int(L, "articles_read", (lua_Integer)i->articles_read);
    set_int(L, "articles_indexed", (lua_Integer)i->articles_indexed);
    set_int(L, "files_hashed", (lua_Integer)i->files_hashed);
    return 1;
}

/* corpus:save_related(): the related-terms file written when there is
 * something new (dossier_save_related); the answers written (0: nothing to
 * write), or nil, message, code. */
static int m_save_related(lua_State *L) {
    dossier_corpus *c = check_corpus(L, "corpus:save_related");
    dossier_error err;
    size_t n = 0;
    dossier_status st = dossier_save_related(c, &n, &err);
    if (st != DOSSIER_OK) return fail(L, st, &err);
    lua_pushinteger(L, (lua_Integer)n);
    return 1;
}

static int m_related_info(lua_State *L) {
    dossier_related_info i;
    dossier_related_info_of(check_corpus(L, "corpus:related_info"), &i);
    lua_createtable(L, 0, 6);
    set_str(L, "path", i.path);
    set_str(L, "notice", i.notice);
    set_int(L, "loaded", (lua_Integer)i.loaded);
    set_int(L, "computed", (lua_Integer)i.computed);
    set_int(L, "unsaved", (lua_Integer)i.unsaved);
    set_int(L, "warmed", (lua_Integer)i.warmed);
    return 1;
}

static int m_close(lua_State *L) {
    corpus_box *b = check_box(L, "corpus:close");
    close_batches(b);
    if (b->c != NULL) {
        dossier_close(b->c);
        b->c = NULL;
    }
    return 0;
}

static int m_gc(lua_State *L) {
    corpus_box *b = (corpus_box *)luaL_testudata(L, 1, CORPUS_MT);
    if (b != NULL) close_batches(b);
    if (b != NULL && b->c != NULL) {
        dossier_close(b->c);
        b->c = NULL;
    }
    return 0;
}

static int m_tostring(lua_State *L) {
    corpus_box *b = check_box(L, "tostring");
    if (b->c == NULL) {
        lua_pushliteral(L, "dossier.corpus (closed)");
    } else {
        char buf[96];
        snprintf(buf, sizeof buf, "dossier.corpus (%zu articles, %zu actors)",
                 dossier_article_count(b->c), dossier_actor_count(b->c));
        lua_pushstring(L, buf);
    }
    return 1;
}

/* ------------------------------------------------------------------ registration */

/* core.styles: the core's style names in its order, so the plugin lists and
 * completes exactly what corpus:cite accepts. */
static void push_styles(lua_State *L) {
    size_t n = dossier_cite_style_count(), i;
    lua_createtable(L, (int)n, 0);
    for (i = 0; i < n; i++) {
        lua_pushstring(L, dossier_cite_style_name((dossier_cite_style)i));
        lua_rawseti(L, -2, (int)i + 1);
    }
}

static const luaL_Reg module_funcs[] = {
    {"open", l_open},
    {"open_async", l_open_async},
    {"segment", l_segment},
    {"quotations", l_quotations},
    {"features", l_features},
    {"cite_place", l_cite_place},
    {NULL, NULL},
};

static const luaL_Reg corpus_methods[] = {
    {"articles", m_articles},
    {"article", m_article},
    {"passage", m_passage},
    {"passages", m_passages},
    {"actors", m_actors},
    {"actor", m_actor},
    {"scan", m_scan},
    {"corroborate", m_corroborate},
    {"corroborate_batch", m_corroborate_batch},
    {"wordnet", m_wordnet},
    {"check_quote", m_check_quote},
    {"cite", m_cite},
    {"bibliography", m_bibliography},
    {"cache_info", m_cache_info},
    {"save_related", m_save_related},
    {"related_info", m_related_info},
    {"notices", m_notices},
    {"close", m_close},
    {NULL, NULL},
};

static const luaL_Reg pending_methods[] = {
    {"poll", p_poll}, {"gazetteer", p_gazetteer}, {"progress", p_progress}, {"cancel", p_cancel},
    {NULL, NULL},
};

static const luaL_Reg pending_meta[] = {
    {"__gc", p_gc},
    {"__tostring", p_tostring},
    {NULL, NULL},
};

static const luaL_Reg batch_methods[] = {
    {"result", b_result},
    {"close", b_close},
    {NULL, NULL},
};

static const luaL_Reg batch_meta[] = {
    {"__gc", b_close},
    {NULL, NULL},
};

static const luaL_Reg corpus_meta[] = {
    {"__gc", m_gc},
    {"__close", m_gc}, /* Lua 5.4: local c <close> = core.open(dir) */
    {"__tostring", m_tostring},
    {NULL, NULL},
};

/* The metatable `name` of a userdata: its metamethods, its methods as __index. */
static void new_class(lua_State *L, const char *name, const luaL_Reg *meta,
                      const luaL_Reg *methods) {
    luaL_newmetatable(L, name);
    luaL_setfuncs(L, meta, 0);
    lua_pushstring(L, name);
    lua_setfield(L, -2, "__name");
    lua_newtable(L);
    luaL_setfuncs(L, methods, 0);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
}

__attribute__((visibility("default"))) int luaopen_dossier_core(lua_State *L);

__attribute__((visibility("default"))) int luaopen_dossier_core(lua_State *L) {
    luaL_newmetatable(L, SCRATCH_MT);
    lua_pushcfunction(L, scratch_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);

    new_class(L, CORPUS_MT, corpus_meta, corpus_methods);
    new_class(L, PENDING_MT, pending_meta, pending_methods);
    new_class(L, BATCH_MT, batch_meta, batch_methods);

    luaL_newlib(L, module_funcs);
    lua_pushliteral(L, DOSSIER_VERSION);
    lua_setfield(L, -2, "version");
    push_styles(L);
    lua_setfield(L, -2, "styles");
    return 1;
}
