"""The Unicode tables in unidata.py are uniseg's, code point for code point, and exactly what
tests/make_unidata.py writes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from cheatl10n import unidata

uniseg_linebreak = pytest.importorskip("uniseg.linebreak", reason="uniseg is a test dependency")

SCRIPT = Path(__file__).resolve().parent.parent / "make_unidata.py"


def test_every_code_point_has_uniseg_s_properties() -> None:
    line_break, pictographic = uniseg_linebreak.line_break, uniseg_linebreak.extended_pictographic
    differing = [
        code
        for code in range(0x110000)
        if unidata.line_break_class(chr(code)) != str(line_break(chr(code)))
        or unidata.extended_pictographic(chr(code)) != pictographic(chr(code))
    ]
    assert differing == []


def test_the_file_is_what_the_script_writes() -> None:
    spec = importlib.util.spec_from_file_location("make_unidata", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert Path(unidata.__file__).read_text(encoding="utf-8") == script.render()


def test_some_properties_from_the_standard() -> None:
    # Values from the Unicode Character Database, independent of either table.
    assert [unidata.line_break_class(c) for c in " a1(-\u00a0\u3042\u200b"] == [
        "SP", "AL", "NU", "OP", "HY", "GL", "ID", "ZW",
    ]  # fmt: skip
    assert unidata.extended_pictographic("😀") and unidata.extended_pictographic("\u00a9")
    assert not unidata.extended_pictographic("A") and not unidata.extended_pictographic("\u3042")
