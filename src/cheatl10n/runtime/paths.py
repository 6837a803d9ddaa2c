"""Every file a run reads or writes lies inside the site (or the ``--out`` folder), symbolic links resolved.

A catalog folder linked to ``/etc``, a catalog linked to a secret file or a translated
page linked to one would otherwise be written or read (and quoted in a message).
Each run checks all its files here before any worker reads or writes one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from cheatl10n.errors import ConfigError, display_path


def check_inside(root: Path, files: Iterable[str], what: str, shown: Path | None = None) -> None:
    """Refuse (``ConfigError``) the first of ``files`` (relative to ``root``) whose real path leaves it.

    Folders are resolved once each; a file is resolved only when it is a link.
    """
    real_root = os.path.realpath(root)
    folders: dict[str, str] = {}
    for relative in files:
        full = os.path.join(root, relative)
        parent, name = os.path.split(full)
        if parent not in folders:
            folders[parent] = os.path.realpath(parent)
        real = os.path.realpath(full) if os.path.islink(full) else os.path.join(folders[parent], name)
        if real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep):
            where = (shown or root) / relative
            raise ConfigError(
                f"{what} leads outside {'the site' if shown is None else 'its folder'} "
                "through a symbolic link; nothing was read or written",
                display_path(where),
            )


def check_name(relative: str, shown: Callable[[], Path]) -> None:
    """Refuse a file name that is not valid UTF-8 (it could not be named in a catalog).

    ``shown`` names the file in the message: called only then (a site has thousands of names).
    """
    try:
        relative.encode("utf-8")
    except UnicodeEncodeError:
        raise ConfigError("file name is not valid UTF-8; rename it", shown()) from None
