"""polib's model of a PO text, built from the lines the walk in ``po/scan.py`` has checked.

polib's own line parser (a state machine that dispatches each line through a
table of bound methods) took a fifth of a cold ``build``. ``Builder``, handed
each line once the walk has checked it, makes the very ``POFile`` that
``polib.pofile(text)`` gives, field for field, for text made of the lines
gettext's tools write: comments, ``#:``, ``#,``, ``#.``, ``#|``, obsolete ``#~``
entries, msgctxt, msgid, msgstr and continuation lines. For anything else
(plural forms, a line polib reads otherwise than gettext, a carriage return, a
second entry with an empty msgid) it raises ``Decline``: the walk goes on with
its checks alone and ``po/read.py`` has polib read the text, so polib's results
and errors stay the rule. Compared with polib, after the same checks, on every
catalog of the tests and on mutated and drawn ones (``tests/unit/po/test_entries.py``).
"""

from __future__ import annotations

import re

import polib

# The lines polib reads, by the state they lead to, and the states each may follow
# (polib's transitions: any other pair is a syntax error, which polib reports).
_ALL = frozenset({"st", "he", "gc", "oc", "fl", "ct", "pc", "pm", "pp", "tc", "ms", "mi"})
_AFTER = {
    "gc": _ALL,
    "oc": _ALL,
    "fl": _ALL,
    "pc": _ALL,
    "pm": _ALL,
    "ct": frozenset({"st", "he", "gc", "oc", "fl", "tc", "pc", "pm", "pp", "ms"}),
    "mi": frozenset({"st", "he", "gc", "oc", "fl", "ct", "tc", "pc", "pm", "pp", "ms"}),
    "ms": frozenset({"mi", "tc"}),
    "mc": frozenset({"ct", "mi", "ms", "pm", "pc"}),
    "tc": frozenset({"gc", "oc", "fl", "tc", "pc", "pm", "pp", "ms", "mi"}),
}
_KEYWORDS = {"msgctxt": "ct", "msgid": "mi", "msgstr": "ms"}
_PREVIOUS = {"msgid": "pm", "msgctxt": "pc"}
_MARKS = {".": "gc", ":": "oc", ",": "fl"}
"""The second character of the comment lines that are not a translator's."""
_FIELDS = {"ct": "msgctxt", "mi": "msgid", "ms": "msgstr", "pm": "previous_msgid", "pc": "previous_msgctxt"}
_NEW_ENTRY_AFTER = frozenset({"ms"})
"""States after which a comment, msgctxt or msgid starts a new entry (polib: a msgstr seen)."""
WRAPWIDTH = 79
"""The ``wrapwidth`` every POFile read is given: the width gettext's tools wrap at."""
UNUSUAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")
"""Where polib's ``splitlines()`` breaks lines that gettext does not (``\\r`` among them), and the
control characters: text holding any of them is left to polib."""


class Decline(Exception):
    """The text holds something this builder leaves to polib."""


def obsolete_mark(line: str) -> int:
    """For a line starting with ``#~``: 1 if polib reads it as obsolete, 2 if it skips it (``#~|``),
    0 if it reads it some other way (``#~`` alone, ``#~msgid``, ``#~ |``), which is left to polib."""
    mark = line[2:3]
    if mark == "|":
        return 2 if line[3:4].strip() == "" else 0
    return 1 if mark.isspace() and not line[2:].lstrip().startswith("|") else 0


def _value(token: str) -> str:
    """The value of one quoted string the walk has checked (quotes included), unescaped as polib does."""
    inner = token[1:-1]
    return str(polib.unescape(inner)) if "\\" in inner else inner


class Builder:
    """Entries in the making, fed the walk's lines one by one."""

    def __init__(self, text: str) -> None:
        self.po = polib.POFile(encoding=polib.detect_encoding(text))
        self.entry = polib.POEntry(linenum=0)
        self.state = "st"

    def keyword(self, name: str, string: str, number: int, obsolete: int) -> None:
        symbol = _KEYWORDS.get(name)
        if symbol is None:
            raise Decline  # msgid_plural, msgstr[n]
        self.move(symbol, number)
        entry = self.entry
        if symbol == "mi":
            entry.obsolete = obsolete
            entry.linenum = number
        elif symbol == "ms":
            entry.msgstr_line = number
        setattr(entry, _FIELDS[symbol], _value(string))

    def comment(self, line: str, number: int) -> None:
        symbol = _MARKS.get(line[1:2])
        if symbol is None:
            if line[1:2] not in ("", "#") and not line[1].isspace():
                raise Decline  # "#x", or "#~" once more: a first token polib does not know
            self.translator_comment(line if line != "#" else "# ", number)  # "#", "# x", "##x"
        elif len(line) > 2:
            if not line[2].isspace():
                raise Decline  # "#:x", "#.x": a first token polib does not know
            self.move(symbol, number)
            if symbol == "gc":
                self.entry.comment = _joined(self.entry.comment, line[3:])
            elif symbol == "oc":
                self.entry.occurrences.extend(map(_occurrence, line[3:].split()))
            else:
                self.entry.flags += [flag.strip() for flag in line[3:].split(",")]
        # "#.", "#:" or "#," alone: polib skips the line

    def translator_comment(self, line: str, number: int) -> None:
        if self.state in ("st", "he"):
            self.po.header = _joined(self.po.header, line[2:])
            self.state = "he"
            return
        self.move("tc", number)
        text = line.lstrip("#")
        self.entry.tcomment = _joined(self.entry.tcomment, text[1:] if text.startswith(" ") else text)

    def previous(self, line: str, name: str | None, string: str, number: int, obsolete: int) -> None:
        if not line[2:3].isspace():
            raise Decline  # "#|msgid": polib's first token is "#|msgid"
        if name is None:
            self.continuation(string)
            return
        symbol = _PREVIOUS.get(name)
        if symbol is None or obsolete:
            # "#| msgid_plural"; "#~ #| msgid", which polib splits in three at most, "#~"
            # included, and rejects with two tokens after "#~"
            raise Decline
        self.move(symbol, number)
        setattr(self.entry, _FIELDS[symbol], _value(string))

    def move(self, symbol: str, number: int) -> None:
        if self.state not in _AFTER[symbol]:
            raise Decline
        if self.state in _NEW_ENTRY_AFTER:
            self.po.append(self.entry)
            self.entry = polib.POEntry(linenum=number)
        self.state = symbol

    def continuation(self, string: str) -> None:
        if self.state not in _AFTER["mc"]:
            raise Decline
        name = _FIELDS[self.state]
        setattr(self.entry, name, getattr(self.entry, name) + _value(string))

    def finish(self) -> polib.POFile:
        """The POFile. The entry being read is kept if a msgid line would keep it (its msgstr was
        read), whatever comment lines follow, as gettext keeps it; comment lines after it, which
        belong to no entry, are dropped, as msgcat drops them. (polib, left to itself, drops the
        last entry when a bare ``#.``, ``#:`` or ``#,`` or a ``#~|`` line ends the text:
        ``po/read.py`` ends the text it gives polib with an entry of its own.)
        """
        if self.state in _NEW_ENTRY_AFTER:
            self.po.append(self.entry)
        self.header()
        self.po.wrapwidth = WRAPWIDTH
        return self.po

    def header(self) -> None:
        """polib's header: the first active entry with an empty msgid, whatever its msgctxt."""
        empty = [entry for entry in self.po if entry.msgid == ""]
        if len(empty) > 1 or (empty and empty[0].obsolete):
            raise Decline  # which one polib removes depends on how entries compare
        if not empty:
            return
        self.po.remove(empty[0])
        self.po.metadata_is_fuzzy = empty[0].flags
        key = None
        for text in empty[0].msgstr.splitlines():
            try:
                key, value = text.split(":", 1)
                self.po.metadata[key] = value.strip()
            except ValueError:
                if key is not None:
                    self.po.metadata[key] += "\n" + text.strip()


def _joined(before: str, text: str) -> str:
    return before + "\n" + text if before != "" else text


def _occurrence(item: str) -> tuple[str, str]:
    path, colon, line = item.rpartition(":")
    return (path, line) if colon and line.isdigit() else (item, "")
