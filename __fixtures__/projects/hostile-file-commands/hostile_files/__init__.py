def add(a, b):
    return a + b


def unused(a):
    if a:
        return a * 2
    return -a
