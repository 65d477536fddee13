#!/usr/bin/env bash
# bench/import.sh — section 6 of `make bench`: making a corpus of one's own.
#
#   - import throughput: MB of saved web pages per second of CPU time for
#     `dossier import` (parse, metadata, main text; --dry-run, so no disk
#     writes are timed), beside `pandoc -f html -t plain` (one run over all
#     the pages) and python3-readability (Document.summary() on each page, in
#     one Python process). The pages are the three real saved pages of
#     tests/cli/pages, copied until IMPORT_MB megabytes;
#   - `dossier actors suggest` on SUGGEST_ARTICLES generated articles (the
#     real pages' text with generated names spliced in), beside the naive
#     baseline of one grep for capitalised runs, sort and uniq -c;
#   - its precision on tests/corpora/chile-miners without its gazetteer,
#     against that gazetteer (bench/suggest_precision.lua).
# Prints a markdown section on stdout, progress on stderr. Environment (quick
# trials only): IMPORT_MB (40), SUGGEST_ARTICLES (1000).
set -euo pipefail
export LC_ALL=C.UTF-8 LC_NUMERIC=C

MB=${IMPORT_MB:-40}
ARTICLES=${SUGGEST_ARTICLES:-1000}
ROOT=$PWD
D=$ROOT/build/bin/dossier
log() { echo "import: $*" >&2; }
[ -x "$D" ] || { echo "import: build/bin/dossier missing: run make first" >&2; exit 1; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# CPU seconds (user + system) of a command, its output dropped
cpu() {
  local t
  t=$( { TIMEFORMAT='%U %S'; time "$@" >/dev/null 2>"$TMP/cpu.err"; } 2>&1 | tail -1)
  awk -v t="$t" 'BEGIN { split(t, a, " "); printf "%.3f", a[1] + a[2] }'
}
wall() {
  local t0 t1
  t0=$EPOCHREALTIME
  "$@" >/dev/null 2>"$TMP/wall.err"
  t1=$EPOCHREALTIME
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "-" && b > 0) printf "%.2f", a / b; else print "-" }'; }

# ------------------------------------------------------------ pages
mkdir -p "$TMP/pages" "$TMP/corpus"
"$D" init "$TMP/corpus" >/dev/null
bytes=0 i=0
want=$((MB * 1024 * 1024))
while [ "$bytes" -lt "$want" ]; do
  for p in "$ROOT"/tests/cli/pages/*/source.html; do
    cp "$p" "$TMP/pages/p$i.html"
    bytes=$((bytes + $(stat -c %s "$p")))
    i=$((i + 1))
  done
done
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
log "$i pages, $mb MB"

t_dossier=$(cpu "$D" import --dry-run --no-prompt "$TMP/corpus" "$TMP"/pages/*.html)
t_pandoc=-
if command -v pandoc >/dev/null; then
  t_pandoc=$(cpu pandoc -f html -t plain "$TMP"/pages/*.html)
fi
t_readability=-
PY3=/usr/bin/python3 # Debian's, where python3-readability is installed
if $PY3 -c 'import readability' 2>/dev/null; then
  cat >"$TMP/peer_readability.py" <<'PY'
import sys
from readability import Document
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        doc = Document(f.read())
        doc.title()
        doc.summary()
PY
  t_readability=$(cpu $PY3 "$TMP/peer_readability.py" "$TMP"/pages/*.html)
  [ -s "$TMP/cpu.err" ] && { log "readability failed:"; cat "$TMP/cpu.err" >&2; t_readability=-; }
fi
rate() { awk -v mb="$mb" -v t="$1" 'BEGIN { if (t > 0) printf "%.1f", mb / t; else print "-" }'; }

echo "## Import: saved web pages to articles"
echo
echo "$i copies of the three real saved pages of \`tests/cli/pages\` ($mb MB of HTML), CPU seconds"
echo "(user + system). Dossier reads the metadata, finds the main text and writes"
echo "nothing (--dry-run); pandoc converts the pages to plain text (all of the page,"
echo "no extraction); readability finds the main text and the title."
echo
echo "| tool | CPU s | MB/s | Dossier's speed relative to it |"
echo "|---|---|---|---|"
echo "| dossier import | $t_dossier | $(rate "$t_dossier") | 1.00 |"
echo "| pandoc -f html -t plain | $t_pandoc | $(rate "$t_pandoc") | $(ratio "$t_pandoc" "$t_dossier") |"
echo "| python3-readability | $t_readability | $(rate "$t_readability") | $(ratio "$t_readability" "$t_dossier") |"
echo

# ------------------------------------------------------------ actors suggest on many articles
log "generating $ARTICLES articles"
S=$TMP/suggest
"$D" init "$S" >/dev/null
"$D" import --no-prompt "$S" "$ROOT"/tests/cli/pages/*/source.html "$ROOT"/tests/cli/sources/*.md >/dev/null
mkdir -p "$TMP/bodies"
for f in "$S"/*.md; do awk 'n >= 2 { print } /^---$/ { n++ }' "$f"; done |
  awk 'BEGIN { RS = "" } length($0) > 200 { gsub(/\n/, " "); print }' >"$TMP/paragraphs"
rm -f "$S"/*.md
rm -rf "$S/originals"
awk -v n="$ARTICLES" -v dir="$S" '
  BEGIN { srand(12) }
  { para[NR] = $0 }
  END {
    split("Ada Bram Cleo Dev Edda Finn Gia Hugo Ines Jon Kai Lena Milo Nora Omar Pia Quinn Rhea Sami Tove", given, " ")
    split("Abara Bellini Chowdhury Dahl Eze Fonseca Gruber Haddad Iwasaki Jovanovic Kowalski Lindqvist Moreau Novak Okafor Petrov Quispe Rossi Sato Tanaka", family, " ")
    split("Foundation Institute Agency Council Group Labs", orgw, " ")
    for (a = 1; a <= n; a++) {
      file = sprintf("%s/gen-%04d.md", dir, a)
      printf "---\nid: gen-%04d\ntitle: \"Generated article %d\"\ndate: \"2024-%02d-%02d\"\n---\n", a, a, 1 + a % 12, 1 + a % 28 > file
      for (k = 0; k < 6; k++) {
        p = para[1 + int(rand() * NR)]
        g = given[1 + int(rand() * 20)]; f = family[1 + int(rand() * 20)]
        o = family[1 + int(rand() * 20)] " " orgw[1 + int(rand() * 6)]
        printf "%s said the %s would look into it. %s\n\n%s %s added that %s agreed.\n\n", g " " f, o, p, "Later", f, o > file
      }
      close(file)
    }
  }' "$TMP/paragraphs"
words=$(cat "$S"/*.md | wc -w)
t_suggest=$(wall "$D" actors suggest "$S")
n_suggest=$("$D" actors suggest "$S" 2>/dev/null | grep -c '^  - id:' || true)
t_naive=$(wall bash -c "cat '$S'/*.md | grep -oE '([A-Z][a-z]+ )+[A-Z][a-z]+' | sort | uniq -c | sort -rn")
echo "## actors suggest on $ARTICLES articles"
echo
echo "$ARTICLES generated articles ($words words: the real pages' paragraphs with generated"
echo "people and organisations spliced in). Wall seconds. The baseline is one grep for"
echo "capitalised runs with sort | uniq -c: no variants, kinds, checks or YAML."
echo
echo "| tool | wall s | entries | relative time |"
echo "|---|---|---|---|"
echo "| dossier actors suggest | $t_suggest | $n_suggest | 1.00 |"
echo "| grep -oE \| sort \| uniq -c | $t_naive | - | $(ratio "$t_naive" "$t_suggest") |"
echo

# ------------------------------------------------------------ actors suggest precision
P=$TMP/precision
mkdir -p "$P"
cp "$ROOT"/tests/corpora/chile-miners/*.txt "$P"/
printf 'actors:\n' >"$P/actors.yaml"
"$D" actors suggest --json "$P" >"$P/proposed.json" 2>/dev/null
echo "## actors suggest: precision on chile-miners"
echo
echo "The 16 articles of tests/corpora/chile-miners without their gazetteer; each entry"
echo "proposed is checked against that gazetteer (its names and aliases). Entries that are"
echo "no actor of it are listed (some are real names the gazetteer leaves out)."
echo
echo "| proposed | actors | precision | gazetteer actors found | kinds right | not in the gazetteer |"
echo "|---|---|---|---|---|---|"
lua5.4 "$ROOT/bench/suggest_precision.lua" "$ROOT/tests/corpora/chile-miners/actors.yaml" "$P/proposed.json"
echo
