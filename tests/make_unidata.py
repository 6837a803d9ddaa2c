"""Write src/cheatl10n/unidata.py: the Unicode tables cheatl10n reads, from uniseg's database.

cheatl10n needs two character properties Python's unicodedata lacks: Line_Break
(UAX #14, for wrapping PO lines as gettext does) and Extended_Pictographic (for
the width of emoji in aligned tables). uniseg has them, but importing it costs
about 70 ms in every process (its ``__init__`` loads importlib.metadata for its
version), which was a tenth of a whole ``extract`` run. The tables are written
once as ranges; tests/unit/test_unidata.py checks every code point against
uniseg and that this script still writes the same file.

    python tests/make_unidata.py
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import uniseg
from uniseg.linebreak import extended_pictographic, line_break

TARGET = Path(__file__).resolve().parent.parent / "src" / "cheatl10n" / "unidata.py"
LAST = 0x10FFFF


def ranges(value: Callable[[str], str]) -> tuple[list[int], list[str]]:
    """Code points where ``value`` changes, and the value from each on."""
    starts: list[int] = []
    values: list[str] = []
    for code in range(LAST + 1):
        current = value(chr(code))
        if not values or values[-1] != current:
            starts.append(code)
            values.append(current)
    return starts, values


def wrapped(name: str, items: list[str]) -> list[str]:
    lines = [f"{name} = ("]
    line = "   "
    for item in items:
        if len(line) + len(item) + 2 > 100:
            lines.append(line.rstrip())
            line = "   "
        line += f" {item},"
    lines.append(line.rstrip())
    lines.append(")")
    return lines


def render() -> str:
    break_starts, break_values = ranges(lambda char: str(line_break(char)))
    pictographic_starts, flags = ranges(lambda char: "1" if extended_pictographic(char) else "0")
    assert flags[0] == "0"  # so the flag flips at each later start
    lines = [
        f'"""Unicode {uniseg.unidata_version} character properties that unicodedata lacks, as range tables.',
        "",
        "Written by tests/make_unidata.py from uniseg's database; do not edit. Each",
        "``*_STARTS`` tuple lists the code points where the property changes.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from bisect import bisect_right",
        "",
        *wrapped("LINE_BREAK_STARTS", [str(code) for code in break_starts]),
        *wrapped("LINE_BREAK_VALUES", [f'"{value}"' for value in break_values]),
        "# Extended_Pictographic holds from each even-numbered start to the next start.",
        *wrapped("PICTOGRAPHIC_STARTS", [str(code) for code in pictographic_starts[1:]]),
        "",
        "",
        "def line_break_class(char: str) -> str:",
        '    """The Line_Break property of ``char`` (``AL``, ``SP``, ``CM``...)."""',
        "    return LINE_BREAK_VALUES[bisect_right(LINE_BREAK_STARTS, ord(char)) - 1]",
        "",
        "",
        "def extended_pictographic(char: str) -> bool:",
        '    """Whether ``char`` has the Extended_Pictographic property (most emoji)."""',
        "    return bisect_right(PICTOGRAPHIC_STARTS, ord(char)) % 2 == 1",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}", file=sys.stderr)
