"""The documented limits on a page, checked before any parser sees it (docs/limits.md).

Each limit keeps time and memory linear and small on hostile or broken input:
a page over ``PAGE_LIMIT`` bytes or ``LINE_LIMIT`` lines, a line with more than ``TABLE_COLUMNS`` pipes
(markdown-it makes tokens for every cell of a table row), and frontmatter
nested deeper than ``YAML_DEPTH`` or expanding, through aliases, to more than
``YAML_NODES`` values (a "billion laughs" bomb of a few hundred bytes) are
refused with ``path:line: error:`` at once, rather than running for minutes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import cast

import yaml

from cheatl10n.errors import SourceError

PAGE_LIMIT = 2 * 1024 * 1024
"""Bytes in one page (the largest page of the corpora, FastAPI's release notes, is 0.7 MB)."""
LINE_LIMIT = 30_000
"""Lines in one page (that page has 7,402)."""
TABLE_COLUMNS = 1000
"""Columns of the widest table: ``|`` on one line, less one."""
YAML_DEPTH = 64
"""Collections inside collections in frontmatter."""
YAML_NODES = 10_000
"""Values in frontmatter, counting every alias as the values it stands for."""


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def check_page_size(size: int, path: Path) -> None:
    if size > PAGE_LIMIT:
        raise SourceError(
            f"page is {_megabytes(size)}, over the limit of {_megabytes(PAGE_LIMIT)}; split it", path, 1
        )


def check_line_count(count: int, path: Path) -> None:
    if count > LINE_LIMIT:
        raise SourceError(f"page has {count:,} lines, over the limit of {LINE_LIMIT:,}; split it", path, 1)


def check_table_width(text: str, path: Path) -> None:
    """Refuse a line with more ``|`` than a table may have columns."""
    if text.count("|") <= TABLE_COLUMNS + 1:
        return  # the common case: one count over the page
    for number, line in enumerate(text.split("\n"), 1):
        if line.count("|") > TABLE_COLUMNS + 1:
            raise SourceError(
                f"line holds {line.count('|'):,} '|': over the limit of {TABLE_COLUMNS:,} table columns",
                path,
                number,
            )


class LimitError(yaml.MarkedYAMLError):
    """YAML over a limit; raised as the parsers' own errors are, with the place."""

    def __init__(self, problem: str, event: yaml.Event) -> None:
        super().__init__(None, None, problem, cast("yaml.Mark", event.start_mark))


class _Open:
    """A collection the parser is inside: its values so far (aliases expanded) and its anchor."""

    __slots__ = ("anchor", "size")

    def __init__(self, anchor: str | None) -> None:
        self.size = 1
        self.anchor = anchor


class _TopLevel:
    """The keys of the top-level mapping, to refuse an alias as one of their values."""

    __slots__ = ("allowed", "expect_key", "key", "mapping")

    def __init__(self, allowed: bool) -> None:
        self.allowed = allowed
        self.expect_key, self.key, self.mapping = True, "", False

    def see(self, depth: int, event: yaml.Event) -> None:
        if depth == 1:
            self.mapping = isinstance(event, yaml.MappingStartEvent)
        if self.allowed or depth != 2 or not self.mapping:
            return
        if self.expect_key:
            self.expect_key, self.key = False, str(getattr(event, "value", ""))
            return
        if isinstance(event, yaml.AliasEvent):
            raise LimitError(
                f"key {self.key!r} takes its value from an alias (*{event.anchor}); write the value out",
                event,
            )
        self.expect_key = True


_EVENTS = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when installed: the check costs microseconds on a usual frontmatter."""


def check_yaml(text: str, top_aliases: bool = True) -> None:
    """Refuse YAML nested deeper than ``YAML_DEPTH`` or expanding to over ``YAML_NODES`` values;
    without ``top_aliases``, also a top-level key whose value is an alias (its text is elsewhere:
    no slot can hold it, no span can name it).

    One pass over the parser's events (never recursive, never expanding an alias);
    a syntax error is left to the parse that follows. libyaml stops at its own
    nesting limit with an error, so on any error PyYAML's parser walks the events again.
    """
    for loader in dict.fromkeys((_EVENTS, yaml.SafeLoader)):
        try:
            _walk(yaml.parse(text, Loader=loader), top_aliases)
            return
        except LimitError:
            raise
        except yaml.YAMLError:
            continue


def _walk(events: Iterator[yaml.Event], top_aliases: bool) -> None:
    sizes: dict[str, int] = {}
    stack = [_Open(None)]
    top = _TopLevel(top_aliases)
    for event in events:
        if isinstance(event, yaml.CollectionEndEvent):
            done = stack.pop()
            if done.anchor:
                sizes[done.anchor] = done.size
            count = done.size
        elif isinstance(event, (yaml.CollectionStartEvent, yaml.AliasEvent, yaml.ScalarEvent)):
            top.see(len(stack), event)
            if isinstance(event, yaml.CollectionStartEvent):
                if len(stack) > YAML_DEPTH:
                    raise LimitError(f"nested deeper than the limit of {YAML_DEPTH} levels", event)
                stack.append(_Open(event.anchor))
                continue
            count = sizes.get(event.anchor or "", 1) if isinstance(event, yaml.AliasEvent) else 1
            if isinstance(event, yaml.ScalarEvent) and event.anchor:
                sizes[event.anchor] = 1
        else:
            continue
        stack[-1].size += count
        if stack[-1].size > YAML_NODES:
            raise LimitError(f"expands through aliases to over the limit of {YAML_NODES:,} values", event)
