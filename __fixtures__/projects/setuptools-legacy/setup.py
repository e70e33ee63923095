from setuptools import setup

setup(
    name="demo-legacy",
    version="0.2.0",
    description="A tiny project with only a setup.py",
    packages=["demo_legacy"],
)
