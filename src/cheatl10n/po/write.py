"""PO text in gettext's canonical form: the bytes ``msgcat`` writes for the same catalog.

polib models and parses catalogs; this module only serializes them, because
polib's wrapping differs from gettext's and every tool that re-saves a file
(msgcat, msgmerge, Poedit, Weblate) would otherwise produce a diff.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Set
from functools import lru_cache
from itertools import accumulate, pairwise

import polib

from cheatl10n.pages.text import char_width
from cheatl10n.po.wrap import ASCII_BREAK_AFTER, cached_allowed_at

WIDTH = 79
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\v": "\\v",
}


_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NOTHING: frozenset[int] = frozenset()


def _escape(text: str) -> tuple[str, Set[int]]:
    """The escaped text, and the offsets inside escape sequences where no break may go."""
    if '"' not in text and "\\" not in text and (text.isprintable() or not _NEEDS_ESCAPE.search(text)):
        return text, _NOTHING
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    if _CONTROL.search(escaped):
        escaped = _CONTROL.sub(_escape_control, escaped)
    inside: set[int] = set()
    # Every backslash of the escaped text starts a sequence: two characters, or four (\ooo).
    index = escaped.find("\\")
    while index >= 0:
        if escaped[index + 1] in "01234567":
            inside.update((index + 1, index + 2, index + 3))
            index = escaped.find("\\", index + 4)
        else:
            inside.add(index + 1)
            index = escaped.find("\\", index + 2)
    return escaped, inside


def _escape_control(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\{ord(char):03o}"


@lru_cache(maxsize=65536)
def _columns(char: str) -> int:
    """Columns ``char`` takes, as libunistring's ``uc_width`` counts (cached: a catalog's text
    uses a few dozen characters, each met thousands of times)."""
    return char_width(char, emoji_wide=False)


def _breaks(portion: str, inside: Set[int], width: int, start_column: int, limit: int = 0) -> list[int]:
    """Where gettext breaks a portion: each line takes the pieces (text up to a UAX #14 break
    opportunity) that fit in ``width`` columns; a piece wider than that sits alone on its line.

    Opportunities are only looked for near each line's end, so a long string costs little more
    than its length. With ``limit``, at most that many breaks are found.
    """
    if portion.isascii():  # escaped: printable ASCII
        if start_column + len(portion) <= width:
            return []
        return _ascii_breaks(portion, inside, width, start_column, limit)
    return _wide_breaks(portion, inside, width, start_column, limit)


def _ascii_breaks(portion: str, inside: Set[int], width: int, column: int, limit: int) -> list[int]:
    """``_breaks`` of printable ASCII: a column a character, and the characters a break may
    follow found by a regex, backwards in the reversed text."""
    end = len(portion)
    final = end - 2 if portion.endswith("\\n") else -1  # never right before the final \n
    backwards = portion[::-1]  # portion[i - 1] is backwards[end - i]
    search = ASCII_BREAK_AFTER.search

    def fits_at(start: int, column: int) -> int | None:
        if column + end - start <= width:
            return None
        return min(start + max(0, width - column), end - 1)

    def opening(point: int) -> bool:
        return point not in inside and point != final and cached_allowed_at(portion, point)

    def last_before(fits: int, start: int) -> int | None:
        found = search(backwards, end - fits, end - start)
        while found is not None and not opening(end - found.start()):
            found = search(backwards, found.start() + 1, end - start)
        return None if found is None else end - found.start()

    def first_after(fits: int) -> int | None:
        found = search(portion, fits, end - 1)
        while found is not None and not opening(found.end()):
            found = search(portion, found.end(), end - 1)
        return None if found is None else found.end()

    return _line_ends(fits_at, last_before, first_after, column, limit)


def _wide_breaks(portion: str, inside: Set[int], width: int, column: int, limit: int) -> list[int]:
    """``_breaks`` of any other text: columns counted as ``uc_width`` counts them."""
    if set(map(_columns, set(portion))) == {1}:
        columns = None  # one column a character: offsets are widths
    else:
        columns = list(accumulate(map(_columns, portion), initial=0))
    end = len(portion)
    final = end - 2 if portion.endswith("\\n") else -1  # never right before the final \n

    def fits_at(start: int, column: int) -> int | None:
        if columns is None:
            if column + end - start <= width:
                return None
            fits = start + max(0, width - column)
        else:
            if column + columns[end] - columns[start] <= width:
                return None
            fits = max(start, bisect_right(columns, width - column + columns[start]) - 1)
        return min(fits, end - 1)

    def opening(i: int) -> bool:
        before, after = portion[i - 1], portion[i]
        if before.isascii() and after.isascii() and before.isalnum() and after.isalnum():
            return False  # never a break inside a run of ASCII letters and digits (LB23, LB25, LB28)
        return i not in inside and i != final and cached_allowed_at(portion, i)

    def last_before(fits: int, start: int) -> int | None:
        return next((i for i in range(fits, start, -1) if opening(i)), None)

    def first_after(fits: int) -> int | None:
        return next((i for i in range(fits + 1, end) if opening(i)), None)

    return _line_ends(fits_at, last_before, first_after, column, limit)


def _line_ends(
    fits_at: Callable[[int, int], int | None],
    last_before: Callable[[int, int], int | None],
    first_after: Callable[[int], int | None],
    column: int,
    limit: int,
) -> list[int]:
    """Where the lines of a portion end, for both kinds of text: at the last opportunity
    before the furthest offset that fits (``fits_at``: None once the rest fits), or else at
    the first one after it (a piece wider than a line sits alone on its line)."""
    chosen: list[int] = []
    start = 0
    while (fits := fits_at(start, column)) is not None:
        point = last_before(fits, start)
        if point is None:
            point = first_after(fits)
            if point is None:
                break
        chosen.append(point)
        if len(chosen) == limit:
            break
        start, column = point, 0
    return chosen


@lru_cache(maxsize=8192)
def format_string(keyword: str, text: str, prefix: str = "") -> str:
    """The lines of ``keyword "text"``, wrapped the way gettext's msgcat wraps them (one string).

    Each portion of the text (up to and with a newline) is wrapped apart, on lines of its own
    after an empty first one; a text of one portion starts on the keyword's line unless it
    wraps there.
    """
    portions = text.split("\n")
    if len(portions) > 2 or (len(portions) == 2 and portions[1]):
        last = portions.pop()
        lines = [f'{prefix}{keyword} ""', *(_portion_lines(piece + "\n", prefix) for piece in portions)]
        if last:
            lines.append(_portion_lines(last, prefix))
        return "\n".join(lines)
    escaped, inside = _escape(text)
    if escaped.isascii() and len(prefix) + len(keyword) + len(escaped) + 3 <= WIDTH:
        return f'{prefix}{keyword} "{escaped}"'  # most strings: one line as it is
    width = WIDTH - 2 - len(prefix)  # a line's columns between its prefix's quote and the closing one
    start = len(keyword) + 1  # where the text starts on the keyword's line, counted so too
    breaks = _breaks(escaped, inside, width, 0)
    # It goes below the keyword when it wraps on lines of its own (breaks), or when it is too
    # long for the keyword's line and has an opportunity to break at.
    if not escaped or (start <= width and not breaks and not _breaks(escaped, inside, width, start, 1)):
        return f'{prefix}{keyword} "{escaped}"'
    return f'{prefix}{keyword} ""\n{_lines(escaped, breaks, prefix)}'


@lru_cache(maxsize=4096)
def _portion_lines(portion: str, prefix: str) -> str:
    """The lines of one portion of a text, on lines of its own (cached: the lines of a
    catalog's header recur in every catalog)."""
    escaped, inside = _escape(portion)
    return _lines(escaped, _breaks(escaped, inside, WIDTH - 2 - len(prefix), 0), prefix)


def _lines(escaped: str, breaks: list[int], prefix: str) -> str:
    cuts = [0, *breaks, len(escaped)]
    return "\n".join([f'{prefix}"{escaped[a:b]}"' for a, b in pairwise(cuts)])


def _references(occurrences: tuple[tuple[str, str], ...]) -> list[str]:
    if len(occurrences) == 1:  # most entries: one line, however long
        path, line = occurrences[0]
        return [f"#: {path}:{line}" if line else f"#: {path}"]
    lines: list[str] = []
    current = "#:"
    for path, line in occurrences:
        ref = f"{path}:{line}" if line else path
        if current != "#:" and len(current) + 1 + len(ref) > WIDTH:
            lines.append(current)
            current = "#:"
        current += " " + ref
    if current != "#:":
        lines.append(current)
    return lines


def _comment_lines(marker: str, text: str) -> list[str]:
    if "\n" not in text:
        return [f"{marker} {text}".rstrip() if text else marker]
    return [f"{marker} {line}".rstrip() if line else marker for line in text.split("\n")]


_Fields = tuple[
    str,
    str,
    tuple[tuple[str, str], ...],
    tuple[str, ...],
    str | None,
    str | None,
    str | None,
    str,
    str,
    str,
    tuple[tuple[int, str], ...],
    bool,
]


def format_entry(entry: polib.POEntry) -> str:
    """The text of one entry, comments first, in gettext's order, without a final newline."""
    plural = tuple(sorted(entry.msgstr_plural.items())) if entry.msgid_plural else ()
    fields: _Fields = (
        entry.tcomment,
        entry.comment,
        tuple(entry.occurrences),
        tuple(entry.flags),
        entry.previous_msgctxt,
        entry.previous_msgid,
        entry.msgctxt,
        entry.msgid,
        entry.msgid_plural,
        entry.msgstr,
        plural,
        entry.obsolete,
    )
    return _format_fields(fields)


@lru_cache(maxsize=2048)
def _format_fields(fields: _Fields) -> str:
    """Cached: a page's entries are written alike in each language's catalog and its template."""
    tcomment, comment, occurrences, flags, previous_msgctxt, previous_msgid = fields[:6]
    msgctxt, msgid, msgid_plural, msgstr, msgstr_plural, obsolete = fields[6:]
    lines = []
    if tcomment:
        lines.extend(_comment_lines("#", tcomment))
    if comment:
        lines.extend(_comment_lines("#.", comment))
    if occurrences and not obsolete:
        lines.extend(_references(occurrences))
    if flags:
        lines.append("#, " + ", ".join(flags))
    prefix = "#~ " if obsolete else ""
    previous = "#~| " if obsolete else "#| "
    if previous_msgctxt is not None:
        lines.append(format_string("msgctxt", previous_msgctxt, previous))
    if previous_msgid is not None:
        lines.append(format_string("msgid", previous_msgid, previous))
    if msgctxt is not None:
        lines.append(format_string("msgctxt", msgctxt, prefix))
    lines.append(format_string("msgid", msgid, prefix))
    if msgid_plural:
        lines.append(format_string("msgid_plural", msgid_plural, prefix))
        for index, text in msgstr_plural:
            lines.append(format_string(f"msgstr[{index}]", text, prefix))
    else:
        lines.append(format_string("msgstr", msgstr, prefix))
    return "\n".join(lines)


def format_header(po: polib.POFile) -> list[str]:
    lines = []
    if po.header:
        lines.extend(_comment_lines("#", po.header))
    if po.metadata_is_fuzzy:
        lines.append("#, fuzzy")
    meta = "".join(f"{key}: {value}\n" for key, value in po.ordered_metadata())
    lines.append(format_string("msgid", ""))
    lines.extend(format_string("msgstr", meta).split("\n"))
    return lines


def format_entries(po: polib.POFile) -> str:
    """The text of a catalog's entries, after its header: active entries first, then obsolete ones."""
    active = [entry for entry in po if not entry.obsolete]
    obsolete = [entry for entry in po if entry.obsolete]
    return "".join([f"\n\n{text}" for text in map(format_entry, active + obsolete)])


def dump_po(po: polib.POFile, entries: str | None = None) -> bytes:
    """The catalog as UTF-8 bytes with LF line ends; active entries first, then obsolete ones.

    ``entries``, when given, is ``format_entries`` of another catalog, written after this
    one's header in place of its own entries (``extract`` writes a page's new catalogs so:
    they hold its template's entries).
    """
    body = format_entries(po) if entries is None else entries
    return ("\n".join(format_header(po)) + body + "\n").encode("utf-8")
