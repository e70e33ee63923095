from demo_src import to_roman


def test_small():
    assert to_roman(4) == "IV"


def test_larger():
    assert to_roman(19) == "XIX"
