"""import: pairing a hand-translated page with its source and filling the catalog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polib

from cheatl10n.po.write import dump_po

from support import run_cli, site_config, tree_digest

SOURCE = """\
---
title: Sets
description: Unordered collections of unique items.
---

# Sets

A set keeps each item once. Use `set()` to make an empty one.

## Methods

- `add(x)` puts one item in.
- `discard(x)` takes it out, if it is there.
- `clear()` empties the set.

| Method | Result |
| --- | --- |
| `a \\| b` | union |
| `a & b` | intersection |
| `a - b` | difference |

See the [Python docs](https://docs.python.org/3/library/stdtypes.html#set).

```python
s = {1, 2}  # a set literal
```

Python 3.12
"""

TRANSLATED = """\
---
title: Множества
description: Неупорядоченные коллекции уникальных элементов.
---

# Множества

Множество хранит каждый элемент один раз. Пустое создаёт `set()`.

## Методы

- `add(x)` добавляет элемент.
- `discard(x)` убирает его, если он есть.
- `clear()` очищает множество.

| Метод | Результат |
| --- | --- |
| `a \\| b` | объединение |
| `a & b` | пересечение |
| `a - b` | разность |

См. [документацию Python](https://docs.python.org/3/library/stdtypes.html#set).

```python
s = {1, 2}  # a set literal
```

Python 3.12
"""


def site(make_site: Callable[..., Path], translated: str) -> Path:
    return make_site({"docs/builtin/en/sets.md": SOURCE, "docs/builtin/ru/sets.md": translated})


def entries(root: Path) -> dict[tuple[str | None, str], polib.POEntry]:
    po = polib.pofile(str(root / "locales/ru/builtin/sets.po"))
    return {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}


def test_import_fills_the_catalog_and_build_gives_back_the_page(make_site: Callable[..., Path]) -> None:
    root = site(make_site, TRANSLATED)
    result = run_cli("import", "--lang", "ru", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 page imported, 1 reproduced by build" in result.stdout
    found = entries(root)
    assert found[(None, "A set keeps each item once. Use `set()` to make an empty one.")].msgstr == (
        "Множество хранит каждый элемент один раз. Пустое создаёт `set()`."
    )
    assert found[("frontmatter", "Sets")].msgstr == "Множества"
    assert found[(None, "union")].msgstr == "объединение"
    # identical text with letters of the source script is left to fall back; the rest imports
    assert found[(None, "Python 3.12")].msgstr == ""
    (root / "docs/builtin/ru/sets.md").unlink()
    assert run_cli("build", "--lang", "ru", cwd=root).returncode == 0
    assert (root / "docs/builtin/ru/sets.md").read_text(encoding="utf-8") == TRANSLATED


def test_second_import_changes_no_byte(make_site: Callable[..., Path]) -> None:
    root = site(make_site, TRANSLATED.replace("/3/library/", "/2/library/"))
    first = run_cli("import", "--lang", "ru", cwd=root)
    assert first.returncode == 3  # a link target changed: the gate refuses it, reported
    before = tree_digest(root)
    second = run_cli("import", "--lang", "ru", cwd=root)
    assert second.returncode == 3
    assert tree_digest(root) == before
    entry = entries(root)[
        (None, "See the [Python docs](https://docs.python.org/3/library/stdtypes.html#set).")
    ]
    assert entry.fuzzy
    assert "import: markup differs" in entry.comment
    assert "markup differs, imported as fuzzy: paragraph" in first.stdout
    # extract keeps the note while the entry is fuzzy: a later import still changes nothing
    assert run_cli("extract", "-l", "ru", cwd=root).returncode == 0
    after = tree_digest(root)
    assert after.pop("locales/templates/builtin/sets.pot")  # the template is new; nothing else changed
    assert after == before


def test_existing_translations_are_never_overwritten(make_site: Callable[..., Path]) -> None:
    root = site(make_site, TRANSLATED)
    assert run_cli("extract", "-l", "ru", cwd=root).returncode == 0
    catalog = root / "locales/ru/builtin/sets.po"
    po = polib.pofile(str(catalog))
    po.find("union").msgstr = "объединение множеств"
    heading = po.find("Methods")
    heading.msgstr = "Функции"
    heading.flags.append("fuzzy")
    catalog.write_bytes(dump_po(po))
    result = run_cli("import", "--lang", "ru", cwd=root)
    assert ", 2 kept," in result.stdout
    found = entries(root)
    assert found[(None, "union")].msgstr == "объединение множеств"
    assert found[(None, "Methods")].msgstr == "Функции" and found[(None, "Methods")].fuzzy
    assert found[(None, "intersection")].msgstr == "пересечение"
    assert run_cli("import", "--lang", "ru", "--overwrite", cwd=root).returncode == 0
    found = entries(root)
    assert found[(None, "union")].msgstr == "объединение"
    assert found[(None, "Methods")].msgstr == "Методы" and not found[(None, "Methods")].fuzzy


def test_dry_run_writes_nothing(make_site: Callable[..., Path]) -> None:
    root = site(make_site, TRANSLATED)
    before = tree_digest(root)
    result = run_cli("import", "--lang", "ru", "--dry-run", cwd=root)
    assert result.returncode == 0
    assert "1 catalog would change" in result.stdout
    assert tree_digest(root) == before


def test_divergent_translation_still_pairs_and_names_each_divergence(make_site: Callable[..., Path]) -> None:
    diverged = (
        TRANSLATED.replace(  # an extra paragraph (a translator's note)
            "## Методы\n",
            "Примечание переводчика: в Python нет синтаксиса для пустого множества.\n\n## Методы\n",
        )
        .replace("- `discard(x)` убирает его, если он есть.\n", "")  # a list item dropped
        .replace(  # two table rows swapped
            "| `a & b` | пересечение |\n| `a - b` | разность |",
            "| `a - b` | разность |\n| `a & b` | пересечение |",
        )
    )
    root = site(make_site, diverged)
    result = run_cli("import", "--lang", "ru", cwd=root)
    assert result.returncode == 3
    report = result.stdout
    src, tr = "docs/builtin/en/sets.md", "docs/builtin/ru/sets.md"
    # each divergence with its line in both pages (the other page's line is the last string
    # paired before it)
    assert f"{src}:8: {tr}:10: only in the translation: paragraph 'Примечание переводчика" in report
    assert f"{src}:13: {tr}:14: only in the source: list item '`discard(x)` takes it out" in report
    assert f"{src}:18: {tr}:20: only in the translation: table cell 'разность'" in report
    assert f"{src}:20: {tr}:21: only in the source: table cell 'difference'" in report
    found = entries(root)
    # everything around the divergences still paired
    assert found[(None, "Methods")].msgstr == "Методы"
    assert found[(None, "`clear()` empties the set.")].msgstr == "`clear()` очищает множество."
    assert found[(None, "intersection")].msgstr == "пересечение"
    assert found[(None, "`discard(x)` takes it out, if it is there.")].msgstr == ""
    assert found[(None, "difference")].msgstr == ""


def test_code_comments_are_imported_when_enabled(make_site: Callable[..., Path]) -> None:
    config = site_config(("ru",), code_comments=True)
    translated = TRANSLATED.replace(
        "s = {1, 2}  # a set literal\n", "s = {1, 2}  # литерал множества\nprint(s)\n"
    )
    root = make_site(
        {"docs/builtin/en/sets.md": SOURCE, "docs/builtin/ru/sets.md": translated}, config=config
    )
    result = run_cli("import", "--lang", "ru", cwd=root)
    assert result.returncode == 3
    assert "docs/builtin/en/sets.md:24: docs/builtin/ru/sets.md:24: code block differs" in result.stdout
    assert entries(root)[(None, "a set literal")].msgstr == "литерал множества"
