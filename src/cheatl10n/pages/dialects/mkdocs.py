"""MkDocs Material / Python-Markdown: admonitions, tabs, ``///`` blocks, heading ids, includes.

- ``!!! note "Title"``, ``??? tip``, ``???+ warning`` admonitions (mdit-py-plugins'
  ``admon`` rule): the title is translatable; a block without one gets the type's
  default title (``Note``) as msgid, and a translated title is added to the opener.
  The indented body is Markdown, segmented as such.
- ``=== "Tab"`` content tabs (pymdownx.tabbed): the label is translatable, the indented
  body is Markdown.
- ``/// type | Title`` ... ``///`` blocks (pymdownx.blocks; mdit-py-plugins' ``container``
  rule with ``/`` as marker): the title is translatable (added when absent, as above),
  the body is Markdown.
- Protected lines, never prose: ``{* ../../docs_src/x.py hl[2] *}`` includes,
  ``--8<--`` snippets, Jinja ``{% ... %}`` lines, ``::: module.Class`` (mkdocstrings,
  with its indented options), ``{!> file !}`` includes and block attribute lists
  (``{: .class }``).
- Headings keep ``{ #id }`` / ``{#id}`` attribute lists out of their msgid.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.container import container_plugin

from cheatl10n.pages.dialects.base import Dialect, Part
from cheatl10n.pages.dialects.rules import (
    ATTRIBUTE_LINE,
    first_line,
    indented_block,
    protected_lines,
    title_part,
)

TITLED_TYPES = frozenset(
    [
        "note",
        "abstract",
        "summary",
        "tldr",
        "info",
        "todo",
        "tip",
        "hint",
        "important",
        "success",
        "check",
        "done",
        "question",
        "help",
        "faq",
        "warning",
        "caution",
        "attention",
        "failure",
        "fail",
        "missing",
        "danger",
        "error",
        "bug",
        "example",
        "quote",
        "cite",
        "details",
    ]
)
"""Block types Material shows with a default title (the type, capitalized)."""

PROTECTED = (
    r"\{\*.*\*\}[ \t]*$",  # {* ../../docs_src/x.py hl[2] *}
    r"-{2}8<-{2}",  # --8<-- "snippet.md"
    r"\{%.*%\}[ \t]*$",  # {% if x %}
    r":::[ \t]+\S",  # ::: module.Class (mkdocstrings)
    r"\{!.*!\}[ \t]*$",  # {!> ../../docs_src/x.py !}
    ATTRIBUTE_LINE,  # {: .class } block attribute list
)

_ADMONITION = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s+(?P<type>[\w-]+(?: +[\w-]+)*)(?: +"(?P<title>.*)")?\s*$')
_TAB = re.compile(r'^\s*===[+!]?\s+"(?P<title>.*)"\s*$')
_BLOCK = re.compile(r"^\s*/{3,}\s*(?P<type>[\w-]+)\s*(?:\|(?P<title>.*))?$")


def _label_admonition(token: Token, text: str, _wanted: tuple[str, ...]) -> list[Part]:
    line = first_line(text)
    match = _ADMONITION.match(line)
    if match is None:
        return []
    if match.group("title") is not None:
        return title_part(line, match, "title", "admonition title")
    kind = match.group("type").split()[0].lower()
    if kind not in TITLED_TYPES:
        return []
    end = match.end("type")
    return [Part(end, end, "admonition title", kind.title(), "insert", ' "{}"')]


def _label_tab(token: Token, text: str, _wanted: tuple[str, ...]) -> list[Part]:
    line = first_line(text)
    return title_part(line, _TAB.match(line), "title", "tab label")


def _label_block(token: Token, text: str, _wanted: tuple[str, ...]) -> list[Part]:
    line = first_line(text)
    match = _BLOCK.match(line)
    if match is None:
        return []
    kind = match.group("type").lower()
    what = "tab label" if kind == "tab" else f"{kind} title"
    if match.group("title") is not None:
        return title_part(line, match, "title", what)
    if kind not in TITLED_TYPES:
        return []
    end = len(line.rstrip())
    return [Part(end, end, what, kind.title(), "insert", " | {}")]


def _blocks_plugin(md: MarkdownIt) -> None:
    container_plugin(md, "pymdown", marker="/", validate=lambda params, markup: bool(params.strip()))


MKDOCS = Dialect(
    name="mkdocs",
    plugins=(
        admon_plugin,
        indented_block("tabbed", _TAB.pattern),
        _blocks_plugin,
        protected_lines("mkdocs_protected", PROTECTED, indented_options=r":::[ \t]+\S"),
    ),
    labellers={
        "admonition_open": _label_admonition,
        "tabbed_open": _label_tab,
        "container_pymdown_open": _label_block,
    },
    owned_inline=frozenset({"admonition_title_open"}),
    heading_ids=True,
)
