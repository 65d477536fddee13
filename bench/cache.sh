#!/usr/bin/env bash
# bench/cache.sh — section 6 of `make bench`: a large corpus, opened from
# its cache. corpus-7k (7,000 articles, about 500,000 passages, made by
# bench/cache/corpus.lua from corpus/ and tests/corpora/*) is opened:
#   - by the core before the cache ("today": commit $BASE, built from git),
#     a build in memory;
#   - by this core without a cache, with one being written (the first open),
#     from it (cached), and after one article changed (the update);
# beside SQLite FTS5 and Xapian indexing the same passages (Dossier's prose
# passages, exported as bench/retrieval.sh does) and answering the same
# queries (the claims of both development sets, top 10). Then Neovim opens a
# draft with the corpus, cold (a build in the background) and cached, while
# a 1 ms timer measures how long the main loop is held (bench/cache/editor.lua).
# Prints a markdown section on stdout, progress on stderr. Environment (quick
# trials only): CACHE_ARTICLES (7000), CACHE_RUNS (11 cached opens),
# CACHE_ROUNDS (3 builds of each kind).
set -euo pipefail
export LC_NUMERIC=C

BASE=c2cf7aa   # main before the cache (with issue 10's verdict and its second round): "today"
BASE_OLD=b2078c9 # main before the cache and the verdict: what the issue measured
ARTICLES=${CACHE_ARTICLES:-7000}
RUNS=${CACHE_RUNS:-11}
ROUNDS=${CACHE_ROUNDS:-3}
BUDGET=20
IN=build/bench
BIG=$IN/corpus-${ARTICLES}
BIN=$IN/bin
ROOT=$PWD

log() { echo "cache: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

for tool in cc g++ git nvim lua5.4 pkg-config; do
  command -v "$tool" >/dev/null || die "$tool not found"
done
pkg-config --exists sqlite3 || die "libsqlite3-dev not installed (SQLite FTS5 peer)"
pkg-config --exists xapian-core || die "libxapian-dev not installed (Xapian peer)"
[ -f build/libdossier.a ] || die "build/libdossier.a missing: run make all"
for b in "$BASE" "$BASE_OLD"; do
  git cat-file -e "$b^{commit}" 2>/dev/null || die "commit $b (the core before the cache) not in this repository"
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dossier-cache-bench.XXXXXX")
XDIR=$WORK
if [ -d /dev/shm ] && [ -w /dev/shm ]; then XDIR=$(mktemp -d /dev/shm/dossier-xapian.XXXXXX); fi
trap 'rm -rf "$WORK" "$XDIR"' EXIT
CACHE=$WORK/cache # the cache of corpus-7k (the disk the bench runs on)

# ------------------------------------------------------------ the corpus
stamp=$BIG/.made
if [ ! -f "$stamp" ] || [ -n "$(find bench/cache/corpus.lua corpus tests/corpora -newer "$stamp" | head -1)" ]; then
  log "generating $BIG"
  LUA_CPATH="./build/lua5.4/?.so;;" lua5.4 bench/cache/corpus.lua "$BIG" "$ARTICLES"
  # dated a minute back, as a corpus written earlier is: a file modified
  # within 2 s of an open is compared by content (CACHE_RACY_NS)
  find "$BIG" -type f -exec touch -d '-1 minute' {} +
  touch "$stamp"
fi
MB=$(du -sm --apparent-size "$BIG" | cut -f1)

# ------------------------------------------------------------ programs
mkdir -p "$BIN" "$WORK/base" "$WORK/base_old"
WARN="-Wall -Wextra -Werror -Wshadow -Wno-unused-parameter -O2"
CSTD="-std=c11 -D_POSIX_C_SOURCE=200809L -Wstrict-prototypes"
DLIBS="$(pkg-config --libs libpcre2-8 yaml-0.1) -lstemmer -lpthread -lm"
log "building the programs (and the core of $BASE)"
# shellcheck disable=SC2086
{
  cc $CSTD $WARN -Iinclude bench/cache/cache_bench.c build/libdossier.a $DLIBS -o "$BIN/cache_bench"
  cc $CSTD $WARN -Iinclude bench/retrieval/export.c build/libdossier.a $DLIBS -o "$BIN/retrieval_export"
  cc $CSTD $WARN bench/retrieval/fts5_rank.c $(pkg-config --cflags --libs sqlite3) -o "$BIN/fts5_rank"
  g++ -std=c++17 $WARN bench/retrieval/xapian_rank.cc $(pkg-config --cflags --libs xapian-core) \
    -o "$BIN/xapian_rank"
  for b in base base_old; do
    rev=$BASE
    [ "$b" = base_old ] && rev=$BASE_OLD
    git archive "$rev" src include | tar -x -C "$WORK/$b"
    for f in "$WORK/$b"/src/*.c; do
      [ "${f##*/}" = lua_dossier.c ] && continue
      cc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -g -fvisibility=hidden -I"$WORK/$b/include" -c "$f" -o "${f%.c}.o"
    done
    ar rcs "$WORK/$b/libbase.a" "$WORK/$b"/src/*.o
  done
  cc $CSTD $WARN -DBASE_API -I"$WORK/base/include" bench/cache/cache_bench.c "$WORK/base/libbase.a" $DLIBS \
    -o "$BIN/cache_bench_base"
  # the core before the verdict has no verdict to hash: its open is timed alone
  cc $CSTD $WARN -DBASE_API -DBASE_OPEN_ONLY -I"$WORK/base_old/include" bench/cache/cache_bench.c \
    "$WORK/base_old/libbase.a" $DLIBS -o "$BIN/cache_bench_base_old"
}

# the claims of both development sets, one a line; as queries for the peers
cat >"$WORK/claims.lua" <<'LUA'
local lyaml = require("lyaml")
for _, path in ipairs(arg) do
  local f = assert(io.open(path, "rb"))
  local dev = lyaml.load(f:read("a"))
  f:close()
  for _, list in ipairs({ dev.claims or {}, dev.unsupported or {}, dev.contradicted or {} }) do
    for _, c in ipairs(list) do
      print((c.claim:gsub("%s+", " ")))
    end
  end
end
LUA
lua5.4 "$WORK/claims.lua" tests/dev/claims.yaml tests/dev/chile-miners/claims.yaml >"$WORK/claims.txt"
# latency: every fourth claim (a peer at 500,000 passages takes up to a
# second a query), the same for every engine
awk 'NR % 4 == 1' "$WORK/claims.txt" >"$WORK/latency.txt"
sed 's/$/\t/' "$WORK/latency.txt" >"$WORK/queries.tsv"
log "exporting the passages of $BIG"
DOSSIER_CACHE=off "$BIN/retrieval_export" "$BIG" "$WORK/big.tsv"
cat >"$WORK/passages.lua" <<'LUA'
local c = assert(require("dossier.core").open(arg[1], { cache = "off" }))
local n = 0
for _, a in ipairs(c:articles()) do
  n = n + a.passages
end
io.write(n)
LUA
LUA_CPATH="./build/lua5.4/?.so;;" lua5.4 "$WORK/passages.lua" "$BIG" >"$WORK/passages"

# ------------------------------------------------------------ runs
R=$WORK/results.txt
: >"$R"
run() { echo "what=$1 $($BIN/"$2" "${@:3}")" >>"$R"; }
for r in $(seq 1 "$ROUNDS"); do
  log "round $r of $ROUNDS: today's open, a build in memory, a first open"
  run today cache_bench_base memory "$BIG" - "$WORK/claims.txt"
  run today_old cache_bench_base_old memory "$BIG" - "$WORK/claims.txt"
  run memory cache_bench memory "$BIG" - "$WORK/claims.txt"
  run first cache_bench first "$BIG" "$CACHE" "$WORK/claims.txt"
done
log "cached opens and queries"
run cached cache_bench cached "$BIG" "$CACHE" "$WORK/claims.txt" "$RUNS" "$WORK/latency.txt"
log "SQLite FTS5 and Xapian on the same passages"
echo "what=fts5 $("$BIN/fts5_rank" "$WORK/big.tsv" "$WORK/queries.tsv" "$BUDGET")" >>"$R"
echo "what=xapian $("$BIN/xapian_rank" "$WORK/big.tsv" "$WORK/queries.tsv" "$BUDGET" "$XDIR/db")" >>"$R"
log "one article changed, added, removed (each an update written as a delta, then undone)"
for r in $(seq 1 "$ROUNDS"); do
  run update cache_bench update "$BIG" "$CACHE" "$WORK/claims.txt" 1 "$BIG/synthetic-$(printf %04d $((ARTICLES / 2 + r)))".txt
  run add cache_bench add "$BIG" "$CACHE" "$WORK/claims.txt" 1 "$BIG/synthetic-$(printf %04d $((ARTICLES / 2 + r)))a.txt"
  run remove cache_bench remove "$BIG" "$CACHE" "$WORK/claims.txt" 1 "$BIG/synthetic-$(printf %04d $((ARTICLES / 3 + r)))".txt
done
run cached_after cache_bench cached "$BIG" "$CACHE" "$WORK/claims.txt" 3 "$WORK/latency.txt"

log "Neovim: a draft opened with the corpus, cold and cached"
cp doc/sample-draft.md "$WORK/draft.md"
cp doc/sample-draft.md "$WORK/draft.md.copy.md"
E=$WORK/editor.txt
: >"$E"
for kind in cold cached cold cached cached; do
  cache=$CACHE
  [ "$kind" = cold ] && cache=off
  BENCH_ROOT=$ROOT BENCH_CORPUS=$BIG BENCH_DRAFT=$WORK/draft.md BENCH_CACHE=$cache \
    nvim --headless -u NONE -i NONE --cmd "set rtp^=$ROOT" -c "luafile bench/cache/editor.lua" \
    </dev/null 2>/dev/null | sed "s/^/$kind /" >>"$E" || die "editor.lua failed ($kind)"
done

# ------------------------------------------------------------ report
awk -v mb="$MB" -v base="$BASE" -v base_old="$BASE_OLD" -v editor="$E" -v claims="$(wc -l <"$WORK/claims.txt")" \
  -v articles="$ARTICLES" -v rounds="$ROUNDS" -v passages="$(cat "$WORK/passages")" '
function med(list,   n, a, i, j, t) {
  n = split(substr(list, 2), a, " ")
  for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
  lo = a[1]; hi = a[n]
  return a[int((n + 1) / 2)]
}
function ms(s) { return s < 1 ? sprintf("%.1f ms", s * 1000) : sprintf("%.2f s", s) }
function mib(kb) { return sprintf("%.0f MiB", kb / 1024) }
function yes(c) { return c ? "yes" : "**no**" }
{
  delete f
  for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
  w = f["what"]
  if ("open_s" in f) open[w] = open[w] " " f["open_s"]
  if ("rss_open_kb" in f) rss[w] = f["rss_open_kb"]
  if ("rank_hash" in f) hash[w] = f["rank_hash"]
  if ("near_hash" in f) near[w] = f["near_hash"]
  for (k in f) v[w, k] = f[k]
}
END {
  while ((getline line < editor) > 0) {
    split(line, p, " ")
    ed[p[1], p[2]] = ed[p[1], p[2]] " " p[3]
  }
  t = med(open["today"]); tl = lo; th = hi
  to = med(open["today_old"]); tol = lo; toh = hi
  m = med(open["memory"]); ml = lo; mh = hi
  fo = med(open["first"]); fl = lo; fh = hi
  u = med(open["update"]); ul = lo; uh = hi
  ua = med(open["add"]); ual = lo; uah = hi
  ur = med(open["remove"]); url = lo; urh = hi
  c = v["cached", "open_s"]
  print "## 6. A large corpus and its cache"
  print ""
  printf "corpus-7k: %d articles, %d passages (%d prose, %d MB of text), generated by bench/cache/corpus.lua from corpus/ and tests/corpora/*; the %d claims of both development sets as queries (top 10) for the rankings hash, every fourth of them for the latencies (repeated to %d queries for Dossier). Builds are timed inside the process, median [min–max] of %d rounds taken in turns; the cache is on this machine'\''s disk.\n\n", articles, passages, v["fts5", "docs"], mb, claims, v["cached", "queries"], rounds
  print "| open of corpus-7k | time | per MB | resident memory after it | rankings (hash) |"
  print "|---|---:|---:|---:|---|"
  printf "| the core before the cache and the verdict (%s), a build in memory | %s [%s–%s] | %.1f ms | %s | |\n", base_old, ms(to), ms(tol), ms(toh), to * 1000 / mb, mib(rss["today_old"])
  printf "| today: the core before the cache (%s), a build in memory | %s [%s–%s] | %.1f ms | %s | %s (to 12 digits: %s) |\n", base, ms(t), ms(tl), ms(th), t * 1000 / mb, mib(rss["today"]), hash["today"], near["today"]
  printf "| no cache (`cache = off`): a build in memory | %s [%s–%s] | %.1f ms | %s | %s (to 12 digits: %s) |\n", ms(m), ms(ml), ms(mh), m * 1000 / mb, mib(rss["memory"]), hash["memory"], near["memory"]
  printf "| first open: the build, and the cache written (%s) | %s [%s–%s] | %.1f ms | %s | %s |\n", mib(v["first", "cache_bytes"] / 1024), ms(fo), ms(fl), ms(fh), fo * 1000 / mb, mib(rss["first"]), hash["first"]
  printf "| cached open (%d opens) | %s [%s–%s] | %.2f ms | %s | %s |\n", v["cached", "runs"], ms(c), ms(v["cached", "open_min_s"]), ms(v["cached", "open_max_s"]), c * 1000 / mb, mib(rss["cached"]), hash["cached"]
  printf "| after one article changed: the update (%s read, a delta of %s KiB written) | %s [%s–%s] | %.1f%% of the first open: ≤ 5%% %s | | %s |\n", v["update", "articles_read"], sprintf("%.0f", v["update", "delta_bytes"] / 1024), ms(u), ms(ul), ms(uh), 100 * u / fo, u <= 0.05 * fo ? "met" : "**not met**", hash["cached_after"]
  printf "| after one article added: the update (%s read, a delta of %s KiB) | %s [%s–%s] | %.1f%% of the first open: ≤ 5%% %s | | |\n", v["add", "articles_read"], sprintf("%.0f", v["add", "delta_bytes"] / 1024), ms(ua), ms(ual), ms(uah), 100 * ua / fo, ua <= 0.05 * fo ? "met" : "**not met**"
  printf "| after one article removed: the update (%s read, a delta of %s KiB) | %s [%s–%s] | %.1f%% of the first open: ≤ 5%% %s | | |\n", v["remove", "articles_read"], sprintf("%.0f", v["remove", "delta_bytes"] / 1024), ms(ur), ms(url), ms(urh), 100 * ur / fo, ur <= 0.05 * fo ? "met" : "**not met**"
  printf "| the next open, base and delta merged (one article changed) | %s | | %s | |\n", ms(v["update", "delta_open_s"]), mib(v["update", "rss_delta_kb"])
  print ""
  print "| the same passages | index ready in | resident memory | query p50 | query p99 |"
  print "|---|---:|---:|---:|---:|"
  printf "| Dossier, cached open | %s | %s after the open, %s after the queries | %.0f µs | %.0f µs |\n", ms(c), mib(v["cached", "rss_open_kb"]), mib(v["cached", "rss_queries_kb"]), v["cached", "p50_us"], v["cached", "p99_us"]
  printf "| SQLite FTS5 (in memory) | %s | %s (peak) | %.0f µs | %.0f µs |\n", ms(v["fts5", "build_s"]), mib(v["fts5", "rss_build_kb"]), v["fts5", "p50_us"], v["fts5", "p99_us"]
  printf "| Xapian (glass, tmpfs) | %s | %s (peak) | %.0f µs | %.0f µs |\n", ms(v["xapian", "build_s"]), mib(v["xapian", "rss_build_kb"]), v["xapian", "p50_us"], v["xapian", "p99_us"]
  print ""
  print "| Neovim 0.7.2: a draft opened with corpus-7k | cold (a build in the background) | cached |"
  print "|---|---:|---:|"
  split("edit_bare edit first_marks loaded gap_max gap_p99 gaps_over_16", K, " ")
  names["edit_bare"] = ":edit, the plugin off (ms)"; names["edit"] = ":edit, the plugin on (ms)"
  names["first_marks"] = "rows in view highlighted after (ms)"; names["loaded"] = "whole corpus loaded after (ms)"
  names["gap_max"] = "longest hold of the main loop after :edit (ms)"; names["gap_p99"] = "99th percentile of the holds (ms)"
  names["gaps_over_16"] = "holds over 16 ms"
  for (k = 1; k <= 7; k++) {
    printf "| %s | %.1f | %.1f |\n", names[K[k]], med(ed["cold", K[k]]), med(ed["cached", K[k]])
  }
  worst = med(ed["cold", "gap_max"]) > med(ed["cached", "gap_max"]) ? med(ed["cold", "gap_max"]) : med(ed["cached", "gap_max"])
  edit_more = med(ed["cached", "edit"]) - med(ed["cached", "edit_bare"])
  edit_more_cold = med(ed["cold", "edit"]) - med(ed["cold", "edit_bare"])
  if (edit_more_cold > edit_more) edit_more = edit_more_cold
  print ""
  same = hash["memory"] == hash["first"] && hash["first"] == hash["cached"]
  same_today = near["today"] == near["memory"]
  printf "- Targets: cached open ≤ 50 ms: %s (%s); first open no slower than today per MB: %s (%.1f vs %.1f ms/MB); resident memory after a cached open ≤ FTS5%s: %s (%s vs %s); query p50 ≤ Xapian%s: %s (%.0f vs %.0f µs); rankings and verdicts byte-identical to the build in memory: %s (to today%ss, to 12 digits: %s); re-index after one article changed ≤ 5%% of a full build: %s (%s, %.1f%% of the first open); in Neovim no hold of input over 16 ms: %s (longest %.1f ms after :edit; :edit itself %.1f ms longer than without the plugin).\n", yes(c <= 0.05), ms(c), yes(fo <= t), fo * 1000 / mb, t * 1000 / mb, "\x27s", yes(v["cached", "rss_open_kb"] <= v["fts5", "rss_build_kb"]), mib(v["cached", "rss_open_kb"]), mib(v["fts5", "rss_build_kb"]), "\x27s", yes(v["cached", "p50_us"] <= v["xapian", "p50_us"]), v["cached", "p50_us"], v["xapian", "p50_us"], yes(same), "\x27", yes(same_today), yes(u <= 0.05 * fo), ms(u), 100 * u / fo, yes(worst <= 16 && edit_more <= 16), worst, edit_more
  print "- What is timed: an open is `dossier_open_ex()` until it returns a corpus ready for queries. \"Today\" is the core of the commit named, built from git and opening the same files; the first open writes the cache (a temporary file, fsync, rename) before it returns; a cached open checks the cache (format, byte order, checksum of the whole file, every source file'\''s size and mtime) and maps it. Memory is VmRSS after the open: a cached open holds only the pages it touched, as the mapping is read in place. FTS5 and Xapian index Dossier'\''s prose passages already in memory (their RSS, a peak, includes that passage file); Xapian'\''s database is on tmpfs."
  print "- The update: one article grown by a sentence (or a new one added, or one moved out of the corpus), then the open that indexes it alone and writes a delta beside the cache, which it leaves as it is (doc/cache-format.md); the percentage is of the median first open of the same run. The next open merges base and delta (its time and memory in the row after). The rankings hash after them is that of the restored corpus (the delta dropped), opened from the cache again."
  print "- Neovim: bench/cache/editor.lua in a fresh headless Neovim per run (median of the runs), the plugin on 'runtimepath'. A 1 ms libuv timer runs from before `:edit` until the corpus has loaded and 200 ms more; a hold is the time between two of its ticks, i.e. how long typed keys would have waited. Cold: `vim.g.dossier_cache = \"off\"`, so the build runs in the background (core.open_async) while the draft is highlighted from the gazetteer."
}' "$R"
log "done"
