"""The gate in process: which translation gets the blame, route blocks, keys on several blocks.

Messages are compared exactly; pages are small and written here. The hostile
translations and their messages through the CLI are tests/cli/test_hostile.py.
"""

from __future__ import annotations

from pathlib import Path

from cheatl10n.pages.segment import SegmentOptions, segment_page
from cheatl10n.pages.source import decode_source
from cheatl10n.translate.gate import Key, judge_page


def verdict(page: str, msgstrs: dict[str, str], context: str | None = None) -> dict[Key, list[str]]:
    segments = segment_page(decode_source(page.encode("utf-8"), Path("p.md")), SegmentOptions())
    found = judge_page(segments, {(context, msgid): text for msgid, text in msgstrs.items()}, "ru")
    return {key: [f"{p.severity}: {p.message}" for p in problems] for key, problems in found.items()}


QUIZ = (
    '<BaseQuizOption value="A">A. No</BaseQuizOption>\n<BaseQuizAnswer>Sets have no order.</BaseQuizAnswer>\n'
)


def test_each_harmless_alone_but_harmful_together_blames_both() -> None:
    found = verdict(QUIZ, {"A. No": 'Нет <b title="', "Sets have no order.": '" onclick="x">Да'})
    message = "error: translation adds event handler onclick= (with the other translations of its block)"
    assert message in found[(None, "A. No")]
    assert message in found[(None, "Sets have no order.")]


def test_only_the_guilty_translation_is_refused_and_the_rest_passes() -> None:
    found = verdict(QUIZ, {"A. No": "Нет <script>x</script>", "Sets have no order.": "Порядка нет."})
    assert found == {(None, "A. No"): ["error: translation adds element <script>"]}


def test_a_key_refused_in_one_block_is_refused_everywhere() -> None:
    page = "# Sets\n\nSets\n\n| Sets |\n| --- |\n| x |\n"
    found = verdict(page, {"Sets": "Множества\n\nещё"})
    assert found == {
        (None, "Sets"): [
            "error: translation changes the page's blocks (adds a paragraph): "
            "escape a line-starting marker with a backslash",
            "warning: a line break in a heading translation is put back as a space",
        ]
    }


ROUTE = '<route lang="yaml">\nmeta:\n  title: Sets\n</route>\n\nText.\n'


def test_route_values_are_quoted_or_refused() -> None:
    assert verdict(ROUTE, {"Sets": "a: b, c"}, "frontmatter") == {}
    found = verdict(ROUTE, {"Sets": "</route><script>x</script>"}, "frontmatter")
    assert "error: translation adds element <script>" in found[("frontmatter", "Sets")]


def test_frontmatter_that_still_loads_passes_and_a_mustache_does_not() -> None:
    page = "---\ntitle: Sets\n---\n\nText.\n"
    assert verdict(page, {"Sets": "Множества: `set()`, *все*"}, "frontmatter") == {}
    found = verdict(page, {"Sets": "{{ x }}"}, "frontmatter")
    assert found == {("frontmatter", "Sets"): ["error: translation adds a Vue interpolation {{ }}"]}


def hugo_verdict(page: str, msgstrs: dict[str, str]) -> dict[Key, list[str]]:
    options = SegmentOptions(dialect="hugo", frontmatter_keys=("title",))
    segments = segment_page(decode_source(page.encode("utf-8"), Path("p.md")), options)
    found = judge_page(segments, {(None, msgid): text for msgid, text in msgstrs.items()}, "ru")
    return {key: [f"{p.severity}: {p.message}" for p in problems] for key, problems in found.items()}


def test_hugo_shortcodes_keep_their_name_and_parameters() -> None:
    page = 'See {{< ref "intro.md" >}} for the start.\n'
    msgid = 'See {{< ref "intro.md" >}} for the start.'
    assert hugo_verdict(page, {msgid: 'Смотрите {{< ref "intro.md" >}}.'}) == {}
    found = hugo_verdict(page, {msgid: 'Смотрите {{< ref "other.md" >}}.'})
    assert 'error: translation drops or alters shortcode {{< ref "intro.md" >}}' in found[(None, msgid)]


def test_toml_frontmatter_keeps_its_keys() -> None:
    page = '+++\ntitle = "Sets"\nweight = 2\n+++\n\nText.\n'
    options = SegmentOptions(dialect="hugo", frontmatter_keys=("title",))
    segments = segment_page(decode_source(page.encode("utf-8"), Path("p.md")), options)
    key = next(slot.key for slot in segments.slots if slot.msgid == "Sets")
    assert judge_page(segments, {key: 'Множества "все"'}) == {}


def test_a_translation_with_an_attribute_named_twice_is_judged_not_crashed() -> None:
    # Found by tests/property/test_gate_props.py: <span x x=""> gave the digest an attribute
    # with no value and the same one with a value, which could not be sorted.
    found = verdict("---\ntitle: Iterators\n---\n\nText.\n", {"Iterators": "<span/a/b/a/b=>"})
    assert found == {}
    found = verdict("Text.\n", {"Text.": 'Текст <span x x="">.'})
    assert found[(None, "Text.")] == ['error: translation adds or alters tag <span x x="">']


CODE_PAGE = "Use `len()` here, and `x` too.\n"
CODE_MSGID = "Use `len()` here, and `x` too."


def test_a_translation_that_keeps_the_code_spans_and_adds_only_words_passes() -> None:
    assert verdict(CODE_PAGE, {CODE_MSGID: "Используйте `len()` здесь, и `x` тоже."}) == {}


def test_a_translation_that_keeps_the_code_spans_is_still_judged_for_what_it_adds() -> None:
    # The gate skips a block whose translations only change words around the very same
    # code spans; anything else beside them sends the block through the parser again.
    cases = {
        "Используйте `len()` [здесь](https://evil.example), и `x` тоже.": (
            "error: translation adds link target (https://evil.example)"
        ),
        "Используйте `len()` {{ secret }}, и `x` тоже.": "error: translation adds a Vue interpolation {{ }}",
        "Используйте `len()` <img src=x onerror=alert(1)>, и `x` тоже.": (
            "error: translation adds event handler onerror="
        ),
        "# Используйте `len()` здесь, и `x` тоже.": (
            "error: translation changes the page's blocks (a paragraph becomes a heading): "
            "escape a line-starting marker with a backslash"
        ),
        "Используйте `len()` здесь, и `x` тоже `<b onclick=alert(1)>` <i onclick=y>.": (
            "error: translation adds event handler onclick="
        ),
    }
    for translation, message in cases.items():
        assert message in verdict(CODE_PAGE, {CODE_MSGID: translation})[(None, CODE_MSGID)], translation
