"""Reports on translations, read-only: ``check`` (markup checks) and ``status`` (counts)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from cheatl10n.catalog import header_line, plural_mismatch
from cheatl10n.config import Config
from cheatl10n.model import Segments
from cheatl10n.prose import count_words
from cheatl10n.report import Counts, PageStatus, total_counts
from cheatl10n.validate import check_translation
from cheatl10n.workflow import Progress, check_languages, load_catalog, load_segments, shown, with_progress

Key = tuple[str | None, str]
__all__ = ["CheckResult", "Diagnosis", "check", "diagnose", "status", "total_counts"]


def entries_by_key(po: polib.POFile | None) -> dict[Key, polib.POEntry]:
    """The catalog's active entries by (msgctxt, msgid)."""
    if po is None:
        return {}
    return {(entry.msgctxt, entry.msgid): entry for entry in po if not entry.obsolete}


def count_strings(segments: Segments, po: polib.POFile | None) -> Counts:
    """How many of the page's strings (and their words) are translated, fuzzy, untranslated, missing."""
    entries = entries_by_key(po)
    counts = Counts()
    for key in dict.fromkeys(slot.key for slot in segments.slots):
        entry = entries.get(key)
        if entry is None:
            kind = "missing"
        elif not entry.msgstr:
            kind = "untranslated"
        else:
            kind = "fuzzy" if entry.fuzzy else "translated"
        counts.count(kind, count_words(key[1]))
    counts.obsolete = sum(1 for entry in po or [] if entry.obsolete)
    return counts


@dataclass(frozen=True, slots=True)
class CheckFinding:
    """A problem with one translation, at the line of its msgstr."""

    path: Path
    line: int
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


def check_catalog(
    po: polib.POFile, where: Path, lang: str, translatable: tuple[str, ...], use_fuzzy: bool = True
) -> tuple[list[CheckFinding], set[Key]]:
    """Findings for every translated entry, and the keys of the entries with errors."""
    findings = []
    broken: set[Key] = set()
    mismatch = plural_mismatch(po)
    if mismatch:
        findings.append(CheckFinding(where, header_line(po), "warning", mismatch))
    for entry in po:
        if entry.obsolete or not entry.msgstr or (entry.fuzzy and not use_fuzzy):
            continue
        kinds = tuple(line for line in (entry.comment or "").split("\n") if line)
        line = getattr(entry, "msgstr_line", None) or entry.linenum
        for problem in check_translation(entry.msgid, entry.msgstr, kinds, lang, translatable):
            findings.append(CheckFinding(where, line, problem.severity, problem.message))
            if problem.severity == "error":
                broken.add((entry.msgctxt, entry.msgid))
    return findings, broken


@dataclass(slots=True)
class CheckResult:
    findings: list[CheckFinding] = field(default_factory=list)
    catalogs: int = 0
    entries: int = 0

    @property
    def errors(self) -> int:
        """Translations with at least one error."""
        return len({(f.path, f.line) for f in self.findings if f.severity == "error"})


def check(
    config: Config,
    langs: Sequence[str],
    progress: Progress | None = None,
    only: Sequence[Path] = (),
    include_fuzzy: bool = False,
) -> CheckResult:
    """Check every translation in the catalogs of ``langs`` (only the ``only`` files, when given).

    Fuzzy entries are skipped unless ``include_fuzzy``: ``build`` never uses them and
    ``msgfmt -c`` skips them too, so a fuzzy suggestion is not yet anyone's translation.
    """
    wanted = {path.resolve() for path in only}
    langs = check_languages(config, langs)
    result = CheckResult()
    pages = list(config.discover())
    report = with_progress(progress, pages)
    for done, page in enumerate(pages):
        if report:
            report(done)
        for lang in langs:
            relative = config.catalog_path(page, lang)
            if wanted and (config.root / relative).resolve() not in wanted:
                continue
            po = load_catalog(config, relative, lang)
            if po is None:
                continue
            result.catalogs += 1
            result.entries += sum(
                1
                for entry in po
                if entry.msgstr and not entry.obsolete and (include_fuzzy or not entry.fuzzy)
            )
            findings, _broken = check_catalog(
                po, shown(config, relative), lang, config.attributes, use_fuzzy=include_fuzzy
            )
            result.findings.extend(findings)
    return result


def status(config: Config, langs: Sequence[str], progress: Progress | None = None) -> list[PageStatus]:
    """Counts per page and language, from the pages as they are now."""
    langs = check_languages(config, langs)
    found = []
    pages = list(config.discover())
    report = with_progress(progress, pages)
    for done, page in enumerate(pages):
        if report:
            report(done)
        segments = load_segments(config, page)
        for lang in langs:
            relative = config.catalog_path(page, lang)
            found.append(
                PageStatus(
                    lang, page.source, relative, count_strings(segments, load_catalog(config, relative, lang))
                )
            )
    return found


@dataclass(slots=True)
class Diagnosis:
    """What ``doctor`` found wrong with a site; empty lists mean healthy."""

    orphans: list[str] = field(default_factory=list)
    """Catalogs (and templates) whose page no longer exists."""
    without_catalog: list[str] = field(default_factory=list)
    """(lang, page) pairs with no catalog yet: ``extract`` was not run."""
    broken: list[str] = field(default_factory=list)
    """Catalogs that cannot be read, with the reason."""
    pages: int = 0
    catalogs: int = 0

    @property
    def healthy(self) -> bool:
        return not (self.orphans or self.without_catalog or self.broken)


def _existing(config: Config, pattern_text: str, lang: str) -> set[str]:
    """Files under the site that match a path pattern for ``lang``."""
    from cheatl10n.config import Pattern

    pattern = Pattern(pattern_text)
    regex = pattern.regex(lang)
    base = config.root / pattern.static_prefix().replace("{lang}", lang)
    found = set()
    if base.is_dir():
        for path in sorted(base.rglob("*")):
            relative = path.relative_to(config.root).as_posix()
            if path.is_file() and regex.fullmatch(relative):
                found.add(relative)
    return found


def diagnose(config: Config, langs: Sequence[str]) -> Diagnosis:
    """Do the config, the pages and the catalogs agree? (``cheatl10n doctor``)."""
    from cheatl10n.errors import Cheatl10nError

    langs = check_languages(config, langs)
    result = Diagnosis()
    pages = list(config.discover())
    result.pages = len(pages)
    for lang in langs:
        expected = {config.catalog_path(page, lang): page for page in pages}
        existing = _existing(config, config.catalogs.text, lang)
        result.catalogs += len(existing)
        result.orphans.extend(sorted(existing - expected.keys()))
        result.without_catalog.extend(
            f"{lang}: {expected[path].source}" for path in sorted(expected.keys() - existing)
        )
        for path in sorted(existing & expected.keys()):
            try:
                load_catalog(config, path, lang)
            except Cheatl10nError as exc:
                result.broken.append(str(exc))
    if config.templates is not None:
        expected_templates = {config.template_path(page) for page in pages}
        result.orphans.extend(sorted(_existing(config, config.templates.text, "") - expected_templates))
    return result
