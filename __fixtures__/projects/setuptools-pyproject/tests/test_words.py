from demo_setuptools import shout


def test_shout_twice():
    assert shout("hi", 2) == "HI!HI"


def test_shout_zero():
    assert shout("hi", 0) == ""
