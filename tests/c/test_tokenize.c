/* test_tokenize.c — unit tests of src/tokenize.c: UTF-8 decoding, folding,
 * word characters and tokenize() with its soft and hard gaps. */
#include "tap.h"
#include "text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ utf8_decode */

static void decodes(const char *s, size_t len, size_t i, uint32_t cp, size_t n, const char *name) {
    size_t got_n = 0;
    uint32_t got = utf8_decode(s, len, i, &got_n);
    ok(got == cp && got_n == n, "utf8_decode %s: U+%04X/%zu (want U+%04X/%zu)", name, (unsigned)got,
       got_n, (unsigned)cp, n);
}

static void test_utf8(void) {
    decodes("A", 1, 0, 'A', 1, "ASCII");
    decodes("\x7F", 1, 0, 0x7F, 1, "DEL");
    decodes("\xC3\xA9", 2, 0, 0xE9, 2, "two bytes (é)");
    decodes("\xE2\x80\x99", 3, 0, 0x2019, 3, "three bytes (’)");
    decodes("\xF0\x9F\x98\x80", 4, 0, 0x1F600, 4, "four bytes (emoji)");
    decodes("\xEF\xBF\xBD", 3, 0, 0xFFFD, 3, "U+FFFD itself");
    decodes("\xF4\x8F\xBF\xBF", 4, 0, 0x10FFFF, 4, "U+10FFFF");
    decodes("a\xC3\xA9", 3, 1, 0xE9, 2, "at an offset");
    decodes("\xED\x9F\xBF", 3, 0, 0xD7FF, 3, "U+D7FF, just below the surrogates");

    decodes("\x80", 1, 0, 0xFFFD, 1, "a lone continuation byte");
    decodes("\xBF", 1, 0, 0xFFFD, 1, "another continuation byte");
    decodes("\xC0\x80", 2, 0, 0xFFFD, 1, "overlong NUL (C0 80)");
    decodes("\xC1\xBF", 2, 0, 0xFFFD, 1, "overlong (C1 BF)");
    decodes("\xE0\x80\x80", 3, 0, 0xFFFD, 1, "overlong three bytes");
    decodes("\xF0\x80\x80\x80", 4, 0, 0xFFFD, 1, "overlong four bytes");
    decodes("\xED\xA0\x80", 3, 0, 0xFFFD, 1, "a surrogate (D800)");
    decodes("\xED\xBF\xBF", 3, 0, 0xFFFD, 1, "a surrogate (DFFF)");
    decodes("\xF4\x90\x80\x80", 4, 0, 0xFFFD, 1, "above U+10FFFF");
    decodes("\xF5\x80\x80\x80", 4, 0, 0xFFFD, 1, "F5 lead byte");
    decodes("\xFF", 1, 0, 0xFFFD, 1, "FF");
    decodes("\xFE", 1, 0, 0xFFFD, 1, "FE");
    decodes("\xC3\x41", 2, 0, 0xFFFD, 1, "a lead byte followed by ASCII");
    decodes("\xE2\x80\x41", 3, 0, 0xFFFD, 1, "three-byte sequence broken at its end");

    /* truncated: the len argument stops the decoder, even if bytes follow */
    decodes("\xC3\xA9", 1, 0, 0xFFFD, 1, "truncated two bytes (len 1)");
    decodes("\xE2\x80\x99", 2, 0, 0xFFFD, 1, "truncated three bytes (len 2)");
    decodes("\xF0\x9F\x98\x80", 3, 0, 0xFFFD, 1, "truncated four bytes (len 3)");
    decodes("x\xE2", 2, 1, 0xFFFD, 1, "a lead byte at the very end");
}

/* ------------------------------------------------------------ folding */

static char *fold_str(const char *s) {
    strbuf b = {0};
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        size_t n;
        uint32_t cp = utf8_decode(s, len, i, &n);
        fold_codepoint(cp, &b);
        i += n;
    }
    return sb_take(&b);
}

static void folds(const char *s, const char *want) {
    char *got = fold_str(s);
    char name[128];
    snprintf(name, sizeof name, "fold %s -> %s", s, want);
    is_str(got, want, name);
    free(got);
}

static void test_fold(void) {
    folds("Rüdiger", "rudiger");
    folds("RÜDIGER", "rudiger");
    folds("Rudiger", "rudiger");
    folds("Ru\xCC\x88"
          "diger",
          "rudiger"); /* combining diaeresis */
    folds("Æ", "ae");
    folds("æ", "ae");
    folds("ß", "ss");
    folds("Straße", "strasse");
    folds("Œuvre", "oeuvre");
    folds("Þór", "thor");
    folds("Łódź", "lodz");
    folds("ÑANDÚ", "nandu");
    folds("Ĳssel", "ijssel");
    folds("İstanbul", "istanbul");
    folds("Dvořák", "dvorak");
    folds("Søren Ærø", "soren aero");
    folds("ÀÁÂÃÄÅ àáâãäå", "aaaaaa aaaaaa");
    folds("ÿŸ", "yy");
    folds("Путин", "путин");
    folds("ЁЖИК", "ёжик");
    folds("ΑΘΗΝΑ", "αθηνα");
    folds("Ｐｕｔｉｎ２０２３", "putin2023");
    folds("김정은", "김정은");
    folds("Kim Jong-un, 2023!", "kim jong-un, 2023!");
    folds("×÷", "×÷"); /* not letters: unchanged */
}

static void test_word_char(void) {
    ok(is_word_char('a') && is_word_char('Z') && is_word_char('7'), "ASCII letters and digits");
    ok(!is_word_char(' ') && !is_word_char('-') && !is_word_char('\'') && !is_word_char('.') &&
           !is_word_char('_'),
       "ASCII space and punctuation are not");
    ok(is_word_char(0xE9) && is_word_char(0x416) && is_word_char(0xD55C) && is_word_char(0x3B1),
       "é, Ж, 한, α are");
    ok(!is_word_char(0x2019) && !is_word_char(0x201C) && !is_word_char(0x2014) &&
           !is_word_char(0xA0) && !is_word_char(0xD7),
       "’ “ — NBSP × are not");
    ok(!is_word_char(0xFFFD) && !is_word_char(0x1F600) && !is_word_char(0xFEFF),
       "U+FFFD, emoji and BOM are not");
}

/* ------------------------------------------------------------ tokenize */

/* The folded words, '+' before a word after a soft gap, '|' after a hard one. */
static char *render(const char *text, size_t len) {
    token_list t;
    if (tokenize(text, len, &t) != DOSSIER_OK) return NULL;
    strbuf b = {0};
    for (size_t i = 0; i < t.n; i++) {
        if (i) sb_putc(&b, t.tok[i].soft_before ? '+' : '|');
        sb_append(&b, t.folded + t.tok[i].fstart, t.tok[i].flen);
    }
    token_list_free(&t);
    return sb_take(&b);
}

static void tokenizes(const char *text, const char *want, const char *name) {
    char *got = render(text, strlen(text));
    is_str(got, want, name);
    free(got);
}

/* The documented invariants of a token list over text[0..len). */
static int well_formed(const char *text, size_t len, const token_list *t, int allow_empty) {
    size_t expect_f = 0;
    for (size_t i = 0; i < t->n; i++) {
        const token *k = &t->tok[i];
        if (k->start >= k->end || k->end > len) return 0;
        if (i && k->start < t->tok[i - 1].end) return 0;
        if (!allow_empty && k->flen == 0) return 0;
        if (i && (expect_f > 0 || !allow_empty)) {
            if (k->fstart != expect_f + 1 || t->folded[k->fstart - 1] != ' ') return 0;
        } else if (k->fstart != 0) {
            return 0; /* the first word, or only empty words before it */
        }
        expect_f = k->fstart + k->flen;
        if (memchr(t->folded + k->fstart, ' ', k->flen)) return 0;
        if (i == 0 && k->soft_before) return 0;
    }
    if (t->flen != expect_f) return 0;
    if (!t->folded || t->folded[t->flen] != '\0') return 0;
    (void)text;
    return 1;
}

static void test_tokenize(void) {
    token_list t;
    const char *s = "Kim Jong-un";
    is_int(tokenize(s, strlen(s), &t), DOSSIER_OK, "tokenize Kim Jong-un");
    is_int(t.n, 3, "three words");
    is_str(t.folded, "kim jong un", "folded words separated by single spaces");
    ok(t.n == 3 && t.tok[0].start == 0 && t.tok[0].end == 3 && t.tok[1].start == 4 &&
           t.tok[1].end == 8 && t.tok[2].start == 9 && t.tok[2].end == 11,
       "byte ranges in the original");
    ok(t.n == 3 && !t.tok[0].soft_before && t.tok[1].soft_before && t.tok[2].soft_before,
       "soft gaps: a space and a hyphen");
    ok(t.n == 3 && t.tok[2].fstart == 9 && t.tok[2].flen == 2, "folded range of the last word");
    ok(well_formed(s, strlen(s), &t, 0), "well formed");
    token_list_free(&t);
    ok(t.tok == NULL && t.folded == NULL && t.n == 0, "token_list_free resets");
    token_list_free(&t);
    pass("token_list_free twice is harmless");

    tokenizes("Kim Jong Un", "kim+jong+un", "spaces");
    tokenizes("Kim  Jong\tUn", "kim+jong+un", "several spaces and a tab");
    tokenizes("Kim\xC2\xA0Jong\xE2\x80\x89Un", "kim+jong+un", "no-break and thin spaces");
    tokenizes("Putin’s", "putin+s", "curly possessive");
    tokenizes("Putin's", "putin+s", "straight possessive");
    tokenizes("O’Neill", "o+neill", "apostrophe inside a name");
    tokenizes("U.S.", "u+s", "U.S. is soft inside");
    tokenizes("Korea, Russia", "korea|russia", "a comma is a hard gap");
    tokenizes("Korea; Russia: China", "korea|russia|china", "semicolon and colon are hard");
    tokenizes("Kim\nJong-un", "kim+jong+un", "one line break is soft");
    tokenizes("Kim\r\nJong", "kim+jong", "CRLF is soft");
    tokenizes("Kim\n\nJong", "kim|jong", "two newlines are hard");
    tokenizes("Kim \n  \n Jong", "kim|jong", "a blank line with spaces is hard");
    tokenizes("Kim Jong-\nun", "kim+jong+un", "a hyphen ending a wrapped line is soft");
    tokenizes("Kim Jong--un", "kim+jong|un", "two hyphens are hard");
    tokenizes("Kim ’s", "kim|s", "an apostrophe after a space is hard");
    tokenizes("Putin—Kim", "putin|kim", "an em dash is hard");
    tokenizes("(Putin) Kim", "putin|kim", "brackets are hard");
    tokenizes("Putin. Kim", "putin|kim", "a sentence end is hard");
    tokenizes("“Putin” Kim", "putin|kim", "quote marks are hard");
    tokenizes("Putinism", "putinism", "one word, not two");
    tokenizes("RÜDIGER Frank", "rudiger+frank", "folded in words");
    tokenizes("Ким Чен Ын", "ким+чен+ын", "Cyrillic");
    tokenizes("김정은 위원장", "김정은+위원장", "Hangul");
    tokenizes("2023-10-04", "2023+10+04", "digits are words");
    tokenizes("", "", "empty text");
    tokenizes(" ,.;!? — “”", "", "punctuation only");

    tokenizes("Putin - Kim", "putin|kim", "a spaced hyphen is a dash, hard");
    tokenizes("Putin -Kim", "putin|kim", "a hyphen after a space is hard");
    tokenizes("Putin- Kim", "putin|kim", "a hyphen before a space is hard");
    tokenizes("Kim Jong-\n    un", "kim+jong+un", "a wrapped hyphen, indented continuation");
    tokenizes("Kim Jong-\n\nun", "kim+jong|un", "a hyphen before a blank line is hard");

    s = "US us Us NATO";
    is_int(tokenize(s, strlen(s), &t), DOSSIER_OK, "tokenize for case");
    ok(t.n == 4 && t.tok[0].upper && !t.tok[1].upper && !t.tok[2].upper && t.tok[3].upper,
       "upper: only words written in capitals");
    token_list_free(&t);
    s = "RÜDIGER 2023";
    tokenize(s, strlen(s), &t);
    ok(t.n == 2 && t.tok[0].upper && !t.tok[1].upper, "RÜDIGER is upper, 2023 is not");
    token_list_free(&t);

    /* explicit length: stops at len, NUL bytes are separators */
    char *got = render("Kim Jong-un", 6);
    is_str(got, "kim+jo", "only len bytes are read");
    free(got);
    got = render("Kim\0Jong", 8);
    is_str(got, "kim|jong", "a NUL byte is a hard separator");
    free(got);

    /* invalid UTF-8 never crashes and never joins words */
    static const char bad[] = "\xFF\xFEKim\xC3 Jong\x80un \xED\xA0\x80 Putin\xE2\x80";
    is_int(tokenize(bad, sizeof bad - 1, &t), DOSSIER_OK, "tokenize invalid UTF-8");
    ok(well_formed(bad, sizeof bad - 1, &t, 0), "well formed");
    token_list_free(&t);
    got = render(bad, sizeof bad - 1);
    is_str(got, "kim|jong|un|putin", "invalid bytes split words with hard gaps");
    free(got);
    got = render("Ki\xC3", 3);
    is_str(got, "ki", "a truncated sequence at the end");
    free(got);

    /* combining marks with no letter before them are no word */
    s = "a \xCC\x81 b";
    is_int(tokenize(s, strlen(s), &t), DOSSIER_OK, "tokenize a stray combining mark");
    ok(well_formed(s, strlen(s), &t, 0), "no empty words, single spaces in folded (%s)",
       t.folded ? t.folded : "NULL");
    token_list_free(&t);
    s = "\xCC\x81 b";
    is_int(tokenize(s, strlen(s), &t), DOSSIER_OK, "a combining mark first");
    ok(well_formed(s, strlen(s), &t, 0) && t.n == 1, "gives only the word after it (%s)",
       t.folded ? t.folded : "NULL");
    token_list_free(&t);
    s = "\xCC\x81";
    is_int(tokenize(s, strlen(s), &t), DOSSIER_OK, "a combining mark alone");
    ok(t.n == 0 && t.folded && t.flen == 0, "gives no word");
    token_list_free(&t);

    /* random bytes, biased towards UTF-8 lead bytes and separators */
    static const char alphabet[] = "aZ9 \n-.'\xC3\xA9\xE2\x80\x99\xF0\x9F\xFF\x80,\r\xCC\x81";
    unsigned long long seed = 88172645463325252ull;
    char buf[64];
    int good = 1;
    for (int round = 0; round < 20000 && good; round++) {
        size_t len = (size_t)(round % 64);
        for (size_t i = 0; i < len; i++) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            buf[i] = alphabet[seed % (sizeof alphabet - 1)];
        }
        if (tokenize(buf, len, &t) != DOSSIER_OK) {
            good = 0;
            break;
        }
        if (!well_formed(buf, len, &t, 1)) {
            good = 0;
            diag("ill-formed token list in round %d", round);
        }
        token_list_free(&t);
    }
    ok(good, "20000 random byte strings tokenize into well-formed lists");
}

int main(void) {
    test_utf8();
    test_fold();
    test_word_char();
    test_tokenize();
    return done_testing();
}
