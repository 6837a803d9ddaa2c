"""Everyday mistakes, refused before anything is written: a language the config does not
list (exit 2, naming the configured ones), and config mistakes reported at their line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from support import run_cli, tree_digest

ONE_LANGUAGE = """\
source_language = "en"
languages = ["ru"]
pages = "docs/{section}/{lang}/{name}.md"
catalogs = "locales/{lang}/{section}/{name}.po"
"""
PAGES = {
    "docs/builtin/en/abs.md": "# abs()\n\nReturns the absolute value of a number.\n",
    "docs/modules/en/json.md": "# JSON\n\nReads and writes JSON.\n",
}


@pytest.fixture
def site(make_site: Callable[..., Path]) -> Path:
    root = make_site(PAGES, ONE_LANGUAGE)
    assert run_cli("extract", cwd=root).returncode == 0
    return root


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["build", "--lang", "fr"], "add it to languages in cheatl10n.toml first"),
        (["build", "--lang", "rus"], "did you mean 'ru'?"),
        (["build", "--lang", "ru_RU"], "did you mean 'ru'?"),
        (["build", "--all", "--lang", "de"], "add it to languages"),
        (["extract", "--lang", "de"], "add it to languages"),
        (["import", "--lang", "fr"], "add it to languages"),
        (["status", "--lang", "ru,fr"], "add it to languages"),
        (["check", "-l", "fr"], "add it to languages"),
    ],
)
def test_an_unconfigured_language_is_a_usage_error_and_writes_nothing(
    site: Path, args: list[str], hint: str
) -> None:
    before = tree_digest(site)
    result = run_cli(*args, cwd=site)
    assert result.returncode == 2, result.stderr
    assert "is not configured (languages: ru)" in result.stderr
    assert hint in result.stderr
    assert tree_digest(site) == before
    assert not (site / "docs/builtin/fr").exists() and not (site / "locales/de").exists()


def test_an_unknown_code_is_a_usage_error_too(site: Path) -> None:
    result = run_cli("build", "--lang", "xx", cwd=site)
    assert result.returncode == 2
    assert "unknown language code 'xx'" in result.stderr


def test_pseudo_locales_need_no_config(site: Path) -> None:
    assert run_cli("pseudo", cwd=site).returncode == 0
    built = run_cli("build", "--lang", "en-XA", cwd=site)
    assert built.returncode == 0, built.stderr
    assert "⟦" in (site / "docs/builtin/en-XA/abs.md").read_text(encoding="utf-8")


def _config_error(make_site: Callable[..., Path], config: str, files: dict[str, str] = PAGES) -> str:
    root = make_site(files, config)
    before = tree_digest(root)
    result = run_cli("extract", cwd=root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert tree_digest(root) == before
    assert not (root / "locales").exists()
    return result.stderr.strip()


def test_a_pages_pattern_that_matches_nothing(make_site: Callable[..., Path]) -> None:
    config = ONE_LANGUAGE.replace("docs/{section}", "doc/{section}")
    assert _config_error(make_site, config) == (
        "cheatl10n.toml:3: error: pages pattern 'doc/{section}/{lang}/{name}.md' matches no 'en' page "
        "(looked under doc/)"
    )


def test_two_pages_mapped_to_one_catalog(make_site: Callable[..., Path]) -> None:
    config = ONE_LANGUAGE.replace("{section}/{name}.po", "{name}.po")
    files = {**PAGES, "docs/modules/en/abs.md": "# The abs module\n\nText.\n"}
    assert _config_error(make_site, config, files) == (
        "cheatl10n.toml:4: error: catalogs pattern maps docs/builtin/en/abs.md and docs/modules/en/abs.md "
        "to one catalog locales/{lang}/abs.po; add {section} to it"
    )


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (
            ONE_LANGUAGE.replace('catalogs = "locales/{lang}/{section}/{name}.po"\n', ""),
            "cheatl10n.toml:3: error: missing setting 'catalogs' (see 'cheatl10n init')",
        ),
        (
            ONE_LANGUAGE.replace("locales/{lang}/", "locales/"),
            "cheatl10n.toml:4: error: catalogs pattern 'locales/{section}/{name}.po' has no {lang} field",
        ),
        (
            ONE_LANGUAGE.replace("{section}/{name}.po", "{section}/{page}.po"),
            "cheatl10n.toml:4: error: catalogs pattern uses {page}, which the pages pattern does not have",
        ),
        (
            ONE_LANGUAGE.replace('["ru"]', '["ru", "en"]'),
            "cheatl10n.toml:2: error: source language 'en' is also listed in languages",
        ),
        (
            ONE_LANGUAGE.replace('["ru"]', '["ru", "xx"]'),
            "cheatl10n.toml:2: error: unknown language code 'xx'",
        ),
    ],
)
def test_config_mistakes_point_at_their_line(
    make_site: Callable[..., Path], config: str, expected: str
) -> None:
    assert _config_error(make_site, config) == expected
