"""Parses 'a+b' sums."""


def add(expression: str) -> int:
    left, right = expression.split("+")
    return int(left) + int(right)
