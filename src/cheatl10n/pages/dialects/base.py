"""The types a dialect is made of: a translatable ``Part`` of a protected block, and a ``Dialect``.

Kept apart from the package's ``get_dialect``, which loads each dialect's module on
use: the dialect modules import these types, and nothing here imports them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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
