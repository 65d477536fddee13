#!/usr/bin/env bash
# bench/startup.sh — section 4 of `make bench`: what the plugin costs at
# Neovim startup when unused, and on first use.
#
#   - wall time of `nvim --headless ... +q` with and without the plugin, by
#     hyperfine (many runs, medians): with -u NONE and the plugin file sourced
#     explicitly, and with -u NORC (plugins load as at a normal startup);
#   - the plugin file's own sourcing time from Neovim's --startuptime log;
#   - first use, timed inside fresh Neovims (bench/editor/firstuse.lua):
#     loading the core and the default corpus, and opening a draft with the
#     plugin (modules, core, corpus, highlighting) against Neovim alone.
# Prints a markdown section on stdout, progress on stderr. Environment (quick
# trials only): STARTUP_RUNS (hyperfine runs per command, 60), STARTUP_FRESH
# (fresh Neovims for first-use timings, 7).
set -euo pipefail
export LC_NUMERIC=C # a decimal point in $EPOCHREALTIME and awk's numbers

RUNS=${STARTUP_RUNS:-60}
FRESH=${STARTUP_FRESH:-7}
ROOT=$PWD

log() { echo "startup: $*" >&2; }
die() {
  echo "startup: error: $*" >&2
  exit 1
}

for t in nvim hyperfine awk sort; do
  command -v "$t" >/dev/null || die "$t not found (apt-get install hyperfine)"
done
[ -f lua/dossier/core.so ] || die "lua/dossier/core.so missing: run make all first"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/empty"
cp doc/sample-draft.md "$TMP/bare.md"
cp doc/sample-draft.md "$TMP/first.md"

# ------------------------------------------------------------ startup
NV="nvim --headless -i NONE"
log "hyperfine: 4 commands x $RUNS runs"
# the same command line but for the directory put on 'runtimepath'
hyperfine -N --style none --warmup 5 --runs "$RUNS" --export-csv "$TMP/hf.csv" \
  -n none-without "$NV -u NONE --cmd 'set rtp^=$TMP/empty' -c 'runtime plugin/dossier.lua' +q" \
  -n none-with "$NV -u NONE --cmd 'set rtp^=$ROOT' -c 'runtime plugin/dossier.lua' +q" \
  -n norc-without "$NV -u NORC --cmd 'set rtp^=$TMP/empty' +q" \
  -n norc-with "$NV -u NORC --cmd 'set rtp^=$ROOT' +q" >&2 || die "hyperfine failed"

# median (ms) of a hyperfine command: CSV command,mean,stddev,median,user,system,min,max
hf() { awk -F, -v k="$1" '$1 == k { printf "%.3f", $(NF - 4) * 1000 }' "$TMP/hf.csv"; }

# The same pair, interleaved (order alternating), each run timed by bash's
# $EPOCHREALTIME: the median of the per-pair differences cancels the drift
# of a shared machine's load that separate series of runs pick up.
log "interleaved pairs: $RUNS"
without=("nvim" --headless -i NONE -u NONE --cmd "set rtp^=$TMP/empty" -c "runtime plugin/dossier.lua" +q)
with=("nvim" --headless -i NONE -u NONE --cmd "set rtp^=$ROOT" -c "runtime plugin/dossier.lua" +q)
for ((r = 1; r <= RUNS; r++)); do
  if ((r % 2)); then
    t0=$EPOCHREALTIME; "${without[@]}" </dev/null; t1=$EPOCHREALTIME; "${with[@]}" </dev/null; t2=$EPOCHREALTIME
    echo "pair $t0 $t1 $t2" | awk '{ printf "pair %.6f\n", (($4 - $3) - ($3 - $2)) * 1000 }' >>"$TMP/vals.txt"
  else
    t0=$EPOCHREALTIME; "${with[@]}" </dev/null; t1=$EPOCHREALTIME; "${without[@]}" </dev/null; t2=$EPOCHREALTIME
    echo "pair $t0 $t1 $t2" | awk '{ printf "pair %.6f\n", (($3 - $2) - ($4 - $3)) * 1000 }' >>"$TMP/vals.txt"
  fi
done

log "--startuptime: $RUNS runs"
for ((r = 1; r <= RUNS; r++)); do
  rm -f "$TMP/st.log"
  $NV -u NORC --cmd "set rtp^=$ROOT" --startuptime "$TMP/st.log" +q </dev/null
  # "clock  self+sourced  self: sourcing <file>"
  awk '/sourcing .*\/plugin\/dossier\.lua$/ { print "sourcing", $2 }' "$TMP/st.log" >>"$TMP/vals.txt"
done
grep -q '^sourcing ' "$TMP/vals.txt" || die "plugin/dossier.lua not in the --startuptime log"

# ------------------------------------------------------------ first use
log "first use: $FRESH fresh Neovims"
for ((r = 1; r <= FRESH; r++)); do
  for mode in core plugin; do
    BENCH_ROOT=$ROOT BENCH_TMP=$TMP BENCH_MODE=$mode \
      nvim --headless -u NONE -i NONE --cmd "set rtp^=$ROOT" -c "luafile bench/editor/firstuse.lua" \
      </dev/null >>"$TMP/vals.txt" || die "firstuse.lua failed ($mode)"
  done
done

# ------------------------------------------------------------ reporting
V=$TMP/vals.txt
med() { awk -v k="$1" '$1 == k { print $2 }' "$V" | sort -g | awk '{ v[NR] = $1 } END {
  if (NR == 0) exit 1; printf "%.6f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
lo() { awk -v k="$1" '$1 == k { print $2 }' "$V" | sort -g | head -1; }
hi() { awk -v k="$1" '$1 == k { print $2 }' "$V" | sort -g | tail -1; }
fmt() { awk -v x="$1" 'BEGIN { if (x < 0 && x > -0.1) printf "%.3f", x; else if (x < 0.1) printf "%.3f", x; else if (x < 10) printf "%.2f", x; else printf "%.1f", x }'; }
mm() {
  local m
  m=$(med "$1") || die "no value for $1"
  echo "$(fmt "$m") [$(fmt "$(lo "$1")")–$(fmt "$(hi "$1")")]"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
diff() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }
met() { awk -v x="$1" -v t="$2" 'BEGIN { print (x < t) ? "yes" : "**no**" }'; }

n0=$(hf none-without)
n1=$(hf none-with)
r0=$(hf norc-without)
r1=$(hf norc-with)
src=$(med sourcing)
corpus=$(med corpus_open)
first=$(med edit_first)
ebare=$(med edit_bare)

cat <<EOF
## 4. Startup and first use (Neovim $(nvim --version | head -1 | cut -d' ' -f2))

| \`nvim --headless ... +q\`, median of $RUNS runs (hyperfine) | without plugin, ms | with plugin, ms | difference, ms | with / without |
|---|---|---|---|---|
| \`-u NONE\`, plugin file sourced (\`runtime plugin/dossier.lua\`) | $(fmt "$n0") | $(fmt "$n1") | $(fmt "$(diff "$n1" "$n0")") | $(ratio "$n1" "$n0") |
| \`-u NORC\`, plugins loaded as at a normal startup | $(fmt "$r0") | $(fmt "$r1") | $(fmt "$(diff "$r1" "$r0")") | $(ratio "$r1" "$r0") |
| \`-u NONE\` as above, $RUNS interleaved pairs: median [min–max] of the differences | | | $(mm pair) | |
| plugin/dossier.lua sourcing (--startuptime, median [min–max] of $RUNS) | | $(mm sourcing) | | |

| first use, ms: median [min–max] of $FRESH fresh Neovims | Dossier | Neovim alone | Dossier / Neovim alone | target | met |
|---|---|---|---|---|---|
| \`require("dossier.core")\` (loads core.so) | $(mm core_require) | | | | |
| \`core.open\` of the default corpus (5 articles, 87 actors), first | $(mm corpus_open) (CPU: $(fmt "$(med corpus_open_cpu)")) | | | < 10 | $(met "$corpus" 10) |
| \`core.open\` of the default corpus, again | $(mm corpus_reopen) | | | < 10 | $(met "$(med corpus_reopen)" 10) |
| \`:edit doc/sample-draft.md\`: plugin's first use (modules, core, corpus, highlights) | $(mm edit_first) (CPU: $(fmt "$(med edit_first_cpu)")) | $(mm edit_bare) | $(ratio "$first" "$ebare") | | |

- An unused plugin must add under 1 ms to startup: $(met "$(med pair)" 1) by the interleaved pairs, $(met "$src" 1) by the plugin file's own sourcing time. Separate series of wall-clock runs (hyperfine rows) drift by about as much as the difference on a shared machine (load average $(cut -d' ' -f1 /proc/loadavg)); the --startuptime figure is the plugin's own cost.
- The plugin file only defines \`:Dossier\`, the \`<Plug>\` maps and one FileType/BufWinEnter autocmd; nothing under lua/ is required until a draft is opened or a command is run.
- First use is timed inside Neovim with \`vim.loop.hrtime()\` (wall) and the thread's CPU time (leaves out time the OS gave to other processes); "Neovim alone" is the same \`:edit\` of a copy with the plugin switched off (\`g:dossier_disable\`). Targets are judged on the wall medians.
EOF
