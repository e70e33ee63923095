from demo_syntax import title


def test_title():
    assert title("python") == "Python"


def test_title_empty():
    assert title("") == ""
