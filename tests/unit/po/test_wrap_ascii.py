"""The printable-ASCII shortcut to UAX #14 that PO wrapping takes.

Expected values come from ``allowed_at`` (the rules applied character by character),
never from the shortcut itself.
"""

from __future__ import annotations

from itertools import product

from cheatl10n.po.wrap import ASCII_BREAK_AFTER, allowed_at, ascii_allowed_at

PRINTABLE = [chr(code) for code in range(0x20, 0x7F)]
NOT_SPACE = [char for char in PRINTABLE if char != " "]


def test_no_break_follows_a_character_outside_the_candidates() -> None:
    """Every pair of printable ASCII characters: a break after one that ``ASCII_BREAK_AFTER``
    leaves out is never allowed, whatever comes before it."""
    for before, after in product(PRINTABLE, PRINTABLE):
        if not ASCII_BREAK_AFTER.fullmatch(before):
            assert not allowed_at(before + after, 1), (before, after)
            assert not allowed_at(f"a{before}{after}", 2), (before, after)


def test_two_characters_decide_a_break_that_no_space_precedes() -> None:
    for first, before, after in product(["", "a", " ", "(", '"', "-", "1", "\\"], NOT_SPACE, PRINTABLE):
        text = first + before + after
        assert ascii_allowed_at(text, len(text) - 1) == allowed_at(text, len(text) - 1), repr(text)


def test_after_spaces_the_character_before_them_decides() -> None:
    for head, spaces, after in product(["", *(f"x{char}" for char in NOT_SPACE)], (" ", "   "), PRINTABLE):
        text = head + spaces + after
        assert ascii_allowed_at(text, len(text) - 1) == allowed_at(text, len(text) - 1), repr(text)
