from demo.shapes import area, classify


def test_square():
    assert area("square", 2) == 4


def test_classify():
    assert classify(5) == "positive"
    assert classify(0) == "zero"
