"""The entry point: runs plain ``extract`` commands without loading the command line.

A pre-commit hook runs ``cheatl10n extract`` on every commit. Most of those runs
have nothing to do, and the rest follow an edit to a page or two; loading click
alone takes longer than finding that out from the last run's record
(``state.py``). This module recognises the plain forms of that one command (the
global ``-q``/``--quiet`` and ``--config FILE``, and extract's ``--check`` and
``--exit-code``). When the record fits and shows nothing to do, it answers from
the record before anything else loads; otherwise it runs the extract itself,
printing and exiting as ``cli.py`` would (both write through ``console.py``).
Any other command line, any ``CHEATL10N_`` environment variable (click reads
options from them), and any doubt at all go to ``cli.main``. A command with
work to do goes first to the site's ``cheatl10n serve`` if one is running
(``resident.py``), which runs this same function in a ready process; a run with
nothing to do is answered here, which is quicker than asking it.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing is not imported at run time: this module must load fast
if TYPE_CHECKING:
    from collections.abc import Sequence

    from cheatl10n.state import PageRecord, Record


class Form:
    """A plain ``extract`` command line."""

    __slots__ = ("check", "config", "exit_code", "quiet")

    def __init__(self, config: str | None, quiet: bool, check: bool, exit_code: bool):
        self.config = config
        self.quiet = quiet
        self.check = check
        self.exit_code = exit_code


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    form = plain_extract(args)
    if form is not None:
        code = quick_extract(form, args)
        if code is not None:
            sys.exit(code)
    from cheatl10n.resident import delegate

    served = delegate(args)  # the site's `cheatl10n serve`, with everything loaded, runs it
    if served is not None:
        sys.exit(served)
    from cheatl10n.cli import main as full

    full(args)


def plain_extract(args: list[str]) -> Form | None:
    """The options of ``args`` when they are a plain ``extract``; None for anything else."""
    if any(name.startswith("CHEATL10N_") for name in os.environ) or "extract" not in args:
        return None
    command = args.index("extract")
    quiet, config, position = False, None, 0
    while position < command:
        option = args[position]
        if option in ("-q", "--quiet"):
            quiet = True
        elif option == "--config" and position + 1 < command:
            config = args[position + 1]
            position += 1
        elif option.startswith("--config=") and len(option) > len("--config="):
            config = option[len("--config=") :]
        else:
            return None
        position += 1
    options = args[command + 1 :]
    if not set(options) <= {"--check", "--exit-code"}:
        return None
    return Form(config, quiet, "--check" in options, "--exit-code" in options)


def quick_extract(form: Form, args: Sequence[str]) -> int | None:
    """Run ``form`` (parsed from ``args``) without click; its exit code, or None for the full CLI."""
    from cheatl10n.state import Request, find_config_file, nothing_to_do, survey

    file = form.config if form.config is not None else find_config_file(os.getcwd())
    if file is None or not os.path.isfile(file):
        return None  # the full command line reports it
    request = Request((), keep_obsolete=True)
    found = survey(file, request)
    if found is not None and nothing_to_do(os.path.dirname(os.path.abspath(file)), found):
        record = found[0]
        if not form.quiet:
            outputs = sum(len(page.outputs) for page in record.pages)
            verb = "would change" if form.check else "changed"  # as console.extract_summary says it
            sys.stdout.write(f"{len(record.pages)} pages, {outputs} catalogs, 0 {verb}\n")
            sys.stdout.flush()
        return 0
    from cheatl10n.resident import delegate

    served = delegate(args, file)  # the site's `cheatl10n serve` runs it, with everything loaded
    if served is not None:
        return served
    from cheatl10n.console import guarded

    return guarded(lambda: _extract(form, file, found))


def _extract(form: Form, file: str, surveyed: tuple[Record, dict[str, PageRecord]] | None) -> None:
    """What ``cheatl10n extract`` does with these options, printed as ``cli.py`` prints it."""
    import gc

    gc.disable()  # what is about to load is never garbage: no collection while it loads
    from pathlib import Path

    from cheatl10n import workflow
    from cheatl10n.config import load_config
    from cheatl10n.console import Terminal, extract_summary, extract_verdict
    from cheatl10n.segment import segment_page as _load_the_parsers  # noqa: F401

    gc.freeze()  # and no collection ever walks it, here or in a forked worker
    gc.enable()

    terminal = Terminal(form.quiet)
    config = load_config(Path(file))
    result = workflow.extract(
        config,
        config.languages,
        dry_run=form.check,
        progress=terminal.progress,
        on_wait=terminal.waiting,
        surveyed=surveyed,
    )
    for notice in result.notices:
        terminal.finding(notice.path, notice.line, "warning", notice.message)
    terminal.say(extract_summary(result, form.check))
    extract_verdict(result, form.check, form.exit_code)
