"""Translation memory: a new entry whose msgid another page already translates starts from that.

The python-cheatsheet repeats many strings across pages ("Relevant links",
quiz prompts, titles). When ``extract`` creates an entry without a translation
and the same (msgctxt, msgid) is translated in another catalog of the same
language, the translation is copied in, marked fuzzy for review, with a
``#. memory: builtin/iter.po`` note naming where it came from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import polib

Key = tuple[str | None, str]


def read_memory(
    sources: Iterable[tuple[str, Path]], wanted: set[Key], parse: Callable[[Path, str], polib.POFile]
) -> dict[Key, tuple[str, str]]:
    """The first translation of each wanted key, with the catalog it came from, in source order."""
    found: dict[Key, tuple[str, str]] = {}
    # A catalog is parsed only if it holds the start of a wanted msgid as gettext writes it
    # (the first 24 characters always sit on one line): most catalogs are only read.
    needles = {_needle(msgid) for _context, msgid in wanted}
    for relative, file in sources:
        if len(found) == len(wanted):
            break
        try:
            data = file.read_bytes()
        except OSError:
            continue
        if not any(needle in data for needle in needles):
            continue
        for entry in parse(file, relative):
            key = (entry.msgctxt, entry.msgid)
            if key in wanted and key not in found and entry.msgstr and not entry.fuzzy and not entry.obsolete:
                found[key] = (entry.msgstr, relative)
    return found


def _needle(msgid: str) -> bytes:
    escaped = msgid[:24].replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return escaped.split("\n", 1)[0].encode("utf-8")


def short_name(relative: str, pattern: str, lang: str) -> str:
    """A catalog's path below its language folder: ``locales/ru/builtin/iter.po`` → ``builtin/iter.po``.

    >>> short_name("locales/ru/builtin/iter.po", "locales/{lang}/{section}/{name}.po", "ru")
    'builtin/iter.po'
    """
    head = pattern.split("{lang}", 1)[0] + lang + "/"
    return relative[len(head) :] if "{lang}/" in pattern and relative.startswith(head) else relative


def fill_from_memory(
    po: polib.POFile,
    found: dict[Key, tuple[str, str]],
    relative: str,
    keys: set[Key],
    pattern: str,
    lang: str,
) -> int:
    """Fill the entries of ``keys`` that are still empty; how many were filled."""
    filled = 0
    for entry in po:
        key = (entry.msgctxt, entry.msgid)
        if key not in keys or key not in found or entry.msgstr or entry.obsolete:
            continue
        msgstr, origin = found[key]
        if origin == relative:
            continue
        entry.msgstr = msgstr
        if "fuzzy" not in entry.flags:
            entry.flags.insert(0, "fuzzy")
        note = f"memory: {short_name(origin, pattern, lang)}"
        entry.comment = f"{entry.comment}\n{note}" if entry.comment else note
        filled += 1
    return filled
