#!/usr/bin/env bash
# Rebuilds the report fixtures from the two throwaway projects beside this script,
# with Debian's pytest 7.2 and coverage 6.5 (/usr/bin/python3). Runs in a temp copy so
# no caches land in the tree; the tracebacks therefore show /tmp paths.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
py=/usr/bin/python3
export PYTHONDONTWRITEBYTECODE=1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cp -r "$here/pytest-project" "$work/p"
cd "$work/p"
for family in xunit1 xunit2; do
  # pytest exits 1 because tests fail; that is the point.
  "$py" -m pytest -p no:cacheprovider --continue-on-collection-errors -o junit_family=$family \
    --junitxml="$here/pytest-$family.xml" tests >out.txt 2>&1 || true
  tail -n 1 out.txt >"$here/pytest-$family.txt"
done

cp -r "$here/coverage-project" "$work/c"
cd "$work/c"
"$py" -m coverage run --branch -m pytest -q -p no:cacheprovider tests >/dev/null
"$py" -m coverage json -o "$here/coverage.json"
"$py" -m coverage xml -o "$here/coverage.xml"
"$py" -m coverage report >"$here/coverage-report.txt"
"$py" -m coverage json --rcfile=.coveragerc-precision2 -o "$here/coverage-precision2.json"
"$py" -m coverage report --rcfile=.coveragerc-precision2 >"$here/coverage-precision2-report.txt"
