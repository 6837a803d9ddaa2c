"""The markup a translation must keep: code spans, link targets, HTML/Vue tags, placeholders.

Used to pair a translated page's strings with the source's (``import``) and to
check msgstrs (``check``): both compare what this module finds in two strings.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from cheatl10n.model import DEFAULT_PARAMETERS
from cheatl10n.pages.dialects.hugo import iter_calls
from cheatl10n.pages.html import TAG

_CODE = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_TARGET = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s)]*)")
_ATTR = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_MUSTACHE = re.compile(r"\{\{(?![<%]).*?\}\}|(?<!\{)\{%.*?%\}(?!\})", re.DOTALL)
"""Vue mustaches, and Jinja or Liquid expressions and tags: code that runs when the site is built."""
# printf-style (%s, %(name)d) and brace ({name}, {0}, {}) placeholders; "50% of" is not one.
_PLACEHOLDER = re.compile(
    r"%(?:\([A-Za-z_]\w*\))?[-+#0]*\d*(?:\.\d+)?[sdifrxXeEgGc]|\{[A-Za-z_]\w*\}|\{\d*\}"
)


@dataclass(frozen=True, slots=True)
class Markup:
    """What in a string is not prose."""

    code_spans: tuple[str, ...]
    targets: tuple[str, ...]
    tags: tuple[str, ...]
    """Each tag normalized: name and its attributes except translatable ones."""
    mustaches: tuple[str, ...]
    placeholders: tuple[str, ...]
    shortcodes: tuple[str, ...] = ()
    """Hugo shortcode calls, each without the values of its translatable parameters."""

    def signature(self, lang: str = "") -> tuple[tuple[str, ...], ...]:
        """Order-free identity of the markup, for pairing strings across languages.

        Link targets count as the same when one only adds ``lang`` as a path
        segment (``/ru/blog/x`` for ``/blog/x``): translators localize addresses.
        """
        return (
            tuple(sorted(self.code_spans)),
            tuple(sorted(unlocalize(target, lang) for target in self.targets)),
            tuple(sorted(unlocalize(tag, lang) for tag in self.tags)),
        )


def unlocalize(text: str, lang: str) -> str:
    """``text`` with the first ``/lang/`` path segment of an address taken out.

    >>> unlocalize("https://example.com/docs/ru/blog/x", "ru")
    'https://example.com/docs/blog/x'
    """
    if not lang:
        return text
    return re.sub(rf"/{re.escape(lang)}(?=/|#|\?|\"|$)", "", text, count=1)


def _strip_code(text: str) -> str:
    return _CODE.sub(lambda m: " " * len(m.group(0)), text)


def normalize_tag(raw: str, translatable: tuple[str, ...] = ()) -> str:
    """``<a href="x" title="T">`` → ``<a href="x">``: name and kept attributes, sorted."""
    match = TAG.match(raw)
    if match is None:
        return raw
    closing, name, attributes, self_closing = match.groups()
    kept = []
    for attr in _ATTR.finditer(attributes):
        if attr.group(1) in translatable:
            continue
        value = next((v for v in attr.groups()[1:] if v is not None), None)
        kept.append(attr.group(1) if value is None else f'{attr.group(1)}="{value}"')
    inner = " ".join([name, *sorted(kept)])
    return f"<{closing}{inner}{self_closing}>"


def find_markup(text: str, translatable: tuple[str, ...] = ()) -> Markup:
    """The markup of one msgid or msgstr."""
    code = tuple(m.group(2) for m in _CODE.finditer(text))
    rest = _strip_code(text)
    return Markup(
        code_spans=code,
        targets=tuple(m.group(1) for m in _TARGET.finditer(rest)),
        tags=tuple(normalize_tag(m.group(0), translatable) for m in TAG.finditer(rest)),
        mustaches=tuple(m.group(0) for m in _MUSTACHE.finditer(rest)),
        placeholders=tuple(m.group(0) for m in _PLACEHOLDER.finditer(rest)),
        shortcodes=normalize_shortcodes(rest),
    )


def normalize_shortcodes(text: str, translatable: tuple[str, ...] = DEFAULT_PARAMETERS) -> tuple[str, ...]:
    """Each shortcode call in ``text``: its name and the parameters a translator must keep.

    >>> normalize_shortcodes('{{< figure src="a.png" caption="A cat" >}} and {{% /tab %}}')
    ('{{< figure src="a.png" >}}', '{{% /tab %}}')
    """
    found = []
    for call in iter_calls(text):
        raw = text[call.start : call.end]
        kept = [
            text[param.start : param.end]
            if param.name is None
            else f"{param.name}={text[param.start : param.end]}"
            for index, param in enumerate(call.params)
            if (param.name or f"{call.name}:{index}") not in translatable
        ]
        closing = "/" if call.closing else ""
        found.append(f"{raw[:3]} {closing}{' '.join([call.name, *kept])} {raw[-3:]}" if call.name else raw)
    return tuple(found)


def missing(source: tuple[str, ...], target: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """What ``target`` drops from and adds to ``source``, as multisets."""
    want, have = Counter(source), Counter(target)
    return sorted((want - have).elements()), sorted((have - want).elements())
