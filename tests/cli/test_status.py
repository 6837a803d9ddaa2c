"""status: counts per page and language, in text, JSON (checked against its schema) and Markdown."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import jsonschema
import polib
import pytest

from cheatl10n.po.write import dump_po

from support import chromium_screenshot, png_pixels, run_cli

PAGE = (
    "# Lists\n\nA list keeps its items in order.\n\n"
    "- `append()` adds one item.\n- `pop()` takes the last one.\n"
)


@pytest.fixture
def site(make_site: Callable[..., Path]) -> Path:
    root = make_site(
        {"docs/builtin/en/lists.md": PAGE, "docs/builtin/en/sets.md": "# Sets\n\nEach item once.\n"}
    )
    assert run_cli("extract", cwd=root).returncode == 0
    catalog = root / "locales/ru/builtin/lists.po"
    po = polib.pofile(str(catalog))
    po.find("Lists").msgstr = "Списки"
    po.find("A list keeps its items in order.").msgstr = "Список хранит элементы по порядку."
    entry = po.find("`pop()` takes the last one.")
    entry.msgstr = "`pop()` забирает последний."
    entry.flags.append("fuzzy")
    catalog.write_bytes(dump_po(po))
    # an edit made after the last extract: its new string is missing from the catalog
    page = root / "docs/builtin/en/sets.md"
    page.write_text(page.read_text() + "\nA new sentence here.\n", encoding="utf-8")
    return root


def test_json_matches_its_schema_and_counts(site: Path) -> None:
    result = run_cli("status", "--format", "json", cwd=site)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    schema = json.loads(resources.files("cheatl10n").joinpath("status.schema.json").read_text())
    jsonschema.validate(data, schema)
    ru = data["languages"]["ru"]
    lists = next(page for page in ru["pages"] if page["page"] == "docs/builtin/en/lists.md")
    assert lists["catalog"] == "locales/ru/builtin/lists.po"
    assert lists["strings"] == {
        "total": 4,
        "translated": 2,
        "fuzzy": 1,
        "untranslated": 1,
        "missing": 0,
        "obsolete": 0,
        "nothing_to_translate": 0,
    }
    # words: "Lists" 1, "A list keeps its items in order." 7, "adds one item" 3 (code aside),
    # "takes the last one" 4
    assert lists["words"] == {"total": 15, "translated": 8, "fuzzy": 4, "untranslated": 3, "missing": 0}
    assert lists["percent"] == 50.0
    sets = next(page for page in ru["pages"] if page["page"] == "docs/builtin/en/sets.md")
    assert sets["strings"]["missing"] == 1
    assert ru["totals"]["strings"]["total"] == 7
    assert data["languages"]["de"]["totals"]["strings"]["translated"] == 0


def test_json_is_stable(site: Path) -> None:
    first = run_cli("status", "--format", "json", cwd=site).stdout
    assert run_cli("status", "--format", "json", cwd=site).stdout == first


def test_text_and_markdown(site: Path) -> None:
    text = run_cli("status", "-l", "ru", cwd=site)
    assert text.returncode == 0
    assert (
        "locales/ru/builtin/lists.po: 50.0% (2/4 translated, 1 untranslated, 1 fuzzy, 0 missing, 0 obsolete)"
        in (text.stdout)
    )
    assert "ru: 28.6% of strings" in text.stdout
    markdown = run_cli("-v", "status", "-l", "ru", "--format", "markdown", cwd=site).stdout
    assert "| **ru** | 2/7 | 1 | 3 | 1 | 0 | 8/" in markdown
    assert (
        "\n### ru: every page\n\n- `locales/ru/builtin/lists.po`: 50.0% (2/4 translated, 1 untranslated"
        in (markdown)
    )


def test_badges(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "badges"
    assert run_cli("status", "--badges", str(out), cwd=site).returncode == 0
    ru = (out / "ru.svg").read_text(encoding="utf-8")
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in ru
    assert ">29%</text>" in ru and ">ru</text>" in ru
    assert "#c62828" not in ru and "#ef6c00" in ru  # 29% is between 25 and 50: orange
    assert "#c62828" in (out / "de.svg").read_text(encoding="utf-8")  # nothing translated: red


def test_badge_renders_in_a_headless_browser(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "badges"
    assert run_cli("status", "--badges", str(out), cwd=site).returncode == 0
    html = tmp_path / "page.html"
    html.write_text(
        f'<html><body style="margin:0"><img src="{out / "ru.svg"}"></body></html>', encoding="utf-8"
    )
    pixels = png_pixels(chromium_screenshot(html, tmp_path, (200, 40)))
    assert (0xEF, 0x6C, 0x00) in pixels  # the badge's orange (29% translated)
    assert (0x55, 0x55, 0x55) in pixels  # the grey behind the language code
