/* build.h — how a corpus image is made (build.c) and read, part by part.
 *
 * A build reads actors.yaml into the gazetteer's sections, then each
 * article in turn (read, segmented, scanned for mentions, its passages'
 * terms and its words made) into the article, mention, index and word
 * sections, and ends with what needs every article: the mentions filed by
 * actor, the postings, the term and word tables. An update of a cache takes
 * the unchanged articles' parts from the old image instead of their files.
 * Each part's view checks and reads its sections once open (built or mapped
 * alike); each lives next to the code that uses it. */
#ifndef DOSSIER_BUILD_H
#define DOSSIER_BUILD_H

#include "corpus.h"

/* ------------------------------------------------------------ the build (build.c) */

#define REUSE_SKIPPED (-2)

/* What a build is asked to make. */
typedef struct {
    const char *abs_dir; /* the corpus directory's absolute path (kept in SEC_META) */
    char *const *names;  /* article file names, sorted */
    size_t n_names;
    const long *reuse;     /* per name: the old article it is taken from, -1 (read it), or
                              REUSE_SKIPPED (passed over before, unchanged); NULL: none */
    const file_rec *stats; /* per name: the fingerprint of a reused article's file */
    file_rec actors_stat;  /* actors.yaml's, when the old gazetteer is reused */
    file_rec config_stat;  /* dossier.yaml's */
    int64_t started_ns;
    const dossier_open_opts *opts;
    int *retry;  /* set when the old cache's parts were at fault: build afresh */
    int partial; /* a delta's articles only (delta.c): old gives the gazetteer and the
                    vocabularies, nothing is reused, and no article at all is no error */
} build_job;

/* Builds c->img (sealed; c's gazetteer viewed) from the files of c->dir;
 * when old is not NULL (a valid cache whose gazetteer is unchanged), takes
 * from it the articles job->reuse names. Counts into c->info. */
HIDDEN dossier_status build_corpus(dossier_corpus *c, const dossier_corpus *old,
                                   const build_job *job, dossier_error *err);

/* The views of every part, in order, over c->img. */
HIDDEN dossier_status corpus_view(dossier_corpus *c, dossier_error *err);

/* A corpus of directory dir over the sections of im (cache_check's, on
 * bytes the caller keeps until dossier_close), which it takes: the fuzzer's
 * way to every reader of a cache's sections. */
HIDDEN dossier_status corpus_from_image(const char *dir, image *im, dossier_corpus **out,
                                        dossier_error *err);

/* s appended to SEC_STRINGS of im (its first byte "" for offset 0): its offset. */
HIDDEN uint32_t strings_put(image *im, const char *s);

/* dossier.yaml's settings as a cache kept them (config.c), into c->config:
 * for an open whose dossier.yaml is unchanged. config_emit writes them. */
HIDDEN void config_emit(image *im, const corpus_config *cfg);
HIDDEN dossier_status config_from_cache(dossier_corpus *c, const image *old, dossier_error *err);

/* ------------------------------------------------------------ a delta (delta.c) */

/* Whether the delta image applies to the base image (mapped or written:
 * its checksum, size and counts), and its own frame is whole. */
HIDDEN dossier_status delta_check(const image *base, const image *delta, dossier_error *err);
/* The image of the corpus base + delta (both viewed) into out: what a full
 * build of the same files makes, numbered the same; its sections are its
 * own but for the articles' texts, the base's (out must not outlive base's
 * mapping: the caller hands that over in out->base_map). A delta whose
 * order or vocabularies do not fit the base is DOSSIER_ERR_INVALID; so are
 * ids or keys that clash (a full build names the clash). */
HIDDEN dossier_status delta_merge(const dossier_corpus *base, const dossier_corpus *delta,
                                  image *out, dossier_error *err);

/* ------------------------------------------------------------ the gazetteer (actors.c) */

/* actors.yaml at path into the gazetteer sections of im; *hash gets the
 * file's content hash. No such file: an empty gazetteer, and *absent set. */
HIDDEN dossier_status gazetteer_build(image *im, const char *path, uint64_t *hash, int *absent,
                                      dossier_error *err);
/* The notice of a corpus without actors.yaml (at path); ERR_NOMEM or OK. */
HIDDEN dossier_status gazetteer_absent(dossier_corpus *c, const char *path);
HIDDEN dossier_status gazetteer_view(dossier_corpus *c, dossier_error *err);

/* ------------------------------------------------------------ articles (article.c) */

/* Sorted names of the article files (*.md, *.txt) in dir: malloc'd array of malloc'd names. */
HIDDEN dossier_status list_articles(const char *dir, char ***names, size_t *n, dossier_error *err);
/* The files that may be articles: those dossier.yaml lists (c->config), in
 * its order, else list_articles'. None is an error naming the directory. */
HIDDEN dossier_status article_files(const dossier_corpus *c, char ***names, size_t *n,
                                    dossier_error *err);
/* The notice of a file passed over (no front matter, not listed). */
HIDDEN dossier_status article_skipped(dossier_corpus *c, const char *path);

/* One article file as read: its fields (in `mem`), text (malloc'd) and sentences. */
typedef struct {
    dossier_article a;
    char *text;
    dossier_range *ranges;
    size_t n_ranges;
    unsigned at[4]; /* line and column of 'id' and 'key' in the front matter, 0 when not given */
    uint64_t hash;  /* content hash of the file */
    int skipped;    /* no front matter and has_articles unset: not an article */
} loaded_article;

/* Reads dir/name and cuts it into sentences under cfg's furniture rules. A
 * file without front matter is an article only when dossier.yaml lists the
 * articles (cfg->has_articles); otherwise la->skipped. */
HIDDEN dossier_status article_load(const char *dir, const char *name, const corpus_config *cfg,
                                   arena *mem, loaded_article *la, dossier_error *err);
HIDDEN void loaded_article_free(loaded_article *la);

/* Ids and citation keys seen so far: one namespace, as dossier_article_find
 * takes either. */
typedef struct {
    strmap ids, keys;
    char **paths;
    size_t cap;
    arena mem;
} article_names;

/* Records article i (path, id, key; `at` as in loaded_article or NULL), or
 * refuses it when its id or key is taken, naming both files. */
HIDDEN dossier_status article_unique(article_names *n, size_t i, const char *path, const char *id,
                                     const char *key, const unsigned at[4], dossier_error *err);
HIDDEN void article_names_free(article_names *n);

/* The article's record, strings and text (a->first_passage and n_passages
 * set), and its passages r[0, n) as passages of article ai. */
HIDDEN void article_emit(image *im, const dossier_article *a, const char *name, size_t n_words);
HIDDEN void passages_emit(image *im, const dossier_article *a, size_t ai, const dossier_range *r,
                          size_t n);
HIDDEN dossier_status articles_view(dossier_corpus *c, dossier_error *err);

/* ------------------------------------------------------------ mentions (scan.c) */

/* Mentions with the actor of each. */
typedef struct {
    dossier_mention *items;
    long *actors;
    size_t n, cap, acap;
} mention_list;

/* The mentions of article a (words t, sentences r[0, n) numbered from
 * first_passage) into out, emptied first. */
HIDDEN dossier_status article_mentions(const dossier_corpus *c, const dossier_article *a,
                                       const token_list *t, const dossier_range *r, size_t n,
                                       size_t first_passage, mention_list *out, dossier_error *err);
/* Files m's mentions under their actors (by_actor[actor]), passages moved
 * by passage_shift; 0 when out of memory. */
HIDDEN int mentions_file(mention_list *by_actor, const mention_list *m, long passage_shift);
HIDDEN void mention_list_free(mention_list *l);
HIDDEN void mentions_emit(image *im, const mention_list *by_actor, size_t n_actors);
HIDDEN dossier_status mentions_view(dossier_corpus *c, dossier_error *err);

/* ------------------------------------------------------------ reading ahead (readahead.c) */

/* One file of a build made ready: read, segmented, tokenized, scanned. */
typedef struct {
    size_t f;   /* job->names[f] */
    int reused; /* not read: the build takes it from the cache it updates */
    dossier_status status;
    dossier_error err;
    arena mem; /* la's fields */
    file_rec rec;
    loaded_article la;
    int tokenized;
    token_list t;    /* la's body words */
    mention_list am; /* la's mentions, passages numbered from 0 */
} ready_article;

typedef struct readahead readahead;

/* Starts reading job's files ahead of the build; NULL when out of memory. */
HIDDEN readahead *readahead_start(const dossier_corpus *c, const build_job *job);
/* The next file in order, NULL after the last (*oom set when for want of
 * memory); the caller frees it with ready_article_free. */
HIDDEN ready_article *readahead_next(readahead *ra, int *oom);
/* Stops reading and frees what was read and not taken. */
HIDDEN void readahead_stop(readahead *ra);
HIDDEN void prepare_article(const dossier_corpus *c, const build_job *job, size_t f,
                            ready_article *r);
HIDDEN void ready_article_free(ready_article *r);

/* ------------------------------------------------------------ the index (index.c) */

typedef struct index_build index_build;

/* A new index; old (may be NULL) is the cache being updated, whose term ids it keeps. */
HIDDEN index_build *index_build_new(image *im, const dossier_corpus *old, dossier_error *err);
/* The forward lists of article a's passages (words t with their word ids,
 * sentences r[0, n), mentions m). */
HIDDEN dossier_status index_add_article(index_build *b, const dossier_corpus *c,
                                        const dossier_article *a, const token_list *t,
                                        const uint32_t *words, const dossier_range *r, size_t n,
                                        const mention_list *m, size_t first_passage);
/* The forward lists of old article oi, as they are. */
HIDDEN dossier_status index_copy_article(index_build *b, const dossier_corpus *old, size_t oi);
/* Postings, term table, norms; meta gets n_docs and total_len. */
HIDDEN dossier_status index_finish(index_build *b, const dossier_passage *passages,
                                   size_t n_passages, cache_meta *meta);
HIDDEN void index_build_free(index_build *b);

/* ------------------------------------------------------------ words, for quotations (quote.c) */

typedef struct {
    image *im;
    vocab_build vocab;
    uint32_t *ids; /* the last article's word ids */
    size_t ids_cap;
} words_build;

HIDDEN int words_start(words_build *w, image *im, const dossier_corpus *old);
/* The word stream of an article of words t; w->ids gets their ids. */
HIDDEN int words_add_article(words_build *w, const token_list *t);
HIDDEN int words_copy_article(words_build *w, const dossier_corpus *old, size_t oi);
HIDDEN int words_finish(words_build *w);
HIDDEN void words_free(words_build *w);
HIDDEN dossier_status words_view(dossier_corpus *c, dossier_error *err);

#endif
