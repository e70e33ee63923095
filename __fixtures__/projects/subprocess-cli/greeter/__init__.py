"""Greetings, as a library and as a command line."""

from greeter.words import greeting

__all__ = ["greeting"]
