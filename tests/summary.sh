#!/bin/sh
# Totals over the TAP files a `make test` run left in $1 (or `make $2`, whose
# suites $3 names): the closing lines CI reads. Counts test points wherever they stand on a line, since an editor
# message without a line break can precede one.
dir=${1:-build/results}
all=$(cat "$dir"/*.tap 2>/dev/null | grep -aoE '(not )?ok [0-9]+ - ' | wc -l)
failed=$(cat "$dir"/*.tap 2>/dev/null | grep -aE 'not ok [0-9]+ - ' | grep -avc '# TODO')
files=$(ls "$dir"/*.tap 2>/dev/null | wc -l)
# A suite that stopped early (a crash, an editor that quit) may have printed
# only passes: every file must have run exactly the tests its plan announced.
cut_short=0
for f in "$dir"/*.tap; do
  [ -e "$f" ] || continue
  plan=$(grep -aoE '^1\.\.[0-9]+' "$f" | tail -1 | cut -d. -f3)
  ran=$(grep -aoE '(not )?ok [0-9]+ - ' "$f" | wc -l)
  if [ -z "$plan" ] || [ "$ran" -ne "$plan" ]; then
    echo "${f##*/}: planned ${plan:-no plan}, ran $ran"
    cut_short=$((cut_short + 1))
  fi
done
echo "make ${2:-test}: $files suites (${3:-C, Lua 5.4, LuaJIT, Neovim 0.7 and modern (headless and TUI), the dossier program, LSP, ASan+UBSan, ThreadSanitizer, valgrind, fuzzing})"
# What did not run, said here rather than counted silently among the passes:
# whole suites skipped (no modern Neovim) and single tests skipped.
skipped_suites=$(for f in "$dir"/*.tap; do
  [ -e "$f" ] || continue
  why=$(grep -aoE '^1\.\.0 # SKIP.*' "$f" | head -1 | sed 's/^1\.\.0 # SKIP *//')
  [ -n "$why" ] && printf '%s (%s); ' "$(basename "$f" .tap)" "$why"
done)
skipped_tests=$(cat "$dir"/*.tap 2>/dev/null | grep -aE '^ok [0-9]+ - .*# SKIP' | wc -l)
if [ -n "$skipped_suites" ] || [ "$skipped_tests" -gt 0 ]; then
  tests=tests; [ "$skipped_tests" -eq 1 ] && tests=test
  echo "skipped: ${skipped_suites:+suites ${skipped_suites%; }; }$skipped_tests $tests (each says why in its TAP file)"
fi
# The robustness line: what the fuzzers tried and found. The sanitizer and
# valgrind runs stop `make test` on any error or leak, so reaching this line
# means they found none.
if [ -f "$dir/fuzz.summary" ]; then
  read -r _ cases _ _ _ targets _ crashes _ leaks _ <"$dir/fuzz.summary"
  echo "robustness: $cases fuzz cases over $targets targets, $crashes crashes, $leaks leaks;" \
    "ASan+UBSan and valgrind: no errors, no leaks"
fi
echo "$((all - failed - skipped_tests)) passed, $((failed + cut_short)) failed"
[ "$failed" -eq 0 ] && [ "$cut_short" -eq 0 ]
