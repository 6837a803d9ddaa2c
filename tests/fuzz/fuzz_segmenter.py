"""Fuzz the page path: bytes -> decode_source -> segment_page -> render_page -> the page's catalog.

Not part of the test suite (it needs atheris, ``pip install atheris``); run it by hand::

    python tests/fuzz/fuzz_segmenter.py -max_total_time=600 -timeout=10 SEED_DIR...
    python tests/fuzz/fuzz_segmenter.py --keep-going -max_total_time=600 SEED_DIR...

``--keep-going`` records each distinct failure (exception type and innermost cheatl10n
frame) in ``tests/fuzz/crashers/`` as ``segmenter-<signature>.bin``, keeping the
smallest input seen for it, and goes on fuzzing; without it libFuzzer stops at the
first failure and writes the input where ``-artifact_prefix`` says.
``--skip-known`` stops checking an input once it shows only a known bug (see
``UNREADABLE_IN_PO`` here and ``known_bug`` in fuzz_po.py: bugs of the first runs, fixed
since), so that other bugs behind it are found; ``FUZZ_CRASHERS=DIR`` saves elsewhere.
``--make-seeds DIR`` writes a seed corpus cut from the shared python-cheatsheet pages.

What counts as a failure is ``check_page``: ``tests/unit/test_fuzz_regressions.py``
replays every saved input through it.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import sys
import traceback
from pathlib import Path
from typing import Any

from babel import Locale

from cheatl10n.errors import Cheatl10nError
from cheatl10n.pages.segment import SegmentOptions, segment_page
from cheatl10n.pages.source import decode_source
from cheatl10n.po.merge import merge_catalog, page_messages
from cheatl10n.po.read import parse_catalog
from cheatl10n.po.write import dump_po
from cheatl10n.translate.render import render_page

PAGE = Path("fuzz/page.md")
CATALOG = Path("fuzz/page.po")
RU = Locale.parse("ru")
OPTIONS = (
    SegmentOptions(),
    SegmentOptions(frontmatter_keys=("title", "description", "labUrl"), code_comments=True),
)
CRASHERS = Path(os.environ.get("FUZZ_CRASHERS") or Path(__file__).resolve().parent / "crashers")
PREFIX = "segmenter"
INSTRUMENTED = (
    "cheatl10n.pages.source",
    "cheatl10n.pages.frontmatter",
    "cheatl10n.pages.blocks",
    "cheatl10n.pages.html",
    "cheatl10n.pages.code",
    "cheatl10n.pages.text",
    "cheatl10n.pages.segment",
    "cheatl10n.translate.render",
    "markdown_it",
)
"""Modules whose coverage guides the fuzzer; the PO writer's line breaking is left out (it is slow)."""


UNREADABLE_IN_PO = frozenset(
    chr(c) for c in [0, *range(0x01, 0x08), *range(0x0E, 0x20), 0x7F, 0x85, 0x2028, 0x2029]
)
"""Characters a catalog cannot carry today (known bugs, see test_fuzz_regressions.py)."""
SKIP_KNOWN = {"on": False}
"""With ``--skip-known``, inputs that only show known bugs are not checked further, to find others."""


def mark(text: str) -> str:
    """A translation that differs from ``text`` and still shows it."""
    return f"⟦{text}⟧"


def check_page(data: bytes) -> None:
    """Return quietly, or raise: AssertionError for a broken property, anything else escaped the tool.

    A ``Cheatl10nError`` while reading or segmenting the page is the tool refusing bad
    input, which is fine. Once a page is segmented, nothing may fail: the page renders
    back to itself without translations, renders with every string translated, and
    the catalog ``extract`` would write for it reads back with the same msgids.
    """
    # The options alternate with the input's length: both are fuzzed, each input runs once.
    options = OPTIONS[len(data) % 2]
    try:
        source = decode_source(data, PAGE)
        segments = segment_page(source, options)
    except Cheatl10nError:
        return
    assert render_page(segments, lambda slot: None) == source.text, "identity: no translation"
    assert render_page(segments, lambda slot: slot.msgid) == source.text, "identity: msgid as msgstr"
    render_page(segments, lambda slot: mark(slot.msgid))
    render_page(segments, lambda slot: mark(slot.msgid) + "\nzweite Zeile")
    messages = page_messages(segments, PAGE.as_posix())
    if SKIP_KNOWN["on"] and any(UNREADABLE_IN_PO & set(m.msgid) for m in messages):
        return
    po = merge_catalog(None, messages, RU, "fuzz", PAGE.as_posix())
    for entry in po:
        entry.msgstr = mark(entry.msgid)
    written = dump_po(po)
    try:
        back = parse_catalog(written, CATALOG)
    except Cheatl10nError as exc:
        raise AssertionError(f"catalog: the tool cannot read its own catalog: {exc}") from exc
    found = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in back}
    wanted = {message.key: mark(message.msgid) for message in messages}
    assert found == wanted, "catalog: msgids or msgstrs do not survive dump_po and parse_catalog"
    again = dump_po(merge_catalog(back, messages, RU, "fuzz", PAGE.as_posix()))
    assert again == written, "catalog: a second extract changes the catalog"


def signature(exc: BaseException) -> str:
    """What tells two failures apart: the exception type and the innermost frame of our code."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [frame for frame in frames if "cheatl10n" in frame.filename or "fuzz_" in frame.filename]
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    what = str(exc).split(":")[0] if isinstance(exc, AssertionError) else ""
    return f"{type(exc).__name__}|{where}|{what}"


def record(data: bytes, exc: BaseException, prefix: str, folder: Path = CRASHERS) -> None:
    """Keep the smallest input per failure signature, with its traceback beside it."""
    key = hashlib.sha256(signature(exc).encode()).hexdigest()[:12]
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{prefix}-{key}.bin"
    if target.exists() and len(target.read_bytes()) <= len(data):
        return
    target.write_bytes(data)
    trace = "".join(traceback.format_exception(exc))
    target.with_suffix(".txt").write_text(f"{signature(exc)}\n\n{trace}", encoding="utf-8")
    print(f"\n== new or smaller failure {target.name}: {signature(exc)}", file=sys.stderr, flush=True)


def make_seeds(folder: Path) -> int:
    """Cut the shared corpus pages into seed inputs of about 600 bytes, at blank lines."""
    corpus = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "python-cheatsheet" / "docs"
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for page in sorted(corpus.glob("*/*/*.md")):
        text = page.read_bytes()
        chunks, current = [], b""
        for block in text.split(b"\n\n"):
            current += block + b"\n\n"
            if len(current) > 600:
                chunks.append(current)
                current = b""
        chunks.append(current)
        for number, chunk in enumerate(chunks):
            name = f"{page.parent.parent.name}-{page.parent.name}-{page.stem}-{number}"
            (folder / name).write_bytes(chunk)
            count += 1
    return count


def instrument(atheris: Any, prefixes: tuple[str, ...]) -> int:
    """Instrument the functions of the loaded modules named by ``prefixes``; how many."""
    count = 0
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(prefixes):
            continue
        for value in vars(module).values():
            members = [value]
            if inspect.isclass(value) and value.__module__ == name:
                members = [getattr(member, "__func__", member) for member in vars(value).values()]
            for member in members:
                if inspect.isfunction(member) and member.__module__ == name:
                    atheris.instrument_func(member)
                    count += 1
    return count


def main(check: object = check_page, prefix: str = PREFIX, modules: tuple[str, ...] = INSTRUMENTED) -> None:
    import atheris  # only here: the test suite imports this module without atheris

    args = list(sys.argv)
    if "--make-seeds" in args:
        where = Path(args[args.index("--make-seeds") + 1])
        print(f"{make_seeds(where)} seeds in {where}")
        return
    keep_going = "--keep-going" in args
    if keep_going:
        args.remove("--keep-going")
    if "--skip-known" in args:
        args.remove("--skip-known")
        SKIP_KNOWN["on"] = True
    assert callable(check)

    def one_input(data: bytes) -> None:
        try:
            check(data)
        except Exception as exc:
            if not keep_going:
                raise
            record(data, exc, prefix)

    print(f"instrumented {instrument(atheris, modules)} functions", file=sys.stderr)
    atheris.Setup(args, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
