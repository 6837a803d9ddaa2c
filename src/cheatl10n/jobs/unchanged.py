"""Where ``extract`` decides a page needs no work.

Two answers, from the cheapest:

1. ``runtime/record.py``: the last run's record of every file's stat signature.
   When nothing changed since, ``cli/main.py`` answers before click loads, and a
   full run reads only the pages whose signature changed.
2. Here, per page: each catalog's header holds two digests
   (``X-Cheatl10n-Source: <page> <catalog>``): one of the page with its path
   and the settings (of all its pages, for a shared catalog), one of the
   catalog's lines that ``extract`` owns (all but the translators' msgstr
   lines, flags and comments). A page whose digests still match in all its
   catalogs is not parsed again, and a translator's saved work is never
   rewritten. A page moved to a new path is merged again, so its catalogs'
   references and headers name the new path.
"""

from __future__ import annotations

import hashlib
import re

DIGEST_HEADER = "X-Cheatl10n-Source"
_DIGEST = re.compile(rf'^"{DIGEST_HEADER}: ([0-9a-f]{{16}}) ([0-9a-f]{{16}})\\n"$', re.MULTILINE)
BLANK_DIGEST = b"0" * 16


_TRANSLATORS_PART = re.compile(
    rb'^(?:#~ )?msgstr[^\n]*(?:\n|\Z)(?:(?:#~ )?"[^\n]*(?:\n|\Z))*'  # a msgstr, its continued lines
    rb"|^(?:#,|#\||#~\||# )[^\n]*(?:\n|\Z)"  # flags, previous msgids, translator comments
    rb"|^#\r?(?:\n|\Z)",  # an empty translator comment
    re.MULTILINE,
)


def owned_digest(encoded: bytes) -> bytes:
    """The digest of the lines ``extract`` owns in a catalog.

    Left out is what translators and their tools edit: every msgstr (the
    header's fields too, the page digest among them), flags, previous msgids
    and translator comments. A translation saved in Poedit or Weblate leaves
    this digest as it was, so ``extract`` neither merges nor rewrites the file.
    """
    return hashlib.sha256(_TRANSLATORS_PART.sub(b"", encoded)).hexdigest()[:16].encode()


def stamp(encoded: bytes, page: str) -> bytes:
    """Write the owned digest into the catalog's ``X-Cheatl10n-Source`` header (set to ``page`` + zeros)."""
    marker = f"{DIGEST_HEADER}: {page} ".encode() + BLANK_DIGEST
    return encoded.replace(marker, marker[: -len(BLANK_DIGEST)] + owned_digest(encoded), 1)


def header_digest(data: bytes | None) -> str | None:
    """The page digest in a catalog's header, if no line ``extract`` owns was edited since it wrote them."""
    if data is None:
        return None
    match = _DIGEST.search(data[:4096].decode("utf-8", "replace"))
    if match is None:
        return None
    return match.group(1) if owned_digest(data) == match.group(2).encode() else None


def group_digest(digests: list[str]) -> str:
    """The digest a catalog's header holds: its page's, or, for a catalog shared by several
    pages, one of all their digests in order (a page added, removed or edited changes it)."""
    if len(digests) == 1:
        return digests[0]
    return hashlib.sha256("\n".join(digests).encode("ascii")).hexdigest()[:16]


def page_is_current(digest: str, catalogs: list[bytes | None]) -> bool:
    """Whether every catalog of a page was written by ``extract`` from a page with ``digest``."""
    return all(header_digest(data) == digest for data in catalogs)
