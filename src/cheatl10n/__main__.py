"""Entry point for ``python -m cheatl10n``."""

from cheatl10n.cli.main import main

main()
