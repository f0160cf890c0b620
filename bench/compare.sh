#!/usr/bin/env bash
# Throughput of jdlint against the floor (ripgrep over joblint's word list) and against the
# tools people would otherwise run, all timed in one run with hyperfine; prints ratios.
#
#   bench/compare.sh [SHARED]      SHARED defaults to ../shared (holds corpus/ and bench/)
#
# Builds jdlint (release), lays out the 9,740-posting set (the 487 real postings of
# SHARED/corpus, templates left out, copied 20 times) plus 1x and 5x sets under
# target/bench-corpus, and installs what is missing: ripgrep and hyperfine from Debian's
# packages, joblint, alex and write-good from npm, proselint from PyPI (all under target/).
# Not part of `cargo test`; nothing here asserts a time.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "${1:-$repo/../shared}" && pwd)
work="$repo/target/bench-corpus"
tools="$repo/target/bench-tools"
cd "$repo"

need_apt=()
command -v rg >/dev/null || need_apt+=(ripgrep)
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
if [ ${#need_apt[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
mkdir -p "$tools"
if [ ! -d "$tools/node_modules/alex" ]; then
    npm install --silent --prefix "$tools" alex write-good >/dev/null
fi
# joblint 2.3.2 was published to npm, but the registry answers 404 for it today; try, and
# leave it out of the comparison when it is not there.
if [ ! -d "$tools/node_modules/joblint" ]; then
    npm install --silent --prefix "$tools" joblint >/dev/null 2>&1 || true
fi
if [ ! -x "$tools/venv/bin/proselint" ]; then
    python3 -m venv "$tools/venv"
    "$tools/venv/bin/pip" install --quiet --disable-pip-version-check proselint
fi
cargo build --release --quiet
jdlint="$repo/target/release/jdlint"

# The sets: 1x (487 postings), 5x and 20x (9,740).
if [ ! -f "$work/.built" ]; then
    rm -rf "$work"
    for n in 1 5 20; do
        for i in $(seq "$n"); do
            for d in 18f cds-snc sourcegraph; do
                mkdir -p "$work/x$n/$i"
                cp -r "$shared/corpus/$d" "$work/x$n/$i/"
            done
        done
    done
    # The same 487 postings under plain numbered names, for tools that take a list of files.
    mkdir -p "$work/flat"
    n=0
    find "$work/x1" -name '*.md' -print0 | sort -z | while IFS= read -r -d '' f; do
        n=$((n + 1))
        cp "$f" "$work/flat/$(printf 'p%04d.md' "$n")"
    done
    touch "$work/.built"
fi
count() { find "$1" -name '*.md' | wc -l; }
echo "postings: 1x $(count "$work/x1"), 5x $(count "$work/x5"), 20x $(count "$work/x20")"
echo "bytes 20x: $(du -sb "$work/x20" | cut -f1)"

patterns="$shared/bench/joblint-patterns.txt"
jd() { echo "$jdlint check --isolated --format concise --quiet --fail-level error $1"; }
rgc() { echo "rg -i -c -w -f $patterns $1"; }
json="$work/results"
mkdir -p "$json"

echo
echo "== throughput on the 9,740-posting set (target: jdlint within 3x of the floor)"
hyperfine -N --warmup 1 --runs 10 --export-json "$json/floor.json" -i \
    -n jdlint "$(jd "$work/x20")" -n rg-floor "$(rgc "$work/x20")"

echo
echo "== linear growth: 1x, 5x, 20x"
hyperfine -N --warmup 1 --runs 10 --export-json "$json/scale.json" -i \
    -n x1 "$(jd "$work/x1")" -n x5 "$(jd "$work/x5")" -n x20 "$(jd "$work/x20")"

echo
echo "== against other tools on the 487 real postings (one process each)"
flat="$work/flat"
list=$(cd "$flat" && ls -- *.md | sed "s|^|$flat/|" | tr '\n' ' ')
if [ -d "$tools/node_modules/joblint" ]; then
    joblint=(-n joblint "node $repo/bench/joblint-run.js $flat")
else
    # The registry answers 404 for joblint: run its trigger list the way its engine does.
    echo "joblint: not installable from the npm registry; timing bench/joblint-engine.js instead"
    joblint=(-n joblint-engine "node $repo/bench/joblint-engine.js $patterns $flat")
fi
# joblint, the one with a target, gets ten runs of each; the slow tools three.
hyperfine -N --warmup 1 --runs 10 --export-json "$json/joblint.json" -i \
    -n jdlint "$(jd "$flat")" "${joblint[@]}"
others=(-n jdlint "$(jd "$flat")")
others+=(-n alex "$tools/node_modules/.bin/alex $flat")
others+=(-n write-good "$tools/node_modules/.bin/write-good $list")
others+=(-n proselint "$tools/venv/bin/proselint check $list")
hyperfine -N --warmup 1 --runs 3 --export-json "$json/tools.json" -i "${others[@]}"

echo
echo "== one 18 KB posting, process start to exit (the on-save cost; target under 5 ms)"
one=$(find "$work/x1" -name '*.md' -size +17k -size -19k | sort | head -1)
# Starting the process at all (`--version` loads no rule) is timed alongside, for scale: on a
# busy machine both grow.
hyperfine -N --warmup 5 --runs 100 --export-json "$json/one.json" -i -n jdlint-one "$(jd "$one")" \
    -n process-start "$jdlint --version"

echo
echo "== peak memory on the 9,740-posting set (target under 100 MB)"
/usr/bin/time -f "%M" -o "$json/maxrss.txt" $(jd "$work/x20") > /dev/null || true
echo "max RSS: $(( $(tail -1 "$json/maxrss.txt") / 1024 )) MB"

python3 - "$json" <<'PY'
import json, sys
d = sys.argv[1]
def means(name):
    return {r["command"]: r["mean"] for r in json.load(open(f"{d}/{name}.json"))["results"]}
f = means("floor"); s = means("scale"); t = means("tools"); o = means("one")
j = means("joblint")
print()
print(f"jdlint / rg floor (20x):       {f['jdlint'] / f['rg-floor']:.2f}x  (target <= 3x)")
print(f"scale 5x / 1x:                 {s['x5'] / s['x1']:.2f}  (linear would be 5)")
print(f"scale 20x / 1x:                {s['x20'] / s['x1']:.2f}  (linear would be 20)")
for tool in ("joblint", "joblint-engine"):
    if tool in j:
        print(f"{tool:10s} / jdlint (1x):      {j[tool] / j['jdlint']:.1f}x slower")
    elif tool == "joblint":
        print(f"{tool:10s}: not run (not installable here)")
for tool in ("alex", "write-good", "proselint"):
    print(f"{tool:10s} / jdlint (1x):      {t[tool] / t['jdlint']:.1f}x slower")
print(f"one 18 KB posting:             {o['jdlint-one'] * 1000:.2f} ms mean (target < 5 ms); "
      f"process start alone {o['process-start'] * 1000:.2f} ms")
PY
