"""Tests will come here; for now this module collects nothing."""


def helper():
    return 42
