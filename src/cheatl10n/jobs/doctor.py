"""``doctor``: do the config, the pages and the catalogs agree?"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from cheatl10n.config import Config
from cheatl10n.jobs.common import check_languages, load_catalog, site_pages


@dataclass(slots=True)
class Diagnosis:
    """What ``doctor`` found wrong with a site; empty lists mean healthy."""

    orphans: list[str] = field(default_factory=list)
    """Catalogs (and templates) whose page no longer exists."""
    without_catalog: list[str] = field(default_factory=list)
    """(lang, page) pairs with no catalog yet: ``extract`` was not run."""
    broken: list[str] = field(default_factory=list)
    """Catalogs that cannot be read, with the reason."""
    pages: int = 0
    catalogs: int = 0

    @property
    def healthy(self) -> bool:
        return not (self.orphans or self.without_catalog or self.broken)


def _existing(config: Config, pattern_text: str, lang: str) -> set[str]:
    """Files under the site that match a path pattern for ``lang``."""
    from cheatl10n.config import Pattern

    pattern = Pattern(pattern_text)
    regex = pattern.regex(lang)
    base = config.root / pattern.static_prefix().replace("{lang}", lang)
    found = set()
    if base.is_dir():
        for path in sorted(base.rglob("*")):
            relative = path.relative_to(config.root).as_posix()
            if path.is_file() and regex.fullmatch(relative):
                found.add(relative)
    return found


def diagnose(config: Config, langs: Sequence[str]) -> Diagnosis:
    """Do the config, the pages and the catalogs agree? (``cheatl10n doctor``)."""
    from cheatl10n.errors import Cheatl10nError

    langs = check_languages(config, langs)
    result = Diagnosis()
    pages = site_pages(config)
    result.pages = len(pages)
    for lang in langs:
        expected = {config.catalog_path(page, lang): page for page in pages}
        existing = _existing(config, config.catalogs.text, lang)
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
    if config.templates is not None:
        expected_templates = {config.template_path(page) for page in pages}
        result.orphans.extend(sorted(_existing(config, config.templates.text, "") - expected_templates))
    return result
