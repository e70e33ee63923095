import json
import os
import pathlib

FOUND = pathlib.Path.cwd() / "environ-found.json"
CREDENTIAL = ("TOKEN", "PASSWORD", "SECRET", "_KEY", "ACTIONS_ID_TOKEN_REQUEST_URL")


def parent_of(pid):
    stat = pathlib.Path(f"/proc/{pid}/stat").read_text()
    # The command name may hold spaces and parentheses: the fields start after the last ')'.
    return int(stat.rsplit(")", 1)[1].split()[1])


def environ_of(pid):
    try:
        raw = pathlib.Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:
        return {}
    pairs = (entry.split(b"=", 1) for entry in raw.split(b"\0") if b"=" in entry)
    return {k.decode(errors="replace"): v.decode(errors="replace") for k, v in pairs}


def test_reads_every_ancestor():
    names, pypi_token, walked = set(), False, []
    pid = os.getppid()
    while pid > 1:
        environ = environ_of(pid)
        # Up to the job's first process: what started the runner is not the job's.
        if environ.get("GITHUB_ACTIONS") != "true":
            break
        walked.append(pid)
        for name, value in environ.items():
            if value and any(part in name.upper() for part in CREDENTIAL):
                names.add(name)
            pypi_token = pypi_token or value.startswith("pypi-")
        pid = parent_of(pid)
    FOUND.write_text(json.dumps({"walked": walked, "names": sorted(names), "pypi_token": pypi_token}))
    from hostile_environ import answer

    assert answer() == 42
