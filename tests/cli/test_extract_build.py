"""extract and build through the real CLI: merging after edits, reports, exit codes."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import polib

from cheatl10n.po.write import dump_po

from support import run_cli, tree_digest

PAGE = """\
---
title: Lists
description: Ordered, changeable collections.
---

# Lists

A list keeps its items in order.

- `append()` adds one item at the end of the list.
- `pop()` removes the last item.

| Method | Effect |
| ------ | ------ |
| `sort()` | Sorts the list in place |
"""

EDITED = """\
---
title: Lists
description: Ordered, changeable collections of items.
---

# Lists

A list keeps its items in order.

- `append()` adds one item at the end of a list.

A brand new paragraph about something else entirely.

| Method | Effect |
| ------ | ------ |
| `sort()` | Sorts the list in place |
"""

RU = {
    "Lists": "Списки",
    "Ordered, changeable collections.": "Упорядоченные изменяемые коллекции.",
    "A list keeps its items in order.": "Список хранит элементы по порядку.",
    "`append()` adds one item at the end of the list.": "`append()` добавляет элемент в конец списка.",
    "`pop()` removes the last item.": "`pop()` удаляет последний элемент.",
    "Method": "Метод",
    "Effect": "Действие",
    "Sorts the list in place": "Сортирует список на месте",
}


def fill(catalog: Path, table: dict[str, str]) -> None:
    po = polib.pofile(str(catalog))
    for entry in po:
        entry.msgstr = table.get(entry.msgid, entry.msgstr)
    catalog.write_bytes(dump_po(po))


def test_re_extract_after_edit_keeps_every_translation(make_site: Callable[..., Path]) -> None:
    root = make_site({"docs/builtin/en/list.md": PAGE})
    assert run_cli("extract", cwd=root).returncode == 0
    catalog = root / "locales/ru/builtin/list.po"
    fill(catalog, RU)
    (root / "docs/builtin/en/list.md").write_text(EDITED, encoding="utf-8")
    result = run_cli("extract", cwd=root)
    assert result.returncode == 0, result.stderr

    po = polib.pofile(str(catalog))
    active = {e.msgid: e for e in po if not e.obsolete}
    obsolete = {e.msgid: e for e in po if e.obsolete}
    # unchanged strings keep their translation
    assert active["A list keeps its items in order."].msgstr == RU["A list keeps its items in order."]
    assert not active["A list keeps its items in order."].fuzzy
    # edited strings become fuzzy with the previous msgid
    edited = active["`append()` adds one item at the end of a list."]
    assert edited.fuzzy and edited.previous_msgid == "`append()` adds one item at the end of the list."
    assert edited.msgstr == RU["`append()` adds one item at the end of the list."]
    description = active["Ordered, changeable collections of items."]
    assert description.fuzzy and description.msgstr == RU["Ordered, changeable collections."]
    # a new unrelated paragraph inherits nothing; the deleted item is obsolete
    assert active["A brand new paragraph about something else entirely."].msgstr == ""
    assert obsolete["`pop()` removes the last item."].msgstr == RU["`pop()` removes the last item."]
    # nothing lost: every msgstr ever written is still somewhere in the catalog
    assert set(RU.values()) <= {entry.msgstr for entry in po}


def test_reflowing_a_paragraph_changes_no_msgid(make_site: Callable[..., Path]) -> None:
    root = make_site({"docs/builtin/en/list.md": PAGE})
    assert run_cli("extract", cwd=root).returncode == 0
    catalog = root / "locales/ru/builtin/list.po"
    fill(catalog, RU)
    before = [(e.msgid, e.msgstr, e.fuzzy, e.obsolete) for e in polib.pofile(str(catalog))]
    reflowed = PAGE.replace("A list keeps its items in order.", "A list keeps\n   its items\nin order.")
    (root / "docs/builtin/en/list.md").write_text(reflowed, encoding="utf-8")
    assert run_cli("extract", cwd=root).returncode == 0
    after = [(e.msgid, e.msgstr, e.fuzzy, e.obsolete) for e in polib.pofile(str(catalog))]
    assert after == before


def test_extract_twice_is_a_fixed_point_and_check_mode(make_site: Callable[..., Path]) -> None:
    root = make_site({"docs/builtin/en/list.md": PAGE})
    first = run_cli("extract", cwd=root)
    assert first.returncode == 0 and "3 changed" in first.stdout  # ru, de and the template
    before = tree_digest(root)
    second = run_cli("extract", cwd=root)
    assert second.returncode == 0 and "0 changed" in second.stdout
    assert tree_digest(root) == before
    assert run_cli("extract", "--check", cwd=root).returncode == 0
    (root / "docs/builtin/en/list.md").write_text(EDITED, encoding="utf-8")
    before = tree_digest(root)
    check = run_cli("extract", "--check", cwd=root)
    assert check.returncode == 3
    assert "3 catalogs are out of date" in check.stderr
    assert tree_digest(root) == before


def test_build_reports_and_fails_on_request(make_site: Callable[..., Path]) -> None:
    root = make_site({"docs/builtin/en/list.md": PAGE})
    assert run_cli("extract", "-l", "ru", cwd=root).returncode == 0
    catalog = root / "locales/ru/builtin/list.po"
    fill(catalog, {k: v for k, v in RU.items() if k != "Effect"})
    po = polib.pofile(str(catalog))
    po.find("Method").flags.append("fuzzy")
    catalog.write_bytes(dump_po(po))
    (root / "docs/builtin/en/list.md").write_text(PAGE + "\nOne more paragraph.\n", encoding="utf-8")

    result = run_cli("build", "--lang", "ru", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "docs/builtin/ru/list.md: 1 untranslated, 1 fuzzy, 1 missing" in result.stdout
    # "Lists" is both the title (msgctxt frontmatter) and the heading: two entries
    assert "ru: 1 page (1 written), 7/10 translated" in result.stdout
    out = (root / "docs/builtin/ru/list.md").read_text(encoding="utf-8")
    assert "| Method | Effect |" in out  # fuzzy and untranslated fall back to the source
    assert "| `sort()` | Сортирует список на месте |" in out
    assert "title: Списки" in out

    fuzzy = run_cli("build", "--lang", "ru", "--use-fuzzy", "--fail-on", "missing", cwd=root)
    assert fuzzy.returncode == 3
    assert fuzzy.stderr.strip() == "cheatl10n: error: 1 missing (--fail-on missing)"
    assert "| Метод | Effect |" in (root / "docs/builtin/ru/list.md").read_text(encoding="utf-8")


def test_build_out_dir_leaves_the_site_alone(make_site: Callable[..., Path], tmp_path: Path) -> None:
    root = make_site({"docs/builtin/en/list.md": PAGE})
    assert run_cli("extract", cwd=root).returncode == 0
    before = tree_digest(root)
    out = tmp_path / "out"
    result = run_cli("build", "--all", "--out", str(out), cwd=root)
    assert result.returncode == 0, result.stderr
    assert tree_digest(root) == before
    assert (out / "docs/builtin/ru/list.md").read_bytes() == (root / "docs/builtin/en/list.md").read_bytes()
    assert (out / "docs/builtin/de/list.md").is_file()


def test_build_needs_a_language(make_site: Callable[..., Path]) -> None:
    root = make_site({"docs/builtin/en/list.md": PAGE})
    result = run_cli("build", cwd=root)
    assert result.returncode == 2
    assert "give a language with --lang, or --all" in result.stderr


def test_rewritten_files_keep_their_permissions_and_new_ones_follow_the_umask(
    make_site: Callable[..., Path],
) -> None:
    root = make_site({"docs/builtin/en/lists.md": PAGE})
    old_mask = os.umask(0o027)  # the CLI runs in a child process, which inherits it
    try:
        assert run_cli("extract", cwd=root).returncode == 0
    finally:
        os.umask(old_mask)
    catalog = root / "locales/ru/builtin/lists.po"
    assert stat.S_IMODE(catalog.stat().st_mode) == 0o640  # 0o666 less the umask
    catalog.chmod(0o604)
    page = root / "docs/builtin/en/lists.md"
    page.write_text(PAGE + "\nOne more sentence.\n", encoding="utf-8")
    assert run_cli("extract", cwd=root).returncode == 0
    assert "One more sentence." in catalog.read_text(encoding="utf-8")
    assert stat.S_IMODE(catalog.stat().st_mode) == 0o604
