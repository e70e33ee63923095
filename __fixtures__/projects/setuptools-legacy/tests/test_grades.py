from demo_legacy import grade
from demo_legacy.grades import passed


def test_a():
    assert grade(95) == "A"


def test_c():
    assert grade(60) == "C"


def test_passed():
    assert passed(80)
