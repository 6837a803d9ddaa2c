"""``#`` comments in Python code blocks: no slot unless ``code_comments`` is on, and then only comments.

The check that nothing else in a block moved uses the standard library's tokenize
on the expected text, independently of the tool.
"""

from __future__ import annotations

import io
import tokenize

from support import render, segment, slots


def without_comments(code: str) -> list[tuple[int, str]]:
    """The code's tokens, comments left out: what must not change when comments are translated."""
    return [
        (token.type, token.string)
        for token in tokenize.generate_tokens(io.StringIO(code).readline)
        if token.type != tokenize.COMMENT
    ]


PAGE = '''\
Squares of numbers.

```python
# Build a list of squares
squares = [n * n for n in range(5)]  # five items
label = "# not a comment"  # a real one
pattern = r'#\\d+'
doc = """
# inside a string, not a comment
"""
    # indented comment line
total = 1  # 42
print(squares)  #
```

```bash
# shell comment
ls -la  # list files
```

```
# fence without a language
```

```output
# printed output
```
'''

TABLE = {
    "Build a list of squares": "Строим список квадратов",
    "five items": "пять\nэлементов",
    "a real one": "настоящий # комментарий",
    "indented comment line": "строка с отступом",
    "# not a comment": "X",
    "inside a string, not a comment": "X",
    "shell comment": "X",
    "list files": "X",
    "fence without a language": "X",
    "printed output": "X",
}

EXPECTED = '''\
Squares of numbers.

```python
# Строим список квадратов
squares = [n * n for n in range(5)]  # пять элементов
label = "# not a comment"  # настоящий # комментарий
pattern = r'#\\d+'
doc = """
# inside a string, not a comment
"""
    # строка с отступом
total = 1  # 42
print(squares)  #
```

```bash
# shell comment
ls -la  # list files
```

```
# fence without a language
```

```output
# printed output
```
'''


def python_block(page: str) -> str:
    return page.split("```python\n", 1)[1].split("```\n", 1)[0]


def test_option_off_gives_no_comment_slot_and_leaves_code_alone() -> None:
    assert slots(PAGE, code_comments=False) == [("paragraph", "Squares of numbers.")]
    assert render(PAGE, TABLE, code_comments=False) == PAGE


def test_option_on_offers_full_line_and_trailing_comments_only() -> None:
    assert slots(PAGE, code_comments=True) == [
        ("paragraph", "Squares of numbers."),
        ("code comment", "Build a list of squares"),
        ("code comment", "five items"),
        ("code comment", "a real one"),
        ("code comment", "indented comment line"),
    ]


def test_option_on_translates_comments_and_nothing_else() -> None:
    out = render(PAGE, TABLE, code_comments=True)
    assert out == EXPECTED
    assert without_comments(python_block(out)) == without_comments(python_block(PAGE))


def test_comment_slot_spans_cover_the_text_after_the_hash() -> None:
    segments = segment(PAGE, code_comments=True)
    comments = [slot for slot in segments.slots if slot.kind == "code comment"]
    assert [(slot.line, PAGE[slot.start : slot.end]) for slot in comments] == [
        (4, "Build a list of squares"),
        (5, "five items"),
        (6, "a real one"),
        (11, "indented comment line"),
    ]


def test_python_info_string_variants_and_fences_in_other_blocks() -> None:
    page = (
        "```py\nx = 1  # short info\n```\n\n"
        '```Python3 title="demo.py"\ny = 2  # long info\n```\n\n'
        "- Step:\n\n  ```python\n  if x:\n      z = 3  # in a list item\n  ```\n\n"
        '<BaseQuiz id="q" correct="A">\n<template #question>\nWhat is printed?\n\n'
        "```python\nprint(x)  # in a quiz\n```\n\n</template>\n</BaseQuiz>\n"
    )
    assert slots(page, code_comments=True) == [
        ("code comment", "short info"),
        ("code comment", "long info"),
        ("list item", "Step:"),
        ("code comment", "in a list item"),
        ("html: template", "What is printed?"),
        ("code comment", "in a quiz"),
    ]
    table = {"in a list item": "в списке", "in a quiz": "в тесте"}
    assert render(page, table, code_comments=True) == (
        page.replace("# in a list item", "# в списке").replace("# in a quiz", "# в тесте")
    )


def test_shebang_and_encoding_lines_and_comments_without_letters_are_not_slots() -> None:
    page = "```python\n#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nx = 1  # 42\ny = 2  # ---\n```\n"
    assert slots(page, code_comments=True) == []


def test_comment_mentioning_coding_after_line_two_is_a_comment() -> None:
    page = (
        "```python\nx = b'a'\ny = 1\nz = x.decode()  # decoding: bytes to str\n"
        "# Good coding: short names\n```\n"
    )
    assert slots(page, code_comments=True) == [
        ("code comment", "decoding: bytes to str"),
        ("code comment", "Good coding: short names"),
    ]


def test_trailing_comment_mentioning_coding_on_line_two_is_a_comment() -> None:
    page = "```python\nx = b'a'\ny = x.decode()  # decoding: bytes to str\n```\n"
    assert slots(page, code_comments=True) == [("code comment", "decoding: bytes to str")]


def test_fence_in_blockquote_is_closed_and_offers_its_comments() -> None:
    # The closing line is "> ```": closed, no warning, and the comment is offered.
    page = "> ```python\n> # quoted comment\n> z = 3\n> ```\n\nText.\n"
    segments = segment(page, code_comments=True)
    assert segments.notices == ()
    assert [page[code.content.start : code.content.end] for code in segments.code] == [
        "> # quoted comment\n> z = 3\n"
    ]
    assert [(slot.label, slot.msgid) for slot in segments.slots] == [
        ("code comment", "quoted comment"),
        ("paragraph", "Text."),
    ]
