from demo.shapes import area

__all__ = ["area"]
