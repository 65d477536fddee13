/* corpus.c — opening and closing a corpus, and read-only accessors. */
#include "corpus.h"
#include "index.h"
#include "pattern.h"
#include "rank.h"
#include "related.h"
#include "scan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

dossier_status dossier_open(const char *dir, dossier_corpus **out, dossier_error *err) {
    return dossier_open_with(dir, NULL, out, err);
}

dossier_status dossier_open_with(const char *dir, const dossier_open_opts *opts,
                                 dossier_corpus **out, dossier_error *err) {
    if (err) {
        err->status = DOSSIER_OK;
        err->message[0] = '\0';
    }
    if (!out) return set_error(err, DOSSIER_ERR_ARG, "dossier_open: NULL output pointer");
    *out = NULL;
    if (!dir || !*dir)
        return set_error(err, DOSSIER_ERR_ARG, "dossier_open: no corpus directory given");
    struct stat st;
    if (stat(dir, &st) != 0)
        return set_error(err, DOSSIER_ERR_IO, "%s: cannot open corpus directory: %s", dir,
                         strerror(errno));
    if (!S_ISDIR(st.st_mode)) return set_error(err, DOSSIER_ERR_IO, "%s: not a directory", dir);

    dossier_corpus *c = calloc(1, sizeof *c);
    if (!c) return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--; /* "corpus/" and "corpus" name files alike */
    c->dir = arena_strndup(&c->mem, dir, n);
    if (!c->dir) {
        dossier_close(c);
        return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    }
    char *actors_path = malloc(n + sizeof "/actors.yaml");
    if (!actors_path) {
        dossier_close(c);
        return set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    }
    snprintf(actors_path, n + sizeof "/actors.yaml", "%s/actors.yaml", c->dir);
    dossier_status s = load_config(c, err);
    if (!s) {
        const char *wn = opts && opts->wordnet ? opts->wordnet : c->config.wordnet;
        if (!(c->related = related_new(wn))) s = set_error(err, DOSSIER_ERR_NOMEM, "out of memory");
    }
    if (!s) s = load_articles(c, err);
    if (!s) s = load_actors(c, actors_path, err);
    if (!s) s = build_alias_table(c, err);
    if (!s) s = tokenize_articles(c, err);
    if (!s) s = collect_mentions(c, err);
    if (!s) s = build_index(c, err);
    if (!s) s = rank_prepare(c, err);
    free(actors_path);
    if (s) {
        dossier_close(c);
        return s;
    }
    *out = c;
    return DOSSIER_OK;
}

void dossier_close(dossier_corpus *c) {
    if (!c) return;
    for (size_t i = 0; i < c->n_aliases; i++)
        free(c->aliases[i].cands);
    free(c->aliases);
    free(c->notices);
    pattern_set_free(c->patterns);
    strmap_free(&c->alias_map);
    strmap_free(&c->first_words);
    if (c->mentions)
        for (size_t i = 0; i < c->n_actors; i++)
            free(c->mentions[i].items);
    free(c->mentions);
    if (c->body_words)
        for (size_t i = 0; i < c->n_articles; i++)
            token_list_free(&c->body_words[i]);
    free(c->body_words);
    free_index(c->index, c->n_articles);
    related_free(c->related);
    free(c->bm25_norm);
    free(c->passages);
    arena_free(&c->mem);
    free(c);
}

size_t dossier_article_count(const dossier_corpus *c) {
    return c ? c->n_articles : 0;
}

const dossier_article *dossier_article_at(const dossier_corpus *c, size_t i) {
    return c && i < c->n_articles ? &c->articles[i] : NULL;
}

long dossier_article_find(const dossier_corpus *c, const char *id_or_key) {
    if (!c || !id_or_key) return -1;
    for (size_t i = 0; i < c->n_articles; i++)
        if (strcmp(c->articles[i].id, id_or_key) == 0 || strcmp(c->articles[i].key, id_or_key) == 0)
            return (long)i;
    return -1;
}

size_t dossier_passage_count(const dossier_corpus *c) {
    return c ? c->n_passages : 0;
}

const dossier_passage *dossier_passage_at(const dossier_corpus *c, size_t i) {
    return c && i < c->n_passages ? &c->passages[i] : NULL;
}

size_t dossier_actor_count(const dossier_corpus *c) {
    return c ? c->n_actors : 0;
}

const dossier_actor *dossier_actor_at(const dossier_corpus *c, size_t i) {
    return c && i < c->n_actors ? &c->actors[i] : NULL;
}

long dossier_actor_find(const dossier_corpus *c, const char *id) {
    if (!c || !id) return -1;
    for (size_t i = 0; i < c->n_actors; i++)
        if (strcmp(c->actors[i].id, id) == 0) return (long)i;
    return -1;
}

int dossier_wordnet(const dossier_corpus *c, int open, const char **dir, const char **why) {
    if (!c) {
        if (dir) *dir = "";
        if (why) *why = "no corpus";
        return 0;
    }
    if (open) related_wordnet_open(c);
    return related_wordnet(c, dir, why);
}
