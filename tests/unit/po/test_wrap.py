"""Wrapping prose as msgcat does, and the shortcuts to UAX #14 that it takes: answers kept
per context, and in printable ASCII only the characters a break may follow looked at.

Expected values come from gettext's ``msgcat`` and, for the shortcuts, from ``allowed_at``
(the rules applied at one place of the whole text), never from the shortcuts themselves.
"""

from __future__ import annotations

import subprocess
from itertools import product

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cheatl10n.po.wrap import ASCII_BREAK_AFTER, allowed_at, cached_allowed_at
from cheatl10n.po.write import dump_po

from support import require_tool

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
        assert cached_allowed_at(text, len(text) - 1) == allowed_at(text, len(text) - 1), repr(text)


def test_after_spaces_the_character_before_them_decides() -> None:
    for head, spaces, after in product(["", *(f"x{char}" for char in NOT_SPACE)], (" ", "   "), PRINTABLE):
        text = head + spaces + after
        assert cached_allowed_at(text, len(text) - 1) == allowed_at(text, len(text) - 1), repr(text)


TRICKY = ["a", " ", "\u0301", "\u200d", "\U0001f1ef", "\U0001f1f5", "日", "（", "(", ")", "-", "1", '"', "👍"]
"""Letters, spaces, a combining mark, a joiner, regional indicators, wide and narrow brackets."""


def test_kept_answers_are_those_of_the_rules_in_every_context() -> None:
    """Every string of up to four of ``TRICKY``, in an order that meets each context again
    after others: what ``cached_allowed_at`` kept still holds where the text differs further back."""
    for size in (2, 3, 4):
        for chars in product(TRICKY, repeat=size):
            text = "".join(chars)
            for index in range(1, size):
                assert cached_allowed_at(text, index) == allowed_at(text, index), (text, index)


WORDS = st.one_of(
    st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzXYZ0123456789_"), min_size=1, max_size=12),
    st.text(st.sampled_from("abcxyz09"), min_size=60, max_size=120),  # longer than a line
    st.sampled_from(["https://example.com/a/b?c=1&d=2", "co-operate", "and/or", "e.g.", "(see)", "[x](y)"]),
    st.sampled_from(["`len()`", "{name}", "$HOME", "100%", "-1", "+5", "a\\b", '"quoted"', "'it'", "a|b"]),
    st.sampled_from(["日本語のテキスト", "「引用」。", "（注）", "русский", "e\u0301", "—", "…", "👍"]),
    st.text(st.sampled_from(PRINTABLE), max_size=20),
)
SEPARATORS = st.sampled_from([" ", " ", "  ", "", "-", "/", ", ", ". ", "\n", "\t", ": ", " (", "\u00a0"])
PROSE = st.lists(st.tuples(WORDS, SEPARATORS), max_size=30).map(lambda parts: "".join(map("".join, parts)))


@st.composite
def prose_catalogs(draw: st.DrawFn) -> polib.POFile:
    """A catalog of prose strings, some near the 79 columns a line takes, some obsolete."""
    po = polib.POFile(wrapwidth=79)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit"}
    seen = set()
    for _ in range(draw(st.integers(1, 6))):
        padding = draw(st.integers(0, 12))  # moves the prose's breaks around the line's end
        msgid = "x" * padding + " " + draw(PROSE)
        if msgid in seen:
            continue
        seen.add(msgid)
        msgstr = draw(PROSE)
        obsolete = draw(st.booleans()) and bool(msgstr)  # msgcat drops untranslated obsolete entries
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, obsolete=obsolete))
    return po


@pytest.fixture(scope="module")
def msgcat() -> str:
    return require_tool("msgcat")


def assert_msgcat_keeps(msgcat: str, po: polib.POFile) -> None:
    written = dump_po(po)
    result = subprocess.run([msgcat, "-"], input=written, capture_output=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode() == written.decode()


@settings(max_examples=150, deadline=None)
@given(po=prose_catalogs())
def test_prose_is_wrapped_as_msgcat_wraps_it(msgcat: str, po: polib.POFile) -> None:
    assert_msgcat_keeps(msgcat, po)


def test_no_break_after_the_spaces_that_start_a_line(msgcat: str) -> None:
    """libunistring never breaks at the start of a line, even after spaces there: a string,
    or a portion after a \\n, that starts with spaces keeps them on the line of its text."""
    po = polib.POFile(wrapwidth=79)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for msgid in (" " + "0" * 70 + " ", "   " + "0" * 80, "a\n  (" + "0" * 80, "  x" + "-" * 90):
        po.append(polib.POEntry(msgid=msgid, msgstr=""))
    assert dump_po(po).count(b'\n"  (000') == 1  # the text shown: msgcat keeps "  (" with the zeros
    assert_msgcat_keeps(msgcat, po)
