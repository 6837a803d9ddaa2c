"""A block the translation writes its own way comes back as published: layout entries.

Real CLI runs on a small site in a temp folder; catalogs are read back with polib,
checked with ``msgfmt -c`` where gettext is installed, and built pages are read
through markdown-it and an HTML parser (``siteview``), never with cheatl10n code.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from siteview import new_things

from support import run_cli

CONFIG = """\
source_language = "en"
languages = ["ru"]
pages = "docs/{section}/{lang}/{name}.md"
catalogs = "locales/{lang}/{section}/{name}.po"
frontmatter_keys = ["title"]
"""
SOURCE = """\
---
title: Sorting
---

<route lang="yaml">
meta:
    layout: article
    title: Sorting
</route>

Two arguments:

1. The first is a list.
1. The second is a key.

| Call | Result |
| ---- | ------ |
| `sorted(x)` | A new list |

Done.
"""
TRANSLATED = """\
---
title: Сортировка
---

<route lang="yaml">
meta:
    layout: "article"
    title: "Сортировка"
</route>

Два аргумента:

1. Первый — это список.
2. Второй — это ключ.

| Вызов | Результат |
| :---- | :-------- |
| `sorted(x)` | Новый список |

Готово.
"""
PAGE_EN, PAGE_RU = "docs/guide/en/sort.md", "docs/guide/ru/sort.md"
CATALOG = "locales/ru/guide/sort.po"


def layouts(root: Path) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(str(root / CATALOG)) if e.msgctxt == "layout"}


def imported(make_site: Callable[..., Path], translated: str = TRANSLATED) -> Path:
    root = make_site({PAGE_EN: SOURCE, PAGE_RU: translated}, config=CONFIG)
    result = run_cli("import", "--lang", "ru", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def test_import_carries_each_block_written_another_way_and_build_gives_the_page_back(
    make_site: Callable[..., Path], tmp_path: Path
) -> None:
    root = imported(make_site)
    found = layouts(root)
    # One entry per block written differently: the route block, the list, the table.
    assert sorted(msgid.split("\n")[0] for msgid in found) == [
        "1. The first is a list.",
        '<route lang="yaml">',
        "| Call | Result |",
    ]
    route = next(entry for msgid, entry in found.items() if msgid.startswith("<route"))
    assert (
        route.msgstr == '<route lang="yaml">\nmeta:\n    layout: "article"\n    title: "Sorting"\n</route>\n'
    )
    assert not route.fuzzy and "block layout" in route.comment
    out = tmp_path / "out"
    assert run_cli("build", "--lang", "ru", "--out", str(out), cwd=root).returncode == 0
    assert (out / PAGE_RU).read_text(encoding="utf-8") == TRANSLATED
    before = (root / CATALOG).read_bytes()
    assert run_cli("extract", cwd=root).returncode == 0
    assert (root / CATALOG).read_bytes() == before  # extract keeps the layouts as they are
    if shutil.which("msgfmt"):
        checked = subprocess.run(
            ["msgfmt", "-c", "-o", "/dev/null", str(root / CATALOG)], capture_output=True
        )
        assert checked.returncode == 0, checked.stderr


def test_a_changed_english_block_drops_its_layout_and_keeps_its_translations(
    make_site: Callable[..., Path], tmp_path: Path
) -> None:
    root = imported(make_site)
    english = (root / PAGE_EN).read_text(encoding="utf-8")
    (root / PAGE_EN).write_text(
        english.replace("1. The second is a key.", "1. The second is a key.\n1. More.")
    )
    assert run_cli("extract", cwd=root).returncode == 0
    entries = polib.pofile(str(root / CATALOG))
    list_layout = [e for e in entries if e.msgctxt == "layout" and "The first" in e.msgid]
    assert len(list_layout) == 1 and list_layout[0].obsolete
    out = tmp_path / "out"
    assert run_cli("build", "--lang", "ru", "--out", str(out), cwd=root).returncode == 0
    built = (out / PAGE_RU).read_text(encoding="utf-8")
    assert "1. Первый — это список.\n1. Второй — это ключ.\n1. More.\n" in built  # the source's numbering
    assert '    title: "Сортировка"' in built  # the other blocks keep theirs


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("2. The second", "2. The <script>alert(1)</script>second"), "layout changes what the block shows"),
        (
            ("2. The second is a key.", "2. The second is a key.\n\n   <img src=x onerror=alert(1)>"),
            "layout changes what the block shows",
        ),
        (("1. The first is a list.", "1. The first is a list, sorted."), "layout changes"),
        (
            ('    title: "Sorting"', '    title: "Sorting"\n    head: evil'),
            "layout changes what the block shows",
        ),
        (("| :---- | :-------- |", "| :---- |"), "layout changes what the block shows"),
    ],
    ids=["script", "handler", "string", "route-key", "table-column"],
)
def test_a_layout_that_changes_what_the_block_says_is_refused(
    make_site: Callable[..., Path], tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    root = imported(make_site)
    catalog = root / CATALOG
    text = catalog.read_text(encoding="utf-8")
    old, new = change
    quoted = polib.escape(old), polib.escape(new)
    assert quoted[0] in text
    head, _, tail = text.rpartition(quoted[0])  # the last: the layout's msgstr, after its msgid
    catalog.write_text(head + quoted[1] + tail, encoding="utf-8")
    result = run_cli("check", "--lang", "ru", cwd=root)
    assert result.returncode != 0
    assert f"{CATALOG}:" in result.stdout + result.stderr and message in result.stdout + result.stderr
    out = tmp_path / "out"
    assert run_cli("build", "--lang", "ru", "--out", str(out), cwd=root).returncode == 3
    built = (out / PAGE_RU).read_text(encoding="utf-8")
    assert new_things(TRANSLATED, built) == []  # nothing the published page lacks
    assert "alert" not in built and "evil" not in built and "sorted." not in built
    assert "Второй — это ключ." in built  # the strings are still translated
