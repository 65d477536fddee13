#!/usr/bin/env bash
# bench/retrieval.sh — section 3: retrieval. Dossier's corroboration ranking
# against SQLite FTS5 and Xapian on the same passages: index build time, query
# latency, peak memory, at the default corpus and at corpus-100k; ranking
# quality on the development claims of both development corpora (the five
# articles with tests/dev/claims.yaml, tests/corpora/chile-miners with
# tests/dev/chile-miners/claims.yaml), with Dossier's verdict per outcome;
# and what WordNet costs (its open, its memory, the first claims).
#
# All three engines rank the same passages: the prose passages and headings Dossier finds,
# exported by bench/retrieval/export.c, with hits mapped back to Dossier's
# passage indexes. Programs: bench/retrieval/*.c*, built into build/bench/bin/.
# Run from the repository root after `make all` and bench/inputs.lua (as
# bench/run.sh does). The markdown section goes to stdout, progress to stderr.
# Environment (for quick trials only):
#   RETRIEVAL_CORPUS  the large corpus (default build/bench/corpus-100k)
set -euo pipefail
export LC_NUMERIC=C # a decimal point in awk's numbers
# The index build is measured as a build: without the cache (a cached open,
# bench/cache.sh's business, would answer every build but the first).
export DOSSIER_CACHE=off

BIN=build/bench/bin
BIG=${RETRIEVAL_CORPUS:-build/bench/corpus-100k}
BUILDS_SMALL=5 # index builds per engine on the default corpus
BUILDS_BIG=3   # and on corpus-100k
BUDGET=20      # seconds of timed queries per engine, beyond the first round

log() { echo "retrieval: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# ------------------------------------------------------------ peers and inputs
for tool in cc g++ pkg-config lua5.4; do
  command -v "$tool" >/dev/null || die "$tool not found (make bench installs the bench packages)"
done
lua5.4 -e 'require("lyaml")' 2>/dev/null || die "lua-yaml not installed (reads tests/dev/claims.yaml)"
pkg-config --exists sqlite3 || die "libsqlite3-dev not installed (SQLite FTS5 peer)"
pkg-config --exists xapian-core || die "libxapian-dev not installed (Xapian peer)"
[ -f build/libdossier.a ] || die "build/libdossier.a missing: run make all"
[ -n "$(ls "$BIG" 2>/dev/null)" ] || die "$BIG missing or empty: generate the inputs first (bench/run.sh does)"

# ------------------------------------------------------------ programs
mkdir -p "$BIN"
WARN="-Wall -Wextra -Werror -Wshadow -Wno-unused-parameter -O2"
CSTD="-std=c11 -D_POSIX_C_SOURCE=200809L -Wstrict-prototypes"
# shellcheck disable=SC2046
DLIBS="build/libdossier.a $(pkg-config --libs libpcre2-8 yaml-0.1) -lstemmer -lm"
log "building the rankers"
# shellcheck disable=SC2086
{
  cc $CSTD $WARN -Iinclude bench/retrieval/export.c $DLIBS -o "$BIN/retrieval_export"
  cc $CSTD $WARN -Iinclude bench/retrieval/dossier_rank.c $DLIBS -o "$BIN/dossier_rank"
  cc $CSTD $WARN -Iinclude bench/retrieval/wordnet_cost.c $DLIBS -o "$BIN/wordnet_cost"
  cc $CSTD $WARN bench/retrieval/fts5_rank.c $(pkg-config --cflags --libs sqlite3) \
    -o "$BIN/fts5_rank"
  g++ -std=c++17 $WARN bench/retrieval/xapian_rank.cc $(pkg-config --cflags --libs xapian-core) \
    -o "$BIN/xapian_rank"
}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dossier-retrieval.XXXXXX")
# Xapian's database goes to tmpfs when there is one, so no engine touches a disk.
XDIR=$WORK
if [ -d /dev/shm ] && [ -w /dev/shm ]; then XDIR=$(mktemp -d /dev/shm/dossier-xapian.XXXXXX); fi
trap 'rm -rf "$WORK" "$XDIR"' EXIT

log "exporting passages and claims"
lua5.4 bench/retrieval/claims.lua tests/dev/claims.yaml >"$WORK/claims.tsv"
"$BIN/retrieval_export" corpus "$WORK/small.tsv" "$WORK/claims.tsv" "$WORK/queries.tsv"
"$BIN/retrieval_export" "$BIG" "$WORK/big.tsv"
cut -f1 "$WORK/queries.tsv" | sed 's/$/\t/' >"$WORK/claims-only.tsv" # no gold at 100k

# ------------------------------------------------------------ runs
RESULTS=$WORK/results.txt
: >"$RESULTS"

# one <size> <engine> <queries-or-dash>: one build (+ queries) of one engine
one() {
  local size=$1 engine=$2 queries=$3 src line
  case $engine in
  dossier) src=corpus ;;
  *) src=$WORK/small.tsv ;;
  esac
  if [ "$size" = 100k ]; then
    [ "$engine" = dossier ] && src=$BIG || src=$WORK/big.tsv
  fi
  case $engine in
  dossier) line=$("$BIN/dossier_rank" "$src" "$queries" "$BUDGET") ;;
  fts5) line=$("$BIN/fts5_rank" "$src" "$queries" "$BUDGET") ;;
  xapian)
    rm -rf "$XDIR/db"
    line=$("$BIN/xapian_rank" "$src" "$queries" "$BUDGET" "$XDIR/db")
    line="$line xapian_db_kb=$(du -sk "$XDIR/db" | cut -f1)"
    ;;
  esac
  echo "size=$size engine=$engine $line" >>"$RESULTS"
}

# The engines take turns, build after build, so that load from elsewhere on
# the machine falls on all of them alike. The first round also runs queries.
rounds() {
  local size=$1 builds=$2 queries=$3
  for r in $(seq 1 "$builds"); do
    for engine in dossier fts5 xapian; do
      log "$size: $engine, build $r of $builds$([ "$r" = 1 ] && echo " + queries")"
      if [ "$r" = 1 ]; then one "$size" "$engine" "$queries"; else one "$size" "$engine" -; fi
    done
  done
}
rounds default "$BUILDS_SMALL" "$WORK/queries.tsv"
rounds 100k "$BUILDS_BIG" "$WORK/claims-only.tsv"

# Quality on each development corpus: one build and one round of the claims
# per engine (no timing), then Dossier's verdicts.
QUALITY=$WORK/quality.txt
: >"$QUALITY"
while read -r dev dir claims; do
  log "quality on $dev"
  lua5.4 bench/retrieval/claims.lua "$claims" >"$WORK/$dev-claims.tsv"
  "$BIN/retrieval_export" "$dir" "$WORK/$dev-passages.tsv" "$WORK/$dev-claims.tsv" "$WORK/$dev-queries.tsv"
  echo "dev=$dev engine=dossier $("$BIN/dossier_rank" "$dir" "$WORK/$dev-queries.tsv" 0)" >>"$QUALITY"
  echo "dev=$dev engine=fts5 $("$BIN/fts5_rank" "$WORK/$dev-passages.tsv" "$WORK/$dev-queries.tsv" 0)" >>"$QUALITY"
  rm -rf "$XDIR/db"
  echo "dev=$dev engine=xapian $("$BIN/xapian_rank" "$WORK/$dev-passages.tsv" "$WORK/$dev-queries.tsv" 0 "$XDIR/db")" >>"$QUALITY"
  echo "engine=verdict $(LUA_CPATH='./build/lua5.4/?.so;;' lua5.4 bench/retrieval/verdicts.lua "$dir" "$claims" "$dev")" >>"$QUALITY"
done <<EOF2
default corpus tests/dev/claims.yaml
chile-miners tests/corpora/chile-miners tests/dev/chile-miners/claims.yaml
EOF2
log "WordNet's cost"
WORDNET=$("$BIN/wordnet_cost" corpus "$WORK/queries.tsv")

# ------------------------------------------------------------ report
awk -v budget="$BUDGET" '
function med(list,   n, a, i, j, t) {
  n = split(list, a, " ")
  for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
  lo = a[1]; hi = a[n]
  return a[int((n + 1) / 2)]
}
function secs(x) { return x < 1 ? sprintf("%.0f ms", x * 1000) : sprintf("%.2f s", x) }
function us(x) { return x < 1000 ? sprintf("%.0f µs", x) : sprintf("%.1f ms", x / 1000) }
function mib(kb) { return sprintf("%.0f MiB", kb / 1024) }
function ratio(a, b) { return b <= 0 ? "–" : a / b < 0.1 ? sprintf("%.3f", a / b) : sprintf("%.2f", a / b) }
{
  delete f
  for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
  if ("dev" in f) { # the quality file: one line per corpus and engine, or its verdicts
    q = f["dev"] SUBSEP f["engine"]
    if (f["engine"] == "verdict") { for (x in f) verdict[f["dev"], x] = f[x]; next }
    qh1[q] = f["hit1"]; qh5[q] = f["hit5"]; qmrr[q] = f["mrr"]; qn[f["dev"]] = f["claims"]
    next
  }
  k = f["size"] SUBSEP f["engine"]
  builds[k] = builds[k] " " f["build_s"]
  if (f["rss_build_kb"] > rss_build[k]) rss_build[k] = f["rss_build_kb"]
  if ("p50_us" in f) {
    docs[k] = f["docs"]; p50[k] = f["p50_us"]; p99[k] = f["p99_us"]; nq[k] = f["queries"]
    rss_peak[k] = f["rss_peak_kb"]; claims[k] = f["claims"]
    hit1[k] = f["hit1"]; hit5[k] = f["hit5"]; mrr[k] = f["mrr"]
    if ("xapian_db_kb" in f) xdb[f["size"]] = f["xapian_db_kb"]
  }
}
END {
  split("dossier fts5 xapian", E, " ")
  name["dossier"] = "Dossier"; name["fts5"] = "SQLite FTS5"; name["xapian"] = "Xapian"
  split("default 100k", S, " ")
  label["default"] = "default (corpus/)"; label["100k"] = "corpus-100k"
  print "## 3. Retrieval"
  print ""
  print "| corpus | engine | passages | index build: median (min–max) | Dossier / engine | build peak RSS | query p50 | query p99 | Dossier / engine (p50) | queries timed | peak RSS |"
  print "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for (s = 1; s <= 2; s++) {
    d = S[s] SUBSEP "dossier"
    dmed = med(builds[d])
    for (e = 1; e <= 3; e++) {
      k = S[s] SUBSEP E[e]
      m = med(builds[k])
      n = split(substr(builds[k], 2), tmp, " ")
      bmed[k] = m
      printf "| %s | %s | %d | %s (%s–%s, n=%d) | %s | %s | %s | %s | %s | %d | %s |\n",
        label[S[s]], name[E[e]], docs[k], secs(m), secs(lo), secs(hi), n, ratio(dmed, m),
        mib(rss_build[k]), us(p50[k]), us(p99[k]), ratio(p50[d], p50[k]), nq[k], mib(rss_peak[k])
    }
  }
  print ""
  split("default chile-miners", Q, " ")
  qlabel["default"] = "the five articles (tests/dev/claims.yaml)"
  qlabel["chile-miners"] = "chile-miners (tests/dev/chile-miners/claims.yaml)"
  print "Ranking quality on the development claims of both corpora (supported claims, top 10):"
  print ""
  print "| development set | engine | hit@1 | hit@5 | MRR@10 | hit@1: Dossier − engine |"
  print "|---|---|---:|---:|---:|---:|"
  for (s = 1; s <= 2; s++)
    for (e = 1; e <= 3; e++) {
      k = Q[s] SUBSEP E[e]
      printf "| %s | %s | %.3f | %.3f | %.3f | %+.3f |\n", qlabel[Q[s]], name[E[e]], qh1[k], qh5[k], qmrr[k],
        qh1[Q[s] SUBSEP "dossier"] - qh1[k]
    }
  print ""
  print "Dossier\x27s verdicts on the same sets, per outcome (each claim judged with the 3 hits the check asks for):"
  print ""
  print "| development set | claims | reported supported | reported contradicted | reported unverified | right | mean time per claim |"
  print "|---|---|---:|---:|---:|---:|---:|"
  split("supported unsupported contradicted", K, " ")
  right["supported"] = "supported"; right["unsupported"] = "unverified"; right["contradicted"] = "contradicted"
  for (s = 1; s <= 2; s++)
    for (kk = 1; kk <= 3; kk++) {
      t = K[kk]; n = verdict[Q[s], t "_n"] + 0
      if (n == 0) continue
      r = verdict[Q[s], t "_" right[t]] + 0
      if (t == "unsupported") r = n - verdict[Q[s], t "_supported"]
      printf "| %s | %d %s | %d (%.2f) | %d (%.2f) | %d (%.2f) | %.2f | %.1f ms |\n", qlabel[Q[s]], n, t,
        verdict[Q[s], t "_supported"], verdict[Q[s], t "_supported"] / n,
        verdict[Q[s], t "_contradicted"], verdict[Q[s], t "_contradicted"] / n,
        verdict[Q[s], t "_unverified"], verdict[Q[s], t "_unverified"] / n, r / n, verdict[Q[s], "verdict_ms"]
    }
  print ""
  print "- \"right\": a supported claim reported supported, an unsupported one not reported supported, a contradicted one reported contradicted. Issue 10\x27s targets: supported ≥ 0.85, unsupported reported supported ≤ 1 in 15, contradicted reported supported ≤ 1 in 20 and reported contradicted ≥ 0.75."
  split(wordnet, W, " ")
  for (i in W) { split(W[i], kv, "="); wn[kv[1]] = kv[2] }
  print ""
  if (wn["wordnet"] == "open") {
    print "WordNet (Debian\x27s wordnet-base, read in place by src/wordnet.c; opened the first time a claim needs it, never with the corpus):"
    print ""
    print "| measure | with WordNet | without |"
    print "|---|---:|---:|"
    printf "| opening the database (median of 5) | %.2f ms | – |\n", wn["open_ms"]
    printf "| database files mapped | %.1f MiB | – |\n", wn["mapped_kb"] / 1024
    printf "| resident memory added by the first %d claims | %.1f MiB | %.1f MiB |\n", wn["claims"], wn["rss_with_kb"] / 1024, wn["rss_without_kb"] / 1024
    printf "| a claim, the first time (its words looked up) | %s | %s |\n", us(wn["claim_first_us_with"]), us(wn["claim_first_us_without"])
    printf "| a claim, again (looked up once per corpus) | %s | %s |\n", us(wn["claim_warm_us_with"]), us(wn["claim_warm_us_without"])
  } else {
    print "WordNet is not installed: its cost is not measured."
  }
  print ""
  d = "default" SUBSEP "dossier"
  D = "100k" SUBSEP "dossier"; F = "100k" SUBSEP "fts5"; X = "100k" SUBSEP "xapian"
  t1 = p50[D] <= p50[X] ? "met" : "missed"
  t2 = bmed[D] <= bmed[F] ? "met" : "missed"
  t3 = (qh1["default" SUBSEP "dossier"] > qh1["default" SUBSEP "fts5"] && qh1["default" SUBSEP "dossier"] > qh1["default" SUBSEP "xapian"] && qh1["chile-miners" SUBSEP "dossier"] > qh1["chile-miners" SUBSEP "fts5"] && qh1["chile-miners" SUBSEP "dossier"] > qh1["chile-miners" SUBSEP "xapian"]) ? "met" : "missed"
  print "- Index build, Dossier: `dossier_open()` of the corpus directory, everything a user waits for: reading the files, front matter and actors.yaml, sentence segmentation with the site-furniture rules, the actor-mention scan and the BM25 index. Peers: indexing passages already in memory (the export from Dossier is not timed): FTS5 = an in-memory table `fts5(text, tokenize=\x27porter unicode61\x27)`, inserts in one transaction plus `optimize`; Xapian = a glass database on tmpfs, TermGenerator with `Stem(\"english\")`, no positions (no query uses them), then `commit()`. Engines take turns, one build per process."
  printf "- Query: one claim in, the top 10 passages out. Dossier = `dossier_corroborate()` (tokenizing, actor scan, facts, related words, BM25 with context, the alignment and re-ranking of the 30 best, the verdict, the evidence of the hits); FTS5 = the claim\x27s words OR-ed, `ORDER BY rank` (bm25) `LIMIT 10`; Xapian = QueryParser (OR, English stemmer) and Enquire with BM25Weight. p50/p99 over the %d claims of tests/dev/claims.yaml (supported and unsupported) repeated to at least 1000 queries, or fewer once an engine has spent %d s on them (the `queries timed` column).\n", nclaims, budget
  printf "- Peak RSS = the process\x27s ru_maxrss after the build (build peak) and after the queries; the peers\x27 include the passage file they load (%s at 100k). Xapian\x27s database on tmpfs (%s at 100k) is not in its RSS.\n", mib(rss_base_kb), mib(xdb["100k"])
  print "- Quality: the gold passages of a claim are those holding its `contains` text, as tests/lua/quality_spec.lua resolves them; hit@k = share of supported claims with a gold passage in the top k, MRR over the top 10. All engines rank the same passages (prose and headings), exported from Dossier."
  printf "- Targets at 100k: query p50 no slower than Xapian: %s (%s vs %s); index build no slower than FTS5: %s (%s vs %s); better hit@1 than both, on both development corpora: %s.\n",
    t1, us(p50[D]), us(p50[X]), t2, secs(bmed[D]), secs(bmed[F]), t3
}' rss_base_kb="$(($(stat -c %s "$WORK/big.tsv") / 1024))" nclaims="$(wc -l <"$WORK/queries.tsv")" \
  wordnet="$WORDNET" \
  "$QUALITY" "$RESULTS"
log "done"
