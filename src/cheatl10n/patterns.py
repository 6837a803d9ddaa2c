"""Path patterns and language codes: what the config's ``pages``, ``catalogs`` and ``languages`` mean.

A pattern such as ``docs/{section}/{lang}/{name}.md`` names files: ``{lang}``
is the language, ``{path}`` matches one or more path segments and any other
``{field}`` exactly one. Language codes are checked with babel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from cheatl10n.errors import ConfigError

if TYPE_CHECKING:
    from babel import Locale

_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_ANY_LANGUAGE = r"(?P<lang>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)"

PSEUDO_LANGUAGES = {"en-XA": "en", "ar-XB": "ar"}
"""Pseudo-locale codes (CLDR's) and the real language whose plural rules they use."""


def parse_language(code: str, where: str | None = None) -> Locale:
    """A language code (``ru``, ``pt-BR``, ``zh_Hant``) as a babel Locale; anything else is an error.

    The pseudo-locales ``en-XA`` and ``ar-XB`` use their base language's data.
    """
    if not isinstance(code, str) or not re.fullmatch(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*", code):
        raise ConfigError(f"malformed language code {code!r}", where)
    locale = _locale(code)
    if locale is None:
        raise ConfigError(f"unknown language code {code!r}", where)
    return locale


def known_language(code: str) -> bool:
    """Whether babel knows ``code`` (a pseudo-locale counts)."""
    return _locale(code) is not None


@lru_cache(maxsize=64)
def _locale(code: str) -> Locale | None:
    """babel's Locale for a well-formed code, once per process (every catalog asks); None if unknown."""
    from babel import Locale, UnknownLocaleError  # loaded only when a code is checked

    if code.replace("_", "-") in PSEUDO_LANGUAGES:
        return Locale.parse(PSEUDO_LANGUAGES[code.replace("_", "-")])
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


@dataclass(frozen=True, slots=True)
class Pattern:
    """A path pattern relative to the site root."""

    text: str

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(_FIELD.findall(self.text))

    def regex(self, lang: str | None) -> re.Pattern[str]:
        """Matches the pattern's paths for ``lang``; for any well-formed code when None."""
        parts = []
        position = 0
        seen: set[str] = set()
        for match in _FIELD.finditer(self.text):
            parts.append(re.escape(self.text[position : match.start()]))
            name = match.group(1)
            if name == "lang":
                parts.append(re.escape(lang) if lang is not None else _ANY_LANGUAGE)
            elif name in seen:
                parts.append(f"(?P={name})")
            else:
                seen.add(name)
                parts.append(f"(?P<{name}>.+?)" if name == "path" else f"(?P<{name}>[^/]+)")
            position = match.end()
        parts.append(re.escape(self.text[position:]))
        return re.compile("".join(parts))

    def static_prefix(self) -> str:
        """The folder part before the first field: where a walk for matches starts."""
        head = self.text.split("{", 1)[0]
        return head.rsplit("/", 1)[0] if "/" in head else ""

    def format(self, lang: str, fields: dict[str, str]) -> str:
        return _FIELD.sub(lambda m: lang if m.group(1) == "lang" else fields[m.group(1)], self.text)


def check_disjoint(
    source: str,
    languages: list[str],
    pages: Pattern,
    catalogs: Pattern,
    templates: Pattern | None,
    where: str,
) -> None:
    """Pages, translated pages, catalogs and templates never name the same file.

    Otherwise ``extract`` would write POT text over the English pages. Each
    pattern is filled in with sample values (a plain name, and every path
    segment the other patterns spell out) and matched against the others.
    """
    named = [("pages", pages, lang) for lang in [source, *languages]]
    named += [("catalogs", catalogs, lang) for lang in languages]
    if templates is not None:
        named.append(("templates", templates, ""))
    words = {"x"} | {part for _n, pattern, _l in named for part in re.split(r"[/{}.]", pattern.text) if part}
    for index, (name, pattern, lang) in enumerate(named):
        for other, other_pattern, other_lang in named[index + 1 :]:
            if name == other == "pages":
                continue  # pages of two languages differ by {lang}
            if _overlap(pattern, lang, other_pattern, other_lang, words):
                label = f"{name} ({lang})" if name == "pages" and lang != source else name
                raise ConfigError(
                    f"{other} pattern {other_pattern.text!r} names the same files as the {label} "
                    "pattern: every input and output needs its own files",
                    where,
                )


def _overlap(first: Pattern, lang: str, second: Pattern, other_lang: str, words: set[str]) -> bool:
    for pattern, code, against, against_code in (
        (first, lang, second, other_lang),
        (second, other_lang, first, lang),
    ):
        regex = against.regex(against_code)
        fields = [name for name in dict.fromkeys(pattern.fields) if name != "lang"]
        for word in sorted(words):
            if regex.fullmatch(pattern.format(code, dict.fromkeys(fields, word))):
                return True
    return False


def check_pattern(name: str, text: object, where: str, line: int | None = None) -> Pattern:
    if not isinstance(text, str) or not text:
        raise ConfigError(f"{name} must be a path pattern such as 'docs/{{lang}}/{{path}}.md'", where, line)
    _inside_site(name, text, where, line)
    pattern = Pattern(text)
    if "lang" not in pattern.fields:
        raise ConfigError(f"{name} pattern {text!r} has no {{lang}} field", where, line)
    return pattern


def default_templates(catalogs: str) -> str:
    """``locales/{lang}/{path}.po`` → ``locales/templates/{path}.pot``."""
    base = catalogs.replace("{lang}", "templates", 1)
    return base[: -len(".po")] + ".pot" if base.endswith(".po") else base + "t"


def check_template(text: str, catalogs: Pattern, where: str, line: int | None = None) -> Pattern:
    _inside_site("templates", text, where, line)
    pattern = Pattern(text)
    extra = set(pattern.fields) - set(catalogs.fields) - {"lang"}
    if extra:
        raise ConfigError(
            f"templates pattern uses {{{sorted(extra)[0]}}}, which the catalogs pattern does not have",
            where,
            line,
        )
    return pattern


def check_source_pages(text: object, pages: Pattern, where: str, line: int | None) -> Pattern | None:
    """``source_pages``: the pages pattern's fields without ``{lang}``, or absent."""
    if text is None:
        return None
    if not isinstance(text, str) or not text:
        raise ConfigError("source_pages must be a path pattern such as 'docs/{path}.md'", where, line)
    _inside_site("source_pages", text, where, line)
    pattern = Pattern(text)
    if set(pattern.fields) != set(pages.fields) - {"lang"}:
        raise ConfigError(
            "source_pages must have the fields of the pages pattern, without {lang}", where, line
        )
    return pattern


def _inside_site(name: str, text: str, where: str, line: int | None) -> None:
    pure = PurePosixPath(text)
    if pure.is_absolute() or ".." in pure.parts or "\\" in text:
        raise ConfigError(f"{name} pattern {text!r} must stay inside the site root", where, line)
