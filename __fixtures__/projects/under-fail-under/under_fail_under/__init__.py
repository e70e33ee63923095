def covered(x):
    return x + 1


def uncovered(x):
    if x > 0:
        return x - 1
    return -x
