/* test_wordnet.c — the WordNet reader (src/wordnet.c) and the relations built
 * on it (src/lexrel.c): on a small database written here, on corrupted
 * copies of it, and on Debian's wordnet-base when it is installed. */
#include "lexrel.h"
#include "related.h"
#include "tap.h"
#include "wordnet.h"

#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ a small database */

/* Synsets of the test database. "%N" in a line is replaced by the offset of
 * synset N (8 digits); every synset line has fixed-width offsets, so its
 * length does not depend on them. */
static const char *const noun_synsets[] = {
    /* 0 */ "%0 06 n 02 weapon 0 arm 0 003 ~ %1 n 0000 ~ %2 n 0000 + %7 v 0101 | a tool of war",
    /* 1 */ "%1 06 n 02 missile 0 projectile 0 001 @ %0 n 0000 | it flies",
    /* 2 */ "%2 06 n 01 gun 0 001 @ %0 n 0000 | it fires",
    /* 3 */ "%3 05 n 01 goose 0 000 | a bird",
    /* 4 */ "%4 04 n 02 success 0 winner 0 001 ! %5 n 0101 | it worked",
    /* 5 */ "%5 04 n 01 failure 0 001 ! %4 n 0101 | it did not"};
static const char *const verb_synsets[] = {
    /* 6 */ "%6 32 v 01 vow 0 001 @ %8 v 0000 01 + 08 00 | promise solemnly",
    /* 7 */ "%7 33 v 01 weaponize 0 001 + %0 n 0101 01 + 08 00 | make a weapon of",
    /* 8 */ "%8 32 v 02 pledge 0 plight 0 002 ~ %6 v 0000 ! %9 v 0101 01 + 08 00 | promise",
    /* 9 */ "%9 32 v 01 refuse 0 001 ! %8 v 0101 01 + 08 00 | say no"};
static const char *const adj_synsets[] = {
    /* 10 */ "%10 00 a 02 armored(a) 0 armoured(a) 0 000 | covered in armour"};

#define N_SYNSETS 11
static const char *const *synset_of(int k) {
    if (k < 6) return &noun_synsets[k];
    if (k < 10) return &verb_synsets[k - 6];
    return &adj_synsets[k - 10];
}
static int pos_of_synset(int k) {
    return k < 6 ? WN_NOUN : k < 10 ? WN_VERB : WN_ADJ;
}

static const char header[] = "  1 This is a test database in the format of WordNet 3.0  \n"
                             "  2 (wndb(5WN)); its header lines start with two spaces.  \n";

static char *files[WN_NFILES];

static void expand(strbuf *b, const char *line, const unsigned *off) {
    for (const char *p = line; *p;) {
        if (*p == '%') {
            int k = (int)strtol(p + 1, (char **)&p, 10);
            sb_printf(b, "%08u", off[k]);
        } else {
            sb_putc(b, *p++);
        }
    }
    sb_puts(b, "  \n");
}

/* data.* files with real offsets, then the index files pointing into them. */
static void build_database(void) {
    unsigned off[N_SYNSETS] = {0};
    for (int pos = 0; pos < WN_NPOS; pos++) {
        /* first pass: offsets (line lengths do not depend on them) */
        size_t at = strlen(header);
        for (int k = 0; k < N_SYNSETS; k++) {
            if (pos_of_synset(k) != pos) continue;
            off[k] = (unsigned)at;
            strbuf tmp = {0};
            expand(&tmp, *synset_of(k), off);
            at += tmp.len;
            sb_free(&tmp);
        }
    }
    for (int pos = 0; pos < WN_NPOS; pos++) {
        strbuf d = {0};
        sb_puts(&d, header);
        for (int k = 0; k < N_SYNSETS; k++)
            if (pos_of_synset(k) == pos) expand(&d, *synset_of(k), off);
        files[pos * WN_FILES_PER_POS + WN_DATA] = sb_take(&d);
    }
    strbuf n = {0}, v = {0}, a = {0}, r = {0};
    sb_puts(&n, header);
    sb_printf(&n, "arm n 1 1 ~ 1 0 %08u  \n", off[0]);
    sb_printf(&n, "failure n 1 1 ! 1 1 %08u  \n", off[5]);
    sb_printf(&n, "goose n 1 0 1 0 %08u  \n", off[3]);
    sb_printf(&n, "gun n 1 1 @ 1 1 %08u  \n", off[2]);
    sb_printf(&n, "missile n 1 1 @ 1 1 %08u  \n", off[1]);
    sb_printf(&n, "projectile n 1 1 @ 1 0 %08u  \n", off[1]);
    sb_printf(&n, "success n 1 1 ! 1 1 %08u  \n", off[4]);
    sb_printf(&n, "weapon n 1 2 ~ + 1 1 %08u  \n", off[0]);
    sb_printf(&n, "winner n 1 0 1 0 %08u  \n", off[4]);
    sb_puts(&v, header);
    sb_printf(&v, "pledge v 1 2 ~ ! 1 1 %08u  \n", off[8]);
    sb_printf(&v, "plight v 1 1 ~ 1 0 %08u  \n", off[8]);
    sb_printf(&v, "refuse v 1 1 ! 1 1 %08u  \n", off[9]);
    sb_printf(&v, "vow v 1 1 @ 1 1 %08u  \n", off[6]);
    sb_printf(&v, "weaponize v 1 1 + 1 0 %08u  \n", off[7]);
    sb_puts(&a, header);
    sb_printf(&a, "armored a 1 0 1 0 %08u  \n", off[10]);
    sb_printf(&a, "armoured a 1 0 1 0 %08u  \n", off[10]);
    sb_puts(&r, header);
    files[WN_NOUN * WN_FILES_PER_POS + WN_INDEX] = sb_take(&n);
    files[WN_VERB * WN_FILES_PER_POS + WN_INDEX] = sb_take(&v);
    files[WN_ADJ * WN_FILES_PER_POS + WN_INDEX] = sb_take(&a);
    files[WN_ADV * WN_FILES_PER_POS + WN_INDEX] = sb_take(&r);
    strbuf ne = {0}, ve = {0};
    sb_puts(&ne, "geese goose\nmen man\n");
    files[WN_NOUN * WN_FILES_PER_POS + WN_EXC] = sb_take(&ne);
    /* made-up irregular forms: two of one verb, one form of two verbs */
    sb_puts(&ve, "plought plight\nvew vow\nvown vow\nzorn pledge refuse\n");
    files[WN_VERB * WN_FILES_PER_POS + WN_EXC] = sb_take(&ve);
}

static wordnet *open_files(char *const *f) {
    wn_file wf[WN_NFILES];
    for (int i = 0; i < WN_NFILES; i++)
        wf[i] = (wn_file){f[i], f[i] ? strlen(f[i]) : 0};
    wordnet *wn = NULL;
    dossier_error err;
    if (wn_open_buffers(wf, &wn, &err)) {
        fprintf(stderr, "%s\n", err.message);
        exit(1);
    }
    return wn;
}

static int synset_has(const wordnet *wn, wn_pos pos, uint32_t off, const char *word) {
    wn_synset s;
    if (!wn_read_synset(wn, pos, off, &s)) return 0;
    for (unsigned k = 0; k < s.n_words; k++)
        if (s.words[k].n == strlen(word) && !memcmp(s.words[k].s, word, s.words[k].n)) return 1;
    return 0;
}

static void test_lookup(wordnet *wn) {
    uint32_t off[4];
    unsigned tagged = 9;
    ok(wn_lookup(wn, WN_NOUN, "weapon", 6, off, 4, &tagged) == 1 && tagged == 1,
       "weapon: one sense, tagged");
    ok(synset_has(wn, WN_NOUN, off[0], "arm"), "its synset holds arm");
    ok(wn_lookup(wn, WN_NOUN, "arm", 3, off, 4, NULL) == 1, "the first lemma of the file");
    ok(wn_lookup(wn, WN_NOUN, "winner", 6, off, 4, NULL) == 1, "the last lemma of the file");
    ok(wn_lookup(wn, WN_NOUN, "weap", 4, off, 4, NULL) == 0, "a prefix of a lemma is not it");
    ok(wn_lookup(wn, WN_NOUN, "weapons", 7, off, 4, NULL) == 0, "nor a longer word");
    ok(wn_lookup(wn, WN_NOUN, "aaa", 3, off, 4, NULL) == 0, "before the first lemma");
    ok(wn_lookup(wn, WN_NOUN, "zzz", 3, off, 4, NULL) == 0, "after the last");
    ok(wn_lookup(wn, WN_NOUN, "", 0, off, 4, NULL) == 0, "the empty word");
    ok(wn_lookup(wn, WN_NOUN, "  1", 3, off, 4, NULL) == 0, "a header line is no lemma");
    ok(wn_lookup(wn, WN_NOUN, "weapon n", 8, off, 4, NULL) == 0,
       "a word and the line's next field are no lemma");
    ok(wn_lookup(wn, WN_ADV, "weapon", 6, off, 4, NULL) == 0, "an empty index");
    ok(wn_lookup(wn, (wn_pos)7, "weapon", 6, off, 4, NULL) == 0, "a part of speech out of range");
    ok(wn_lookup(wn, WN_VERB, "vow", 3, off, 0, NULL) == 1, "max 0 still counts the senses");
}

static void test_synset(wordnet *wn) {
    uint32_t off;
    wn_synset s;
    wn_lookup(wn, WN_NOUN, "weapon", 6, &off, 1, NULL);
    ok(wn_read_synset(wn, WN_NOUN, off, &s) && s.n_words == 2 && s.n_ptrs == 3 && s.type == 'n',
       "weapon's synset: two words, three pointers");
    wn_pointer_iter it;
    wn_pointer p;
    wn_pointers(&s, &it);
    int n = 0, hypo = 0, deriv = 0;
    while (wn_next_pointer(&s, &it, &p)) {
        n++;
        hypo += !strcmp(p.sym, "~") && p.pos == WN_NOUN && p.src == 0;
        deriv += !strcmp(p.sym, "+") && p.pos == WN_VERB && p.src == 1 && p.dst == 1;
    }
    ok(n == 3 && hypo == 2 && deriv == 1, "its pointers: two hyponyms, one derivation (%d)", n);
    unsigned first = wn_kinds(wn, &s), again = wn_kinds(wn, &s);
    ok(first == 2 && again == 2 && wn_supers(wn, &s) == 0,
       "its kinds: two, and two again from the memo (%u, %u); nothing more general", first, again);
    ok(!wn_read_synset(wn, WN_NOUN, off + 1, &s), "an offset inside a line is refused");
    ok(!wn_read_synset(wn, WN_NOUN, 0, &s), "a header line is no synset");
    ok(!wn_read_synset(wn, WN_NOUN, 99999999u, &s), "an offset past the end");
    wn_lookup(wn, WN_ADJ, "armored", 7, &off, 1, NULL);
    ok(wn_read_synset(wn, WN_ADJ, off, &s) && s.n_words == 2 && s.words[1].n == 8 &&
           !memcmp(s.words[1].s, "armoured", 8),
       "an adjective's marker (a) is cut off");
}

static int base_is(wordnet *wn, wn_pos pos, const char *w, const char *want) {
    char out[4][WN_MAX_LEMMA];
    size_t k = wn_base_forms(wn, pos, w, strlen(w), out, 4);
    for (size_t i = 0; i < k; i++)
        if (!strcmp(out[i], want)) return 1;
    return 0;
}

static void test_morphology(wordnet *wn) {
    ok(base_is(wn, WN_NOUN, "weapons", "weapon"), "weapons -> weapon");
    ok(base_is(wn, WN_NOUN, "geese", "goose"), "geese -> goose (exception list)");
    ok(base_is(wn, WN_VERB, "vowed", "vow"), "vowed -> vow");
    ok(base_is(wn, WN_VERB, "pledged", "pledge"), "pledged -> pledge");
    ok(base_is(wn, WN_VERB, "refusing", "refuse"), "refusing -> refuse");
    ok(base_is(wn, WN_NOUN, "weapon", "weapon"), "a base form is its own");
    char out[4][WN_MAX_LEMMA];
    ok(wn_base_forms(wn, WN_NOUN, "xyzzys", 6, out, 4) == 0, "an unknown word has none");
    ok(wn_base_forms(wn, WN_ADV, "weapons", 7, out, 4) == 0, "no rules for adverbs");
    ok(base_is(wn, WN_VERB, "vew", "vow"), "vew -> vow (verb.exc)");
    /* the exception list read the other way round */
    size_t k = wn_inflections(wn, WN_VERB, "vow", 3, out, 4);
    ok(k == 2 && !strcmp(out[0], "vew") && !strcmp(out[1], "vown"), "vow: vew, vown (%zu)", k);
    ok(wn_inflections(wn, WN_VERB, "vow", 3, out, 1) == 1, "at most max forms");
    ok(wn_inflections(wn, WN_VERB, "refuse", 6, out, 4) == 1 && !strcmp(out[0], "zorn"),
       "a line of two bases gives the form to each");
    ok(wn_inflections(wn, WN_VERB, "pledge", 6, out, 4) == 1 && !strcmp(out[0], "zorn"),
       "pledge: zorn");
    ok(wn_inflections(wn, WN_VERB, "vo", 2, out, 4) == 0 &&
           wn_inflections(wn, WN_VERB, "vows", 4, out, 4) == 0,
       "a prefix or a longer word has none");
    ok(wn_inflections(wn, WN_NOUN, "goose", 5, out, 4) == 1 && !strcmp(out[0], "geese"),
       "goose: geese (noun.exc)");
    ok(wn_inflections(wn, WN_ADJ, "armored", 7, out, 4) == 0, "no list: none");
}

#define MAX_SEEN 1024
typedef struct {
    char seen[MAX_SEEN][WN_MAX_LEMMA];
    lex_rel rel[MAX_SEEN];
    double strength[MAX_SEEN];
    int n;
} collected;

static int collect(void *ctx, const char *lemma, size_t n, lex_rel rel, double strength) {
    collected *c = ctx;
    if (c->n < MAX_SEEN) {
        memcpy(c->seen[c->n], lemma, n + 1);
        c->strength[c->n] = strength;
        c->rel[c->n++] = rel;
    }
    return 0;
}

static collected seen_words;

static void walk_word(wordnet *wn, const char *w) {
    lex_forms f;
    lex_forms_of(wn, w, strlen(w), &f);
    seen_words.n = 0;
    lex_related(wn, &f, collect, &seen_words);
}

/* The strongest strength at which w relates to want by rel, 0 when not. */
static double strength_of(wordnet *wn, const char *w, const char *want, lex_rel rel) {
    walk_word(wn, w);
    double best = 0;
    for (int i = 0; i < seen_words.n; i++)
        if (!strcmp(seen_words.seen[i], want) && seen_words.rel[i] == rel &&
            seen_words.strength[i] > best)
            best = seen_words.strength[i];
    return best;
}

static int related(wordnet *wn, const char *w, const char *want, lex_rel rel) {
    return strength_of(wn, w, want, rel) > 0;
}

static double general(wordnet *wn, const char *w) {
    lex_forms f;
    lex_forms_of(wn, w, strlen(w), &f);
    return lex_general_weight(wn, &f);
}

static void test_relations(wordnet *wn) {
    ok(related(wn, "weapons", "arm", LEX_SYNONYM), "weapons: arm is a synonym");
    ok(related(wn, "weapons", "missile", LEX_HYPONYM), "weapons: a missile is a kind of weapon");
    ok(related(wn, "weapons", "weaponize", LEX_DERIVED), "weapons: weaponize is derived");
    ok(!related(wn, "missiles", "weapon", LEX_HYPONYM), "but a weapon is not a kind of missile");
    ok(related(wn, "pledged", "vow", LEX_HYPONYM), "pledged: to vow is to pledge");
    ok(related(wn, "pledged", "refuse", LEX_ANTONYM), "pledged: refuse is its antonym");
    ok(related(wn, "success", "failure", LEX_ANTONYM), "success: failure is its antonym");
    ok(related(wn, "armoured", "armored", LEX_SYNONYM), "armoured: armored");
    ok(related(wn, "missiles", "weapon", LEX_HYPERNYM), "missiles: a weapon is more general");
    ok(strength_of(wn, "missiles", "weapon", LEX_HYPERNYM) <
           strength_of(wn, "weapons", "missile", LEX_HYPONYM),
       "  weaker than a kind of it");
    ok(strength_of(wn, "weapons", "arm", LEX_SYNONYM) >
           strength_of(wn, "weapons", "missile", LEX_HYPONYM),
       "a synonym is stronger than a kind");
    ok(related(wn, "pledged", "promise", LEX_GLOSS), "pledged: its gloss says promise");
    ok(strength_of(wn, "pledged", "promise", LEX_GLOSS) <
           strength_of(wn, "pledged", "vow", LEX_HYPONYM),
       "  the weakest relation");
    walk_word(wn, "xyzzy");
    ok(seen_words.n == 0, "an unknown word has no relations");
    lex_forms f;
    lex_forms_of(NULL, "weapon", 6, &f);
    seen_words.n = 0;
    lex_related(NULL, &f, collect, &seen_words);
    ok(seen_words.n == 0 && f.total == 0, "without a database, nothing");
    ok(general(wn, "xyzzy") == 1.0, "a word WordNet lacks weighs fully");
    ok(wn_tag_count(wn, "weapon", 6, NULL) == 0, "no cntlist.rev: no count");
}

/* ------------------------------------------------------------ corruption */

/* Each corrupted copy replaces one file; every call must stay in bounds
 * (ASan and valgrind check) and report nothing it cannot read. */
/* Pointers as WordNet writes them ("@ 00000123 n 0000", read in one pass)
 * and laid out otherwise (two spaces, a short offset, upper-case hex, read
 * field by field) give the same fields; one run into the gloss is refused. */
static void test_pointer_layouts(void) {
    char *f[WN_NFILES] = {0};
    f[WN_NOUN * WN_FILES_PER_POS + WN_DATA] =
        "00000000 06 n 01 x 0 006 @ 00000123 n 0000 ~i  00000456 n 0a0B ! 00000789 a 0102 "
        "\\ 12 r 0000 @i 4294967295 v FF01 + 00000001 v 0000| a gloss\n";
    wordnet *wn = open_files(f);
    wn_synset s;
    wn_pointer_iter it;
    wn_pointer p[6];
    int n = 0;
    if (wn_read_synset(wn, WN_NOUN, 0, &s)) {
        wn_pointers(&s, &it);
        while (n < 6 && wn_next_pointer(&s, &it, &p[n]))
            n++;
    }
    ok(n == 5, "six pointers, the last run into the gloss: five read (%d)", n);
    ok(n >= 1 && !strcmp(p[0].sym, "@") && p[0].offset == 123 && p[0].pos == WN_NOUN &&
           p[0].src == 0 && p[0].dst == 0,
       "a pointer as WordNet writes it");
    ok(n >= 2 && !strcmp(p[1].sym, "~i") && p[1].offset == 456 && p[1].pos == WN_NOUN &&
           p[1].src == 0x0a && p[1].dst == 0x0b,
       "after two spaces, with upper-case hex");
    ok(n >= 3 && !strcmp(p[2].sym, "!") && p[2].offset == 789 && p[2].pos == WN_ADJ &&
           p[2].src == 1 && p[2].dst == 2,
       "an adjective's");
    ok(n >= 4 && !strcmp(p[3].sym, "\\") && p[3].offset == 12 && p[3].pos == WN_ADV,
       "a short offset");
    ok(n >= 5 && !strcmp(p[4].sym, "@i") && p[4].offset == 4294967295u && p[4].pos == WN_VERB &&
           p[4].src == 0xff && p[4].dst == 1,
       "a ten-digit offset");
    wn_close(wn);
}

static void test_corrupt(void) {
    char *copy[WN_NFILES];
    memcpy(copy, files, sizeof copy);
    const int ni = WN_NOUN * WN_FILES_PER_POS + WN_INDEX, nd = WN_NOUN * WN_FILES_PER_POS + WN_DATA;
    static const char *const bad_index[] = {
        "weapon n 9 0 1 1 0000  \n",             /* more senses than offsets */
        "weapon n 1 5 ~ + 1 1 0000  \n",         /* more pointer symbols than there are */
        "weapon n x y z\n",                      /* not numbers */
        "weapon",                                /* a lemma alone, no newline */
        "weapon n 1 0 1 1 99999999999999\n",     /* an offset too long */
        "",                                      /* empty */
        "\n\n\n",                                /* blank lines */
        "zzz n 1 0 1 0 0\nweapon n 1 0 1 0 0\n", /* not sorted */
    };
    for (size_t k = 0; k < sizeof bad_index / sizeof *bad_index; k++) {
        copy[ni] = (char *)bad_index[k];
        wordnet *wn = open_files(copy);
        uint32_t off[4];
        size_t n = wn_lookup(wn, WN_NOUN, "weapon", 6, off, 4, NULL);
        wn_synset s;
        int read_ok = n > 0 && wn_read_synset(wn, WN_NOUN, off[0], &s);
        walk_word(wn, "weapons");
        ok(!read_ok, "corrupt index %zu: no synset read (%zu senses, %d related)", k, n,
           seen_words.n);
        wn_close(wn);
    }
    copy[ni] = files[ni];
    const char *data = files[nd];
    size_t hl = strlen(header);
    strbuf b = {0};
    /* the weapon line cut at each byte: never read past the cut */
    const char *wl = data + hl, *nl = strchr(wl, '\n');
    for (size_t cut = 0; cut < (size_t)(nl - wl); cut += 3) {
        b.len = 0;
        sb_append(&b, data, hl + cut);
        copy[nd] = b.data;
        wordnet *wn = open_files(copy);
        uint32_t off;
        wn_synset s;
        wn_lookup(wn, WN_NOUN, "weapon", 6, &off, 1, NULL);
        int r = wn_read_synset(wn, WN_NOUN, off, &s);
        int np = 0;
        if (r) {
            wn_pointer_iter it;
            wn_pointer p;
            wn_pointers(&s, &it);
            while (wn_next_pointer(&s, &it, &p))
                np++;
        }
        walk_word(wn, "weapons");
        if (cut + 3 >= (size_t)(nl - wl))
            ok(np <= 3, "a truncated data line: at most what is there (%d pointers)", np);
        wn_close(wn);
    }
    static const char *const bad_lines[] = {
        "00000000 06 n 02 weapon 0\n",             /* words missing */
        "00000000 06 n zz weapon 0 arm 0 000 |\n", /* a word count not hex */
        "00000000 06 q 01 weapon 0 000 |\n",       /* a synset type of one letter, any */
        "00000000 06 n 01 weapon 0 002 ~ 1 n\n",   /* pointer fields missing */
        "00000000 06 n 01 weapon 0 001 ~ 00000000 x 0000 |\n", /* a bad part of speech */
        "00000000 06 n 01 weapon 0 001 ~ 00000000 n 00zz |\n", /* bad word numbers */
        "00000000 06 n 01 weapon 0 001 ~ 00000000 n 0000 |\n", /* a hyponym of itself */
        "12345678 06 n 01 weapon 0 000 |\n",                   /* an offset that is not its own */
    };
    for (size_t k = 0; k < sizeof bad_lines / sizeof *bad_lines; k++) {
        copy[nd] = (char *)bad_lines[k];
        char idx[64];
        snprintf(idx, sizeof idx, "weapon n 1 0 1 1 00000000\n");
        copy[ni] = idx;
        wordnet *wn = open_files(copy);
        wn_synset s;
        int r = wn_read_synset(wn, WN_NOUN, 0, &s);
        int np = 0;
        if (r) {
            wn_pointer_iter it;
            wn_pointer p;
            wn_pointers(&s, &it);
            while (wn_next_pointer(&s, &it, &p))
                np++;
        }
        walk_word(wn, "weapon");
        ok(np <= 1 && seen_words.n <= 2, "bad data line %zu: read %d, %d pointers, %d related", k,
           r, np, seen_words.n);
        wn_close(wn);
    }
    sb_free(&b);
}

/* ------------------------------------------------------------ the real database */

static void test_debian(void) {
    wordnet *wn = NULL;
    dossier_error err;
    dossier_status s = wn_open("/nonexistent/wordnet", &wn, &err);
    ok(s == DOSSIER_ERR_IO && !wn && strstr(err.message, "/nonexistent/wordnet/index.noun"),
       "a missing directory: io error naming the file (%s)", err.message);
    if (wn_open("/usr/share/wordnet", &wn, &err) != DOSSIER_OK) {
        skip("wordnet-base is not installed: %s", err.message);
        return;
    }
    ok(wn_size(wn) > 20 * 1000 * 1000, "the database is mapped (%zu bytes)", wn_size(wn));
    ok(base_is(wn, WN_VERB, "vowed", "vow"), "vowed -> vow");
    ok(base_is(wn, WN_NOUN, "munitions", "munition"), "munitions -> munition");
    ok(base_is(wn, WN_VERB, "went", "go"), "went -> go (verb.exc)");
    char infl[8][WN_MAX_LEMMA];
    size_t ni = wn_inflections(wn, WN_VERB, "seek", 4, infl, 8);
    ok(ni >= 1 && !strcmp(infl[0], "sought"), "seek: sought (%zu forms)", ni);
    ok(related(wn, "pledged", "vow", LEX_HYPONYM), "to vow is to pledge");
    ok(related(wn, "weapons", "missile", LEX_HYPONYM), "a missile is a weapon");
    ok(related(wn, "failed", "succeed", LEX_ANTONYM), "fail / succeed");
    ok(related(wn, "refused", "accept", LEX_ANTONYM), "refuse / accept");
    ok(related(wn, "armoured", "armored", LEX_SYNONYM), "armoured / armored");
    ok(related(wn, "arrived", "arrival", LEX_DERIVED), "arrive / arrival");
    ok(related(wn, "ceasefire", "armistice", LEX_SYNONYM), "ceasefire is cease-fire: armistice");
    ok(related(wn, "unstable", "instability", LEX_DERIVED), "unstable / instability");
    ok(related(wn, "convened", "meet", LEX_HYPERNYM), "to convene is to meet");
    ok(related(wn, "procession", "parade", LEX_HYPONYM), "a parade is a procession");
    ok(related(wn, "rose", "fall", LEX_ANTONYM), "rise / fall");
    ok(related(wn, "wealthier", "prosperous", LEX_SYNONYM),
       "wealthy and prosperous: satellites of one head (rich)");
    ok(strength_of(wn, "wealthy", "prosperous", LEX_SYNONYM) <
           strength_of(wn, "wealthy", "rich", LEX_SYNONYM),
       "a sister satellite weighs less than the head");
    ok(related(wn, "wealthy", "poor", LEX_ANTONYM) && !related(wn, "wealthy", "poor", LEX_SYNONYM),
       "the head's antonym stays an antonym of its cluster");
    ok(related(wn, "partnership", "relationship", LEX_HYPERNYM),
       "a rare sense's hypernym: a partnership is a relationship");
    ok(strength_of(wn, "partnership", "relationship", LEX_HYPERNYM) <
           strength_of(wn, "missiles", "weapon", LEX_HYPERNYM),
       "weaker than a frequent sense's");
    ok(wn_tag_count(wn, "take", 4, NULL) > 500, "take is common (%u)",
       wn_tag_count(wn, "take", 4, NULL));
    ok(wn_tag_count(wn, "ruble", 5, NULL) == 0, "ruble is not");
    ok(general(wn, "took") < 0.35 && general(wn, "rubles") == 1.0,
       "light words weigh little: took %.2f, rubles %.2f", general(wn, "took"),
       general(wn, "rubles"));
    ok(general(wn, "meanwhile") < 0.5, "an adverb alone weighs less: meanwhile %.2f",
       general(wn, "meanwhile"));
    /* the kinds and hypernyms of the first synsets of data.noun, counted
     * here and by wn_kinds and wn_supers: the same the first time and from its memo (grown many
     * times over) */
    FILE *f = fopen("/usr/share/wordnet/data.noun", "r");
    char line[65536];
    size_t synsets = 0, differ = 0;
    for (int pass = 0; f && pass < 2; pass++) {
        rewind(f);
        for (size_t k = 0; k < 20000 && fgets(line, sizeof line, f);) {
            wn_synset syn;
            if (line[0] == ' ' || !wn_read_synset(wn, WN_NOUN, (uint32_t)atol(line), &syn))
                continue;
            k++;
            wn_pointer_iter it;
            wn_pointer p;
            unsigned kinds = 0, supers = 0;
            wn_pointers(&syn, &it);
            while (wn_next_pointer(&syn, &it, &p)) {
                kinds += !strcmp(p.sym, "~") || !strcmp(p.sym, "~i");
                supers += !strcmp(p.sym, "@") || !strcmp(p.sym, "@i");
            }
            differ += wn_kinds(wn, &syn) != kinds || wn_supers(wn, &syn) != supers;
            synsets += pass == 0;
        }
    }
    if (f) fclose(f);
    /* related.c stems ASCII lemmas with the ISO-8859-1 English stemmer:
     * the index's UTF-8 one gives the same stems for every single-word
     * lemma of WordNet */
    struct sb_stemmer *utf8 = sb_stemmer_new("english", "UTF_8"),
                      *latin1 = sb_stemmer_new("english", "ISO_8859_1");
    static const char *const indexes[] = {"index.noun", "index.verb", "index.adj", "index.adv"};
    size_t lemmas = 0, stems_differ = 0;
    for (int k = 0; utf8 && latin1 && k < 4; k++) {
        char path[64];
        snprintf(path, sizeof path, "/usr/share/wordnet/%s", indexes[k]);
        FILE *ix = fopen(path, "r");
        while (ix && fgets(line, sizeof line, ix)) {
            size_t n = strcspn(line, " \n");
            if (line[0] == ' ' || strspn(line, "abcdefghijklmnopqrstuvwxyz") < n) continue;
            char a[128];
            const sb_symbol *x = sb_stemmer_stem(utf8, (const sb_symbol *)line, (int)n);
            int xn = sb_stemmer_length(utf8);
            if (!x || xn >= (int)sizeof a) continue;
            memcpy(a, x, (size_t)xn);
            const sb_symbol *y = sb_stemmer_stem(latin1, (const sb_symbol *)line, (int)n);
            stems_differ += !y || sb_stemmer_length(latin1) != xn || memcmp(a, y, (size_t)xn) != 0;
            lemmas++;
        }
        if (ix) fclose(ix);
    }
    ok(lemmas > 80000 && stems_differ == 0,
       "the UTF-8 and the ISO-8859-1 English stemmers agree on %zu lemmas (%zu differ)", lemmas,
       stems_differ);
    if (utf8) sb_stemmer_delete(utf8);
    if (latin1) sb_stemmer_delete(latin1);
    ok(synsets == 20000 && differ == 0,
       "the kinds and more general concepts of %zu synsets, twice: %zu differ", synsets, differ);
    wn_close(wn);
}

/* ------------------------------------------------------------ particles */

/* related_particle compares only the entries of a word's length: each of
 * the sixteen particles is one, and a word that shares a particle's first
 * letters or length, or is a particle's prefix or extension, is not. */
static void test_particles(void) {
    static const char *const yes[] = {"up",       "down",   "back", "out",     "off",   "on",
                                      "in",       "over",   "away", "through", "along", "ahead",
                                      "together", "around", "into", "forward"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        ok(related_particle(yes[i], strlen(yes[i])), "particle: %s", yes[i]);
    static const char *const no[] = {
        "u",        "upon",     "ups",     "ou",           "of",   "oft",    "to",   "the",
        "inn",      "dawn",     "bank",    "awry",         "intl", "along_", "ahea", "aroun",
        "throughs", "forwards", "togethe", "togetherness", "po",   "no",     "at"};
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        ok(!related_particle(no[i], strlen(no[i])), "no particle: %s", no[i]);
    /* the length given, not the string's end: "up" inside "upon" */
    ok(related_particle("upon", 2), "particle: the first two bytes of upon");
    ok(!related_particle("up", 0), "no particle: the empty word");
}

int main(void) {
    build_database();
    wordnet *wn = open_files(files);
    test_lookup(wn);
    test_synset(wn);
    test_morphology(wn);
    test_relations(wn);
    wn_close(wn);
    test_pointer_layouts();
    test_corrupt();
    test_debian();
    test_particles();
    for (int i = 0; i < WN_NFILES; i++)
        free(files[i]);
    return done_testing();
}
