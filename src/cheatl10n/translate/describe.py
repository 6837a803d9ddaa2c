"""Words for the gate's findings, and the checks on a translation's text alone.

The block-level judging is ``gate``'s; here are the messages it writes and the
warnings that need no parse: a translation identical to its source, white space
at its ends, a placeholder dropped, a line break where the slot is one line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from cheatl10n.model import DEFAULT_PARAMETERS, SlotKind

# printf-style (%s, %(name)d) and brace ({name}, {0}, {}) placeholders; "50% of" is not one.
_PLACEHOLDER = re.compile(
    r"%(?:\([A-Za-z_]\w*\))?[-+#0]*\d*(?:\.\d+)?[sdifrxXeEgGc]|\{[A-Za-z_]\w*\}|\{\d*\}"
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BLOCK_NAMES = {
    "paragraph": "a paragraph",
    "heading": "a heading",
    "html_block": "a raw HTML block",
    "fence": "a code fence",
    "code_block": "an indented code block",
    "hr": "a thematic break",
    "table": "a table",
    "bullet_list": "a list",
    "ordered_list": "a numbered list",
    "list_item": "a list item",
    "blockquote": "a blockquote",
    "thead": "a table head",
    "tbody": "a table body",
    "tr": "a table row",
    "th": "a table cell",
    "td": "a table cell",
}


def unlocalize(text: str, lang: str) -> str:
    """``text`` with the first ``/lang/`` path segment of an address taken out.

    >>> unlocalize("https://example.com/docs/ru/blog/x", "ru")
    'https://example.com/docs/blog/x'
    """
    if not lang:
        return text
    return re.sub(rf"/{re.escape(lang)}(?=/|#|\?|\"|$)", "", text, count=1)


def _block_name(signature: str) -> str:
    kind = signature.split(":")[0].removesuffix("_open").removesuffix("_close")
    return _BLOCK_NAMES.get(kind, kind.replace("_", " "))


def describe_blocks(source: tuple[str, ...], result: tuple[str, ...]) -> str:
    """Where the translated block structure first differs from the source's, in words."""
    index = next(
        (n for n, (a, b) in enumerate(zip(source, result, strict=False)) if a != b),
        min(len(source), len(result)),
    )
    if index >= len(result):
        what = f"ends {_block_name(source[index])} early"
    elif index >= len(source):
        what = f"adds {_block_name(result[index])}"
    elif _block_name(source[index]) == _block_name(result[index]):
        what = f"changes {_block_name(source[index])}"
    else:
        what = f"{_block_name(source[index])} becomes {_block_name(result[index])}"
    return f"translation changes the page's blocks ({what}): escape a line-starting marker with a backslash"


def describe_element(name: str, attributes: tuple[tuple[str, str | None], ...]) -> str:
    """``<a href="x">``: a tag as the gate compares it (translatable values left out)."""
    parts = [name]
    for attribute, value in attributes:
        parts.append(attribute if value is None else f'{attribute}="{value}"')
    return "<" + " ".join(parts) + ">"


def text_problems(msgid: str, msgstr: str, kinds: tuple[SlotKind, ...]) -> Iterator[tuple[str, str]]:
    """(severity, message) for what can be seen in the text alone: all warnings."""
    if msgstr == msgid:
        yield "warning", "translation is identical to the source text"
    if msgstr != msgstr.rstrip() and msgid == msgid.rstrip():
        yield "warning", "translation ends with white space"
    if msgstr != msgstr.lstrip() and msgid == msgid.lstrip():
        yield "warning", "translation starts with white space"
    one_line = [kind for kind in kinds if kind.one_line]
    if one_line and _LINE_BREAK.search(msgstr) and not _LINE_BREAK.search(msgid):
        yield "warning", f"a line break in a {one_line[0].value} translation is put back as a space"
    before, after = Counter(_PLACEHOLDER.findall(msgid)), Counter(_PLACEHOLDER.findall(msgstr))
    for placeholder in sorted((before - after).elements()):
        yield "warning", f"translation drops placeholder {placeholder}"
    for placeholder in sorted((after - before).elements()):
        yield "warning", f"translation adds placeholder {placeholder}"


def normalize_shortcodes(text: str, translatable: tuple[str, ...] = DEFAULT_PARAMETERS) -> tuple[str, ...]:
    """Each Hugo shortcode call in ``text``: its name and the parameters a translator must keep.

    >>> normalize_shortcodes('{{< figure src="a.png" caption="A cat" >}} and {{% /tab %}}')
    ('{{< figure src="a.png" >}}', '{{% /tab %}}')
    """
    from cheatl10n.pages.dialects.hugo import iter_calls  # a Hugo site's code loads only for Hugo text

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


def protected_calls(text: str, dialect: str, parameters: tuple[str, ...]) -> tuple[str, ...]:
    """The dialect's inline syntax in ``text`` that a translation must keep, each named for a message:
    Hugo shortcode calls (``parameters`` may change), MDX ``{expressions}`` and stray ``<``.

    >>> protected_calls("Version {props.version}, {/* note */}", "docusaurus", ())
    ('MDX expression {props.version}', 'MDX expression {/* note */}')
    """
    if dialect == "hugo":
        return tuple(f"shortcode {call}" for call in normalize_shortcodes(text, parameters))
    if dialect == "docusaurus":
        from cheatl10n.pages.dialects.docusaurus import iter_mdx

        return tuple(_mdx_call(text, *found) for found in iter_mdx(text))
    return ()


def _mdx_call(text: str, kind: str, start: int, end: int) -> str:
    found = text[start:end]
    if kind == "tag":
        return f"a {found!r} that MDX reads as a tag (write &lt;)"
    if kind == "void":
        return f"{found}> without its closing slash (MDX wants {found} />)"
    if kind == "unmatched":
        return f"{found}> that closes no open tag (MDX wants tags nested)"
    if kind == "unclosed":
        return f"{found}> left open (MDX wants every tag closed)"
    if end < 0:
        opening = text[start:].split("\n", 1)[0]
        return f"MDX expression {opening[:30]}… (never closed)"
    return f"MDX expression {found}"
