#!/bin/bash
# report.sh RESULTS TARGET... — turns the per-target results run.sh left in
# FUZZ_DIR/results into RESULTS/fuzz.tap (one test point per target) and the
# one-line RESULTS/fuzz.summary; exits 1 when any target found something.
set -u
out=$1
shift
res=${FUZZ_DIR:-build/fuzz}/results
mkdir -p "$out"
total=0 crashes=0 leaks=0 failed=0 i=0
{
    echo "1..$#"
    for t in "$@"; do
        i=$((i + 1))
        if [ -s "$res/$t.counts" ]; then
            read -r r c l h <"$res/$t.counts"
            verdict=$(cat "$res/$t.verdict")
        else
            r=0 c=1 l=0 h=0 verdict="the fuzzer did not report (see $res/$t.log)"
        fi
        c=$((c + h)) # a timeout is a crash: the editor would hang
        total=$((total + r)) crashes=$((crashes + c)) leaks=$((leaks + l))
        if [ "$verdict" = ok ]; then
            echo "ok $i - fuzz $t"
        else
            failed=$((failed + 1))
            echo "not ok $i - fuzz $t: $verdict"
            echo "# log: $res/$t.log"
        fi
        echo "# $t: $r runs, $c crashes, $l leaks"
    done
} >"$out/fuzz.tap"
echo "fuzz: $total cases tried over $# targets, $crashes crashes, $leaks leaks" >"$out/fuzz.summary"
cat "$out/fuzz.tap"
cat "$out/fuzz.summary"
[ "$failed" -eq 0 ]
