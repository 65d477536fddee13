#!/usr/bin/env bash
# `make bench`: every benchmark section, Dossier beside its peers in one run.
# Each section script prints a markdown section (tables with ratios) on
# stdout; this script shows them as they come and collects them, with the
# machine's description, into bench/results/latest.md.
#
#   bench/run.sh [section ...]     sections: scan editor retrieval startup lsp import cache
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=build/bench
RESULT=bench/results/latest.md
SECTIONS=("$@")
[ ${#SECTIONS[@]} -gt 0 ] || SECTIONS=(scan editor retrieval startup lsp import cache)

mkdir -p "$OUT/bin" bench/results
# The corpora's caches go to a scratch directory, fresh for each run, never
# to the user's ~/.cache/dossier.
export XDG_CACHE_HOME=$PWD/$OUT/xdg-cache
rm -rf "$XDG_CACHE_HOME"

# Inputs are generated, never committed; regenerated when the generator or
# the default corpus changes.
stamp=$OUT/.inputs
if [ ! -f "$stamp" ] || [ -n "$(find bench/inputs.lua corpus -newer "$stamp" | head -1)" ]; then
  echo "generating inputs into $OUT ..." >&2
  LUA_CPATH="./build/lua5.4/?.so;;" lua5.4 bench/inputs.lua "$OUT"
  touch "$stamp"
fi

# The first line a command prints of its version ("not found" when none);
# head closing the pipe early must not count as a failure.
version() {
  local v
  v=$({ "$@" 2>/dev/null || true; } | head -1)
  echo "${v:-not found}"
}
pkgver() { dpkg-query -W -f '${Version}' "$1" 2>/dev/null || echo "not installed"; }

machine() {
  echo "## Machine"
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
  echo "| CPU | $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') |"
  echo "| cores | $(nproc) |"
  echo "| memory | $(free -g | awk '/^Mem:/ {print $2 " GiB"}') |"
  echo "| kernel | $(uname -sr) |"
  echo "| compiler | $(version cc --version) |"
  echo "| Neovim | $(version nvim --version) |"
  echo "| LuaJIT / Lua | $(version luajit -v) / $(version lua5.4 -v) |"
  echo "| pcre2 / libyaml / libstemmer | $(pkgver libpcre2-dev) / $(pkgver libyaml-dev) / $(pkgver libstemmer-dev) |"
  echo "| jansson | $(pkgver libjansson-dev) |"
  echo "| Hyperscan | $(pkgver libhyperscan-dev) |"
  echo "| ripgrep | $(version rg --version) |"
  echo "| SQLite / Xapian | $(pkgver libsqlite3-dev) / $(pkgver libxapian-dev) |"
  echo
}

start=$(date +%s)
{
  echo "# Dossier benchmarks"
  echo
  echo "Produced by \`make bench\` ($(git rev-parse --short HEAD 2>/dev/null || echo "no git")). Ratios compare"
  echo "tools measured in the same run on the same inputs; absolute times on a"
  echo "shared machine are noise."
  echo
  machine
} >"$RESULT.tmp"
cat "$RESULT.tmp"

for s in "${SECTIONS[@]}"; do
  echo "=== $s ===" >&2
  t0=$(date +%s)
  bash "bench/$s.sh" | tee -a "$RESULT.tmp"
  echo >>"$RESULT.tmp"
  echo "($s: $(($(date +%s) - t0)) s)" >&2
done

echo "_Whole run: $(($(date +%s) - start)) s._" >>"$RESULT.tmp"
mv "$RESULT.tmp" "$RESULT"
echo "bench: $(($(date +%s) - start)) s; results in $RESULT" >&2
