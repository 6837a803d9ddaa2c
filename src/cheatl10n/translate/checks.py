"""Checks on translated msgstrs: does a translation keep the markup of its msgid?

Each checker looks at one (msgid, msgstr) pair and yields findings; a runner
collects them for a catalog entry. Errors make ``build`` fall back to the source
text for that string; warnings are only reported. Anything that could run in a
reader's browser (``<script>``, event handlers, ``javascript:`` addresses, Vue
mustaches and directives) is an error whenever the msgid does not have it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import polib

from cheatl10n.model import LANGUAGE_ONLY_CONTEXT
from cheatl10n.pages.frontmatter import is_key_text
from cheatl10n.pages.toml_frontmatter import is_toml_key_text
from cheatl10n.po.read import header_line, plural_mismatch
from cheatl10n.translate.markup import Markup, find_markup, missing, unlocalize

Severity = str  # "error" or "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about one translation."""

    severity: Severity
    message: str


@dataclass(frozen=True, slots=True)
class Pair:
    """What a checker looks at."""

    msgid: str
    msgstr: str
    kinds: tuple[str, ...]
    lang: str
    translatable: tuple[str, ...]
    source: Markup
    target: Markup

    @property
    def markdown(self) -> bool:
        """Whether the string is Markdown inline text (not a YAML value, attribute or code comment)."""
        return not any(
            kind.startswith(("frontmatter", "route", "attribute", "code comment")) for kind in self.kinds
        )

    @property
    def one_line(self) -> bool:
        return any(
            kind in ("heading", "table cell", "code comment") or kind.startswith("attribute")
            for kind in self.kinds
        )


Checker = Callable[[Pair], Iterator[Problem]]

_DANGEROUS_TAGS = re.compile(r"<\s*(script|iframe|object|embed|style|link|meta|base|form)\b", re.IGNORECASE)
_HANDLER = re.compile(r"""<[^>]*\s(on[a-z]+)\s*=""", re.IGNORECASE)
_JS_URL = re.compile(r"(?:javascript|vbscript|data)\s*:", re.IGNORECASE)
_DIRECTIVE = re.compile(r"""<[^>]*\s((?:v-[\w:.-]+|[:@#][\w.-]+))(?:\s*=|[\s/>])""")
_BLOCK_START = re.compile(
    r"^(?: {0,3})(?:#{1,6}(?:\s|$)|[-+*](?:\s|$)|>|\d{1,9}[.)](?:\s|$)|\||```|~~~|={3,}\s*$|-{3,}\s*$)"
)
_INDENTED = re.compile(r"^(?: {4}|\t)")


def _compare(source: tuple[str, ...], target: tuple[str, ...], drops: str, adds: str) -> Iterator[Problem]:
    """Errors for what ``target`` drops from or adds to ``source`` (as multisets)."""
    dropped, added = missing(source, target)
    yield from (Problem("error", drops.format(item)) for item in dropped)
    yield from (Problem("error", adds.format(item)) for item in added)


def _check_code_spans(pair: Pair) -> Iterator[Problem]:
    if pair.markdown:
        source, target = pair.source.code_spans, pair.target.code_spans
        yield from _compare(
            source, target, "translation drops code span `{}`", "translation adds code span `{}`"
        )


def _check_targets(pair: Pair) -> Iterator[Problem]:
    if pair.markdown:
        source = tuple(unlocalize(t, pair.lang) for t in pair.source.targets)
        target = tuple(unlocalize(t, pair.lang) for t in pair.target.targets)
        yield from _compare(
            source, target, "translation drops link target ({})", "translation adds link target ({})"
        )


def _check_tags(pair: Pair) -> Iterator[Problem]:
    source = tuple(unlocalize(t, pair.lang) for t in pair.source.tags)
    target = tuple(unlocalize(t, pair.lang) for t in pair.target.tags)
    yield from _compare(
        source, target, "translation drops or alters tag {}", "translation adds or alters tag {}"
    )


def _check_injection(pair: Pair) -> Iterator[Problem]:
    """What runs in a browser must come from the source, never from a translation."""
    checks = (
        (_DANGEROUS_TAGS, "element <{}>"),
        (_HANDLER, "event handler {}="),
        (_JS_URL, "script address {}"),
        (_DIRECTIVE, "Vue directive {}"),
    )
    for pattern, label in checks:
        had = {m.group(1).lower() if m.groups() else m.group(0).lower() for m in pattern.finditer(pair.msgid)}
        for match in pattern.finditer(pair.msgstr):
            found = (match.group(1) if match.groups() else match.group(0)).lower()
            if found not in had:
                yield Problem("error", f"translation adds {label.format(found.strip())}")
    yield from _compare(
        pair.source.mustaches,
        pair.target.mustaches,
        "translation drops Vue mustache {}",
        "translation adds Vue mustache {}",
    )


_MARKS = {"[]": "[…]", "()": "(…)", "**": "**…**", "__": "__…__"}


def _balance(text: str) -> dict[str, int]:
    stripped = re.sub(r"(`+).+?\1", "", text, flags=re.DOTALL)
    stripped = re.sub(r"\\.", "", stripped)
    return {
        "[]": stripped.count("[") - stripped.count("]"),
        "()": stripped.count("(") - stripped.count(")"),
        "**": stripped.count("**") % 2,
        "__": len(re.findall(r"(?<![\w_])__|__(?![\w_])", stripped)) % 2,
    }


def _check_balance(pair: Pair) -> Iterator[Problem]:
    if not pair.markdown:
        return
    before, after = _balance(pair.msgid), _balance(pair.msgstr)
    for marks, count in after.items():
        if count != before[marks]:
            yield Problem("error", f"translation leaves {_MARKS[marks]} unbalanced")
    if pair.msgstr.count("`") % 2 and not pair.msgid.count("`") % 2:
        yield Problem("error", "translation leaves a backtick unclosed")


def _check_lines(pair: Pair) -> Iterator[Problem]:
    if "\n\n" in pair.msgstr.strip("\n") and "\n\n" not in pair.msgid:
        yield Problem("error", "translation has a blank line, which would split the block")
    if pair.one_line and "\n" in pair.msgstr and "\n" not in pair.msgid:
        what = next(kind for kind in pair.kinds if kind) if pair.kinds else "string"
        yield Problem("error", f"a {what} translation must stay on one line")


def _check_block_start(pair: Pair) -> Iterator[Problem]:
    if not pair.markdown:
        return
    source_lines = pair.msgid.split("\n")
    for number, line in enumerate(pair.msgstr.split("\n")):
        original = source_lines[min(number, len(source_lines) - 1)]
        start = _BLOCK_START.match(line)
        if start and not _BLOCK_START.match(original):
            marker = start.group(0).strip() or line.strip()[:1]
            message = f"translation line starts with {marker!r}, which starts a new block"
            yield Problem("error", message + "; escape it with a backslash")
        elif number and _INDENTED.match(line):
            yield Problem("error", "translation line is indented 4 spaces, which makes a code block")


def _check_shortcodes(pair: Pair) -> Iterator[Problem]:
    """Shortcode calls stay, name and parameters; only their text parameters may be translated."""
    yield from _compare(
        pair.source.shortcodes,
        pair.target.shortcodes,
        "translation drops or alters shortcode {}",
        "translation adds or alters shortcode {}",
    )


def _check_placeholders(pair: Pair) -> Iterator[Problem]:
    source, target = pair.source.placeholders, pair.target.placeholders
    yield from _compare(source, target, "translation drops placeholder {}", "translation adds placeholder {}")


def _check_style(pair: Pair) -> Iterator[Problem]:
    if pair.msgstr == pair.msgid:
        yield Problem("warning", "translation is identical to the source text")
    if pair.msgstr != pair.msgstr.rstrip() and pair.msgid == pair.msgid.rstrip():
        yield Problem("warning", "translation ends with white space")
    if pair.msgstr != pair.msgstr.lstrip() and pair.msgid == pair.msgid.lstrip():
        yield Problem("warning", "translation starts with white space")


CHECKERS: tuple[Checker, ...] = (
    _check_code_spans,
    _check_targets,
    _check_tags,
    _check_injection,
    _check_balance,
    _check_lines,
    _check_block_start,
    _check_placeholders,
    _check_shortcodes,
    _check_style,
)


def check_translation(
    msgid: str,
    msgstr: str,
    kinds: tuple[str, ...] = (),
    lang: str = "",
    translatable: tuple[str, ...] = ("title", "alt", "aria-label", "placeholder"),
) -> list[Problem]:
    """Every problem of one translation, errors first, each once."""
    pair = Pair(
        msgid,
        msgstr,
        kinds,
        lang,
        translatable,
        find_markup(msgid, translatable),
        find_markup(msgstr, translatable),
    )
    found: list[Problem] = []
    for checker in CHECKERS:
        for problem in checker(pair):
            if problem not in found:
                found.append(problem)
    return sorted(found, key=lambda problem: problem.severity != "error")


def check_own_key(key: str, text: str) -> list[Problem]:
    """A frontmatter key of the translation only must be frontmatter setting that key alone."""
    if is_key_text(text, key) or is_toml_key_text(text, key):
        return []
    return [Problem("error", f"frontmatter key {key!r}: the text must set {key!r} alone, as frontmatter")]


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
) -> tuple[list[CheckFinding], set[tuple[str | None, str]]]:
    """Findings for every translated entry, and the keys of the entries with errors."""
    findings = []
    broken: set[tuple[str | None, str]] = set()
    mismatch = plural_mismatch(po)
    if mismatch:
        findings.append(CheckFinding(where, header_line(po), "warning", mismatch))
    for entry in po:
        if entry.obsolete or not entry.msgstr or (entry.fuzzy and not use_fuzzy):
            continue
        kinds = tuple(line for line in (entry.comment or "").split("\n") if line)
        line = getattr(entry, "msgstr_line", None) or entry.linenum
        if entry.msgctxt == LANGUAGE_ONLY_CONTEXT:
            problems = check_own_key(entry.msgid, entry.msgstr)
        else:
            problems = check_translation(entry.msgid, entry.msgstr, kinds, lang, translatable)
        for problem in problems:
            findings.append(CheckFinding(where, line, problem.severity, problem.message))
            if problem.severity == "error":
                broken.add((entry.msgctxt, entry.msgid))
    return findings, broken
