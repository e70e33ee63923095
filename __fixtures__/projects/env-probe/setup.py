"""Fails the build when the step's inputs or runner tokens reach the build backend."""
import importlib.util
import pathlib

from setuptools import setup

# The package's own check, loaded by path: the build backend does not put this folder on sys.path.
spec = importlib.util.spec_from_file_location("probe", pathlib.Path(__file__).parent / "env_probe" / "__init__.py")
probe = importlib.util.module_from_spec(spec)
spec.loader.exec_module(probe)
leaked = probe.leaked()
if leaked:
    raise SystemExit("the build backend saw " + ", ".join(leaked))

setup(name="env-probe", version="0.1.0", packages=["env_probe"])
