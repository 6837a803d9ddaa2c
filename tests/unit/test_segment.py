"""The segmenter on short pages: which text becomes a slot, with which msgid and offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from cheatl10n.errors import SourceError
from cheatl10n.pages.segment import SegmentOptions, segment_page
from cheatl10n.pages.source import decode_source


def segment(text: str, **options: object) -> list[tuple[str, int, str]]:
    source = decode_source(text.encode("utf-8"), Path("page.md"))
    segments = segment_page(source, SegmentOptions(**options))  # type: ignore[arg-type]
    return [(slot.label, slot.line, slot.msgid) for slot in segments.slots]


def spans_text(text: str) -> list[list[str]]:
    source = decode_source(text.encode("utf-8"), Path("page.md"))
    segments = segment_page(source, SegmentOptions())
    return [[text[s.start : s.end] for s in slot.spans] for slot in segments.slots]


def test_frontmatter_values_of_configured_keys_only() -> None:
    page = "---\ntitle: 'It''s a title'\ndate: 2024-01-01\ndescription: Plain text\n---\n\nBody.\n"
    assert segment(page) == [
        ("frontmatter: title", 2, "It's a title"),
        ("frontmatter: description", 4, "Plain text"),
        ("paragraph", 7, "Body."),
    ]
    # the span is the YAML scalar as written, quotes included
    assert spans_text(page)[0] == ["'It''s a title'"]


def test_frontmatter_block_scalar_keeps_its_line_break() -> None:
    page = "---\ndescription: >-\n  folded\n  text\ntitle: T\n---\n"
    source = decode_source(page.encode(), Path("p.md"))
    slot = segment_page(source, SegmentOptions()).slots[0]
    assert slot.msgid == "folded text"
    assert page[slot.end] == "\n"


def test_atx_heading_with_closing_sequence() -> None:
    assert segment("## Intro to `zip()` ##\n") == [("heading", 1, "Intro to `zip()`")]


def test_setext_heading_lines_joined() -> None:
    assert segment("Two line\nheading\n===\n") == [("heading", 1, "Two line heading")]


def test_hard_wrapped_paragraph_joined_by_one_space() -> None:
    wrapped = "A paragraph that\n   goes on over\nthree lines.\n"
    flowed = "A paragraph that goes on over three lines.\n"
    assert segment(wrapped) == [("paragraph", 1, "A paragraph that goes on over three lines.")]
    assert segment(wrapped)[0][2] == segment(flowed)[0][2]


def test_hard_line_breaks_are_kept() -> None:
    assert segment("first\\\nsecond  \nthird\n") == [("paragraph", 1, "first\\\nsecond  \nthird")]


def test_list_items_and_blockquotes_lose_their_prefixes() -> None:
    page = "- one\n  continued\n- two\n\n> quoted\n> text\n\n1. first\n"
    assert segment(page) == [
        ("list item", 1, "one continued"),
        ("list item", 3, "two"),
        ("blockquote", 5, "quoted text"),
        ("list item", 8, "first"),
    ]
    assert spans_text(page)[0] == ["one", "continued"]


def test_table_cells_without_delimiter_row() -> None:
    page = "| Name | Use \\| note |\n| ---- | ----------- |\n| `x`  | A value     |\n"
    assert segment(page) == [
        ("table cell", 1, "Name"),
        ("table cell", 1, "Use \\| note"),
        ("table cell", 3, "A value"),
    ]


def test_code_comments_references_and_inline_code_alone_are_not_segmented() -> None:
    page = (
        "```python\n# a comment\nx = 1\n```\n\n"
        "    indented code\n\n"
        "<!-- an HTML comment -->\n\n"
        "[ref]: https://example.com\n\n"
        "`len()`\n\n"
        "See [the docs][ref] and `len()`.\n"
    )
    assert segment(page) == [("paragraph", 14, "See [the docs][ref] and `len()`.")]


def test_inline_markup_stays_in_the_msgid() -> None:
    page = 'Use <router-link to="/builtin/iter">iter()</router-link> with **care** and ![a cat](c.png).\n'
    assert segment(page)[0][2] == page.strip()


def test_unclosed_fence_warns_and_segments_nothing_after_it() -> None:
    page = "Before.\n\n```python\nx = 1\n\nAfter.\n"
    source = decode_source(page.encode(), Path("p.md"))
    segments = segment_page(source, SegmentOptions())
    assert [slot.msgid for slot in segments.slots] == ["Before."]
    assert [str(notice) for notice in segments.notices] == [
        "p.md:3: warning: code fence is never closed: everything after it is code and is not translated"
    ]


def test_crlf_page_offsets_point_at_the_text() -> None:
    page = "# Title\r\n\r\nSome\r\ntext.\r\n"
    assert segment(page) == [("heading", 1, "Title"), ("paragraph", 3, "Some text.")]
    assert spans_text(page)[1] == ["Some", "text."]


def test_bom_is_recorded_and_removed_from_text() -> None:
    source = decode_source("\ufeff# Title\n".encode(), Path("p.md"))
    assert source.bom is True
    assert source.text == "# Title\n"


@pytest.mark.parametrize(
    ("frontmatter", "message"),
    [
        ("title: [unclosed\n", "p.md:2: error: frontmatter is not valid YAML"),
        ("- a list\n", "p.md:2: error: frontmatter is not a mapping"),
        ("title: [1, 2]\n", "p.md:2: error: frontmatter key 'title' must hold text"),
        ("title: 12\n", "p.md:2: error: frontmatter key 'title' must hold text"),
        ("title: a\ntitle: b\n", "p.md:3: error: frontmatter key 'title' is repeated"),
        ("x: !!python/object/apply:os.system ['true']\n", "p.md:2: error: frontmatter is not valid YAML"),
    ],
)
def test_bad_frontmatter(frontmatter: str, message: str) -> None:
    source = decode_source(f"---\n{frontmatter}---\n\nBody.\n".encode(), Path("p.md"))
    with pytest.raises(SourceError) as caught:
        segment_page(source, SegmentOptions())
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"ok\n\xe9t\xe9\n", "p.md:2: error: page is not valid UTF-8"),
        ("# Title\n".encode("utf-16"), "p.md:1: error: page is UTF-16"),
        (b"a\nb\x00\n", "p.md:2: error: page holds a NUL byte"),
    ],
)
def test_undecodable_pages(data: bytes, message: str) -> None:
    with pytest.raises(SourceError) as caught:
        decode_source(data, Path("p.md"))
    assert str(caught.value).startswith(message)
