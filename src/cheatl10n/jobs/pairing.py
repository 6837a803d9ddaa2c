"""``import``: fill a page's catalog from its existing hand translation (po4a's gettextize).

The source page and the translated page are segmented alike and paired by
``align``. Each pair offers a msgstr: an empty msgstr is filled, an existing one
kept unless ``overwrite``; a pair the gate refuses (``translate.gate``, as
``build`` and ``check`` would) is imported fuzzy with a
``#. import: markup differs`` note; a translation identical to the source is
imported only when it has no letter of the source language's script. The
report says what could not be paired and whether ``build`` now gives back the
translated page.
"""

from __future__ import annotations

import io
import tokenize
import unicodedata
from dataclasses import dataclass, field

import polib

from cheatl10n.model import Segments, Slot
from cheatl10n.pages.frontmatter import find_frontmatter, frontmatter_data
from cheatl10n.pages.source import decode_source
from cheatl10n.pages.text import prose_letters
from cheatl10n.po.merge import IMPORT_NOTE, own_keys_of
from cheatl10n.translate.align import Pair, align_slots
from cheatl10n.translate.gate import ERROR, judge_page
from cheatl10n.translate.render import render_page

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


def _short(text: str) -> str:
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


def _code_skeleton(code: str, drop_comments: bool) -> str:
    if not drop_comments:
        return code
    lines = code.split("\n")
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            if token.type == tokenize.COMMENT:
                row, column = token.start
                lines[row - 1] = lines[row - 1][:column].rstrip()
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return "\n".join(lines)


def compare_code(source: Segments, translated: Segments, comments: bool) -> list[Finding]:
    """Code blocks that differ between the pages (comments aside when they are translated)."""
    findings = []
    for left, right in zip(source.code, translated.code, strict=False):
        a = source.text[left.content.start : left.content.end]
        b = translated.text[right.content.start : right.content.end]
        python = left.info.split()[:1] in (["python"], ["py"], ["python3"])
        if _code_skeleton(a, comments and python) != _code_skeleton(b, comments and python):
            what = "code block differs (code is always the source's)"
            if not comments and _code_skeleton(a, python) == _code_skeleton(b, python):
                what = "code block differs in its comments (set code_comments = true to import them)"
            findings.append(Finding(left.line, right.line, what))
    if len(source.code) != len(translated.code):
        findings.append(
            Finding(
                1,
                1,
                f"{len(source.code)} code blocks in the source, {len(translated.code)} in the translation",
            )
        )
    return findings


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
) -> dict[tuple[str | None, str], Offer]:
    """The msgstr each source msgid gets from the translated page."""
    alignment = align_slots(source.slots, translated.slots, translatable, lang)
    offers: dict[tuple[str | None, str], Offer] = {}
    for pair in alignment.pairs:
        report.paired += 1
        msgstr = offered_msgstr(pair.translated, translated.text)
        if msgstr == pair.source.msgid and script_letters(msgstr, script):
            report.identical += 1
            msgstr = ""  # left in the source language: offered as "no translation"
        known = offers.get(pair.source.key)
        if known is not None:
            if known.msgstr != msgstr and not (
                known.msgstr == pair.source.msgid or msgstr == pair.source.msgid
            ):
                report.findings.append(
                    Finding(
                        pair.source.line,
                        pair.translated.line,
                        f"{pair.source.label} {_short(pair.source.msgid)!r} is translated two ways; "
                        f"kept the one on line {known.pair.translated.line}",
                    )
                )
            continue
        offers[pair.source.key] = Offer(msgstr, False, pair)
    _judge_offers(source, offers, translatable, lang, report)
    for slot in alignment.source_only:
        line = _nearest_line(alignment.pairs, slot, True)
        report.findings.append(
            Finding(slot.line, line, f"only in the source: {slot.label} {_short(slot.msgid)!r}")
        )
    for slot in alignment.translated_only:
        line = _nearest_line(alignment.pairs, slot, False)
        report.findings.append(
            Finding(line, slot.line, f"only in the translation: {slot.label} {_short(slot.msgid)!r}")
        )
    return offers


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
                    f"markup differs, imported as fuzzy: {slot.label} {_short(slot.msgid)!r}: {errors[0]}",
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


def check_reproduced(source: Segments, translated: Segments, po: polib.POFile, report: PageImport) -> None:
    """Does building the page from the catalog give back the translated page?"""
    entries = {(e.msgctxt, e.msgid): e for e in po if not e.obsolete and e.msgstr and not e.fuzzy}
    own = [text for _key, text in own_keys_of(po, source.meta.keys if source.meta else ())]
    rebuilt = render_page(source, lambda slot: entries[slot.key].msgstr if slot.key in entries else None, own)
    rebuilt_seg = decode_source(rebuilt.encode("utf-8"), translated.path)
    original = decode_source(translated.text.encode("utf-8"), translated.path)
    left, right = find_frontmatter(rebuilt_seg), find_frontmatter(original)
    body_left = rebuilt[left.end :] if left else rebuilt
    body_right = translated.text[right.end :] if right else translated.text
    values_left = frontmatter_data(rebuilt_seg, left)
    values_right = frontmatter_data(original, right)
    if values_left != values_right:
        keys = sorted(
            str(key)
            for key in set(values_left or {}) | set(values_right or {})
            if (values_left or {}).get(key) != (values_right or {}).get(key)
        )
        report.difference = f"frontmatter differs: {', '.join(keys)}"
        for key in keys:
            if key not in (values_left or {}):
                what = f"frontmatter key {key!r} only in the translation"
            elif key not in (values_right or {}):
                what = f"frontmatter key {key!r} only in the source"
            else:
                what = f"frontmatter key {key!r} differs"
            if not any(key in f.message for f in report.findings):
                report.findings.append(Finding(2, 2, what))
        return
    if body_left != body_right:
        offset = next(
            (i for i, (a, b) in enumerate(zip(body_left, body_right, strict=False)) if a != b),
            min(len(body_left), len(body_right)),
        )
        base = right.end if right else 0
        line = original.line_of(base + min(offset, len(body_right)))
        report.difference = f"line {line} differs from the rebuilt page"
        if not report.findings:  # nothing translatable differs: the literal text around it does
            report.findings.append(Finding(line, line, "text outside the translated strings differs"))
        return
    report.reproduced = True
