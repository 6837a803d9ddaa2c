"""``import``: a block the translated page writes differently, carried as a layout entry.

A source block whose strings are all paired with the strings of one translated
block, but which the catalog's translations do not rebuild into that block byte
for byte (a renumbered list, a re-quoted ``<route>`` block), gets a layout
(``translate.layout``): the translated block with each of its strings put back
in the source language, in the translated page's own quoting and line breaks.
It is kept only when the page laid out with it, translations spliced in, gives
back the translated block exactly, and ``lay_out`` (the rule ``build`` follows)
accepts it.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence

import polib

from cheatl10n.jobs.pairing import PageImport, offered_msgstr
from cheatl10n.model import LAYOUT_CONTEXT, LAYOUT_LABEL, Segments, Slot, Span, Table
from cheatl10n.translate.align import Pair
from cheatl10n.translate.layout import lay_out
from cheatl10n.translate.render import Translate, catalog_translator, format_translation, splice


def _slots_by_block(segments: Segments) -> dict[int, list[Slot]]:
    starts = [block.start for block in segments.blocks]
    found: dict[int, list[Slot]] = {}
    for slot in segments.slots:
        index = bisect.bisect_right(starts, slot.start) - 1
        if index >= 0 and slot.end <= segments.blocks[index].end:
            found.setdefault(index, []).append(slot)
    return found


def _tables_in(segments: Segments, block: Span) -> list[Table]:
    return [table for table in segments.tables if block.start <= table.rows[0].cells[0].start < block.end]


def _rebuilt(segments: Segments, index: int, slots: Sequence[Slot], translate: Translate) -> str:
    block = segments.blocks[index]
    return splice(segments, slots, _tables_in(segments, block), translate, block.start, block.end)


def _layout(source: Segments, translated: Segments, block: Span, pairs: Sequence[tuple[Slot, Slot]]) -> str:
    """The translated ``block`` with each paired string back in the source language."""
    pieces, position = [], block.start
    for mine, theirs in sorted(pairs, key=lambda pair: pair[1].start):
        pieces.append(translated.text[position : theirs.start])
        pieces.append(format_translation(theirs, offered_msgstr(mine, source.text), translated.newline))
        position = theirs.end
    pieces.append(translated.text[position : block.end])
    return "".join(pieces)


def propose_layouts(
    source: Segments, translated: Segments, pairs: Sequence[Pair], po: polib.POFile
) -> dict[str, str]:
    """The layouts that make ``build`` give back the translated page's blocks, by source block text."""
    partner = {pair.source: pair.translated for pair in pairs}
    theirs = _slots_by_block(translated)
    block_of = {slot: index for index, slots in theirs.items() for slot in slots}
    translate = catalog_translator(source, po, use_fuzzy=False)
    wanted: dict[str, tuple[str, str]] = {}
    for index, slots in _slots_by_block(source).items():
        targets = {block_of.get(partner.get(slot)) for slot in slots}  # type: ignore[arg-type]
        if len(targets) != 1 or None in targets:
            continue
        other = targets.pop()
        assert other is not None
        if len(theirs[other]) != len(slots):
            continue  # the translated block has strings of its own
        span = translated.blocks[other]
        published = translated.text[span.start : span.end]
        if "\r" in published or _rebuilt(source, index, slots, translate) == published:
            continue
        layout = _layout(source, translated, span, [(slot, partner[slot]) for slot in slots])
        block = source.blocks[index]
        wanted[source.text[block.start : block.end]] = (layout, published)
    if not wanted:
        return {}
    return _verified(source, po, wanted)


def _verified(source: Segments, po: polib.POFile, wanted: Mapping[str, tuple[str, str]]) -> dict[str, str]:
    """The layouts with which the page, laid out and translated, gives back the published blocks."""
    laid, refused = lay_out(source, {msgid: layout for msgid, (layout, _) in wanted.items()})
    if laid is source:
        return {}
    translate = catalog_translator(laid, po, use_fuzzy=False)
    slots = _slots_by_block(laid)
    kept = {}
    for index, block in enumerate(source.blocks):
        msgid = source.text[block.start : block.end]
        if msgid not in wanted or msgid in refused:
            continue
        layout, published = wanted[msgid]
        if _rebuilt(laid, index, slots.get(index, []), translate) == published:
            kept[msgid] = layout
    return kept


def add_layouts(
    po: polib.POFile, layouts: Mapping[str, str], source: Segments, overwrite: bool, report: PageImport
) -> bool:
    """Put the layouts into the catalog (an existing one is kept unless ``overwrite``); whether any is new."""
    lines = {
        source.text[block.start : block.end]: source.text.count("\n", 0, block.start) + 1
        for block in source.blocks
    }
    added = False
    for msgid, layout in layouts.items():
        entry = po.find(msgid, msgctxt=LAYOUT_CONTEXT, include_obsolete_entries=True)
        if entry is None:
            reference = (str(source.path), str(lines[msgid]))
            entry = polib.POEntry(
                msgctxt=LAYOUT_CONTEXT, msgid=msgid, comment=LAYOUT_LABEL, occurrences=[reference]
            )
            po.append(entry)
            added = True
        elif entry.msgstr and not overwrite:
            continue
        entry.msgstr, entry.obsolete, entry.previous_msgid = layout, False, None
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        report.layouts += 1
    return added
