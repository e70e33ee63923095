"""Two tests that pass, then one that never ends."""
import os
import time

from hostile_hang import double


def test_1():
    assert double(1) == 2


def test_2():
    assert double(2) == 4


def test_zz_hangs():
    with open("hang.pid", "w") as f:
        f.write(str(os.getpid()))
    while True:
        time.sleep(1000)
