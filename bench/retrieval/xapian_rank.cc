/* xapian_rank.cc — Xapian as a peer in the retrieval benchmark.
 *
 *   xapian_rank <passages.tsv> <queries.tsv|-> <budget-s> [inmemory|<db-dir>]
 *
 * Index build = a WritableDatabase (by default a glass database in a fresh
 * directory, normally on tmpfs: see retrieval.sh), one document per passage
 * indexed by a TermGenerator with Stem("english") (Xapian's default strategy:
 * unstemmed terms plus Z-prefixed stems, with positions), then commit(). The
 * passages are read from the file before the clock starts. A query =
 * QueryParser with the same stemmer, OR between words, no boolean or phrase
 * syntax (a claim is prose, not a query language), and Enquire's top TOP_K by
 * BM25Weight with Xapian's default parameters. */
#include "common.h"

#include <string>
#include <vector>
#include <xapian.h>

struct bench_engine {
    bench_passages ps;
    std::string where; /* "inmemory" or a database directory */
    Xapian::WritableDatabase db;
    std::vector<long> passage_of; /* docid - 1 -> Dossier's passage index */
    Xapian::Stem stem{"english"};
};

static size_t build(bench_engine *e) {
    e->db = e->where == "inmemory"
                ? Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY)
                : Xapian::WritableDatabase(e->where, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(e->stem);
    e->passage_of.clear();
    for (size_t i = 0; i < e->ps.n; i++) {
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text_without_positions(e->ps.text[i]);
        e->db.add_document(doc);
        e->passage_of.push_back(e->ps.index[i]);
    }
    e->db.commit();
    return e->ps.n;
}

static void drop(bench_engine *e) {
    e->db.close();
    e->db = Xapian::WritableDatabase();
}

static int query(bench_engine *e, const char *text, long *out) {
    Xapian::QueryParser qp;
    qp.set_stemmer(e->stem);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_default_op(Xapian::Query::OP_OR);
    Xapian::Enquire enq(e->db);
    enq.set_query(qp.parse_query(text, 0));
    enq.set_weighting_scheme(Xapian::BM25Weight());
    Xapian::MSet m = enq.get_mset(0, TOP_K);
    int n = 0;
    for (Xapian::MSetIterator it = m.begin(); it != m.end() && n < TOP_K; ++it)
        out[n++] = e->passage_of[*it - 1];
    return n;
}

int main(int argc, char **argv) {
    if (argc != 4 && argc != 5)
        die("usage", "xapian_rank <passages.tsv> <queries.tsv|-> <budget-s> [inmemory|<db-dir>]");
    bench_engine e;
    e.ps = read_passages(argv[1]);
    e.where = argc == 5 ? argv[4] : "inmemory";
    try {
        run_bench(&e, build, drop, query, argv[2], atof(argv[3]));
    } catch (const Xapian::Error &err) {
        die("xapian", err.get_description().c_str());
    }
    return 0;
}
