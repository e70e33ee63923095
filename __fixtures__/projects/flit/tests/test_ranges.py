from demo_flit.ranges import clamp


def test_inside():
    assert clamp(5, 0, 10) == 5


def test_low():
    assert clamp(-1, 0, 10) == 0
