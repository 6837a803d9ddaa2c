"""Docusaurus (MDX): ``:::note Title`` admonitions, ESM lines, ``{expressions}``, JSX components.

Admonitions are mdit-py-plugins' ``container`` rule with ``:`` as marker; the
title after the type (``:::tip My title`` or ``:::tip[My title]``) is translatable and
the body is Markdown. MDX ``import``/``export`` statements (to the next blank line)
and lines holding only ``{expressions}`` (``{/* a comment */}``) are protected. An
expression inside a sentence (``{props.version}``) stays in its msgid and the gate
refuses a translation that drops, alters or adds one, or writes a tag MDX cannot
read (``iter_mdx``: ``a <b``, ``<br>``, ``</b> <b>``). JSX
components are read as HTML blocks are (``pages/html.py``): tags and their
attributes are protected (``label={x}`` values too), the text between them and the
site's ``attributes`` (``label``, ``title``, ``alt``...) are translatable. As in MDX,
indented lines are never code.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING

from cheatl10n.pages.dialects.base import Dialect, Part
from cheatl10n.pages.dialects.rules import first_line, title_part
from cheatl10n.pages.html import TAG

if TYPE_CHECKING:  # the expression scanner serves the gate too, which need not load markdown-it
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.token import Token

_ADMONITION = re.compile(
    r"^\s*:{3,}\s*[\w-]+(?:\[(?P<bracket>[^\]]*)\]|[ \t]+(?P<title>[^{]*?))?\s*(?:\{.*\})?\s*$"
)
_ESM = re.compile(r"(?:import|export)\s")
_QUOTES = "\"'`"
_LAST_IN_BLOCK = re.compile(r"<[ \t]*(?:\r?\n[ \t]*)?(?:\r?\n|$)")
_VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr")
)
"""HTML's void elements: HTML needs no closing tag for them, JSX does (``<br />``)."""


def read_expression(text: str, start: int) -> int:
    """Where the ``{expression}`` opening at ``start`` ends (just past its ``}``); -1 if it never closes.

    Braces nest; JavaScript strings and comments are skipped, so a ``}`` inside them
    does not close it.

    >>> text = "{/* } */ props['a}']} rest"
    >>> text[: read_expression(text, 0)]
    "{/* } */ props['a}']}"
    """
    depth, position, size = 0, start, len(text)
    while position < size:
        char = text[position]
        if char in _QUOTES:
            position = _string_end(text, position)
            if position < 0:
                return -1
            continue
        if text.startswith("/*", position):
            close = text.find("*/", position + 2)
            if close < 0:
                return -1
            position = close + 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return position + 1
        position += 1
    return -1


def _string_end(text: str, start: int) -> int:
    quote, position = text[start], start + 1
    while position < len(text):
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if char == quote:
            return position + 1
        if char == "\n" and quote != "`":
            return -1
        position += 1
    return -1


def iter_mdx(text: str) -> Iterator[tuple[str, int, int]]:
    """The MDX syntax in Markdown ``text`` outside code spans and ``\\{`` escapes, as
    ``(kind, start, end)``: ``expression`` for each ``{expression}`` (``end`` -1 for one that
    never closes: it is the last); for what makes MDX refuse a page, ``tag``: a ``<`` that
    opens no complete tag (``a <b``), ``void``: ``<br>`` without its slash, ``unmatched``: a
    closing tag that closes no open one, ``unclosed``: a tag still open at the end. For
    the tag kinds, ``text[start:end]`` is the ``<`` and the tag's name only.

    >>> text = "Use {props.x}, not `{y}` or \\\\{z}: <b>x</b> <br> <i {a"
    >>> [(kind, text[s:e]) for kind, s, e in iter_mdx(text)]
    [('expression', '{props.x}'), ('void', '<br'), ('tag', '<i'), ('expression', '{')]
    """
    position, size = 0, len(text)
    stack: list[tuple[str, int]] = []
    while position < size:
        char = text[position]
        if char == "\\":
            position += 2
        elif char == "`":
            position = _code_span_end(text, position)
        elif char == "{":
            end = read_expression(text, position)
            yield "expression", position, end
            if end < 0:
                return
            position = end
        elif char == "<" and text[position + 1 : position + 2] not in (" ", "\t", "\r", "\n"):
            position = yield from _jsx_tag(text, position, stack)
        elif char == "<" and _LAST_IN_BLOCK.match(text, position):
            yield "tag", position, position + 1  # "a <" ending a paragraph: MDX wants a name
            position += 1
        else:
            position += 1
    for name, start in stack:
        yield "unclosed", start, start + 1 + len(name)


def _jsx_tag(
    text: str, start: int, stack: list[tuple[str, int]]
) -> Generator[tuple[str, int, int], None, int]:
    """The problems of the tag at ``start`` (tracked on ``stack``); returns where it ends."""
    fragment = re.compile(r"<(/?)>").match(text, start)
    tag = fragment or TAG.match(text, start)
    if tag is None:
        yield "tag", start, min(start + 2, len(text))
        return start + 1
    name = "" if fragment else tag.group(2)
    closing, self_closing = bool(tag.group(1)), not fragment and bool(tag.group(4))
    if closing:
        if stack and stack[-1][0] == name:
            stack.pop()
        else:
            yield "unmatched", start, start + 2 + len(name)
    elif name.lower() in _VOID and not self_closing:
        yield "void", start, start + 1 + len(name)
    elif not self_closing:
        stack.append((name, start))
    return tag.end()


def iter_expressions(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each ``{expression}`` in Markdown ``text`` (``iter_mdx``)."""
    return ((start, end) for kind, start, end in iter_mdx(text) if kind == "expression")


def _code_span_end(text: str, start: int) -> int:
    """Past the code span opened by the backticks at ``start`` (past the backticks when none closes it)."""
    run = start
    while run < len(text) and text[run] == "`":
        run += 1
    ticks = text[start:run]
    close = text.find(ticks, run)
    while close >= 0:
        after = close + len(ticks)
        if after >= len(text) or text[after] != "`":
            return after
        while after < len(text) and text[after] == "`":
            after += 1
        close = text.find(ticks, after)
    return run


def _label(token: Token, text: str, _wanted: tuple[str, ...]) -> list[Part]:
    line = first_line(text)
    match = _ADMONITION.match(line)
    kind = "admonition title"
    return title_part(line, match, "title", kind) + title_part(line, match, "bracket", kind)


def _admonitions(md: MarkdownIt) -> None:
    from mdit_py_plugins.container import container_plugin

    container_plugin(md, "docusaurus", marker=":", validate=lambda params, markup: bool(params.strip()))


def _esm_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """An ``import``/``export`` statement at the margin, to the next blank line, is protected."""
    begin = state.bMarks[start] + state.tShift[start]
    if state.tShift[start] or not _ESM.match(state.src, begin):
        return False
    if silent:
        return True
    line = start + 1
    while line < end and not state.isEmpty(line):
        line += 1
    _protect(state, "mdx_esm", start, line)
    return True


def _expression_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Lines holding only ``{expressions}`` (a flow expression, ``{/* comment */}``) are protected."""
    position = state.bMarks[start] + state.tShift[start]
    if not state.src.startswith("{", position):
        return False
    limit = state.eMarks[end - 1]
    src = state.src[:limit]
    while True:
        closed = read_expression(src, position)
        if closed < 0:
            return False
        position = closed
        while position < limit and src[position] in " \t":
            position += 1
        if position >= limit or src[position] in "\r\n":
            break
        if src[position] != "{":
            return False
    last = start
    while state.eMarks[last] < position:
        last += 1
    if not silent:
        _protect(state, "mdx_expression", start, last + 1)
    return True


def _protect(state: StateBlock, name: str, start: int, stop: int) -> None:
    token = state.push(name, "", 0)
    token.map = [start, stop]
    token.block = True
    state.line = stop


def _mdx(md: MarkdownIt) -> None:
    """MDX's block syntax: ESM statements, flow expressions, and no indented code."""
    md.disable("code")
    md.block.ruler.before("paragraph", "mdx_esm", _esm_rule, {"alt": ["paragraph"]})
    md.block.ruler.before("paragraph", "mdx_expression", _expression_rule)


def blank_expressions(text: str) -> str:
    """``text`` with each ``{expression}`` made a space: what is left may be prose.

    >>> blank_expressions("{/* note */} Hello {name}")
    '  Hello  '
    """
    pieces, position = [], 0
    for start, end in iter_expressions(text):
        pieces += [text[position:start], " "]
        position = len(text) if end < 0 else end
    pieces.append(text[position:])
    return "".join(pieces)


DOCUSAURUS = Dialect(
    name="docusaurus",
    plugins=(_admonitions, _mdx),
    labellers={"container_docusaurus_open": _label},
    heading_ids=True,
    inline_components=True,
    syntax=blank_expressions,
)
