"""Translation memory: a new entry whose msgid another page already translates starts from that.

The python-cheatsheet repeats many strings across pages ("Relevant links",
quiz prompts, titles). When ``extract`` creates an entry without a translation
and the same (msgctxt, msgid) is translated in another catalog of the same
language, the translation is copied in, marked fuzzy for review, with a
``#. memory: builtin/iter.po`` note naming where it came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

import polib

Key = tuple[str | None, str]


def read_memory(
    sources: Iterable[tuple[str, Path]], wanted: set[Key], parse: Callable[[Path, str], polib.POFile]
) -> dict[Key, tuple[str, str]]:
    """The first translation of each wanted key, with the catalog it came from, in source order."""
    found: dict[Key, tuple[str, str]] = {}
    # A catalog is parsed only if it holds every word of some wanted msgid: most
    # catalogs are only read.
    needles = {_needles(msgid) for _context, msgid in wanted}
    for relative, file in sources:
        if len(found) == len(wanted):
            break
        try:
            data = file.read_bytes()
        except OSError:
            continue
        if not any(words[0] in data and all(word in data for word in words[1:]) for words in needles):
            continue
        for entry in parse(file, relative):
            key = (entry.msgctxt, entry.msgid)
            if key in wanted and key not in found and entry.msgstr and not entry.fuzzy and not entry.obsolete:
                found[key] = (entry.msgstr, relative)
    return found


_WORD = re.compile(r"[A-Za-z0-9]{3,}")


def _needles(msgid: str) -> tuple[bytes, ...]:
    """Byte strings that a catalog holding ``msgid`` must contain, the most telling first.

    gettext wraps lines only at Unicode line-break opportunities, and there is none
    inside a run of ASCII letters and digits (UAX #14, LB23 and LB28), so each such
    word of the msgid appears whole in the file. A msgid without one needs no
    filter: it only costs a parse.
    """
    words = sorted(set(_WORD.findall(msgid)), key=lambda word: (-len(word), word))
    return tuple(word.encode("ascii") for word in words[:8]) or (b"",)


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
