"""``str.find`` for scanners that move forward: each needle's next place is remembered.

A scanner looking for ``-->`` after each of 10,000 ``<!--`` would read to the
end of the text 10,000 times with ``find`` or a lazy regex (``<!--.*?-->``).
Asked from start offsets that never go back, ``Finder.next`` searches the text
at most once per needle, so a whole scan stays linear.
"""

from __future__ import annotations


class Finder:
    """The next occurrence of a needle in ``text[:end]``, for start offsets that only grow."""

    __slots__ = ("_found", "end", "text")

    def __init__(self, text: str, end: int | None = None) -> None:
        self.text = text
        self.end = len(text) if end is None else end
        self._found: dict[str, tuple[int, int]] = {}  # needle -> (asked from, found at or -1)

    def next(self, needle: str, start: int) -> int:
        """The first offset >= ``start`` of ``needle`` (ending by ``end``), or -1.

        >>> finder = Finder("a-->b-->")
        >>> finder.next("-->", 0), finder.next("-->", 2), finder.next("-->", 5), finder.next("-->", 6)
        (1, 5, 5, -1)
        """
        asked, found = self._found.get(needle, (-1, -1))
        if asked != -1 and asked <= start and (found == -1 or found >= start):
            return found
        found = self.text.find(needle, start, self.end)
        self._found[needle] = (start, found)
        return found
