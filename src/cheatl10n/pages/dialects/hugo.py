"""Hugo: shortcodes as protected markup with translatable text parameters; TOML frontmatter.

The grammar follows Hugo's shortcode lexer (``parser/pageparser/pagelexer_shortcode.go``):
a call opens with ``{{<`` or ``{{%`` and closes with ``>}}`` or ``%}}`` (``/>}}`` when
self-closing); a ``/`` before the name closes a paired shortcode; parameters are
positional or ``name=value``, a value being a ``"quoted"`` string (backslash escapes),
a ```raw``` string, or a bare word; a call may span lines. ``{{</* x */>}}`` is Hugo's
escaped form, shown as text: also protected.

A line (or lines) holding only calls is a protected block: its text parameters are
translatable (``title``, ``text``, ``caption``... and the positional label of ``tab``),
and the Markdown between a paired shortcode's calls is segmented as any other.
``{{< comment >}}...{{< /comment >}}`` is never prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cheatl10n.pages.dialects.base import Dialect, Part
from cheatl10n.pages.dialects.rules import ATTRIBUTE_LINE, protected_lines

if TYPE_CHECKING:  # the lexer serves checks too, which never load markdown-it
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.token import Token

_OPEN = re.compile(r"\{\{([<%])(/\*)?\s*(/)?\s*")
_END_COMMENT = re.compile(r"\{\{[<%]\s*/\s*comment\s*[>%]\}\}")
_NAME = re.compile(r"[\w./-]+")
_PARAM = re.compile(
    r"""\s*(?:([A-Za-z_][\w-]*)\s*=\s*)?("(?:[^"\\]|\\.)*"|`[^`]*`|[^\s"`>%/=][^\s>%]*?(?=\s|/?[>%]\}\}|$))""",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Param:
    name: str | None
    """None for a positional parameter."""
    start: int
    """Offset of the value (quotes included)."""
    end: int


@dataclass(frozen=True, slots=True)
class Call:
    """One shortcode call."""

    start: int
    end: int
    name: str
    closing: bool
    params: tuple[Param, ...]


def read_call(text: str, position: int) -> Call | None:
    """The shortcode call starting at ``position``, or None when there is none (or it never closes)."""
    opened = _OPEN.match(text, position)
    if opened is None:
        return None
    delimiter, comment, slash = opened.groups()
    closer = (" */" if comment else "") + (">}}" if delimiter == "<" else "%}}")
    if comment:
        end = text.find("*/" + closer[-3:], opened.end())
        return Call(position, end + 5, "", False, ()) if end >= 0 else None
    name = _NAME.match(text, opened.end())
    if name is None:
        return None
    cursor = name.end()
    params: list[Param] = []
    while True:
        rest = re.compile(r"\s*/?" + re.escape(closer)).match(text, cursor)
        if rest is not None:
            return Call(position, rest.end(), name.group(), bool(slash), tuple(params))
        param = _PARAM.match(text, cursor)
        if param is None or param.end() == cursor:
            return None
        params.append(Param(param.group(1), param.start(2), param.end(2)))
        cursor = param.end()


def iter_calls(text: str) -> Iterator[Call]:
    """The calls in ``text``, in order (text between them is skipped)."""
    position = text.find("{{")
    while position >= 0:
        call = read_call(text, position)
        if call is None:
            position = text.find("{{", position + 2)
            continue
        yield call
        position = text.find("{{", call.end)


def _calls_only(text: str, position: int) -> int:
    """Where a run of calls and white space from ``position`` ends; -1 if text follows on the line."""
    while True:
        while position < len(text) and text[position] in " \t":
            position += 1
        if position >= len(text) or text[position] in "\r\n":
            return position
        call = read_call(text, position)
        if call is None:
            return -1
        position = call.end


def edge_calls(text: str) -> tuple[int, int]:
    """Where the text of a line starts and ends, leaving out the shortcode calls at either end.

    >>> edge_calls('{{% option name="x" %}} Set it. {{% /option %}}')
    (24, 31)
    """
    lead = 0
    while (call := read_call(text, lead)) is not None:
        lead = call.end
        while lead < len(text) and text[lead] in " \t\r\n":
            lead += 1
    trail = len(text)
    calls = [call for call in iter_calls(text) if call.start >= lead]
    while calls and calls[-1].end == trail:
        trail = calls.pop().start
        while trail > lead and text[trail - 1] in " \t\r\n":
            trail -= 1
    return lead, trail


def _shortcode_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    begin = state.bMarks[start] + state.tShift[start]
    if not state.src.startswith(("{{<", "{{%"), begin):
        return False
    first = read_call(state.src, begin)
    stop = _calls_only(state.src, begin)
    if first is not None and first.name == "comment" and not first.closing:
        closing = _END_COMMENT.search(state.src, first.end)
        stop = _calls_only(state.src, closing.end()) if closing is not None else -1
    if stop < 0:
        return False
    last = start
    while last < end and state.eMarks[last] < stop:
        last += 1
    if last >= end:
        return False
    if silent:
        return True
    token = state.push("hugo_shortcode", "", 0)
    token.map = [start, last + 1]
    token.block = True
    token.meta = {"comment": first is not None and first.name == "comment"}
    state.line = last + 1
    return True


def shortcode_plugin(md: MarkdownIt) -> None:
    """Lines holding only shortcode calls are one protected block."""
    md.block.ruler.before("paragraph", "hugo_shortcode", _shortcode_rule, {"alt": ["paragraph", "list"]})


def _unquote(raw: str) -> tuple[str, str]:
    """The value of a parameter and its quote (``"``, ``` ` ``` or none)."""
    if raw.startswith('"'):
        return re.sub(r"\\(.)", r"\1", raw[1:-1]), '"'
    if raw.startswith("`"):
        return raw[1:-1], "`"
    return raw, ""


def parameter_parts(text: str, wanted: tuple[str, ...]) -> list[Part]:
    """Parts for the translatable parameters of every call in ``text``."""
    parts = []
    for call in iter_calls(text):
        if call.closing or not call.name:
            continue
        for index, param in enumerate(call.params):
            label = param.name if param.name is not None else f"{call.name}:{index}"
            if label not in wanted:
                continue
            value, quote = _unquote(text[param.start : param.end])
            if not re.search(r"[^\W\d_]", value) or (not quote and value in ("true", "false")):
                continue
            start, end = (param.start + 1, param.end - 1) if quote else (param.start, param.end)
            shown = param.name or ("label" if index == 0 else f"argument {index + 1}")
            kind = f"shortcode {call.name}: {shown}"
            parts.append(Part(start, end, kind, value, "quoted", quote or "bare"))
    return parts


def _label_shortcode(token: Token, text: str, wanted: tuple[str, ...]) -> list[Part]:
    if token.meta.get("comment"):
        return []
    return parameter_parts(text, wanted)


HUGO = Dialect(
    name="hugo",
    plugins=(shortcode_plugin, protected_lines("attribute_line", (ATTRIBUTE_LINE,))),
    labellers={"hugo_shortcode": _label_shortcode},
    frontmatter=("---", "+++"),
    edges=edge_calls,
    heading_ids=True,
)
