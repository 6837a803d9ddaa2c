"""A strict pass over PO text: the syntax errors polib lets through, and each entry's lines.

polib accepts an unterminated string or stray text silently; gettext's tools
reject them. This scanner checks every line the way msgfmt would and records
where each entry's msgid and msgstr start, so messages point at the line a
translator must edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cheatl10n.errors import CatalogError

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"[ \t]*')
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)[ \t]+")


@dataclass(slots=True)
class EntryLines:
    """Where one entry sits in the file (1-based lines)."""

    first: int
    msgid: int = 0
    msgstr: int = 0
    empty_msgid: bool = False
    """``msgid ""`` with nothing after it: the header, when it has no msgctxt."""
    has_context: bool = False


def scan_po(text: str, shown: Path) -> list[EntryLines]:
    """Check PO syntax line by line; return every entry's lines, header included, in file order."""
    entries: list[EntryLines] = []
    state = "none"  # none | comments | msgid | msgstr
    field = ""
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r").strip()
        if line.startswith("#~"):
            line = line[2:].lstrip()
            if line.startswith("|"):  # "#~| msgid": the previous msgid of an obsolete entry
                line = "#" + line
        control = _CONTROL.search(line)
        if control:
            raise CatalogError(
                f"raw control character U+{ord(control.group()):04X}; write it as an escape such as \\n",
                shown,
                number,
            )
        if not line:
            continue
        previous = line.startswith("#|")
        if line.startswith("#") and not previous:
            if state in ("none", "msgstr"):
                entries.append(EntryLines(first=number))
            state = "comments" if state in ("none", "msgstr") else state
            continue
        body = line[2:].lstrip() if previous else line
        keyword = _KEYWORD.match(body)
        if keyword:
            string = body[keyword.end() :]
            name = keyword.group(1)
            if previous:
                if state in ("none", "msgstr"):
                    entries.append(EntryLines(first=number))
                    state = "comments"
            else:
                if state in ("none", "msgstr") and not name.startswith("msgstr"):
                    entries.append(EntryLines(first=number))
                    state = "comments"
                entry = entries[-1] if entries else None
                if name.startswith("msgstr") or name == "msgid_plural":
                    if entry is None or not entry.msgid:
                        raise CatalogError(f"syntax error: {name} without msgid", shown, number)
                    if name.startswith("msgstr"):
                        entry.msgstr = entry.msgstr or number
                        state = "msgstr"
                else:
                    assert entry is not None
                    if name == "msgctxt":
                        entry.has_context = True
                    else:
                        entry.msgid = number
                        entry.empty_msgid = string.strip() == '""'
                    state = "msgid"
                field = "previous" if previous else name
        elif body.startswith('"'):
            if state in ("none", "comments") and not previous:
                raise CatalogError("syntax error: string outside any entry", shown, number)
            string = body
            if field == "msgid" and not previous and string.strip() != '""':
                entries[-1].empty_msgid = False
        else:
            raise CatalogError(f"syntax error: unexpected text {line[:30]!r}", shown, number)
        if not _STRING.fullmatch(string):
            raise CatalogError("syntax error: string not closed, or a quote not escaped", shown, number)
    for entry in entries:
        if entry.msgid and not entry.msgstr:
            raise CatalogError("syntax error: msgid without msgstr", shown, entry.msgid)
    return entries
