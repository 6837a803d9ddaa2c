"""``doctor``: do the config, the pages and the catalogs agree? ``--fix`` removes what is left over.

Left over when a page is deleted: its translated pages (built, or written by
hand before ``import``), its template, and its catalogs. ``fix`` removes the
templates, the catalogs that hold no translation, and the translated pages that
``build`` wrote (its cache says so) or whose translations are in a catalog. A
catalog that holds a translation, and a translated page that may be the only
copy of one (written by hand, never imported), are kept and named: no
translation is lost without the user deciding it (``git rm`` it).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from cheatl10n.config import Config
from cheatl10n.jobs.build import written_by_build
from cheatl10n.jobs.common import catalog_bytes, check_languages, load_catalog, matching_files, site_pages
from cheatl10n.po.read import parse_catalog
from cheatl10n.runtime.fsio import Transaction, site_lock
from cheatl10n.runtime.paths import check_inside


@dataclass(slots=True)
class Diagnosis:
    """What ``doctor`` found wrong with a site; empty lists mean healthy."""

    orphans: list[str] = field(default_factory=list)
    """Catalogs (and templates) whose page no longer exists."""
    leftover_pages: dict[str, str] = field(default_factory=dict)
    """Translated pages whose source page no longer exists, with the catalog of each."""
    without_catalog: list[str] = field(default_factory=list)
    """(lang, page) pairs with no catalog yet: ``extract`` was not run."""
    broken: list[str] = field(default_factory=list)
    """Catalogs that cannot be read, with the reason."""
    removed: list[str] = field(default_factory=list)
    """What ``fix`` removed."""
    kept: list[tuple[str, int]] = field(default_factory=list)
    """What ``fix`` kept: orphan catalogs with how many translations each holds, and
    translated pages build did not write (with 0)."""
    pages: int = 0
    catalogs: int = 0

    @property
    def healthy(self) -> bool:
        left = {*self.orphans, *self.leftover_pages} - set(self.removed)
        return not (left or self.without_catalog or self.broken)


def diagnose(config: Config, langs: Sequence[str]) -> Diagnosis:
    """Do the config, the pages and the catalogs agree? (``cheatl10n doctor``)."""
    from cheatl10n.errors import Cheatl10nError

    langs = check_languages(config, langs)
    result = Diagnosis()
    pages = site_pages(config)
    result.pages = len(pages)
    sources = {page.source for page in pages}
    for lang in langs:
        expected = {config.catalog_path(page, lang): page for page in pages}
        existing = set(matching_files(config, config.catalogs, lang))
        result.catalogs += len(existing)
        result.orphans.extend(sorted(existing - expected.keys()))
        result.without_catalog.extend(
            f"{lang}: {expected[path].source}" for path in sorted(expected.keys() - existing)
        )
        for path in sorted(existing & expected.keys()):
            try:
                load_catalog(config, path, lang)
            except Cheatl10nError as exc:
                result.broken.append(str(exc))
        result.leftover_pages.update(_leftover_pages(config, lang, sources))
    if config.templates is not None:
        expected_templates = {config.template_path(page) for page in pages}
        result.orphans.extend(sorted(set(matching_files(config, config.templates, "")) - expected_templates))
    return result


def _leftover_pages(config: Config, lang: str, sources: set[str]) -> dict[str, str]:
    """Pages of ``lang`` whose source page (the same fields in the source language) is gone,
    with the catalog that held their translations."""
    found = {}
    for path, fields in matching_files(config, config.pages, lang).items():
        source = config.source_path(fields)
        if source not in sources and not os.path.exists(config.root / source):
            found[path] = config.catalogs.format(lang, fields)
    return found


def fix(config: Config, found: Diagnosis) -> None:
    """Remove the leftover pages, orphan templates and orphan catalogs without a translation."""
    assert config.file is not None
    check_inside(config.root, [*found.leftover_pages, *found.orphans], "file to remove")
    with site_lock(config.file), Transaction(root=config.root) as transaction:
        for path, catalog in found.leftover_pages.items():
            if written_by_build(config.root, path) or os.path.isfile(config.root / catalog):
                transaction.remove(config.root / path)
                found.removed.append(path)
            else:
                found.kept.append((path, 0))  # may be a hand translation, never imported
        for path in found.orphans:
            held = _translations(config, path)
            if held:
                found.kept.append((path, held))
            else:
                transaction.remove(config.root / path)
                found.removed.append(path)


def _translations(config: Config, path: str) -> int:
    """How many translations (obsolete ones too) a catalog holds; a template holds none."""
    data = catalog_bytes(config, path)
    if data is None:
        return 0
    po = parse_catalog(data, config.root / path)
    return sum(1 for entry in po if entry.msgstr or any(entry.msgstr_plural.values()))
