"""cheatl10n: translate a Markdown documentation site through gettext PO catalogs."""

__version__ = "0.1.0"
