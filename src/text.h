/* text.h — text as the core reads it: UTF-8 and folding, words
 * (tokenize.c), and sentences (segment.c). */
#ifndef DOSSIER_TEXT_H
#define DOSSIER_TEXT_H

#include "util.h"

/* ------------------------------------------------------------ UTF-8 and folding */

/* Decodes one UTF-8 character at s[i] (i < len); returns the code point, or
 * 0xFFFD for an invalid byte, and stores its byte length in *n (>= 1).
 * ASCII, most of any text, is decoded inline; the rest by utf8_decode_wide. */
HIDDEN uint32_t utf8_decode_wide(const char *s, size_t len, size_t i, size_t *n);
static inline uint32_t utf8_decode(const char *s, size_t len, size_t i, size_t *n) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *n = 1;
        return c;
    }
    return utf8_decode_wide(s, len, i, n);
}
/* Appends the folded form of code point cp (lower case, no diacritics). */
HIDDEN void fold_codepoint(uint32_t cp, strbuf *out);
/* 1 for letters and digits (any script), 0 otherwise. */
HIDDEN int is_word_char(uint32_t cp);
/* 1 for upper-case letters of Latin, Greek and Cyrillic (what names use). */
HIDDEN int is_upper_codepoint(uint32_t cp);

/* ------------------------------------------------------------ words */

/* A word of the text, folded for matching: lower case, diacritics removed. */
typedef struct {
    size_t start, end;    /* byte range in the original text */
    size_t fstart, flen;  /* range in the folded buffer */
    unsigned soft_before; /* only a space, one line break, a hyphen or apostrophe before it */
    unsigned upper;       /* every letter in the original was upper case */
    unsigned cap;         /* its first letter is upper case ("Arch", "ARCH"; not "arch") */
} token;

/* Folded words of a text. folded holds the words separated by single spaces, so
 * the words i..j are the contiguous bytes folded[tok[i].fstart, tok[j].fstart+tok[j].flen). */
typedef struct {
    token *tok;
    size_t n, cap;
    char *folded;
    size_t flen, fcap;
} token_list;

HIDDEN dossier_status tokenize(const char *text, size_t len, token_list *out);
HIDDEN void token_list_free(token_list *t);

/* ------------------------------------------------------------ sentences */

/* Splits text[body_start, len) into sentences, appended to *out. */
HIDDEN dossier_status segment_text(const char *text, size_t len, size_t body_start,
                                   dossier_range **out, size_t *n, size_t *cap);

#endif
