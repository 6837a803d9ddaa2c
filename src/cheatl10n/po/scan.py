"""Reading PO text in one walk over its lines: msgfmt's strict checks, each entry's lines, polib's model.

polib accepts an unterminated string or stray text silently; gettext's tools
reject them. ``scan_po`` checks every line the way msgfmt would, raising
``CatalogError`` at the first fault with its line, and records where each
entry's msgid and msgstr are (``EntryLines``), so messages point at the line a
translator must edit. Asked to build, the same walk hands each line it has
checked to a ``Builder`` (``po/entries.py``), which makes the ``POFile`` polib
would make, each entry's ``linenum`` and ``msgstr_line`` set as its msgid and
msgstr lines go by. When the text holds something the builder leaves to polib
(plural forms, a line polib reads otherwise than gettext), the walk goes on with
the checks alone and returns no POFile; ``po/read.py`` then asks polib.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import polib

from cheatl10n.errors import CatalogError
from cheatl10n.po.entries import UNUSUAL, Builder, Decline, obsolete_mark

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_LINE = re.compile(
    r'(?:(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)[ \t]+)?("[^"\\]*(?:\\.[^"\\]*)*"[ \t]*\Z)?'
)
"""A keyword line or a string alone: the keyword, if any, and the string if it is closed and has
every quote inside escaped (either is None when missing)."""
_BETWEEN = ("none", "msgstr")
"""Walk states in which a comment or a msgid line starts a new entry."""


@dataclass(slots=True)
class EntryLines:
    """Where one entry sits in the file (1-based lines)."""

    first: int
    msgid: int = 0
    msgstr: int = 0
    empty_msgid: bool = False
    """``msgid ""`` with nothing after it: the header, when it has no msgctxt."""
    has_context: bool = False


class Scan(NamedTuple):
    lines: list[EntryLines]
    """Every entry's lines, header included, in file order."""
    po: polib.POFile | None
    """polib's model with each entry's lines, when asked for and the text allowed it."""


def scan_po(text: str, shown: Path, build: bool = False) -> Scan:
    """Check PO syntax line by line; return every entry's lines and, if ``build``, the POFile."""
    unusual = UNUSUAL.search(text) is not None  # includes every control character
    controls = unusual and _CONTROL.search(text) is not None
    builder = Builder(text) if build and not unusual else None
    entries: list[EntryLines] = []
    state = "none"  # none | comments | msgid | msgstr
    field = ""
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line:
            continue
        obsolete = 0
        if line[:2] == "#~":
            obsolete = 1
            if builder is not None:
                obsolete = obsolete_mark(line)
                if not obsolete:
                    builder = None
            line = line[2:].lstrip()
            if line[:1] == "|":  # "#~| msgid": the previous msgid of an obsolete entry
                line = "#" + line
        control = _CONTROL.search(line) if controls else None
        if control:
            raise CatalogError(
                f"raw control character U+{ord(control.group()):04X}; write it as an escape such as \\n",
                shown,
                number,
            )
        if not line:
            continue
        hashed = line[0] == "#"
        previous = hashed and line[1:2] == "|"
        if hashed and not previous:
            if state in _BETWEEN:
                entries.append(EntryLines(first=number))
                state = "comments"
            if builder is not None:
                try:
                    builder.comment(line, number)
                except Decline:
                    builder = None
            continue
        body = line[2:].lstrip() if previous else line
        name, string = _LINE.match(body).groups()  # type: ignore[union-attr]  # it matches ""
        if name is not None:
            if previous:
                if state in _BETWEEN:
                    entries.append(EntryLines(first=number))
                    state = "comments"
            else:
                state = _keyword(entries, state, name, body, shown, number)
                field = name
        elif body[:1] == '"':
            if state in ("none", "comments") and not previous:
                raise CatalogError("syntax error: string outside any entry", shown, number)
            if field == "msgid" and not previous and body != '""':
                entries[-1].empty_msgid = False
        else:
            raise CatalogError(f"syntax error: unexpected text {line[:30]!r}", shown, number)
        if string is None:
            raise CatalogError("syntax error: string not closed, or a quote not escaped", shown, number)
        if builder is not None and obsolete != 2:
            try:  # the line is checked whole: declined, the walk goes on with the checks alone
                if previous:
                    builder.previous(line, name, string, number, obsolete)
                elif name is not None:
                    builder.keyword(name, string, number, obsolete)
                else:
                    builder.continuation(string)
            except Decline:
                builder = None
    for entry in entries:
        if entry.msgid and not entry.msgstr:
            raise CatalogError("syntax error: msgid without msgstr", shown, entry.msgid)
        if entry.has_context and not entry.msgid:  # only at the end: a msgid joins its msgctxt
            raise CatalogError("syntax error: msgctxt without msgid", shown, entry.first)
    return Scan(entries, _finished(builder, entries))


def _keyword(entries: list[EntryLines], state: str, name: str, body: str, shown: Path, number: int) -> str:
    """Record a keyword line (not a ``#|`` one) in the entries; return the walk's next state."""
    if state in _BETWEEN and not name.startswith("msgstr"):
        entries.append(EntryLines(first=number))
        state = "comments"
    entry = entries[-1] if entries else None
    if name.startswith("msgstr") or name == "msgid_plural":
        if entry is None or not entry.msgid:
            raise CatalogError(f"syntax error: {name} without msgid", shown, number)
        if name.startswith("msgstr"):
            entry.msgstr = entry.msgstr or number
            return "msgstr"
        return state
    assert entry is not None
    if name == "msgctxt":
        entry.has_context = True
    else:
        entry.msgid = number
        entry.empty_msgid = body[len(name) :].strip() == '""'
    return "msgid"


def _finished(builder: Builder | None, entries: list[EntryLines]) -> polib.POFile | None:
    """The builder's POFile if it holds as many entries as the walk numbered, else None.

    The counts differ where polib takes for its header an entry the checks number (one
    with a msgctxt); polib then reads the text and ``po/read.py`` gives its entries the
    lines polib noted.
    """
    if builder is None:
        return None
    try:
        po = builder.finish()
    except Decline:
        return None
    return po if len(po) == len(numbered(entries)) else None


def numbered(entries: list[EntryLines]) -> list[EntryLines]:
    """The entries polib keeps, in order: each one with a msgid, but the header."""
    return [entry for entry in entries if entry.msgid and not (entry.empty_msgid and not entry.has_context)]
