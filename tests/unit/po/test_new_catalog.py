"""A page's new catalogs hold its template's entries: ``extract`` formats them once for all.

``jobs/extract.py`` writes a catalog that did not exist as its own header followed by
the text of the template's entries. These tests hold that to what merging the page's
messages into no catalog gives, byte for byte.
"""

from __future__ import annotations

import pytest
from babel import Locale
from tests.support import corpus_pages, require_corpus, segment

from cheatl10n.po.merge import Message, merge_catalog, page_messages, template_catalog
from cheatl10n.po.write import dump_po, format_entries

PAGE = """---
title: Lists
description: Lists hold items.
---

# Lists

Lists hold items. A list is `[]`.

| Method | Meaning |
|--------|---------|
| `append` | Adds an item. |
| `pop` | Adds an item. |

Lists hold items.

```python
# make a list
items = [1, 2]
```
"""


def _both_ways(messages: list[Message], lang: str) -> tuple[bytes, bytes]:
    locale = Locale.parse(lang)
    merged = merge_catalog(None, messages, locale, "site", "page.md")
    header_only = merge_catalog(None, (), locale, "site", "page.md")
    shared = format_entries(template_catalog(messages, "site", "page.md"))
    return dump_po(merged), dump_po(header_only, shared)


@pytest.mark.parametrize("lang", ["ru", "de", "ja", "pt_BR"])
def test_a_new_catalog_is_its_header_and_the_templates_entries(lang: str) -> None:
    messages = page_messages(segment(PAGE, code_comments=True), "page.md")
    assert len(messages) > 5
    merged, shared = _both_ways(messages, lang)
    assert shared == merged
    assert merged.count(b"\nmsgid ") == len(messages) + 1  # the header's too


def test_every_corpus_page_gives_the_same_bytes_both_ways() -> None:
    require_corpus()
    pages = corpus_pages()
    for page in pages:
        messages = page_messages(segment(page.read_text(encoding="utf-8")), page.name)
        merged, shared = _both_ways(messages, "ru")
        assert shared == merged, page.name


def test_the_template_is_its_header_and_its_entries() -> None:
    messages = page_messages(segment(PAGE), "page.md")
    template = template_catalog(messages, "site", "page.md")
    header = template_catalog((), "site", "page.md")
    assert dump_po(header, format_entries(template)) == dump_po(template)
