"""One walk over a page body's block tokens: what ``pages/blocks.py`` and ``pages/tables.py`` fill in."""

from __future__ import annotations

from dataclasses import dataclass, field

from cheatl10n.model import Code, Notice, SegmentOptions, Slot, Table, TableRow
from cheatl10n.pages.dialects import Dialect, get_dialect
from cheatl10n.pages.source import Source


@dataclass(slots=True)
class Walk:
    """What the segmenter has found so far in one page body, as it walks the block tokens."""

    source: Source
    offset: int
    """0-based page line of the body's first line (markdown-it's line 0)."""
    slots: list[Slot]
    notices: list[Notice]
    options: SegmentOptions
    tables: list[Table] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)
    code: list[Code] = field(default_factory=list)
    dialect: Dialect = field(default_factory=lambda: get_dialect("vitepress"))

    def line(self, index: int) -> int:
        """Page line index of the body's 0-based line ``index``."""
        return self.offset + index
