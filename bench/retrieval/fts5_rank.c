/* fts5_rank.c — SQLite FTS5 as a peer in the retrieval benchmark.
 *
 *   fts5_rank <passages.tsv> <queries.tsv|-> <budget-s>
 *
 * Index build = an in-memory database, CREATE VIRTUAL TABLE ... USING
 * fts5(text, tokenize='porter unicode61'), one transaction of inserts (rowid =
 * Dossier's passage index) and the 'optimize' command, which merges the index
 * into one segment as a finished index should be. The passages are read from
 * the file before the clock starts. A query = the claim's words OR-ed
 * together (FTS5 ANDs bare words, and a claim never matches whole), each word
 * quoted so that no word reads as an operator, ORDER BY rank (= bm25()) LIMIT
 * TOP_K through one prepared statement. */
#include "common.h"

#include <sqlite3.h>

struct bench_engine {
    bench_passages ps;
    sqlite3 *db;
    sqlite3_stmt *q;
    char *buf; /* the MATCH expression */
    size_t cap;
};

static void check(bench_engine *e, int rc, const char *what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) die(what, sqlite3_errmsg(e->db));
}

static size_t build(bench_engine *e) {
    check(e, sqlite3_open(":memory:", &e->db), "sqlite3_open");
    check(e,
          sqlite3_exec(e->db,
                       "CREATE VIRTUAL TABLE p USING fts5(text, tokenize='porter unicode61');"
                       "BEGIN;",
                       NULL, NULL, NULL),
          "create");
    sqlite3_stmt *ins;
    check(e, sqlite3_prepare_v2(e->db, "INSERT INTO p(rowid, text) VALUES(?, ?)", -1, &ins, NULL),
          "prepare insert");
    for (size_t i = 0; i < e->ps.n; i++) {
        sqlite3_bind_int64(ins, 1, e->ps.index[i]);
        sqlite3_bind_text(ins, 2, e->ps.text[i], -1, SQLITE_STATIC);
        check(e, sqlite3_step(ins), "insert");
        sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    check(e, sqlite3_exec(e->db, "COMMIT; INSERT INTO p(p) VALUES('optimize');", NULL, NULL, NULL),
          "optimize");
    check(e,
          sqlite3_prepare_v2(e->db, "SELECT rowid FROM p WHERE p MATCH ? ORDER BY rank LIMIT ?", -1,
                             &e->q, NULL),
          "prepare query");
    return e->ps.n;
}

static void drop(bench_engine *e) {
    sqlite3_finalize(e->q);
    sqlite3_close(e->db);
    e->q = NULL;
    e->db = NULL;
}

/* Word characters: ASCII letters and digits, and any non-ASCII character but
 * the punctuation blocks U+0080-U+00BF and U+2000-U+206F (curly quotes,
 * dashes, ellipsis), which unicode61 splits on as well. */
static size_t word_len(const unsigned char *s) {
    size_t n = 0;
    for (;;) {
        unsigned char ch = s[n];
        if ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
            n++;
        } else if (ch >= 0x80) {
            if (ch == 0xC2 || (ch == 0xE2 && (s[n + 1] == 0x80 || s[n + 1] == 0x81))) break;
            n++;
            while ((s[n] & 0xC0) == 0x80)
                n++;
        } else {
            break;
        }
    }
    return n;
}

static int query(bench_engine *e, const char *text, long *out) {
    size_t need = 4 * strlen(text) + 16, len = 0;
    if (need > e->cap) {
        e->buf = (char *)realloc(e->buf, e->cap = need);
        if (!e->buf) die("query", "out of memory");
    }
    for (const unsigned char *s = (const unsigned char *)text; *s;) {
        size_t n = word_len(s);
        if (n == 0) {
            s += *s == 0xC2 || *s == 0xE2 ? (*s == 0xC2 ? 2 : 3) : 1;
            continue;
        }
        len += (size_t)sprintf(e->buf + len, "%s\"%.*s\"", len ? " OR " : "", (int)n, s);
        s += n;
    }
    e->buf[len] = '\0';
    if (len == 0) return 0; /* no word at all: FTS5 would call it a syntax error */
    sqlite3_bind_text(e->q, 1, e->buf, (int)len, SQLITE_STATIC);
    sqlite3_bind_int(e->q, 2, TOP_K);
    int n = 0, rc;
    while ((rc = sqlite3_step(e->q)) == SQLITE_ROW && n < TOP_K)
        out[n++] = (long)sqlite3_column_int64(e->q, 0);
    check(e, rc, "query");
    sqlite3_reset(e->q);
    return n;
}

int main(int argc, char **argv) {
    if (argc != 4) die("usage", "fts5_rank <passages.tsv> <queries.tsv|-> <budget-s>");
    bench_engine e;
    memset(&e, 0, sizeof e);
    e.ps = read_passages(argv[1]);
    run_bench(&e, build, drop, query, argv[2], atof(argv[3]));
    free(e.buf);
    return 0;
}
