"""Counts of what a catalog lacks, and the status report in text, JSON and Markdown.

The JSON form is documented in the README (schema ``cheatl10n-status/1``) and
checked against ``status.schema.json`` in the tests; keys are only ever added.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any

import polib

from cheatl10n.model import Segments, Slot
from cheatl10n.pages.text import count_words, needs_translation
from cheatl10n.po.occurrence import entry_for, is_occurrence_key, occurrence_keys

Key = tuple[str | None, str]

STALE_KINDS = ("untranslated", "fuzzy", "missing", "obsolete")
WORD_KINDS = ("total", "translated", "fuzzy", "untranslated", "missing")
SCHEMA = "cheatl10n-status/1"


@dataclass(slots=True)
class Counts:
    """String (and word) counts for one page in one language, or a sum of them."""

    total: int = 0
    """Distinct strings the source page has now."""
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    missing: int = 0
    """Source strings with no catalog entry: ``extract`` was not run after an edit."""
    obsolete: int = 0
    """Entries kept in the catalog for strings the page no longer has."""
    nothing: int = 0
    """Untranslated strings with nothing to translate (``pages/text.py: needs_translation``):
    counted apart, not as work left, and not in the percentages."""
    words_total: int = 0
    words_translated: int = 0
    words_fuzzy: int = 0
    words_untranslated: int = 0
    words_missing: int = 0

    def add(self, other: Counts) -> None:
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))

    def count(self, kind: str, words: int) -> None:
        """Count one string of ``kind`` (translated, fuzzy, untranslated, missing, nothing) with its words."""
        self.total += 1
        if kind == "nothing":  # no work, so no words to translate
            self.nothing += 1
            return
        self.words_total += words
        setattr(self, kind, getattr(self, kind) + 1)
        setattr(self, f"words_{kind}", getattr(self, f"words_{kind}") + words)

    def stale(self) -> bool:
        return any(getattr(self, kind) for kind in STALE_KINDS)

    def to_translate(self) -> int:
        """Strings that need a translation: all but those with nothing to translate."""
        return self.total - self.nothing

    def percent(self) -> float:
        wanted = self.to_translate()
        return round(100.0 * self.translated / wanted, 1) if wanted else 100.0

    def percent_words(self) -> float:
        return round(100.0 * self.words_translated / self.words_total, 1) if self.words_total else 100.0

    def stale_summary(self) -> str:
        """Only what is left to do: ``3 untranslated, 1 fuzzy``."""
        return ", ".join(f"{getattr(self, kind)} {kind}" for kind in STALE_KINDS if getattr(self, kind))

    def describe(self) -> str:
        """``12/15 translated, 2 untranslated, 1 fuzzy, 0 missing, 0 obsolete``."""
        parts = [f"{self.translated}/{self.to_translate()} translated"]
        parts.extend(f"{getattr(self, kind)} {kind}" for kind in STALE_KINDS)
        if self.nothing:
            parts.append(f"{self.nothing} with nothing to translate")
        return ", ".join(parts)

    def as_json(self) -> dict[str, Any]:
        return {
            "strings": {
                **{kind: getattr(self, kind) for kind in ("total", "translated", *STALE_KINDS)},
                "nothing_to_translate": self.nothing,
            },
            "words": {kind: getattr(self, f"words_{kind}") for kind in WORD_KINDS},
            "percent": self.percent(),
            "percent_words": self.percent_words(),
        }


@dataclass(frozen=True, slots=True)
class PageStatus:
    """One page's counts in one language."""

    lang: str
    page: str
    """The source page."""
    catalog: str
    counts: Counts
    stale: tuple[StaleString, ...] = ()
    """The strings with work left, with their catalog lines."""


def total_counts(pages: list[PageStatus], lang: str) -> Counts:
    """The sum of one language's page counts."""
    total = Counts()
    for page in pages:
        if page.lang == lang:
            total.add(page.counts)
    return total


def status_json(pages: list[PageStatus], langs: list[str], source: str) -> str:
    """The status report as JSON (schema ``cheatl10n-status/1``), keys sorted, stable."""
    data = {
        "schema": SCHEMA,
        "source_language": source,
        "languages": {
            lang: {
                "totals": total_counts(pages, lang).as_json(),
                "pages": [
                    {"page": p.page, "catalog": p.catalog, **p.counts.as_json()}
                    for p in pages
                    if p.lang == lang
                ],
            }
            for lang in langs
        },
    }
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def status_markdown(pages: list[PageStatus], langs: list[str], verbose: bool) -> str:
    """A table of totals per language, then per language a list of the pages with work left
    (every page with ``verbose``): fit for a CI job summary, which GitHub renders."""
    head = "| language | translated | fuzzy | untranslated | missing | obsolete | words translated | % |\n"
    rule = "|---|---:|---:|---:|---:|---:|---:|---:|\n"
    out = ["## Translation status\n\n", head, rule]
    out.extend(_markdown_row(f"**{lang}**", total_counts(pages, lang)) for lang in langs)
    for lang in langs:
        listed = [p for p in pages if p.lang == lang and (verbose or p.counts.stale())]
        if listed:
            out.append(f"\n### {lang}: {'every page' if verbose else 'pages with work left'}\n\n")
            out.extend(f"- `{p.catalog}`: {_page_line(p.counts)}\n" for p in listed)
    return "".join(out)


def _page_line(counts: Counts) -> str:
    """``50.0% (2/4 translated, 1 untranslated, ...)``: one page's counts in a report."""
    return f"{counts.percent():.1f}% ({counts.describe()})"


def _markdown_row(label: str, c: Counts) -> str:
    cells = (c.fuzzy, c.untranslated, c.missing, c.obsolete)
    return (
        f"| {label} | {c.translated}/{c.to_translate()} | {' | '.join(map(str, cells))} | "
        f"{c.words_translated}/{c.words_total} | {c.percent():.1f}% |\n"
    )


def status_text(pages: list[PageStatus], langs: list[str], verbose: bool) -> str:
    """Plain lines: every page with work left (every page with ``verbose``), then totals."""
    out = []
    shared = _shared(pages)
    for lang in langs:
        for page in pages:
            if page.lang == lang and (verbose or page.counts.stale()):
                c = page.counts
                label = f"{page.catalog} ({page.page})" if page.catalog in shared else page.catalog
                out.append(f"{label}: {_page_line(c)}")
        total = total_counts(pages, lang)
        out.append(
            f"{lang}: {total.percent():.1f}% of strings, {total.percent_words():.1f}% of words "
            f"({total.describe()}; {total.words_translated}/{total.words_total} words)"
        )
    return "\n".join(out) + "\n"


def _shared(pages: list[PageStatus]) -> set[str]:
    """The catalogs that several pages share: their lines name the page too."""
    seen: set[str] = set()
    return {page.catalog for page in pages if not first_use(seen, page.catalog)}


def first_use(seen: set[str], catalog: str) -> bool:
    """Whether a catalog is met for the first time (noted in ``seen``): a catalog shared by
    several pages counts its obsolete entries once, at its first page."""
    if catalog in seen:
        return False
    seen.add(catalog)
    return True


def entries_by_key(po: polib.POFile | None) -> dict[Key, polib.POEntry]:
    """The catalog's active entries by (msgctxt, msgid)."""
    if po is None:
        return {}
    return {(entry.msgctxt, entry.msgid): entry for entry in po if not entry.obsolete}


def string_kinds(
    segments: Segments, po: polib.POFile | None
) -> Iterator[tuple[str, Slot, polib.POEntry | None]]:
    """Each distinct string of the page once, with its kind (translated, fuzzy, untranslated,
    missing, or nothing: untranslated with nothing to translate) and its catalog entry. An
    occurrence with an entry of its own (``po.occurrence``) is a string of its own."""
    entries = entries_by_key(po)
    occurrences = occurrence_keys(segments.slots) if any(map(is_occurrence_key, entries)) else {}
    seen: set[Key] = set()
    for slot in segments.slots:
        entry = entry_for(slot, entries, occurrences)
        key = (entry.msgctxt, entry.msgid) if entry is not None else slot.key
        if key in seen:
            continue
        seen.add(key)
        if entry is None:
            kind = "missing"
        elif not entry.msgstr:
            kind = "untranslated" if needs_translation(slot.msgid) else "nothing"
        else:
            kind = "fuzzy" if entry.fuzzy else "translated"
        yield kind, slot, entry


@dataclass(frozen=True, slots=True)
class StaleString:
    """One string with work left, where a reviewer finds it."""

    kind: str
    """untranslated, fuzzy, missing or obsolete."""
    line: int
    """The entry's line in the catalog; for a missing string (no entry yet), its line in the page."""
    msgid: str
    in_page: bool = False
    """True when ``line`` is the source page's (a missing string)."""


def page_strings(segments: Segments, po: polib.POFile | None) -> tuple[Counts, list[StaleString]]:
    """How many of the page's strings (and their words) are translated, fuzzy, untranslated,
    missing; and the strings with work left, in catalog order, obsolete entries last."""
    counts = Counts()
    found = []
    for kind, slot, entry in string_kinds(segments, po):
        counts.count(kind, count_words(slot.msgid))
        if kind in STALE_KINDS:
            line = entry.linenum if entry is not None else slot.line
            found.append(StaleString(kind, line, slot.msgid, entry is None))
    obsolete = [entry for entry in po or [] if entry.obsolete]
    counts.obsolete = len(obsolete)
    found.extend(StaleString("obsolete", entry.linenum, entry.msgid) for entry in obsolete)
    return counts, found
