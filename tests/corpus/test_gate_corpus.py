"""The gate on the published ru and de pages: it refuses only the broken translations, and
``import``, ``check`` and ``build`` give the same verdict on every string.

``import`` (code comments on) pairs each published page with its English source
and runs the gate on what it would import; a translation the gate refuses is
imported fuzzy, named in the report with the gate's reason. Those refusals are
listed below one by one, each read on the pages by hand. Then the fuzzy flag
is taken off every refused entry (a translator accepting the import as it is), and
``check`` and ``build`` must refuse exactly the same entries: verdicts compared
string by string, catalog by catalog.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from cheatl10n.po.write import dump_po

from support import CORPUS, run_cli

pytestmark = [pytest.mark.corpus, pytest.mark.slow]  # imports, checks and builds the corpus twice

CONFIG = """\
source_language = "en"
languages = ["ru", "de"]
pages = "docs/{section}/{lang}/{name}.md"
catalogs = "locales/{lang}/{section}/{name}.po"
frontmatter_keys = ["title", "description", "labUrl"]
code_comments = true
"""
NOTE = "import: markup differs"

# (translated page, its line) -> why the translation is broken (read on the pages) and the
# error the gate gives first. Nothing else on the ru and de pages is an error.
BROKEN = {
    ("docs/blog/ru/python-3-14-breaking-free-from-gil.md", 105): (
        "the heading's link to the exception-handling page is gone",
        'translation drops or alters tag <router-link to="/cheatsheet/exception-handling">',
    ),
    ("docs/cheatsheet/ru/basics.md", 222): (
        "the HTML link became Markdown inside an HTML block, where Markdown is not parsed: "
        "the reader sees [PEP 572](https://...) as text and no link",
        "translation drops link target (https://peps.python.org/pep-0572/)",
    ),
    ("docs/cheatsheet/ru/control-flow.md", 358): (
        "the same for PEP 636: Markdown link text inside an HTML block, no link",
        "translation drops link target (https://peps.python.org/pep-0636/)",
    ),
    ("docs/blog/de/python-3-14-breaking-free-from-gil.md", 129): (
        "three of the four links (return, break, continue) are gone; only finally keeps its link",
        'translation drops or alters tag <router-link to="/cheatsheet/control-flow#break-statements">',
    ),
}
_REFUSED = re.compile(
    r"^  docs/\S+:\d+: (docs/\S+?):(\d+): markup differs, imported as fuzzy: .*?: (translation .*)$"
)
_FINDING = re.compile(r"^(locales/\S+\.po):(\d+): error: ")


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """For each language, a copy of the corpus after ``import``, and import's report."""
    if not (CORPUS / "docs").is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    out = {}
    for lang in ("ru", "de"):
        root = tmp_path_factory.mktemp(f"gate-{lang}")
        shutil.copytree(CORPUS / "docs", root / "docs")
        (root / "cheatl10n.toml").write_text(CONFIG, encoding="utf-8")
        result = run_cli("-v", "import", "--lang", lang, cwd=root)
        assert result.returncode in (0, 3), result.stderr
        out[lang] = (root, result.stdout)
    return out


def test_the_gate_refuses_only_the_broken_translations(imported: dict[str, tuple[Path, str]]) -> None:
    refused = {}
    for _root, report in imported.values():
        for line in report.splitlines():
            match = _REFUSED.match(line)
            if match:
                refused[(match.group(1), int(match.group(2)))] = match.group(3)
    assert set(refused) == set(BROKEN)
    for place, (_why, message) in BROKEN.items():
        assert refused[place] == message, place


def _msgstr_lines(catalog: Path) -> dict[int, str]:
    """msgstr line -> msgid, read from the catalog's text (the line after msgid/msgctxt lines)."""
    lines = catalog.read_text(encoding="utf-8").split("\n")
    po = polib.pofile(str(catalog))
    out = {}
    for entry in po:
        if entry.obsolete:
            continue
        number = next(n for n in range(entry.linenum, len(lines) + 1) if lines[n - 1].startswith("msgstr"))
        out[number] = entry.msgid
    return out


def _verdict(run: subprocess.CompletedProcess[str], root: Path) -> set[tuple[str, str]]:
    """(catalog, msgid) of each entry a run names with an error."""
    found = set()
    by_catalog: dict[str, dict[int, str]] = {}
    for line in run.stderr.splitlines():
        match = _FINDING.match(line)
        if match:
            catalog = match.group(1)
            if catalog not in by_catalog:
                by_catalog[catalog] = _msgstr_lines(root / catalog)
            found.add((catalog, by_catalog[catalog][int(match.group(2))]))
    return found


@pytest.mark.parametrize("lang", ["ru", "de"])
def test_import_check_and_build_agree(imported: dict[str, tuple[Path, str]], lang: str) -> None:
    root, _report = imported[lang]
    refused_by_import = set()
    for catalog in sorted((root / "locales" / lang).rglob("*.po")):
        po = polib.pofile(str(catalog))
        changed = False
        for entry in po:
            if entry.fuzzy and NOTE in (entry.comment or "").split("\n"):
                refused_by_import.add((str(catalog.relative_to(root)), entry.msgid))
                entry.flags.remove("fuzzy")
                changed = True
        if changed:
            catalog.write_bytes(dump_po(po))
    assert len(refused_by_import) == sum(1 for page, _line in BROKEN if f"/{lang}/" in page)
    check = run_cli("check", "-l", lang, cwd=root)
    build = run_cli("build", "-l", lang, "--out", str(root / "out"), cwd=root)
    assert check.returncode == build.returncode == 3
    assert _verdict(check, root) == refused_by_import
    assert _verdict(build, root) == refused_by_import
