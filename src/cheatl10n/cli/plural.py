"""Counted nouns in messages: ``1 page``, ``2 pages``. Imports nothing (``cli/main.py`` loads it)."""

from __future__ import annotations


def plural(count: int, noun: str, nouns: str = "") -> str:
    """``count`` with ``noun`` in the right number.

    >>> plural(1, "page"), plural(0, "page"), plural(2, "entry", "entries")
    ('1 page', '0 pages', '2 entries')
    """
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"
