"""Regressions found by fuzzing (tests/fuzz) and by the property tests (tests/property).

Every input in ``tests/fuzz/crashers/`` is replayed through the fuzzer's own check
(``check_page`` for ``segmenter-*``, ``check_catalog`` for ``po-*``): it must pass,
which a fix can reach either by handling the input or by refusing it with a
``Cheatl10nError``. ``NAME.bin`` is the minimized input, ``NAME.fuzzer.bin`` the one
the fuzzer saved. ``FOUND`` says what each one showed; inputs of bugs still open
(``OPEN``) are strict xfails: a fix makes them pass, and then their name leaves ``OPEN``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import polib
import pytest
import yaml
from babel import Locale

from cheatl10n.errors import CatalogError, SourceError
from cheatl10n.pages.segment import SegmentOptions, segment_page
from cheatl10n.pages.source import decode_source
from cheatl10n.po.merge import Message, merge_catalog, page_messages
from cheatl10n.po.read import parse_catalog
from cheatl10n.po.write import dump_po

FUZZ = Path(__file__).resolve().parent
RU = Locale.parse("ru")

FOUND = {
    "segmenter-table-row-without-pipes": (
        "bug: a pipe table row without any '|' (a line of text right under an aligned table) makes "
        "markdown._aligned_table raise ValueError: internal error, exit 4"
    ),
    "segmenter-control-character": (
        "bug: a control character in page text (U+0001-U+0007, U+000E-U+001F, U+007F) is written "
        "to the PO as an octal or \\a escape that polib does not read back: the msgid never matches, "
        "the translation is never used and turns fuzzy on every extract"
    ),
    "segmenter-line-separator": (
        "bug: U+2028, U+2029 or U+0085 in page text is written to the PO as it is; polib splits "
        "lines there, so cheatl10n cannot read the catalog it wrote (build fails, exit 1)"
    ),
    "po-nul-in-string": (
        "bug: a catalog with a raw control character (NUL here) in a string is accepted; it is "
        "written back as an escape that reads back as other text, so every save changes it"
    ),
    "po-plural-with-plain-msgstr": (
        "bug: msgid_plural with a plain msgstr (no msgstr[n]) is accepted, then written with no "
        "msgstr at all: cheatl10n cannot read the catalog it wrote"
    ),
    "po-plural-translation-dropped-by-merge": (
        "bug: merge_catalog keeps only msgstr of an entry whose msgid is still on the page: its "
        "msgstr[n] translations are lost, not even kept obsolete"
    ),
    "po-obsolete-previous-msgid": (
        "bug: an obsolete entry that keeps a previous msgid is written as '#~| msgid', which "
        "the PO reader rejects: a fuzzy entry whose text then leaves the page makes the catalog unreadable"
    ),
    "po-duplicate-header": (
        'bug: two header entries (msgid "" twice) are accepted although gettext calls that a '
        "duplicate; the catalog is written differently on every save"
    ),
    "po-charset-first-match": (
        "bug: the charset check reads the first 'charset=' anywhere in the text, not the "
        "Content-Type header: a catalog is accepted, and refused once cheatl10n rewrote it"
    ),
}
"""What each crasher showed when it was found (all fixed since, see OPEN)."""
OPEN: set[str] = set()
"""Crashers of bugs still open: strict xfails, with their FOUND text as the reason."""


def load(name: str) -> ModuleType:
    """A fuzz script as a module (tests/fuzz is not a package)."""
    spec = importlib.util.spec_from_file_location(f"fuzz_{name}_replay", FUZZ / f"fuzz_{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cases() -> list[object]:
    params = []
    for path in sorted((FUZZ / "crashers").glob("*.bin")):
        name = path.name.split(".")[0]
        marks = [pytest.mark.xfail(strict=True, reason=FOUND[name])] if name in OPEN else []
        params.append(pytest.param(path, id=path.name, marks=marks))
    return params


@pytest.mark.parametrize("path", cases())
def test_crasher_replays_clean(path: Path) -> None:
    if path.name.startswith("segmenter-"):
        load("segmenter").check_page(path.read_bytes())
    else:
        load("po").check_catalog(path.read_bytes())


def test_every_crasher_says_what_it_found() -> None:
    names = {path.name.split(".")[0] for path in (FUZZ / "crashers").glob("*.bin")}
    assert names == set(FOUND)
    assert names >= OPEN


def extract(old: polib.POFile | None, page: str) -> polib.POFile:
    segments = segment_page(decode_source(page.encode(), Path("page.md")), SegmentOptions())
    return merge_catalog(old, page_messages(segments, "page.md"), RU, "site", "page.md")


def fuzzy_then_gone() -> bytes:
    """Translate a sentence, edit it (the entry turns fuzzy), then replace it before review."""
    po = extract(None, "Return the absolute value of a number.\n")
    po[0].msgstr = "Возвращает модуль числа."
    po = parse_catalog(dump_po(po), Path("page.po"))
    po = parse_catalog(dump_po(extract(po, "Return the absolute value of the number.\n")), Path("page.po"))
    assert po[0].fuzzy
    return dump_po(extract(po, "Something else entirely.\n"))


def test_fuzzy_entry_whose_text_leaves_the_page_stays_readable() -> None:
    """Found by test_catalog_props: the obsolete entry's '#~| msgid' line made the catalog unreadable."""
    back = parse_catalog(fuzzy_then_gone(), Path("page.po"))
    assert "Возвращает модуль числа." in {entry.msgstr for entry in back if entry.obsolete}


def test_extract_after_an_obsolete_fuzzy_entry_is_a_fixed_point() -> None:
    """Found by test_catalog_props: polib reads no '#~| msgid' back, so the second extract dropped
    it. Obsolete entries are now written without a previous msgid."""
    first = fuzzy_then_gone()
    assert b"#~|" not in first
    again = dump_po(extract(parse_catalog(first, Path("page.po")), "Something else entirely.\n"))
    assert again == first


def test_previous_msgid_of_an_obsolete_entry_is_read_and_dropped_once() -> None:
    """Shrunk by test_dump_and_parse_round_trip: a '#~|' line (from another tool) is no error; it is
    dropped on reading, so the catalog changes once and is then written the same way every time."""
    text = '#, fuzzy\n#~| msgid "0"\n#~ msgid "1"\n#~ msgstr "один"\n'
    po = parse_catalog(text.encode(), Path("page.po"))
    assert [(e.obsolete, e.msgid, e.msgstr) for e in po] == [(True, "1", "один")]
    written = dump_po(po)
    assert dump_po(parse_catalog(written, Path("page.po"))) == written


def test_obsolete_entry_never_shares_an_active_msgid() -> None:
    """Found by test_dump_is_what_msgcat_writes: msgcat and msgfmt -c call an active entry and an
    obsolete one of the same msgid a duplicate message definition; cheatl10n accepted and kept both.

    Refusing such a catalog is a fix; so is a merge that does not keep both.
    """
    text = 'msgid "Intro"\nmsgstr "Введение"\n\n#~ msgid "Intro"\n#~ msgstr "Вступление"\n'
    try:
        po = parse_catalog(text.encode(), Path("page.po"))
    except CatalogError:
        return
    merged = merge_catalog(po, [Message("Intro", ("heading",), (("page.md", "1"),))], RU, "site", "page.md")
    active = {(e.msgctxt, e.msgid) for e in merged if not e.obsolete}
    assert not [e.msgid for e in merged if e.obsolete and (e.msgctxt, e.msgid) in active]


def test_frontmatter_pyyaml_refuses_is_a_source_error() -> None:
    """Shrunk by test_render_props: a tab after a quoted scalar. PyYAML refuses it; so must the tool."""
    page = "---\r\ndescription: '0'\t\r\n---\r\n\r\nNote 0"
    with pytest.raises(yaml.YAMLError):
        yaml.safe_load("description: '0'\t\n")
    with pytest.raises(SourceError, match="frontmatter is not valid YAML"):
        segment_page(decode_source(page.encode(), Path("page.md")), SegmentOptions())
