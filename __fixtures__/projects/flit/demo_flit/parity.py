def is_even(n):
    if not isinstance(n, int):
        raise TypeError("integers only")
    return n % 2 == 0


def label(n):
    if is_even(n):
        return "even"
    return "odd"
