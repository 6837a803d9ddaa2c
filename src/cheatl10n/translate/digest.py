"""What a reader's browser (and Vue's template compiler) gets from a piece of HTML.

The HTML that markdown-it renders for a piece of a page is read with Python's
``html.parser``, which splits tags the way browsers do (``<img/src=x/onerror=y>``
is an ``img`` with two attributes), decodes entities and keeps what is left open
at the end. The digest lists the elements and attributes, the link and image
targets, the code text, the text, and whatever could run code; ``gate`` compares
the digest of a translated piece with the source's.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

FORMATTING = frozenset(("code", "b", "strong", "em", "i", "br"))
"""Elements a translator may add, drop or rewrite (their text must stay)."""
LINKS = {"a": "href", "img": "src"}
"""Elements that stand for a link or an image: compared by their target, whatever syntax wrote them."""
SCRIPTING = frozenset(
    (
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "link",
        "meta",
        "base",
        "form",
        "svg",
        "math",
        "noscript",
    )
)
"""Elements that can run code or load what does."""
_DIRECTIVE = ("v-", ":", "@", "#")
_URL_ATTRIBUTES = frozenset(("href", "src", "action", "formaction", "xlink:href", "to", "poster", "data"))
_SCRIPT_URL = re.compile(r"^(?:javascript|vbscript|data):", re.IGNORECASE)
_URL_NOISE = re.compile(r"[\x00-\x20]+")
_SPACES = re.compile(r"\s+")
_MUSTACHE = re.compile(r"\{\{")
_MUSTACHE_NOT_SHORTCODE = re.compile(r"\{\{(?![<%])")
_TEMPLATE_TAG = re.compile(r"(?<!\{)\{%")


def _danger(tag: str, name: str, value: str | None) -> str | None:
    """What is dangerous about one attribute, for a message; None when nothing is."""
    if name.startswith("on"):
        return f"event handler {name}="
    if name.startswith(_DIRECTIVE):
        return f"Vue directive {name}"
    if name in _URL_ATTRIBUTES and value is not None:
        address = _URL_NOISE.sub("", value)
        if _SCRIPT_URL.match(address) and not (tag == "img" and address.lower().startswith("data:image/")):
            return f"script address {address.split(':', 1)[0].lower()}:"
    return None


@dataclass(slots=True)
class Digest:
    """What a piece of HTML holds, as a browser reads it."""

    elements: Counter[tuple[str, tuple[tuple[str, str | None], ...]]] = field(default_factory=Counter)
    """Start tags other than formatting and links: name and attributes (translatable values left out)."""
    closings: Counter[str] = field(default_factory=Counter)
    """End tags other than formatting and links."""
    unbalanced: Counter[str] = field(default_factory=Counter)
    """Formatting and link elements: opened minus closed, per name."""
    loose: set[tuple[str, frozenset[str]]] = field(default_factory=set)
    """Formatting and link elements: name and attribute names (a rewrite may drop, never add one)."""
    targets: Counter[str] = field(default_factory=Counter)
    """Link and image addresses."""
    dangers: Counter[str] = field(default_factory=Counter)
    """Scripting elements, event handlers, Vue directives and script addresses, as messages."""
    code: list[str] = field(default_factory=list)
    """The text of each inline code element (not code blocks), white space collapsed."""
    text: str = ""
    """All the text, entities decoded, white space collapsed."""
    mustaches: int = 0
    """``{{`` in the HTML as served or in its decoded text, whichever has more (Vue, Jinja)."""
    template_tags: int = 0
    """``{%`` (Jinja or Liquid tags), counted the same way: code that runs when the site is built."""
    emphasis: int = 0
    """Emphasis elements (``em``, ``strong``, ``b``, ``i``)."""
    literal_stars: int = 0
    """``**`` left as text outside code: emphasis that did not render."""
    open_at_end: bool = False
    """Whether a tag, comment or declaration is still open where the piece ends."""


def _attribute_order(item: tuple[str, str | None]) -> tuple[str, bool, str]:
    return item[0], item[1] is not None, item[1] or ""


class _Reader(HTMLParser):
    def __init__(self, translatable: tuple[str, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.translatable = frozenset(name.lower() for name in translatable)
        self.digest = Digest()
        self.parts: list[str] = []
        self.code_depth = 0
        self.pre_depth = 0
        self.code_parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        digest = self.digest
        if tag in SCRIPTING:
            digest.dangers[f"element <{tag}>"] += 1
        for name, value in attrs:
            danger = _danger(tag, name, value)
            if danger is not None:
                digest.dangers[danger] += 1
        if tag in LINKS:
            target = dict(attrs).get(LINKS[tag])
            if target is not None:
                digest.targets[target.strip()] += 1
        if tag in FORMATTING or tag in LINKS:
            digest.unbalanced[tag] += tag not in ("br", "img")
            digest.emphasis += tag in ("em", "strong", "b", "i")
            digest.loose.add((tag, frozenset(name for name, _value in attrs)))
        else:
            kept = tuple(
                sorted(
                    ((name, None if name in self.translatable else value) for name, value in attrs),
                    key=_attribute_order,  # a name may come twice, once without a value: <a x x="">
                )
            )
            digest.elements[(tag, kept)] += 1
        if tag == "pre":
            self.pre_depth += 1
        elif tag == "code":
            self.code_depth += 1
            if self.code_depth == 1:
                self.code_parts = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in FORMATTING or tag in LINKS:
            self.digest.unbalanced[tag] -= tag not in ("br", "img")
        if tag == "code":
            self.code_depth -= 1

    def handle_endtag(self, tag: str) -> None:
        digest = self.digest
        if tag in FORMATTING or tag in LINKS:
            digest.unbalanced[tag] -= tag not in ("br", "img")
        else:
            digest.closings[tag] += 1
        if tag == "pre" and self.pre_depth:
            self.pre_depth -= 1
        elif tag == "code" and self.code_depth:
            self.code_depth -= 1
            if not self.code_depth and not self.pre_depth:
                digest.code.append(_SPACES.sub(" ", "".join(self.code_parts)).strip())

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        if self.code_depth:
            self.code_parts.append(data)
        elif not self.pre_depth:
            self.digest.literal_stars += data.count("**")


def read_html(html: str, translatable: tuple[str, ...] = (), shortcodes: bool = False) -> Digest:
    """The digest of ``html``; ``translatable`` attributes count by name only, not by value.

    With ``shortcodes`` (Hugo), ``{{<`` and ``{{%`` open shortcode calls, not expressions.
    """
    reader = _Reader(translatable)
    reader.feed(html)
    digest = reader.digest
    digest.open_at_end = bool(reader.rawdata) or reader.cdata_elem is not None
    reader.close()
    text = "".join(reader.parts)
    digest.text = _SPACES.sub(" ", text)
    mustache = _MUSTACHE_NOT_SHORTCODE if shortcodes else _MUSTACHE
    digest.mustaches = max(len(mustache.findall(html)), len(mustache.findall(text)))
    digest.template_tags = max(len(_TEMPLATE_TAG.findall(html)), len(_TEMPLATE_TAG.findall(text)))
    return digest


def collapse(text: str) -> str:
    """``text`` with each run of white space made one space, as the digest's text and code are."""
    return _SPACES.sub(" ", text).strip()
