"""Helpers shared by the tests: where the shared corpus is, real CLI runs, file digests."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
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


def numbered_pages(count: int) -> dict[str, str]:
    """``count`` small pages (frontmatter title, a heading, a paragraph) for ``make_site``."""
    return {
        f"docs/builtin/en/page{n:02}.md": f"---\ntitle: Page {n}\n---\n\n# Heading {n}\n\nText of page {n}.\n"
        for n in range(count)
    }


RECORD = ".cheatl10n/extract.record"
UNCOUNTED = {RECORD, ".cheatl10n/.gitignore"}


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under ``root`` with its SHA-256, to prove nothing changed.

    Leaves out ``.cheatl10n/extract.record``, the record of stat signatures that
    every writing ``extract`` refreshes (tests/cli/test_state.py tests it), and
    the ``.gitignore`` the first run puts beside it (tests/cli/test_state.py too).
    """
    return {
        relative: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and (relative := path.relative_to(root).as_posix()) not in UNCOUNTED
    }


def require_tool(name: str) -> str:
    """The path of a gettext tool, or skip the test where it is not installed."""
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (Debian package gettext)")
    return found
