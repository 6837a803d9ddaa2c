"""The Markdown body: slots for headings, paragraphs, list items, quotes and table cells.

markdown-it-py tells which lines form a block and what its inline text is;
this module finds that text in the original lines to get exact offsets. It is
the only module that imports markdown_it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from cheatl10n.model import Code, Notice, SegmentOptions, Slot, SlotKind, Span, Table
from cheatl10n.pages.code import code_language, code_slots, wants_code
from cheatl10n.pages.dialects import Edges, Labeller, get_dialect
from cheatl10n.pages.html import html_slots, starts_with_block_tag
from cheatl10n.pages.source import Source
from cheatl10n.pages.tables import aligned_table, table_row
from cheatl10n.pages.walk import Walk

_CONTAINERS = {"list_item_open": SlotKind.LIST_ITEM, "blockquote_open": SlotKind.BLOCKQUOTE}
_SPACE = " \t"
_HEADING_ATTRIBUTES = re.compile(r"[ \t]*\{(?::?[ \t]*[#.][^{}]*|/\*[ \t]*#[^{}]*\*/)\}$")
"""A heading's id or attribute list: ``{#id}``, ``{ #id .class }``, Docusaurus's ``{/* #id */}``."""
_NOT_INDENT = re.compile(r"[^> \t]")
"""What a continuation line cannot copy from the first line's prefix (a list marker): a space each."""
_ALERT = re.compile(r"\[![A-Za-z]+\][ \t]*")
"""GitHub's alert marker (``> [!NOTE]``): a keyword GitHub reads, never translated."""


@lru_cache(maxsize=16)
def build_parser(dialect: str = "vitepress", inline: bool = False) -> MarkdownIt:
    """The one parser of the project: CommonMark (raw HTML on) plus GFM tables, plus the dialect's plugins.

    The segmenter parses only block structure (``inline=False``): inline tokens
    keep their source ``content`` (all it uses), and skipping the inline rules
    halves the parse. Without them ``text_join`` has nothing to join, and
    ``parse_blocks`` normalizes line ends itself (``normalize`` rewrote every
    ``\n`` of every page: 4% of segmenting). The gate parses with the inline
    rules, as the site does.
    """
    md = MarkdownIt("commonmark").enable("table")
    if not inline:
        md.disable(["inline", "text_join", "normalize"])
    for plugin in get_dialect(dialect).plugins:
        md.use(plugin)
    return md


def parse_blocks(text: str, dialect: str = "vitepress", env: dict[str, Any] | None = None) -> list[Token]:
    """Block tokens of ``text``, as markdown-it-py produces them (``env`` gets the link references)."""
    if "\r" in text or "\0" in text:  # what markdown-it's normalize rule does; a page rarely needs it
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")
    return build_parser(dialect).parse(text, env)


@dataclass(slots=True)
class Body:
    """What the Markdown body holds besides literal text."""

    slots: list[Slot]
    notices: list[Notice]
    tables: list[Table]
    code: list[Code]
    blocks: list[Span] = field(default_factory=list)
    """Each top-level block: from its first line's start to the next line's start."""
    references: tuple[tuple[str, str, str], ...] = ()
    """Link reference definitions: (normalized label, address, title)."""


def body_slots(source: Source, first_line: int, options: SegmentOptions) -> Body:
    """Slots, warnings, aligned tables and code blocks of the body starting at 0-based ``first_line``."""
    if first_line >= source.line_count:
        return Body([], [], [], [])
    body = source.text[source.line_starts[first_line] :]
    walk = Walk(source, first_line, [], [], options, dialect=get_dialect(options.dialect))
    dialect = walk.dialect
    labellers, owned = dialect.labellers, dialect.owned_inline
    stack: list[Token] = []
    row: list[Token] = []
    token_map: list[int] = []
    tops: list[list[int]] = []
    env: dict[str, Any] = {}
    for token in parse_blocks(body, options.dialect, env):
        kind, nesting = token.type, token.nesting
        if token.level == 0 and nesting != -1 and token.map is not None:
            tops.append(token.map)
        if labellers and (labeller := labellers.get(kind)) is not None:
            _labelled(walk, token, labeller)
        if nesting == 1:
            stack.append(token)
            if kind == "tr_open":
                row = []
            elif kind == "table_open":
                walk.rows = []
                token_map = list(token.map) if token.map is not None else token_map
        elif nesting == -1:
            stack.pop()
            if kind == "tr_close":
                table_row(walk, row)
            elif kind == "table_close":
                aligned_table(walk, token_map)
        elif kind == "inline":
            if owned and stack and stack[-1].type in owned:
                continue
            if stack and stack[-1].type in ("th_open", "td_open"):
                row.append(token)
            else:
                _inline_block(walk, token, stack)
        elif kind == "fence":
            closed = _check_fence(walk, token)
            _record_code(walk, token, closed)
            if closed and wants_code(walk.options):
                _code_slots(walk, token)
        elif kind == "code_block":
            _record_code(walk, token, False)
        elif kind == "html_block" and not _inside(stack, "blockquote_open"):
            _html_region(walk, token)
    references = tuple(
        (label, str(value.get("href", "")), str(value.get("title", "")))
        for label, value in env.get("references", {}).items()
    )
    return Body(
        walk.slots, walk.notices, walk.tables, walk.code, _block_spans(source, first_line, tops), references
    )


def _block_spans(source: Source, offset: int, tops: list[list[int]]) -> list[Span]:
    """Each top-level block (body lines ``tops``): from its first line's start to its next line's start."""
    starts, last = (*source.line_starts, len(source.text)), source.line_count
    return [Span(starts[min(offset + first, last)], starts[min(offset + end, last)]) for first, end in tops]


def _labelled(walk: Walk, token: Token, labeller: Labeller) -> None:
    """Slots for the translatable parts of a dialect's protected block."""
    if token.map is None:
        return
    start, end = _region(walk, token)
    for part in labeller(token, walk.source.text[start:end], walk.options.parameters):
        span = Span(start + part.start, start + part.end)
        render = part.render if part.render != "line" else "line"
        walk.slots.append(
            Slot(
                SlotKind.DIALECT,
                (span,),
                walk.source.line_of(span.start),
                part.msgid,
                render=render,
                style=part.style,
                detail=part.kind,
            )
        )


def _inside(stack: Sequence[Token], kind: str) -> bool:
    return any(token.type == kind for token in stack)


def _context(stack: Sequence[Token]) -> tuple[SlotKind, str, bool]:
    """One look at the open blocks: the slot's kind, its place (``h2``, ``depth 2``), whether in a quote."""
    kind, depth, in_quote = SlotKind.PARAGRAPH, 0, False
    for entry in stack:
        if entry.type in _CONTAINERS:
            kind = _CONTAINERS[entry.type]
            depth += kind == SlotKind.LIST_ITEM
            in_quote = in_quote or kind == SlotKind.BLOCKQUOTE
    if stack and stack[-1].type == "heading_open":
        return SlotKind.HEADING, stack[-1].tag, in_quote
    return kind, f"depth {depth}" if depth else "", in_quote


def _record_code(walk: Walk, token: Token, closed: bool) -> None:
    if token.map is None:
        return
    first, last = token.map
    fenced = token.type == "fence"
    start_line = walk.line(first + 1 if fenced else first)
    end_line = walk.line(last - 1 if fenced and closed else last)
    start = walk.source.line_starts[min(start_line, walk.source.line_count - 1)]
    end = walk.source.line_starts[end_line] if end_line < walk.source.line_count else len(walk.source.text)
    walk.code.append(
        Code(
            walk.line(first) + 1, token.info.strip(), Span(start, max(start, end)), code_language(token.info)
        )
    )


def _inline_block(walk: Walk, token: Token, stack: list[Token]) -> None:
    if not token.content or token.map is None:
        return
    first = token.map[0]
    kind, place, in_quote = _context(stack)
    if kind != SlotKind.HEADING and not in_quote and _lines_of_tags(walk, token.content):
        _html_region(walk, token)  # a line of components, like <BaseQuizOption>A. 10</BaseQuizOption>
        return
    if kind == SlotKind.HEADING and stack[-1].markup.startswith("#"):
        _atx_heading(walk, token, place)
        return
    content = token.content
    if kind == SlotKind.BLOCKQUOTE and (alert := _ALERT.match(content)) is not None:
        content = content[alert.end() :]  # a title after the marker stays: "> [!TIP] Pro tip"
        if content.startswith("\n"):
            content, first = content[1:], first + 1
        if not content.strip():
            return
    spans = _line_spans(walk.source, walk.line(first), content)
    if spans is None:
        return
    continuation = _continuation(walk.source, walk.line(first), spans)
    edges = walk.dialect.edges
    if edges is not None:
        spans = _trim_edges(walk.source.text, spans, edges)
    msgid = _join(walk.source, spans)
    walk.slots.append(
        Slot(
            kind=kind,
            spans=spans,
            line=walk.source.line_of(spans[0].start),
            msgid=msgid,
            render="line" if kind == SlotKind.HEADING else "inline",
            continuation=continuation,
            place=place,
        )
    )


def _lines_of_tags(walk: Walk, content: str) -> bool:
    """Whether a paragraph is components and the text between them, read as an HTML block
    (``<BaseQuizOption>A. 10</BaseQuizOption>``). In MDX a paragraph that opens with a
    component but ends in text (``<Highlight>green</Highlight> marks new features.``) is
    one sentence: one msgid, tags kept."""
    if not starts_with_block_tag(content):
        return False
    return not walk.dialect.inline_components or content.rstrip().endswith(">")


def _trim_edges(text: str, spans: tuple[Span, ...], edges: Edges) -> tuple[Span, ...]:
    """Spans without the markup the dialect keeps out of a block's edges (a leading shortcode call)."""
    begin = spans[0].start
    lead, trail = edges(text[begin : spans[-1].end])
    lead, trail = begin + lead, begin + trail
    if lead >= trail:
        return spans  # markup alone: no prose, so no slot
    kept = []
    for span in spans:
        start, end = max(span.start, lead), min(span.end, trail)
        if start < end:
            kept.append(Span(start, end))
    return tuple(kept)


def _atx_heading(walk: Walk, token: Token, place: str) -> None:
    assert token.map is not None
    index = walk.line(token.map[0])
    start, end = walk.source.line_span(index)
    text = walk.source.text[start:end]
    marker = text.find("#")
    while marker < len(text) and text[marker] == "#":
        marker += 1
    found = text.find(token.content, marker)
    if found < 0:
        return
    content = token.content
    if walk.dialect.heading_ids:
        content = _HEADING_ATTRIBUTES.sub("", content)  # { #request-body }: an anchor, not prose
    if not content:
        return
    span = Span(start + found, start + found + len(content))
    walk.slots.append(Slot(SlotKind.HEADING, (span,), index + 1, content, render="line", place=place))


def _line_spans(source: Source, first: int, content: str) -> tuple[Span, ...] | None:
    """Spans of a paragraph-like block whose inline content is ``content``.

    markdown-it gives each line of the block with its container prefix cut off
    and the whole text stripped (rules_block/paragraph.py), so every content
    line is a suffix of its source line (the last one once trailing space is
    stripped). A line whose tabs markdown-it expanded does not match: the
    block is then left as literal text.
    """
    parts = content.split("\n")
    if first + len(parts) > source.line_count:
        return None
    spans = []
    for number, part in enumerate(parts):
        start, end = source.line_span(first + number)
        line = source.text[start:end]
        is_last = number == len(parts) - 1
        if is_last:
            end = start + len(line.rstrip())
            line = line.rstrip()
        if not line.endswith(part):
            return None
        begin = end - len(part)
        while begin < end and source.text[begin] in _SPACE:
            begin += 1
        stop = end
        if not is_last and not source.text[begin:end].endswith("  "):
            while stop > begin and source.text[stop - 1] in _SPACE:
                stop -= 1
        spans.append(Span(begin, stop))
    return tuple(spans)


def _join(source: Source, spans: Sequence[Span]) -> str:
    """The msgid of a multi-line block: lines joined by a space, or by a newline after a hard break."""
    out = []
    for number, span in enumerate(spans):
        piece = source.text[span.start : span.end]
        out.append(piece)
        if number < len(spans) - 1:
            hard = piece.endswith("  ") or piece.endswith("\\")
            out.append("\n" if hard else " ")
    return "".join(out)


def _continuation(source: Source, first: int, spans: Sequence[Span]) -> str:
    """What a further line of this block starts with: the source's own, or one built from the first line."""
    if len(spans) > 1:
        return source.text[source.line_starts[first + 1] : spans[1].start]
    prefix = source.text[source.line_starts[first] : spans[0].start]
    return _NOT_INDENT.sub(" ", prefix)


def _region(walk: Walk, token: Token) -> tuple[int, int]:
    """Offsets of the lines a block token covers, without the last line break."""
    assert token.map is not None
    first, last = token.map
    start = walk.source.line_starts[walk.line(first)]
    end = walk.source.line_span(min(walk.line(last) - 1, walk.source.line_count - 1))[1]
    return start, end


def _html_region(walk: Walk, token: Token) -> None:
    if token.map is None:
        return
    start, end = _region(walk, token)
    walk.slots.extend(
        html_slots(walk.source, start, end, walk.options.attributes, walk.options.frontmatter_keys)
    )


def _code_slots(walk: Walk, token: Token) -> None:
    assert token.map is not None
    first, last = token.map
    start = walk.source.line_starts[walk.line(first + 1)]
    end = walk.source.line_starts[walk.line(last - 1)]
    walk.slots.extend(code_slots(walk.source, start, end, code_language(token.info), walk.options))


def _check_fence(walk: Walk, token: Token) -> bool:
    """Whether the fence is closed; warn when it is not."""
    if token.map is None:
        return False
    first, last = token.map
    last_line = walk.source.line_text(walk.line(last - 1)) if last - first > 1 else ""
    closing = last_line.lstrip(" \t>").strip()  # without its container's "> " and indentation
    char = token.markup[:1]
    closed = len(closing) >= len(token.markup) and closing == char * len(closing) and last - first > 1
    if not closed:
        walk.notices.append(
            Notice(
                walk.source.path,
                walk.line(first) + 1,
                "code fence is never closed: everything after it is code and is not translated",
            )
        )
    return closed
