"""Print pip constraints pinning every dependency of pyproject.toml (and its test extra)
to the oldest version it allows: ``name>=X`` becomes ``name==X``.

CI installs the package with these constraints and runs the tests, so a floor that
no longer works fails there instead of on a user's machine.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())["project"]
for requirement in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
    match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*>=\s*([0-9][0-9A-Za-z.]*)\s*", requirement)
    if match:
        sys.stdout.write(f"{match.group(1)}=={match.group(2)}\n")
