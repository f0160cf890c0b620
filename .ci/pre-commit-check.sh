#!/usr/bin/env bash
# Runs jdlint as a real pre-commit hook: a throwaway postings repo with one posting that lacks a
# salary range and one that is complete; `pre-commit try-repo` against this repository must fail
# on the first (with the finding in its output) and pass on the second.
# Usage: .ci/pre-commit-check.sh PATH/TO/pre-commit
set -euo pipefail
pre_commit=$1
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"
# Both runs build the hook with `cargo install`; a shared target folder makes the second quick.
export CARGO_TARGET_DIR="$work/target"

cd "$work"
git init -q postings
cd postings
git config user.email ci@example.com
git config user.name CI
cp "$repo/examples/senior-data-engineer.md" complete.md
cat > no-salary.md <<'POSTING'
# Senior Support Engineer

You will help our clinic customers get the most from the booking system, by phone and e-mail,
and turn what you hear into fixes with our product team.

## How to apply

Send your CV and a short note to jobs@example.com.
POSTING

git add no-salary.md
set +e
"$pre_commit" try-repo "$repo" jdlint --files no-salary.md > "$work/fail.log" 2>&1
status=$?
set -e
cat "$work/fail.log"
if [ "$status" -eq 0 ]; then
    echo "pre-commit passed a posting with no salary range" >&2
    exit 1
fi
grep -q "no-salary.md:1:3: warn\[missing-salary-range\]" "$work/fail.log" || {
    echo "the finding is not in pre-commit's output" >&2
    exit 1
}

git add complete.md
"$pre_commit" try-repo "$repo" jdlint --files complete.md
echo "pre-commit hook: fails on the incomplete posting, passes on the complete one"
