"""Site settings from ``cheatl10n.toml``: languages, path patterns, keys to translate.

A pattern such as ``docs/{section}/{lang}/{name}.md`` names files: ``{lang}``
is the language, ``{path}`` matches one or more path segments and any other
``{field}`` exactly one.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from cheatl10n.errors import ConfigError, display_path
from cheatl10n.model import DEFAULT_PARAMETERS
from cheatl10n.patterns import (
    Pattern,
    check_disjoint,
    check_pattern,
    check_source_pages,
    check_template,
    default_templates,
    known_language,
    parse_language,
)
from cheatl10n.runtime.paths import check_name
from cheatl10n.runtime.record import CONFIG_NAME as CONFIG_NAME
from cheatl10n.runtime.record import find_config_file

if TYPE_CHECKING:
    from babel import Locale

_KNOWN_KEYS = {
    "source_language",
    "languages",
    "pages",
    "catalogs",
    "frontmatter_keys",
    "project",
    "fuzzy_threshold",
    "attributes",
    "code_comments",
    "code_strings",
    "code_output",
    "code_cells",
    "templates",
    "source_pages",
    "dialect",
    "shortcode_parameters",
    "exclude",
}
CODE_SWITCHES = ("code_comments", "code_strings", "code_output", "code_cells")
"""The settings that make parts of code translatable (see docs/code.md); all off by default."""


@dataclass(frozen=True, slots=True)
class Page:
    """One source page of the site and the fields its path matched."""

    source: str
    """POSIX path of the source page, relative to the site root."""
    fields: tuple[tuple[str, str], ...]
    """Pattern fields other than ``lang``, as matched."""

    @property
    def field_map(self) -> dict[str, str]:
        return dict(self.fields)


@dataclass(frozen=True, slots=True)
class Config:
    """A site's settings, validated."""

    root: Path
    """The folder holding ``cheatl10n.toml``; every pattern is relative to it."""
    source_language: str
    languages: tuple[str, ...]
    pages: Pattern
    catalogs: Pattern
    frontmatter_keys: tuple[str, ...] = ("title", "description")
    project: str = ""
    fuzzy_threshold: float = 0.7
    attributes: tuple[str, ...] = ("title", "alt", "aria-label", "placeholder")
    code_comments: bool = False
    """Comments in fenced code of any language with a comment syntax are translated."""
    code_strings: bool = False
    """String literals and docstrings in Python code are translated."""
    code_output: bool = False
    """The lines of ``output`` blocks are translated."""
    code_cells: bool = False
    """Table cells that hold only inline code are translated."""
    templates: Pattern | None = None
    """Where each page's POT goes; None when turned off (``templates = ""``)."""
    file: Path | None = field(default=None)
    source_pages: Pattern | None = None
    """Where the source pages are, when not at ``pages`` with the source language: the
    suffix layout's ``docs/{path}.md`` beside ``docs/{path}.{lang}.md``."""
    dialect: str = "vitepress"
    """The site generator's Markdown (``pages/dialects``): ``vitepress``, ``hugo``, ``mkdocs``..."""
    shortcode_parameters: tuple[str, ...] = DEFAULT_PARAMETERS
    """Translatable shortcode parameters: names, and ``shortcode:N`` for a positional one."""
    exclude: tuple[str, ...] = ()
    """Glob patterns (``fnmatch``, on the source page's path) of pages that are not translated."""
    key_lines: tuple[tuple[str, int], ...] = ()
    """Each setting's line in ``cheatl10n.toml``, for errors that point at it."""

    def line_of(self, key: str) -> int | None:
        """The line of setting ``key`` in the config file; None when it is not written there."""
        return dict(self.key_lines).get(key)

    def digest(self) -> str:
        """What about the settings changes a page's catalog: part of every page's digest."""
        from cheatl10n.version import __version__

        parts: tuple[object, ...] = (
            __version__,
            self.source_language,
            self.pages.text,
            self.catalogs.text,
            self.frontmatter_keys,
            self.project,
            self.fuzzy_threshold,
            self.attributes,
            self.code_comments,
        )
        more = (self.code_strings, self.code_output, self.code_cells)
        if any(more):  # left out when off, so catalogs written before these settings existed stay as they are
            parts += more
        dialect = (self.dialect, self.shortcode_parameters, self.exclude)
        if dialect != ("vitepress", DEFAULT_PARAMETERS, ()):  # a site that sets none keeps its digests
            parts += dialect
        if self.source_pages is not None:
            parts += (self.source_pages.text,)
        return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()

    def locale(self, lang: str) -> Locale:
        return parse_language(lang, display_path(self.file) if self.file else None)

    @property
    def source_pattern(self) -> Pattern:
        """The pattern the source pages match (with the source language)."""
        return self.source_pages or self.pages

    def source_path(self, fields: dict[str, str]) -> str:
        """The source page of a page's (or a catalog's) fields."""
        return self.source_pattern.format(self.source_language, fields)

    def is_translation(self, relative: str) -> bool:
        """Whether a path is a translated page of a known language (``page.ru.md``), never a source."""
        match = self.pages.regex(None).fullmatch(relative)
        return match is not None and known_language(match.group("lang"))

    def page_path(self, page: Page, lang: str) -> str:
        return self.pages.format(lang, page.field_map)

    def catalog_path(self, page: Page, lang: str) -> str:
        return self.catalogs.format(lang, page.field_map)

    def template_path(self, page: Page) -> str | None:
        return self.templates.format("", page.field_map) if self.templates else None

    @property
    def shared_catalogs(self) -> bool:
        """Whether the config asks for one catalog for several pages (per section, or per
        language, as Weblate and Crowdin prefer): the catalogs pattern names the first fields
        of the pages pattern, in their order, and leaves out the rest (``{section}`` of
        ``{section}/{name}``). Leaving out another field (``{name}`` without ``{section}``)
        is taken for a mistake: pages of the same name would share a catalog."""
        pages = [name for name in dict.fromkeys(self.pages.fields) if name != "lang"]
        catalogs = [name for name in dict.fromkeys(self.catalogs.fields) if name != "lang"]
        return len(catalogs) < len(pages) and pages[: len(catalogs)] == catalogs

    def catalog_label(self, pages: Sequence[Page]) -> str:
        """How a catalog's header names its pages: the one page, or the pages pattern with
        the catalog's fields filled in and the others as ``*`` (``docs/builtin/en/*.md``)."""
        if len(pages) == 1:
            return pages[0].source
        known = set(self.catalogs.fields)
        fields = {name: value if name in known else "*" for name, value in pages[0].fields}
        return self.source_path(fields)

    def discover(self) -> Iterator[Page]:
        """Every source page, in sorted path order."""
        regex = self.source_pattern.regex(self.source_language)
        root = str(self.root)
        base = os.path.join(root, self.source_pattern.static_prefix())
        if not os.path.isdir(base):
            return
        for folder, dirs, files in os.walk(base):
            dirs.sort()
            inside = os.path.relpath(folder, root).replace(os.sep, "/")  # plain strings: a site has
            prefix = "" if inside == "." else inside + "/"  # thousands of names, and Path is slow
            for name in sorted(files):
                relative = prefix + name
                match = regex.fullmatch(relative)
                if (
                    match
                    and not (self.source_pages and self.is_translation(relative))
                    and not any(fnmatch.fnmatchcase(relative, glob) for glob in self.exclude)
                ):
                    full = os.path.join(folder, name)
                    check_name(relative, partial(_shown, full))
                    if os.path.islink(full) and not Path(full).resolve().is_relative_to(self.root):
                        raise ConfigError(
                            f"page is a symbolic link to {Path(full).resolve()}, outside the site; not read",
                            display_path(Path(full)),
                        )
                    yield Page(relative, tuple(sorted(match.groupdict().items())))


def _shown(full: str) -> Path:
    return Path(display_path(Path(full)))


def find_config(start: Path) -> Path:
    """``cheatl10n.toml`` in ``start`` or the nearest folder above it."""
    found = find_config_file(str(start))
    if found is None:
        raise ConfigError(f"no {CONFIG_NAME} here or in any folder above {start}")
    return Path(found)


def _line_of_key(raw: str, key: str) -> int | None:
    for number, line in enumerate(raw.splitlines(), 1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return None


def _last_line(raw: str) -> int:
    """Where a missing setting would go: after the file's last line."""
    return max(1, len(raw.splitlines()))


def load_config(file: Path) -> Config:
    """Read and validate a ``cheatl10n.toml``."""
    import tomllib

    where = display_path(file)
    try:
        raw = file.read_text(encoding="utf-8")
        data = tomllib.loads(raw)
    except OSError as exc:
        raise ConfigError(f"cannot read config: {exc.strerror}", where) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError("config is not valid UTF-8", where) from exc
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise ConfigError(
            f"config is not valid TOML: {exc}", where, int(match.group(1)) if match else None
        ) from exc
    unknown = sorted(set(data) - _KNOWN_KEYS)
    if unknown:
        raise ConfigError(f"unknown setting {unknown[0]!r}", where, _line_of_key(raw, unknown[0]))
    for key in ("source_language", "pages", "catalogs"):
        if key not in data:
            raise ConfigError(f"missing setting {key!r} (see 'cheatl10n init')", where, _last_line(raw))
    source = data["source_language"]
    pages = check_pattern("pages", data["pages"], where, _line_of_key(raw, "pages"))
    catalogs = check_pattern("catalogs", data["catalogs"], where, _line_of_key(raw, "catalogs"))
    languages = data.get("languages", [])
    if not isinstance(languages, list) or not all(isinstance(code, str) for code in languages):
        raise ConfigError("languages must be a list of language codes", where, _line_of_key(raw, "languages"))
    for key, code in [("source_language", source), *(("languages", code) for code in languages)]:
        try:
            parse_language(code, where)
        except ConfigError as exc:
            raise ConfigError(exc.message, where, _line_of_key(raw, key)) from exc
    if source in languages:
        raise ConfigError(
            f"source language {source!r} is also listed in languages", where, _line_of_key(raw, "languages")
        )
    _check_unique(languages, where, _line_of_key(raw, "languages"))
    missing = set(catalogs.fields) - set(pages.fields)
    if missing:
        raise ConfigError(
            f"catalogs pattern uses {{{sorted(missing)[0]}}}, which the pages pattern does not have",
            where,
            _line_of_key(raw, "catalogs"),
        )
    keys = data.get("frontmatter_keys", ["title", "description"])
    if not isinstance(keys, list) or not all(isinstance(key, str) for key in keys):
        raise ConfigError(
            "frontmatter_keys must be a list of keys", where, _line_of_key(raw, "frontmatter_keys")
        )
    threshold = data.get("fuzzy_threshold", 0.7)
    if not isinstance(threshold, (int, float)) or not 0 < threshold <= 1:
        raise ConfigError(
            "fuzzy_threshold must be a number in (0, 1]",
            where,
            _line_of_key(raw, "fuzzy_threshold"),
        )
    attributes = data.get("attributes", ["title", "alt", "aria-label", "placeholder"])
    if not isinstance(attributes, list) or not all(isinstance(name, str) for name in attributes):
        raise ConfigError(
            "attributes must be a list of attribute names", where, _line_of_key(raw, "attributes")
        )
    switches = {name: data.get(name, False) for name in CODE_SWITCHES}
    for name, value in switches.items():
        if not isinstance(value, bool):
            raise ConfigError(f"{name} must be true or false", where, _line_of_key(raw, name))
    templates = data.get("templates", default_templates(catalogs.text))
    if not isinstance(templates, str):
        raise ConfigError(
            'templates must be a path pattern, or "" for none', where, _line_of_key(raw, "templates")
        )
    line = _line_of_key(raw, "templates")
    template_pattern = check_template(templates, catalogs, where, line) if templates else None
    source_line = _line_of_key(raw, "source_pages")
    source_pages = check_source_pages(data.get("source_pages"), pages, where, source_line)
    check_disjoint(source, languages, pages, catalogs, template_pattern, where)
    root = file.parent.resolve()
    dialect, parameters, exclude = _dialect_settings(data, raw, where)
    return Config(
        root=root,
        source_language=source,
        languages=tuple(languages),
        pages=pages,
        catalogs=catalogs,
        frontmatter_keys=tuple(keys),
        project=str(data.get("project", root.name)),
        fuzzy_threshold=float(threshold),
        attributes=tuple(attributes),
        **switches,
        templates=template_pattern,
        file=file,
        source_pages=source_pages,
        dialect=dialect,
        shortcode_parameters=parameters,
        exclude=exclude,
        key_lines=tuple((key, line) for key in data if (line := _line_of_key(raw, key)) is not None),
    )


def _check_unique(languages: list[str], where: str, line: int | None) -> None:
    """A language listed twice (``ru`` and ``ru``, or ``pt-BR`` and ``pt_BR``) is an error."""
    seen: set[str] = set()
    for code in languages:
        key = code.replace("_", "-").lower()
        if key in seen:
            raise ConfigError(f"language {code!r} is listed twice in languages", where, line)
        seen.add(key)


def _dialect_settings(
    data: dict[str, object], raw: str, where: str
) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """``dialect``, ``shortcode_parameters`` and ``exclude``, checked."""
    from cheatl10n.pages.dialects import DIALECT_NAMES

    dialect = data.get("dialect", "vitepress")
    if dialect not in DIALECT_NAMES:
        raise ConfigError(
            f"dialect must be one of {', '.join(DIALECT_NAMES)}", where, _line_of_key(raw, "dialect")
        )
    lists = []
    for key, default in (("shortcode_parameters", DEFAULT_PARAMETERS), ("exclude", ())):
        value = data.get(key, list(default))
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ConfigError(f"{key} must be a list of strings", where, _line_of_key(raw, key))
        lists.append(tuple(value))
    return str(dialect), lists[0], lists[1]
