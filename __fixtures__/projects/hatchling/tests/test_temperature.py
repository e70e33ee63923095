from demo_hatch import to_fahrenheit
from demo_hatch.temperature import feels


def test_freezing():
    assert to_fahrenheit(0) == 32


def test_boiling():
    assert to_fahrenheit(100) == 212


def test_hot():
    assert feels(35) == "hot"
