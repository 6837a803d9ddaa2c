"""The one walk over a catalog (``po/scan.py`` with ``po/entries.py``) reads it as the two passes do.

``parse_catalog`` checks each line and builds polib's model in one walk, or leaves
the text to polib; ``parse_catalog(..., quick=False)`` always has polib read it
after the same checks and gives each entry the lines the checks found: the two
must agree on every entry, every field, every line number and every error.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import polib
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cheatl10n.config import load_config
from cheatl10n.errors import CatalogError
from cheatl10n.jobs.extract import extract
from cheatl10n.po.read import check_catalog_lines, parse_catalog
from cheatl10n.po.scan import scan_po

from support import require_corpus, site_config

SHOWN = Path("ru.po")

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
    '#~ #| msgid "q"',
    '#~ #| "q"',
    '#~|msgid "q"',
    '#~ | msgid "q"',
    '#|msgid "q"',
    "#:x",
    "#x y",
    '#~ msgid ""',
    'msgid\t"t"',
    'msgstr\xa0"n"',
    '"\\\\""',
    'msgid "a"\r',
    "\x07",
    'msgstr "x"\x1f',
    "#~\x1f",
]


LATER = (
    "duplicate msgid",
    "catalog declares",
    "msgstr[n] for",
    "msgid_plural '",
    "catalog is not a valid PO",
)
"""The errors parse_catalog finds after the walk (in the entries, or polib's)."""


def model(po: polib.POFile) -> tuple[Any, ...]:
    """Everything polib holds about a catalog and its entries (``linenum``, ``msgstr_line`` too)."""
    return type(po), vars(po), [(type(entry), vars(entry)) for entry in po]


def outcome(text: str, quick: bool) -> tuple[str, Any]:
    """What ``parse_catalog`` makes of ``text``: the model, or the error with its line."""
    try:
        return "read", model(parse_catalog(text.encode("utf-8"), SHOWN, quick=quick))
    except CatalogError as exc:
        return "refused", str(exc)


def built(text: str) -> bool:
    """Whether the walk built the POFile itself, without polib."""
    try:
        return scan_po(text.removeprefix("\ufeff"), SHOWN, build=True).po is not None
    except CatalogError:
        return False


def checked(text: str) -> str:
    try:
        check_catalog_lines(text.encode("utf-8"), SHOWN)
    except CatalogError as exc:
        return str(exc)
    return "fine"


def assert_same(text: str) -> bool:
    """The one walk gives what the two passes give; returns whether it built the POFile."""
    one = outcome(text, quick=True)
    assert one == outcome(text, quick=False), text
    lines = checked(text)  # the walk's checks alone: their error is parse_catalog's first one
    if lines != "fine":
        assert one == ("refused", lines), text
    else:
        assert one[0] == "read" or any(f"error: {later}" in one[1] for later in LATER), text
    return built(text)


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
    assert assert_same(SAMPLE)
    po = parse_catalog(SAMPLE.encode("utf-8"), SHOWN)
    assert po.header == "Russian translation of the page.\nCopyright (C) the authors\n\n a second hash"
    assert [entry.obsolete for entry in po] == [0, 0, 0, 1, 1]
    assert po[1].previous_msgid == "Old text" and po[4].previous_msgid is None  # polib skips "#~|"
    # each entry's msgid and msgstr lines, counted in SAMPLE by hand
    assert [(entry.linenum, entry.msgstr_line) for entry in po] == [
        (17, 18),
        (28, 32),
        (39, 40),
        (42, 43),
        (48, 50),
    ]


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
        'msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "d"\n#~| msgid "x"\n',  # polib alone drops "c"
        'msgid "a"\nmsgstr "b"\n#.\n',  # polib alone drops "a"
    ],
)
def test_small_texts(text: str) -> None:
    assert assert_same(text)


@pytest.mark.parametrize(
    "text",
    [
        'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\n',  # plural forms
        'msgid "a"\r\nmsgstr "b"\r\n',  # polib breaks lines at \r too
        'msgid "a\u2028b"\nmsgstr ""\n',  # and at U+2028
        'msgid "a"\nmsgstr "b"\n#~ #| msgid "q"\n',  # polib: "invalid continuation line"
        '#|msgid "p"\nmsgid "a"\nmsgstr "b"\n',  # polib: a token "#|msgid"
        'msgctxt "x"\nmsgid ""\nmsgstr "k: v\\n"\n',  # polib's header; an entry for the checks
    ],
)
def test_what_polib_reads_otherwise_is_left_to_polib(text: str) -> None:
    assert not assert_same(text)


def test_mutated_sample_is_read_as_polib_reads_it_or_left_to_polib() -> None:
    texts = mutants(SAMPLE, 3000, seed=16)
    answered = sum(assert_same(text) for text in texts)
    read = sum(outcome(text, quick=True)[0] == "read" for text in texts)
    assert read > 600 and answered > 0.9 * read  # the walk builds nearly every catalog polib reads
    assert len(texts) - read > 600  # and many raise errors, the two passes' errors


PIECES = ["a", "b c", "й", "\\\\", '\\"', "\\n", "\\t", "\t", ": ", "#", "msgid "]
"""Pieces of a string as gettext writes it, escapes included."""
ODD_PIECES = ['"', "\\", "\u2028", "\x0c"]
"""Pieces a string may hold that gettext or polib reads otherwise: now and then one of them."""
COMMENTS = st.sampled_from(["# note", "#", "#. kind", "#: page.md:3 b", "#, fuzzy", "#, fuzzy, c-format"])


@st.composite
def quoted(draw: st.DrawFn, odd: bool) -> str:
    """A quoted string; if ``odd``, maybe with an odd piece, left open or followed by another."""
    pieces = draw(st.lists(st.sampled_from(PIECES), max_size=4))
    if odd and draw(st.booleans()):
        pieces.insert(draw(st.integers(0, len(pieces))), draw(st.sampled_from(ODD_PIECES)))
    return '"' + "".join(pieces) + (draw(st.sampled_from(['"', "", '" "x"'])) if odd else '"')


@st.composite
def entry(draw: st.DrawFn, odd: bool) -> list[str]:
    """An entry as gettext's tools write it, its strings drawn from pieces that matter to a reader."""
    mark = draw(st.sampled_from(["", "#~ "]))
    lines = draw(st.lists(COMMENTS, max_size=3))
    if draw(st.booleans()):
        lines.append(f"{'#~| ' if mark else '#| '}msgid {draw(quoted(odd))}")
    if draw(st.booleans()):
        lines.append(f"{mark}msgctxt {draw(quoted(odd))}")
    lines.append(f"{mark}msgid {draw(quoted(odd))}")
    lines += [mark + draw(quoted(odd)) for _ in range(draw(st.integers(0, 2)))]
    forms = ["msgstr[0]", "msgstr[1]"] if odd and draw(st.booleans()) else ["msgstr"]
    if len(forms) > 1:
        lines.append(f"{mark}msgid_plural {draw(quoted(odd))}")
    for form in forms:
        lines.append(f"{mark}{form} {draw(quoted(odd))}")
        lines += [mark + draw(quoted(odd)) for _ in range(draw(st.integers(0, 2)))]
    return lines


@st.composite
def catalogs(draw: st.DrawFn) -> str:
    """A catalog of drawn entries, a header or not; an odd one has odd strings, plural forms, a line
    or two inserted or deleted, a carriage return."""
    odd = draw(st.booleans())
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    lines = lines if draw(st.booleans()) else []
    for drawn in draw(st.lists(entry(odd), max_size=5)):
        lines += [*drawn, ""]
    for _ in range(draw(st.integers(0, 2)) if odd else 0):
        if lines and draw(st.booleans()):
            del lines[draw(st.integers(0, len(lines) - 1))]
        else:
            lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(ODD_LINES)))
    return "\n".join(lines) + (draw(st.sampled_from(["\n", "", "\r\n"])) if odd else "\n")


@given(text=catalogs())
def test_drawn_catalogs_are_read_in_one_walk_as_in_two_passes(text: str) -> None:
    assert_same(text)


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
        assert assert_same(text), catalog  # the form extract writes is always built by the walk
        for mutant in mutants(text, 20, seed=number):
            assert_same(mutant)
