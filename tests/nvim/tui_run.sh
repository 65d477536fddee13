#!/bin/sh
# The terminal UI tests (tests/nvim/tui_screen.lua): Neovim in tmux, keys
# sent, the screen and its colours read back. Prints TAP; non-zero on failure.
# Usage: NVIM=path tests/nvim/tui_run.sh
set -e
cd "$(dirname "$0")/../.."
command -v tmux >/dev/null || { echo "not ok 1 - tmux is needed (make deps installs it)"; echo "1..1"; exit 1; }
NVIM=${NVIM:-nvim} ROOT=$(pwd) exec timeout 300 lua5.4 tests/nvim/tui_screen.lua
