/* conversation.c — runs scripted JSON-RPC conversations with the real
 * `dossier lsp` over pipes and prints TAP.
 *
 *   lsp_conversation SERVER ROOT SCRIPT...
 *
 * Each script is a new server process. Directives (one per line; a line
 * starting with a space continues the previous one; # starts a comment):
 *   server ARGS      the server's arguments (default: lsp), before any message
 *   test NAME        a test point: it passes when every expect and exit in it
 *                    holds (a test point with neither fails: it asserts nothing)
 *   send JSON...     one or more messages, framed, in a single write
 *   frame STRING     STRING as one message body, framed with its exact length
 *   raw STRING       STRING as bytes, unframed
 *   rawrepeat N STR  STR written N times
 *   expect JSON      the next message equals JSON ("<any>" matches any value)
 *   close            closes the server's stdin
 *   exit N           the server ends with status N
 * STRING takes the escapes \r \n \t and \xHH; other backslashes stay as they
 * are (so JSON's own escapes pass through). In every directive ${ROOT} is
 * the repository's path and ${ROOT_URI} its file:// URI.
 *
 * Environment: LSP_WRAPPER, words put before SERVER (valgrind ...);
 * LSP_TIMEOUT_MS, how long an expect waits (default 10000); LSP_TRACE=1 prints
 * every message received on stderr (to write a new script). */
#define _XOPEN_SOURCE 700 /* realpath */
#include "client.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    char *word; /* the directive */
    char *arg;  /* the rest, continuation lines joined with \n */
    int line;
} directive;

typedef struct {
    const char *path;
    directive *d;
    size_t n;
} script;

static char *root, *root_uri;
static int timeout_ms = 10000;

static char *xstrdup(const char *s) {
    char *p = strdup(s);
    if (!p) {
        perror("strdup");
        exit(2);
    }
    return p;
}

/* s with ${ROOT} and ${ROOT_URI} replaced (malloc'd). */
static char *substitute(const char *s) {
    size_t cap = strlen(s) + 1;
    for (const char *p = s; (p = strstr(p, "${ROOT")); p++)
        cap += strlen(root_uri) + 8;
    char *out = malloc(cap), *o = out;
    while (*s) {
        if (strncmp(s, "${ROOT_URI}", 11) == 0) {
            o += sprintf(o, "%s", root_uri);
            s += 11;
        } else if (strncmp(s, "${ROOT}", 7) == 0) {
            o += sprintf(o, "%s", root);
            s += 7;
        } else {
            *o++ = *s++;
        }
    }
    *o = '\0';
    return out;
}

static void load_script(script *sc, const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    sc->path = path;
    sc->d = NULL;
    sc->n = 0;
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0;
    ssize_t got;
    while ((got = getline(&line, &cap, f)) > 0) {
        lineno++;
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
            line[--got] = '\0';
        if (line[0] == '#' || got == 0) continue;
        if (line[0] == ' ' || line[0] == '\t') {
            if (!sc->n) continue;
            directive *d = &sc->d[sc->n - 1];
            size_t a = strlen(d->arg), b = strlen(line);
            d->arg = realloc(d->arg, a + b + 2);
            d->arg[a] = '\n';
            memcpy(d->arg + a + 1, line, b + 1);
            continue;
        }
        sc->d = realloc(sc->d, (sc->n + 1) * sizeof *sc->d);
        directive *d = &sc->d[sc->n++];
        char *sp = strchr(line, ' ');
        if (sp) *sp = '\0';
        d->word = xstrdup(line);
        d->arg = xstrdup(sp ? sp + 1 : "");
        d->line = lineno;
    }
    free(line);
    fclose(f);
}

/* C-like escapes; *n the length. */
static char *unescape(const char *s, size_t *n) {
    char *out = malloc(strlen(s) + 1), *o = out;
    for (; *s; s++) {
        if (*s != '\\' || !s[1]) {
            *o++ = *s;
            continue;
        }
        s++;
        switch (*s) {
        case 'r':
            *o++ = '\r';
            break;
        case 'n':
            *o++ = '\n';
            break;
        case 't':
            *o++ = '\t';
            break;
        case 'x': {
            char hex[3] = {s[1], s[1] ? s[2] : 0, 0};
            *o++ = (char)strtol(hex, NULL, 16);
            s += 2;
            break;
        }
        default: /* JSON's own escapes, kept */
            *o++ = '\\';
            *o++ = *s;
        }
    }
    *n = (size_t)(o - out);
    return out;
}

/* expected ~ got, with "<any>" matching anything. */
static int match(json_t *want, json_t *got) {
    if (json_is_string(want) && strcmp(json_string_value(want), "<any>") == 0) return got != NULL;
    if (!got) return 0;
    if (json_is_object(want)) {
        if (!json_is_object(got) || json_object_size(want) != json_object_size(got)) return 0;
        const char *k;
        json_t *v;
        json_object_foreach(want, k, v) if (!match(v, json_object_get(got, k))) return 0;
        return 1;
    }
    if (json_is_array(want)) {
        if (!json_is_array(got) || json_array_size(want) != json_array_size(got)) return 0;
        for (size_t i = 0; i < json_array_size(want); i++)
            if (!match(json_array_get(want, i), json_array_get(got, i))) return 0;
        return 1;
    }
    return json_equal(want, got);
}

typedef struct {
    int n;      /* test points so far */
    int failed; /* of the current one */
    int checks; /* expects and exits in the current one */
    char name[300];
    int open;
} tap;

static int total_failed;

static void diag(const char *s) {
    for (const char *p = s; *p;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        printf("#   %.*s\n", (int)n, p);
        p += n + (e != NULL);
    }
}

static void end_test(tap *t) {
    if (!t->open) return;
    if (!t->failed && t->checks == 0) {
        t->failed = 1;
        printf("# the test point asserts nothing\n");
    }
    printf("%s %d - %s\n", t->failed ? "not ok" : "ok", t->n, t->name);
    total_failed += t->failed;
    t->open = 0;
    fflush(stdout);
}

static void fail(tap *t, const script *sc, const directive *d, const char *fmt, const char *a,
                 const char *b) {
    if (!t->failed) printf("# %s:%d: %s %s\n", sc->path, d->line, d->word, d->arg);
    t->failed = 1;
    size_t n = strlen(fmt) + (a ? strlen(a) : 0) + (b ? strlen(b) : 0) + 1;
    char *msg = malloc(n);
    snprintf(msg, n, fmt, a ? a : "", b ? b : "");
    diag(msg);
    free(msg);
}

static void run_script(const script *sc, const char *server, tap *t) {
    lsp_client c;
    int started = 0;
    char *args[64];
    int nargs = 0;
    const char *wrap = getenv("LSP_WRAPPER");
    char *wrapcopy = wrap && *wrap ? xstrdup(wrap) : NULL;
    for (char *w = wrapcopy ? strtok(wrapcopy, " ") : NULL; w && nargs < 40; w = strtok(NULL, " "))
        args[nargs++] = w;
    args[nargs++] = (char *)server;
    int base = nargs;
    args[nargs++] = "lsp";
    args[nargs] = NULL;
    char *serverargs = NULL;
    const char *basename = strrchr(sc->path, '/') ? strrchr(sc->path, '/') + 1 : sc->path;

    for (size_t i = 0; i < sc->n; i++) {
        const directive *d = &sc->d[i];
        char *arg = substitute(d->arg);
        if (strcmp(d->word, "test") == 0) {
            end_test(t);
            t->open = 1;
            t->n++;
            t->failed = 0;
            t->checks = 0;
            snprintf(t->name, sizeof t->name, "%s: %s", basename, arg);
            free(arg);
            continue;
        }
        if (strcmp(d->word, "server") == 0) {
            free(serverargs);
            serverargs = xstrdup(arg);
            nargs = base;
            for (char *w = strtok(serverargs, " "); w && nargs < 62; w = strtok(NULL, " "))
                args[nargs++] = w;
            args[nargs] = NULL;
            free(arg);
            continue;
        }
        if (!started) {
            if (client_spawn(&c, args) < 0) {
                fprintf(stderr, "cannot start %s\n", server);
                exit(2);
            }
            started = 1;
        }
        if (strcmp(d->word, "send") == 0) {
            char *buf = NULL;
            size_t len = 0, at = 0, n = strlen(arg);
            while (at < n) {
                while (at < n && isspace((unsigned char)arg[at]))
                    at++;
                if (at == n) break;
                json_error_t je;
                json_t *v = json_loadb(arg + at, n - at, JSON_DISABLE_EOF_CHECK, &je);
                if (!v) {
                    fprintf(stderr, "%s:%d: bad JSON in the script: %s\n", sc->path, d->line,
                            je.text);
                    exit(2);
                }
                char *body = json_dumps(v, JSON_COMPACT);
                client_frame(body, strlen(body), &buf, &len);
                free(body);
                json_decref(v);
                at += je.position;
            }
            if (client_write(&c, buf, len) < 0)
                fail(t, sc, d, "the server's input is closed%s%s", NULL, NULL);
            free(buf);
        } else if (strcmp(d->word, "frame") == 0 || strcmp(d->word, "raw") == 0) {
            size_t n;
            char *bytes = unescape(arg, &n), *buf = NULL;
            size_t len = 0;
            if (d->word[0] == 'f') client_frame(bytes, n, &buf, &len);
            int r = d->word[0] == 'f' ? client_write(&c, buf, len) : client_write(&c, bytes, n);
            if (r < 0) fail(t, sc, d, "the server's input is closed%s%s", NULL, NULL);
            free(bytes);
            free(buf);
        } else if (strcmp(d->word, "rawrepeat") == 0) {
            char *rest;
            long times = strtol(arg, &rest, 10);
            size_t n;
            char *bytes = unescape(rest + (*rest == ' '), &n);
            for (long k = 0; k < times; k++)
                if (client_write(&c, bytes, n) < 0) {
                    fail(t, sc, d, "the server's input is closed%s%s", NULL, NULL);
                    break;
                }
            free(bytes);
        } else if (strcmp(d->word, "expect") == 0) {
            t->checks++;
            json_error_t je;
            json_t *want = json_loads(arg, 0, &je);
            if (!want) {
                fprintf(stderr, "%s:%d: bad JSON in the script: %s\n", sc->path, d->line, je.text);
                exit(2);
            }
            json_t *got;
            char why[200] = "";
            int r = client_recv(&c, timeout_ms, &got, why, sizeof why);
            if (r > 0 && getenv("LSP_TRACE")) {
                char *g = json_dumps(got, JSON_COMPACT | JSON_INDENT(1));
                fprintf(stderr, "%s:%d:\n%s\n", sc->path, d->line, g);
                free(g);
            }
            if (r <= 0) {
                fail(t, sc, d, "no message: %s%s", r == 0 ? "timeout" : why, NULL);
            } else if (!match(want, got)) {
                char *w = json_dumps(want, JSON_COMPACT), *g = json_dumps(got, JSON_COMPACT);
                fail(t, sc, d, "expected %s\ngot      %s", w, g);
                free(w);
                free(g);
            }
            json_decref(want);
            json_decref(got);
        } else if (strcmp(d->word, "close") == 0) {
            client_close_input(&c);
        } else if (strcmp(d->word, "exit") == 0) {
            t->checks++;
            int want = atoi(arg), got = client_wait(&c, timeout_ms);
            if (got != want) {
                char w[16], g[40];
                snprintf(w, sizeof w, "%d", want);
                snprintf(g, sizeof g, got < 0 ? "still running" : "%d", got);
                fail(t, sc, d, "expected exit status %s, got %s", w, g);
            }
        } else {
            fprintf(stderr, "%s:%d: unknown directive '%s'\n", sc->path, d->line, d->word);
            exit(2);
        }
        free(arg);
    }
    if (started) {
        /* a message no expect read fails the script's last test point */
        json_t *extra;
        char why[200];
        if (client_recv(&c, 100, &extra, why, sizeof why) == 1) {
            char *e = json_dumps(extra, JSON_COMPACT);
            if (t->open) {
                printf("# %s: a message after the last expect: %s\n", sc->path, e);
                t->failed = 1;
            }
            free(e);
            json_decref(extra);
        }
        client_free(&c);
    }
    end_test(t);
    free(serverargs);
    free(wrapcopy);
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: lsp_conversation SERVER ROOT SCRIPT...\n");
        return 2;
    }
    const char *env = getenv("LSP_TIMEOUT_MS");
    if (env && atoi(env) > 0) timeout_ms = atoi(env);
    root = realpath(argv[2], NULL);
    if (!root) {
        perror(argv[2]);
        return 2;
    }
    root_uri = malloc(strlen(root) * 3 + 8);
    char *o = root_uri + sprintf(root_uri, "file://");
    for (const unsigned char *p = (const unsigned char *)root; *p; p++)
        o += isalnum(*p) || strchr("-._~/", *p) ? sprintf(o, "%c", *p) : sprintf(o, "%%%02X", *p);
    int n = argc - 3, plan = 0;
    script *sc = calloc((size_t)n, sizeof *sc);
    for (int i = 0; i < n; i++) {
        load_script(&sc[i], argv[3 + i]);
        for (size_t k = 0; k < sc[i].n; k++)
            plan += strcmp(sc[i].d[k].word, "test") == 0;
    }
    printf("1..%d\n", plan);
    tap t = {0};
    for (int i = 0; i < n; i++)
        run_script(&sc[i], argv[1], &t);
    for (int i = 0; i < n; i++) {
        for (size_t k = 0; k < sc[i].n; k++) {
            free(sc[i].d[k].word);
            free(sc[i].d[k].arg);
        }
        free(sc[i].d);
    }
    free(sc);
    free(root);
    free(root_uri);
    return total_failed ? 1 : 0;
}
