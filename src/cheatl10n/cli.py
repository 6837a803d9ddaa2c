"""The ``cheatl10n`` command: parse options, call one workflow function, print its result.

Exit codes: 0 done; 1 bad input (page, catalog, config), nothing written;
2 usage error; 3 check failed (``--fail-on``, ``--check``); 4 internal error.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from cheatl10n import __version__, workflow
from cheatl10n.config import Config, find_config, load_config, parse_language
from cheatl10n.errors import Cheatl10nError, ConfigError, StaleError
from cheatl10n.report import STALE_KINDS

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE, EXIT_CHECK_FAILED, EXIT_INTERNAL = 0, 1, 2, 3, 4


class LanguagesType(click.ParamType):  # type: ignore[type-arg]
    """``-l ru -l de`` or ``-l ru,de``: language codes, checked with babel."""

    name = "LANG"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> list[str]:
        codes = [code.strip() for code in str(value).split(",") if code.strip()]
        for code in codes:
            parse_language(code, None)
        return codes


class KindsType(click.ParamType):  # type: ignore[type-arg]
    name = "KINDS"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> list[str]:
        kinds = [kind.strip() for kind in str(value).split(",") if kind.strip()]
        for kind in kinds:
            if kind not in STALE_KINDS:
                self.fail(f"{kind!r} is not one of {', '.join(STALE_KINDS)}", param, ctx)
        return kinds


class State:
    def __init__(self, config_path: Path | None, quiet: bool, verbose: bool):
        self.config_path = config_path
        self.quiet = quiet
        self.verbose = verbose

    def config(self) -> Config:
        file = self.config_path if self.config_path else find_config(Path.cwd())
        return load_config(file)

    def say(self, message: str) -> None:
        if not self.quiet:
            click.echo(message)

    def warn(self, message: str) -> None:
        click.echo(message, err=True)

    def waiting(self) -> None:
        self.warn("cheatl10n: another run holds the site lock; waiting for it to finish")


def _langs(chosen: Sequence[Sequence[str]], config: Config) -> list[str]:
    flat = [code for group in chosen for code in group]
    return list(dict.fromkeys(flat)) if flat else list(config.languages)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "auto_envvar_prefix": "CHEATL10N"})
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
    """Translate a Markdown site through gettext PO catalogs."""
    ctx.obj = State(config_path, quiet, verbose)


@cli.command()
@click.option(
    "-l",
    "--lang",
    "langs",
    type=LanguagesType(),
    multiple=True,
    help="Language to extract for (repeat or separate with commas); default: all configured.",
)
@click.option(
    "--no-obsolete",
    is_flag=True,
    help="Drop entries the pages no longer use instead of keeping them as #~.",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 3 if any catalog would change.")
@click.pass_obj
def extract(state: State, langs: tuple[list[str], ...], no_obsolete: bool, check: bool) -> None:
    """Update one PO catalog per page and language from the source pages.

    Existing translations are kept; changed strings become fuzzy with their
    previous msgid; strings gone from the page become obsolete.
    """
    config = state.config()
    result = workflow.extract(
        config,
        _langs(langs, config),
        keep_obsolete=not no_obsolete,
        dry_run=check,
        on_wait=state.waiting,
    )
    for notice in result.notices:
        state.warn(str(notice))
    changed = result.changed
    if state.verbose:
        for path in changed:
            state.say(f"{'would update' if check else 'updated'} {workflow.shown(config, path)}")
    verb = "would change" if check else "changed"
    state.say(f"{result.pages} pages, {len(result.catalogs)} catalogs, {len(changed)} {verb}")
    if check and changed:
        raise StaleError(f"{len(changed)} catalogs are out of date; run 'cheatl10n extract'")


@cli.command()
@click.option(
    "-l",
    "--lang",
    "langs",
    type=LanguagesType(),
    multiple=True,
    help="Language to build (repeat or separate with commas).",
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
@click.pass_obj
def build(
    state: State,
    langs: tuple[list[str], ...],
    all_langs: bool,
    out: Path | None,
    use_fuzzy: bool,
    fail_on: list[str],
) -> None:
    """Write the translated pages, falling back to the source text where a string is not translated."""
    config = state.config()
    chosen = [code for group in langs for code in group]
    if all_langs:
        chosen = list(dict.fromkeys([*chosen, *config.languages]))
    if not chosen:
        raise click.UsageError("give a language with --lang, or --all")
    result = workflow.build(config, chosen, out=out, use_fuzzy=use_fuzzy, on_wait=state.waiting)
    for notice in result.notices:
        state.warn(str(notice))
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
    if failing:
        raise StaleError(f"{', '.join(failing)} (--fail-on {','.join(fail_on)})")


@cli.command("import")
@click.option(
    "-l",
    "--lang",
    "langs",
    type=LanguagesType(),
    multiple=True,
    help="Language whose pages to import (repeat or separate with commas); default: all configured.",
)
@click.option("--overwrite", is_flag=True, help="Replace translations already in the catalogs.")
@click.option("--dry-run", is_flag=True, help="Report what would be imported; write nothing.")
@click.pass_obj
def import_(state: State, langs: tuple[list[str], ...], overwrite: bool, dry_run: bool) -> None:
    """Fill the catalogs from the site's existing translated pages.

    Each translated page is paired with its source page by structure; what
    cannot be paired is reported with its place in both pages. Exits 3 when
    anything was reported.
    """
    config = state.config()
    result = workflow.import_translations(
        config, _langs(langs, config), overwrite=overwrite, dry_run=dry_run, on_wait=state.waiting
    )
    for notice in result.notices:
        state.warn(str(notice))
    for page in result.pages:
        if page.missing_page:
            if state.verbose:
                state.say(f"{page.translated}: no translated page")
            continue
        outcome = "reproduced" if page.reproduced else f"not reproduced ({page.difference or 'see above'})"
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


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line; map errors to one line on stderr and an exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        cli.main(args=args, prog_name="cheatl10n", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("cheatl10n: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except Cheatl10nError as exc:
        click.echo(str(exc), err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("cheatl10n: interrupted; no file was changed by the unfinished run", err=True)
        sys.exit(130)
    except Exception as exc:
        if debug:
            traceback.print_exc()
        click.echo(
            f"cheatl10n: internal error: {type(exc).__name__}: {exc}; this is a bug, please report it "
            "(run with --debug for a traceback)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(EXIT_OK)


__all__ = ["ConfigError", "cli", "main"]
