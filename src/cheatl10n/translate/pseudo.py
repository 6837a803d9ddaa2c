"""Pseudo-localization: accented, lengthened text that keeps every piece of markup.

``cheatl10n pseudo --lang en-XA`` fills that language's catalogs so a built
site shows at a glance which text goes through the catalogs (it looks
``[Ŝéé ţĥé ðöçš ~~~]``) and which does not (plain English), and how layouts
cope with text a third longer, as Android's and Chromium's pseudo-locales do.
Code spans, link targets, tags, entities, placeholders, brace expressions and Markdown markers
are kept byte for byte, so every translation passes ``check``.
"""

from __future__ import annotations

import re

from cheatl10n.pages.text import NOT_PROSE, PLACEHOLDER

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÀƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
# Everything a translation must keep: code, tags, link targets, entities, placeholders,
# mustaches, addresses, and Markdown's own markers.
# A reference link's label must keep matching its definition: the text of a collapsed
# reference ``[text][]`` is accented and the label written out (``[ţéẋţ][text]``); a
# shortcut reference ``[text]`` (or a full one's ``[label]``) is kept as it is.
_REFERENCE = r"(?P<collapsed>!?\[(?P<label>[^\[\]\n]+)\]\[\])|\[[^\[\]\n]+\](?![(\[:])"
_EXPRESSION = r"\{(?:[^{}\n]|\{[^{}\n]*\})*\}"
"""A brace expression (MDX's ``{props.version}``, ``{/* note */}``), kept whole like a placeholder."""
_KEEP = re.compile(
    NOT_PROSE + "|" + PLACEHOLDER + "|" + _EXPRESSION + r"|https?://\S+|\\.|" + _REFERENCE, re.DOTALL
)


def pseudo_translate(text: str, lang: str = "en-XA") -> str:
    """The pseudo-translation of one msgid.

    >>> pseudo_translate("See `len()` in [the docs](/x).")
    '⟦Šéé `len()` îñ [ţĥé ðöçš](/x). ~~~~~~~~~~⟧'
    >>> pseudo_translate("See [the docs][] or [specs].")
    '⟦Šéé [ţĥé ðöçš][the docs] öŕ [specs]. ~~~~~~~~~⟧'
    """
    out = []
    position = 0
    for match in _KEEP.finditer(text):
        out.append(_accent(text[position : match.start()], lang))
        if match.group("collapsed"):
            label = match.group("label")
            bang = "!" if match.group(0).startswith("!") else ""
            out.append(f"{bang}[{_accent(label, lang)}][{label}]")
        else:
            out.append(match.group(0))
        position = match.end()
    out.append(_accent(text[position:], lang))
    body = "".join(out)
    padding = "~" * max(1, len(text) // 3)
    if "\n" in body:
        return f"⟦{body}⟧"
    return f"⟦{body} {padding}⟧"


def _accent(text: str, lang: str) -> str:
    if lang == "ar-XB":  # right-to-left: wrap each run of text in RLO ... PDF marks
        return re.sub(r"[^\W\d_]+", lambda m: f"\u202e{m.group(0)}\u202c", text)
    return text.translate(_ACCENTED)
