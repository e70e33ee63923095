from demo_build_fails import answer


def test_answer():
    assert answer() == 42
