"""Acceptance: the python-cheatsheet corpus with one shared catalog per section, through the real CLI.

``catalogs = "locales/{lang}/{section}.po"`` maps the 132 pages to four catalogs
per language (one Weblate component each instead of 132). Checked here: the
catalogs are what gettext's ``msgfmt -c`` accepts; each catalog's ``#:``
references name exactly the pages of its section; an untranslated build gives
back every source page byte for byte; a build with every msgstr set to its
msgid (a complete translation that changes nothing) does too and counts every
string translated; a pseudo-translated build changes every page; a second
extract changes nothing.

Expected values come from the source pages and from gettext's tools (polib
reads the catalogs); nothing expected is computed by cheatl10n.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from cheatl10n.po.write import dump_po

from support import CORPUS, SITE_CONFIG, corpus_pages, require_tool, run_cli, tree_digest

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

PAGES = corpus_pages("en")
SECTIONS = sorted({page.parent.parent.name for page in PAGES})
CONFIG = SITE_CONFIG.replace(
    'catalogs = "locales/{lang}/{section}/{name}.po"', 'catalogs = "locales/{lang}/{section}.po"'
).replace('languages = ["ru", "de"]', 'languages = ["ru"]')
assert CONFIG.count("{section}.po") == 1, "SITE_CONFIG changed: update the catalogs line here"
SUMMARY = re.compile(r"(\d+) pages, (\d+) catalogs, (\d+) changed")


def _lay_out(root: Path) -> None:
    for page in PAGES:
        target = root / "docs" / page.parent.parent.name / "en" / page.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, target)
    (root / "cheatl10n.toml").write_text(CONFIG, encoding="utf-8")


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _fill(root: Path, translate: Callable[[str], str]) -> None:
    for catalog in sorted((root / "locales" / "ru").glob("*.po")):
        po = polib.pofile(str(catalog), wrapwidth=79)
        for entry in po:
            if not entry.obsolete:
                entry.msgstr = translate(entry.msgid)
        catalog.write_bytes(dump_po(po))


def _built_differences(root: Path) -> list[str]:
    return [
        page.name
        for page in PAGES
        if (root / "docs" / page.parent.parent.name / "ru" / page.name).read_bytes() != page.read_bytes()
    ]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not PAGES:
        pytest.skip(f"shared corpus not found at {CORPUS}")
    root = tmp_path_factory.mktemp("shared")
    _lay_out(root)
    first = SUMMARY.search(_ok(run_cli("extract", cwd=root)))
    assert first is not None
    # four sections: one ru catalog and one template each
    assert tuple(map(int, first.groups())) == (len(PAGES), 2 * len(SECTIONS), 2 * len(SECTIONS))
    return root


def test_one_catalog_per_section(site: Path) -> None:
    written = sorted(p.relative_to(site).as_posix() for p in (site / "locales").rglob("*.po*"))
    expected = [f"locales/ru/{s}.po" for s in SECTIONS] + [f"locales/templates/{s}.pot" for s in SECTIONS]
    assert written == sorted(expected)


def test_references_name_every_page_of_the_section(site: Path) -> None:
    for section in SECTIONS:
        po = polib.pofile(str(site / "locales" / "ru" / f"{section}.po"))
        referenced = {path for entry in po for path, _line in entry.occurrences}
        pages = {f"docs/{section}/en/{page.name}" for page in PAGES if page.parent.parent.name == section}
        assert referenced == pages
        msgids = [(entry.msgctxt, entry.msgid) for entry in po]
        assert len(msgids) == len(set(msgids))


def test_gettext_accepts_the_shared_catalogs(site: Path) -> None:
    """``msgfmt -c`` passes (its header-field warnings are about fields extract never sets), and
    ``msgcat`` writes each catalog back unchanged."""
    msgfmt, msgcat = require_tool("msgfmt"), require_tool("msgcat")
    for catalog in sorted((site / "locales").rglob("*.po*")):
        checked = subprocess.run(
            [msgfmt, "-c", "--check-format", "-o", "/dev/null", str(catalog)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert checked.returncode == 0, f"{catalog}: {checked.stderr}"
        canonical = subprocess.run([msgcat, str(catalog)], capture_output=True, check=False)
        assert canonical.returncode == 0 and canonical.stdout == catalog.read_bytes(), catalog


def test_second_extract_changes_nothing(site: Path) -> None:
    before = tree_digest(site)
    summary = SUMMARY.search(_ok(run_cli("extract", cwd=site)))
    assert summary is not None and summary.group(3) == "0"
    assert tree_digest(site) == before


def test_untranslated_build_is_the_source(tmp_path: Path, site: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    out = _ok(run_cli("build", "--lang", "ru", cwd=copy))
    assert f"ru: {len(PAGES)} pages ({len(PAGES)} written), 0/" in out
    assert _built_differences(copy) == []


def test_translated_round_trip(tmp_path: Path, site: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    _fill(copy, lambda msgid: msgid)  # every string translated, to itself
    out = _ok(run_cli("build", "--lang", "ru", cwd=copy))
    totals = re.search(r"ru: \d+ pages \(\d+ written\), (\d+)/(\d+) translated, 0 untranslated", out)
    assert totals is not None, out
    assert totals.group(1) == totals.group(2)
    assert _built_differences(copy) == []
    check = _ok(run_cli("check", cwd=copy))
    assert "0 with errors" in check


def test_pseudo_translated_build_changes_every_page(tmp_path: Path, site: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    _fill(copy, lambda msgid: f"⟦{msgid}⟧")
    _ok(run_cli("build", "--lang", "ru", cwd=copy))
    assert sorted(_built_differences(copy)) == sorted(page.name for page in PAGES)
    for page in PAGES:
        built = (copy / "docs" / page.parent.parent.name / "ru" / page.name).read_text(encoding="utf-8")
        assert built.count("⟦") == built.count("⟧") > 0, page
