#!/usr/bin/env bash
# bench/lsp.sh — section 5 of `make bench`: the language server (`dossier
# lsp`) beside the in-process Neovim plugin, for the same work on the same
# 300-line draft (build/bench/draft-300.md) and the default corpus.
#
#   bench/lsp/latency.c  a client over real pipes: didChange until the
#                        publishDiagnostics of that version (--debounce 0, and
#                        the default 300 ms), hover and completion on every
#                        actor mention, the server's resident set
#   bench/lsp/plugin.lua the plugin in a headless Neovim: its check
#                        (check.run), hover card (text.span_at_cursor + card) and
#                        completion candidates at the same mentions, and how
#                        much Neovim's resident set grows with it
# Each side runs LSP_RUNS times (fresh processes); the table gives medians
# of the per-run p50 and p99. Prints a markdown section on stdout, progress
# on stderr. Environment (quick trials only): LSP_RUNS (5), LSP_BENCH_EDITS
# (50), LSP_BENCH_REQUESTS (200), LSP_BENCH_DEBOUNCED (10).
set -euo pipefail
export LC_NUMERIC=C

IN=${LSP_INPUTS:-build/bench}
RUNS=${LSP_RUNS:-5}
BIN=build/bench/bin
ROOT=$PWD

log() { echo "lsp: $*" >&2; }
die() {
  echo "lsp: error: $*" >&2
  exit 1
}

for t in cc pkg-config nvim awk sort; do
  command -v "$t" >/dev/null || die "$t not found"
done
pkg-config --exists jansson || die "libjansson-dev not installed"
[ -x build/bin/dossier ] || die "build/bin/dossier missing: run make all first"
[ -f lua/dossier/core.so ] || die "lua/dossier/core.so missing: run make all first"
[ -s "$IN/draft-300.md" ] || die "$IN/draft-300.md missing: generate the inputs first (bench/run.sh does)"

mkdir -p "$BIN"
# shellcheck disable=SC2046
cc -std=c11 -Wall -Wextra -Werror -Wshadow -O2 -Itests/lsp bench/lsp/latency.c tests/lsp/client.c \
  $(pkg-config --cflags --libs jansson) -o "$BIN/lsp_latency"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cp "$IN/draft-300.md" "$TMP/draft.md"

log "$RUNS runs of the server and of the plugin"
for ((r = 1; r <= RUNS; r++)); do
  "$BIN/lsp_latency" build/bin/dossier "$TMP/draft.md" "$ROOT/corpus" "$TMP/positions.txt" \
    >>"$TMP/server.txt" || die "the server's run $r failed"
  BENCH_ROOT=$ROOT BENCH_DRAFT=$TMP/draft.md BENCH_POSITIONS=$TMP/positions.txt \
    BENCH_REQUESTS=${LSP_BENCH_REQUESTS:-200} \
    nvim --headless -u NONE -i NONE --cmd "set rtp^=$ROOT" -c "luafile bench/lsp/plugin.lua" \
    </dev/null >>"$TMP/plugin.txt" || die "the plugin's run $r failed"
done

# median of every value recorded under a name
med() { awk -v k="$1" '$1 == k { print $2 }' "$2" | sort -g | awk '{ v[NR] = $1 } END {
  if (NR == 0) exit 1; printf "%.6f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
fmt() { awk -v x="$1" 'BEGIN { if (x < 0.1) printf "%.3f", x; else if (x < 10) printf "%.2f", x; else printf "%.1f", x }'; }
m() { fmt "$(med "$1" "$2" || die "no value for $1")"; }
mib() { awk -v k="$(med "$1" "$2" || die "no value for $1")" 'BEGIN { printf "%.1f", k / 1024 }'; }
S=$TMP/server.txt
P=$TMP/plugin.txt

cat <<EOF
## 5. The language server beside the plugin

\`dossier lsp\` over pipes against the plugin inside Neovim $(nvim --version | head -1 | cut -d' ' -f2), for the same work on build/bench/draft-300.md (300 lines, $(wc -c <"$IN/draft-300.md") bytes) and the default corpus; medians of $RUNS runs, each a fresh server and a fresh Neovim.

| work | \`dossier lsp\` p50 ms | p99 ms | plugin p50 ms | p99 ms |
|---|---|---|---|---|
| whole-draft check after an edit: didChange → publishDiagnostics (debounce 0) / \`check.run\` | $(m diag_p50 "$S") | $(m diag_p99 "$S") | $(m check_p50 "$P") | $(m check_p99 "$P") |
| the same with the default debounce (300 ms) | $(m debounced_p50 "$S") | | | |
| hover on an actor mention: the card | $(m hover_p50 "$S") | $(m hover_p99 "$S") | $(m hover_p50 "$P") | $(m hover_p99 "$P") |
| completion after 3 letters of a mention | $(m complete_p50 "$S") | $(m complete_p99 "$S") | $(m complete_p50 "$P") | $(m complete_p99 "$P") |
| start: spawn, initialize, corpus load, didOpen → first publishDiagnostics | $(m open "$S") | | | |

| memory | \`dossier lsp\` | plugin |
|---|---|---|
| resident set, MiB | $(mib rss_kib "$S") (peak $(mib hwm_kib "$S")): the whole server process | +$(mib rss_kib "$P"): Neovim's growth with the plugin, core and corpus |

- The server's figures are what a client waits for: the request written to the server's stdin until the whole answer is read from its stdout, JSON both ways. The plugin's are the same work called from Lua in the editor's process, without a float or a menu: the check over every sentence and quotation, the card of the mention under the cursor (\`text.span_at_cursor\` + \`hover.card\`), the omnifunc's candidates. The server's hover builds markdown and its completion items carry text edits.
- Hover and completion go through the draft's $(m mentions "$S" | cut -d. -f1) actor mentions in turn (found with the server's semantic tokens), ${LSP_BENCH_REQUESTS:-200} requests of each per run; the edits insert or remove a space at the end of lines spread over the draft. Both the server and the plugin keep each sentence's and quotation's answer for the corpus, so the check after an edit asks the core only about the sentences the edit changed (a space at the end of a line inside a sentence changes it; one after its last word does not): these are the figures a writer meets while editing, not those of a first check of the draft (the plugin's p99 is its first run; the server's first check is in "start").
- With the default debounce the server waits 300 ms after the last edit before it checks, so that a burst of typing costs one check; the check then runs in slices of 15 ms between reads of the input, so requests are answered meanwhile.
EOF
