/* fm_toml.c — Hugo's TOML front matter (between "+++" lines) as fm_node.
 *
 * A reader for the part of TOML that front matter uses: comments; keys bare,
 * quoted or dotted (a.b = 1); basic and literal strings, one-line and
 * multi-line ("""...""", '''...''') with TOML's escapes; numbers, booleans,
 * dates and times (kept as their text); arrays (across lines, nested, with
 * trailing commas and comments); inline tables; [table] and [[array of
 * tables]] headers. A key given twice is an error, as TOML says. Every value
 * is kept as text: the importer maps what it knows and keeps the rest. */
#include "import/frontmatter.h"

#include <string.h>

typedef struct {
    const char *s;
    size_t n, i;
    unsigned line; /* the file line of s[i] */
    size_t nodes;
    char *error;
} reader;

static int fail(reader *r, const char *fmt, const char *arg) {
    if (!r->error) {
        char *msg = g_strdup_printf(fmt, arg ? arg : "");
        r->error = g_strdup_printf("line %u: TOML: %s", r->line, msg);
        g_free(msg);
    }
    return -1;
}

static int at_end(const reader *r) {
    return r->i >= r->n;
}

static char peek(const reader *r, size_t k) {
    return r->i + k < r->n ? r->s[r->i + k] : '\0';
}

static void advance(reader *r) {
    if (r->s[r->i] == '\n') r->line++;
    r->i++;
}

static void skip_spaces(reader *r) {
    while (!at_end(r) && (peek(r, 0) == ' ' || peek(r, 0) == '\t'))
        advance(r);
}

static void skip_comment(reader *r) {
    if (peek(r, 0) == '#')
        while (!at_end(r) && peek(r, 0) != '\n')
            advance(r);
}

/* Spaces, line breaks and comments (inside arrays). */
static void skip_blank(reader *r) {
    for (;;) {
        skip_spaces(r);
        skip_comment(r);
        if (!at_end(r) && (peek(r, 0) == '\n' || peek(r, 0) == '\r'))
            advance(r);
        else
            return;
    }
}

/* After a key = value or a header: only a comment may follow on the line. */
static int end_of_line(reader *r) {
    skip_spaces(r);
    skip_comment(r);
    if (!at_end(r) && peek(r, 0) == '\r') advance(r);
    if (at_end(r)) return 0;
    if (peek(r, 0) != '\n') return fail(r, "unexpected text after the value", NULL);
    advance(r);
    return 0;
}

static int escape(reader *r, GString *out) {
    advance(r); /* the backslash */
    char c = peek(r, 0);
    const char *simple = "btnfr\"\\";
    const char *as = "\b\t\n\f\r\"\\";
    const char *p = c ? strchr(simple, c) : NULL;
    if (p) {
        g_string_append_c(out, as[p - simple]);
        advance(r);
        return 0;
    }
    if (c == 'u' || c == 'U') {
        int digits = c == 'u' ? 4 : 8;
        advance(r);
        gunichar cp = 0;
        for (int k = 0; k < digits; k++) {
            char h = peek(r, 0);
            if (!g_ascii_isxdigit(h)) return fail(r, "bad \\u escape", NULL);
            cp = cp * 16 + (gunichar)g_ascii_xdigit_value(h);
            advance(r);
        }
        if (!g_unichar_validate(cp)) return fail(r, "\\u escape is not a character", NULL);
        g_string_append_unichar(out, cp);
        return 0;
    }
    if (c == '\n' || c == ' ' || c == '\t' || c == '\r') { /* line-ending backslash */
        while (!at_end(r) && strchr(" \t\r\n", peek(r, 0)))
            advance(r);
        return 0;
    }
    return fail(r, "unknown escape in a string", NULL);
}

/* A string at r->i (quote = '"' or '\''); sets *out (g_free). */
static int string(reader *r, char quote, char **out) {
    int multi = peek(r, 1) == quote && peek(r, 2) == quote;
    GString *s = g_string_new(NULL);
    advance(r);
    if (multi) {
        advance(r);
        advance(r);
        if (peek(r, 0) == '\n')
            advance(r); /* a newline right after """ is trimmed */
        else if (peek(r, 0) == '\r' && peek(r, 1) == '\n')
            advance(r), advance(r);
    }
    for (;;) {
        if (at_end(r)) {
            g_string_free(s, TRUE);
            return fail(r, "a string is never closed", NULL);
        }
        char c = peek(r, 0);
        if (c == quote && (!multi || (peek(r, 1) == quote && peek(r, 2) == quote))) {
            advance(r);
            if (multi) {
                advance(r);
                advance(r);
                /* up to two more quotes belong to the string */
                while (peek(r, 0) == quote && s->len < G_MAXSIZE) {
                    g_string_append_c(s, quote);
                    advance(r);
                }
            }
            break;
        }
        if (c == '\n' && !multi) {
            g_string_free(s, TRUE);
            return fail(r, "a one-line string runs past the end of the line", NULL);
        }
        if (c == '\\' && quote == '"') {
            if (escape(r, s)) {
                g_string_free(s, TRUE);
                return -1;
            }
            continue;
        }
        g_string_append_c(s, c);
        advance(r);
    }
    *out = g_string_free(s, FALSE);
    return 0;
}

static int bare_key_char(char c) {
    return g_ascii_isalnum(c) || c == '_' || c == '-';
}

/* A dotted key: its parts (char *). */
static int key(reader *r, GPtrArray *parts) {
    for (;;) {
        skip_spaces(r);
        char c = peek(r, 0);
        char *part = NULL;
        if (c == '"' || c == '\'') {
            if (string(r, c, &part)) return -1;
        } else {
            size_t start = r->i;
            while (!at_end(r) && bare_key_char(peek(r, 0)))
                advance(r);
            if (r->i == start) return fail(r, "expected a key", NULL);
            part = g_strndup(r->s + start, r->i - start);
        }
        g_ptr_array_add(parts, part);
        skip_spaces(r);
        if (peek(r, 0) != '.') return 0;
        advance(r);
    }
}

static fm_node *value(reader *r, int depth);

static int set_key(reader *r, fm_node *table, GPtrArray *parts, fm_node *v);

static fm_node *array(reader *r, int depth) {
    advance(r); /* [ */
    fm_node *list = fm_list();
    for (;;) {
        skip_blank(r);
        if (at_end(r)) {
            fm_free(list);
            fail(r, "an array is never closed", NULL);
            return NULL;
        }
        if (peek(r, 0) == ']') {
            advance(r);
            return list;
        }
        fm_node *v = value(r, depth + 1);
        if (!v) {
            fm_free(list);
            return NULL;
        }
        fm_add(list, NULL, v);
        skip_blank(r);
        if (peek(r, 0) == ',') {
            advance(r);
        } else if (peek(r, 0) != ']') {
            fm_free(list);
            fail(r, "expected ',' or ']' in an array", NULL);
            return NULL;
        }
    }
}

static fm_node *inline_table(reader *r, int depth) {
    advance(r); /* { */
    fm_node *map = fm_map();
    skip_spaces(r);
    if (peek(r, 0) == '}') {
        advance(r);
        return map;
    }
    for (;;) {
        GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
        if (key(r, parts)) {
            g_ptr_array_free(parts, TRUE);
            fm_free(map);
            return NULL;
        }
        skip_spaces(r);
        if (peek(r, 0) != '=') {
            g_ptr_array_free(parts, TRUE);
            fm_free(map);
            fail(r, "expected '=' after a key", NULL);
            return NULL;
        }
        advance(r);
        skip_spaces(r);
        fm_node *v = value(r, depth + 1);
        int rc = v ? set_key(r, map, parts, v) : -1;
        g_ptr_array_free(parts, TRUE);
        if (rc) {
            fm_free(map);
            return NULL;
        }
        skip_spaces(r);
        if (peek(r, 0) == ',') {
            advance(r);
            continue;
        }
        if (peek(r, 0) == '}') {
            advance(r);
            return map;
        }
        fm_free(map);
        fail(r, "expected ',' or '}' in an inline table", NULL);
        return NULL;
    }
}

static fm_node *value(reader *r, int depth) {
    if (++r->nodes > FM_MAX_NODES || depth > FM_MAX_DEPTH) {
        fail(r, "front matter too large or too deeply nested", NULL);
        return NULL;
    }
    char c = peek(r, 0);
    if (c == '"' || c == '\'') {
        char *s;
        if (string(r, c, &s)) return NULL;
        fm_node *v = fm_scalar(s, strlen(s));
        g_free(s);
        return v;
    }
    if (c == '[') return array(r, depth);
    if (c == '{') return inline_table(r, depth);
    /* a number, a boolean, a date or a time: its text up to what ends a value */
    size_t start = r->i;
    while (!at_end(r) && !strchr(",]}#\n\r", peek(r, 0)))
        advance(r);
    size_t end = r->i;
    while (end > start && (r->s[end - 1] == ' ' || r->s[end - 1] == '\t'))
        end--;
    if (end == start) {
        fail(r, "expected a value", NULL);
        return NULL;
    }
    for (size_t k = start; k < end; k++) {
        char ch = r->s[k];
        if (!g_ascii_isalnum(ch) && !strchr("+-_.: ", ch)) {
            char bad[2] = {ch, 0};
            fail(r, "unexpected '%s' in a value (strings need quotes)", bad);
            return NULL;
        }
    }
    return fm_scalar(r->s + start, end - start);
}

/* The table at `name` in `map`, made when missing; the last table of an
 * array of tables. */
static fm_node *subtable(reader *r, fm_node *map, const char *name) {
    fm_node *t = fm_get(map, name);
    if (!t) {
        t = fm_map();
        fm_add(map, name, t);
        return t;
    }
    if (t->kind == FM_MAP) return t;
    if (t->kind == FM_LIST && t->items->len &&
        ((fm_node *)g_ptr_array_index(t->items, t->items->len - 1))->kind == FM_MAP)
        return g_ptr_array_index(t->items, t->items->len - 1);
    fail(r, "'%s' is a value, not a table", name);
    return NULL;
}

static int set_key(reader *r, fm_node *table, GPtrArray *parts, fm_node *v) {
    for (guint k = 0; k + 1 < parts->len; k++) {
        table = subtable(r, table, g_ptr_array_index(parts, k));
        if (!table) {
            fm_free(v);
            return -1;
        }
    }
    const char *last = g_ptr_array_index(parts, parts->len - 1);
    if (fm_get(table, last)) {
        fm_free(v);
        return fail(r, "key '%s' is given twice", last);
    }
    fm_add(table, last, v);
    return 0;
}

static int header(reader *r, fm_node *root, fm_node **current) {
    int array_of = peek(r, 1) == '[';
    advance(r);
    if (array_of) advance(r);
    GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
    int rc = key(r, parts);
    if (!rc) {
        skip_spaces(r);
        if (peek(r, 0) != ']' || (array_of && peek(r, 1) != ']'))
            rc = fail(r, "a table header is not closed with ']'", NULL);
        else {
            advance(r);
            if (array_of) advance(r);
        }
    }
    fm_node *t = root;
    for (guint k = 0; !rc && k + 1 < parts->len; k++)
        if (!(t = subtable(r, t, g_ptr_array_index(parts, k)))) rc = -1;
    if (!rc) {
        const char *last = g_ptr_array_index(parts, parts->len - 1);
        fm_node *existing = fm_get(t, last);
        if (array_of) {
            if (!existing) {
                existing = fm_list();
                fm_add(t, last, existing);
            }
            if (existing->kind != FM_LIST) {
                rc = fail(r, "'%s' is not an array of tables", last);
            } else {
                fm_node *m = fm_map();
                fm_add(existing, NULL, m);
                *current = m;
            }
        } else if (existing && existing->kind != FM_MAP) {
            rc = fail(r, "'%s' is a value, not a table", last);
        } else {
            *current = existing ? existing : NULL;
            if (!existing) {
                fm_node *m = fm_map();
                fm_add(t, last, m);
                *current = m;
            }
        }
    }
    g_ptr_array_free(parts, TRUE);
    return rc ? -1 : end_of_line(r);
}

int fm_parse_toml(const char *text, size_t n, unsigned first_line, fm_node **out, char **error) {
    reader r = {text, n, 0, first_line, 0, NULL};
    fm_node *root = fm_map(), *current = root;
    *out = NULL;
    while (!r.error) {
        skip_blank(&r);
        if (at_end(&r)) break;
        if (peek(&r, 0) == '[') {
            if (header(&r, root, &current)) break;
            continue;
        }
        GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
        if (key(&r, parts) == 0) {
            skip_spaces(&r);
            if (peek(&r, 0) != '=') {
                fail(&r, "expected '=' after a key", NULL);
            } else {
                advance(&r);
                skip_spaces(&r);
                fm_node *v = value(&r, 1);
                if (v && set_key(&r, current, parts, v) == 0) end_of_line(&r);
            }
        }
        g_ptr_array_free(parts, TRUE);
    }
    if (r.error) {
        fm_free(root);
        *error = r.error;
        return -1;
    }
    *out = root;
    return 0;
}
