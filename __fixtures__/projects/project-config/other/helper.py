# Not part of the package: coverage's configured source leaves it out.
def unused():
    return 42
