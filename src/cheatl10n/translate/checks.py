"""A catalog's translations through the gate: findings at the msgstr's line, and the entries to leave out.

``check`` prints the findings, ``build`` leaves the entries with errors out (their
slots keep the source text) and ``import`` imports them fuzzy: all three ask
``gate.judge_page`` about the same translations of the same page, so they agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib

from cheatl10n.model import LANGUAGE_ONLY_CONTEXT, LAYOUT_CONTEXT, Segments
from cheatl10n.pages.frontmatter import is_key_text
from cheatl10n.pages.toml_frontmatter import is_toml_key_text
from cheatl10n.po.read import header_line, plural_mismatch
from cheatl10n.translate.gate import ERROR, TRANSLATABLE, Key, Problem, judge_page
from cheatl10n.translate.layout import catalog_layouts, lay_out

__all__ = ["CheckFinding", "Checked", "Problem", "check_catalog", "check_own_key", "used_translations"]


@dataclass(frozen=True, slots=True)
class CheckFinding:
    """A problem with one translation, at the line of its msgstr."""

    path: Path
    line: int
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


def check_own_key(key: str, text: str) -> list[Problem]:
    """A frontmatter key of the translation only must be frontmatter setting that key alone."""
    if is_key_text(text, key) or is_toml_key_text(text, key):
        return []
    return [Problem(ERROR, f"frontmatter key {key!r}: the text must set {key!r} alone, as frontmatter")]


def used_translations(po: polib.POFile, use_fuzzy: bool) -> dict[Key, polib.POEntry]:
    """The entries whose msgstr ``build`` would put on the page."""
    return {
        (entry.msgctxt, entry.msgid): entry
        for entry in po
        if not entry.obsolete and entry.msgstr and (use_fuzzy or not entry.fuzzy)
    }


@dataclass(frozen=True, slots=True)
class Checked:
    """A catalog judged on its page."""

    findings: list[CheckFinding]
    broken: set[Key]
    """Keys of the entries with errors: left out."""
    segments: Segments
    """The page laid out with the catalog's usable layouts (``translate.layout``): what to splice into."""


def check_catalog(
    po: polib.POFile,
    where: Path,
    lang: str,
    segments: Segments,
    translatable: tuple[str, ...] = TRANSLATABLE,
    use_fuzzy: bool = True,
) -> Checked:
    """Findings for every translation used on the page, and the keys of the entries with errors.

    The kind of each string comes from ``segments`` (the page), never from the
    catalog's comments, which translators can edit. Blocks are laid out first, and
    translations judged against the laid-out blocks.
    """
    findings = []
    mismatch = plural_mismatch(po)
    if mismatch:
        findings.append(CheckFinding(where, header_line(po), "warning", mismatch))
    entries = used_translations(po, use_fuzzy)
    layouts = catalog_layouts(po, use_fuzzy)
    laid, refused = lay_out(segments, layouts) if layouts else (segments, {})
    verdict = judge_page(laid, {key: entry.msgstr for key, entry in entries.items()}, lang, translatable)
    broken: set[Key] = set()
    for key, entry in entries.items():
        line = getattr(entry, "msgstr_line", None) or entry.linenum
        if entry.msgctxt == LANGUAGE_ONLY_CONTEXT:  # not on the source page: a key of its own
            problems = check_own_key(entry.msgid, entry.msgstr)
        elif entry.msgctxt == LAYOUT_CONTEXT:
            problems = [Problem(ERROR, refused[entry.msgid])] if entry.msgid in refused else []
        else:
            problems = verdict.get(key, [])
        for problem in problems:
            findings.append(CheckFinding(where, line, problem.severity, problem.message))
            if problem.severity == ERROR:
                broken.add(key)
    return Checked(findings, broken, laid)
