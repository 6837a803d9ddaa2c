"""Frontmatter goes to libyaml's parser only where it composes exactly what PyYAML's own does."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from cheatl10n.pages.frontmatter import _SIMPLE, compose_yaml

from support import CORPUS

pytestmark = pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML was built without libyaml")

PIECES = [
    "\r\n", "\r", "\t", "\x85", "\u2028", "\ufeff", "😀", "\u00a0", " ", "'", '"', "\\", "#", ":", "-",
    "\n", "|", ">", "\x7f", "\u200b", "é", "a", "b: ", "- ", "  ", ": ", "&a ", "*a", "!!str ", "{",
    "}", "[", "]", ",", "? ", "%", "...", "---", "@", "`", "\\x4", "\\u00", "\\N", "~", "\x00",
]  # fmt: skip
SEEDS = [
    "title: Python Basics - Python Cheat Sheet\ndescription: Learn the basics, fast.\n",
    "title: 'Словари Python - Шпаргалка по Python'\ndescription: \"Das `typing`-Modul\"\n",
    "a: &x 1\nb: *x\n",
    "k: !!python/object:os.system x\n",
    "? complex\n: value\n",
    "a: |2\n   indented\n  x\n",
    "s: 'multi\n  line'\nd: \"esc \\u00e9 \\x41\n  more\"\n",
    "l:\n- a\n- [b, c]\n- {d: e}\n",
    "# c\na: b # t\n",
    "a: null\nb: ~\nc: 2020-01-01\nd: 0x1F\n",
    "k: 'it''s'\nemoji: 😀😀 done\n",
    "\nmeta:\n    layout: article\n    title: 'Python projects: Part 1'\n    date: April 12, 2019\n",
    'title: a\nmeta:\n  description: "b"\n  x: c d\nnext: e\nroute:\n - f\n',
    "a:\n  b:\n    c: d\n  e: f\n",
]


def shape(node: yaml.Node | None) -> object:
    """Everything the segmenter reads from a node: kind, tag, style, marks and value."""
    if node is None:
        return None
    style = getattr(node, "style", None) or None  # libyaml's plain style is "", PyYAML's None
    flow = getattr(node, "flow_style", None)
    head = (type(node).__name__, node.tag, node.start_mark.index, node.end_mark.index, style, flow)
    if isinstance(node, yaml.ScalarNode):
        return (*head, node.value)
    if isinstance(node, yaml.MappingNode):
        return (*head, [(shape(key), shape(value)) for key, value in node.value])
    return (*head, [shape(item) for item in node.value])


def python_parser(text: str) -> object:
    try:
        return shape(yaml.compose(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return "error"


def agree(text: str) -> None:
    expected = python_parser(text)
    try:
        got = shape(compose_yaml(text))
    except yaml.YAMLError:
        got = "error"
    assert got == expected, repr(text)


def corpus_frontmatter() -> list[str]:
    blocks = []
    for page in sorted(Path(CORPUS).glob("docs/*/*/*.md")) if Path(CORPUS).is_dir() else []:
        match = re.match(r"---\n(.*?\n)---\n", page.read_text(encoding="utf-8"), re.DOTALL)
        if match:
            blocks.append(match.group(1))
    return blocks


def test_every_corpus_frontmatter_takes_the_fast_parser_and_composes_the_same() -> None:
    blocks = corpus_frontmatter()
    if not blocks:
        pytest.skip(f"corpus not found at {CORPUS}")
    assert all(_SIMPLE.fullmatch(block) for block in blocks)
    for block in blocks:
        agree(block)


def test_every_corpus_route_block_takes_the_fast_parser_and_composes_the_same() -> None:
    pages = sorted(Path(CORPUS).glob("docs/*/*/*.md")) if Path(CORPUS).is_dir() else []
    routes = [
        match.group(1)
        for page in pages
        if (
            match := re.search(
                r'<route lang="yaml">(.*?)</route>', page.read_text(encoding="utf-8"), re.DOTALL
            )
        )
    ]
    if not routes:
        pytest.skip(f"corpus not found at {CORPUS}")
    assert all(_SIMPLE.fullmatch(route) for route in routes)  # meta: and its keys, indented
    for route in routes:
        agree(route)


def test_mutated_frontmatter_composes_as_the_python_parser_does() -> None:
    rng = random.Random(20261125)
    seeds = SEEDS + corpus_frontmatter()[:60]
    fast = 0
    for _ in range(8000):
        text = rng.choice(seeds)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice(PIECES) + text[at:]
        fast += bool(_SIMPLE.fullmatch(text))
        agree(text)
    assert fast > 800  # the fast path was exercised, not only the fallback


@given(st.lists(st.sampled_from([*PIECES, "title", "x", "1", "true", "null"]), max_size=30))
def test_any_text_composes_as_the_python_parser_does(parts: list[str]) -> None:
    agree("".join(parts) + "\n")
