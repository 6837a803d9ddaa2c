"""Splicing translations into the original text.

The cases that only compare the rendered page are in render.cases, beside this file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from support import Case, check_case, read_cases, render


@pytest.mark.parametrize("case", read_cases(Path(__file__).with_name("render.cases")))
def test_render_case(case: Case) -> None:
    check_case(case)


def test_frontmatter_translation_is_quoted_only_when_needed() -> None:
    page = '---\ntitle: Plain\ndescription: "Quoted"\ndate: 2024\n---\nBody.\n'
    out = render(page, {"Plain": "Заголовок: с двоеточием", "Quoted": 'Mit "Zitat"'})
    head = out.split("---\n")[1]
    assert yaml.safe_load(head) == {
        "title": "Заголовок: с двоеточием",
        "description": 'Mit "Zitat"',
        "date": 2024,
    }
    assert out.endswith("date: 2024\n---\nBody.\n")
