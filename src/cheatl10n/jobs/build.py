"""``build``: translated pages from source pages and catalogs, checked, page by page.

A small cache (``.cheatl10n/build.json`` in the output folder: the site root
unless ``--out``) remembers, for each page written, a digest of its inputs (page,
catalog, settings, and the parsers' files, so that an upgrade of markdown-it-py or
PyYAML builds every page again) and of the page it wrote, with that page's counts
and findings. When neither the inputs nor the written page changed, the page is not
built again; ``--force`` builds everything, and gives the same bytes.

``build`` never replaces a page it did not write, or one edited since it wrote
it: the committed manifest ``cheatl10n.built`` (``jobs.written``) records each
page it wrote. Such a page is named and left as it is; ``--force`` replaces it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polib

from cheatl10n.config import Config, Page
from cheatl10n.jobs.common import Progress, check_languages, segment_bytes, shown, site_pages, with_progress
from cheatl10n.jobs.report import Counts, StaleString, first_use, page_strings
from cheatl10n.jobs.written import (
    MANIFEST,
    Refusal,
    dump_manifest,
    equivalent,
    load_manifest,
    page_digest,
    refusal,
)
from cheatl10n.model import LANGUAGE_ONLY_CONTEXT, Notice, Segments
from cheatl10n.pages.source import encode_text
from cheatl10n.po.merge import own_keys_of
from cheatl10n.po.read import parse_catalog
from cheatl10n.runtime.fsio import CACHE_FOLDER, Transaction, make_cache_folder, prepare, site_lock
from cheatl10n.runtime.parallel import map_pages
from cheatl10n.runtime.paths import check_inside
from cheatl10n.runtime.record import parser_files
from cheatl10n.runtime.swap import Fingerprint

if TYPE_CHECKING:
    from cheatl10n.translate.checks import CheckFinding

WORKER_MODULES = ("cheatl10n.translate.checks", "cheatl10n.translate.render")
"""What ``build_page`` loads on first use: the gate and the renderer, with markdown-it-py.
Only the workers need them; a pool started early (``cli/main.py``) loads them while
the command line loads."""

CACHE = Path(CACHE_FOLDER) / "build.json"
_CACHE_VERSION = 2  # 2: each page's stale strings with their lines


@dataclass(slots=True)
class PageBuild:
    """What ``build`` did for one page in one language."""

    lang: str
    source: str
    output: str
    counts: Counts
    changed: bool
    findings: list[CheckFinding] = field(default_factory=list)
    temp: Path | None = None
    cache: dict[str, Any] = field(default_factory=dict)
    built: bool = True
    """False when the cache showed nothing had changed."""
    written: str | None = None
    """The sha256 of the page as it now stands, when build wrote it (for ``cheatl10n.built``)."""
    refused: Refusal | None = None
    """Why the page was left as it is: build did not write it, or it was edited since."""
    read: Fingerprint | None = None
    """What the output file held when the page was built (``runtime/swap.py``)."""
    catalog: str = ""
    """The page's catalog, relative to the site root."""
    stale: list[StaleString] = field(default_factory=list)
    """The strings with work left, at their catalog lines."""


@dataclass(slots=True)
class BuildResult:
    pages: list[PageBuild] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    target_root: Path = Path(".")
    """The folder the pages were written into: the site root, or ``--out``."""

    @property
    def findings(self) -> list[CheckFinding]:
        return [finding for page in self.pages for finding in page.findings]

    @property
    def errors(self) -> int:
        """Translations with at least one error (built from the source text instead)."""
        return len({(f.path, f.line) for f in self.findings if f.severity == "error"})

    def total(self, lang: str | None = None) -> Counts:
        counts = Counts()
        for item in self.pages:
            if lang is None or item.lang == lang:
                counts.add(item.counts)
        return counts


@dataclass(frozen=True, slots=True)
class BuildJob:
    config: Config
    page: Page
    langs: tuple[str, ...]
    target_root: Path
    use_fuzzy: bool
    settings: str
    cached: dict[str, dict[str, Any]]
    """The cache entries of this page's outputs."""
    recorded: dict[str, str] = field(default_factory=dict)
    """The ``cheatl10n.built`` digests of this page's outputs."""
    force: bool = False
    """Replace pages build did not write, or that were edited since."""


def translate_page(
    segments: Segments,
    po: polib.POFile | None,
    use_fuzzy: bool,
    broken: set[tuple[str | None, str]] | None = None,
) -> str:
    """The translated text of one page; ``broken`` entries (failed checks) keep the source text.

    ``segments`` are the page as laid out with the catalog's layouts (``check_catalog`` says).
    """
    from cheatl10n.translate.render import catalog_translator, render_page

    skip = broken or set()
    own = [
        text
        for key, text in own_keys_of(po, segments.meta.keys if segments.meta else ())
        if (LANGUAGE_ONLY_CONTEXT, key) not in skip
    ]
    return render_page(segments, catalog_translator(segments, po, use_fuzzy, skip), own)


def _digest(*parts: bytes) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(len(part).to_bytes(8, "big") + part)
    return hasher.hexdigest()[:32]


def _read(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except FileNotFoundError:
        return b""


def build_page(job: BuildJob) -> tuple[list[PageBuild], tuple[Notice, ...]]:
    """Build one page in each language, unless the cache says nothing changed (one worker's job)."""
    config, page = job.config, job.page
    data = (config.root / page.source).read_bytes()
    segments: Segments | None = None
    builds = []
    for lang in job.langs:
        catalog_path = config.catalog_path(page, lang)
        catalog = _read(config.root / catalog_path)
        inputs = _digest(job.settings.encode(), lang.encode(), bytes([job.use_fuzzy]), data, catalog)
        output = config.page_path(page, lang)
        target = job.target_root / output
        cached = job.cached.get(output)
        current = _read(target)
        if (
            cached
            and cached["inputs"] == inputs
            and cached["output"] == _digest(current)
            and "stale" in cached
        ):
            builds.append(_from_cache(lang, page.source, output, catalog_path, cached))
            builds[-1].written = page_digest(current)
            continue
        if segments is None:
            segments = segment_bytes(config, page.source, data)
        builds.append(_build_one(job, segments, lang, catalog_path, catalog, inputs, target, output))
    return builds, segments.notices if segments is not None else ()


def _from_cache(lang: str, source: str, output: str, catalog: str, cached: dict[str, Any]) -> PageBuild:
    from cheatl10n.translate.checks import CheckFinding

    findings = [CheckFinding(Path(f[0]), f[1], f[2], f[3]) for f in cached["findings"]]
    stale = [StaleString(*item) for item in cached["stale"]]
    counts = Counts(**cached["counts"])
    return PageBuild(
        lang, source, output, counts, False, findings, None, cached, False, catalog=catalog, stale=stale
    )


def _build_one(
    job: BuildJob,
    segments: Segments,
    lang: str,
    catalog_path: str,
    catalog: bytes,
    inputs: str,
    target: Path,
    output: str,
) -> PageBuild:
    from cheatl10n.translate.checks import check_catalog

    config = job.config
    where = shown(config, catalog_path)
    po = parse_catalog(catalog, where) if catalog else None
    findings: list[CheckFinding] = []
    broken: set[tuple[str | None, str]] = set()
    laid = segments
    if po is not None:
        checked = check_catalog(po, where, lang, segments, config.attributes, job.use_fuzzy)
        findings = [finding for finding in checked.findings if finding.severity == "error"]
        broken, laid = checked.broken, checked.segments
    encoded = encode_text(translate_page(laid, po, job.use_fuzzy, broken), segments.bom)
    counts, stale = page_strings(segments, po)
    current = target.read_bytes() if target.is_file() else None
    refused = None if job.force else refusal(current, encoded, job.recorded.get(output))
    if refused is not None and current is not None and equivalent(current, encoded):
        encoded, refused = current, None  # the page's own frontmatter quoting is kept
    if refused is not None:
        return PageBuild(
            lang,
            job.page.source,
            output,
            counts,
            False,
            findings,
            refused=refused,
            catalog=catalog_path,
            stale=stale,
        )
    changed, temp, read = prepare(target, encoded)
    cache = {
        "inputs": inputs,
        "output": _digest(encoded),
        "counts": asdict(counts),
        "findings": [[str(f.path), f.line, f.severity, f.message] for f in findings],
    }
    return PageBuild(
        lang,
        job.page.source,
        output,
        counts,
        changed,
        findings,
        temp,
        cache,
        written=page_digest(encoded),
        read=read,
        catalog=catalog_path,
        stale=stale,
    )


def written_by_build(root: Path, output: str) -> bool:
    """Whether the page at ``output`` holds what ``build`` last wrote there (its cache says so)."""
    cached = _load_cache(root / CACHE).get(output)
    return cached is not None and cached.get("output") == _digest(_read(root / output))


def _load_cache(file: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data.get("pages", {}) if isinstance(data, dict) and data.get("version") == _CACHE_VERSION else {}


def build(
    config: Config,
    langs: Iterable[str],
    out: Path | None = None,
    use_fuzzy: bool = False,
    force: bool = False,
    jobs: int | None = None,
    progress: Progress | None = None,
    on_wait: Callable[[], None] | None = None,
) -> BuildResult:
    """Write each translated page of each language, falling back to the source text."""
    chosen = tuple(check_languages(config, list(langs)))
    target_root = (out if out is not None else config.root).resolve()
    cache_file = target_root / CACHE
    cache = {} if force else _load_cache(cache_file)
    manifest = load_manifest(target_root)
    result = BuildResult(target_root=target_root)
    assert config.file is not None
    with site_lock(config.file, on_wait), Transaction(root=config.root) as transaction:
        pages = site_pages(config)
        settings = config.digest() + repr(parser_files())
        work = [
            BuildJob(config, page, chosen, target_root, use_fuzzy, settings,
                     {o: cache[o] for lang in chosen if (o := config.page_path(page, lang)) in cache},
                     {o: manifest[o] for lang in chosen if (o := config.page_path(page, lang)) in manifest},
                     force)
            for page in pages
        ]  # fmt: skip
        outputs = [config.page_path(p, lang) for p in pages for lang in chosen]
        check_inside(config.root, [config.catalog_path(p, lang) for p in pages for lang in chosen], "catalog")
        check_inside(target_root, outputs, "translated page", None if out is None else out)
        transaction.sweep_all(target_root, outputs)
        counted: set[str] = set()
        for job, (builds, notices) in zip(
            work, map_pages(build_page, work, jobs, with_progress(progress, pages)), strict=True
        ):
            result.notices.extend(notices)
            for item in builds:
                if not first_use(counted, config.catalog_path(job.page, item.lang)):
                    item.counts.obsolete = 0  # a shared catalog's obsolete entries count at its first page
                result.pages.append(item)
                if item.temp is not None:
                    transaction.adopt(target_root / item.output, item.temp, item.read)
        if any(item.built for item in result.pages) or force:
            _save_cache(transaction, cache_file, cache, result)
        manifest.update({item.output: item.written for item in result.pages if item.written is not None})
        if manifest or (target_root / MANIFEST).exists():
            transaction.stage(target_root / MANIFEST, dump_manifest(manifest))
    return result


def _save_cache(transaction: Transaction, file: Path, cache: dict[str, Any], result: BuildResult) -> None:
    if not transaction.dry_run:
        make_cache_folder(file.parent.parent)
    pages = dict(cache)
    pages.update({item.output: item for item in result.pages if item.cache})
    for item in result.pages:
        if item.refused is not None:
            pages.pop(item.output, None)  # looked at again next time, and reported again
    # One line per page, each written by json's C encoder (``indent`` would select its
    # Python one, which took a tenth of a cold build's time on the corpus), and each
    # page's stale strings listed only now: until then they are held once, in PageBuild.
    parts = [b'{"version": %d, "pages": {\n' % _CACHE_VERSION]
    for number, (output, entry) in enumerate(sorted(pages.items())):
        if isinstance(entry, PageBuild):
            stale = [[item.kind, item.line, item.msgid, item.in_page] for item in entry.stale]
            entry = {**entry.cache, "stale": stale}
        line = f"{json.dumps(output)}: {json.dumps(entry, sort_keys=True, separators=(',', ':'))}"
        parts.append((",\n " if number else " ").encode() + line.encode("utf-8"))
    parts.append(b"\n}}\n")
    transaction.stage(file, b"".join(parts))
