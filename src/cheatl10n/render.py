"""Segments plus translations to page text, by splicing into the original text.

Nothing here parses or prints Markdown or YAML: text outside slots is copied as is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cheatl10n.frontmatter import quote_scalar
from cheatl10n.model import Segments, Slot

Translate = Callable[[Slot], "str | None"]
_UNESCAPED_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\|")


def format_translation(slot: Slot, translation: str, newline: str) -> str:
    """The source text that puts ``translation`` in the place of ``slot``."""
    if slot.render == "yaml":
        return quote_scalar(translation, slot.style)
    lines = translation.split("\n")
    if slot.render == "cell":
        return _UNESCAPED_PIPE.sub(r"\1\\|", " ".join(lines))
    if slot.render == "line":
        return " ".join(lines)
    return (newline + slot.continuation).join(lines)


def render_page(segments: Segments, translate: Translate) -> str:
    """The page with each slot's translation spliced in.

    A slot without a translation, or whose translation equals its msgid, keeps
    its source text byte for byte.
    """
    out = []
    position = 0
    text = segments.text
    for slot in segments.slots:
        translation = translate(slot)
        if translation is None or translation == slot.msgid:
            continue
        out.append(text[position : slot.start])
        out.append(format_translation(slot, translation, segments.newline))
        position = slot.end
    out.append(text[position:])
    return "".join(out)
