"""``import`` over a site: each page's hand translation into its catalog, page by page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import polib
from babel import Locale
from babel.core import get_global

from cheatl10n.config import CODE_SWITCHES, Config, Page
from cheatl10n.errors import ConfigError, display_path
from cheatl10n.jobs.common import (
    Progress,
    catalog_read,
    check_languages,
    checked_catalog,
    load_segments,
    segment_bytes,
    segment_options,
    site_pages,
    with_progress,
)
from cheatl10n.jobs.compare import check_reproduced, compare_code, first_code_difference
from cheatl10n.jobs.layouts import add_layouts, propose_layouts
from cheatl10n.jobs.pairing import PageImport, apply_offers, collect_offers
from cheatl10n.jobs.unchanged import DIGEST_HEADER, stamp
from cheatl10n.model import LAYOUT_CONTEXT, Code, Notice, SegmentOptions, Segments, Span
from cheatl10n.pages.code import code_slots
from cheatl10n.pages.source import Source, decode_source, encode_text
from cheatl10n.po.merge import catalog_apart, merge_catalog, page_messages, take_language_only
from cheatl10n.po.occurrence import is_occurrence_key
from cheatl10n.po.write import dump_po
from cheatl10n.runtime.fsio import Transaction, prepare, site_lock
from cheatl10n.runtime.parallel import map_pages
from cheatl10n.runtime.paths import check_inside
from cheatl10n.runtime.record import page_digest
from cheatl10n.runtime.swap import Fingerprint


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
    likely = get_global("likely_subtags")
    parts = str(likely.get(str(locale)) or likely.get(locale.language) or "").split("_")
    return parts[1] if len(parts) > 2 else None


@dataclass(frozen=True, slots=True)
class ImportJob:
    config: Config
    page: Page
    langs: tuple[str, ...]
    overwrite: bool
    dry_run: bool
    script: str | None
    settings: str


@dataclass(frozen=True, slots=True)
class PageOutcome:
    reports: tuple[PageImport, ...]
    staged: tuple[tuple[str, Path | None, bool, Fingerprint | None], ...]
    """(catalog, temp file or None, changed, what the catalog held when read) for each language."""
    notices: tuple[Notice, ...]


def import_page(job: ImportJob) -> PageOutcome:
    """Pair one page with each of its translations and fill its catalogs (one worker's job)."""
    config, page = job.config, job.page
    data = (config.root / page.source).read_bytes()
    segments = segment_bytes(config, page.source, data)
    reports, staged = [], []
    for lang in job.langs:
        translated = config.page_path(page, lang)
        report = PageImport(source=page.source, translated=translated)
        reports.append(report)
        if not (config.root / translated).is_file():
            report.missing_page = True
            continue
        other = load_segments(config, translated)
        relative = config.catalog_path(page, lang)
        old_bytes, read = catalog_read(config, relative)
        old = checked_catalog(config, relative, lang, old_bytes)
        offers, pairs = collect_offers(segments, other, job.script, config.attributes, report, lang)
        apart = catalog_apart(old) | {key for key in offers if is_occurrence_key(key)}
        po = _merged(config, page.source, lang, segments, old, apart)
        apply_offers(po, offers, job.overwrite, report)
        layouts = propose_layouts(segments, other, pairs, po)
        if add_layouts(po, layouts, segments, job.overwrite, report):  # each in its place: merged again
            layout_keys = {(LAYOUT_CONTEXT, msgid) for msgid in layouts}
            po = _merged(config, page.source, lang, segments, po, apart | layout_keys)
        digest = page_digest(job.settings, data, page.source)
        po.metadata["Language"] = lang.replace("-", "_")
        po.metadata[DIGEST_HEADER] = f"{digest} {'0' * 16}"
        take_language_only(po, segments, other, job.overwrite)
        report.findings.extend(compare_code(segments, other, _code_hint(config, segments, other)))
        check_reproduced(segments, other, po, report)
        encoded = stamp(dump_po(po), digest)
        changed, temp, _found = prepare(config.root / relative, encoded, job.dry_run, read)
        staged.append((relative, temp, changed, read))
    return PageOutcome(tuple(reports), tuple(staged), segments.notices)


def _merged(
    config: Config,
    page: str,
    lang: str,
    segments: Segments,
    old: polib.POFile | None,
    apart: set[tuple[str | None, str]],
) -> polib.POFile:
    """The page's catalog as ``extract`` would write it from ``old``."""
    return merge_catalog(
        old,
        page_messages(segments, page, apart),
        config.locale(lang),
        config.project,
        page,
        True,
        config.fuzzy_threshold,
        segments.meta.keys if segments.meta else (),
    )


def _code_hint(config: Config, source: Segments, translated: Segments) -> Callable[[Code, Code], str]:
    """Which code settings, now off, would let a differing pair of code blocks be imported."""
    off = [name for name in CODE_SWITCHES if not getattr(config, name)]
    switches: dict[str, Any] = {name: True for name in CODE_SWITCHES}
    options = replace(segment_options(config), **switches)
    pages: list[Source] = []

    def hint(left: Code, right: Code) -> str:
        if not off:
            return ""
        if not pages:  # decoded again only for a page with a differing block: no Markdown parse
            pages.extend(decode_source(encode_text(p.text, p.bom), p.path) for p in (source, translated))
        spans = (_all_code_spans(pages[0], left, options), _all_code_spans(pages[1], right, options))
        if first_code_difference((source.text, translated.text), (left, right), spans) is None:
            return f"set {' or '.join(f'{name} = true' for name in off)} to import it"
        return ""

    return hint


def _all_code_spans(page: Source, block: Code, options: SegmentOptions) -> list[Span]:
    slots = code_slots(page, block.content.start, block.content.end, block.language, options)
    return [Span(slot.start, slot.end) for slot in slots]


def import_translations(
    config: Config,
    langs: Sequence[str],
    overwrite: bool = False,
    dry_run: bool = False,
    jobs: int | None = None,
    progress: Progress | None = None,
    on_wait: Callable[[], None] | None = None,
) -> ImportResult:
    """Fill each page's catalogs from the site's existing translated pages."""
    chosen = tuple(check_languages(config, langs))
    if config.shared_catalogs:
        raise ConfigError(
            "import fills one catalog per page: import with a per-page catalogs pattern, then "
            "join the catalogs with msgcat (see docs/shared-catalogs.md)",
            display_path(config.file) if config.file else None,
        )
    script = source_script(config.locale(config.source_language))
    result = ImportResult()
    assert config.file is not None
    with site_lock(config.file, on_wait, not dry_run), Transaction(dry_run, config.root) as transaction:
        pages = site_pages(config)
        settings = config.digest()
        work = [ImportJob(config, page, chosen, overwrite, dry_run, script, settings) for page in pages]
        catalogs = [config.catalog_path(p, lang) for p in pages for lang in chosen]
        check_inside(config.root, catalogs, "catalog")
        check_inside(
            config.root, [config.page_path(p, lang) for p in pages for lang in chosen], "translated page"
        )
        transaction.sweep_all(config.root, catalogs)
        for outcome in map_pages(import_page, work, jobs, with_progress(progress, pages)):
            result.pages.extend(outcome.reports)
            result.notices.extend(outcome.notices)
            for relative, temp, changed, read in outcome.staged:
                result.catalogs_changed += changed
                if temp is not None:
                    transaction.adopt(config.root / relative, temp, read)
    return result
