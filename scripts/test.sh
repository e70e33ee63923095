#!/usr/bin/env bash
# The whole check, as CI runs it: format and lint, types, unit tests, a rebuild
# of dist/ that must change nothing, the stand-ins and the agreement with the real
# tools, then the end-to-end tests of dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp
export NODE_OPTIONS=--experimental-vm-modules

# What the tests run that npm does not bring: one line naming the fix, at once.
need() {
  echo "npm test: $1 is missing; run npm run ci (it installs the system packages, then runs npm test)" >&2
  exit 1
}
for command in git openssl zstd diff-cover cmark-gfm; do command -v "$command" >/dev/null || need "$command"; done
[ -x /usr/bin/python3 ] || need /usr/bin/python3
/usr/bin/python3 -c 'import ensurepip, venv' 2>/dev/null || need 'python3-venv'
[ -x node_modules/.bin/jest ] || { echo 'npm test: node_modules is missing; run npm ci first (or npm run ci)' >&2; exit 1; }
echo '== the pinned Python tools (.ci/wheelhouse.txt)'
bash scripts/wheelhouse.sh

echo '== format and lint'
npx biome ci --colors=off .
echo '== types'
npx tsc --noEmit -p tsconfig.json
echo '== unit tests'
npx jest --selectProjects unit --json --outputFile=.tmp/jest-unit.json
echo '== dist/ is in step with src/'
npm run -s bundle
if [ -d .git ] || git rev-parse --git-dir >/dev/null 2>&1; then
  if [ -n "$(git status --porcelain -- dist)" ]; then
    git status --porcelain -- dist
    echo 'dist/ is stale: run npm run bundle and commit dist/' >&2
    exit 1
  fi
fi
echo '== the stand-ins against real clients, and agreement with the real tools'
npx jest --selectProjects harness agreement --maxWorkers=2 --json --outputFile=.tmp/jest-harness.json
echo '== end-to-end tests (dist/ under Node 24)'
# Two workers on two cores: an action run waits on its processes much of the time.
npx jest --selectProjects e2e --maxWorkers=2 --json --outputFile=.tmp/jest-e2e.json

node -e '
const fs = require("node:fs")
let passed = 0, failed = 0, skipped = 0
for (const f of [".tmp/jest-unit.json", ".tmp/jest-harness.json", ".tmp/jest-e2e.json"]) {
  const r = JSON.parse(fs.readFileSync(f, "utf8"))
  passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
'
