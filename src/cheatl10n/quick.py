"""The entry point: answers ``extract`` with nothing to do before the command line loads.

A pre-commit hook runs ``cheatl10n extract`` on every commit, and most of those
runs have nothing to do; loading click alone takes longer than finding that out
from the last run's record (``state.py``). This module recognises the plain
forms of that one command (the global ``-q``/``--quiet`` and ``--config FILE``,
and extract's ``--check`` and ``--exit-code``) and answers them from the record,
printing what ``cli.py`` would print. Any other command line, any
``CHEATL10N_`` environment variable (click reads options from them), and any
doubt at all go to ``cli.main``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if quick_extract(args):
        sys.exit(0)
    from cheatl10n.cli import main as full

    full(args)


def quick_extract(args: list[str]) -> bool:
    """Whether ``args`` ask for a plain ``extract`` that the record shows has nothing to do.

    When it does, the summary line has been printed (unless ``--quiet``).
    """
    if any(name.startswith("CHEATL10N_") for name in os.environ) or "extract" not in args:
        return False
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
            return False
        position += 1
    options = args[command + 1 :]
    if not set(options) <= {"--check", "--exit-code"}:
        return False
    return _answer(config, quiet, "--check" in options)


def _answer(config: str | None, quiet: bool, check: bool) -> bool:
    from cheatl10n.state import Request, find_config_file, nothing_to_do

    file = config if config is not None else find_config_file(os.getcwd())
    if file is None:
        return False  # the full command line reports it
    record = nothing_to_do(file, Request((), keep_obsolete=True))
    if record is None:
        return False
    if not quiet:
        outputs = sum(len(page.outputs) for page in record.pages)
        verb = "would change" if check else "changed"
        sys.stdout.write(f"{len(record.pages)} pages, {outputs} catalogs, 0 {verb}\n")
        sys.stdout.flush()
    return True
