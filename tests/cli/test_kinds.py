"""The extracted comments (``#.``) that tell translators what a string is, through the real CLI.

A page with Vue components, attributes and a Python block is extracted with and
without ``code_comments``; the catalogs are read back with polib. Then the
catalog is filled and the page built, to see the strings land where they came from.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polib

from cheatl10n.po.write import dump_po

from support import SITE_CONFIG, run_cli

PAGE_PATH = "docs/cheatsheet/en/sets.md"
CATALOG_PATH = "locales/ru/cheatsheet/sets.po"

PAGE = """\
---
title: Python Sets
description: Unordered collections
---

<base-title :title="frontmatter.title" :description="frontmatter.description">
Python Sets
</base-title>

<base-disclaimer>
  <base-disclaimer-title>
    From the <a href="https://docs.python.org/3/">Python docs</a>
  </base-disclaimer-title>
  <base-disclaimer-content>
    A set is an <code>unordered</code> collection.
  </base-disclaimer-content>
</base-disclaimer>

<blog-title-header :frontmatter="frontmatter" title="Sets &amp; more" />

<img src="venn.png" alt="A Venn diagram">

```python
# Make a set
s = {1, 2}  # two items
```

<BaseQuiz id="sets-1" correct="A">
<template #question>
Are sets ordered?
</template>

<BaseQuizOption value="A" correct>A. No</BaseQuizOption>
<BaseQuizAnswer>Sets have no order.</BaseQuizAnswer>
</BaseQuiz>
"""

WITH_COMMENTS = SITE_CONFIG + "code_comments = true\n"

BASE_KINDS = [
    ("frontmatter", "Python Sets", "frontmatter: title"),
    ("frontmatter", "Unordered collections", "frontmatter: description"),
    (None, "Python Sets", "html: base-title"),
    (None, 'From the <a href="https://docs.python.org/3/">Python docs</a>', "html: base-disclaimer-title"),
    (None, "A set is an <code>unordered</code> collection.", "html: base-disclaimer-content"),
    (None, "Sets & more", "attribute: title"),
    (None, "A Venn diagram", "attribute: alt"),
]
QUIZ_KINDS = [
    (None, "Are sets ordered?", "html: template"),
    (None, "A. No", "html: BaseQuizOption"),
    (None, "Sets have no order.", "html: BaseQuizAnswer"),
]
COMMENT_KINDS = [
    (None, "Make a set", "code comment"),
    (None, "two items", "code comment"),
]


def kinds(root: Path) -> list[tuple[str | None, str, str]]:
    po = polib.pofile(str(root / CATALOG_PATH))
    return [(entry.msgctxt, entry.msgid, entry.comment) for entry in po if not entry.obsolete]


def test_extracted_comments_name_the_kind(make_site: Callable[..., Path]) -> None:
    root = make_site({PAGE_PATH: PAGE})
    result = run_cli("extract", "--lang", "ru", cwd=root)
    assert result.returncode == 0, result.stderr
    assert kinds(root) == BASE_KINDS + QUIZ_KINDS
    text = (root / CATALOG_PATH).read_text(encoding="utf-8")
    assert "#. html: base-disclaimer-content\n" in text
    assert "#. attribute: title\n" in text
    assert "#. code comment" not in text


def test_code_comment_kind_with_the_option_on(make_site: Callable[..., Path]) -> None:
    root = make_site({PAGE_PATH: PAGE}, config=WITH_COMMENTS)
    result = run_cli("extract", "--lang", "ru", cwd=root)
    assert result.returncode == 0, result.stderr
    assert kinds(root) == BASE_KINDS + COMMENT_KINDS + QUIZ_KINDS
    text = (root / CATALOG_PATH).read_text(encoding="utf-8")
    assert text.count("#. code comment\n") == 2


def test_same_text_of_two_kinds_is_one_entry_listing_both(make_site: Callable[..., Path]) -> None:
    page = '<img src="a.png" title="Sets explained">\n\nSets explained\n'
    root = make_site({PAGE_PATH: page})
    assert run_cli("extract", "--lang", "ru", cwd=root).returncode == 0
    po = polib.pofile(str(root / CATALOG_PATH))
    assert [(entry.msgid, entry.comment) for entry in po] == [
        ("Sets explained", "attribute: title\nparagraph"),
    ]


def test_built_page_puts_each_kind_back_in_place(make_site: Callable[..., Path]) -> None:
    root = make_site({PAGE_PATH: PAGE}, config=WITH_COMMENTS)
    assert run_cli("extract", "--lang", "ru", cwd=root).returncode == 0
    ru = {
        ("frontmatter", "Python Sets"): "Множества: Python",
        (None, "Python Sets"): "Множества в Python",
        (None, "A set is an <code>unordered</code> collection."): (
            "Множество — <code>неупорядоченная</code> коллекция."
        ),
        (None, "Sets & more"): 'Множества & "другое"',
        (None, "A Venn diagram"): "Диаграмма Венна",
        (None, "two items"): "два элемента",
        (None, "A. No"): "A. Нет",
    }
    catalog = root / CATALOG_PATH
    po = polib.pofile(str(catalog))
    for entry in po:
        entry.msgstr = ru.get((entry.msgctxt, entry.msgid), "")
    catalog.write_bytes(dump_po(po))
    result = run_cli("build", "--lang", "ru", cwd=root)
    assert result.returncode == 0, result.stderr
    built = (root / "docs/cheatsheet/ru/sets.md").read_text(encoding="utf-8")
    assert built == (
        PAGE.replace("title: Python Sets\n", "title: 'Множества: Python'\n")
        .replace("\nPython Sets\n</base-title>", "\nМножества в Python\n</base-title>")
        .replace(
            "A set is an <code>unordered</code> collection.",
            "Множество — <code>неупорядоченная</code> коллекция.",
        )
        .replace('title="Sets &amp; more"', 'title="Множества &amp; &quot;другое&quot;"')
        .replace('alt="A Venn diagram"', 'alt="Диаграмма Венна"')
        .replace("# two items", "# два элемента")
        .replace(">A. No<", ">A. Нет<")
    )
