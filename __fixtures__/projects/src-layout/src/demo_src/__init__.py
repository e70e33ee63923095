from demo_src.roman import to_roman

__all__ = ["to_roman"]
