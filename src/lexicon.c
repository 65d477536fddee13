/* lexicon.c — the English word lists of ranking and the verdict, for what
 * WordNet (wordnet.c) does not hold.
 *
 * Stop words carry no content of their own. The synonym groups and antonym
 * pairs below are only those WordNet 3.0 lacks, each with the reason it is
 * here: paraphrases of news English across parts of speech or senses that
 * WordNet keeps apart (tests/c/test_lexicon.c checks each against WordNet,
 * so an entry WordNet comes to hold is dropped). Negation cues turn the
 * words after them around. Nothing here is specific to one corpus. */
#include "lexicon.h"

const char *const dossier_stopwords[] = {
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "either",
    "even", "ever", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her",
    "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "if", "in", "into",
    "is", "it", "its", "itself", "just", "may", "me", "might", "more", "most", "much", "must", "my",
    "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other",
    "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such",
    "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these",
    "they", "this", "those", "through", "thus", "to", "too", "under", "until", "up", "upon", "us",
    "very", "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who",
    "whom", "whose", "why", "will", "with", "within", "would", "yet", "you", "your", "yours", "s",
    "t", "said", "says", "say", "according", "reportedly", "mr", "mrs", "ms", "dr", "well", "still",
    "already", "many", "among", "since", "via", "per", "across", "around", "another", "onto",
    "toward", "towards", "without", "rather", "quite", "really", "something", "anything", "nothing",
    "way", "ways", "being", "itself", "let", "lets", "cannot", "can't", "don", "didn", "doesn",
    "isn", "wasn",
    /* prepositions and conjunctions the list lacked: they join words and say
     * nothing a source must repeat ("crowded round" / "surrounded") */
    "round", "beyond", "amid", "amidst", "amongst", "whilst", "though", "although", "whereas",
    "throughout",
    /* adverbs of the writer's certainty, as "really" and "quite" above: how
     * surely the claim is said, not what it says ("would certainly be
     * blocked" / "would undoubtedly be blocked", or neither) */
    "certainly", "surely", "undoubtedly", "doubtless", "definitely", "indeed", "actually", "truly",
    NULL};

/* Each string is one group of words that count as synonyms (relation
 * "synonym", weaker than the same word); the first word names it. */
const char *const dossier_synonyms[] = {
    /* WordNet keeps "weapon" (an instrument) apart from "weaponry, arms,
     * munition" (collectively) and from "ammunition": news uses all for one */
    "weapon weapons arms munition munitions ammunition shells artillery weaponry arsenal",
    /* "rocket" is a kind of "projectile" in WordNet, not of "missile" */
    "missile missiles rocket rockets",
    /* the event and its verb: WordNet links "meet" and "meeting" but not
     * "summit" or "talks" to them */
    "meet meeting met summit summits talks",
    /* a trip is a visit; WordNet does not relate the nouns to "visit" */
    "visit visited trip journey",
    /* the verb and the nouns of an agreement */
    "agree agreed agreement deal accord pact treaty",
    /* economic sanctions: WordNet's first senses are approval; "penalty",
     * "embargo" are unrelated there */
    "sanction sanctions penalty penalties embargo",
    /* WordNet's "support" and "backing" are not "help" */
    "help helped assist assistance aid support supported backing",
    /* a threat is a warning in news: WordNet keeps them in different trees */
    "warn warned warning threaten threatened threat caution",
    /* "head" and "chief" of a state are its "leader" only in other senses */
    "leader leaders head chief ruler",
    /* a war is a conflict, fighting or an invasion in reports */
    "war wars conflict fighting warfare invasion",
    /* the economy is trade, commerce and business in news: different trees */
    "economy economic trade commerce commercial business",
    /* cooperation as partnership: WordNet does not relate the two */
    "cooperation cooperate collaboration collaborate partnership partner partners",
    /* ties are relations: WordNet's "tie" is a link or a draw */
    "relations relationship ties bilateral",
    /* the armed forces by any of their names */
    "military army armed defense defence troops soldiers forces",
    /* know-how and expertise are technology transferred */
    "technology technologies technological know-how expertise",
    /* "frontier" is a border only in WordNet's rare sense */
    "border borders frontier",
    /* a minister heads a ministry: no derivation links them */
    "minister ministry",
    /* the authorities are officials */
    "official officials authorities",
    /* the same office in other genders */
    "spokesman spokeswoman spokesperson",
    /* negotiating is discussing in reports */
    "discuss discussed discussion negotiate negotiation negotiations",
    /* a promise, a pledge, a vow, a commitment */
    "promise promised pledge pledged vow vowed commit committed commitment",
    /* to develop something is to build it */
    "develop developed development build built",
    /* missiles are launched or fired */
    "launch launched fire fired",
    /* to strengthen ties is to bolster, boost or deepen them */
    "strengthen strengthened bolster boost deepen closer",
    /* an ally and an alliance: no derivation links them */
    "ally allies alliance allied",
    /* "friendly" and "friendship" are not derived from each other in WordNet */
    "friendship friendly",
    /* to condemn is to criticize strongly */
    "criticize criticized criticise criticised condemn condemned",
    /* exports are supplies, shipments, deliveries, transfers */
    "export exports exported supply supplies supplied shipment shipments deliver delivery "
    "delivered transfer transfers",
    /* buying is acquiring or obtaining */
    "purchase purchased buy bought acquire acquired obtain obtained",
    /* a loan is a debt */
    "debt debts loan loans",
    /* concern, worry and fear as feelings reported */
    "worry worried concern concerned fear fears afraid",
    /* "surprise" and "unexpected" are unrelated in WordNet */
    "surprise surprised surprising unexpected unexpectedly",
    /* the press is the media, its outlets */
    "media press outlets",
    /* WordNet 3.0 (2006) predates the word */
    "pandemic covid coronavirus",
    /* an aim, a goal, an objective */
    "goal aim aims objective purpose", NULL};

/* Opposites WordNet does not oppose, each entry "a b ... | x y ...": every
 * word on the left opposes every word on the right (folded words; their
 * inflections follow through stemming). WordNet opposes few verbs and
 * adverbs, and only a word to its own direct antonym (rise / fall, not
 * climb / plunge); these are the directions a report can be turned
 * around in, each as a small class of common words. */
const char *const dossier_antonyms[] = {
    /* WordNet opposes fail to succeed and success, not to "successful" or
     * "successfully" */
    "fail failure unsuccessful | successful successfully",
    /* a promise kept or refused: WordNet opposes "refuse" to "accept" only */
    "vow pledge promise agree | refuse",
    /* confirming and denying a report */
    "confirm | deny",
    /* approving and disapproving: a statement welcomed or condemned */
    "welcome praise applaud endorse support back hail commend thank | criticise criticize "
    "condemn denounce oppose deplore protest concern",
    /* amounts and paces that go up or down */
    "rise grow increase climb surge soar jump expand gain accelerate | fall drop decline "
    "decrease shrink plunge slump slow lose",
    /* helping and harming a cause */
    "strengthen bolster reinforce advance boost | undermine weaken hinder hamper",
    /* rules made stricter or looser */
    "tighten tighter stricter | relax loosen ease",
    /* how often */
    "often frequently routinely regularly usually | rarely seldom occasionally",
    /* allowed or forbidden */
    "allow permit authorise authorize | ban prohibit forbid",
    /* the compass's diagonals: WordNet opposes north to south and east to
     * west, but "northeast" only indirectly to "south" (through "north"),
     * never to "southwest" */
    "northeast northeastern northeasterly | southwest southwestern southwesterly",
    "northwest northwestern northwesterly | southeast southeastern southeasterly", NULL};

/* Words that turn the next content word of their clause around ("did not
 * join", "no evidence", "failed to reach", "refused to help", "non-military").
 * "n't" is the word "t" after a word ending in n (didn't, isn't), see
 * align.c. */
const char *const dossier_negations[] = {
    "not",     "no",      "never",    "nor",     "neither",  "without",  "cannot",  "none",
    "nobody",  "nowhere", "unable",   "fail",    "failed",   "fails",    "failing", "refuse",
    "refused", "refuses", "refusing", "decline", "declined", "declines", "deny",    "denied",
    "denies",  "denying", "lack",     "lacked",  "lacks",    "lacking",  "non",     NULL};

/* Cues that only weaken (privative): "left Bolivia without a coastline" is
 * no denial of a coastline; such a negation agrees with a strong one but
 * never conflicts with an affirmation. A subset of dossier_negations. */
const char *const dossier_weak_negations[] = {"without", "lack",    "lacked",
                                              "lacks",   "lacking", NULL};

/* Words that make what follows in their clause a possibility, an intention
 * or a wish rather than what happened: "it is possible that North Korea
 * will seek to obtain technology" does not say technology was transferred.
 * Function words and modals, which WordNet does not list as such. */
const char *const dossier_possibility_words[] = {
    "could",    "may",      "might",   "would",     "possible",    "possibly", "possibility",
    "perhaps",  "seek",     "seeks",   "seeking",   "sought",      "plan",     "plans",
    "planned",  "planning", "hope",    "hopes",     "hoped",       "hoping",   "want",
    "wants",    "wanted",   "wish",    "wishes",    "intend",      "intends",  "intended",
    "aim",      "aims",     "likely",  "potential", "potentially", "if",       "whether",
    "expected", "expect",   "expects", NULL};

/* Ways news English says that something is not known, each one
 * expression of folded words: what "it is unclear whether X" reports,
 * "it remains to be seen if X" reports too. WordNet keeps "unclear" (not
 * clear to the mind), "uncertain" and "unknown" in different trees and has
 * no "remain to be seen" or "open question"; its "up in the air" is one
 * lemma, which no source word is. Any of them holds any other (align.c). */
const char *const dossier_uncertainty[] = {"unclear",
                                           "uncertain",
                                           "uncertainty",
                                           "unknown",
                                           "unsure",
                                           "undetermined",
                                           "remain to be seen",
                                           "remains to be seen",
                                           "remained to be seen",
                                           "remaining to be seen",
                                           "open question",
                                           "up in the air",
                                           NULL};

/* Words that open another clause: a negation's scope ends there. */
const char *const dossier_clause_words[] = {"but",     "although", "though", "whereas", "because",
                                            "however", "while",    "unless", NULL};
