/* tokenize.c — UTF-8 decoding, folding (case and diacritics) and words.
 *
 * Matching and ranking both work on folded words: "Rüdiger", "RUDIGER" and
 * "rudiger" are the same word, and "Kim Jong-un" is the three words
 * "kim jong un". Each word remembers whether only a space, one line break, a
 * hyphen, an apostrophe or an acronym's period separates it from the previous
 * one ("soft"): names may span such gaps but never a comma or a blank line. */
#include "text.h"

#include <stdlib.h>
#include <string.h>

uint32_t utf8_decode_wide(const char *str, size_t len, size_t i, size_t *n) {
    const unsigned char *s = (const unsigned char *)str;
    unsigned char c = s[i];
    if (c < 0x80) {
        *n = 1;
        return c;
    }
    size_t need;
    uint32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        cp = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        cp = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        cp = c & 0x07;
        min = 0x10000;
    } else {
        *n = 1;
        return 0xFFFD;
    }
    for (size_t k = 1; k <= need; k++) {
        if (i + k >= len || (s[i + k] & 0xC0) != 0x80) {
            *n = 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *n = 1;
        return 0xFFFD;
    }
    *n = need + 1;
    return cp;
}

/* Base letters of U+00C0..U+017F. '*' is not a letter, '?' folds to two letters. */
static const char latin_fold[] = "aaaaaa?ceeeeiiii"
                                 "dnooooo*ouuuuy??"
                                 "aaaaaa?ceeeeiiii"
                                 "dnooooo*ouuuuy?y"
                                 "aaaaaaccccccccdd"
                                 "ddeeeeeeeeeegggg"
                                 "gggghhhhiiiiiiii"
                                 "ii??jjkkklllllll"
                                 "lllnnnnnnnnnoooo"
                                 "oo??rrrrrrssssss"
                                 "ssttttttuuuuuuuu"
                                 "uuuuwwyyyzzzzzzs";

static const char *latin_fold2(uint32_t cp) {
    switch (cp) {
    case 0xC6:
    case 0xE6:
        return "ae";
    case 0xDE:
    case 0xFE:
        return "th";
    case 0xDF:
        return "ss";
    case 0x132:
    case 0x133:
        return "ij";
    case 0x152:
    case 0x153:
        return "oe";
    }
    return NULL;
}

int is_word_char(uint32_t cp) {
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (cp < 0xC0) return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
    if (cp == 0xD7 || cp == 0xF7) return 0;
    if (cp == 0x2B9 || cp == 0x2BB || cp == 0x2BC) return 0; /* modifier apostrophes */
    if (cp >= 0x2000 && cp <= 0x2BFF) return 0;              /* punctuation, symbols */
    if (cp >= 0x2E00 && cp <= 0x2E7F) return 0;
    if (cp >= 0x3000 && cp <= 0x303F) return 0; /* CJK punctuation */
    if (cp >= 0xE000 && cp <= 0xF8FF) return 0; /* private use */
    if (cp >= 0xFE30 && cp <= 0xFE4F) return 0;
    if (cp >= 0xFF00 && cp <= 0xFF0F) return 0;
    if (cp >= 0xFF1A && cp <= 0xFF20) return 0;
    if (cp >= 0xFF3B && cp <= 0xFF40) return 0;
    if (cp >= 0xFF5B && cp <= 0xFF65) return 0;
    if (cp == 0xFEFF || cp == 0xFFFD || cp == 0xFFFC) return 0;
    if (cp >= 0x1F000) return 0; /* emoji and pictographs */
    return 1;
}

static void put_utf8(uint32_t cp, strbuf *out) {
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    sb_append(out, b, n);
}

void fold_codepoint(uint32_t cp, strbuf *out) {
    if (cp < 0x80) {
        sb_putc(out, (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
        return;
    }
    if (cp >= 0x300 && cp <= 0x36F) return; /* combining diacritics vanish */
    if (cp >= 0xC0 && cp <= 0x17F) {
        const char *two = latin_fold2(cp);
        if (two) {
            sb_puts(out, two);
            return;
        }
        char base = latin_fold[cp - 0xC0];
        if (base != '*') {
            sb_putc(out, base);
            return;
        }
    }
    if (cp >= 0x391 && cp <= 0x3A9)
        cp += 0x20; /* Greek */
    else if (cp >= 0x410 && cp <= 0x42F)
        cp += 0x20; /* Cyrillic */
    else if (cp >= 0x400 && cp <= 0x40F)
        cp += 0x50; /* Cyrillic Ѐ..Џ */
    else if (cp >= 0xFF21 && cp <= 0xFF3A)
        cp = cp - 0xFF21 + 'a'; /* full-width A-Z */
    else if (cp >= 0xFF41 && cp <= 0xFF5A)
        cp = cp - 0xFF41 + 'a';
    else if (cp >= 0xFF10 && cp <= 0xFF19)
        cp = cp - 0xFF10 + '0';
    put_utf8(cp, out);
}

int is_upper_codepoint(uint32_t cp) {
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
    if (cp >= 0x100 && cp <= 0x137) return cp % 2 == 0;
    if (cp >= 0x139 && cp <= 0x148) return cp % 2 == 1;
    if (cp >= 0x14A && cp <= 0x177) return cp % 2 == 0;
    if (cp >= 0x178 && cp <= 0x17E) return cp == 0x178 || cp % 2 == 1;
    if (cp >= 0x391 && cp <= 0x3A9) return 1; /* Greek */
    if (cp >= 0x400 && cp <= 0x42F) return 1; /* Cyrillic */
    return 0;
}

/* What may stand between two words of one name. */
static int is_space_cp(uint32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

static int is_connector_cp(uint32_t cp) {
    return cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == '\'' || cp == 0x2019 || cp == 0x2BC ||
           cp == '.';
}

/* Soft: white space with at most one line break; or a single connector
 * (hyphen, apostrophe, period) touching both words; or a hyphen ending a
 * hard-wrapped line ("Jong-\n  un"). A hyphen with spaces around it is a dash. */
static unsigned soft_gap(const char *s, size_t from, size_t to) {
    if (from >= to) return 1;
    if (to - from == 1 && s[from] == ' ') return 1; /* most gaps: one space */
    size_t n, i = from, newlines = 0;
    uint32_t cp = utf8_decode(s, to, i, &n);
    if (is_connector_cp(cp)) {
        i += n;
        if (i == to) return 1;
        if (cp != '-' && cp != 0x2010 && cp != 0x2011) return 0;
    }
    int after_hyphen = i > from;
    for (; i < to; i += n) {
        cp = utf8_decode(s, to, i, &n);
        if (cp == '\n')
            newlines++;
        else if (!is_space_cp(cp))
            return 0;
    }
    return after_hyphen ? newlines == 1 : newlines <= 1;
}

static int push_token(token_list *t, const token *k) {
    if (t->n == t->cap && !grow((void **)&t->tok, &t->cap, t->n + 1, sizeof *t->tok)) return 0;
    t->tok[t->n++] = *k;
    return 1;
}

dossier_status tokenize(const char *text, size_t len, token_list *out) {
    memset(out, 0, sizeof *out);
    strbuf fb = {0};
    /* Folding never lengthens a word (ß -> ss, Ĳ -> ij keep two bytes) and each
     * separating space stands for at least one byte of the text, so the
     * folded text fits in len bytes: reserved once, ASCII is stored directly. */
    if (!sb_reserve(&fb, len)) return DOSSIER_ERR_NOMEM;
    size_t i = 0, prev_end = 0;
    int have_prev = 0;
    while (i < len) {
        unsigned char c = (unsigned char)text[i];
        size_t n = 1;
        uint32_t cp = c < 0x80 ? c : utf8_decode(text, len, i, &n);
        if (!is_word_char(cp)) {
            i += n;
            continue;
        }
        token k = {0};
        k.start = i;
        k.cap = is_upper_codepoint(cp);
        k.soft_before = have_prev ? soft_gap(text, prev_end, i) : 0;
        size_t rollback = fb.len;
        if (fb.len) fb.data[fb.len++] = ' ';
        k.fstart = fb.len;
        int has_upper = 0, has_lower = 0;
        while (i < len) {
            c = (unsigned char)text[i];
            if (c < 0x80) {
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
                    break;
                if (c >= 'A' && c <= 'Z') {
                    has_upper = 1;
                    c += 32;
                } else if (c >= 'a') {
                    has_lower = 1;
                }
                fb.data[fb.len++] = (char)c;
                i++;
                continue;
            }
            cp = utf8_decode(text, len, i, &n);
            if (!is_word_char(cp)) break;
            fold_codepoint(cp, &fb);
            i += n;
        }
        k.end = i;
        k.flen = fb.len - k.fstart;
        if (k.flen == 0 && !fb.failed) { /* only combining marks: no word */
            fb.len = rollback;
            if (fb.data) fb.data[fb.len] = '\0';
            continue;
        }
        k.upper = has_upper && !has_lower;
        if (fb.failed || !push_token(out, &k)) {
            sb_free(&fb);
            token_list_free(out);
            return DOSSIER_ERR_NOMEM;
        }
        prev_end = i;
        have_prev = 1;
    }
    out->fcap = fb.cap;
    out->flen = fb.len;
    out->folded = sb_take(&fb);
    if (!out->folded) {
        token_list_free(out);
        return DOSSIER_ERR_NOMEM;
    }
    return DOSSIER_OK;
}

void token_list_free(token_list *t) {
    free(t->tok);
    free(t->folded);
    memset(t, 0, sizeof *t);
}
