"""``extract``: pages into catalogs, page by page.

Each page is read, segmented and merged into its catalog for every language
(per worker with ``--jobs``); every write is staged in one transaction and
committed only when the whole run succeeded. Pages with nothing to do are
skipped as ``jobs/unchanged.py`` decides. Nothing here prints: results come
back as dataclasses.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import cache

from cheatl10n.config import Config, Page
from cheatl10n.errors import ConfigError, SourceError
from cheatl10n.jobs.common import (
    Progress,
    catalog_read,
    check_languages,
    checked_catalog,
    segment_bytes,
    shown,
    site_pages,
    with_progress,
)
from cheatl10n.jobs.memory import apply_memory, memory_languages
from cheatl10n.jobs.outcome import CatalogOutcome, ExtractJob, ExtractResult, PageExtract
from cheatl10n.jobs.renames import move_pages
from cheatl10n.jobs.shared import catalog_groups, shared_known
from cheatl10n.jobs.unchanged import BLANK_DIGEST, DIGEST_HEADER, group_digest, page_is_current, stamp
from cheatl10n.model import LANGUAGE_ONLY_CONTEXT, LAYOUT_CONTEXT, Notice
from cheatl10n.patterns import PSEUDO_LANGUAGES
from cheatl10n.po.merge import (
    Message,
    catalog_apart,
    combine_messages,
    merge_catalog,
    page_messages,
    template_catalog,
)
from cheatl10n.po.read import check_catalog_lines
from cheatl10n.po.write import dump_po, format_entries
from cheatl10n.runtime.fsio import (
    Transaction,
    make_cache_folder,
    prepare,
    probe_writable,
    site_lock,
    write_atomic,
)
from cheatl10n.runtime.parallel import map_pages
from cheatl10n.runtime.paths import check_inside
from cheatl10n.runtime.record import (
    RECORD,
    PageRecord,
    Record,
    Request,
    Signature,
    config_digest,
    encode_record,
    listing_digest,
    page_digest,
    parser_files,
    read_record,
    signature,
    stat_signature,
)
from cheatl10n.runtime.swap import Fingerprint
from cheatl10n.translate.pseudo import pseudo_translate

WORKER_MODULES = ("cheatl10n.pages.segment", "babel.messages.plurals")
"""What ``extract_page`` loads on first use (the segmenter; babel's plural table, for new
headers). A pool started early (``cli/main.py``) loads them while the command line loads."""


def _read_page(config: Config, page: Page) -> tuple[bytes, Signature]:
    """The page's bytes, and its signature taken before they were read."""
    file = config.root / page.source
    try:
        with open(file, "rb") as handle:
            status = os.fstat(handle.fileno())
            return handle.read(), signature(status)
    except OSError as exc:
        raise SourceError(f"cannot read page: {exc.strerror}", shown(config, page.source)) from exc


def _members(
    job: ExtractJob,
    read: list[tuple[bytes, Signature]],
    digests: list[str],
    outcomes: tuple[CatalogOutcome, ...],
    notices: tuple[Notice, ...],
    parsed: bool,
) -> list[PageExtract]:
    """One outcome per page of the job; the first carries the catalogs' outcomes and notices."""
    return [
        PageExtract(
            page.source,
            outcomes,
            notices if index == 0 else (),
            parsed,
            digest,
            status,
            index == 0,
        )
        for index, (page, (_data, status), digest) in enumerate(zip(job.pages, read, digests, strict=True))
    ]


def extract_page(job: ExtractJob) -> list[PageExtract]:
    """Merge one catalog's pages into it; the new contents are staged as temp files (one worker's job)."""
    config, lead = job.config, job.pages[0]
    read = [_read_page(config, page) for page in job.pages]
    digests = [
        page_digest(job.settings, data, page.source) for page, (data, _) in zip(job.pages, read, strict=True)
    ]
    digest = group_digest(digests)
    paths = [(lang, config.catalog_path(lead, lang)) for lang in job.langs]
    template = None if job.pseudo else config.template_path(lead)
    # Each catalog is read once: for the digest in its header, then, if the page changed, to merge.
    reads = {path: catalog_read(config, path) for _lang, path in paths}
    existing = {path: held for path, (held, _read) in reads.items()}
    unchanged = not job.reparse and page_is_current(digest, [existing[path] for _lang, path in paths])
    if job.keep_obsolete and unchanged and (template is None or (config.root / template).is_file()):
        for path, held in existing.items():  # the lines translators own, which the digests leave out
            if held is not None:
                check_catalog_lines(held, shown(config, path))
        kept = [CatalogOutcome(lang, path, False) for lang, path in paths]
        kept += [CatalogOutcome("", template, False)] if template is not None else []
        return _members(job, read, digests, tuple(kept), (), False)
    segmented = [
        segment_bytes(config, page.source, data)
        for page, (data, _status) in zip(job.pages, read, strict=True)
    ]
    messages = combine_messages(
        page_messages(segments, page.source) for page, segments in zip(job.pages, segmented, strict=True)
    )
    label = config.catalog_label(job.pages)
    keys = frozenset(key for segments in segmented if segments.meta for key in segments.meta.keys)

    def apart(keys: set[tuple[str | None, str]]) -> list[Message]:
        """The messages with an entry of its own for each occurrence the catalog translates apart."""
        return combine_messages(
            page_messages(segments, page.source, keys)
            for page, segments in zip(job.pages, segmented, strict=True)
        )

    @cache
    def template_entries() -> str:
        """The entries of the page's template, which are also those of every new catalog."""
        return format_entries(template_catalog(messages, config.project, label))

    outcomes = [
        _catalog_outcome(
            job, lang, path, reads[path], (messages, apart, template_entries), (digest, label), keys
        )
        for lang, path in paths
    ]
    if template is not None:
        outcomes.append(_template_outcome(job, template, label, template_entries()))
    notices = tuple(notice for segments in segmented for notice in segments.notices)
    return _members(job, read, digests, tuple(outcomes), notices, True)


def _catalog_outcome(
    job: ExtractJob,
    lang: str,
    path: str,
    found: tuple[bytes | None, Fingerprint | None],
    grouped: tuple[list[Message], Callable[[set[tuple[str | None, str]]], list[Message]], Callable[[], str]],
    named: tuple[str, str],
    source_keys: frozenset[str],
) -> CatalogOutcome:
    """Merge the messages into one language's catalog and stage it if it changed.

    ``found`` is the catalog as read (bytes, fingerprint); ``grouped`` the pages' messages,
    how to get them with an entry of its own for some occurrences, and the text of the
    template's entries (a new catalog holds just those, so they are formatted once for the
    page and its languages: about 5% of a cold extract's CPU); ``named`` the digest and the
    label of the catalog's pages; ``source_keys`` their
    frontmatter keys (a key only the translation has is kept while they lack it).
    """
    config = job.config
    digest, label = named
    data, fingerprint = found
    old = checked_catalog(config, path, lang, data)
    messages, apart, template_entries = grouped
    fresh = old is None and not job.pseudo  # merging into nothing gives the template's entries
    occurrences = catalog_apart(old)  # strings translated two ways, blocks laid out anew
    po = merge_catalog(
        old,
        () if fresh else apart(occurrences) if occurrences else messages,
        config.locale(lang),
        config.project,
        label,
        job.keep_obsolete,
        config.fuzzy_threshold,
        source_keys,
    )
    po.metadata["Language"] = lang.replace("-", "_")
    po.metadata[DIGEST_HEADER] = f"{digest} {BLANK_DIGEST.decode()}"
    if job.pseudo:
        for entry in po:
            if entry.msgctxt in (LANGUAGE_ONLY_CONTEXT, LAYOUT_CONTEXT):
                continue
            entry.msgstr, entry.flags, entry.previous_msgid = pseudo_translate(entry.msgid, lang), [], None
    new_keys: tuple[tuple[str | None, str], ...] = ()
    if lang in job.memory_langs and fresh:
        new_keys = tuple(message.key for message in messages)
    elif lang in job.memory_langs:
        known = {(e.msgctxt, e.msgid) for e in old} if old is not None else set()
        new_keys = tuple(
            (e.msgctxt, e.msgid)
            for e in po
            if not e.obsolete and not e.msgstr and (e.msgctxt, e.msgid) not in known
        )
    translated = any(e.msgstr and not e.fuzzy and not e.obsolete for e in po)
    encoded = stamp(dump_po(po, template_entries() if fresh else None), digest)
    changed, temp, read = prepare(config.root / path, encoded, job.dry_run, fingerprint)
    return CatalogOutcome(lang, path, changed, temp, new_keys, translated, read)


def _template_outcome(job: ExtractJob, template: str, label: str, entries: str) -> CatalogOutcome:
    encoded = dump_po(template_catalog((), job.config.project, label), entries)
    target = job.config.root / template
    changed, temp, read = prepare(target, encoded, job.dry_run)
    return CatalogOutcome("", template, changed, temp, translated=False, read=read)


def extract(
    config: Config,
    langs: Sequence[str],
    keep_obsolete: bool = True,
    dry_run: bool = False,
    memory: bool = True,
    jobs: int | None = None,
    progress: Progress | None = None,
    on_wait: Callable[[], None] | None = None,
    pseudo: bool = False,
    surveyed: tuple[Record, dict[str, PageRecord]] | None = None,
) -> ExtractResult:
    """Write or update every page's catalog for each of ``langs``.

    With ``pseudo``, ``langs`` must be pseudo-locales (``en-XA``), whose every
    entry is filled with its pseudo-translation. ``surveyed`` is what
    ``runtime.record.survey`` found for the config's languages just before: used if no
    run has written the record since.
    """
    chosen = tuple(check_languages(config, langs))
    if pseudo:
        real = [lang for lang in chosen if lang.replace("_", "-") not in PSEUDO_LANGUAGES]
        if real:
            raise ConfigError(
                f"{real[0]!r} is a real language: pseudo-translations only go to "
                f"{', '.join(sorted(PSEUDO_LANGUAGES))}"
            )
    result = ExtractResult()
    assert config.file is not None
    with site_lock(config.file, on_wait, not dry_run):
        config_hash = config_digest(config.file)
        base = config.source_pattern.static_prefix()
        request = Request(chosen, keep_obsolete)
        reparse = False
        if (
            surveyed is not None
            and surveyed[0].is_current(config.root)
            and surveyed[0].fits(config_hash, request)
        ):
            recorded: Record | None = surveyed[0]
            known = surveyed[1]
            listing: str | None = surveyed[0].listing  # the survey found it unchanged
        else:
            recorded = None if pseudo else read_record(config.root)
            reparse = recorded is not None and not recorded.parsers_unchanged()
            known = (
                recorded.unchanged(config.root)
                if recorded is not None and not reparse and recorded.fits(config_hash, request)
                else {}
            )
            # Listed before the pages are found: a page added during the run changes the
            # listing the next run sees, so the record never vouches for a page it missed.
            listing = listing_digest(config.root, base) if base and not dry_run and not pseudo else None
        with Transaction(dry_run, config.root) as transaction:
            pages = site_pages(config)
            if not pseudo:
                unknown = (page.source for page in pages if page.source not in known)
                result.moves = move_pages(config, pages, unknown, dry_run)
                if result.moves and not dry_run:
                    listing = None  # translated pages moved: the next run lists the folders again
            groups = catalog_groups(config, pages)
            if config.shared_catalogs:
                known = shared_known(groups, known, recorded)
            settings = config.digest()
            catalogs = [config.catalog_path(group[0], lang) for group in groups for lang in chosen]
            donors = (
                memory_languages(config, chosen, catalogs) if memory and not dry_run and not pseudo else ()
            )
            work = [
                ExtractJob(config, group, chosen, keep_obsolete, dry_run, settings, pseudo, reparse, donors)
                for group in groups
                if group[0].source not in known
            ]
            # Before any worker writes: temp files a killed run left are removed.
            templates = [t for group in groups if (t := config.template_path(group[0]))]
            check_inside(config.root, catalogs + templates, "catalog or template")
            transaction.sweep_all(config.root, catalogs + templates)
            done = map_pages(
                extract_page, work, jobs, with_progress(progress, [job.pages[0] for job in work])
            )
            outcomes = [
                outcome
                for group in groups
                for outcome in (
                    [_unchanged(known[page.source], chosen, page is group[0]) for page in group]
                    if group[0].source in known
                    else next(done)
                )
            ]
            for outcome in outcomes:
                _record(config, transaction, outcome, result)
            if memory and not dry_run and not pseudo:
                result.memory_hits = apply_memory(config, transaction, [o for o in outcomes if o.lead])
            if not dry_run and not pseudo and config_hash is not None:
                probe_writable(make_cache_folder(config.root))  # the record is written after the files
        if not dry_run and not pseudo and config_hash is not None:
            _save_record(config, config_hash, settings, chosen, keep_obsolete, base, listing, outcomes)
    return result


def _unchanged(page: PageRecord, langs: tuple[str, ...], lead: bool = True) -> PageExtract:
    """The outcome of a page the record shows unchanged: nothing read, nothing written."""
    labels = [*langs, ""]  # its catalogs in language order, then its template
    catalogs = tuple(
        CatalogOutcome(lang, path, False, translated=held, signature=sig)
        for lang, (path, sig, held) in zip(labels, page.outputs, strict=False)
    )
    return PageExtract(page.source, catalogs, (), False, page.digest, page.signature, lead)


def _save_record(
    config: Config,
    config_hash: str,
    settings: str,
    langs: tuple[str, ...],
    keep_obsolete: bool,
    base: str,
    listing: str | None,
    outcomes: list[PageExtract],
) -> None:
    """Write ``.cheatl10n/extract.record`` after the run's files are in place (see ``runtime/record.py``)."""
    root = str(config.root)
    pages = [
        PageRecord(
            outcome.source,
            outcome.digest,
            outcome.signature,
            tuple(
                (c.path, c.signature or stat_signature(os.path.join(root, c.path)), c.translated)
                for c in outcome.catalogs
            ),
        )
        for outcome in outcomes
    ]
    data = encode_record(
        config_hash,
        settings,
        langs,
        langs == config.languages,
        keep_obsolete,
        base,
        listing or "",
        pages,
        parser_files(),
    )
    if data is None:
        (config.root / RECORD).unlink(missing_ok=True)
        return
    make_cache_folder(config.root)
    write_atomic(config.root / RECORD, data, always=True)


def _record(config: Config, transaction: Transaction, outcome: PageExtract, result: ExtractResult) -> None:
    result.pages += 1
    result.parsed += outcome.parsed
    result.notices.extend(outcome.notices)
    if not outcome.lead:
        return  # a shared catalog: its first page's outcome holds it
    for catalog in outcome.catalogs:
        result.catalogs.append(catalog)
        if catalog.temp is not None:
            transaction.adopt(config.root / catalog.path, catalog.temp, catalog.read)
