import sys

import pytest

from demo_setuptools import area
from demo_setuptools.shapes import describe


def test_square():
    assert area("square", 3) == 9


def test_circle():
    assert round(area("circle", 1), 2) == 3.14


def test_describe_small():
    assert describe("square", 2) == "small"


@pytest.mark.skipif(sys.version_info >= (3,), reason="shown as skipped on every Python 3")
def test_skipped():
    assert area("triangle", 1) == 0
