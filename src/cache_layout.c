/* cache_layout.c — every section of a corpus: its name in the cache file,
 * its version and the size of its records (cache_layout.h has the records).
 * A section's version is bumped when its records change meaning; a cache
 * with another version of any section is rebuilt. */
#include "cache_layout.h"
#include "util.h"

const section_kind cache_sections[SEC_COUNT] = {
    [SEC_META] = {"meta", 1, sizeof(cache_meta)},
    [SEC_FILES] = {"files", 1, sizeof(file_rec)},
    [SEC_GAZ_STRINGS] = {"gaz_strings", 1, 1},
    [SEC_ACTORS] = {"actors", 1, sizeof(actor_rec)},
    [SEC_ACTOR_ITEMS] = {"actor_items", 1, sizeof(uint32_t)},
    [SEC_ACTOR_ITEM_LINES] = {"actor_lines", 1, sizeof(uint32_t)},
    [SEC_ALIASES] = {"aliases", 2, sizeof(alias_rec)},
    [SEC_ALIAS_CANDS] = {"alias_cands", 1, sizeof(int32_t)},
    [SEC_ALIAS_SLOTS] = {"alias_slots", 1, sizeof(uint32_t)},
    [SEC_FIRST_WORDS] = {"first_words", 2, sizeof(first_word_rec)},
    [SEC_FIRST_SLOTS] = {"first_slots", 1, sizeof(uint32_t)},
    [SEC_STRINGS] = {"strings", 1, 1},
    [SEC_ARTICLES] = {"articles", 2, sizeof(article_rec)},
    [SEC_TEXT] = {"text", 1, 1},
    [SEC_PASSAGES] = {"passages", 1, sizeof(dossier_passage)},
    [SEC_AUTHORS] = {"authors", 1, sizeof(author_rec)},
    [SEC_KEYWORDS] = {"keywords", 1, sizeof(uint32_t)},
    [SEC_CONFIG] = {"config", 2, sizeof(config_rec)},
    [SEC_CONFIG_NAMES] = {"config_names", 2, sizeof(uint32_t)},
    [SEC_MENTION_LISTS] = {"mention_lists", 1, sizeof(mention_range)},
    [SEC_MENTIONS] = {"mentions", 1, sizeof(dossier_mention)},
    [SEC_TERM_STRINGS] = {"term_strings", 2, 1},
    [SEC_TERMS] = {"terms", 1, sizeof(term_rec)},
    [SEC_TERM_SLOTS] = {"term_slots", 1, sizeof(uint32_t)},
    [SEC_POSTINGS] = {"postings", 1, 1},
    [SEC_FWD_OFFSETS] = {"fwd_offsets", 1, sizeof(uint64_t)},
    [SEC_FORWARD] = {"forward", 2, 1},
    [SEC_NORMS] = {"norms", 1, sizeof(double)},
    [SEC_INDEXED] = {"indexed", 1, 1},
    [SEC_WORD_STRINGS] = {"word_strings", 1, 1},
    [SEC_WORDS] = {"words", 1, sizeof(uint32_t) * 2},
    [SEC_WORD_SLOTS] = {"word_slots", 1, sizeof(uint32_t)},
    [SEC_WORD_OFFSETS] = {"word_offsets", 1, sizeof(uint64_t)},
    [SEC_WORD_STREAM] = {"word_stream", 1, 1},
};
