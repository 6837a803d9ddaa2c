"""YAML frontmatter: find the block, its data, and the spans of the configured keys' values.

python-frontmatter tells where the block is; the spans come from ``yaml.compose``
node marks, so a value is replaced in place and the rest of the block is kept
byte for byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from cheatl10n.errors import SourceError
from cheatl10n.model import Meta, Slot, SlotKind, Span
from cheatl10n.pages.limits import YAML_NODES, check_yaml
from cheatl10n.pages.source import Source

_STR_TAG = "tag:yaml.org,2002:str"
FRONTMATTER_CONTEXT = "frontmatter"
"""msgctxt of frontmatter and route meta values: a page's description is often the same
English text as a paragraph, but translators word metadata apart."""
_BOUNDARY = YAMLHandler.FM_BOUNDARY
_STYLES = {None: "", "": "", "'": "'", '"': '"', "|": "|", ">": ">"}


@dataclass(frozen=True, slots=True)
class Frontmatter:
    """Where the frontmatter sits in a page."""

    first_line: int
    """0-based index of the opening ``---`` line."""
    body_line: int
    """0-based index of the first line after the closing ``---``."""
    start: int
    """Offset of the YAML text (after the opening line)."""
    end: int
    """Offset just past the YAML text (the start of the closing line)."""


def find_frontmatter(source: Source) -> Frontmatter | None:
    """The frontmatter block, when the page opens with ``---`` and closes it."""
    if not source.line_count or not _BOUNDARY.fullmatch(source.line_text(0)):
        return None
    for index in range(1, source.line_count):
        if _BOUNDARY.fullmatch(source.line_text(index)):
            start = source.line_starts[1] if source.line_count > 1 else len(source.text)
            return Frontmatter(0, index + 1, start, source.line_starts[index])
    return None


def yaml_data(text: str) -> Any:
    """What a YAML text loads to, with the safe loader and within the limits (``pages.limits``).

    Raises ``ValueError`` when the text is not valid YAML or goes over a limit.
    """
    try:
        check_yaml(text)
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:  # a LimitError is one
        raise ValueError(str(getattr(exc, "problem", None) or exc)) from exc


def frontmatter_data(source: Source, block: Frontmatter | None) -> Any:
    """The frontmatter's data as PyYAML's safe loader reads it; None without a block."""
    return yaml_data(source.text[block.start : block.end]) if block else None


def _yaml_error(source: Source, block: Frontmatter, exc: yaml.YAMLError) -> SourceError:
    mark = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    if context is not None and (mark is None or mark.index >= block.end - block.start):
        mark = context  # "got <stream end>": the construct left open is the place to look
    line = source.line_of(block.start + mark.index) if mark is not None else block.first_line + 1
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return SourceError(f"frontmatter is not valid YAML: {problem}", source.path, line)


# Lines of ``key: value`` with a quoted or simple plain value, and keys holding such lines
# indented alike (a route block's ``meta:``): the frontmatter of nearly every page. For
# such text libyaml's parser (C) composes the very nodes and marks PyYAML's own (Python)
# does, at a twentieth of the cost; anything else, and any error, goes to the Python
# parser, whose messages and corner cases are the rule.
# Checked by tests/unit/pages/test_frontmatter.py against both parsers on mutated inputs.
# Runs of ordinary characters are taken whole (``++``: never given back, so no backtracking).
_PLAIN = r"""[^\s\-?:,\[\]{}#&*!|>'"%@`](?:[^\s:#]++|:(?=\S)|(?<=\S)\#|[ ]+(?=[^\s#]))*"""
_VALUE = rf"""(?:"(?:[^"\\]++|\\.)*"|'(?:[^']++|'')*'|{_PLAIN})"""
_KEY = r"[A-Za-z_][A-Za-z0-9_-]*:"
_ENTRY = rf"{_KEY}(?:[ ]+{_VALUE})?[ ]*"
_NESTED = rf"{_KEY}[ ]*\n(?P<indent>[ ]+){_ENTRY}\n(?:(?P=indent){_ENTRY}\n)*"
_SIMPLE = re.compile(rf"(?:(?:{_ENTRY})?\n|{_NESTED})*")
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def compose_yaml(text: str, top_aliases: bool = True) -> yaml.Node | None:
    """``yaml.compose`` with the safe loader: libyaml's parser for simple text, else PyYAML's.

    Without ``top_aliases``, a top-level key whose value is an alias is refused.
    """
    simple = _SIMPLE.fullmatch(text) is not None
    if not (simple and 2 * text.count("\n") + 2 <= YAML_NODES):
        # no alias bomb, no nesting deep enough to exhaust the stack; simple text is mappings
        # two deep without anchors or aliases, of at most two values a line: under every limit
        check_yaml(text, top_aliases)
    if _FAST_LOADER is not None and simple:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass  # the Python parser says what is wrong
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _unsafe_tag(node: yaml.Node | None) -> yaml.Node | None:
    """The first node whose tag PyYAML's safe loader has no constructor for."""
    stack = [node] if node is not None else []
    known = yaml.SafeLoader.yaml_constructors
    while stack:
        current = stack.pop()
        if current.tag not in known:
            return current
        if isinstance(current, yaml.MappingNode):
            stack.extend(item for pair in current.value for item in pair)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return None


def compose_frontmatter(source: Source, block: Frontmatter) -> yaml.MappingNode | None:
    """Parse the block safely: no tag is ever constructed into an object."""
    text = source.text[block.start : block.end]
    try:
        node = compose_yaml(text, top_aliases=False)
    except yaml.YAMLError as exc:
        raise _yaml_error(source, block, exc) from exc
    # compose() builds no object; a tag the safe loader could not build either
    # (``!!python/object/apply``) is refused here, and never run.
    unsafe = _unsafe_tag(node)
    if unsafe is not None:
        line = source.line_of(block.start + unsafe.start_mark.index)
        raise SourceError(
            f"frontmatter is not valid YAML: tag {unsafe.tag!r} is not allowed", source.path, line
        )
    if node is None:
        return None
    if not isinstance(node, yaml.MappingNode):
        line = source.line_of(block.start + node.start_mark.index)
        raise SourceError("frontmatter is not a mapping of keys to values", source.path, line)
    seen: dict[str, int] = {}
    for key, _value in node.value:
        line = source.line_of(block.start + key.start_mark.index)
        if isinstance(key, yaml.ScalarNode) and key.value in seen:
            raise SourceError(
                f"frontmatter key {key.value!r} is repeated (first on line {seen[key.value]})",
                source.path,
                line,
            )
        seen[str(key.value)] = line
    return node


def scalar_slots(
    source: Source, mapping: yaml.MappingNode, offset: int, keys: tuple[str, ...], kind: SlotKind
) -> list[Slot]:
    """Slots for the string values of ``keys`` in a composed mapping.

    ``offset`` is where the composed text starts in the page. A list under a
    listed key is translated item by item; any other value that is not a string
    (``title: 2019``, a date, a boolean, a mapping) is left as it is.
    """
    slots: list[Slot] = []
    for key, value in mapping.value:
        if not isinstance(key, yaml.ScalarNode) or key.value not in keys:
            continue
        detail = str(key.value)
        if isinstance(value, yaml.SequenceNode):
            flow = "[" if value.flow_style or mapping.flow_style else ""
            items = [item for item in value.value if isinstance(item, yaml.ScalarNode)]
            found = (_string_slot(source, item, offset, kind, detail, flow) for item in items)
            slots.extend(slot for slot in found if slot is not None)
        elif isinstance(value, yaml.ScalarNode):
            # In a flow mapping ({title: a, description: b}) a plain scalar ends at "," or "}":
            # a translation there is written for a flow context, so it cannot add or break keys.
            slot = _string_slot(source, value, offset, kind, detail, "[" if mapping.flow_style else "")
            if slot is not None:
                slots.append(slot)
    return slots


def _string_slot(
    source: Source, value: yaml.ScalarNode, offset: int, kind: SlotKind, detail: str, flow: str
) -> Slot | None:
    """A slot for one string scalar; None for other scalars (numbers, dates, booleans, null) and blanks."""
    if value.tag != _STR_TAG or not value.value.strip():
        return None
    start, end = offset + value.start_mark.index, offset + value.end_mark.index
    while end > start and source.text[end - 1] in "\r\n":
        end -= 1  # a block scalar's mark runs past its last line break: keep that
    return Slot(
        kind=kind,
        detail=detail,
        spans=(Span(start, end),),
        line=source.line_of(start),
        msgid=value.value,
        render="yaml",
        style=flow + _STYLES.get(value.style, ""),
        context=FRONTMATTER_CONTEXT,
    )


def frontmatter_slots(source: Source, keys: tuple[str, ...]) -> tuple[list[Slot], int, Meta | None]:
    """Slots for the configured frontmatter keys, the 0-based line where the body starts, the block."""
    block = find_frontmatter(source)
    if block is None:
        return [], 0, None
    mapping = compose_frontmatter(source, block)
    insert_at = source.line_starts[block.body_line - 1]
    if mapping is None:
        return [], block.body_line, Meta((), insert_at)
    meta = Meta(tuple(_key_entries(source, mapping, block.start)), insert_at)
    return scalar_slots(source, mapping, block.start, keys, SlotKind.FRONTMATTER), block.body_line, meta


def _key_entries(source: Source, mapping: yaml.MappingNode, offset: int) -> list[tuple[str, Span]]:
    """Each top-level key with the span of its text: from its line's start to the end of its value."""
    entries = []
    for key, value in mapping.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        start = source.line_starts[source.line_of(offset + key.start_mark.index) - 1]
        end = offset + value.end_mark.index
        while end > start and source.text[end - 1] in " \t\r\n":
            end -= 1
        entries.append((str(key.value), Span(start, end)))
    return entries


def is_key_text(text: str, key: str, delimiter: str = "---") -> bool:
    """Whether ``text`` is frontmatter that sets ``key`` and nothing else.

    >>> is_key_text("layout: 'article'", "layout"), is_key_text("layout: [", "layout")
    (True, False)
    """
    try:
        node = compose_yaml(text + "\n")
        if _unsafe_tag(node) is not None:
            return False
        loaded = yaml.safe_load(text + "\n")
    except yaml.YAMLError:
        return False
    return isinstance(loaded, dict) and list(loaded) == [key]


def _loads_back(text: str, scalar: str, flow: bool) -> bool:
    document = f"k: [{scalar}]\n" if flow else f"k: {scalar}\n"
    try:
        return bool(yaml.safe_load(document) == {"k": [text] if flow else text})
    except yaml.YAMLError:
        return False


@lru_cache(maxsize=1024)  # build asks twice per value: to judge it, then to write it
def quote_scalar(text: str, style: str) -> str:
    """A YAML scalar that loads back to ``text``, in the source's style where possible.

    A style starting with ``[`` is an item of a flow sequence (``[a, b]``).

    >>> quote_scalar("Привет", "")
    'Привет'
    >>> quote_scalar("a: b", "")
    "'a: b'"
    >>> quote_scalar("a, b", "[")
    "'a, b'"
    """
    flow = style.startswith("[")
    style = style.removeprefix("[")
    single = "'" + text.replace("'", "''") + "'"
    candidates = {"": [text, single], "'": [single]}.get(style, [])
    for candidate in candidates:
        if "\n" not in candidate and "\r" not in candidate and _loads_back(text, candidate, flow):
            return candidate
    double = '"' + "".join(_escape_double(char) for char in text) + '"'
    return double


def _escape_double(char: str) -> str:
    if char in '"\\':
        return "\\" + char
    code = ord(char)
    if char == "\n":
        return "\\n"
    if char == "\t":
        return "\\t"
    if code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0 or code in (0x2028, 0x2029, 0xFEFF):
        return f"\\u{code:04x}"
    return char


def route_slots(source: Source, start: int, end: int, keys: tuple[str, ...]) -> list[Slot]:
    """Slots for the ``meta:`` values of ``keys`` in a ``<route lang="yaml">`` block's YAML."""
    text = source.text[start:end]
    try:
        node = compose_yaml(text)
        if _unsafe_tag(node) is not None:
            raise yaml.YAMLError("a tag the safe loader refuses")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = source.line_of(start + mark.index) if mark is not None else source.line_of(start)
        raise SourceError("route block is not valid YAML", source.path, line) from exc
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "meta" and isinstance(value, yaml.MappingNode):
            return scalar_slots(source, value, start, keys, SlotKind.ROUTE)
    return []


def yaml_shape(text: str) -> object:
    """What a YAML text holds, strings left out: its keys, and every value that is not text.

    A translated value may change a string, never the keys or anything else. Read
    from the composed nodes (aliases are never expanded), three mappings deep.
    Raises ``ValueError`` when the text is not valid YAML.

    >>> yaml_shape("title: Hi\\nweight: 2\\n")
    {'title': 'text', 'weight': ('tag:yaml.org,2002:int', '2')}
    """
    try:
        node = compose_yaml(text)
    except yaml.YAMLError as exc:
        raise ValueError(str(getattr(exc, "problem", None) or exc)) from exc
    return _shape(node, 3)


def _shape(node: yaml.Node | None, depth: int) -> object:
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        return "text" if node.tag == _STR_TAG else (node.tag, node.value)
    if isinstance(node, yaml.SequenceNode):
        return ("list", len(node.value)) if depth <= 0 else [_shape(item, depth - 1) for item in node.value]
    if depth <= 0 or not isinstance(node, yaml.MappingNode):
        return (node.tag, len(node.value))
    return {
        key.value if isinstance(key, yaml.ScalarNode) else repr(_shape(key, 0)): _shape(value, depth - 1)
        for key, value in node.value
    }
