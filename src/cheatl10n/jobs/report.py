"""Counts of what a catalog lacks, and the status report in text, JSON and Markdown.

The JSON form is documented in the README (schema ``cheatl10n-status/1``) and
checked against ``status.schema.json`` in the tests; keys are only ever added.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from typing import Any

import polib

from cheatl10n.model import Segments
from cheatl10n.pages.text import count_words

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
    words_total: int = 0
    words_translated: int = 0
    words_fuzzy: int = 0
    words_untranslated: int = 0
    words_missing: int = 0

    def add(self, other: Counts) -> None:
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))

    def count(self, kind: str, words: int) -> None:
        """Count one string of ``kind`` (translated, fuzzy, untranslated, missing) with its words."""
        self.total += 1
        self.words_total += words
        setattr(self, kind, getattr(self, kind) + 1)
        setattr(self, f"words_{kind}", getattr(self, f"words_{kind}") + words)

    def stale(self) -> bool:
        return any(getattr(self, kind) for kind in STALE_KINDS)

    def percent(self) -> float:
        return round(100.0 * self.translated / self.total, 1) if self.total else 100.0

    def percent_words(self) -> float:
        return round(100.0 * self.words_translated / self.words_total, 1) if self.words_total else 100.0

    def stale_summary(self) -> str:
        """Only what is left to do: ``3 untranslated, 1 fuzzy``."""
        return ", ".join(f"{getattr(self, kind)} {kind}" for kind in STALE_KINDS if getattr(self, kind))

    def describe(self) -> str:
        """``12/15 translated, 2 untranslated, 1 fuzzy, 0 missing, 0 obsolete``."""
        parts = [f"{self.translated}/{self.total} translated"]
        parts.extend(f"{getattr(self, kind)} {kind}" for kind in STALE_KINDS)
        return ", ".join(parts)

    def as_json(self) -> dict[str, Any]:
        return {
            "strings": {kind: getattr(self, kind) for kind in ("total", "translated", *STALE_KINDS)},
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
    """A Markdown table per language, fit for a CI job summary."""
    head = "| {} | translated | fuzzy | untranslated | missing | obsolete | words translated | % |\n"
    rule = "|---|---:|---:|---:|---:|---:|---:|---:|\n"
    out = ["## Translation status\n\n", head.format("language"), rule]
    for lang in langs:
        out.append(_markdown_row(f"**{lang}**", total_counts(pages, lang)))
    if verbose:
        for lang in langs:
            out.extend([f"\n### {lang}\n\n", head.format("page"), rule])
            out.extend(_markdown_row(f"`{p.page}`", p.counts) for p in pages if p.lang == lang)
    return "".join(out)


def _markdown_row(label: str, c: Counts) -> str:
    return (
        f"| {label} | {c.translated}/{c.total} | {c.fuzzy} | {c.untranslated} | {c.missing} | {c.obsolete} | "
        f"{c.words_translated}/{c.words_total} | {c.percent():.1f}% |\n"
    )


def status_text(pages: list[PageStatus], langs: list[str], verbose: bool) -> str:
    """Plain lines: every page with work left (every page with ``verbose``), then totals."""
    out = []
    for lang in langs:
        for page in pages:
            if page.lang == lang and (verbose or page.counts.stale()):
                c = page.counts
                out.append(f"{page.catalog}: {c.percent():.1f}% ({c.describe()})")
        total = total_counts(pages, lang)
        out.append(
            f"{lang}: {total.percent():.1f}% of strings, {total.percent_words():.1f}% of words "
            f"({total.describe()}; {total.words_translated}/{total.words_total} words)"
        )
    return "\n".join(out) + "\n"


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


def count_strings(segments: Segments, po: polib.POFile | None) -> Counts:
    """How many of the page's strings (and their words) are translated, fuzzy, untranslated, missing."""
    entries = entries_by_key(po)
    counts = Counts()
    for key in dict.fromkeys(slot.key for slot in segments.slots):
        entry = entries.get(key)
        if entry is None:
            kind = "missing"
        elif not entry.msgstr:
            kind = "untranslated"
        else:
            kind = "fuzzy" if entry.fuzzy else "translated"
        counts.count(kind, count_words(key[1]))
    counts.obsolete = sum(1 for entry in po or [] if entry.obsolete)
    return counts
