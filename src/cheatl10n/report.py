"""Counts of what a catalog lacks: untranslated, fuzzy, missing and obsolete strings."""

from __future__ import annotations

from dataclasses import dataclass, fields

STALE_KINDS = ("untranslated", "fuzzy", "missing", "obsolete")


@dataclass(slots=True)
class Counts:
    """String counts for one page in one language, or a sum of them."""

    total: int = 0
    """Distinct msgids the source page has now."""
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    missing: int = 0
    """Source strings with no catalog entry: ``extract`` was not run after an edit."""
    obsolete: int = 0
    """Entries kept in the catalog for strings the page no longer has."""

    def add(self, other: Counts) -> None:
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))

    def stale(self) -> bool:
        return any(getattr(self, kind) for kind in STALE_KINDS)

    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    def stale_summary(self) -> str:
        """Only what is left to do: ``3 untranslated, 1 fuzzy``."""
        return ", ".join(f"{getattr(self, kind)} {kind}" for kind in STALE_KINDS if getattr(self, kind))

    def describe(self) -> str:
        """``12/15 translated, 2 untranslated, 1 fuzzy, 0 missing, 0 obsolete``."""
        parts = [f"{self.translated}/{self.total} translated"]
        parts.extend(f"{getattr(self, kind)} {kind}" for kind in STALE_KINDS)
        return ", ".join(parts)
