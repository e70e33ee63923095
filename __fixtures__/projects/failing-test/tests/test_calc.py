from demo_failing import add, divide
from demo_failing.calc import sign


def test_add():
    assert add(2, 3) == 5


def test_divide():
    assert divide(6, 3) == 2


def test_add_is_wrong():
    total = add(2, 2)
    assert total == 5, "add(2, 2) should be 5 in this broken test"


def test_sign():
    assert sign(-3) == -1
