import glob
import io
import os
import shutil
import sys
import tarfile
import time
import zipfile

from hostile_rewrite import greet

PROJECT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The venv lives in <RUNNER_TEMP>/python-ci-<id>/venv.
RUNNER_TEMP = os.path.dirname(os.path.dirname(sys.prefix))
PLANTED = "hostile_rewrite/_planted.py"


def built(pattern):
    found = glob.glob(os.path.join(PROJECT, "dist", pattern))
    found += glob.glob(os.path.join(RUNNER_TEMP, "python-ci-*", "**", pattern), recursive=True)
    # Not a backend's half-written file, nor a copy in an unpacked sdist or cache.
    skip = ("/.tmp", "/venv/", "/tools", "cache", "/wheels/")
    return [f for f in found if not any(s in f for s in skip)]


def wait_for(pattern, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        found = built(pattern)
        if found:
            return found
        time.sleep(0.01)
    raise AssertionError("never appeared: " + pattern)


def wheel_build_running():
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                args = f.read().split(b"\0")
        except OSError:
            continue
        # The build of this project's wheel, not another project's.
        if b"--wheel" in args and any(b"hostile_rewrite" in a or b"hostile-rewrite" in a for a in args):
            return True
    return False


def wait_for_wheel_build():
    wheels = wait_for("hostile_rewrite-0.1.0-*.whl")
    deadline = time.time() + 120
    while wheel_build_running() and time.time() < deadline:
        time.sleep(0.02)
    # The build's own bookkeeping, whatever it is, has had its moment.
    time.sleep(1.0)
    return wheels


def test_greet():
    assert greet("you") == "hello you"


def test_rewrite_wheel():
    for wheel in wait_for_wheel_build():
        with zipfile.ZipFile(wheel) as z:
            members = [(i, z.read(i)) for i in z.infolist()]
        with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as z:
            for info, data in members:
                z.writestr(info, data)
            z.writestr(PLANTED, "print('planted')\n")


def test_rewrite_sdist():
    for sdist in wait_for("hostile_rewrite-0.1.0.tar.gz"):
        buffer = io.BytesIO()
        with tarfile.open(sdist) as old, tarfile.open(fileobj=buffer, mode="w:gz") as new:
            for member in old.getmembers():
                new.addfile(member, old.extractfile(member) if member.isfile() else None)
            data = b"print('planted')\n"
            info = tarfile.TarInfo("hostile_rewrite-0.1.0/src_planted.py")
            info.size = len(data)
            new.addfile(info, io.BytesIO(data))
        with open(sdist, "wb") as f:
            f.write(buffer.getvalue())


def test_delete_wheel():
    for wheel in wait_for_wheel_build():
        os.remove(wheel)


def test_drop_extra_file():
    for sdist in wait_for("hostile_rewrite-0.1.0.tar.gz"):
        shutil.copy(sdist, os.path.join(os.path.dirname(sdist), "hostile_rewrite-0.1.0.post1.tar.gz"))
