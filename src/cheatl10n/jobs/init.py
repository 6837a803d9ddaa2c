"""``init``: look at an existing site, guess its layout and languages, write ``cheatl10n.toml``.

Three layouts are recognized: a language folder inside the tree
(``docs/<section>/<lang>/<page>.md``), a language folder at the top of the
content (``content/<lang>/<path>.md``), and a language suffix
(``<page>.<lang>.md``, with the source pages either suffixed too or bare,
``page.md`` beside ``page.ru.md`` as mkdocs-static-i18n keeps them). The
source language is the one with the most pages (bare pages are the source).
A site with no translation yet gets a folder per language beside its pages
(``docs/{path}.md`` and ``docs/{lang}/{path}.md``). Adding a language to an
existing config is ``jobs/languages.py``.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from babel import Locale, UnknownLocaleError

from cheatl10n.config import CONFIG_NAME
from cheatl10n.errors import ConfigError
from cheatl10n.jobs.propose import DEFAULT_KEYS, Proposal, propose
from cheatl10n.runtime.fsio import write_atomic

_SKIP = {"node_modules", "vendor", "dist", "build", "site-packages", "__pycache__"}
_FIELD_NAMES = ["section", "area", "part", "group"]
NONE_YET = "# None yet: add one with 'cheatl10n init --lang ru' (any code).\n"
"""The line written above an empty languages list; adding a language removes it."""


@dataclass(frozen=True, slots=True)
class Layout:
    """What ``init`` found."""

    pages: str
    catalogs: str
    source_language: str
    languages: tuple[str, ...]
    counts: dict[str, int]
    """Pages found per language."""
    source_pages: str | None = None
    """Where the source pages are when not at ``pages`` (bare ``page.md`` beside ``page.ru.md``)."""
    dialect: str = "vitepress"
    """The site generator, from its files or its layout (``detect_dialect``)."""


def is_language(name: str) -> bool:
    """Whether a folder name or suffix is a language code babel knows (``en``, ``pt-BR``, ``zh_Hant``)."""
    if not (2 <= len(name) <= 12) or not name.replace("-", "").replace("_", "").isalnum():
        return False
    if not name[:2].islower():
        return False
    try:
        Locale.parse(name.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    return True


def _markdown_files(root: Path, suffix: str = ".md") -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP)
        relative = Path(folder).relative_to(root).parts
        found.extend((*relative, name) for name in sorted(files) if name.endswith(suffix))
    return found


def _suffix(parts: tuple[str, ...]) -> str | None:
    stem = parts[-1].rsplit(".", 1)[0]
    return stem.rsplit(".", 1)[1] if "." in stem and is_language(stem.rsplit(".", 1)[1]) else None


def _shape(parts: tuple[str, ...]) -> tuple[str, int, str] | None:
    """(kind, where, language) of one file: a language folder at a depth, or a language suffix."""
    for index, part in enumerate(parts[:-1]):
        if is_language(part):
            return ("folder", index, part)
    suffix = _suffix(parts)
    return ("suffix", 0, suffix) if suffix is not None else None


def detect_layout(root: Path, source: str | None = None) -> Layout:
    """The site's layout, from its Markdown files; ``source`` names the source language."""
    files = _markdown_files(root)
    docusaurus = _docusaurus_layout(root, files, source)
    if docusaurus is not None:
        return docusaurus
    if not files:
        raise ConfigError(f"no Markdown pages found under {root}")
    shapes = {parts: shape for parts in files if (shape := _shape(parts)) is not None}
    if not shapes:
        return _untranslated(files, source or "en")
    kind, depth = Counter((s[0], s[1]) for s in shapes.values()).most_common(1)[0][0]
    chosen = {parts: s[2] for parts, s in shapes.items() if (s[0], s[1]) == (kind, depth)}
    counts = Counter(chosen.values())
    if kind == "suffix":
        return _suffix_layout(files, chosen, counts, source)
    picked = source or max(counts, key=lambda lang: (counts[lang], lang == "en"))
    head, tail = _fields(list(chosen), depth)
    pages = "/".join([*head, "{lang}", tail]) + ".md"
    catalogs = "/".join(["locales", "{lang}", *[h for h in head if h.startswith("{")], tail]) + ".po"
    return Layout(pages, catalogs, picked, _others(counts, picked), dict(counts))


_DOCUSAURUS_DOCS = "docusaurus-plugin-content-docs/current"
"""Where Docusaurus keeps a language's docs: ``i18n/<lang>/`` + this + the path under ``docs/``."""


def _docusaurus_layout(root: Path, files: list[tuple[str, ...]], source: str | None) -> Layout | None:
    """Docusaurus's own layout: source pages in ``docs/``, translations in
    ``i18n/<lang>/docusaurus-plugin-content-docs/current/``; the source language is the
    config's ``defaultLocale``; the pages are ``.mdx`` ones where those are more. None for
    a site that is not a Docusaurus site with docs."""
    configs = [root / f"docusaurus.config.{ext}" for ext in ("js", "ts", "mjs")]
    config = next((path for path in configs if path.is_file()), None)
    docs = [parts for parts in files if parts[0] == "docs"]
    mdx = _markdown_files(root, ".mdx") if config is not None or (root / "i18n").is_dir() else []
    extension = ".md"
    if sum(parts[0] == "docs" for parts in mdx) > len(docs):  # one config reads one extension
        files, extension = mdx, ".mdx"
        docs = [parts for parts in files if parts[0] == "docs"]
    inner = tuple(_DOCUSAURUS_DOCS.split("/"))
    translated = Counter(
        parts[1]
        for parts in files
        if parts[0] == "i18n" and len(parts) > 4 and parts[2:4] == inner and is_language(parts[1])
    )
    untranslated = config is not None and all(_shape(parts) is None for parts in docs)
    if not docs or not (translated or untranslated):
        return None  # another layout (page.ja.md beside page.en.md) is read as such
    found = re.search(r"""defaultLocale\s*:\s*["']([\w-]+)["']""", _read(config)) if config else None
    picked = source or (found.group(1) if found else "en")
    counts = Counter({**translated, picked: len(docs)})
    return Layout(
        f"i18n/{{lang}}/{_DOCUSAURUS_DOCS}/{{path}}{extension}",
        "locales/{lang}/{path}.po",
        picked,
        _others(counts, picked),
        dict(counts),
        source_pages=f"docs/{{path}}{extension}",
    )


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _others(counts: Counter[str], source: str) -> tuple[str, ...]:
    return tuple(sorted(lang for lang in counts if lang != source))


def _suffix_layout(
    files: list[tuple[str, ...]], chosen: dict[tuple[str, ...], str], counts: Counter[str], source: str | None
) -> Layout:
    """``page.<lang>.md``; bare ``page.md`` files beside them are the source pages when they are
    at least as many as any language's (mkdocs-static-i18n's default language has no suffix)."""
    translated = {(*parts[:-1], parts[-1].rsplit(".", 2)[0]) for parts in chosen}
    bare = [parts for parts in files if _shape(parts) is None]
    twins = sum(1 for parts in bare if (*parts[:-1], parts[-1][: -len(".md")]) in translated)
    if twins and len(bare) >= max(counts.values()):
        picked = source or "en"
        counts = Counter({**counts, picked: len(bare)})
        head = _main_folder(bare)
        return Layout(
            f"{head}{{path}}.{{lang}}.md",
            "locales/{lang}/{path}.po",
            picked,
            _others(counts, picked),
            dict(counts),
            source_pages=f"{head}{{path}}.md",
        )
    picked = source or max(counts, key=lambda lang: (counts[lang], lang == "en"))
    others = _others(counts, picked)
    return Layout("{path}.{lang}.md", "locales/{lang}/{path}.po", picked, others, dict(counts))


def _main_folder(files: list[tuple[str, ...]]) -> str:
    """The top folder holding most of the pages (``docs/``), or ``""`` when none holds half:
    a README.md beside the docs folder is not a page of the site."""
    tops = Counter(parts[0] for parts in files if len(parts) > 1)
    if tops:
        top, count = tops.most_common(1)[0]
        if 2 * count > len(files):
            return top + "/"
    return ""


def _untranslated(files: list[tuple[str, ...]], source: str) -> Layout:
    """A site with no translation yet: its pages stay where they are; each language gets a
    folder beside them (``docs/{lang}/{path}.md``), which VitePress, MkDocs and Hugo all read."""
    head = _main_folder(files)
    pages = [parts for parts in files if "/".join(parts).startswith(head)]
    return Layout(
        f"{head}{{lang}}/{{path}}.md",
        "locales/{lang}/{path}.po",
        source,
        (),
        {source: len(pages)},
        source_pages=f"{head}{{path}}.md",
    )


def _fields(files: list[tuple[str, ...]], depth: int) -> tuple[list[str], str]:
    """The folders before the language (literal or ``{section}``), and what follows it.

    The folder just above the language folder is always a field (a site that has one
    section today gets its second without a new config); folders above it are literal
    when every page shares them.
    """
    head: list[str] = []
    for index in range(depth):
        values = {parts[index] for parts in files}
        fields = sum(1 for part in head if part.startswith("{"))
        field = "{" + _FIELD_NAMES[min(fields, 3)] + "}"
        keep = len(values) == 1 and not (depth >= 2 and index == depth - 1)
        head.append(next(iter(values)) if keep else field)
    same_depth = all(len(parts) == depth + 2 for parts in files)
    return head, "{name}" if same_depth else "{path}"


_GENERATOR_FILES = (
    ("hugo", ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json")),
    ("mkdocs", ("mkdocs.yml", "mkdocs.yaml")),
    ("docusaurus", ("docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs")),
    ("vitepress", (".vitepress",)),
)
_LAYOUTS = (("hugo", "content/{lang}/"), ("mkdocs", "docs/{lang}/docs/"), ("docusaurus", "i18n/{lang}/"))


def detect_dialect(root: Path, pages: str) -> str:
    """The site generator: from its config file (at the root or up to two folders down), else the layout."""
    for folder in (root, *sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))):
        for dialect, names in _GENERATOR_FILES:
            if any((folder / name).exists() for name in names):
                return dialect
            if folder != root and any(next(folder.glob(f"*/{name}"), None) for name in names):
                return dialect
    if (root / "config.toml").is_file() and (root / "content").is_dir():
        return "hugo"
    return next((dialect for dialect, start in _LAYOUTS if pages.startswith(start)), "vitepress")


_DEFAULT_KEYS = {
    "hugo": ("title", "description", "linkTitle"),
    "docusaurus": ("title", "description", "sidebar_label"),
}
_ATTRIBUTES = {
    "docusaurus": """
# HTML attributes and JSX props whose values are translated (<TabItem label="...">).
attributes = ["title", "alt", "aria-label", "placeholder", "label"]
"""
}
"""Settings a dialect's pages need beyond the defaults."""


def render_config(layout: Layout, project: str, proposal: Proposal | None = None) -> str:
    """A commented ``cheatl10n.toml`` for the layout (and the settings that adopt its translations)."""
    proposal = proposal or Proposal(_DEFAULT_KEYS.get(layout.dialect, DEFAULT_KEYS))
    keys = ", ".join(f'"{key}"' for key in proposal.frontmatter_keys)
    switches = "".join(f"{name} = true\n" for name in proposal.switches) or "code_comments = false\n"
    name = json.dumps(project, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    langs = ", ".join(f'"{lang}"' for lang in layout.languages)
    found = ", ".join(f"{lang} {count}" for lang, count in sorted(layout.counts.items()))
    none_yet = "" if layout.languages else "\n" + NONE_YET.rstrip("\n")
    source_pages = (
        ""
        if layout.source_pages is None
        else f"""
# The source pages, where they are not at 'pages' with the source language.
source_pages = "{layout.source_pages}"
"""
    )
    return f"""\
# cheatl10n settings, written by 'cheatl10n init' (pages found: {found}).

# Name written into each catalog's Project-Id-Version header. Set here, not taken
# from the folder's name, so that a clone in another folder writes the same catalogs.
project = {name}

# The language the pages are written in: its pages are the source of every string.
source_language = "{layout.source_language}"

# Languages to translate into: one catalog per page for each, and one built page.{none_yet}
languages = [{langs}]

# Source and translated pages. {{lang}} is a language code; {{path}} matches one or
# more folders, any other {{field}} exactly one.
pages = "{layout.pages}"
{source_pages}
# One PO catalog per page and language, named by the same fields. Leave a field out
# to share one catalog between pages (docs/shared-catalogs.md).
catalogs = "{layout.catalogs}"

# Frontmatter keys whose values are translated (add keys such as labUrl if
# translated pages point them elsewhere).
frontmatter_keys = [{keys}]

# Parts of code translators translate (see docs/code.md): comments of any language
# (code_comments), Python strings and docstrings (code_strings), output blocks
# (code_output), table cells that are only code (code_cells). The rest of the code
# is always the source's. Turned on below where the translated pages translate them.
{switches}
# The site generator's Markdown: vitepress, hugo, mkdocs, docusaurus or gfm. It decides
# which syntax is markup (shortcodes, admonitions, includes) and which parts of it are text.
dialect = "{layout.dialect}"
{_ATTRIBUTES.get(layout.dialect, "")}{_exclude(proposal)}"""


def _exclude(proposal: Proposal) -> str:
    """The ``exclude`` setting: active when most pages are translated and some never are, else a comment."""
    head = "\n# Pages that are not translated (no catalogs, not counted), as globs on the source path"
    if not proposal.exclude:
        return head + ':\n# exclude = ["docs/en/docs/release-notes.md", "docs/en/docs/reference/*"]\n'
    missing, done, total = proposal.counts
    lines = "".join(f"    {json.dumps(glob, ensure_ascii=False)},\n" for glob in proposal.exclude)
    setting = f"exclude = [\n{lines}]\n"
    if proposal.exclude_clear:
        found = f"# {done} of {total} source pages are translated; these {missing} are in no language:\n"
        return f"{head}.\n{found}{setting}"
    commented = "".join(f"# {line}\n" for line in setting.splitlines())
    return (
        f"{head}.\n# Only {done} of {total} source pages are translated so far; these {missing} are in\n"
        f"# no language. If the site never translates them, uncomment:\n{commented}"
    )


def write_config(root: Path, langs: tuple[str, ...] = (), source: str | None = None) -> tuple[Path, Layout]:
    """Detect the layout of the site at ``root`` and write its config; never overwrites one.

    ``langs`` are added to the languages found; ``source`` overrides the source language.
    """
    target = root / CONFIG_NAME
    if target.exists():
        raise ConfigError(f"{CONFIG_NAME} already exists; remove it first to start over", target)
    layout = detect_layout(root, source)
    if layout.source_language in langs:
        raise ConfigError(f"{layout.source_language!r} is the source language, not one to translate into")
    added = tuple(sorted(set(layout.languages) | set(langs)))
    layout = replace(layout, languages=added)
    layout = replace(layout, dialect=detect_dialect(root, layout.pages))
    keys = _DEFAULT_KEYS.get(layout.dialect, DEFAULT_KEYS)
    proposal = propose(
        root, layout.pages, layout.source_language, layout.languages, keys, layout.source_pages
    )
    write_atomic(target, render_config(layout, root.resolve().name, proposal).encode("utf-8"))
    return target, layout
