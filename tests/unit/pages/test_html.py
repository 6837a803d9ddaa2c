"""HTML and Vue blocks on short pages: which text is a slot, and what a translation renders to.

Each test writes a page in the shape the python-cheatsheet site uses (``<base-title>``,
disclaimers, warnings, quizzes, ``<route>`` meta, prose attributes) and states by hand
both the ``(kind, msgid)`` list and the full text rendered for a translation table.
"""

from __future__ import annotations

from markdown_it import MarkdownIt

from support import render, segment, slots

# --- <base-title> ---------------------------------------------------------------------------

TITLE_PAGE = """\
---
title: Python Lists - Python Cheat Sheet
description: Lists are one of the 4 data types in Python.
---

<base-title :title="frontmatter.title" :description="frontmatter.description">
Python Lists
</base-title>

<base-lab-url :url="frontmatter.labUrl" />

Lists store items in order.
"""


def test_base_title_text_is_one_slot_and_its_bound_attributes_are_not() -> None:
    assert slots(TITLE_PAGE) == [
        ("frontmatter: title", "Python Lists - Python Cheat Sheet"),
        ("frontmatter: description", "Lists are one of the 4 data types in Python."),
        ("html: base-title", "Python Lists"),
        ("paragraph", "Lists store items in order."),
    ]


def test_base_title_translation_replaces_only_its_line() -> None:
    out = render(TITLE_PAGE, {"Python Lists": "Списки в Python"})
    assert out == TITLE_PAGE.replace("\nPython Lists\n", "\nСписки в Python\n")
    assert out.count("Списки в Python") == 1
    assert '<base-title :title="frontmatter.title" :description="frontmatter.description">\n' in out


# --- <base-disclaimer> ----------------------------------------------------------------------

DISCLAIMER_PAGE = """\
<base-disclaimer>
  <base-disclaimer-title>
    From the <a target="_blank" href="https://docs.python.org/3/library/#len">Python 3 documentation</a>
  </base-disclaimer-title>
  <base-disclaimer-content>
    Return the length of an object. See <code>len()</code> and
    <router-link to="/cheatsheet/lists-and-tuples">Lists and Tuples</router-link>.
  </base-disclaimer-content>
</base-disclaimer>
"""

DISCLAIMER_TITLE = (
    'From the <a target="_blank" href="https://docs.python.org/3/library/#len">Python 3 documentation</a>'
)
DISCLAIMER_CONTENT = (
    "Return the length of an object. See <code>len()</code> and "
    '<router-link to="/cheatsheet/lists-and-tuples">Lists and Tuples</router-link>.'
)


def test_disclaimer_title_and_content_keep_inline_tags_inside_the_msgid() -> None:
    assert slots(DISCLAIMER_PAGE) == [
        ("html: base-disclaimer-title", DISCLAIMER_TITLE),
        ("html: base-disclaimer-content", DISCLAIMER_CONTENT),
    ]


def test_disclaimer_translation_keeps_the_indentation_of_every_line() -> None:
    table = {
        DISCLAIMER_TITLE: (
            'Из <a target="_blank" href="https://docs.python.org/3/library/#len">документации Python 3</a>'
        ),
        DISCLAIMER_CONTENT: (
            "Возвращает длину объекта.\nСм. <code>len()</code> и "
            '<router-link to="/cheatsheet/lists-and-tuples">Списки и кортежи</router-link>.'
        ),
    }
    assert render(DISCLAIMER_PAGE, table) == (
        "<base-disclaimer>\n"
        "  <base-disclaimer-title>\n"
        '    Из <a target="_blank" href="https://docs.python.org/3/library/#len">'
        "документации Python 3</a>\n"
        "  </base-disclaimer-title>\n"
        "  <base-disclaimer-content>\n"
        "    Возвращает длину объекта.\n"
        "    См. <code>len()</code> и "
        '<router-link to="/cheatsheet/lists-and-tuples">Списки и кортежи</router-link>.\n'
        "  </base-disclaimer-content>\n"
        "</base-disclaimer>\n"
    )


# --- <base-warning> -------------------------------------------------------------------------

WARNING_PAGE = """\
Before.

<base-warning>
  <base-warning-title>
    Empty Sets
  </base-warning-title>
  <base-warning-content>
    Do not use empty curly braces <code>{}</code> or you get a dictionary.
  </base-warning-content>
</base-warning>

After.
"""


def test_warning_title_and_content() -> None:
    assert slots(WARNING_PAGE) == [
        ("paragraph", "Before."),
        ("html: base-warning-title", "Empty Sets"),
        (
            "html: base-warning-content",
            "Do not use empty curly braces <code>{}</code> or you get a dictionary.",
        ),
        ("paragraph", "After."),
    ]
    table = {
        "Empty Sets": "Пустые множества",
        "Do not use empty curly braces <code>{}</code> or you get a dictionary.": (
            "Не используйте пустые фигурные скобки <code>{}</code>: получится словарь."
        ),
    }
    assert render(WARNING_PAGE, table) == (
        "Before.\n"
        "\n"
        "<base-warning>\n"
        "  <base-warning-title>\n"
        "    Пустые множества\n"
        "  </base-warning-title>\n"
        "  <base-warning-content>\n"
        "    Не используйте пустые фигурные скобки <code>{}</code>: получится словарь.\n"
        "  </base-warning-content>\n"
        "</base-warning>\n"
        "\n"
        "After.\n"
    )


# --- quizzes --------------------------------------------------------------------------------

QUIZ_PAGE = """\
<BaseQuiz id="cheatsheet-args-1" correct="B">
<template #question>
What data type does <code>*args</code> collect arguments into?
</template>

<BaseQuizOption value="A">A. A list</BaseQuizOption>
<BaseQuizOption value="B" correct>B. A tuple</BaseQuizOption>
<BaseQuizAnswer>The <code>\\*args</code> parameter collects positional arguments in a tuple.</BaseQuizAnswer>
</BaseQuiz>

<BaseQuiz id="cheatsheet-basics-2" correct="A">
<template #question>
What is the result of this Python expression?

```python
4 + 2 * 3  # mind the precedence
```

</template>

<BaseQuizOption value="A" correct>A. 10</BaseQuizOption>
<BaseQuizOption value="B">B. 18</BaseQuizOption>
<BaseQuizAnswer>Multiplication comes first: 4 + (2 \\* 3) = 10</BaseQuizAnswer>
</BaseQuiz>
"""

QUIZ_SLOTS = [
    ("html: template", "What data type does <code>*args</code> collect arguments into?"),
    ("html: BaseQuizOption", "A. A list"),
    ("html: BaseQuizOption", "B. A tuple"),
    (
        "html: BaseQuizAnswer",
        "The <code>\\*args</code> parameter collects positional arguments in a tuple.",
    ),
    ("html: template", "What is the result of this Python expression?"),
    ("html: BaseQuizOption", "A. 10"),
    ("html: BaseQuizOption", "B. 18"),
    ("html: BaseQuizAnswer", "Multiplication comes first: 4 + (2 \\* 3) = 10"),
]

QUIZ_RU = {
    "What data type does <code>*args</code> collect arguments into?": (
        "В какой тип данных <code>*args</code> собирает аргументы?"
    ),
    "A. A list": "A. Список",
    "B. A tuple": "B. Кортеж",
    "The <code>\\*args</code> parameter collects positional arguments in a tuple.": (
        "Параметр <code>\\*args</code> собирает позиционные аргументы в кортеж."
    ),
    "What is the result of this Python expression?": "Каков результат этого выражения Python?",
    "Multiplication comes first: 4 + (2 \\* 3) = 10": "Сначала умножение: 4 + (2 \\* 3) = 10",
    # would be wrong to apply: the code is not translatable with code_comments off
    "mind the precedence": "помните о приоритете",
}

QUIZ_RU_PAGE = """\
<BaseQuiz id="cheatsheet-args-1" correct="B">
<template #question>
В какой тип данных <code>*args</code> собирает аргументы?
</template>

<BaseQuizOption value="A">A. Список</BaseQuizOption>
<BaseQuizOption value="B" correct>B. Кортеж</BaseQuizOption>
<BaseQuizAnswer>Параметр <code>\\*args</code> собирает позиционные аргументы в кортеж.</BaseQuizAnswer>
</BaseQuiz>

<BaseQuiz id="cheatsheet-basics-2" correct="A">
<template #question>
Каков результат этого выражения Python?

```python
4 + 2 * 3  # mind the precedence
```

</template>

<BaseQuizOption value="A" correct>A. 10</BaseQuizOption>
<BaseQuizOption value="B">B. 18</BaseQuizOption>
<BaseQuizAnswer>Сначала умножение: 4 + (2 \\* 3) = 10</BaseQuizAnswer>
</BaseQuiz>
"""


def test_quiz_slots() -> None:
    assert slots(QUIZ_PAGE) == QUIZ_SLOTS


def test_quiz_translation_leaves_tags_attributes_and_code_alone() -> None:
    assert render(QUIZ_PAGE, QUIZ_RU) == QUIZ_RU_PAGE


def test_quiz_code_in_question_is_a_code_block_not_prose() -> None:
    segments = segment(QUIZ_PAGE)
    assert [
        (code.line, code.info, QUIZ_PAGE[code.content.start : code.content.end]) for code in segments.code
    ] == [(15, "python", "4 + 2 * 3  # mind the precedence\n")]


# --- attributes -----------------------------------------------------------------------------

BOUND_PAGE = """\
<div id="Some identifier words" class="Some class words">
  <base-title :title="frontmatter.title" :alt="Bound words here" v-bind:title="More bound words">
  </base-title>
  <BaseQuizOption value="Some value words" correct></BaseQuizOption>
  <img src="logo.png" data-title="Data words" :aria-label="label">
</div>
"""


def test_bound_and_other_attributes_are_never_slots() -> None:
    assert slots(BOUND_PAGE) == []
    everything = {
        word: "X"
        for word in (
            "frontmatter.title",
            "Bound words here",
            "More bound words",
            "Some identifier words",
            "Some class words",
            "Some value words",
            "Data words",
            "label",
        )
    }
    assert render(BOUND_PAGE, everything) == BOUND_PAGE


ATTRIBUTE_PAGE = """\
<blog-title-header :frontmatter="frontmatter" title="Tips &amp; Tricks for &quot;Python&quot;" />

<div class="search">
  <img src="diagram.png" alt="A diagram of lists">
  <input placeholder='Type a name' aria-label="Search the cheat sheet">
  <img src=x.png alt=Logo>
</div>
"""

ATTRIBUTE_SLOTS = [
    ("attribute: title", 'Tips & Tricks for "Python"'),
    ("attribute: alt", "A diagram of lists"),
    ("attribute: placeholder", "Type a name"),
    ("attribute: aria-label", "Search the cheat sheet"),
    ("attribute: alt", "Logo"),
]


def test_plain_attributes_are_slots_with_entities_decoded() -> None:
    assert slots(ATTRIBUTE_PAGE) == ATTRIBUTE_SLOTS


def test_attribute_translations_are_escaped_for_their_quotes() -> None:
    table = {
        'Tips & Tricks for "Python"': 'Советы & <приёмы> для "Python"',
        "A diagram of lists": "Схема «списков» & <кортежей>",
        "Type a name": 'Введите "имя" & l\'index <ici>',
        "Search the cheat sheet": "Поиск > шпаргалка",
        "Logo": "Логотип сайта",
    }
    assert render(ATTRIBUTE_PAGE, table) == (
        '<blog-title-header :frontmatter="frontmatter" '
        'title="Советы &amp; &lt;приёмы&gt; для &quot;Python&quot;" />\n'
        "\n"
        '<div class="search">\n'
        '  <img src="diagram.png" alt="Схема «списков» &amp; &lt;кортежей&gt;">\n'
        "  <input placeholder='Введите \"имя\" &amp; l&#39;index &lt;ici&gt;' "
        'aria-label="Поиск &gt; шпаргалка">\n'
        '  <img src=x.png alt="Логотип сайта">\n'
        "</div>\n"
    )


def test_attribute_translated_to_its_msgid_keeps_the_source_entities() -> None:
    table = {msgid: msgid for _kind, msgid in ATTRIBUTE_SLOTS}
    assert render(ATTRIBUTE_PAGE, table) == ATTRIBUTE_PAGE


def test_attribute_translation_on_several_lines_is_joined() -> None:
    page = '<img src="a.png" alt="Two words">\n'
    assert render(page, {"Two words": "Два\nслова"}) == '<img src="a.png" alt="Два слова">\n'


def test_inline_tag_attributes_stay_inside_the_prose_msgid() -> None:
    page = '<p>\n  See <a href="/x" title="The x page">this page</a> now.\n</p>\n'
    assert slots(page) == [("html: p", 'See <a href="/x" title="The x page">this page</a> now.')]


def test_inline_tag_without_prose_around_gives_its_attributes() -> None:
    page = '<p>\n  <a href="/"><img src="home.png" alt="Home page"></a>\n</p>\n'
    assert slots(page) == [("attribute: alt", "Home page")]
    assert render(page, {"Home page": "Главная"}) == (
        '<p>\n  <a href="/"><img src="home.png" alt="Главная"></a>\n</p>\n'
    )


def test_attribute_of_a_tag_written_over_several_lines() -> None:
    page = '<blog-title-header\n  :frontmatter="frontmatter"\n  title="Sets explained"\n/>\n'
    assert slots(page) == [("attribute: title", "Sets explained")]
    assert render(page, {"Sets explained": "Множества"}) == (
        '<blog-title-header\n  :frontmatter="frontmatter"\n  title="Множества"\n/>\n'
    )


def test_vue_mustache_alone_is_not_prose() -> None:
    # A {{ expression }} is code for Vue: text made only of one is no slot, text around one is.
    page = "<div>\n  <h1>{{ frontmatter.title }}</h1>\n  <p>Hello {{ name }}</p>\n</div>\n"
    assert slots(page) == [("html: p", "Hello {{ name }}")]


def block_types(page: str) -> list[str]:
    return [token.type for token in MarkdownIt("commonmark").enable("table").parse(page)]


def test_multiline_translation_in_an_indented_html_block_keeps_the_indentation() -> None:
    page = "- item\n\n  <div>\n  Some text here\n  </div>\n\n  more\n"
    out = render(page, {"Some text here": "Первая\nвторая"})
    assert out == "- item\n\n  <div>\n  Первая\n  вторая\n  </div>\n\n  more\n"
    assert block_types(out) == block_types(page)


def test_multiline_translation_of_a_one_line_html_slot_in_a_list_item_stays_in_it() -> None:
    # The second line needs the list item's indentation, or the item (and the list) ends there.
    page = "- item\n\n  <p>Some text here</p>\n\n  more\n"
    out = render(page, {"Some text here": "Первая\nвторая"})
    assert "Первая" in out and "вторая" in out
    assert block_types(out) == block_types(page)


# --- <route lang="yaml"> ---------------------------------------------------------------------

ROUTE_PAGE = """\
---
title: 'Python Sets: What, Why and How'
description: Sets are unordered collections
date: July 8, 2025
---

<route lang="yaml">
meta:
    layout: article
    title: 'Python Sets: What, Why and How'
    description: Sets are unordered collections
    date: July 8, 2025
</route>

Body text.
"""


def test_route_meta_shares_the_frontmatter_entries() -> None:
    segments = segment(ROUTE_PAGE)
    assert [(slot.label, slot.context, slot.msgid) for slot in segments.slots] == [
        ("frontmatter: title", "frontmatter", "Python Sets: What, Why and How"),
        ("frontmatter: description", "frontmatter", "Sets are unordered collections"),
        ("route: title", "frontmatter", "Python Sets: What, Why and How"),
        ("route: description", "frontmatter", "Sets are unordered collections"),
        ("paragraph", None, "Body text."),
    ]
    keys = [slot.key for slot in segments.slots]
    assert keys[0] == keys[2]
    assert keys[1] == keys[3]


def test_route_meta_translations_are_requoted_when_needed() -> None:
    table = {
        "Python Sets: What, Why and How": "Множества Python: что, зачем и как",
        "Sets are unordered collections": "Примечание: множества не упорядочены",
    }
    assert render(ROUTE_PAGE, table) == (
        "---\n"
        "title: 'Множества Python: что, зачем и как'\n"
        "description: 'Примечание: множества не упорядочены'\n"
        "date: July 8, 2025\n"
        "---\n"
        "\n"
        '<route lang="yaml">\n'
        "meta:\n"
        "    layout: article\n"
        "    title: 'Множества Python: что, зачем и как'\n"
        "    description: 'Примечание: множества не упорядочены'\n"
        "    date: July 8, 2025\n"
        "</route>\n"
        "\n"
        "Body text.\n"
    )


def test_route_meta_plain_translation_stays_plain_and_quotes_are_doubled() -> None:
    table = {
        "Python Sets: What, Why and How": "It's a set",
        "Sets are unordered collections": "Mengen sind ungeordnet",
    }
    out = render(ROUTE_PAGE, table)
    assert "    title: 'It''s a set'\n    description: Mengen sind ungeordnet\n" in out
    assert "title: 'It''s a set'\ndescription: Mengen sind ungeordnet\n" in out


def test_route_in_another_language_is_left_alone() -> None:
    page = '<route lang="json">\n{"meta": {"title": "Some title words"}}\n</route>\n\nText.\n'
    assert slots(page) == [("paragraph", "Text.")]


# --- never segmented ------------------------------------------------------------------------

RAW_PAGE = """\
# Heading

<!-- A comment with words
<base-title>Old title</base-title>
that spans lines -->

<!-- single comment words -->
Paragraph after a comment.

<div>
  Before <!-- inner comment words --> after the comment.
</div>

<script setup>
const title = "<b>Script words</b>"
</script>

<style scoped>
.note::before { content: "Style words"; }
</style>
"""


def test_comments_scripts_and_styles_are_never_segmented() -> None:
    assert slots(RAW_PAGE) == [
        ("heading", "Heading"),
        ("paragraph", "Paragraph after a comment."),
        ("html: div", "Before"),
        ("html: div", "after the comment."),
    ]
    table = {
        "Old title": "X",
        "single comment words": "X",
        "inner comment words": "X",
        "Script words": "X",
        "Style words": "X",
        "Heading": "Заголовок",
    }
    assert render(RAW_PAGE, table) == RAW_PAGE.replace("# Heading", "# Заголовок")
