"""Renamed and deleted pages through the real command line: translations follow, leftovers go."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from cheatl10n.po.write import dump_po

from support import run_cli, tree_digest

CONFIG = """\
source_language = "en"
languages = ["ru"]
pages = "docs/{section}/{lang}/{name}.md"
catalogs = "locales/{lang}/{section}/{name}.po"
"""
ABS = "---\ntitle: abs()\n---\n\n# abs\n\nReturns the absolute value.\n\nWorks on any number.\n"
ALL = "# all\n\nTrue when every item is true.\n"
TRANSLATION = "Возвращает модуль числа."


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _git(root: Path, *args: str) -> None:
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    subprocess.run(
        [git, *args], cwd=root, check=True, capture_output=True, env={**env, "PATH": "/usr/bin:/bin"}
    )


@pytest.fixture
def site(make_site: Callable[..., Path]) -> Path:
    """Two pages, extracted; abs.md has one translation, and both are built."""
    root = make_site({"docs/builtin/en/abs.md": ABS, "docs/builtin/en/all.md": ALL}, CONFIG)
    _ok(run_cli("extract", cwd=root))
    catalog = root / "locales/ru/builtin/abs.po"
    po = polib.pofile(str(catalog))
    entry = po.find("Returns the absolute value.")
    assert entry is not None
    entry.msgstr = TRANSLATION
    catalog.write_bytes(dump_po(po))
    _ok(run_cli("build", "--lang", "ru", cwd=root))
    return root


def _assert_moved(root: Path, old: str, new: str, section: str = "builtin") -> None:
    """The translation is in the new catalog, whose references and header name the new page."""
    old_catalog = root / f"locales/ru/builtin/{old}.po"
    new_catalog = root / f"locales/ru/{section}/{new}.po"
    assert not old_catalog.exists()
    assert not (root / f"locales/templates/builtin/{old}.pot").exists()
    assert not (root / f"docs/builtin/ru/{old}.md").exists()
    assert (root / f"locales/templates/{section}/{new}.pot").is_file()
    po = polib.pofile(str(new_catalog))
    entry = po.find("Returns the absolute value.")
    assert entry is not None and entry.msgstr == TRANSLATION and not entry.fuzzy
    page = f"docs/{section}/en/{new}.md"
    assert {path for e in po for path, _line in e.occurrences} == {page}
    assert po.header.startswith(f"Translations of {page}.")
    template = polib.pofile(str(root / f"locales/templates/{section}/{new}.pot"))
    assert template.header.startswith(f"Template for translating {page}.")
    built = root / f"docs/{section}/ru/{new}.md"
    assert TRANSLATION in built.read_text(encoding="utf-8")


def test_git_mv_keeps_every_translation(site: Path) -> None:
    _git(site, "init", "-q", ".")
    _git(site, "add", "-A")
    _git(site, "commit", "-q", "-m", "site")
    _git(site, "mv", "docs/builtin/en/abs.md", "docs/builtin/en/absolute.md")
    out = _ok(run_cli("extract", cwd=site))
    assert "docs/builtin/en/abs.md to docs/builtin/en/absolute.md (3 files; found by git)" in out
    _assert_moved(site, "abs", "absolute")
    before = tree_digest(site)
    assert "0 changed" in _ok(run_cli("extract", cwd=site))
    assert tree_digest(site) == before
    _ok(run_cli("build", "--lang", "ru", cwd=site))
    doctor = run_cli("doctor", cwd=site)
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr


def test_git_mv_of_a_rewritten_page_is_trusted(site: Path) -> None:
    """git pairs the files even when most strings changed; the old ones go fuzzy or obsolete."""
    _git(site, "init", "-q", ".")
    _git(site, "add", "-A")
    _git(site, "commit", "-q", "-m", "site")
    _git(site, "mv", "docs/builtin/en/abs.md", "docs/builtin/en/absolute.md")
    page = site / "docs/builtin/en/absolute.md"
    page.write_text(ABS + "\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n\nSix.\n", encoding="utf-8")
    _git(site, "add", "docs/builtin/en/absolute.md")
    out = _ok(run_cli("extract", cwd=site))
    assert "found by git" in out
    _assert_moved(site, "abs", "absolute")


def test_a_move_without_git_is_found_by_content(site: Path) -> None:
    target = site / "docs/functions/en/absolute-value.md"
    target.parent.mkdir(parents=True)
    (site / "docs/builtin/en/abs.md").rename(target)
    target.write_text(ABS + "\nA sentence added while moving.\n", encoding="utf-8")
    out = _ok(run_cli("extract", cwd=site))
    assert "to docs/functions/en/absolute-value.md (3 files; found by content)" in out
    _assert_moved(site, "abs", "absolute-value", section="functions")


def test_a_new_page_unlike_the_deleted_one_takes_nothing(site: Path) -> None:
    (site / "docs/builtin/en/abs.md").unlink()
    (site / "docs/builtin/en/any.md").write_text("# any\n\nTrue when some item is true.\n", encoding="utf-8")
    out = _ok(run_cli("extract", cwd=site))
    assert "moved" not in out
    assert (site / "locales/ru/builtin/abs.po").is_file()
    po = polib.pofile(str(site / "locales/ru/builtin/any.po"))
    assert all(not entry.msgstr for entry in po)


def test_extract_check_moves_nothing(site: Path) -> None:
    (site / "docs/builtin/en/abs.md").rename(site / "docs/builtin/en/absolute.md")
    before = tree_digest(site)
    result = run_cli("extract", "--check", cwd=site)
    assert result.returncode == 3
    assert "would move the files of docs/builtin/en/abs.md" in result.stdout
    assert tree_digest(site) == before


def test_a_catalog_moved_by_hand_gets_current_references(site: Path) -> None:
    """Page and catalog moved together, by hand: the references and header follow at once."""
    (site / "docs/builtin/en/abs.md").rename(site / "docs/builtin/en/absolute.md")
    (site / "locales/ru/builtin/abs.po").rename(site / "locales/ru/builtin/absolute.po")
    (site / "locales/templates/builtin/abs.pot").rename(site / "locales/templates/builtin/absolute.pot")
    (site / "docs/builtin/ru/abs.md").rename(site / "docs/builtin/ru/absolute.md")
    out = _ok(run_cli("extract", cwd=site))
    assert "moved" not in out and "2 changed" in out
    _assert_moved(site, "abs", "absolute")


def test_doctor_names_and_fix_removes_a_deleted_pages_leftovers(site: Path) -> None:
    (site / "docs/builtin/en/all.md").unlink()
    (site / "docs/builtin/en/abs.md").unlink()
    (site / "docs/builtin/en/any.md").write_text("# any\n\nTrue when some item is.\n", encoding="utf-8")
    _ok(run_cli("extract", cwd=site))  # any.md is unlike both: it takes none of their files
    found = run_cli("doctor", cwd=site)
    assert found.returncode == 3
    for path in ("docs/builtin/ru/all.md", "docs/builtin/ru/abs.md"):
        assert f"{path}: warning: translated page whose source page is gone" in found.stderr
    for path in (
        "locales/ru/builtin/all.po",
        "locales/templates/builtin/all.pot",
        "locales/ru/builtin/abs.po",
    ):
        assert f"{path}: warning: orphan catalog" in found.stderr
    fixed = run_cli("doctor", "--fix", cwd=site)
    for path in ("docs/builtin/ru/all.md", "docs/builtin/ru/abs.md", "locales/ru/builtin/all.po"):
        assert f"removed {path}" in fixed.stdout
        assert not (site / path).exists()
    # the catalog holding a translation stays until the user deletes it
    assert (site / "locales/ru/builtin/abs.po").is_file()
    assert "locales/ru/builtin/abs.po: warning: kept: holds 1 translation;" in fixed.stderr
    assert fixed.returncode == 3


def test_doctor_fix_keeps_a_hand_translation_build_did_not_write(make_site: Callable[..., Path]) -> None:
    root = make_site({"docs/builtin/en/abs.md": ABS, "docs/builtin/ru/gone.md": "# Ушло\n"}, CONFIG)
    _ok(run_cli("extract", cwd=root))
    fixed = run_cli("doctor", "--fix", cwd=root)
    assert fixed.returncode == 3
    assert "docs/builtin/ru/gone.md: warning: kept: build did not write it" in fixed.stderr
    assert (root / "docs/builtin/ru/gone.md").is_file()
