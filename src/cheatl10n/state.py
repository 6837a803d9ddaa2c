"""What the last ``extract`` saw, so that a run with nothing to do reads almost nothing.

After every successful ``extract`` that wrote, ``.cheatl10n/extract.json`` at
the site root records the config file's digest, the run's options, every page
with its digest, and a stat signature (size, mtime, ctime, inode) of every
page, catalog and template. The next run compares signatures instead of
reading files: a page whose own signature and its catalogs' all match is
known to be unchanged and is not read at all.

A signature can only be trusted for a file last changed before the record
was written: a file changed in the same clock tick as the record (its ctime
not older than the record file's mtime) is "racy", as git calls it. A racy
page is checked by its content digest instead; a racy catalog sends the page
to the full check, which reads its catalogs.

The record is a cache: the catalogs' ``X-Cheatl10n-Source`` headers stay the
truth, and a missing, stale or unreadable record only costs time. This module
imports nothing beyond the standard library, so the command line can answer
a run with nothing to do before it loads a parser.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cheatl10n.fsio import TEMP_MARK

RECORD = Path(".cheatl10n") / "extract.json"
FORMAT = 1

Signature = tuple[int, int, int, int]


def signature(status: os.stat_result) -> Signature:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def page_digest(settings: str, data: bytes) -> str:
    """The digest of a page's bytes under the settings that shape its catalogs."""
    return hashlib.sha256(settings.encode("ascii") + b"\0" + data).hexdigest()[:16]


def config_digest(config_file: Path) -> str | None:
    try:
        return hashlib.sha256(config_file.read_bytes()).hexdigest()
    except OSError:
        return None


@dataclass(frozen=True, slots=True)
class Request:
    """The options of an ``extract`` run that decide what its catalogs hold."""

    langs: tuple[str, ...]
    """The languages asked for; empty for the config's languages."""
    keep_obsolete: bool


@dataclass(frozen=True, slots=True)
class PageRecord:
    source: str
    digest: str
    signature: Signature | None
    """Taken before the page was read; None when it could not be."""
    outputs: tuple[tuple[str, Signature | None], ...]
    """Each catalog (and template) of the page with its signature after the run."""


@dataclass(frozen=True, slots=True)
class Record:
    """One ``extract.json``, and the mtime of the file it was read from."""

    config: str
    settings: str
    langs: tuple[str, ...]
    default_langs: bool
    keep_obsolete: bool
    base: str
    pattern: str
    pages: tuple[PageRecord, ...]
    written_ns: int

    def fits(self, config_hash: str | None, request: Request) -> bool:
        """Whether the record was made from these exact settings and options."""
        if config_hash is None or config_hash != self.config or request.keep_obsolete != self.keep_obsolete:
            return False
        if not request.langs:
            return self.default_langs
        return tuple(dict.fromkeys(request.langs)) == self.langs

    def unchanged(self, root: Path) -> dict[str, PageRecord]:
        """The pages that are unchanged, with their catalogs, since the record was written."""
        return {page.source: page for page in self.pages if self._page_unchanged(root, page)}

    def _page_unchanged(self, root: Path, page: PageRecord) -> bool:
        try:
            status = os.stat(root / page.source)
            if not self._trusted(status, page.signature):
                with open(root / page.source, "rb") as handle:
                    if page_digest(self.settings, handle.read()) != page.digest:
                        return False
            return all(self._trusted(os.stat(root / path), sig) for path, sig in page.outputs)
        except OSError:
            return False

    def _trusted(self, status: os.stat_result, recorded: Signature | None) -> bool:
        return recorded == signature(status) and status.st_ctime_ns < self.written_ns

    def pages_on_disk(self, root: Path) -> list[str] | None:
        """The source pages the pattern finds now, as ``Config.discover`` lists them; None on a symlink."""
        regex = re.compile(self.pattern)
        found = []
        for folder, dirs, files in os.walk(root / self.base):
            dirs.sort()
            for name in sorted(files):
                full = os.path.join(folder, name)
                relative = Path(os.path.relpath(full, root)).as_posix()
                if regex.fullmatch(relative):
                    if os.path.islink(full):
                        return None  # the full run checks where it points
                    found.append(relative)
        return found


def read_record(root: Path) -> Record | None:
    """The site's record, or None when there is none or it cannot be used."""
    file = root / RECORD
    try:
        written_ns = os.stat(file).st_mtime_ns
        data = json.loads(file.read_bytes())
        if data.get("format") != FORMAT or data.get("tool") != _version():
            return None
        pages = tuple(
            PageRecord(
                source,
                digest,
                tuple(sig) if sig else None,
                tuple((path, tuple(out) if out else None) for path, out in outputs),
            )
            for source, digest, sig, outputs in data["pages"]
        )
        return Record(
            config=data["config"],
            settings=data["settings"],
            langs=tuple(data["langs"]),
            default_langs=bool(data["default_langs"]),
            keep_obsolete=bool(data["keep_obsolete"]),
            base=data["base"],
            pattern=data["pattern"],
            pages=pages,
            written_ns=written_ns,
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def nothing_to_do(config_file: Path, request: Request) -> Record | None:
    """The record, when it shows that an ``extract`` with ``request`` would change nothing.

    Reads the config file's bytes, lists the page folders and stats every
    file; reads a page only when its signature is racy.
    """
    root = config_file.parent.resolve()
    record = read_record(root)
    if record is None or not record.fits(config_digest(config_file), request):
        return None
    if record.pages_on_disk(root) != [page.source for page in record.pages]:
        return None
    if len(record.unchanged(root)) != len(record.pages):
        return None
    folders = {os.path.dirname(path) for page in record.pages for path, _sig in page.outputs}
    for folder in folders:  # a killed run's temp files: the full run removes them
        with contextlib.suppress(OSError):
            if any(TEMP_MARK in name for name in os.listdir(root / folder)):
                return None
    return record


def encode_record(
    config_hash: str,
    settings: str,
    langs: Sequence[str],
    default_langs: bool,
    keep_obsolete: bool,
    base: str,
    pattern: str,
    pages: Iterable[PageRecord],
) -> bytes:
    data = {
        "format": FORMAT,
        "tool": _version(),
        "config": config_hash,
        "settings": settings,
        "langs": list(langs),
        "default_langs": default_langs,
        "keep_obsolete": keep_obsolete,
        "base": base,
        "pattern": pattern,
        "pages": [
            [page.source, page.digest, page.signature, [list(item) for item in page.outputs]]
            for page in pages
        ],
    }
    return (json.dumps(data, separators=(",", ":")) + "\n").encode("utf-8")


def stat_signature(file: Path) -> Signature | None:
    try:
        return signature(os.stat(file))
    except OSError:
        return None


def _version() -> str:
    from cheatl10n import __version__

    return __version__
