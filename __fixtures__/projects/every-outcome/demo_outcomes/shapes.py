def area(width, height):
    if width < 0 or height < 0:
        raise ValueError("negative side")
    return width * height


def perimeter(width, height):
    return 2 * (width + height)


def diagonal(width, height):
    return (width**2 + height**2) ** 0.5
