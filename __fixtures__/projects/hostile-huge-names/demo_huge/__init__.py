def double(value):
    return value * 2


def halve(value):
    if value % 2:
        raise ValueError("odd")
    return value // 2
