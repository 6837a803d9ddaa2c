"""Shared fixtures: the shared corpus beside the repo, temporary sites, CLI runners."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "python-cheatsheet"
SPEC = SHARED / "corpus" / "commonmark-spec" / "examples.json"

SITE_CONFIG = """\
source_language = "en"
languages = ["ru", "de"]
pages = "docs/{section}/{lang}/{name}.md"
catalogs = "locales/{lang}/{section}/{name}.po"
frontmatter_keys = ["title", "description"]
"""


def corpus_pages(lang: str = "en") -> list[Path]:
    """The corpus pages of one language, sorted; empty when the corpus is absent."""
    return sorted((CORPUS / "docs").glob(f"*/{lang}/*.md")) if CORPUS.is_dir() else []


@pytest.fixture
def corpus() -> Path:
    """The python-cheatsheet corpus in ../shared; skips the test where it is absent."""
    if not (CORPUS / "docs").is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture
def spec_examples() -> Path:
    if not SPEC.is_file():
        pytest.skip(f"CommonMark examples not found at {SPEC}")
    return SPEC


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    """Lay out a site in a temp folder: ``make_site({"docs/builtin/en/a.md": "..."})``."""

    def make(files: dict[str, str | bytes], config: str = SITE_CONFIG) -> Path:
        root = tmp_path / "site"
        root.mkdir(exist_ok=True)
        (root / "cheatl10n.toml").write_text(config, encoding="utf-8")
        for relative, content in files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_bytes(content.encode("utf-8"))
        return root

    return make


@pytest.fixture
def corpus_site(tmp_path: Path, corpus: Path) -> Callable[..., Path]:
    """A copy of the corpus's English pages (and optionally its translations) as a site."""

    def make(langs: tuple[str, ...] = ("en",), config: str = SITE_CONFIG) -> Path:
        root = tmp_path / "corpus-site"
        for page in sorted((corpus / "docs").glob("*/*/*.md")):
            section, lang = page.parent.parent.name, page.parent.name
            if lang in langs:
                target = root / "docs" / section / lang / page.name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(page, target)
        (root / "cheatl10n.toml").write_text(config, encoding="utf-8")
        return root

    return make


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m cheatl10n`` for real, as a user would."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "cheatl10n", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under ``root`` with its SHA-256, to prove nothing changed."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def require_tool(name: str) -> str:
    """The path of a gettext tool, or skip the test where it is not installed."""
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (Debian package gettext)")
    return found
