from demo_flit import is_even
from demo_flit.parity import label


def test_even():
    assert is_even(4)


def test_odd_label():
    assert label(3) == "odd"
