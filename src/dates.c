/* dates.c — publication dates as people write them, read into ISO 8601.
 *
 * Accepted (English month names, full or abbreviated, with or without the
 * abbreviation's period, "Sept." too; case ignored; a weekday in front and
 * ordinal suffixes 1st 2nd 3rd 4th are allowed):
 *   2024 | 2024-04 | 2024-04-02 | 2024/04/02 | 2024.04.02
 *   2024-04-12T01:00:00+01:00, 2024-04-12 10:00:00 +0100 (a time after an
 *     ISO date: its time and zone are dropped, not converted, so the date
 *     is the one the publisher printed)
 *   April 2, 2024 | Apr 2 2024 | Sept. 13, 2023 | Tuesday, April 2nd, 2024
 *   2 April 2024 | 2nd Apr. 2024 | Tuesday 15 October 2019
 *   April 2024 | Apr. 2024
 * A time may follow the written forms too ("April 2, 2024, 10:00 am",
 * "15 October 2019 at 09:11"). Numeric forms that people read two ways
 * (04/02/2024: April or February?) are refused, as is any day the month does
 * not have. The result is "YYYY", "YYYY-MM" or "YYYY-MM-DD". */
#include "util.h"

#include <stdio.h>
#include <string.h>

static const char *const months[12] = {"january",   "february", "march",    "april",
                                       "may",       "june",     "july",     "august",
                                       "september", "october",  "november", "december"};
static const char *const weekdays[7] = {"monday", "tuesday",  "wednesday", "thursday",
                                        "friday", "saturday", "sunday"};

typedef struct {
    const char *s;
    size_t n, i;
} cursor;

static int lower(int c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static void skip_spaces(cursor *c) {
    while (c->i < c->n && (c->s[c->i] == ' ' || c->s[c->i] == '\t' || c->s[c->i] == ','))
        c->i++;
}

/* A run of letters at the cursor, lower-cased into w (at most cap-1). */
static size_t word_at(const cursor *c, char *w, size_t cap) {
    size_t k = 0;
    while (c->i + k < c->n && is_alpha(c->s[c->i + k])) {
        if (k + 1 < cap) w[k] = (char)lower(c->s[c->i + k]);
        k++;
    }
    w[k < cap ? k : cap - 1] = '\0';
    return k;
}

/* A month name at the cursor (1..12), its period too; 0 when none. */
static int month_at(cursor *c) {
    char w[16];
    size_t k = word_at(c, w, sizeof w);
    if (k < 3 || k >= sizeof w) return 0;
    for (int m = 0; m < 12; m++) {
        size_t full = strlen(months[m]);
        /* the full name, or an abbreviation of three letters and more ("Sept") */
        if (k <= full && strncmp(months[m], w, k) == 0 && (k == full || k >= 3)) {
            if (k != full && !(k == 3 || (m == 8 && k == 4))) continue;
            c->i += k;
            if (c->i < c->n && c->s[c->i] == '.') c->i++;
            return m + 1;
        }
    }
    return 0;
}

static void skip_weekday(cursor *c) {
    char w[16];
    size_t k = word_at(c, w, sizeof w);
    for (int d = 0; d < 7 && k >= 3 && k < sizeof w; d++)
        if (strncmp(weekdays[d], w, k) == 0 && (k == 3 || k == strlen(weekdays[d]))) {
            c->i += k;
            if (c->i < c->n && c->s[c->i] == '.') c->i++;
            skip_spaces(c);
            return;
        }
}

/* Digits at the cursor: their value, *len their count. */
static long number_at(cursor *c, size_t *len) {
    long v = 0;
    size_t k = 0;
    while (c->i + k < c->n && is_digit(c->s[c->i + k]) && k < 6)
        v = v * 10 + (c->s[c->i + k++] - '0');
    *len = k;
    c->i += k;
    return v;
}

/* "st", "nd", "rd", "th" after a day. */
static void skip_ordinal(cursor *c) {
    if (c->i + 1 < c->n) {
        char a = (char)lower(c->s[c->i]), b = (char)lower(c->s[c->i + 1]);
        if ((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
            (a == 't' && b == 'h'))
            c->i += 2;
    }
}

static int days_in(int y, int m) {
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return d[m - 1];
}

/* What may follow a written date: a time ("10:00", "at 09:11 am", "8:02
 * pm UTC"), a zone, or nothing. */
static int only_time_left(cursor *c) {
    skip_spaces(c);
    char w[8];
    if (word_at(c, w, sizeof w) == 2 && strcmp(w, "at") == 0) {
        c->i += 2;
        skip_spaces(c);
    }
    if (c->i >= c->n) return 1;
    size_t k;
    number_at(c, &k);
    if (k < 1 || k > 2 || c->i >= c->n || c->s[c->i] != ':') return 0;
    /* the rest: digits, ':', '.', spaces, am/pm, a zone such as UTC or +01:00 */
    for (; c->i < c->n; c->i++) {
        char ch = c->s[c->i];
        if (!(is_digit(ch) || is_alpha(ch) || ch == ':' || ch == '.' || ch == ' ' || ch == '+' ||
              ch == '-'))
            return 0;
    }
    return 1;
}

/* An ISO time after a date: T or a space, then HH:MM[:SS[.f]], then Z or
 * a zone (+01:00, +0100, -05). */
static int iso_time_left(cursor *c) {
    if (c->i >= c->n) return 1;
    if (c->s[c->i] != 'T' && c->s[c->i] != 't' && c->s[c->i] != ' ') return 0;
    c->i++;
    size_t k;
    number_at(c, &k);
    if (k != 2 || c->i >= c->n || c->s[c->i] != ':') return 0;
    for (; c->i < c->n; c->i++) {
        char ch = c->s[c->i];
        if (!(is_digit(ch) || ch == ':' || ch == '.' || ch == '+' || ch == '-' || ch == 'Z' ||
              ch == 'z' || ch == ' '))
            return 0;
    }
    return 1;
}

static dossier_status bad(const char *text, size_t n, dossier_error *err, const char *why) {
    return set_error(err, DOSSIER_ERR_INVALID,
                     "cannot read the date '%.*s'%s (write 2024-04-02, 2024-04, 2024, or "
                     "a date such as 'April 2, 2024' or '2 April 2024')",
                     (int)(n > 60 ? 60 : n), text, why);
}

dossier_status dossier_parse_date(const char *text, char out[11], dossier_error *err) {
    if (out) out[0] = '\0';
    if (!text || !out) return set_error(err, DOSSIER_ERR_ARG, "dossier_parse_date: NULL argument");
    cursor c = {text, strlen(text), 0};
    while (c.n && (text[c.n - 1] == ' ' || text[c.n - 1] == '\t' || text[c.n - 1] == '\n' ||
                   text[c.n - 1] == '\r'))
        c.n--;
    while (c.i < c.n && (text[c.i] == ' ' || text[c.i] == '\t'))
        c.i++;
    size_t start = c.i;
    int y = 0, m = 0, d = 0;
    skip_weekday(&c);
    if (c.i < c.n && is_digit(text[c.i])) {
        size_t k;
        long v = number_at(&c, &k);
        if (k == 4) { /* 2024, 2024-04, 2024-04-02, 2024/04/02, 2024.04.02 */
            y = (int)v;
            if (c.i < c.n && (text[c.i] == '-' || text[c.i] == '/' || text[c.i] == '.')) {
                char sep = text[c.i++];
                m = (int)number_at(&c, &k);
                if (k != 2) return bad(text + start, c.n - start, err, "");
                if (c.i < c.n && text[c.i] == sep) {
                    c.i++;
                    d = (int)number_at(&c, &k);
                    if (k != 2) return bad(text + start, c.n - start, err, "");
                }
            }
            if (!iso_time_left(&c)) return bad(text + start, c.n - start, err, "");
        } else if (k >= 1 && k <= 2) { /* 2 April 2024 */
            d = (int)v;
            skip_ordinal(&c);
            skip_spaces(&c);
            if (c.i < c.n && (text[c.i] == '/' || text[c.i] == '.' || text[c.i] == '-') &&
                c.i + 1 < c.n && is_digit(text[c.i + 1]))
                return bad(text + start, c.n - start, err,
                           ": a numeric day and month can be read two ways");
            if (c.i < c.n && text[c.i] == '-') c.i++; /* 2-Apr-2024 */
            if (!(m = month_at(&c))) return bad(text + start, c.n - start, err, "");
            skip_spaces(&c);
            if (c.i < c.n && text[c.i] == '-') c.i++;
            y = (int)number_at(&c, &k);
            if (k != 4 || !only_time_left(&c)) return bad(text + start, c.n - start, err, "");
        } else {
            return bad(text + start, c.n - start, err, "");
        }
    } else if ((m = month_at(&c))) { /* April 2, 2024; April 2024 */
        skip_spaces(&c);
        size_t k;
        long v = number_at(&c, &k);
        if (k == 4) {
            y = (int)v;
        } else if (k >= 1 && k <= 2) {
            d = (int)v;
            skip_ordinal(&c);
            skip_spaces(&c);
            y = (int)number_at(&c, &k);
            if (k != 4) return bad(text + start, c.n - start, err, "");
        } else {
            return bad(text + start, c.n - start, err, "");
        }
        if (!only_time_left(&c)) return bad(text + start, c.n - start, err, "");
    } else {
        return bad(text + start, c.n - start, err, "");
    }
    if (y < 1000 || y > 2999)
        return bad(text + start, c.n - start, err, ": the year is out of range");
    if (m < 0 || m > 12 || (m == 0 && d))
        return bad(text + start, c.n - start, err, ": no such month");
    if (d < 0 || (d && d > days_in(y, m)))
        return bad(text + start, c.n - start, err, ": no such day");
    /* the checks above bound every part: y 1000..2999, m 1..12, d 1..31 */
    out[0] = (char)('0' + y / 1000), out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10), out[3] = (char)('0' + y % 10), out[4] = '\0';
    if (m)
        out[4] = '-', out[5] = (char)('0' + m / 10), out[6] = (char)('0' + m % 10), out[7] = '\0';
    if (m && d)
        out[7] = '-', out[8] = (char)('0' + d / 10), out[9] = (char)('0' + d % 10), out[10] = '\0';
    return DOSSIER_OK;
}
