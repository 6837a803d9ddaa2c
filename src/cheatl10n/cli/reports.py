"""What ``build`` and ``import`` print: per-page lines, totals, and the exit-3 verdict."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cheatl10n.cli.options import State
from cheatl10n.cli.plural import plural
from cheatl10n.errors import StaleError, display_path

if TYPE_CHECKING:
    from cheatl10n.config import Config
    from cheatl10n.jobs.build import BuildResult, PageBuild
    from cheatl10n.jobs.importing import ImportResult
    from cheatl10n.jobs.pairing import PageImport


def build_report(
    state: State,
    config: Config,
    result: BuildResult,
    chosen: Sequence[str],
    fail_on: list[str],
    output_format: str,
) -> None:
    """Findings, stale pages, a line per language; ``StaleError`` (exit 3) on --fail-on or failed checks."""
    for notice in result.notices:
        state.finding(notice.path, notice.line, "warning", notice.message, output_format)
    for finding in result.findings:
        state.finding(finding.path, finding.line, finding.severity, finding.message, output_format)
    refused = [item for item in result.pages if item.refused is not None]
    for item in refused:
        assert item.refused is not None
        page = Path(display_path(result.target_root / item.output))
        message = f"left as it is: {item.refused.reason}; import keeps its edits, --force replaces it"
        state.finding(page, item.refused.line, "error", message, output_format)
    if output_format == "github":
        annotate_stale(state, config, result.pages, fail_on)
    for item in result.pages:
        if state.verbose:
            state.say(f"{item.output}: {item.counts.describe()}")
        elif item.counts.stale():
            state.say(f"{item.output}: {item.counts.stale_summary()}")
    for lang in chosen:
        total = result.total(lang)
        pages = sum(1 for item in result.pages if item.lang == lang)
        written = sum(1 for item in result.pages if item.lang == lang and item.changed)
        state.say(f"{lang}: {plural(pages, 'page')} ({written} written), {total.describe()}")
    total = result.total()
    failing = [f"{getattr(total, kind)} {kind}" for kind in fail_on if getattr(total, kind)]
    suffix = f" (--fail-on {','.join(fail_on)})" if failing else ""
    if result.errors:
        its, were = ("its", "was") if result.errors == 1 else ("their", "were")
        failed = f"{plural(result.errors, 'translation')} failed {its} checks"
        failing.insert(0, f"{failed} and {were} built from the source text")
    if refused:
        left = "it is" if len(refused) == 1 else "they are"
        failing.insert(0, f"{plural(len(refused), 'page')} left as {left} (see above)")
    if failing:
        raise StaleError("; ".join(failing) + suffix)


def annotate_stale(state: State, config: Config, pages: Sequence[PageBuild], fail_on: Sequence[str]) -> None:
    """A GitHub annotation for every string with work left, at its catalog line (a missing
    string, which has no entry yet, at its page line): an error for the kinds of
    ``--fail-on``, a notice for the others."""
    from cheatl10n.jobs.common import shown

    for item in pages:
        for stale in item.stale:
            path = shown(config, item.source if stale.in_page else item.catalog)
            text = " ".join(stale.msgid.split())
            text = text if len(text) <= 70 else text[:69] + "…"
            severity = "error" if stale.kind in fail_on else "notice"
            state.finding(path, stale.line, severity, f"{stale.kind} ({item.lang}): {text}", "github")


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
        f"{plural(len(done), 'page')} imported, {reproduced} reproduced by build, "
        f"{plural(sum(p.imported for p in done), 'string')} imported, {sum(p.fuzzy for p in done)} fuzzy, "
        f"{sum(p.unpaired_source for p in done)} unpaired in the source, "
        f"{sum(p.unpaired_translated for p in done)} in the translations; "
        f"{plural(result.catalogs_changed, 'catalog')} {verb}"
    )
    if result.reported:
        left = len(done) - reproduced
        are = "is" if left == 1 else "are"
        raise StaleError(f"{plural(left, 'page')} {are} not reproduced exactly; see the report above")


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
