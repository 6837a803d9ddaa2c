"""What the command line prints and how it exits, without click.

Library code never prints: the commands in ``cli/commands.py`` print their
results through here, and only here are errors turned into exit codes.

Exit codes: 0 done; 1 bad input (page, catalog, config), nothing written;
2 usage error; 3 check failed (stale strings with ``--fail-on``, translations
that fail their checks, ``extract --check``, ``import`` with differences);
4 internal error; 130 interrupted.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from cheatl10n.cli.plural import plural
from cheatl10n.errors import Cheatl10nError, StaleError

if TYPE_CHECKING:
    from cheatl10n.jobs.outcome import ExtractResult

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE, EXIT_CHECK_FAILED, EXIT_INTERNAL = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130
WAITING = "cheatl10n: another run holds the site lock; waiting for it to finish"
_COLOURS = {"error": 31, "warning": 33}  # ANSI red and yellow


def colour_wanted(stream: TextIO) -> bool:
    """Colour on a terminal, unless ``NO_COLOR`` is set (https://no-color.org)."""
    return stream.isatty() and "NO_COLOR" not in os.environ


def finding_line(path: object, line: int | None, severity: str, message: str, colour: bool = False) -> str:
    """A problem at a file and line, as compilers print it: ``path:line: error: what``."""
    label = severity
    if colour:
        code = _COLOURS.get(severity)
        label = f"\033[{code}m\033[1m{severity}\033[0m" if code else f"\033[1m{severity}\033[0m"
    where = f"{path}:{line}" if line else f"{path}"
    return f"{where}: {label}: {message}"


class Terminal:
    """Where a run writes: data on stdout (unless ``quiet``), problems on stderr, and a
    progress bar on stderr when it is a terminal (never in CI)."""

    def __init__(self, quiet: bool = False):
        self.quiet = quiet
        self.interactive = sys.stderr.isatty() and os.environ.get("CI", "").lower() not in ("true", "1")
        self.colour = colour_wanted(sys.stderr)
        self._bar_shown = False

    def say(self, message: str) -> None:
        """Data and reports: stdout, unless ``--quiet``."""
        if not self.quiet:
            self._clear_bar()
            _write(sys.stdout, message + "\n")

    def warn(self, message: str) -> None:
        self._clear_bar()
        _write(sys.stderr, message + "\n")

    def finding(self, path: object, line: int | None, severity: str, message: str) -> None:
        """A problem at a file and line: ``path:line: warning: what``."""
        self.warn(finding_line(path, line, severity, message, self.colour))

    def waiting(self) -> None:
        self.warn(WAITING)

    def progress(self, done: int, total: int, label: str) -> None:
        """A one-line progress bar on a terminal; nothing in CI or when output is not a terminal."""
        if not self.interactive or self.quiet or total < 20:
            return
        # One column less than the terminal's: a line that fills the last column wraps on
        # some terminals, and each update would then start a new line.
        columns = _stderr_columns() - 1
        counter = f" {done}/{total} "
        width = min(24, (columns - len(counter)) // 3)
        bar = (
            f"[{'#' * (width * done // total)}{'.' * (width - width * done // total)}]" if width >= 4 else ""
        )
        _write(sys.stderr, "\r" + fit_width((bar + counter + label).lstrip(), columns) + "\033[K")
        self._bar_shown = True

    def _clear_bar(self) -> None:
        if self._bar_shown:
            _write(sys.stderr, "\r\033[K")
            self._bar_shown = False


def _stderr_columns() -> int:
    """The width of the terminal the bar is drawn on (stderr's, which may not be stdout's);
    ``COLUMNS`` wins, as in ``shutil.get_terminal_size``."""
    given = os.environ.get("COLUMNS", "")
    if given.isdigit() and int(given) > 0:
        return int(given)
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns or 80
    except (OSError, ValueError):
        return 80


def fit_width(text: str, columns: int) -> str:
    """``text`` cut to at most ``columns`` terminal columns (wide characters take two).

    >>> fit_width("[####] 3/20 guide/lists.md", 12), fit_width("日本語", 5)
    ('[####] 3/20 ', '日本')
    """
    from cheatl10n.pages.text import display_width

    while text and display_width(text) > max(columns, 0):
        text = text[:-1]
    return text


def _write(stream: TextIO, text: str) -> None:
    stream.write(text)
    stream.flush()


def extract_summary(result: ExtractResult, check: bool) -> str:
    """``132 pages, 396 catalogs, 3 changed``, and how many entries translation memory filled."""
    verb = "would change" if check else "changed"
    memory = f", {result.memory_hits} filled from translation memory" if result.memory_hits else ""
    found = f"{plural(result.pages, 'page')}, {plural(len(result.catalogs), 'catalog')}"
    return f"{found}, {len(result.changed)} {verb}{memory}"


def extract_verdict(result: ExtractResult, check: bool, exit_code: bool) -> None:
    """Raise ``StaleError`` (exit 3) when ``--check`` or ``--exit-code`` asks to fail on changes."""
    changed = len(result.changed)
    are, were = ("is", "was") if changed == 1 else ("are", "were")
    if check and changed:
        raise StaleError(f"{plural(changed, 'catalog')} {are} out of date; run 'cheatl10n extract'")
    if exit_code and changed:
        raise StaleError(f"{plural(changed, 'catalog')} {were} updated; add them to the commit")


def guarded(run: Callable[[], None], debug: bool = False) -> int:
    """Run a command; map what it raises to one line on stderr and an exit code.

    ``SystemExit`` passes through: a command that chose its exit code keeps it.
    """
    try:
        run()
    except Cheatl10nError as exc:
        _error(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        _error("cheatl10n: interrupted; no file was changed by the unfinished run")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK  # the reader (``| head``) has all it wanted
    except OSError as exc:  # a full disk, no permission, a name too long: bad input, not a bug
        _error(os_error_line(exc))
        return EXIT_BAD_INPUT
    except RecursionError:
        _error("cheatl10n: error: the input is nested too deeply to read")
        return EXIT_BAD_INPUT
    except Exception as exc:  # the last line of defence: any bug ends here, as exit code 4
        if debug:
            import traceback

            traceback.print_exc()
        _error(
            f"cheatl10n: internal error: {type(exc).__name__}: {exc}; this is a bug, please report it "
            "(run with --debug for a traceback)"
        )
        return EXIT_INTERNAL
    return EXIT_OK


MESSAGE_LIMIT = 300
"""Characters of an error message shown: a message quoting a file shows a short excerpt of it."""


def os_error_line(exc: OSError) -> str:
    """``path: error: No space left on device; ...``, for an ``OSError`` the run met."""
    where = exc.filename if exc.filename is not None else "cheatl10n"
    name = os.fsdecode(where)
    with contextlib.suppress(ValueError):
        relative = os.path.relpath(name)
        name = name if relative.startswith("..") else relative
    name = escaped(name, 10**6)
    if len(name) > 120:  # a name too long for the system: its start and end say which
        name = name[:60] + "…" + name[-59:]
    return f"{name}: error: {exc.strerror or type(exc).__name__}; nothing was changed"


def escaped(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """``text`` on one line: control characters and undecodable bytes escaped, cut to ``limit``."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    text = "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _error(message: str) -> None:
    sys.stdout.flush()
    _write(sys.stderr, "\n".join(escaped(line) for line in message.split("\n")) + "\n")
