"""No translation is lost through the real CLI: extract, translate, edit the pages, extract again.

Fewer examples than the in-memory properties (each one runs the command several
times). Catalogs are filled with polib and saved by polib, as another tool would.
"""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

import polib
from hypothesis import given, settings
from hypothesis import strategies as st

from cheatl10n.po.read import parse_catalog
from pagegen import edit_page, pages

from support import SITE_CONFIG, run_cli, tree_digest

PAGES = ("docs/builtin/en/one.md", "docs/cheatsheet/en/two.md")
CATALOGS = ("locales/ru/builtin/one.po", "locales/ru/cheatsheet/two.po")


def translations(root: Path) -> set[str]:
    """Every non-empty msgstr of the site's ru catalogs, active, fuzzy or obsolete."""
    found = set()
    for relative in CATALOGS:
        po = parse_catalog((root / relative).read_bytes(), Path(relative))
        found |= {entry.msgstr for entry in po if entry.msgstr}
    return found


def translate(root: Path, counter: itertools.count[int]) -> None:
    """Fill every empty msgstr and confirm every other fuzzy entry (a translator's pass)."""
    for relative in CATALOGS:
        po = polib.pofile(str(root / relative), wrapwidth=79)
        for entry in po:
            if entry.obsolete:
                continue
            if not entry.msgstr:
                entry.msgstr = f"⟪{next(counter)}⟫ перевод"
            elif entry.fuzzy and next(counter) % 2:
                entry.flags.remove("fuzzy")
                entry.previous_msgid = None
                entry.previous_msgctxt = None
        po.save(str(root / relative))


@settings(max_examples=max(3, settings.default.max_examples // 40))
@given(data=st.data(), first=pages(max_blocks=5), second=pages(max_blocks=5), rounds=st.integers(1, 2))
def test_cli_keeps_every_translation(data: st.DataObject, first: str, second: str, rounds: int) -> None:
    counter = itertools.count()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "cheatl10n.toml").write_text(SITE_CONFIG, encoding="utf-8")
        texts = [first, second]
        for relative, text in zip(PAGES, texts, strict=True):
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_bytes(text.encode("utf-8"))
        result = run_cli("extract", cwd=root)
        assert result.returncode == 0, result.stderr
        for _ in range(rounds):
            translate(root, counter)
            written = translations(root)
            for number, relative in enumerate(PAGES):
                texts[number] = data.draw(edit_page(texts[number]), label=relative)
                (root / relative).write_bytes(texts[number].encode("utf-8"))
            result = run_cli("extract", cwd=root)
            assert result.returncode == 0, result.stderr
            lost = written - translations(root)
            assert not lost, f"extract lost translations: {sorted(lost)[:5]}"
            before = tree_digest(root)
            assert run_cli("extract", cwd=root).returncode == 0
            assert tree_digest(root) == before, "a second extract changed files"
        result = run_cli("build", "--lang", "ru", cwd=root)
        assert result.returncode in (0, 3), result.stderr
