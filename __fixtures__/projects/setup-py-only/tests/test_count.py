from legacy_files import count
from legacy_files.lines import lines


def test_count():
    assert count("a b  c") == 3


def test_lines():
    assert lines("a\nb") == 2
    assert lines("") == 0
