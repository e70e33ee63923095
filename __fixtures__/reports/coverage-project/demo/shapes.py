def area(kind, size):
    if kind == "square":
        return size * size
    if kind == "circle":
        return 3.14159 * size * size
    raise ValueError(kind)


def classify(n):
    if n < 0:
        return "negative"
    if n == 0:
        return "zero"
    for _ in range(n):
        if n > 100:
            return "big"
    return "positive"


def unused():  # pragma: no cover
    return None
