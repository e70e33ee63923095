"""Settings-driven demo."""

from demo_conf.units import convert

__all__ = ["convert"]
