"""Whether a piece of text holds anything for a translator: a letter outside code and markup."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from cheatl10n.pages.finder import Finder
from cheatl10n.unidata import extended_pictographic

NOT_PROSE = (
    r"(`+)(?:.+?)\1"  # code spans
    r"|<[^>\n]*>"  # tags and autolinks
    r"|\]\([^)\n]*\)"  # link destinations
    r"|&#?\w+;"  # entities
    r"|\{\{.*?\}\}"  # Vue mustaches, Hugo shortcodes, Jinja expressions: not prose
    r"|\{%.*?%\}"  # Jinja and Liquid tags
)
"""The pattern (for ``re.DOTALL``) of what in a msgid is not prose; its group 1 is a code span's ticks.

``strip_markup`` finds the same with a scanner, in linear time."""
PLACEHOLDER = r"%(?:\([A-Za-z_]\w*\))?[-+#0]*\d*(?:\.\d+)?[sdifrxXeEgGc]|\{[A-Za-z_]\w*\}|\{\d*\}"
"""The pattern of printf-style (``%s``, ``%(name)d``) and brace (``{name}``, ``{0}``, ``{}``) placeholders."""
_CANDIDATE = re.compile(r"`+|<|\]\(|&|\{\{|\{%")
"""Where something that is not prose may start: a code span, a tag, a link target, an entity, a template."""
_ENTITY = re.compile(r"&#?\w+;")
_BACKTICKS = re.compile("`+")
_CLOSING = {"<": (">", 1), "](": (")", 2), "{{": ("}}", 2), "{%": ("%}", 2)}
"""What closes markup that ``_CANDIDATE`` found, and the length of its opening."""


def has_prose(text: str) -> bool:
    """Whether ``text`` holds any letter outside code spans, tags and link targets.

    Markup starts only where ``_CANDIDATE`` matches, so a letter before its first
    match is prose (seven calls in ten when segmenting: the first character), and
    text without a match is all prose: ``strip_markup`` runs only when neither
    answers (a quarter of the calls).

    >>> has_prose("`len()`"), has_prose("See `len()`")
    (False, True)
    """
    if text[:1].isalpha():
        return True
    markup = _CANDIDATE.search(text)
    if markup is None:
        return has_letters(text)
    return has_letters(text, markup.start()) or has_letters(strip_markup(text))


def prose_letters(text: str) -> Iterator[str]:
    """The letters of ``text`` outside code and markup, in order."""
    return (char for char in strip_markup(text) if char.isalpha())


_LETTER_OR_NUMERAL = re.compile(r"[^\W\d_]")
"""What ``\\w`` holds besides digits and ``_``: every letter, and numerals such as ``²`` or ``Ⅻ``."""


def has_letters(text: str, end: int | None = None) -> bool:
    """Whether ``text`` (up to ``end``) holds any letter (Unicode category L), inside code and markup too.

    ``str.isalpha`` is exactly category L; the regex finds the candidates in C.
    """
    for match in _LETTER_OR_NUMERAL.finditer(text, 0, len(text) if end is None else end):
        if match.group().isalpha():
            return True
    return False


_WORD = re.compile(r"\w+")
_NOT_WORDS = re.compile(
    r"%(?:\([A-Za-z_]\w*\))?[-+#0 ]*\d*(?:\.\d+)?[sdifrxXeEgGc]"  # printf placeholders: %s, %(n)d
    r"|\{[^{}\s]*\}"  # brace placeholders and format specs: {name}, {0}, {:.2f}
    r"|(?<![\w.])[A-Za-z_][\w.]*\([^()\s]*\)"  # a call written without backticks: pow(), os.getcwd()
)


def needs_translation(text: str) -> bool:
    """Whether a translator has anything to do in ``text``: a letter outside code, markup,
    placeholders and names of calls. A string without one (``<a href="/p">pow()</a>``,
    ``{:.2f}``, ``time()``) is copied as it is, so it is counted apart, never as work left.

    >>> needs_translation("`len()`"), needs_translation("time()"), needs_translation("{:.2f}")
    (False, False, False)
    >>> needs_translation("Use time() to measure"), needs_translation("%(count)d items")
    (True, True)
    """
    words = strip_markup(text)
    if "(" in words or "%" in words or "{" in words:  # each of _NOT_WORDS needs one
        words = _NOT_WORDS.sub(" ", words)
    return has_prose(words)


@lru_cache(maxsize=4096)
def strip_markup(text: str) -> str:
    """``text`` with code spans, tags, link targets, entities and template expressions blanked out.

    A scanner, linear in the text (a regex with lazy ``.+?`` took minutes on a line
    of 10,000 backticks): a code span opened by N backticks closes at the next run
    of exactly N; a tag or link target ends on its line.
    Cached: segmenting, counting and checking ask about the same msgid several times.

    >>> strip_markup("Use `len()` on <b>any</b> [list](https://x.org) &amp; {{ n }}")
    'Use   on  any  [list     '
    """
    first = _CANDIDATE.search(text)
    if first is None:
        return text  # nothing to blank: most msgids
    runs = _backtick_runs(text)
    finder = Finder(text)
    pieces, position = [], 0
    for match in _CANDIDATE.finditer(text, first.start()):
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
        for match in _BACKTICKS.finditer(text):
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
    closing, skip = _CLOSING[found]
    close = finder.next(closing, start + skip)
    if close < 0:
        return start
    if found in ("<", "]("):  # a tag or a link target ends on its line
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
    return sum(char_width(char) for char in text)


def char_width(char: str, emoji_wide: bool = True) -> int:
    """Columns one character takes: 0 for a mark, 2 for an East Asian wide one, else 1.

    An emoji takes two columns, as prettier's string width counts it, unless
    ``emoji_wide`` is false: libunistring's ``uc_width`` (gettext's wrapping) counts one.

    >>> char_width("a"), char_width("日"), char_width("\u0301"), char_width("✔"), char_width("✔", False)
    (1, 2, 0, 2, 1)
    """
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(char) in "WF":
        return 2
    return 2 if emoji_wide and ord(char) >= 0x2000 and extended_pictographic(char) else 1


def count_words(text: str) -> int:
    """Words a translator reads: runs of letters or digits outside code and markup.

    >>> count_words("Use `len()` on <b>any</b> list")
    4
    """
    return len(_WORD.findall(strip_markup(text)))
