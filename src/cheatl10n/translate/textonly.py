"""Translations that can change nothing but text: blocks the gate need not parse.

A translation made of plain words (no character that opens, closes or escapes
markup, no block marker) changes only text wherever it is spliced, and so does one
that keeps, in prose, the very code spans of its msgid with plain words around them.
The gate (``translate.gate``) skips a block whose every translation is such: a third
of the corpus's translated blocks. Anything else is parsed and compared.
"""

from __future__ import annotations

import re

from cheatl10n.model import Slot, SlotKind

_MARKUP = re.compile(r"[\\`*_\[\]<>&{}|\t\r\n\f\v]")
"""Characters that can open, close or escape markup anywhere in a line."""
_MARKER = re.compile(r"[-+=#~>\d]")
"""What can start a block when it starts a line."""


def plain(text: str) -> bool:
    """Whether ``text`` is words that no parser reads as markup, wherever it is spliced.

    Without these characters, on one line and without a leading block marker
    (``-``, ``1.``, ``#``), text can open, close or escape nothing, start no block
    and name no link: a plain translation of a plain msgid changes only text, and
    its block need not be parsed.
    """
    return not _MARKUP.search(text) and not _MARKER.match(text) and text == text.strip()


_BACKTICKS = re.compile(r"`+")
_UNSAFE_IN_CODE = re.compile(r"[<>&|\\{}\t\r\n\f\v]")
"""What a code span kept as it is may not hold: what could open raw HTML, an autolink, an
entity, a template or a table cell around it, or end its line."""
_PROSE = frozenset((SlotKind.PARAGRAPH, SlotKind.HEADING, SlotKind.LIST_ITEM, SlotKind.BLOCKQUOTE))


def _code_spans(text: str) -> tuple[str, ...] | None:
    """The code spans of ``text``, in order, when everything around them is plain; else None.

    Spans pair up as CommonMark pairs them: a run of N backticks closes at the next
    run of exactly N (a run without a partner gives None). Code spans bind tighter
    than every inline construct but raw HTML and autolinks, which need a ``<``: with
    plain text around them and none of ``_UNSAFE_IN_CODE`` inside, each span is code
    wherever the text is spliced, and the rest only text.
    """
    if _MARKER.match(text) or text.startswith("```") or text != text.strip():
        return None  # a block marker, or a fence
    runs = [match.span() for match in _BACKTICKS.finditer(text)]
    spans: list[str] = []
    position = index = 0
    while index < len(runs):
        start, end = runs[index]
        close = next((j for j in range(index + 1, len(runs)) if runs[j][1] - runs[j][0] == end - start), None)
        if close is None or _MARKUP.search(text, position, start):
            return None
        spans.append(text[start : runs[close][1]])
        position, index = runs[close][1], close + 1
    if _MARKUP.search(text, position) or any(_UNSAFE_IN_CODE.search(span) for span in spans):
        return None
    return tuple(spans)


def text_only(slot: Slot, translation: str) -> bool:
    """Whether ``translation`` can change nothing but text where ``slot`` is: plain words, or,
    in prose, plain words around the very code spans of the msgid (``Use `len()` here``)."""
    if plain(slot.msgid) and plain(translation):
        return True
    if slot.kind not in _PROSE or slot.render not in ("inline", "line"):
        return False
    spans = _code_spans(slot.msgid)
    return spans is not None and spans == _code_spans(translation)
