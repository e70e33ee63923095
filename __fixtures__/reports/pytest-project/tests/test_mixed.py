import pytest


def helper(x):
    assert x == 2, "helper says no"


def test_pass():
    assert 1 + 1 == 2


def test_fail():
    a = 1
    b = 2
    assert a == b


def test_fail_in_helper():
    helper(3)


@pytest.mark.skip(reason="not today")
def test_skip():
    pass


@pytest.mark.xfail(reason="known bug")
def test_xfail():
    assert False


@pytest.mark.xfail(reason="fixed already")
def test_xpass():
    pass


@pytest.fixture
def broken():
    raise RuntimeError("fixture exploded")


def test_fixture_error(broken):
    pass


@pytest.fixture
def bad_teardown():
    yield 1
    raise ValueError("teardown exploded")


def test_fail_and_teardown_error(bad_teardown):
    assert bad_teardown == 2


class TestThing:
    def test_method_pass(self):
        assert True

    def test_method_fail(self):
        assert "a" * 3 == "b", "strings differ"


@pytest.mark.parametrize(
    "value",
    ["a|b", "<script>alert(1)</script>", "`tick` ```fence```", "line1\nline2", "@octocat hi", "ok"],
    ids=["pipe|x", "<script>alert(1)</script>", "`tick` ```fence```", "line1\nline2", "@octocat", "ok"],
)
def test_hostile(value):
    assert value == "ok", f"bad value: {value}"
