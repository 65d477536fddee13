/* actors.c — the gazetteer: actors.yaml read into the gazetteer's sections
 * (the actors, their lists and the alias table the scanner uses), and the
 * view of those sections an open corpus reads, built or cached alike. */
#include "build.h"
#include "cache.h"
#include "pattern.h"
#include "text.h"
#include "yamlread.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* An alias while the table is made: the folded form and every actor
 * claiming it (several only for a shared short form). */
typedef struct {
    char *key;
    long actor; /* actor index for a single-owner alias */
    unsigned flags, ntok, acronym, dotted, line;
    unsigned capital;  /* one word written capitalised: only matches a capitalised word */
    unsigned capitals; /* a phrase made a name by its capitals ("the North"): bit k set when
                          word k must be capitalised in the text; 0 for other aliases */
    long *cands;
    size_t n_cands;
} alias_entry;

/* Where each actor's parts are written in actors.yaml, for error messages. */
typedef struct {
    unsigned line;                 /* the actor's mapping */
    unsigned name_line;            /* its 'name' */
    const unsigned *list_lines[4]; /* each item of aliases, standins, demonyms, short */
    const unsigned *pattern_lines; /* each item of patterns */
} actor_src;

/* actors.yaml as read, before it becomes sections. */
typedef struct {
    arena mem;
    const char *actors_path;
    dossier_actor *actors;
    actor_src *actor_src;
    size_t n_actors;
    pattern_set *patterns; /* compiled to refuse what does not compile; the view compiles its own */
    alias_entry *aliases;
    size_t n_aliases;
    strmap alias_map;   /* folded alias -> index into aliases */
    strmap first_words; /* first folded word of any alias -> FIRST_WORD(...) (corpus.h) */
} gazetteer;

/* In enum order: the names actors.yaml's 'kind' takes. */
static const char *const kind_names[] = {"person", "state", "org", "place", "event", "product"};
#define N_KINDS (sizeof kind_names / sizeof *kind_names)

const char *dossier_kind_name(dossier_kind k) {
    return (unsigned)k < N_KINDS ? kind_names[k] : "unknown";
}

/* A list of strings: a YAML sequence of scalars, copied into the arena; when
 * lines is not NULL, *lines gets the line of each item. */
static dossier_status string_list(gazetteer *c, ydoc *d, yaml_node_t *n, const char *what,
                                  dossier_strings *out, const unsigned **lines,
                                  dossier_error *err) {
    if (n->type != YAML_SEQUENCE_NODE)
        return ydoc_error(d, n, err, DOSSIER_ERR_INVALID, "expected a list of strings for '%s'",
                          what);
    if (ydoc_check_tag(d, n, what, err)) return DOSSIER_ERR_INVALID;
    size_t count = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
    const char **items = arena_alloc(&c->mem, (count ? count : 1) * sizeof *items);
    unsigned *at = lines ? arena_alloc(&c->mem, (count ? count : 1) * sizeof *at) : NULL;
    if (!items || (lines && !at))
        return set_error(err, DOSSIER_ERR_NOMEM, "%s: out of memory", d->file);
    for (size_t i = 0; i < count; i++) {
        yaml_node_t *item = ydoc_node(d, n->data.sequence.items.start[i]);
        const char *v = ydoc_string(d, item, what, err);
        if (!v) return DOSSIER_ERR_INVALID;
        if (!(items[i] = arena_strdup(&c->mem, v)))
            return set_error(err, DOSSIER_ERR_NOMEM, "%s: out of memory", d->file);
        if (at) at[i] = (unsigned)item->start_mark.line + 1 + d->line_offset;
    }
    out->items = items;
    out->n = count;
    if (lines) *lines = at;
    return DOSSIER_OK;
}

static int valid_actor_id(const char *s) {
    if (!*s) return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' ||
              *s == '.'))
            return 0;
    return 1;
}

static dossier_status load_actor(gazetteer *c, ydoc *d, yaml_node_t *m, long ai,
                                 dossier_error *err) {
    dossier_actor *a = &c->actors[ai];
    actor_src *src = &c->actor_src[ai];
    yaml_node_t *patterns = NULL;
    if (m->type != YAML_MAPPING_NODE)
        return ydoc_error(d, m, err, DOSSIER_ERR_INVALID,
                          "expected an actor (a mapping with id, name, kind, ...)");
    if (ydoc_check_tag(d, m, "an actor", err)) return DOSSIER_ERR_INVALID;
    memset(a, 0, sizeof *a);
    memset(src, 0, sizeof *src);
    src->line = src->name_line = (unsigned)m->start_mark.line + 1 + d->line_offset;
    int have_kind = 0;
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *kn = ydoc_node(d, p->key), *vn = ydoc_node(d, p->value);
        const char *key = ydoc_key(d, m, p, "an actor key", err);
        if (!key) return DOSSIER_ERR_INVALID;
        dossier_strings *list = NULL;
        const unsigned **lines = NULL;
        const char **field = NULL;
        if (strcmp(key, "aliases") == 0)
            list = &a->aliases, lines = &src->list_lines[0];
        else if (strcmp(key, "standins") == 0)
            list = &a->standins, lines = &src->list_lines[1];
        else if (strcmp(key, "demonyms") == 0)
            list = &a->demonyms, lines = &src->list_lines[2];
        else if (strcmp(key, "short") == 0)
            list = &a->shorts, lines = &src->list_lines[3];
        else if (strcmp(key, "sources") == 0)
            list = &a->sources;
        else if (strcmp(key, "patterns") == 0)
            list = &a->patterns, lines = &src->pattern_lines, patterns = vn;
        else if (strcmp(key, "id") == 0)
            field = &a->id;
        else if (strcmp(key, "name") == 0)
            field = &a->name;
        else if (strcmp(key, "role") == 0)
            field = &a->role;
        else if (strcmp(key, "note") == 0)
            field = &a->note;
        else if (strcmp(key, "kind") != 0)
            return ydoc_error(d, kn, err, DOSSIER_ERR_INVALID,
                              "unknown actor key '%s' (expected id, name, kind, role, note, "
                              "sources, aliases, standins, demonyms, short, patterns)",
                              key);
        if (list) {
            dossier_status s = string_list(c, d, vn, key, list, lines, err);
            if (s) return s;
            continue;
        }
        if (field == &a->name) src->name_line = (unsigned)vn->start_mark.line + 1 + d->line_offset;
        char what[32];
        snprintf(what, sizeof what, "'%s'", key);
        const char *v = ydoc_string(d, vn, what, err);
        if (!v) return DOSSIER_ERR_INVALID;
        if (!field) { /* kind */
            int k = 0;
            while (k < (int)N_KINDS && strcmp(kind_names[k], v) != 0)
                k++;
            if (k == (int)N_KINDS)
                return ydoc_error(
                    d, vn, err, DOSSIER_ERR_INVALID,
                    "unknown kind '%s' (expected person, state, org, place, event or product)", v);
            a->kind = (dossier_kind)k;
            have_kind = 1;
            continue;
        }
        if (!(*field = arena_strdup(&c->mem, v)))
            return set_error(err, DOSSIER_ERR_NOMEM, "%s: out of memory", d->file);
    }
    if (!a->id) return ydoc_error(d, m, err, DOSSIER_ERR_INVALID, "actor has no 'id'");
    if (!valid_actor_id(a->id))
        return ydoc_error(d, m, err, DOSSIER_ERR_INVALID,
                          "actor id '%s' must be lower-case letters, digits, '-', '_' or '.'",
                          a->id);
    if (!a->name || !*a->name)
        return ydoc_error(d, m, err, DOSSIER_ERR_INVALID, "actor '%s' has no 'name'", a->id);
    if (!have_kind)
        return ydoc_error(d, m, err, DOSSIER_ERR_INVALID, "actor '%s' has no 'kind'", a->id);
    if (!a->role) a->role = "";
    if (!a->note) a->note = "";
    /* compiled once the id is known, for the messages */
    for (size_t k = 0; k < a->patterns.n; k++) {
        yaml_node_t *item = ydoc_node(d, patterns->data.sequence.items.start[k]);
        const char *source = a->patterns.items[k];
        char why[256];
        dossier_status s =
            pattern_add(&c->patterns, ai, source,
                        (unsigned)item->start_mark.line + 1 + d->line_offset, why, sizeof why);
        if (s == DOSSIER_ERR_NOMEM) return set_error(err, s, "%s: out of memory", d->file);
        if (s)
            return ydoc_error(d, item, err, s, "actor '%s': pattern '%.120s' %s", a->id, source,
                              why);
    }
    return DOSSIER_OK;
}

dossier_status gazetteer_absent(dossier_corpus *c, const char *path) {
    /* A corpus may come without a gazetteer (a folder of articles a user just
     * gathered): everything but the actor features still works, and the user
     * is told once. Any other failure to read it (a directory in its place, no
     * permission) is an error as usual. */
    return add_notice(c,
                      "%s: not found: no actors are known, so no names are highlighted (see the "
                      "README's corpus format to add one)",
                      path);
}

static dossier_status load_actors(gazetteer *c, const char *path, uint64_t *hash, int *absent,
                                  dossier_error *err) {
    char *text;
    size_t len;
    c->actors_path = path;
    struct stat st;
    if (lstat(path, &st) != 0 && errno == ENOENT) {
        *absent = 1;
        return DOSSIER_OK;
    }
    dossier_status s = read_file(path, &text, &len, err);
    if (s) return s;
    if (hash) *hash = content_hash(text, len);
    if (memchr(text, '\0', len)) {
        free(text);
        return set_error(err, DOSSIER_ERR_INVALID, "%s: NUL byte: not a text file", path);
    }
    ydoc d;
    s = ydoc_load(&d, path, text, len, 0, err);
    if (s) {
        free(text);
        return s;
    }
    yaml_node_t *root = ydoc_root(&d), *list = NULL;
    if ((s = ydoc_check_tag(&d, root, "the document", err))) goto done;
    if (!root || root->type != YAML_MAPPING_NODE) {
        s = ydoc_error(&d, root, err, DOSSIER_ERR_INVALID,
                       "expected a mapping with an 'actors' list");
        goto done;
    }
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
         p++) {
        yaml_node_t *kn = ydoc_node(&d, p->key);
        const char *key = ydoc_key(&d, root, p, "a top-level key", err);
        if (!key) {
            s = DOSSIER_ERR_INVALID;
            goto done;
        }
        if (strcmp(key, "actors") != 0) {
            s = ydoc_error(&d, kn, err, DOSSIER_ERR_INVALID,
                           "unknown top-level key '%s' (expected 'actors')", key);
            goto done;
        }
        list = ydoc_node(&d, p->value);
    }
    if ((s = ydoc_check_tag(&d, list, "'actors'", err))) goto done;
    /* `actors:` with nothing after it yet: the file `dossier init` writes, to
     * which the entries of `dossier actors suggest` are appended */
    if (list && ydoc_is_null(list)) goto done;
    if (!list || list->type != YAML_SEQUENCE_NODE) {
        s = ydoc_error(&d, list ? list : root, err, DOSSIER_ERR_INVALID,
                       "expected 'actors' to be a list of actors");
        goto done;
    }
    size_t n = (size_t)(list->data.sequence.items.top - list->data.sequence.items.start);
    c->actors = arena_alloc(&c->mem, (n ? n : 1) * sizeof *c->actors);
    c->actor_src = arena_alloc(&c->mem, (n ? n : 1) * sizeof *c->actor_src);
    strmap ids = {0};
    if (!c->actors || !c->actor_src) {
        s = set_error(err, DOSSIER_ERR_NOMEM, "%s: out of memory", path);
        goto done;
    }
    for (size_t i = 0; i < n && !s; i++) {
        yaml_node_t *m = ydoc_node(&d, list->data.sequence.items.start[i]);
        s = load_actor(c, &d, m, (long)i, err);
        if (s) break;
        long prev = strmap_get(&ids, c->actors[i].id, strlen(c->actors[i].id));
        if (prev >= 0)
            s = ydoc_error(&d, m, err, DOSSIER_ERR_INVALID,
                           "duplicate actor id '%s' (first defined at line %u)", c->actors[i].id,
                           c->actor_src[prev].line);
        else if (!strmap_put(&ids, c->actors[i].id, strlen(c->actors[i].id), (long)i))
            s = set_error(err, DOSSIER_ERR_NOMEM, "%s: out of memory", path);
        c->n_actors = i + 1;
    }
    strmap_free(&ids);
done:
    ydoc_free(&d);
    free(text);
    return s;
}

/* ------------------------------------------------------------ alias table */

#define MAX_ALIAS_WORDS 16

/* Adds one surface form of actor ai. */
static dossier_status add_alias(gazetteer *c, size_t *cap, long ai, const char *form,
                                unsigned flags, unsigned line, dossier_error *err) {
    const char *owner = c->actors[ai].id;
    token_list t;
    if (tokenize(form, strlen(form), &t)) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    dossier_status s = DOSSIER_OK;
    if (t.n == 0 || strlen(form) < 2) {
        s = set_error(err, DOSSIER_ERR_INVALID,
                      "%s:%u: actor '%s': alias '%s' is empty or too short (at least two "
                      "characters with a letter or digit)",
                      c->actors_path, line, owner, form);
        goto done;
    }
    if (t.n > MAX_ALIAS_WORDS) {
        s = set_error(err, DOSSIER_ERR_LIMIT,
                      "%s:%u: actor '%s': alias '%s' has more than %d words", c->actors_path, line,
                      owner, form, MAX_ALIAS_WORDS);
        goto done;
    }
    /* a one-word alias written with a capital and lower case (Arch, Putin)
     * matches only a word that starts with a capital: "arch" is not Arch */
    unsigned capital = t.n == 1 && t.tok[0].cap && !t.tok[0].upper;
    long at = strmap_get(&c->alias_map, t.folded, t.flen);
    if (at >= 0) {
        alias_entry *e = &c->aliases[at];
        if (!capital) e->capital = 0; /* written in lower case somewhere: any case */
        int both_short = (flags & DOSSIER_MATCH_SHORT) && (e->flags & DOSSIER_MATCH_SHORT);
        if (both_short) {
            for (size_t k = 0; k < e->n_cands; k++)
                if (e->cands[k] == ai) goto done;
            long *nc = realloc(e->cands, (e->n_cands + 1) * sizeof *nc);
            if (!nc) {
                s = set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
                goto done;
            }
            e->cands = nc;
            e->cands[e->n_cands++] = ai;
            goto done;
        }
        if (e->actor == ai && !(e->flags & DOSSIER_MATCH_SHORT))
            goto done; /* repeated within one actor */
        long other = e->actor >= 0 ? e->actor : e->cands[0];
        s = set_error(err, DOSSIER_ERR_INVALID,
                      "%s:%u: alias '%s' is claimed by both '%s' and '%s' ('%s' at line %u; list "
                      "a shared short form under 'short' of each)",
                      c->actors_path, line, form, c->actors[other].id, owner, c->actors[other].id,
                      e->line);
        goto done;
    }
    if (!grow((void **)&c->aliases, cap, c->n_aliases + 1, sizeof *c->aliases)) {
        s = set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
        goto done;
    }
    alias_entry *e = &c->aliases[c->n_aliases];
    memset(e, 0, sizeof *e);
    e->key = arena_strndup(&c->mem, t.folded, t.flen);
    e->actor = (flags & DOSSIER_MATCH_SHORT) ? -1 : ai;
    e->flags = flags;
    e->ntok = (unsigned)t.n;
    e->line = line;
    /* two- or three-letter acronyms (US, UN) match only in capitals, so "us" and "un" don't */
    e->acronym = t.n == 1 && t.tok[0].upper && t.tok[0].end - t.tok[0].start <= 3;
    e->capital = capital;
    e->dotted = t.n > 1 && form[strlen(form) - 1] == '.';
    /* An alias that starts with a lower-case word ("the North") is a common
     * phrase made a name by its capitals: "the north of the country" is not
     * North Korea. Its capitalised words must be capitalised in the text. */
    char lead = form[t.tok[0].start];
    if (!t.tok[0].cap && !(lead >= '0' && lead <= '9'))
        for (size_t k = 0; k < t.n; k++)
            if (t.tok[k].cap) e->capitals |= 1u << k;
    if (flags & DOSSIER_MATCH_SHORT) {
        e->cands = malloc(sizeof *e->cands);
        if (e->cands) e->cands[e->n_cands++] = ai;
    }
    if (!e->key || ((flags & DOSSIER_MATCH_SHORT) && !e->cands) ||
        !strmap_put(&c->alias_map, t.folded, t.flen, (long)c->n_aliases)) {
        free(e->cands);
        s = set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
        goto done;
    }
    c->n_aliases++;
    long fw = strmap_get(&c->first_words, t.folded + t.tok[0].fstart, t.tok[0].flen);
    size_t longest = fw < 0 ? t.n : FIRST_WORD_LONGEST(fw);
    size_t shortest = fw < 0 ? t.n : FIRST_WORD_SHORTEST(fw);
    int cap2 = (fw < 0 || FIRST_WORD_CAP2(fw)) && t.n >= 2 && (e->capitals & 2u);
    if (t.n > longest) longest = t.n;
    if (t.n < shortest) shortest = t.n;
    if (!strmap_put(&c->first_words, t.folded + t.tok[0].fstart, t.tok[0].flen,
                    FIRST_WORD(longest, shortest, cap2)))
        s = set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
done:
    token_list_free(&t);
    return s;
}

static dossier_status build_alias_table(gazetteer *c, dossier_error *err) {
    size_t cap = 0;
    dossier_status s = DOSSIER_OK;
    for (size_t i = 0; i < c->n_actors && !s; i++) {
        const dossier_actor *a = &c->actors[i];
        const actor_src *src = &c->actor_src[i];
        s = add_alias(c, &cap, (long)i, a->name, 0, src->name_line, err);
        const dossier_strings *lists[] = {&a->aliases, &a->standins, &a->demonyms, &a->shorts};
        const unsigned flags[] = {0, DOSSIER_MATCH_STANDIN, DOSSIER_MATCH_DEMONYM,
                                  DOSSIER_MATCH_SHORT};
        for (size_t l = 0; l < 4 && !s; l++)
            for (size_t k = 0; k < lists[l]->n && !s; k++)
                s = add_alias(c, &cap, (long)i, lists[l]->items[k], flags[l],
                              src->list_lines[l] ? src->list_lines[l][k] : src->line, err);
    }
    if (s) return s;
    /* candidates in actor-id order, so results do not depend on file order */
    for (size_t i = 0; i < c->n_aliases; i++) {
        alias_entry *e = &c->aliases[i];
        for (size_t x = 1; x < e->n_cands; x++)
            for (size_t y = x;
                 y > 0 && strcmp(c->actors[e->cands[y - 1]].id, c->actors[e->cands[y]].id) > 0;
                 y--) {
                long tmp = e->cands[y];
                e->cands[y] = e->cands[y - 1];
                e->cands[y - 1] = tmp;
            }
        /* a short form only one actor claims is simply that actor's alias */
        if (e->n_cands == 1) e->actor = e->cands[0];
    }
    return DOSSIER_OK;
}

/* ------------------------------------------------------------ sections */

/* Appends s and its NUL to the pool of section id; its offset, 0 for "". */
static uint32_t pool_put(image *im, int id, const char *s, size_t n) {
    if (n == 0) return 0;
    uint32_t off = (uint32_t)im->owned[id].len;
    image_put(im, id, s, n);
    image_put(im, id, "", 1);
    return off;
}

static void put_list(image *im, const dossier_strings *l, const unsigned *lines, actor_rec *r,
                     int k) {
    r->list_first[k] = (uint32_t)(im->owned[SEC_ACTOR_ITEMS].len / sizeof(uint32_t));
    r->list_n[k] = (uint32_t)l->n;
    for (size_t i = 0; i < l->n; i++) {
        uint32_t off = pool_put(im, SEC_GAZ_STRINGS, l->items[i], strlen(l->items[i]));
        uint32_t line = lines ? lines[i] : 0;
        image_put(im, SEC_ACTOR_ITEMS, &off, sizeof off);
        image_put(im, SEC_ACTOR_ITEM_LINES, &line, sizeof line);
    }
}

static dossier_status emit(gazetteer *g, image *im) {
    image_put(im, SEC_GAZ_STRINGS, "", 1); /* offset 0 is "" */
    for (size_t i = 0; i < g->n_actors; i++) {
        const dossier_actor *a = &g->actors[i];
        const actor_src *src = &g->actor_src[i];
        actor_rec r;
        memset(&r, 0, sizeof r);
        r.id = pool_put(im, SEC_GAZ_STRINGS, a->id, strlen(a->id));
        r.name = pool_put(im, SEC_GAZ_STRINGS, a->name, strlen(a->name));
        r.role = pool_put(im, SEC_GAZ_STRINGS, a->role, strlen(a->role));
        r.note = pool_put(im, SEC_GAZ_STRINGS, a->note, strlen(a->note));
        r.kind = (uint32_t)a->kind;
        r.line = src->line;
        const dossier_strings *lists[AL_COUNT] = {&a->aliases, &a->standins, &a->demonyms,
                                                  &a->shorts,  &a->sources,  &a->patterns};
        const unsigned *lines[AL_COUNT] = {
            src->list_lines[0], src->list_lines[1], src->list_lines[2], src->list_lines[3], NULL,
            src->pattern_lines};
        for (int k = 0; k < AL_COUNT; k++)
            put_list(im, lists[k], lines[k], &r, k);
        image_put(im, SEC_ACTORS, &r, sizeof r);
    }
    for (size_t i = 0; i < g->n_aliases; i++) {
        const alias_entry *e = &g->aliases[i];
        alias_rec r;
        memset(&r, 0, sizeof r);
        r.key_len = (uint32_t)strlen(e->key);
        r.key_off = pool_put(im, SEC_GAZ_STRINGS, e->key, r.key_len);
        r.actor = (int32_t)e->actor;
        r.flags = e->flags;
        r.ntok = e->ntok;
        r.line = e->line;
        r.cand_first = (uint32_t)(im->owned[SEC_ALIAS_CANDS].len / sizeof(int32_t));
        r.n_cands = (uint32_t)e->n_cands;
        r.acronym = (uint8_t)e->acronym;
        r.dotted = (uint8_t)e->dotted;
        r.capital = (uint8_t)e->capital;
        r.capitals = e->capitals;
        for (size_t k = 0; k < e->n_cands; k++) {
            int32_t a = (int32_t)e->cands[k];
            image_put(im, SEC_ALIAS_CANDS, &a, sizeof a);
        }
        image_put(im, SEC_ALIASES, &r, sizeof r);
    }
    /* first words: the strmap's keys in slot order, which is the same for
     * the same gazetteer */
    for (size_t j = 0; j < g->first_words.cap; j++) {
        if (!g->first_words.keys[j]) continue;
        first_word_rec r;
        memset(&r, 0, sizeof r);
        r.key_len = (uint32_t)g->first_words.key_lens[j];
        r.key_off = pool_put(im, SEC_GAZ_STRINGS, g->first_words.keys[j], r.key_len);
        r.value = (uint32_t)g->first_words.values[j];
        image_put(im, SEC_FIRST_WORDS, &r, sizeof r);
    }
    if (image_failed(im)) return DOSSIER_ERR_NOMEM;
    const char *pool = im->owned[SEC_GAZ_STRINGS].data;
    if (!keytab_build(im, SEC_ALIAS_SLOTS, (const unsigned char *)im->owned[SEC_ALIASES].data,
                      sizeof(alias_rec), g->n_aliases, pool) ||
        !keytab_build(im, SEC_FIRST_SLOTS, (const unsigned char *)im->owned[SEC_FIRST_WORDS].data,
                      sizeof(first_word_rec),
                      im->owned[SEC_FIRST_WORDS].len / sizeof(first_word_rec), pool))
        return DOSSIER_ERR_NOMEM;
    return DOSSIER_OK;
}

static void gazetteer_free(gazetteer *g) {
    for (size_t i = 0; i < g->n_aliases; i++)
        free(g->aliases[i].cands);
    free(g->aliases);
    pattern_set_free(g->patterns);
    strmap_free(&g->alias_map);
    strmap_free(&g->first_words);
    arena_free(&g->mem);
}

dossier_status gazetteer_build(image *im, const char *path, uint64_t *hash, int *absent,
                               dossier_error *err) {
    gazetteer g;
    memset(&g, 0, sizeof g);
    *absent = 0;
    dossier_status s = load_actors(&g, path, hash, absent, err);
    if (!s) s = build_alias_table(&g, err);
    if (!s && emit(&g, im)) s = set_error(err, DOSSIER_ERR_NOMEM, "%s: out of memory", path);
    gazetteer_free(&g);
    return s;
}

/* ------------------------------------------------------------ the view */

/* String off of a pool that ends with a NUL, or NULL when out of it. */
static const char *pool_str(const section *pool, uint32_t off) {
    return off < pool->size ? (const char *)pool->data + off : NULL;
}

/* A list range [first, first + n) within `count` items. */
static int in_range(uint64_t first, uint64_t n, uint64_t count) {
    return first <= count && n <= count - first;
}

const int32_t *alias_candidates(const dossier_corpus *c, const alias_rec *e, size_t *n) {
    *n = e->n_cands;
    return e->n_cands ? c->alias_cands + e->cand_first : NULL; /* checked by gazetteer_view */
}

#define BAD_CACHE(what) set_error(err, DOSSIER_ERR_INVALID, "corrupt gazetteer section: %s", what)

static dossier_status view_actors(dossier_corpus *c, dossier_error *err) {
    const image *im = &c->img;
    const section *pool = &im->s[SEC_GAZ_STRINGS];
    const actor_rec *rec = SEC_AS(im, SEC_ACTORS, actor_rec);
    const uint32_t *items = SEC_AS(im, SEC_ACTOR_ITEMS, uint32_t);
    size_t n_items = im->s[SEC_ACTOR_ITEMS].count;
    c->n_actors = im->s[SEC_ACTORS].count;
    if (c->n_actors > INT32_MAX) return BAD_CACHE("actors");
    c->actors = arena_alloc(&c->mem, (c->n_actors ? c->n_actors : 1) * sizeof *c->actors);
    const char **ptrs = arena_alloc(&c->mem, (n_items ? n_items : 1) * sizeof *ptrs);
    if (!c->actors || !ptrs) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n_items; i++)
        if (!(ptrs[i] = pool_str(pool, items[i]))) return BAD_CACHE("actor list item");
    for (size_t i = 0; i < c->n_actors; i++) {
        const actor_rec *r = &rec[i];
        dossier_actor *a = &c->actors[i];
        a->id = pool_str(pool, r->id);
        a->name = pool_str(pool, r->name);
        a->role = pool_str(pool, r->role);
        a->note = pool_str(pool, r->note);
        if (!a->id || !a->name || !a->role || !a->note || r->kind > DOSSIER_PRODUCT)
            return BAD_CACHE("actor");
        a->kind = (dossier_kind)r->kind;
        dossier_strings *lists[AL_COUNT] = {&a->aliases, &a->standins, &a->demonyms,
                                            &a->shorts,  &a->sources,  &a->patterns};
        for (int k = 0; k < AL_COUNT; k++) {
            if (!in_range(r->list_first[k], r->list_n[k], n_items)) return BAD_CACHE("actor list");
            lists[k]->items = ptrs + r->list_first[k];
            lists[k]->n = r->list_n[k];
        }
    }
    return DOSSIER_OK;
}

static dossier_status view_aliases(dossier_corpus *c, dossier_error *err) {
    const image *im = &c->img;
    const section *pool = &im->s[SEC_GAZ_STRINGS];
    c->aliases = SEC_AS(im, SEC_ALIASES, alias_rec);
    c->n_aliases = im->s[SEC_ALIASES].count;
    c->alias_cands = SEC_AS(im, SEC_ALIAS_CANDS, int32_t);
    c->n_alias_cands = im->s[SEC_ALIAS_CANDS].count;
    c->max_alias_words = 0;
    for (size_t i = 0; i < c->n_aliases; i++) {
        const alias_rec *e = &c->aliases[i];
        if (e->key_off >= pool->size || e->key_len > pool->size - e->key_off - 1 ||
            pool->data[e->key_off + e->key_len] != '\0')
            return BAD_CACHE("alias key");
        if (e->actor < -1 || (e->actor >= 0 && (size_t)e->actor >= c->n_actors) || e->ntok == 0 ||
            e->ntok > MAX_ALIAS_WORDS || !in_range(e->cand_first, e->n_cands, c->n_alias_cands))
            return BAD_CACHE("alias");
        if ((e->actor < 0) != (e->n_cands > 1)) return BAD_CACHE("alias owner");
        if (e->ntok > c->max_alias_words) c->max_alias_words = e->ntok;
    }
    for (size_t i = 0; i < c->n_alias_cands; i++)
        if (c->alias_cands[i] < 0 || (size_t)c->alias_cands[i] >= c->n_actors)
            return BAD_CACHE("alias candidate");
    const first_word_rec *fw = SEC_AS(im, SEC_FIRST_WORDS, first_word_rec);
    for (size_t i = 0; i < im->s[SEC_FIRST_WORDS].count; i++) {
        size_t longest = FIRST_WORD_LONGEST(fw[i].value),
               shortest = FIRST_WORD_SHORTEST(fw[i].value);
        if (shortest < 1 || shortest > longest || longest > MAX_ALIAS_WORDS)
            return BAD_CACHE("first word");
    }
    c->alias_tab =
        keytab_view(&im->s[SEC_ALIAS_SLOTS], &im->s[SEC_ALIASES], sizeof(alias_rec), pool);
    c->first_tab =
        keytab_view(&im->s[SEC_FIRST_SLOTS], &im->s[SEC_FIRST_WORDS], sizeof(first_word_rec), pool);
    if (c->n_aliases && (!c->alias_tab.cap || !c->first_tab.cap)) return BAD_CACHE("alias table");
    memset(c->first_filter, 0, sizeof c->first_filter);
    for (size_t i = 0; i < c->first_tab.n; i++) {
        size_t len;
        const char *k = keytab_key(&c->first_tab, i, &len);
        if (len)
            c->first_filter[first_filter_bit(k, len) / 64] |= 1ull << first_filter_bit(k, len) % 64;
    }
    return DOSSIER_OK;
}

/* The regular-expression aliases, compiled from the gazetteer's strings (a
 * cache holds the patterns, not PCRE2's compiled code). */
static dossier_status view_patterns(dossier_corpus *c, dossier_error *err) {
    const actor_rec *rec = SEC_AS(&c->img, SEC_ACTORS, actor_rec);
    const uint32_t *lines = SEC_AS(&c->img, SEC_ACTOR_ITEM_LINES, uint32_t);
    if (c->img.s[SEC_ACTOR_ITEM_LINES].count != c->img.s[SEC_ACTOR_ITEMS].count)
        return BAD_CACHE("item lines");
    for (size_t i = 0; i < c->n_actors; i++) {
        const dossier_strings *p = &c->actors[i].patterns;
        for (size_t k = 0; k < p->n; k++) {
            char why[256];
            dossier_status s =
                pattern_add(&c->patterns, (long)i, p->items[k],
                            lines[rec[i].list_first[AL_PATTERNS] + k], why, sizeof why);
            if (s == DOSSIER_ERR_NOMEM) return set_error(err, s, "out of memory");
            if (s)
                return set_error(err, s, "%s: actor '%s': pattern '%.120s' %s", c->actors_path,
                                 c->actors[i].id, p->items[k], why);
        }
    }
    return DOSSIER_OK;
}

dossier_status gazetteer_view(dossier_corpus *c, dossier_error *err) {
    const section *pool = &c->img.s[SEC_GAZ_STRINGS];
    pattern_set_free(c->patterns); /* viewed again after a build moves its image */
    c->patterns = NULL;
    if (!pool->size || pool->data[0] != '\0' || pool->data[pool->size - 1] != '\0')
        return BAD_CACHE("strings");
    dossier_status s = view_actors(c, err);
    if (!s) s = view_aliases(c, err);
    if (!s) s = view_patterns(c, err);
    return s;
}
