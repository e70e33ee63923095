"""Scales a number by what the test helper says."""


def scaled(x: int, factor: int = 3) -> int:
    if factor < 0:
        raise ValueError("factor must not be negative")
    return x * factor
