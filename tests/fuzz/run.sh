#!/bin/bash
# run.sh MODE TARGET SECONDS — runs one fuzz target (called by fuzz.mk).
#
#   smoke  replays every file of tests/fuzz/regressions/TARGET and of the
#          seeds, then fuzzes for SECONDS from a fresh scratch corpus
#   fuzz   fuzzes for SECONDS, growing the kept corpus FUZZ_DIR/corpus/TARGET
#
# Leaves "RUNS CRASHES LEAKS TIMEOUTS" and a one-line verdict in
# FUZZ_DIR/results/TARGET.{counts,verdict} and the fuzzer's output in
# FUZZ_DIR/results/TARGET.log; exits 1 on any finding. A timeout (an input
# taking over FUZZ_TIMEOUT seconds) is a finding: a hang in the editor.
set -u
mode=$1 target=$2 seconds=$3
dir=${FUZZ_DIR:-build/fuzz}
src=$(cd "$(dirname "$0")" && pwd)
bin=$dir/bin/fuzz_$target
res=$dir/results
art=$dir/artifacts/$target
seeds=$dir/seeds/$target
regr=$src/regressions/$target
mkdir -p "$res" "$art" "$seeds"
# the regressions of this target, if it has any
regr_dirs=()
[ -d "$regr" ] && regr_dirs=("$regr")
log=$res/$target.log
: >"$log"

case $target in
article) max_len=16384 dict=$src/yaml.dict ;;
actors) max_len=49152 dict=$src/yaml.dict ;;
check_quote) max_len=1024 dict=$src/text.dict ;; # the alignment is the slow part
cache) max_len=16384 dict= ;; # the fixture's cache is 5 KB, the default corpus's 240 KB
wordnet) max_len=16384 dict=$src/wordnet.dict ;;
related) max_len=32768 dict= ;; # the fixture's related-terms file is a few KB
html) max_len=65536 dict=$src/html.dict ;;
frontmatter) max_len=16384 dict=$src/yaml.dict ;;
metadata) max_len=256 dict=$src/metadata.dict ;;
refs) max_len=8192 dict=$src/yaml.dict ;;
lsp) max_len=8192 dict=$src/lsp.dict ;;
*) max_len=4096 dict=$src/text.dict ;;
esac

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
command -v llvm-symbolizer >/dev/null && export ASAN_SYMBOLIZER_PATH=$(command -v llvm-symbolizer)
opts=(-timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb="${FUZZ_RSS_MB:-2048}" -detect_leaks=1
      -artifact_prefix="$art/" -print_final_stats=1)

dict_opt=()
[ -n "$dict" ] && dict_opt=(-dict="$dict")
runs=0 crashes=0 leaks=0 timeouts=0 verdict=""

# Sorts a failed run into crash, leak or timeout, from what the fuzzer printed.
classify() { # $1: log of that run, $2: what was running
    if grep -aq 'ERROR: libFuzzer: timeout' "$1"; then
        timeouts=$((timeouts + 1)) verdict="timeout in $2"
    elif grep -aq 'ERROR: LeakSanitizer' "$1"; then
        leaks=$((leaks + 1)) verdict="leak in $2"
    else
        crashes=$((crashes + 1))
        verdict="crash in $2: $(grep -aoE '(ERROR: [A-Za-z]+Sanitizer: [a-z-]+|runtime error: .{0,80}|invariant failed: .{0,80}|ERROR: libFuzzer: [a-z-]+)' "$1" | head -1)"
    fi
    local unit
    unit=$(grep -aoE 'Test unit written to [^ ]+' "$1" | tail -1 | cut -d' ' -f5)
    if [ -n "$unit" ]; then
        verdict="$verdict (input: $unit)"
    else
        unit=$(grep -aoE '^Running: .+' "$1" | tail -1 | cut -d' ' -f2-)
        [ -n "$unit" ] && verdict="$verdict (input: $unit)"
    fi
}

# Executions a fuzzing run reports at its end (or in its last status line).
executed() {
    local n
    n=$(grep -aoE 'stat::number_of_executed_units: [0-9]+' "$1" | tail -1 | grep -oE '[0-9]+$')
    [ -n "$n" ] || n=$(grep -aoE '^#[0-9]+' "$1" | tail -1 | tr -d '#')
    echo "${n:-0}"
}

if [ "$mode" = smoke ]; then
    # 1. every regression and seed, each exactly as stored
    mapfile -t files < <(find "${regr_dirs[@]}" "$seeds" -type f ! -name '.*' | sort)
    if [ ${#files[@]} -gt 0 ]; then
        "$bin" "${opts[@]}" "${files[@]}" >"$res/$target.replay.log" 2>&1
        rc=$?
        cat "$res/$target.replay.log" >>"$log"
        runs=$(grep -ac '^Executed ' "$res/$target.replay.log")
        [ $rc -ne 0 ] && classify "$res/$target.replay.log" "replay"
    fi
    # 2. a short fuzzing run from the seeds and regressions
    if [ -z "$verdict" ]; then
        scratch=$dir/smoke/$target
        rm -rf "$scratch" && mkdir -p "$scratch"
        "$bin" "${opts[@]}" -max_len=$max_len "${dict_opt[@]}" -max_total_time="$seconds" \
            "$scratch" "$seeds" "${regr_dirs[@]}" >"$res/$target.fuzz.log" 2>&1
        rc=$?
        cat "$res/$target.fuzz.log" >>"$log"
        runs=$((runs + $(executed "$res/$target.fuzz.log")))
        [ $rc -ne 0 ] && classify "$res/$target.fuzz.log" "fuzzing"
    fi
else
    corpus=$dir/corpus/$target
    mkdir -p "$corpus"
    "$bin" "${opts[@]}" -max_len=$max_len "${dict_opt[@]}" -max_total_time="$seconds" \
        "$corpus" "$seeds" "${regr_dirs[@]}" >"$log" 2>&1
    rc=$?
    runs=$(executed "$log")
    [ $rc -ne 0 ] && classify "$log" "fuzzing"
fi

echo "$runs $crashes $leaks $timeouts" >"$res/$target.counts"
echo "${verdict:-ok}" >"$res/$target.verdict"
printf '%-12s %9s runs, %s crashes, %s leaks, %s timeouts%s\n' "$target" "$runs" "$crashes" \
    "$leaks" "$timeouts" "${verdict:+  -- $verdict}"
[ -z "$verdict" ]
