"""A tiny flit project."""

from demo_flit.parity import is_even

__all__ = ["is_even"]
