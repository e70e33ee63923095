from demo_poetry.inventory import Inventory

__all__ = ["Inventory"]
