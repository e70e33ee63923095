"""Doubles what the dependency gives."""

import cachedep


def doubled() -> int:
    return 2 * cachedep.VALUE
