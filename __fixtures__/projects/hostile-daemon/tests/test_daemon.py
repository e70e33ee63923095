"""Tests that leave processes behind holding pytest's own stdout and stderr
(capture suspended, as a test's forgotten server started with -s would).
Each writes its pid where the end-to-end test looks."""
import os
import subprocess
import sys

from hostile_daemon import double


def test_double():
    assert double(2) == 4


def test_leaves_a_child_behind(capfd):
    # Same session and group as pytest; stdout and stderr inherited.
    code = "import os, time; open('daemon-popen.pid', 'w').write(str(os.getpid())); time.sleep(600)"
    with capfd.disabled():
        subprocess.Popen([sys.executable, "-c", code], start_new_session=False)


def test_leaves_a_double_forked_daemon_behind(capfd):
    with capfd.disabled():
        if os.fork() == 0:
            if os.fork() == 0:
                with open("daemon-fork.pid", "w") as f:
                    f.write(str(os.getpid()))
                os.execvp("sleep", ["sleep", "600"])
            os._exit(0)
        os.wait()


def test_double_again():
    assert double(3) == 6
