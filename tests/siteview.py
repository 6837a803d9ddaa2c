"""A page as a reader's browser gets it, read without cheatl10n: what a translation may not add.

The page body is rendered by markdown-it-py (CommonMark with raw HTML, plus tables,
as the site renders it) and the HTML read by ``html.parser``. Used by the hostile
suite and the gate's property test to judge built pages independently of the gate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import yaml
from markdown_it import MarkdownIt

FORMATTING = frozenset(("code", "b", "strong", "em", "i", "br"))
"""Elements a translation may add when they carry no attribute."""
# An element is new when no element of the source has its name and all of its attributes:
# `<a href="x" target="_blank">` written `[T](x)` drops an attribute and adds nothing.
FRONTMATTER = re.compile(r"\A---\r?\n(.*?)^---\r?\n", re.DOTALL | re.MULTILINE)


@dataclass
class View:
    """A page as a browser gets it, read without cheatl10n."""

    blocks: list[str]
    elements: set[tuple[str, frozenset[str]]]
    targets: set[str]
    mustaches: int
    keys: list[str]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: set[tuple[str, frozenset[str]]] = set()
        self.targets: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.add((tag, frozenset(name for name, _value in attrs)))
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.targets.add(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def view(text: str) -> View:
    match = FRONTMATTER.match(text)
    keys = sorted(yaml.safe_load(match.group(1))) if match else []
    body = text[match.end() :] if match else text
    parser = MarkdownIt("commonmark").enable("table")
    tokens = parser.parse(body)
    html = parser.renderer.render(tokens, parser.options, {})
    reader = _Reader()
    reader.feed(html)
    reader.close()
    mustaches = html.count("{{") + "".join(reader.text).count("{{")
    blocks = [f"{token.type}:{token.tag}" for token in tokens if token.type != "inline"]
    return View(blocks, reader.elements, reader.targets, mustaches, keys)


def new_things(source: str, built: str) -> list[str]:
    """What the built page has that the source page lacks (formatting aside)."""
    before, after = view(source), view(built)
    found = []
    if after.blocks != before.blocks:
        found.append(f"blocks {before.blocks} -> {after.blocks}")
    for name, attributes in sorted(after.elements - before.elements, key=str):
        if name in FORMATTING and not attributes:
            continue
        if not any(known == name and attributes <= names for known, names in before.elements):
            found.append(f"element <{name}> with {sorted(attributes)}")
    found.extend(f"link target {target}" for target in sorted(after.targets - before.targets))
    if after.mustaches > before.mustaches:
        found.append("Vue interpolation")
    if after.keys != before.keys:
        found.append(f"frontmatter keys {after.keys}")
    return found
