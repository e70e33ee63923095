#!/usr/bin/env bash
# Rebuilds the git diff fixtures: a throwaway repository whose branch adds, deletes,
# renames (with and without a space), quotes a non-ASCII name, changes binary files and
# drops a missing final newline. Writes the default diff and the -U0 diff diff-cover reads.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work" GIT_CONFIG_NOSYSTEM=1
git=(git -c user.name=fixture -c user.email=fixture@example.invalid -c diff.noprefix=false -c diff.mnemonicprefix=false)
cd "$work"
"${git[@]}" init -q -b main .
printf 'a\nb\nc' >"sp ace.py"
printf 'x\n' >"tést.py"
printf 'q\nr\ns\nt\nu\n' >old.py
printf 'same\n' >moved.py
printf '\0\1' >bin.dat
printf 'gone\n' >del.py
printf 'one\n--- two\n+++ three\nfour\n' >dashes.py
"${git[@]}" add -A
"${git[@]}" commit -qm base
"${git[@]}" checkout -qb feature
printf 'a\nB\nc\nd\n' >"sp ace.py"
printf 'x\ny\n' >"tést.py"
"${git[@]}" mv old.py "new name.py"
printf 'q\nr\ns\nt\nU\n' >"new name.py"
"${git[@]}" mv moved.py pkg_moved.py
printf '\0\2' >bin.dat
"${git[@]}" rm -q del.py
printf '1\n2\n' >added.py
printf '\0' >newbin.bin
printf 'one\n-- two\n++ three\nfour\nfive\n' >dashes.py
"${git[@]}" add -A
"${git[@]}" commit -qm change
"${git[@]}" diff main...HEAD >"$here/features.diff"
"${git[@]}" diff --no-color --no-ext-diff -U0 main...HEAD >"$here/features-U0.diff"
