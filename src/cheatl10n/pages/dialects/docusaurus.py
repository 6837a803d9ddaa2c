"""Docusaurus (MDX): ``:::note Title`` admonitions, ``import``/``export`` lines, JSX components.

Admonitions are mdit-py-plugins' ``container`` rule with ``:`` as marker; the
title after the type (``:::tip My title`` or ``:::tip[My title]``) is translatable and
the body is Markdown. MDX ``import``/``export`` lines are protected. JSX components are
read as HTML blocks are (``pages/html.py``): tags and their attributes are protected,
the text between them is translatable.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from cheatl10n.pages.dialects import Dialect, Part
from cheatl10n.pages.dialects.rules import first_line, protected_lines, title_part

_ADMONITION = re.compile(
    r"^\s*:{3,}\s*[\w-]+(?:\[(?P<bracket>[^\]]*)\]|[ \t]+(?P<title>[^{]*?))?\s*(?:\{.*\})?\s*$"
)


def _label(token: Token, text: str, _wanted: tuple[str, ...]) -> list[Part]:
    line = first_line(text)
    match = _ADMONITION.match(line)
    kind = "admonition title"
    return title_part(line, match, "title", kind) + title_part(line, match, "bracket", kind)


def _admonitions(md: MarkdownIt) -> None:
    container_plugin(md, "docusaurus", marker=":", validate=lambda params, markup: bool(params.strip()))


DOCUSAURUS = Dialect(
    name="docusaurus",
    plugins=(_admonitions, protected_lines("mdx_protected", (r"(?:import|export)\s",))),
    labellers={"container_docusaurus_open": _label},
)
