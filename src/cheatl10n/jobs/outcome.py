"""What ``extract`` did, or would do, to each page and catalog: the results its workers send back."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cheatl10n.config import Config, Page
from cheatl10n.jobs.renames import Move
from cheatl10n.model import Notice
from cheatl10n.runtime.record import Signature
from cheatl10n.runtime.swap import Fingerprint


@dataclass(frozen=True, slots=True)
class CatalogOutcome:
    """What ``extract`` did (or would do) to one catalog."""

    lang: str
    path: str
    changed: bool
    temp: Path | None = None
    """The staged new content, written by the worker; None when unchanged or in a dry run."""
    new_keys: tuple[tuple[str | None, str], ...] = ()
    """(msgctxt, msgid) of entries created by this run without a translation, for translation memory."""
    translated: bool | None = None
    """Whether the catalog holds any translation (a source for translation memory); None when not read."""
    read: Fingerprint | None = None
    """What the file held when the run read it (``runtime/swap.py``): the commit checks it is still so."""
    signature: Signature | None = None
    """For a catalog of a page the record shows unchanged: its recorded signature, which the
    run checked. The record notes it, not the file's signature after the run: an edit made
    to the catalog meanwhile stays visible to the next run."""


@dataclass(frozen=True, slots=True)
class PageExtract:
    source: str
    catalogs: tuple[CatalogOutcome, ...]
    notices: tuple[Notice, ...] = ()
    parsed: bool = True
    """False when the page's digest was unchanged in every catalog and nothing was read."""
    digest: str = ""
    """The page's digest (``runtime.record.page_digest``)."""
    signature: Signature | None = None
    """The page's stat signature, taken before it was read."""
    lead: bool = True
    """False for every page but the first of a shared catalog: their ``catalogs`` are the
    first page's, listed for the record only."""


@dataclass(frozen=True, slots=True)
class ExtractJob:
    config: Config
    pages: tuple[Page, ...]
    """The pages of one catalog: one page, or every page of a shared catalog."""
    langs: tuple[str, ...]
    keep_obsolete: bool
    dry_run: bool
    settings: str
    """The config's digest, computed once."""
    pseudo: bool = False
    """Fill every entry with its pseudo-translation (pseudo-locales only)."""
    reparse: bool = False
    """Segment the page even if its catalogs' digests match: the parsers changed since."""
    memory_langs: tuple[str, ...] = ()
    """Languages whose new keys translation memory may fill: those with a catalog before the run."""


@dataclass(slots=True)
class ExtractResult:
    catalogs: list[CatalogOutcome] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    pages: int = 0
    parsed: int = 0
    """Pages read and merged; the others were unchanged since the last extract."""
    memory_hits: int = 0
    """Entries filled (fuzzy) from another page's translation."""
    moves: list[Move] = field(default_factory=list)
    """Pages that moved, whose catalogs, template and translated pages followed them."""

    @property
    def changed(self) -> list[str]:
        return [item.path for item in self.catalogs if item.changed]
