"""The Python API: a site, and the jobs the command line runs on it.

>>> from cheatl10n import Site          # doctest: +SKIP
>>> site = Site.open("path/to/site")    # doctest: +SKIP
>>> site.extract().changed              # doctest: +SKIP
['locales/ru/builtin/iter.po']
>>> site.build("ru").total("ru").percent()  # doctest: +SKIP
87.5

Every method returns the same result objects the command line prints, and
raises ``cheatl10n.errors.Cheatl10nError`` subclasses on bad input.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cheatl10n.config import CONFIG_NAME, Config, find_config, load_config
from cheatl10n.jobs import build as building
from cheatl10n.jobs import check as check_job
from cheatl10n.jobs import extract as extract_job
from cheatl10n.jobs import importing, status
from cheatl10n.jobs.outcome import ExtractResult
from cheatl10n.jobs.report import PageStatus


@dataclass(frozen=True, slots=True)
class Site:
    """A site: its ``cheatl10n.toml`` settings."""

    config: Config

    @classmethod
    def open(cls, path: str | Path = ".") -> Site:
        """The site whose ``cheatl10n.toml`` is ``path``, is in ``path``, or is above it."""
        where = Path(path)
        if where.is_file():
            return cls(load_config(where))
        if (where / CONFIG_NAME).is_file():
            return cls(load_config(where / CONFIG_NAME))
        return cls(load_config(find_config(where.resolve())))

    @property
    def root(self) -> Path:
        return self.config.root

    def _langs(self, langs: Sequence[str] | str | None) -> list[str]:
        if langs is None:
            return list(self.config.languages)
        return [langs] if isinstance(langs, str) else list(langs)

    def extract(
        self, langs: Sequence[str] | str | None = None, *, dry_run: bool = False, memory: bool = True
    ) -> ExtractResult:
        """Update the catalogs of ``langs`` (default: every configured language)."""
        return extract_job.extract(self.config, self._langs(langs), dry_run=dry_run, memory=memory)

    def build(
        self, langs: Sequence[str] | str | None = None, *, out: Path | None = None, use_fuzzy: bool = False
    ) -> building.BuildResult:
        """Write the translated pages of ``langs``."""
        return building.build(self.config, self._langs(langs), out=out, use_fuzzy=use_fuzzy)

    def import_translations(
        self, langs: Sequence[str] | str | None = None, *, overwrite: bool = False, dry_run: bool = False
    ) -> importing.ImportResult:
        """Fill the catalogs from the existing translated pages."""
        return importing.import_translations(
            self.config, self._langs(langs), overwrite=overwrite, dry_run=dry_run
        )

    def check(self, langs: Sequence[str] | str | None = None) -> check_job.CheckResult:
        """Check every translation's markup."""
        return check_job.check(self.config, self._langs(langs))

    def status(self, langs: Sequence[str] | str | None = None) -> list[PageStatus]:
        """Counts per page and language."""
        return status.status(self.config, self._langs(langs))
