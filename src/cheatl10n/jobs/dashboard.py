"""The translation dashboard: one static HTML page per site (``status --html DIR``).

Progress per language and per section as bars coloured as the badges are, then every
page with work left and its stale strings at their catalog lines. Plain HTML with its
style inline: no script, no file beside it, so a CI job can publish the folder as is.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from cheatl10n.jobs.badges import badge_colour
from cheatl10n.jobs.report import Counts, PageStatus, total_counts

PAGE_NAME = "index.html"
_STYLE = """
body { font: 15px/1.4 system-ui, sans-serif; margin: 2em auto; max-width: 60em; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; width: 100%; } td { padding: .2em .5em; vertical-align: middle; }
td.name { width: 14em; } td.count { width: 16em; text-align: right; color: #555; font-size: .9em; }
.bar { background: #e0e0e0; height: 1.1em; border-radius: 3px; overflow: hidden; }
.bar > div { height: 100%; }
details { margin: .3em 0; } summary { cursor: pointer; }
ul.stale { font-size: .9em; margin: .3em 0 .8em; }
code { background: #f4f4f4; padding: 0 .2em; }
""".strip()


def section_of(catalog: str, lang: str, catalogs_pattern: str) -> str:
    """The section of a page: the first folder of its catalog after the language's folder.

    >>> section_of("locales/ru/builtin/abs.po", "ru", "locales/{lang}/{section}/{name}.po")
    'builtin'
    >>> section_of("locales/ru/index.po", "ru", "locales/{lang}/{path}.po")
    '(top)'
    """
    head = catalogs_pattern.split("{lang}", 1)[0] + lang
    rest = catalog[len(head) :].lstrip("/") if catalog.startswith(head) else catalog
    return rest.split("/", 1)[0] if "/" in rest else "(top)"


def _bar(counts: Counts) -> str:
    percent = counts.percent()
    return (
        f'<div class="bar" title="{percent:.1f}%"><div style="width:{percent:.1f}%;'
        f'background:{badge_colour(percent)}"></div></div>'
    )


def _row(name: str, counts: Counts) -> str:
    described = escape(f"{counts.percent():.1f}% · {counts.translated}/{counts.to_translate()} strings")
    return (
        f'<tr><td class="name">{escape(name)}</td><td>{_bar(counts)}</td>'
        f'<td class="count">{described}</td></tr>'
    )


def _sections(pages: Sequence[PageStatus], lang: str, catalogs_pattern: str) -> dict[str, Counts]:
    sections: dict[str, Counts] = {}
    for page in pages:
        if page.lang == lang:
            sections.setdefault(section_of(page.catalog, lang, catalogs_pattern), Counts()).add(page.counts)
    return dict(sorted(sections.items()))


def _stale_pages(pages: Sequence[PageStatus], lang: str) -> list[str]:
    out = []
    for page in pages:
        if page.lang != lang or not page.stale:
            continue
        items = "".join(
            f"<li>{escape(item.kind)}: <code>{escape(page.page if item.in_page else page.catalog)}:"
            f"{item.line}</code> {escape(' '.join(item.msgid.split())[:120])}</li>"
            for item in page.stale
        )
        summary = escape(f"{page.catalog} — {page.counts.stale_summary()}")
        out.append(f'<details><summary>{summary}</summary><ul class="stale">{items}</ul></details>')
    return out


def dashboard_html(
    pages: Sequence[PageStatus], langs: Sequence[str], project: str, catalogs_pattern: str
) -> str:
    """The whole dashboard page."""
    title = escape(f"Translation status: {project}")
    out = [
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>',
        f'<meta name="viewport" content="width=device-width"><style>{_STYLE}</style></head><body>',
        f"<h1>{title}</h1>",
        "<table>",
    ]
    out.extend(_row(lang, total_counts(list(pages), lang)) for lang in langs)
    out.append("</table>")
    for lang in langs:
        out.append(f'<h2 id="{escape(lang)}">{escape(lang)}</h2><table>')
        out.extend(_row(name, counts) for name, counts in _sections(pages, lang, catalogs_pattern).items())
        out.append("</table>")
        stale = _stale_pages(pages, lang)
        out.append(f"<p>Pages with work left: {len(stale)}</p>" if stale else "<p>Nothing left to do.</p>")
        out.extend(stale)
    out.append("</body></html>\n")
    return "\n".join(out)
