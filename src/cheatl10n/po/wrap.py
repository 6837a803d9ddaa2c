"""Line-break opportunities as gettext finds them (libunistring's UAX #14), for PO wrapping.

The rules are those of UAX #14 applied pair by pair, with the context of a run
of spaces. Two rules newer than the libunistring that gettext links are left
out on purpose, because msgcat breaks there: LB20.1 (``-|m`` after a space)
and LB29 (``csv.|html``). Character classes come from ``unidata``.

Whether a line may break somewhere mostly depends on the two characters around it, or after
spaces on the character before them: ``cached_allowed_at`` keeps those answers. In printable
ASCII, most of a catalog's text, a line can only break after a few characters
(``ASCII_BREAK_AFTER``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from cheatl10n import unidata

_HARD = frozenset(("BK", "CR", "LF", "NL"))
_ATTACH_AFTER_NOT = frozenset(("SP", "BK", "CR", "LF", "NL", "ZW"))
_ALPHA = frozenset(("AL", "HL"))
_HANGUL_ALL = frozenset(("JL", "JV", "JT", "H2", "H3"))


@lru_cache(maxsize=4096)
def _class(char: str) -> str:
    value = unidata.line_break_class(char)  # looked up on the module: bench/mechanisms.py swaps it
    if value in ("AI", "SG", "XX", "SA"):
        return "AL"  # LB1, as for text with no dictionary-based breaking
    return "NS" if value == "CJ" else value


def _prohibited(a: str, b: str, before_spaces: str) -> bool:
    """Whether UAX #14 forbids a break between classes ``a`` and ``b``.

    ``before_spaces`` is the class before the run of spaces that ``a`` ends, or ``a``.
    """
    if b in _HARD or b in ("SP", "ZW"):  # LB6, LB7
        return True
    if before_spaces == "ZW":  # LB8
        return False
    if "WJ" in (a, b) or a == "GL":  # LB11, LB12
        return True
    if b == "GL" and a not in ("SP", "BA", "HY"):  # LB12a
        return True
    if b in ("CL", "CP", "EX", "IS", "SY"):  # LB13
        return True
    if before_spaces == "OP":  # LB14
        return True
    if b == "OP" and before_spaces == "QU":  # LB15
        return True
    if b == "NS" and before_spaces in ("CL", "CP"):  # LB16
        return True
    if b == "B2" and before_spaces == "B2":  # LB17
        return True
    if a == "SP":  # LB18
        return False
    return _prohibited_between(a, b)


def _prohibited_between(a: str, b: str) -> bool:
    """Rules LB19 to LB30b, for two classes with no space between them."""
    if "QU" in (a, b):  # LB19
        return True
    if "CB" in (a, b):  # LB20
        return False
    if b in ("BA", "HY", "NS") or a == "BB" or b == "IN":  # LB21, LB22
        return True
    if (a == "SY" and b == "HL") or (a in _ALPHA and b == "NU") or (a == "NU" and b in _ALPHA):
        return True  # LB21b, LB23
    if (a == "PR" and b in ("ID", "EB", "EM")) or (a in ("ID", "EB", "EM") and b == "PO"):
        return True  # LB23a
    if (a in ("PR", "PO") and b in _ALPHA) or (a in _ALPHA and b in ("PR", "PO")):
        return True  # LB24
    if (a in ("CL", "CP", "NU") and b in ("PO", "PR")) or (a in ("PO", "PR") and b == "OP"):
        return True  # LB25
    if a in ("PO", "PR", "HY", "IS", "NU", "SY") and b == "NU":
        return True  # LB25
    if (a == "JL" and b in ("JL", "JV", "H2", "H3")) or (a in ("JV", "H2") and b in ("JV", "JT")):
        return True  # LB26
    if (a in ("JT", "H3") and b == "JT") or (a in _HANGUL_ALL and b == "PO"):
        return True  # LB26, LB27
    if a == "PR" and b in _HANGUL_ALL:
        return True  # LB27
    if a in _ALPHA and b in _ALPHA:  # LB28
        return True
    if (a in ("AL", "HL", "NU") and b == "OP") or (a == "CP" and b in ("AL", "HL", "NU")):
        return True  # LB30
    return a == "EB" and b == "EM"  # LB30b


def _resolved(text: str, index: int) -> tuple[str, int]:
    """The class at ``index`` (a combining mark takes its base's: LB9, LB10), and the base's index."""
    cls = _class(text[index])
    if cls not in ("CM", "ZWJ"):
        return cls, index
    base = index
    while base > 0 and _class(text[base - 1]) in ("CM", "ZWJ"):
        base -= 1
    if base == 0:
        return "AL", index
    before = _class(text[base - 1])
    return ("AL", index) if before in _ATTACH_AFTER_NOT else (before, base - 1)


def _east_asian_exception(previous: str, current: str, before: str, char: str) -> bool:
    """LB30 keeps ``a(`` and ``)a`` together only for parentheses that are not East Asian wide.

    A full-width ``（`` after a Latin letter or a backtick may start a line, as in msgcat's
    output; no rule before LB30 forbids a break between these classes.
    """
    if current == "OP" and previous in ("AL", "HL", "NU"):
        return unicodedata.east_asian_width(char) in ("F", "W", "H")
    if previous == "CP" and current in ("AL", "HL", "NU"):
        return unicodedata.east_asian_width(before) in ("F", "W", "H")
    return False


def allowed_at(text: str, index: int) -> bool:
    """Whether a line may break before ``text[index]``, found from the few characters around it.

    >>> [i for i in range(1, 5) if allowed_at("a b-c", i)], allowed_at("  b", 2)
    ([2, 4], False)
    """
    current = _class(text[index])
    previous, at = _resolved(text, index - 1)
    if current in ("CM", "ZWJ"):
        if previous not in _ATTACH_AFTER_NOT:
            return False
        current = "AL"
    if current == "RI" and previous == "RI":
        run = 0
        while at - run >= 0 and _class(text[at - run]) == "RI":
            run += 1
        return run % 2 == 0
    if _east_asian_exception(previous, current, text[at], text[index]):
        return True
    before_spaces = previous
    while before_spaces == "SP" and at > 0:
        before_spaces, at = _resolved(text, at - 1)
    if before_spaces == "SP":
        return False  # spaces that start the text: libunistring never breaks at a line's start
    return not _prohibited(previous, current, before_spaces)


ASCII_BREAK_AFTER = re.compile(r"[ !$%)+,\-./:;?\\\]|}]")
"""The printable ASCII characters after which a line may break: spaces and those of classes
EX, PR, PO, CP, CL, IS, HY, SY, BA. None may follow a letter, a digit (AL, NU: LB13, LB21,
LB23 to LB30), a quote (QU: LB19) or an opening bracket (OP: LB14)."""


def cached_allowed_at(text: str, index: int) -> bool:
    """``allowed_at(text, index)``, kept per context: the characters that decide it are the two
    around the break, or after spaces the one before them and the one after; unless the first
    of those is a combining mark or a regional indicator, whose reach is longer.

    >>> [i for i in range(1, 8) if cached_allowed_at("a  b-c(d", i)]
    [3, 5]
    """
    if text[index - 1] != " ":
        context = text[index - 1 : index + 1]
    else:
        start = index - 1
        while start and text[start - 1] == " ":
            start -= 1
        context = f"{text[start - 1 : start]} {text[index]}"  # no character before a leading run
    decided = _decided_by(context)
    return allowed_at(text, index) if decided is None else decided


_FAR_REACHING = frozenset(("CM", "ZWJ", "SP", "RI"))


@lru_cache(maxsize=65536)
def _decided_by(context: str) -> bool | None:
    """Whether a line may break before the last character of ``context`` (two characters, or
    one or none, a space and one), or None when characters further back could change that."""
    if context[0] != " " and _class(context[0]) in _FAR_REACHING:
        return None
    return allowed_at(context, len(context) - 1)
