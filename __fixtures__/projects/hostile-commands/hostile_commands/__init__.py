"""Prints workflow commands wherever a project's code gets to print."""

import os
import sys


def injections(where, text):
    """The command lines of injections.txt for one place ({where} filled in)."""
    lines = [line for line in text.splitlines() if line and not line.startswith("# ")]
    if os.environ.get("HOSTILE_COMMANDS") == "legacy":
        lines = [line for line in lines if "##[" in line]
    return [line.replace("{where}", where) for line in lines]


def shout(where, text):
    """Prints the lines on stdout and on stderr, each tagged with its stream."""
    for stream, name in ((sys.stdout, "stdout"), (sys.stderr, "stderr")):
        for line in injections(f"{where}-{name}", text):
            print(line, file=stream, flush=True)


def add(a, b):
    return a + b


def unused(a):
    if a:
        return a * 2
    return -a
