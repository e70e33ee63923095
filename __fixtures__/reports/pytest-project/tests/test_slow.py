import time


def test_slow_a():
    time.sleep(0.05)


def test_slow_b():
    time.sleep(0.02)
