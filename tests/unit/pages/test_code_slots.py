"""Translatable parts of code: comments in any language, Python strings, output lines, code-only cells.

Each switch is off by default and turns on one kind of slot; the code around the
slots never changes, which the tests check with the standard library's tokenize
(independently of the segmenter).
"""

from __future__ import annotations

import io
import tokenize
from pathlib import Path

from cheatl10n.model import SegmentOptions, Segments
from cheatl10n.pages.code import code_language
from cheatl10n.pages.segment import segment_page
from cheatl10n.pages.source import decode_source
from cheatl10n.translate.render import render_page

ALL_ON = SegmentOptions(code_comments=True, code_strings=True, code_output=True, code_cells=True)


def segment(page: str, options: SegmentOptions) -> Segments:
    return segment_page(decode_source(page.encode("utf-8"), Path("page.md")), options)


def slots(page: str, options: SegmentOptions) -> list[tuple[str, str]]:
    return [(slot.kind, slot.msgid) for slot in segment(page, options).slots]


def render(page: str, table: dict[str, str], options: SegmentOptions) -> str:
    return render_page(segment(page, options), lambda slot: table.get(slot.msgid))


def code_tokens(code: str) -> list[tuple[int, str]]:
    """Python's tokens other than comments and strings: what translating must leave alone."""
    return [
        (token.type, token.string)
        for token in tokenize.generate_tokens(io.StringIO(code).readline)
        if token.type not in (tokenize.COMMENT, tokenize.STRING)
    ]


PYTHON = '''\
```python
def greet(name):
    """Say hello to someone.

    Returns nothing.
    """
    print(f"Hello, {name}!")  # greets
    data = {'name': 'Alice', 'tag': b'raw bytes'}
    return ''
```
'''


def test_python_strings_and_docstrings_are_slots_with_code_strings() -> None:
    assert slots(PYTHON, SegmentOptions(code_strings=True)) == [
        ("code string", "Say hello to someone.\n\n    Returns nothing."),
        ("code string", "Hello, {name}!"),
        ("code string", "name"),
        ("code string", "Alice"),
        ("code string", "tag"),
    ]
    assert slots(PYTHON, SegmentOptions()) == []


def test_translated_strings_leave_every_other_token_alone() -> None:
    table = {
        "Say hello to someone.\n\n    Returns nothing.": "Здоровается.\n\n    Ничего не возвращает.",
        "Hello, {name}!": "Привет, {name}!",
        "greets": "здоровается",
    }
    out = render(PYTHON, table, SegmentOptions(code_strings=True, code_comments=True))
    assert '"""Здоровается.\n\n    Ничего не возвращает.\n    """' in out
    assert 'print(f"Привет, {name}!")  # здоровается' in out
    code = lambda page: page.split("```python\n")[1].split("```")[0]  # noqa: E731
    assert code_tokens(code(out)) == code_tokens(code(PYTHON))


def test_comments_of_other_languages_come_from_their_lexer() -> None:
    page = (
        "```bash\n# install it\npip install x  # from PyPI\necho '# not a comment'\n```\n\n"
        "```js\n// adds one\nconst f = (x) => x + 1; /* inline note */\n```\n\n"
        "```c\n#include <stdio.h>\n/* a block\n * comment */\n```\n\n"
        "```toml\n[tool]  # the table\n```\n\n"
        "```bat\nrem Add to standalone.conf.bat\nset X=1\n```\n\n"
        "```unknown-language\n# nothing known\n```\n"
    )
    assert slots(page, SegmentOptions(code_comments=True)) == [
        ("code comment", "install it"),
        ("code comment", "from PyPI"),
        ("code comment", "adds one"),
        ("code comment", "inline note"),
        ("code comment", "a block"),
        ("code comment", "comment"),
        ("code comment", "the table"),
        ("code comment", "Add to standalone.conf.bat"),  # the batch file's rem stays code
    ]
    out = render(
        page, {"install it": "установить", "inline note": "заметка"}, SegmentOptions(code_comments=True)
    )
    assert out == page.replace("# install it", "# установить").replace("/* inline note */", "/* заметка */")


def test_output_lines_are_slots_with_code_output() -> None:
    page = "```output\nThe current folder is /tmp\n[1, 2, 3]\n  Done.  \n```\n"
    assert slots(page, SegmentOptions(code_output=True)) == [
        ("code output", "The current folder is /tmp"),
        ("code output", "Done."),
    ]
    assert slots(page, SegmentOptions(code_comments=True, code_strings=True)) == []
    out = render(page, {"Done.": "Готово."}, SegmentOptions(code_output=True))
    assert out == page.replace("  Done.  ", "  Готово.  ")


def test_code_only_table_cells_are_slots_with_code_cells() -> None:
    page = "| Command | Does |\n| --- | --- |\n| `poetry new [name]` | starts a project |\n| `42` | `1` |\n"
    assert slots(page, SegmentOptions()) == [
        ("table cell", "Command"),
        ("table cell", "Does"),
        ("table cell", "starts a project"),
    ]
    assert ("code cell", "`poetry new [name]`") in slots(page, SegmentOptions(code_cells=True))
    assert ("code cell", "`42`") not in slots(page, SegmentOptions(code_cells=True))


def test_one_place_decides_the_language_whatever_the_case_of_the_info_string() -> None:
    assert code_language("Python") == code_language("python") == code_language("PY") == "python"
    assert code_language("python{2,3}") == "python"
    assert code_language("Bash") == "bash"
    page = "```Python\nx = 1  # one\n```\n"
    assert slots(page, SegmentOptions(code_comments=True)) == [("code comment", "one")]
    assert [code.language for code in segment(page, SegmentOptions()).code] == ["python"]


def test_all_switches_on_still_give_back_the_page_untranslated() -> None:
    page = PYTHON + "\n```output\nHello\n```\n\n```bash\n# hi\n```\n"
    assert render(page, {}, ALL_ON) == page
    assert render(page, {msgid: msgid for _kind, msgid in slots(page, ALL_ON)}, ALL_ON) == page
