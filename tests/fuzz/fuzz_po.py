"""Fuzz the catalog path: bytes -> parse_catalog -> dump_po, and merge_catalog on what was read.

Not part of the test suite (it needs atheris, ``pip install atheris``); run it by hand::

    python tests/fuzz/fuzz_po.py -max_total_time=600 -timeout=10 SEED_DIR...
    python tests/fuzz/fuzz_po.py --keep-going -max_total_time=600 SEED_DIR...

``--keep-going`` saves each distinct failure in ``tests/fuzz/crashers/`` as
``po-<signature>.bin`` (see ``fuzz_segmenter.py``). What counts as a failure is
``check_catalog``: ``tests/unit/test_fuzz_regressions.py`` replays every saved input
through it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib
from babel import Locale

from cheatl10n.errors import Cheatl10nError
from cheatl10n.po.merge import Message, merge_catalog
from cheatl10n.po.read import parse_catalog
from cheatl10n.po.write import dump_po

CATALOG = Path("fuzz/page.po")
RU = Locale.parse("ru")


def translations(po: polib.POFile) -> set[str]:
    """Every non-empty msgstr and msgstr[n] of a catalog."""
    found = set()
    for entry in po:
        if entry.msgstr:
            found.add(entry.msgstr)
        found.update(text for text in entry.msgstr_plural.values() if text)
    return found


SKIP_KNOWN = {"on": False}
"""Set by ``--skip-known`` (see fuzz_segmenter.py)."""
UNREADABLE = frozenset(
    chr(c) for c in [0, *range(0x01, 0x08), *range(0x0E, 0x20), 0x7F, 0x85, 0x2028, 0x2029]
)


def known_bug(data: bytes) -> bool:
    """Whether a catalog holds what known bugs are about: control characters, plurals, ``#~|``."""
    text = data.decode("utf-8", "replace")
    return bool(UNREADABLE & set(text)) or "msgid_plural" in text or "msgstr[" in text or "#~|" in text


def check_catalog(data: bytes) -> None:
    """Return quietly, or raise: AssertionError for a broken property, anything else escaped the tool.

    A ``Cheatl10nError`` from ``parse_catalog`` is the tool refusing a bad catalog,
    which is fine. A catalog it accepted must be written back in a form it reads
    again and writes the same way, and merging it with a page (half of its msgids
    still there) must keep every translation it holds.
    """
    try:
        po = parse_catalog(data, CATALOG)
    except Cheatl10nError:
        return
    if SKIP_KNOWN["on"] and known_bug(data):
        return
    written = dump_po(po)
    try:
        back = parse_catalog(written, CATALOG)
    except Cheatl10nError as exc:
        raise AssertionError(f"dump: the tool cannot read the catalog it wrote: {exc}") from exc
    assert dump_po(back) == written, "dump: writing the catalog read back changes it"
    active = [entry for entry in back if not entry.obsolete]
    messages = [
        Message(
            entry.msgid,
            tuple((entry.comment or "paragraph").split("\n")),
            (("page.md", str(number)),),
            entry.msgctxt,
        )
        for number, entry in enumerate(active, 1)
        if number % 2
    ]
    before = translations(back)
    merged = merge_catalog(back, messages, RU, "fuzz", "page.md")
    lost = before - translations(merged)
    assert not lost, f"merge: translations dropped: {sorted(lost)[:3]!r}"
    try:
        parse_catalog(dump_po(merged), CATALOG)
    except Cheatl10nError as exc:
        raise AssertionError(f"merge: the tool cannot read the merged catalog: {exc}") from exc


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import fuzz_segmenter
    from fuzz_segmenter import main

    SKIP_KNOWN["on"] = "--skip-known" in sys.argv
    fuzz_segmenter.SKIP_KNOWN["on"] = False
    main(
        check_catalog,
        "po",
        ("cheatl10n.po.read", "cheatl10n.po.scan", "cheatl10n.po.entries", "cheatl10n.po.write", "polib"),
    )
