from demo_scm import greet


def test_named():
    assert greet("ada") == "hello ada"
