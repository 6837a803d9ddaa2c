"""Reading a PO catalog strictly into polib's model, each entry with its lines.

UTF-8 only, no syntax error, no duplicate msgid, one header at most. Each entry
carries the 1-based lines of its msgid and msgstr (``linenum``, ``msgstr_line``)
so that every message about it names its line. One walk over the lines checks
them and builds the catalog (``po/scan.py``); a text that walk leaves to polib
(plural forms, a line polib reads otherwise than gettext) is read by polib, and
its entries are given the lines the walk found.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from cheatl10n.errors import CatalogError
from cheatl10n.po.entries import WRAPWIDTH
from cheatl10n.po.scan import EntryLines, Scan, numbered, scan_po

CATALOG_LIMIT = 6 * 1024 * 1024
"""Bytes in one catalog: three times the largest page (``pages/limits.py``)."""
PO_LINE_LIMIT = 256 * 1024
"""Bytes in one line of a catalog: polib takes about 120 bytes of memory for each byte of a line."""


def check_catalog_size(data: bytes, shown: Path) -> None:
    """Refuse a catalog over ``CATALOG_LIMIT`` bytes or with a line over ``PO_LINE_LIMIT``, unparsed."""
    if len(data) > CATALOG_LIMIT:
        size, limit = len(data) / 1024 / 1024, CATALOG_LIMIT / 1024 / 1024
        raise CatalogError(f"catalog is {size:.1f} MB, over the limit of {limit:.1f} MB", shown, 1)
    if len(data) > PO_LINE_LIMIT and max(map(len, data.split(b"\n"))) > PO_LINE_LIMIT:
        line = next(n for n, text in enumerate(data.split(b"\n"), 1) if len(text) > PO_LINE_LIMIT)
        raise CatalogError(
            f"line is over the limit of {PO_LINE_LIMIT // 1024} KB for one line of a catalog", shown, line
        )


def check_catalog_lines(data: bytes, shown: Path) -> None:
    """What ``parse_catalog`` checks line by line, every line (the translators' too), at a
    fraction of its cost: size, UTF-8, control characters, PO syntax, one header."""
    _scanned(data, shown, build=False)


def _scanned(data: bytes, shown: Path, build: bool) -> tuple[str, Scan]:
    check_catalog_size(data, shown)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CatalogError("catalog is not valid UTF-8", shown, line) from exc
    if text.startswith("\ufeff"):
        text = text[1:]
    scan = scan_po(text, shown, build)
    _check_header(scan.lines, shown)
    return text, scan


_CHARSET = re.compile(r"charset=([\w.:-]+)", re.IGNORECASE)
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


def parse_catalog(data: bytes, shown: Path, *, quick: bool = True) -> polib.POFile:
    """Parse PO bytes strictly: UTF-8 only, no syntax error, no duplicate msgid.

    ``quick=False`` has polib read every catalog, after the same strict walk: the rule
    the walk's own POFile is held to (tests, ``bench/mechanisms.py``).
    """
    text, scan = _scanned(data, shown, build=quick)
    po = scan.po if scan.po is not None else _polib_catalog(text, scan.lines, shown)
    _check_charset(po, text, scan.lines, shown)
    _check_entries(po, shown)
    return po


def _polib_catalog(text: str, lines: list[EntryLines], shown: Path) -> polib.POFile:
    """polib's reading of ``text``, each entry given the lines the walk found."""
    try:
        # polib.pofile() takes a path or the text itself; text with a line break is never
        # taken for a path.
        ended = text if text.endswith("\n") else text + "\n"
        hidden = _hide_separators(ended)
        po = polib.pofile(hidden + _END, wrapwidth=WRAPWIDTH)
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
    end = po.pop() if len(po) and po[-1].msgid == _END_MSGID else None
    if end is None or end.msgctxt is not None:
        raise CatalogError(
            "catalog is not a valid PO file: syntax error at its end", shown, text.count("\n") or 1
        )
    if hidden is not ended:
        _restore_separators(po)
    _attach_lines(po, lines)
    return po


_END_MSGID = "cheatl10n: the end of the text"
_END = f'\nmsgid "{_END_MSGID}"\nmsgstr ""\n'
"""An entry after the text, which ``_polib_catalog`` takes off again. polib appends the entry
it is reading only when a new one starts or when the text's last line is no comment: without
it, a bare ``#.``, ``#:`` or ``#,`` or a ``#~|`` line at the end would drop the last entry and
its translation, which gettext keeps. Comment lines after the last entry go with it, as msgcat
drops them."""


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
    """Give each entry the 1-based lines of its msgid and msgstr (``linenum``, ``msgstr_line``)."""
    found = numbered(lines)
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
