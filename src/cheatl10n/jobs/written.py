"""What ``build`` wrote: the committed manifest ``cheatl10n.built`` that keeps it off pages it did not write.

One line per built page, ``<sha256 of the page>  <path>``, sorted by path: the
format of ``sha256sum``, so ``sha256sum -c cheatl10n.built`` tells which built
pages were edited since. The file sits at the root of the folder ``build``
writes into (the site root, or ``--out DIR``) and is meant to be committed
with the pages: a fresh clone, without the ``.cheatl10n/`` cache, still knows
which pages ``build`` may overwrite. A line changes only when its page does.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from cheatl10n.errors import Cheatl10nError
from cheatl10n.pages.frontmatter import find_frontmatter, yaml_data
from cheatl10n.pages.source import decode_source

MANIFEST = "cheatl10n.built"


def page_digest(data: bytes) -> str:
    """The sha256 of a page's bytes, as ``sha256sum`` prints it."""
    return hashlib.sha256(data).hexdigest()


def load_manifest(root: Path) -> dict[str, str]:
    """Path -> digest of each page ``build`` wrote under ``root`` (empty when there is no manifest)."""
    try:
        text = (root / MANIFEST).read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return {}
    found = {}
    for line in text.splitlines():
        digest, _, path = line.partition("  ")
        if len(digest) == 64 and path:
            found[path] = digest
    return found


def dump_manifest(entries: dict[str, str]) -> bytes:
    """The manifest's bytes: one ``digest  path`` line per page, sorted by path."""
    return "".join(f"{entries[path]}  {path}\n" for path in sorted(entries)).encode("utf-8")


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why ``build`` leaves a page as it is, and where it first differs from what build would write."""

    line: int
    reason: str


def equivalent(current: bytes, new: bytes) -> bool:
    """Whether two pages differ only in how their frontmatter is written: same body, same YAML values.

    Such a page is left as it is (a published page's own quoting is kept) and counts as built.
    """
    try:
        mine, theirs = _split(current), _split(new)
    except (Cheatl10nError, ValueError):
        return False
    return mine[1] == theirs[1] and mine[0] == theirs[0]


def _split(data: bytes) -> tuple[object, str]:
    source = decode_source(data, Path("page.md"))
    block = find_frontmatter(source)
    if block is None:
        return None, source.text
    return yaml_data(source.text[block.start : block.end]), source.text[block.end :]


def refusal(current: bytes | None, new: bytes, recorded: str | None) -> Refusal | None:
    """Whether a page that holds ``current`` must not be replaced by ``new`` (None: it may).

    A page may be replaced when it does not exist, already holds ``new``, or
    holds exactly what ``build`` last wrote there (``recorded``).
    """
    if current is None or current == new or (recorded is not None and page_digest(current) == recorded):
        return None
    reason = (
        "edited since cheatl10n built it"
        if recorded is not None
        else "not written by cheatl10n build (no line for it in cheatl10n.built)"
    )
    return Refusal(_first_difference(current, new), reason)


def _first_difference(current: bytes, new: bytes) -> int:
    ours, theirs = current.split(b"\n"), new.split(b"\n")
    for number, (a, b) in enumerate(zip(ours, theirs, strict=False), 1):
        if a != b:
            return number
    return min(len(ours), len(theirs))
