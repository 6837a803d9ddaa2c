"""Incremental and parallel work: unchanged pages are not parsed, output is the same for any --jobs."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from cheatl10n.po.write import dump_po

from support import SITE_CONFIG, numbered_pages, run_cli, tree_digest


def test_no_change_extract_parses_nothing_and_an_edit_parses_one_page(make_site: Callable[..., Path]) -> None:
    root = make_site(numbered_pages(20))
    assert "20 pages, 60 catalogs, 60 changed" in run_cli("extract", cwd=root).stdout
    before = tree_digest(root)
    again = run_cli("-v", "extract", cwd=root)
    assert "0 changed" in again.stdout
    assert tree_digest(root) == before
    page = root / "docs/builtin/en/page07.md"
    page.write_text(page.read_text() + "\nOne more sentence.\n", encoding="utf-8")
    edited = run_cli("-v", "extract", cwd=root)
    assert sorted(line for line in edited.stdout.splitlines() if line.startswith("updated")) == [
        "updated locales/de/builtin/page07.po",
        "updated locales/ru/builtin/page07.po",
        "updated locales/templates/builtin/page07.pot",
    ]


def test_a_translators_edit_to_a_catalog_is_read_again(make_site: Callable[..., Path]) -> None:
    root = make_site(numbered_pages(2))
    assert run_cli("extract", cwd=root).returncode == 0
    catalog = root / "locales/ru/builtin/page01.po"
    catalog.write_text(catalog.read_text() + '\nmsgid "broken\n', encoding="utf-8")
    result = run_cli("extract", cwd=root)
    assert result.returncode == 1
    assert "locales/ru/builtin/page01.po:" in result.stderr and "syntax error" in result.stderr


@pytest.mark.parametrize("jobs", ["1", "2", "default"])
def test_any_number_of_jobs_writes_the_same_bytes(
    make_site: Callable[..., Path], tmp_path: Path, jobs: str
) -> None:
    # The default project name is the site folder's: name it, the copy lives elsewhere.
    reference = make_site(numbered_pages(40), config=SITE_CONFIG + 'project = "same"\n')
    assert run_cli("extract", "--jobs", "1", cwd=reference).returncode == 0
    parallel = tmp_path / f"parallel-{jobs}"
    shutil.copytree(reference, parallel, ignore=shutil.ignore_patterns("locales"))
    option = [] if jobs == "default" else ["--jobs", jobs]  # default: the pool started before click
    result = run_cli("extract", *option, cwd=parallel)
    assert result.returncode == 0
    assert tree_digest(parallel) == tree_digest(reference)
    assert run_cli("build", "--all", "--jobs", "1", "--force", cwd=reference).returncode == 0
    assert run_cli("build", "--all", *option, "--force", cwd=parallel).returncode == 0
    assert tree_digest(parallel) == tree_digest(reference)


@pytest.mark.parametrize("jobs", [["--jobs", "2"], []], ids=["2", "default"])
def test_one_clear_error_when_a_worker_fails(make_site: Callable[..., Path], jobs: list[str]) -> None:
    files = numbered_pages(40)
    files["docs/builtin/en/page13.md"] = "---\ntitle: [broken\n---\n"
    root = make_site(files)
    before = tree_digest(root)
    result = run_cli("extract", *jobs, cwd=root)

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "docs/builtin/en/page13.md:2: error: frontmatter is not valid YAML: "
        "expected ',' or ']', but got '<stream end>'"
    ]
    assert tree_digest(root) == before  # nothing written, no temp file left


def test_build_skips_unchanged_pages_and_force_gives_the_same_bytes(make_site: Callable[..., Path]) -> None:
    root = make_site(numbered_pages(3))
    assert run_cli("extract", "-l", "ru", cwd=root).returncode == 0
    catalog = root / "locales/ru/builtin/page01.po"
    po = polib.pofile(str(catalog))
    po.find("Heading 1").msgstr = "Заголовок 1"
    catalog.write_bytes(dump_po(po))
    first = run_cli("build", "-l", "ru", cwd=root)
    assert "ru: 3 pages (3 written)" in first.stdout
    built = tree_digest(root)
    second = run_cli("build", "-l", "ru", cwd=root)
    assert "ru: 3 pages (0 written)" in second.stdout
    assert second.stdout.replace("(0 written)", "(3 written)") == first.stdout  # same report from the cache
    out = root / "docs/builtin/ru/page01.md"
    out.write_text("hand edit\n", encoding="utf-8")  # a page edited by hand is named and left
    edited = run_cli("build", "-l", "ru", cwd=root)
    assert edited.returncode == 3 and "ru: 3 pages (0 written)" in edited.stdout
    named = "docs/builtin/ru/page01.md:1: error: left as it is: edited since cheatl10n built it"
    assert named in edited.stderr
    assert out.read_text(encoding="utf-8") == "hand edit\n"
    assert run_cli("build", "-l", "ru", "--force", cwd=root).returncode == 0
    assert tree_digest(root) == built
    assert "# Заголовок 1" in out.read_text(encoding="utf-8")


def test_translation_memory_fills_new_entries_from_other_pages(make_site: Callable[..., Path]) -> None:
    root = make_site({"docs/builtin/en/a.md": "# Relevant links\n\nOnly in a.\n"})
    assert run_cli("extract", "-l", "ru", cwd=root).returncode == 0
    catalog = root / "locales/ru/builtin/a.po"
    po = polib.pofile(str(catalog))
    po.find("Relevant links").msgstr = "Полезные ссылки"
    catalog.write_bytes(dump_po(po))
    (root / "docs/builtin/en/b.md").write_text("# Relevant links\n\nOnly in b.\n", encoding="utf-8")
    result = run_cli("extract", "-l", "ru", cwd=root)
    assert "1 filled from translation memory" in result.stdout
    entry = polib.pofile(str(root / "locales/ru/builtin/b.po")).find("Relevant links")
    assert entry.msgstr == "Полезные ссылки" and entry.fuzzy
    assert "memory: builtin/a.po" in entry.comment
    (root / "docs/builtin/en/c.md").write_text("# Relevant links\n", encoding="utf-8")
    assert run_cli("extract", "-l", "ru", "--no-memory", cwd=root).returncode == 0
    assert polib.pofile(str(root / "locales/ru/builtin/c.po")).find("Relevant links").msgstr == ""


def test_memory_hits_on_the_corpus_after_import(corpus_site: Callable[..., Path]) -> None:
    """How many entries translation memory fills on the corpus once ru is imported (closing-note figure)."""
    root = corpus_site(langs=("en", "ru"))
    assert run_cli("import", "-l", "ru", cwd=root).returncode in (0, 3)
    # A new page made of two existing pages' headings: its entries are new to its catalog.
    page = root / "docs/builtin/en/zz-new.md"
    page.write_text("# Relevant links\n\n## Example\n\n## Introduction\n", encoding="utf-8")
    result = run_cli("extract", "-l", "ru", cwd=root)
    print(result.stdout)
    assert "3 filled from translation memory" in result.stdout
