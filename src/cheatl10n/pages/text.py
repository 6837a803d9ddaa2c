"""Whether a piece of text holds anything for a translator: a letter outside code and markup."""

from __future__ import annotations

import bisect
import re
import unicodedata

from cheatl10n.pages.finder import Finder
from cheatl10n.unidata import extended_pictographic

_CANDIDATE = re.compile(r"`+|<|\]\(|&|\{\{")
"""Where something that is not prose may start: a code span, a tag, a link target, an entity, a mustache."""
_ENTITY = re.compile(r"&#?\w+;")


def has_prose(text: str) -> bool:
    """Whether ``text`` holds any letter outside code spans, tags and link targets.

    >>> has_prose("`len()`"), has_prose("See `len()`")
    (False, True)
    """
    return any(unicodedata.category(char).startswith("L") for char in strip_markup(text))


def strip_markup(text: str) -> str:
    """``text`` with code spans, tags, link targets, entities and Vue mustaches blanked out.

    A scanner, linear in the text (a regex with lazy ``.+?`` took minutes on a line
    of 10,000 backticks): a code span opened by N backticks closes at the next run
    of exactly N; a tag or link target ends on its line.

    >>> strip_markup("Use `len()` on <b>any</b> [list](https://x.org) &amp; {{ n }}")
    'Use   on  any  [list     '
    """
    runs = _backtick_runs(text)
    finder = Finder(text)
    pieces, position = [], 0
    for match in _CANDIDATE.finditer(text):
        start = match.start()
        if start < position:
            continue
        end = _markup_end(text, match.group(), start, runs, finder)
        if end > start:
            pieces += [text[position:start], " "]
            position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _backtick_runs(text: str) -> dict[int, list[int]]:
    """The start of every run of backticks, by the run's length."""
    runs: dict[int, list[int]] = {}
    if "`" in text:
        for match in re.finditer("`+", text):
            runs.setdefault(match.end() - match.start(), []).append(match.start())
    return runs


def _markup_end(text: str, found: str, start: int, runs: dict[int, list[int]], finder: Finder) -> int:
    """Where the markup at ``start`` (opened by ``found``) ends; ``start`` when it is not markup."""
    if found[0] == "`":
        same = runs[len(found)]
        after = bisect.bisect_right(same, start)
        return same[after] + len(found) if after < len(same) else start
    if found == "&":
        entity = _ENTITY.match(text, start)
        return entity.end() if entity else start
    closing, skip = {"<": (">", 1), "](": (")", 2), "{{": ("}}", 2)}[found]
    close = finder.next(closing, start + skip)
    if close < 0:
        return start
    if found != "{{":  # a tag or a link target ends on its line
        line_end = finder.next("\n", start)
        if 0 <= line_end < close:
            return start
    return close + len(closing)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a monospaced font: East Asian wide characters 2, marks 0.

    >>> display_width("ab"), display_width("日本"), display_width("e\u0301")
    (2, 4, 1)
    """
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        wide = unicodedata.east_asian_width(char) in "WF" or (
            ord(char) >= 0x2000 and extended_pictographic(char)
        )
        width += 2 if wide else 1  # emoji count two columns, as prettier's string width does
    return width


def count_words(text: str) -> int:
    """Words a translator reads: runs of letters or digits outside code and markup.

    >>> count_words("Use `len()` on <b>any</b> list")
    4
    """
    return len(re.findall(r"\w+", strip_markup(text)))
