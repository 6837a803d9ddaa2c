"""check and build on translations that break markup: message, file:line, exit code, output."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from cheatl10n.po.write import dump_po

from support import run_cli

PAGE = """\
---
title: Iterators
---

# Iterators

Call `iter()` on a [list](/cheatsheet/lists) to get an iterator.

Use <router-link to="/builtin/next">next()</router-link> to step it.

| Function | Use |
| --- | --- |
| `next()` | Gets the next item |

Print it with %s or {name} as you like.
"""


@pytest.fixture
def site(make_site: Callable[..., Path]) -> Path:
    root = make_site({"docs/builtin/en/iter.md": PAGE})
    assert run_cli("extract", "-l", "ru", cwd=root).returncode == 0
    return root


def translate(root: Path, msgid: str, msgstr: str) -> int:
    """Put one translation in the ru catalog; the line of its msgstr."""
    catalog = root / "locales/ru/builtin/iter.po"
    po = polib.pofile(str(catalog))
    entry = po.find(msgid)
    assert entry is not None, msgid
    entry.msgstr = msgstr
    catalog.write_bytes(dump_po(po))
    lines = catalog.read_text(encoding="utf-8").split("\n")
    quoted = '"' + polib.escape(msgstr.split("\n")[0])
    return next(
        n
        for n, line in enumerate(lines, 1)
        if (line.startswith("msgstr") and quoted[:20] in line)
        or (line.startswith('msgstr ""') and n < len(lines) and lines[n].startswith(quoted[:20]))
    )


SENTENCE = "Call `iter()` on a [list](/cheatsheet/lists) to get an iterator."
LINK = 'Use <router-link to="/builtin/next">next()</router-link> to step it.'

# Every translation these tests used to block is now a case of tests/cli/hostile/cases.yaml
# (refused, neutralised, or passed with a warning). Two were the old checks' over-strictness
# and now pass: a code span added around a name; and code text or a placeholder dropped
# are warnings (the page still works: code words are often translated, and a page is
# not a format string). Here: the messages through `check`, and what formatting may do.

CASES = [
    (
        SENTENCE,
        "Вызовите `iter()` на [списке](/cheatsheet/tuples).",
        "translation drops link target (/cheatsheet/lists)",
    ),
    (
        LINK,
        "Используйте next(), чтобы сделать шаг.",
        'translation drops or alters tag <router-link to="/builtin/next">',
    ),
    (
        SENTENCE,
        "# Вызовите `iter()` на [списке](/cheatsheet/lists).",
        "translation changes the page's blocks (a paragraph becomes a heading): "
        "escape a line-starting marker with a backslash",
    ),
]


@pytest.mark.parametrize(("msgid", "msgstr", "message"), CASES, ids=[c[2][:40] for c in CASES])
def test_each_check_names_file_line_and_fails_the_run(
    site: Path, msgid: str, msgstr: str, message: str
) -> None:
    line = translate(site, msgid, msgstr)
    result = run_cli("check", "-l", "ru", cwd=site)
    assert result.returncode == 3
    assert f"locales/ru/builtin/iter.po:{line}: error: {message}" in result.stderr
    assert "cheatl10n: error: 1 translation fails its checks" in result.stderr


FORMATTING = [
    # Code spans added around names, or dropped while the text stays.
    (SENTENCE, "Вызовите `iter()` на `list` ([список](/cheatsheet/lists)), `None` не подойдёт."),
    (SENTENCE, "Вызовите iter() на [списке](/cheatsheet/lists)."),
    (SENTENCE, "Вызовите <code>iter()</code> на [списке](/cheatsheet/lists)."),
    # A link written as HTML, the language segment added to its address.
    (SENTENCE, 'Вызовите `iter()` на <a href="/ru/cheatsheet/lists">списке</a>.'),
    (SENTENCE, "**Вызовите** `iter()` на *[списке](/cheatsheet/lists)*."),
    (LINK, 'Шагайте <b>с</b> <router-link to="/builtin/next">next()</router-link>.'),
]


@pytest.mark.parametrize(("msgid", "msgstr"), FORMATTING, ids=[c[1][:30] for c in FORMATTING])
def test_formatting_is_the_translators(site: Path, msgid: str, msgstr: str) -> None:
    translate(site, msgid, msgstr)
    result = run_cli("check", "-l", "ru", cwd=site)
    assert result.returncode == 0, result.stderr
    assert ": error: " not in result.stderr


def test_dropped_code_text_is_a_warning(site: Path) -> None:
    line = translate(site, SENTENCE, "Вызовите на [списке](/cheatsheet/lists), чтобы получить итератор.")
    result = run_cli("check", "-l", "ru", cwd=site)
    assert result.returncode == 0
    assert (
        f"locales/ru/builtin/iter.po:{line}: warning: translation drops code span `iter()`" in result.stderr
    )


def test_warnings_do_not_fail(site: Path) -> None:
    line = translate(site, "Iterators", "Iterators")
    result = run_cli("-v", "check", "-l", "ru", cwd=site)
    assert result.returncode == 0
    assert (
        f"locales/ru/builtin/iter.po:{line}: warning: translation is identical to the source text"
        in result.stderr
    )
    assert "0 with errors, 1 warning" in result.stdout


def test_injection_never_reaches_the_page(site: Path) -> None:
    payload = '<img src="x" onerror="alert(1)">'
    line = translate(site, "Iterators", f"Итераторы {payload}")
    result = run_cli("build", "-l", "ru", cwd=site)
    assert result.returncode == 3
    assert (
        f"locales/ru/builtin/iter.po:{line}: error: translation adds event handler onerror=" in result.stderr
    )
    assert "1 translation failed its checks and was built from the source text" in result.stderr
    page = (site / "docs/builtin/ru/iter.md").read_text(encoding="utf-8")
    assert payload not in page
    assert "# Iterators\n" in page  # the source text stands in for the rejected translation


def test_github_format(site: Path) -> None:
    line = translate(site, SENTENCE, "Вызовите `iter()` на [списке](/cheatsheet/tuples).")
    result = run_cli("check", "-l", "ru", "--format", "github", cwd=site)
    assert result.returncode == 3
    where = f"::error file=locales/ru/builtin/iter.po,line={line}::"
    assert f"{where}translation drops link target (/cheatsheet/lists)" in result.stdout


def test_good_translations_pass_and_are_built(site: Path) -> None:
    translate(site, SENTENCE, "Вызовите `iter()` на [списке](/cheatsheet/lists), чтобы получить итератор.")
    translate(site, LINK, 'Шагайте с <router-link to="/builtin/next">next()</router-link>.')
    assert run_cli("check", "-l", "ru", cwd=site).returncode == 0
    assert run_cli("build", "-l", "ru", cwd=site).returncode == 0
    page = (site / "docs/builtin/ru/iter.md").read_text(encoding="utf-8")
    assert 'Шагайте с <router-link to="/builtin/next">next()</router-link>.' in page


def test_check_skips_fuzzy_entries_unless_asked(site: Path) -> None:
    catalog = site / "locales/ru/builtin/iter.po"
    po = polib.pofile(str(catalog))
    entry = po.find(SENTENCE)
    assert entry is not None
    entry.msgstr = "Вызовите на [списке](/cheatsheet/tuples)."  # drops a code span and a link
    entry.flags.append("fuzzy")
    catalog.write_bytes(dump_po(po))
    skipped = run_cli("check", "-l", "ru", cwd=site)
    assert skipped.returncode == 0, skipped.stderr
    assert "error" not in skipped.stderr
    included = run_cli("check", "-l", "ru", "--include-fuzzy", cwd=site)
    assert included.returncode == 3
    assert "locales/ru/builtin/iter.po:" in included.stderr and "link target" in included.stderr


def test_check_prints_warnings_unless_quiet(site: Path) -> None:
    translate(site, "Iterators", "Iterators")  # identical to the source: a warning
    shown = run_cli("check", "-l", "ru", cwd=site)
    assert shown.returncode == 0 and ": warning: " in shown.stderr
    hidden = run_cli("--quiet", "check", "-l", "ru", cwd=site)
    assert hidden.returncode == 0 and ": warning: " not in hidden.stderr
