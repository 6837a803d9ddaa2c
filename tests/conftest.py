"""Shared fixtures: the corpus beside the repo, temporary sites."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from support import CORPUS, SITE_CONFIG, SPEC


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


# Hypothesis profiles for tests/property: ``ci`` by default, ``--hypothesis-profile=long``
# for a long run. Registered here, in the conftest pytest loads first, because the
# hypothesis plugin loads the chosen profile before it reads the conftests of subfolders.
settings.register_profile(
    "ci",
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile("long", settings.get_profile("ci"), max_examples=1500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
