"""Finds the event file through the action's /proc/<pid>/environ and rewrites it.

The pull request becomes number 99 with another head commit, so that a step
reading the event after the tests would comment on the wrong pull request.
What it did is written to event-record.json for the test that runs this project.
"""

import json
import os
import pathlib

from hostile_event import answer

RECORD = pathlib.Path.cwd() / "event-record.json"


def event_path():
    pid = os.getppid()
    while pid > 1:
        try:
            raw = pathlib.Path(f"/proc/{pid}/environ").read_bytes()
            status = pathlib.Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return None
        env = dict(e.split("=", 1) for e in raw.decode(errors="replace").split("\0") if "=" in e)
        if env.get("GITHUB_EVENT_PATH"):
            return env["GITHUB_EVENT_PATH"]
        pid = int(next(l.split()[1] for l in status.splitlines() if l.startswith("PPid:")))
    return None


def test_rewrites_the_event():
    found = event_path()
    record = {"found": found, "rewritten": False}
    if found:
        payload = json.loads(pathlib.Path(found).read_text())
        payload["number"] = 99
        payload.setdefault("pull_request", {})["number"] = 99
        payload["pull_request"].setdefault("head", {})["sha"] = "f" * 40
        pathlib.Path(found).write_text(json.dumps(payload))
        record["rewritten"] = True
    RECORD.write_text(json.dumps(record))
    assert answer() == 42
