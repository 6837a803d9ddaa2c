"""The example site at the repo root (cheatl10n.toml, content/, locales/) works end to end.

The site is copied to a temp folder and driven through the real command line,
the way a new user would try it. Its catalogs are kept on purpose
with exactly one fuzzy and one untranslated entry, both in ru.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import polib
import pytest

from support import REPO, run_cli, tree_digest

CONFIG = REPO / "cheatl10n.toml"
SETTINGS = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
SOURCE = SETTINGS["source_language"]
LANGS = SETTINGS["languages"]
FENCE = re.compile(r"^(`{3,}|~{3,})[^\n]*\n.*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
PROSE_KINDS = {"paragraph", "list item", "blockquote"}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of the example site: config, source pages and catalogs.

    Only the source language's pages are copied: a developer's checkout may hold
    built (git-ignored) translated pages, which the tests must write themselves.
    """
    root = tmp_path / "example"
    root.mkdir()
    shutil.copyfile(CONFIG, root / "cheatl10n.toml")
    shutil.copytree(REPO / "content" / SOURCE, root / "content" / SOURCE)
    shutil.copytree(REPO / "locales", root / "locales")
    return root


def flat(text: str) -> str:
    """Text with every run of whitespace as one space: msgids join a paragraph's lines."""
    return " ".join(text.split())


def source_pages(root: Path) -> list[Path]:
    pages = sorted((root / "content" / SOURCE).rglob("*.md"))
    assert len(pages) >= 3
    return pages


def built(root: Path, page: Path, lang: str) -> Path:
    return root / "content" / lang / page.relative_to(root / "content" / SOURCE)


def catalog(root: Path, page: Path, lang: str) -> polib.POFile:
    relative = page.relative_to(root / "content" / SOURCE).with_suffix(".po")
    return polib.pofile(str(root / "locales" / lang / relative))


def fences(text: str) -> list[str]:
    return [match.group(0) for match in FENCE.finditer(text)]


def entries(root: Path, lang: str) -> list[tuple[Path, polib.POEntry]]:
    return [
        (page, entry)
        for page in source_pages(root)
        for entry in catalog(root, page, lang)
        if not entry.obsolete
    ]


def test_example_catalogs_are_in_sync(site: Path) -> None:
    before = tree_digest(site)
    # One run only: extract re-serializes every catalog, which is the slow part.
    result = run_cli("extract", cwd=site)
    assert result.returncode == 0, result.stderr
    assert re.search(r"\b0 changed\b", result.stdout), result.stdout
    assert tree_digest(site) == before


def test_example_build_ru_falls_back_to_english(site: Path) -> None:
    ru = entries(site, "ru")
    fuzzy = [(page, entry) for page, entry in ru if entry.fuzzy]
    untranslated = [(page, entry) for page, entry in ru if not entry.msgstr]
    assert len(fuzzy) == 1 and len(untranslated) == 1
    assert fuzzy[0][1].msgstr and fuzzy[0][1].previous_msgid

    result = run_cli("build", "--lang", "ru", cwd=site)
    assert result.returncode == 0, result.stderr
    summary = next(line for line in result.stdout.splitlines() if line.startswith("ru:"))
    assert re.search(r"\b1 fuzzy\b", summary), result.stdout
    assert re.search(r"\b1 untranslated\b", summary), result.stdout
    assert not (site / "content" / "de").exists()

    pages = {page: built(site, page, "ru").read_text(encoding="utf-8") for page in source_pages(site)}
    # The fuzzy and the untranslated string show the English source, not the stale translation.
    for page, entry in (*fuzzy, *untranslated):
        assert flat(entry.msgid) in flat(pages[page])
    assert flat(fuzzy[0][1].msgstr) not in flat(pages[fuzzy[0][0]])

    # A few translated strings of different kinds are spliced in place of the English.
    kinds_seen = set()
    for page, entry in ru:
        if entry.fuzzy or not entry.msgstr:
            continue
        assert flat(entry.msgstr) in flat(pages[page]), entry.msgid
        kinds_seen.update(entry.comment.split("\n"))
        if set(entry.comment.split("\n")) & PROSE_KINDS:
            assert flat(entry.msgid) not in flat(pages[page])
    assert {"heading", "paragraph", "list item", "blockquote", "table cell"} <= kinds_seen
    assert "frontmatter: title" in kinds_seen

    for page, text in pages.items():
        english = page.read_text(encoding="utf-8")
        assert fences(text) == fences(english), page
        assert fences(english)
        date = re.search(r"^date: .*$", english, re.MULTILINE)
        assert date and date.group(0) in text.splitlines()


def test_example_fail_on_stale_strings(site: Path) -> None:
    result = run_cli("build", "--lang", "ru", "--fail-on", "fuzzy,untranslated", cwd=site)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "1 fuzzy" in result.stderr and "1 untranslated" in result.stderr


def test_example_build_all_translates_de_fully(site: Path) -> None:
    result = run_cli("build", "--all", cwd=site)
    assert result.returncode == 0, result.stderr
    for lang in LANGS:
        assert re.search(rf"^{lang}: ", result.stdout, re.MULTILINE), result.stdout
    de = entries(site, "de")
    assert de and all(entry.msgstr and not entry.fuzzy for _page, entry in de)
    for page in source_pages(site):
        output = built(site, page, "de")
        assert output.is_file()
        raw = output.read_text(encoding="utf-8")
        text = flat(raw)
        for entry in catalog(site, page, "de"):
            if entry.obsolete:
                continue
            assert flat(entry.msgstr) in text, entry.msgid
            if set(entry.comment.split("\n")) & PROSE_KINDS:
                assert flat(entry.msgid) not in text, entry.msgid
        assert fences(raw) == fences(page.read_text(encoding="utf-8")), page
