def add(a, b):
    return a + b


def divide(a, b):
    if b == 0:
        raise ZeroDivisionError("cannot divide by zero")
    return a / b


def sign(n):
    if n > 0:
        return 1
    if n < 0:
        return -1
    return 0
