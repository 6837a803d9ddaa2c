"""Adding a language to a site: ``cheatl10n init --lang pt-BR`` where a config exists.

The ``languages`` list in ``cheatl10n.toml`` is edited in place (the rest of the
text, comments included, is kept byte for byte), the new text is checked by
loading it, and ``extract`` then writes the new language's catalogs: each one
is the page's template with the language's header, as ``msginit`` makes it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from cheatl10n.config import load_config
from cheatl10n.errors import ConfigError, display_path
from cheatl10n.jobs.extract import extract
from cheatl10n.jobs.init import NONE_YET
from cheatl10n.jobs.outcome import ExtractResult
from cheatl10n.patterns import parse_language
from cheatl10n.runtime.fsio import site_lock, write_atomic

_LIST = re.compile(r"^(?P<head>[ \t]*languages[ \t]*=[ \t]*\[)(?P<items>[^\]]*)(?P<tail>\])", re.MULTILINE)
_SOURCE = re.compile(r"^[ \t]*source_language[ \t]*=.*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class LanguagesAdded:
    """What ``add_languages`` did."""

    added: tuple[str, ...]
    """Languages new to the config, in the order given."""
    present: tuple[str, ...]
    """Languages given that the config already had."""
    extract: ExtractResult | None
    """The extract that wrote their catalogs; None when nothing was added."""


def with_languages(text: str, langs: list[str]) -> str:
    """The config's text with ``langs`` appended to its ``languages`` list (added if absent).

    >>> with_languages('languages = ["ru"]  # ours\\n', ["pt-BR"])
    'languages = ["ru", "pt-BR"]  # ours\\n'
    >>> with_languages('source_language = "en"\\nlanguages = []\\n', ["de"])
    'source_language = "en"\\nlanguages = ["de"]\\n'
    """
    quoted = ", ".join(f'"{lang}"' for lang in langs)
    text = text.replace(NONE_YET, "")  # init's hint, true no longer
    match = _LIST.search(text)
    if match is not None:
        items = match.group("items")
        body = items.rstrip()
        if body.strip() and not body.endswith(","):
            body += ","
        joined = f"{body} {quoted}" if body.strip() else quoted
        trailing = items[len(items.rstrip()) :] if "\n" in items else ""
        return text[: match.start("items")] + joined + trailing + text[match.end("items") :]
    line = f"languages = [{quoted}]\n"
    source = _SOURCE.search(text)
    if source is None:
        return text + ("" if text.endswith("\n") or not text else "\n") + line
    end = source.end() + 1
    return text[:end] + line + text[end:]


def add_languages(file: Path, langs: list[str], jobs: int | None = None) -> LanguagesAdded:
    """Add ``langs`` to the config at ``file`` and write their catalogs."""
    config = load_config(file)
    where = display_path(file)
    for lang in langs:
        parse_language(lang, where)
        if lang == config.source_language:
            raise ConfigError(f"{lang!r} is the source language, not one to translate into", where)
    new = [lang for lang in dict.fromkeys(langs) if lang not in config.languages]
    present = tuple(lang for lang in dict.fromkeys(langs) if lang in config.languages)
    if not new:
        return LanguagesAdded((), present, None)
    with site_lock(file):
        text = file.read_text(encoding="utf-8")
        edited = with_languages(text, new)
        _check_edit(edited, [*config.languages, *new], where)
        write_atomic(file, edited.encode("utf-8"))
    return LanguagesAdded(tuple(new), present, extract(load_config(file), new, jobs=jobs))


def _check_edit(text: str, expected: list[str], where: str) -> None:
    """The edited text loads, and lists exactly the languages it should."""
    try:
        languages = tomllib.loads(text).get("languages")
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"cannot add the language: the edited config would not load: {exc}", where) from exc
    if languages != expected:
        raise ConfigError("cannot add the language: edit the languages list by hand", where)
