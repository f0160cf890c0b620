#!/usr/bin/env bash
# Runs a real editor against `jdlint server`: Neovim, headless, opens a posting with a hero title
# and no salary range, and writes the diagnostics it received; the check reads them.
# Usage: .ci/nvim-check.sh PATH/TO/jdlint
set -euo pipefail
jdlint=$1
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/posting.md" <<'POSTING'
# Senior Support Engineer

You will help our clinic customers — in Zürich and 東京 — get the most from the booking system.
We want — yes — a rockstar developer 🎉 who enjoys talking to people.

## How to apply

Send your CV to jobs@example.com.
POSTING
cd "$work"
JDLINT="$jdlint" JDLINT_NVIM_OUT="$work/diagnostics.txt" \
    timeout 60 nvim --headless -n -i NONE -u "$repo/tests/nvim/init.lua" posting.md \
    -c 'lua JdlintWriteDiagnostics()' -c 'qa!'
cat "$work/diagnostics.txt"
# Neovim counts columns in bytes (22 before `rockstar`); the server spoke UTF-16 (18 code
# units), and Neovim converted: the column is only right if both sides agree on the encoding.
grep -q '^0:2: 2 missing-salary-range posting has no salary range$' "$work/diagnostics.txt"
grep -q '^3:22: 2 hero-job-title `rockstar developer` is a hero title, not a job title$' "$work/diagnostics.txt"
echo "neovim: received jdlint's diagnostics"
