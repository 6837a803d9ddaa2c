"""Coverage badges: one small SVG per language (``ru 87%``), coloured by threshold."""

from __future__ import annotations

from html import escape

# (least percent, colour): green when nearly done, red when barely started.
THRESHOLDS = ((90.0, "#2e7d32"), (75.0, "#689f38"), (50.0, "#f9a825"), (25.0, "#ef6c00"), (0.0, "#c62828"))
_CHAR = 7  # approximate width of a character at 11px in a sans-serif font


def badge_colour(percent: float) -> str:
    """The fill colour for a coverage percentage.

    >>> badge_colour(95.0), badge_colour(10.0)
    ('#2e7d32', '#c62828')
    """
    return next(colour for least, colour in THRESHOLDS if percent >= least)


def badge_svg(lang: str, percent: float) -> str:
    """An SVG badge: the language on grey, the percentage on the threshold colour."""
    value = f"{percent:.0f}%"
    left, right = 10 + _CHAR * len(lang), 10 + _CHAR * len(value)
    width = left + right
    label = escape(f"{lang}: {value} translated")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" '
        f'aria-label="{label}">\n'
        f"  <title>{label}</title>\n"
        f'  <rect width="{left}" height="20" rx="3" fill="#555"/>\n'
        f'  <rect x="{left}" width="{right}" height="20" rx="3" fill="{badge_colour(percent)}"/>\n'
        f'  <rect x="{left}" width="4" height="20" fill="{badge_colour(percent)}"/>\n'
        f'  <g fill="#fff" font-family="DejaVu Sans,Verdana,Geneva,sans-serif" font-size="11" '
        f'text-anchor="middle">\n'
        f'    <text x="{left / 2:.1f}" y="14">{escape(lang)}</text>\n'
        f'    <text x="{left + right / 2:.1f}" y="14">{value}</text>\n'
        f"  </g>\n"
        f"</svg>\n"
    )
