"""The command line: run only in a child process by the tests."""

import argparse
import sys
from typing import TYPE_CHECKING

from greeter.words import farewell, greeting

if TYPE_CHECKING:
    from collections.abc import Sequence


def parse(argv: "Sequence[str]"):
    parser = argparse.ArgumentParser(prog="greeter")
    parser.add_argument("name")
    parser.add_argument("--shout", action="store_true")
    parser.add_argument("--leave", action="store_true")
    parser.add_argument("--debug", action="store_true")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse(sys.argv[1:] if argv is None else argv)
    if args.debug:
        from greeter import debugging

        debugging.dump(args)
    if args.name == "":
        print("greeter: a name is needed", file=sys.stderr)
        return 2
    if args.leave:
        print(farewell(args.name))
    else:
        print(greeting(args.name, shout=args.shout))
    return 0
