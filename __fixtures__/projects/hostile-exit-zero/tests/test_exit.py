import os

from hostile_exit_zero import double


def test_double():
    assert double(2) == 4


def test_exit_early():
    # Ends the process with status 0: no JUnit report, no coverage data.
    os._exit(0)


def test_fails_but_never_runs():
    assert double(2) == 5
