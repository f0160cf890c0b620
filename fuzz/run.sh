#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 60) with cargo-fuzz, seeded with the postings in
# fixtures/ and examples/, and prints each target's executions. Crashing inputs are kept under
# fuzz/artifacts/<target>/; copy them into a regression test.
#
#   fuzz/run.sh [SECONDS] [TARGET ...]
#
# cargo-fuzz needs nightly-only compiler flags; on a stable toolchain RUSTC_BOOTSTRAP=1 lets the
# stable compiler accept them (set here). `cargo install cargo-fuzz` if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse lint fix config lsp)
export RUSTC_BOOTSTRAP=1
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
for target in "${targets[@]}"; do
    corpus="fuzz/corpus/$target"
    mkdir -p "$corpus"
    if [ -z "$(ls -A "$corpus")" ]; then
        find fixtures examples -type f \( -name '*.md' -o -name '*.txt' -o -name '*.toml' \) \
            -exec cp {} "$corpus/" \;
        cp rules/*.toml "$corpus/"
    fi
    cargo fuzz run --sanitizer none "$target" "$corpus" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        2> "fuzz/$target.log" || { tail -30 "fuzz/$target.log"; exit 1; }
    execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "fuzz/$target.log" | grep -oE '[0-9]+$')
    echo "$target: $execs executions in ${seconds}s, no crash"
done
