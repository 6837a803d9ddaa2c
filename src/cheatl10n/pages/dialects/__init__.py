"""Site dialects: what a site generator adds to CommonMark, as data plus markdown-it plugins.

A dialect says which syntax is protected markup (never a msgid), which parts of it
are translatable (an admonition's title, a shortcode's ``title=``) and which is
prose. It plugs into the one parser with ``md.use(plugin)``, as mdit-py-plugins
do; the block rules it adds push tokens the segmenter does not know, so their
lines are literal text. For each token type it names a *labeller* that finds the
translatable parts of the token's own lines (``Part``). Everything else about a
dialect is data: the frontmatter formats it reads, whether headings carry
``{#id}`` attribute lists, the inline syntax a translation must keep.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from cheatl10n.errors import ConfigError

if TYPE_CHECKING:  # markdown-it loads only when a page is parsed, never to check a catalog
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@dataclass(frozen=True, slots=True)
class Part:
    """A translatable part of a protected block, as offsets into the block's text."""

    start: int
    end: int
    kind: str
    """For the translator: ``admonition title``, ``shortcode: title``, ``tab label``."""
    msgid: str
    render: str = "line"
    """``line`` (text on one line), ``quoted`` (a shortcode parameter: ``style`` is its quote,
    ``"``, ``` ` ``` or ``bare``) or ``insert`` (nothing in the source: ``style`` with the
    translation in place of ``{}`` is inserted at ``start``, as a title given to a block
    that has none)."""
    style: str = ""


Labeller = Callable[["Token", str, tuple[str, ...]], list[Part]]
"""Finds the parts of one token in ``text``, the source of the token's lines; the third
argument is the site's translatable parameter names (``SegmentOptions.parameters``)."""
Plugin = Callable[["MarkdownIt"], None]
Blank = Callable[[str], str]
Edges = Callable[[str], tuple[int, int]]
"""Given one line of a paragraph, where its text starts and ends once markup at its edges is left out."""


@dataclass(frozen=True, slots=True)
class Dialect:
    """What a site generator's Markdown adds, and how to segment it."""

    name: str
    plugins: tuple[Plugin, ...] = ()
    """markdown-it plugins (block rules), applied in order to the one parser."""
    labellers: dict[str, Labeller] = field(default_factory=dict)
    """Token type -> the function finding its translatable parts."""
    frontmatter: tuple[str, ...] = ("---",)
    """Frontmatter delimiters read: ``---`` (YAML), ``+++`` (TOML)."""
    owned_inline: frozenset[str] = frozenset()
    """Token types whose inline child is a title a labeller already handles (not a paragraph)."""
    edges: Edges | None = None
    """What markup a paragraph's first and last lines may start or end with, kept out of the msgid."""
    heading_ids: bool = False
    """Whether a heading may end with an attribute list (``{ #id }``), kept out of its msgid."""
    inline_components: bool = False
    """Whether a paragraph opening with a component (``<Highlight>green</Highlight> marks...``) is
    one sentence, as MDX reads it, rather than a line of components (Vue's ``<BaseQuizOption>``)."""
    syntax: Blank | None = None
    """Blanks out the dialect's own inline syntax (MDX ``{expressions}``): a msgid with no prose
    left is syntax alone, never a slot."""


DIALECT_NAMES = ("vitepress", "hugo", "mkdocs", "docusaurus", "gfm")
"""The dialects a config may name; ``vitepress`` is the default (Vue components, mustaches)."""


@cache
def get_dialect(name: str) -> Dialect:
    """The dialect called ``name``; a ``ConfigError`` for any other name."""
    if name in ("vitepress", "gfm", ""):
        return Dialect(name or "vitepress")
    if name == "hugo":
        from cheatl10n.pages.dialects.hugo import HUGO

        return HUGO
    if name == "mkdocs":
        from cheatl10n.pages.dialects.mkdocs import MKDOCS

        return MKDOCS
    if name == "docusaurus":
        from cheatl10n.pages.dialects.docusaurus import DOCUSAURUS

        return DOCUSAURUS
    raise ConfigError(f"unknown dialect {name!r} (known: {', '.join(DIALECT_NAMES)})")
