from setuptools import setup

setup(
    name="setup-py-only",
    version="1.0.0",
    description="A setup.py project with more in git than in its sdist",
    long_description=open("README.rst").read(),
    long_description_content_type="text/x-rst",
    packages=["legacy_files"],
)
