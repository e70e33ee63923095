from demo_poetry.pricing import total


def test_total():
    assert total([1.5, 2.5]) == 4


def test_discount():
    assert total([10], discount=10) == 9
