"""``check``: every translation in the catalogs through the gate ``build`` applies, against its page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cheatl10n.config import Config
from cheatl10n.jobs.common import (
    Progress,
    check_languages,
    load_catalog,
    load_segments,
    shown,
    site_pages,
    with_progress,
)
from cheatl10n.jobs.report import first_use
from cheatl10n.model import Segments
from cheatl10n.translate.checks import CheckFinding, check_catalog


@dataclass(slots=True)
class CheckResult:
    findings: list[CheckFinding] = field(default_factory=list)
    catalogs: int = 0
    entries: int = 0

    @property
    def errors(self) -> int:
        """Translations with at least one error."""
        return len({(f.path, f.line) for f in self.findings if f.severity == "error"})


def check(
    config: Config,
    langs: Sequence[str],
    progress: Progress | None = None,
    only: Sequence[Path] = (),
    include_fuzzy: bool = False,
) -> CheckResult:
    """Check every translation in the catalogs of ``langs`` (only the ``only`` files, when given).

    Fuzzy entries are skipped unless ``include_fuzzy``: ``build`` never uses them and
    ``msgfmt -c`` skips them too, so a fuzzy suggestion is not yet anyone's translation.
    """
    wanted = {path.resolve() for path in only}
    langs = check_languages(config, langs)
    result = CheckResult()
    pages = site_pages(config)
    report = with_progress(progress, pages)
    seen: set[str] = set()
    known: set[CheckFinding] = set()  # a string on two pages sharing a catalog is reported once
    for done, page in enumerate(pages):
        if report:
            report(done)
        segments: Segments | None = None
        for lang in langs:
            relative = config.catalog_path(page, lang)
            first = first_use(seen, relative)  # a shared catalog is counted once, judged on each page
            if wanted and (config.root / relative).resolve() not in wanted:
                continue
            po = load_catalog(config, relative, lang)
            if po is None:
                continue
            if first:
                result.catalogs += 1
                result.entries += sum(
                    1
                    for entry in po
                    if entry.msgstr and not entry.obsolete and (include_fuzzy or not entry.fuzzy)
                )
            if segments is None:
                segments = load_segments(config, page.source)  # the page says what each string is
            findings = check_catalog(
                po, shown(config, relative), lang, segments, config.attributes, use_fuzzy=include_fuzzy
            ).findings
            for finding in findings:
                if finding not in known:
                    known.add(finding)
                    result.findings.append(finding)
    return result
