from demo_readme import answer


def test_answer():
    assert answer() == 42
