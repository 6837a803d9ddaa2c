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

from cheatl10n.model import Code, Notice, SegmentOptions, Slot, SlotKind, Span, Table, TableRow
from cheatl10n.pages.code import comment_slots
from cheatl10n.pages.dialects import Dialect, Edges, Labeller, get_dialect
from cheatl10n.pages.html import html_slots, starts_with_block_tag
from cheatl10n.pages.source import Source
from cheatl10n.pages.text import display_width, has_prose

_CONTAINERS = {"list_item_open": SlotKind.LIST_ITEM, "blockquote_open": SlotKind.BLOCKQUOTE}
_SPACE = " \t"
_HEADING_ATTRIBUTES = re.compile(r"[ \t]*\{:?[ \t]*[#.][^{}]*\}$")
_ALERT = re.compile(r"\[![A-Za-z]+\][ \t]*")
"""GitHub's alert marker (``> [!NOTE]``): a keyword GitHub reads, never translated."""


@lru_cache(maxsize=16)
def build_parser(dialect: str = "vitepress", inline: bool = False) -> MarkdownIt:
    """The one parser of the project: CommonMark (raw HTML on) plus GFM tables, plus the dialect's plugins.

    The segmenter parses only block structure (``inline=False``): inline tokens
    keep their source ``content`` (all it uses), and skipping the inline rules
    halves the parse. The gate parses with the inline rules, as the site does.
    """
    md = MarkdownIt("commonmark").enable("table")
    if not inline:
        md.disable("inline")
    for plugin in get_dialect(dialect).plugins:
        md.use(plugin)
    return md


def parse_blocks(text: str, dialect: str = "vitepress", env: dict[str, Any] | None = None) -> list[Token]:
    """Block tokens of ``text``, as markdown-it-py produces them (``env`` gets the link references)."""
    return build_parser(dialect).parse(text, env)


@dataclass(slots=True)
class _Walk:
    source: Source
    offset: int
    """0-based page line of the body's first line (markdown-it's line 0)."""
    slots: list[Slot]
    notices: list[Notice]
    options: SegmentOptions
    tables: list[Table] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)
    code: list[Code] = field(default_factory=list)
    blocks: list[Span] = field(default_factory=list)
    dialect: Dialect = field(default_factory=lambda: get_dialect("vitepress"))

    def line(self, index: int) -> int:
        """Page line index of the body's 0-based line ``index``."""
        return self.offset + index


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
    walk = _Walk(source, first_line, [], [], options, dialect=get_dialect(options.dialect))
    dialect = walk.dialect
    labellers, owned = dialect.labellers, dialect.owned_inline
    stack: list[Token] = []
    row: list[Token] = []
    token_map: list[int] = []
    env: dict[str, Any] = {}
    for token in parse_blocks(body, options.dialect, env):
        if token.level == 0 and token.nesting != -1 and token.map is not None:
            _top_block(walk, token.map)
        if labellers and (labeller := labellers.get(token.type)) is not None:
            _labelled(walk, token, labeller)
        if token.type == "table_open" and token.map is not None:
            token_map = list(token.map)
        if token.nesting == 1:
            stack.append(token)
            if token.type == "tr_open":
                row = []
            elif token.type == "table_open":
                walk.rows = []
        elif token.nesting == -1:
            stack.pop()
            if token.type == "tr_close":
                _table_row(walk, row)
            elif token.type == "table_close":
                _aligned_table(walk, token_map)
        elif token.type == "inline":
            if owned and stack and stack[-1].type in owned:
                continue
            if stack and stack[-1].type in ("th_open", "td_open"):
                row.append(token)
            else:
                _inline_block(walk, token, stack)
        elif token.type == "fence":
            closed = _check_fence(walk, token)
            _record_code(walk, token, closed)
            if closed and walk.options.code_comments:
                _code_comments(walk, token)
        elif token.type == "code_block":
            _record_code(walk, token, False)
        elif token.type == "html_block" and not _inside(stack, "blockquote_open"):
            _html_region(walk, token)
    references = tuple(
        (label, str(value.get("href", "")), str(value.get("title", "")))
        for label, value in env.get("references", {}).items()
    )
    return Body(walk.slots, walk.notices, walk.tables, walk.code, walk.blocks, references)


def _top_block(walk: _Walk, lines: list[int]) -> None:
    source = walk.source
    first, last = walk.line(lines[0]), walk.line(lines[1])
    start = source.line_starts[first] if first < source.line_count else len(source.text)
    end = source.line_starts[last] if last < source.line_count else len(source.text)
    walk.blocks.append(Span(start, end))


def _labelled(walk: _Walk, token: Token, labeller: Labeller) -> None:
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


def _kind(stack: Sequence[Token]) -> SlotKind:
    if stack and stack[-1].type == "heading_open":
        return SlotKind.HEADING
    for entry in reversed(stack):
        if entry.type in _CONTAINERS:
            return _CONTAINERS[entry.type]
    return SlotKind.PARAGRAPH


def _place(stack: Sequence[Token], kind: SlotKind) -> str:
    if kind == SlotKind.HEADING:
        return stack[-1].tag
    depth = sum(1 for token in stack if token.type == "list_item_open")
    return f"depth {depth}" if depth else ""


def _record_code(walk: _Walk, token: Token, closed: bool) -> None:
    if token.map is None:
        return
    first, last = token.map
    fenced = token.type == "fence"
    start_line = walk.line(first + 1 if fenced else first)
    end_line = walk.line(last - 1 if fenced and closed else last)
    start = walk.source.line_starts[min(start_line, walk.source.line_count - 1)]
    end = walk.source.line_starts[end_line] if end_line < walk.source.line_count else len(walk.source.text)
    walk.code.append(Code(walk.line(first) + 1, token.info.strip(), Span(start, max(start, end))))


def _inline_block(walk: _Walk, token: Token, stack: list[Token]) -> None:
    if not token.content or token.map is None:
        return
    first = token.map[0]
    kind = _kind(stack)
    place = _place(stack, kind)
    in_quote = _inside(stack, "blockquote_open")
    if kind != SlotKind.HEADING and not in_quote and starts_with_block_tag(token.content):
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


def _atx_heading(walk: _Walk, token: Token, place: str) -> None:
    assert token.map is not None
    index = walk.line(token.map[0])
    start, _end = walk.source.line_span(index)
    text = walk.source.line_text(index)
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
    return "".join(char if char in "> \t" else " " for char in prefix)


def _split_row(line: str) -> list[tuple[int, int, str]]:
    """Cells of a table row as (start, end, unescaped text), split the way markdown-it does."""
    cells = []
    cell_start, last, current, escaped = 0, 0, "", False
    for pos, char in enumerate(line):
        if char == "|":
            if not escaped:
                cells.append((cell_start, pos, current + line[last:pos]))
                current, last, cell_start = "", pos + 1, pos + 1
            else:
                current += line[last : pos - 1]
                last = pos
        escaped = char == "\\"
    cells.append((cell_start, len(line), current + line[last:]))
    return cells


def _table_row(walk: _Walk, row: list[Token]) -> None:
    if not row or row[0].map is None:
        return
    index = walk.line(row[0].map[0])
    start, _end = walk.source.line_span(index)
    text = walk.source.line_text(index)
    cells = _split_row(text)
    wanted = [token.content for token in row]
    for shift in range(len(cells)):
        if all(
            (cells[shift + n][2].strip() == want) if shift + n < len(cells) else not want
            for n, want in enumerate(wanted)
        ):
            break
    else:
        return
    walk.rows.append(TableRow(tuple(Span(start + a, start + b) for a, b, _ in cells), False))
    # Cells without prose (code, numbers) are copied as they are by translators: they name the row.
    row_key = " | ".join(want for want in wanted if want and not has_prose(want))
    for n, want in enumerate(wanted):
        if not want:
            continue
        cell_start, cell_end, _plain = cells[shift + n]
        raw = text[cell_start:cell_end]
        lead = len(raw) - len(raw.lstrip())
        begin = start + cell_start + lead
        span = Span(begin, begin + len(raw.strip()))
        msgid = raw.strip()
        walk.slots.append(
            Slot(
                SlotKind.TABLE_CELL,
                (span,),
                index + 1,
                msgid,
                render="cell",
                place=f"col {n + 1} {row_key}".rstrip(),
            )
        )


def _region(walk: _Walk, token: Token) -> tuple[int, int]:
    """Offsets of the lines a block token covers, without the last line break."""
    assert token.map is not None
    first, last = token.map
    start = walk.source.line_starts[walk.line(first)]
    end = walk.source.line_span(min(walk.line(last) - 1, walk.source.line_count - 1))[1]
    return start, end


def _html_region(walk: _Walk, token: Token) -> None:
    if token.map is None:
        return
    start, end = _region(walk, token)
    walk.slots.extend(
        html_slots(walk.source, start, end, walk.options.attributes, walk.options.frontmatter_keys)
    )


def _code_comments(walk: _Walk, token: Token) -> None:
    info = token.info.strip().split(maxsplit=1)
    if not info or info[0].lower() not in ("python", "py", "python3"):
        return
    assert token.map is not None
    first, last = token.map
    start = walk.source.line_starts[walk.line(first + 1)]
    end = walk.source.line_starts[walk.line(last - 1)]
    walk.slots.extend(comment_slots(walk.source, start, end))


def _aligned_table(walk: _Walk, lines: list[int]) -> None:
    """Record the table just read when prettier-style aligned: pipes at both ends, equal widths."""
    rows, walk.rows = walk.rows, []
    if len(lines) != 2 or len(rows) < 1:
        return
    delimiter_index = walk.line(lines[0] + 1)
    start, _end = walk.source.line_span(delimiter_index)
    text = walk.source.line_text(delimiter_index)
    cells = _split_row(text)
    delimiter = TableRow(tuple(Span(start + a, start + b) for a, b, _ in cells), True)
    table = [rows[0], delimiter, *rows[1:]]
    source = walk.source.text
    widths = [display_width(source[c.start : c.end]) for c in delimiter.cells[1:-1]]
    if any(len(row.cells) < 3 for row in table):
        return  # a row without both outer pipes is not prettier's layout
    for row in table:
        first, *inner, last = row.cells
        if source[first.start : first.end].strip() or source[last.start : last.end].strip():
            return
        if [display_width(source[c.start : c.end]) for c in inner] != widths:
            return
        if any(
            not source[c.start : c.end].startswith(" ") or not source[c.start : c.end].endswith(" ")
            for c in inner
        ):
            return
    aligns = tuple(_alignment(source[c.start : c.end].strip()) for c in delimiter.cells[1:-1])
    walk.tables.append(Table(tuple(table), aligns))


def _alignment(marker: str) -> str:
    if marker.startswith(":") and marker.endswith(":") and len(marker) > 1:
        return "center"
    if marker.endswith(":"):
        return "right"
    return "left" if marker.startswith(":") else ""


def _check_fence(walk: _Walk, token: Token) -> bool:
    """Whether the fence is closed; warn when it is not."""
    if token.map is None:
        return False
    first, last = token.map
    last_line = walk.source.line_text(walk.line(last - 1)) if last - first > 1 else ""
    closing = re.sub(r"^[ \t>]*", "", last_line).strip()  # without its container's "> " and indentation
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
