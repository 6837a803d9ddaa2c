"""Messages of several pages in one catalog, and headers that name the current page."""

from __future__ import annotations

import polib
from babel import Locale

from cheatl10n.po.merge import HEADER_COMMENT, Message, combine_messages, merge_catalog


def test_a_string_of_two_pages_is_one_message_with_both_references() -> None:
    first = [
        Message("Title", ("heading",), (("a.md", "1"),)),
        Message("Same.", ("paragraph",), (("a.md", "3"),)),
    ]
    second = [
        Message("Same.", ("table_cell",), (("b.md", "5"),)),
        Message("Other.", ("paragraph",), (("b.md", "7"),)),
    ]
    combined = combine_messages([first, second])
    assert combined == [
        Message("Title", ("heading",), (("a.md", "1"),)),
        Message("Same.", ("paragraph", "table_cell"), (("a.md", "3"), ("b.md", "5"))),
        Message("Other.", ("paragraph",), (("b.md", "7"),)),
    ]


def test_one_page_comes_back_as_it_was() -> None:
    page = [
        Message("A", ("heading",), (("a.md", "1"),), "frontmatter"),
        Message("A", ("heading",), (("a.md", "4"),)),
    ]
    assert combine_messages([page]) == page


def test_the_header_names_the_page_it_is_merged_for() -> None:
    old = polib.POFile()
    old.header = HEADER_COMMENT.format(page="docs/builtin/en/abs.md")
    po = merge_catalog(old, [], Locale.parse("ru"), "site", "docs/builtin/en/absolute.md")
    assert po.header == HEADER_COMMENT.format(page="docs/builtin/en/absolute.md")


def test_a_translators_header_comment_is_kept() -> None:
    old = polib.POFile()
    old.header = "Russian translation of the cheatsheet.\nMaria, 2024."
    po = merge_catalog(old, [], Locale.parse("ru"), "site", "docs/builtin/en/absolute.md")
    assert po.header == old.header
