/* links.c — web and e-mail addresses in a text, so that no actor is found
 * inside one: "Arch" in archlinux.org, "SUSE" in suse.com, a name in
 * bkuhn@ebb.org.
 *
 * A run is the text between white space, <, >, [, ], ", “, ”, « and ».
 * With its leading '(' and trailing . , ; : ! ? ) ' cut, a run is an address
 * when it contains "://", starts with "www.", holds an '@' after its first
 * character with a '.' later (an e-mail address), or is a host name: labels
 * of letters, digits and '-' joined by dots, the last one a common top-level
 * domain (com, org, net, edu, gov, io, uk, de, ...), a path after it allowed.
 * Only the runs that spans fall in are looked at, each found from its span. */
#include "scan.h"

#include <string.h>

static int delimiter(const char *s, size_t len, size_t i, size_t *k) {
    unsigned char c = (unsigned char)s[i];
    *k = 1;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == '<' ||
        c == '>' || c == '[' || c == ']' || c == '"')
        return 1;
    if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0x9C || (unsigned char)s[i + 2] == 0x9D)) { /* “ ” */
        *k = 3;
        return 1;
    }
    if (c == 0xC2 && i + 1 < len &&
        ((unsigned char)s[i + 1] == 0xAB || (unsigned char)s[i + 1] == 0xBB)) { /* « » */
        *k = 2;
        return 1;
    }
    if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) { /* no-break space */
        *k = 2;
        return 1;
    }
    return 0;
}

static int ascii_lower(int c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int label_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

static int common_tld(const char *s, size_t n) {
    static const char *const tlds[] = {
        "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz",  "io",     "co", "uk",
        "de",  "fr",  "ru",  "cn",  "jp",  "kr",  "kp",  "it",   "es",   "nl",     "eu", "ca",
        "au",  "ch",  "se",  "no",  "dk",  "fi",  "pl",  "cz",   "at",   "be",     "br", "in",
        "us",  "cc",  "tv",  "me",  "app", "dev", "ly",  "gl",   "news", "online", NULL};
    for (const char *const *t = tlds; *t; t++) {
        size_t k = strlen(*t);
        if (k != n) continue;
        size_t i = 0;
        while (i < n && ascii_lower(s[i]) == (*t)[i])
            i++;
        if (i == n) return 1;
    }
    return 0;
}

static int is_address(const char *s, size_t n) {
    while (n && s[0] == '(')
        s++, n--;
    while (n && strchr(".,;:!?)'", s[n - 1]))
        n--;
    if (n < 4) return 0;
    for (size_t i = 0; i + 3 <= n; i++)
        if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/') return i > 0;
    if (n > 4 && ascii_lower(s[0]) == 'w' && ascii_lower(s[1]) == 'w' && ascii_lower(s[2]) == 'w' &&
        s[3] == '.')
        return 1;
    const char *at = memchr(s, '@', n);
    if (at && at > s && memchr(at, '.', n - (size_t)(at - s))) return 1;
    /* a host name: label(.label)+ with a common top-level domain, maybe a path */
    size_t host = 0;
    while (host < n && s[host] != '/')
        host++;
    size_t labels = 0, start = 0, last_start = 0;
    for (size_t i = 0; i <= host; i++) {
        if (i == host || s[i] == '.') {
            if (i == start) return 0; /* an empty label */
            labels++;
            last_start = start;
            start = i + 1;
        } else if (!label_char(s[i])) {
            return 0;
        }
    }
    return labels >= 2 && common_tld(s + last_start, host - last_start);
}

/* The run of text around offset at (not on a delimiter): its bounds, found
 * by looking only around it, so that a long text costs what its spans do. */
static void run_around(const char *text, size_t len, size_t at, size_t *start, size_t *end) {
    size_t b = at, d;
    while (b > 0) {
        /* a delimiter starting at b - 1, b - 2 or b - 3 that ends at b */
        int found = 0;
        for (size_t back = 1; back <= 3 && back <= b && !found; back++)
            found = delimiter(text, len, b - back, &d) && d == back;
        if (found) break;
        b--;
    }
    size_t e = at;
    while (e < len && !delimiter(text, len, e, &d))
        e++;
    *start = b;
    *end = e;
}

void drop_spans_in_links(const char *text, size_t len, dossier_matches *m) {
    size_t kept = 0, k = 0;
    while (k < m->n) {
        size_t run_start, run_end;
        run_around(text, len, m->spans[k].start, &run_start, &run_end);
        int address = is_address(text + run_start, run_end - run_start);
        /* every span of this run shares its verdict */
        do {
            const dossier_span *sp = &m->spans[k];
            if (!(address && sp->start >= run_start && sp->end <= run_end)) m->spans[kept++] = *sp;
            k++;
        } while (k < m->n && m->spans[k].start < run_end);
    }
    m->n = kept;
}
