"""The gate on translations nobody wrote: whatever it lets through adds nothing to the page.

Hypothesis writes msgstrs from fragments of Markdown, HTML, Vue, entities and line
endings for the strings of a page with every kind of slot (the hostile suite's
page), the gate judges them together as ``build`` does, and the page is built with
the translations it accepts. The built page is then read by ``siteview``
(markdown-it and html.parser, no cheatl10n code): it may have no block, element,
attribute, link target, Vue interpolation or frontmatter key that the source lacks.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cheatl10n.pages.segment import SegmentOptions, segment_page
from cheatl10n.pages.source import decode_source
from cheatl10n.translate.gate import ERROR, judge_page
from cheatl10n.translate.render import render_page
from siteview import new_things

HOSTILE = Path(__file__).resolve().parent.parent / "cli" / "hostile"
PAGES = {name: (HOSTILE / name).read_text(encoding="utf-8") for name in ("page.md", "flow.md")}
SEGMENTS = {
    name: segment_page(decode_source(text.encode("utf-8"), Path(name)), SegmentOptions(code_comments=True))
    for name, text in PAGES.items()
}
FRAGMENTS = [
    *"<>/`*_[]()\\|#=:\"'!{}&;",
    *["</", "](", "``", "**", "{{", "}}", "&#123;", "&lbrace;", "&#x7b;", "\\{"],
    *["\n", "\r", "\r\n", "\n\n", " ", "    ", "- ", "1. ", "> ", "---", "===", "***"],
    *["<!--", "-->", "<?", "?>", "<!X ", "<div>", "</div>", "<span", "<img", "<svg", "<script>"],
    *["src=x", "href=", "onerror=alert(1)", "v-html=x", ":x=y", "@click=y", "title=", "/onload=y"],
    *["javascript:", "https://evil.example", "/cheatsheet/lists", "[e]: ", "[x][e]", "</code>"],
    *["a", "x", "Слово", "next()", "`iter()`", "<code>", "<b>", "</b>", "</BaseQuizOption>"],
]
MSGSTR = st.lists(st.sampled_from(FRAGMENTS), max_size=14).map("".join)


@st.composite
def translations(draw: st.DrawFn) -> tuple[str, dict[tuple[str | None, str], str]]:
    name = draw(st.sampled_from(sorted(SEGMENTS)))
    keys = sorted({slot.key for slot in SEGMENTS[name].slots}, key=str)
    chosen = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=4, unique=True))
    return name, {key: draw(MSGSTR) for key in chosen}


@settings(max_examples=300)
@given(translations())
@example(
    ("page.md", {(None, "A. No"): 'A. Нет <span title="', (None, "Sets have no order."): '" onclick=x>'})
)
@example(("page.md", {(None, "The end."): "x\r<!-- -->\r<script>"}))
@example(("flow.md", {("frontmatter", "Loop over things"): "a}, layout: x"}))
def test_what_the_gate_accepts_adds_nothing(case: tuple[str, dict[tuple[str | None, str], str]]) -> None:
    name, msgstrs = case
    segments = SEGMENTS[name]
    verdict = judge_page(segments, msgstrs)
    accepted = {  # as build: an empty msgstr is no translation
        key: text
        for key, text in msgstrs.items()
        if text and not any(problem.severity == ERROR for problem in verdict.get(key, []))
    }
    built = render_page(segments, lambda slot: accepted.get(slot.key))
    assert new_things(PAGES[name], built) == [], (accepted, built)
