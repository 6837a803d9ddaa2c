"""Merging a page's messages into its catalog, msgmerge-style: every translation is kept.

Same msgid keeps its msgstr; a close match becomes fuzzy with the previous msgid
(``#|``); the rest go obsolete (``#~``) and come back if their text returns.
babel supplies the Language and Plural-Forms headers of new catalogs.
Serializing is ``po.write.dump_po``.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import polib
from babel import Locale

from cheatl10n.model import LANGUAGE_ONLY_CONTEXT, LAYOUT_CONTEXT, LAYOUT_LABEL, Segments
from cheatl10n.po.occurrence import is_occurrence_key, occurrence_keys

FUZZY_THRESHOLD = 0.7
"""Least difflib ratio for an old translation to be offered (fuzzy) for a changed msgid."""
IMPORT_NOTE = "import: markup differs"
"""Extracted comment on an entry imported fuzzy because its markup differs from the source's."""
LANGUAGE_ONLY_KIND = "frontmatter: this language only"
"""Extracted comment of a frontmatter key that only the translation has."""
KEPT_NOTES = ("import: ", "memory: ")
"""Extracted-comment lines that ``extract`` keeps while the entry is fuzzy."""
HEADER_COMMENT = "Translations of {page}.\nKept in sync with the page by cheatl10n: edit msgstr lines only."


@dataclass(frozen=True, slots=True)
class Message:
    """One msgid of a page, with every place it occurs."""

    msgid: str
    kinds: tuple[str, ...]
    occurrences: tuple[tuple[str, str], ...]
    context: str | None = None

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.context, self.msgid)


def page_messages(
    segments: Segments, reference: str, apart: Collection[tuple[str | None, str]] = ()
) -> list[Message]:
    """The page's msgids in source order, each once, with kinds and ``path:line`` occurrences.

    A repeated string's occurrence whose key (``po.occurrence``) is in ``apart`` gets its own
    message, and so does each block whose layout key (``translate.layout``) is, after the strings.
    """
    own = occurrence_keys(segments.slots) if apart else {}
    # Dicts as ordered sets: a paragraph repeated 100,000 times is 100,000 lookups, not a list scan each.
    found: dict[tuple[str | None, str], tuple[dict[str, None], dict[tuple[str, str], None]]] = {}
    for slot in segments.slots:
        key = own.get(slot, slot.key)
        kinds, occurrences = found.setdefault(key if key in apart else slot.key, ({}, {}))
        kinds[slot.label] = None
        occurrences[(reference, str(slot.line))] = None
    layouts = {msgid for context, msgid in apart if context == LAYOUT_CONTEXT}
    for block in segments.blocks if layouts else ():
        text = segments.text[block.start : block.end]
        if text in layouts:
            line = segments.text.count("\n", 0, block.start) + 1
            found.setdefault((LAYOUT_CONTEXT, text), ({LAYOUT_LABEL: None}, {(reference, str(line)): None}))
    return [
        Message(msgid, tuple(kinds), tuple(occ), context) for (context, msgid), (kinds, occ) in found.items()
    ]


def catalog_apart(po: polib.POFile | None) -> set[tuple[str | None, str]]:
    """The keys of a catalog's entries that are not one per string: one occurrence of a repeated
    string (``po.occurrence``), or a block's layout (``translate.layout``)."""
    if po is None:
        return set()
    return {
        (e.msgctxt, e.msgid)
        for e in po
        if e.msgctxt and (e.msgctxt == LAYOUT_CONTEXT or is_occurrence_key((e.msgctxt, e.msgid)))
    }


def combine_messages(pages: Iterable[list[Message]]) -> list[Message]:
    """The messages of several pages sharing one catalog: each msgid once, first-seen order,
    with the kinds and occurrences of every page (one page's list comes back as it was)."""
    combined: dict[tuple[str | None, str], Message] = {}
    for messages in pages:
        for message in messages:
            seen = combined.get(message.key)
            if seen is None:
                combined[message.key] = message
                continue
            kinds = tuple(dict.fromkeys((*seen.kinds, *message.kinds)))
            occurrences = tuple(dict.fromkeys((*seen.occurrences, *message.occurrences)))
            combined[message.key] = Message(seen.msgid, kinds, occurrences, seen.context)
    return list(combined.values())


def plural_forms(locale: Locale) -> str:
    """The Plural-Forms header value for ``locale``, from babel's table."""
    from babel.messages.plurals import get_plural  # babel.messages loads its dates: only for a new header

    plural = get_plural(locale)
    return f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"


def new_header(locale: Locale, project: str) -> dict[str, str]:
    return {
        "Project-Id-Version": project,
        "Language": str(locale),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms(locale),
    }


def _header(old: polib.POFile | None, locale: Locale, project: str, page: str) -> polib.POFile:
    po = polib.POFile(wrapwidth=79)
    fresh = new_header(locale, project)
    if old is None:
        po.header = HEADER_COMMENT.format(page=page)
        po.metadata = fresh
        return po
    po.header = _current_header(old.header, page)
    po.metadata_is_fuzzy = old.metadata_is_fuzzy
    metadata = dict(old.metadata)
    for key in ("Language", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"):
        metadata[key] = fresh[key]
    metadata.setdefault("Project-Id-Version", project)
    metadata.setdefault("Plural-Forms", fresh["Plural-Forms"])
    po.metadata = metadata
    return po


def _current_header(header: str, page: str) -> str:
    """The catalog's header comment, naming the page where it is ours (a moved page's too);
    a header comment a translator wrote is kept as it is."""
    head, _sep, tail = HEADER_COMMENT.partition("{page}")
    lines = header.split("\n")
    if len(lines) == 2 and header.startswith(head) and header.endswith(tail):
        return HEADER_COMMENT.format(page=page)
    return header


def _kinds(entry: polib.POEntry) -> set[str]:
    return set(entry.comment.split("\n")) if entry.comment else set()


def _similarity(old: str, new: str, threshold: float) -> float:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
        return 0.0
    return matcher.ratio()


def _fuzzy_matches(
    pending: Sequence[Message], candidates: Sequence[polib.POEntry], threshold: float
) -> dict[tuple[str | None, str], polib.POEntry]:
    """Best old translation for each new msgid, each old entry used once, best pairs first."""
    scored = []
    for new_index, message in enumerate(pending):
        for old_index, entry in enumerate(candidates):
            if not (_kinds(entry) & set(message.kinds)):
                continue
            score = _similarity(entry.msgid, message.msgid, threshold)
            if score >= threshold:
                scored.append((-score, new_index, old_index))
    scored.sort()
    taken_new: set[int] = set()
    taken_old: set[int] = set()
    result: dict[tuple[str | None, str], polib.POEntry] = {}
    for _score, new_index, old_index in scored:
        if new_index in taken_new or old_index in taken_old:
            continue
        taken_new.add(new_index)
        taken_old.add(old_index)
        result[pending[new_index].key] = candidates[old_index]
    return result


def _entry(message: Message) -> polib.POEntry:
    return polib.POEntry(
        msgid=message.msgid,
        msgctxt=message.context,
        msgstr="",
        comment="\n".join(message.kinds),
        occurrences=list(message.occurrences),
    )


def _carry(entry: polib.POEntry, old: polib.POEntry) -> None:
    """Move an exact match's translation and translator data onto a fresh entry."""
    entry.msgstr = old.msgstr
    if old.msgid_plural:  # a translator's plural entry keeps its forms
        entry.msgid_plural, entry.msgstr_plural = old.msgid_plural, dict(old.msgstr_plural)
    entry.tcomment = old.tcomment
    entry.flags = [flag for flag in old.flags if flag != "fuzzy"]
    if old.fuzzy and old.msgstr:
        entry.flags.insert(0, "fuzzy")
        entry.previous_msgid = old.previous_msgid
        entry.previous_msgctxt = old.previous_msgctxt
        notes = [line for line in (old.comment or "").split("\n") if line.startswith(KEPT_NOTES)]
        if notes:
            entry.comment = "\n".join([entry.comment, *notes]) if entry.comment else "\n".join(notes)


def merge_catalog(
    old: polib.POFile | None,
    messages: Iterable[Message],
    locale: Locale,
    project: str,
    page: str,
    keep_obsolete: bool = True,
    threshold: float = FUZZY_THRESHOLD,
    source_keys: Collection[str] = (),
) -> polib.POFile:
    """The new catalog for a page, msgmerge-style.

    Same msgid: the translation is kept. A changed msgid gets the closest old
    translation of the same kind as fuzzy, with the old msgid as ``#|``, when it
    is similar enough. Translations no longer used become obsolete (``#~``).
    Frontmatter keys of the translation only stay while ``source_keys`` (the
    source page's frontmatter keys) lack them.
    """
    po = _header(old, locale, project, page)
    messages = list(messages)
    active = {(e.msgctxt, e.msgid): e for e in old if not e.obsolete} if old else {}
    retired = {(e.msgctxt, e.msgid): e for e in old if e.obsolete} if old else {}
    entries = language_only(old, source_keys)  # first, as frontmatter is at the top of a page
    used = {id(entry) for entry in entries}
    pending = []
    for message in messages:
        entry = _entry(message)
        match = active.get(message.key) or retired.get(message.key)
        if match is not None:
            _carry(entry, match)
            used.add(id(match))
        else:
            pending.append(message)
        entries.append(entry)
    candidates = [
        e for e in (old or []) if id(e) not in used and e.msgstr and e.msgctxt != LANGUAGE_ONLY_CONTEXT
    ]
    offers = _fuzzy_matches(pending, candidates, threshold)
    for entry in entries:
        offer = offers.get((entry.msgctxt, entry.msgid))
        if offer is not None:
            entry.msgstr = offer.msgstr
            entry.tcomment = offer.tcomment
            entry.flags = ["fuzzy"]
            entry.previous_msgid = offer.msgid
            if offer.msgctxt != entry.msgctxt:
                entry.previous_msgctxt = offer.msgctxt
            used.add(id(offer))
        po.append(entry)
    if old is not None:
        for leftover in old:
            if id(leftover) in used or not (leftover.msgstr or leftover.msgstr_plural):
                continue
            if not keep_obsolete:
                continue
            leftover.obsolete = True
            leftover.occurrences = []
            # polib reads no "#~|" line back: an obsolete entry without its previous
            # msgid is written the same way on every run.
            leftover.previous_msgid = leftover.previous_msgctxt = None
            po.append(leftover)
    return po


def language_only(po: polib.POFile | None, source_keys: Collection[str]) -> list[polib.POEntry]:
    """The catalog's frontmatter keys of the translation only that the source page does not set."""
    return [
        entry
        for entry in po or []
        if entry.msgctxt == LANGUAGE_ONLY_CONTEXT
        and not entry.obsolete
        and entry.msgstr
        and entry.msgid not in source_keys
    ]


def own_keys_of(po: polib.POFile | None, source_keys: Collection[str]) -> list[tuple[str, str]]:
    """(key, text) of those keys that ``build`` writes: every such entry not fuzzy."""
    return [(entry.msgid, str(entry.msgstr)) for entry in language_only(po, source_keys) if not entry.fuzzy]


def take_language_only(
    po: polib.POFile, source: Segments, translated: Segments, overwrite: bool = False
) -> list[str]:
    """Put into ``po`` each frontmatter key that ``translated`` sets and ``source`` does not.

    An entry that already holds text is kept unless ``overwrite``. Returns the keys taken.
    """
    if translated.meta is None:
        return []
    taken = source.meta.keys if source.meta else frozenset()
    found = {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}
    added = []
    for key, span in translated.meta.entries:
        if key in taken:
            continue
        text = translated.text[span.start : span.end].replace("\r\n", "\n")
        entry = found.get((LANGUAGE_ONLY_CONTEXT, key))
        if entry is None:
            entry = polib.POEntry(
                msgctxt=LANGUAGE_ONLY_CONTEXT, msgid=key, msgstr="", comment=LANGUAGE_ONLY_KIND
            )
            po.insert(sum(1 for e in po if e.msgctxt == LANGUAGE_ONLY_CONTEXT), entry)
        elif entry.msgstr and not overwrite:
            continue
        entry.msgstr = text
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        added.append(key)
    return added


def template_catalog(messages: Iterable[Message], project: str, page: str) -> polib.POFile:
    """The page's POT: every msgid, msgstrs empty; Poedit and Weblate start a new language from it."""
    po = polib.POFile(wrapwidth=79)
    po.header = (
        f"Template for translating {page}.\nWritten by cheatl10n extract: start a new language from it."
    )
    po.metadata = {
        "Project-Id-Version": project,
        "Language": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for message in messages:
        po.append(_entry(message))
    return po


def translation_of(entry: polib.POEntry | None, use_fuzzy: bool) -> str | None:
    """The msgstr to render for an entry, or None to keep the source text."""
    if entry is None or entry.obsolete or not entry.msgstr:
        return None
    if entry.fuzzy and not use_fuzzy:
        return None
    return str(entry.msgstr)
