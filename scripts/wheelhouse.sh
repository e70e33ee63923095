#!/usr/bin/env bash
# The Python side of the test world, made once from PyPI and kept until
# .ci/wheelhouse.txt changes:
#   .wheelhouse/*.whl      the pinned wheels; the harness serves them on loopback as the index
#   .wheelhouse/pip-site/  pip unpacked, the one package of the tool-cache Python
#   .wheelhouse/venv/      every pinned tool, for the tests' own reference runs
#                          (pytest, coverage, twine, flake8 run by hand)
# Quiet when nothing is to do; one line naming the fix when it cannot.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=/usr/bin/python3
OUT=.wheelhouse
REQS=.ci/wheelhouse.txt
stamp="$(sha256sum "$REQS" | cut -d' ' -f1)"
[ "$(cat "$OUT/.stamp" 2>/dev/null)" = "$stamp" ] && exit 0

fail() {
  echo "wheelhouse: $1" >&2
  exit 1
}
[ -x "$PY" ] || fail "$PY is missing: run 'npm run ci' (it installs Debian's python3) or 'sudo apt-get install python3'"
"$PY" -m pip --version >/dev/null 2>&1 ||
  fail "$PY has no pip to download the pinned tools: run 'npm run ci' or 'sudo apt-get install python3-pip'"

echo "wheelhouse: downloading the pinned tools of $REQS from the index"
rm -rf "$OUT.new"
mkdir -p "$OUT.new"
# The machine's own pip configuration (constraints, mirrors) is not the tests'.
export PIP_CONFIG_FILE=/dev/null PIP_DISABLE_PIP_VERSION_CHECK=1
# One pip run cannot hold two versions of a project: the second ones get their own.
grep -v '# second version$' "$REQS" >"$OUT.new/first.txt"
grep '# second version$' "$REQS" | sed 's/ *#.*//' >"$OUT.new/second.txt" || true
for part in first second; do
  "$PY" -m pip download --quiet --no-deps --only-binary=:all: --dest "$OUT.new" -r "$OUT.new/$part.txt" ||
    fail "pip download of $REQS failed (see above): the index must be reachable once"
done

rm -rf "$OUT"
mv "$OUT.new" "$OUT"
pip_wheel="$(ls "$OUT"/pip-*.whl)"
mkdir "$OUT/pip-site"
"$PY" -m zipfile -e "$pip_wheel" "$OUT/pip-site"
"$PY" -m venv --without-pip "$OUT/venv"
PYTHONPATH="$OUT/pip-site" "$PY" -m pip --python "$OUT/venv/bin/python" install --quiet \
  --no-index --find-links "$OUT" -r "$OUT/first.txt"
echo "$stamp" >"$OUT/.stamp"
echo "wheelhouse: $(ls "$OUT"/*.whl | wc -l) wheels in $OUT"
