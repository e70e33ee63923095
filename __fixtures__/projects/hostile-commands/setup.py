import os
import pathlib
import sys

from setuptools import setup

TEXT = (pathlib.Path(__file__).parent / "injections.txt").read_text()
# pip says it is building through its build tracker; python -m build does not.
WHEN = "install" if os.environ.get("PIP_BUILD_TRACKER") or os.environ.get("PIP_REQ_TRACKER") else "build"
for stream, name in ((sys.stdout, "stdout"), (sys.stderr, "stderr")):
    for line in TEXT.splitlines():
        if not line or line.startswith("# "):
            continue
        if os.environ.get("HOSTILE_COMMANDS") == "legacy" and "##[" not in line:
            continue
        print(line.replace("{where}", f"{WHEN}-{name}"), file=stream, flush=True)

setup(
    name="hostile-commands",
    version="0.1.0",
    description="Prints workflow commands at build, install, collection and test time",
    packages=["hostile_commands"],
)
