FACTORS = {"km": 1000.0, "m": 1.0, "cm": 0.01}


def convert(value, unit_from, unit_to):
    if unit_from not in FACTORS:
        raise ValueError(f"unknown unit {unit_from}")
    if unit_to not in FACTORS:
        raise ValueError(f"unknown unit {unit_to}")
    if unit_from == unit_to:
        return value
    return value * FACTORS[unit_from] / FACTORS[unit_to]


def describe(value, unit):
    if value == 1:
        return f"1 {unit}"
    return f"{value} {unit}s"
