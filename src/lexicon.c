/* lexicon.c — English stop words and synonym groups for ranking.
 *
 * Writers paraphrase: "munitions" for "ammunition", "rocket" for "missile",
 * "travelled" for "arrived". Words of one group count as one term when
 * passages are ranked. The groups are general English of news about states,
 * diplomacy, conflict and economy — nothing specific to one corpus. */
#include "lexicon.h"

#include <string.h>

const char *const dossier_stopwords[] = {
    "a",       "about",   "above",     "after",      "again",   "against", "all",     "also",
    "am",      "an",      "and",       "any",        "are",     "as",      "at",      "be",
    "because", "been",    "before",    "being",      "below",   "between", "both",    "but",
    "by",      "can",     "could",     "did",        "do",      "does",    "doing",   "down",
    "during",  "each",    "either",    "even",       "ever",    "few",     "for",     "from",
    "further", "had",     "has",       "have",       "having",  "he",      "her",     "here",
    "hers",    "herself", "him",       "himself",    "his",     "how",     "however", "i",
    "if",      "in",      "into",      "is",         "it",      "its",     "itself",  "just",
    "may",     "me",      "might",     "more",       "most",    "much",    "must",    "my",
    "myself",  "no",      "nor",       "not",        "now",     "of",      "off",     "on",
    "once",    "one",     "only",      "or",         "other",   "our",     "ours",    "ourselves",
    "out",     "over",    "own",       "same",       "she",     "should",  "so",      "some",
    "such",    "than",    "that",      "the",        "their",   "theirs",  "them",    "themselves",
    "then",    "there",   "these",     "they",       "this",    "those",   "through", "thus",
    "to",      "too",     "under",     "until",      "up",      "upon",    "us",      "very",
    "was",     "we",      "were",      "what",       "when",    "where",   "whether", "which",
    "while",   "who",     "whom",      "whose",      "why",     "will",    "with",    "within",
    "would",   "yet",     "you",       "your",       "yours",   "s",       "t",       "said",
    "says",    "say",     "according", "reportedly", "mr",      "mrs",     "ms",      "dr",
    "well",    "still",   "already",   "many",       "among",   "since",   "via",     "per",
    "across",  "around",  "another",   "onto",       "toward",  "towards", "without", "rather",
    "quite",   "really",  "something", "anything",   "nothing", "way",     "ways",    "being",
    "itself",  "let",     "lets",      "cannot",     "can't",   "don",     "didn",    "doesn",
    "isn",     "wasn",    NULL};

/* Each line is one group; the first word names it. */
const char *const dossier_synonyms[] = {
    "weapon arms armament armaments munition munitions ammunition ammo shell shells artillery "
    "weaponry arsenal",
    "missile missiles rocket rockets ballistic",
    "meet meeting meetings met summit summits talks talk",
    "visit visited visiting visits trip travel travelled traveled traveling travelling journey "
    "arrive arrived arrival",
    "agree agreed agreement agreements deal deals accord pact treaty",
    "sanction sanctions sanctioned penalty penalties embargo",
    "satellite satellites spacecraft orbit",
    "nuclear atomic",
    "help helped helping assist assistance aid support supported supporting backing",
    "warn warned warning warnings caution cautioned threaten threatened threat",
    "country countries nation nations",
    "leader leaders head chief ruler",
    "war wars conflict conflicts fighting warfare invasion",
    "economy economic economies trade commerce commercial business",
    "cooperation cooperate collaboration collaborate partnership partner partners",
    "relation relations relationship ties bilateral",
    "military army armed defense defence troops soldiers",
    "technology technologies technological know-how expertise",
    "gas pipeline pipelines energy",
    "railway railroad railroads rail",
    "border borders frontier",
    "president presidents",
    "minister ministers ministry",
    "official officials authorities",
    "spokesman spokeswoman spokesperson",
    "discuss discussed discussion discussions negotiate negotiation negotiations",
    "promise promised pledge pledged vow vowed commit committed commitment",
    "develop developed development developing build",
    "launch launched launches launching fire fired",
    "strengthen strengthened strengthening bolster boost deepen deepening closer",
    "ally allies alliance allied",
    "friendship friendly amity",
    "criticize criticized criticise criticised condemn condemned",
    "resolution resolutions",
    "food grain wheat flour",
    "export exports exported supply supplies supplied shipment shipments deliver delivery transfer "
    "transfers",
    "purchase purchased buy bought acquire acquired obtain obtained",
    "debt debts loan loans",
    "worry worried concern concerned fear fears afraid alarm",
    "surprise surprised surprising unexpected unexpectedly",
    "media press outlets news",
    "western west",
    "pandemic covid coronavirus",
    "isolation isolated isolate",
    "goal aim aims objective purpose",
    "invite invited invitation",
    NULL};
