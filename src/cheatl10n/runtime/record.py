"""What the last ``extract`` saw, so that a run with nothing to do reads almost nothing.

After every successful ``extract`` that may write, ``.cheatl10n/extract.record``
at the site root records the config file's digest, the run's options, a digest
of the names of every file under the pages' folder, and each page with its
digest and the stat signatures (size, mtime, ctime, inode) of the page and of
its catalogs and template, and whether each catalog held a translation. The
next run compares signatures instead of reading files: a page whose own
signature and its catalogs' all match is known to be unchanged and is not read
at all.

A signature is trusted only for a file last changed before the record was
written: a file changed in the same clock tick as the record (its ctime not
older than the record's mtime) is "racy", as git calls it. A racy page is
checked by its content digest instead; a racy catalog sends its page to the
full check, which reads its catalogs.

The record also holds the signatures of the parsers' files (markdown-it-py,
PyYAML, python-frontmatter). When an upgrade changed them, no page is taken as
unchanged, neither by the record nor by its catalogs' digests: every page is
segmented again, and a catalog is rewritten only if its entries changed. (The
digests in the catalogs leave the parsers out on purpose: catalogs are shared
between machines with other versions, and would otherwise churn.)

The record is a cache: the catalogs' ``X-Cheatl10n-Source`` headers stay the
truth, and a missing, stale or unreadable record only costs time. It is a
small tab-separated text file, and this module loads importing only ``os`` and
``sys`` (``hashlib`` and ``importlib.util`` are imported when first needed), so
that ``cli/main.py`` answers a run with nothing to do in the time Python takes to start.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing is not imported at run time, as in cli/main.py
if TYPE_CHECKING:
    import hashlib

RECORD = os.path.join(".cheatl10n", "extract.record")
CONFIG_NAME = "cheatl10n.toml"
TEMP_MARK = ".cheatl10n-tmp-"
"""In the name of every temp file (``fsio`` writes them)."""
_MAGIC = "cheatl10n extract record"
_FORMAT = "3"
PARSERS = ("markdown_it", "yaml", "frontmatter", "mdit_py_plugins")
"""The libraries that decide how a page is segmented: a new version may segment it otherwise."""

Signature = tuple[int, int, int, int]
Output = tuple[str, Signature | None, bool | None]
"""A page's catalog (or template): its path, its signature, and whether it held any
translation when recorded (None when the run did not read it). Translation memory
skips a recorded catalog that held none."""
_TRANSLATED = {"1": True, "0": False, "-": None}
_TRANSLATED_TEXT = {True: "1", False: "0", None: "-"}


def _sha256(data: bytes = b"") -> hashlib._Hash:
    import hashlib  # loaded on first use: finding the config file needs none

    return hashlib.sha256(data)


def signature(status: os.stat_result) -> Signature:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def page_digest(settings: str, data: bytes, source: str) -> str:
    """The digest of a page's bytes and path under the settings that shape its catalogs.

    The path is in it because the catalogs name it (``#:`` references, the
    header): a page moved to another path must be merged again.
    """
    named = settings.encode("ascii") + b"\0" + source.encode("utf-8", "surrogateescape") + b"\0"
    return _sha256(named + data).hexdigest()[:16]


def config_digest(config_file: str | os.PathLike[str]) -> str | None:
    try:
        with open(config_file, "rb") as handle:
            return _sha256(handle.read()).hexdigest()
    except OSError:
        return None


def find_config_file(start: str) -> str | None:
    """``cheatl10n.toml`` in ``start`` or the nearest folder above it."""
    folder = os.path.abspath(start)
    while True:
        candidate = os.path.join(folder, CONFIG_NAME)
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def parser_files() -> tuple[tuple[str, Signature | None], ...]:
    """The file of each of ``PARSERS`` with its signature, found without importing them.

    An upgrade or reinstall writes new files, so a changed signature means the
    parsers may have changed since a record or cache was written.
    """
    import importlib.util

    found = []
    for name in PARSERS:
        module = sys.modules.get(name)
        path = getattr(module, "__file__", None) if module is not None else None
        if path is None:
            spec = importlib.util.find_spec(name)
            path = spec.origin if spec is not None else None
        if path is not None:
            found.append((path, stat_signature(path)))
    return tuple(found)


def listing_digest(root: str | os.PathLike[str], base: str) -> str | None:
    """A digest of the names of every file under ``base``; None if one is a symbolic link.

    A page added, removed or renamed changes it; a link is left to the full run,
    which checks where it points.
    """
    digest = _sha256()
    start = os.path.join(root, base)
    for folder, dirs, files in os.walk(start):
        dirs.sort()
        digest.update(os.path.relpath(folder, start).encode("utf-8", "surrogateescape") + b"\0")
        for name in sorted(files):
            if os.path.islink(os.path.join(folder, name)):
                return None
            digest.update(name.encode("utf-8", "surrogateescape") + b"\1")
    return digest.hexdigest()


class Request:
    """The options of an ``extract`` run that decide what its catalogs hold."""

    __slots__ = ("keep_obsolete", "langs")

    def __init__(self, langs: tuple[str, ...], keep_obsolete: bool):
        self.langs = langs
        """The languages asked for; empty for the config's languages."""
        self.keep_obsolete = keep_obsolete


class PageRecord:
    """One page: its digest, its signature, and its catalogs' (and template's) signatures."""

    __slots__ = ("digest", "outputs", "signature", "source")

    def __init__(
        self,
        source: str,
        digest: str,
        signature: Signature | None,
        outputs: tuple[Output, ...],
    ):
        self.source = source
        self.digest = digest
        self.signature = signature
        """Taken before the page was read; None when it could not be."""
        self.outputs = outputs


class Record:
    """One record file, and the mtime it was written at."""

    __slots__ = (
        "base",
        "config",
        "default_langs",
        "keep_obsolete",
        "langs",
        "listing",
        "pages",
        "parsers",
        "settings",
        "stamp",
        "written_ns",
    )

    def __init__(self) -> None:
        self.config = self.settings = self.base = self.listing = ""
        self.langs: tuple[str, ...] = ()
        self.default_langs = self.keep_obsolete = False
        self.pages: list[PageRecord] = []
        self.parsers: list[tuple[str, Signature | None]] = []
        """The parsers' files when the record was written (``parser_files``)."""
        self.written_ns = 0
        self.stamp: Signature | None = None
        """The record file's own signature when read."""

    def fits(self, config_hash: str | None, request: Request) -> bool:
        """Whether the record was made from these exact settings and options."""
        if config_hash is None or config_hash != self.config or request.keep_obsolete != self.keep_obsolete:
            return False
        if not request.langs:
            return self.default_langs
        return tuple(dict.fromkeys(request.langs)) == self.langs

    def parsers_unchanged(self) -> bool:
        """Whether the parsers' files are those the record's run used."""
        return all(stat_signature(path) == sig for path, sig in self.parsers)

    def is_current(self, root: str | os.PathLike[str]) -> bool:
        """Whether the record file is still the one this was read from: no run wrote one since."""
        return stat_signature(os.path.join(root, RECORD)) == self.stamp

    def unchanged(self, root: str | os.PathLike[str]) -> dict[str, PageRecord]:
        """The pages that are unchanged, with their catalogs, since the record was written."""
        return {page.source: page for page in self.pages if self._page_unchanged(root, page)}

    def _page_unchanged(self, root: str | os.PathLike[str], page: PageRecord) -> bool:
        try:
            file = os.path.join(root, page.source)
            if not self._trusted(os.stat(file), page.signature):
                with open(file, "rb") as handle:
                    if page_digest(self.settings, handle.read(), page.source) != page.digest:
                        return False
            return all(self._trusted(os.stat(os.path.join(root, path)), sig) for path, sig, _ in page.outputs)
        except OSError:
            return False

    def _trusted(self, status: os.stat_result, recorded: Signature | None) -> bool:
        return recorded == signature(status) and status.st_ctime_ns < self.written_ns


def _signature_text(sig: Signature | None) -> str:
    return ",".join(map(str, sig)) if sig else "-"


def _signature_of(text: str) -> Signature | None:
    if text == "-":
        return None
    size, mtime, ctime, inode = (int(part) for part in text.split(","))
    return (size, mtime, ctime, inode)


def read_record(root: str | os.PathLike[str]) -> Record | None:
    """The site's record, or None when there is none or it cannot be used."""
    from cheatl10n.version import __version__

    file = os.path.join(root, RECORD)
    try:
        with open(file, "rb") as handle:
            status = os.fstat(handle.fileno())
            lines = handle.read().decode("utf-8").split("\n")
        if lines[0] != f"{_MAGIC}\t{_FORMAT}\t{__version__}" or lines[-1] != "":
            return None
        record = Record()
        record.written_ns, record.stamp = status.st_mtime_ns, signature(status)
        for line in lines[1:-1]:
            kind, _tab, rest = line.partition("\t")
            fields = rest.split("\t")
            if kind == "page":
                digest, sig, source = fields
                record.pages.append(PageRecord(source, digest, _signature_of(sig), ()))
            elif kind == "out":
                sig, translated, path = fields
                last = record.pages[-1]
                last.outputs = (*last.outputs, (path, _signature_of(sig), _TRANSLATED[translated]))
            elif kind == "parser":
                sig, path = fields
                record.parsers.append((path, _signature_of(sig)))
            elif kind == "options":
                default, keep, langs = fields
                record.default_langs, record.keep_obsolete = default == "1", keep == "1"
                record.langs = tuple(langs.split(","))
            elif kind in ("config", "settings", "base", "listing"):
                (value,) = fields
                setattr(record, kind, value)
            else:
                return None
        return record if record.config and record.settings else None
    except (OSError, ValueError, IndexError):
        return None


def survey(
    config_file: str | os.PathLike[str], request: Request
) -> tuple[Record, dict[str, PageRecord]] | None:
    """The record and the pages it shows unchanged, when it fits an ``extract`` with ``request``.

    None when the record cannot tell: there is none, it was made with other
    settings or options or parsers, or a file was added, removed or renamed
    under the pages' folder. Reads the config file's bytes, lists the pages'
    folders and stats every file; reads a page only when its signature is racy.
    """
    root = os.path.dirname(os.path.abspath(config_file))
    record = read_record(root)
    if record is None or not record.base or not record.fits(config_digest(config_file), request):
        return None  # with no folder for the pages, the whole site would have to be listed
    if not record.parsers_unchanged():
        return None
    if listing_digest(root, record.base) != record.listing:
        return None
    return record, record.unchanged(root)


def nothing_to_do(root: str | os.PathLike[str], found: tuple[Record, dict[str, PageRecord]]) -> bool:
    """Whether what ``survey`` found shows that the ``extract`` would change nothing."""
    record, unchanged = found
    return len(unchanged) == len(record.pages) and not stray_temps(root, record)


def stray_temps(root: str | os.PathLike[str], record: Record) -> bool:
    """Whether a killed run left temp files beside the recorded catalogs (a run must remove them)."""
    folders = {os.path.dirname(output[0]) for page in record.pages for output in page.outputs}
    for folder in folders:
        try:
            if any(TEMP_MARK in name for name in os.listdir(os.path.join(root, folder))):
                return True
        except OSError:
            return True
    return False


def encode_record(
    config_hash: str,
    settings: str,
    langs: tuple[str, ...],
    default_langs: bool,
    keep_obsolete: bool,
    base: str,
    listing: str,
    pages: list[PageRecord],
    parsers: tuple[tuple[str, Signature | None], ...] = (),
) -> bytes | None:
    """The record's bytes; None when a path holds a tab or a line break, which it cannot."""
    from cheatl10n.version import __version__

    lines = [
        f"{_MAGIC}\t{_FORMAT}\t{__version__}",
        f"config\t{config_hash}",
        f"settings\t{settings}",
        f"options\t{int(default_langs)}\t{int(keep_obsolete)}\t{','.join(langs)}",
        f"base\t{base}",
        f"listing\t{listing}",
    ]
    if any("\t" in path or "\n" in path for path, _sig in parsers):
        return None
    lines.extend(f"parser\t{_signature_text(sig)}\t{path}" for path, sig in parsers)
    for page in pages:
        paths = [page.source, *(output[0] for output in page.outputs)]
        if any("\t" in path or "\n" in path for path in paths):
            return None
        lines.append(f"page\t{page.digest}\t{_signature_text(page.signature)}\t{page.source}")
        lines.extend(
            f"out\t{_signature_text(sig)}\t{_TRANSLATED_TEXT[held]}\t{path}"
            for path, sig, held in page.outputs
        )
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogateescape")


def stat_signature(file: str | os.PathLike[str]) -> Signature | None:
    try:
        return signature(os.stat(file))
    except OSError:
        return None
