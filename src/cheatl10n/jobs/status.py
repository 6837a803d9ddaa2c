"""``status``: per page and language, how many strings are translated, fuzzy, untranslated, missing."""

from __future__ import annotations

from collections.abc import Sequence

import polib

from cheatl10n.config import Config
from cheatl10n.jobs.common import (
    Progress,
    check_languages,
    load_catalog,
    load_segments,
    site_pages,
    with_progress,
)
from cheatl10n.jobs.report import PageStatus, page_strings


def status(config: Config, langs: Sequence[str], progress: Progress | None = None) -> list[PageStatus]:
    """Counts per page and language, from the pages as they are now."""
    langs = check_languages(config, langs)
    found = []
    pages = site_pages(config)
    report = with_progress(progress, pages)
    catalogs: dict[str, polib.POFile | None] = {}  # a shared catalog is read once
    for done, page in enumerate(pages):
        if report:
            report(done)
        segments = load_segments(config, page.source)
        for lang in langs:
            relative = config.catalog_path(page, lang)
            first = relative not in catalogs
            if first:
                catalogs[relative] = load_catalog(config, relative, lang)
            po = catalogs[relative]
            counts, stale = page_strings(segments, po)
            if not first:
                counts.obsolete = 0  # a shared catalog's obsolete entries count at its first page
            found.append(PageStatus(lang, page.source, relative, counts, tuple(stale)))
    return found
