"""Pipe tables: where a table cell becomes a msgid, and which tables are column-aligned.

markdown-it-py gives each row's cells as inline tokens; the cells are found again
in the row's source line (split at unescaped pipes, as markdown-it splits them)
for exact offsets. A table aligned the way prettier writes it is recorded, so
``translate/align.py`` re-aligns it after translation.
"""

from __future__ import annotations

from markdown_it.token import Token

from cheatl10n.model import Slot, SlotKind, Span, Table, TableRow
from cheatl10n.pages.text import display_width, has_letters, has_prose
from cheatl10n.pages.walk import Walk


def split_row(line: str) -> list[tuple[int, int, str]]:
    """Cells of a table row as (start, end, unescaped text), split the way markdown-it does."""
    cells = []
    cell_start, last, current = 0, 0, ""
    pos = line.find("|")
    while pos >= 0:
        if pos and line[pos - 1] == "\\":  # an escaped pipe: the backslash goes, the pipe stays
            current += line[last : pos - 1]
            last = pos
        else:
            cells.append((cell_start, pos, current + line[last:pos]))
            current, last, cell_start = "", pos + 1, pos + 1
        pos = line.find("|", pos + 1)
    cells.append((cell_start, len(line), current + line[last:]))
    return cells


def table_row(walk: Walk, row: list[Token]) -> None:
    if not row or row[0].map is None:
        return
    index = walk.line(row[0].map[0])
    start, _end = walk.source.line_span(index)
    text = walk.source.line_text(index)
    cells = split_row(text)
    wanted = [token.content for token in row]
    for shift in range(len(cells)):
        if all(
            (cells[shift + n][2].strip() == want) if shift + n < len(cells) else not want
            for n, want in enumerate(wanted)
        ):
            break
    else:
        return
    walk.rows.append(TableRow(tuple(Span(start + a, start + b) for a, b, _ in cells), False))
    # Cells without prose (code, numbers) are copied as they are by translators: they name the row.
    # With code_cells on, a code-only cell is translatable and no longer names the row.
    row_key = " | ".join(
        want
        for want in wanted
        if want and not has_prose(want) and not (walk.options.code_cells and has_letters(want))
    )
    for n, want in enumerate(wanted):
        if not want:
            continue
        cell_start, cell_end, _plain = cells[shift + n]
        raw = text[cell_start:cell_end]
        lead = len(raw) - len(raw.lstrip())
        begin = start + cell_start + lead
        span = Span(begin, begin + len(raw.strip()))
        msgid = raw.strip()
        walk.slots.append(
            Slot(
                SlotKind.TABLE_CELL,
                (span,),
                index + 1,
                msgid,
                render="cell",
                place=f"col {n + 1} {row_key}".rstrip(),
            )
        )


def aligned_table(walk: Walk, lines: list[int]) -> None:
    """Record the table just read when prettier-style aligned: pipes at both ends, equal widths."""
    rows, walk.rows = walk.rows, []
    if len(lines) != 2 or len(rows) < 1:
        return
    delimiter_index = walk.line(lines[0] + 1)
    start, _end = walk.source.line_span(delimiter_index)
    text = walk.source.line_text(delimiter_index)
    cells = split_row(text)
    delimiter = TableRow(tuple(Span(start + a, start + b) for a, b, _ in cells), True)
    table = [rows[0], delimiter, *rows[1:]]
    source = walk.source.text
    widths = [display_width(source[c.start : c.end]) for c in delimiter.cells[1:-1]]
    if any(len(row.cells) < 3 for row in table):
        return  # a row without both outer pipes is not prettier's layout
    for row in table:
        first, *inner, last = row.cells
        if source[first.start : first.end].strip() or source[last.start : last.end].strip():
            return
        if [display_width(source[c.start : c.end]) for c in inner] != widths:
            return
        if any(
            not source[c.start : c.end].startswith(" ") or not source[c.start : c.end].endswith(" ")
            for c in inner
        ):
            return
    aligns = tuple(_alignment(source[c.start : c.end].strip()) for c in delimiter.cells[1:-1])
    walk.tables.append(Table(tuple(table), aligns))


def _alignment(marker: str) -> str:
    if marker.startswith(":") and marker.endswith(":") and len(marker) > 1:
        return "center"
    if marker.endswith(":"):
        return "right"
    return "left" if marker.startswith(":") else ""
