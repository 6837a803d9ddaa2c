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
from cheatl10n.render import render_page
from cheatl10n.report import Counts
from cheatl10n.segment import SegmentOptions, segment_page
from cheatl10n.source import encode_text, read_source

Progress = Callable[[str], None]


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
        for page in config.discover():
            if progress:
                progress(page.source)
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
    """How many of the page's msgids are translated, fuzzy, untranslated or missing."""
    entries = _entries(po)
    counts = Counts()
    for key in dict.fromkeys(slot.key for slot in segments.slots):
        counts.total += 1
        entry = entries.get(key)
        if entry is None:
            counts.missing += 1
        elif not entry.msgstr:
            counts.untranslated += 1
        elif entry.fuzzy:
            counts.fuzzy += 1
        else:
            counts.translated += 1
    counts.obsolete = sum(1 for entry in po or [] if entry.obsolete)
    return counts


def translate_page(segments: Segments, po: polib.POFile | None, use_fuzzy: bool) -> str:
    """The translated text of one page."""
    entries = _entries(po)
    return render_page(segments, lambda slot: translation_of(entries.get(slot.key), use_fuzzy))


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
        for page in config.discover():
            if progress:
                progress(page.source)
            segments = load_segments(config, page)
            result.notices.extend(segments.notices)
            for lang in langs:
                po = _load_catalog(config, config.catalog_path(page, lang), lang)
                text = translate_page(segments, po, use_fuzzy)
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
        for page in config.discover():
            if progress:
                progress(page.source)
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
