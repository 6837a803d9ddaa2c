"""Shared catalogs (fewer fields in ``catalogs`` than in ``pages``) through the real command line."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import polib

from cheatl10n.po.write import dump_po

from support import SITE_CONFIG, run_cli, tree_digest

PER_SECTION = SITE_CONFIG.replace("{section}/{name}.po", "{section}.po")
PER_LANGUAGE = SITE_CONFIG.replace("{section}/{name}.po", "all.po")
PAGES = {
    "docs/builtin/en/abs.md": "---\ntitle: abs()\n---\n\n# abs\n\nReturns a number.\n\nOnly here.\n",
    "docs/builtin/en/all.md": "# all\n\nReturns a number.\n",
    "docs/modules/en/os.md": "# os\n\nReturns a number.\n",
}


def _translate(catalog: Path, translations: dict[str, str]) -> None:
    po = polib.pofile(str(catalog))
    for entry in po:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
    catalog.write_bytes(dump_po(po))


def test_one_catalog_per_section_holds_every_page(make_site: Callable[..., Path]) -> None:
    root = make_site(PAGES, PER_SECTION)
    result = run_cli("extract", "--lang", "ru", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "3 pages, 4 catalogs, 4 changed" in result.stdout
    po = polib.pofile(str(root / "locales/ru/builtin.po"))
    shared = po.find("Returns a number.")
    assert shared is not None
    assert shared.occurrences == [("docs/builtin/en/abs.md", "7"), ("docs/builtin/en/all.md", "3")]
    assert po.header.startswith("Translations of docs/builtin/en/*.md.")
    assert (root / "locales/templates/builtin.pot").is_file()
    assert not (root / "locales/ru/builtin").exists()
    lines = run_cli("-v", "status", "--lang", "ru", cwd=root).stdout.splitlines()
    assert [line.split(": ")[0] for line in lines[:3]] == [  # a shared catalog's lines name the page
        "locales/ru/builtin.po (docs/builtin/en/abs.md)",
        "locales/ru/builtin.po (docs/builtin/en/all.md)",
        "locales/ru/modules.po",
    ]


def test_a_shared_translation_builds_every_page(make_site: Callable[..., Path]) -> None:
    root = make_site(PAGES, PER_LANGUAGE.replace('["ru", "de"]', '["ru"]'))
    assert run_cli("extract", cwd=root).returncode == 0
    assert sorted(p.name for p in (root / "locales").rglob("*.po*")) == ["all.po", "all.pot"]
    _translate(root / "locales/ru/all.po", {"Returns a number.": "Возвращает число."})
    result = run_cli("build", "--lang", "ru", cwd=root)
    assert result.returncode == 0, result.stderr
    for page in ("builtin/ru/abs.md", "builtin/ru/all.md", "modules/ru/os.md"):
        assert "Возвращает число." in (root / "docs" / page).read_text(encoding="utf-8")
    checked = run_cli("check", cwd=root)
    assert re.search(r"\b1 catalogs?, 1 translations? checked", checked.stdout), checked.stdout


def test_a_removed_page_keeps_its_translations_as_obsolete(make_site: Callable[..., Path]) -> None:
    root = make_site(PAGES, PER_SECTION)
    assert run_cli("extract", "--lang", "ru", cwd=root).returncode == 0
    catalog = root / "locales/ru/builtin.po"
    _translate(catalog, {"Only here.": "Только здесь.", "Returns a number.": "Возвращает число."})
    assert "0 changed" in run_cli("extract", "--lang", "ru", cwd=root).stdout
    (root / "docs/builtin/en/abs.md").unlink()
    result = run_cli("extract", "--lang", "ru", cwd=root)
    assert result.returncode == 0, result.stderr
    po = polib.pofile(str(catalog))
    gone = po.find("Only here.", include_obsolete_entries=True)
    assert gone is not None and gone.obsolete and gone.msgstr == "Только здесь."
    kept = po.find("Returns a number.")
    assert kept is not None and kept.occurrences == [("docs/builtin/en/all.md", "3")]
    status = run_cli("status", "--format", "json", "--lang", "ru", cwd=root)
    assert '"obsolete": 1' in status.stdout  # once, though two pages read the catalog


def test_an_edit_to_one_page_updates_the_shared_catalog(make_site: Callable[..., Path]) -> None:
    root = make_site(PAGES, PER_SECTION)
    assert run_cli("extract", cwd=root).returncode == 0
    before = tree_digest(root)
    assert "0 changed" in run_cli("extract", cwd=root).stdout
    assert tree_digest(root) == before
    page = root / "docs/builtin/en/all.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
    result = run_cli("-v", "extract", cwd=root)
    assert sorted(line for line in result.stdout.splitlines() if line.startswith("updated")) == [
        "updated locales/de/builtin.po",
        "updated locales/ru/builtin.po",
        "updated locales/templates/builtin.pot",
    ]
    assert polib.pofile(str(root / "locales/ru/builtin.po")).find("A new line.") is not None


def test_import_refuses_shared_catalogs(make_site: Callable[..., Path]) -> None:
    root = make_site({**PAGES, "docs/builtin/ru/all.md": "# all\n\nВозвращает число.\n"}, PER_SECTION)
    before = tree_digest(root)
    result = run_cli("import", "--lang", "ru", cwd=root)
    assert result.returncode == 1
    assert "cheatl10n.toml: error: import fills one catalog per page" in result.stderr
    assert tree_digest(root) == before
