"""A test that crashes the interpreter, as a broken C extension would."""
import os
import signal

from hostile_segfault import double


def test_double():
    assert double(2) == 4


def test_crashes():
    os.kill(os.getpid(), signal.SIGSEGV)
