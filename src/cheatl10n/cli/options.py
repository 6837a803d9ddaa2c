"""The command line's shared pieces: option types, common options, and the state every command gets."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from cheatl10n.cli.console import Terminal

if TYPE_CHECKING:
    from cheatl10n.config import Config


class LanguagesType(click.ParamType):  # type: ignore[type-arg]
    """``-l ru -l de`` or ``-l ru,de``: language codes, checked with babel."""

    name = "LANG"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> list[str]:
        codes = [code.strip() for code in str(value).split(",") if code.strip()]
        from cheatl10n.errors import ConfigError
        from cheatl10n.patterns import parse_language

        for code in codes:
            try:
                parse_language(code, None)
            except ConfigError as exc:
                self.fail(exc.message, param, ctx)  # a usage error (exit 2), as an unconfigured one is
        return codes


class KindsType(click.ParamType):  # type: ignore[type-arg]
    """A comma-separated list of stale kinds: untranslated, fuzzy, missing, obsolete."""

    name = "KINDS"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> list[str]:
        kinds = [kind.strip() for kind in str(value).split(",") if kind.strip()]
        if not kinds:
            return kinds
        from cheatl10n.jobs.report import STALE_KINDS

        for kind in kinds:
            if kind not in STALE_KINDS:
                self.fail(f"{kind!r} is not one of {', '.join(STALE_KINDS)}", param, ctx)
        return kinds


class State(Terminal):
    """Options every command shares; writes through ``console.Terminal``."""

    def __init__(self, config_path: Path | None, quiet: bool, verbose: bool):
        super().__init__(quiet)
        self.config_path = config_path
        self.verbose = verbose
        self.config_origin = "--config"
        """Where ``config_path`` came from, for the error when it names no file."""

    def config_file(self) -> Path:
        from cheatl10n.config import find_config

        if self.config_path is None:
            return find_config(Path.cwd())
        if not self.config_path.is_file():
            from cheatl10n.errors import ConfigError

            raise ConfigError(f"no such config file (given by {self.config_origin})", self.config_path)
        return self.config_path

    def config(self) -> Config:
        from cheatl10n.config import load_config

        return load_config(self.config_file())

    def finding(self, path: object, line: int | None, severity: str, message: str, fmt: str = "text") -> None:
        """A problem at a file and line: ``path:line: error: what``, or a GitHub workflow command."""
        if fmt == "github":
            command = severity if severity in ("error", "notice") else "warning"
            where = f"file={path},line={line}" if line else f"file={path}"
            clean = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            click.echo(f"::{command} {where}::{clean}")
            return
        super().finding(path, line, severity, message)


def chosen_langs(chosen: Sequence[Sequence[str]], config: Config) -> list[str]:
    """The languages given with ``--lang`` (each one configured), or every configured language."""
    flat = [code for group in chosen for code in group]
    return configured(list(dict.fromkeys(flat)), config) if flat else list(config.languages)


def configured(langs: list[str], config: Config) -> list[str]:
    """``langs``, each one in the config's ``languages`` or a pseudo-locale; else a usage error (exit 2).

    The source language passes, for the job to refuse with its own message.

    A code the config does not list would write catalogs or pages that every other
    command ignores (``fr``), or a second copy of a language under another name
    (``ru_RU`` beside ``ru``), so nothing runs.
    """
    from cheatl10n.errors import display_path
    from cheatl10n.patterns import PSEUDO_LANGUAGES

    for lang in langs:
        if lang not in (*config.languages, config.source_language) and lang not in PSEUDO_LANGUAGES:
            listed = ", ".join(config.languages) or "none"
            where = display_path(config.file) if config.file else "the config"
            near = [code for code in config.languages if _same_language(code, lang)]
            hint = (
                f"; did you mean {near[0]!r}?"
                if near
                else f"; add it to languages in {where} first (cheatl10n init --lang {lang})"
            )
            raise click.UsageError(f"language {lang!r} is not configured (languages: {listed}){hint}")
    return langs


def _same_language(configured: str, given: str) -> bool:
    """``ru`` for ``ru_RU``, ``rus`` or ``RU``: the same language under another spelling."""
    one, two = configured.replace("_", "-").lower(), given.replace("_", "-").lower()
    return one.split("-")[0] == two.split("-")[0] or two.startswith(one) or one.startswith(two)


_LANG_HELP = "Language (repeat or separate with commas); default: every configured language."
lang_option = click.option("-l", "--lang", "langs", type=LanguagesType(), multiple=True, help=_LANG_HELP)
jobs_option = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for the pages; default: one per core.",
)
format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="How to print findings: text lines, or GitHub Actions workflow commands.",
)


def _more_quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.find_object(State).quiet = True  # type: ignore[union-attr]


def _more_verbose(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.find_object(State).verbose = True  # type: ignore[union-attr]


GLOBAL_ENVVARS = {
    "config_path": "CHEATL10N_CONFIG",
    "quiet": "CHEATL10N_QUIET",
    "verbose": "CHEATL10N_VERBOSE",
    "debug": "CHEATL10N_DEBUG",
}
"""The group's options in the environment; a command's are ``CHEATL10N_<COMMAND>_<OPTION>``."""


def finish_commands(group: click.Group) -> None:
    """Give every command ``-q``/``-v`` (also after its name) and name every option's variable.

    ``cheatl10n build -q`` means ``cheatl10n -q build``. Each option can be set in the
    environment under the name ``--help`` shows: ``CHEATL10N_BUILD_LANG=ru``,
    ``CHEATL10N_BUILD_FAIL_ON=missing``; click's own names would follow the Python
    parameter (``CHEATL10N_BUILD_LANGS``), which nobody can guess.
    """
    for param in group.params:
        if isinstance(param, click.Option) and param.name in GLOBAL_ENVVARS:
            param.envvar, param.show_envvar = GLOBAL_ENVVARS[param.name], True
    for name, command in group.commands.items():
        command.params.append(
            click.Option(["-q", "--quiet"], is_flag=True, expose_value=False, callback=_more_quiet,
                         envvar=GLOBAL_ENVVARS["quiet"], help="Print only errors and warnings.")
        )  # fmt: skip
        command.params.append(
            click.Option(["-v", "--verbose"], is_flag=True, expose_value=False, callback=_more_verbose,
                         envvar=GLOBAL_ENVVARS["verbose"], help="Report every page.")
        )  # fmt: skip
        for param in command.params:
            if isinstance(param, click.Option) and param.envvar is None:
                longest = max(param.opts, key=len).lstrip("-").replace("-", "_").upper()
                param.envvar, param.show_envvar = f"CHEATL10N_{name.upper()}_{longest}", True
