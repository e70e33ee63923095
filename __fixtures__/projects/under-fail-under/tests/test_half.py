from under_fail_under import covered


def test_covered():
    assert covered(1) == 2
