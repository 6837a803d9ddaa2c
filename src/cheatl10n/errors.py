"""The exception hierarchy: every error the tool reports carries a path and a line.

Only ``cli/`` turns these into output and exit codes.
"""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: Path) -> str:
    """``path`` as messages show it: relative to the working folder when that is shorter."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return relative if not relative.startswith("../..") else str(path)


class Cheatl10nError(Exception):
    """Base of every error the tool reports to a user.

    ``str(error)`` is the one-line message: ``path:line: error: what``.
    """

    exit_code = 1
    severity = "error"

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def __reduce__(self) -> tuple[type, tuple[str, Path | None, int | None]]:
        # Errors cross process boundaries (``--jobs``): keep the path and line.
        return (type(self), (self.message, self.path, self.line))

    def location(self) -> str:
        """``path:line`` (or just ``path``), empty when neither is known."""
        if self.path is None:
            return ""
        if self.line is None:
            return str(self.path)
        return f"{self.path}:{self.line}"

    def __str__(self) -> str:
        where = self.location()
        prefix = f"{where}: " if where else "cheatl10n: "
        return f"{prefix}{self.severity}: {self.message}"


class SourceError(Cheatl10nError):
    """A page that cannot be read or segmented: encoding, broken frontmatter."""


class CatalogError(Cheatl10nError):
    """A PO file that cannot be read or does not fit its language."""


class ConfigError(Cheatl10nError):
    """Bad settings: an unknown language, a pattern that leaves the site."""


class StaleError(Cheatl10nError):
    """A check found work to do (``--fail-on``); nothing is wrong with the input."""

    exit_code = 3


class ConflictError(Cheatl10nError):
    """A file the run read was changed by someone else before the run could write it."""
