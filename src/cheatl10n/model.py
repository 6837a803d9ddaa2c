"""Plain data passed between the modules: spans, slots, segmented pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range of character offsets into ``Source.text``."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset just past the last character."""


class SlotKind(StrEnum):
    """What a slot's text is: decided by the segmenter from the page, never read back from a catalog.

    The value is what the catalog's ``#.`` comment says to translators; the checks
    and the renderer go by the member.
    """

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list item"
    BLOCKQUOTE = "blockquote"
    TABLE_CELL = "table cell"
    HTML = "html"
    """Text inside an HTML block or a Vue component (detail: the enclosing tag)."""
    ATTRIBUTE = "attribute"
    """A plain attribute value (detail: the attribute's name)."""
    FRONTMATTER = "frontmatter"
    """A YAML value of the frontmatter (detail: the key)."""
    ROUTE = "route"
    """A YAML value of a ``<route lang="yaml">`` block's ``meta:`` (detail: the key)."""
    CODE_COMMENT = "code comment"
    CODE_STRING = "code string"
    """The text of a Python string literal or docstring (``code_strings``)."""
    CODE_OUTPUT = "code output"
    """A line of an ``output`` block (``code_output``)."""
    CODE_CELL = "code cell"
    """A table cell that is only inline code (``code_cells``): its code spans may change."""
    DIALECT = "dialect"
    """Text in a dialect's own syntax (detail: what the dialect calls it, ``admonition title``,
    ``shortcode figure: caption``); written on one line."""

    @property
    def markdown(self) -> bool:
        """Whether the text is Markdown inline text (not a YAML value, attribute or code comment)."""
        return self not in (
            SlotKind.ATTRIBUTE,
            SlotKind.FRONTMATTER,
            SlotKind.ROUTE,
            SlotKind.CODE_COMMENT,
            SlotKind.CODE_STRING,
            SlotKind.CODE_OUTPUT,
            SlotKind.CODE_CELL,
        )

    @property
    def one_line(self) -> bool:
        """Whether the translation is put back on one line (a line break becomes a space)."""
        return self in (
            SlotKind.HEADING,
            SlotKind.TABLE_CELL,
            SlotKind.CODE_COMMENT,
            SlotKind.CODE_OUTPUT,
            SlotKind.CODE_CELL,
            SlotKind.ATTRIBUTE,
            SlotKind.DIALECT,
        )

    @property
    def yaml(self) -> bool:
        """Whether the text is a YAML scalar."""
        return self in (SlotKind.FRONTMATTER, SlotKind.ROUTE)


@dataclass(frozen=True, slots=True)
class Slot:
    """One translatable piece of a page.

    A slot covers the text from its first span's start to its last span's end.
    Between two spans lie the line break and the container prefix of the next
    line (``> ``, list indentation); they belong to the slot when it is rendered.
    """

    kind: SlotKind
    """What the text is; decides which checks apply and how it is put back."""
    spans: tuple[Span, ...]
    """One span per source line, in order."""
    line: int
    """1-based line of the first span."""
    msgid: str
    """The text the translator sees: the spans joined by a space (or a newline after a hard break)."""
    render: str = "inline"
    """How a translation is put back: ``inline`` (Markdown lines) or ``yaml`` (a YAML scalar)."""
    style: str = ""
    """Extra rendering hint: the YAML scalar style (``'``, ``"`` or empty for plain)."""
    continuation: str = ""
    """What starts each further line when a translation has line breaks (``> ``, indentation)."""
    place: str = ""
    """Where in the block tree the slot sits (``h2``, ``col 3``, ``depth 2``), for pairing pages."""
    context: str | None = None
    """The msgctxt: ``frontmatter`` for metadata, which is often worded apart from the body text."""
    detail: str = ""
    """What the kind is about: the tag (``html``), attribute name or YAML key; may be empty."""

    @property
    def label(self) -> str:
        """The kind as translators read it in the ``#.`` comment: ``heading``, ``frontmatter: title``."""
        if self.kind == SlotKind.DIALECT:
            return self.detail or self.kind.value  # the dialect's own words
        return f"{self.kind.value}: {self.detail}" if self.detail else self.kind.value

    @property
    def key(self) -> tuple[str | None, str]:
        """(msgctxt, msgid): what identifies the slot's catalog entry."""
        return (self.context, self.msgid)

    @property
    def start(self) -> int:
        return self.spans[0].start

    @property
    def end(self) -> int:
        return self.spans[-1].end


@dataclass(frozen=True, slots=True)
class Notice:
    """A warning about a page that does not stop the work."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: warning: {self.message}"


@dataclass(frozen=True, slots=True)
class Code:
    """A fenced or indented code block: never translated, compared by ``import``."""

    line: int
    """1-based line of the opening fence (or first line)."""
    info: str
    content: Span
    """The code itself, fences excluded."""
    language: str = ""
    """The language the info string names (``pages.code.code_language``); empty for indented code."""


@dataclass(frozen=True, slots=True)
class TableRow:
    """One line of a pipe table, delimiter row included."""

    cells: tuple[Span, ...]
    """The text between each pair of pipes, padding included."""
    delimiter: bool
    """Whether this is the ``| --- | :-: |`` row."""


@dataclass(frozen=True, slots=True)
class Table:
    """A column-aligned pipe table (as prettier writes them): re-aligned after translation."""

    rows: tuple[TableRow, ...]
    aligns: tuple[str, ...]
    """Per column: ``left``, ``right``, ``center`` or empty."""


LANGUAGE_ONLY_CONTEXT = "frontmatter key of this language only"
"""msgctxt of a catalog entry holding a frontmatter key that only the translation has
(``layout: 'article'``, ``default_lang_commit: 1a2b``): msgid is the key, msgstr the key's
lines as the translated page writes them. ``import`` fills it, ``extract`` keeps it while the
source page lacks the key, ``build`` writes it into the translated page's frontmatter."""

LAYOUT_CONTEXT = "layout"
"""msgctxt of a catalog entry holding a block written the translator's way: msgid is the source
block, msgstr the same block with the same source-language strings, laid out as the translated
page lays it out (``translate.layout``)."""
LAYOUT_LABEL = "block layout"
"""The kind of a layout entry, as its ``#.`` comment names it."""


@dataclass(frozen=True, slots=True)
class Meta:
    """The frontmatter block of a page: its top-level keys and where a new key goes."""

    entries: tuple[tuple[str, Span], ...]
    """Each top-level key and the span of its whole text (``key: value``, every line of it)."""
    insert_at: int
    """Offset of the closing delimiter line: a key added by ``build`` goes just before it."""
    delimiter: str = "---"
    """The block's delimiter line: ``---`` (YAML) or ``+++`` (TOML)."""

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(key for key, _span in self.entries)


DEFAULT_PARAMETERS = ("title", "text", "caption", "alt", "placeholder", "linkTitle", "tab:0")
"""Translatable shortcode parameters by default: names, and ``shortcode:N`` for a positional one."""


@dataclass(frozen=True, slots=True)
class Segments:
    """A page cut into slots; everything outside the slots is literal text."""

    path: Path
    """The page's path as shown to users (relative to the site root)."""
    text: str
    """The decoded page, BOM removed, newlines as in the file."""
    bom: bool
    """Whether the file started with a UTF-8 byte order mark (kept on output)."""
    slots: tuple[Slot, ...]
    """Slots in source order, never overlapping."""
    newline: str = "\n"
    """The page's line break (``\n`` or ``\r\n``), used inside translations that span lines."""
    notices: tuple[Notice, ...] = field(default=())
    """Warnings found while segmenting (an unclosed code fence)."""
    tables: tuple[Table, ...] = field(default=())
    """Column-aligned tables, to re-align when a cell is translated."""
    code: tuple[Code, ...] = field(default=())
    """Code blocks, in page order."""
    body: int = 0
    """Offset where the Markdown body starts: just after the frontmatter, when there is one."""
    blocks: tuple[Span, ...] = field(default=())
    """The body's top-level blocks (a list or a blockquote is one), each from the start of its
    first line to the start of the line after it: the pieces the gate parses one by one."""
    references: tuple[tuple[str, str, str], ...] = field(default=())
    """The body's link reference definitions: (normalized label, address, title)."""
    meta: Meta | None = None
    """The frontmatter block, when the page has one."""
    dialect: str = "vitepress"
    """The Markdown dialect the page was read with (``SegmentOptions.dialect``)."""
    options: SegmentOptions | None = None
    """How the page was read: a copy of it (a block laid out anew) is read the same way."""

    @property
    def parameters(self) -> tuple[str, ...]:
        """The translatable shortcode parameters it was read with (``SegmentOptions.parameters``):
        the gate judges shortcode calls by the same list."""
        return self.options.parameters if self.options is not None else DEFAULT_PARAMETERS


@dataclass(frozen=True, slots=True)
class SegmentOptions:
    """What the segmenter looks for; built from the site's config."""

    frontmatter_keys: tuple[str, ...] = ("title", "description")
    """Frontmatter keys whose values are translated."""
    frontmatter: bool = True
    """Whether a leading ``---`` block is YAML frontmatter."""
    attributes: tuple[str, ...] = ("title", "alt", "aria-label", "placeholder")
    """Plain HTML attributes whose values are translated."""
    code_comments: bool = False
    """Whether comments in fenced code blocks (any language with a comment syntax) are translated."""
    code_strings: bool = False
    """Whether string literals and docstrings in Python code blocks are translated."""
    code_output: bool = False
    """Whether the lines of ``output`` blocks are translated."""
    code_cells: bool = False
    """Whether table cells holding only inline code are translated."""
    dialect: str = "vitepress"
    """The site generator's Markdown dialect (``pages/dialects``): ``vitepress``, ``hugo``, ``mkdocs``..."""
    parameters: tuple[str, ...] = DEFAULT_PARAMETERS
    """Translatable shortcode parameters: names, and ``shortcode:N`` for a positional one."""
