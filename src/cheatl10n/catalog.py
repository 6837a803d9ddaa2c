"""Segments <-> PO catalogs: read strictly, merge msgmerge-style, keep every translation.

polib holds the catalog model; babel supplies the Language and Plural-Forms
headers. Serializing is ``pofile.dump_po``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polib
from babel import Locale
from babel.messages.plurals import get_plural

from cheatl10n.errors import CatalogError
from cheatl10n.model import Segments
from cheatl10n.poscan import EntryLines, scan_po

FUZZY_THRESHOLD = 0.7
"""Least difflib ratio for an old translation to be offered (fuzzy) for a changed msgid."""

_CHARSET = re.compile(r"charset=([\w.:-]+)", re.IGNORECASE)
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
IMPORT_NOTE = "import: markup differs"
"""Extracted comment on an entry imported fuzzy because its markup differs from the source's."""
KEPT_NOTES = ("import: ", "memory: ")
"""Extracted-comment lines that ``extract`` keeps while the entry is fuzzy."""
HEADER_COMMENT = "Translations of {page}.\nKept in sync with the page by cheatl10n: edit msgstr lines only."


@dataclass(frozen=True, slots=True)
class Message:
    """One msgid of a page, with every place it occurs."""

    msgid: str
    kinds: tuple[str, ...]
    occurrences: tuple[tuple[str, str], ...]
    context: str | None = None

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.context, self.msgid)


def page_messages(segments: Segments, reference: str) -> list[Message]:
    """The page's msgids in source order, each once, with kinds and ``path:line`` occurrences."""
    found: dict[tuple[str | None, str], tuple[list[str], list[tuple[str, str]]]] = {}
    for slot in segments.slots:
        kinds, occurrences = found.setdefault(slot.key, ([], []))
        if slot.kind not in kinds:
            kinds.append(slot.kind)
        occurrence = (reference, str(slot.line))
        if occurrence not in occurrences:
            occurrences.append(occurrence)
    return [
        Message(msgid, tuple(kinds), tuple(occ), context) for (context, msgid), (kinds, occ) in found.items()
    ]


def plural_forms(locale: Locale) -> str:
    """The Plural-Forms header value for ``locale``, from babel's table."""
    plural = get_plural(locale)
    return f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def parse_catalog(data: bytes, shown: Path) -> polib.POFile:
    """Parse PO bytes strictly: UTF-8 only, no syntax error, no duplicate msgid."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CatalogError("catalog is not valid UTF-8", shown, line) from exc
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = scan_po(text, shown)
    _check_header(lines, shown)
    try:
        # polib.pofile() takes a path or the text itself; text with a line break is never
        # taken for a path.
        hidden = _hide_separators(text if "\n" in text else text + "\n")
        po = polib.pofile(hidden, wrapwidth=79)
    except (OSError, ValueError) as exc:
        match = re.search(r"line (\d+)", str(exc))
        detail = str(exc).split(": ", 1)[-1] if ": " in str(exc) else "syntax error"
        if detail.startswith("Syntax error"):
            detail = "syntax error"
        raise CatalogError(
            f"catalog is not a valid PO file: {detail}",
            shown,
            int(match.group(1)) if match else None,
        ) from exc
    if hidden is not text:
        _restore_separators(po)
    _check_charset(po, text, lines, shown)
    _attach_lines(po, lines)
    _check_entries(po, shown)
    return po


# str.splitlines(), which polib reads with, also breaks at these; gettext only at \n.
_SEPARATORS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_HIDE = {ord(char): chr(0xF0000 + n) for n, char in enumerate(_SEPARATORS)}
_SHOW = {0xF0000 + n: char for n, char in enumerate(_SEPARATORS)}


def _hide_separators(text: str) -> str:
    return text.translate(_HIDE) if any(c in text for c in _SEPARATORS) else text


def _restore_separators(po: polib.POFile) -> None:
    table = _SHOW
    fields = (
        "msgid",
        "msgstr",
        "msgctxt",
        "msgid_plural",
        "previous_msgid",
        "previous_msgctxt",
        "comment",
        "tcomment",
    )
    for entry in po:
        for name in fields:
            value = getattr(entry, name)
            if isinstance(value, str) and any(ord(c) in _SHOW for c in value):
                setattr(entry, name, value.translate(table))
        entry.msgstr_plural = {k: v.translate(table) for k, v in entry.msgstr_plural.items()}


def _check_header(lines: list[EntryLines], shown: Path) -> None:
    """One header at most."""
    headers = [entry for entry in lines if entry.empty_msgid and not entry.has_context]
    if len(headers) > 1:
        raise CatalogError(
            f"duplicate header entry (first on line {headers[0].msgid})", shown, headers[1].msgid
        )


def _check_charset(po: polib.POFile, text: str, lines: list[EntryLines], shown: Path) -> None:
    """The header's Content-Type, if any, must say UTF-8."""
    charset = _CHARSET.search(po.metadata.get("Content-Type", ""))
    if charset and charset.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        header = next((entry.msgstr for entry in lines if entry.empty_msgid and not entry.has_context), 1)
        rows = text.split("\n")
        header = next((n for n in range(header, len(rows) + 1) if "Content-Type:" in rows[n - 1]), header)
        raise CatalogError(
            f"catalog declares charset {charset.group(1)}; cheatl10n catalogs are UTF-8", shown, header
        )


def _attach_lines(po: polib.POFile, lines: list[EntryLines]) -> None:
    """Give each entry the 1-based lines of its msgid and msgstr (``msgid_line``, ``msgstr_line``)."""
    found = [entry for entry in lines if entry.msgid and not (entry.empty_msgid and not entry.has_context)]
    if len(found) != len(po):
        found = [EntryLines(first=entry.linenum, msgid=entry.linenum, msgstr=entry.linenum) for entry in po]
    for entry, where in zip(po, found, strict=True):
        entry.linenum = where.msgid
        entry.msgstr_line = where.msgstr


def _check_entries(po: polib.POFile, shown: Path) -> None:
    seen: dict[tuple[str | None, str], int] = {}
    for entry in po:
        key = (entry.msgctxt, entry.msgid)  # gettext: an obsolete twin of an active entry is a duplicate too
        if key in seen:
            raise CatalogError(
                f"duplicate msgid {_short(entry.msgid)} (first on line {seen[key]})",
                shown,
                entry.linenum,
            )
        seen[key] = entry.linenum
        if entry.msgstr_plural and not entry.msgid_plural:
            raise CatalogError(
                f"msgstr[n] for msgid {_short(entry.msgid)}, which has no msgid_plural",
                shown,
                entry.linenum,
            )
        if entry.msgid_plural and not entry.msgstr_plural:
            raise CatalogError(
                f"msgid_plural {_short(entry.msgid_plural)} needs msgstr[0], msgstr[1]...",
                shown,
                entry.linenum,
            )


def _short(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")


def plural_mismatch(po: polib.POFile) -> str | None:
    """Why the catalog's Plural-Forms disagrees with its plural entries, or None.

    Pages hold no plural messages, and CLDR's count of plural forms changes between
    babel releases (babel 2.19 gives fr, es, it and pt three forms where ``msginit``,
    Weblate and older babel write two), so a header that differs from babel's data is
    no error: a catalog says how many forms its own entries have. Only a plural entry
    whose number of msgstr[n] lines differs from the declared ``nplurals`` is worth a
    warning, at the header's line.
    """
    match = _NPLURALS.search(po.metadata.get("Plural-Forms", ""))
    if match is None:
        return None
    declared = int(match.group(1))
    for entry in po:
        if entry.msgid_plural and not entry.obsolete and len(entry.msgstr_plural) != declared:
            return (
                f"Plural-Forms says nplurals={declared}, but the entry for "
                f"{_short(entry.msgid)} has {len(entry.msgstr_plural)} forms"
            )
    return None


def header_line(po: polib.POFile) -> int:
    """The line of the header entry's msgstr, where Plural-Forms and the other fields sit."""
    return 1 + len(po.header.split("\n")) if po.header else 1


def new_header(locale: Locale, project: str) -> dict[str, str]:
    return {
        "Project-Id-Version": project,
        "Language": str(locale),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms(locale),
    }


def _header(old: polib.POFile | None, locale: Locale, project: str, page: str) -> polib.POFile:
    po = polib.POFile(wrapwidth=79)
    fresh = new_header(locale, project)
    if old is None:
        po.header = HEADER_COMMENT.format(page=page)
        po.metadata = fresh
        return po
    po.header = old.header
    po.metadata_is_fuzzy = old.metadata_is_fuzzy
    metadata = dict(old.metadata)
    for key in ("Language", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"):
        metadata[key] = fresh[key]
    metadata.setdefault("Project-Id-Version", project)
    metadata.setdefault("Plural-Forms", fresh["Plural-Forms"])
    po.metadata = metadata
    return po


def _kinds(entry: polib.POEntry) -> set[str]:
    return set(entry.comment.split("\n")) if entry.comment else set()


def _similarity(old: str, new: str, threshold: float) -> float:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
        return 0.0
    return matcher.ratio()


def _fuzzy_matches(
    pending: Sequence[Message], candidates: Sequence[polib.POEntry], threshold: float
) -> dict[tuple[str | None, str], polib.POEntry]:
    """Best old translation for each new msgid, each old entry used once, best pairs first."""
    scored = []
    for new_index, message in enumerate(pending):
        for old_index, entry in enumerate(candidates):
            if not (_kinds(entry) & set(message.kinds)):
                continue
            score = _similarity(entry.msgid, message.msgid, threshold)
            if score >= threshold:
                scored.append((-score, new_index, old_index))
    scored.sort()
    taken_new: set[int] = set()
    taken_old: set[int] = set()
    result: dict[tuple[str | None, str], polib.POEntry] = {}
    for _score, new_index, old_index in scored:
        if new_index in taken_new or old_index in taken_old:
            continue
        taken_new.add(new_index)
        taken_old.add(old_index)
        result[pending[new_index].key] = candidates[old_index]
    return result


def _entry(message: Message) -> polib.POEntry:
    return polib.POEntry(
        msgid=message.msgid,
        msgctxt=message.context,
        msgstr="",
        comment="\n".join(message.kinds),
        occurrences=list(message.occurrences),
    )


def _carry(entry: polib.POEntry, old: polib.POEntry) -> None:
    """Move an exact match's translation and translator data onto a fresh entry."""
    entry.msgstr = old.msgstr
    if old.msgid_plural:  # a translator's plural entry keeps its forms
        entry.msgid_plural, entry.msgstr_plural = old.msgid_plural, dict(old.msgstr_plural)
    entry.tcomment = old.tcomment
    entry.flags = [flag for flag in old.flags if flag != "fuzzy"]
    if old.fuzzy and old.msgstr:
        entry.flags.insert(0, "fuzzy")
        entry.previous_msgid = old.previous_msgid
        entry.previous_msgctxt = old.previous_msgctxt
        notes = [line for line in (old.comment or "").split("\n") if line.startswith(KEPT_NOTES)]
        if notes:
            entry.comment = "\n".join([entry.comment, *notes]) if entry.comment else "\n".join(notes)


def merge_catalog(
    old: polib.POFile | None,
    messages: Iterable[Message],
    locale: Locale,
    project: str,
    page: str,
    keep_obsolete: bool = True,
    threshold: float = FUZZY_THRESHOLD,
) -> polib.POFile:
    """The new catalog for a page, msgmerge-style.

    Same msgid: the translation is kept. A changed msgid gets the closest old
    translation of the same kind as fuzzy, with the old msgid as ``#|``, when it
    is similar enough. Translations no longer used become obsolete (``#~``).
    """
    po = _header(old, locale, project, page)
    messages = list(messages)
    active = {(e.msgctxt, e.msgid): e for e in old if not e.obsolete} if old else {}
    retired = {(e.msgctxt, e.msgid): e for e in old if e.obsolete} if old else {}
    used: set[int] = set()
    entries = []
    pending = []
    for message in messages:
        entry = _entry(message)
        match = active.get(message.key) or retired.get(message.key)
        if match is not None:
            _carry(entry, match)
            used.add(id(match))
        else:
            pending.append(message)
        entries.append(entry)
    candidates = [e for e in (old or []) if id(e) not in used and e.msgstr]
    offers = _fuzzy_matches(pending, candidates, threshold)
    for entry in entries:
        offer = offers.get((entry.msgctxt, entry.msgid))
        if offer is not None:
            entry.msgstr = offer.msgstr
            entry.tcomment = offer.tcomment
            entry.flags = ["fuzzy"]
            entry.previous_msgid = offer.msgid
            if offer.msgctxt != entry.msgctxt:
                entry.previous_msgctxt = offer.msgctxt
            used.add(id(offer))
        po.append(entry)
    if old is not None:
        for leftover in old:
            if id(leftover) in used or not (leftover.msgstr or leftover.msgstr_plural):
                continue
            if not keep_obsolete:
                continue
            leftover.obsolete = True
            leftover.occurrences = []
            # polib reads no "#~|" line back: an obsolete entry without its previous
            # msgid is written the same way on every run.
            leftover.previous_msgid = leftover.previous_msgctxt = None
            po.append(leftover)
    return po


def template_catalog(messages: Iterable[Message], project: str, page: str) -> polib.POFile:
    """The page's POT: every msgid, msgstrs empty; Poedit and Weblate start a new language from it."""
    po = polib.POFile(wrapwidth=79)
    po.header = (
        f"Template for translating {page}.\nWritten by cheatl10n extract: start a new language from it."
    )
    po.metadata = {
        "Project-Id-Version": project,
        "Language": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for message in messages:
        po.append(_entry(message))
    return po


def translation_of(entry: polib.POEntry | None, use_fuzzy: bool) -> str | None:
    """The msgstr to render for an entry, or None to keep the source text."""
    if entry is None or entry.obsolete or not entry.msgstr:
        return None
    if entry.fuzzy and not use_fuzzy:
        return None
    return str(entry.msgstr)
