"""What ``import`` compares besides strings: code blocks, and the page ``build`` would write.

``compare_code`` names the first line where a code block differs outside the
parts translators may translate; ``check_reproduced`` rebuilds the page from
the catalog and names every stretch of lines where it differs from the
published translation, with both pages' lines and texts.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polib

from cheatl10n.jobs.pairing import Finding, PageImport, short
from cheatl10n.model import Code, Segments, Slot, Span
from cheatl10n.pages.frontmatter import Frontmatter, find_frontmatter, frontmatter_data
from cheatl10n.pages.source import Source, decode_source
from cheatl10n.po.merge import own_keys_of
from cheatl10n.translate.layout import catalog_layouts, lay_out
from cheatl10n.translate.render import catalog_translator, format_translation, render_page


def _cut(text: str) -> str:
    """A line shown with its spacing as it is (layout differences are often only spaces)."""
    return text if len(text) <= 60 else text[:57] + "..."


CODE_KINDS = ("code comment", "code string", "code output")
"""Slot kinds inside code blocks: the only parts of code a translation may change."""


def code_spans(segments: Segments, code: Code) -> list[Span]:
    """The spans of the page's translatable slots inside a code block."""
    start, end = code.content.start, code.content.end
    return [
        Span(slot.start, slot.end)
        for slot in segments.slots
        if start <= slot.start and slot.end <= end and slot.kind in CODE_KINDS
    ]


def _code_lines(text: str, code: Code, spans: list[Span]) -> list[tuple[int, str]]:
    """(offset, text) of each line of a code block, with the ``spans`` in it blanked to a NUL."""
    start, end = code.content.start, code.content.end
    pieces: list[tuple[str, int]] = []
    position = start
    for span in spans:
        pieces.extend([(text[position : span.start], position), ("\0", span.start)])
        position = span.end
    pieces.append((text[position:end], position))
    lines: list[tuple[int, str]] = []
    current, line_start = "", start
    for piece, origin in pieces:
        parts = piece.split("\n")
        current += parts[0]
        offset = origin + len(parts[0]) + 1
        for part in parts[1:]:
            lines.append((line_start, current))
            current, line_start = part, offset
            offset += len(part) + 1
    lines.append((line_start, current))
    return lines


def first_code_difference(
    texts: tuple[str, str], blocks: tuple[Code, Code], spans: tuple[list[Span], list[Span]]
) -> tuple[int, int, str] | None:
    """Both pages' lines and texts where two code blocks, ``spans`` blanked, first differ (None: same)."""
    source, translated = texts
    left = _code_lines(source, blocks[0], spans[0])
    right = _code_lines(translated, blocks[1], spans[1])
    for (offset_a, a), (offset_b, b) in zip(left, right, strict=False):
        if a != b:
            shown = f"{short(a.replace(chr(0), '…'))!r} / {short(b.replace(chr(0), '…'))!r}"
            return _line(source, offset_a), _line(translated, offset_b), shown
    if len(left) != len(right):
        last = min(len(left), len(right)) - 1
        line_a = _line(source, left[last][0]) if last >= 0 else 1
        line_b = _line(translated, right[last][0]) if last >= 0 else 1
        return line_a, line_b, f"{len(left)} lines in the source, {len(right)} in the translation"
    return None


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def compare_code(
    source: Segments, translated: Segments, hint: Callable[[Code, Code], str] | None = None
) -> list[Finding]:
    """Code blocks whose code differs outside the parts translators may translate, each at its first line.

    ``hint(left, right)`` says which setting would let a differing pair of blocks be imported.
    """
    findings = []
    for left, right in zip(source.code, translated.code, strict=False):
        spans = (code_spans(source, left), code_spans(translated, right))
        found = first_code_difference((source.text, translated.text), (left, right), spans)
        if found is not None:
            line_a, line_b, where = found
            extra = hint(left, right) if hint is not None else ""
            what = f"code block differs ({extra or 'code is always the source' + chr(39) + 's'}): {where}"
            findings.append(Finding(line_a, line_b, what))
    if len(source.code) != len(translated.code):
        findings.append(
            Finding(
                1,
                1,
                f"{len(source.code)} code blocks in the source, {len(translated.code)} in the translation",
            )
        )
    return findings


def check_reproduced(source: Segments, translated: Segments, po: polib.POFile, report: PageImport) -> None:
    """Does building the page from the catalog give back the translated page? Name each difference."""
    layouts = catalog_layouts(po)
    laid = lay_out(source, layouts)[0] if layouts else source
    translate = catalog_translator(laid, po, use_fuzzy=False)
    own = [text for _key, text in own_keys_of(po, source.meta.keys if source.meta else ())]
    rebuilt = render_page(laid, translate, own)
    left, right = (
        _split_frontmatter(rebuilt, translated.path),
        _split_frontmatter(translated.text, translated.path),
    )
    if left[0] != right[0]:  # loaded only when the texts differ: YAML is slow
        values = (frontmatter_data(*left[3]), frontmatter_data(*right[3]))
        if values[0] != values[1]:
            _frontmatter_findings(values[0], values[1], report)
    if left[2] != right[2]:
        body = _split_frontmatter(laid.text, laid.path)[1]
        lines = Lines(
            rebuilt.count("\n", 0, left[1]),
            translated.text.count("\n", 0, right[1]),
            laid.text.count("\n", 0, body),
            _body_shifts(laid, translate, body),
        )
        _layout_findings(left[2], right[2], lines, report)
    if not report.difference:
        report.reproduced = True


@dataclass(frozen=True, slots=True)
class Lines:
    """Where each page's body starts (lines before it), and how translations move the rebuilt lines."""

    rebuilt: int
    translated: int
    source: int
    shifts: list[tuple[int, int]]
    """(body line of the rebuilt page, lines added up to it) after each translation that adds lines."""

    def source_line(self, rebuilt_index: int) -> int:
        """The source page's 1-based line for the rebuilt body's 0-based line."""
        added = next((more for line, more in reversed(self.shifts) if line <= rebuilt_index), 0)
        return self.source + rebuilt_index - added + 1


def _split_frontmatter(
    text: str, path: Path
) -> tuple[str | None, int, str, tuple[Source, Frontmatter | None]]:
    """(frontmatter text or None, offset of the body, body, (page, block)) of a page's text."""
    source = decode_source(text.encode("utf-8"), path)
    block = find_frontmatter(source)
    if block is None:
        return None, 0, text, (source, block)
    return text[block.start : block.end], block.end, text[block.end :], (source, block)


def _frontmatter_findings(values_left: object, values_right: object, report: PageImport) -> None:
    mine = values_left if isinstance(values_left, dict) else {}
    theirs = values_right if isinstance(values_right, dict) else {}
    keys = sorted(str(key) for key in set(mine) | set(theirs) if mine.get(key) != theirs.get(key))
    report.difference = f"frontmatter differs: {', '.join(keys)}"
    for key in keys:
        if key not in mine:
            what = f"frontmatter key {key!r} only in the translation"
        elif key not in theirs:
            what = f"frontmatter key {key!r} only in the source"
        else:
            what = f"frontmatter key {key!r} differs"
        if not any(key in f.message for f in report.findings):
            report.findings.append(Finding(2, 2, what))


def _body_shifts(
    source: Segments, translate: Callable[[Slot], str | None], body: int
) -> list[tuple[int, int]]:
    """(rebuilt body line after it, lines added so far) for each body slot whose translation adds lines."""
    shifts: list[tuple[int, int]] = []
    added = 0
    for slot in source.slots:
        translation = translate(slot)
        if slot.start < body or translation is None or translation == slot.msgid:
            continue
        new = format_translation(slot, translation, source.newline).count("\n")
        old = source.text.count("\n", slot.start, slot.end)
        if new != old:
            added += new - old
            shifts.append((source.text.count("\n", body, slot.end) + 1 + added, added))
    return shifts


def _layout_findings(rebuilt: str, published: str, lines: Lines, report: PageImport) -> None:
    """A finding for each stretch of lines where the rebuilt body and the translated body differ."""
    ours, theirs = rebuilt.split("\n"), published.split("\n")
    named = {finding.translated_line for finding in report.findings}
    for tag, i1, _i2, j1, j2 in difflib.SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        translated_line = lines.translated + j1 + 1
        if not report.difference:
            report.difference = f"line {translated_line} differs from the rebuilt page"
        if any(translated_line - 1 <= line <= lines.translated + j2 + 1 for line in named):
            continue  # already named by a finding about the string there
        mine = ours[i1] if i1 < len(ours) else ""
        other = theirs[j1] if j1 < len(theirs) else ""
        what = {"insert": "lines only in the translation", "delete": "lines only in the source"}.get(
            tag, "layout differs"
        )
        shown = f"{what} (build keeps the source's): {_cut(mine)!r} / {_cut(other)!r}"
        report.findings.append(Finding(lines.source_line(i1), translated_line, shown))
