"""PO wrapping equals msgcat's on Japanese text: every string of the corpus's ja pages.

The Japanese pages of FastAPI (MkDocs) and OpenTelemetry (Hugo) are cut into strings
as source pages would be; all of them go into one catalog written by cheatl10n, and
gettext's own ``msgcat`` must give back the very same bytes (UAX #14 as libunistring
applies it: LB30 lets a full-width ``（`` start a line after a Latin word).
"""

from __future__ import annotations

import subprocess

import polib
import pytest

from cheatl10n.model import SegmentOptions
from cheatl10n.pages.segment import segment_page
from cheatl10n.pages.source import read_source
from cheatl10n.po.write import dump_po

from support import SHARED, require_tool

pytestmark = [pytest.mark.slow, pytest.mark.corpus]
SITES = {"fastapi": ("docs/ja", "mkdocs"), "opentelemetry": ("content/ja", "hugo")}


@pytest.mark.parametrize("name", sorted(SITES))
def test_catalog_of_japanese_strings_is_wrapped_as_msgcat_wraps_it(name: str) -> None:
    msgcat = require_tool("msgcat")
    folder, dialect = SITES[name]
    pages = SHARED / "corpus" / name / folder
    if not pages.is_dir():
        pytest.skip(f"shared corpus not found at {pages}")
    po = polib.POFile(wrapwidth=79)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit"}
    seen = set()
    for page in sorted(pages.rglob("*.md")):
        for slot in segment_page(read_source(page, page), SegmentOptions(dialect=dialect)).slots:
            if slot.key not in seen:
                seen.add(slot.key)
                po.append(polib.POEntry(msgctxt=slot.context, msgid=slot.msgid, msgstr=slot.msgid))
    assert len(po) > 5000
    data = dump_po(po)
    assert subprocess.run([msgcat, "-"], input=data, capture_output=True, check=True).stdout == data
