"""Translations meet pages: the checks every command applies, and the splice that renders a page."""
