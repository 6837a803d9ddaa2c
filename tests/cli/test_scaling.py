"""Time and memory grow at most linearly in the size of every hostile input of issue 19.

Each input is run at 1x, 10x and 100x (100x is the size the issue reported):
the CPU time of the run (``os.wait4`` of the child, so the machine's load does
not count) grows at most 3 times faster than the input from one size to the
next, a run that succeeds takes under 5 s, a run over a documented limit
(docs/limits.md) is refused with ``path:line: error:`` and exit 1 in under a
second, and no run takes more than 500 MB.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest

from support import SITE_CONFIG

pytestmark = pytest.mark.slow

PAGE = "docs/builtin/en/p.md"


def _alias_bomb(levels: int) -> str:
    """The "billion laughs" of YAML: each level holds nine aliases of the one before."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "---\ntitle: Bomb\n" + "\n".join(lines) + "\n---\n\n# Title\n"


PAGES: dict[str, tuple[Callable[[int], str], int]] = {
    # name: (page of size n, n at 100x: the size)
    "backtick line": (lambda n: "# Title\n\nx" + "`" * n + "\n", 10_000),
    "guillemets": (lambda n: "# Title\n\n" + "‹" * n + "\n", 100_000),
    "comment openers in HTML": (lambda n: "<div>\n" + "<!--" * n + "\n</div>\n", 10_000),
    "instruction openers in HTML": (lambda n: "<div>\n" + "<?" * n + "\n</div>\n", 10_000),
    "repeated paragraph": (lambda n: "# Title\n\n" + "The same paragraph.\n\n" * n, 100_000),
    "big page": (lambda n: "# Title\n\n" + "Words of a paragraph of prose text.\n\n" * (n // 38), 50_000_000),
    "wide table": (lambda n: "# T\n\n" + "|a" * n + "|\n" + "|-" * n + "|\n" + "|b" * n + "|\n", 100_000),
    "alias bomb": (lambda n: _alias_bomb(n), 9),  # 542 bytes at nine levels
    "nested frontmatter": (lambda n: "---\ntitle: " + "[" * n + "]" * n + "\n---\n\n# T\n", 1_000),
}


@dataclass
class Run:
    code: int
    cpu: float
    memory_mb: float
    stderr: str


def _run(root: Path, *args: str) -> Run:
    err = root.parent / "stderr.txt"
    with open(err, "wb") as stream:
        process = subprocess.Popen(
            [sys.executable, "-m", "cheatl10n", *args],
            cwd=root,
            env={**os.environ, "NO_COLOR": "1"},
            stdout=subprocess.DEVNULL,
            stderr=stream,
        )
        _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(process.returncode, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, err.read_text())


def _site(tmp_path: Path, name: str, page: str) -> Path:
    root = tmp_path / name
    (root / PAGE).parent.mkdir(parents=True)
    (root / "cheatl10n.toml").write_text(SITE_CONFIG.replace('["ru", "de"]', '["ru"]'))
    (root / PAGE).write_text(page, encoding="utf-8")
    return root


def _sizes(full: int) -> list[int]:
    return [max(1, full // 100), max(1, full // 10), full] if full >= 100 else [1, 3, full]


def _check(runs: list[tuple[int, Run]], label: str) -> None:
    for size, run in runs:
        assert run.memory_mb < 500, f"{label} at {size}: {run.memory_mb:.0f} MB"
        if run.code == 0:
            assert run.cpu < 5, f"{label} at {size}: {run.cpu:.1f} s"
        else:
            assert run.code == 1 and ": error: " in run.stderr and "limit" in run.stderr, run.stderr
            assert run.cpu < 1, f"{label} at {size}: refused after {run.cpu:.1f} s"
    for (small, first), (large, second) in itertools.pairwise(runs):
        assert second.cpu <= 3 * (large / small) * first.cpu, (
            f"{label}: {small} -> {large} took {first.cpu:.2f} s -> {second.cpu:.2f} s"
        )


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_inputs_scale_linearly(name: str, tmp_path: Path) -> None:
    make, full = PAGES[name]
    extracts, builds = [], []
    for size in _sizes(full):
        root = _site(tmp_path, f"{size}", make(size))
        extracts.append((size, _run(root, "extract")))
        builds.append((size, _run(root, "build", "--lang", "ru")))
    _check(extracts, f"extract, {name}")
    _check(builds, f"build, {name}")
    assert any(run.code == 0 for _size, run in extracts), f"{name}: every size refused"


def test_a_long_msgstr_scales_linearly(tmp_path: Path) -> None:
    runs = []
    for size in _sizes(20_000_000):
        root = _site(tmp_path, f"{size}", "# Hello\n\nSome text.\n")
        assert _run(root, "extract").code == 0
        catalog = root / "locales/ru/builtin/p.po"
        po = polib.pofile(str(catalog))
        po[0].msgstr = "Ж" * (size // 2)  # two bytes each
        catalog.write_text(str(po), encoding="utf-8")
        runs.append((size, _run(root, "build", "--lang", "ru")))
    _check(runs, "build, a long msgstr")
    assert runs[0][1].code == 0, runs[0][1].stderr
