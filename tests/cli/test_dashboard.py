"""status --html DIR: a static dashboard, checked as text and as a headless Chromium screenshot."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest

from cheatl10n.po.write import dump_po

from support import chromium_screenshot, png_pixels, run_cli, tree_digest

GREEN, RED, TRACK = (0x2E, 0x7D, 0x32), (0xC6, 0x28, 0x28), (0xE0, 0xE0, 0xE0)


@pytest.fixture
def site(make_site: Callable[..., Path]) -> Path:
    """ru: builtin fully translated (4 strings), modules 1 of 5: 5/9 in all."""
    root = make_site(
        {
            "docs/builtin/en/abs.md": "# Absolute value\n\nReturns the absolute value.\n",
            "docs/builtin/en/len.md": "# Length\n\nCounts the items.\n",
            "docs/modules/en/json.md": (
                "# JSON files\n\nReads and writes JSON.\n\n- Load a file.\n- Dump a file.\n- Pretty print.\n"
            ),
        }
    )
    assert run_cli("extract", cwd=root).returncode == 0
    for name, done in {
        "abs": {"Absolute value": "Модуль", "Returns the absolute value.": "Возвращает модуль."},
        "len": {"Length": "Длина", "Counts the items.": "Считает элементы."},
        "json": {"JSON files": "Файлы JSON"},
    }.items():
        path = next(root.glob(f"locales/ru/*/{name}.po"))
        po = polib.pofile(str(path))
        for msgid, msgstr in done.items():
            po.find(msgid).msgstr = msgstr
        path.write_bytes(dump_po(po))
    return root


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_the_dashboard_names_every_stale_string_at_its_catalog_line(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    before = tree_digest(site)
    result = run_cli("status", "-l", "ru", "--html", str(out), cwd=site)
    assert result.returncode == 0, result.stderr
    assert tree_digest(site) == before  # the site itself is untouched
    page = (out / "index.html").read_text(encoding="utf-8")
    parser = _Text()
    parser.feed(page)
    text = " ".join(" ".join(parser.text).split())
    assert "ru 55.6% · 5/9 strings" in text
    assert "builtin 100.0% · 4/4 strings" in text and "modules 20.0% · 1/5 strings" in text
    catalog = (site / "locales/ru/modules/json.po").read_text(encoding="utf-8").splitlines()
    line = catalog.index('msgid "Reads and writes JSON."') + 1
    assert f"untranslated: locales/ru/modules/json.po:{line} Reads and writes JSON." in text
    assert "locales/ru/builtin" not in text  # nothing stale there
    assert "<script" not in page and "http" not in page.replace("http-equiv", "")  # nothing to fetch


def test_the_dashboard_renders_in_chromium_with_its_colours(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    assert run_cli("status", "-l", "ru", "--html", str(out), cwd=site).returncode == 0
    pixels = png_pixels(chromium_screenshot(out / "index.html", tmp_path, (900, 500)))
    assert GREEN in pixels  # builtin: 100%
    assert RED in pixels  # modules: 20%
    assert TRACK in pixels  # the empty part of a bar
    assert (0xF9, 0xA8, 0x25) in pixels  # ru as a whole, 55.6%: the badges' yellow


def test_the_dashboard_folder_is_written_whole(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "nested" / "site-status"
    assert run_cli("status", "--html", str(out), cwd=site).returncode == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 id="ru">ru</h2>.*<h2 id="de">de</h2>', page, re.S)
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]
