"""A piece of a page as the site renders it: markdown-it with its inline rules, to HTML.

The segmenter only needs block structure (``blocks.build_parser()``); the gate
needs what a reader's browser gets, so it parses with the same parser and its
inline rules on, and renders to HTML. The page's link reference definitions are
passed in, so ``[text][label]`` in one block resolves as it does on the page.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markdown_it.token import Token

from cheatl10n.pages.blocks import build_parser

References = Mapping[str, Mapping[str, Any]]
ROUTE_BLOCK = re.compile(r"<route\b[^>]*>(.*?)</route\s*>", re.DOTALL | re.IGNORECASE)
"""A VitePress ``<route>`` block (vite-plugin-pages reads its YAML): the YAML between the tags."""
"""markdown-it's ``env["references"]``: normalized label -> ``{"href", "title", "map"}``."""


@dataclass(frozen=True, slots=True)
class Rendered:
    """One piece of a page, parsed and rendered."""

    blocks: tuple[str, ...]
    """Each block token's type and tag (and a fence's info): the block structure."""
    code: tuple[tuple[str, int], ...]
    """Each fenced or indented code block: its info string and its number of lines."""
    html: str
    """The HTML the site serves for the piece (raw HTML passed through, as the site does)."""
    references: dict[str, str]
    """Link reference definitions the piece itself adds: label -> address."""


def _block_signature(token: Token) -> str:
    signature = f"{token.type}:{token.tag}"
    if token.hidden:
        signature += ":tight"
    if token.type == "fence":
        signature += ":" + token.info.strip()
    return signature


def render_piece(text: str, references: References, dialect: str = "vitepress") -> Rendered:
    """Parse ``text`` (whole lines of a page body) as the site does, knowing the page's references."""
    parser = build_parser(dialect, inline=True)
    known = {label: dict(value) for label, value in references.items()}
    env: dict[str, Any] = {"references": copy.copy(known)}
    tokens = parser.parse(text, env)
    added = {
        label: str(value.get("href", ""))
        for label, value in env.get("references", {}).items()
        if label not in known
    }
    blocks = tuple(_block_signature(token) for token in tokens if token.type != "inline")
    code = tuple(
        (token.info.strip(), token.content.count("\n"))
        for token in tokens
        if token.type in ("fence", "code_block")
    )
    html = parser.renderer.render(tokens, parser.options, env)
    return Rendered(blocks, code, html, added)


@lru_cache(maxsize=4096)
def normalize_link(url: str) -> str:
    """An address the way markdown-it writes it into ``href`` (percent-encoded)."""
    return str(build_parser(inline=True).normalizeLink(url))


def inline_markup(text: str) -> tuple[list[str], list[str], str]:
    """``text`` read as one block's inline content: its link and image targets, code spans and raw HTML."""
    parser = build_parser(inline=True)
    targets: list[str] = []
    code: list[str] = []
    html: list[str] = []
    for token in parser.parseInline(text, {})[0].children or []:
        if token.type in ("link_open", "image"):
            targets.append(str(token.attrGet("href" if token.type == "link_open" else "src") or ""))
        elif token.type == "code_inline":
            code.append(token.content)
        elif token.type == "html_inline":
            html.append(token.content)
    return targets, code, "".join(html)
