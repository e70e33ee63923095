import math


def area(kind, size):
    if kind == "square":
        return size * size
    if kind == "circle":
        return math.pi * size * size
    raise ValueError(f"unknown shape: {kind}")


def describe(kind, size):
    value = area(kind, size)
    if value > 100:
        return "large"
    return "small"
