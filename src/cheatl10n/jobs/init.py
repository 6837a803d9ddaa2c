"""``init``: look at an existing site, guess its layout and languages, write ``cheatl10n.toml``.

Three layouts are recognized: a language folder inside the tree
(``docs/<section>/<lang>/<page>.md``), a language folder at the top of the
content (``content/<lang>/<path>.md``), and a language suffix
(``<page>.<lang>.md``). The source language is the one with the most pages.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from babel import Locale, UnknownLocaleError

from cheatl10n.config import CONFIG_NAME
from cheatl10n.errors import ConfigError
from cheatl10n.runtime.fsio import write_atomic

_SKIP = {"node_modules", "vendor", "dist", "build", "site-packages", "__pycache__"}


@dataclass(frozen=True, slots=True)
class Layout:
    """What ``init`` found."""

    pages: str
    catalogs: str
    source_language: str
    languages: tuple[str, ...]
    counts: dict[str, int]
    """Pages found per language."""
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


def _markdown_files(root: Path) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP)
        relative = Path(folder).relative_to(root).parts
        found.extend((*relative, name) for name in sorted(files) if name.endswith(".md"))
    return found


def _shape(parts: tuple[str, ...]) -> tuple[str, int, str] | None:
    """(kind, where, language) of one file: a language folder at a depth, or a language suffix."""
    for index, part in enumerate(parts[:-1]):
        if is_language(part):
            return ("folder", index, part)
    stem = parts[-1][: -len(".md")]
    if "." in stem and is_language(stem.rsplit(".", 1)[1]):
        return ("suffix", 0, stem.rsplit(".", 1)[1])
    return None


def detect_layout(root: Path) -> Layout:
    """The site's layout, from its Markdown files."""
    files = _markdown_files(root)
    shapes = {parts: shape for parts in files if (shape := _shape(parts)) is not None}
    if not shapes:
        raise ConfigError(
            f"no translated Markdown pages found under {root} (a language folder or .<lang>.md)"
        )
    kind, depth = Counter((s[0], s[1]) for s in shapes.values()).most_common(1)[0][0]
    chosen = {parts: s[2] for parts, s in shapes.items() if (s[0], s[1]) == (kind, depth)}
    counts = Counter(chosen.values())
    source = max(counts, key=lambda lang: (counts[lang], lang == "en"))
    languages = tuple(sorted(lang for lang in counts if lang != source))
    if kind == "suffix":
        return Layout("{path}.{lang}.md", "locales/{lang}/{path}.po", source, languages, dict(counts))
    head, tail = _fields(list(chosen), depth)
    pages = "/".join([*head, "{lang}", tail]) + ".md"
    catalogs = "/".join(["locales", "{lang}", *[h for h in head if h.startswith("{")], tail]) + ".po"
    return Layout(pages, catalogs, source, languages, dict(counts))


def _fields(files: list[tuple[str, ...]], depth: int) -> tuple[list[str], str]:
    """The folders before the language (literal or ``{section}``), and what follows it."""
    names = ["section", "area", "part", "group"]
    head: list[str] = []
    for index in range(depth):
        values = {parts[index] for parts in files}
        fields = sum(1 for part in head if part.startswith("{"))
        head.append(next(iter(values)) if len(values) == 1 else "{" + names[min(fields, 3)] + "}")
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


_KEYS = {"hugo": '["title", "description", "linkTitle"]'}


def render_config(layout: Layout, project: str) -> str:
    """A commented ``cheatl10n.toml`` for the layout."""
    name = json.dumps(project, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    langs = ", ".join(f'"{lang}"' for lang in layout.languages)
    found = ", ".join(f"{lang} {count}" for lang, count in sorted(layout.counts.items()))
    return f"""\
# cheatl10n settings, written by 'cheatl10n init' (pages found: {found}).

# Name written into each catalog's Project-Id-Version header. Set here, not taken
# from the folder's name, so that a clone in another folder writes the same catalogs.
project = {name}

# The language the pages are written in: its pages are the source of every string.
source_language = "{layout.source_language}"

# Languages to translate into: one catalog per page for each, and one built page.
languages = [{langs}]

# Source and translated pages. {{lang}} is a language code; {{path}} matches one or
# more folders, any other {{field}} exactly one.
pages = "{layout.pages}"

# One PO catalog per page and language, named by the same fields.
catalogs = "{layout.catalogs}"

# Frontmatter keys whose values are translated (add keys such as labUrl if
# translated pages point them elsewhere).
frontmatter_keys = {_KEYS.get(layout.dialect, '["title", "description"]')}

# Translate '#' comments in python code blocks too (code itself never is).
code_comments = false

# The site generator's Markdown: vitepress, hugo, mkdocs, docusaurus or gfm. It decides
# which syntax is markup (shortcodes, admonitions, includes) and which parts of it are text.
dialect = "{layout.dialect}"

# Pages that are not translated (no catalogs, not counted), as globs on the source path:
# exclude = ["docs/en/docs/release-notes.md", "docs/en/docs/reference/*"]
"""


def write_config(root: Path) -> tuple[Path, Layout]:
    """Detect the layout of the site at ``root`` and write its config; never overwrites one."""
    target = root / CONFIG_NAME
    if target.exists():
        raise ConfigError(f"{CONFIG_NAME} already exists; remove it first to start over", target)
    layout = detect_layout(root)
    layout = replace(layout, dialect=detect_dialect(root, layout.pages))
    write_atomic(target, render_config(layout, root.resolve().name).encode("utf-8"))
    return target, layout
