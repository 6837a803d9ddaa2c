"""What ``init`` proposes for a site that already has translations: the settings that adopt it.

It compares each source page with its translations: a kind of code slot
(comments, Python strings, output lines, code-only cells) whose text differs
in some translated page means the translators translate it, so its switch is
proposed on; a frontmatter key (or ``<route>`` meta key) whose string value
differs between the languages is proposed as a translated key. Pages that cannot be read are
skipped: ``init`` only proposes, ``import`` reports.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from cheatl10n.config import CODE_SWITCHES
from cheatl10n.errors import Cheatl10nError
from cheatl10n.model import SegmentOptions, Segments
from cheatl10n.pages.frontmatter import yaml_data
from cheatl10n.pages.segment import segment_page
from cheatl10n.pages.site import ROUTE_BLOCK
from cheatl10n.pages.source import decode_source
from cheatl10n.patterns import Pattern, known_language

SWITCH_OF_KIND = {
    "code comment": "code_comments",
    "code string": "code_strings",
    "code output": "code_output",
    "code cell": "code_cells",
}
DEFAULT_KEYS = ("title", "description")
_ALL_CODE = SegmentOptions(code_comments=True, code_strings=True, code_output=True, code_cells=True)


@dataclass(frozen=True, slots=True)
class Proposal:
    """Settings that let ``import`` carry a site's translations over."""

    frontmatter_keys: tuple[str, ...] = DEFAULT_KEYS
    switches: tuple[str, ...] = ()
    """The code settings (``code_comments``...) to turn on."""
    exclude: tuple[str, ...] = ()
    """Globs of the source pages that no language translates (``untranslated_globs``)."""
    exclude_clear: bool = False
    """Whether most pages are translated, so the others are left out on purpose: the
    ``exclude`` setting is then written active, else as a comment to consider."""
    counts: tuple[int, int, int] = (0, 0, 0)
    """Source pages without a translation, with one, and in all."""


def propose(
    root: Path,
    pages: str,
    source_language: str,
    languages: tuple[str, ...],
    keys_to_start: tuple[str, ...] = DEFAULT_KEYS,
    source_pages: str | None = None,
) -> Proposal:
    """Look at every source page and its translations under ``root``; ``keys_to_start`` are always in.

    ``source_pages`` is where the source pages are when not at ``pages`` (``docs/{path}.md``).
    """
    pattern = Pattern(pages)
    source_pattern = Pattern(source_pages) if source_pages else pattern
    regex = source_pattern.regex(source_language)
    kinds: Counter[str] = Counter()
    keys: dict[str, None] = dict.fromkeys(keys_to_start)
    sources, untranslated = [], []
    for file in sorted(root.rglob("*" + Path(source_pattern.text).suffix)):
        relative = file.relative_to(root).as_posix()
        match = regex.fullmatch(relative)
        if match is None or (source_pages and _is_translation(pattern, relative)):
            continue
        sources.append(relative)
        source = _segments(file, relative)
        others = [pattern.format(lang, match.groupdict()) for lang in languages]
        if not any((root / other).is_file() for other in others):
            untranslated.append(relative)
        for other_path in others:
            translated = _segments(root / other_path, other_path)
            if source is None or translated is None:
                continue
            kinds.update(_translated_kinds(source, translated))
            keys.update(dict.fromkeys(_differing_keys(source, translated)))
    switches = tuple(
        name for name in CODE_SWITCHES if any(kinds[k] for k, s in SWITCH_OF_KIND.items() if s == name)
    )
    done = len(sources) - len(untranslated)
    if not done:
        return Proposal(tuple(keys), switches)  # nothing translated yet: every page is to do
    base = source_pattern.static_prefix().replace("{lang}", source_language)
    globs = untranslated_globs(sources, untranslated, base)
    clear = done >= CLEAR_SHARE * len(sources)
    return Proposal(tuple(keys), switches, globs, clear, (len(untranslated), done, len(sources)))


CLEAR_SHARE = 0.75
"""Share of the source pages that must have a translation for the others to count as left out
on purpose (FastAPI: 124 of 155, its API reference and release notes untranslated)."""


def untranslated_globs(sources: list[str], untranslated: list[str], base: str) -> tuple[str, ...]:
    """Globs naming exactly the ``untranslated`` pages: ``folder/*`` for a folder (below ``base``)
    whose every page is untranslated, else the page itself.

    >>> pages = ["d/a.md", "d/b.md", "d/r/x.md", "d/r/y/z.md"]
    >>> untranslated_globs(pages, pages[1:], "d/")
    ('d/b.md', 'd/r/*')
    """
    left = set(untranslated)
    translated_folders = {folder for page in sources if page not in left for folder in _folders(page)}
    globs = set()
    for page in untranslated:
        below = [folder for folder in _folders(page) if folder.startswith(base) and len(folder) > len(base)]
        whole = [folder for folder in below if folder not in translated_folders]
        many = [folder for folder in whole if sum(p.startswith(folder) for p in untranslated) > 1]
        globs.add(f"{many[0]}*" if many else page)
    return tuple(sorted(globs))


def _folders(page: str) -> list[str]:
    """The folders holding ``page``, outermost first, each ending with ``/``."""
    parts = page.split("/")[:-1]
    return ["/".join(parts[: depth + 1]) + "/" for depth in range(len(parts))]


def _is_translation(pattern: Pattern, relative: str) -> bool:
    """Whether a page the source pattern matches is a translated one (``page.ja.md`` beside ``page.md``)."""
    match = pattern.regex(None).fullmatch(relative)
    return match is not None and known_language(match.group("lang"))


def _segments(file: Path, relative: str) -> Segments | None:
    try:
        return segment_page(decode_source(file.read_bytes(), Path(relative)), _ALL_CODE)
    except (OSError, Cheatl10nError):
        return None


def _translated_kinds(source: Segments, translated: Segments) -> set[str]:
    """The code kinds of which the translated page has a text the source page lacks."""
    found = set()
    for kind in SWITCH_OF_KIND:
        mine = Counter(slot.msgid for slot in source.slots if slot.kind == kind)
        theirs = Counter(slot.msgid for slot in translated.slots if slot.kind == kind)
        if theirs - mine:
            found.add(kind)
    return found


def _frontmatter(segments: Segments) -> dict[object, object]:
    """The values of the page's YAML frontmatter, which ``segments.meta`` places (from the line
    after the opening ``---`` to the closing one)."""
    meta = segments.meta
    if meta is None or meta.delimiter != "---":
        return {}
    return _mapping(segments.text[segments.text.find("\n") + 1 : meta.insert_at])


def _route_meta(segments: Segments) -> dict[object, object]:
    """The ``meta:`` values of the page's ``<route>`` block : ``frontmatter_keys`` name them too."""
    found = ROUTE_BLOCK.search(segments.text, segments.body)
    meta = _mapping(found.group(1)).get("meta") if found else None
    return meta if isinstance(meta, dict) else {}


def _mapping(text: str) -> dict[object, object]:
    try:
        values = yaml_data(text)
    except ValueError:
        return {}
    return values if isinstance(values, dict) else {}


def _differing_keys(source: Segments, translated: Segments) -> list[str]:
    """Keys whose string values differ between the pages' frontmatter or route blocks, in source order."""
    found: dict[str, None] = {}
    for read in (_frontmatter, _route_meta):
        mine, theirs = read(source), read(translated)
        found.update(
            (key, None)
            for key, value in mine.items()
            if isinstance(key, str)
            and isinstance(value, str)
            and isinstance(theirs.get(key), str)
            and theirs[key] != value
        )
    return list(found)
