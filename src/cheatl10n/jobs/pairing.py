"""``import``: fill a page's catalog from its existing hand translation (po4a's gettextize).

The source page and the translated page are segmented alike and paired by
``align``. Each pair offers a msgstr: an empty msgstr is filled, an existing one
kept unless ``overwrite``; a pair whose markup differs is imported fuzzy with a
``#. import: markup differs`` note; a translation identical to the source is
imported only when it has no letter of the source language's script. The
report says what could not be paired and whether ``build`` now gives back the
translated page.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import polib

from cheatl10n.model import Segments, Slot
from cheatl10n.pages.text import has_prose, prose_letters
from cheatl10n.po.merge import IMPORT_NOTE
from cheatl10n.po.occurrence import occurrence_keys
from cheatl10n.translate.align import Pair, align_slots
from cheatl10n.translate.gate import ERROR, judge_page

_SCRIPT_NAMES = {
    "Latn": "LATIN",
    "Cyrl": "CYRILLIC",
    "Grek": "GREEK",
    "Arab": "ARABIC",
    "Hebr": "HEBREW",
    "Hani": "CJK",
    "Hang": "HANGUL",
    "Deva": "DEVANAGARI",
    "Thai": "THAI",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """Something ``import`` could not carry over, with a place in each page."""

    source_line: int
    translated_line: int
    message: str


@dataclass(slots=True)
class PageImport:
    """What ``import`` did for one page."""

    source: str
    translated: str
    paired: int = 0
    imported: int = 0
    fuzzy: int = 0
    kept: int = 0
    """Pairs whose catalog entry already had a translation (kept unless overwriting)."""
    identical: int = 0
    """Pairs left untranslated because the translation equals the source text."""
    layouts: int = 0
    """Blocks the translation writes its own way, carried as layout entries (``translate.layout``)."""
    findings: list[Finding] = field(default_factory=list)
    reproduced: bool = False
    difference: str = ""
    """Where the rebuilt page first differs from the translated one, when it does."""
    missing_page: bool = False

    @property
    def unpaired_source(self) -> int:
        return sum(1 for f in self.findings if f.message.startswith("only in the source"))

    @property
    def unpaired_translated(self) -> int:
        return sum(1 for f in self.findings if f.message.startswith("only in the translation"))


def script_letters(text: str, script: str | None) -> bool:
    """Whether ``text``, code and markup aside, holds a letter of ``script`` (any letter if None)."""
    prefix = _SCRIPT_NAMES.get(script or "")
    return any(
        prefix is None or unicodedata.name(char, "").startswith(prefix) for char in prose_letters(text)
    )


def offered_msgstr(slot: Slot, text: str) -> str:
    """The msgstr a translated slot offers: its text, keeping its own line breaks."""
    if slot.render in ("yaml", "attr", "line", "cell") or len(slot.spans) == 1:
        return slot.msgid
    return "\n".join(text[span.start : span.end] for span in slot.spans)


def short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."


def _nearest_line(pairs: list[Pair], slot: Slot, source_side: bool) -> int:
    """Line in the other page next to which ``slot`` would sit: after the last pair before it."""
    line = 1
    for pair in pairs:
        mine, other = (pair.source, pair.translated) if source_side else (pair.translated, pair.source)
        if mine.start < slot.start:
            line = other.line
    return line


@dataclass(slots=True)
class Offer:
    msgstr: str
    fuzzy: bool
    pair: Pair


def collect_offers(
    source: Segments,
    translated: Segments,
    script: str | None,
    translatable: tuple[str, ...],
    report: PageImport,
    lang: str = "",
) -> tuple[dict[tuple[str | None, str], Offer], list[Pair]]:
    """The msgstr each source msgid gets from the translated page, and the pairs it came from."""
    alignment = align_slots(source.slots, translated.slots, translatable, lang)
    occurrences = occurrence_keys(source.slots)
    offers: dict[tuple[str | None, str], Offer] = {}
    for pair in alignment.pairs:
        report.paired += 1
        msgstr = offered_msgstr(pair.translated, translated.text)
        if msgstr == pair.source.msgid and (script_letters(msgstr, script) or not has_prose(msgstr)):
            report.identical += 1
            msgstr = ""  # left in the source language: offered as "no translation"
        _offer(offers, occurrences, pair, msgstr)
    _judge_offers(source, offers, translatable, lang, report)
    for slot in alignment.source_only:
        line = _nearest_line(alignment.pairs, slot, True)
        report.findings.append(
            Finding(slot.line, line, f"only in the source: {slot.label} {short(slot.msgid)!r}")
        )
    for slot in alignment.translated_only:
        line = _nearest_line(alignment.pairs, slot, False)
        report.findings.append(
            Finding(line, slot.line, f"only in the translation: {slot.label} {short(slot.msgid)!r}")
        )
    return offers, alignment.pairs


def _offer(
    offers: dict[tuple[str | None, str], Offer],
    occurrences: dict[Slot, tuple[str | None, str]],
    pair: Pair,
    msgstr: str,
) -> None:
    """Offer one pair's msgstr; a repeated string worded another way gets its occurrence's own entry.

    The first occurrence's wording goes to the shared entry, a later occurrence worded
    differently to an entry of its own (``po.occurrence``), so the page comes back as
    published: an occurrence the translator left in the source language stays so (its
    entry is untranslated, and counted as such), and no translation is dropped.
    """
    slot, key = pair.source, pair.source.key
    known = offers.get(key)
    if known is not None:
        if (msgstr or slot.msgid) == (known.msgstr or slot.msgid):
            return
        key = occurrences[slot]  # a later occurrence: the first one made the shared offer
    offers[key] = Offer(msgstr, False, pair)


def _judge_offers(
    source: Segments,
    offers: dict[tuple[str | None, str], Offer],
    translatable: tuple[str, ...],
    lang: str,
    report: PageImport,
) -> None:
    """Offers the gate refuses are imported fuzzy: ``build`` would leave them out, and so would ``check``."""
    used = {key: offer.msgstr for key, offer in offers.items() if offer.msgstr}
    verdict = judge_page(source, used, lang, translatable)
    for key, offer in offers.items():
        errors = [problem.message for problem in verdict.get(key, []) if problem.severity == ERROR]
        if errors and offer.msgstr:
            offer.fuzzy = True
            slot = offer.pair.source
            report.findings.append(
                Finding(
                    slot.line,
                    offer.pair.translated.line,
                    f"markup differs, imported as fuzzy: {slot.label} {short(slot.msgid)!r}: {errors[0]}",
                )
            )


def apply_offers(
    po: polib.POFile, offers: dict[tuple[str | None, str], Offer], overwrite: bool, report: PageImport
) -> None:
    """Fill the catalog's entries from the offers, by the import rules."""
    for entry in po:
        if entry.obsolete:
            continue
        offer = offers.get((entry.msgctxt, entry.msgid))
        if offer is None:
            continue
        if not offer.msgstr:
            continue
        if entry.msgstr and not overwrite:
            report.kept += 1
            continue
        entry.msgstr = offer.msgstr
        notes = [line for line in (entry.comment or "").split("\n") if line and line != IMPORT_NOTE]
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        entry.previous_msgid = None
        if offer.fuzzy:
            entry.flags.insert(0, "fuzzy")
            notes.append(IMPORT_NOTE)
            report.fuzzy += 1
        else:
            report.imported += 1
        entry.comment = "\n".join(notes)
