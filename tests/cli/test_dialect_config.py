"""The dialect settings through the real command line: init's detection, exclude, bad values."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from support import SITE_CONFIG, run_cli

PAGES = {"docs/builtin/en/a.md": "# A\n\nText.\n", "docs/builtin/en/b.md": "# B\n\nMore.\n"}


def test_excluded_pages_get_no_catalog_and_are_not_counted(make_site: Callable[..., Path]) -> None:
    site = make_site(PAGES, SITE_CONFIG + 'exclude = ["docs/builtin/en/b.md"]\n')
    result = run_cli("extract", cwd=site)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 page,")
    assert (site / "locales/ru/builtin/a.po").is_file()
    assert not (site / "locales/ru/builtin/b.po").exists()


def test_unknown_dialect_is_a_config_error(make_site: Callable[..., Path]) -> None:
    site = make_site(PAGES, SITE_CONFIG + 'dialect = "jekyll"\n')
    result = run_cli("extract", cwd=site)
    assert result.returncode == 1
    assert result.stderr.startswith("cheatl10n.toml:6: error: dialect must be one of")


@pytest.mark.parametrize(
    ("files", "dialect"),
    [
        ({"hugo.toml": "", "content/en/a.md": "A.\n", "content/ja/a.md": "エー。\n"}, "hugo"),
        ({"content/en/a.md": "A.\n", "content/ja/a.md": "エー。\n"}, "hugo"),
        ({"docs/en/mkdocs.yml": "", "docs/en/docs/a.md": "A.\n", "docs/ja/docs/a.md": "エー。\n"}, "mkdocs"),
        ({"docusaurus.config.ts": "", "docs/a.en.md": "A.\n", "docs/a.ja.md": "エー。\n"}, "docusaurus"),
        ({".vitepress/config.ts": "", "docs/en/a.md": "A.\n", "docs/ja/a.md": "エー。\n"}, "vitepress"),
    ],
)
def test_init_detects_the_dialect(tmp_path: Path, files: dict[str, str], dialect: str) -> None:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_cli("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f'\ndialect = "{dialect}"\n' in (tmp_path / "cheatl10n.toml").read_text(encoding="utf-8")
    assert run_cli("extract", cwd=tmp_path).returncode == 0
