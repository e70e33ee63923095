from demo_outcomes.shapes import area, perimeter

__all__ = ["area", "perimeter"]
