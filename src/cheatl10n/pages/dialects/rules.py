"""Block rules that dialects share: protected lines, indented blocks, title parts.

Each rule is a markdown-it block rule; the tokens it pushes have a ``map`` (their
lines) and a type the segmenter does not know, so their text stays literal unless
the dialect names a labeller for that type.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from cheatl10n.pages.dialects.base import Part, Plugin

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock

ATTRIBUTE_LINE = r"\{:?[ \t]*[#.][^{}]*\}[ \t]*$"
"""A block attribute list on a line of its own (``{#id}``, ``{: .class }``): markup, never prose."""
_INTERRUPTS = ["paragraph", "reference", "blockquote", "list"]


def _is_code(state: StateBlock, line: int) -> bool:
    return state.sCount[line] - state.blkIndent >= 4


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def protected_lines(name: str, patterns: Sequence[str], indented_options: str = "") -> Plugin:
    """A plugin: each run of lines matching one of ``patterns`` is protected markup.

    Lines right after a line matching ``indented_options`` that are indented deeper
    than it (mkdocstrings' ``::: module`` options) belong to it.
    """
    regex = re.compile("|".join(f"(?:{pattern})" for pattern in patterns))
    options = re.compile(indented_options) if indented_options else None

    def rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if _is_code(state, start) or not regex.match(_line(state, start)):
            return False
        if silent:
            return True
        line = start
        while line < end and not _is_code(state, line) and regex.match(_line(state, line)):
            opener = _line(state, line)
            line += 1
            if options is not None and options.match(opener):
                while line < end and (state.isEmpty(line) or state.sCount[line] > state.sCount[start]):
                    line += 1
                while line > start + 1 and state.isEmpty(line - 1):
                    line -= 1
        token = state.push(name, "", 0)
        token.map = [start, line]
        token.block = True
        state.line = line
        return True

    def plugin(md: MarkdownIt) -> None:
        md.block.ruler.before("paragraph", name, rule, {"alt": _INTERRUPTS})

    return plugin


def indented_block(name: str, opener: str) -> Plugin:
    """A plugin: a line matching ``opener`` whose body is the following lines indented by 4.

    The body is parsed as Markdown (nested blocks), as Python-Markdown's tabs
    (``=== "Tab"``) and admonitions are.
    """
    regex = re.compile(opener)

    def rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if _is_code(state, start) or not regex.match(_line(state, start)):
            return False
        if silent:
            return True
        indent = state.sCount[start] + 4
        line = start + 1
        last = line
        while line < end:
            if state.isEmpty(line):
                line += 1
                continue
            if state.sCount[line] < indent:
                break
            line += 1
            last = line
        old_indent, old_parent, old_max = state.blkIndent, state.parentType, state.lineMax
        token = state.push(f"{name}_open", "div", 1)
        token.map = [start, last]
        token.block = True
        state.blkIndent, state.parentType, state.lineMax = indent, "container", last
        state.md.block.tokenize(state, start + 1, last)
        state.blkIndent, state.parentType, state.lineMax = old_indent, old_parent, old_max
        closing = state.push(f"{name}_close", "div", -1)
        closing.block = True
        state.line = last
        return True

    def plugin(md: MarkdownIt) -> None:
        md.block.ruler.before("paragraph", name, rule, {"alt": _INTERRUPTS})

    return plugin


def title_part(text: str, match: re.Match[str] | None, group: str, kind: str) -> list[Part]:
    """The part for a title captured as ``group`` of ``match`` (none when empty or absent)."""
    if match is None or match.group(group) is None:
        return []
    start, end = match.span(group)
    value = text[start:end]
    stripped = value.strip()
    if not stripped:
        return []
    start += len(value) - len(value.lstrip())
    return [Part(start, start + len(stripped), kind, stripped)]


def first_line(text: str) -> str:
    """The token's first line, without its line break."""
    return text.split("\n", 1)[0].rstrip("\r")
