"""The entry point: answers an ``extract`` with nothing to do before the command line loads.

A pre-commit hook runs ``cheatl10n extract`` on every commit, and most of those
runs have nothing to do. Loading click and the parsers takes longer than finding
that out from the last run's record (``runtime/record.py``), so the plain forms
of that one command (the global ``-q``/``--quiet`` and ``--config FILE``, and
extract's ``--check`` and ``--exit-code``) are answered here when the record
shows nothing to do. Everything else, any ``CHEATL10N_`` environment variable
(click reads options from them) and any doubt go to ``cli.commands.main``.

An ``extract`` with work to do, or a ``build``, also starts its first worker here
(``pool_modules``), so that the worker loads the parsers while click loads.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing is not imported at run time: this module must load fast
if TYPE_CHECKING:
    from collections.abc import Sequence


class Form:
    """A plain ``extract`` command line."""

    __slots__ = ("check", "config", "quiet")

    def __init__(self, config: str | None, quiet: bool, check: bool):
        self.config = config
        self.quiet = quiet
        self.check = check


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        form = plain_extract(args)
        if form is not None and answer_unchanged(form):
            sys.exit(0)
        modules = pool_modules(args, form) if argv is None else ()
        if modules:  # only for the program's own command line: a caller keeps its process
            from cheatl10n.runtime.parallel import start_early

            start_early(modules)
        from cheatl10n.cli.commands import main as full

        full(args)
    finally:
        if argv is None:  # the program's own command line: the process ends now
            import gc

            # Python's exit collects every object it still holds: about 10 ms after an
            # extract or build of the corpus. Frozen objects are left to the exit itself.
            gc.freeze()


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
    if not set(options) <= {"--check", "--exit-code", "-q", "--quiet"}:
        return None
    return Form(config, quiet or bool({"-q", "--quiet"} & set(options)), "--check" in options)


def pool_modules(args: list[str], form: Form | None) -> tuple[str, ...]:
    """What the workers of an ``extract`` or a ``build`` load, when one is to start now.

    ``runtime.parallel.start_early`` starts the first worker before click loads, and it
    loads these while this process loads the command line. Only for the default number
    of workers (no ``-j``/``--jobs``, no ``CHEATL10N_`` variable). A few pages go to that
    worker alone (``runtime.parallel.map_pages``): the extract after one edit, run by a
    pre-commit hook, has the segmenter loaded meanwhile. The job's own module is loaded
    first, so that every worker shares it.
    """
    command = "extract" if form is not None else command_of(args)
    if form is None and any(name.startswith("CHEATL10N_") for name in os.environ):
        return ()
    if any(arg in ("-h", "--help") or arg.startswith(("-j", "--jobs")) for arg in args):
        return ()
    if command == "extract":
        from cheatl10n.jobs.extract import WORKER_MODULES as EXTRACT_MODULES

        return EXTRACT_MODULES
    if command == "build":
        from cheatl10n.jobs.build import WORKER_MODULES as BUILD_MODULES

        return BUILD_MODULES
    return ()


def command_of(args: list[str]) -> str | None:
    """The command word of a command line (what follows the global options), if any."""
    position = 0
    while position < len(args):
        arg = args[position]
        if not arg.startswith("-"):
            return arg
        position += 2 if arg == "--config" else 1
    return None


def answer_unchanged(form: Form) -> bool:
    """Print what ``extract`` prints when the record shows nothing to do; False when there is work."""
    from cheatl10n.runtime.record import Request, find_config_file, nothing_to_do, survey

    file = form.config if form.config is not None else find_config_file(os.getcwd())
    if file is None or not os.path.isfile(file):
        return False  # the full command line reports it
    found = survey(file, Request((), keep_obsolete=True))
    if found is None or not nothing_to_do(os.path.dirname(os.path.abspath(file)), found):
        return False
    if not form.quiet:
        record = found[0]
        outputs = len({output[0] for page in record.pages for output in page.outputs})  # shared: once
        verb = "would change" if form.check else "changed"  # as cli.console.extract_summary says it
        from cheatl10n.cli.plural import plural

        sys.stdout.write(f"{plural(len(record.pages), 'page')}, {plural(outputs, 'catalog')}, 0 {verb}\n")
        sys.stdout.flush()
    return True
