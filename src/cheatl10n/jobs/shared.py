"""Shared catalogs: which pages share a catalog, and when the last run's record vouches for them.

A ``catalogs`` pattern with fewer fields than ``pages`` maps several pages to one
catalog (``Config.shared_catalogs``). ``extract`` then works per catalog: the
pages of one catalog are read, segmented and merged together, and the record's
word that a page is unchanged counts only when it holds for every page of its
catalog and no page has left it.
"""

from __future__ import annotations

from cheatl10n.config import Config, Page
from cheatl10n.runtime.record import PageRecord, Record


def catalog_groups(config: Config, pages: list[Page]) -> list[tuple[Page, ...]]:
    """The pages of each catalog, in page order: one page each, unless catalogs are shared."""
    if not config.shared_catalogs:
        return [(page,) for page in pages]
    groups: dict[str, list[Page]] = {}
    for page in pages:
        groups.setdefault(config.catalogs.format("", page.field_map), []).append(page)
    return [tuple(group) for group in groups.values()]


def shared_known(
    groups: list[tuple[Page, ...]], known: dict[str, PageRecord], recorded: Record | None
) -> dict[str, PageRecord]:
    """The pages the record shows unchanged, kept only where every page of their shared catalog
    is, and the record lists no other page with it (a page removed from a catalog changes it)."""
    if recorded is None:
        return {}
    sharing: dict[str, int] = {}
    for page in recorded.pages:
        for path in dict.fromkeys(output[0] for output in page.outputs):
            sharing[path] = sharing.get(path, 0) + 1
    kept: dict[str, PageRecord] = {}
    for group in groups:
        records = [known[page.source] for page in group if page.source in known]
        if len(records) == len(group) and all(
            sharing.get(out[0]) == len(group) for out in records[0].outputs
        ):
            kept.update((record.source, record) for record in records)
    return kept
