"""Properties of segmenting and rendering: identity round trip, and build never touches literal text.

Pages come from ``pagegen``: generated from the corpus's constructs, and real corpus
pages with random block edits. Expected values come from the page text itself and
from markdown-it-py run here independently (the fenced code blocks), never from
cheatl10n's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel import Locale
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from cheatl10n.jobs.build import translate_page
from cheatl10n.model import Segments, Slot
from cheatl10n.pages.segment import SegmentOptions, segment_page
from cheatl10n.pages.source import decode_source, encode_text
from cheatl10n.po.merge import merge_catalog, page_messages
from cheatl10n.po.read import parse_catalog
from cheatl10n.po.write import dump_po
from cheatl10n.translate.render import render_page
from pagegen import edited_corpus_pages, pages

from support import corpus_pages

PAGE = Path("docs/builtin/en/page.md")
RU = Locale.parse("ru")
OPTIONS = st.sampled_from(
    [
        SegmentOptions(),
        SegmentOptions(frontmatter_keys=("title", "description", "labUrl"), code_comments=True),
    ]
)
needs_corpus = pytest.mark.skipif(not corpus_pages("en"), reason="shared corpus not found")
SUFFIXES = ["", " | pipe", " 'single' \"double\"", "\nzweite Zeile", ": colon # hash", " <b>x</b> `c`", "\\"]
"""Added to translations: characters each kind of slot must quote or escape, and line breaks."""


def segment(data: bytes, options: SegmentOptions) -> Segments:
    return segment_page(decode_source(data, PAGE), options)


def fences(text: str) -> list[tuple[str, str, str]]:
    """Every code block of a page as markdown-it-py reads it: (type, info, content)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    return [(t.type, t.info, t.content) for t in tokens if t.type in ("fence", "code_block")]


def literal_pieces(segments: Segments) -> list[str]:
    """The page text between slots (and around re-aligned tables): what build must copy as is."""
    regions = [(slot.start, slot.end) for slot in segments.slots]
    for table in segments.tables:
        first, last = table.rows[0].cells[0].end, table.rows[-1].cells[-1].start
        if any(first <= start and end <= last for start, end in regions):
            regions.append((first, last))
    pieces = []
    position = 0
    for start, end in sorted(regions):
        if start >= position:
            pieces.append(segments.text[position:start])
        position = max(position, end)
    pieces.append(segments.text[position:])
    return pieces


def assert_literals_kept(pieces: list[str], output: str) -> None:
    """``output`` is ``pieces[0] + X + pieces[1] + ... + pieces[-1]`` for some strings X."""
    if len(pieces) == 1:
        assert output == pieces[0], "a page without slots changed"
        return
    assert output.startswith(pieces[0]), f"text before the first slot changed: {pieces[0][-80:]!r}"
    assert output.endswith(pieces[-1]), f"text after the last slot changed: {pieces[-1][:80]!r}"
    position = len(pieces[0])
    for piece in pieces[1:-1]:
        found = output.find(piece, position)
        assert found >= 0, f"literal text lost or changed: {piece[:120]!r}"
        position = found + len(piece)
    assert position <= len(output) - len(pieces[-1]), "literal text out of order"


def check_identity(data: bytes, options: SegmentOptions) -> None:
    source = decode_source(data, PAGE)
    segments = segment_page(source, options)
    untranslated = render_page(segments, lambda slot: None)
    assert encode_text(untranslated, segments.bom) == data
    assert encode_text(render_page(segments, lambda slot: slot.msgid), segments.bom) == data
    # The same through a catalog: extract, write and read it back, every msgstr set to its msgid.
    po = merge_catalog(None, page_messages(segments, PAGE.as_posix()), RU, "t", PAGE.as_posix())
    for entry in po:
        entry.msgstr = entry.msgid
    back = parse_catalog(dump_po(po), Path("page.po"))
    keys = {(entry.msgctxt, entry.msgid) for entry in back}
    assert {slot.key for slot in segments.slots} <= keys, "a msgid does not survive the catalog"
    assert encode_text(translate_page(segments, back, use_fuzzy=False), segments.bom) == data


def check_build_keeps_literals(data: bytes, options: SegmentOptions, suffix: str) -> None:
    source = decode_source(data, PAGE)
    segments = segment_page(source, options)
    table: dict[tuple[str | None, str], str] = {}

    def translate(slot: Slot) -> str:
        return table.setdefault(slot.key, f"⟦{len(table)}⟧ {slot.msgid}{suffix}")

    output = render_page(segments, translate)
    assert_literals_kept(literal_pieces(segments), output)
    assert output.count("⟦") == source.text.count("⟦") + len(segments.slots), "a translation is missing"
    # Comments in code are translated when code_comments is on; nothing else in code ever is.
    prose_only = render_page(segments, lambda slot: None if slot.kind == "code comment" else translate(slot))
    assert fences(prose_only) == fences(source.text), "a code block changed"


@given(page=pages(), bom=st.booleans(), options=OPTIONS)
def test_generated_page_renders_back_byte_for_byte(page: str, bom: bool, options: SegmentOptions) -> None:
    check_identity(("\ufeff" if bom else "").encode() + page.encode("utf-8"), options)


@needs_corpus
@given(pair=edited_corpus_pages(), options=OPTIONS)
def test_edited_corpus_page_renders_back_byte_for_byte(
    pair: tuple[str, str], options: SegmentOptions
) -> None:
    original, edited = pair
    check_identity(original.encode("utf-8"), options)
    check_identity(edited.encode("utf-8"), options)


COMMENTS = SegmentOptions(frontmatter_keys=("title", "description", "labUrl"), code_comments=True)


@given(page=pages(), options=OPTIONS, suffix=st.sampled_from(SUFFIXES))
@example(page="| 0 |\r\n|---|\r\n| 0 |\r\n| 0 |", options=SegmentOptions(), suffix="").via(
    "shrunk: a page without any slot"
)
@example(
    page="Note 0\r\n\r\n```python\r\n# Access the first element\r\n```", options=COMMENTS, suffix=""
).via("shrunk: a comment in code is translated when code_comments is on")
def test_build_changes_no_byte_outside_slots(page: str, options: SegmentOptions, suffix: str) -> None:
    check_build_keeps_literals(page.encode("utf-8"), options, suffix)


@needs_corpus
@given(pair=edited_corpus_pages(), options=OPTIONS, suffix=st.sampled_from(SUFFIXES))
def test_build_of_edited_corpus_page_changes_no_byte_outside_slots(
    pair: tuple[str, str], options: SegmentOptions, suffix: str
) -> None:
    check_build_keeps_literals(pair[1].encode("utf-8"), options, suffix)
