"""The ``cheatl10n`` command: parse options, call one job, print its result.

The longer reports of ``build`` and ``import`` are printed by ``cli/reports.py``.

Exit codes (``cli/console.py``): 0 done; 1 bad input (page, catalog, config),
nothing written; 2 usage error; 3 check failed (stale strings with
``--fail-on``, translations that fail their checks, ``extract --check``,
``import`` with differences); 4 internal error; 130 interrupted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from cheatl10n.cli.console import EXIT_INTERRUPTED, extract_summary, extract_verdict, guarded
from cheatl10n.cli.options import (
    KindsType,
    LanguagesType,
    State,
    chosen_langs,
    configured,
    finish_commands,
    format_option,
    jobs_option,
    lang_option,
)
from cheatl10n.cli.plural import plural
from cheatl10n.cli.reports import build_report, import_report
from cheatl10n.cli.reviews import check, doctor, status
from cheatl10n.version import __version__

if TYPE_CHECKING:
    from cheatl10n.config import Config

# Commands import what they need when they run: "--version" loads nothing beyond click.


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cheatl10n")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Use this cheatl10n.toml instead of searching upwards from the working folder.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and warnings.")
@click.option("-v", "--verbose", is_flag=True, help="Report every page, not only those with work left.")
@click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None, quiet: bool, verbose: bool, debug: bool) -> None:
    """Translate a Markdown site through gettext PO catalogs.

    extract keeps one catalog per page and language in sync with the pages;
    build writes the translated pages; import fills the catalogs from
    existing translated pages; check and status report on the translations.
    """
    ctx.obj = State(config_path, quiet, verbose)
    if config_path is not None and ctx.get_parameter_source("config_path") == ParameterSource.ENVIRONMENT:
        ctx.obj.config_origin = "CHEATL10N_CONFIG"


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, exists=True, path_type=Path), default=".")
@click.option(
    "-l",
    "--lang",
    "langs",
    type=LanguagesType(),
    multiple=True,
    help="A language to translate into (repeatable); with a config already here, adds it.",
)
@click.option(
    "--source", type=LanguagesType(), help="The source language, when the pages do not say (default en)."
)
@jobs_option
@click.pass_obj
def init(
    state: State, folder: Path, langs: tuple[list[str], ...], source: list[str] | None, jobs: int | None
) -> None:
    """Write a commented cheatl10n.toml for the site in FOLDER (default: here).

    Finds the layout (docs/<section>/<lang>/<page>.md, content/<lang>/...,
    <page>.<lang>.md, or page.md beside page.ru.md), the source language and
    the languages present. A site with no translation yet gets a folder per
    language. Never overwrites an existing cheatl10n.toml: there, --lang adds
    a language (the rest of the file is kept) and writes its catalogs.
    """
    from cheatl10n.config import CONFIG_NAME

    chosen = [code for group in langs for code in group]
    if (folder / CONFIG_NAME).exists() and chosen:
        from cheatl10n.jobs.languages import add_languages

        done = add_languages(folder / CONFIG_NAME, chosen, jobs)
        for lang in done.present:
            state.say(f"{lang} is already configured")
        if done.extract is not None:
            state.say(
                f"added {', '.join(done.added)} to {folder / CONFIG_NAME}; "
                f"{extract_summary(done.extract, False)}"
            )
        return
    from cheatl10n.jobs import init as init_site

    target, layout = init_site.write_config(folder, tuple(chosen), source[0] if source else None)
    languages = ", ".join(layout.languages) or "none yet (add one with: cheatl10n init --lang CODE)"
    state.say(f"wrote {target}: source {layout.source_language}, languages {languages}, pages {layout.pages}")


@cli.command()
@lang_option
@click.option(
    "--no-obsolete", is_flag=True, help="Drop entries the pages no longer use instead of keeping them as #~."
)
@click.option("--check", is_flag=True, help="Write nothing; exit 3 if any catalog would change.")
@click.option("--no-memory", is_flag=True, help="Don't fill new entries from other pages' translations.")
@click.option("--exit-code", is_flag=True, help="Exit 3 when a catalog changed (as a pre-commit hook does).")
@jobs_option
@click.pass_obj
def extract(
    state: State,
    langs: tuple[list[str], ...],
    no_obsolete: bool,
    check: bool,
    no_memory: bool,
    exit_code: bool,
    jobs: int | None,
) -> None:
    """Update one PO catalog per page and language from the source pages.

    Existing translations are kept; an edited string becomes fuzzy with its
    previous msgid; a string gone from the page becomes obsolete (#~).
    """
    # With nothing to do, the plain forms never get here: cli/main.py answers them before
    # click loads. extract_job.extract reads no page the record shows unchanged.
    from cheatl10n.jobs import common
    from cheatl10n.jobs import extract as extract_job

    config = state.config()
    result = extract_job.extract(
        config,
        chosen_langs(langs, config),
        keep_obsolete=not no_obsolete,
        dry_run=check,
        memory=not no_memory,
        jobs=jobs,
        progress=state.progress,
        on_wait=state.waiting,
    )
    for notice in result.notices:
        state.finding(notice.path, notice.line, "warning", notice.message)
    for move in result.moves:
        verb = "would move" if check else "moved"
        state.say(
            f"{verb} the files of {move.old} to {move.new} ({len(move.files)} files; found by {move.anchor})"
        )
    if state.verbose:
        for path in result.changed:
            state.say(f"{'would update' if check else 'updated'} {common.shown(config, path)}")
    state.say(extract_summary(result, check))
    extract_verdict(result, check, exit_code)


def _build_langs(langs: tuple[list[str], ...], all_langs: bool, config: Config) -> list[str]:
    chosen = [code for group in langs for code in group]
    if all_langs:
        chosen = list(dict.fromkeys([*chosen, *config.languages]))
    if not chosen:
        raise click.UsageError("give a language with --lang, or --all")
    return configured(chosen, config)


@cli.command()
@click.option(
    "-l", "--lang", "langs", type=LanguagesType(), multiple=True, help="Language to build (repeatable)."
)
@click.option("--all", "all_langs", is_flag=True, help="Build every configured language.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write pages under this folder instead of the site root.",
)
@click.option("--use-fuzzy", is_flag=True, help="Use fuzzy translations instead of the source text.")
@click.option(
    "--fail-on",
    type=KindsType(),
    default="",
    help="Exit 3 when any of these kinds is found: untranslated,fuzzy,missing,obsolete.",
)
@click.option("--force", is_flag=True, help="Build every page, even those unchanged since the last build.")
@jobs_option
@format_option
@click.pass_obj
def build(
    state: State,
    langs: tuple[list[str], ...],
    all_langs: bool,
    out: Path | None,
    use_fuzzy: bool,
    fail_on: list[str],
    force: bool,
    jobs: int | None,
    output_format: str,
) -> None:
    """Write the translated pages.

    A string that is untranslated, fuzzy, or whose translation fails its
    checks keeps the source text. Prints what is left to translate.
    """
    config = state.config()
    chosen = _build_langs(langs, all_langs, config)
    from cheatl10n.jobs import build as building

    result = building.build(
        config,
        chosen,
        out=out,
        use_fuzzy=use_fuzzy,
        force=force,
        jobs=jobs,
        progress=state.progress,
        on_wait=state.waiting,
    )
    build_report(state, config, result, chosen, fail_on, output_format)


@cli.command()
@click.option(
    "-l",
    "--lang",
    "langs",
    type=LanguagesType(),
    multiple=True,
    help="Pseudo-locale to fill: en-XA (accented, longer) or ar-XB (right to left); default en-XA.",
)
@jobs_option
@click.pass_obj
def pseudo(state: State, langs: tuple[list[str], ...], jobs: int | None) -> None:
    """Fill a pseudo-locale's catalogs with accented, lengthened text.

    Then 'cheatl10n build --lang en-XA' shows which text of the site goes
    through the catalogs and how layouts take longer text. Code spans, link
    targets, tags and placeholders are kept. Real languages are never touched.
    """
    from cheatl10n.jobs import extract as extract_job

    config = state.config()
    chosen = [code for group in langs for code in group] or ["en-XA"]
    result = extract_job.extract(
        config, chosen, jobs=jobs, progress=state.progress, on_wait=state.waiting, pseudo=True
    )
    catalogs = plural(len(result.catalogs), "pseudo catalog")
    state.say(f"{plural(result.pages, 'page')}, {catalogs}, {len(result.changed)} changed")


@cli.command("import")
@lang_option
@click.option("--overwrite", is_flag=True, help="Replace translations already in the catalogs.")
@click.option("--dry-run", is_flag=True, help="Report what would be imported; write nothing.")
@jobs_option
@click.pass_obj
def import_(
    state: State, langs: tuple[list[str], ...], overwrite: bool, dry_run: bool, jobs: int | None
) -> None:
    """Fill the catalogs from the site's existing translated pages.

    Each translated page is paired with its source page by structure; what
    cannot be paired is reported with its place in both pages. Exits 3 when
    anything was reported.
    """
    config = state.config()
    from cheatl10n.jobs import importing

    result = importing.import_translations(
        config,
        chosen_langs(langs, config),
        overwrite=overwrite,
        dry_run=dry_run,
        jobs=jobs,
        progress=state.progress,
        on_wait=state.waiting,
    )
    import_report(state, result, dry_run)


for command in (check, doctor, status):
    cli.add_command(command)
finish_commands(cli)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line; map errors to one line on stderr and an exit code."""
    args = list(sys.argv[1:] if argv is None else argv)

    def run() -> None:
        try:
            cli.main(args=args, prog_name="cheatl10n", standalone_mode=False)
        except click.exceptions.Abort:
            click.echo("cheatl10n: aborted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)

    debug = "--debug" in args or os.environ.get("CHEATL10N_DEBUG", "").lower() in ("1", "true", "yes", "on")
    sys.exit(guarded(run, debug=debug))
