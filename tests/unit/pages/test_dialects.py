"""Dialects: which syntax of Hugo, MkDocs Material, Docusaurus and GitHub pages is markup, which is text."""

from __future__ import annotations

from pathlib import Path

import pytest

from cheatl10n.errors import ConfigError, SourceError
from cheatl10n.model import SegmentOptions
from cheatl10n.pages.dialects import get_dialect
from cheatl10n.pages.segment import segment_page
from cheatl10n.pages.source import decode_source
from cheatl10n.translate.gate import judge_page
from cheatl10n.translate.render import render_page


def slots(page: str, dialect: str) -> list[tuple[str, int, str]]:
    segments = segment_page(decode_source(page.encode(), Path("p.md")), SegmentOptions(dialect=dialect))
    return [(slot.label, slot.line, slot.msgid) for slot in segments.slots]


def translate(page: str, dialect: str, table: dict[str, str]) -> str:
    segments = segment_page(decode_source(page.encode(), Path("p.md")), SegmentOptions(dialect=dialect))
    assert render_page(segments, lambda slot: None) == page
    return render_page(segments, lambda slot: table.get(slot.msgid))


HUGO_PAGE = """\
+++
title = 'Getting started'
description = "The \\"first\\" steps"
weight = 10
date = 2019-05-01
[params]
linkTitle = 'Not top level'
+++

{{% alert title="Note" color="info" %}}
Read the {{< glossary_tooltip text="cluster" term_id="cluster" >}} guide first.
{{% /alert %}}

{{< tabpane text=true >}} {{% tab "Go" %}}

Install the module.

{{% /tab %}} {{< /tabpane >}}

{{< figure
    src="/img/a.png"
    caption="A diagram" >}}

{{< comment >}}
Nothing here is prose.
{{< /comment >}}

## Request body {#request-body}
"""


def test_hugo_shortcodes_are_markup_with_translatable_text_parameters() -> None:
    assert slots(HUGO_PAGE, "hugo") == [
        ("frontmatter: title", 2, "Getting started"),
        ("frontmatter: description", 3, 'The "first" steps'),
        ("shortcode alert: title", 10, "Note"),
        ("paragraph", 11, 'Read the {{< glossary_tooltip text="cluster" term_id="cluster" >}} guide first.'),
        ("shortcode tab: label", 14, "Go"),
        ("paragraph", 16, "Install the module."),
        ("shortcode figure: caption", 22, "A diagram"),
        ("heading", 28, "Request body"),
    ]


def test_hugo_translation_is_spliced_and_quoted() -> None:
    table = {
        "Getting started": "C'est parti",
        'The "first" steps': "Premiers pas",
        "Note": 'Le "mot"',
        "Go": "Aller plus loin",
        "A diagram": "Un schéma",
        "Request body": "Corps",
    }
    output = translate(HUGO_PAGE, "hugo", table)
    assert output.startswith('+++\ntitle = "C\'est parti"\ndescription = "Premiers pas"\nweight = 10\n')
    assert '{{% alert title="Le \\"mot\\"" color="info" %}}' in output
    assert '{{% tab "Aller plus loin" %}}' in output
    assert 'caption="Un schéma" >}}' in output
    assert "## Corps {#request-body}\n" in output


def test_a_bare_positional_label_is_quoted_when_translated() -> None:
    page = "{{% tab Static %}}\n\nText.\n\n{{% /tab %}}\n"
    assert translate(page, "hugo", {"Static": "Statique fixe"}) == page.replace("Static", '"Statique fixe"')


def test_toml_frontmatter_errors_name_the_line() -> None:
    source = decode_source(b"+++\ntitle = 'a'\ntitle = 'b'\n+++\n", Path("p.md"))
    with pytest.raises(SourceError) as caught:
        segment_page(source, SegmentOptions(dialect="hugo"))
    assert str(caught.value).startswith("p.md:3: error: frontmatter is not valid TOML")


def test_toml_frontmatter_is_text_to_other_dialects() -> None:
    page = "+++\ntitle = 'a'\n+++\n"
    assert slots(page, "vitepress") == [("paragraph", 1, "+++ title = 'a' +++")]


MKDOCS_PAGE = """\
# Bigger applications { #bigger-applications }

!!! note "A title"
    The body is **Markdown**.

    - and a list

??? tip
    Collapsed.

=== "Python 3.10+"

    ```python
    x = 1
    ```

/// warning | Technical details

Inside a block.

///

/// tip

No title.

///

{* ../../docs_src/app/main.py hl[2] *}

--8<-- "snippets/intro.md"

{% if user %}
::: fastapi.FastAPI
    options:
        members: true

{: .center }
"""


def test_mkdocs_admonitions_tabs_and_blocks() -> None:
    assert slots(MKDOCS_PAGE, "mkdocs") == [
        ("heading", 1, "Bigger applications"),
        ("admonition title", 3, "A title"),
        ("paragraph", 4, "The body is **Markdown**."),
        ("list item", 6, "and a list"),
        ("admonition title", 8, "Tip"),
        ("paragraph", 9, "Collapsed."),
        ("tab label", 11, "Python 3.10+"),
        ("warning title", 17, "Technical details"),
        ("paragraph", 19, "Inside a block."),
        ("tip title", 23, "Tip"),
        ("paragraph", 25, "No title."),
    ]


def test_mkdocs_titles_are_translated_and_added_where_the_source_has_none() -> None:
    table = {"Tip": "豆知識", "A title": "Un titre", "Python 3.10+": "Python 3.10 et plus"}
    table["Collapsed."] = "Replié."
    output = translate(MKDOCS_PAGE, "mkdocs", table)
    assert '!!! note "Un titre"\n' in output
    assert '??? tip "豆知識"\n    Replié.\n' in output
    assert '=== "Python 3.10 et plus"\n' in output
    assert "/// tip | 豆知識\n" in output
    assert "/// warning | Technical details\n" in output


def test_docusaurus_admonitions_and_mdx_lines() -> None:
    page = "import Tabs from '@theme/Tabs';\n\n:::note Take care\n\nSome text.\n\n:::\n"
    page += "\n:::tip\n\nMore.\n\n:::\n"
    assert slots(page, "docusaurus") == [
        ("admonition title", 3, "Take care"),
        ("paragraph", 5, "Some text."),
        ("paragraph", 11, "More."),
    ]


def test_github_alert_keywords_are_never_text() -> None:
    page = "> [!NOTE]\n> Useful information.\n\n> [!TIP] Pro tip\n> More.\n"
    expected = [("blockquote", 2, "Useful information."), ("blockquote", 4, "Pro tip More.")]
    assert slots(page, "gfm") == expected


def test_shortcodes_at_the_edges_of_a_paragraph_stay_out_of_its_msgid() -> None:
    page = '{{% config_option name="otel.x" %}} Set it\nto `true`. {{% /config_option %}}\n'
    assert slots(page, "hugo") == [("paragraph", 1, "Set it to `true`.")]
    output = translate(page, "hugo", {"Set it to `true`.": "`true` に設定します。"})
    assert output == '{{% config_option name="otel.x" %}} `true` に設定します。 {{% /config_option %}}\n'


def test_shortcode_parameters_other_than_text_must_stay() -> None:
    msgid = 'See {{< glossary_tooltip text="cluster" term_id="cluster" >}} here.'
    ok = 'Voir {{< glossary_tooltip text="grappe" term_id="cluster" >}} ici.'
    bad = 'Voir {{< glossary_tooltip text="grappe" term_id="grappe" >}} ici.'
    options = SegmentOptions(dialect="hugo")
    segments = segment_page(decode_source((msgid + "\n").encode(), Path("p.md")), options)

    def errors(msgstr: str) -> list[str]:  # the gate, on a page holding the one paragraph
        found = judge_page(segments, {(None, msgid): msgstr}).get((None, msgid), [])
        return [problem.message for problem in found if problem.severity == "error"]

    assert errors(ok) == []
    messages = errors(bad)
    assert messages == [
        'translation drops or alters shortcode {{< glossary_tooltip term_id="cluster" >}}',
        'translation adds or alters shortcode {{< glossary_tooltip term_id="grappe" >}}',
    ]


def test_unknown_dialect_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        get_dialect("jekyll")


def test_docusaurus_heading_ids_esm_expressions_and_jsx_props_are_never_text() -> None:
    page = (
        "## Set up {#setup}\n\n## Run {/* #run */}\n\n"
        "export const meta = {\n  title: 'Not text',\n};\n\n"
        "{/* A note\n   for maintainers */} {props.x}\n\n"
        "    Indented text is no code in MDX.\n\n"
        "<Tabs values={[{label: 'Win', value: 'win'}]} title=\"Pick one\">Choose {props.os}.</Tabs>\n"
    )
    assert slots(page, "docusaurus") == [
        ("heading", 1, "Set up"),
        ("heading", 3, "Run"),
        ("paragraph", 12, "Indented text is no code in MDX."),
        ("attribute: title", 14, "Pick one"),
        ("html: Tabs", 14, "Choose {props.os}."),
    ]


def test_toml_arrays_holding_more_than_strings_and_numbers_are_left_whole() -> None:
    page = '+++\ntags = [["a"], "b"]\nkeys = [{x = "c"}]\n'
    page += 'more = ["""d""", "e"]\nlast = ["f", 1.5, true]\n+++\n'
    segments = segment_page(
        decode_source(page.encode(), Path("p.md")),
        SegmentOptions(dialect="hugo", frontmatter_keys=("tags", "keys", "more", "last")),
    )
    assert [(slot.detail, slot.msgid) for slot in segments.slots] == [("last", "f")]
