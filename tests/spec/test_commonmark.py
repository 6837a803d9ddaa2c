"""Acceptance: the 655 CommonMark spec examples, segmented and rendered back in memory.

Each example's ``markdown`` is decoded as a page (no frontmatter) and segmented;
then three renders are checked against the input:

* no translation (``None`` for every slot) and the msgid as its own translation
  must both give the input back unchanged, for all 655 examples;
* a pseudo-translation must keep the HTML structure: markdown-it-py
  (``commonmark`` plus tables) renders source and output, and the sequences of
  opening and closing tag names must be equal.

The pseudo scheme is ``"⟦" + msgid + "⟧"``: the whole msgid, markup included,
wrapped in U+27E6/U+27E7. The msgid is not touched inside, so reference labels
(``[foo]``), link destinations, code spans and delimiter runs are all kept, and
the two brackets are Unicode punctuation (Ps/Pe): a delimiter run at the edge
of a slot is then flanked by punctuation where it used to be flanked by the
line start or end, which the CommonMark flanking rules treat alike here.
Alternatives measured on the same 655 examples (tag sequence kept, this tree):
``"Ж" + msgid + "Ж"`` (letters) 597, ``"[" + msgid + "]"`` 645,
``msgid.upper()`` 649 (it changes entity and tag-name case), ``"⟦" + msgid + "⟧"``
647. A letter at the edge makes an intraword ``_``/``*`` run non-flanking (49
"Emphasis and strong emphasis" failures) and ASCII brackets make links, so the
wrap in Unicode punctuation is the fairest scheme that changes every slot
visibly. Inserting the marker after leading punctuation was not needed: the
wrap never splits a label or a delimiter run. Uppercasing does better only on
156-158, where the slot itself starts with markup (see below).

Measured on this tree: identity without translations 655/655, identity with the
msgid as translation 655/655, pseudo-translation with the same tag sequence
654/655. The one failure:

* Links: 493 (``[link](<foo\nbar>)``). A line break is not allowed inside a
  ``<...>`` link destination, so the source is plain text; the msgid joins the
  two lines with a space (``[link](<foo bar>)``), which is a valid link, and
  every translation built on the msgid turns the text into a link. Not caused
  by the pseudo scheme: a limitation of joining soft line breaks with a space
  (see the strict xfail below).

Fixed on the way, each kept as a regression test below: single-line setext
headings got no slot (examples 59, 80, 83, 84, 86, 89, 90, 91, 96, 102, 103,
115, 141, 217, 302); an HTML block opened by an inline tag alone on its line
(``<del>\n*foo*\n</del>``: 163, 165, 166, 167) had the tag pulled into the
slot, so a translation turned the block into a paragraph; an opening tag never
closed on its line (``<div id="foo"\n*hi*``: 156, 157, 158) was offered as
prose.

A separate check finds every text block of the pseudo output (markdown-it-py
``inline`` token) that still has words outside code spans, tags, link
destinations and entities but no ``⟦``: text the tool never offered for
translation. There is none.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from cheatl10n.errors import Cheatl10nError
from cheatl10n.model import Segments
from cheatl10n.pages.segment import SegmentOptions, segment_page
from cheatl10n.pages.source import decode_source
from cheatl10n.translate.render import render_page

from support import SPEC

OPEN, CLOSE = "⟦", "⟧"
SPEC_EXAMPLES = 655

# Measured on this tree: 654 of 655 examples keep their tag sequence under the
# pseudo-translation (the failure is explained in the module docstring). A lower
# count is a regression; raise the floor when a fix makes it higher.
TAG_SEQUENCE_FLOOR = 654
KNOWN_TAG_FAILURES = {493}

_NOT_PROSE = re.compile(r"(`+).+?\1|<[^>\n]*>|\]\([^)\n]*\)|&#?\w+;", re.DOTALL)


def pseudo(msgid: str) -> str:
    return OPEN + msgid + CLOSE


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.tags.append("/" + tag)


def tag_sequence(markdown: str) -> list[str]:
    """Opening and closing tag names, in order, of the HTML markdown-it-py makes of ``markdown``."""
    parser = _Tags()
    parser.feed(MarkdownIt("commonmark").enable("table").render(markdown))
    parser.close()
    return parser.tags


def untranslated_text(markdown: str) -> list[str]:
    """Inline contents that hold words (outside code, tags, link targets, entities) but no ``⟦``."""
    found = []
    for token in MarkdownIt("commonmark").enable("table").parse(markdown):
        if token.type != "inline" or OPEN in token.content:
            continue
        words = _NOT_PROSE.sub(" ", token.content.replace("\n", " "))
        if any(char.isalpha() for char in words):
            found.append(token.content)
    return found


@dataclass(frozen=True)
class Outcome:
    number: int
    section: str
    markdown: str
    error: str | None
    segments: Segments | None
    untouched: str | None
    """Rendered with no translation at all."""
    own_msgid: str | None
    """Rendered with each msgid as its own translation."""
    pseudo: str | None
    """Rendered with the pseudo-translation."""

    @property
    def same_tags(self) -> bool:
        return self.pseudo is not None and tag_sequence(self.pseudo) == tag_sequence(self.markdown)


def _outcome(example: dict[str, object]) -> Outcome:
    markdown = str(example["markdown"])
    number, section = int(str(example["example"])), str(example["section"])
    try:
        source = decode_source(markdown.encode("utf-8"), Path("example.md"))
        segments = segment_page(source, SegmentOptions(frontmatter=False))
    except Cheatl10nError as exc:
        return Outcome(number, section, markdown, str(exc), None, None, None, None)
    return Outcome(
        number,
        section,
        markdown,
        None,
        segments,
        render_page(segments, lambda slot: None),
        render_page(segments, lambda slot: slot.msgid),
        render_page(segments, lambda slot: pseudo(slot.msgid)),
    )


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    if not SPEC.is_file():
        pytest.skip(f"CommonMark examples not found at {SPEC}")
    examples = json.loads(SPEC.read_text(encoding="utf-8"))
    return [_outcome(example) for example in examples]


@pytest.fixture(scope="module")
def tag_failures(outcomes: list[Outcome]) -> dict[str, list[int]]:
    """Example numbers whose pseudo output changes the tag sequence, by section."""
    failures: dict[str, list[int]] = defaultdict(list)
    for outcome in outcomes:
        if not outcome.same_tags:
            failures[outcome.section].append(outcome.number)
    return dict(failures)


def test_all_examples_are_there(outcomes: list[Outcome]) -> None:
    assert len(outcomes) == SPEC_EXAMPLES
    assert [o.number for o in outcomes] == list(range(1, SPEC_EXAMPLES + 1))


def test_every_example_segments(outcomes: list[Outcome]) -> None:
    errors = [f"{o.number}: {o.error}" for o in outcomes if o.error is not None]
    assert not errors, "\n".join(errors)


def test_identity_without_translations(outcomes: list[Outcome]) -> None:
    changed = [o.number for o in outcomes if o.untouched != o.markdown]
    print(f"identity (no translation): {len(outcomes) - len(changed)}/{len(outcomes)}")
    assert not changed


def test_identity_with_msgid_as_translation(outcomes: list[Outcome]) -> None:
    changed = [o.number for o in outcomes if o.own_msgid != o.markdown]
    print(f"identity (msgid as translation): {len(outcomes) - len(changed)}/{len(outcomes)}")
    assert not changed


def test_pseudo_translation_reaches_every_slot(outcomes: list[Outcome]) -> None:
    """Every slot shows up once, marked, in the pseudo output: the checks below are not vacuous."""
    slots = sum(len(o.segments.slots) for o in outcomes if o.segments is not None)
    marks = sum(o.pseudo.count(OPEN) - o.markdown.count(OPEN) for o in outcomes if o.pseudo)
    with_slots = sum(1 for o in outcomes if o.segments is not None and o.segments.slots)
    print(f"{slots} slots in {with_slots} examples")
    assert marks == slots
    assert with_slots > SPEC_EXAMPLES // 2


def test_pseudo_translation_keeps_tag_sequence(
    outcomes: list[Outcome], tag_failures: dict[str, list[int]]
) -> None:
    failing = sum(len(numbers) for numbers in tag_failures.values())
    kept = len(outcomes) - failing
    print(f"pseudo-translation keeps the tag sequence: {kept}/{len(outcomes)}")
    new = sorted({n for numbers in tag_failures.values() for n in numbers} - KNOWN_TAG_FAILURES)
    assert kept >= TAG_SEQUENCE_FLOOR, f"regression: {kept} < {TAG_SEQUENCE_FLOOR}; new: {new}"


def test_summary_of_tag_sequence_failures(
    outcomes: list[Outcome], tag_failures: dict[str, list[int]]
) -> None:
    """Not a check: prints the failures by section (visible with ``-rA``)."""
    sections = Counter(o.section for o in outcomes)
    print(f"tag sequence changed in {sum(map(len, tag_failures.values()))} examples")
    for section, numbers in tag_failures.items():
        print(f"  {section}: {len(numbers)} of {sections[section]} ({', '.join(map(str, numbers))})")


@pytest.mark.xfail(
    strict=True,
    reason="limitation: a msgid joins soft line breaks with a space, which makes a <...> link "
    "destination valid that the source's line break made invalid (spec example 493)",
)
def test_line_break_in_pointy_destination_stays_text() -> None:
    markdown = "[link](<foo\nbar>)\n"
    segments = segment_page(
        decode_source(markdown.encode(), Path("example.md")), SegmentOptions(frontmatter=False)
    )
    output = render_page(segments, lambda slot: pseudo(slot.msgid))
    assert "a" not in tag_sequence(markdown)
    assert tag_sequence(output) == tag_sequence(markdown)


def test_every_text_block_is_offered_for_translation(outcomes: list[Outcome]) -> None:
    """Text with words in it that got no slot stays in English in every translation."""
    missed = {o.number: untranslated_text(o.pseudo) for o in outcomes if o.pseudo is not None}
    missed = {number: texts for number, texts in missed.items() if texts}
    print(f"examples with text left untranslated: {sorted(missed)}")
    assert not missed, "\n".join(f"example {n}: {texts}" for n, texts in sorted(missed.items()))


@pytest.mark.parametrize(
    "markdown",
    [
        pytest.param("# Title\n", id="atx"),
        pytest.param("Title\nhere\n=====\n", id="setext-two-lines"),
        pytest.param("Title\n=====\n", id="setext-equals"),
        pytest.param("Title\n-----\n", id="setext-dashes"),
        pytest.param("> Title\n> -----\n", id="setext-in-blockquote"),
        pytest.param("- Title\n  -----\n", id="setext-in-list-item"),
        pytest.param("C# tips\n=======\n", id="setext-with-hash"),
    ],
)
def test_heading_text_is_a_slot(markdown: str) -> None:
    segments = segment_page(
        decode_source(markdown.encode(), Path("page.md")), SegmentOptions(frontmatter=False)
    )
    heading = MarkdownIt("commonmark").parse(markdown)
    texts = [t.content.replace("\n", " ") for t in heading if t.type == "inline"]
    assert [slot.msgid for slot in segments.slots] == texts
    assert render_page(segments, lambda slot: pseudo(slot.msgid)).count(OPEN) == 1


@pytest.mark.parametrize(
    ("markdown", "word", "translated"),
    [
        pytest.param("<del>\n*foo*\n</del>\n", "foo", "фу", id="del"),
        pytest.param("<span>\nHello\n</span>\n", "Hello", "Привет", id="span"),
        pytest.param('<a href="/x">\nSee *here*\n</a>\n', "See", "Смотри", id="a"),
    ],
)
def test_html_block_opened_by_an_inline_tag_stays_html(markdown: str, word: str, translated: str) -> None:
    """Translating one word of the text (tags untouched) must keep the HTML block an HTML block."""
    segments = segment_page(
        decode_source(markdown.encode(), Path("page.md")), SegmentOptions(frontmatter=False)
    )
    assert [slot for slot in segments.slots if word in slot.msgid], "the text is not a slot"
    output = render_page(segments, lambda slot: slot.msgid.replace(word, translated))
    assert output != markdown
    assert tag_sequence(output) == tag_sequence(markdown), output
