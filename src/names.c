/* names.c — author names: CSL's model (family, given, particle, suffix, or a
 * literal) from what a front matter writes.
 *
 * A name written as plain text is read by one rule:
 *  1. A trailing "(...)" is an aside ("Pak Noja (Vladimir Tikhonov)"): kept
 *     in the name as shown, left out of its parts.
 *  2. "Family, Given" (a comma) is family first, as BibTeX writes it;
 *     "Family, Jr., Given" has a suffix. So a name whose family name comes
 *     first (Korean, Chinese, Japanese, Hungarian ...) is written
 *     "Pak, Noja", or as a mapping {family: Pak, given: Noja} (with
 *     family-first: true, it is also shown family name first: "Pak Noja").
 *  3. One word is a literal: an organisation or a single name ("Reuters").
 *     An organisation of several words must be written {literal: ...}.
 *  4. Otherwise "Given Family": the last word is the family name, but a
 *     final Jr., Sr., II, III or IV is a suffix and the word before it is the
 *     family name; lower-case words just before the family name (van, von,
 *     de, da, di, du, del, della, der, den, la, le, ter, ten, bin, ibn, al,
 *     el, dos, das, do) are its particle; the rest is the given name.
 * A mapping may give family, given, particle, suffix and family-first, or
 * literal alone. */
#include "names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const particles[] = {"van", "von", "de",  "da",  "di",  "du",  "del", "della",
                                        "der", "den", "la",  "le",  "ter", "ten", "bin", "ibn",
                                        "al",  "el",  "dos", "das", "do",  NULL};
static const char *const suffixes[] = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV", NULL};

static int word_is(const char *w, size_t n, const char *const *list) {
    for (; *list; list++)
        if (strlen(*list) == n && memcmp(*list, w, n) == 0) return 1;
    return 0;
}

typedef struct {
    const char *s;
    size_t n;
} piece;

static piece trim(const char *s, size_t n) {
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return (piece){s, n};
}

/* The parts as pieces of the text; literal.n set for a literal. */
typedef struct {
    piece family, given, particle, suffix, literal;
} parts;

static parts split(const char *text) {
    parts p;
    memset(&p, 0, sizeof p);
    piece all = trim(text, strlen(text));
    /* 1. a trailing aside */
    if (all.n && all.s[all.n - 1] == ')') {
        const char *open = NULL;
        for (size_t i = 0; i < all.n; i++)
            if (all.s[i] == '(') open = all.s + i;
        if (open && open > all.s) all = trim(all.s, (size_t)(open - all.s));
    }
    /* 2. family first, at a comma */
    const char *comma = memchr(all.s, ',', all.n);
    if (comma) {
        p.family = trim(all.s, (size_t)(comma - all.s));
        piece rest = trim(comma + 1, all.n - (size_t)(comma - all.s) - 1);
        const char *second = memchr(rest.s, ',', rest.n);
        if (second) {
            p.suffix = trim(rest.s, (size_t)(second - rest.s));
            p.given = trim(second + 1, rest.n - (size_t)(second - rest.s) - 1);
        } else {
            p.given = rest;
        }
        /* lower-case words at the start of the family part are its particle */
        size_t i = 0;
        while (i < p.family.n) {
            size_t j = i;
            while (j < p.family.n && p.family.s[j] != ' ')
                j++;
            if (j < p.family.n && word_is(p.family.s + i, j - i, particles)) {
                i = j + 1;
                continue;
            }
            break;
        }
        if (i) {
            p.particle = trim(p.family.s, i);
            p.family = trim(p.family.s + i, p.family.n - i);
        }
        if (!p.family.n) p.literal = all;
        return p;
    }
    /* the words */
    size_t starts[64], ends[64], nw = 0;
    for (size_t i = 0; i < all.n && nw < 64;) {
        while (i < all.n && all.s[i] == ' ')
            i++;
        if (i >= all.n) break;
        starts[nw] = i;
        while (i < all.n && all.s[i] != ' ')
            i++;
        ends[nw++] = i;
    }
    /* 3. one word */
    if (nw <= 1) {
        p.literal = all;
        return p;
    }
    /* 4. given ... [particle] family [suffix] */
    size_t last = nw - 1;
    if (word_is(all.s + starts[last], ends[last] - starts[last], suffixes) && nw >= 3) {
        p.suffix = (piece){all.s + starts[last], ends[last] - starts[last]};
        last--;
    }
    p.family = (piece){all.s + starts[last], ends[last] - starts[last]};
    size_t first_particle = last;
    while (first_particle > 1 &&
           word_is(all.s + starts[first_particle - 1],
                   ends[first_particle - 1] - starts[first_particle - 1], particles))
        first_particle--;
    if (first_particle < last)
        p.particle =
            (piece){all.s + starts[first_particle], ends[last - 1] - starts[first_particle]};
    p.given = (piece){all.s, ends[first_particle - 1]};
    return p;
}

/* ------------------------------------------------------------ storage */

static const char *keep(arena *a, piece p) {
    return p.n ? arena_strndup(a, p.s, p.n) : "";
}

/* How a name is shown: "Uriel Araujo", "Ludwig van Beethoven", "Pak Noja". */
static void shown(strbuf *b, const dossier_name *n, const char *as_written) {
    if (as_written) {
        sb_puts(b, as_written);
        return;
    }
    if (*n->literal) {
        sb_puts(b, n->literal);
        return;
    }
    const char *order[4];
    if (n->family_first)
        order[0] = n->particle, order[1] = n->family, order[2] = n->given, order[3] = n->suffix;
    else
        order[0] = n->given, order[1] = n->particle, order[2] = n->family, order[3] = n->suffix;
    int any = 0;
    for (int k = 0; k < 4; k++) {
        if (!*order[k]) continue;
        if (any) sb_puts(b, k == 3 && !n->family_first ? ", " : " ");
        sb_puts(b, order[k]);
        any = 1;
    }
}

dossier_status name_from_text(arena *a, const char *text, dossier_name *out) {
    parts p = split(text);
    memset(out, 0, sizeof *out);
    out->literal = keep(a, p.literal);
    out->family = p.literal.n ? "" : keep(a, p.family);
    out->given = p.literal.n ? "" : keep(a, p.given);
    out->particle = p.literal.n ? "" : keep(a, p.particle);
    out->suffix = p.literal.n ? "" : keep(a, p.suffix);
    if (!out->literal || !out->family || !out->given || !out->particle || !out->suffix)
        return DOSSIER_ERR_NOMEM;
    return DOSSIER_OK;
}

/* One author of the front matter: a string or a mapping. */
static dossier_status one_author(arena *a, ydoc *d, yaml_node_t *n, dossier_name *out,
                                 strbuf *display, dossier_error *err) {
    if (n && n->type == YAML_SCALAR_NODE) {
        const char *v = ydoc_string(d, n, "an author", err);
        if (!v) return DOSSIER_ERR_INVALID;
        if (!*v) return ydoc_error(d, n, err, DOSSIER_ERR_INVALID, "an author's name is empty");
        if (name_from_text(a, v, out)) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
        shown(display, out, v);
        return DOSSIER_OK;
    }
    if (!n || n->type != YAML_MAPPING_NODE)
        return ydoc_error(d, n, err, DOSSIER_ERR_INVALID,
                          "an author is a name, or a mapping of family, given (or literal)");
    memset(out, 0, sizeof *out);
    const char **slot[5] = {&out->family, &out->given, &out->particle, &out->suffix, &out->literal};
    static const char *const keys[5] = {"family", "given", "particle", "suffix", "literal"};
    for (int k = 0; k < 5; k++)
        *slot[k] = "";
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        const char *key = ydoc_key(d, n, p, "an author's key", err);
        if (!key) return DOSSIER_ERR_INVALID;
        yaml_node_t *vn = ydoc_node(d, p->value);
        char what[48];
        snprintf(what, sizeof what, "author '%s'", key);
        const char *v = ydoc_string(d, vn, what, err);
        if (!v) return DOSSIER_ERR_INVALID;
        if (strcmp(key, "family-first") == 0) {
            if (strcmp(v, "true") && strcmp(v, "false"))
                return ydoc_error(d, vn, err, DOSSIER_ERR_INVALID,
                                  "family-first is true or false (got '%s')", v);
            out->family_first = strcmp(v, "true") == 0;
            continue;
        }
        int k = 0;
        while (k < 5 && strcmp(keys[k], key) != 0)
            k++;
        if (k == 5)
            return ydoc_error(d, ydoc_node(d, p->key), err, DOSSIER_ERR_INVALID,
                              "unknown author key '%s' (expected family, given, particle, "
                              "suffix, family-first, or literal alone)",
                              key);
        if (!(*slot[k] = arena_strdup(a, v)))
            return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    }
    if (*out->literal && (*out->family || *out->given || *out->particle || *out->suffix))
        return ydoc_error(d, n, err, DOSSIER_ERR_INVALID,
                          "an author is a literal or a family name, not both");
    if (!*out->literal && !*out->family)
        return ydoc_error(d, n, err, DOSSIER_ERR_INVALID,
                          "an author mapping needs 'family' (or 'literal' for an organisation)");
    shown(display, out, NULL);
    return DOSSIER_OK;
}

dossier_status parse_authors(arena *a, ydoc *d, yaml_node_t *n, dossier_name **names, size_t *count,
                             const char **display, dossier_error *err) {
    *names = NULL;
    *count = 0;
    *display = NULL;
    if (n && n->type == YAML_SCALAR_NODE) {
        const char *v = ydoc_string(d, n, "'author'", err);
        if (!v) return DOSSIER_ERR_INVALID;
        if (!*v || strcmp(v, "unknown") == 0) { /* none given */
            *display = *v ? "unknown" : "";
            return DOSSIER_OK;
        }
    }
    yaml_node_t *single[1] = {n};
    yaml_node_t **items = single;
    size_t k = 1;
    yaml_node_t *list[64];
    if (n && n->type == YAML_SEQUENCE_NODE) {
        if (ydoc_check_tag(d, n, "'author'", err)) return DOSSIER_ERR_INVALID;
        k = 0;
        for (yaml_node_item_t *i = n->data.sequence.items.start; i < n->data.sequence.items.top;
             i++) {
            if (k == 64) return ydoc_error(d, n, err, DOSSIER_ERR_LIMIT, "more than 64 authors");
            list[k++] = ydoc_node(d, *i);
        }
        if (k == 0) {
            *display = "unknown";
            return DOSSIER_OK;
        }
        items = list;
    }
    dossier_name *out = arena_alloc(a, k * sizeof *out);
    if (!out) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    strbuf b = {0};
    for (size_t i = 0; i < k; i++) {
        /* "A", "A and B", "A, B and C" */
        if (i) sb_puts(&b, i + 1 == k ? " and " : ", ");
        dossier_status s = one_author(a, d, items[i], &out[i], &b, err);
        if (s) {
            sb_free(&b);
            return s;
        }
    }
    char *shown_all = sb_take(&b);
    *display = shown_all ? arena_strdup(a, shown_all) : NULL;
    free(shown_all);
    if (!*display) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    *names = out;
    *count = k;
    return DOSSIER_OK;
}

dossier_status dossier_parse_name(const char *text, dossier_name *out, void **storage,
                                  dossier_error *err) {
    if (storage) *storage = NULL;
    if (!text || !out || !storage)
        return set_error(err, DOSSIER_ERR_ARG, "dossier_parse_name: NULL argument");
    arena *a = calloc(1, sizeof *a);
    if (!a || name_from_text(a, text, out)) {
        if (a) arena_free(a);
        free(a);
        return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    }
    *storage = a;
    return DOSSIER_OK;
}

void dossier_name_free(void *storage) {
    if (!storage) return;
    arena_free(storage);
    free(storage);
}
