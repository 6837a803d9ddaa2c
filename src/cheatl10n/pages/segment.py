"""A page to its segments: runs the frontmatter and Markdown segmenters and checks the result."""

from __future__ import annotations

from dataclasses import replace

from cheatl10n.errors import SourceError
from cheatl10n.model import SegmentOptions, Segments, Slot, SlotKind
from cheatl10n.pages.blocks import body_slots
from cheatl10n.pages.dialects import get_dialect
from cheatl10n.pages.frontmatter import frontmatter_slots
from cheatl10n.pages.source import Source
from cheatl10n.pages.text import has_letters, has_prose
from cheatl10n.pages.toml_frontmatter import DELIMITER as TOML_DELIMITER
from cheatl10n.pages.toml_frontmatter import toml_frontmatter


def segment_page(source: Source, options: SegmentOptions) -> Segments:
    """Cut a page into slots; everything else is literal."""
    slots: list[Slot] = []
    body_line = 0
    meta = None
    toml = toml_frontmatter(source, options.frontmatter_keys) if _reads_toml(options) else None
    if toml is not None:
        slots, body_line, meta = toml
    elif options.frontmatter:
        slots, body_line, meta = frontmatter_slots(source, options.frontmatter_keys)
    body = body_slots(source, body_line, options)
    syntax = get_dialect(options.dialect).syntax or str
    for slot in body.slots:
        if has_prose(syntax(slot.msgid)):
            slots.append(slot)
        elif _code_cell(slot, options):
            slots.append(replace(slot, kind=SlotKind.CODE_CELL))
    slots.sort(key=lambda slot: slot.start)
    _check_slots(source, slots)
    return Segments(
        path=source.path,
        text=source.text,
        bom=source.bom,
        slots=tuple(slots),
        newline=source.newline(),
        notices=tuple(body.notices),
        tables=tuple(body.tables),
        code=tuple(body.code),
        body=source.line_starts[body_line] if body_line < source.line_count else len(source.text),
        blocks=tuple(body.blocks),
        references=body.references,
        meta=meta,
        dialect=options.dialect,
        options=options,
    )


def _code_cell(slot: Slot, options: SegmentOptions) -> bool:
    """A table cell that is only inline code (``poetry new [name]``): translated with ``code_cells``."""
    return (
        options.code_cells
        and slot.kind == SlotKind.TABLE_CELL
        and "`" in slot.msgid
        and has_letters(slot.msgid)
    )


def _reads_toml(options: SegmentOptions) -> bool:
    return options.frontmatter and TOML_DELIMITER in get_dialect(options.dialect).frontmatter


def _check_slots(source: Source, slots: list[Slot]) -> None:
    """Every slot must own its offsets: in order, inside the page, never overlapping."""
    position = 0
    for slot in slots:
        for span in slot.spans:
            if span.start < position or span.end < span.start or span.end > len(source.text):
                raise SourceError(
                    f"internal: {slot.kind} slot has bad offsets {span.start}..{span.end}; "
                    "please report this page",
                    source.path,
                    slot.line,
                )
            position = span.end


__all__ = ["SegmentOptions", "has_prose", "segment_page"]
