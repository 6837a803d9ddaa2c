"""Pipe tables: cell slots, re-alignment of column-aligned tables by display width, pipe escaping.

Every expected table below and in tables.cases (the cases that only compare the
rendered page) is written out by hand, column by column.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from support import Case, check_case, read_cases, render, segment, slots


@pytest.mark.parametrize("case", read_cases(Path(__file__).with_name("tables.cases")))
def test_table_case(case: Case) -> None:
    check_case(case)


def cells(page: str) -> list[list[str]]:
    """Cell contents as CommonMark+GFM reads them (an independent parser of the output)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(page)
    rows: list[list[str]] = []
    for token in tokens:
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows:
            rows[-1].append(token.content)
    return rows


ALIGNED = """\
| Method  | Meaning        |
| :------ | -------------: |
| `len()` |         Length |
| `abs()` | Absolute value |
"""


def test_aligned_table_cells_with_prose_are_slots() -> None:
    assert slots(ALIGNED) == [
        ("table cell", "Method"),
        ("table cell", "Meaning"),
        ("table cell", "Length"),
        ("table cell", "Absolute value"),
    ]
    assert len(segment(ALIGNED).tables) == 1


WIDE_SOURCE = """\
Before.

| 名前  | Use |
| ----- | --- |
| 日本  | b   |
| cafe\u0301  | c   |

After.
"""


def test_source_aligned_by_display_width_is_recognized_and_realigned() -> None:
    # The source is aligned only when 名前 counts 4 columns and "cafe" + U+0301 counts 4.
    assert len(segment(WIDE_SOURCE).tables) == 1
    assert render(WIDE_SOURCE, {"b": "long text"}) == (
        "Before.\n"
        "\n"
        "| 名前 | Use       |\n"
        "| ---- | --------- |\n"
        "| 日本 | long text |\n"
        "| cafe\u0301 | c         |\n"
        "\n"
        "After.\n"
    )


def test_unaligned_tables_stay_unaligned() -> None:
    no_outer_pipes = "Name | Use\n--- | ---\nvalue | the use\n"
    assert render(no_outer_pipes, {"the use": "польза", "Name": "Имя"}) == (
        "Имя | Use\n--- | ---\nvalue | польза\n"
    )
    ragged = "| Name | Use |\n| --- | --- |\n| a | the use |\n"
    assert len(segment(ragged).tables) == 0
    assert render(ragged, {"the use": "польза"}) == "| Name | Use |\n| --- | --- |\n| a | польза |\n"


def test_pipe_in_translated_cell_is_escaped() -> None:
    page = "| Op | Use |\n|---|---|\n| `x` | either one |\n| `y` | kept \\| already |\n| `z` | slash |\n"
    table = {
        "either one": "a | b",
        "kept \\| already": "c \\| d",
        "slash": "e \\\\| f",
    }
    out = render(page, table)
    assert out == ("| Op | Use |\n|---|---|\n| `x` | a \\| b |\n| `y` | c \\| d |\n| `z` | e \\\\\\| f |\n")
    assert cells(out) == [["Op", "Use"], ["`x`", "a | b"], ["`y`", "c | d"], ["`z`", "e \\\\| f"]]


def test_pipe_in_translated_cell_of_aligned_table_is_escaped_and_counted() -> None:
    page = "| Op   | Use    |\n| ---- | ------ |\n| `or` | either |\n"
    out = render(page, {"either": "a | b"})
    assert out == "| Op   | Use    |\n| ---- | ------ |\n| `or` | a \\| b |\n"
    out = render(page, {"either": "x | y | z"})
    assert out == "| Op   | Use         |\n| ---- | ----------- |\n| `or` | x \\| y \\| z |\n"
    assert cells(out) == [["Op", "Use"], ["`or`", "x | y | z"]]


def test_emoji_counts_two_columns_as_prettier_does() -> None:
    # As prettier writes it (blog/python-data-types has this shape): ✔ (U+2714, an emoji)
    # takes two columns, ✘ (U+2718) one.
    page = "| Key | Ok  |\n| --- | --- |\n| `a` | ✘   |\n| `b` | ✔  |\n"
    assert len(segment(page).tables) == 1
    assert render(page, {"Key": "Ключ"}) == (
        "| Ключ | Ok  |\n| ---- | --- |\n| `a`  | ✘   |\n| `b`  | ✔  |\n"
    )
