from demo_legacy.grades import grade

__all__ = ["grade"]
