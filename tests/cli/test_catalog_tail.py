"""A catalog that ends with a bare comment line keeps its last translation through extract and build."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from support import require_tool, run_cli

PAGE = "# Title\n\nFirst paragraph.\n\nLast paragraph.\n"
CONFIG = (
    'source_language = "en"\nlanguages = ["ru"]\n'
    'pages = "docs/{lang}/{name}.md"\ncatalogs = "locales/{lang}/{name}.po"\n'
)


@pytest.mark.parametrize("tail", ["#.", "#:", "#,"])
def test_last_translation_survives_a_bare_comment_line_at_the_end(tmp_path: Path, tail: str) -> None:
    (tmp_path / "docs/en").mkdir(parents=True)
    (tmp_path / "docs/en/page.md").write_text(PAGE, "utf-8")
    (tmp_path / "cheatl10n.toml").write_text(CONFIG, "utf-8")
    assert run_cli("extract", cwd=tmp_path).returncode == 0
    catalog = tmp_path / "locales/ru/page.po"
    text = catalog.read_text("utf-8")
    assert text.endswith('msgid "Last paragraph."\nmsgstr ""\n')  # the page's last string is the last entry
    # A translator (or a tool) saves the translation with a comment marker left on the last line,
    # which msgfmt accepts.
    catalog.write_text(text[: -len('msgstr ""\n')] + f'msgstr "Последний абзац."\n\n{tail}\n', "utf-8")
    msgfmt = require_tool("msgfmt")
    assert (
        subprocess.run([msgfmt, "-c", "-o", "/dev/null", str(catalog)], capture_output=True).returncode == 0
    )
    assert run_cli("extract", cwd=tmp_path).returncode == 0
    assert 'msgid "Last paragraph."\nmsgstr "Последний абзац."\n' in catalog.read_text("utf-8")
    assert run_cli("build", "--lang", "ru", cwd=tmp_path).returncode == 0
    assert "Последний абзац." in (tmp_path / "docs/ru/page.md").read_text("utf-8")
