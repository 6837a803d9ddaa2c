"""What every site-level job shares: naming files, reading pages and catalogs, languages, progress."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import polib

from cheatl10n.config import Config, Page
from cheatl10n.errors import CatalogError, ConfigError, display_path
from cheatl10n.model import SegmentOptions, Segments
from cheatl10n.pages.source import decode_source, read_source
from cheatl10n.patterns import Pattern
from cheatl10n.po.read import parse_catalog
from cheatl10n.runtime.paths import check_inside
from cheatl10n.runtime.swap import Fingerprint, fingerprint_of

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
        code_strings=config.code_strings,
        code_output=config.code_output,
        code_cells=config.code_cells,
        dialect=config.dialect,
        parameters=config.shortcode_parameters,
    )


def matching_files(config: Config, pattern: Pattern, lang: str) -> dict[str, dict[str, str]]:
    """Files under the site that match ``pattern`` for ``lang``, with the fields each matched."""
    regex = pattern.regex(lang)
    base = config.root / pattern.static_prefix().replace("{lang}", lang)
    found: dict[str, dict[str, str]] = {}
    if base.is_dir():
        for path in sorted(base.rglob("*")):
            relative = path.relative_to(config.root).as_posix()
            match = regex.fullmatch(relative)
            if match and path.is_file():
                found[relative] = match.groupdict()
    return found


def load_segments(config: Config, relative: str) -> Segments:
    """Read and segment one page of the site (a source page or a translated one)."""
    from cheatl10n.pages.segment import segment_page  # the parsers load only when a page is read

    return segment_page(read_source(config.root / relative, shown(config, relative)), segment_options(config))


def segment_bytes(config: Config, relative: str, data: bytes) -> Segments:
    """Segment a page whose bytes the caller read already (to hash them, say)."""
    from cheatl10n.pages.segment import segment_page

    return segment_page(decode_source(data, shown(config, relative)), segment_options(config))


def site_pages(config: Config) -> list[Page]:
    """Every source page, checked against the config: a pattern that matches no page, or two
    pages that would write one catalog, are errors at the config's line (nothing runs)."""
    pages = list(config.discover())
    where = display_path(config.file) if config.file else None
    if not pages:
        key = "source_pages" if config.source_pages else "pages"
        raise ConfigError(
            f"{key} pattern {config.source_pattern.text!r} matches no {config.source_language!r} page "
            f"(looked under {config.source_pattern.static_prefix() or '.'}/)",
            where,
            config.line_of(key),
        )
    if not _shares_catalogs(config):
        _one_catalog_per_page(config, pages, where)
    return pages


def _shares_catalogs(config: Config) -> bool:
    """Whether the config asks for one catalog for several pages: its catalogs pattern leaves
    out a field of the pages pattern (docs/shared-catalogs.md). Otherwise two pages mapped to
    one catalog are an error."""
    return config.shared_catalogs


def _one_catalog_per_page(config: Config, pages: Sequence[Page], where: str | None) -> None:
    owner: dict[str, str] = {}
    for page in pages:
        catalog = config.catalog_path(page, "{lang}")
        first = owner.setdefault(catalog, page.source)
        if first != page.source:
            missing = sorted(set(config.pages.fields) - set(config.catalogs.fields) - {"lang"})
            hint = f"; add {{{missing[0]}}} to it" if missing else ""
            raise ConfigError(
                f"catalogs pattern maps {first} and {page.source} to one catalog {catalog}{hint}",
                where,
                config.line_of("catalogs"),
            )


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


def load_catalog(config: Config, relative: str, lang: str) -> polib.POFile | None:
    """A page's catalog for ``lang``, checked against the language; None when there is none yet."""
    return checked_catalog(config, relative, lang, catalog_bytes(config, relative))


def catalog_bytes(config: Config, relative: str) -> bytes | None:
    """The bytes of a catalog, or None when there is none yet."""
    return catalog_read(config, relative)[0]


def catalog_read(config: Config, relative: str) -> tuple[bytes | None, Fingerprint | None]:
    """A catalog's bytes and their fingerprint (``runtime/swap.py``); None, None when there is none yet.

    A catalog that is a link out of the site is refused here too, for the commands
    (``check``, ``status``) that do not check all their files first (``runtime/paths.py``).
    """
    if os.path.islink(config.root / relative):
        check_inside(config.root, [relative], "catalog", None)
    try:
        with open(config.root / relative, "rb") as handle:
            status = os.fstat(handle.fileno())
            data = handle.read()
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        raise CatalogError(f"cannot read catalog: {exc.strerror}", shown(config, relative)) from exc
    return data, fingerprint_of(status, data)


def checked_catalog(config: Config, relative: str, lang: str, data: bytes | None) -> polib.POFile | None:
    """The catalog ``data`` read from ``relative`` (None: there is none yet), checked against the language."""
    if data is None:
        return None
    return parse_catalog(data, shown(config, relative))


def with_progress(progress: Progress | None, pages: Sequence[Page]) -> Callable[[int], None] | None:
    if progress is None:
        return None
    return lambda done: progress(done, len(pages), pages[done].source)
