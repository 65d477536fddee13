/* pcre2_alt.c — the regular-expression peer: one caseless alternation of every
 * alias, \b(?:\Qlongest\E|...|\Qshortest\E)\b, compiled with PCRE2's JIT.
 *
 * usage: pcre2_alt ALIASES FILE [RUNS]
 * Aliases go longest first, so PCRE2's leftmost-first alternation gives the
 * leftmost-longest match. PCRE2_UTF makes caseless matching cover non-ASCII
 * letters; without PCRE2_UCP, \b is ASCII (what most plugins' regexes do).
 * Each run counts non-overlapping matches over the whole text, one
 * pcre2_jit_match() per match; the UTF check runs once per run, on the first
 * call. Compiling and reading the file are not timed. Prints the number of
 * matches and the seconds of each run. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "common.h"

#include <pcre2.h>
#include <string.h>

static int longest_first(const void *x, const void *y) {
    size_t a = strlen(*(const char *const *)x), b = strlen(*(const char *const *)y);
    if (a != b) return a > b ? -1 : 1;
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

int main(int argc, char **argv) {
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: %s ALIASES FILE [RUNS]\n", argv[0]);
        return 2;
    }
    int runs = runs_arg(argv[3]);
    char *aliases;
    size_t n;
    char **lits = read_aliases(argv[1], &aliases, &n);
    for (size_t k = 0; k < n; k++)
        if (strstr(lits[k], "\\E")) {
            fprintf(stderr, "%s: alias '%s' contains \\E\n", argv[1], lits[k]);
            return 1;
        }
    qsort(lits, n, sizeof *lits, longest_first);
    size_t plen = 16;
    for (size_t k = 0; k < n; k++)
        plen += strlen(lits[k]) + 5;
    char *pat = malloc(plen);
    if (!pat) return 1;
    char *p = pat;
    p += sprintf(p, "\\b(?:");
    for (size_t k = 0; k < n; k++)
        p += sprintf(p, "%s\\Q%s\\E", k ? "|" : "", lits[k]);
    sprintf(p, ")\\b");

    int ecode;
    PCRE2_SIZE eoff;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
                                   PCRE2_CASELESS | PCRE2_UTF, &ecode, &eoff, NULL);
    if (!re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(ecode, msg, sizeof msg);
        fprintf(stderr, "%s: pcre2 at offset %zu: %s\n", argv[1], (size_t)eoff, msg);
        return 1;
    }
    if (pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) != 0) {
        fprintf(stderr, "pcre2: JIT is not available\n");
        return 1;
    }
    pcre2_match_context *mctx = pcre2_match_context_create(NULL);
    pcre2_jit_stack *stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
    pcre2_jit_stack_assign(mctx, NULL, stack);
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);

    size_t len;
    char *text = read_whole(argv[2], &len);
    double *secs = calloc((size_t)runs, sizeof *secs);
    size_t matches = 0;
    for (int r = 0; r < runs; r++) {
        double t0 = now_seconds();
        size_t count = 0, at = 0;
        uint32_t opts = 0;
        for (;;) {
            int rc = pcre2_jit_match(re, (PCRE2_SPTR)text, len, at, opts, md, mctx);
            if (rc == PCRE2_ERROR_NOMATCH) break;
            if (rc < 0) {
                PCRE2_UCHAR msg[256];
                pcre2_get_error_message(rc, msg, sizeof msg);
                fprintf(stderr, "%s: pcre2: %s\n", argv[2], msg);
                return 1;
            }
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            count++;
            at = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
            opts = PCRE2_NO_UTF_CHECK; /* checked on the first call */
        }
        matches = count;
        secs[r] = now_seconds() - t0;
    }
    print_result(matches, secs, runs);
    free(secs);
    free(text);
    pcre2_match_data_free(md);
    pcre2_jit_stack_free(stack);
    pcre2_match_context_free(mctx);
    pcre2_code_free(re);
    free(pat);
    free(lits);
    free(aliases);
    return 0;
}
