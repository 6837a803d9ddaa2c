"""Translation memory for ``extract``: fill the entries a run created from exact translations elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

import polib

from cheatl10n.config import Config
from cheatl10n.jobs.common import shown
from cheatl10n.jobs.outcome import PageExtract
from cheatl10n.jobs.unchanged import BLANK_DIGEST, DIGEST_HEADER, stamp
from cheatl10n.po.memory import fill_from_memory, read_memory
from cheatl10n.po.read import parse_catalog
from cheatl10n.po.write import dump_po
from cheatl10n.runtime.fsio import Transaction


def memory_languages(config: Config, langs: tuple[str, ...], catalogs: list[str]) -> tuple[str, ...]:
    """The languages of which some catalog exists before the run (``catalogs``: every catalog
    path of the run, languages in turn): only there can translation memory find a translation.
    A first extract of a language sends no new keys back from the workers (on the corpus, 14%
    of a cold extract's time went to that)."""
    return tuple(
        lang
        for lang in langs
        if any(os.path.exists(config.root / path) for path in catalogs[langs.index(lang) :: len(langs)])
    )


def apply_memory(config: Config, transaction: Transaction, outcomes: list[PageExtract]) -> int:
    """Fill entries this run created from exact translations in other catalogs of the same language."""
    hits = 0
    for lang in dict.fromkeys(c.lang for o in outcomes for c in o.catalogs):
        wanted = {key for o in outcomes for c in o.catalogs if c.lang == lang for key in c.new_keys}
        if not wanted:
            continue
        sources = [
            (c.path, c.temp or config.root / c.path)
            for o in outcomes
            for c in o.catalogs
            if c.lang == lang and c.translated is not False  # None: not read, may hold some
        ]
        if not sources:
            continue  # nothing of this language is translated yet
        found = read_memory(sources, wanted, lambda file, path: _parse(config, file, path))
        for outcome in outcomes:
            for catalog in outcome.catalogs:
                if catalog.lang == lang and catalog.temp is not None and set(catalog.new_keys) & found.keys():
                    po = _parse(config, catalog.temp, catalog.path)
                    filled = fill_from_memory(
                        po, found, catalog.path, set(catalog.new_keys), config.catalogs.text, lang
                    )
                    if filled:
                        hits += filled
                        page = po.metadata[DIGEST_HEADER].split()[0]
                        po.metadata[DIGEST_HEADER] = f"{page} {BLANK_DIGEST.decode()}"
                        transaction.stage(config.root / catalog.path, stamp(dump_po(po), page))
    return hits


def _parse(config: Config, file: Path, relative: str) -> polib.POFile:
    return parse_catalog(file.read_bytes(), shown(config, relative))
