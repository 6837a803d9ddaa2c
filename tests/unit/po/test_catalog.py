"""Reading catalogs strictly and merging them msgmerge-style without losing a translation."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from babel import Locale
from babel.messages.plurals import get_plural

from cheatl10n.errors import CatalogError
from cheatl10n.po.merge import Message, merge_catalog
from cheatl10n.po.read import check_catalog_lines, parse_catalog
from cheatl10n.po.write import dump_po

RU = Locale.parse("ru")


def messages(*items: tuple[str, str]) -> list[Message]:
    return [Message(msgid, (kind,), (("page.md", str(n + 1)),)) for n, (kind, msgid) in enumerate(items)]


def translated(*pairs: tuple[str, str, str]) -> polib.POFile:
    """A catalog as a translator left it: (kind, msgid, msgstr) triples."""
    po = merge_catalog(None, messages(*[(kind, msgid) for kind, msgid, _ in pairs]), RU, "t", "page.md")
    for entry, (_kind, _msgid, msgstr) in zip(po, pairs, strict=True):
        entry.msgstr = msgstr
    return parse_catalog(dump_po(po), Path("ru.po"))


def by_msgid(po: polib.POFile) -> dict[tuple[bool, str], polib.POEntry]:
    return {(entry.obsolete, entry.msgid): entry for entry in po}


def test_unchanged_msgid_keeps_translation_and_translator_comment() -> None:
    old = translated(("heading", "Intro", "Введение"))
    old[0].tcomment = "checked by Olga"
    new = merge_catalog(old, messages(("heading", "Intro")), RU, "t", "page.md")
    assert [(e.msgid, e.msgstr, e.tcomment, e.fuzzy) for e in new] == [
        ("Intro", "Введение", "checked by Olga", False)
    ]


def test_edited_msgid_becomes_fuzzy_with_previous_msgid() -> None:
    old = translated(("paragraph", "Return the absolute value of a number.", "Возвращает модуль числа."))
    new = merge_catalog(
        old, messages(("paragraph", "Return the absolute value of the number.")), RU, "t", "page.md"
    )
    entry = new[0]
    assert entry.fuzzy
    assert entry.msgstr == "Возвращает модуль числа."
    assert entry.previous_msgid == "Return the absolute value of a number."


def test_unrelated_new_paragraph_inherits_nothing() -> None:
    old = translated(("paragraph", "Return the absolute value of a number.", "Возвращает модуль числа."))
    new = merge_catalog(old, messages(("paragraph", "Lists keep their items in order.")), RU, "t", "page.md")
    entries = by_msgid(new)
    assert entries[(False, "Lists keep their items in order.")].msgstr == ""
    assert entries[(True, "Return the absolute value of a number.")].msgstr == "Возвращает модуль числа."


def test_similar_text_of_another_kind_is_not_offered() -> None:
    old = translated(("heading", "Return values", "Возвращаемые значения"))
    new = merge_catalog(old, messages(("table cell", "Return value")), RU, "t", "page.md")
    assert by_msgid(new)[(False, "Return value")].msgstr == ""
    assert by_msgid(new)[(True, "Return values")].msgstr == "Возвращаемые значения"


def test_obsolete_entry_is_revived_when_its_msgid_returns() -> None:
    old = translated(("heading", "Intro", "Введение"))
    gone = merge_catalog(old, [], RU, "t", "page.md")
    assert [(e.obsolete, e.msgid) for e in gone] == [(True, "Intro")]
    back = merge_catalog(gone, messages(("heading", "Intro")), RU, "t", "page.md")
    assert [(e.obsolete, e.msgid, e.msgstr) for e in back] == [(False, "Intro", "Введение")]


def test_no_obsolete_drops_unused_entries() -> None:
    old = translated(("heading", "Intro", "Введение"))
    assert list(merge_catalog(old, [], RU, "t", "page.md", keep_obsolete=False)) == []


def test_untranslated_unused_entries_are_dropped() -> None:
    old = merge_catalog(None, messages(("heading", "Intro")), RU, "t", "page.md")
    assert list(merge_catalog(old, [], RU, "t", "page.md")) == []


def test_header_has_language_and_plural_forms_and_no_dates() -> None:
    po = merge_catalog(None, [], RU, "site", "page.md")
    text = dump_po(po).decode()
    assert '"Language: ru\\n"' in text
    assert f"nplurals={get_plural('ru').num_plurals};" in text
    assert "Date" not in text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('msgid "a"\nmsgstr "b\n', "ru.po:2: error: syntax error: string not closed"),
        ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', "ru.po:4: error: duplicate msgid 'a'"),
        (
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n',
            "ru.po:3: error: catalog declares charset ISO-8859-1",
        ),
        ('msgid "a"\nmsgstr[0] "b"\n', "ru.po:1: error: msgstr[n] for msgid 'a'"),
        ('msgid "a"\nmsgstr "b\x07"\n', "ru.po:2: error: raw control character U+0007"),
        ('msgid "a"\nmsgstr "b"\ngarbage\n', "ru.po:3: error: syntax error: unexpected text 'garbage'"),
        ('# note\n"x"\n', "ru.po:2: error: syntax error: string outside any entry"),
        ('#. kind\nmsgstr "x"\n', "ru.po:2: error: syntax error: msgstr without msgid"),
        ('msgid "a"\nmsgstr "b"\n\nmsgid "c"\n', "ru.po:4: error: syntax error: msgid without msgstr"),
        ('msgid "a"\nmsgstr "b"\n\nmsgctxt "c"\n', "ru.po:4: error: syntax error: msgctxt without msgid"),
        (
            'msgid ""\nmsgstr ""\n\nmsgid ""\nmsgstr ""\n',
            "ru.po:4: error: duplicate header entry (first on line 1)",
        ),
        ('#~ msgid "a"\n#~ msgstr "b\n', "ru.po:2: error: syntax error: string not closed"),
        (
            'msgid "a"\nmsgstr "b"\n\n#| msgid "x\\"\nmsgid "c"\nmsgstr ""\n',
            "ru.po:4: error: syntax error: string not",
        ),
        # after a line the one walk leaves to polib (plural forms), the checks go on
        (
            'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\n\nmsgid "b\nmsgstr ""\n',
            "ru.po:5: error: syntax error",
        ),
    ],
)
@pytest.mark.parametrize("quick", [True, False])
def test_malformed_catalogs(text: str, message: str, quick: bool) -> None:
    with pytest.raises(CatalogError) as caught:
        parse_catalog(text.encode("utf-8"), Path("ru.po"), quick=quick)
    assert str(caught.value).startswith(message)
    if "syntax error" in message or "control" in message or "header" in message:
        with pytest.raises(CatalogError) as scanned:  # the same walk, its checks alone
            check_catalog_lines(text.encode("utf-8"), Path("ru.po"))
        assert str(scanned.value) == str(caught.value)
    else:
        check_catalog_lines(text.encode("utf-8"), Path("ru.po"))  # found after the walk only


ENTRY = '# c\nmsgid ""\nmsgstr ""\n"Language: ru\\n"\n\n#. kind\nmsgctxt "x"\nmsgid ""\n"a"\nmsgstr ""\n"b"\n'
PLURAL = '\nmsgid "p"\nmsgid_plural "ps"\nmsgstr[0] "q"\nmsgstr[1] "qs"\n'


@pytest.mark.parametrize(("text", "lines"), [(ENTRY, [(8, 10)]), (ENTRY + PLURAL, [(8, 10), (13, 15)])])
def test_each_entry_has_the_lines_of_its_msgid_and_msgstr(text: str, lines: list[tuple[int, int]]) -> None:
    po = parse_catalog(text.encode("utf-8"), Path("ru.po"))  # built by the walk; read by polib (plurals)
    assert [(entry.linenum, entry.msgstr_line) for entry in po] == lines


def test_non_utf8_catalog() -> None:
    with pytest.raises(CatalogError) as caught:
        parse_catalog(b'msgid "a"\nmsgstr "\xe9"\n', Path("ru.po"))
    assert str(caught.value).startswith("ru.po:2: error: catalog is not valid UTF-8")


TRANSLATED = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Hello"\nmsgstr "Privet"\n'
)


@pytest.mark.parametrize(
    "tail", ["#.", "#:", "#,", "#", "# a note", "#. x", "#, fuzzy", '#~| msgid "x"', '#| msgid "x"']
)
@pytest.mark.parametrize("quick", [True, False])
def test_comment_lines_after_the_last_entry_keep_it(tail: str, quick: bool) -> None:
    """gettext keeps the last entry whatever comment lines follow it; polib dropped it when a
    bare ``#.``, ``#:``, ``#,`` or a ``#~|`` line ended the file, and extract then lost its
    translation. The comment lines belong to no entry and are dropped, as msgcat drops them."""
    po = parse_catalog(f"{TRANSLATED}\n{tail}\n".encode(), Path("ru.po"), quick=quick)
    assert [(entry.msgid, entry.msgstr, entry.linenum, entry.msgstr_line) for entry in po] == [
        ("Hello", "Privet", 5, 6)
    ]
