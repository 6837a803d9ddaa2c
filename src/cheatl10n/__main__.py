"""Entry point for ``python -m cheatl10n``."""

from cheatl10n.quick import main

main()
