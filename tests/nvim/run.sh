#!/bin/sh
# End-to-end tests of the Neovim glue in a real headless Neovim; prints TAP
# and exits non-zero on failure.  Usage: tests/nvim/run.sh [spec ...]
set -e
cd "$(dirname "$0")/../.."
NVIM=${NVIM:-nvim}
if [ $# -eq 0 ]; then set -- tests/nvim/*_spec.lua; fi
files=""
for f in "$@"; do files="$files'$f',"; done
set +e
out=$(mktemp)
timeout 300 "$NVIM" --headless -u tests/nvim/minimal_init.lua -i NONE \
  -c "lua require('tap').run({ $files })" </dev/null >"$out" 2>&1
rc=$?
# Messages (:checkhealth progress, echoes) lack a line break: start every TAP
# line on a line of its own ("not ok" whole), then drop the empty lines made.
sed -E -e "s/^Running healthchecks\.\.\.//" -e '/^#/!s/(not )?ok [0-9]+ - /\n&/' "$out" | sed '/^$/d'
rm -f "$out"
if [ $rc -ne 0 ]; then echo "# nvim exited with status $rc" >&2; exit 1; fi
