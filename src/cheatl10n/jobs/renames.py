"""Pages that moved: ``extract`` finds them and moves their catalogs, template and translated pages.

A page moved when a page has no catalog and no template yet (it is new to
cheatl10n) while catalogs of a page that no longer exists (orphans) hold its
strings. Two anchors pair them, strongest first: git's rename detection, when
the site is a git checkout and the move is staged (``git mv``), and the
content: the share of the new page's strings (msgctxt, msgid) that the old
page's template or catalog holds, against every string of either
(``MATCH_THRESHOLD``). Each old page is paired with at most one new page, best
pairs first.

The moves are committed together (``runtime/fsio.Transaction``) before the
pages are merged; the merge then finds the catalogs at their new paths, and the
page digest (which holds the page's path) sends them through ``merge_catalog``,
which rewrites the ``#:`` references and the header's page name. A file is
never moved over an existing one. Shared catalogs are left out: a page moving
inside one only changes its references.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

from cheatl10n.config import Config, Page
from cheatl10n.errors import Cheatl10nError
from cheatl10n.jobs.common import catalog_bytes, load_segments, matching_files
from cheatl10n.po.read import parse_catalog
from cheatl10n.runtime.fsio import Transaction
from cheatl10n.runtime.paths import check_inside

MATCH_THRESHOLD = 0.5
"""Least share of common strings (Jaccard index) for a new page to take an old page's files."""

Key = tuple[str | None, str]


@dataclass(frozen=True, slots=True)
class Move:
    """One page that moved, and the files that follow it."""

    old: str
    """The page's old path (site-relative), gone from the disk."""
    new: str
    files: tuple[tuple[str, str], ...]
    """(from, to) for each catalog, the template and each translated page moved."""
    anchor: str
    """What paired them: ``git`` (a staged rename) or ``content`` (common strings)."""


def move_pages(config: Config, pages: list[Page], unknown: Iterable[str], dry_run: bool) -> list[Move]:
    """Find the pages among ``unknown`` (paths the last run's record does not vouch for) that
    moved, and move their files (unless ``dry_run``) in one transaction."""
    moves = find_moves(config, pages, set(unknown))
    check_inside(config.root, [path for move in moves for pair in move.files for path in pair], "moved file")
    if moves and not dry_run:
        with Transaction(root=config.root) as transaction:
            for move in moves:
                for old, new in move.files:
                    transaction.move(config.root / old, config.root / new)
    return moves


def find_moves(config: Config, pages: list[Page], unknown: set[str]) -> list[Move]:
    """The moves ``move_pages`` makes: new pages paired with orphan pages' files."""
    if config.shared_catalogs:
        return []
    fresh = [page for page in pages if page.source in unknown and not _has_files(config, page)]
    if not fresh:
        return []
    orphans = _orphan_pages(config, {page.source for page in pages})
    if not orphans:
        return []
    pairs = _git_pairs(config, fresh, orphans)
    left = [page for page in fresh if page.source not in pairs]
    taken = {old.source for old, _anchor in pairs.values()}
    candidates = [old for old in orphans if old.source not in taken]
    if left and candidates:
        pairs.update(_content_pairs(config, left, candidates))
    by_source = {page.source: page for page in fresh}
    moves = [
        Move(old.source, new, tuple(_files(config, old, by_source[new])), anchor)
        for new, (old, anchor) in sorted(pairs.items())
    ]
    return [move for move in moves if move.files]


def _outputs(config: Config, page: Page) -> list[str]:
    """The files extract keeps for a page: its catalogs, then its template."""
    found = [config.catalog_path(page, lang) for lang in config.languages]
    template = config.template_path(page)
    return found + ([template] if template else [])


def _has_files(config: Config, page: Page) -> bool:
    return any(os.path.exists(config.root / path) for path in _outputs(config, page))


def _orphan_pages(config: Config, present: set[str]) -> list[Page]:
    """Pages that have catalogs or a template but are gone, in path order."""
    found: dict[str, Page] = {}
    patterns = [(config.catalogs, lang) for lang in config.languages]
    patterns += [(config.templates, "")] if config.templates is not None else []
    for pattern, lang in patterns:
        for fields in matching_files(config, pattern, lang).values():
            if not set(config.pages.fields) - {"lang"} <= fields.keys():
                continue  # a template pattern may name fewer fields: no page to rebuild
            source = config.source_path(fields)
            if source not in present and not os.path.exists(config.root / source):
                found.setdefault(source, Page(source, tuple(sorted(fields.items()))))
    return [found[source] for source in sorted(found)]


def _files(config: Config, old: Page, new: Page) -> list[tuple[str, str]]:
    """What moves from ``old`` to ``new``: files that exist at the old path and not at the new."""
    pairs = list(zip(_outputs(config, old), _outputs(config, new), strict=True))
    pairs += [(config.page_path(old, lang), config.page_path(new, lang)) for lang in config.languages]
    return [
        (before, after)
        for before, after in pairs
        if os.path.isfile(config.root / before) and not os.path.exists(config.root / after)
    ]


def _git_pairs(config: Config, fresh: list[Page], orphans: list[Page]) -> dict[str, tuple[Page, str]]:
    """New page -> (old page, "git") for the renames git has staged; empty outside a checkout."""
    renames = git_renames(config)
    old_pages = {page.source: page for page in orphans}
    return {
        page.source: (old_pages[renames[page.source]], "git")
        for page in fresh
        if renames.get(page.source) in old_pages
    }


def git_renames(config: Config) -> dict[str, str]:
    """Renames staged in git (``git mv``) under the site: new path -> old path, site-relative."""
    import subprocess  # loaded only when a page has no catalog and another catalog lost its page

    try:
        prefix = _git(config, "rev-parse", "--show-prefix").strip()
        listing = _git(config, "status", "--porcelain=v1", "-z", "-M", "--untracked-files=no", "--", ".")
    except (OSError, subprocess.CalledProcessError):
        return {}  # not a checkout, or no git
    fields = listing.split("\0")
    renames: dict[str, str] = {}
    index = 0
    while index < len(fields) and fields[index]:
        entry = fields[index]
        if entry[0] in "RC" and index + 1 < len(fields):  # "R  new", then the old path
            new, old = entry[3:], fields[index + 1]
            if new.startswith(prefix) and old.startswith(prefix):
                renames[new[len(prefix) :]] = old[len(prefix) :]
            index += 1
        index += 1
    return renames


def _git(config: Config, *args: str) -> str:
    import subprocess

    return subprocess.run(
        ["git", *args], cwd=config.root, capture_output=True, text=True, check=True, timeout=60
    ).stdout


def _content_pairs(config: Config, fresh: list[Page], orphans: list[Page]) -> dict[str, tuple[Page, str]]:
    """New page -> (old page, "content"), best matches first, each page used once."""
    new_keys = {
        page.source: {slot.key for slot in load_segments(config, page.source).slots} for page in fresh
    }
    old_keys = {page.source: _old_keys(config, page) for page in orphans}
    scored = sorted(
        (-_share(new_keys[new.source], old_keys[old.source]), new.source, old.source, old)
        for new in fresh
        for old in orphans
    )
    pairs: dict[str, tuple[Page, str]] = {}
    used: set[str] = set()
    for negative, new, old_source, old in scored:
        if -negative < MATCH_THRESHOLD:
            break
        if new not in pairs and old_source not in used:
            pairs[new] = (old, "content")
            used.add(old_source)
    return pairs


def _share(new: set[Key], old: set[Key]) -> float:
    return len(new & old) / len(new | old) if new | old else 0.0


def _old_keys(config: Config, page: Page) -> set[Key]:
    """The strings an orphan page had: from its template, else its first readable catalog."""
    for path in reversed(_outputs(config, page)):  # the template first
        data = catalog_bytes(config, path)
        if data is None:
            continue
        try:
            po = parse_catalog(data, config.root / path)
        except Cheatl10nError:
            continue  # an unreadable catalog pairs with nothing; doctor reports it
        return {(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete}
    return set()
