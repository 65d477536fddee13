/* test_util.c — unit tests of src/util.c: errors, strbuf, grow, arena, files,
 * line_col, hashing and strmap. */
#include "fixture.h"
#include "tap.h"
#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_errors(void) {
    dossier_error err;
    memset(&err, 0, sizeof err);
    is_int(set_error(&err, DOSSIER_ERR_PARSE, "%s:%d: bad", "f.yaml", 12), DOSSIER_ERR_PARSE,
           "set_error returns the status");
    is_int(err.status, DOSSIER_ERR_PARSE, "set_error fills status");
    is_str(err.message, "f.yaml:12: bad", "set_error formats the message");
    is_int(set_error(NULL, DOSSIER_ERR_IO, "x"), DOSSIER_ERR_IO, "set_error accepts a NULL err");

    char big[2000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    set_error(&err, DOSSIER_ERR_LIMIT, "%s", big);
    is_int(strlen(err.message), sizeof err.message - 1, "a long message is truncated, terminated");

    is_str(dossier_status_name(DOSSIER_OK), "ok", "status name ok");
    is_str(dossier_status_name(DOSSIER_ERR_IO), "io", "status name io");
    is_str(dossier_status_name(DOSSIER_ERR_PARSE), "parse", "status name parse");
    is_str(dossier_status_name(DOSSIER_ERR_NOMEM), "memory", "status name memory");
    is_str(dossier_status_name((dossier_status)99), "unknown", "status name of a bad value");
    dossier_free(NULL);
    pass("dossier_free(NULL) is harmless");
}

static void test_strbuf(void) {
    strbuf b = {0};
    char *s = sb_take(&b);
    is_str(s, "", "sb_take of an empty buffer gives \"\"");
    free(s);

    sb_puts(&b, "Kim");
    sb_putc(&b, ' ');
    sb_append(&b, "Jong-un and more", 7);
    sb_append(&b, NULL, 0);
    sb_printf(&b, " (%d, %s)", 2023, "Vostochny");
    is_int(b.len, strlen("Kim Jong-un (2023, Vostochny)"), "len counts every append");
    is_str(b.data, "Kim Jong-un (2023, Vostochny)", "puts, putc, append, printf");
    ok(b.cap > b.len, "capacity leaves room for the NUL");
    s = sb_take(&b);
    is_str(s, "Kim Jong-un (2023, Vostochny)", "sb_take hands the contents over");
    ok(b.data == NULL && b.len == 0 && b.cap == 0, "sb_take empties the buffer");
    free(s);

    /* growth across many doublings, embedded NUL bytes kept */
    for (int i = 0; i < 10000; i++)
        sb_printf(&b, "%04d", i % 10000);
    is_int(b.len, 40000, "40000 bytes appended");
    ok(memcmp(b.data + 4 * 9999, "9999", 4) == 0 && b.data[b.len] == '\0',
       "contents intact after growth");
    sb_append(&b, "a\0b", 3);
    is_int(b.len, 40003, "embedded NUL counted");
    ok(b.data[40001] == '\0' && b.data[40002] == 'b', "embedded NUL kept");
    sb_free(&b);
    ok(b.data == NULL && b.len == 0 && b.cap == 0 && !b.failed, "sb_free resets");
    sb_free(&b);
    pass("sb_free twice is harmless");

    /* a failed buffer ignores appends and gives NULL */
    sb_puts(&b, "abc");
    b.failed = 1;
    sb_puts(&b, "def");
    sb_printf(&b, "%d", 42);
    is_int(b.len, 3, "appends are ignored once failed");
    ok(sb_take(&b) == NULL, "sb_take of a failed buffer is NULL");
    ok(b.data == NULL && !b.failed, "and it frees the buffer");

    sb_printf(&b, "%s", "");
    s = sb_take(&b);
    is_str(s, "", "an empty printf still gives a string");
    free(s);
}

static void test_grow(void) {
    int *arr = NULL;
    size_t cap = 0;
    ok(grow((void **)&arr, &cap, 1, sizeof *arr), "grow from nothing");
    ok(cap >= 1 && arr != NULL, "capacity at least what was asked");
    size_t before = cap;
    ok(grow((void **)&arr, &cap, before, sizeof *arr) && cap == before,
       "no change when it already fits");
    ok(grow((void **)&arr, &cap, 1000, sizeof *arr) && cap >= 1000, "grows to 1000");
    for (int i = 0; i < 1000; i++)
        arr[i] = i;
    ok(grow((void **)&arr, &cap, 5000, sizeof *arr) && cap >= 5000 && arr[999] == 999,
       "contents kept across growth");
    void *keep = arr;
    size_t keepcap = cap;
    ok(!grow((void **)&arr, &cap, SIZE_MAX / 4, 16), "an impossible size fails");
    ok(arr == keep && cap == keepcap, "and leaves the array alone");
    free(arr);
}

static void test_arena(void) {
    arena a = {0};
    char *s = arena_strdup(&a, "Pyongyang");
    is_str(s, "Pyongyang", "arena_strdup");
    char *t = arena_strndup(&a, "Moscow-Beijing", 6);
    is_str(t, "Moscow", "arena_strndup cuts and terminates");
    ok(((uintptr_t)arena_alloc(&a, 3) % _Alignof(max_align_t)) == 0, "allocations are aligned");
    ok(((uintptr_t)arena_alloc(&a, 1) % _Alignof(max_align_t)) == 0, "the next one too");

    /* fill several blocks, and one allocation larger than a block */
    char *ptrs[2000];
    int good = 1;
    for (int i = 0; i < 2000; i++) {
        ptrs[i] = arena_alloc(&a, 100);
        if (!ptrs[i])
            good = 0;
        else
            memset(ptrs[i], i & 0xFF, 100);
    }
    char *huge = arena_alloc(&a, 200000);
    ok(good && huge != NULL, "many allocations and a huge one succeed");
    if (huge) memset(huge, 0xAB, 200000);
    for (int i = 0; good && i < 2000; i++)
        if ((unsigned char)ptrs[i][0] != (i & 0xFF) || (unsigned char)ptrs[i][99] != (i & 0xFF))
            good = 0;
    ok(good, "earlier allocations are not overwritten");
    is_str(s, "Pyongyang", "the first string survives");
    char *after = arena_strdup(&a, "after");
    is_str(after, "after", "allocating after a huge block");
    ok(arena_alloc(&a, 0) != NULL, "a zero-size allocation is not NULL");
    arena_free(&a);
    ok(a.head == NULL, "arena_free empties it");
    arena_free(&a);
    pass("arena_free twice is harmless");
}

static char *tmpdir;

static void test_read_file(void) {
    char *path;
    char *data = (char *)1;
    size_t len = 99;
    dossier_error err;
    memset(&err, 0, sizeof err);

    path = fx_path(tmpdir, "missing.txt");
    is_int(read_file(path, &data, &len, &err), DOSSIER_ERR_IO, "a missing file is an io error");
    ok(data == NULL && len == 0, "outputs cleared on failure");
    is_int(err.status, DOSSIER_ERR_IO, "err.status set");
    ok(strstr(err.message, "missing.txt") != NULL, "the message names the file: %s", err.message);
    free(path);

    is_int(read_file(tmpdir, &data, &len, &err), DOSSIER_ERR_IO, "a directory is an io error");
    ok(strstr(err.message, "not a regular file") != NULL, "message: %s", err.message);
    is_int(read_file(tmpdir, &data, &len, NULL), DOSSIER_ERR_IO, "err may be NULL");

    path = fx_path(tmpdir, "text.txt");
    fx_write_n(tmpdir, "text.txt", "Putin\0Kim\n", 10);
    is_int(read_file(path, &data, &len, &err), DOSSIER_OK, "reads a file");
    is_int(len, 10, "its length, NUL bytes included");
    ok(data && memcmp(data, "Putin\0Kim\n", 10) == 0 && data[10] == '\0',
       "its bytes, NUL-terminated");
    free(data);
    free(path);

    path = fx_path(tmpdir, "empty.txt");
    fx_write(tmpdir, "empty.txt", "");
    is_int(read_file(path, &data, &len, &err), DOSSIER_OK, "reads an empty file");
    ok(data && len == 0 && data[0] == '\0', "as an empty string");
    free(data);
    free(path);
}

static void test_line_col(void) {
    const char *t = "ab\ncd\n\nxyz";
    unsigned l = 0, c = 0;
    line_col(t, 0, &l, &c);
    ok(l == 1 && c == 1, "offset 0 is 1:1 (%u:%u)", l, c);
    line_col(t, 2, &l, &c);
    ok(l == 1 && c == 3, "the newline itself is on line 1 (%u:%u)", l, c);
    line_col(t, 3, &l, &c);
    ok(l == 2 && c == 1, "after a newline: 2:1 (%u:%u)", l, c);
    line_col(t, 4, &l, &c);
    ok(l == 2 && c == 2, "2:2 (%u:%u)", l, c);
    line_col(t, 6, &l, &c);
    ok(l == 3 && c == 1, "an empty line: 3:1 (%u:%u)", l, c);
    line_col(t, 9, &l, &c);
    ok(l == 4 && c == 3, "last byte 4:3 (%u:%u)", l, c);
    line_col(t, 10, &l, &c);
    ok(l == 4 && c == 4, "end of text 4:4 (%u:%u)", l, c);
    const char *u = "\xC3\xBC"
                    "x";
    line_col(u, 2, &l, &c);
    ok(l == 1 && c == 3, "columns count bytes (%u:%u)", l, c);
}

/* The cursor gives what line_col gives at every offset visited in order. */
static void test_line_cursor(void) {
    const char *t = "ab\ncd\n\nxyz\r\nq";
    size_t len = strlen(t);
    line_cursor lc = line_cursor_start(t);
    int same = 1;
    for (size_t off = 0; off <= len; off += 1 + off % 2) {
        unsigned l, c;
        line_cursor_move(&lc, off);
        line_col(t, off, &l, &c);
        if (lc.line != l || lc.col != c || lc.at != off) same = 0;
    }
    ok(same, "the cursor agrees with line_col at every offset");
    unsigned l = lc.line, c = lc.col;
    line_cursor_move(&lc, 3);
    ok(lc.line == l && lc.col == c && lc.at == len, "an offset behind it leaves it in place");
    line_cursor copy = line_cursor_start(t);
    line_cursor_move(&copy, 4);
    line_cursor ahead = copy;
    line_cursor_move(&ahead, 7);
    ok(copy.line == 2 && copy.col == 2 && ahead.line == 4 && ahead.col == 1,
       "a copy moves on its own (%u:%u, %u:%u)", copy.line, copy.col, ahead.line, ahead.col);
}

static void test_strmap(void) {
    strmap m = {0};
    is_int(strmap_get(&m, "x", 1), -1, "get on an empty map");
    ok(strmap_put(&m, "putin", 5, 7), "put");
    is_int(strmap_get(&m, "putin", 5), 7, "get");
    is_int(strmap_get(&m, "puti", 4), -1, "a prefix is not a key");
    is_int(strmap_get(&m, "putin!", 5), 7, "only n bytes of the key count");
    ok(strmap_put(&m, "putin", 5, 8), "put again");
    is_int(strmap_get(&m, "putin", 5), 8, "overwrites the value");
    is_int(m.n, 1, "without adding a key");
    ok(strmap_put(&m, "", 0, 3), "the empty key");
    is_int(strmap_get(&m, "", 0), 3, "get the empty key");
    ok(strmap_put(&m, "a\0b", 3, 4) && strmap_put(&m, "a\0c", 3, 5), "keys with NUL bytes");
    ok(strmap_get(&m, "a\0b", 3) == 4 && strmap_get(&m, "a\0c", 3) == 5 &&
           strmap_get(&m, "a", 1) == -1,
       "NUL bytes are part of the key");

    /* growth: many keys, all still found */
    char key[32];
    int good = 1;
    size_t cap0 = m.cap;
    for (long i = 0; i < 5000; i++) {
        int n = snprintf(key, sizeof key, "key-%ld", i);
        if (!strmap_put(&m, key, (size_t)n, i * 3)) good = 0;
    }
    ok(good, "5000 puts");
    ok(m.cap > cap0 && (m.cap & (m.cap - 1)) == 0, "capacity grew, stays a power of two (%zu)",
       m.cap);
    ok(m.n * 2 <= m.cap, "load factor at most 1/2 (%zu of %zu)", m.n, m.cap);
    is_int(m.n, 5004, "key count");
    for (long i = 0; i < 5000; i++) {
        int n = snprintf(key, sizeof key, "key-%ld", i);
        if (strmap_get(&m, key, (size_t)n) != i * 3) {
            good = 0;
            diag("key-%ld lost", i);
            break;
        }
    }
    ok(good, "every key found after growth");
    ok(strmap_get(&m, "putin", 5) == 8 && strmap_get(&m, "", 0) == 3, "early keys survive growth");
    is_int(strmap_get(&m, "key-5000", 8), -1, "a missing key after growth");
    strmap_free(&m);
    ok(m.keys == NULL && m.cap == 0 && m.n == 0, "strmap_free resets");
    is_int(strmap_get(&m, "putin", 5), -1, "get after free");
    strmap_free(&m);
    pass("strmap_free twice is harmless");

    ok(hash_bytes("abc", 3) == hash_bytes("abcd", 3), "hash_bytes reads n bytes");
    ok(hash_bytes("abc", 3) != hash_bytes("abd", 3), "hash_bytes differs on a byte");
}

int main(void) {
    tmpdir = fx_dir();
    test_errors();
    test_strbuf();
    test_grow();
    test_arena();
    test_read_file();
    test_line_col();
    test_line_cursor();
    test_strmap();

    fx_remove(tmpdir);
    return done_testing();
}
