"""A string that occurs more than once on a page and is translated two ways: one entry per translation.

A page's repeated msgid has one entry, shared by all its occurrences. When a
translator words one occurrence apart (a heading and a warning title both
"Test of emptiness"), the second and later occurrences can have an entry of
their own, told apart by a msgctxt that names the occurrence
(``occurrence 2``; ``frontmatter, occurrence 2`` for a frontmatter value).
Such an entry exists only when ``import`` found the second wording, or a
translator added it; ``extract`` keeps it while the page has that occurrence,
and ``build`` uses it before the shared entry.

>>> occurrence_context(None, 2), occurrence_context("frontmatter", 3)
('occurrence 2', 'frontmatter, occurrence 3')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TypeVar

from cheatl10n.model import Slot

Key = tuple[str | None, str]
Entry = TypeVar("Entry")
_OCCURRENCE = re.compile(r"(?:^|, )occurrence \d+$")


def occurrence_context(context: str | None, number: int) -> str:
    """The msgctxt of the ``number``-th occurrence of a string whose own msgctxt is ``context``."""
    return f"{context}, occurrence {number}" if context else f"occurrence {number}"


def is_occurrence_key(key: Key) -> bool:
    """Whether a (msgctxt, msgid) names one occurrence of a repeated string."""
    return key[0] is not None and _OCCURRENCE.search(key[0]) is not None


def occurrence_keys(slots: Iterable[Slot]) -> dict[Slot, Key]:
    """The occurrence key of each slot that repeats an earlier slot's key on the page."""
    seen: dict[Key, int] = {}
    found: dict[Slot, Key] = {}
    for slot in slots:
        number = seen.get(slot.key, 0) + 1
        seen[slot.key] = number
        if number > 1:
            found[slot] = (occurrence_context(slot.context, number), slot.msgid)
    return found


def entry_for(slot: Slot, entries: Mapping[Key, Entry], occurrences: Mapping[Slot, Key]) -> Entry | None:
    """The entry for ``slot``: its occurrence's own if the catalog has one, else the shared one."""
    own = occurrences.get(slot)
    if own is not None and own in entries:
        return entries[own]
    return entries.get(slot.key)
