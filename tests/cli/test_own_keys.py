"""Frontmatter keys that only a translation has (``layout``, ``default_lang_commit``): kept per language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polib
import yaml

from support import run_cli

SOURCE = "---\ntitle: Sets\nweight: 10\n---\n\n# Sets\n\nA set keeps each item once.\n"
TRANSLATED = (
    "---\ntitle: Множества\nweight: 10\nlayout: 'article'\ndefault_lang_commit: 276d7eb3\n"
    "tags:\n  - один\n  - два\n---\n\n# Множества\n\nМножество хранит каждый элемент один раз.\n"
)
OWN = "frontmatter key of this language only"


def _frontmatter(text: str) -> object:
    return yaml.safe_load(text.split("---\n")[1])


def test_import_keeps_own_keys_through_extract_and_a_build_into_an_empty_folder(
    make_site: Callable[..., Path], tmp_path: Path
) -> None:
    site = make_site({"docs/builtin/en/sets.md": SOURCE, "docs/builtin/ru/sets.md": TRANSLATED})
    assert run_cli("import", "--lang", "ru", cwd=site).returncode == 0
    assert run_cli("extract", cwd=site).returncode == 0
    po = polib.pofile(str(site / "locales/ru/builtin/sets.po"))
    own = {entry.msgid: entry.msgstr for entry in po if entry.msgctxt == OWN}
    assert own == {
        "layout": "layout: 'article'",
        "default_lang_commit": "default_lang_commit: 276d7eb3",
        "tags": "tags:\n  - один\n  - два",
    }
    out = tmp_path / "out"
    result = run_cli("build", "--lang", "ru", "--out", str(out), cwd=site)
    assert result.returncode == 0, result.stderr
    built = (out / "docs/builtin/ru/sets.md").read_text(encoding="utf-8")
    assert built == TRANSLATED


def test_own_key_goes_obsolete_when_the_source_gains_it(make_site: Callable[..., Path]) -> None:
    site = make_site({"docs/builtin/en/sets.md": SOURCE, "docs/builtin/ru/sets.md": TRANSLATED})
    assert run_cli("import", "--lang", "ru", cwd=site).returncode == 0
    (site / "docs/builtin/en/sets.md").write_text(SOURCE.replace("weight", "layout: page\nweight"))
    assert run_cli("extract", cwd=site).returncode == 0
    po = polib.pofile(str(site / "locales/ru/builtin/sets.po"))
    assert [(e.msgid, e.obsolete) for e in po if e.msgctxt == OWN and e.msgid == "layout"] == [("layout", 1)]
    assert run_cli("build", "--lang", "ru", cwd=site).returncode == 0
    built = (site / "docs/builtin/ru/sets.md").read_text(encoding="utf-8")
    assert _frontmatter(built)["layout"] == "page"  # type: ignore[index]


def test_an_own_key_that_is_not_frontmatter_is_refused(make_site: Callable[..., Path]) -> None:
    site = make_site({"docs/builtin/en/sets.md": SOURCE, "docs/builtin/ru/sets.md": TRANSLATED})
    assert run_cli("import", "--lang", "ru", cwd=site).returncode == 0
    catalog = site / "locales/ru/builtin/sets.po"
    po = polib.pofile(str(catalog))
    for entry in po:
        if entry.msgctxt == OWN and entry.msgid == "layout":
            entry.msgstr = "layout: [broken"
    po.save(str(catalog))
    result = run_cli("check", "--lang", "ru", cwd=site)
    assert result.returncode != 0
    assert "sets.po:" in result.stdout + result.stderr
    assert "frontmatter key 'layout'" in result.stdout + result.stderr
