"""Helpers shared by the tests: the corpus, site configs, segmenting and rendering, case files, CLI runs."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest

from cheatl10n.model import Segments
from cheatl10n.pages.segment import SegmentOptions, segment_page
from cheatl10n.pages.source import decode_source
from cheatl10n.translate.render import render_page

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "python-cheatsheet"
SPEC = SHARED / "corpus" / "commonmark-spec" / "examples.json"

CORPUS_KEYS = ("title", "description", "labUrl")
"""The frontmatter keys the corpus translates."""


def site_config(
    languages: tuple[str, ...] = ("ru", "de"),
    frontmatter_keys: tuple[str, ...] = ("title", "description"),
    code_comments: bool | None = None,
) -> str:
    """A ``cheatl10n.toml`` for the corpus layout (``docs/{section}/{lang}/{name}.md``)."""
    lines = [
        'source_language = "en"',
        f"languages = {json.dumps(list(languages))}",
        'pages = "docs/{section}/{lang}/{name}.md"',
        'catalogs = "locales/{lang}/{section}/{name}.po"',
        f"frontmatter_keys = {json.dumps(list(frontmatter_keys))}",
    ]
    if code_comments is not None:
        lines.append(f"code_comments = {str(code_comments).lower()}")
    return "\n".join(lines) + "\n"


SITE_CONFIG = site_config()


def require_corpus() -> Path:
    """The corpus's ``docs`` folder; skips the test where the shared corpus is absent."""
    if not (CORPUS / "docs").is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return CORPUS / "docs"


def copy_corpus(root: Path, langs: tuple[str, ...] = ("en", "ru", "de")) -> Path:
    """The corpus pages of ``langs`` laid out under ``root/docs`` (``{section}/{lang}/{name}.md``)."""
    docs = require_corpus()
    for page in sorted(docs.glob("*/*/*.md")):
        if page.parent.name in langs:
            target = root / "docs" / page.relative_to(docs)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(page, target)
    return root


def finding_kind(message: str) -> str:
    """The kind of an ``import`` report finding, without its quoted text: ``layout differs``,
    ``markup differs, imported as fuzzy``, ``frontmatter key 'layout'``."""
    if message.startswith("frontmatter key"):
        return message.split(" only")[0].split(" differs")[0]
    return message.split(":")[0].split(" (")[0]


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


def segment(page: str, code_comments: bool = False, **options: Any) -> Segments:
    """``page`` (text, written as UTF-8 to ``page.md``) cut into literals and slots."""
    source = decode_source(page.encode("utf-8"), Path("page.md"))
    return segment_page(source, SegmentOptions(code_comments=code_comments, **options))


def slots(page: str, code_comments: bool = False, **options: Any) -> list[tuple[str, str]]:
    """The (kind, msgid) of each slot of ``page``."""
    return [(slot.label, slot.msgid) for slot in segment(page, code_comments, **options).slots]


def slot_lines(page: str, **options: Any) -> list[tuple[str, int, str]]:
    """The (kind, line, msgid) of each slot of ``page``."""
    return [(slot.label, slot.line, slot.msgid) for slot in segment(page, **options).slots]


def spans_text(page: str) -> list[list[str]]:
    """The text under each span of each slot of ``page``."""
    return [[page[span.start : span.end] for span in slot.spans] for slot in segment(page).slots]


def render(page: str, table: dict[str, str], code_comments: bool = False, **options: Any) -> str:
    """``page`` with each slot whose msgid is in ``table`` translated."""
    return render_page(segment(page, code_comments, **options), lambda slot: table.get(slot.msgid))


@dataclass(frozen=True)
class Case:
    """One case of a ``.cases`` file: a page, and what segmenting and rendering it must give."""

    title: str
    line: int
    options: dict[str, Any]
    page: str = ""
    slots: list[tuple[Any, ...]] | None = None
    translations: dict[str, str] = field(default_factory=dict)
    output: str | None = None


CR = "\u240d"
"""Written where a page or an output holds a carriage return (U+240D, SYMBOL FOR CARRIAGE RETURN)."""


def read_cases(path: Path) -> list[Any]:
    """The cases of a ``.cases`` file, as pytest params named by their titles.

    Each case starts with ``=== title`` (optionally followed by SegmentOptions as a
    JSON object) and then the page, up to the first section line: ``--- slots`` (one
    JSON array per slot: ``[kind, msgid]`` or ``[kind, line, msgid]``), ``---
    translations`` (one JSON array ``[msgid, msgstr]`` a line) and ``--- output`` (the
    page as rendered with those translations). A carriage return in a page or an
    output is written as U+240D. One blank line before a section line or the next
    case separates them and is not part of the text. Lines before the first case
    are comments.
    """
    cases: list[Case] = []
    section, lines = "", list[str]()

    def close(number: int) -> None:
        if lines and lines[-1] == "\n":  # the blank line that separates two cases
            lines.pop()
        if section:
            cases[-1] = replace(cases[-1], **{section: _section(section, "".join(lines), path, number)})

    text = path.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        marker = line.rstrip("\n")
        if marker.startswith("=== ") and marker[4:].strip():
            close(number)
            title, brace, written = marker[4:].partition(" {")
            loaded = json.loads(brace.strip() + written) if brace else {}
            tupled = {
                key: tuple(value) if isinstance(value, list) else value for key, value in loaded.items()
            }
            cases.append(Case(title.strip(), number, tupled))
            section, lines = "page", []
        elif marker in ("--- slots", "--- translations", "--- output") and cases:
            close(number)
            section, lines = marker[4:].strip(), []
        else:
            lines.append(line.replace(CR, "\r"))
    close(len(text.splitlines()) + 1)
    return [pytest.param(case, id=case.title.replace(" ", "-")) for case in cases]


def _section(name: str, text: str, path: Path, number: int) -> Any:
    if name in ("page", "output"):
        return text
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    if name == "slots":
        return [tuple(row) for row in rows]
    if name == "translations":
        return dict(rows)
    raise ValueError(f"{path}:{number}: unknown section {name!r}")


def check_case(case: Case) -> None:
    """Segment and render ``case.page`` and compare with what the case expects."""
    assert case.slots is not None or case.output is not None, f"line {case.line}: the case expects nothing"
    segments = segment(case.page, **case.options)
    if case.slots is not None:
        pairs = all(len(expected) == 2 for expected in case.slots)
        found = [
            (slot.label, slot.msgid) if pairs else (slot.label, slot.line, slot.msgid)
            for slot in segments.slots
        ]
        assert found == case.slots
    if case.output is not None:
        assert render_page(segments, lambda slot: case.translations.get(slot.msgid)) == case.output


def chromium_screenshot(html: Path, work: Path, size: tuple[int, int]) -> bytes:
    """A PNG of ``html`` rendered by Debian's headless chromium; skips where it is not installed."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    shot = work / "screenshot.png"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={work / 'chromium-profile'}", "--hide-scrollbars",
         f"--screenshot={shot}", f"--window-size={size[0]},{size[1]}", html.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return shot.read_bytes()


def png_pixels(data: bytes) -> set[tuple[int, int, int]]:
    """The RGB colours of an 8-bit RGB or RGBA PNG, decoded with the standard library."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    position, chunks, header = 8, b"", b""
    while position < len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        kind, body = data[position + 4 : position + 8], data[position + 8 : position + 8 + length]
        header = body if kind == b"IHDR" else header
        chunks += body if kind == b"IDAT" else b""
        position += 12 + length
    width, height = int.from_bytes(header[0:4], "big"), int.from_bytes(header[4:8], "big")
    assert header[8] == 8 and header[9] in (2, 6), "8-bit RGB or RGBA expected"
    step = 3 if header[9] == 2 else 4
    raw, stride = zlib.decompress(chunks), width * step
    previous, colours = bytearray(stride), set()
    for row in range(height):
        kind, line = (
            raw[row * (stride + 1)],
            bytearray(raw[row * (stride + 1) + 1 : (row + 1) * (stride + 1)]),
        )
        for i in range(stride):
            left = line[i - step] if i >= step else 0
            up, corner = previous[i], previous[i - step] if i >= step else 0
            predictor = (0, left, up, (left + up) // 2, _paeth(left, up, corner))[kind]
            line[i] = (line[i] + predictor) & 0xFF
        colours.update(tuple(line[i : i + 3]) for i in range(0, stride, step))
        previous = line
    return colours  # type: ignore[return-value]


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)
