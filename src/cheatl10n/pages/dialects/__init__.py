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

from functools import cache

from cheatl10n.errors import ConfigError
from cheatl10n.pages.dialects.base import Blank, Dialect, Edges, Labeller, Part, Plugin

__all__ = ["DIALECT_NAMES", "Blank", "Dialect", "Edges", "Labeller", "Part", "Plugin", "get_dialect"]


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
