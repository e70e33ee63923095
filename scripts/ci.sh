#!/usr/bin/env bash
# The whole check from a fresh clone on Debian or Ubuntu with Node: the system
# packages the tests use (apt, only those missing), npm ci, then npm test, which
# makes the pinned Python wheelhouse from PyPI when it is missing. `.ci/run`
# and the README's `npm run ci` are this script.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's python3 is what the tool-cache Python is made of; diff-cover is the
# reference for changed-lines coverage; the python3-* tools and wheels are the
# offline world's (PIP_NO_INDEX with Debian's wheels); cmark-gfm is GitHub's
# Markdown renderer, which the report tests render the summary and comment with.
PACKAGES=(
  git ca-certificates openssl tar gzip zstd cmark-gfm
  python3 python3-venv python3-pip diff-cover
  python3-pytest python3-coverage python3-build python3-setuptools python3-wheel python3-flake8 twine
  python3-pip-whl python3-setuptools-whl python3-wheel-whl
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=''
  [ "$(id -u)" = 0 ] || sudo='sudo'
  echo "ci: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

npm ci --no-audit --no-fund
npm test
