"""Segments plus translations to page text, by splicing into the original text.

Nothing here parses or prints Markdown or YAML: text outside slots is copied as is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

import polib

from cheatl10n.model import Segments, Slot, Table
from cheatl10n.pages.frontmatter import quote_scalar
from cheatl10n.pages.text import display_width
from cheatl10n.pages.toml_frontmatter import quote_toml
from cheatl10n.po.merge import translation_of
from cheatl10n.po.occurrence import entry_for, is_occurrence_key, occurrence_keys

Translate = Callable[[Slot], "str | None"]
_UNESCAPED_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\|")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def quote_attribute(text: str, quote: str) -> str:
    """An attribute value for its place between ``quote`` characters (added when there were none)."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quote == "'":
        return escaped.replace("'", "&#39;")
    escaped = escaped.replace('"', "&quot;")
    return escaped if quote else f'"{escaped}"'


def quote_parameter(text: str, quote: str) -> str:
    """A shortcode parameter value for its place: inside ``"``, inside backticks, or bare.

    >>> quote_parameter('Say "hi"', '"'), quote_parameter("Два слова", "bare")
    ('Say \\\\"hi\\\\"', '"Два слова"')
    """
    if quote == "`":
        return text.replace("`", "'")  # a raw string has no escape for its own quote
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    if quote == "bare":
        return text if re.fullmatch(r"[^\s\"`>%/=\\]+", text) else f'"{escaped}"'
    return escaped if quote == '"' else f'"{escaped}"'


def format_translation(slot: Slot, translation: str, newline: str) -> str:
    """The source text that puts ``translation`` in the place of ``slot``.

    ``\\r\\n``, ``\\r`` and ``\\n`` in a translation are all one line break (CommonMark's
    three line endings): it becomes the page's own, or a space where the slot is one line.
    """
    if slot.render == "yaml":
        return quote_scalar(_LINE_BREAK.sub("\n", translation), slot.style)
    lines = _LINE_BREAK.split(translation)
    if slot.render == "attr":
        return quote_attribute(" ".join(lines), slot.style)
    if slot.render == "code":
        return translation  # a string literal spanning lines: its lines are the translator's
    if slot.render == "cell":
        cell = _UNESCAPED_PIPE.sub(r"\1\\|", " ".join(lines))
        # GFM splits a row before anything else: a "\" just before a pipe escapes it, even "\\".
        return cell + " " if cell.endswith("\\") else cell
    if slot.render == "line":
        return " ".join(lines)
    if slot.render == "insert":  # a title the source block has none of: " | Title", ' "Title"'
        return slot.style.replace("{}", " ".join(lines))
    if slot.render == "quoted":
        return quote_parameter(" ".join(lines), slot.style)
    if slot.render == "toml":
        return quote_toml(translation, slot.style)
    return (newline + slot.continuation).join(lines)


def catalog_translator(
    segments: Segments,
    po: polib.POFile | None,
    use_fuzzy: bool,
    skip: Collection[tuple[str | None, str]] = (),
) -> Translate:
    """Each slot's translation from a catalog: its occurrence's own entry first (``po.occurrence``).

    An untranslated entry, a fuzzy one unless ``use_fuzzy``, or one whose key is in
    ``skip`` (refused by the gate) gives None: the slot keeps its source text.
    """
    entries = {(e.msgctxt, e.msgid): e for e in po if not e.obsolete} if po is not None else {}
    occurrences = occurrence_keys(segments.slots) if any(map(is_occurrence_key, entries)) else {}

    def translate(slot: Slot) -> str | None:
        entry = entry_for(slot, entries, occurrences)
        if entry is None or (entry.msgctxt, entry.msgid) in skip:
            return None
        return translation_of(entry, use_fuzzy)

    return translate


def render_page(segments: Segments, translate: Translate, own_keys: Sequence[str] = ()) -> str:
    """The page with each slot's translation spliced in.

    A slot without a translation, or whose translation equals its msgid, keeps
    its source text byte for byte. An aligned table with a translated cell is
    re-aligned. ``own_keys`` are frontmatter keys of the translation only, each
    as its text: they go at the end of the frontmatter (a new block without one).
    """
    own = _own_keys(segments, own_keys)
    return splice(segments, segments.slots, segments.tables, translate, 0, len(segments.text), own)


def splice(
    segments: Segments,
    slots: Sequence[Slot],
    tables: Sequence[Table],
    translate: Translate,
    start: int,
    end: int,
    inserts: Sequence[tuple[int, int, str]] = (),
) -> str:
    """``segments.text[start:end]`` with the translations of ``slots`` (all inside it) spliced in.

    ``tables`` are the aligned tables inside the range; the gate splices one block at a time.
    ``inserts`` are further edits (start, end, text) inside the range.
    """
    edits: list[tuple[int, int, str]] = list(inserts)
    for slot in slots:
        translation = translate(slot)
        if translation is not None and translation != slot.msgid:
            edits.append((slot.start, slot.end, format_translation(slot, translation, segments.newline)))
    for table in tables:
        edits = _realign(segments.text, table, edits)
    out = []
    position = start
    for begin, stop, text in sorted(edits):
        out.append(segments.text[position:begin])
        out.append(text)
        position = stop
    out.append(segments.text[position:end])
    return "".join(out)


def _own_keys(segments: Segments, own_keys: Sequence[str]) -> list[tuple[int, int, str]]:
    if not own_keys:
        return []
    newline = segments.newline
    text = "".join(key.replace("\n", newline) + newline for key in own_keys)
    if segments.meta is None:
        return [(0, 0, f"---{newline}{text}---{newline}")]
    at = segments.meta.insert_at
    return [(at, at, text)]


def _realign(text: str, table: Table, edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Replace the edits inside an aligned table by whole rows, padded to the new column widths."""
    first, last = table.rows[0].cells[0].end, table.rows[-1].cells[-1].start
    inside = [edit for edit in edits if first <= edit[0] and edit[1] <= last]
    if not inside:
        return edits
    contents = []
    for row in table.rows:
        cells = []
        for cell in row.cells[1:-1]:
            found = [edit[2] for edit in inside if cell.start <= edit[0] and edit[1] <= cell.end]
            cells.append(found[0] if found else text[cell.start : cell.end].strip())
        contents.append(cells)
    widths = [3] * len(table.aligns)
    for row, cells in zip(table.rows, contents, strict=True):
        if not row.delimiter:
            widths = [max(w, display_width(cell)) for w, cell in zip(widths, cells, strict=True)]
    kept = [edit for edit in edits if edit not in inside]
    for row, cells in zip(table.rows, contents, strict=True):
        start, end = row.cells[0].end, row.cells[-1].start
        if row.delimiter:
            parts = [_rule(width, align) for width, align in zip(widths, table.aligns, strict=True)]
        else:
            parts = [_pad(c, w, a) for c, w, a in zip(cells, widths, table.aligns, strict=True)]
        kept.append((start, end, "| " + " | ".join(parts) + " |"))
    return kept


def _pad(cell: str, width: int, align: str) -> str:
    room = width - display_width(cell)
    if align == "right":
        return " " * room + cell
    if align == "center":
        return " " * (room // 2) + cell + " " * (room - room // 2)
    return cell + " " * room


def _rule(width: int, align: str) -> str:
    if align == "center":
        return ":" + "-" * (width - 2) + ":"
    if align == "right":
        return "-" * (width - 1) + ":"
    if align == "left":
        return ":" + "-" * (width - 1)
    return "-" * width
