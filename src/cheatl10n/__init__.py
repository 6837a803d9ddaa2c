"""cheatl10n: translate a Markdown documentation site through gettext PO catalogs.

The command line is ``cheatl10n``; from Python, ``Site`` is the small API::

    from cheatl10n import Site
    Site.open("docs-site").build("ru")
"""

from __future__ import annotations

from cheatl10n.version import __version__

__all__ = ["Site", "__version__"]

TYPE_CHECKING = False  # as typing's: importing typing would cost ``cli/main.py`` a tenth of its time
if TYPE_CHECKING:
    from cheatl10n.api import Site


def __getattr__(name: str) -> type[Site]:
    # Imported on first use, so ``import cheatl10n`` (and the version) stays cheap.
    if name == "Site":
        from cheatl10n.api import Site

        return Site
    raise AttributeError(f"module 'cheatl10n' has no attribute {name!r}")
