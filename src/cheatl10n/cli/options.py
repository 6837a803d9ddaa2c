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
        from cheatl10n.config import parse_language

        for code in codes:
            parse_language(code, None)
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

    def config_file(self) -> Path:
        from cheatl10n.config import find_config

        return self.config_path if self.config_path else find_config(Path.cwd())

    def config(self) -> Config:
        from cheatl10n.config import load_config

        return load_config(self.config_file())

    def finding(self, path: object, line: int | None, severity: str, message: str, fmt: str = "text") -> None:
        """A problem at a file and line: ``path:line: error: what``, or a GitHub workflow command."""
        if fmt == "github":
            command = "error" if severity == "error" else "warning"
            where = f"file={path},line={line}" if line else f"file={path}"
            clean = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            click.echo(f"::{command} {where}::{clean}")
            return
        super().finding(path, line, severity, message)


def chosen_langs(chosen: Sequence[Sequence[str]], config: Config) -> list[str]:
    flat = [code for group in chosen for code in group]
    return list(dict.fromkeys(flat)) if flat else list(config.languages)


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
