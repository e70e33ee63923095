from demo_hatch.temperature import to_fahrenheit

__all__ = ["to_fahrenheit"]
