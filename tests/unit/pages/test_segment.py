"""The segmenter on short pages: which text becomes a slot, with which msgid and offsets.

The cases that only compare slots are in segment.cases, beside this file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cheatl10n.errors import SourceError
from cheatl10n.pages.segment import SegmentOptions, segment_page
from cheatl10n.pages.source import decode_source
from cheatl10n.translate.render import render_page

from support import Case, check_case, read_cases, slot_lines, spans_text


@pytest.mark.parametrize("case", read_cases(Path(__file__).with_name("segment.cases")))
def test_segment_case(case: Case) -> None:
    check_case(case)


def test_frontmatter_values_of_configured_keys_only() -> None:
    page = "---\ntitle: 'It''s a title'\ndate: 2024-01-01\ndescription: Plain text\n---\n\nBody.\n"
    assert slot_lines(page) == [
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


def test_list_items_and_blockquotes_lose_their_prefixes() -> None:
    page = "- one\n  continued\n- two\n\n> quoted\n> text\n\n1. first\n"
    assert slot_lines(page) == [
        ("list item", 1, "one continued"),
        ("list item", 3, "two"),
        ("blockquote", 5, "quoted text"),
        ("list item", 8, "first"),
    ]
    assert spans_text(page)[0] == ["one", "continued"]


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
    assert slot_lines(page) == [("heading", 1, "Title"), ("paragraph", 3, "Some text.")]
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
    "value",
    ["2019", "2019-05-01", "true", "null", "{a: b}", "[1, 2]", "\n  - 1\n  - 2", "3.5"],
)
def test_a_frontmatter_value_that_is_not_text_is_left_as_it_is(value: str) -> None:
    page = f"---\ntitle: {value}\ndescription: Words\n---\n\nBody.\n"
    source = decode_source(page.encode(), Path("p.md"))
    segments = segment_page(source, SegmentOptions())
    assert [slot.msgid for slot in segments.slots] == ["Words", "Body."]
    assert render_page(segments, lambda slot: "X") == page.replace("Words", "X").replace("Body.", "X")


def test_a_list_under_a_listed_key_is_translated_item_by_item() -> None:
    page = "---\ntags: [Python, 'a, b', 3]\nkeywords:\n  - First word\n  - \"Second\"\n---\n"
    source = decode_source(page.encode(), Path("p.md"))
    segments = segment_page(source, SegmentOptions(frontmatter_keys=("tags", "keywords")))
    assert [(slot.label, slot.msgid) for slot in segments.slots] == [
        ("frontmatter: tags", "Python"),
        ("frontmatter: tags", "a, b"),
        ("frontmatter: keywords", "First word"),
        ("frontmatter: keywords", "Second"),
    ]
    table = {"Python": "Пайтон, язык", "a, b": "а, б", "First word": "Первое: слово", "Second": "Второе"}
    output = render_page(segments, lambda slot: table[slot.msgid])
    assert output == (
        "---\ntags: ['Пайтон, язык', 'а, б', 3]\nkeywords:\n  - 'Первое: слово'\n  - \"Второе\"\n---\n"
    )
    assert yaml.safe_load(output.split("---")[1]) == {
        "tags": ["Пайтон, язык", "а, б", 3],
        "keywords": ["Первое: слово", "Второе"],
    }


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
