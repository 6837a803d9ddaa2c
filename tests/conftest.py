"""Shared fixtures: compiled bytecode for CLI runs, the corpus beside the repo, temporary sites."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from support import CORPUS, REPO, SITE_CONFIG, SPEC, copy_corpus, require_corpus

WARM_UP = """
import compileall, importlib, pkgutil, cheatl10n
compileall.compile_dir(cheatl10n.__path__[0], quiet=1)
for module in pkgutil.walk_packages(cheatl10n.__path__, "cheatl10n."):
    if module.name != "cheatl10n.__main__":
        importlib.import_module(module.name)
"""
"""Compiles the package and imports each module (so what it imports at load time is compiled too)."""


@pytest.fixture(scope="session", autouse=True)
def bytecode_once(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Bytecode written once per session, read by every CLI subprocess after.

    With ``PYTHONDONTWRITEBYTECODE`` set (as in many containers), each ``python -m
    cheatl10n`` would compile the package and its dependencies again. Subprocesses
    instead keep their bytecode under one session folder (``PYTHONPYCACHEPREFIX``,
    so nothing is written into the repository or site-packages), filled here first.
    """
    prefix = tmp_path_factory.mktemp("pycache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYTHONPYCACHEPREFIX", str(prefix))
        patch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
        subprocess.run([sys.executable, "-c", WARM_UP], cwd=REPO, check=True)
        yield prefix


@pytest.fixture
def corpus() -> Path:
    """The python-cheatsheet corpus in ../shared; skips the test where it is absent."""
    require_corpus()
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
        root = copy_corpus(tmp_path / "corpus-site", langs)
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
