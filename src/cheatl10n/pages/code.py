"""The translatable parts of fenced code: comments, Python strings and docstrings, output lines.

``code_language`` is the one place that decides which language a fence holds.
Python blocks are read with the standard library's tokenize, the exact
reference for Python: its comments (``code_comments``) and its string literals
and docstrings (``code_strings``). Every other language Pygments has a lexer
for gives its comment tokens (``code_comments``). An ``output`` block is
program output: each line with prose is a slot (``code_output``). Everything
else in a block is literal text, so a translation can only ever replace these
slots and the code around them stays the source's. See docs/code.md.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cheatl10n.model import SegmentOptions, Slot, SlotKind, Span
from cheatl10n.pages.source import Source
from cheatl10n.pages.text import has_prose

PYTHON = "python"
OUTPUT = "output"
_PYTHON_NAMES = frozenset({"python", "py", "python3", "py3"})
_NAME = re.compile(r"[\w+#-]*")
_ENCODING = re.compile(r"^#.*?coding[:=][ \t]*[-\w.]+")
"""A PEP 263 encoding declaration, which only counts on a block's first two lines."""
_STRING = re.compile(r"([A-Za-z]*)('''|\"\"\"|'|\")")
_COMMENT_LEAD = re.compile(r"[ \t]*(?:<!--|/\*+|//+|#+|--+|;+|%+|\*+|::|[Rr][Ee][Mm](?=[ \t]|$))?[ \t]*")
"""A comment line's marker: kept as code, never part of the text (``rem`` and ``::`` of batch files too)."""
_COMMENT_TAIL = re.compile(r"[ \t]*(?:\*+/|-->)?[ \t\r]*$")
_STRING_BODY = re.compile(r"""(['"]).*?\1""")


@lru_cache(maxsize=256)  # a site names a handful of languages, on every fence
def code_language(info: str) -> str:
    """The language a fence's info string names: its first word, lower-cased; Python's aliases as ``python``.

    >>> code_language("Python"), code_language("py title='x'"), code_language("ts{1,3}"), code_language("")
    ('python', 'python', 'ts', '')
    """
    words = info.strip().split(maxsplit=1)
    if not words:
        return ""
    match = _NAME.match(words[0].lstrip("{."))
    name = match.group().lower() if match else ""
    return PYTHON if name in _PYTHON_NAMES else name


def wants_code(options: SegmentOptions) -> bool:
    """Whether any part of fenced code is translated with these options."""
    return options.code_comments or options.code_strings or options.code_output


@dataclass(frozen=True, slots=True)
class _Piece:
    kind: str
    start: int
    """Offset into the block's code."""
    end: int
    render: str = "line"


def code_slots(source: Source, start: int, end: int, language: str, options: SegmentOptions) -> list[Slot]:
    """Slots for the translatable parts of the code in ``source.text[start:end]`` (a line start)."""
    code = source.text[start:end]
    if language == PYTHON:
        # tokenize finds a comment only at a "#": without one, and with strings left alone, no piece
        wanted = options.code_strings or (options.code_comments and "#" in code)
        pieces = list(_python_pieces(code, options.code_comments, options.code_strings)) if wanted else []
    elif language == OUTPUT:
        pieces = list(_output_pieces(code)) if options.code_output else []
    elif language and options.code_comments:
        pieces = list(_lexed_comments(code, language))
    else:
        pieces = []
    slots = []
    for piece in pieces:
        msgid = code[piece.start : piece.end]
        if not msgid or not has_prose(msgid):
            continue
        line_start = source.line_starts[source.line_of(start + piece.start) - 1]
        before = source.text[line_start : start + piece.start]
        slots.append(
            Slot(
                kind=SlotKind(piece.kind),
                spans=(Span(start + piece.start, start + piece.end),),
                line=source.line_of(start + piece.start),
                msgid=msgid,
                render=piece.render,
                place=_STRING_BODY.sub(r"\1\1", before).strip(),
            )
        )
    return slots


def _offsets(code: str) -> list[int]:
    starts = [0]
    starts.extend(match.end() for match in re.finditer(r"\n", code))
    return starts


def _python_tokens(code: str) -> Iterator[tokenize.TokenInfo]:
    """tokenize's tokens of ``code``; stops quietly where the code stops being Python."""
    try:
        yield from tokenize.generate_tokens(io.StringIO(code).readline)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return


def _python_pieces(code: str, comments: bool, strings: bool) -> Iterator[_Piece]:
    starts = _offsets(code)
    fstring_start = getattr(tokenize, "FSTRING_START", -1)  # Python 3.12 splits f-strings
    fstring_end = getattr(tokenize, "FSTRING_END", -1)
    opened: tuple[int, int] | None = None
    for token in _python_tokens(code):
        offset = starts[token.start[0] - 1] + token.start[1]
        if token.type == tokenize.COMMENT and comments:
            piece = _python_comment(code, token, offset)
            if piece is not None:
                yield piece
        elif token.type == fstring_start:
            opened = opened or (token.start[0], offset)
        elif token.type == fstring_end and opened is not None:
            stop = starts[token.end[0] - 1] + token.end[1]
            if strings:
                yield from _string_piece(code, opened[1], stop)
            opened = None
        elif token.type == tokenize.STRING and strings and opened is None:
            yield from _string_piece(code, offset, offset + len(token.string))


def _python_comment(code: str, token: tokenize.TokenInfo, offset: int) -> _Piece | None:
    row, column = token.start
    text = token.string
    line_start = offset - column
    whole_line = not code[line_start:offset].strip()
    if whole_line and (text.startswith("#!") or (row <= 2 and _ENCODING.match(text))):
        return None
    body = text.lstrip("#").lstrip().rstrip()
    begin = offset + (len(text) - len(text.lstrip("#").lstrip()))
    return _Piece("code comment", begin, begin + len(body))


def _string_piece(code: str, start: int, end: int) -> Iterator[_Piece]:
    """The text between a string literal's quotes, white space at its ends left out; bytes are not text."""
    literal = code[start:end]
    match = _STRING.match(literal)
    if match is None or "b" in match.group(1).lower():
        return
    quote = match.group(2)
    inner_start, inner_end = start + match.end(), end - len(quote)
    inner = code[inner_start:inner_end]
    lead = len(inner) - len(inner.lstrip())
    body = inner.strip()
    if not body:
        return
    render = "code" if "\n" in body else "line"
    yield _Piece("code string", inner_start + lead, inner_start + lead + len(body), render)


def _output_pieces(code: str) -> Iterator[_Piece]:
    """Each line of program output, without its indentation (or a container's ``>``) and trailing space."""
    position = 0
    for line in code.split("\n"):
        stripped = line.rstrip(" \t\r")
        lead = len(stripped) - len(stripped.lstrip(" \t>"))
        if stripped[lead:]:
            yield _Piece("code output", position + lead, position + len(stripped))
        position += len(line) + 1


@lru_cache(maxsize=64)
def _lexer(language: str) -> Any:
    """Pygments' lexer for a language name, or None; Pygments loads only when such a block is met."""
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(language)
    except ClassNotFound:
        return None


def _lexed_comments(code: str, language: str) -> Iterator[_Piece]:
    """The prose of each comment line that Pygments' lexer for ``language`` finds.

    Preprocessor lines (``#include``) and ``#!`` lines are code, not comments.
    """
    from pygments.token import Comment

    lexer = _lexer(language)
    not_comments = (Comment.Preproc, Comment.PreprocFile, Comment.Hashbang)
    if lexer is None:
        return
    for index, kind, value in lexer.get_tokens_unprocessed(code):
        if kind not in Comment or any(kind in code for code in not_comments):
            continue
        position = index
        for line in value.split("\n"):
            lead = _COMMENT_LEAD.match(line)
            tail = _COMMENT_TAIL.search(line)
            begin = lead.end() if lead else 0
            stop = tail.start() if tail else len(line)
            if stop > begin:
                yield _Piece("code comment", position + begin, position + stop)
            position += len(line) + 1
