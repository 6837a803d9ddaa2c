"""The site-level jobs: ``extract`` pages into catalogs and ``build`` translated pages.

Each job reads one page and its catalogs at a time, stages every write in one
transaction and commits it only when the whole run succeeded. Nothing here
prints: results come back as dataclasses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib
from babel import Locale
from babel.core import get_global

from cheatl10n.catalog import (
    check_language,
    merge_catalog,
    page_messages,
    read_catalog,
    translation_of,
)
from cheatl10n.config import Config, Page, display_path
from cheatl10n.errors import ConfigError
from cheatl10n.fsio import Transaction, site_lock
from cheatl10n.importer import PageImport, apply_offers, check_reproduced, collect_offers, compare_code
from cheatl10n.model import Notice, Segments
from cheatl10n.pofile import dump_po
from cheatl10n.prose import count_words
from cheatl10n.render import render_page
from cheatl10n.report import Counts, PageStatus
from cheatl10n.segment import SegmentOptions, segment_page
from cheatl10n.source import encode_text, read_source
from cheatl10n.validate import check_translation

__all__ = ["PageImport", "Progress"]

Progress = Callable[[int, int, str], None]
"""Called before each page: (pages done, pages in all, the page)."""


def shown(config: Config, relative: str) -> Path:
    """How a site file is named in messages: relative to the working folder when inside it."""
    return Path(display_path(config.root / relative))


def segment_options(config: Config) -> SegmentOptions:
    return SegmentOptions(
        frontmatter_keys=config.frontmatter_keys,
        attributes=config.attributes,
        code_comments=config.code_comments,
    )


def load_segments(config: Config, page: Page) -> Segments:
    """Read and segment one source page."""
    source = read_source(config.root / page.source, shown(config, page.source))
    return segment_page(source, segment_options(config))


def check_languages(config: Config, langs: Sequence[str]) -> list[str]:
    """Validate target languages: known to babel and not the source language."""
    for lang in langs:
        config.locale(lang)
        if lang == config.source_language:
            raise ConfigError(
                f"{lang!r} is the source language: its pages are the source, never an output",
                display_path(config.file) if config.file else None,
            )
    return list(langs)


@dataclass(slots=True)
class CatalogResult:
    """What ``extract`` did to one catalog."""

    path: str
    changed: bool


@dataclass(slots=True)
class ExtractResult:
    catalogs: list[CatalogResult] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    pages: int = 0

    @property
    def changed(self) -> list[str]:
        return [item.path for item in self.catalogs if item.changed]


def _load_catalog(config: Config, relative: str, lang: str) -> polib.POFile | None:
    where = shown(config, relative)
    po = read_catalog(config.root / relative, where)
    if po is not None:
        check_language(po, config.locale(lang), where)
    return po


def extract(
    config: Config,
    langs: Sequence[str],
    keep_obsolete: bool = True,
    dry_run: bool = False,
    progress: Progress | None = None,
    on_wait: Callable[[], None] | None = None,
) -> ExtractResult:
    """Write or update every page's catalog for each of ``langs``."""
    langs = check_languages(config, langs)
    result = ExtractResult()
    assert config.file is not None
    with site_lock(config.file, on_wait), Transaction(dry_run) as transaction:
        pages = list(config.discover())
        for done, page in enumerate(pages):
            if progress:
                progress(done, len(pages), page.source)
            segments = load_segments(config, page)
            result.pages += 1
            result.notices.extend(segments.notices)
            messages = page_messages(segments, page.source)
            for lang in langs:
                relative = config.catalog_path(page, lang)
                old = _load_catalog(config, relative, lang)
                po = merge_catalog(
                    old,
                    messages,
                    config.locale(lang),
                    config.project,
                    page.source,
                    keep_obsolete=keep_obsolete,
                    threshold=config.fuzzy_threshold,
                )
                changed = transaction.stage(config.root / relative, dump_po(po))
                result.catalogs.append(CatalogResult(relative, changed))
    return result


@dataclass(slots=True)
class PageBuild:
    """What ``build`` did for one page in one language."""

    lang: str
    source: str
    output: str
    counts: Counts
    changed: bool


@dataclass(slots=True)
class BuildResult:
    pages: list[PageBuild] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    findings: list[CheckFinding] = field(default_factory=list)
    """Problems with translations; an error means the string was built from the source text."""

    @property
    def errors(self) -> int:
        """Translations with at least one error."""
        return len({(f.path, f.line) for f in self.findings if f.severity == "error"})

    def total(self, lang: str | None = None) -> Counts:
        counts = Counts()
        for item in self.pages:
            if lang is None or item.lang == lang:
                counts.add(item.counts)
        return counts


def _entries(po: polib.POFile | None) -> dict[tuple[str | None, str], polib.POEntry]:
    if po is None:
        return {}
    return {(entry.msgctxt, entry.msgid): entry for entry in po if not entry.obsolete}


def count_strings(segments: Segments, po: polib.POFile | None) -> Counts:
    """How many of the page's strings (and their words) are translated, fuzzy, untranslated, missing."""
    entries = _entries(po)
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


def translate_page(
    segments: Segments,
    po: polib.POFile | None,
    use_fuzzy: bool,
    broken: set[tuple[str | None, str]] | None = None,
) -> str:
    """The translated text of one page; ``broken`` entries (failed checks) keep the source text."""
    entries = _entries(po)
    skip = broken or set()
    return render_page(
        segments,
        lambda slot: None if slot.key in skip else translation_of(entries.get(slot.key), use_fuzzy),
    )


def build(
    config: Config,
    langs: Iterable[str],
    out: Path | None = None,
    use_fuzzy: bool = False,
    progress: Progress | None = None,
    on_wait: Callable[[], None] | None = None,
) -> BuildResult:
    """Write each translated page of each language, falling back to the source text."""
    langs = check_languages(config, list(langs))
    target_root = out if out is not None else config.root
    result = BuildResult()
    assert config.file is not None
    with site_lock(config.file, on_wait), Transaction() as transaction:
        pages = list(config.discover())
        for done, page in enumerate(pages):
            if progress:
                progress(done, len(pages), page.source)
            segments = load_segments(config, page)
            result.notices.extend(segments.notices)
            for lang in langs:
                relative = config.catalog_path(page, lang)
                po = _load_catalog(config, relative, lang)
                broken: set[tuple[str | None, str]] = set()
                if po is not None:
                    found, broken = check_catalog(
                        po, shown(config, relative), lang, config.attributes, use_fuzzy
                    )
                    result.findings.extend(finding for finding in found if finding.severity == "error")
                text = translate_page(segments, po, use_fuzzy, broken)
                output = config.page_path(page, lang)
                changed = transaction.stage(target_root / output, encode_text(text, segments.bom))
                result.pages.append(
                    PageBuild(lang, page.source, output, count_strings(segments, po), changed)
                )
    return result


@dataclass(slots=True)
class ImportResult:
    pages: list[PageImport] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    catalogs_changed: int = 0

    @property
    def reported(self) -> bool:
        """Whether anything could not be carried over: the run's check failed."""
        return any(page.findings or not page.reproduced for page in self.pages if not page.missing_page)


def source_script(locale: Locale) -> str | None:
    """The script the source language is written in (``Latn`` for en), from CLDR's likely subtags."""
    if locale.script:
        return str(locale.script)
    likely = get_global("likely_subtags").get(str(locale)) or get_global("likely_subtags").get(
        locale.language
    )
    parts = str(likely or "").split("_")
    return parts[1] if len(parts) > 2 else None


def import_translations(
    config: Config,
    langs: Sequence[str],
    overwrite: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    on_wait: Callable[[], None] | None = None,
) -> ImportResult:
    """Fill each page's catalogs from the site's existing translated pages."""
    langs = check_languages(config, langs)
    script = source_script(config.locale(config.source_language))
    options = segment_options(config)
    result = ImportResult()
    assert config.file is not None
    with site_lock(config.file, on_wait), Transaction(dry_run) as transaction:
        pages = list(config.discover())
        for done, page in enumerate(pages):
            if progress:
                progress(done, len(pages), page.source)
            segments = load_segments(config, page)
            result.notices.extend(segments.notices)
            messages = page_messages(segments, page.source)
            for lang in langs:
                translated = config.page_path(page, lang)
                report = PageImport(source=page.source, translated=translated)
                result.pages.append(report)
                if not (config.root / translated).is_file():
                    report.missing_page = True
                    continue
                other = segment_page(
                    read_source(config.root / translated, shown(config, translated)), options
                )
                relative = config.catalog_path(page, lang)
                po = merge_catalog(
                    _load_catalog(config, relative, lang),
                    messages,
                    config.locale(lang),
                    config.project,
                    page.source,
                    threshold=config.fuzzy_threshold,
                )
                offers = collect_offers(segments, other, script, config.attributes, report, lang)
                apply_offers(po, offers, overwrite, report)
                report.findings.extend(compare_code(segments, other, config.code_comments))
                check_reproduced(segments, other, po, report)
                if transaction.stage(config.root / relative, dump_po(po)):
                    result.catalogs_changed += 1
    return result


@dataclass(frozen=True, slots=True)
class CheckFinding:
    """A problem with one translation, at the line of its msgstr."""

    path: Path
    line: int
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


def check_catalog(
    po: polib.POFile, where: Path, lang: str, translatable: tuple[str, ...], use_fuzzy: bool = True
) -> tuple[list[CheckFinding], set[tuple[str | None, str]]]:
    """Findings for every translated entry, and the keys of the entries with errors."""
    findings = []
    broken: set[tuple[str | None, str]] = set()
    for entry in po:
        if entry.obsolete or not entry.msgstr or (entry.fuzzy and not use_fuzzy):
            continue
        kinds = tuple(line for line in (entry.comment or "").split("\n") if line)
        line = getattr(entry, "msgstr_line", None) or entry.linenum
        for problem in check_translation(entry.msgid, entry.msgstr, kinds, lang, translatable):
            findings.append(CheckFinding(where, line, problem.severity, problem.message))
            if problem.severity == "error":
                broken.add((entry.msgctxt, entry.msgid))
    return findings, broken


@dataclass(slots=True)
class CheckResult:
    findings: list[CheckFinding] = field(default_factory=list)
    catalogs: int = 0
    entries: int = 0

    @property
    def errors(self) -> int:
        """Translations with at least one error."""
        return len({(f.path, f.line) for f in self.findings if f.severity == "error"})


def check(config: Config, langs: Sequence[str], progress: Progress | None = None) -> CheckResult:
    """Check every translation in the catalogs of ``langs``; read-only."""
    langs = check_languages(config, langs)
    result = CheckResult()
    pages = list(config.discover())
    for done, page in enumerate(pages):
        if progress:
            progress(done, len(pages), page.source)
        for lang in langs:
            relative = config.catalog_path(page, lang)
            po = _load_catalog(config, relative, lang)
            if po is None:
                continue
            result.catalogs += 1
            result.entries += sum(1 for entry in po if entry.msgstr and not entry.obsolete)
            findings, _broken = check_catalog(po, shown(config, relative), lang, config.attributes)
            result.findings.extend(findings)
    return result


def status(config: Config, langs: Sequence[str], progress: Progress | None = None) -> list[PageStatus]:
    """Counts per page and language, from the pages as they are now (read-only)."""
    langs = check_languages(config, langs)
    found = []
    pages = list(config.discover())
    for done, page in enumerate(pages):
        if progress:
            progress(done, len(pages), page.source)
        segments = load_segments(config, page)
        for lang in langs:
            relative = config.catalog_path(page, lang)
            po = _load_catalog(config, relative, lang)
            found.append(PageStatus(lang, page.source, relative, count_strings(segments, po)))
    return found


def total_counts(pages: list[PageStatus], lang: str) -> Counts:
    """The sum of one language's page counts."""
    total = Counts()
    for page in pages:
        if page.lang == lang:
            total.add(page.counts)
    return total
