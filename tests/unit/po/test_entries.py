"""``quick_pofile`` gives polib's very model, or leaves the text to polib: never a different one."""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import polib
import pytest

from cheatl10n.config import load_config
from cheatl10n.jobs.extract import extract
from cheatl10n.po.entries import quick_pofile

from support import require_corpus, site_config

SAMPLE = r"""# Russian translation of the page.
# Copyright (C) the authors
#
## a second hash
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: page\n"
"Content-Type: text/plain; charset=UTF-8\n"
"X-Long: first part\n"
" continued without a colon\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : 1);\n"

#. heading
#: docs/page.md:3 docs/other.md:12
#: no-line-number weird:name:x trailing:
msgid "Intro"
msgstr "Введение"

# checked by Olga
#
#  two spaces
#, fuzzy, python-format
#| msgctxt "old"
#| msgid "Old "
#| "text"
msgctxt "ctx"
msgid ""
"A long string that goes on "
"and on with \"quotes\", a tab\t, \\ a backslash, \a bell and \n"
"a line break"
msgstr "Длинная строка \"в кавычках\""

#.
#,
#:
#. list_item
#. second comment line
msgid "Tab\tand\\n"
msgstr ""

#~ msgid "Gone"
#~ msgstr "Ушло"

#, fuzzy
#~| msgid "Older"
#~ msgctxt "c"
#~ msgid "Gone "
#~ "too"
#~ msgstr ""
#~ "Тоже"
# a trailing comment
"""

ODD_LINES = [
    "#",
    "# x",
    "##",
    "#~",
    "#~ ",
    '#~| msgid "a"',
    '#~ msgid "z"',
    '#~ msgstr "z"',
    "#~ # obsolete comment",
    '#| msgid "p"',
    '#| "cont"',
    '#| msgid_plural "ps"',
    "#|",
    "#| msgid",
    '#| bogus "x"',
    '"cont"',
    '"a"b"',
    '"\\\\"x"',
    'msgid_plural "many"',
    'msgstr[0] "x"',
    'msgstr[1] "y"',
    "#,",
    "#, fuzzy",
    "#:",
    "#: a:1",
    "#.",
    "#. c",
    "#x",
    'msgctxt "c"',
    'msgid ""',
    'msgid "dup"',
    'msgstr ""',
    "msgid",
    "msgid x",
    'msgid"x"',
    '\ufeffmsgid "bom"',
    "garbage",
    "\x0b",
    "\u2028",
    "",
]


def model(po: polib.POFile) -> tuple[Any, ...]:
    """Everything polib holds about a catalog and its entries."""
    return type(po), vars(po), [(type(entry), vars(entry)) for entry in po]


def polib_reads(text: str) -> polib.POFile | None:
    try:
        return polib.pofile(text, wrapwidth=79)
    except (OSError, ValueError):
        return None


def assert_same_or_declined(text: str) -> bool:
    """quick_pofile's answer is polib's, or None; returns whether it answered."""
    quick = quick_pofile(text, 79)
    if quick is None:
        return False
    expected = polib_reads(text)
    assert expected is not None, f"polib rejects what quick_pofile read:\n{text}"
    assert model(quick) == model(expected), text
    return True


def mutants(text: str, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    found = []
    for _ in range(count):
        lines = text.split("\n")
        for _ in range(rng.randint(1, 3)):
            where = rng.randrange(len(lines))
            action = rng.choice(("delete", "duplicate", "swap", "insert", "insert"))
            if action == "delete" and len(lines) > 1:
                del lines[where]
            elif action == "duplicate":
                lines.insert(where, lines[where])
            elif action == "swap" and where + 1 < len(lines):
                lines[where], lines[where + 1] = lines[where + 1], lines[where]
            else:
                lines.insert(where, rng.choice(ODD_LINES))
        found.append("\n".join(lines))
    return found


def test_sample_with_every_kind_of_line_reads_as_polib_reads_it() -> None:
    assert assert_same_or_declined(SAMPLE)
    po = quick_pofile(SAMPLE, 79)
    assert po is not None
    assert po.header == "Russian translation of the page.\nCopyright (C) the authors\n\n a second hash"
    assert [entry.obsolete for entry in po] == [0, 0, 0, 1, 1]
    assert po[1].previous_msgid == "Old text" and po[4].previous_msgid is None  # polib skips "#~|"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n",
        'msgid ""\nmsgstr ""\n',
        'msgid "a"\nmsgstr "b"',
        '\ufeffmsgid "a"\nmsgstr "b"\n',
        "# only a comment\n",
        'msgid "a"\nmsgstr "b"\n# trailing\n',
        'msgctxt "x"\nmsgid ""\nmsgstr "k: v\\n"\n',
    ],
)
def test_small_texts(text: str) -> None:
    assert assert_same_or_declined(text)


def test_plural_forms_and_carriage_returns_go_to_polib() -> None:
    assert quick_pofile('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\n', 79) is None
    assert quick_pofile('msgid "a"\r\nmsgstr "b"\r\n', 79) is None


def test_mutated_sample_is_read_as_polib_reads_it_or_left_to_polib() -> None:
    answered = sum(assert_same_or_declined(text) for text in mutants(SAMPLE, 3000, seed=16))
    assert answered > 600  # the quick reader takes most texts polib takes, not just a few


def test_catalogs_extract_writes_for_the_corpus(tmp_path: Path) -> None:
    docs = require_corpus()
    for page in sorted(docs.glob("cheatsheet/en/*.md")):
        target = tmp_path / "docs" / page.relative_to(docs)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, target)
    (tmp_path / "cheatl10n.toml").write_text(site_config(), encoding="utf-8")
    config = load_config(tmp_path / "cheatl10n.toml")
    extract(config, config.languages, jobs=1)
    catalogs = sorted((tmp_path / "locales").rglob("*.po"))
    assert len(catalogs) > 40
    for number, catalog in enumerate(catalogs):
        text = catalog.read_text(encoding="utf-8")
        assert assert_same_or_declined(text), catalog  # the form extract writes is always read quickly
        for mutant in mutants(text, 20, seed=number):
            assert_same_or_declined(mutant)
