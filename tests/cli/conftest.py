"""Markers of the CLI tests (pyproject's marker list is the lead's; this adds to it)."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: takes a minute or more; deselect with -m 'not slow'")
