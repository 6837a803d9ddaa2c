"""TOML frontmatter (``+++`` ... ``+++``, Hugo's): the spans of the configured keys' values.

``tomllib`` validates the block and decodes each value; the spans come from reading
the block's top-level ``key = value`` lines, so a value is replaced in place and the
rest of the block is kept byte for byte (TOML is never written out again).
"""

from __future__ import annotations

import re
import tomllib

from cheatl10n.errors import SourceError
from cheatl10n.model import Meta, Slot, SlotKind, Span
from cheatl10n.pages.frontmatter import FRONTMATTER_CONTEXT
from cheatl10n.pages.source import Source

DELIMITER = "+++"
_KEY = re.compile(r"""[ \t]*([A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')[ \t]*=[ \t]*""")
_TABLE = re.compile(r"[ \t]*\[")
_STRING = re.compile(r""""(?:[^"\\\n]|\\.)*"|'[^'\n]*'""")
_BARE = re.compile(r"[^\s,\]#\"'\[{]+")


def _closing_line(source: Source) -> int | None:
    if not source.line_count or source.line_text(0).rstrip() != DELIMITER:
        return None
    for index in range(1, source.line_count):
        if source.line_text(index).rstrip() == DELIMITER:
            return index
    return None


def _load(text: str, source: Source) -> dict[str, object]:
    try:
        return tomllib.loads(text.replace("\r\n", "\n"))
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) + 1 if match else 1
        problem = str(exc).split(" (at")[0]
        raise SourceError(f"frontmatter is not valid TOML: {problem}", source.path, line) from exc


def _key_name(raw: str) -> str:
    return str(tomllib.loads(f"{raw} = 0").popitem()[0]) if raw[0] in "\"'" else raw


def toml_frontmatter(source: Source, keys: tuple[str, ...]) -> tuple[list[Slot], int, Meta] | None:
    """Slots, the 0-based body line and the block, when the page opens with TOML frontmatter."""
    closing = _closing_line(source)
    if closing is None:
        return None
    start, end = source.line_starts[1], source.line_starts[closing]
    _load(source.text[start:end], source)
    starts: list[tuple[str, int, int]] = []  # key, line index, offset of the value
    limit = closing
    for index in range(1, closing):
        line_start, line_end = source.line_span(index)
        line = source.text[line_start:line_end]
        if _TABLE.match(line) and (not starts or not _open_value(source, starts[-1])):
            limit = index
            break  # [params] and later tables: not top-level keys
        match = _KEY.match(line)
        if match is not None:
            starts.append((_key_name(match.group(1)), index, line_start + match.end()))
    entries, slots = [], []
    for number, (key, index, value_start) in enumerate(starts):
        stop_line = starts[number + 1][1] if number + 1 < len(starts) else limit
        value_end = source.line_starts[stop_line]
        while value_end > value_start and source.text[value_end - 1] in " \t\r\n":
            value_end -= 1
        entries.append((key, Span(source.line_starts[index], value_end)))
        if key in keys:
            slots.extend(_value_slots(source, key, value_start, value_end))
    return slots, closing + 1, Meta(tuple(entries), source.line_starts[limit], DELIMITER)


def _open_value(source: Source, start: tuple[str, int, int]) -> bool:
    """Whether the value of the key on that line is an array or string still open on later lines."""
    _key, index, value_start = start
    value = source.text[value_start : source.line_span(index)[1]]
    return value.startswith(("[", '"' * 3, "'" * 3)) and not _closes(value)


def _closes(value: str) -> bool:
    try:
        tomllib.loads(f"v = {value}")
    except tomllib.TOMLDecodeError:
        return False
    return True


def _value_slots(source: Source, key: str, start: int, end: int) -> list[Slot]:
    """Slots for a one-line string value, or for each string item of an array (``tags = ["a", "b"]``,
    over several lines too); other values (numbers, dates, tables) are left as they are."""
    if source.text.startswith("[", start):
        return _array_slots(source, key, start + 1, end)
    match = _STRING.match(source.text, start, end)
    if match is None or source.text[match.end() : end].strip(" \t").split("#")[0].strip():
        return []
    slot = _string_slot(source, key, match)
    return [slot] if slot is not None else []


def _array_slots(source: Source, key: str, position: int, end: int) -> list[Slot]:
    """Slots for the string items of the array whose items start at ``position``.

    An array holding an array, a table or a multi-line string is left whole.
    """
    text = source.text
    slots: list[Slot] = []
    while position < end:
        char = text[position]
        if char in " \t\r\n,":
            position += 1
        elif char == "#":
            position = source.line_span(source.line_of(position) - 1)[1]
        elif char == "]":
            return slots
        elif text.startswith(('"""', "'''"), position) or char in "[{":
            return []
        elif (match := _STRING.match(text, position, end)) is not None:
            slot = _string_slot(source, key, match)
            slots += [slot] if slot is not None else []
            position = match.end()
        elif (other := _BARE.match(text, position, end)) is not None:
            position = other.end()  # a number, a date, a boolean
        else:
            return []
    return []


def _string_slot(source: Source, key: str, match: re.Match[str]) -> Slot | None:
    """A slot for the TOML string ``match`` found; None when it is blank."""
    raw = match.group()
    value = tomllib.loads(f"v = {raw}")["v"]
    if not isinstance(value, str) or not value.strip():
        return None
    return Slot(
        kind=SlotKind.FRONTMATTER,
        detail=key,
        spans=(Span(match.start(), match.end()),),
        line=source.line_of(match.start()),
        msgid=value,
        render="toml",
        style=raw[0],
        context=FRONTMATTER_CONTEXT,
    )


def quote_toml(text: str, style: str) -> str:
    """A TOML string that reads back as ``text``: a literal string where the source had one and can.

    >>> quote_toml("Привет", "'"), quote_toml('Say "hi"', '"'), quote_toml("it's", "'")
    ("'Привет'", '"Say \\\\"hi\\\\""', '"it\\'s"')
    """
    if style == "'" and "'" not in text and not re.search(r"[\x00-\x1f\x7f]", text):
        return f"'{text}'"
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04x}", escaped)
    return f'"{escaped}"'


def is_toml_key_text(text: str, key: str) -> bool:
    """Whether ``text`` is TOML that sets ``key`` and nothing else."""
    try:
        return list(tomllib.loads(text)) == [key]
    except tomllib.TOMLDecodeError:
        return False


def toml_shape(text: str) -> object:
    """What a TOML text holds, strings left out (``"text"``): the keys, and every other value.

    Raises ``ValueError`` when the text is not valid TOML.

    >>> toml_shape('title = "Hi"\\nweight = 2\\n')
    {'title': 'text', 'weight': 2}
    """
    try:
        loaded = tomllib.loads(text.replace("\r\n", "\n"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(str(exc).split(" (at")[0]) from exc
    return _shape(loaded)


def _shape(value: object) -> object:
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(item) for item in value]
    return value
