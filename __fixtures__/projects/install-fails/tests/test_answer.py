from demo_install_fails import answer


def test_answer():
    assert answer() == 42
