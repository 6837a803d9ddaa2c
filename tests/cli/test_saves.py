"""A person's save during a run is never lost; a commit a kill cut short is finished by the next run.

The first test saves a catalog (as an editor would: a new file renamed over it,
or the file rewritten in place) at a random moment while ``extract`` runs on the
corpus. Either the run took the save in (it read the catalog after the save: the
translation is in the file it wrote) or it stops with a message and leaves the
saved bytes alone. The second kills ``extract`` just before it puts the first
template in place, after every catalog: the next run must finish the templates.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from support import SITE_CONFIG, run_cli, tree_digest

ROUNDS = 20
SEED = 20261130


def _edit_pages(root: Path) -> None:
    """A new paragraph on every English page, so that ``extract`` rewrites every catalog."""
    for page in sorted(root.glob("docs/*/en/*.md")):
        page.write_text(page.read_text(encoding="utf-8") + "\nA paragraph added by the test.\n", "utf-8")


def _saved(catalog: Path, marker: str) -> bytes:
    """The catalog with its first entry translated as ``marker``: what the person saves."""
    po = polib.pofile(str(catalog))
    entry = next(e for e in po if not e.obsolete)
    entry.msgstr = marker
    return str(po).encode("utf-8")


def _save(catalog: Path, data: bytes, atomic: bool) -> None:
    if atomic:
        temp = catalog.with_name(catalog.name + ".editor-save")
        temp.write_bytes(data)
        os.replace(temp, catalog)
    else:
        with open(catalog, "r+b") as handle:
            handle.truncate(0)
            handle.write(data)


@pytest.mark.slow
@pytest.mark.corpus
def test_a_save_during_extract_survives(corpus_site: Callable[..., Path], tmp_path: Path) -> None:
    base = corpus_site()
    assert run_cli("extract", cwd=base).returncode == 0
    _edit_pages(base)
    rng = random.Random(SEED)
    catalogs = sorted(base.glob("locales/*/*/*.po"))
    reference = tmp_path / "reference"
    shutil.copytree(base, reference)
    began = time.monotonic()
    assert run_cli("extract", cwd=reference).returncode == 0
    duration = time.monotonic() - began
    outcomes = {"taken in": 0, "refused": 0}
    for number in range(ROUNDS):
        root = tmp_path / f"round{number}"
        shutil.copytree(base, root)
        catalog = root / rng.choice(catalogs).relative_to(base)
        marker = f"Saved by a person in round {number}"
        data = _saved(catalog, marker)
        process = subprocess.Popen(
            [sys.executable, "-m", "cheatl10n", "extract"],
            cwd=root,
            env={**os.environ, "NO_COLOR": "1"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(rng.uniform(0, duration))
        _save(catalog, data, atomic=number % 2 == 0)
        _out, err = process.communicate(timeout=300)
        if process.returncode == 0:
            held = {e.msgstr for e in polib.pofile(str(catalog))}
            assert marker in held, f"round {number}: the save was lost; extract exited 0"
            outcomes["taken in"] += 1
        else:
            assert process.returncode == 1, err
            assert "changed on disk during the run" in err and catalog.name in err, err
            assert catalog.read_bytes() == data, f"round {number}: the run failed but touched the save"
            outcomes["refused"] += 1
        assert not list(root.rglob("*.cheatl10n-tmp-*")), f"round {number}: temp files left"
        shutil.rmtree(root)
    print(f"\nsaves during extract: {outcomes}, a normal run takes {duration:.1f}s")


_KILL_AT_FIRST_TEMPLATE = """
import os, signal
from cheatl10n.runtime import swap
real = swap._renameat2
def killing(source, target, flags):
    if target.suffix == ".pot":
        os.kill(os.getpid(), signal.SIGKILL)
    return real(source, target, flags)
swap._renameat2 = killing
from cheatl10n.cli.main import main
main(["extract"])
"""


def test_a_kill_between_catalogs_and_templates_is_finished(make_site: Callable[..., Path]) -> None:
    """Every catalog in place, no template yet: the next run puts the templates in place first."""
    pages = {f"docs/builtin/en/p{n}.md": f"# Page {n}\n\nText {n}.\n" for n in range(3)}
    root = make_site(pages, SITE_CONFIG + 'project = "saves"\n')  # the same in both folders
    assert run_cli("extract", cwd=root).returncode == 0
    for page in root.glob("docs/builtin/en/*.md"):
        page.write_text(page.read_text() + "\nA new paragraph.\n")
    reference = root.parent / "reference"
    shutil.copytree(root, reference)
    assert run_cli("extract", cwd=reference).returncode == 0
    killed = subprocess.run([sys.executable, "-c", _KILL_AT_FIRST_TEMPLATE], cwd=root, check=False)
    assert killed.returncode == -9
    expected = tree_digest(reference)
    now = tree_digest(root)
    assert [p for p in expected if p.endswith(".po") and now.get(p) != expected[p]] == []
    stale = [p for p in expected if p.endswith(".pot") and now.get(p) != expected[p]]
    assert stale, "the kill came too late: the templates were already in place"
    again = run_cli("extract", cwd=root)
    assert again.returncode == 0, again.stderr
    assert tree_digest(root) == expected
    assert not list(root.rglob("*.cheatl10n-tmp-*")) and not (root / ".cheatl10n/commit.journal").exists()
