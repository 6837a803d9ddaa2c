"""Bytes on disk to decoded text: strict UTF-8, the BOM, line starts and line numbers."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import accumulate
from operator import add
from pathlib import Path

from cheatl10n.errors import SourceError
from cheatl10n.pages.limits import check_line_count, check_page_size, check_table_width

BOM = "\ufeff"
# markdown-it treats \r\n, a lone \r and \n as line ends (rules_core/normalize.py); so do we.
_NEWLINE = re.compile(r"\r\n|\r|\n")
# C0 controls other than tab, line feed, form feed and carriage return have no place in a
# page, and no PO escape that every tool reads back.
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Source:
    """A decoded page with a table of line starts."""

    path: Path
    """The page's path as shown to users."""
    text: str
    """The page text without its BOM; newlines exactly as in the file."""
    bom: bool
    """Whether the file started with a UTF-8 BOM."""
    line_starts: tuple[int, ...]
    """Offset of the first character of each line (0-based line index)."""

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_of(self, offset: int) -> int:
        """The 1-based line number holding ``offset``."""
        return bisect.bisect_right(self.line_starts, offset)

    def line_span(self, index: int) -> tuple[int, int]:
        """Start and end offsets of 0-based line ``index``, without its line break."""
        start = self.line_starts[index]
        if index + 1 < len(self.line_starts):
            end = self.line_starts[index + 1]
            if self.text[end - 1] == "\n":
                end -= 1
            if end > start and self.text[end - 1] == "\r":
                end -= 1
        else:
            end = len(self.text)
        return start, end

    def line_text(self, index: int) -> str:
        start, end = self.line_span(index)
        return self.text[start:end]

    def newline(self) -> str:
        """The page's newline style: the first line break found, ``\\n`` if none."""
        match = _NEWLINE.search(self.text)
        return match.group() if match else "\n"


def decode_source(data: bytes, path: Path) -> Source:
    """Decode a page's bytes as strict UTF-8.

    >>> decode_source(b"a\\r\\nb", Path("p.md")).line_starts
    (0, 3)
    """
    check_page_size(len(data), path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError("page is UTF-16; cheatl10n reads UTF-8 pages only", path, 1)
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise SourceError("page holds a NUL byte; is it a binary file?", path, line)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceError(
            f"page is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            path,
            line,
        ) from exc
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        raise SourceError(f"page holds the control character U+{ord(control.group()):04X}", path, line)
    check_table_width(text, path)
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    starts = line_starts(text)
    check_line_count(len(starts), path)
    return Source(path=path, text=text, bom=bom, line_starts=starts)


def line_starts(text: str) -> tuple[int, ...]:
    """Offset of each line's first character; ``\\r\\n``, ``\\r`` and ``\\n`` all end a line.

    >>> line_starts("a\\rb\\r\\nc\\n")
    (0, 2, 5)
    """
    if "\r" in text:
        starts = [0, *(match.end() for match in _NEWLINE.finditer(text))]
    else:  # the usual page, in C: line i starts after the lines before it and their i newlines
        lines = text.split("\n")
        lines.pop()
        starts = list(map(add, accumulate(map(len, lines), initial=0), range(len(lines) + 1)))
    if len(starts) > 1 and starts[-1] == len(text):
        starts.pop()
    return tuple(starts)


def read_source(file: Path, shown: Path | None = None) -> Source:
    """Read and decode the page at ``file``; errors name it as ``shown``."""
    name = shown if shown is not None else file
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read page: {exc.strerror}", name) from exc
    return decode_source(data, name)


def encode_text(text: str, bom: bool) -> bytes:
    """The bytes of a page: UTF-8, with the BOM put back when the source had one."""
    return ((BOM if bom else "") + text).encode("utf-8")
