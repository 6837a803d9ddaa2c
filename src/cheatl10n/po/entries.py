"""polib's model of a PO text, built in one quick pass for the forms PO files take in practice.

``po/read.py`` reads every catalog with polib, whose line parser (a state
machine that dispatches each line through a table of bound methods) took a
fifth of a cold ``build``. ``quick_pofile`` gives the very ``POFile`` that
``polib.pofile(text)`` gives, field for field, for text made of the lines
gettext's tools write: comments, ``#:``, ``#,``, ``#.``, ``#|``, obsolete
``#~`` entries, msgctxt, msgid, msgstr and continuation lines. For anything
else (plural forms, a line polib would reject, a second entry with an empty
msgid) it returns None and polib reads the text, so polib's results and errors
stay the rule. Checked against polib on every catalog of the tests and on
mutated ones (``tests/unit/po/test_entries.py``).
"""

from __future__ import annotations

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
_FIELDS = {"ct": "msgctxt", "mi": "msgid", "ms": "msgstr", "pm": "previous_msgid", "pc": "previous_msgctxt"}
_NEW_ENTRY_AFTER = frozenset({"ms"})
"""States after which a comment, msgctxt or msgid starts a new entry (polib: a msgstr seen)."""


class _Decline(Exception):
    """The text holds something this reader leaves to polib."""


def quick_pofile(text: str, wrapwidth: int) -> polib.POFile | None:
    """``polib.pofile(text, wrapwidth=wrapwidth)``, or None when polib must read ``text`` itself."""
    if "\r" in text:  # polib's splitlines() breaks lines there; gettext does not
        return None
    try:
        return _Reader(text).read(wrapwidth)
    except _Decline:
        return None


def _string(token: str) -> str:
    """The value of one quoted string (quotes included in ``token``), unescaped as polib does."""
    if len(token) < 2 or token[0] != '"' or token[-1] != '"':
        raise _Decline
    inner = token[1:-1]
    if '"' in inner or "\\" in inner:
        if _unescaped_quote(inner):
            raise _Decline  # polib: "unescaped double quote found"
        return str(polib.unescape(inner))
    return inner


def _unescaped_quote(inner: str) -> bool:
    """polib's test: a quote at the start, or after any character but a backslash."""
    position = inner.find('"')
    while position >= 0:
        if position == 0 or inner[position - 1] != "\\":
            return True
        position = inner.find('"', position + 1)
    return False


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.po = polib.POFile(encoding=polib.detect_encoding(text))
        self.entry = polib.POEntry(linenum=0)
        self.state = "st"

    def read(self, wrapwidth: int) -> polib.POFile:
        tokens: list[str] = []
        for number, raw in enumerate(self.text.splitlines(), 1):
            line = (raw[1:] if number == 1 and raw.startswith("\ufeff") else raw).strip()
            if not line:
                continue
            tokens = line.split(None, 2)
            if tokens[0] == "#~|":
                continue
            obsolete = 0
            if tokens[0] == "#~" and len(tokens) > 1:
                line, tokens, obsolete = line[3:].strip(), tokens[1:], 1
            self.line(line, tokens, number, obsolete)
        if tokens and not tokens[0].startswith("#"):
            self.po.append(self.entry)
        self.header()
        self.po.wrapwidth = wrapwidth
        return self.po

    def line(self, line: str, tokens: list[str], number: int, obsolete: int) -> None:
        first = tokens[0]
        if first in _KEYWORDS and len(tokens) > 1:
            symbol = _KEYWORDS[first]
            self.move(symbol, number)
            if symbol == "mi":
                self.entry.obsolete = obsolete
            setattr(self.entry, _FIELDS[symbol], _string(line[len(first) :].lstrip()))
        elif first == "#:":
            if len(tokens) > 1:
                self.move("oc", number)
                self.entry.occurrences.extend(map(_occurrence, line[3:].split()))
        elif line[0] == '"':
            self.continuation(_string(line))
        elif first == "#,":
            if len(tokens) > 1:
                self.move("fl", number)
                self.entry.flags += [flag.strip() for flag in line[3:].split(",")]
        elif first == "#" or first.startswith("##"):
            self.comment(line if line != "#" else "# ", number)
        elif first == "#.":
            if len(tokens) > 1:
                self.move("gc", number)
                self.entry.comment = _joined(self.entry.comment, line[3:])
        elif first == "#|" and len(tokens) > 1:
            self.previous(line[2:].lstrip(), tokens, number)
        else:
            raise _Decline  # plural forms, or a line polib rejects

    def move(self, symbol: str, number: int) -> None:
        if self.state not in _AFTER[symbol]:
            raise _Decline
        if self.state in _NEW_ENTRY_AFTER:
            self.po.append(self.entry)
            self.entry = polib.POEntry(linenum=number)
        self.state = symbol

    def continuation(self, value: str) -> None:
        if self.state not in _AFTER["mc"]:
            raise _Decline
        name = _FIELDS[self.state]
        setattr(self.entry, name, getattr(self.entry, name) + value)

    def comment(self, line: str, number: int) -> None:
        if self.state in ("st", "he"):
            self.po.header = _joined(self.po.header, line[2:])
            self.state = "he"
            return
        self.move("tc", number)
        text = line.lstrip("#")
        self.entry.tcomment = _joined(self.entry.tcomment, text[1:] if text.startswith(" ") else text)

    def previous(self, line: str, tokens: list[str], number: int) -> None:
        if tokens[1].startswith('"'):
            self.continuation(_string(line))
            return
        if len(tokens) == 2 or tokens[1] not in _PREVIOUS:
            raise _Decline
        symbol = _PREVIOUS[tokens[1]]
        self.move(symbol, number)
        setattr(self.entry, _FIELDS[symbol], _string(line[len(tokens[1]) :].lstrip()))

    def header(self) -> None:
        """polib's header: the first active entry with an empty msgid, whatever its msgctxt."""
        empty = [entry for entry in self.po if entry.msgid == ""]
        if len(empty) > 1 or (empty and empty[0].obsolete):
            raise _Decline  # which one polib removes depends on how entries compare
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
