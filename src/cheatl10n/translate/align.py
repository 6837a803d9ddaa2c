"""Pair the slots of a source page with those of its hand-translated page, by structure.

Both pages go through the same segmenter. Slots are compared by kind, place in
the block tree (heading level, table column, list depth) and the markup that a
translation mostly keeps (code spans, link targets, HTML elements, as markdown-it
reads them); difflib aligns the two sequences, so a split paragraph or an added
note only disturbs its own neighbourhood. Inside a stretch that differs, slots of
the same kind and place are still paired, flagged as having different markup.
Pairing only decides which text is offered for which msgid: whether the offer is
used is the gate's call (``translate.gate``), as for every other translation.
"""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from cheatl10n.model import Slot
from cheatl10n.pages.site import inline_markup, normalize_link
from cheatl10n.translate.describe import unlocalize
from cheatl10n.translate.digest import read_html


@dataclass(frozen=True, slots=True)
class Pair:
    source: Slot
    translated: Slot
    markup_differs: bool


@dataclass(slots=True)
class Alignment:
    pairs: list[Pair] = field(default_factory=list)
    source_only: list[Slot] = field(default_factory=list)
    translated_only: list[Slot] = field(default_factory=list)


def _coarse(slot: Slot) -> tuple[str, str]:
    return (slot.label, slot.place)


def markup_signature(text: str, translatable: tuple[str, ...], lang: str) -> Hashable:
    """Order-free identity of the markup of ``text``: code spans, link targets and HTML elements.

    Only a hint for pairing (translators mostly keep code spans, so they tell list
    items apart); whether a translation is used is the gate's call. Link targets
    count as the same when one only adds ``lang`` as a path segment (``/ru/blog/x``
    for ``/blog/x``): translators localize addresses.
    """
    if not any(mark in text for mark in "<[`"):
        return ((), (), ())  # no link, image, code span or tag can be written without them
    links, code, html = inline_markup(text)
    digest = read_html(html, translatable)
    targets = sorted(unlocalize(normalize_link(target), lang) for target in [*links, *digest.targets])
    return (tuple(sorted(code)), tuple(targets), tuple(sorted(digest.elements.elements())))


def _fine(slot: Slot, translatable: tuple[str, ...], lang: str) -> Hashable:
    return (slot.label, slot.place, markup_signature(slot.msgid, translatable, lang))


def _opcodes(left: Sequence[Hashable], right: Sequence[Hashable]) -> Sequence[tuple[str, int, int, int, int]]:
    return difflib.SequenceMatcher(None, left, right, autojunk=False).get_opcodes()


def align_slots(
    source: Sequence[Slot], translated: Sequence[Slot], translatable: tuple[str, ...] = (), lang: str = ""
) -> Alignment:
    """Pair ``source`` slots with ``translated`` slots; what cannot be paired is listed."""
    result = Alignment()
    fine_left = [_fine(slot, translatable, lang) for slot in source]
    fine_right = [_fine(slot, translatable, lang) for slot in translated]
    for tag, i1, i2, j1, j2 in _opcodes(fine_left, fine_right):
        if tag == "equal":
            result.pairs.extend(
                Pair(s, t, False) for s, t in zip(source[i1:i2], translated[j1:j2], strict=True)
            )
            continue
        left, right = source[i1:i2], translated[j1:j2]
        for inner, a1, a2, b1, b2 in _opcodes([_coarse(s) for s in left], [_coarse(t) for t in right]):
            if inner == "equal":
                result.pairs.extend(Pair(s, t, True) for s, t in zip(left[a1:a2], right[b1:b2], strict=True))
            else:
                result.source_only.extend(left[a1:a2])
                result.translated_only.extend(right[b1:b2])
    return result
