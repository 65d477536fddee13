/* suggest.c — candidate actors from the corpus's own text.
 *
 * The rules, in order:
 *  1. Words. Each passage that is not site furniture is split into words
 *     (letters and digits, with inner - ' . and ’); a trailing possessive 's
 *     is dropped. A word is capitalised when its first letter is upper case,
 *     an acronym when it has two to six letters, all upper case (digits
 *     allowed: "U.S.", "NBT", "G7"), a handle when a capital or a digit
 *     follows a lower-case letter inside it ("GitHub", "pyCraft", "JiaT75").
 *  2. Names. A run of capitalised words, acronyms and handles on one line of
 *     text, joined by spaces or hyphens, is a name; "of", "de", "van", "von",
 *     "der", "den", "al", "bin", "da", "di", "du", "la", "le" and "y" may join
 *     two of its words ("University of Oslo"). Titles in front ("President",
 *     "Minister", "Dr." ...) are cut off and remembered as evidence of a
 *     person. At the start of a sentence, a first word that the corpus also
 *     writes in lower case is not part of the name ("However", "The").
 *  3. Left out: one-word names that the corpus also writes in lower case,
 *     months and weekdays, "I", and names seen fewer than --min times; and,
 *     unless at least SEVERAL_ARTICLES articles write them, two or three
 *     capitals alone ("O3", "IMO": a flag, an abbreviation) and names made
 *     only of ordinary English words of the system's word list ("Web",
 *     "Free Software", "Voting Member"). Either is kept all the same when
 *     something says it is a name: an article's publisher, container or
 *     author in the front matter ("CNN"), its initials as a variant ("Free
 *     Software Foundation" with "FSF"), or a kind's word in it (below).
 *  4. Variants. A name that is the last words of a longer one ("Askar" of
 *     "Ammar Askar", "Tan" of "Jia Tan"; never two or three capitals: "JS"
 *     is no surname of "Emscripten JS"), an acronym of the initials of a
 *     longer one ("FSF", "NBT"), or a handle made of a longer name's first
 *     word and the start of its next ("JiaT75") joins that longer name. A
 *     variant that fits one longer name becomes an alias of it; one that fits
 *     several becomes a shared short form of each.
 *  5. Kind, from the evidence: a word of an organisation (Foundation,
 *     University, Inc, LLC, Ministry ...) -> org; of an event (Summit, War,
 *     Conference, Election ...) -> event; of a place (City, River, Island,
 *     Province ...) -> place; a state word (Republic, Kingdom, Federation) ->
 *     state; a version number after it, a handle, or a word such as "game",
 *     "software", "app", "book", "law" just before it -> product; a title in
 *     front, "said"/"wrote"/... after it, a middle initial, its last word
 *     used alone (in a name written as names, not starting with an ordinary
 *     word: not "Web APIs", "The Chilean"), or the shape of a person's name
 *     (two or three such words, the first a given name the word list holds
 *     as a name and never as an ordinary word: "Laurence Golborne") ->
 *     person; otherwise org, a guess. A person always has one of these cues.
 *     The reason is written next to the kind.
 *  6. Existing actors. A name the gazetteer already matches as a whole is
 *     left out; one it matches in part is kept with a note naming the actor
 *     it may duplicate. */
#include "suggest.h"
#include "words.h"

#include <string.h>

/* "Several articles": how many must write an ambiguous name (two or three
 * capitals, ordinary words) as a name before it is proposed. */
#define SEVERAL_ARTICLES 3

typedef struct {
    const char *s; /* start in the text */
    size_t n;      /* bytes */
    unsigned cap : 1, acronym : 1, handle : 1, initial : 1, sentence_start : 1;
    unsigned gap_ok : 1; /* joined to the word before by one space or a hyphen only */
} word;

typedef struct {
    char *text;   /* the name as written */
    char *folded; /* case-folded, for grouping */
    unsigned total;
    GHashTable *counts; /* article id -> count */
    unsigned title_before, verb_after, version_after, alone_use, product_before;
    int words, acronym, handle, middle_initial;
    int short_caps; /* one word of at most three letters, all capitals: "JS", "O3", "IMO" */
    int group;      /* index of the group it joined, or -1 */
} candidate;

static const char *const connectors[] = {"of", "de", "van", "von", "der", "den", "al", "bin",
                                         "da", "di", "du",  "la",  "le",  "y",   NULL};
static const char *const titles[] = {"President",
                                     "Minister",
                                     "Prime",
                                     "Secretary",
                                     "Chairman",
                                     "Chairwoman",
                                     "Mr",
                                     "Mrs",
                                     "Ms",
                                     "Dr",
                                     "Professor",
                                     "Prof",
                                     "Senator",
                                     "General",
                                     "King",
                                     "Queen",
                                     "Pope",
                                     "Sir",
                                     "Chief",
                                     "Leader",
                                     "CEO",
                                     "Director",
                                     "Founder",
                                     "Foreign",
                                     "Defense",
                                     "Defence",
                                     "Vice",
                                     "Deputy",
                                     "Former",
                                     "Governor",
                                     "Mayor",
                                     "Ambassador",
                                     "Spokesman",
                                     "Spokeswoman",
                                     "Commissioner",
                                     "Judge",
                                     "Justice",
                                     "Representative",
                                     "Rep",
                                     "Sen",
                                     "Gen",
                                     "Col",
                                     "Lt",
                                     "Capt",
                                     "Developer",
                                     "Editor",
                                     "Analyst",
                                     "Researcher",
                                     "Fellow",
                                     "Correspondent",
                                     "Reporter",
                                     "Spokesperson",
                                     "Admiral",
                                     "Colonel",
                                     "Major",
                                     "Captain",
                                     "Sergeant",
                                     "Lieutenant",
                                     "Marshal",
                                     "Commander",
                                     NULL};
static const char *const org_words[] = {
    "Foundation",  "Conservancy",  "Institute",    "University", "College",    "School",
    "Company",     "Corporation",  "Corp",         "Inc",        "LLC",        "SRL",
    "Ltd",         "GmbH",         "AG",           "SA",         "Agency",     "Ministry",
    "Department",  "Office",       "Council",      "Committee",  "Commission", "Party",
    "Association", "Society",      "Bank",         "Group",      "Project",    "Team",
    "News",        "Times",        "Post",         "Press",      "Board",      "Service",
    "Services",    "Organization", "Organisation", "Union",      "Federation", "Army",
    "Navy",        "Force",        "Forces",       "Court",      "Parliament", "Congress",
    "Senate",      "Labs",         "Club",         "Network",    "Media",      "Broadcasting",
    "Agency",      "Authority",    "Bureau",       NULL};
static const char *const event_words[] = {
    "Summit",   "War",          "Conference", "Olympics",  "Election",   "Elections",
    "Crisis",   "Festival",     "Talks",      "Games",     "Revolution", "Accident",
    "Attack",   "Championship", "Cup",        "Protest",   "Protests",   "Disaster",
    "Massacre", "Treaty",       "Accord",     "Agreement", "Rescue",     NULL};
static const char *const place_words[] = {
    "City",     "Street",    "River",  "Mountain", "Mountains", "Island",     "Islands",
    "Province", "County",    "Sea",    "Ocean",    "Valley",    "Bay",        "Coast",
    "Lake",     "Peninsula", "Region", "District", "Square",    "Cosmodrome", "Desert",
    "Strait",   "Gulf",      "Park",   NULL};
static const char *const state_words[] = {"Republic", "Kingdom", "Emirates", "States", NULL};
/* A word before a name that says it is a made thing ("the game Minecraft"). */
static const char *const product_words[] = {
    "game",         "software", "app",     "application", "program", "programme",
    "browser",      "language", "library", "framework",   "tool",    "platform",
    "protocol",     "product",  "book",    "novel",       "law",     "act",
    "bill",         "format",   "phone",   "device",      "model",   "system",
    "distribution", "package",  "film",    "album",       "series",  "car",
    "engine",       NULL};
static const char *const verbs_after[] = {"said",  "says",     "wrote",  "writes",  "told",
                                          "added", "argued",   "claims", "claimed", "explained",
                                          "noted", "resigned", "vowed",  "stated",  NULL};
static const char *const months_days[] = {
    "January",   "February",  "March",   "April",    "May",      "June",   "July",
    "August",    "September", "October", "November", "December", "Monday", "Tuesday",
    "Wednesday", "Thursday",  "Friday",  "Saturday", "Sunday",   "Jan",    "Feb",
    "Mar",       "Apr",       "Jun",     "Jul",      "Aug",      "Sep",    "Sept",
    "Oct",       "Nov",       "Dec",     "I",        NULL};

static int in_list(const char *s, size_t n, const char *const *list) {
    for (; *list; list++)
        if (strlen(*list) == n && strncmp(*list, s, n) == 0) return 1;
    return 0;
}

/* A title, with or without its abbreviation's period ("Mr.", "Dr"). */
static int is_title(const char *s, size_t n) {
    if (n > 1 && s[n - 1] == '.') n--;
    return in_list(s, n, titles);
}

/* ------------------------------------------------------------ words */

static int word_char(gunichar c) {
    return g_unichar_isalnum(c) || g_unichar_ismark(c);
}

/* The words of s[0..n) in order. */
static GArray *split_words(const char *s, size_t n) {
    GArray *words = g_array_new(FALSE, TRUE, sizeof(word));
    const char *p = s, *end = s + n;
    const char *prev_end = NULL;
    int sentence_start = 1;
    while (p < end) {
        gunichar c = g_utf8_get_char_validated(p, end - p);
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            p++;
            continue;
        }
        if (!word_char(c)) {
            if (c == '"' || c == 0x201C || c == '(' || c == '*' || c == '_') {
                /* an opening quote or emphasis keeps the sentence start */
            } else if (c != ' ' && c != '\n' && c != '\t') {
                sentence_start = 0;
            }
            p = g_utf8_next_char(p);
            continue;
        }
        const char *w = p;
        while (p < end) {
            gunichar d = g_utf8_get_char_validated(p, end - p);
            if (d == (gunichar)-1 || d == (gunichar)-2) break;
            if (word_char(d)) {
                p = g_utf8_next_char(p);
                continue;
            }
            /* inner - ' ’ . stay when a word character follows */
            if (d == '-' || d == '\'' || d == 0x2019 || d == '.') {
                const char *q = g_utf8_next_char(p);
                gunichar e = q < end ? g_utf8_get_char_validated(q, end - q) : 0;
                if (q < end && e != (gunichar)-1 && e != (gunichar)-2 && word_char(e)) {
                    p = q;
                    continue;
                }
                if (d == '.' && p - w == 1) { /* an initial ("M.") keeps its period */
                    p = q;
                    continue;
                }
                /* so does a title ("Mr. Roy"), which ends no sentence: else
                 * "Mr" was proposed as a name of its own, and Roy lost the
                 * title that says he is a person */
                if (d == '.' && is_title(w, (size_t)(p - w))) {
                    p = q;
                    continue;
                }
            }
            break;
        }
        word x = {0};
        x.s = w;
        x.n = (size_t)(p - w);
        /* the possessive is not part of the name */
        /* a possessive or a contraction is not part of the name: Putin's, I've */
        static const char *const endings[] = {"'s",
                                              "'ve",
                                              "'re",
                                              "'ll",
                                              "'m",
                                              "'d",
                                              "n't",
                                              "\xE2\x80\x99"
                                              "s",
                                              "\xE2\x80\x99"
                                              "ve",
                                              "\xE2\x80\x99"
                                              "re",
                                              "\xE2\x80\x99"
                                              "ll",
                                              "\xE2\x80\x99"
                                              "m",
                                              "\xE2\x80\x99"
                                              "d",
                                              "n\xE2\x80\x99"
                                              "t",
                                              NULL};
        for (const char *const *e = endings; *e; e++) {
            size_t el = strlen(*e);
            if (x.n > el && strncmp(w + x.n - el, *e, el) == 0) {
                x.n -= el;
                break;
            }
        }
        gunichar first = g_utf8_get_char(w);
        x.cap = g_unichar_isupper(first) || g_unichar_istitle(first);
        int letters = 0, uppers = 0, inner_cap = 0, digits = 0;
        gunichar before = 0;
        for (const char *q = w; q < w + x.n; q = g_utf8_next_char(q)) {
            gunichar d = g_utf8_get_char(q);
            if (g_unichar_isalpha(d)) {
                letters++;
                if (g_unichar_isupper(d)) {
                    uppers++;
                    if (before && g_unichar_islower(before)) inner_cap = 1;
                }
            } else if (g_unichar_isdigit(d)) {
                digits++;
                if (before && g_unichar_isalpha(before)) inner_cap = 1;
            }
            before = d;
        }
        x.acronym = letters >= 2 && letters <= 6 && uppers == letters;
        x.handle = !x.acronym && inner_cap && letters >= 2;
        x.initial = letters == 1 && uppers == 1 && x.n >= 1;
        x.sentence_start = sentence_start;
        x.gap_ok = prev_end && (w - prev_end == 1) && (prev_end[0] == ' ' || prev_end[0] == '-');
        g_array_append_val(words, x);
        prev_end = w + x.n;
        /* a sentence goes on after a word unless a full stop follows */
        sentence_start = 0;
        if (x.n < (size_t)(p - w)) prev_end = w + x.n; /* a possessive ends the name */
        if (p < end && *p == '.' && !x.initial) sentence_start = 1;
    }
    return words;
}

static int is_name_word(const word *w) {
    return w->cap || w->acronym || w->handle;
}

/* ------------------------------------------------------------ the collection */

typedef struct {
    GHashTable *dict;    /* the system's English word list, lower-case words only */
    GHashTable *proper;  /* its capitalised entries: names ("Richard", "Chile") */
    GHashTable *lower;   /* words the corpus writes in lower case */
    GHashTable *by_text; /* name as written -> candidate index */
    GPtrArray *cands;    /* candidate * */
} collection;

static void candidate_free(candidate *c) {
    g_free(c->text);
    g_free(c->folded);
    g_hash_table_destroy(c->counts);
    g_free(c);
}

static candidate *candidate_for(collection *col, const char *text) {
    gpointer idx;
    if (g_hash_table_lookup_extended(col->by_text, text, NULL, &idx))
        return g_ptr_array_index(col->cands, GPOINTER_TO_UINT(idx));
    candidate *c = g_new0(candidate, 1);
    c->text = g_strdup(text);
    c->folded = g_utf8_casefold(text, -1);
    c->counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    c->group = -1;
    g_hash_table_insert(col->by_text, g_strdup(text), GUINT_TO_POINTER(col->cands->len));
    g_ptr_array_add(col->cands, c);
    return c;
}

static int lower_known(const collection *col, const word *w) {
    char *low = g_utf8_strdown(w->s, (gssize)w->n);
    int known = g_hash_table_contains(col->lower, low);
    g_free(low);
    return known;
}

/* A sentence's first word that is an ordinary English word ("However"):
 * written in lower case in the corpus or in the system's word list. */
static int ordinary_word(const collection *col, const word *w) {
    if (lower_known(col, w)) return 1;
    if (!col->dict) return 0;
    char *low = g_utf8_strdown(w->s, (gssize)w->n);
    int known = g_hash_table_contains(col->dict, low);
    g_free(low);
    return known;
}

static int followed_by_version(const char *after, const char *end) {
    while (after < end && *after == ' ')
        after++;
    if (after < end && (*after == 'v' || *after == 'V')) after++;
    int digits = 0, dots = 0;
    while (after < end && (g_ascii_isdigit(*after) || *after == '.')) {
        digits += g_ascii_isdigit(*after);
        dots += *after == '.';
        after++;
    }
    return digits && dots;
}

static void add_name(collection *col, const char *article, GArray *words, guint from, guint to,
                     int title, const char *text_end) {
    const word *first = &g_array_index(words, word, from);
    const word *last = &g_array_index(words, word, to - 1);
    char *text = g_strndup(first->s, (gsize)(last->s + last->n - first->s));
    /* line breaks inside a name (hard-wrapped text) read as spaces */
    for (char *q = text; *q; q++)
        if (*q == '\n') *q = ' ';
    unsigned nwords = to - from;
    if (g_utf8_strlen(text, -1) < 2) { /* "C", "X": the core refuses such names */
        g_free(text);
        return;
    }
    if (nwords == 1) {
        if (in_list(first->s, first->n, months_days) ||
            (!first->acronym && !first->handle && lower_known(col, first))) {
            g_free(text);
            return;
        }
    }
    candidate *c = candidate_for(col, text);
    g_free(text);
    c->total++;
    c->words = (int)nwords;
    c->acronym = nwords == 1 && first->acronym;
    if (nwords == 1) {
        int letters = 0, uppers = 0;
        for (const char *q = first->s; q < first->s + first->n; q = g_utf8_next_char(q)) {
            gunichar ch = g_utf8_get_char(q);
            letters += g_unichar_isalpha(ch) != 0;
            uppers += g_unichar_isupper(ch) != 0;
        }
        c->short_caps = letters >= 1 && letters <= 3 && uppers == letters;
    }
    c->handle = c->handle || (nwords == 1 && first->handle);
    gpointer n = g_hash_table_lookup(c->counts, article);
    g_hash_table_replace(c->counts, g_strdup(article), GINT_TO_POINTER(GPOINTER_TO_INT(n) + 1));
    if (title) c->title_before++;
    if (from > 0) {
        const word *prev = &g_array_index(words, word, from - 1);
        if (in_list(prev->s, prev->n, product_words)) c->product_before++;
    }
    for (guint k = from + 1; k + 1 < to; k++)
        if (g_array_index(words, word, k).initial) c->middle_initial = 1;
    if (to < words->len) {
        const word *next = &g_array_index(words, word, to);
        if (in_list(next->s, next->n, verbs_after)) c->verb_after++;
    }
    if (followed_by_version(last->s + last->n, text_end)) c->version_after++;
}

static void collect_passage(collection *col, const char *article, const char *s, size_t n) {
    GArray *words = split_words(s, n);
    for (guint i = 0; i < words->len;) {
        word *w = &g_array_index(words, word, i);
        if (!is_name_word(w)) {
            i++;
            continue;
        }
        guint j = i + 1;
        while (j < words->len) {
            word *x = &g_array_index(words, word, j);
            if (!x->gap_ok) break;
            if (is_name_word(x)) {
                j++;
                continue;
            }
            /* a connector between two name words: "University of Oslo" */
            if (in_list(x->s, x->n, connectors) && j + 1 < words->len &&
                is_name_word(&g_array_index(words, word, j + 1)) &&
                g_array_index(words, word, j + 1).gap_ok) {
                j += 2;
                continue;
            }
            break;
        }
        guint from = i;
        /* a sentence's first word that is an ordinary word is not a name */
        if (w->sentence_start && !w->acronym && !w->handle && ordinary_word(col, w)) from++;
            /* a title splits what is before it ("Russian", "Department of State") from
             * the person after it ("Vladimir Putin") */
#define WORD_AT(k) (&g_array_index(words, word, (k)))
#define TITLE_AT(k) is_title(WORD_AT(k)->s, WORD_AT(k)->n)
#define CONNECTOR_AT(k) in_list(WORD_AT(k)->s, WORD_AT(k)->n, connectors)
        /* job titles at the end are not part of the name ("... Analyst") */
        guint end = j;
        while (end > from + 1 && TITLE_AT(end - 1))
            end--;
        guint cut = from;
        for (guint k = from; k + 1 < end; k++)
            if (TITLE_AT(k)) cut = k + 1;
        int title = cut > from;
        if (title) {
            guint before = from;
            while (before < cut && (TITLE_AT(before) || CONNECTOR_AT(before)))
                before++;
            guint stop = before;
            while (stop < cut && !TITLE_AT(stop))
                stop++;
            while (stop > before && CONNECTOR_AT(stop - 1))
                stop--;
            if (stop > before) add_name(col, article, words, before, stop, 0, s + n);
        }
        while (cut < end && CONNECTOR_AT(cut)) /* "Minister of Natural Resources" */
            cut++;
        if (cut < end) add_name(col, article, words, cut, end, title, s + n);
#undef WORD_AT
#undef TITLE_AT
#undef CONNECTOR_AT
        i = j;
    }
    g_array_free(words, TRUE);
}

/* Every word the corpus writes in lower case. */
static void collect_lower(collection *col, const char *s, size_t n) {
    GArray *words = split_words(s, n);
    for (guint i = 0; i < words->len; i++) {
        word *w = &g_array_index(words, word, i);
        gunichar c = g_utf8_get_char(w->s);
        if (g_unichar_islower(c)) g_hash_table_add(col->lower, g_utf8_strdown(w->s, (gssize)w->n));
    }
    g_array_free(words, TRUE);
}

/* "North Korea-Russia" is two names when every part is seen on its own:
 * its counts go to each part, and the compound is dropped. */
static void split_compounds(collection *col) {
    for (guint i = 0; i < col->cands->len; i++) {
        candidate *c = g_ptr_array_index(col->cands, i);
        GPtrArray *parts = g_ptr_array_new();
        const char *start = c->text;
        int all_known = 1;
        for (const char *p = c->text;; p++) {
            int cut = *p == '\0' || (*p == '-' && g_unichar_isupper(g_utf8_get_char(p + 1)));
            if (!cut) continue;
            char *part = g_strndup(start, (gsize)(p - start));
            gpointer idx;
            if (g_hash_table_lookup_extended(col->by_text, part, NULL, &idx) &&
                GPOINTER_TO_UINT(idx) != i)
                g_ptr_array_add(parts, g_ptr_array_index(col->cands, GPOINTER_TO_UINT(idx)));
            else
                all_known = 0;
            g_free(part);
            if (!*p) break;
            start = p + 1;
        }
        if (all_known && parts->len >= 2) {
            for (guint k = 0; k < parts->len; k++) {
                candidate *part = g_ptr_array_index(parts, k);
                part->total += c->total;
                GHashTableIter it;
                gpointer key, v;
                g_hash_table_iter_init(&it, c->counts);
                while (g_hash_table_iter_next(&it, &key, &v)) {
                    gpointer old = g_hash_table_lookup(part->counts, key);
                    g_hash_table_replace(
                        part->counts, g_strdup(key),
                        GINT_TO_POINTER(GPOINTER_TO_INT(old) + GPOINTER_TO_INT(v)));
                }
            }
            c->total = 0; /* dropped by the threshold; indexes stay valid */
        }
        g_ptr_array_free(parts, TRUE);
    }
}

/* ------------------------------------------------------------ grouping */

static int ends_with_words(const char *longer, const char *shorter) {
    size_t l = strlen(longer), s = strlen(shorter);
    return l > s && strcmp(longer + l - s, shorter) == 0 && longer[l - s - 1] == ' ';
}

/* "FSF" for "Free Software Foundation", "RMS" for "Richard M. Stallman". */
static int initials_of(const char *acronym, const char *name) {
    GString *ini = g_string_new(NULL);
    gchar **parts = g_strsplit_set(name, " -", -1);
    for (gchar **p = parts; *p; p++) {
        if (!**p || in_list(*p, strlen(*p), connectors)) continue;
        gunichar c = g_utf8_get_char(*p);
        if (g_unichar_isupper(c)) g_string_append_unichar(ini, c);
    }
    g_strfreev(parts);
    int same = ini->len >= 2 && g_utf8_collate(ini->str, acronym) == 0;
    g_string_free(ini, TRUE);
    return same;
}

/* "JiaT75" for "Jia Tan": the first word, then the start of the next. */
static int handle_of(const char *handle, const char *folded_name) {
    GString *letters = g_string_new(NULL);
    for (const char *p = handle; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isalpha(c))
            g_string_append_unichar(letters, g_unichar_tolower(c));
        else
            break;
    }
    gchar **w = g_strsplit(folded_name, " ", 3);
    int fit = 0;
    if (w[0] && w[1]) {
        size_t a = strlen(w[0]);
        fit = letters->len > a && strncmp(letters->str, w[0], a) == 0 &&
              strncmp(letters->str + a, w[1], letters->len - a) == 0;
    }
    g_strfreev(w);
    g_string_free(letters, TRUE);
    return fit;
}

/* Whether x is a shorter form of y: its last words ("Askar" of "Ammar
 * Askar"), its initials ("FSF"), or a handle made of it ("JiaT75"). Two or
 * three capitals are no last words of a name: "JS" is not a surname of
 * "Emscripten JS". */
static int variant_of(const candidate *x, const candidate *y) {
    return (ends_with_words(y->folded, x->folded) && !x->short_caps) ||
           (x->acronym && initials_of(x->text, y->text)) ||
           (x->handle && handle_of(x->text, y->folded));
}

/* The words of a name, split at spaces and hyphens (g_strfreev). */
static gchar **name_words(const char *name) {
    return g_strsplit_set(name, " -", -1);
}

static int common_word(const GHashTable *dict, const char *w) {
    char *low = g_utf8_strdown(w, -1);
    int common = dict && g_hash_table_contains((GHashTable *)dict, low);
    g_free(low);
    return common;
}

/* Every word of the name is an ordinary English word: "Free Software",
 * "Voting Member", "Web". */
static int all_common_words(const collection *col, const char *name) {
    if (!col->dict) return 0;
    gchar **w = name_words(name);
    int all = 1;
    for (gchar **p = w; *p && all; p++)
        all = !**p || common_word(col->dict, *p);
    g_strfreev(w);
    return all;
}

/* "Laurence", "Jong-un", "O'Brien": a capital, then lower-case letters
 * (a hyphen or an apostrophe may start a new part). */
static int title_case_word(const char *w) {
    if (!*w || !g_unichar_isupper(g_utf8_get_char(w))) return 0;
    gunichar before = 0;
    for (const char *p = w; *p; p = g_utf8_next_char(p)) {
        gunichar ch = g_utf8_get_char(p);
        if (p == w) {
        } else if (g_unichar_isupper(ch)) {
            if (before != '-' && before != '\'' && before != 0x2019) return 0;
        } else if (!g_unichar_islower(ch) && !g_unichar_ismark(ch) && ch != '-' && ch != '\'' &&
                   ch != 0x2019) {
            return 0;
        }
        before = ch;
    }
    return 1;
}

/* The shape of a person's name: two or three words written like names
 * (middle initials aside), the first a given name the word list knows as a
 * name and never as an ordinary word, the last no ordinary word either. */
static int person_shaped(const collection *col, const char *name) {
    if (!col->proper) return 0;
    gchar **w = g_strsplit(name, " ", -1);
    guint n = 0, words = g_strv_length(w);
    int ok = words >= 2;
    for (guint i = 0; i < words && ok; i++) {
        size_t len = strlen(w[i]);
        int initial = len == 2 && w[i][1] == '.' && g_ascii_isupper(w[i][0]);
        if (initial && i > 0 && i + 1 < words) continue;
        ok = title_case_word(w[i]);
        n++;
    }
    ok = ok && n >= 2 && n <= 3 && g_hash_table_contains(col->proper, w[0]) &&
         !common_word(col->dict, w[0]) && !common_word(col->dict, w[words - 1]);
    g_strfreev(w);
    return ok;
}

/* Names written as names throughout ("Ammar Askar"), whose last word alone
 * can be a surname: not "Web APIs". */
static int title_case_name(const char *name) {
    gchar **w = g_strsplit(name, " ", -1);
    int ok = w[0] && w[1];
    for (gchar **p = w; *p && ok; p++)
        ok = title_case_word(*p) || (strlen(*p) == 2 && (*p)[1] == '.');
    g_strfreev(w);
    return ok;
}

static int first_word_common(const collection *col, const char *name) {
    gchar **w = name_words(name);
    int common = w[0] && common_word(col->dict, w[0]);
    g_strfreev(w);
    return common;
}

/* An article's publisher, container or author: the corpus's own metadata
 * says it is a name ("CNN"). */
static int named_in_metadata(const dossier_corpus *c, const char *name) {
    for (size_t i = 0; i < dossier_article_count(c); i++) {
        const dossier_article *a = dossier_article_at(c, i);
        if (!g_ascii_strcasecmp(a->publisher, name) || !g_ascii_strcasecmp(a->container, name))
            return 1;
        for (size_t k = 0; k < a->n_authors; k++)
            if (!g_ascii_strcasecmp(a->authors[k].literal, name)) return 1;
    }
    return 0;
}

static int has_word_from(const char *name, const char *const *list) {
    gchar **parts = g_strsplit_set(name, " -", -1);
    int hit = 0;
    for (gchar **p = parts; *p && !hit; p++) {
        size_t n = strlen(*p);
        if (n && (*p)[n - 1] == '.') n--;
        hit = in_list(*p, n, list);
    }
    g_strfreev(parts);
    return hit;
}

static const char *guess_kind(const collection *col, const candidate *head, unsigned alone_use,
                              char **why) {
    /* a surname stands alone; "Chilean" of "The Chilean" is a word */
    alone_use = alone_use && title_case_name(head->text) && !first_word_common(col, head->text);
    if (has_word_from(head->text, org_words)) {
        *why = g_strdup("an organisation's word in the name");
        return "org";
    }
    if (has_word_from(head->text, event_words)) {
        *why = g_strdup("an event's word in the name");
        return "event";
    }
    if (has_word_from(head->text, state_words)) {
        *why = g_strdup("a state's word in the name");
        return "state";
    }
    if (has_word_from(head->text, place_words)) {
        *why = g_strdup("a place's word in the name");
        return "place";
    }
    if (head->version_after || head->handle || head->product_before) {
        *why = g_strdup(head->version_after    ? "a version number follows it"
                        : head->product_before ? "a word like 'game' or 'software' before it"
                                               : "written like a handle or product name");
        return "product";
    }
    if (head->title_before || head->verb_after || head->middle_initial ||
        (alone_use && head->words >= 2)) {
        *why = g_strdup_printf("%s%s%s%s", head->title_before ? "a title before it; " : "",
                               head->verb_after ? "'said'-like verbs after it; " : "",
                               head->middle_initial ? "a middle initial; " : "",
                               alone_use && head->words >= 2 ? "its last word used alone" : "");
        size_t n = strlen(*why);
        if (n >= 2 && (*why)[n - 2] == ';') (*why)[n - 2] = '\0';
        return "person";
    }
    if (head->acronym) {
        *why = g_strdup("an acronym (a guess)");
        return "org";
    }
    if (person_shaped(col, head->text)) {
        *why = g_strdup("a given name first (a name in the system's word list)");
        return "person";
    }
    *why = g_strdup("no evidence (a guess)");
    return "org";
}

static char *actor_id(const char *name, GHashTable *used) {
    char *ascii = g_str_to_ascii(name, "C");
    GString *id = g_string_new(NULL);
    for (const char *p = ascii; *p; p++) {
        if (g_ascii_isalnum(*p))
            g_string_append_c(id, g_ascii_tolower(*p));
        else if (id->len && id->str[id->len - 1] != '-')
            g_string_append_c(id, '-');
    }
    while (id->len && id->str[id->len - 1] == '-')
        g_string_truncate(id, id->len - 1);
    if (!id->len) g_string_append(id, "actor");
    g_free(ascii);
    char *base = g_string_free(id, FALSE), *cand = g_strdup(base);
    for (int k = 2; g_hash_table_contains(used, cand); k++) {
        g_free(cand);
        cand = g_strdup_printf("%s-%d", base, k);
    }
    g_free(base);
    g_hash_table_add(used, g_strdup(cand));
    return cand;
}

void suggestion_free(suggestion *s) {
    if (!s) return;
    g_free(s->id);
    g_free(s->name);
    g_free(s->why);
    g_ptr_array_free(s->aliases, TRUE);
    g_ptr_array_free(s->shorts, TRUE);
    g_hash_table_destroy(s->counts);
    g_free(s->duplicate);
    g_free(s);
}

static void add_counts(GHashTable *into, GHashTable *from) {
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, from);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        gpointer n = g_hash_table_lookup(into, k);
        g_hash_table_replace(into, g_strdup(k),
                             GINT_TO_POINTER(GPOINTER_TO_INT(n) + GPOINTER_TO_INT(v)));
    }
}

/* Does the gazetteer already match this name? 2: as a whole, 1: in part. */
static int known_to(const dossier_corpus *c, const char *name, char **note) {
    dossier_matches m = {0};
    size_t n = strlen(name);
    int r = 0;
    if (dossier_scan(c, name, n, &m, NULL) == DOSSIER_OK && m.n) {
        const dossier_span *s = &m.spans[0];
        if (m.n == 1 && s->start == 0 && s->end == n) { /* an actor, or a shared short form */
            r = 2;
        } else {
            r = 1;
            const dossier_actor *a = s->actor >= 0 ? dossier_actor_at(c, (size_t)s->actor) : NULL;
            *note = g_strdup_printf("may duplicate actor '%s' (it matches \"%.*s\")",
                                    a ? a->id : "(ambiguous short form)", (int)(s->end - s->start),
                                    name + s->start);
        }
    }
    dossier_matches_free(&m);
    return r;
}

static int by_total(gconstpointer a, gconstpointer b) {
    const suggestion *x = *(suggestion *const *)a, *y = *(suggestion *const *)b;
    if (x->total != y->total) return x->total < y->total ? 1 : -1;
    return strcmp(x->name, y->name);
}

GPtrArray *suggest_actors(const dossier_corpus *c, unsigned min_count) {
    collection col = {NULL, NULL, g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
                      g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
                      g_ptr_array_new_with_free_func((GDestroyNotify)candidate_free)};
    cli_word_lists(&col.dict, &col.proper);
    size_t na = dossier_article_count(c);
    for (size_t i = 0; i < na; i++) {
        const dossier_article *a = dossier_article_at(c, i);
        collect_lower(&col, a->text + a->body_start, a->text_len - a->body_start);
    }
    for (size_t i = 0; i < na; i++) {
        const dossier_article *a = dossier_article_at(c, i);
        for (size_t k = 0; k < a->n_passages; k++) {
            const dossier_passage *p = dossier_passage_at(c, a->first_passage + k);
            /* furniture is not the article's; headings capitalise every word */
            if (p->kind != DOSSIER_PROSE) continue;
            collect_passage(&col, a->id, a->text + p->start, p->end - p->start);
        }
    }
    split_compounds(&col);
    /* heads: names that are no variant of a longer name; longest first */
    GPtrArray *cands = col.cands;
    GPtrArray *heads = g_ptr_array_new();
    for (guint i = 0; i < cands->len; i++) {
        candidate *x = g_ptr_array_index(cands, i);
        int variant = 0;
        for (guint j = 0; j < cands->len && !variant; j++) {
            candidate *y = g_ptr_array_index(cands, j);
            if (y == x || y->words <= x->words) continue;
            variant = variant_of(x, y);
        }
        if (!variant) g_ptr_array_add(heads, x);
    }
    GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)suggestion_free);
    GHashTable *ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (size_t i = 0; i < dossier_actor_count(c); i++)
        g_hash_table_add(ids, g_strdup(dossier_actor_at(c, i)->id));
    for (guint h = 0; h < heads->len; h++) {
        candidate *head = g_ptr_array_index(heads, h);
        suggestion *s = g_new0(suggestion, 1);
        s->name = g_strdup(head->text);
        s->aliases = g_ptr_array_new_with_free_func(g_free);
        s->shorts = g_ptr_array_new_with_free_func(g_free);
        s->counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        add_counts(s->counts, head->counts);
        s->total = head->total;
        unsigned alone = 0;
        for (guint i = 0; i < cands->len; i++) {
            candidate *x = g_ptr_array_index(cands, i);
            if (x == head || x->words >= head->words) continue;
            int fits = variant_of(x, head);
            if (!fits) continue;
            /* a form the gazetteer already has belongs to its actor, not here */
            char *ignored = NULL;
            int known = known_to(c, x->text, &ignored);
            g_free(ignored);
            if (known == 2) continue;
            /* nor is a form that is another entry's own name */
            int own_name = 0;
            for (guint k = 0; k < heads->len && !own_name; k++) {
                candidate *o = g_ptr_array_index(heads, k);
                own_name = o != head && strcmp(o->folded, x->folded) == 0;
            }
            if (own_name) continue;
            /* how many heads does this variant fit? */
            int owners = 0;
            for (guint k = 0; k < heads->len; k++) {
                candidate *o = g_ptr_array_index(heads, k);
                if (o->words > x->words && variant_of(x, o)) owners++;
            }
            g_ptr_array_add(owners > 1 ? s->shorts : s->aliases, g_strdup(x->text));
            if (owners == 1) {
                add_counts(s->counts, x->counts);
                s->total += x->total;
            }
            if (!x->acronym && !x->handle) alone += x->total;
        }
        /* two or three capitals alone ("O3", "IMO"), or ordinary words
         * ("Free Software", "Web"), are names only when several articles
         * write them so */
        int initials = 0; /* "FSF" beside "Free Software Foundation": a name's */
        for (guint k = 0; k < s->aliases->len && !initials; k++)
            initials = initials_of(g_ptr_array_index(s->aliases, k), head->text);
        int named =
            initials || named_in_metadata(c, head->text) || has_word_from(head->text, org_words) ||
            has_word_from(head->text, event_words) || has_word_from(head->text, state_words) ||
            has_word_from(head->text, place_words);
        if (s->total < min_count ||
            (head->short_caps && !named && g_hash_table_size(s->counts) < SEVERAL_ARTICLES) ||
            (!named && all_common_words(&col, head->text) &&
             g_hash_table_size(s->counts) < SEVERAL_ARTICLES)) {
            suggestion_free(s);
            continue;
        }
        char *note = NULL;
        int known = known_to(c, s->name, &note);
        if (known == 2) {
            g_free(note);
            suggestion_free(s);
            continue;
        }
        s->duplicate = note;
        s->kind = guess_kind(&col, head, alone, &s->why);
        s->id = actor_id(s->name, ids);
        g_ptr_array_add(out, s);
    }
    g_ptr_array_sort(out, by_total);
    g_hash_table_destroy(ids);
    g_ptr_array_free(heads, TRUE);
    g_hash_table_destroy(col.lower);
    if (col.dict) g_hash_table_destroy(col.dict);
    if (col.proper) g_hash_table_destroy(col.proper);
    g_hash_table_destroy(col.by_text);
    g_ptr_array_free(cands, TRUE);
    return out;
}
