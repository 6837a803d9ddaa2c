"""Properties of catalogs: no translation is ever lost, extract is a fixed point, PO text round trips.

``extract`` is played in memory with the library functions the CLI uses
(``segment_page``, ``page_messages``, ``merge_catalog``, ``dump_po``,
``parse_catalog``); ``test_cli_props.py`` runs the real command. Expected values
are the msgstrs the test itself wrote, and gettext's ``msgcat``.
"""

from __future__ import annotations

import itertools
import subprocess
from pathlib import Path

import polib
import pytest
from babel import Locale
from hypothesis import example, given
from hypothesis import strategies as st

from cheatl10n.pages.segment import SegmentOptions, segment_page
from cheatl10n.pages.source import decode_source
from cheatl10n.po.merge import Message, merge_catalog, page_messages
from cheatl10n.po.read import parse_catalog
from cheatl10n.po.write import dump_po
from pagegen import REFUSED_CONTROLS, corpus_page, edit_page, pages

from support import corpus_pages, require_tool

PAGE = "docs/builtin/en/page.md"
RU = Locale.parse("ru")
KINDS = ["paragraph", "heading", "list item", "table cell", "frontmatter: title", "html: BaseQuizAnswer"]
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters=REFUSED_CONTROLS))
"""Any text a page or a catalog can hold (line separators included; the controls they refuse left out)."""
starts = st.one_of(pages(), corpus_page()) if corpus_pages("en") else pages()


def extract(old: bytes | None, page: str) -> bytes:
    """What ``extract`` writes for ``page`` given the catalog on disk (``old``)."""
    segments = segment_page(decode_source(page.encode("utf-8"), Path(PAGE)), SegmentOptions())
    previous = parse_catalog(old, Path("page.po")) if old is not None else None
    return dump_po(merge_catalog(previous, page_messages(segments, PAGE), RU, "site", PAGE))


def translations(po: polib.POFile) -> set[str]:
    """Every non-empty msgstr and msgstr[n], active, fuzzy or obsolete."""
    found = {entry.msgstr for entry in po if entry.msgstr}
    return found | {text for entry in po for text in entry.msgstr_plural.values() if text}


def read(data: bytes) -> polib.POFile:
    return parse_catalog(data, Path("page.po"))


@st.composite
def translator(draw: st.DrawFn, catalog: bytes, counter: itertools.count[int]) -> bytes:
    """A translator's pass: fill every empty msgstr with a marked text, confirm some fuzzy ones.

    The catalog is saved either as cheatl10n writes it or as polib does (another tool).
    Translations already there are never overwritten: each one written must survive.
    """
    po = read(catalog)
    for entry in po:
        if entry.obsolete:
            continue
        if not entry.msgstr:
            entry.msgstr = f"⟪{next(counter)}⟫ {draw(TEXT)}"
        elif entry.fuzzy and draw(st.booleans()):
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
            entry.previous_msgctxt = None
    if draw(st.booleans()):
        return dump_po(po)
    po.wrapwidth = draw(st.sampled_from([0, 40, 79]))
    return str(po).encode("utf-8")


@given(data=st.data(), page=starts, rounds=st.integers(1, 3))
def test_no_translation_is_ever_lost(data: st.DataObject, page: str, rounds: int) -> None:
    counter = itertools.count()
    catalog = extract(None, page)
    ever_written: set[str] = set()
    for _ in range(rounds):
        catalog = data.draw(translator(catalog, counter), label="translated")
        before = read(catalog)
        ever_written |= translations(before)
        page = data.draw(edit_page(page), label="edited page")
        catalog = extract(catalog, page)
        after = read(catalog)
        lost = ever_written - translations(after)
        assert not lost, f"translations lost by extract: {sorted(lost)[:5]}"
        new = {(e.msgctxt, e.msgid): e for e in after if not e.obsolete}
        for entry in before:
            kept = new.get((entry.msgctxt, entry.msgid))
            if kept is not None and entry.msgstr and not entry.fuzzy:
                # An unchanged msgid keeps its translation, not fuzzy, whether it was active or obsolete.
                assert (kept.msgstr, kept.fuzzy) == (entry.msgstr, False), entry.msgid
        assert extract(catalog, page) == catalog, "a second extract changes the catalog"


@given(page=starts)
def test_extract_is_a_fixed_point(page: str) -> None:
    first = extract(None, page)
    assert extract(first, page) == first
    po = read(first)
    for number, entry in enumerate(po):
        entry.msgstr = f"⟪{number}⟫"
    filled = dump_po(po)
    assert extract(filled, page) == filled


class ShownPO(polib.POFile):  # type: ignore[misc]
    """A catalog that shows as its PO text in hypothesis's falsifying examples."""

    def __repr__(self) -> str:
        return f"<PO\n{self}>"


@st.composite
def catalogs(draw: st.DrawFn, obsolete_previous: bool = False, gettext_valid: bool = False) -> polib.POFile:
    """Catalogs as a translator may leave them: fuzzy, obsolete, previous msgids, comments, contexts.

    ``obsolete_previous``: obsolete entries may keep a ``#~|`` previous msgid (cheatl10n
    never makes one and reads none back: see test_fuzz_regressions.py). ``gettext_valid``:
    only what gettext keeps as it is (no obsolete entry without a translation: msgcat
    drops those), for comparing with msgcat.
    """
    po = ShownPO(wrapwidth=79)
    po.metadata = {
        "Project-Id-Version": "site",
        "Language": "ru",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : 1);",
    }
    seen = set()
    for _ in range(draw(st.integers(0, 8))):
        obsolete = draw(st.integers(0, 3)) == 0
        context = draw(st.one_of(st.none(), st.just("frontmatter"), TEXT))
        msgid = draw(TEXT.filter(bool))
        key = (context, msgid)  # an obsolete twin of an active entry is a duplicate (gettext)
        if key in seen:
            continue
        seen.add(key)
        msgstr = draw(TEXT.filter(bool) if obsolete and gettext_valid else st.one_of(st.just(""), TEXT))
        fuzzy = bool(msgstr) and draw(st.booleans())
        keeps_previous = fuzzy and (obsolete_previous or not obsolete)
        previous = draw(TEXT.filter(bool)) if keeps_previous and draw(st.booleans()) else None
        po.append(
            polib.POEntry(
                msgid=msgid,
                msgctxt=context,
                msgstr=msgstr,
                obsolete=obsolete,
                flags=["fuzzy"] if fuzzy else [],
                previous_msgid=previous,
                comment=draw(st.sampled_from(KINDS)),
                tcomment=draw(st.sampled_from(["", "checked by Olga", "two\nlines"])),
                occurrences=[] if obsolete else [(PAGE, str(draw(st.integers(1, 999))))],
            )
        )
    return po


@st.composite
def page_of(draw: st.DrawFn, po: polib.POFile) -> list[Message]:
    """The messages of a page edited since ``po``: some msgids kept, some reworded, some new."""
    messages: dict[tuple[str | None, str], Message] = {}
    for entry in po:
        choice = draw(st.sampled_from(["keep", "keep", "reword", "drop"]))
        if choice == "drop":
            continue
        msgid = entry.msgid if choice == "keep" else entry.msgid + draw(TEXT)
        kind = entry.comment if draw(st.integers(0, 3)) else draw(st.sampled_from(KINDS))
        messages.setdefault((entry.msgctxt, msgid), Message(msgid, (kind,), ((PAGE, "1"),), entry.msgctxt))
    for msgid in draw(st.lists(TEXT.filter(bool), max_size=3)):
        messages.setdefault((None, msgid), Message(msgid, (draw(st.sampled_from(KINDS)),), ((PAGE, "2"),)))
    order = draw(st.permutations(list(messages.values())))
    return list(order)


@given(data=st.data(), po=catalogs())
def test_merge_never_drops_a_translation(data: st.DataObject, po: polib.POFile) -> None:
    old = read(dump_po(po))
    before = translations(old)
    messages = data.draw(page_of(old))
    merged = merge_catalog(old, messages, RU, "site", PAGE)
    assert before <= translations(merged), f"dropped: {sorted(before - translations(merged))[:5]}"
    assert translations(merged) <= before, "a translation came from nowhere"
    assert [(e.msgctxt, e.msgid) for e in merged if not e.obsolete] == [m.key for m in messages]
    assert translations(read(dump_po(merged))) == translations(merged)


def fields(po: polib.POFile) -> list[tuple[object, ...]]:
    return [
        (bool(e.obsolete), e.msgctxt, e.msgid, e.msgstr, e.previous_msgctxt, e.previous_msgid, tuple(e.flags))
        for e in po
    ]


def catalog_of(*entries: polib.POEntry) -> polib.POFile:
    po = ShownPO(wrapwidth=79)
    po.metadata = {"Language": "ru", "Content-Type": "text/plain; charset=UTF-8"}
    for entry in entries:
        po.append(entry)
    return po


@given(po=catalogs())
@example(po=polib.POFile()).via("a catalog with no entry and no header")
@example(po=catalog_of(polib.POEntry(msgid="\x85", msgstr="", obsolete=True))).via(
    "shrunk: U+0085 was written raw and polib split the line there"
)
def test_dump_and_parse_round_trip(po: polib.POFile) -> None:
    written = dump_po(po)
    back = read(written)
    assert sorted(fields(back), key=repr) == sorted(fields(po), key=repr)
    assert back.metadata == po.metadata
    assert dump_po(back) == written


@pytest.fixture(scope="module")
def msgcat() -> str:
    return require_tool("msgcat")


@given(po=catalogs(obsolete_previous=True, gettext_valid=True).filter(len))
def test_dump_is_what_msgcat_writes(msgcat: str, po: polib.POFile) -> None:
    """msgcat prints nothing for a catalog without entries, so those are left out."""
    written = dump_po(po)
    result = subprocess.run([msgcat, "-"], input=written, capture_output=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode() == written.decode()
