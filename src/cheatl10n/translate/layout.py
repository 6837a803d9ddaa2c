"""A block written the translator's way: catalog entries whose msgctxt is ``layout``.

Translators sometimes write a block differently without changing what it says: a
list renumbered ``1. 2.`` where the source has ``1. 1.``, one space after a list
marker where the source has two, a ``<route>`` block whose values they quote.
``import`` keeps such a block as one entry: the msgid is the source block, the
msgstr the same block, with the same source-language strings, written as the
translated page writes it. Before translations are spliced in, each such block
of the page is replaced by its layout (``lay_out``), so splicing stays the only
way text reaches a page and every string keeps its own entry.

A layout is used only when its msgid is, byte for byte, a block of the page as
it is now (``extract`` keeps the entry while that holds, obsolete otherwise);
when, with it in place, the page has the same strings in the same order; and
when the site shows it as it shows the source block: the same HTML (a table
column's alignment aside: formatting is the translator's, as the gate leaves
emphasis to them), or for a ``<route>`` block YAML that loads to the same data.
A layout may change how a block is written, never what it says.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import polib

from cheatl10n.model import LAYOUT_CONTEXT, Segments, Span
from cheatl10n.pages.frontmatter import yaml_data
from cheatl10n.pages.site import ROUTE_BLOCK, render_piece
from cheatl10n.pages.source import decode_source, encode_text

__all__ = ["LAYOUT_CONTEXT", "block_texts", "catalog_layouts", "lay_out", "shows_the_same"]
_ALIGNED = re.compile(r' style="text-align:(?:left|right|center)"')
"""A table column's alignment (``:---``): formatting, which is the translator's, as emphasis is."""
_CHANGES_SHOWING = "layout changes what the block shows (only how it is written may change)"
_CHANGES_STRINGS = "layout changes the page's strings (only how the block is written may change)"


def block_texts(segments: Segments) -> dict[str, Span]:
    """The page's top-level blocks by their text (the msgids layout entries may have)."""
    return {segments.text[block.start : block.end]: block for block in segments.blocks}


def catalog_layouts(po: polib.POFile | None, use_fuzzy: bool = False) -> dict[str, str]:
    """The catalog's layouts that ``build`` would use, by the source block's text."""
    if po is None:
        return {}
    return {
        entry.msgid: entry.msgstr
        for entry in po
        if entry.msgctxt == LAYOUT_CONTEXT
        and entry.msgstr
        and not entry.obsolete
        and (use_fuzzy or not entry.fuzzy)
    }


def lay_out(segments: Segments, layouts: Mapping[str, str]) -> tuple[Segments, dict[str, str]]:
    """The page with each usable layout in place of its block, and why each other one is not used.

    ``layouts`` maps a block's source text to its layout; layouts of blocks the page
    no longer has are ignored. The refusals are keyed by msgid.
    """
    blocks = block_texts(segments)
    refused: dict[str, str] = {}
    usable: list[tuple[Span, str]] = []
    for msgid, text in layouts.items():
        block = blocks.get(msgid)
        if block is None or text == msgid:
            continue
        if shows_the_same(segments, msgid, text):
            usable.append((block, text))
        else:
            refused[msgid] = _CHANGES_SHOWING
    if not usable:
        return segments, refused
    laid = _replaced(segments, usable)
    if laid is None:  # find the layouts that change the strings, one by one (rare)
        alone = [item for item in usable if _replaced(segments, [item]) is not None]
        for block, _text in usable:
            if all(block != kept for kept, _ in alone):
                refused[segments.text[block.start : block.end]] = _CHANGES_STRINGS
        laid = _replaced(segments, alone) if alone else None
    return (laid or segments), refused


def shows_the_same(segments: Segments, block: str, layout: str) -> bool:
    """Whether the site shows ``layout`` exactly as it shows ``block`` (both whole lines of the page)."""
    references = {label: {"href": href, "title": title} for label, href, title in segments.references}
    source = render_piece(block, references, segments.dialect)
    laid = render_piece(layout, references, segments.dialect)
    if source.references == laid.references and _ALIGNED.sub("", source.html) == _ALIGNED.sub("", laid.html):
        return True
    routes = (ROUTE_BLOCK.findall(block), ROUTE_BLOCK.findall(layout))
    if len(routes[0]) != 1 or len(routes[1]) != 1:
        return False
    outside = (ROUTE_BLOCK.sub("", block), ROUTE_BLOCK.sub("", layout))
    return outside[0] == outside[1] and _same_yaml(routes[0][0], routes[1][0])


def _same_yaml(left: str, right: str) -> bool:
    try:
        return bool(yaml_data(left) == yaml_data(right))
    except ValueError:
        return False


def _replaced(segments: Segments, layouts: Sequence[tuple[Span, str]]) -> Segments | None:
    """The page read again with ``layouts`` in place; None when its strings are not the same."""
    from cheatl10n.pages.segment import segment_page  # the segmenter needs the parsers: load on use

    if segments.options is None:
        return None
    text, position = [], 0
    for block, layout in sorted(layouts, key=lambda item: item[0].start):
        text.extend([segments.text[position : block.start], layout])
        position = block.end
    text.append(segments.text[position:])
    page = decode_source(encode_text("".join(text), segments.bom), segments.path)
    laid = segment_page(page, segments.options)
    same = len(laid.blocks) == len(segments.blocks) and [s.key for s in laid.slots] == [
        s.key for s in segments.slots
    ]
    return laid if same else None
