import sys

import pytest

from demo_outcomes import area, perimeter


@pytest.fixture
def broken_database():
    raise ConnectionError("the test database is not running")


@pytest.fixture
def leaky_resource():
    yield "resource"
    raise RuntimeError("the resource was not released")


def test_area():
    assert area(2, 3) == 6


def test_perimeter():
    assert perimeter(2, 3) == 10


def test_area_rejects_negative():
    with pytest.raises(ValueError):
        area(-1, 3)


def test_perimeter_is_wrong():
    assert perimeter(1, 1) == 5, "perimeter(1, 1) should be 5 here"


@pytest.mark.skip(reason="not written yet")
def test_skipped():
    pass


@pytest.mark.skipif(sys.version_info > (3,), reason="only on Python 2")
def test_skipped_on_python3():
    pass


@pytest.mark.xfail(reason="diagonal is not exported yet")
def test_expected_failure():
    from demo_outcomes import diagonal  # noqa: F401


@pytest.mark.xfail(reason="thought to be wrong, but passes")
def test_unexpected_pass():
    assert area(1, 1) == 1


@pytest.mark.xfail(strict=True, reason="strict: passing is a failure")
def test_unexpected_pass_strict():
    assert perimeter(1, 1) == 4


def test_needs_database(broken_database):
    assert broken_database


def test_leaks(leaky_resource):
    assert leaky_resource == "resource"
