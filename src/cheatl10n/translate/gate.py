"""The one gate every translation passes: ``import``, ``check`` and ``build`` all call ``judge_page``.

It judges the result, not the spelling. Each top-level block of the page that
holds translated slots is spliced with the renderer (``render.splice``), parsed
and rendered the way the site does (``pages.site``), read as a browser reads HTML
(``digest``) and compared with the same block of the source page: the same block
structure, the same elements and attributes (translatable values aside), the same
link and image targets, no new script, handler, directive, script address or Vue
interpolation, no code text lost. Frontmatter must load to the same keys.

Formatting is the translator's: code spans, emphasis and ``<code>``, ``<b>``,
``<strong>``, ``<em>``, ``<i>`` may come and go as long as the code text stays.

A block is judged with all its translations first; only a block that fails is
judged slot by slot, to name the guilty translation. Entries with an error are
left out and the blocks they touched judged again without them, so the
translations that pass are known to pass together. Each block is parsed a
bounded number of times: time grows with the size of the page and translations.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from cheatl10n.model import Segments, Slot, SlotKind, Table
from cheatl10n.pages.frontmatter import yaml_shape
from cheatl10n.pages.site import (
    ROUTE_BLOCK,
    References,
    Rendered,
    normalize_link,
    render_piece,
)
from cheatl10n.pages.source import line_starts
from cheatl10n.pages.toml_frontmatter import DELIMITER as TOML_DELIMITER
from cheatl10n.pages.toml_frontmatter import toml_shape
from cheatl10n.po.occurrence import is_occurrence_key, occurrence_keys
from cheatl10n.translate.describe import (
    describe_blocks,
    describe_element,
    protected_calls,
    text_problems,
    unlocalize,
)
from cheatl10n.translate.digest import FORMATTING, SCRIPTING, Digest, read_html
from cheatl10n.translate.render import splice
from cheatl10n.translate.textonly import plain, text_only

Key = tuple[str | None, str]
ERROR, WARNING = "error", "warning"
TRANSLATABLE = ("title", "alt", "aria-label", "placeholder")


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about one translation."""

    severity: str
    """``error`` (the translation is not used) or ``warning``."""
    message: str


@dataclass(slots=True)
class _Unit:
    """A top-level block of the page (or the frontmatter), with the slots inside it."""

    start: int
    end: int
    data: str = ""
    """``yaml`` or ``toml`` for the frontmatter; empty for a block of Markdown."""
    slots: list[Slot] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    source: _Piece | None = None
    """The source block, parsed once when first needed."""


@dataclass(frozen=True, slots=True)
class _Piece:
    """A block as the site reads it."""

    digest: Digest
    rendered: Rendered | None = None
    shape: object = None
    """What the YAML loads to, strings aside (frontmatter, or a route block's YAML)."""
    calls: tuple[str, ...] = ()
    """The dialect's inline syntax (``describe.protected_calls``): Hugo shortcode calls without the
    values of their translatable parameters, MDX expressions."""
    broken: str = ""
    """Why the YAML does not load, when it does not."""


class _Judge:
    def __init__(self, segments: Segments, lang: str, translatable: tuple[str, ...]) -> None:
        self.segments = segments
        self.lang = lang
        self.translatable = translatable
        self.references: References = {}
        self.units = self._units()

    def _units(self) -> list[_Unit]:
        segments = self.segments
        self.references = {
            label: {"href": href, "title": title} for label, href, title in segments.references
        }
        units = [_Unit(block.start, block.end) for block in segments.blocks]
        starts = [unit.start for unit in units]
        head = self._frontmatter()
        rest = _Unit(segments.body, len(segments.text))
        for slot in segments.slots:
            if slot.kind == SlotKind.FRONTMATTER and head is not None:
                head.slots.append(slot)
                continue
            index = bisect.bisect_right(starts, slot.start) - 1
            unit = units[index] if index >= 0 and slot.end <= units[index].end else rest
            unit.slots.append(slot)
        for table in segments.tables:
            index = bisect.bisect_right(starts, table.rows[0].cells[0].start) - 1
            (units[index] if index >= 0 else rest).tables.append(table)
        return [unit for unit in [*([head] if head else []), *units, rest] if unit.slots]

    def _frontmatter(self) -> _Unit | None:
        """The frontmatter's text between its delimiter lines, when the page has one."""
        segments = self.segments
        if not segments.body:
            return None
        starts = line_starts(segments.text)
        body_line = bisect.bisect_left(starts, segments.body)
        if body_line < 2:
            return None
        data = "toml" if segments.text.startswith(TOML_DELIMITER) else "yaml"
        return _Unit(starts[1], starts[body_line - 1], data=data)

    def piece(self, unit: _Unit, slots: Sequence[Slot], translations: Mapping[Key, str]) -> _Piece:
        text = splice(
            self.segments, slots, unit.tables, lambda s: translations.get(s.key), unit.start, unit.end
        )
        if unit.data:
            return _data_piece(text, read_html(text), unit.data)
        hugo = self.segments.dialect == "hugo"
        rendered = render_piece(text, self.references, self.segments.dialect)
        digest = read_html(rendered.html, self.translatable, shortcodes=hugo)
        calls = protected_calls(text, self.segments.dialect, self.segments.parameters)
        if not any(slot.kind == SlotKind.ROUTE for slot in unit.slots):
            return _Piece(digest, rendered, calls=calls)
        routes = ROUTE_BLOCK.findall(text)
        if len(routes) != 1:
            return _Piece(digest, rendered, broken="the <route> block is no longer one block")
        return _data_piece(routes[0], digest, "yaml", rendered, calls)

    def judge(self, unit: _Unit, translations: Mapping[Key, str]) -> dict[Key, list[Problem]]:
        """Problems of the translated slots of ``unit``: all together, then one by one if need be."""
        slots = [slot for slot in unit.slots if slot.key in translations]
        if not slots:
            return {}
        if unit.source is None:
            unit.source = self.piece(unit, (), {})
        joint = self.compare(unit.source, self.piece(unit, slots, translations))
        if not joint or len(slots) == 1:
            return {slots[0].key: joint} if joint else {}
        found: dict[Key, list[Problem]] = {}
        for slot in slots:
            alone = self.compare(unit.source, self.piece(unit, [slot], translations))
            if alone:
                _add(found, slot.key, alone)
        guilty = any(problem.severity == ERROR for problems in found.values() for problem in problems)
        if not guilty and (found == {} or any(p.severity == ERROR for p in joint)):
            shared = [
                Problem(p.severity, f"{p.message} (with the other translations of its block)") for p in joint
            ]
            for slot in slots:
                _add(found, slot.key, shared)
        return found

    def compare(self, source: _Piece, result: _Piece) -> list[Problem]:
        """Errors and warnings for ``result``, a translated block, against the ``source`` block."""
        problems: list[Problem] = []
        error = problems.append
        if result.broken and not source.broken:
            error(Problem(ERROR, f"translation breaks the YAML: {result.broken}"))
        elif result.shape != source.shape:
            error(Problem(ERROR, "translation changes the YAML's keys or values (only text may change)"))
        same_blocks = True
        if source.rendered is not None and result.rendered is not None:
            same_blocks = self._blocks(source.rendered, result.rendered, problems)
        s, r = source.digest, result.digest
        for danger in _more(r.dangers, s.dangers):
            error(Problem(ERROR, f"translation adds {danger}"))
        if r.open_at_end and not s.open_at_end:
            error(Problem(ERROR, "translation leaves an HTML tag, comment or quote open"))
        if r.mustaches > s.mustaches:
            error(Problem(ERROR, "translation adds a Vue interpolation {{ }}"))
        elif r.mustaches < s.mustaches:
            error(Problem(ERROR, "translation drops a Vue interpolation {{ }}"))
        if r.template_tags != s.template_tags:
            what = "adds" if r.template_tags > s.template_tags else "drops"
            error(Problem(ERROR, f"translation {what} a template tag {{% %}}"))
        for call in _more(Counter(source.calls), Counter(result.calls)):
            error(Problem(ERROR, f"translation drops or alters {call}"))
        for call in _more(Counter(result.calls), Counter(source.calls)):
            error(Problem(ERROR, f"translation adds or alters {call}"))
        if not same_blocks:
            return _unique(problems)
        if source.rendered is not None:
            self._elements(s, r, problems)
            self._targets(source, result, problems)
            self._code(s, r, problems)
        if s.emphasis and r.literal_stars > s.literal_stars:
            error(Problem(WARNING, "translation shows ** as text: an emphasis marker has no partner"))
        return _unique(problems)

    def _blocks(self, source: Rendered, result: Rendered, problems: list[Problem]) -> bool:
        if source.blocks != result.blocks:
            problems.append(Problem(ERROR, describe_blocks(source.blocks, result.blocks)))
            return False
        if source.code != result.code:
            problems.append(Problem(ERROR, "translation changes a code block"))
            return False
        return True

    def _elements(self, s: Digest, r: Digest, problems: list[Problem]) -> None:
        for element in _more(s.elements, r.elements):
            problems.append(Problem(ERROR, f"translation drops or alters tag {describe_element(*element)}"))
        for element in _more(r.elements, s.elements):
            if element[0] in SCRIPTING:
                continue  # already named as a danger
            problems.append(Problem(ERROR, f"translation adds or alters tag {describe_element(*element)}"))
        for name in _more(s.closings, r.closings):
            problems.append(Problem(ERROR, f"translation drops the closing tag </{name}>"))
        for name in _more(r.closings, s.closings):
            if name in SCRIPTING:
                continue
            problems.append(Problem(ERROR, f"translation adds a closing tag </{name}>"))
        for tag, names in sorted(r.loose - s.loose, key=str):
            if (tag in FORMATTING and not names) or any(t == tag and names <= n for t, n in s.loose):
                continue  # formatting without attributes, or a rewrite that only drops some
            element = describe_element(tag, tuple((name, None) for name in sorted(names)))
            problems.append(Problem(ERROR, f"translation adds or alters tag {element}"))
        for name, count in sorted(r.unbalanced.items()):
            if count and not s.unbalanced[name]:
                problems.append(Problem(ERROR, f"translation leaves <{name}> without its closing tag"))

    def _targets(self, source: _Piece, result: _Piece, problems: list[Problem]) -> None:
        before = self._addresses(source.digest.targets)
        after = self._addresses(result.digest.targets)
        assert result.rendered is not None
        added = set(result.rendered.references.values()) - set(source.rendered.references.values())  # type: ignore[union-attr]
        for target in sorted(set(before) - set(after)):
            problems.append(Problem(ERROR, f"translation drops link target ({before[target]})"))
        for target in sorted(set(after) - set(before)):
            problems.append(Problem(ERROR, f"translation adds link target ({after[target]})"))
        for target in sorted(added):
            problems.append(Problem(ERROR, f"translation adds a link reference definition ({target})"))

    def _addresses(self, targets: Iterable[str]) -> dict[str, str]:
        """Targets compared as markdown-it writes them, a localized language segment aside."""
        return {unlocalize(normalize_link(target), self.lang): target for target in targets}

    def _code(self, s: Digest, r: Digest, problems: list[Problem]) -> None:
        for code, count in sorted(Counter(s.code).items()):
            if code and r.text.count(code) < count:  # translated, most often: the page still works
                problems.append(Problem(WARNING, f"translation drops code span `{code}`"))


def _needs_judging(unit: _Unit, translations: Mapping[Key, str]) -> bool:
    used = [slot for slot in unit.slots if slot.key in translations]
    if not used:
        return False
    if unit.data:  # frontmatter: plain values only
        return not all(plain(slot.msgid) and plain(translations[slot.key]) for slot in used)
    return not all(text_only(slot, translations[slot.key]) for slot in used)


def _more(these: Counter[Any], those: Counter[Any]) -> list[Any]:
    """What ``these`` has more of than ``those``, sorted (the digests mostly agree: no subtraction then)."""
    return [] if these == those else sorted((these - those).elements())


def _data_piece(
    text: str, digest: Digest, data: str, rendered: Rendered | None = None, calls: tuple[str, ...] = ()
) -> _Piece:
    try:
        shape = toml_shape(text) if data == "toml" else yaml_shape(text)
    except ValueError as exc:
        return _Piece(digest, rendered, calls=calls, broken=str(exc))
    return _Piece(digest, rendered, shape, calls)


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def _add(found: dict[Key, list[Problem]], key: Key, problems: Iterable[Problem]) -> None:
    known = found.setdefault(key, [])
    known.extend(problem for problem in problems if problem not in known)


def _occurrences_apart(segments: Segments, translations: Mapping[Key, str]) -> Segments:
    """The page with each occurrence that has a translation of its own keyed by that entry."""
    if not any(map(is_occurrence_key, translations)):
        return segments
    own = {slot: key for slot, key in occurrence_keys(segments.slots).items() if key in translations}
    slots = tuple(replace(slot, context=own[slot][0]) if slot in own else slot for slot in segments.slots)
    return replace(segments, slots=slots)


def judge_page(
    segments: Segments,
    translations: Mapping[Key, str],
    lang: str = "",
    translatable: tuple[str, ...] = TRANSLATABLE,
) -> dict[Key, list[Problem]]:
    """Every problem of each translation on this page, errors first; keys without problems are left out.

    ``translations`` maps catalog keys (msgctxt, msgid) to the msgstr that would be
    used; keys not on the page are ignored. A key with an error must not be used:
    the others then pass together. An occurrence with an entry of its own
    (``po.occurrence``) is judged with that entry's translation, as it is built.
    """
    segments = _occurrences_apart(segments, translations)
    by_key: dict[Key, list[Slot]] = {}
    for slot in segments.slots:
        by_key.setdefault(slot.key, []).append(slot)
    active = {key: text for key, text in translations.items() if text and key in by_key}
    if not active:
        return {}  # nothing translated: no block to look at
    judge = _Judge(segments, lang, translatable)
    found: dict[Key, list[Problem]] = {}
    for key, text in active.items():
        kinds = tuple(dict.fromkeys(slot.kind for slot in by_key[key]))
        _add(found, key, (Problem(*item) for item in text_problems(key[1], text, kinds)))
    units = [unit for unit in judge.units if _needs_judging(unit, active)]
    while units:
        broken: set[Key] = set()
        for unit in units:
            for key, problems in judge.judge(unit, active).items():
                _add(found, key, problems)
                if any(problem.severity == ERROR for problem in problems):
                    broken.add(key)
        for key in broken:
            active.pop(key, None)
        units = [
            unit
            for unit in judge.units
            if any(slot.key in broken for slot in unit.slots)
            and any(slot.key in active for slot in unit.slots)
        ]
    return {
        key: sorted(problems, key=lambda problem: problem.severity != ERROR)
        for key, problems in found.items()
        if problems
    }
