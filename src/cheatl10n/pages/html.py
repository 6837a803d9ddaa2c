"""Prose and translatable attributes inside HTML and Vue blocks.

A block is read as a sequence of tags, comments and text. Text between tags is a
slot; inline elements (``<code>``, ``<b>``, ``<router-link>``...) stay inside the
text around them, so the translator sees a whole sentence. Any other tag (a Vue
component such as ``<base-disclaimer-title>``, ``<BaseQuizOption>``, or a block
element) ends the sentence and is never translatable, nor are its attributes,
except plain attributes listed in ``SegmentOptions.attributes`` (``title``,
``alt``...): their values are slots of their own.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from cheatl10n.model import Slot, SlotKind, Span
from cheatl10n.pages.finder import Finder
from cheatl10n.pages.frontmatter import route_slots
from cheatl10n.pages.source import Source
from cheatl10n.pages.text import has_prose

INLINE_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "br",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "i",
        "img",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
        "wbr",
        "router-link",
        "routerlink",
    ]
)
"""Elements that sit inside a sentence; every other tag ends one."""
RAW_TAGS = frozenset(("script", "style", "pre", "textarea"))
"""Elements whose content is never prose."""

_JSX_VALUE = r"\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}"
"""A JSX attribute value (``label={translate('x')}``, ``style={{margin: 0}}``): never text."""
_ATTRIBUTE = rf"""[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|{_JSX_VALUE}|[^\s"'=<>`]+))?"""
TAG = re.compile(rf"<(/?)([A-Za-z][A-Za-z0-9:._-]*)((?:\s+{_ATTRIBUTE})*)\s*(/?)>")
_ATTR = re.compile(rf"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|{_JSX_VALUE}|([^\s"'=<>`]+)))?""")
_COMMENTS = (("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>"))
"""How comments, CDATA sections and processing instructions open and close."""
_LINE = re.compile(r"[^\r\n]+")
_SPACE = " \t"
_NOT_SPACE = re.compile(r"[^ \t]")


@dataclass(frozen=True, slots=True)
class Tag:
    """One tag found in a block."""

    name: str
    start: int
    end: int
    closing: bool
    self_closing: bool
    attributes_start: int
    """Offset of the attribute text (just after the name)."""

    @property
    def inline(self) -> bool:
        return self.name.lower() in INLINE_TAGS


@dataclass(frozen=True, slots=True)
class _Broken:
    """A ``<name`` that never closes (``<div id="x"`` then a line break): the rest of its line."""

    start: int
    end: int


def _alone_on_line(text: str, tag: Tag) -> bool:
    """Whether nothing but white space shares the tag's line: such a tag starts or ends a block."""
    before = text.rfind("\n", 0, tag.start) + 1
    after = text.find("\n", tag.end)
    after = len(text) if after < 0 else after
    return not text[before : tag.start].strip() and not text[tag.end : after].strip()


def iter_tags(text: str, start: int, end: int) -> Iterator[Tag | _Broken | tuple[int, int]]:
    """Tags in ``text[start:end]``, and ``(start, end)`` for each comment.

    A tag that is opened but not closed on its line is reported as ``_Broken``
    up to the end of the line: its attributes are never prose.
    """
    position = start
    finder = Finder(text, end)
    while True:
        found = text.find("<", position, end)  # position only grows past it: linear
        if found < 0:
            return
        comment = _comment_end(text, found, finder)
        if comment >= 0:
            yield found, comment
            position = comment
            continue
        tag = TAG.match(text, found, end)
        if tag:
            yield Tag(
                name=tag.group(2),
                start=tag.start(),
                end=tag.end(),
                closing=bool(tag.group(1)),
                self_closing=bool(tag.group(4)),
                attributes_start=tag.start(3),
            )
            position = tag.end()
        elif re.match(r"</?[A-Za-z]", text[found : found + 2]):
            line_end = text.find("\n", found, end)
            line_end = end if line_end < 0 else line_end
            yield _Broken(found, line_end)
            position = line_end
        else:
            position = found + 1


def _comment_end(text: str, start: int, finder: Finder) -> int:
    """Where the comment (CDATA section, declaration, processing instruction) at ``start`` ends; -1 if none.

    Scanned with ``finder``: an unclosed ``<!--`` repeated 10,000 times costs one search, not 10,000.
    """
    if text[start + 1 : start + 2] not in ("!", "?"):
        return -1  # a tag, or text: every opening below starts "<!" or "<?"
    for opening, closing in _COMMENTS:
        if text.startswith(opening, start):
            close = finder.next(closing, start + len(opening))
            return close + len(closing) if close >= 0 else -1
    if (
        text.startswith("<!", start)
        and text[start + 2 : start + 3].isascii()
        and text[start + 2 : start + 3].isalpha()
    ):
        close = finder.next(">", start)
        return close + 1 if close >= 0 else -1
    return -1


def attribute_slots(source: Source, tag: Tag, names: tuple[str, ...]) -> list[Slot]:
    """Slots for the plain (not ``:``-bound) attributes of ``tag`` listed in ``names``."""
    slots = []
    for match in _ATTR.finditer(source.text, tag.attributes_start, tag.end - 1):
        name = match.group(1)
        if name not in names:
            continue
        found = [(group, quote) for group, quote in ((2, '"'), (3, "'"), (4, "")) if match.group(group)]
        if not found:
            continue
        group, quote = found[0]
        start, end = match.start(group), match.end(group)
        value = html.unescape(source.text[start:end])
        if not value.strip():
            continue
        slots.append(
            Slot(
                kind=SlotKind.ATTRIBUTE,
                detail=name,
                spans=(Span(start, end),),
                line=source.line_of(start),
                msgid=value,
                render="attr",
                style=quote,
            )
        )
    return slots


@dataclass(slots=True)
class _Run:
    """Text (with inline tags) between two block tags."""

    start: int = -1
    end: int = -1
    inline_tags: list[Tag] | None = None

    def extend(self, start: int, end: int, tag: Tag | None = None) -> None:
        if self.start < 0:
            self.start = start
        self.end = end
        if tag is not None:
            self.inline_tags = [*(self.inline_tags or []), tag]


def _text_spans(source: Source, start: int, end: int) -> tuple[Span, ...]:
    """One span per line of ``text[start:end]``, each without its surrounding white space."""
    spans = []
    for line in _LINE.finditer(source.text, start, end):
        text = line.group().lstrip(_SPACE)
        left = line.end() - len(text)
        text = text.rstrip(_SPACE)
        if text:
            spans.append(Span(left, left + len(text)))
    return tuple(spans)


def _continuation(source: Source, spans: tuple[Span, ...], line: int) -> str:
    """What starts a further line of the slot whose first span is on 1-based ``line``."""
    if len(spans) > 1:
        second_line_start = source.line_starts[source.line_of(spans[1].start) - 1]
        return source.text[second_line_start : spans[1].start]
    prefix = source.text[source.line_starts[line - 1] : spans[0].start]
    # "- <BaseQuizOption>": a further line must stay inside the list item, so it gets
    # as much indentation as the text before the slot takes.
    return _NOT_SPACE.sub(" ", prefix)


def _flush(source: Source, run: _Run, detail: str, names: tuple[str, ...], out: list[Slot]) -> None:
    if run.start < 0:
        return
    spans = _text_spans(source, run.start, run.end)
    msgid = " ".join(source.text[span.start : span.end] for span in spans)
    if has_prose(msgid):
        line = source.line_of(spans[0].start)
        out.append(
            Slot(
                kind=SlotKind.HTML,
                detail=detail,
                spans=spans,
                line=line,
                msgid=msgid,
                continuation=_continuation(source, spans, line),
            )
        )
        return
    for tag in run.inline_tags or []:
        out.extend(attribute_slots(source, tag, names))


def _is_yaml_route(opening: str) -> bool:
    return bool(re.search(r"""\blang\s*=\s*["']?(yaml|yml)\b""", opening))


def html_slots(
    source: Source, start: int, end: int, names: tuple[str, ...], keys: tuple[str, ...] = ()
) -> list[Slot]:
    """Slots for the prose and translatable attributes in ``source.text[start:end]``.

    ``names`` are the translatable attribute names; ``keys`` the frontmatter keys
    whose values in a ``<route lang="yaml">`` block's ``meta:`` are translated.
    """
    out: list[Slot] = []
    stack: list[str] = []
    run = _Run()
    position = start
    raw_until: str | None = None
    for item in iter_tags(source.text, start, end):
        if isinstance(item, tuple):
            if raw_until is None and source.text[position : item[0]].strip():
                run.extend(position, item[0])
            if raw_until is None:
                _flush(source, run, _kind(stack), names, out)
                run = _Run()
            position = item[1]
            continue
        tag = item
        if isinstance(tag, _Broken):
            if raw_until is None:
                if source.text[position : tag.start].strip():
                    run.extend(position, tag.start)
                _flush(source, run, _kind(stack), names, out)
                run = _Run()
            position = tag.end
            continue
        if raw_until is not None:
            if tag.closing and tag.name.lower() == raw_until:
                raw_until = None
                position = tag.end
            continue
        if source.text[position : tag.start].strip():
            run.extend(position, tag.start)
        if tag.inline and not _alone_on_line(source.text, tag):
            run.extend(tag.start, tag.end, tag)
            position = tag.end
            continue
        _flush(source, run, _kind(stack), names, out)
        run = _Run()
        out.extend(attribute_slots(source, tag, names))
        _track(stack, tag)
        if not tag.closing and not tag.self_closing and tag.name.lower() in RAW_TAGS:
            raw_until = tag.name.lower()
        elif not tag.closing and not tag.self_closing and tag.name == "route":
            closing = source.text.find("</route>", tag.end, end)
            stop = closing if closing >= 0 else end
            if _is_yaml_route(source.text[tag.start : tag.end]):
                out.extend(route_slots(source, tag.end, stop, keys))
            raw_until = "route"
        position = tag.end
    if raw_until is None:
        if source.text[position:end].strip():
            run.extend(position, end)
        _flush(source, run, _kind(stack), names, out)
    return out


def _track(stack: list[str], tag: Tag) -> None:
    if tag.self_closing:
        return
    if not tag.closing:
        stack.append(tag.name)
        return
    for index in range(len(stack) - 1, -1, -1):
        if stack[index].lower() == tag.name.lower():
            del stack[index:]
            return


def _kind(stack: list[str]) -> str:
    """The detail of an HTML text slot: the innermost open tag, or nothing."""
    return stack[-1] if stack else ""


def starts_with_block_tag(text: str) -> bool:
    """Whether ``text`` opens with a tag that is not an inline element (a component, a ``<div>``).

    >>> starts_with_block_tag('<BaseQuizOption value="A">A. 10</BaseQuizOption>')
    True
    >>> starts_with_block_tag('<code>x</code> is a name')
    False
    """
    match = TAG.match(text)
    return match is not None and match.group(2).lower() not in INLINE_TAGS
