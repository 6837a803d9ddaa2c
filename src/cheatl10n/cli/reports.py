"""What ``build`` and ``import`` print: per-page lines, totals, and the exit-3 verdict."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from cheatl10n.cli.options import State
from cheatl10n.errors import StaleError

if TYPE_CHECKING:
    from cheatl10n.jobs.build import BuildResult
    from cheatl10n.jobs.importing import ImportResult
    from cheatl10n.jobs.pairing import PageImport


def build_report(
    state: State, result: BuildResult, chosen: Sequence[str], fail_on: list[str], output_format: str
) -> None:
    """Findings, stale pages, a line per language; ``StaleError`` (exit 3) on --fail-on or failed checks."""
    for notice in result.notices:
        state.finding(notice.path, notice.line, "warning", notice.message, output_format)
    for finding in result.findings:
        state.finding(finding.path, finding.line, finding.severity, finding.message, output_format)
    for item in result.pages:
        if state.verbose:
            state.say(f"{item.output}: {item.counts.describe()}")
        elif item.counts.stale():
            state.say(f"{item.output}: {item.counts.stale_summary()}")
    for lang in chosen:
        total = result.total(lang)
        pages = sum(1 for item in result.pages if item.lang == lang)
        written = sum(1 for item in result.pages if item.lang == lang and item.changed)
        state.say(f"{lang}: {pages} pages ({written} written), {total.describe()}")
    total = result.total()
    failing = [f"{getattr(total, kind)} {kind}" for kind in fail_on if getattr(total, kind)]
    suffix = f" (--fail-on {','.join(fail_on)})" if failing else ""
    if result.errors:
        failing.insert(
            0, f"{result.errors} translations failed their checks and were built from the source text"
        )
    if failing:
        raise StaleError("; ".join(failing) + suffix)


def import_report(state: State, result: ImportResult, dry_run: bool) -> None:
    """Each page's pairing, the totals; ``StaleError`` (exit 3) when a page is not reproduced."""
    for notice in result.notices:
        state.finding(notice.path, notice.line, "warning", notice.message)
    for page in result.pages:
        _import_page(state, page)
    done = [page for page in result.pages if not page.missing_page]
    reproduced = sum(1 for page in done if page.reproduced)
    verb = "would change" if dry_run else "changed"
    state.say(
        f"{len(done)} pages imported, {reproduced} reproduced by build, "
        f"{sum(p.imported for p in done)} strings imported, {sum(p.fuzzy for p in done)} fuzzy, "
        f"{sum(p.unpaired_source for p in done)} unpaired in the source, "
        f"{sum(p.unpaired_translated for p in done)} in the translations; "
        f"{result.catalogs_changed} catalogs {verb}"
    )
    if result.reported:
        raise StaleError(f"{len(done) - reproduced} pages are not reproduced exactly; see the report above")


def _import_page(state: State, page: PageImport) -> None:
    if page.missing_page:
        if state.verbose:
            state.say(f"{page.translated}: no translated page")
        return
    outcome = "reproduced" if page.reproduced else f"not reproduced ({page.difference or 'see below'})"
    counts = (
        f"{page.paired} paired, {page.imported} imported, {page.fuzzy} fuzzy, {page.kept} kept, "
        f"{page.identical} identical"
    )
    if state.verbose or page.findings or not page.reproduced:
        state.say(f"{page.translated}: {counts}; {outcome}")
    for finding in page.findings:
        state.say(
            f"  {page.source}:{finding.source_line}: {page.translated}:{finding.translated_line}: "
            f"{finding.message}"
        )
