"""The commands that read and report, writing no catalog: ``check``, ``doctor``, ``status``.

``cli/commands.py`` adds them to the ``cheatl10n`` group.
"""

from __future__ import annotations

from pathlib import Path

import click

from cheatl10n.cli.options import State, chosen_langs, format_option, lang_option
from cheatl10n.cli.plural import plural
from cheatl10n.errors import StaleError


@click.command()
@lang_option
@format_option
@click.option(
    "--include-fuzzy",
    is_flag=True,
    help="Check fuzzy translations too (build never uses them, and msgfmt -c skips them).",
)
@click.argument("catalogs", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def check(
    state: State,
    langs: tuple[list[str], ...],
    output_format: str,
    include_fuzzy: bool,
    catalogs: tuple[Path, ...],
) -> None:
    """Check every translation: code spans, links, tags, placeholders, block markers.

    Each finding names the PO file and the line of the msgstr. Errors exit 3;
    warnings (a translation identical to the source, stray white space) don't,
    and -q hides them. Fuzzy entries are skipped unless --include-fuzzy.
    With CATALOGS (as a pre-commit hook passes them), only those are checked.
    """
    config = state.config()
    from cheatl10n.jobs import check as check_job

    result = check_job.check(
        config,
        chosen_langs(langs, config),
        progress=state.progress,
        only=catalogs,
        include_fuzzy=include_fuzzy,
    )
    for finding in result.findings:
        if finding.severity == "error" or not state.quiet or output_format == "github":
            state.finding(finding.path, finding.line, finding.severity, finding.message, output_format)
    warnings = sum(1 for finding in result.findings if finding.severity == "warning")
    state.say(
        f"{plural(result.catalogs, 'catalog')}, {plural(result.entries, 'translation')} checked: "
        f"{result.errors} with errors, {plural(warnings, 'warning')}"
    )
    if result.errors:
        fail = "fails its" if result.errors == 1 else "fail their"
        raise StaleError(f"{plural(result.errors, 'translation')} {fail} checks")


@click.command()
@lang_option
@click.option(
    "--fix",
    is_flag=True,
    help="Remove translated pages whose source is gone, orphan templates, and orphan catalogs "
    "that hold no translation.",
)
@click.pass_obj
def doctor(state: State, langs: tuple[list[str], ...], fix: bool) -> None:
    """Check that the config, the pages and the catalogs agree.

    Lists catalogs whose page is gone, translated pages whose source page is
    gone, pages with no catalog, and catalogs that cannot be read. Exits 3
    when anything is left. With --fix, removes what can go without losing a
    translation; a catalog that holds one is kept (delete it yourself).
    """
    config = state.config()
    from cheatl10n.jobs import common, doctor

    found = doctor.diagnose(config, chosen_langs(langs, config))
    if fix:
        doctor.fix(config, found)
        for path in found.removed:
            state.say(f"removed {common.shown(config, path)}")
        for path, held in found.kept:
            why = (
                f"holds {plural(held, 'translation')}"
                if held
                else "build did not write it: it may be a hand translation"
            )
            state.finding(common.shown(config, path), None, "warning", f"kept: {why}; delete it yourself")
    for path in [p for p in found.orphans if p not in found.removed and not fix]:
        state.finding(
            common.shown(config, path), None, "warning", "orphan catalog: its page no longer exists"
        )
    for path in [p for p in found.leftover_pages if p not in found.removed and not fix]:
        state.finding(
            common.shown(config, path), None, "warning", "translated page whose source page is gone"
        )
    for item in found.without_catalog:
        state.warn(f"cheatl10n: no catalog yet for {item} (run 'cheatl10n extract')")
    for message in found.broken:
        state.warn(message)
    state.say(
        f"{plural(found.pages, 'page')}, {plural(found.catalogs, 'catalog')}: {len(found.orphans)} orphaned, "
        f"{plural(len(found.leftover_pages), 'translated page')} without a source, "
        f"{len(found.without_catalog)} missing, {len(found.broken)} unreadable"
        + (f"; {len(found.removed)} removed" if fix else "")
    )
    if not found.healthy:
        raise StaleError("the site's catalogs and pages do not agree; see above")


@click.command()
@lang_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="text lines, JSON (schema cheatl10n-status/1), or a Markdown table for a CI job summary.",
)
@click.option(
    "--badges",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also write one SVG coverage badge per language into this folder (<lang>.svg).",
)
@click.option(
    "--html",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also write a static dashboard into this folder (index.html): bars per language and section, "
    "and the stale strings of each page at their catalog lines.",
)
@click.pass_obj
def status(
    state: State, langs: tuple[list[str], ...], output_format: str, badges: Path | None, html: Path | None
) -> None:
    """How much of each language is translated, per page and in total, in strings and words.

    Counts come from the pages as they are now, so strings added since the
    last extract show as missing.
    """
    config = state.config()
    chosen = chosen_langs(langs, config)
    from cheatl10n.jobs import report
    from cheatl10n.jobs import status as status_job
    from cheatl10n.jobs.badges import badge_svg
    from cheatl10n.jobs.report import status_json, status_markdown, status_text
    from cheatl10n.runtime.fsio import write_atomic

    pages = status_job.status(config, chosen, progress=state.progress)
    if output_format == "json":
        click.echo(status_json(pages, chosen, config.source_language), nl=False)
    elif output_format == "markdown":
        click.echo(status_markdown(pages, chosen, state.verbose), nl=False)
    else:
        state.say(status_text(pages, chosen, state.verbose).rstrip("\n"))
    if badges is not None:
        for lang in chosen:
            total = report.total_counts(pages, lang)
            write_atomic(badges / f"{lang}.svg", badge_svg(lang, total.percent()).encode("utf-8"))
    if html is not None:
        from cheatl10n.jobs.dashboard import PAGE_NAME, dashboard_html

        page = dashboard_html(pages, chosen, config.project, config.catalogs.text)
        write_atomic(html / PAGE_NAME, page.encode("utf-8"))
