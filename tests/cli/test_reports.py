"""Reports a user reads: strings with nothing to translate counted apart, GitHub annotations
at catalog lines, a Markdown summary GitHub renders, a progress bar that fits a narrow
terminal, and counted nouns in the right number."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from markdown_it import MarkdownIt

from cheatl10n.po.write import dump_po

from support import numbered_pages, run_cli

PAGE = """\
# abs()

Returns the absolute value of a number.

<router-link to="/builtin/pow">pow()</router-link>

| format | example |
|---|---|
| {:.2f} | time() |

Use `round()` for %(count)d digits.
"""
NOTHING = ['<router-link to="/builtin/pow">pow()</router-link>', "abs()", "{:.2f}", "time()"]


@pytest.fixture
def site(make_site: Callable[..., Path]) -> Path:
    root = make_site({"docs/builtin/en/abs.md": PAGE})
    assert run_cli("extract", cwd=root).returncode == 0
    return root


def _translate(site: Path, done: dict[str, str], fuzzy: tuple[str, ...] = ()) -> None:
    path = site / "locales/ru/builtin/abs.po"
    po = polib.pofile(str(path))
    for msgid, msgstr in done.items():
        entry = po.find(msgid)
        entry.msgstr = msgstr
        if msgid in fuzzy:
            entry.flags.append("fuzzy")
    path.write_bytes(dump_po(po))


def _entry_lines(site: Path) -> dict[str, int]:
    """Each msgid's line in the ru catalog, read from the file's text."""
    lines = (site / "locales/ru/builtin/abs.po").read_text(encoding="utf-8").splitlines()
    return {
        json.loads(line[len("msgid ") :]): number
        for number, line in enumerate(lines, 1)
        if line.startswith('msgid "') and line != 'msgid ""'
    }


def test_strings_with_nothing_to_translate_are_extracted_but_counted_apart(site: Path) -> None:
    msgids = set(_entry_lines(site))
    assert set(NOTHING) <= msgids  # still extracted: no catalog changes for sites already translated
    _translate(
        site,
        {
            "Returns the absolute value of a number.": "Возвращает модуль числа.",
            "format": "формат",
            "example": "пример",
            "Use `round()` for %(count)d digits.": "`round()` для %(count)d знаков.",
        },
    )
    built = run_cli("build", "--lang", "ru", "--fail-on", "untranslated", cwd=site)
    assert built.returncode == 0, built.stderr
    assert "ru: 1 page (1 written), 4/4 translated, 0 untranslated" in built.stdout
    assert "4 with nothing to translate" in built.stdout
    status = json.loads(run_cli("status", "-l", "ru", "--format", "json", cwd=site).stdout)
    strings = status["languages"]["ru"]["totals"]["strings"]
    assert strings["total"] == 8 and strings["nothing_to_translate"] == 4 and strings["untranslated"] == 0
    assert status["languages"]["ru"]["totals"]["percent"] == 100.0
    page = (site / "docs/builtin/ru/abs.md").read_text(encoding="utf-8")
    assert "| {:.2f} | time() |" in page and "# abs()" in page  # kept as the source has them


def test_a_string_with_words_around_code_still_needs_translating(site: Path) -> None:
    built = run_cli("build", "--lang", "ru", "--fail-on", "untranslated", cwd=site)
    assert built.returncode == 3
    assert "4 untranslated (--fail-on untranslated)" in built.stderr


def test_github_annotates_every_stale_string_at_its_catalog_line(site: Path) -> None:
    _translate(site, {"format": "формат", "example": "пример"}, fuzzy=("example",))
    lines = _entry_lines(site)
    result = run_cli("build", "--lang", "ru", "--format", "github", "--fail-on", "fuzzy", cwd=site)
    assert result.returncode == 3
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    catalog = "locales/ru/builtin/abs.po"
    assert f"::error file={catalog},line={lines['example']}::fuzzy (ru): example" in annotations
    untranslated = "Returns the absolute value of a number."
    assert f"::notice file={catalog},line={lines[untranslated]}::untranslated (ru): {untranslated}" in (
        annotations
    )
    assert len(annotations) == 3  # 2 untranslated and 1 fuzzy; none for the 4 with nothing to translate


def test_github_annotates_failed_checks_and_missing_strings(site: Path) -> None:
    _translate(site, {"Use `round()` for %(count)d digits.": "`round()`: %(count)d <script>x</script>"})
    page = site / "docs/builtin/en/abs.md"
    page.write_text(PAGE + "\nA new paragraph.\n", encoding="utf-8")
    result = run_cli("build", "--lang", "ru", "--format", "github", "--fail-on", "missing", cwd=site)
    assert result.returncode == 3
    check_line = _entry_lines(site)["Use `round()` for %(count)d digits."] + 1  # the msgstr's line
    assert re.search(
        rf"^::error file=locales/ru/builtin/abs.po,line={check_line}::.*element <script>", result.stdout, re.M
    )
    assert "::error file=docs/builtin/en/abs.md,line=13::missing (ru): A new paragraph." in result.stdout


def test_markdown_status_renders_a_table_and_lists(site: Path) -> None:
    markdown = run_cli("-v", "status", "--format", "markdown", cwd=site).stdout
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    types = [token.type for token in tokens]
    assert types.count("table_open") == 1
    assert types.count("bullet_list_open") == 2  # ru and de: every page with -v
    items = [t.content for t in tokens if t.type == "inline" and t.content.startswith("`locales/")]
    assert items[0].startswith("`locales/ru/builtin/abs.po`: 0.0% (0/4 translated, 4 untranslated")
    assert "4 with nothing to translate" in items[0]


def test_plurals_in_messages(make_site: Callable[..., Path]) -> None:
    root = make_site({"docs/builtin/en/one.md": "# One\n\nOne page only.\n"})
    assert run_cli("extract", "-l", "ru", cwd=root).stdout == "1 page, 2 catalogs, 2 changed\n"
    assert run_cli("extract", "-l", "ru", cwd=root).stdout == "1 page, 2 catalogs, 0 changed\n"
    assert run_cli("extract", cwd=root).stdout == "1 page, 3 catalogs, 1 changed\n"
    assert run_cli("extract", "--quiet", cwd=root).stdout == ""
    checked = run_cli("check", "-l", "ru", cwd=root)
    assert checked.stdout == "1 catalog, 0 translations checked: 0 with errors, 0 warnings\n"


def _pty_run(args: list[str], cwd: Path, columns: int) -> str:
    """Run the CLI with stderr on a pseudo-terminal ``columns`` wide; what the terminal got."""
    import fcntl
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "COLUMNS", "LINES")}
    process = subprocess.Popen(
        [sys.executable, "-m", "cheatl10n", *args],
        cwd=cwd, env={**env, "NO_COLOR": "1"}, stdout=subprocess.DEVNULL, stderr=follower,
    )  # fmt: skip
    os.close(follower)
    out = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the follower side closed: the run ended
            break
        if not chunk:
            break
        out += chunk
    process.wait(timeout=60)
    os.close(leader)
    return out.decode("utf-8")


@pytest.mark.parametrize("columns", [12, 30, 80])
def test_the_progress_bar_fits_a_narrow_terminal(make_site: Callable[..., Path], columns: int) -> None:
    root = make_site(numbered_pages(30))
    seen = _pty_run(["extract", "--jobs", "1"], root, columns)
    updates = [part.replace("\x1b[K", "") for part in seen.split("\r") if part]
    assert len(updates) >= 30  # one per page, each rewriting the same line
    assert all(len(update) <= columns - 1 for update in updates), updates
    assert "\n" not in "".join(updates[:-1])
    if columns >= 30:
        assert any(re.search(r"\[[#.]+\] \d+/30 ", update) for update in updates)
