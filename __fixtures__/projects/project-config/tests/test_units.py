import pytest

from demo_conf import convert
from demo_conf.units import describe


def test_same_unit():
    assert convert(3, "m", "m") == 3


def test_km_to_m():
    assert convert(2, "km", "m") == 2000.0


def test_unknown():
    with pytest.raises(ValueError):
        convert(1, "mile", "m")


def test_describe_plural():
    assert describe(2, "metre") == "2 metres"
