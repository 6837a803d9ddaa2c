"""``init`` on real site folders, and adding a language to a site, through the real command line."""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from pathlib import Path

import polib
import pytest

from support import CORPUS, run_cli, tree_digest


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _write(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    return root


def _settings(root: Path) -> dict[str, object]:
    return tomllib.loads((root / "cheatl10n.toml").read_text(encoding="utf-8"))


def test_init_on_the_corpus_layout_with_one_more_language(tmp_path: Path) -> None:
    if not (CORPUS / "docs").is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    shutil.copytree(CORPUS / "docs", tmp_path / "docs")
    _ok(run_cli("init", "--lang", "pt-BR", cwd=tmp_path))
    settings = _settings(tmp_path)
    assert settings["languages"] == ["de", "pt-BR", "ru"]
    assert settings["pages"] == "docs/{section}/{lang}/{name}.md"
    assert settings["catalogs"] == "locales/{lang}/{section}/{name}.po"


def test_one_section_is_a_field_not_a_folder_name(tmp_path: Path) -> None:
    _write(tmp_path, {"docs/builtin/en/a.md": "# A\n", "docs/builtin/ru/a.md": "# А\n"})
    _ok(run_cli("init", cwd=tmp_path))
    assert _settings(tmp_path)["pages"] == "docs/{section}/{lang}/{name}.md"
    _write(tmp_path, {"docs/modules/en/b.md": "# B\n\nText.\n"})  # a second section, no new config
    assert "2 pages" in _ok(run_cli("extract", cwd=tmp_path))


def test_suffix_layout_takes_the_bare_pages_for_the_source(tmp_path: Path) -> None:
    site = _write(
        tmp_path,
        {
            "README.md": "# Read me\n",
            "docs/index.md": "# Home\n\nWelcome to the site.\n",
            "docs/index.ru.md": "# Главная\n\nДобро пожаловать на сайт.\n",
            "docs/guide/start.md": "# Start\n\nInstall it first.\n",
            "docs/guide/start.ru.md": "# Начало\n\nСначала установите.\n",
            "docs/guide/extra.md": "# Extra\n",
        },
    )
    out = _ok(run_cli("init", cwd=site))
    assert "source en, languages ru" in out
    settings = _settings(site)
    assert settings["source_language"] == "en" and settings["languages"] == ["ru"]
    assert settings["pages"] == "docs/{path}.{lang}.md"
    assert settings["source_pages"] == "docs/{path}.md"
    assert "3 pages, 6 catalogs" in _ok(run_cli("extract", cwd=site))
    assert sorted(p.relative_to(site).as_posix() for p in (site / "locales/ru").rglob("*.po")) == [
        "locales/ru/guide/extra.po",
        "locales/ru/guide/start.po",
        "locales/ru/index.po",
    ]
    imported = run_cli("import", "--lang", "ru", cwd=site)
    assert "2 pages imported, 2 reproduced by build" in imported.stdout, imported.stdout + imported.stderr
    entry = polib.pofile(str(site / "locales/ru/index.po")).find("Welcome to the site.")
    assert entry is not None and entry.msgstr == "Добро пожаловать на сайт."
    before = (site / "docs/index.ru.md").read_bytes()
    _ok(run_cli("build", "--lang", "ru", cwd=site))
    assert (site / "docs/index.ru.md").read_bytes() == before
    assert (site / "docs/guide/extra.ru.md").read_text(encoding="utf-8") == "# Extra\n"


def test_suffix_layout_with_another_source_language(tmp_path: Path) -> None:
    site = _write(tmp_path, {"docs/a.md": "# Hallo\n", "docs/a.en.md": "# Hello\n"})
    _ok(run_cli("init", "--source", "de", cwd=site))
    settings = _settings(site)
    assert settings["source_language"] == "de" and settings["languages"] == ["en"]


def test_an_english_only_site_gets_a_usable_config(tmp_path: Path) -> None:
    site = _write(
        tmp_path,
        {"README.md": "# Read me\n", "docs/index.md": "# Home\n\nWelcome.\n", "docs/guide/a.md": "# Guide\n"},
    )
    out = _ok(run_cli("init", cwd=site))
    assert "languages none yet" in out
    settings = _settings(site)
    assert settings["languages"] == []
    assert settings["source_pages"] == "docs/{path}.md" and settings["pages"] == "docs/{lang}/{path}.md"
    assert "2 pages" in _ok(run_cli("extract", cwd=site))
    _ok(run_cli("init", "--lang", "ru", cwd=site))
    _ok(run_cli("build", "--lang", "ru", cwd=site))
    assert (site / "docs/ru/index.md").read_text(encoding="utf-8") == "# Home\n\nWelcome.\n"
    assert (site / "docs/ru/guide/a.md").is_file()
    # the built pages are never taken for source pages
    assert "2 pages, 4 catalogs, 0 changed" in _ok(run_cli("extract", cwd=site))


def test_adding_a_language_keeps_the_config_and_starts_catalogs_from_the_templates(tmp_path: Path) -> None:
    site = _write(tmp_path, {"docs/builtin/en/a.md": "# A\n\nSome text.\n", "docs/builtin/ru/a.md": "# А\n"})
    _ok(run_cli("init", cwd=site))
    config = site / "cheatl10n.toml"
    config.write_text(config.read_text(encoding="utf-8") + "# my own note\n", encoding="utf-8")
    _ok(run_cli("extract", cwd=site))
    before = config.read_text(encoding="utf-8")
    out = _ok(run_cli("init", "--lang", "pt-BR", cwd=site))
    assert "added pt-BR" in out
    after = config.read_text(encoding="utf-8")
    assert after == before.replace('languages = ["ru"]', 'languages = ["ru", "pt-BR"]')
    catalog = polib.pofile(str(site / "locales/pt-BR/builtin/a.po"))
    template = polib.pofile(str(site / "locales/templates/builtin/a.pot"))
    assert [(e.msgid, e.occurrences) for e in catalog] == [(e.msgid, e.occurrences) for e in template]
    assert catalog.metadata["Language"] == "pt_BR"
    assert "already configured" in _ok(run_cli("init", "--lang", "ru", cwd=site))


def test_adding_the_source_language_writes_nothing(tmp_path: Path) -> None:
    site = _write(tmp_path, {"docs/builtin/en/a.md": "# A\n", "docs/builtin/ru/a.md": "# А\n"})
    _ok(run_cli("init", cwd=site))
    before = tree_digest(site)
    result = run_cli("init", "--lang", "en", cwd=site)
    assert result.returncode == 1
    assert "cheatl10n.toml: error: 'en' is the source language" in result.stderr
    assert tree_digest(site) == before
