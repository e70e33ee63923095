from demo_syntax.text import title

__all__ = ["title"]
