"""Comments in Python code blocks, found with the standard library's tokenize.

Only ``#`` comments are offered to translators (with ``code_comments = true``);
everything else in a block, string literals and docstrings included, stays as
the source has it.
"""

from __future__ import annotations

import io
import re
import tokenize

from cheatl10n.model import Slot, SlotKind, Span
from cheatl10n.pages.source import Source
from cheatl10n.pages.text import has_prose

_ENCODING = re.compile(r"^#.*?coding[:=][ \t]*[-\w.]+")
"""A PEP 263 encoding declaration, which only counts on a block's first two lines."""


def _comments(code: str) -> list[tuple[int, int, str]]:
    """(row, column, text) of each comment token; stops quietly where the code stops tokenizing."""
    found = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            if token.type == tokenize.COMMENT:
                found.append((token.start[0], token.start[1], token.string))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass  # not (all) Python: keep the comments read so far
    return found


def comment_slots(source: Source, start: int, end: int) -> list[Slot]:
    """Slots for the ``#`` comments of the Python code in ``source.text[start:end]``.

    ``start`` must be the start of a line.
    """
    first_line = source.line_of(start) - 1
    slots = []
    for row, column, text in _comments(source.text[start:end]):
        line_start = source.line_starts[first_line + row - 1]
        whole_line = not source.text[line_start : line_start + column].strip()
        if whole_line and (text.startswith("#!") or (row <= 2 and _ENCODING.match(text))):
            continue
        body = text.lstrip("#").lstrip()
        body = body.rstrip()
        if not body or not has_prose(body):
            continue
        begin = line_start + column + (len(text) - len(text.lstrip("#").lstrip()))
        span = Span(begin, begin + len(body))
        slots.append(
            Slot(
                kind=SlotKind.CODE_COMMENT,
                spans=(span,),
                line=first_line + row,
                msgid=body,
                render="line",
                place=source.text[line_start : line_start + column].strip(),
            )
        )
    return slots
