from demo_failing.calc import add, divide

__all__ = ["add", "divide"]
