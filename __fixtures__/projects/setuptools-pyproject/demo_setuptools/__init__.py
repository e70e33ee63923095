"""Shapes and words, measured by the end-to-end tests."""

from demo_setuptools.shapes import area
from demo_setuptools.words import shout

__all__ = ["area", "shout"]
