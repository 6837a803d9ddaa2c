"""Splicing translations into the original text."""

from __future__ import annotations

from pathlib import Path

import yaml

from cheatl10n.pages.segment import SegmentOptions, segment_page
from cheatl10n.pages.source import decode_source
from cheatl10n.translate.render import render_page


def translate(page: str, table: dict[str, str]) -> str:
    source = decode_source(page.encode("utf-8"), Path("page.md"))
    segments = segment_page(source, SegmentOptions())
    return render_page(segments, lambda slot: table.get(slot.msgid))


def test_untranslated_page_is_byte_identical() -> None:
    page = "---\ntitle: T\n---\n\n# Head\n\n- item\n  wrapped\n\n| a | b |\n|---|---|\n| c | d |\n"
    assert translate(page, {}) == page


def test_translation_equal_to_msgid_keeps_the_source_wrapping() -> None:
    page = "Some text\nwrapped here.\n"
    assert translate(page, {"Some text wrapped here.": "Some text wrapped here."}) == page


def test_paragraph_translation_replaces_all_its_lines() -> None:
    page = "Intro.\n\nSome text\nwrapped here.\n\nOutro.\n"
    assert translate(page, {"Some text wrapped here.": "Немного текста."}) == (
        "Intro.\n\nНемного текста.\n\nOutro.\n"
    )


def test_multiline_translation_gets_the_block_prefix() -> None:
    page = "> - quoted item\n"
    assert translate(page, {"quoted item": "erste Zeile\nzweite Zeile"}) == (
        "> - erste Zeile\n>   zweite Zeile\n"
    )


def test_crlf_is_kept_inside_translations() -> None:
    page = "- one\r\n  two\r\n"
    assert translate(page, {"one two": "eins\nzwei"}) == "- eins\r\n  zwei\r\n"


def test_heading_and_cell_translations_stay_on_one_line_and_cells_escape_pipes() -> None:
    page = "# Title\n\n| Col |\n|---|\n| x y |\n"
    out = translate(page, {"Title": "Titel\nzwei", "Col": "Spalte", "x y": "a | b"})
    assert out == "# Titel zwei\n\n| Spalte |\n|---|\n| a \\| b |\n"


def test_aligned_table_is_realigned_by_display_width() -> None:
    page = "| Name | Right | Mid |\n| :--- | ----: | :-: |\n| `x`  |     1 |  a  |\n| long |     2 |  b  |\n"
    out = translate(page, {"Name": "名前", "long": "длинный текст", "a": "ä"})
    assert out == (
        "| 名前          | Right | Mid |\n"
        "| :------------ | ----: | :-: |\n"
        "| `x`           |     1 |  ä  |\n"
        "| длинный текст |     2 |  b  |\n"
    )


def test_unaligned_table_stays_unaligned() -> None:
    page = "| Name | Use |\n|---|---|\n| a | b |\n"
    assert translate(page, {"Name": "Название"}) == "| Название | Use |\n|---|---|\n| a | b |\n"


def test_frontmatter_translation_is_quoted_only_when_needed() -> None:
    page = '---\ntitle: Plain\ndescription: "Quoted"\ndate: 2024\n---\nBody.\n'
    out = translate(page, {"Plain": "Заголовок: с двоеточием", "Quoted": 'Mit "Zitat"'})
    head = out.split("---\n")[1]
    assert yaml.safe_load(head) == {
        "title": "Заголовок: с двоеточием",
        "description": 'Mit "Zitat"',
        "date": 2024,
    }
    assert out.endswith("date: 2024\n---\nBody.\n")


def test_text_outside_slots_is_untouched() -> None:
    page = "Text `code`.\n\n```python\nprint('Text `code`.')\n```\n"
    out = translate(page, {"Text `code`.": "Texte `code`."})
    assert out == "Texte `code`.\n\n```python\nprint('Text `code`.')\n```\n"
