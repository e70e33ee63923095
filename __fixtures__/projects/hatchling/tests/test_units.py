from demo_hatch.units import km_to_miles


def test_rounded():
    assert km_to_miles(10, 1) == 6.2
