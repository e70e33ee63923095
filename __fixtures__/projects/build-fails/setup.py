import sys

from setuptools import setup

# pip's install builds a wheel and passes; `python -m build` asks for the sdist
# first, and the backend raises: the step must say this line, not pip's or build's wrapping.
if "sdist" in sys.argv:
    raise RuntimeError("demo-build-fails: the backend refuses to make an sdist, on purpose")

setup()
