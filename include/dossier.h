/*
 * dossier.h — public C API of the Dossier core.
 *
 * The core loads a corpus directory (articles with YAML front matter plus an
 * actors.yaml gazetteer), finds actors in any UTF-8 text, ranks corroborating
 * passages, checks quotations and formats citations. It knows nothing of Lua or
 * Neovim. It never aborts: every failure is a status code plus a message.
 *
 * Conventions
 *  - All text is UTF-8 (invalid bytes are tolerated, never trusted).
 *  - Byte offsets are 0-based, ranges are half-open [start, end).
 *  - Lines and columns are 1-based; columns count bytes.
 *  - Pointers returned by accessors stay valid until dossier_close().
 *  - Result structs filled by dossier_scan() and friends own their memory and
 *    are released with the matching *_free() function, which also accepts a
 *    zeroed struct.
 */
#ifndef DOSSIER_H
#define DOSSIER_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DOSSIER_VERSION "0.1.0"

/* Built as a shared C library the API is exported; inside the Lua module
 * (compiled with -fvisibility=hidden) only luaopen_dossier_core is. */
#if defined(DOSSIER_SHARED_LIBRARY) && defined(__GNUC__)
#define DOSSIER_API __attribute__((visibility("default")))
#else
#define DOSSIER_API
#endif

typedef enum {
    DOSSIER_OK = 0,
    DOSSIER_ERR_ARG,      /* the caller passed something invalid */
    DOSSIER_ERR_IO,       /* a file or directory is missing or unreadable */
    DOSSIER_ERR_PARSE,    /* malformed YAML or front matter */
    DOSSIER_ERR_INVALID,  /* well-formed but wrong: missing field, duplicate id, ... */
    DOSSIER_ERR_NOMEM,    /* allocation failed */
    DOSSIER_ERR_NOTFOUND, /* no such article, passage or actor */
    DOSSIER_ERR_LIMIT,    /* input over a documented limit */
    DOSSIER_ERR_CANCELLED /* the caller's progress callback asked to stop */
} dossier_status;

/* A failure explained: "corpus/actors.yaml:12:5: expected a list of strings for
 * 'aliases'". Callers may pass NULL where they do not want the message. */
typedef struct {
    dossier_status status;
    char message[512];
} dossier_error;

/* Short name of a status ("io", "parse", ...). */
DOSSIER_API const char *dossier_status_name(dossier_status s);

/* ---------------------------------------------------------------- corpus */

typedef struct dossier_corpus dossier_corpus;

/* A list of strings owned by the corpus. */
typedef struct {
    const char *const *items;
    size_t n;
} dossier_strings;

/* Loads a corpus directory (not recursive): `dir`/actors.yaml as the
 * gazetteer, the settings of `dir`/dossier.yaml when it exists (README,
 * "Corpus format"), and the articles. The articles are the files
 * dossier.yaml lists under `articles:`, or, without that list, every *.md
 * and *.txt file that starts with front matter: any other such file (a
 * README, notes) is skipped with a notice (dossier_notice_at). A corpus
 * without actors.yaml opens with no actor, and a notice saying so. All or
 * nothing: on failure *out is NULL and err says which file and line is
 * wrong.
 *
 * Uses the cache as dossier_open_ex does with zeroed options (below): the
 * first open of a corpus writes its index to a cache file, and later opens
 * of the unchanged corpus map it instead of reading the articles.
 *
 * A corpus handle is used by one thread at a time: corroboration fills
 * per-corpus caches as it goes (the verdict's words of each article it
 * looks at, related words). */
DOSSIER_API dossier_status dossier_open(const char *dir, dossier_corpus **out, dossier_error *err);

/* What dossier_open passed over without failing, one sentence each naming
 * the file: "corpus/README.md: skipped: no front matter ...", "corpus/
 * actors.yaml: not found: no actors are known ...". */
DOSSIER_API size_t dossier_notice_count(const dossier_corpus *c);
DOSSIER_API const char *dossier_notice_at(const dossier_corpus *c, size_t i);

/* ---------------------------------------------------------------- opening, with the cache
 *
 * The cache holds everything an open corpus reads — the articles' text and
 * front matter, passages, the gazetteer, mentions and the index — in one
 * file per corpus, in the format of doc/cache-format.md (versioned,
 * checksummed, read through mmap). An open checks it against the corpus
 * directory (format version, byte order, checksum, and every source file's
 * size and modification time, or its content where the time cannot tell) and
 * then reads no article and parses no YAML. A changed, added or removed
 * article is indexed again alone; a changed actors.yaml or dossier.yaml, or a
 * cache that fails any check (truncated, corrupt, old, from another machine,
 * a directory in its place), means a full build that replaces it. A cache
 * that cannot be written is no error: the corpus opens without one and
 * dossier_cache_info says why. The file is replaced atomically (a temporary
 * file in the same directory, fsync, rename), so concurrent opens never see
 * a partial one. */

typedef enum {
    DOSSIER_CACHE_AUTO = 0, /* $DOSSIER_CACHE when set ("off", "user", "corpus" or a
                               directory), else DOSSIER_CACHE_USER */
    DOSSIER_CACHE_OFF,      /* no cache: build in memory */
    DOSSIER_CACHE_USER,     /* $XDG_CACHE_HOME/dossier/, else ~/.cache/dossier/, named by
                               a hash of the corpus's absolute path */
    DOSSIER_CACHE_CORPUS,   /* `dir`/.dossier-cache, beside the articles */
    DOSSIER_CACHE_DIR       /* in opts.cache_dir, named as for DOSSIER_CACHE_USER */
} dossier_cache_mode;

/* Called between articles while a build runs (from the opening thread):
 * `done` of `total` articles (done = total once every article is read and
 * the index is being made, and while related_warm or prepare works, below).
 * A nonzero return stops the open with DOSSIER_ERR_CANCELLED; while
 * related_warm or prepare works, it stops only that work, and the open
 * still succeeds. */
typedef int (*dossier_progress_fn)(void *ctx, size_t done, size_t total);

typedef struct {
    dossier_cache_mode cache;
    const char *cache_dir;        /* for DOSSIER_CACHE_DIR */
    int gazetteer_only;           /* load actors.yaml alone: no articles, passages or index
                                     (enough for dossier_scan; never cached) */
    dossier_progress_fn progress; /* may be NULL */
    void *progress_ctx;
    /* The WordNet database directory (Debian's wordnet-base), "" for none,
     * NULL for the corpus' dossier.yaml `wordnet:`, else $DOSSIER_WORDNET
     * ("" or "none": none), else /usr/share/wordnet. WordNet is opened the
     * first time a claim needs it; without it, claims are aligned on the same
     * words, spellings and the lexicon's groups only (no synonyms, derived
     * forms, hyponyms or WordNet antonyms). */
    const char *wordnet;
    /* Nonzero: when the corpus is small (at most DOSSIER_RELATED_WARM_PASSAGES
     * passages), has a cache and no valid related-terms file for it yet (none,
     * one for another image, WordNet or build, or a damaged one), this open
     * also works out the related words (below) of every word of the corpus's
     * own articles, as a claim's word of that spelling asks them, and of each
     * verb and particle its articles put side by side ("shot up"), and writes
     * `<cache>.related`: a later open's first check finds them. About 40 µs a
     * word (some 80 ms for the shipped five articles), on the opening thread: for
     * an editor that opens a second handle off its main loop once the one it
     * uses is there (the plugin does), and closes it. opts.progress is asked
     * between words too (done = total): nonzero stops the work, nothing
     * written. A larger corpus, or a file already there, works nothing out.
     * Such an open never writes the cache: when there is none, or the files
     * changed since it was written, it fails with DOSSIER_ERR_CANCELLED
     * (the open in use builds or updates it, then a warming open can run). */
    int related_warm;
    /* Nonzero: when the corpus is small (at most DOSSIER_RELATED_WARM_PASSAGES
     * passages), this open also makes what the verdict reads of each of its
     * articles (their words, facts and marks, kept for the corpus), which a
     * first corroboration would make as it met them: some 7% of a first
     * check of a 300-line draft; and the handles a first batch runs on
     * (dossier_batch_start with threads 0), prepared alike. For an editor
     * that opens off its main loop (the plugin's core.open_async does).
     * opts.progress is asked between articles (done = total): nonzero stops
     * only this work, and the open still succeeds.
     * The answers are the same. */
    int prepare;
} dossier_open_opts;

#define DOSSIER_RELATED_WARM_PASSAGES 4096

/* What an open did with the cache. */
typedef enum {
    DOSSIER_CACHE_NONE = 0,   /* caching off (or a gazetteer-only open) */
    DOSSIER_CACHE_HIT,        /* mapped the cache (and merged its delta, if any): no article read */
    DOSSIER_CACHE_BUILT,      /* no cache yet: built and wrote one */
    DOSSIER_CACHE_REBUILT,    /* the cache failed a check or the gazetteer changed: rebuilt */
    DOSSIER_CACHE_UPDATED,    /* some articles changed: indexed those again and wrote a delta
                                 beside the cache, or the whole cache when a delta will not do
                                 (grown too large); also a delta removed, the files being the
                                 cache's again (doc/cache-format.md) */
    DOSSIER_CACHE_UNAVAILABLE /* the cache could not be written: opened without one */
} dossier_cache_state;

typedef struct {
    dossier_cache_state state;
    char path[1024];         /* the cache file, "" when none */
    char notice[512];        /* why it was rebuilt or is unavailable, "" otherwise */
    size_t articles_read;    /* article files read by this open (0 on a hit) */
    size_t articles_indexed; /* articles segmented, scanned and indexed */
    size_t files_hashed;     /* files compared by content (modified too close to the
                                last build for their times to tell) */
} dossier_cache_info;

/* dossier_open with options; opts may be NULL (all zero). */
DOSSIER_API dossier_status dossier_open_ex(const char *dir, const dossier_open_opts *opts,
                                           dossier_corpus **out, dossier_error *err);

/* How the corpus was opened. Never NULL for a corpus. */
DOSSIER_API const dossier_cache_info *dossier_cache_info_of(const dossier_corpus *c);

/* "none", "hit", "built", "rebuilt", "updated", "unavailable"; "unknown" otherwise. */
DOSSIER_API const char *dossier_cache_state_name(dossier_cache_state s);

/* Whether the corpus uses WordNet: 1 when it is open, 0 when it is switched
 * off or could not be opened (*why says which, e.g. "/x/index.noun: No such
 * file or directory"), -1 when no claim has needed it yet. *dir gets the
 * directory looked at ("" when none). Either pointer may be NULL; the
 * strings live as long as the corpus. `open` nonzero opens it now. */
DOSSIER_API int dossier_wordnet(const dossier_corpus *c, int open, const char **dir,
                                const char **why);

/* ---------------------------------------------------------------- related words, kept
 *
 * The words a source may use for a claim's word (its other forms and
 * spellings, WordNet's synonyms, derived forms, hyponyms, antonyms, as the
 * corpus' terms) are worked out the first time a claim needs them, about
 * 40 µs a word: most of the first check of a draft. They are kept in
 * memory for the corpus, and beside the cache in `<cache>.related`
 * (doc/cache-format.md), so that a later process reads them instead of
 * working them out again: read (mapped) before the first word is looked up,
 * written by dossier_save_related (and by an open with related_warm of a
 * small corpus that has none yet). The file holds for one cache image (a
 * corpus changed since, or its delta, makes another), one WordNet database
 * (its files' size, modification time and inode) and one build of the
 * core; a file made for others, or that fails its checksum or any check of
 * its entries, is not read, and the next save replaces it. The answers are
 * the same with and without it. Nothing is kept when the cache is off or
 * could not be written. */

typedef struct {
    const char *path;   /* the file, "" when none is kept (caching off, no cache written) */
    const char *notice; /* why it was not read or not written, "" otherwise */
    size_t loaded;      /* answers read from it by this corpus handle */
    size_t computed;    /* answers worked out by this handle */
    size_t unsaved;     /* of those, not yet written */
    size_t warmed;      /* of those worked out, the ones its open did for the corpus's own
                           words (dossier_open_opts.related_warm) */
} dossier_related_info;

/* Writes the related-terms file when some answer was worked out since it
 * was read or last written (cheap otherwise: nothing is done): this
 * handle's answers and those another process wrote meanwhile, to a
 * temporary file renamed over the old one (readers see one or the other,
 * whole). *saved (may be NULL): the answers written, 0 when there was
 * nothing to write or no file is kept. DOSSIER_ERR_IO when it cannot be
 * written (a read-only cache directory): nothing is lost but the time
 * saved, and the next call tries again. Call it after a batch of
 * corroborations (the plugin does after each check, the language server
 * after each document's diagnostics, `dossier check` before it exits). */
DOSSIER_API dossier_status dossier_save_related(dossier_corpus *c, size_t *saved,
                                                dossier_error *err);

/* What the related-terms file gave and what is left to save, for c and the
 * handles its batches ran on (dossier_batch_start; none running then); the
 * strings live as long as the corpus. */
DOSSIER_API void dossier_related_info_of(const dossier_corpus *c, dossier_related_info *out);

/* Frees everything the corpus owns. NULL is allowed. */
DOSSIER_API void dossier_close(dossier_corpus *c);

/* One author, in CSL's model. A person has a family name, and usually a
 * given name; an organisation (or any name that must not be split) is a
 * literal, and then the other parts are "". How a name written as text is
 * split: see dossier_parse_name. */
typedef struct {
    const char *family;   /* "Araujo"; "Beethoven" */
    const char *given;    /* "Uriel"; "Bradley M." */
    const char *particle; /* "van", "de la": lower-case words before the family name */
    const char *suffix;   /* "Jr.", "III" */
    const char *literal;  /* "Reuters", "Hankyoreh"; "" for a person */
    int family_first;     /* shown family name first ("Pak Noja"), as Korean names are */
} dossier_name;

/* Front matter of one article. Fields the source does not give hold the
 * string "unknown"; optional fields absent from the front matter are "". */
typedef struct {
    const char *id;  /* unique article id, e.g. "hankyoreh-2023" */
    const char *key; /* citation key, e.g. "pak2023" */
    const char *title;
    const char *publisher;
    const char *author;    /* the authors as shown: "A", "A and B", "A, B and C"; or "unknown" */
    const char *date;      /* ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD, or "unknown" */
    const char *date_note; /* how precise the date is, or "" */
    const char *language;  /* BCP 47, e.g. "en" */
    const char *type;      /* CSL type, e.g. "article-newspaper" */
    const char *container; /* site or series, or "" */
    const char *url;       /* or "unknown" */
    const char *doi;       /* "10.1000/xyz123" (no "https://doi.org/"), or "" */
    const char *path;      /* file path as opened */
    const char *text;      /* the whole file, NUL-terminated */
    size_t text_len;
    size_t body_start;    /* byte offset where the text after the front matter starts */
    size_t first_passage; /* index of its first passage */
    size_t n_passages;
    const dossier_name *authors; /* the front matter's author(s), in order */
    size_t n_authors;            /* 0 when unknown */
    dossier_strings keywords;    /* `keywords:` of the front matter */
} dossier_article;

/* Reads a publication date as people write it into ISO 8601 in out ("YYYY",
 * "YYYY-MM" or "YYYY-MM-DD", NUL-terminated). Accepted: 2024, 2024-04,
 * 2024-04-02 (also with / or .), an ISO date with a time (its time and zone
 * are dropped, not converted: 2024-04-12T01:00:00+01:00 is 2024-04-12),
 * "April 2, 2024", "Apr 2 2024", "Sept. 13, 2023", "2 April 2024",
 * "2nd Apr. 2024", "April 2024", a weekday in front ("Tuesday 15 October
 * 2019"), a time after ("at 09:11", "8:02 pm UTC"). Numeric day/month forms
 * (04/02/2024) are refused: they read two ways. Anything else, or a day the
 * month does not have, is DOSSIER_ERR_INVALID with a message quoting it. The
 * loader reads every front matter `date:` this way. */
DOSSIER_API dossier_status dossier_parse_date(const char *text, char out[11], dossier_error *err);

/* Splits one name written as text, by the rule the front matter uses:
 *  - a trailing "(...)" is an aside, left out of the parts;
 *  - "Family, Given" (or "Family, Jr., Given") is family first;
 *  - a single word is a literal (an organisation, a single name);
 *  - otherwise "Given Family": the last word is the family name, a final
 *    Jr., Sr., II, III or IV is the suffix, lower-case words before the
 *    family name (van, von, de, da, di, du, del, della, der, den, la, le,
 *    ter, ten, bin, ibn, al, el, dos, das, do) are its particle.
 * Names whose family name comes first are written "Pak, Noja" or as the
 * front matter mapping {family: Pak, given: Noja, family-first: true}.
 * *storage holds the strings; release it with dossier_name_free. */
DOSSIER_API dossier_status dossier_parse_name(const char *text, dossier_name *out, void **storage,
                                              dossier_error *err);
DOSSIER_API void dossier_name_free(void *storage);

DOSSIER_API size_t dossier_article_count(const dossier_corpus *c);
DOSSIER_API const dossier_article *dossier_article_at(const dossier_corpus *c, size_t i);
/* Index of the article whose id or citation key is `id_or_key`, or -1. */
DOSSIER_API long dossier_article_find(const dossier_corpus *c, const char *id_or_key);

/* ---------------------------------------------------------------- passages */

/* Why a passage is never offered as corroboration. */
typedef enum {
    DOSSIER_PROSE = 0,     /* an ordinary sentence */
    DOSSIER_FURNITURE = 1, /* site furniture: newsletter prompt, share button, bio, ... */
    DOSSIER_HEADING = 2    /* a heading, caption or credit line (no sentence punctuation) */
} dossier_passage_kind;

/* "prose", "furniture", "heading"; "unknown" for any other value. */
DOSSIER_API const char *dossier_passage_kind_name(dossier_passage_kind k);

/* A passage is one sentence of an article. */
typedef struct {
    size_t article;             /* article index */
    size_t paragraph;           /* 0-based paragraph number within the article */
    size_t start, end;          /* byte range in the article file */
    unsigned line, col;         /* start position in the file, 1-based */
    unsigned end_line, end_col; /* position of the last byte, 1-based */
    dossier_passage_kind kind;
} dossier_passage;

DOSSIER_API size_t dossier_passage_count(const dossier_corpus *c);
DOSSIER_API const dossier_passage *dossier_passage_at(const dossier_corpus *c, size_t i);

/* Sentence segmentation of any text (a draft): half-open byte ranges, with the
 * 0-based paragraph each sentence belongs to and its kind. */
typedef struct {
    size_t start, end;
    size_t paragraph;
    dossier_passage_kind kind;
} dossier_range;

DOSSIER_API dossier_status dossier_segment(const char *text, size_t len, dossier_range **out,
                                           size_t *n, dossier_error *err);

/* ---------------------------------------------------------------- actors */

typedef enum {
    DOSSIER_PERSON = 0,
    DOSSIER_STATE,
    DOSSIER_ORG,
    DOSSIER_PLACE,
    DOSSIER_EVENT,
    DOSSIER_PRODUCT /* software, products, books, laws: made things with names */
} dossier_kind;

/* "person", "state", "org", "place", "event", "product"; "unknown" for any other value. */
DOSSIER_API const char *dossier_kind_name(dossier_kind k);

typedef struct {
    const char *id;
    const char *name; /* canonical name */
    dossier_kind kind;
    const char *role;         /* one line */
    const char *note;         /* what the articles say, with article ids */
    dossier_strings aliases;  /* other names for the actor itself */
    dossier_strings standins; /* names that stand in for it (Pyongyang, the Kremlin) */
    dossier_strings demonyms; /* Russian, North Koreans */
    dossier_strings shorts;   /* short forms shared with other actors (Kim) */
    dossier_strings sources;  /* ids of the articles that mention it */
    dossier_strings patterns; /* regular-expression aliases as written (see dossier_scan) */
} dossier_actor;

DOSSIER_API size_t dossier_actor_count(const dossier_corpus *c);
DOSSIER_API const dossier_actor *dossier_actor_at(const dossier_corpus *c, size_t i);
/* Index of the actor with this id, or -1. */
DOSSIER_API long dossier_actor_find(const dossier_corpus *c, const char *id);

/* ---------------------------------------------------------------- scanning */

/* How a span names its actor (bit flags). */
enum {
    DOSSIER_MATCH_STANDIN = 1u << 0,   /* a stand-in: Pyongyang for North Korea */
    DOSSIER_MATCH_DEMONYM = 1u << 1,   /* a demonym: Russian for Russia */
    DOSSIER_MATCH_SHORT = 1u << 2,     /* a shared short form resolved from context */
    DOSSIER_MATCH_AMBIGUOUS = 1u << 3, /* a short form not resolved: see candidates */
    DOSSIER_MATCH_PATTERN = 1u << 4    /* found by a regular-expression alias */
};

typedef struct {
    size_t start, end; /* byte range in the scanned text */
    long actor;        /* actor index, or -1 when ambiguous */
    unsigned flags;    /* DOSSIER_MATCH_* */
    size_t cand_start; /* when ambiguous: candidates[cand_start .. cand_start+n_cand) */
    size_t n_cand;
} dossier_span;

typedef struct {
    dossier_span *spans; /* in text order, never overlapping */
    size_t n;
    long *candidates; /* actor indexes of ambiguous spans, sorted by actor id */
    size_t n_candidates;
} dossier_matches;

/* Finds actor mentions in `text`: case- and diacritics-insensitive, hyphens and
 * spaces alike, across line breaks, whole words only, longest match first.
 * A one-word alias written with a capital and lower case ("Arch") matches
 * only a word that starts with a capital ("Arch", "ARCH", not "arch"); two-
 * and three-letter capitals ("US") match only in capitals. Nothing is found
 * inside a web or e-mail address ("suse.com", "https://...", "a@b.org").
 * An actor's regular-expression aliases (`patterns:` in actors.yaml) match
 * too, as whole words, flagged DOSSIER_MATCH_PATTERN; a literal name or alias
 * wins where the two overlap, except that a pattern match covering the
 * literal matches it overlaps, and longer than each, replaces them: a
 * pattern may extend a name ("Fedora\s+(Rawhide|4[01])" over "Fedora").
 *
 * Patterns run under limits (README, "Regular-expression aliases"): a pattern
 * over them fails the scan with DOSSIER_ERR_LIMIT, no spans and a message
 * naming the actor, the pattern and its line; dossier_open fails the same way
 * on an article, while corroboration and quotation checks leave the pattern
 * out for that text. */
DOSSIER_API dossier_status dossier_scan(const dossier_corpus *c, const char *text, size_t len,
                                        dossier_matches *out, dossier_error *err);
DOSSIER_API void dossier_matches_free(dossier_matches *m);

/* ---------------------------------------------------------------- actor card */

/* One mention of an actor in the corpus. */
typedef struct {
    size_t passage;    /* passage index */
    size_t start, end; /* byte range in the article file */
    unsigned line, col;
    unsigned flags; /* DOSSIER_MATCH_* */
} dossier_mention;

/* Every mention of actor `actor` in corpus order. */
DOSSIER_API const dossier_mention *dossier_actor_mentions(const dossier_corpus *c, size_t actor,
                                                          size_t *n);

typedef struct {
    size_t actor;
    size_t count; /* passages in which both are mentioned */
} dossier_cooccurrence;

/* Up to `max` actors most often mentioned in the same passage as `actor`,
 * most frequent first. Returns how many were written. */
DOSSIER_API size_t dossier_actor_cooccurring(const dossier_corpus *c, size_t actor,
                                             dossier_cooccurrence *out, size_t max);

/* ---------------------------------------------------------------- corroboration */

/* What the sources say of a claim. */
typedef enum {
    DOSSIER_UNVERIFIED = 0, /* nothing in the sources speaks to it */
    DOSSIER_SUPPORTED,      /* a passage says it (by n_sources distinct articles) */
    DOSSIER_CONTRADICTED    /* a passage about the same thing says otherwise */
} dossier_verdict;

/* What one passage says of it. */
typedef enum {
    DOSSIER_RELATED = 0, /* about it in part, neither saying it nor otherwise */
    DOSSIER_SUPPORTS,
    DOSSIER_CONTRADICTS
} dossier_stance;

/* The detail a contradicting passage gives otherwise. */
typedef enum {
    DOSSIER_CONFLICT_NUMBER = 0, /* another number, amount, percentage or version */
    DOSSIER_CONFLICT_DATE,       /* another date, year, month or weekday */
    DOSSIER_CONFLICT_PLACE,      /* another place in the same role */
    DOSSIER_CONFLICT_ACTOR,      /* another person or body in the same role */
    DOSSIER_CONFLICT_NEGATION,   /* negated on one side only: "still uses" / "has not been using" */
    DOSSIER_CONFLICT_ANTONYM     /* the opposite word: "vowed" / "refused", "first" / "last" */
} dossier_conflict_kind;

/* "unverified", "supported", "contradicted"; "related", "supports",
 * "contradicts"; "number", "date", "place", "actor", "negation", "antonym". */
DOSSIER_API const char *dossier_verdict_name(dossier_verdict v);
DOSSIER_API const char *dossier_stance_name(dossier_stance s);
DOSSIER_API const char *dossier_conflict_name(dossier_conflict_kind k);

/* A word (or name, or fact) of the claim and the source's word for it:
 * claim_* are byte offsets in the claim, source_* in the hit's article file. */
typedef struct {
    size_t claim_start, claim_end;
    size_t source_start, source_end;
} dossier_aligned;

typedef struct {
    dossier_conflict_kind kind;
    size_t claim_start, claim_end;     /* the claim's words in conflict */
    size_t source_start, source_end;   /* the source's words (article file bytes) */
    size_t context_start, context_end; /* those with the few words before them */
    unsigned line, col;                /* where the source's words start, 1-based */
} dossier_conflict;

typedef struct {
    size_t start, end; /* bytes of the claim */
} dossier_claim_words;

/* Why a hit has its stance. */
typedef struct {
    dossier_aligned *aligned; /* claim items the passage (or its neighbours) holds */
    size_t n_aligned;
    dossier_claim_words *missing; /* claim items it lacks */
    size_t n_missing;
    dossier_conflict *conflicts; /* where it says otherwise */
    size_t n_conflicts;
} dossier_evidence;

typedef struct {
    size_t passage;
    double score;    /* rank: BM25 with context, re-ranked by the alignment; higher is better */
    double coverage; /* idf-weighted share of the claim the passage and its neighbours hold, 0..1 */
    char *matched;   /* space-separated terms of the claim it holds; actors as "@id" */
    dossier_stance stance;
    double support; /* the model's probability that the passage says the claim, 0..1 */
    dossier_evidence evidence;
    /* With opts.features (calibration): the alignment's features, in the
     * order of dossier_feature_name, as it stands and with the details in
     * conflict counted as held. NULL otherwise. */
    double *features, *features_resolved;
} dossier_hit;

typedef struct {
    dossier_hit *hits; /* best first */
    size_t n;
    dossier_verdict verdict;
    int corroborated; /* nonzero exactly when verdict is DOSSIER_SUPPORTED */
    size_t n_sources; /* distinct articles with a supporting passage */
    double threshold; /* the support probability a passage needs */
    size_t content;   /* the claim's items of weight (words, names, facts); below 2 it says
                         too little for any passage to support it */
} dossier_corroboration;

typedef struct {
    size_t limit; /* hits to return; 0 means 5 */
    int features; /* nonzero: fill each hit's features (see dossier_hit) */
} dossier_corroborate_opts;

/* ---------------------------------------------------------------- retrieval backends
 *
 * Ranking asks a retriever for candidate passages: the top k by the claim's
 * items (its words, actors and facts, each with the terms that count for
 * it). The local index is the first implementation and the default; a
 * backend holding a larger archive (doc/scaling.md) implements the same
 * call. Everything after it — alignment, the verdict, quotations,
 * citations — stays in the core, on the corpus's passages. */

typedef struct {
    const char *term; /* as the index makes them: "@actor-id", "#d9-13" or a stem */
    double idf;       /* BM25's idf of the term, from the corpus's statistics */
    double weight;    /* 1 for the item's own word; less for an actor or a related word */
} dossier_query_term;

/* One item of a claim: a passage counts for it by the best of its terms
 * (weight * BM25 of that term), so a passage with a word and its synonym
 * counts once. */
typedef struct {
    const dossier_query_term *terms;
    size_t n_terms;
} dossier_query_item;

typedef struct {
    const dossier_query_item *items; /* a passage's score: the sum over the items */
    size_t n_items;
    const size_t *actors; /* actor indexes the claim names (their terms are among the items') */
    size_t n_actors;
} dossier_query_terms;

typedef struct {
    size_t passage; /* a passage index of the corpus */
    double score;   /* higher is better */
} dossier_candidate;

typedef struct {
    void *self;
    /* Up to k candidates, best first, into out[0, *n). Passages out of range
     * are dropped by the caller. */
    dossier_status (*candidates)(void *self, const dossier_corpus *c, const dossier_query_terms *q,
                                 size_t k, dossier_candidate *out, size_t *n, dossier_error *err);
} dossier_retriever;

/* The local index's retriever: BM25 over the items' terms (k1 1.2, b 0.75)
 * plus a quarter of the best neighbouring sentence's score in the paragraph. */
DOSSIER_API const dossier_retriever *dossier_local_retriever(void);

/* The retriever ranking uses from now on; NULL restores the local index. The
 * struct must outlive its use by the corpus. */
DOSSIER_API void dossier_set_retriever(dossier_corpus *c, const dossier_retriever *r);

/* Ranks the passages for the claim `text` and judges it: each of the best
 * candidates is aligned with the claim (words, related words, actors,
 * numbers, dates, negations: README, "How it works"), a model fitted on the
 * development sets (make calibrate) weighs the alignment, and a conflict in
 * a passage about the same thing makes it contradict the claim. The hits
 * are the best opts.limit in rank order, but the passage the verdict stands
 * on (the best supporting one, or contradicting one) is always among them:
 * the last when it ranks below the limit. A candidate that can be neither
 * among the hits nor support nor contradict the claim is not aligned to the
 * end (its bounds say so), which changes no answer. */
DOSSIER_API dossier_status dossier_corroborate(const dossier_corpus *c, const char *text,
                                               size_t len, const dossier_corroborate_opts *opts,
                                               dossier_corroboration *out, dossier_error *err);
DOSSIER_API void dossier_corroboration_free(dossier_corroboration *r);

/* The alignment features a hit carries with opts.features, and their names. */
DOSSIER_API size_t dossier_feature_count(void);
DOSSIER_API const char *dossier_feature_name(size_t i);

/* ---------------------------------------------------------------- quotations */

typedef enum {
    DOSSIER_QUOTE_NONE = 0, /* nothing close in any source */
    DOSSIER_QUOTE_EXACT,    /* verbatim, ignoring quote marks, case and whitespace */
    DOSSIER_QUOTE_ALTERED   /* a source says something close but different */
} dossier_quote_verdict;

/* "none", "exact", "altered"; "unknown" for any other value. */
DOSSIER_API const char *dossier_quote_verdict_name(dossier_quote_verdict v);

typedef struct {
    dossier_quote_verdict verdict;
    size_t article;     /* when not NONE */
    size_t passage;     /* passage holding the start of the source wording */
    size_t start, end;  /* source wording's byte range in the article file */
    unsigned line, col; /* its start position */
    double similarity;  /* 1.0 for exact */
    char *source;       /* the source wording (malloc'd), NULL when NONE */
} dossier_quote_result;

/* Checks one quotation against every source. A quotation of more than 400
 * words is DOSSIER_ERR_LIMIT ("quotation longer than 400 words"). */
DOSSIER_API dossier_status dossier_check_quote(const dossier_corpus *c, const char *text,
                                               size_t len, dossier_quote_result *out,
                                               dossier_error *err);
DOSSIER_API void dossier_quote_result_free(dossier_quote_result *r);

/* Quotations in a draft: the byte ranges of the text inside “…” or "…"
 * pairs (quote marks excluded), in text order. */
DOSSIER_API dossier_status dossier_find_quotations(const char *text, size_t len,
                                                   dossier_range **out, size_t *n,
                                                   dossier_error *err);

/* ---------------------------------------------------------------- severity */

/* How much a finding matters, the one rule every front end shows (the
 * plugin's diagnostics, `dossier check`'s lines, the language server's
 * diagnostics; README, "Severities"). */
typedef enum {
    DOSSIER_SEVERITY_NONE = 0, /* nothing to fix: supported, or quoted as written */
    DOSSIER_SEVERITY_INFO,     /* unverified, naming no actor and stating no fact */
    DOSSIER_SEVERITY_WARNING,  /* unverified naming an actor or a fact; quotation found nowhere */
    DOSSIER_SEVERITY_ERROR     /* a source says otherwise: contradicted, or quotation altered */
} dossier_severity;

/* "none", "info", "warning", "error"; "unknown" for any other value. */
DOSSIER_API const char *dossier_severity_name(dossier_severity s);

/* The severity of sentence `text` given its verdict: an unverified sentence
 * is a warning when it names an actor (any mention dossier_scan finds, an
 * ambiguous short form too; none when a pattern is over its limits) or
 * states a fact (a number, amount, percentage, date or version, as the
 * verdict reads them; an ordinal alone is none), information otherwise. */
DOSSIER_API dossier_status dossier_sentence_severity(const dossier_corpus *c, const char *text,
                                                     size_t len, dossier_verdict verdict,
                                                     dossier_severity *out, dossier_error *err);

/* The severity of a quotation's verdict: altered is an error, none (found in
 * no source) a warning, exact none. */
DOSSIER_API dossier_severity dossier_quote_severity(dossier_quote_verdict v);

/* ---------------------------------------------------------------- many claims at once
 *
 * A batch corroborates a list of claims on threads of its own, so that an
 * editor's main loop is free while a draft is checked and every core of the
 * machine works on it. Each thread reads the corpus through a handle of its
 * own on the same image (the same passages, by the same indexes: no file is
 * read again), with its own caches; c keeps those handles for its next
 * batch, so a later batch finds what the earlier one worked out. Each
 * thread writes the related words it worked out to `<cache>.related` when
 * its share is done. The answers are dossier_corroborate's and
 * dossier_sentence_severity's for the same claims.
 *
 * While a batch runs, c's own thread may go on using c, and start other
 * batches, for anything but dossier_close and dossier_set_retriever: free
 * the batch first. A batch with a retriever set (dossier_set_retriever) runs
 * it on its threads: it must be safe to call from several threads at once. */

typedef struct dossier_batch dossier_batch;

/* The most threads a batch runs; threads 0 means one per core the process
 * may run on, at most this many. */
#define DOSSIER_BATCH_MAX_THREADS 4

/* Starts corroborating texts[i][0, lens[i]) for i < n (each copied) with
 * opts (may be NULL) on `threads` threads (fewer when n is smaller).
 * DOSSIER_ERR_NOMEM, or DOSSIER_ERR_IO when no thread can be started: the
 * caller corroborates them itself. */
DOSSIER_API dossier_status dossier_batch_start(dossier_corpus *c, const char *const *texts,
                                               const size_t *lens, size_t n,
                                               const dossier_corroborate_opts *opts,
                                               unsigned threads, dossier_batch **out,
                                               dossier_error *err);

/* Claim i's answer: 0 while it is being worked out (with wait nonzero, it
 * waits for it instead), 1 once there is one: *r (owned by the batch, valid
 * until dossier_batch_free) and *severity when err->status is DOSSIER_OK,
 * else err says why that claim failed. i past the list is 1 with
 * DOSSIER_ERR_ARG. */
DOSSIER_API int dossier_batch_result(dossier_batch *b, size_t i, int wait,
                                     const dossier_corroboration **r, dossier_severity *severity,
                                     dossier_error *err);

/* Stops the claims not yet begun, waits for the threads (at most the claim
 * each is on), gives their handles back to the corpus and frees
 * everything. NULL is allowed. */
DOSSIER_API void dossier_batch_free(dossier_batch *b);

/* ---------------------------------------------------------------- citations */

typedef enum {
    DOSSIER_CITE_PANDOC = 0, /* [@key] or [@key, para. 3] */
    DOSSIER_CITE_FOOTNOTE,   /* [^key] plus a definition line */
    DOSSIER_CITE_INLINE,     /* (Publisher, 4 October 2023) */
    DOSSIER_CITE_REFERENCE   /* a full reference line */
} dossier_cite_style;

/* The styles in enum order: dossier_cite_style_name(s) for s from 0 to
 * dossier_cite_style_count() - 1 ("pandoc", "footnote", "inline",
 * "reference"); NULL for any other value. */
DOSSIER_API size_t dossier_cite_style_count(void);
DOSSIER_API const char *dossier_cite_style_name(dossier_cite_style style);

/* The style called `name` into *out (which may be NULL to only check it). An
 * unknown name, or NULL, is DOSSIER_ERR_ARG with a message listing the
 * styles: "unknown citation style 'apa' (expected pandoc, footnote, inline or
 * reference)". */
DOSSIER_API dossier_status dossier_cite_style_parse(const char *name, dossier_cite_style *out,
                                                    dossier_error *err);

/* A citation of article `article`, with a locator when `passage` >= 0 (a
 * passage of that article). *text gets the citation; *definition gets the
 * footnote definition line for DOSSIER_CITE_FOOTNOTE and NULL otherwise.
 * Both are malloc'd: release with dossier_free(). */
DOSSIER_API dossier_status dossier_cite(const dossier_corpus *c, size_t article, long passage,
                                        dossier_cite_style style, char **text, char **definition,
                                        dossier_error *err);

/* Where a citation goes in a sentence: replace bytes [start, end) of the
 * sentence with text (start == end: an insertion). */
typedef struct {
    size_t start, end;
    char *text; /* malloc'd: release with dossier_free() */
} dossier_cite_edit;

/* The edit that puts `citation` (dossier_cite's text in `style`) where a
 * writer puts it in `sentence` (README, "Where a citation goes"): before
 * the final punctuation ("... satellites [@araujo2023]."), after the closing
 * quote mark of a quotation that ends the sentence, whose closing period
 * then moves after the citation ('... idle words" [@matsuo2023].'; "?",
 * "!" and "..." stay in the quotation), inside closing brackets that hold
 * the whole sentence, after its last character when it has no final
 * punctuation; a footnote marker after everything; a full reference
 * (DOSSIER_CITE_REFERENCE) where a citation goes, in parentheses and without
 * its own final period. Trailing whitespace is not part of the sentence; a
 * space goes before every style but footnote, unless one is there. */
DOSSIER_API dossier_status dossier_cite_place(const char *sentence, size_t len,
                                              dossier_cite_style style, const char *citation,
                                              dossier_cite_edit *out, dossier_error *err);

/* The whole corpus as a bibliography: format "csl" (CSL JSON) or "bibtex".
 * *out is malloc'd: release with dossier_free(). */
DOSSIER_API dossier_status dossier_bibliography(const dossier_corpus *c, const char *format,
                                                char **out, dossier_error *err);

/* The BCP 47 tag of a language written as a name: a biblatex/babel langid
 * ("english", "british", "american", "ngerman", "french") or an English
 * language name ("English", "German"), case aside. NULL for a name it does
 * not know, and for a tag ("en-GB"): the bibliography writes the langid of a
 * tag, and an importer reads a langid back with this. */
DOSSIER_API const char *dossier_language_tag(const char *name);

/* Frees a string the core returned. */
DOSSIER_API void dossier_free(void *p);

#ifdef __cplusplus
}
#endif

#endif
