"""The record of the last extract (.cheatl10n/extract.record): a run with nothing to do reads
almost nothing, and no change to a page, a catalog, the config or the folders goes unseen."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cheatl10n.config import Page
from cheatl10n.runtime.record import RECORD, read_record

from support import SITE_CONFIG, numbered_pages, run_cli, tree_digest

PARSERS = ("markdown_it", "yaml", "polib", "babel")


def imported_modules(root: Path, *args: str) -> tuple[str, set[str]]:
    """Run the CLI with Python's import log; its stdout and the top-level modules it imported."""
    result = run_cli(*args, cwd=root, env={**os.environ, "PYTHONPROFILEIMPORTTIME": "1"})
    assert result.returncode == 0, result.stderr
    names = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return result.stdout, names


def test_a_run_with_nothing_to_do_loads_no_parser(make_site: Callable[..., Path]) -> None:
    root = make_site(numbered_pages(3))
    first, loaded = imported_modules(root, "extract")
    assert "3 pages, 9 catalogs, 9 changed" in first
    assert set(PARSERS) <= loaded  # the import log does see them when they load
    before = tree_digest(root)
    again, loaded = imported_modules(root, "extract")
    assert again.strip() == "3 pages, 9 catalogs, 0 changed"
    assert not set(PARSERS) & loaded
    assert tree_digest(root) == before
    check, loaded = imported_modules(root, "extract", "--check")
    assert check.strip() == "3 pages, 9 catalogs, 0 would change" and not set(PARSERS) & loaded


def test_an_edit_that_keeps_the_size_and_the_mtime_is_seen(make_site: Callable[..., Path]) -> None:
    root = make_site(numbered_pages(3))
    assert run_cli("extract", cwd=root).returncode == 0
    page = root / "docs/builtin/en/page01.md"
    status = page.stat()
    page.write_text(page.read_text().replace("Text of", "Text on"), encoding="utf-8")
    os.utime(page, ns=(status.st_atime_ns, status.st_mtime_ns))  # as a tool that keeps mtimes would
    assert page.stat().st_size == status.st_size and page.stat().st_mtime_ns == status.st_mtime_ns
    result = run_cli("extract", cwd=root)
    assert "3 changed" in result.stdout
    assert 'msgid "Text on page 1."' in (root / "locales/ru/builtin/page01.po").read_text()


def test_a_touched_page_is_checked_by_its_content(make_site: Callable[..., Path]) -> None:
    root = make_site(numbered_pages(3))
    assert run_cli("extract", cwd=root).returncode == 0
    page = root / "docs/builtin/en/page02.md"
    status = page.stat()
    os.utime(page, ns=(status.st_atime_ns, status.st_mtime_ns))  # a new ctime, the same bytes
    again, loaded = imported_modules(root, "extract")
    assert "0 changed" in again and not set(PARSERS) & loaded


def test_a_record_older_than_its_files_trusts_none_of_them(make_site: Callable[..., Path]) -> None:
    root = make_site(numbered_pages(3))
    assert run_cli("extract", cwd=root).returncode == 0
    record = read_record(root)
    assert record is not None and len(record.unchanged(root)) == 3
    os.utime(root / RECORD, ns=(0, 0))  # as if every file had changed in the record's clock tick
    stale = read_record(root)
    assert stale is not None and stale.unchanged(root) == {}
    again, loaded = imported_modules(root, "extract")
    assert "0 changed" in again and "polib" in loaded  # the full check ran, and found nothing to do


def test_added_removed_and_edited_files_are_seen(make_site: Callable[..., Path]) -> None:
    root = make_site(numbered_pages(3))
    assert run_cli("extract", cwd=root).returncode == 0
    (root / "docs/builtin/en/new.md").write_text("# New page\n", encoding="utf-8")
    assert "4 pages, 12 catalogs, 3 changed" in run_cli("extract", cwd=root).stdout
    (root / "locales/de/builtin/page00.po").unlink()
    assert "4 pages, 12 catalogs, 1 changed" in run_cli("extract", cwd=root).stdout
    assert (root / "locales/de/builtin/page00.po").is_file()
    catalog = root / "locales/ru/builtin/page00.po"
    catalog.write_text(catalog.read_text().replace('msgstr ""\n\n#', 'msgstr "Заголовок"\n\n#', 1))
    result = run_cli("extract", cwd=root)
    assert "4 pages, 12 catalogs, 0 changed" in result.stdout  # a saved translation is not rewritten
    assert "Заголовок" in catalog.read_text()
    (root / "docs/builtin/en/new.md").unlink()
    assert "3 pages, 9 catalogs, 0 changed" in run_cli("extract", cwd=root).stdout


def test_other_settings_or_options_are_not_answered_from_the_record(make_site: Callable[..., Path]) -> None:
    root = make_site(numbered_pages(2))
    assert run_cli("extract", cwd=root).returncode == 0
    just_ru, loaded = imported_modules(root, "extract", "--lang", "ru")
    assert "2 pages, 4 catalogs, 0 changed" in just_ru and "polib" in loaded
    config = SITE_CONFIG.replace('["title", "description"]', '["description"]')
    (root / "cheatl10n.toml").write_text(config, encoding="utf-8")
    fewer_keys = run_cli("extract", cwd=root)
    assert "2 pages, 6 catalogs, 6 changed" in fewer_keys.stdout
    catalog = (root / "locales/de/builtin/page00.po").read_text()
    assert 'msgid "Page 0"' not in catalog  # gone from the page and never translated: dropped


def test_a_broken_record_is_ignored_and_written_again(make_site: Callable[..., Path]) -> None:
    root = make_site(numbered_pages(2))
    assert run_cli("extract", cwd=root).returncode == 0
    good = (root / RECORD).read_bytes()
    for broken in (good[: len(good) // 2], good.replace(b"page\t", b"page\tx\t", 1), b"\xff\n", b""):
        (root / RECORD).write_bytes(broken)
        assert read_record(root) is None
        result = run_cli("extract", cwd=root)
        assert result.returncode == 0 and "0 changed" in result.stdout
        record = read_record(root)
        assert record is not None
        assert [page.source for page in record.pages] == [
            "docs/builtin/en/page00.md",
            "docs/builtin/en/page01.md",
        ]


def test_a_killed_runs_temp_file_is_removed_when_nothing_changed(make_site: Callable[..., Path]) -> None:
    root = make_site(numbered_pages(2))
    assert run_cli("extract", cwd=root).returncode == 0
    stray = root / "locales/ru/builtin/.page00.po.cheatl10n-tmp-99999"
    stray.write_bytes(b"half a catalog")
    result = run_cli("extract", cwd=root)
    assert result.returncode == 0 and "0 changed" in result.stdout
    assert not stray.exists()


def test_the_forms_a_hook_uses_are_answered_before_click_loads(make_site: Callable[..., Path]) -> None:
    root = make_site(numbered_pages(2))
    assert run_cli("extract", cwd=root).returncode == 0
    quiet, loaded = imported_modules(root, "--quiet", "extract", "--exit-code")
    assert quiet == "" and "click" not in loaded and not set(PARSERS) & loaded
    config = str(root / "cheatl10n.toml")
    elsewhere, loaded = imported_modules(root.parent, "--config", config, "extract", "--check")
    assert elsewhere.strip() == "2 pages, 6 catalogs, 0 would change" and "click" not in loaded
    # Anything else goes through the full command line, and says the same.
    verbose, loaded = imported_modules(root, "-v", "extract")
    assert verbose.strip() == "2 pages, 6 catalogs, 0 changed" and "click" in loaded
    env = {**os.environ, "CHEATL10N_QUIET": "1", "PYTHONPROFILEIMPORTTIME": "1"}
    from_env = run_cli("extract", cwd=root, env=env)
    assert from_env.returncode == 0 and from_env.stdout == "" and "click" in from_env.stderr


def test_a_page_added_during_a_run_is_seen_by_the_next(
    make_site: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from cheatl10n.config import Config, load_config
    from cheatl10n.jobs import extract as workflow
    from cheatl10n.runtime.record import Request, nothing_to_do, survey

    root = make_site(numbered_pages(2))
    discover = Config.discover

    def discover_then_add(self: Config) -> Iterator[Page]:
        found = list(discover(self))  # the run's pages are found; then a writer adds one
        (root / "docs/builtin/en/late.md").write_text("# Late page\n", encoding="utf-8")
        yield from found

    monkeypatch.setattr(Config, "discover", discover_then_add)
    workflow.extract(load_config(root / "cheatl10n.toml"), ["ru", "de"], jobs=1)
    monkeypatch.undo()
    found = survey(root / "cheatl10n.toml", Request((), keep_obsolete=True))
    assert found is None or not nothing_to_do(root, found)
    assert "3 pages, 9 catalogs, 3 changed" in run_cli("extract", cwd=root).stdout


def test_translation_memory_skips_recorded_catalogs_that_held_no_translation(
    make_site: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from cheatl10n.config import load_config
    from cheatl10n.jobs import extract as workflow
    from cheatl10n.jobs import memory

    root = make_site(numbered_pages(3))
    assert run_cli("extract", cwd=root).returncode == 0
    record = read_record(root)
    assert record is not None
    held = {path: translated for page in record.pages for path, _sig, translated in page.outputs}
    assert (
        held["locales/ru/builtin/page00.po"] is False
        and held["locales/templates/builtin/page00.pot"] is False
    )
    # Nothing is translated: an edit adding a string reads no other catalog for memory.
    page = root / "docs/builtin/en/page02.md"
    page.write_text(page.read_text() + "\n# Heading 0\n", encoding="utf-8")
    searched: list[str] = []
    read_memory = memory.read_memory

    def spy(sources, wanted, parse):  # type: ignore[no-untyped-def]
        sources = list(sources)
        searched.extend(relative for relative, _file in sources)
        return read_memory(sources, wanted, parse)

    monkeypatch.setattr(memory, "read_memory", spy)
    workflow.extract(load_config(root / "cheatl10n.toml"), ["ru", "de"], jobs=1)
    assert searched == []
    # A translator saves a translation: that catalog is read again, and its translation is used.
    catalog = root / "locales/ru/builtin/page00.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(
        text.replace('msgid "Heading 0"\nmsgstr ""', 'msgid "Heading 0"\nmsgstr "Заголовок 0"')
    )
    page = root / "docs/builtin/en/page01.md"
    page.write_text(page.read_text() + "\n# Heading 0\n", encoding="utf-8")
    workflow.extract(load_config(root / "cheatl10n.toml"), ["ru", "de"], jobs=1)
    # page00 went to the full check, which found its digests unchanged and read neither
    # catalog: both may hold a translation now. No other catalog is searched.
    assert sorted(searched) == ["locales/de/builtin/page00.po", "locales/ru/builtin/page00.po"]
    assert 'msgstr "Заголовок 0"' in (root / "locales/ru/builtin/page01.po").read_text(encoding="utf-8")


def test_hook_form_with_work_gives_the_files_of_the_full_command(
    make_site: Callable[..., Path],
) -> None:
    root = make_site(numbered_pages(18))
    assert run_cli("extract", cwd=root).returncode == 0
    page = root / "docs/builtin/en/page03.md"
    page.write_text(page.read_text() + "\nAn added sentence.\n", encoding="utf-8")
    check = run_cli("extract", "--check", cwd=root)
    assert check.returncode == 3 and check.stdout == "18 pages, 54 catalogs, 3 would change\n"
    assert "error: 3 catalogs are out of date; run 'cheatl10n extract'" in check.stderr
    hook = run_cli("-q", "extract", "--exit-code", cwd=root)
    assert hook.returncode == 3 and hook.stdout == ""
    assert "error: 3 catalogs were updated; add them to the commit" in hook.stderr
    assert 'msgid "An added sentence."' in (root / "locales/ru/builtin/page03.po").read_text()
    # The hook's form and the full command line give the same files.
    hook_tree = tree_digest(root)
    (root / "locales/ru/builtin/page03.po").unlink()
    (root / "locales/de/builtin/page03.po").unlink()
    (root / "locales/templates/builtin/page03.pot").unlink()
    full = run_cli("-v", "extract", cwd=root)
    assert full.returncode == 0 and tree_digest(root) == hook_tree
    # With nothing to do, the plain forms are answered before click loads.
    quiet, loaded = imported_modules(root, "extract")
    assert quiet == "18 pages, 54 catalogs, 0 changed\n" and "click" not in loaded


def test_a_catalog_edited_after_the_survey_is_seen_by_the_next_run(make_site: Callable[..., Path]) -> None:
    from cheatl10n.config import load_config
    from cheatl10n.jobs import extract as workflow
    from cheatl10n.runtime.record import Request, survey

    root = make_site(numbered_pages(3))
    assert run_cli("extract", cwd=root).returncode == 0
    page = root / "docs/builtin/en/page02.md"
    page.write_text(page.read_text() + "\nMore text.\n", encoding="utf-8")
    surveyed = survey(root / "cheatl10n.toml", Request((), keep_obsolete=True))
    assert surveyed is not None and sorted(surveyed[1]) == [
        "docs/builtin/en/page00.md",
        "docs/builtin/en/page01.md",
    ]
    # Between the survey and the run, someone deletes an entry that extract owns.
    catalog = root / "locales/ru/builtin/page01.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgid "Text of page 1."\nmsgstr ""\n', ""), encoding="utf-8")
    config = load_config(root / "cheatl10n.toml")
    result = workflow.extract(config, config.languages, jobs=1, surveyed=surveyed)
    assert sorted(result.changed) == [
        "locales/de/builtin/page02.po",
        "locales/ru/builtin/page02.po",
        "locales/templates/builtin/page02.pot",
    ]
    # The record kept the catalog's old signature: the next run checks it and mends it.
    again = run_cli("extract", cwd=root)
    assert "1 changed" in again.stdout
    assert 'msgid "Text of page 1."' in catalog.read_text(encoding="utf-8")


def test_a_parser_upgrade_segments_every_page_again(make_site: Callable[..., Path]) -> None:
    import markdown_it
    import yaml

    from cheatl10n.config import load_config
    from cheatl10n.jobs import extract as workflow

    root = make_site(numbered_pages(3))
    assert run_cli("extract", cwd=root).returncode == 0
    text = (root / RECORD).read_text(encoding="utf-8")
    recorded = [line.split("\t")[2] for line in text.splitlines() if line.startswith("parser\t")]
    assert markdown_it.__file__ in recorded and yaml.__file__ in recorded
    config = load_config(root / "cheatl10n.toml")
    assert workflow.extract(config, config.languages).parsed == 0
    before = tree_digest(root)
    # What an upgrade looks like to the record: a parser's file is not the one it recorded.
    upgraded = text.replace(f"\t{markdown_it.__file__}\n", f"\t{markdown_it.__file__}.old\n")
    (root / RECORD).write_text(upgraded, encoding="utf-8")
    again, loaded = imported_modules(root, "extract")  # the quick path does not trust the record
    assert "0 changed" in again and "markdown_it" in loaded
    (root / RECORD).write_text(upgraded, encoding="utf-8")
    result = workflow.extract(config, config.languages)
    assert result.parsed == 3  # neither the record nor the catalogs' digests let a page be skipped
    assert result.changed == [] and tree_digest(root) == before  # the same parsers: the same catalogs
    assert workflow.extract(config, config.languages).parsed == 0  # and the new record is trusted


def test_a_parser_upgrade_builds_every_page_again(
    make_site: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from cheatl10n.config import load_config
    from cheatl10n.jobs import build as building

    root = make_site(numbered_pages(3))
    assert run_cli("extract", cwd=root).returncode == 0
    config = load_config(root / "cheatl10n.toml")
    assert all(page.built for page in building.build(config, ["ru"]).pages)
    assert not any(page.built for page in building.build(config, ["ru"]).pages)
    files = building.parser_files()
    monkeypatch.setattr(building, "parser_files", lambda: ((files[0][0], (0, 0, 0, 0)), *files[1:]))
    assert all(page.built for page in building.build(config, ["ru"]).pages)


def test_the_cache_folder_keeps_itself_out_of_git(make_site: Callable[..., Path], tmp_path: Path) -> None:
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = make_site(numbered_pages(2))
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    assert run_cli("extract", cwd=root).returncode == 0
    assert run_cli("build", "--lang", "ru", "--out", str(tmp_path / "out"), cwd=root).returncode == 0
    listed = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=root, capture_output=True, text=True
    )
    assert ".cheatl10n" not in listed.stdout and "locales/ru/builtin/page01.po" in listed.stdout
    assert (root / ".cheatl10n/.gitignore").read_text(encoding="utf-8").endswith("\n*\n")
    assert (tmp_path / "out/.cheatl10n/build.json").is_file()
    assert (tmp_path / "out/.cheatl10n/.gitignore").is_file()
