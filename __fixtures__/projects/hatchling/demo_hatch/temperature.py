def to_fahrenheit(celsius):
    if celsius < -273.15:
        raise ValueError("below absolute zero")
    return celsius * 9 / 5 + 32


def feels(celsius):
    if celsius > 30:
        return "hot"
    if celsius < 5:
        return "cold"
    return "mild"
